//! Field text that remembers where each of its bytes came from in the source.
//!
//! Adapters decode escapes, fold lines, strip markup: the text analysed is not the
//! raw source. A [`MappedText`] keeps a list of runs mapping text bytes back to source
//! bytes, so that a word found at text offset 12 is reported at its own line and column.

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    text_start: usize,
    text_len: usize,
    src_start: usize,
    src_len: usize,
    /// True when the text bytes are a verbatim copy of the source bytes.
    exact: bool,
}

/// Text plus a map from its bytes to source byte offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    runs: Vec<Run>,
}

impl MappedText {
    /// Text copied verbatim from the source at `src_start`.
    pub fn verbatim(text: &str, src_start: usize) -> Self {
        let mut t = MappedText::default();
        t.push_copy(text, src_start);
        t
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Appends `s`, a verbatim copy of the source bytes at `src_start`.
    pub fn push_copy(&mut self, s: &str, src_start: usize) {
        if s.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(s);
        if let Some(last) = self.runs.last_mut() {
            if last.exact
                && last.text_start + last.text_len == text_start
                && last.src_start + last.src_len == src_start
            {
                last.text_len += s.len();
                last.src_len += s.len();
                return;
            }
        }
        self.runs.push(Run {
            text_start,
            text_len: s.len(),
            src_start,
            src_len: s.len(),
            exact: true,
        });
    }

    /// Appends `s`, which stands for the source bytes `src` (an escape, a folded line break,
    /// an entity, or nothing at all when `src` is empty).
    pub fn push_replacement(&mut self, s: &str, src: Span) {
        if s.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(s);
        self.runs.push(Run {
            text_start,
            text_len: s.len(),
            src_start: src.start,
            src_len: src.len(),
            exact: false,
        });
    }

    /// This text without leading and trailing white space, with its map.
    pub fn trimmed(&self) -> MappedText {
        let s = self.as_str();
        let a = s.len() - s.trim_start().len();
        let e = s.trim_end().len();
        let mut out = MappedText::default();
        if a < e {
            out.push_slice(self, a, e);
        }
        out
    }

    /// Appends `other.as_str()[start..end]` with its own map (to join pieces of several fields,
    /// such as a gapped prompt and the answers that fill its gaps).
    pub fn push_slice(&mut self, other: &MappedText, start: usize, end: usize) {
        // Runs are sorted: skip those that end before `start` (long texts, many slices).
        let first = other
            .runs
            .partition_point(|r| r.text_start + r.text_len <= start);
        for r in &other.runs[first..] {
            if r.text_start >= end {
                break;
            }
            let (a, b) = (
                r.text_start.max(start),
                (r.text_start + r.text_len).min(end),
            );
            if a >= b {
                continue;
            }
            let piece = &other.text[a..b];
            if r.exact {
                self.push_copy(piece, r.src_start + (a - r.text_start));
            } else {
                self.push_replacement(piece, Span::new(r.src_start, r.src_start + r.src_len));
            }
        }
    }

    fn run_at(&self, text_offset: usize) -> Option<&Run> {
        let i = self
            .runs
            .partition_point(|r| r.text_start <= text_offset)
            .checked_sub(1)?;
        self.runs.get(i)
    }

    /// Source offset of the byte at `text_offset` (for the start of a range).
    pub fn source_start(&self, text_offset: usize) -> usize {
        match self.run_at(text_offset) {
            Some(r) if r.exact => r.src_start + (text_offset - r.text_start).min(r.src_len),
            Some(r) if text_offset < r.text_start + r.text_len => r.src_start,
            Some(r) => r.src_start + r.src_len,
            None => 0,
        }
    }

    /// Source offset just after the byte before `text_offset` (for the end of a range).
    pub fn source_end(&self, text_offset: usize) -> usize {
        if text_offset == 0 {
            return self.source_start(0);
        }
        match self.run_at(text_offset - 1) {
            Some(r) if r.exact => r.src_start + (text_offset - r.text_start).min(r.src_len),
            Some(r) => r.src_start + r.src_len,
            None => 0,
        }
    }

    /// The source span of a byte range of the text.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let s = self.source_start(start);
        let e = self.source_end(end);
        Span::new(s, e.max(s))
    }

    /// Builds a mapped text for `value`, the decoded value of a scalar whose raw source is
    /// `raw`, starting at source offset `raw_start`.
    ///
    /// Each character of the value is looked for in the raw text from where the previous one
    /// was found; white space may stand for any white space (folded lines), and up to a few
    /// characters of markup (quotes, escape backslashes) may be skipped. A character that is
    /// not found (a decoded escape such as `\u00e9`) is mapped to the current position.
    pub fn align(value: &str, raw: &str, raw_start: usize) -> Self {
        let mut out = MappedText::default();
        let raw_b = raw.as_bytes();
        let mut pos = 0usize;
        let value_b = value.as_bytes();
        let mut vi = 0usize;
        while vi < value.len() {
            // The bytes the value and the raw text share from here (most of a block scalar's
            // lines): copied in one run, as the characters one by one below would be.
            let mut same = value_b[vi..]
                .iter()
                .zip(&raw_b[pos..])
                .take_while(|(a, b)| a == b)
                .count();
            while !value.is_char_boundary(vi + same) {
                same -= 1;
            }
            if same > 0 {
                out.push_copy(&value[vi..vi + same], raw_start + pos);
                vi += same;
                pos += same;
                continue;
            }
            let ch = value[vi..].chars().next().expect("a character starts here");
            vi += ch.len_utf8();
            pos = out.align_char(&value[vi - ch.len_utf8()..vi], raw, raw_start, pos);
        }
        out
    }

    /// One character `ch_s` of a value (see [`MappedText::align`]), looked for in `raw` from
    /// `pos`, skipping white space freely and at most a few other characters; returns the
    /// position after it.
    fn align_char(&mut self, ch_s: &str, raw: &str, raw_start: usize, pos: usize) -> usize {
        const MAX_SKIP: usize = 10;
        let ch = ch_s.chars().next().unwrap_or('\0');
        let mut j = pos;
        let mut skipped = 0usize;
        let mut found = None;
        while j < raw.len() {
            let rc = raw[j..].chars().next().unwrap_or('\0');
            if rc == ch {
                found = Some((j, false));
                break;
            }
            if ch.is_whitespace() && rc.is_whitespace() {
                found = Some((j, true));
                break;
            }
            if !rc.is_whitespace() {
                skipped += 1;
                if skipped > MAX_SKIP {
                    break;
                }
            }
            j += rc.len_utf8();
        }
        match found {
            Some((j, false)) => {
                self.push_copy(ch_s, raw_start + j);
                j + ch.len_utf8()
            }
            Some((j, true)) => {
                let rc_len = raw[j..].chars().next().map_or(1, char::len_utf8);
                self.push_replacement(ch_s, Span::new(raw_start + j, raw_start + j + rc_len));
                j + rc_len
            }
            None => {
                self.push_replacement(ch_s, Span::empty(raw_start + pos));
                pos
            }
        }
    }
}

/// Decodes a double-quoted string (JSON, or YAML on one line) with its escapes, mapping each
/// decoded character to its escape in the source. `raw` includes the quotes. Returns `None`
/// for anything it cannot decode exactly (the caller then aligns instead).
pub fn decode_double_quoted(raw: &str, raw_start: usize) -> Option<MappedText> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let base = raw_start + 1;
    // No escape and no line break (most strings): the characters one by one below would make
    // this one run.
    if !inner.bytes().any(|b| matches!(b, b'\\' | b'\n' | b'\r')) {
        return Some(MappedText::verbatim(inner, base));
    }
    let mut out = MappedText::default();
    let mut chars = inner.char_indices().peekable();
    let mut pending_high: Option<(u32, usize)> = None;
    while let Some((i, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            return None;
        }
        if c != '\\' {
            out.push_copy(&inner[i..i + c.len_utf8()], base + i);
            continue;
        }
        let (_, e) = chars.next()?;
        let mut hex = |n: usize| -> Option<u32> {
            let mut v = 0u32;
            for _ in 0..n {
                let (_, h) = chars.next()?;
                v = v * 16 + h.to_digit(16)?;
            }
            Some(v)
        };
        let decoded: Option<char> = match e {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            '0' => Some('\0'),
            '"' | '\\' | '/' | ' ' => Some(e),
            'e' => Some('\u{1b}'),
            'N' => Some('\u{85}'),
            '_' => Some('\u{a0}'),
            'L' => Some('\u{2028}'),
            'P' => Some('\u{2029}'),
            'x' => char::from_u32(hex(2)?),
            'U' => char::from_u32(hex(8)?),
            'u' => {
                let v = hex(4)?;
                if (0xD800..0xDC00).contains(&v) {
                    pending_high = Some((v, i));
                    None
                } else if (0xDC00..0xE000).contains(&v) {
                    let (hi, at) = pending_high.take()?;
                    let c = char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (v - 0xDC00))?;
                    let end = chars.peek().map_or(inner.len(), |(j, _)| *j);
                    out.push_replacement(
                        c.encode_utf8(&mut [0; 4]),
                        Span::new(base + at, base + end),
                    );
                    continue;
                } else {
                    char::from_u32(v)
                }
            }
            _ => return None,
        };
        if let Some(d) = decoded {
            let end = chars.peek().map_or(inner.len(), |(j, _)| *j);
            out.push_replacement(d.encode_utf8(&mut [0; 4]), Span::new(base + i, base + end));
        }
    }
    if pending_high.is_some() {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`MappedText::align`] without its shared runs: every character aligned on its own.
    fn align_slow(value: &str, raw: &str, raw_start: usize) -> MappedText {
        let mut out = MappedText::default();
        let mut pos = 0usize;
        for (vi, ch) in value.char_indices() {
            pos = out.align_char(&value[vi..vi + ch.len_utf8()], raw, raw_start, pos);
        }
        out
    }

    #[test]
    fn aligning_by_runs_gives_the_character_by_character_map() {
        let common: Vec<char> = "ab é\n\"'\\\u{2019}\t".chars().collect();
        let rare: Vec<char> = "ÉéΣ漢\u{1F600}\u{A0}".chars().collect();
        let texts: Vec<String> =
            crate::analyse::random_text::texts(5, &common, &rare, 30, 5, 40_000).collect();
        for (k, raw) in texts.iter().enumerate() {
            // A value read from this raw text (lines folded, quotes and escapes dropped),
            // and one read from another text.
            let folded = raw.replace("\n", " ").replace(['"', '\\'], "");
            let other = &texts[(k + 1) % texts.len()];
            for value in [raw.as_str(), folded.as_str(), other.as_str()] {
                assert_eq!(
                    MappedText::align(value, raw, 7),
                    align_slow(value, raw, 7),
                    "{value:?} in {raw:?}"
                );
            }
        }
    }

    #[test]
    fn decodes_json_escapes_exactly() {
        let src = r#"{"t": "ab\ncd \u00e9t\u00e9 \ud83d\ude00 fin"}"#;
        let raw_start = src.find("\"ab").unwrap();
        let raw_end = src.rfind('"').unwrap() + 1;
        let m = decode_double_quoted(&src[raw_start..raw_end], raw_start).unwrap();
        assert_eq!(m.as_str(), "ab\ncd été 😀 fin");
        let i = m.as_str().find("fin").unwrap();
        let s = m.source_span(i, i + 3);
        assert_eq!(&src[s.start..s.end], "fin");
        let i = m.as_str().find("été").unwrap();
        let s = m.source_span(i, i + "été".len());
        assert_eq!(&src[s.start..s.end], "\\u00e9t\\u00e9");
    }

    fn word_span(src: &str, m: &MappedText, word: &str) -> String {
        let i = m.as_str().find(word).unwrap();
        let s = m.source_span(i, i + word.len());
        src[s.start..s.end].to_string()
    }

    #[test]
    fn slices_of_other_texts_keep_their_map() {
        let src = "p: She ___ a doctor.\na: is\n";
        let p = MappedText::verbatim("She ___ a doctor.", 3);
        let a = MappedText::verbatim("is", src.find("is").unwrap());
        let mut m = MappedText::default();
        m.push_slice(&p, 0, 4);
        m.push_slice(&a, 0, 2);
        m.push_slice(&p, 7, p.as_str().len());
        assert_eq!(m.as_str(), "She is a doctor.");
        let s = m.source_span(4, 6);
        assert_eq!(&src[s.start..s.end], "is");
        let i = m.as_str().find("doctor").unwrap();
        let s = m.source_span(i, i + 6);
        assert_eq!(&src[s.start..s.end], "doctor");
    }

    #[test]
    fn verbatim_maps_offsets_directly() {
        let m = MappedText::verbatim("hello world", 10);
        assert_eq!(m.source_span(6, 11), Span::new(16, 21));
    }

    #[test]
    fn aligns_folded_block_scalar() {
        let src = "text: >\n  Ayer fui\n  al mercado.\n";
        let raw_start = src.find("Ayer").unwrap();
        let raw = &src[raw_start..];
        let m = MappedText::align("Ayer fui al mercado.\n", raw, raw_start);
        assert_eq!(word_span(src, &m, "mercado"), "mercado");
        let i = m.as_str().find("al").unwrap();
        assert_eq!(m.source_start(i), src.find("al mercado").unwrap());
    }

    #[test]
    fn aligns_escapes_in_quoted_strings() {
        let src = r#"p: "Il a dit \"oui\" à l'école""#;
        let raw_start = src.find('"').unwrap();
        let raw = &src[raw_start..];
        let m = MappedText::align("Il a dit \"oui\" à l'école", raw, raw_start);
        assert_eq!(word_span(src, &m, "oui"), "oui");
        assert_eq!(word_span(src, &m, "école"), "école");
    }

    #[test]
    fn unfound_characters_map_to_current_position() {
        let src = r#""caf\u00e9 noir""#;
        let m = MappedText::align("café noir", src, 0);
        assert_eq!(word_span(src, &m, "noir"), "noir");
        let e = m.as_str().find('é').unwrap();
        let s = m.source_span(e, e + 'é'.len_utf8());
        assert!(s.start >= 4 && s.start <= 5, "{s:?}");
    }
}
