//! Suppression comments in native YAML lessons (and GIFT, as `//` lines):
//! `# cefrlint: ignore[vocabulary/above-level, grammar]` (or a bare `# cefrlint: ignore`) on
//! an item's first line or on the line just above it drops the matching findings located in
//! that item; on (or just above) a line where no item starts, the findings that start on that
//! line (`level: A1  # cefrlint: ignore[level]`). A suppression that drops nothing is
//! reported as `config/unused-suppression`.
//!
//! In WebVTT, a `NOTE cefrlint: ignore[...]` block applies to the next cue. In Moodle XML, QTI
//! and SCORM pages, an XML comment `<!-- cefrlint: ignore[...] -->` applies to the question or
//! item it stands in, or, outside every item (or just before one), to the next item.

use super::Selector;
use crate::declare_rule;
use crate::model::Document;
use crate::source::{SourceFile, Span};

declare_rule! {
    /// ## What it checks
    /// A suppression that suppresses nothing: a `# cefrlint: ignore[...]` comment whose item
    /// (or line, when no item starts there) has no finding of the rules it names, or an
    /// `ignore-items` entry of the configuration whose item was checked and had nothing to
    /// suppress. Names in a comment that are neither a rule code nor a category are reported
    /// too.
    ///
    /// ## Why it matters
    /// Suppressions outlive the problems they silenced: once the text is fixed, a stale
    /// suppression would hide the next real problem in that item.
    ///
    /// ## Example
    /// ```yaml
    /// items:
    ///   # cefrlint: ignore[vocabulary/above-level]
    ///   - id: q1
    ///     prompt: Where do you live?
    /// ```
    /// Nothing in `q1` is above the level any more: the comment is reported.
    ///
    /// ## How to silence it
    /// Remove the comment (or the `ignore-items` entry), or ignore
    /// `config/unused-suppression` in `cefrlint.yaml`.
    pub static UNUSED_SUPPRESSION = {
        code: "config/unused-suppression",
        severity: Info,
        summary: ("A suppression matches no finding.", "Une suppression ne correspond à aucun signalement."),
        fr: "## Ce que la règle vérifie
Une suppression qui ne supprime rien : un commentaire `# cefrlint: ignore[...]` dont l'item
(ou la ligne, quand aucun item n'y commence) n'a aucun signalement des règles qu'il nomme,
ou une entrée `ignore-items` de la configuration dont l'item a été vérifié sans rien à
supprimer. Les noms d'un commentaire qui ne sont ni un code de règle ni une catégorie sont
aussi signalés.

## Pourquoi
Les suppressions survivent aux problèmes qu'elles faisaient taire : une fois le texte
corrigé, une suppression périmée cacherait le prochain vrai problème de cet item.

## Exemple
```yaml
items:
  # cefrlint: ignore[vocabulary/above-level]
  - id: q1
    prompt: Where do you live?
```
Plus rien dans `q1` n'est au-dessus du niveau : le commentaire est signalé.

## Comment la désactiver
Supprimez le commentaire (ou l'entrée `ignore-items`), ou ignorez
`config/unused-suppression` dans `cefrlint.yaml`.
",
    }
}

/// Where an item lies in its file: from its first key to the next item (or its lesson's end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extent {
    pub id: String,
    pub start: usize,
    pub end: usize,
}

/// The extent of every item of a document. The last item of a lesson runs to the lesson's
/// end when the lesson's span covers it; otherwise (a Moodle category's lesson is located at
/// the category's name) to the next item of the document, or the end of the file.
pub fn extents(src: &SourceFile, doc: &Document) -> Vec<Extent> {
    let mut all: Vec<usize> = doc
        .lessons
        .iter()
        .flat_map(|l| l.items.iter().map(|i| i.span.start))
        .collect();
    all.sort_unstable();
    let next_item = |after: usize| {
        all.iter()
            .copied()
            .find(|&x| x > after)
            .unwrap_or(src.text.len())
    };
    let mut out: Vec<Extent> = Vec::new();
    for lesson in &doc.lessons {
        let lesson_end = if lesson.span.end > lesson.span.start {
            lesson.span.end
        } else {
            src.text.len()
        };
        let mut starts: Vec<(usize, &str)> = lesson
            .items
            .iter()
            .map(|i| (i.span.start, i.id.as_str()))
            .collect();
        starts.sort();
        for (n, (start, id)) in starts.iter().enumerate() {
            let end = match starts.get(n + 1) {
                Some((next, _)) => *next,
                None if lesson_end > *start => lesson_end.min(next_item(*start)),
                None => next_item(*start),
            };
            out.push(Extent {
                id: id.to_string(),
                start: *start,
                end,
            });
        }
    }
    out
}

impl Extent {
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && (offset < self.end || offset == self.start)
    }
}

/// One `cefrlint: ignore` comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    /// The comment, from `#` to the end of its line.
    pub span: Span,
    /// 1-based line of the comment.
    pub line: u32,
    /// Alone on its line (it then applies to the item on the next line).
    pub own_line: bool,
    /// No `[...]` list: every rule.
    pub bare: bool,
    pub selectors: Vec<Selector>,
    /// Names that are neither a rule code nor a category, with their spans.
    pub unknown: Vec<(String, Span)>,
}

/// Every `# cefrlint: ignore` comment of a YAML source (a `#` at the start of a line or after
/// a space, as YAML comments are).
pub fn comments(src: &SourceFile) -> Vec<Comment> {
    scan(src, "#", true)
}

/// Every `// cefrlint: ignore` comment of a GIFT source (whole lines starting with `//`).
pub fn gift_comments(src: &SourceFile) -> Vec<Comment> {
    scan(src, "//", false)
}

/// How a format writes suppression comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `# cefrlint: ignore[...]` (native YAML).
    Yaml,
    /// `// cefrlint: ignore[...]` lines (GIFT).
    Gift,
    /// `NOTE cefrlint: ignore[...]` blocks (WebVTT).
    WebVtt,
    /// `<!-- cefrlint: ignore[...] -->` (Moodle XML, QTI, SCORM pages).
    Xml,
}

impl Syntax {
    /// The comment syntax of a format (`Format::as_str`, or a package member's format name);
    /// `None` for formats without comments (JSON, SRT, CSV, TSV, Anki, H5P).
    pub fn of(format: &str) -> Option<Syntax> {
        match format {
            "native-yaml" => Some(Syntax::Yaml),
            "gift" => Some(Syntax::Gift),
            "webvtt" => Some(Syntax::WebVtt),
            "moodle-xml" | "qti" | "scorm" => Some(Syntax::Xml),
            _ => None,
        }
    }

    /// Every suppression comment of a source in this syntax.
    pub fn comments(self, src: &SourceFile) -> Vec<Comment> {
        match self {
            Syntax::Yaml => comments(src),
            Syntax::Gift => gift_comments(src),
            Syntax::WebVtt => webvtt_comments(src),
            Syntax::Xml => xml_comments(src),
        }
    }

    /// What a comment applies to (see [`target`] and [`next_target`]).
    pub fn target(self, src: &SourceFile, c: &Comment, items: &[Extent]) -> Option<Extent> {
        match self {
            Syntax::Yaml | Syntax::Gift => target(src, c, items),
            Syntax::WebVtt => next_item(src, c, items),
            Syntax::Xml => xml_target(src, c, items),
        }
    }
}

/// Every `NOTE cefrlint: ignore[...]` block of a WebVTT source: `NOTE` and the directive on
/// one line, or the directive on the line after a lone `NOTE`.
pub fn webvtt_comments(src: &SourceFile) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_note = false;
    let mut prev_blank = true;
    for (i, raw) in src.text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let base = offset;
        offset += raw.len();
        if line.trim().is_empty() {
            in_note = false;
            prev_blank = true;
            continue;
        }
        let starts_note = prev_blank
            && line
                .strip_prefix("NOTE")
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']));
        prev_blank = false;
        let at = if starts_note {
            in_note = true;
            4
        } else if in_note {
            0
        } else {
            continue;
        };
        if !line.contains("cefrlint") {
            continue;
        }
        if let Some(mut c) = parse_comment(line, at, 0, base, (i + 1) as u32) {
            // The whole block line, `NOTE` included.
            c.span = Span::new(base, base + line.len());
            c.own_line = true;
            out.push(c);
        }
    }
    out
}

/// Every `<!-- cefrlint: ignore[...] -->` comment of an XML or HTML source (a comment may
/// span lines; it may stand inside CDATA, as HTML in a question text).
pub fn xml_comments(src: &SourceFile) -> Vec<Comment> {
    let text = &src.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let open = from + i;
        let inner_start = open + 4;
        let Some(j) = text[inner_start..].find("-->") else {
            break;
        };
        let close = inner_start + j + 3;
        from = close;
        let inner = &text[inner_start..inner_start + j];
        if !inner.contains("cefrlint") {
            continue;
        }
        // The directive's list may not run over `-->`: parse the inner text only.
        let line = src.line_col(open).line;
        if let Some(mut c) = parse_comment(inner, 0, 0, inner_start, line) {
            c.span = Span::new(open, close);
            let line_start = src.line_start(line);
            c.own_line = text[line_start..open].trim().is_empty();
            out.push(c);
        }
    }
    out
}

/// The first item starting at or after the end of a comment (WebVTT: the next cue).
fn next_item(_src: &SourceFile, c: &Comment, items: &[Extent]) -> Option<Extent> {
    items
        .iter()
        .filter(|e| e.start >= c.span.end)
        .min_by_key(|e| e.start)
        .cloned()
}

/// XML: the item the comment stands just before (only white space and other comments
/// between them), else the item whose extent holds it, else the next item.
fn xml_target(src: &SourceFile, c: &Comment, items: &[Extent]) -> Option<Extent> {
    let next = next_item(src, c, items);
    if let Some(n) = &next {
        let between = &src.text[c.span.end..n.start];
        if only_space_and_comments(between) {
            return next;
        }
    }
    if let Some(e) = items.iter().find(|e| e.contains(c.span.start)) {
        return Some(e.clone());
    }
    next
}

fn only_space_and_comments(mut s: &str) -> bool {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return true;
        }
        let Some(rest) = s.strip_prefix("<!--") else {
            return false;
        };
        let Some(end) = rest.find("-->") else {
            return false;
        };
        s = &rest[end + 3..];
    }
}

/// Comments starting with `marker`; `trailing`: also after text, following a space.
fn scan(src: &SourceFile, marker: &str, trailing: bool) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, raw) in src.text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let base = offset;
        offset += raw.len();
        if !line.contains("cefrlint") {
            continue;
        }
        for (h, _) in line.match_indices(marker) {
            let before = &line[..h];
            if !(before.trim().is_empty() || trailing && before.ends_with([' ', '\t'])) {
                continue;
            }
            if let Some(c) = parse_comment(line, h, marker.len(), base, (i + 1) as u32) {
                out.push(c);
                break;
            }
        }
    }
    out
}

/// Parses `# cefrlint: ignore[...]` starting at byte `h` (the `#`) of `line`.
fn parse_comment(
    line: &str,
    h: usize,
    marker_len: usize,
    base: usize,
    line_no: u32,
) -> Option<Comment> {
    let rest = line[h + marker_len..].trim_start();
    let rest = rest.strip_prefix("cefrlint:")?.trim_start();
    let after = rest.strip_prefix("ignore")?;
    let mut selectors = Vec::new();
    let mut unknown = Vec::new();
    let after_trim = after.trim_start();
    let bare = !after_trim.starts_with('[');
    if let Some(list) = after_trim.strip_prefix('[') {
        let close = list.find(']')?;
        let list_start = line.len() - list.len();
        let mut pos = list_start;
        for part in list[..close].split(',') {
            let name = part.trim();
            let lead = part.len() - part.trim_start().len();
            let at = base + pos + lead;
            pos += part.len() + 1;
            if name.is_empty() {
                continue;
            }
            match Selector::parse(name) {
                Some(s) => selectors.push(s),
                None => unknown.push((name.to_string(), Span::new(at, at + name.len()))),
            }
        }
        if selectors.is_empty() && unknown.is_empty() {
            return None;
        }
    } else if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        // `ignoreX`: not ours.
        return None;
    }
    Some(Comment {
        span: Span::new(base + h, base + line.len()),
        line: line_no,
        own_line: line[..h].trim().is_empty(),
        bare,
        selectors,
        unknown,
    })
}

/// What a comment applies to: the item starting on its line (for a comment alone on its
/// line, on the next line that is not itself a comment); when no item starts there, that
/// line only (its id is then empty).
pub fn target(src: &SourceFile, c: &Comment, items: &[Extent]) -> Option<Extent> {
    let mut line = c.line;
    if c.own_line {
        loop {
            line += 1;
            if line as usize > src.line_count() {
                return None;
            }
            let t = src.line_text(line).trim_start();
            if !(t.starts_with('#') || t.starts_with("//")) {
                break;
            }
        }
    }
    if let Some(e) = items.iter().find(|e| src.line_col(e.start).line == line) {
        return Some(e.clone());
    }
    let start = src.line_start(line);
    let end = src.line_start(line + 1);
    Some(Extent {
        id: String::new(),
        start,
        end: end.max(start + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bare_listed_and_trailing_comments() {
        let text = "items:\n  # cefrlint: ignore[vocabulary, grammar/above-level]\n  - id: a # cefrlint: ignore\n  - id: b  # cefrlint: ignore[nope]\n";
        let src = SourceFile::new("t.yaml", text);
        let c = comments(&src);
        assert_eq!(c.len(), 3);
        assert!(c[0].own_line);
        assert_eq!(c[0].selectors.len(), 2);
        assert_eq!(c[0].line, 2);
        assert!(!c[1].own_line && c[1].selectors.is_empty() && c[1].unknown.is_empty());
        assert_eq!(c[2].unknown[0].0, "nope");
        let sp = c[2].unknown[0].1;
        assert_eq!(&text[sp.start..sp.end], "nope");
        assert_eq!(&text[c[1].span.start..c[1].span.end], "# cefrlint: ignore");
    }

    #[test]
    fn gift_comments_are_whole_lines() {
        let src = SourceFile::new(
            "t.gift",
            "// cefrlint: ignore[grammar]\n::q1:: Hi // cefrlint: ignore {=a}\n",
        );
        let c = gift_comments(&src);
        assert_eq!(c.len(), 1);
        assert!(c[0].own_line && c[0].selectors.len() == 1);
    }

    #[test]
    fn webvtt_note_blocks() {
        let text = "WEBVTT\n\nNOTE cefrlint: ignore[vocabulary]\n\n1\n00:00.000 --> 00:01.000\nHi\n\nNOTE\ncefrlint: ignore\n\nNOTE a note about cefrlint\n";
        let src = SourceFile::new("t.vtt", text);
        let c = webvtt_comments(&src);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].line, 3);
        assert_eq!(c[0].selectors.len(), 1);
        assert_eq!(
            &text[c[0].span.start..c[0].span.end],
            "NOTE cefrlint: ignore[vocabulary]"
        );
        assert!(c[1].bare && c[1].line == 10);
        // Cue text that mentions the directive is not a NOTE block.
        let src = SourceFile::new(
            "t.vtt",
            "WEBVTT\n\n00:00.000 --> 00:01.000\nNOTE cefrlint: ignore\n",
        );
        assert!(webvtt_comments(&src).is_empty());
    }

    #[test]
    fn xml_comments_one_or_several_lines() {
        let text = "<quiz>\n  <!-- cefrlint: ignore[grammar] -->\n  <question>x <!--\n cefrlint: ignore[vocabulary/above-level,\n nope] --></question>\n<!-- cefrlint: ignored -->\n</quiz>\n";
        let src = SourceFile::new("t.xml", text);
        let c = xml_comments(&src);
        assert_eq!(c.len(), 2, "{c:?}");
        assert!(c[0].own_line && c[0].line == 2);
        assert_eq!(
            &text[c[0].span.start..c[0].span.end],
            "<!-- cefrlint: ignore[grammar] -->"
        );
        assert!(!c[1].own_line && c[1].line == 3);
        assert_eq!(c[1].selectors.len(), 1);
        assert_eq!(c[1].unknown[0].0, "nope");
        let sp = c[1].unknown[0].1;
        assert_eq!(&text[sp.start..sp.end], "nope");
    }

    #[test]
    fn xml_targets() {
        // Item a's text runs to 30, white space from 30 to 40, where item b starts.
        let text = format!("{:<10}{:x<20}{:10}{:x<40}", "<quiz>", "<q>a", "", "<q>b");
        let src = SourceFile::new("t.xml", text);
        let items = vec![
            Extent {
                id: "a".into(),
                start: 10,
                end: 40,
            },
            Extent {
                id: "b".into(),
                start: 40,
                end: 80,
            },
        ];
        let at = |s: usize, e: usize| Comment {
            span: Span::new(s, e),
            line: 1,
            own_line: false,
            bare: true,
            selectors: Vec::new(),
            unknown: Vec::new(),
        };
        // Inside a: a. Just before b (white space only): b. Before every item: a.
        assert_eq!(xml_target(&src, &at(15, 20), &items).unwrap().id, "a");
        assert_eq!(xml_target(&src, &at(30, 35), &items).unwrap().id, "b");
        assert_eq!(xml_target(&src, &at(0, 3), &items).unwrap().id, "a");
        assert_eq!(next_item(&src, &at(60, 62), &items), None);
    }

    #[test]
    fn ignores_other_comments() {
        let src = SourceFile::new(
            "t.yaml",
            "a: b # cefrlint: ignored\nc: d #cefrlint:ignore[]\nurl: x#cefrlint: ignore\n",
        );
        assert!(comments(&src).is_empty());
    }
}
