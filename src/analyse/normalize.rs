//! Normalised sentence text for grammar matching, with a map back to the original.
//!
//! Lower case, typographic apostrophes `’` → `'`, every run of white space → one space, and
//! word characters folded to ASCII (see [`super::fold`]).

/// Normalised text and a map back to the original.
#[derive(Debug, Default)]
pub struct Normalized {
    pub text: String,
    /// Where each byte of `text` came from, as the places where that stops running on:
    /// `(n, o)` says that byte `n` comes from the character at original offset `o` (from
    /// `base`), and each byte after it, up to the next entry, from the byte after the one
    /// before. ASCII text copied as it is needs no entry; a collapsed space or a folded
    /// letter one. (A sentence is far shorter than 4 GiB.)
    jumps: Vec<(u32, u32)>,
    base: usize,
}

/// The memory of a [`Normalized`] text, reused for the next (a sentence at a time, most of
/// the time spent on a sentence is short enough for allocation to show).
#[derive(Debug, Default)]
pub struct Buffers {
    text: Vec<u8>,
    jumps: Vec<(u32, u32)>,
}

/// ASCII white space as `char::is_whitespace` has it (tab to carriage return, space).
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The length of the run of printable ASCII at the start of `bytes` that normalising copies
/// as it is, lower-cased: spaces included, but not one after another space, nor a first one
/// when `drop_space` (the text so far is empty or ends with a space).
///
/// Eight bytes at a time (stop 20: the byte loop took 9 instructions per byte, 3% of
/// English grammar matching): each byte's verdict is the top bit of its byte in a word,
/// computed without carries from one byte into the next, so every flag is exact.
#[inline]
fn plain_run(bytes: &[u8], drop_space: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const LOW7: u64 = ONES * 0x7F;
    let mut after_space = drop_space;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let low = x & LOW7;
        // Below 0x20: the top bit clear, and the low seven bits plus 0x60 below 0x80.
        let below = !((low + ONES * 0x60) | x) & HIGH;
        // 0x7F and above: the top bit set, or the low seven bits plus one reach 0x80.
        let above = ((low + ONES) | x) & HIGH;
        // Spaces: the bytes that are zero once XOR-ed with a space.
        let y = x ^ (ONES * 0x20);
        let space = !(((y & LOW7) + LOW7) | y) & HIGH;
        // A space right after a space (the byte before the first is the last one's).
        let twice = space & ((space << 8) | (u64::from(after_space) << 7));
        let stop = below | above | twice;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        after_space = space >> 63 != 0;
        i += 8;
    }
    i + plain_run_by_byte(&bytes[i..], after_space)
}

/// [`plain_run`] one byte at a time (its last bytes, and the reference its test compares
/// with), `after_space` telling whether the byte before `bytes` was a space.
fn plain_run_by_byte(bytes: &[u8], mut after_space: bool) -> usize {
    bytes
        .iter()
        .position(|&b| {
            let stop = !matches!(b, b' '..=b'~') || (b == b' ' && after_space);
            after_space = b == b' ';
            stop
        })
        .unwrap_or(bytes.len())
}

/// Records that the next byte of the normalised text (byte `len`) comes from original
/// offset `at`, if the running map does not say so already (see [`Normalized::jumps`]).
#[inline]
fn mark(jumps: &mut Vec<(u32, u32)>, len: usize, at: usize) {
    let (len, at) = (len as u32, at as u32);
    if jumps.last().is_none_or(|&(n, o)| o + (len - n) != at) {
        jumps.push((len, at));
    }
}

/// What a full stop between a digit and a space becomes (see [`ordinal_dots`]): a byte that
/// is neither a word character nor one of the stops `,.;:!?` that grammar patterns end
/// clauses with, and that no pattern names.
const ORDINAL_DOT: u8 = b'#';

/// Writes [`ORDINAL_DOT`] for each full stop of a normalised sentence that follows a digit
/// and has a space after it. Such a dot is inside the sentence (trailing space is gone and
/// the segmenter ended no sentence there): an ordinal or a date, "am 3. Mai", "im 19.
/// Jahrhundert". As a dot it ended the clause for the gaps of patterns (`[^,.;:!?]*`):
/// "Das Schloss wurde im 16. Jahrhundert gebaut" was no Präteritum passive (stop 32). One
/// byte for one, so the map back is unchanged; the original text keeps its dot.
fn ordinal_dots(text: &mut [u8]) {
    let mut at = 0;
    while let Some(k) = memchr::memchr(b'.', &text[at..]) {
        let p = at + k;
        if p > 0 && text[p - 1].is_ascii_digit() && text.get(p + 1) == Some(&b' ') {
            text[p] = ORDINAL_DOT;
        }
        at = p + 1;
    }
}

impl Normalized {
    /// Normalises `original[range]`; offsets in the map are offsets into `original`.
    pub fn new(original: &str, start: usize, end: usize) -> Self {
        Self::reusing(original, start, end, Buffers::default())
    }

    /// [`Normalized::new`], in the buffers of an earlier one (see [`Normalized::buffers`]).
    pub fn reusing(original: &str, start: usize, end: usize, buffers: Buffers) -> Self {
        let src = &original[start..end];
        let bytes = src.as_bytes();
        let (mut text, mut jumps) = (buffers.text, buffers.jumps);
        text.clear();
        jumps.clear();
        // Sized for the usual case (lower-casing keeps the length): no regrowth per byte.
        text.reserve(src.len());
        let mut in_space = false;
        let mut i = 0;
        while i < bytes.len() {
            // Runs of printable ASCII with single spaces (words, their punctuation and the
            // spaces between them, the usual case; most English sentences are one run) are
            // copied at once and lower-cased in place, with one entry in the map at most
            // (stop 15: 8% fewer instructions than a byte loop with one map entry per byte;
            // stop 18: spaces inside the run, German normalisation 33 -> 21 M instructions per
            // MB, and English 316 -> 312 without stop 17's separate test for a sentence that
            // is one run). A run does not start with a space that would be dropped (at the
            // start, or after another space) and stops before a second space in a row.
            let run = plain_run(&bytes[i..], in_space || text.is_empty());
            if run > 0 {
                mark(&mut jumps, text.len(), i);
                let from = text.len();
                text.extend_from_slice(&bytes[i..i + run]);
                text[from..].make_ascii_lowercase();
                in_space = bytes[i + run - 1] == b' ';
                i += run;
                continue;
            }
            let b = bytes[i];
            // Other ASCII, byte by byte without decoding.
            if b.is_ascii() {
                if ascii_space(b) {
                    if !in_space && !text.is_empty() {
                        mark(&mut jumps, text.len(), i);
                        text.push(b' ');
                    }
                    in_space = true;
                } else {
                    in_space = false;
                    mark(&mut jumps, text.len(), i);
                    text.push(b.to_ascii_lowercase());
                }
                i += 1;
                continue;
            }
            // À to ÿ, from a table (see `fold::latin1_folded`).
            if b == 0xC3 {
                let f = bytes
                    .get(i + 1)
                    .map_or(0, |&b2| super::fold::latin1_folded(b2));
                if f != 0 {
                    in_space = false;
                    mark(&mut jumps, text.len(), i);
                    text.push(f);
                    i += 2;
                    continue;
                }
            }
            let Some(c) = src[i..].chars().next() else {
                break;
            };
            let at = i;
            i += c.len_utf8();
            if c.is_whitespace() {
                if !in_space && !text.is_empty() {
                    mark(&mut jumps, text.len(), at);
                    text.push(b' ');
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let mut push = |c: char| {
                let mut buf = [0u8; 4];
                // Every byte of the character comes from `at`.
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    jumps.push((text.len() as u32, at as u32));
                    text.push(b);
                }
            };
            if c == '\u{2019}' || c == '\u{02BC}' {
                push('\'');
            } else {
                for lc in c.to_lowercase() {
                    push(super::fold::fold_char(lc));
                }
            }
        }
        if text.last() == Some(&b' ') {
            text.pop();
            // A jump to the space removed is never read (no byte is at or after it).
            if jumps.last().is_some_and(|&(n, _)| n as usize >= text.len()) {
                jumps.pop();
            }
        }
        ordinal_dots(&mut text);
        Normalized {
            // Only whole characters were pushed.
            text: String::from_utf8(text).unwrap_or_default(),
            jumps,
            base: start,
        }
    }

    /// The memory of this text, for the next one (see [`Normalized::reusing`]).
    pub fn buffers(self) -> Buffers {
        Buffers {
            text: self.text.into_bytes(),
            jumps: self.jumps,
        }
    }

    /// Where byte `p` of the text comes from (an offset from `base`).
    fn origin(&self, p: usize) -> usize {
        let p = p as u32;
        let k = self.jumps.partition_point(|&(n, _)| n <= p).max(1) - 1;
        let (n, o) = self.jumps[k];
        (o + (p - n)) as usize
    }

    /// The original byte range of a normalised byte range; `original` is the text given to
    /// [`Normalized::new`].
    pub fn original(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        if self.text.is_empty() {
            return (0, 0);
        }
        let last_byte = self.text.len() - 1;
        let s = self.origin(start.min(last_byte));
        let e = if end == 0 {
            s
        } else {
            // The end of the character the last byte came from.
            let last = self.base + self.origin((end - 1).min(last_byte));
            let width = original
                .get(last..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
            last + width - self.base
        };
        (self.base + s, self.base + e.max(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain ASCII, copied in one run, normalises as it does after a tab (dropped, with
    /// the map then shifted by one byte).
    #[test]
    fn plain_ascii_normalises_as_it_does_after_a_tab() {
        let general = |s: &str| {
            // The same text with a tab in front.
            let t = format!("\t{s}");
            let n = Normalized::new(&t, 0, t.len());
            let map: Vec<_> = (0..n.text.len())
                .map(|p| n.original(&t, p, p + 1))
                .collect();
            (
                n.text.clone(),
                map.iter().map(|&(a, b)| (a - 1, b - 1)).collect::<Vec<_>>(),
            )
        };
        for s in [
            "If I Had Known, I Would Have Come.",
            "x",
            "A b  c",
            " a",
            "a ",
            "DON'T STOP!",
        ] {
            let n = Normalized::new(s, 0, s.len());
            let map: Vec<_> = (0..n.text.len()).map(|p| n.original(s, p, p + 1)).collect();
            assert_eq!((n.text.clone(), map), general(s), "{s:?}");
        }
    }

    /// The run, eight bytes at a time, is the one the byte loop finds: on every byte value
    /// at every place of a word, and on random runs of spaces and printable bytes.
    #[test]
    fn plain_run_stops_where_the_byte_loop_stops() {
        let by_byte = plain_run_by_byte;
        let mut checked = 0;
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    for base in [b'a', b' '] {
                        let mut t = vec![base; len];
                        t[at] = b;
                        for drop in [false, true] {
                            assert_eq!(plain_run(&t, drop), by_byte(&t, drop), "{t:?} {drop}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        let common: Vec<char> = "a  ~!".chars().collect();
        let rare: Vec<char> = "\t\u{7f}é".chars().collect();
        for t in crate::analyse::random_text::texts(11, &common, &rare, 40, 5, 20_000) {
            for drop in [false, true] {
                let t = t.as_bytes();
                assert_eq!(plain_run(t, drop), by_byte(t, drop), "{t:?} {drop}");
                checked += 1;
            }
        }
        assert!(checked > 200_000, "{checked}");
    }

    #[test]
    fn a_dot_after_a_digit_inside_the_sentence_is_no_stop() {
        let s = "Am 3. Mai, um 8.30 Uhr, kam Nr. 7 an: Seite 12.";
        let n = Normalized::new(s, 0, s.len());
        assert_eq!(n.text, "am 3# mai, um 8.30 uhr, kam nr. 7 an: seite 12.");
        // The map back is that of the dot.
        let p = n.text.find('#').unwrap();
        assert_eq!(n.original(s, p, p + 1), (4, 5));
        assert_eq!(&s[4..5], ".");
    }

    #[test]
    fn collapses_space_lowercases_and_maps_back() {
        let orig = "xx  If I  HAD\n  known’t";
        let n = Normalized::new(orig, 2, orig.len());
        assert_eq!(n.text, "if i had known't");
        let i = n.text.find("had").unwrap();
        let (s, e) = n.original(orig, i, i + 3);
        assert_eq!(&orig[s..e], "HAD");
        let i = n.text.find("known't").unwrap();
        let (s, e) = n.original(orig, i, i + "known't".len());
        assert_eq!(&orig[s..e], "known’t");
        // Folded: one ASCII byte per accented letter, mapped back to its two bytes.
        let orig = "Où ÊTES-vous ?";
        let n = Normalized::new(orig, 0, orig.len());
        assert_eq!(n.text, "oT Ites-vous ?");
        let (s, e) = n.original(orig, 3, 7);
        assert_eq!(&orig[s..e], "ÊTES");
    }

    /// The normalisation written char by char, the obvious way (the form before stop 13's
    /// byte loop): the text, and each byte's original character range.
    fn plain(original: &str) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut map = Vec::new();
        let mut push = |text: &mut String, c: char, at: usize, after: usize| {
            text.push(c);
            map.extend(std::iter::repeat_n((at, after), c.len_utf8()));
        };
        let mut in_space = false;
        for (at, c) in original.char_indices() {
            let after = at + c.len_utf8();
            if c.is_whitespace() {
                if !in_space && !text.is_empty() {
                    push(&mut text, ' ', at, after);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            if c == '\u{2019}' || c == '\u{02BC}' {
                push(&mut text, '\'', at, after);
            } else {
                for lc in c.to_lowercase() {
                    push(&mut text, super::super::fold::fold_char(lc), at, after);
                }
            }
        }
        if text.ends_with(' ') {
            text.pop();
            map.pop();
        }
        (text, map)
    }

    #[test]
    fn the_byte_loop_agrees_with_the_plain_form() {
        let common: Vec<char> = "aZ é’'\t\n\r\u{a0}\u{2003}.-İßÉŒ".chars().collect();
        let rare: Vec<char> = "\u{85}\u{202f}ǅﬃΣ€«\u{2bc}×÷ÿþ".chars().collect();
        let mut compared = 0;
        for t in crate::analyse::random_text::texts(7, &common, &rare, 24, 5, 20_000) {
            // Also with text around the range, as sentences are normalised in place.
            let padded = format!("x {t} y");
            let (start, end) = (2, 2 + t.len());
            let n = Normalized::new(&padded, start, end);
            let (text, map) = plain(&t);
            assert_eq!(n.text, text, "{t:?}");
            for s in 0..text.len() {
                for e in s + 1..=text.len() {
                    if !(text.is_char_boundary(s) && text.is_char_boundary(e)) {
                        continue;
                    }
                    let want = (start + map[s].0, start + map[e - 1].1.max(map[s].0));
                    assert_eq!(n.original(&padded, s, e), want, "{t:?} {s}..{e}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 100_000, "{compared}");
    }
}
