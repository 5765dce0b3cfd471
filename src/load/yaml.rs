//! YAML → spanned [`Node`] tree, on the event parser of `granit-parser` (pure Rust, no unsafe).

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle as GStyle, Span as GSpan};

use super::tree::{Node, NodeKind, ScalarStyle, SyntaxError};
use crate::source::Span;

/// Aliases may not blow a small file up into a huge tree ("billion laughs").
const MAX_NODES: usize = 1_000_000;

/// A parsed YAML stream: the first document's root, and the comments.
pub struct YamlDoc {
    pub root: Option<Node>,
    /// `(span, text after '#')` of every comment, in source order.
    pub comments: Vec<(Span, String)>,
}

enum Frame {
    Seq(Vec<Node>, usize, usize),
    Map(Vec<(Node, Node)>, Option<Node>, usize, usize),
}

fn byte_offset(text: &str, m: &granit_parser::Marker) -> usize {
    if let Some(b) = m.byte_offset() {
        return b.min(text.len());
    }
    // Fall back on line and (character) column.
    let mut line = 1;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if line == m.line() {
            break;
        }
        if c == '\n' {
            line += 1;
            start = i + 1;
        }
    }
    text[start..]
        .char_indices()
        .nth(m.col())
        .map(|(i, _)| start + i)
        .unwrap_or(text.len())
}

fn span_of(text: &str, s: &GSpan) -> Span {
    Span::new(byte_offset(text, &s.start), byte_offset(text, &s.end))
}

/// Parses the first document of a YAML stream.
pub fn parse(text: &str) -> Result<YamlDoc, SyntaxError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut comments = Vec::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    let mut docs = 0usize;

    while let Some(ev) = parser.next_event() {
        let (event, gspan) = ev.map_err(|e| SyntaxError {
            message: e.info(),
            offset: byte_offset(text, e.marker()),
        })?;
        let span = span_of(text, &gspan);
        let finished: Option<Node> = match event {
            Event::StreamStart | Event::StreamEnd => None,
            Event::DocumentStart(..) => {
                docs += 1;
                if docs > 1 {
                    // Only the first document is a lesson file; the rest is ignored.
                    break;
                }
                None
            }
            Event::DocumentEnd => None,
            Event::Comment(body, _) => {
                comments.push((span, body.into_owned()));
                None
            }
            Event::Anchor(..) => None,
            Event::UnresolvedAlias(name) => {
                return Err(SyntaxError {
                    message: format!("alias `*{name}` refers to no anchor"),
                    offset: span.start,
                })
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    nodes += count(n);
                    let mut n = n.clone();
                    n.span = span;
                    Some(n)
                }
                None => {
                    return Err(SyntaxError {
                        message: "alias refers to no anchor".into(),
                        offset: span.start,
                    })
                }
            },
            Event::Scalar(value, style, anchor, _tag) => {
                let style = match style {
                    GStyle::Plain => ScalarStyle::Plain,
                    GStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    GStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    GStyle::Literal => ScalarStyle::Literal,
                    GStyle::Folded => ScalarStyle::Folded,
                };
                let node = Node {
                    kind: NodeKind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                    span,
                };
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                nodes += 1;
                Some(node)
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), span.start, anchor));
                None
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Frame::Map(Vec::new(), None, span.start, anchor));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (kind, start, anchor) = match stack.pop() {
                    Some(Frame::Seq(items, start, anchor)) => (NodeKind::Seq(items), start, anchor),
                    Some(Frame::Map(entries, _, start, anchor)) => {
                        (NodeKind::Map(entries), start, anchor)
                    }
                    None => continue,
                };
                let node = Node {
                    kind,
                    span: Span::new(start, span.end.max(start)),
                };
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                nodes += 1;
                Some(node)
            }
            // Events added by later versions of the parser carry no data for the tree.
            #[allow(unreachable_patterns)]
            _ => None,
        };
        if nodes > MAX_NODES {
            return Err(SyntaxError {
                message: format!("the document expands to more than {MAX_NODES} nodes (aliases)"),
                offset: span.start,
            });
        }
        if let Some(node) = finished {
            match stack.last_mut() {
                None => {
                    if root.is_none() {
                        root = Some(node);
                    }
                }
                Some(Frame::Seq(items, _, _)) => items.push(node),
                Some(Frame::Map(entries, key, _, _)) => match key.take() {
                    None => *key = Some(node),
                    Some(k) => {
                        if let Some(name) = k.as_str() {
                            if entries.iter().any(|(e, _)| e.as_str() == Some(name)) {
                                return Err(SyntaxError {
                                    message: format!("duplicate key `{name}`"),
                                    offset: k.span.start,
                                });
                            }
                        }
                        entries.push((k, node));
                    }
                },
            }
        }
    }
    Ok(YamlDoc { root, comments })
}

fn count(n: &Node) -> usize {
    match &n.kind {
        NodeKind::Scalar { .. } => 1,
        NodeKind::Seq(v) => 1 + v.iter().map(count).sum::<usize>(),
        NodeKind::Map(v) => 1 + v.iter().map(|(k, v)| count(k) + count(v)).sum::<usize>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(src: &str) -> Node {
        parse(src).unwrap().root.unwrap()
    }

    fn word_at(src: &str, node: &Node, word: &str) -> (usize, String) {
        let m = node.mapped_text(src).unwrap();
        let i = m.as_str().find(word).unwrap();
        let s = m.source_span(i, i + word.len());
        (s.start, src[s.start..s.end].to_string())
    }

    #[test]
    fn spans_of_plain_and_quoted_scalars() {
        let src = "a: hello\nb: \"quoted é\"\nc: 'it''s'\n";
        let r = root(src);
        let a = r.get("a").unwrap();
        assert_eq!(&src[a.span.start..a.span.end], "hello");
        let b = r.get("b").unwrap();
        assert_eq!(word_at(src, b, "é").1, "é");
        let c = r.get("c").unwrap();
        assert_eq!(c.as_str(), Some("it's"));
        assert_eq!(word_at(src, c, "s").1, "s");
    }

    #[test]
    fn words_in_block_scalars_keep_their_line() {
        let src = "text: |\n  first line\n  second word here\nnext: >\n  folded\n  again\n";
        let r = root(src);
        let t = r.get("text").unwrap();
        let (off, w) = word_at(src, t, "word");
        assert_eq!(w, "word");
        assert_eq!(off, src.find("word").unwrap());
        let f = r.get("next").unwrap();
        assert_eq!(f.as_str(), Some("folded again\n"));
        let (off, _) = word_at(src, f, "again");
        assert_eq!(off, src.find("again").unwrap());
    }

    #[test]
    fn flow_sequences_have_item_spans() {
        let src = "options: [cuesta, \"cuestan\", 'cuesto']\n";
        let r = root(src);
        let items = r.get("options").unwrap().as_seq().unwrap();
        assert_eq!(items.len(), 3);
        let (off, w) = word_at(src, &items[1], "cuestan");
        assert_eq!((off, w.as_str()), (src.find("cuestan").unwrap(), "cuestan"));
        let (off, _) = word_at(src, &items[2], "cuesto");
        assert_eq!(off, src.find("cuesto").unwrap());
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second_key() {
        let src = "a: 1\nb: 2\na: 3\n";
        let e = parse(src).err().unwrap();
        assert!(e.message.contains("duplicate key"));
        assert_eq!(e.offset, src.rfind("a:").unwrap());
    }

    #[test]
    fn syntax_errors_have_an_offset() {
        let src = "a: \"unclosed\nb: 2\n";
        let e = parse(src).err().unwrap();
        assert!(e.offset <= src.len());
    }

    #[test]
    fn crlf_sources_keep_exact_spans() {
        let src = "a: one\r\nb: |\r\n  two words\r\n";
        let r = root(src);
        let (off, _) = word_at(src, r.get("b").unwrap(), "words");
        assert_eq!(off, src.find("words").unwrap());
    }

    #[test]
    fn aliases_copy_the_anchored_node() {
        let src = "a: &x [1, 2]\nb: *x\n";
        let r = root(src);
        assert_eq!(r.get("b").unwrap().as_seq().unwrap().len(), 2);
    }
}
