//! Normalised sentence text for grammar matching, with a map back to the original.
//!
//! Lower case, typographic apostrophes `’` → `'`, every run of white space → one space, and
//! word characters folded to ASCII (see [`super::fold`]).

/// Normalised text and, for each of its bytes, where the character it came from starts in
/// the original.
#[derive(Debug, Default)]
pub struct Normalized {
    pub text: String,
    /// Offsets from `base` (a sentence is far shorter than 4 GiB).
    starts: Vec<u32>,
    base: usize,
}

/// The memory of a [`Normalized`] text, reused for the next (a sentence at a time, most of
/// the time spent on a sentence is short enough for allocation to show).
#[derive(Debug, Default)]
pub struct Buffers {
    text: Vec<u8>,
    starts: Vec<u32>,
}

/// ASCII white space as `char::is_whitespace` has it (tab to carriage return, space).
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
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
        let (mut text, mut starts) = (buffers.text, buffers.starts);
        text.clear();
        starts.clear();
        // Sized for the usual case (lower-casing keeps the length): no regrowth per byte.
        text.reserve(src.len());
        starts.reserve(src.len());
        let mut in_space = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII, the usual case, byte by byte without decoding.
            if b.is_ascii() {
                if ascii_space(b) {
                    if !in_space && !text.is_empty() {
                        text.push(b' ');
                        starts.push(i as u32);
                    }
                    in_space = true;
                } else {
                    in_space = false;
                    text.push(b.to_ascii_lowercase());
                    starts.push(i as u32);
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
                    text.push(f);
                    starts.push(i as u32);
                    i += 2;
                    continue;
                }
            }
            let Some(c) = src[i..].chars().next() else {
                break;
            };
            let at = i as u32;
            i += c.len_utf8();
            if c.is_whitespace() {
                if !in_space && !text.is_empty() {
                    text.push(b' ');
                    starts.push(at);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let mut push = |c: char| {
                let mut buf = [0u8; 4];
                let enc = c.encode_utf8(&mut buf);
                text.extend_from_slice(enc.as_bytes());
                starts.extend(std::iter::repeat_n(at, enc.len()));
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
            starts.pop();
        }
        Normalized {
            // Only whole characters were pushed.
            text: String::from_utf8(text).unwrap_or_default(),
            starts,
            base: start,
        }
    }

    /// The memory of this text, for the next one (see [`Normalized::reusing`]).
    pub fn buffers(self) -> Buffers {
        Buffers {
            text: self.text.into_bytes(),
            starts: self.starts,
        }
    }

    /// The original byte range of a normalised byte range; `original` is the text given to
    /// [`Normalized::new`].
    pub fn original(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let s = self.starts[start.min(self.starts.len() - 1)] as usize;
        let e = if end == 0 {
            s
        } else {
            // The end of the character the last byte came from.
            let last = self.base + self.starts[(end - 1).min(self.starts.len() - 1)] as usize;
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
