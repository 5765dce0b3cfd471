//! What the XML adapters (Moodle XML, QTI) share: parsing with a located error, telling the
//! root element without parsing, element names across QTI versions, and raw element content.

use crate::checks::input;
use crate::findings::{Finding, Msg};
use crate::source::{SourceFile, Span};

/// Parses a whole file. A DTD is allowed (QTI 1.2 and some exports carry one); roxmltree does
/// not expand external entities and bounds internal ones.
pub fn parse(src: &SourceFile) -> Result<roxmltree::Document<'_>, Box<Finding>> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(&src.text, opts).map_err(|e| {
        let pos = e.pos();
        let at = src.offset_of(pos.row, pos.col).min(src.text.len());
        let end = src.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        Box::new(Finding::at(
            &input::PARSE_ERROR,
            src,
            Span::new(at, end),
            Msg::new(
                format!("cannot parse the XML: {e}"),
                format!("impossible d'analyser le XML : {e}"),
            ),
        ))
    })
}

/// The name of the root element (with its prefix, if any), read from the start of the text
/// without parsing the file: after a byte-order mark, the XML declaration, comments,
/// processing instructions and a DOCTYPE. `None` when the text does not start like XML.
pub fn root_name(text: &str) -> Option<&str> {
    let mut s = text.trim_start_matches('\u{feff}');
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix("<?") {
            s = &rest[rest.find("?>")? + 2..];
        } else if let Some(rest) = s.strip_prefix("<!--") {
            s = &rest[rest.find("-->")? + 3..];
        } else if let Some(rest) = s.strip_prefix("<!") {
            // DOCTYPE, possibly with an internal subset in brackets.
            let close = match (rest.find('['), rest.find('>')) {
                (Some(b), Some(g)) if b < g => rest[b..].find("]>").map(|k| b + k + 1)?,
                (_, Some(g)) => g,
                _ => return None,
            };
            s = &rest[close + 1..];
        } else if let Some(rest) = s.strip_prefix('<') {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(rest.len());
            let name = &rest[..end];
            return (!name.is_empty()).then_some(name);
        } else {
            return None;
        }
    }
}

/// An element's name made comparable across QTI versions and styles: local name, lower case,
/// without the `qti-` prefix and hyphens (`qti-simple-choice` and `simpleChoice` both give
/// `simplechoice`).
pub fn key(name: &str) -> String {
    let local = name.rsplit(':').next().unwrap_or(name);
    let local = local.strip_prefix("qti-").unwrap_or(local);
    local
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// True when `name` gives `want` under [`key`] (without allocating).
pub fn is(name: &str, want: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    let local = local.strip_prefix("qti-").unwrap_or(local);
    let mut w = want.bytes();
    for c in local.bytes().filter(|c| *c != b'-' && *c != b'_') {
        if w.next() != Some(c.to_ascii_lowercase()) {
            return false;
        }
    }
    w.next().is_none()
}

/// The byte range of an element's content in the source (between its start and end tags);
/// `None` for an empty element.
pub fn inner(src: &str, node: roxmltree::Node) -> Option<(usize, usize)> {
    let r = node.range();
    let b = src.as_bytes();
    let open_end = super::html::tag_end(b, r.start)?;
    if b.get(open_end.wrapping_sub(1)) == Some(&b'/') && open_end + 1 >= r.end {
        return None;
    }
    let start = open_end + 1;
    let end = src[start..r.end].rfind("</").map(|k| start + k)?;
    (start < end).then_some((start, end))
}

/// The first child element with the given name (compared with [`key`]).
pub fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && is(c.tag_name().name(), name))
}

/// The child elements with the given name (compared with [`key`]).
pub fn children<'a, 'i: 'a>(
    node: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && is(c.tag_name().name(), name))
}

/// An attribute by local name, whatever its namespace.
pub fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// `xml:lang` on the node, with the span of its value.
pub fn lang_attr(src: &str, node: roxmltree::Node) -> Option<(String, Span)> {
    let a = node.attributes().find(|a| {
        a.namespace() == Some("http://www.w3.org/XML/1998/namespace") && a.name() == "lang"
    })?;
    Some((a.value().to_string(), value_span(src, a.range())))
}

/// The span of an attribute's value (inside its quotes) from the attribute's range.
pub fn value_span(src: &str, r: std::ops::Range<usize>) -> Span {
    let raw = &src[r.clone()];
    match (raw.find(['"', '\'']), raw.rfind(['"', '\''])) {
        (Some(a), Some(b)) if a < b => Span::new(r.start + a + 1, r.start + b),
        _ => Span::new(r.start, r.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names() {
        assert_eq!(
            root_name("\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<quiz>"),
            Some("quiz")
        );
        assert_eq!(
            root_name("<!DOCTYPE q [ <!ENTITY a \"b\"> ]>\n<questestinterop>"),
            Some("questestinterop")
        );
        assert_eq!(
            root_name("<imsqti:assessmentItem x='1'>"),
            Some("imsqti:assessmentItem")
        );
        assert_eq!(root_name("hello"), None);
        assert_eq!(root_name("<?xml"), None);
        assert_eq!(key("qti-simple-choice"), "simplechoice");
        assert_eq!(key("q:simpleChoice"), "simplechoice");
        assert!(is("qti-simple-choice", "simplechoice") && is("simpleChoice", "simplechoice"));
        assert!(!is("simpleChoices", "simplechoice") && !is("simple", "simplechoice"));
    }

    #[test]
    fn inner_ranges() {
        let s = "<a><text>x &amp; y</text><text/><text></text></a>";
        let doc = roxmltree::Document::parse(s).unwrap();
        let t: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        let (a, b) = inner(s, t[0]).unwrap();
        assert_eq!(&s[a..b], "x &amp; y");
        assert_eq!(inner(s, t[1]), None);
        assert_eq!(inner(s, t[2]), None);
    }

    #[test]
    fn parse_errors_are_located() {
        let src = SourceFile::new("f.xml", "<quiz>\n  <question>\n  </quiz>\n");
        let f = parse(&src).unwrap_err();
        assert_eq!(f.rule.code, "input/parse-error");
        assert_eq!(f.location.start.line, 3);
    }
}
