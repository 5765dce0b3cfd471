//! Source files and positions: every finding points into one of these.

use std::fmt;
use std::sync::Arc;

/// A byte range in a [`SourceFile`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
    pub fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A 1-based line and a 1-based column counted in characters (Unicode scalar values).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Where a finding is: the file's display path, start and end positions, byte range.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Shared by every location in the file: thousands of findings cost one path.
    pub file: Arc<str>,
    pub start: LineCol,
    pub end: LineCol,
    pub span: Span,
    /// The start and end columns counted in UTF-16 code units, the unit SARIF uses by
    /// default (an astral character such as an emoji counts 2, where `column` counts 1).
    pub utf16: Utf16Columns,
}

/// 1-based start and end columns in UTF-16 code units (0 when unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Utf16Columns {
    pub start: u32,
    pub end: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.start.line, self.start.column)
    }
}

/// An input's text (decoded, without BOM) and its display path.
///
/// Archive members are named `archive.zip!/member/path`.
#[derive(Debug)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        SourceFile {
            path: Arc::from(path.into()),
            text,
            line_starts,
        }
    }

    /// The 0-based index of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Line and character column (both 1-based) of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(&self.text, offset);
        let idx = self.line_index(offset);
        let start = self.line_starts[idx];
        let column = self.text[start..offset].chars().count() + 1;
        LineCol {
            line: (idx + 1) as u32,
            column: column as u32,
        }
    }

    /// The 1-based column of a byte offset counted in UTF-16 code units.
    pub fn utf16_column(&self, offset: usize) -> u32 {
        let offset = floor_char_boundary(&self.text, offset);
        let start = self.line_starts[self.line_index(offset)];
        (self.text[start..offset].encode_utf16().count() + 1) as u32
    }

    pub fn location(&self, span: Span) -> Location {
        Location {
            file: self.path.clone(),
            start: self.line_col(span.start),
            end: self.line_col(span.end),
            span,
            utf16: Utf16Columns {
                start: self.utf16_column(span.start),
                end: self.utf16_column(span.end),
            },
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let idx = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(idx) else {
            return "";
        };
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> usize {
        let idx = (line as usize).saturating_sub(1);
        self.line_starts
            .get(idx)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte offset of a 1-based line and character column (clamped to the line).
    pub fn offset_of(&self, line: u32, column: u32) -> usize {
        let start = self.line_start(line);
        let text = self.line_text(line);
        let col = (column as usize).saturating_sub(1);
        start
            + text
                .char_indices()
                .nth(col)
                .map(|(i, _)| i)
                .unwrap_or(text.len())
    }
}

/// The largest character boundary of `text` at or before `at` (its end when `at` is past
/// it).
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte offsets where lines start: after LF, CRLF or a lone CR.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    // Line ends found with `memchr` (vectorised): a byte loop was 1% of a run.
    let mut ends = memchr::memchr2_iter(b'\r', b'\n', bytes);
    while let Some(i) = ends.next() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            // CRLF: one line end; the iterator's next find is this LF.
            ends.next();
            starts.push(i + 2);
        } else {
            starts.push(i + 1);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("t", "é là\nœuf ici");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        // "là" starts after "é " = 3 bytes, 2 characters.
        assert_eq!(f.line_col(3), LineCol { line: 1, column: 3 });
        let ici = f.text.find("ici").unwrap();
        assert_eq!(f.line_col(ici), LineCol { line: 2, column: 5 });
        assert_eq!(f.line_text(2), "œuf ici");
    }

    #[test]
    fn utf16_columns_count_astral_characters_twice() {
        let f = SourceFile::new("t", "x\né🙂 mot");
        let mot = f.text.find("mot").unwrap();
        assert_eq!(f.line_col(mot), LineCol { line: 2, column: 4 });
        assert_eq!(f.utf16_column(mot), 5);
        let l = f.location(Span::new(mot, mot + 3));
        assert_eq!((l.utf16.start, l.utf16.end), (5, 8));
        assert_eq!((l.start.column, l.end.column), (4, 7));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let f = SourceFile::new("t", "a\r\nbb\rccc\n");
        assert_eq!(f.line_text(1), "a");
        assert_eq!(f.line_text(2), "bb");
        assert_eq!(f.line_text(3), "ccc");
        assert_eq!(f.line_col(f.text.find("ccc").unwrap()).line, 3);
        assert_eq!(f.offset_of(3, 2), f.text.find("cc\n").unwrap());
    }

    /// The line starts as the byte loop found them before `memchr` (stop 15), on texts full
    /// of CR, LF and CRLF in every order.
    #[test]
    fn line_starts_agree_with_a_byte_loop() {
        fn byte_loop(bytes: &[u8]) -> Vec<usize> {
            let mut starts = vec![0];
            let mut i = 0;
            while i < bytes.len() {
                i += 1;
                match bytes[i - 1] {
                    b'\r' if bytes.get(i) == Some(&b'\n') => {
                        i += 1;
                        starts.push(i);
                    }
                    b'\r' | b'\n' => starts.push(i),
                    _ => {}
                }
            }
            starts
        }
        let common: Vec<char> = "a\r\n é".chars().collect();
        let mut breaks = 0;
        for t in crate::analyse::random_text::texts(11, &common, &['\u{2028}'], 40, 7, 20_000) {
            let want = byte_loop(t.as_bytes());
            breaks += want.len() - 1;
            assert_eq!(line_starts(&t), want, "{t:?}");
        }
        assert!(breaks > 100_000, "{breaks}");
    }
}
