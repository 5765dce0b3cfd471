//! What the subtitle adapters (`webvtt.rs`, `srt.rs`) share: lines with their offsets, line
//! breaks in cue text, and the item a cue becomes.

use std::path::Path;

use crate::model::{Declared, Field, Item, ItemKind, Lang, Lesson, MappedText, Role, Timing};
use crate::source::{SourceFile, Span};

/// One line of the source: `text` is `src[start..end]`, without its line break (LF, CRLF or
/// a lone CR).
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Line<'_> {
    /// The span of bytes `a..b` of this line.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.start + a, self.start + b)
    }

    pub fn whole(&self) -> Span {
        Span::new(self.start, self.end)
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The lines of a text.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(Line {
                    text: &text[start..i],
                    start,
                    end: i,
                });
                i += 1;
                start = i;
            }
            b'\r' => {
                let next = if b.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                out.push(Line {
                    text: &text[start..i],
                    start,
                    end: i,
                });
                i = next;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < b.len() {
        out.push(Line {
            text: &text[start..],
            start,
            end: b.len(),
        });
    }
    out
}

/// Appends the line break `src[a..b]` to a cue's text as `\n`: copied when it is an LF, a
/// replacement for CRLF and CR.
pub fn push_line_break(out: &mut MappedText, src: &str, a: usize, b: usize) {
    if &src[a..b] == "\n" {
        out.push_copy("\n", a);
    } else {
        out.push_replacement("\n", Span::new(a, b));
    }
}

/// The lesson id of a subtitle file: its file name without extension.
pub fn lesson_id(src: &SourceFile) -> String {
    let p = Path::new(&*src.path);
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| src.path.to_string())
}

/// A cue read from a file, before it becomes an item.
pub struct Cue {
    /// The identifier written in the file, if any.
    pub id: Option<String>,
    /// From the identifier (or timing) line to the end of the text.
    pub span: Span,
    pub timing: Timing,
    pub text: MappedText,
    /// The lines of text, as written.
    pub text_span: Span,
}

/// The lesson a subtitle file becomes: one item per cue, numbered `cue<N>` from 1 when the
/// cue has no identifier. `numbers[i]` is cue `i`'s position among all cue blocks of the
/// file, broken ones included, so that fixing a cue does not renumber the others.
pub fn lesson(
    src: &SourceFile,
    cues: Vec<(usize, Cue)>,
    language: Option<Declared<Option<Lang>>>,
) -> Lesson {
    let items = cues
        .into_iter()
        .map(|(number, c)| Item {
            id: c
                .id
                .filter(|id| !id.trim().is_empty())
                .unwrap_or_else(|| format!("cue{number}")),
            kind: ItemKind::Cue,
            span: Span::empty(c.span.start),
            level: None,
            language: language.clone(),
            support_language: None,
            fields: vec![Field {
                role: Role::Cue,
                slot: 0,
                alt: 0,
                language: None,
                text: c.text,
                span: c.text_span,
            }],
            timing: Some(c.timing),
            single_answer: None,
        })
        .collect();
    Lesson {
        id: Some(lesson_id(src)),
        title: None,
        span: Span::empty(0),
        items,
    }
}

/// Decodes the character reference at the start of `s` (`&amp;`, `&#233;`, `&#xE9;`),
/// returning what it stands for and its length. Direction marks (`&lrm;`, `&rlm;`) stand for
/// nothing: they are invisible, and glued to a word they would hide it from the lexicon.
pub fn entity(s: &str) -> Option<(String, usize)> {
    let body_end = s
        .char_indices()
        .skip(1)
        .take(12)
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
        .map(|(i, _)| i)?;
    if s.as_bytes()[body_end] != b';' {
        return None;
    }
    let name = &s[1..body_end];
    let decoded = match name {
        "amp" => "&".to_string(),
        "lt" => "<".to_string(),
        "gt" => ">".to_string(),
        "quot" => "\"".to_string(),
        "apos" => "'".to_string(),
        "nbsp" => "\u{A0}".to_string(),
        "lrm" | "rlm" => String::new(),
        _ => {
            let num = name.strip_prefix('#')?;
            let v = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            match char::from_u32(v) {
                Some(c) if v != 0 => c.to_string(),
                _ => return None,
            }
        }
    };
    Some((decoded, body_end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_offsets_whatever_the_line_break() {
        let t = "a\r\nbb\rccc\n\nd";
        let l = lines(t);
        let texts: Vec<&str> = l.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "bb", "ccc", "", "d"]);
        assert_eq!((l[0].end, l[1].start), (1, 3));
        assert_eq!((l[1].end, l[2].start), (5, 6));
        assert_eq!(l[4].start, 11);
    }

    #[test]
    fn entities() {
        assert_eq!(entity("&amp; x"), Some(("&".into(), 5)));
        assert_eq!(entity("&#233;t"), Some(("é".into(), 6)));
        assert_eq!(entity("&#xE9;"), Some(("é".into(), 6)));
        assert_eq!(entity("&lrm;."), Some((String::new(), 5)));
        assert_eq!(entity("&am &amp;"), None);
        assert_eq!(entity("&nbsp"), None);
        assert_eq!(entity("&bogus;"), None);
        assert_eq!(entity("&#0;"), None);
        assert_eq!(entity("&#xD800;"), None);
        assert_eq!(entity("&#99999999999;"), None);
        assert_eq!(entity("&"), None);
    }
}
