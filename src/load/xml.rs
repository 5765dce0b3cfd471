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
                format!("impossible d'analyser le XML : {}", error_fr(&e)),
            ),
        ))
    })
}

/// roxmltree's error in French, with the same details as its English `Display` (names,
/// characters, positions). The match is exhaustive: a new variant in an update of roxmltree
/// fails the build here instead of reaching a French reader in English.
pub fn error_fr(e: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    let at = |p: &roxmltree::TextPos| format!("ligne {}, colonne {}", p.row, p.col);
    match e {
        E::InvalidXmlPrefixUri(p) => {
            format!(
                "le préfixe d'espace de noms 'xml' est associé à une mauvaise URI ({})",
                at(p)
            )
        }
        E::UnexpectedXmlUri(p) => format!(
            "l'URI de l'espace de noms 'xml' est utilisée pour un autre préfixe que 'xml' ({})",
            at(p)
        ),
        E::UnexpectedXmlnsUri(p) => format!(
            "l'URI 'xmlns' est utilisée ({}), mais elle ne doit pas être déclarée",
            at(p)
        ),
        E::InvalidElementNamePrefix(p) => {
            format!(
                "le préfixe 'xmlns' est utilisé ({}), mais il ne doit pas l'être",
                at(p)
            )
        }
        E::DuplicatedNamespace(name, p) => {
            format!("l'espace de noms '{name}' ({}) est déjà défini", at(p))
        }
        E::UnknownNamespace(name, p) => {
            format!("préfixe d'espace de noms inconnu '{name}' ({})", at(p))
        }
        E::UnexpectedCloseTag(expected, actual, p) => format!(
            "balise '{expected}' attendue, et non '{actual}' ({})",
            at(p)
        ),
        E::UnexpectedEntityCloseTag(p) => format!("balise fermante inattendue ({})", at(p)),
        E::UnknownEntityReference(name, p) => {
            format!("référence d'entité inconnue '{name}' ({})", at(p))
        }
        E::MalformedEntityReference(p) => format!("référence d'entité mal formée ({})", at(p)),
        E::EntityReferenceLoop(p) => {
            format!("boucle possible de références d'entités ({})", at(p))
        }
        E::InvalidAttributeValue(p) => format!("'<' non échappé ({})", at(p)),
        E::DuplicatedAttribute(name, p) => {
            format!("l'attribut '{name}' ({}) est déjà défini", at(p))
        }
        E::NoRootNode => "le document n'a pas d'élément racine".to_string(),
        E::UnclosedRootNode => "l'élément racine est ouvert mais jamais fermé".to_string(),
        E::UnexpectedDeclaration(p) => format!("déclaration XML inattendue ({})", at(p)),
        E::DtdDetected => "XML avec une DTD".to_string(),
        E::NodesLimitReached => "limite du nombre de nœuds atteinte".to_string(),
        E::AttributesLimitReached => "plus de 2^32 attributs lus".to_string(),
        E::NamespacesLimitReached => "plus de 2^16 espaces de noms distincts lus".to_string(),
        E::InvalidName(p) => format!("nom invalide ({})", at(p)),
        E::NonXmlChar(c, p) => format!("caractère non XML {c:?} ({})", at(p)),
        E::InvalidChar(expected, actual, p) => format!(
            "'{}' attendu, et non '{}' ({})",
            *expected as char,
            *actual as char,
            at(p)
        ),
        E::InvalidChar2(expected, actual, p) => format!(
            "{} attendu, et non '{}' ({})",
            expected_fr(expected),
            *actual as char,
            at(p)
        ),
        E::InvalidString(expected, p) => format!("'{expected}' attendu ({})", at(p)),
        E::InvalidExternalID(p) => format!("identifiant externe (ExternalID) invalide ({})", at(p)),
        E::EntityResolver(p, msg) => {
            format!("échec du résolveur d'entités ({}) : {msg}", at(p))
        }
        E::InvalidComment(p) => format!("le commentaire ({}) contient '--'", at(p)),
        E::InvalidCharacterData(p) => format!(
            "']]>' ({}) n'est pas permis dans des données textuelles",
            at(p)
        ),
        E::UnknownToken(p) => format!("élément de syntaxe inconnu ({})", at(p)),
        E::UnexpectedEndOfStream => "fin de fichier inattendue".to_string(),
    }
}

/// What roxmltree says it expected, in `InvalidChar2`; unknown wording is kept.
fn expected_fr(expected: &str) -> &str {
    match expected {
        "a whitespace" => "un espace",
        "a quote" => "un guillemet",
        "a quote, SYSTEM or PUBLIC" => "un guillemet, SYSTEM ou PUBLIC",
        "'[' or '>'" => "'[' ou '>'",
        other => other,
    }
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

    fn both(xml: &str) -> (String, String) {
        let src = SourceFile::new("t.xml", xml);
        let Err(f) = parse(&src) else {
            panic!("{xml:?} parsed")
        };
        (f.message.en, f.message.fr)
    }

    #[test]
    fn xml_errors_in_english_and_french() {
        let (en, fr) = both("<quiz>\n  <question></quiz>\n");
        assert_eq!(
            en,
            "cannot parse the XML: expected 'question' tag, not 'quiz' at 2:13"
        );
        assert_eq!(
            fr,
            "impossible d'analyser le XML : balise 'question' attendue, et non 'quiz' (ligne 2, colonne 13)"
        );

        let (en, fr) = both("<quiz a='1' a='2'/>");
        assert!(
            en.contains("attribute 'a' at 1:13 is already defined"),
            "{en}"
        );
        assert!(
            fr.ends_with("l'attribut 'a' (ligne 1, colonne 13) est déjà défini"),
            "{fr}"
        );

        let (en, fr) = both("<quiz>&nowhere;</quiz>");
        assert!(en.contains("unknown entity reference 'nowhere'"), "{en}");
        assert!(
            fr.contains("référence d'entité inconnue 'nowhere' (ligne 1, colonne 7)"),
            "{fr}"
        );

        let (en, fr) = both("<quiz>");
        assert!(
            en.contains("the root node was opened but never closed"),
            "{en}"
        );
        assert!(
            fr.ends_with("l'élément racine est ouvert mais jamais fermé"),
            "{fr}"
        );

        let (en, fr) = both("<quiz><!-- a -- b --></quiz>");
        assert!(en.contains("contains '--'"), "{en}");
        assert!(
            fr.contains("le commentaire (ligne 1, colonne 7) contient '--'"),
            "{fr}"
        );
    }

    #[test]
    fn what_was_expected_is_translated_when_known() {
        let e = roxmltree::Error::InvalidChar2("a whitespace", b'x', roxmltree::TextPos::new(3, 4));
        assert_eq!(
            error_fr(&e),
            "un espace attendu, et non 'x' (ligne 3, colonne 4)"
        );
        let e =
            roxmltree::Error::InvalidChar2("something new", b'x', roxmltree::TextPos::new(1, 2));
        assert_eq!(
            error_fr(&e),
            "something new attendu, et non 'x' (ligne 1, colonne 2)"
        );
    }
}
