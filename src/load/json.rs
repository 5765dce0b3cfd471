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

/// jsonc-parser's messages (0.34, its `Display` of `ParseErrorKind` and
/// `ParseStringErrorKind`) and their French.
const FIXED_FR: &[(&str, &str)] = &[
    (
        "Leading or trailing decimal points on numbers are not allowed",
        "un nombre ne peut pas commencer ni finir par un point décimal",
    ),
    (
        "Comments are not allowed",
        "les commentaires ne sont pas permis",
    ),
    (
        "Expected colon after the string or word in object property",
        "deux-points attendu après le nom de la propriété",
    ),
    ("Expected digit", "chiffre attendu"),
    (
        "Expected digit following negative sign",
        "chiffre attendu après le signe moins",
    ),
    (
        "Expected plus, minus, or digit in number literal",
        "plus, moins ou chiffre attendu dans le nombre",
    ),
    (
        "Expected value after colon in object property",
        "valeur attendue après les deux-points",
    ),
    (
        "Expected string for object property",
        "chaîne attendue comme nom de propriété",
    ),
    (
        "Hexadecimal numbers are not allowed",
        "les nombres hexadécimaux ne sont pas permis",
    ),
    ("Expected comma", "virgule attendue"),
    (
        "Text cannot contain more than one JSON value",
        "le texte ne peut contenir qu'une seule valeur JSON",
    ),
    (
        "Infinity and NaN are not allowed",
        "Infinity et NaN ne sont pas permis",
    ),
    (
        "Single-quoted strings are not allowed",
        "les chaînes entre apostrophes ne sont pas permises",
    ),
    (
        "Trailing commas are not allowed",
        "une virgule finale n'est pas permise",
    ),
    (
        "Unary plus on numbers is not allowed",
        "le signe plus devant un nombre n'est pas permis",
    ),
    ("Unexpected close brace", "accolade fermante inattendue"),
    ("Unexpected close bracket", "crochet fermant inattendu"),
    ("Unexpected colon", "deux-points inattendu"),
    ("Unexpected comma", "virgule inattendue"),
    ("Unexpected word", "mot inattendu"),
    ("Unexpected token", "élément inattendu"),
    (
        "Unexpected token in object",
        "élément inattendu dans l'objet",
    ),
    ("Unterminated array", "tableau non fermé"),
    (
        "Unterminated comment block",
        "bloc de commentaire non fermé",
    ),
    ("Unterminated object", "objet non fermé"),
    (
        "Maximum nesting depth exceeded",
        "profondeur d'imbrication maximale dépassée",
    ),
    (
        "Invalid escape in single quote string",
        "échappement invalide dans une chaîne entre apostrophes",
    ),
    (
        "Invalid escape in double quote string",
        "échappement invalide dans une chaîne entre guillemets",
    ),
    (
        "Expected four hex digits",
        "quatre chiffres hexadécimaux attendus",
    ),
    (
        "Expected two hex digits",
        "deux chiffres hexadécimaux attendus",
    ),
    ("Invalid escape", "échappement invalide"),
    ("Unterminated string literal", "chaîne non fermée"),
];

/// The French of a jsonc-parser message, when it is one.
pub fn message_fr(message: &str) -> Option<String> {
    if let Some((_, fr)) = FIXED_FR.iter().find(|(en, _)| *en == message) {
        return Some((*fr).to_string());
    }
    // "Invalid unicode escape sequence. '{value}' is not a valid UTF8 character"
    message
        .strip_prefix("Invalid unicode escape sequence. '")
        .and_then(|r| r.strip_suffix("' is not a valid UTF8 character"))
        .map(|v| format!("séquence d'échappement Unicode invalide : « {v} » n'est pas un caractère UTF-8 valide"))
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

    /// Broken JSON as teachers write it: each error the parser gives has a French rendering.
    #[test]
    fn syntax_errors_read_in_french() {
        for (text, fr) in [
            ("{\"a\": 1,}", "une virgule finale n'est pas permise"),
            ("{\"a\": [1, 2}", "accolade fermante inattendue"),
            ("{\"a\": \"oui}", "chaîne non fermée"),
            (
                "{\"a\" 1}",
                "deux-points attendu après le nom de la propriété",
            ),
            (
                "{'a': 1}",
                "les chaînes entre apostrophes ne sont pas permises",
            ),
            (
                "{\"a\": 1} {}",
                "le texte ne peut contenir qu'une seule valeur JSON",
            ),
            ("// note\n{}", "les commentaires ne sont pas permis"),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.message_fr(), fr, "{text}: {}", e.message);
            assert_ne!(e.message_fr(), e.message, "{text}");
        }
        assert_eq!(
            message_fr("Invalid unicode escape sequence. 'zz' is not a valid UTF8 character")
                .as_deref(),
            Some("séquence d'échappement Unicode invalide : « zz » n'est pas un caractère UTF-8 valide")
        );
        assert_eq!(message_fr("something new"), None);
    }

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
