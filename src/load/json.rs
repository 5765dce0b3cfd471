//! JSON → spanned [`Node`] tree, on `jsonc-parser` in strict mode (no comments, no trailing
//! commas, no loose names): it keeps every value's byte range and the order of keys.

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, ParseOptions};

use super::tree::{Node, NodeKind, ScalarStyle, SyntaxError};
use crate::source::Span;

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Parses a JSON text. `Ok(None)` for an empty text.
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    let result =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict()).map_err(|e| {
            SyntaxError {
                message: e.kind().to_string(),
                offset: e.range().start.min(text.len()),
            }
        })?;
    match result.value {
        None => Ok(None),
        Some(v) => convert(v).map(Some),
    }
}

fn scalar(value: String, start: usize, end: usize) -> Node {
    Node {
        kind: NodeKind::Scalar {
            value,
            style: ScalarStyle::Json,
        },
        span: Span::new(start, end),
    }
}

fn convert(v: Value<'_>) -> Result<Node, SyntaxError> {
    Ok(match v {
        Value::StringLit(s) => scalar(s.value.into_owned(), s.range.start, s.range.end),
        Value::NumberLit(n) => scalar(n.value.to_string(), n.range.start, n.range.end),
        Value::BooleanLit(b) => scalar(b.value.to_string(), b.range.start, b.range.end),
        Value::NullKeyword(n) => scalar("null".into(), n.range.start, n.range.end),
        Value::Array(a) => Node {
            span: Span::new(a.range.start, a.range.end),
            kind: NodeKind::Seq(
                a.elements
                    .into_iter()
                    .map(convert)
                    .collect::<Result<_, _>>()?,
            ),
        },
        Value::Object(o) => {
            let span = Span::new(o.range.start, o.range.end);
            let mut entries: Vec<(Node, Node)> = Vec::with_capacity(o.properties.len());
            for p in o.properties {
                let key = match p.name {
                    ObjectPropName::String(s) => {
                        scalar(s.value.into_owned(), s.range.start, s.range.end)
                    }
                    ObjectPropName::Word(w) => {
                        scalar(w.value.to_string(), w.range.start, w.range.end)
                    }
                };
                if entries.iter().any(|(k, _)| k.as_str() == key.as_str()) {
                    return Err(SyntaxError {
                        message: format!("duplicate key `{}`", key.as_str().unwrap_or("")),
                        offset: key.span.start,
                    });
                }
                entries.push((key, convert(p.value)?));
            }
            Node {
                kind: NodeKind::Map(entries),
                span,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_and_decodes_escapes() {
        let src = "{\"a\": \"caf\\u00e9 \\\"noir\\\"\", \"b\": [1, true]}";
        let root = parse(src).unwrap().unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(a.as_str(), Some("café \"noir\""));
        let m = a.mapped_text(src).unwrap();
        let i = m.as_str().find("noir").unwrap();
        let s = m.source_span(i, i + 4);
        assert_eq!(&src[s.start..s.end], "noir");
        assert_eq!(root.get("b").unwrap().as_seq().unwrap().len(), 2);
    }

    #[test]
    fn strict_mode_rejects_trailing_commas_and_duplicates() {
        assert!(parse("{\"a\": 1,}").is_err());
        let e = parse("{\"a\": 1, \"a\": 2}").err().unwrap();
        assert!(e.message.contains("duplicate"));
        assert_eq!(e.offset, 9);
        assert!(parse("{\"a\": ").is_err());
        assert_eq!(parse("").unwrap(), None);
    }
}
