//! YAML → spanned [`Node`] tree, on the event parser of `granit-parser` (pure Rust, no unsafe).

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle as GStyle, Span as GSpan};

use super::tree::{Node, NodeKind, ScalarStyle, SyntaxError};
use crate::source::Span;

/// Aliases may not blow a small file up into a huge tree ("billion laughs").
const MAX_NODES: usize = 1_000_000;

/// A parsed YAML stream: the first document's root. Comments are not kept (suppression
/// comments are read from the source text, `config::suppress`).
pub struct YamlDoc {
    pub root: Option<Node>,
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

/// Parses the first document of a YAML stream. An embedded rule file's tree was built at
/// build time (`load::tree_codec`) and is read back instead.
pub fn parse(text: &str) -> Result<YamlDoc, SyntaxError> {
    if let Some(root) = crate::ruleset::embedded_yaml_tree(text) {
        return Ok(YamlDoc { root: Some(root) });
    }
    parse_text(text)
}

/// Parses the first document of a YAML stream, always.
pub fn parse_text(text: &str) -> Result<YamlDoc, SyntaxError> {
    // Without comment events: nothing reads them, they cost ~10% of the parse (the rule
    // files at each start), and buffering them made a long run of comment lines before a
    // nested collection a syntax error ("too many buffered comments").
    let options = granit_parser::options! { emit_comments: false };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
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
            Event::Comment(..) => None,
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
    Ok(YamlDoc { root })
}

/// French renderings of the parser's fixed messages (granit-parser 2.2, `ErrorKind`'s
/// `Display`) and of the fixed messages [`parse`] makes itself.
const FIXED_FR: &[(&str, &str)] = &[
    ("too many buffered comments while looking ahead", "trop de commentaires en attente pendant la lecture anticipée"),
    ("unexpected EOF while parsing a flow sequence", "fin de fichier inattendue dans une liste entre crochets"),
    ("unexpected EOF while parsing a flow mapping", "fin de fichier inattendue dans un dictionnaire entre accolades"),
    ("unexpected EOF while parsing an implicit flow mapping", "fin de fichier inattendue dans un dictionnaire implicite entre crochets"),
    ("unexpected EOF while parsing a block sequence", "fin de fichier inattendue dans une liste en bloc"),
    ("unexpected EOF while parsing a block mapping", "fin de fichier inattendue dans un dictionnaire en bloc"),
    ("unexpected eof", "fin de fichier inattendue"),
    ("did not find expected <stream-start>", "début de flux attendu, non trouvé"),
    ("duplicate version directive", "directive de version en double"),
    ("unsupported YAML major version", "version majeure de YAML non prise en charge"),
    ("the TAG directive must only be given at most once per handle in the same document", "la directive TAG ne peut être donnée qu'une fois par préfixe dans un même document"),
    ("did not find expected <document start>", "début de document attendu, non trouvé"),
    ("missing explicit document end marker before directive", "marque explicite de fin de document manquante avant la directive"),
    ("while parsing anchor, anchor count exceeded supported limit", "trop d'ancres : la limite prise en charge est dépassée"),
    ("while parsing node, found unknown anchor", "ancre inconnue dans un nœud"),
    ("while parsing a node, did not find expected node content", "contenu de nœud attendu, non trouvé"),
    ("while parsing a block mapping, did not find expected key", "clé attendue dans un dictionnaire en bloc, non trouvée"),
    ("while parsing a flow mapping, did not find expected ',' or '}'", "',' ou '}' attendu dans un dictionnaire entre accolades, non trouvé"),
    ("while parsing a flow sequence, expected ',' or ']'", "',' ou ']' attendu dans une liste entre crochets"),
    ("while parsing a block collection, did not find expected '-' indicator", "indicateur '-' attendu dans une liste en bloc, non trouvé"),
    ("the handle wasn't declared", "le préfixe d'étiquette n'a pas été déclaré"),
    ("No include resolver set for parser stack.", "aucun résolveur d'inclusion n'est défini pour la pile d'analyse"),
    ("multiple documents not supported here", "plusieurs documents ne sont pas pris en charge ici"),
    ("internal error: input advertised offsets but did not provide a slice", "erreur interne : l'entrée annonce des positions mais ne fournit pas le texte"),
    ("internal error: input advertised slicing but did not provide a slice", "erreur interne : l'entrée annonce un découpage mais ne fournit pas le texte"),
    ("while scanning a tag, did not find expected '!'", "'!' attendu dans une étiquette, non trouvé"),
    ("while parsing a tag directive, did not find expected '!'", "'!' attendu dans une directive TAG, non trouvé"),
    ("invalid global tag character", "caractère invalide dans une étiquette globale"),
    ("simple key expected ':'", "':' attendu après une clé simple"),
    ("simple key is no longer valid", "la clé simple n'est plus valide"),
    ("invalid content after document end marker", "contenu invalide après la marque de fin de document"),
    ("invalid indentation", "indentation invalide"),
    ("a BOM must not appear inside a document", "une marque d'ordre des octets (BOM) ne doit pas apparaître dans un document"),
    ("tabs disallowed in this context", "tabulations interdites dans ce contexte"),
    ("tabs disallowed within this context (block indentation)", "tabulations interdites dans ce contexte (indentation de bloc)"),
    ("comment intercepting the multiline text", "un commentaire interrompt le texte sur plusieurs lignes"),
    ("expected whitespace", "espace attendu"),
    ("comments must be separated from other tokens by whitespace", "les commentaires doivent être séparés du reste par un espace"),
    ("while scanning a directive, did not find expected comment or line break", "commentaire ou fin de ligne attendu après une directive, non trouvé"),
    ("YAML directives are disallowed", "les directives YAML sont interdites"),
    ("while scanning a YAML directive, did not find expected digit or '.' character", "chiffre ou '.' attendu dans une directive YAML, non trouvé"),
    ("while scanning a directive, could not find expected directive name", "nom de directive attendu, non trouvé"),
    ("while scanning a directive, found unexpected non-alphabetical character", "caractère non alphabétique inattendu dans une directive"),
    ("while scanning a YAML directive, found extremely long version number", "numéro de version beaucoup trop long dans une directive YAML"),
    ("while scanning a YAML directive, did not find expected version number", "numéro de version attendu dans une directive YAML, non trouvé"),
    ("while scanning TAG, did not find expected whitespace or line break", "espace ou fin de ligne attendu dans une directive TAG, non trouvé"),
    ("while scanning a tag, did not find expected whitespace or line break", "espace ou fin de ligne attendu après une étiquette, non trouvé"),
    ("while parsing a tag, did not find expected tag URI", "URI d'étiquette attendue, non trouvée"),
    ("while scanning a verbatim tag, did not find the expected '>'", "'>' attendu à la fin d'une étiquette littérale, non trouvé"),
    ("while parsing a tag, found an invalid escape sequence", "séquence d'échappement invalide dans une étiquette"),
    ("while parsing a tag, found an incorrect leading UTF-8 byte", "premier octet UTF-8 incorrect dans une étiquette"),
    ("while parsing a tag, found an incorrect trailing UTF-8 byte", "octet UTF-8 de continuation incorrect dans une étiquette"),
    ("while parsing a tag, found an invalid UTF-8 codepoint", "point de code UTF-8 invalide dans une étiquette"),
    ("while scanning an anchor or alias, did not find expected alphabetic or numeric character", "caractère alphabétique ou numérique attendu dans une ancre ou un alias, non trouvé"),
    ("misplaced bracket", "crochet ou accolade mal placé"),
    ("recursion limit exceeded", "limite d'imbrication dépassée"),
    (r#""-" is only valid inside a block"#, "« - » n'est valide que dans un bloc"),
    ("block sequence entries are not allowed in this context", "les éléments de liste en bloc ne sont pas permis dans ce contexte"),
    ("'-' must be followed by a valid YAML whitespace", "'-' doit être suivi d'un espace YAML valide"),
    ("while scanning a block scalar, found an indentation indicator equal to 0", "indicateur d'indentation égal à 0 dans un texte en bloc"),
    ("while scanning a block scalar, did not find expected comment or line break", "commentaire ou fin de ligne attendu après l'en-tête d'un texte en bloc, non trouvé"),
    ("a block scalar content cannot start with a tab", "le contenu d'un texte en bloc ne peut pas commencer par une tabulation"),
    ("wrongly indented line in block scalar", "ligne mal indentée dans un texte en bloc"),
    ("while scanning a quoted scalar, found unexpected document indicator", "indicateur de document inattendu dans un texte entre guillemets"),
    ("unclosed quote", "guillemet non fermé"),
    ("tab cannot be used as indentation", "une tabulation ne peut pas servir d'indentation"),
    ("invalid indentation in multiline quoted scalar", "indentation invalide dans un texte entre guillemets sur plusieurs lignes"),
    ("invalid trailing content after single-quoted scalar", "contenu invalide après un texte entre apostrophes"),
    ("invalid trailing content after double-quoted scalar", "contenu invalide après un texte entre guillemets"),
    ("while parsing a quoted scalar, found unknown escape character", "caractère d'échappement inconnu dans un texte entre guillemets"),
    ("while parsing a quoted scalar, did not find expected hexadecimal number", "nombre hexadécimal attendu dans un texte entre guillemets, non trouvé"),
    ("while parsing a quoted scalar, did not find expected hexadecimal number for low surrogate", "nombre hexadécimal attendu pour la seconde moitié d'une paire de substitution, non trouvé"),
    ("while parsing a quoted scalar, found invalid low surrogate", "seconde moitié de paire de substitution invalide dans un texte entre guillemets"),
    ("while parsing a quoted scalar, found high surrogate without following low surrogate", "première moitié de paire de substitution sans seconde moitié dans un texte entre guillemets"),
    ("while parsing a quoted scalar, found unpaired low surrogate", "seconde moitié de paire de substitution isolée dans un texte entre guillemets"),
    ("while parsing a quoted scalar, found invalid Unicode character escape code", "code d'échappement de caractère Unicode invalide dans un texte entre guillemets"),
    ("invalid indentation in flow construct", "indentation invalide entre crochets ou accolades"),
    ("plain scalar cannot start with '-' followed by ,[]{}", "un texte sans guillemets ne peut pas commencer par '-' suivi de ,[]{}"),
    ("while scanning a plain scalar, found a tab", "tabulation dans un texte sans guillemets"),
    ("unexpected end of plain scalar", "fin inattendue d'un texte sans guillemets"),
    ("mapping keys are not allowed in this context", "les clés de dictionnaire ne sont pas permises dans ce contexte"),
    ("':' may not precede any of `[{` in flow mapping", "':' ne peut pas précéder `[` ni `{` dans un dictionnaire entre accolades"),
    ("':' must be followed by a valid YAML whitespace", "':' doit être suivi d'un espace YAML valide"),
    ("illegal placement of ':' indicator", "indicateur ':' mal placé"),
    ("mapping values are not allowed in this context", "les valeurs de dictionnaire ne sont pas permises dans ce contexte"),
    // Made by `parse` itself.
    ("alias refers to no anchor", "l'alias ne renvoie à aucune ancre"),
];

/// Messages with a variable part: `(english before, english after, french before, french
/// after)`; the variable part between them is kept as is.
const VARIABLE_FR: &[(&str, &str, &str, &str)] = &[
    ("input I/O error: ", "", "erreur d'entrée-sortie : ", ""),
    (
        "input decoding error: ",
        "",
        "erreur de décodage de l'entrée : ",
        "",
    ),
    (
        "input exceeds the configured limit of ",
        " bytes",
        "l'entrée dépasse la limite configurée de ",
        " octets",
    ),
    (
        "unexpected character: `",
        "'",
        "caractère inattendu : `",
        "'",
    ),
    (
        "directive exceeds the configured limit of ",
        " bytes",
        "la directive dépasse la limite configurée de ",
        " octets",
    ),
    (
        "reserved directive exceeds the configured limit of ",
        " parameters",
        "la directive réservée dépasse la limite configurée de ",
        " paramètres",
    ),
    (
        "unclosed bracket '",
        "'",
        "crochet ou accolade non fermé : '",
        "'",
    ),
    // Made by `parse` itself (and by the JSON reader for duplicate keys).
    (
        "alias `*",
        "` refers to no anchor",
        "l'alias `*",
        "` ne renvoie à aucune ancre",
    ),
    (
        "the document expands to more than ",
        " nodes (aliases)",
        "le document dépasse ",
        " nœuds une fois les alias développés",
    ),
    ("duplicate key `", "`", "clé en double : `", "`"),
];

/// The French rendering of a YAML syntax error message; a message this table does not know
/// stays in English.
pub fn message_fr(message: &str) -> String {
    if let Some((_, fr)) = FIXED_FR.iter().find(|(en, _)| *en == message) {
        return (*fr).to_string();
    }
    // "mismatched bracket '{open}' closed by '{close}'"
    if let Some((open, close)) = message
        .strip_prefix("mismatched bracket '")
        .and_then(|r| r.strip_suffix('\''))
        .and_then(|r| r.split_once("' closed by '"))
    {
        return format!("crochet ou accolade '{open}' fermé par '{close}'");
    }
    for (en_before, en_after, fr_before, fr_after) in VARIABLE_FR {
        if let Some(x) = message
            .strip_prefix(en_before)
            .and_then(|r| r.strip_suffix(en_after))
        {
            return format!("{fr_before}{x}{fr_after}");
        }
    }
    // JSON files go through the same syntax error type.
    super::json::message_fr(message).unwrap_or_else(|| message.to_string())
}

impl SyntaxError {
    /// The message in French (see [`message_fr`]).
    pub fn message_fr(&self) -> String {
        message_fr(&self.message)
    }
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

    /// Comments are skipped, however many: a long run of them before a nested list is no
    /// syntax error, and values keep their spans.
    #[test]
    fn long_runs_of_comments_are_skipped() {
        let mut src = String::from("items:\n");
        for i in 0..150 {
            src.push_str(&format!("# note {i}\n"));
        }
        src.push_str("  - id: b # trailing\n    text: Good morning\n");
        let r = root(&src);
        let item = &r.get("items").unwrap().as_seq().unwrap()[0];
        let text = item.get("text").unwrap();
        assert_eq!(&src[text.span.start..text.span.end], "Good morning");
        assert_eq!(item.get("id").unwrap().as_str(), Some("b"));
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

    #[test]
    fn parser_errors_read_in_french() {
        let cases = [
            (
                "options: [uno, dos\n",
                "unclosed bracket '['",
                "crochet ou accolade non fermé : '['",
            ),
            ("a: \"sin cerrar\n", "unclosed quote", "guillemet non fermé"),
            (
                "a: 1\n b: 2\n",
                "mapping values are not allowed in this context",
                "les valeurs de dictionnaire ne sont pas permises dans ce contexte",
            ),
            (
                "a: 1\nb: 2\na: 3\n",
                "duplicate key `a`",
                "clé en double : `a`",
            ),
            (
                "a: *nada\n",
                "while parsing node, found unknown anchor",
                "ancre inconnue dans un nœud",
            ),
        ];
        for (src, en, fr) in cases {
            let e = parse(src).err().unwrap();
            assert_eq!(e.message, en, "{src:?}");
            assert_eq!(e.message_fr(), fr, "{src:?}");
        }
    }

    #[test]
    fn messages_with_a_variable_part_keep_it() {
        assert_eq!(
            message_fr("unexpected character: `@'"),
            "caractère inattendu : `@'"
        );
        assert_eq!(
            message_fr("mismatched bracket '[' closed by '}'"),
            "crochet ou accolade '[' fermé par '}'"
        );
        assert_eq!(
            message_fr("alias `*nada` refers to no anchor"),
            "l'alias `*nada` ne renvoie à aucune ancre"
        );
        assert_eq!(
            message_fr("input exceeds the configured limit of 10 bytes"),
            "l'entrée dépasse la limite configurée de 10 octets"
        );
    }

    #[test]
    fn unknown_messages_stay_in_english() {
        assert_eq!(
            message_fr("something new went wrong"),
            "something new went wrong"
        );
        assert_eq!(message_fr(""), "");
        // A known prefix without its ending is not half translated.
        assert_eq!(message_fr("unclosed bracket"), "unclosed bracket");
    }

    #[test]
    fn every_parser_message_has_a_french_rendering() {
        use granit_parser::ErrorKind as K;
        let kinds = [
            K::InputDecoding {
                message: "x".into(),
            },
            K::InputByteLimitExceeded { limit: 3 },
            K::UnexpectedEofFlowSequence,
            K::UnexpectedEofFlowMapping,
            K::UnexpectedEofImplicitFlowMapping,
            K::UnexpectedEofBlockSequence,
            K::UnexpectedEofBlockMapping,
            K::UnexpectedEof,
            K::ExpectedStreamStart,
            K::DuplicateVersionDirective,
            K::UnsupportedYamlMajorVersion,
            K::DuplicateTagDirective,
            K::ExpectedDocumentStart,
            K::MissingDocumentEndBeforeDirective,
            K::AnchorCountOverflow,
            K::UnknownAnchor,
            K::ExpectedNodeContent,
            K::ExpectedBlockMappingKey,
            K::ExpectedFlowMappingSeparator,
            K::ExpectedFlowSequenceSeparator,
            K::ExpectedBlockSequenceEntry,
            K::UndeclaredTagHandle,
            K::MissingIncludeResolver,
            K::MultipleDocumentsUnsupported,
            K::InputOffsetsWithoutSlice,
            K::InputSlicingUnavailable,
            K::ExpectedTagBang,
            K::ExpectedTagDirectiveBang,
            K::InvalidGlobalTagCharacter,
            K::SimpleKeyExpected,
            K::InvalidSimpleKey,
            K::InvalidDocumentEnd,
            K::InvalidIndentation,
            K::BomInsideDocument,
            K::UnexpectedCharacter { character: '%' },
            K::TabNotAllowed,
            K::TabInBlockIndentation,
            K::CommentInterceptedScalar,
            K::ExpectedWhitespace,
            K::CommentNotSeparated,
            K::InvalidDirectiveTerminator,
            K::DirectiveDisallowed,
            K::MissingYamlVersionSeparator,
            K::MissingDirectiveName,
            K::InvalidDirectiveName,
            K::DirectiveByteLimitExceeded { limit: 4 },
            K::TooManyReservedDirectiveParams { limit: 5 },
            K::YamlVersionTooLong,
            K::MissingYamlVersion,
            K::InvalidTagDirectiveTerminator,
            K::InvalidTagTerminator,
            K::MissingTagUri,
            K::UnclosedVerbatimTag,
            K::InvalidTagEscape,
            K::InvalidTagUtf8LeadingByte,
            K::InvalidTagUtf8TrailingByte,
            K::InvalidTagUtf8,
            K::MissingAnchorOrAliasName,
            K::MisplacedFlowCollectionEnd,
            K::MismatchedFlowCollectionEnd {
                open: '{',
                close: ']',
            },
            K::UnclosedFlowCollection { open: '{' },
            K::RecursionLimitExceeded,
            K::BlockEntryInFlowCollection,
            K::BlockSequenceEntryNotAllowed,
            K::InvalidBlockEntryWhitespace,
            K::ZeroBlockScalarIndent,
            K::InvalidBlockScalarHeader,
            K::TabAtBlockScalarStart,
            K::InvalidBlockScalarIndent,
            K::DocumentIndicatorInQuotedScalar,
            K::UnclosedQuotedScalar,
            K::TabInIndentation,
            K::InvalidQuotedScalarIndent,
            K::InvalidTrailingSingleQuotedScalar,
            K::InvalidTrailingDoubleQuotedScalar,
            K::UnknownQuotedScalarEscape,
            K::InvalidQuotedScalarHexEscape,
            K::InvalidLowSurrogateHexEscape,
            K::InvalidLowSurrogate,
            K::MissingLowSurrogate,
            K::UnpairedLowSurrogate,
            K::InvalidUnicodeEscape,
            K::InvalidFlowScalarIndent,
            K::PlainScalarStartsWithDashFlowIndicator,
            K::TabInPlainScalar,
            K::UnexpectedEndOfPlainScalar,
            K::MappingKeyNotAllowed,
            K::FlowMappingValueAdjacentCollection,
            K::InvalidMappingValueWhitespace,
            K::InvalidColonPlacement,
            K::MappingValueNotAllowed,
        ];
        for k in kinds {
            let en = k.to_string();
            assert!(!en.is_empty());
            assert_ne!(message_fr(&en), en, "no French for {k:?}");
        }
    }
}
