//! HTML reduced to the text a learner sees, every byte mapped back to the source.
//!
//! Quiz platforms store their texts as HTML: escaped inside XML text (Moodle writes
//! `&lt;p&gt;Le &lt;b&gt;chat&lt;/b&gt;&lt;/p&gt;`, or the same in a CDATA section), as real
//! XHTML elements (QTI), inside JSON strings (H5P), or as whole pages (SCORM). The functions
//! here strip the markup and keep a [`MappedText`], so that a word is reported at its own
//! line and column in the file, through both levels of escaping.
//!
//! What the reduction does:
//! - tags are removed; block elements (`p`, `br`, `div`, `li`, `h1`–`h6`, `tr`, `td`…) become a
//!   line break so that words of two paragraphs or cells never run together;
//! - `<script>`, `<style>`, `<head>`, `<title>`, `<template>` and their content, comments,
//!   `<!DOCTYPE>` and `<?…?>` are removed; a CDATA section keeps its content as text;
//! - entities are decoded: the XML ones, every Latin-1 named entity (`&eacute;`, `&nbsp;`…),
//!   the common typographic ones (`&rsquo;`, `&hellip;`, `&euro;`…) and numeric ones
//!   (`&#233;`, `&#x2019;`); an unknown entity stays as written;
//! - white space is collapsed as a browser does: a run of ASCII white space becomes one space,
//!   or one line break when a block boundary is inside it; leading and trailing white space is
//!   dropped. A no-break space (`&nbsp;`, U+00A0) is kept: it is visible typography.
//!
//! Not a full HTML parser: enough for the markup that editors and exporters write.
//!
//! For a whole page ([`page`]), only the body is read: the `<title>` is left out of the text
//! (it usually repeats the first heading, and is not part of the page the learner reads);
//! [`page_title`] gives it separately, for a title field.

use crate::model::MappedText;
use crate::source::Span;

/// Elements that end a line of text: their tags are replaced by a line break (sorted).
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// A block boundary in a text built by walking elements (QTI): U+2029 PARAGRAPH SEPARATOR,
/// turned into a line break by [`reduce`] and [`collapse`] (and so never left in a text).
pub const BREAK: char = '\u{2029}';

/// Elements whose content is never shown.
const HIDDEN_TAGS: &[&str] = &["script", "style", "head", "title", "template"];

/// What a pass decodes.
#[derive(Clone, Copy)]
struct Mode {
    /// Tags, comments and CDATA are markup.
    tags: bool,
    /// `&name;` and `&#n;` are decoded (with the HTML table, else the XML one).
    entities: bool,
}

/// The reduced text being built, with the white space waiting to be written.
struct Out {
    text: MappedText,
    /// A pending separator: (line break rather than space, the source it stands for).
    pending: Option<(bool, Span)>,
}

impl Out {
    fn new() -> Self {
        Out {
            text: MappedText::default(),
            pending: None,
        }
    }

    fn space(&mut self, newline: bool, span: Span) {
        match self.pending {
            Some((true, _)) => {}
            Some((false, _)) if !newline => {}
            _ => self.pending = Some((newline, span)),
        }
    }

    fn flush(&mut self) {
        if let Some((nl, span)) = self.pending.take() {
            if !self.text.as_str().is_empty() {
                self.text
                    .push_replacement(if nl { "\n" } else { " " }, span);
            }
        }
    }

    fn copy(&mut self, m: &MappedText, a: usize, b: usize) {
        if a < b {
            self.flush();
            self.text.push_slice(m, a, b);
        }
    }

    fn char(&mut self, c: char, span: Span) {
        if is_space(c) {
            self.space(false, span);
        } else {
            self.flush();
            self.text.push_replacement(c.encode_utf8(&mut [0; 4]), span);
        }
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Reduces HTML held in an already decoded text (a JSON string, XML text whose escapes were
/// decoded) to its visible text, keeping the map to the source.
pub fn reduce(m: &MappedText) -> MappedText {
    run(
        m,
        Mode {
            tags: true,
            entities: true,
        },
    )
}

/// Collapses white space only (plain text: no tags, no entities), trimming both ends.
pub fn collapse(m: &MappedText) -> MappedText {
    run(
        m,
        Mode {
            tags: false,
            entities: false,
        },
    )
}

/// The visible text of an HTML fragment written as is in the source at `start..end`.
pub fn fragment(src: &str, start: usize, end: usize) -> MappedText {
    let end = end.min(src.len());
    let start = start.min(end);
    reduce(&MappedText::verbatim(&src[start..end], start))
}

/// The visible text of HTML escaped inside XML text at `start..end` of the source (Moodle's
/// `&lt;p&gt;…` or `<![CDATA[<p>…]]>`): XML escapes and CDATA first, then the HTML.
pub fn xml_fragment(src: &str, start: usize, end: usize) -> MappedText {
    reduce(&xml_decode(src, start, end))
}

/// Plain XML text at `start..end`: XML escapes and CDATA decoded, white space collapsed.
pub fn xml_plain(src: &str, start: usize, end: usize) -> MappedText {
    collapse(&xml_decode(src, start, end))
}

/// The visible text of a whole HTML page (SCORM): the body's text; the head, and so the
/// `<title>`, left out (see [`page_title`]).
pub fn page(src: &str) -> MappedText {
    fragment(src, 0, src.len())
}

/// The text of a page's `<title>`, when it has a non-empty one.
pub fn page_title(src: &str) -> Option<MappedText> {
    let open = find_ci(src, 0, "<title")?;
    let after = tag_end(src.as_bytes(), open)? + 1;
    let close = find_ci(src, after, "</title")?;
    let t = fragment(src, after, close);
    (!t.as_str().is_empty()).then_some(t)
}

/// The raw XML text at `start..end` with its character references and the five XML entities
/// decoded, CDATA sections unwrapped and comments removed. Nothing else is changed (HTML
/// tags escaped inside stay as text, for [`reduce`]).
pub fn xml_decode(src: &str, start: usize, end: usize) -> MappedText {
    let end = end.min(src.len());
    let start = start.min(end);
    let mut out = MappedText::default();
    let b = src.as_bytes();
    let (mut run, mut i) = (start, start);
    while i < end {
        match b[i] {
            b'&' => {
                if let Some((c, e)) = entity_at(src, i, end, false) {
                    out.push_copy(&src[run..i], run);
                    out.push_replacement(c.encode_utf8(&mut [0; 4]), Span::new(i, e));
                    (i, run) = (e, e);
                    continue;
                }
                i += 1;
            }
            b'<' if src[i..end].starts_with("<![CDATA[") => {
                out.push_copy(&src[run..i], run);
                let a = i + "<![CDATA[".len();
                let close = src[a..end].find("]]>").map_or(end, |k| a + k);
                out.push_copy(&src[a..close], a);
                i = (close + 3).min(end);
                run = i;
            }
            b'<' if src[i..end].starts_with("<!--") => {
                out.push_copy(&src[run..i], run);
                i = src[i..end].find("-->").map_or(end, |k| i + k + 3);
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_copy(&src[run..end], run);
    out
}

/// The reduction itself, over a decoded text.
fn run(m: &MappedText, mode: Mode) -> MappedText {
    let s = m.as_str();
    let b = s.as_bytes();
    let mut out = Out::new();
    let (mut run, mut i) = (0usize, 0usize);
    while i < b.len() {
        if b[i] != b'<' || !mode.tags {
            i += 1;
            continue;
        }
        if s[i..].starts_with("<!--") {
            text(&mut out, m, run, i, mode);
            i = s[i..].find("-->").map_or(s.len(), |k| i + k + 3);
            run = i;
            continue;
        }
        if s[i..].starts_with("<![CDATA[") {
            text(&mut out, m, run, i, mode);
            let a = i + "<![CDATA[".len();
            let close = s[a..].find("]]>").map_or(s.len(), |k| a + k);
            text(
                &mut out,
                m,
                a,
                close,
                Mode {
                    tags: false,
                    entities: false,
                },
            );
            i = (close + 3).min(s.len());
            run = i;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            i += 1;
            continue;
        }
        let Some(close) = tag_end(b, i) else {
            // `<` that never closes: the rest is text.
            break;
        };
        text(&mut out, m, run, i, mode);
        let closing = next == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let name_end = b[name_start..close]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':')))
            .map_or(close, |k| name_start + k);
        let raw_name = &s[name_start..name_end];
        // `html:p`, `xhtml:p`: the local name decides; lower-cased in a small buffer.
        let raw_local = raw_name.rsplit(':').next().unwrap_or("");
        let mut buf = [0u8; 16];
        let local = if raw_local.len() <= buf.len() {
            buf[..raw_local.len()].copy_from_slice(raw_local.as_bytes());
            buf[..raw_local.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..raw_local.len()]).unwrap_or("")
        } else {
            ""
        };
        let self_closing = b[close - 1] == b'/';
        let mut end = close + 1;
        if !closing && !self_closing && HIDDEN_TAGS.contains(&local) {
            let closing_tag = format!("</{raw_name}");
            end = find_ci(s, end, &closing_tag)
                .and_then(|k| tag_end(b, k).map(|g| g + 1))
                .unwrap_or(s.len());
        } else if BLOCK_TAGS.binary_search(&local).is_ok() {
            out.space(true, m.source_span(i, close + 1));
        }
        i = end;
        run = end;
    }
    text(&mut out, m, run, b.len(), mode);
    out.text
}

/// Writes the text `a..b` of `m`: white space collapsed, entities decoded.
fn text(out: &mut Out, m: &MappedText, a: usize, b: usize, mode: Mode) {
    let s = m.as_str();
    let bytes = s.as_bytes();
    let (mut run, mut i) = (a, a);
    while i < b {
        let c = bytes[i];
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
            out.copy(m, run, i);
            let ws = i;
            while i < b && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                i += 1;
            }
            out.space(false, m.source_span(ws, i));
            run = i;
            continue;
        }
        if c == 0xE2 && s[i..b].starts_with(BREAK) {
            // A block boundary marked by an adapter that walked the elements itself.
            out.copy(m, run, i);
            let e = i + BREAK.len_utf8();
            out.space(true, m.source_span(i, e));
            (i, run) = (e, e);
            continue;
        }
        if c == b'&' && mode.entities {
            if let Some((ch, e)) = entity_at(s, i, b, true) {
                out.copy(m, run, i);
                out.char(ch, m.source_span(i, e));
                (i, run) = (e, e);
                continue;
            }
        }
        i += 1;
    }
    out.copy(m, run, b);
}

/// The index of the `>` that ends the tag opened at `open`, skipping quoted attribute values.
pub(crate) fn tag_end(b: &[u8], open: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(open + 1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'>' => return Some(k),
                _ => {}
            },
        }
    }
    None
}

fn find_ci(s: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = s.as_bytes();
    let n = needle.as_bytes();
    if hay.len() < n.len() {
        return None;
    }
    (from..=hay.len() - n.len()).find(|&k| hay[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// The entity starting with the `&` at `i` (before `limit`): its character and the end of the
/// entity. `html` allows HTML's named entities; else only XML's five.
fn entity_at(s: &str, i: usize, limit: usize, html: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let lim = limit.min(i + 34);
    let semi = b[i + 1..lim].iter().position(|&c| c == b';')? + i + 1;
    let name = &s[i + 1..semi];
    if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'#') {
        return None;
    }
    entity(name, html).map(|c| (c, semi + 1))
}

/// Named entities of Latin-1, in the order of their code points from U+00A0.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Other named entities met in course texts (HTML 4's typographic and Latin Extended ones).
const OTHERS: &[(&str, char)] = &[
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("oline", '‾'),
    ("euro", '€'),
    ("trade", '™'),
    ("larr", '←'),
    ("uarr", '↑'),
    ("rarr", '→'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("minus", '−'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("infin", '∞'),
    ("NewLine", '\n'),
    ("Tab", '\t'),
];

/// The character an entity name (`amp`, `eacute`, `#233`, `#xE9`) stands for.
fn entity(name: &str, html: bool) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(v).filter(|c| *c != '\0');
    }
    match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        _ if !html => return None,
        _ => {}
    }
    if let Some(k) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + k as u32);
    }
    OTHERS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source bytes that `word` of the reduced text maps to.
    fn at<'a>(src: &'a str, m: &MappedText, word: &str) -> &'a str {
        let i = m
            .as_str()
            .find(word)
            .unwrap_or_else(|| panic!("{word:?} not in {:?}", m.as_str()));
        let s = m.source_span(i, i + word.len());
        &src[s.start..s.end]
    }

    fn span_of(m: &MappedText, word: &str) -> Span {
        let i = m.as_str().find(word).unwrap();
        m.source_span(i, i + word.len())
    }

    #[test]
    fn block_tags_are_sorted() {
        assert!(BLOCK_TAGS.windows(2).all(|w| w[0] < w[1]));
        let src = "<P>a</P><DIV>b</DIV><Html:Br/>c<SCRIPT>x</script>";
        assert_eq!(fragment(src, 0, src.len()).as_str(), "a\nb\nc");
    }

    #[test]
    fn tags_removed_blocks_separate_words() {
        let src = "<p>Il <b>pleut</b>.</p><p>Nous restons</p><ul><li>un</li><li>deux</li></ul>";
        let m = fragment(src, 0, src.len());
        assert_eq!(m.as_str(), "Il pleut.\nNous restons\nun\ndeux");
        assert_eq!(span_of(&m, "pleut"), Span::new(9, 14));
        assert_eq!(at(src, &m, "restons"), "restons");
        assert_eq!(at(src, &m, "deux"), "deux");
        // The line break stands for the tags between the paragraphs.
        let nl = m.as_str().find('\n').unwrap();
        assert_eq!(at(src, &m, &m.as_str()[nl..nl + 1]), "</p>");
    }

    #[test]
    fn br_and_cells_are_separators() {
        let src = "one<br>two<br/>three<table><tr><td>four</td><td>five</td></tr></table>";
        let m = fragment(src, 0, src.len());
        assert_eq!(m.as_str(), "one\ntwo\nthree\nfour\nfive");
    }

    #[test]
    fn entities_named_and_numeric() {
        let src = "L&rsquo;&eacute;t&#233; &#x2019;&nbsp;! caf&eacute;&amp;th&eacute; &bogus; &#0;";
        let m = fragment(src, 0, src.len());
        assert_eq!(m.as_str(), "L’été ’\u{a0}! café&thé &bogus; &#0;");
        assert_eq!(at(src, &m, "été"), "&eacute;t&#233;");
        assert_eq!(at(src, &m, "’"), "&rsquo;");
        assert_eq!(at(src, &m, "\u{a0}"), "&nbsp;");
        assert_eq!(at(src, &m, "&thé"), "&amp;th&eacute;");
        assert_eq!(at(src, &m, "bogus"), "bogus");
    }

    #[test]
    fn script_style_head_comments_removed() {
        let src = "<html><head><title>T</title><style>p{x:1}</style></head><body>\
                   <!-- note --><script>var a = '<p>';</script><p>Visible <SCRIPT>x()</SCRIPT>text</p>\
                   </body></html>";
        let m = page(src);
        assert_eq!(m.as_str(), "Visible text");
        assert_eq!(at(src, &m, "text"), "text");
        let t = page_title(src).unwrap();
        assert_eq!(t.as_str(), "T");
        assert_eq!(span_of(&t, "T"), Span::new(19, 20));
    }

    #[test]
    fn whitespace_collapsed_and_trimmed() {
        let src = "  <p>\n   Deux   mots\t\n</p>\n\n  <p> fin </p>  ";
        let m = fragment(src, 0, src.len());
        assert_eq!(m.as_str(), "Deux mots\nfin");
        assert_eq!(at(src, &m, "mots"), "mots");
        assert_eq!(at(src, &m, "fin"), "fin");
    }

    #[test]
    fn attributes_with_angle_brackets() {
        let src = r#"<a title="a > b" href='x>y'>lien</a> <img alt="no"> ok"#;
        let m = fragment(src, 0, src.len());
        assert_eq!(m.as_str(), "lien ok");
        assert_eq!(span_of(&m, "lien"), Span::new(28, 32));
    }

    #[test]
    fn double_encoded_html_in_xml_text() {
        let src = "<text>&lt;p&gt;Le &lt;b&gt;chat&lt;/b&gt; dort&amp;nbsp;!&lt;/p&gt;&lt;p&gt;Fin&lt;/p&gt;</text>";
        let a = src.find('>').unwrap() + 1;
        let b = src.rfind("</text>").unwrap();
        let m = xml_fragment(src, a, b);
        assert_eq!(m.as_str(), "Le chat dort\u{a0}!\nFin");
        assert_eq!(span_of(&m, "chat"), Span::new(27, 31));
        assert_eq!(at(src, &m, "chat"), "chat");
        assert_eq!(at(src, &m, "\u{a0}"), "&amp;nbsp;");
        assert_eq!(at(src, &m, "Fin"), "Fin");
    }

    #[test]
    fn cdata_in_xml_text() {
        let src = "<text><![CDATA[<p>Un <i>mot</i> &eacute;crit</p>]]></text>";
        let a = src.find("<![").unwrap();
        let b = src.rfind("</text>").unwrap();
        let m = xml_fragment(src, a, b);
        assert_eq!(m.as_str(), "Un mot écrit");
        assert_eq!(span_of(&m, "mot"), Span::new(24, 27));
        assert_eq!(at(src, &m, "écrit"), "&eacute;crit");
        // Plain XML text: escapes decoded, no HTML.
        let src = "<name>  A &amp; B\n  &#233;t&#xE9; <![CDATA[<x>]]></name>";
        let m = xml_plain(src, 6, src.len() - 7);
        assert_eq!(m.as_str(), "A & B été <x>");
        assert_eq!(at(src, &m, "été"), "&#233;t&#xE9;");
        assert_eq!(at(src, &m, "<x>"), "<x>");
    }

    #[test]
    fn xhtml_elements_in_source_with_cdata() {
        let src = "<itemBody><p>A <![CDATA[<literal>]]> &lt;b&gt; word</p></itemBody>";
        let m = fragment(src, 0, src.len());
        assert_eq!(m.as_str(), "A <literal> <b> word");
        assert_eq!(at(src, &m, "<b>"), "&lt;b&gt;");
        assert_eq!(at(src, &m, "word"), "word");
    }

    #[test]
    fn offsets_inside_a_larger_source() {
        let src = "prefix <p>x&eacute; y</p> suffix";
        let m = fragment(src, 7, 25);
        assert_eq!(m.as_str(), "xé y");
        assert_eq!(span_of(&m, "y"), Span::new(20, 21));
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for s in [
            "<",
            "<p",
            "<!--",
            "<![CDATA[",
            "&",
            "&#",
            "&#x;",
            "&#xFFFFFFFF;",
            "<script>",
            "<a href='>",
            "é<é>é",
            "</",
            "<//>",
            "&amp",
            "<p/>",
            "<title>",
            "]]>",
            "\u{a0}",
        ] {
            let m = fragment(s, 0, s.len());
            let _ = xml_fragment(s, 0, s.len());
            let _ = page(s);
            let _ = page_title(s);
            let sp = m.source_span(0, m.as_str().len());
            assert!(sp.end <= s.len());
        }
    }
}
