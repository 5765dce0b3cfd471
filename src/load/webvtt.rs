//! WebVTT subtitles (`.vtt`): one lesson, one item per cue.
//!
//! Follows the parsing rules of the W3C WebVTT specification (blocks, timestamps, the cue
//! text tokenizer), but where a browser drops a broken part silently, cefrlint reports it at
//! its line and column and reads the rest of the file.

use super::cues::{self, Cue, Line};
use super::{Loaded, Problems};
use crate::checks::{input, metadata};
use crate::findings::Msg;
use crate::model::{Declared, Document, Lang, MappedText, Origin, Timing};
use crate::source::{SourceFile, Span};

/// Maps a WebVTT file into the model.
pub fn read(src: &SourceFile) -> Loaded {
    let mut r = Reader {
        src,
        problems: Problems::new(src),
        language: None,
    };
    let cues = r.file();
    let lesson = cues::lesson(src, cues, r.language.take());
    Loaded {
        document: Some(Document {
            lessons: vec![lesson],
        }),
        findings: r.problems.into_findings(),
    }
}

struct Reader<'a> {
    src: &'a SourceFile,
    problems: Problems<'a>,
    language: Option<Declared<Option<Lang>>>,
}

/// One block of lines, as the specification's "collect a WebVTT block" delimits it.
struct Block {
    /// Index of the first line, and one past the last.
    first: usize,
    end: usize,
    /// Index of the line holding `-->`, when it is the first or second line.
    timing: Option<usize>,
}

fn contains_arrow(line: &Line) -> bool {
    line.text.contains("-->")
}

impl<'a> Reader<'a> {
    fn parse_error(&mut self, span: Span, en: String, fr: String) {
        self.problems
            .push(&input::PARSE_ERROR, span, Msg::new(en, fr));
    }

    fn file(&mut self) -> Vec<(usize, Cue)> {
        let text = &self.src.text;
        let lines = cues::lines(text);
        let mut i = 0;
        let header_ok = lines.first().is_some_and(|l| is_signature(l.text));
        if header_ok {
            i = 1;
            // Header lines up to the first blank line (`Kind:`, `Language:`, old `Region:`),
            // unless a line with `-->` starts the first cue.
            while i < lines.len() && !lines[i].text.is_empty() && !contains_arrow(&lines[i]) {
                self.header_line(&lines[i]);
                i += 1;
            }
        } else {
            let first = lines.first().copied();
            let span = first.map_or(Span::empty(0), |l| {
                let w = l.text.split_whitespace().next().unwrap_or("");
                let at = l.text.find(w).unwrap_or(0);
                l.span(at, at + w.len())
            });
            self.parse_error(
                span,
                "not a WebVTT file: the first line must be `WEBVTT`".into(),
                "ce n'est pas un fichier WebVTT : la première ligne doit être `WEBVTT`".into(),
            );
        }

        let mut out = Vec::new();
        let mut number = 0usize;
        let mut seen_cue = false;
        while i < lines.len() {
            if lines[i].text.is_empty() {
                i += 1;
                continue;
            }
            let block = collect_block(&lines, i);
            i = block.end;
            match block.timing {
                Some(t) => {
                    number += 1;
                    seen_cue = true;
                    if let Some(cue) = self.cue(&lines, &block, t) {
                        out.push((number, cue));
                    }
                }
                None => {
                    let first = &lines[block.first];
                    if is_note(first.text)
                        || is_keyword(first.text, "STYLE")
                        || is_keyword(first.text, "REGION")
                    {
                        continue;
                    }
                    // Before the first cue of a file without header, the garbage is the
                    // missing header, already reported.
                    if !header_ok && !seen_cue {
                        continue;
                    }
                    let next = lines.get(block.first + 1).map(|l| l.text.trim());
                    let (en, fr) = match next {
                        Some(n) if !n.is_empty() => (
                            "text outside a cue: neither this line nor the next is a timing line (`00:00:01.000 --> 00:00:04.000`); players skip it",
                            "texte hors d'un sous-titre : ni cette ligne ni la suivante n'est une ligne de temps (`00:00:01.000 --> 00:00:04.000`) ; les lecteurs l'ignorent",
                        ),
                        _ => (
                            "text outside a cue: it is not followed by a timing line (`00:00:01.000 --> 00:00:04.000`); players skip it",
                            "texte hors d'un sous-titre : il n'est pas suivi d'une ligne de temps (`00:00:01.000 --> 00:00:04.000`) ; les lecteurs l'ignorent",
                        ),
                    };
                    self.parse_error(first.whole(), en.into(), fr.into());
                }
            }
        }
        out
    }

    fn header_line(&mut self, line: &Line) {
        let Some((key, value)) = line.text.split_once(':') else {
            return;
        };
        if !key.trim().eq_ignore_ascii_case("language") {
            return;
        }
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        let at = key.len() + 1 + (value.len() - value.trim_start().len());
        let span = line.span(at, at + v.len());
        let value = Lang::parse(v);
        if value.is_none() {
            self.problems.push(
                &metadata::INVALID_LANGUAGE,
                span,
                Msg::new(
                    format!("`Language: {v}` is not a language code (use ISO 639-1, such as en, fr, es)"),
                    format!("« Language: {v} » n'est pas un code de langue (utilisez l'ISO 639-1 : en, fr, es…)"),
                ),
            );
        }
        self.language = Some(Declared {
            value,
            origin: Origin::File,
            span: Some(span),
            elsewhere: None,
        });
    }

    fn cue(&mut self, lines: &[Line], block: &Block, t: usize) -> Option<Cue> {
        let timing_line = &lines[t];
        let id = (t > block.first).then(|| lines[block.first].text.to_string());
        let timing = match parse_timing(timing_line.text) {
            Ok(timing) => timing,
            Err(e) => {
                let span = timing_line.span(e.start, e.end);
                let shown = &timing_line.text[e.start..e.end];
                let (en, fr) = match e.kind {
                    TimingError::Timestamp => (
                        format!("`{shown}` is not a WebVTT timestamp (mm:ss.ttt or hh:mm:ss.ttt, with two digits for minutes and seconds and three for milliseconds); the cue is skipped"),
                        format!("« {shown} » n'est pas un horodatage WebVTT (mm:ss.ttt ou hh:mm:ss.ttt, avec deux chiffres pour les minutes et les secondes et trois pour les millisecondes) ; le sous-titre est ignoré"),
                    ),
                    TimingError::Arrow => (
                        "expected `-->` between the start and end times; the cue is skipped".to_string(),
                        "`-->` attendu entre les temps de début et de fin ; le sous-titre est ignoré".to_string(),
                    ),
                };
                self.parse_error(span, en, fr);
                return None;
            }
        };
        let text_lines = &lines[t + 1..block.end];
        let start = lines[block.first].start;
        let Some(last) = text_lines.last() else {
            self.no_text(timing_line);
            return None;
        };
        let (a, b) = (text_lines[0].start, last.end);
        let (text, unclosed) = self.cue_text(a, b);
        if text.as_str().trim().is_empty() {
            // A tag left open hides the text: that fault is already reported.
            if !unclosed {
                self.no_text(timing_line);
            }
            return None;
        }
        Some(Cue {
            id,
            span: Span::new(start, b),
            timing,
            text,
            text_span: Span::new(a, b),
        })
    }

    fn no_text(&mut self, timing_line: &Line) {
        self.problems.push(
            &input::INVALID_STRUCTURE,
            timing_line.whole(),
            Msg::new(
                "the cue has no text: nothing is shown during this time",
                "le sous-titre n'a pas de texte : rien n'est affiché pendant ce temps",
            ),
        );
    }

    /// The learner text of the cue text `src[a..b]`: tags removed (a voice's speaker name
    /// with them, and the ruby text of `<rt>`), character references decoded, line breaks
    /// kept as `\n`. Also says whether a tag was left open (reported here).
    fn cue_text(&mut self, a: usize, b: usize) -> (MappedText, bool) {
        let s = &self.src.text;
        let mut out = MappedText::default();
        let mut copy_from = a;
        let mut in_rt = false;
        let mut i = a;
        let flush = |out: &mut MappedText, from: usize, to: usize, skip: bool| {
            if !skip && from < to {
                out.push_copy(&s[from..to], from);
            }
        };
        while i < b {
            let c = s[i..].chars().next().unwrap_or('\0');
            match c {
                '\r' | '\n' => {
                    flush(&mut out, copy_from, i, in_rt);
                    let end = if s[i..].starts_with("\r\n") {
                        i + 2
                    } else {
                        i + 1
                    };
                    if !in_rt {
                        cues::push_line_break(&mut out, s, i, end);
                    }
                    i = end;
                    copy_from = i;
                }
                '<' => {
                    flush(&mut out, copy_from, i, in_rt);
                    let Some(gt) = s[i..b].find('>').map(|g| i + g) else {
                        let line_end = s[i..b].find(['\r', '\n']).map_or(b, |e| i + e);
                        self.parse_error(
                            Span::new(i, line_end),
                            "this tag is never closed with `>`: players hide the rest of the cue".into(),
                            "cette balise n'est jamais fermée par `>` : les lecteurs masquent la suite du sous-titre".into(),
                        );
                        return (out, true);
                    };
                    let tag = &s[i + 1..gt];
                    let closing = tag.starts_with('/');
                    let name = tag
                        .trim_start_matches('/')
                        .split(|c: char| c == '.' || c.is_whitespace())
                        .next()
                        .unwrap_or("");
                    match (closing, name) {
                        (false, "rt") => in_rt = true,
                        (true, "rt" | "ruby") => in_rt = false,
                        _ => {}
                    }
                    i = gt + 1;
                    copy_from = i;
                }
                '&' => match cues::entity(&s[i..b]) {
                    Some((decoded, len)) => {
                        flush(&mut out, copy_from, i, in_rt);
                        if !in_rt {
                            out.push_replacement(&decoded, Span::new(i, i + len));
                        }
                        i += len;
                        copy_from = i;
                    }
                    None => i += 1,
                },
                _ => i += c.len_utf8(),
            }
        }
        flush(&mut out, copy_from, b, in_rt);
        (out, false)
    }
}

/// The specification's "collect a WebVTT block" (outside the header): lines up to a blank
/// one; a line with `-->` is the timing line when it is the first, or the second after an
/// identifier; a later one starts the next block.
fn collect_block(lines: &[Line], first: usize) -> Block {
    let mut timing = None;
    let mut i = first;
    while i < lines.len() {
        let line = &lines[i];
        if line.text.is_empty() {
            break;
        }
        if contains_arrow(line) {
            let n = i - first;
            if timing.is_none() && n <= 1 {
                timing = Some(i);
            } else {
                break;
            }
        }
        i += 1;
    }
    Block {
        first,
        end: i,
        timing,
    }
}

/// `WEBVTT`, alone or followed by a space or a tab and anything.
fn is_signature(line: &str) -> bool {
    match line.strip_prefix("WEBVTT") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t']),
        None => false,
    }
}

/// A comment block: `NOTE`, alone or followed by white space.
fn is_note(line: &str) -> bool {
    match line.strip_prefix("NOTE") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t']),
        None => false,
    }
}

/// `STYLE` or `REGION` alone on its line (trailing white space allowed).
fn is_keyword(line: &str, kw: &str) -> bool {
    line.strip_prefix(kw)
        .is_some_and(|rest| rest.trim().is_empty())
}

#[derive(Debug, PartialEq, Eq)]
enum TimingError {
    Timestamp,
    Arrow,
}

/// A fault in a timing line, at bytes `start..end` of the line.
#[derive(Debug, PartialEq, Eq)]
struct BadTiming {
    kind: TimingError,
    start: usize,
    end: usize,
}

/// Parses `start --> end [settings]`; the settings are ignored.
fn parse_timing(line: &str) -> Result<Timing, BadTiming> {
    let b = line.as_bytes();
    // The end of the token at `from` (a character boundary): up to white space or `-->`, and
    // at least one character.
    let token_end = |from: usize| -> usize {
        let mut e = from;
        for (i, c) in line[from..].char_indices() {
            e = from + i;
            if (c == ' ' || c == '\t' || line[e..].starts_with("-->")) && e > from {
                return e;
            }
            e += c.len_utf8();
        }
        e
    };
    let mut pos = 0;
    let start_ms = timestamp(b, &mut pos).ok_or(BadTiming {
        kind: TimingError::Timestamp,
        start: 0,
        end: token_end(0),
    })?;
    while pos < b.len() && matches!(b[pos], b' ' | b'\t') {
        pos += 1;
    }
    if !line[pos..].starts_with("-->") {
        return Err(BadTiming {
            kind: TimingError::Arrow,
            start: pos,
            end: token_end(pos),
        });
    }
    pos += 3;
    while pos < b.len() && matches!(b[pos], b' ' | b'\t') {
        pos += 1;
    }
    let at = pos;
    let end_ms = timestamp(b, &mut pos).ok_or(BadTiming {
        kind: TimingError::Timestamp,
        start: at,
        end: token_end(at),
    })?;
    Ok(Timing { start_ms, end_ms })
}

/// Collects ASCII digits: their text length and value (`None` when too long to be a time).
fn digits(b: &[u8], pos: &mut usize) -> (usize, Option<u64>) {
    let from = *pos;
    let mut v: Option<u64> = Some(0);
    while *pos < b.len() && b[*pos].is_ascii_digit() {
        v = v
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(u64::from(b[*pos] - b'0')));
        *pos += 1;
    }
    (*pos - from, v)
}

/// The specification's "collect a WebVTT timestamp": `[hours:]mm:ss.ttt`. The first field
/// is the hours when it does not have exactly two digits or is above 59, or when three
/// fields are given; minutes and seconds have two digits, milliseconds three.
fn timestamp(b: &[u8], pos: &mut usize) -> Option<u64> {
    let (n1, v1) = digits(b, pos);
    if n1 == 0 {
        return None;
    }
    let v1 = v1?;
    let hours_first = n1 != 2 || v1 > 59;
    if b.get(*pos) != Some(&b':') {
        return None;
    }
    *pos += 1;
    let (n2, v2) = digits(b, pos);
    if n2 != 2 {
        return None;
    }
    let v2 = v2?;
    let (h, m, s) = if hours_first || b.get(*pos) == Some(&b':') {
        if b.get(*pos) != Some(&b':') {
            return None;
        }
        *pos += 1;
        let (n3, v3) = digits(b, pos);
        if n3 != 2 {
            return None;
        }
        (v1, v2, v3?)
    } else {
        (0, v1, v2)
    };
    if b.get(*pos) != Some(&b'.') {
        return None;
    }
    *pos += 1;
    let (n4, frac) = digits(b, pos);
    if n4 != 3 || m > 59 || s > 59 {
        return None;
    }
    h.checked_mul(3_600_000)?
        .checked_add(m * 60_000 + s * 1000 + frac?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemKind, Role};

    fn ts(s: &str) -> Option<u64> {
        let mut pos = 0;
        let v = timestamp(s.as_bytes(), &mut pos)?;
        (pos == s.len()).then_some(v)
    }

    #[test]
    fn timestamps_follow_the_specification() {
        assert_eq!(ts("00:01.500"), Some(1500));
        assert_eq!(ts("01:02:03.004"), Some(3_723_004));
        assert_eq!(ts("000:00:00.000"), Some(0));
        assert_eq!(ts("120:00:00.000"), Some(432_000_000));
        assert_eq!(ts("0:00:01.000"), Some(1000));
        for bad in [
            "00:00.00",
            "00.00.000",
            "00:000.000",
            "000:00.000",
            "120:00.000",
            "00:60.000",
            "00:00:60.000",
            "00:1d.890",
            "",
            ":",
            "00:00",
            "99999999999999999999:00:00.000",
        ] {
            assert_eq!(ts(bad), None, "{bad}");
        }
    }

    #[test]
    fn timing_lines() {
        let t = parse_timing("00:00:25.000\t\t-->  00:00:27.000 align:start").unwrap();
        assert_eq!((t.start_ms, t.end_ms), (25_000, 27_000));
        let t = parse_timing("00:00.000 --> 00:01.000line:40%").unwrap();
        assert_eq!(t.end_ms, 1000);
        assert!(parse_timing("00:00:25.000-->00:00:27.000").is_ok());
        let e = parse_timing("00:00:07.000 --> 00:00:1d.890").unwrap_err();
        assert_eq!((e.kind, e.start, e.end), (TimingError::Timestamp, 17, 29));
        let e = parse_timing("00:00.000 00:00.001").unwrap_err();
        assert_eq!((e.kind, e.start, e.end), (TimingError::Arrow, 10, 19));
        let e = parse_timing("00:01.000 ---> 00:02.000").unwrap_err();
        assert_eq!((e.kind, e.start, e.end), (TimingError::Arrow, 10, 11));
        let e = parse_timing("-->").unwrap_err();
        assert_eq!((e.start, e.end), (0, 3));
        let e = parse_timing("00:0é.000 --> 00:01.000").unwrap_err();
        assert_eq!((e.start, e.end), (0, 10));
        let e = parse_timing("00:00.000 --> éé").unwrap_err();
        assert_eq!((e.start, e.end), (14, 18));
    }

    fn load(text: &str) -> (SourceFile, Loaded) {
        let src = SourceFile::new("dir/episode.vtt", text);
        let l = read(&src);
        (src, l)
    }

    fn word_at(src: &SourceFile, l: &Loaded, word: &str) -> (u32, u32) {
        for item in l.document.as_ref().unwrap().items() {
            let t = &item.fields[0].text;
            if let Some(i) = t.as_str().find(word) {
                let span = t.source_span(i, i + word.len());
                let lc = src.line_col(span.start);
                return (lc.line, lc.column);
            }
        }
        panic!("{word} not found");
    }

    #[test]
    fn cues_become_items_with_text_mapped_to_the_source() {
        let (src, l) = load(
            "WEBVTT\r\nLanguage: fr\r\n\r\nintro\r\n00:01.000 --> 00:02.500 line:0\r\n<v Marie>Bonjour <i>à</i> tous,\r\nça va&nbsp;?\r\n\r\n00:03.000 --> 00:04.000\r\n<ruby>漢<rt>かん</rt></ruby>字 &amp; &#233;t&#xE9;\r\n",
        );
        assert!(l.findings.is_empty(), "{:?}", l.findings);
        let doc = l.document.as_ref().unwrap();
        assert_eq!(doc.lessons[0].id.as_deref(), Some("episode"));
        let items: Vec<_> = doc.items().collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].id, "intro");
        assert_eq!(items[1].id, "cue2");
        assert_eq!(items[0].kind, ItemKind::Cue);
        assert_eq!(items[0].fields[0].role, Role::Cue);
        assert_eq!(
            items[0].timing,
            Some(Timing {
                start_ms: 1000,
                end_ms: 2500
            })
        );
        assert_eq!(
            items[0].fields[0].text.as_str(),
            "Bonjour à tous,\nça va\u{A0}?"
        );
        assert_eq!(items[1].fields[0].text.as_str(), "漢字 & été");
        assert_eq!(items[0].target_language().map(|l| l.as_str()), Some("fr"));
        assert_eq!(word_at(&src, &l, "tous"), (6, 27));
        assert_eq!(word_at(&src, &l, "ça"), (7, 1));
        assert_eq!(word_at(&src, &l, "字"), (10, 26));
        assert_eq!(word_at(&src, &l, "été"), (10, 34));
    }

    #[test]
    fn faults_are_reported_and_the_other_cues_read() {
        let (src, l) = load(
            "WEBVTT\n\nNOTE a comment\nover two lines\n\nSTYLE\n::cue { color: red }\n\n00:01.000 --> 00:0x.000\nskipped\n\n00:02.000 --> 00:03.000\n\nlost line\n\n00:04.000 --> 00:05.000\n<b>fine\n",
        );
        let doc = l.document.as_ref().unwrap();
        let ids: Vec<_> = doc.items().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["cue3"]);
        let got: Vec<(&str, u32, u32)> = l
            .findings
            .iter()
            .map(|f| (f.rule.code, f.location.start.line, f.location.start.column))
            .collect();
        assert_eq!(
            got,
            [
                ("input/parse-error", 9, 15),
                ("input/invalid-structure", 12, 1),
                ("input/parse-error", 14, 1),
            ]
        );
        let _ = src;
    }

    #[test]
    fn a_missing_header_is_reported_and_the_cues_still_read() {
        let (_, l) = load("\nWEBVTT\n\n00:00.000 --> 00:02.000\ntext\n");
        assert_eq!(l.findings.len(), 1);
        assert_eq!(l.findings[0].rule.code, "input/parse-error");
        assert_eq!(l.findings[0].location.start.line, 1);
        assert_eq!(l.document.unwrap().items().count(), 1);
    }

    #[test]
    fn unclosed_tags_and_empty_files_do_not_panic() {
        for t in [
            "",
            "WEBVTT",
            "WEBVTT\n\n-->",
            "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Joe",
            "WEBVTT\n\n00:00.000 --> 00:01.000\n&",
            "WEBVTT\n\n00:00.000 --> 00:01.000\n<rt>x",
            "WEBVTT\r\r00:00.000 --> 00:01.000\rá\r",
            "\u{FEFF}WEBVTT",
        ] {
            let _ = load(t);
        }
        let (_, l) = load("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Joe It's a tree!\n");
        assert_eq!(l.findings.len(), 1);
        assert_eq!(l.findings[0].rule.code, "input/parse-error");
    }
}
