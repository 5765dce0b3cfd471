//! Normalised sentence text for grammar matching, with a map back to the original.
//!
//! Lower case, typographic apostrophes `’` → `'`, every run of white space → one space, and
//! word characters folded to ASCII (see [`super::fold`]).

/// Normalised text and, for each of its bytes, the original byte range of the character it
/// came from.
#[derive(Debug, Default)]
pub struct Normalized {
    pub text: String,
    /// Offsets from `base` (a sentence is far shorter than 4 GiB).
    starts: Vec<u32>,
    ends: Vec<u32>,
    base: usize,
}

impl Normalized {
    /// Normalises `original[range]`; offsets in the map are offsets into `original`.
    pub fn new(original: &str, start: usize, end: usize) -> Self {
        // Sized for the usual case (lower-casing keeps the length): no regrowth per byte.
        let len = end.saturating_sub(start);
        let mut n = Normalized {
            text: String::with_capacity(len),
            starts: Vec::with_capacity(len),
            ends: Vec::with_capacity(len),
            base: start,
        };
        let mut in_space = false;
        for (i, c) in original[start..end].char_indices() {
            let at = start + i;
            let after = at + c.len_utf8();
            if c.is_whitespace() {
                if !in_space && !n.text.is_empty() {
                    n.push(' ', at, after);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            if c.is_ascii() {
                // The usual case, without the general lower-casing and folding.
                n.text.push(c.to_ascii_lowercase());
                n.starts.push((at - start) as u32);
                n.ends.push((after - start) as u32);
            } else if c == '\u{2019}' || c == '\u{02BC}' {
                n.push('\'', at, after);
            } else {
                for lc in c.to_lowercase() {
                    n.push(super::fold::fold_char(lc), at, after);
                }
            }
        }
        if n.text.ends_with(' ') {
            n.text.pop();
            n.starts.pop();
            n.ends.pop();
        }
        n
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push((start - self.base) as u32);
            self.ends.push((end - self.base) as u32);
        }
    }

    /// The original byte range of a normalised byte range.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let s = self.starts[start.min(self.starts.len() - 1)] as usize;
        let e = if end == 0 {
            s
        } else {
            self.ends[(end - 1).min(self.ends.len() - 1)] as usize
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
        let (s, e) = n.original(i, i + 3);
        assert_eq!(&orig[s..e], "HAD");
        let i = n.text.find("known't").unwrap();
        let (s, e) = n.original(i, i + "known't".len());
        assert_eq!(&orig[s..e], "known’t");
        // Folded: one ASCII byte per accented letter, mapped back to its two bytes.
        let orig = "Où ÊTES-vous ?";
        let n = Normalized::new(orig, 0, orig.len());
        assert_eq!(n.text, "oT Ites-vous ?");
        let (s, e) = n.original(3, 7);
        assert_eq!(&orig[s..e], "ÊTES");
    }
}
