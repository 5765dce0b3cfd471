//! The native lesson format (YAML or JSON with the same structure), specified in
//! `docs/native-format.md`.

use super::tree::{Node, NodeKind};
use super::{Loaded, Problems};
use crate::checks::{input, metadata};
use crate::findings::Msg;
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lang, Lesson, Level, MappedText, Origin, Role,
};
use crate::source::{SourceFile, Span};

/// Keys that make a YAML or JSON file a lesson file.
const LESSON_KEYS: &[&str] = &["lessons", "items"];

/// True when the root looks like a native lesson file (a mapping with `lessons` or `items`).
pub fn is_lesson_root(root: &Node) -> bool {
    root.as_map().is_some_and(|m| {
        m.iter()
            .any(|(k, _)| k.as_str().is_some_and(|k| LESSON_KEYS.contains(&k)))
    })
}

/// Inherited declarations while walking down the file.
#[derive(Clone, Default)]
struct Inherited {
    level: Option<Declared<Option<Level>>>,
    language: Option<Declared<Option<Lang>>>,
    support: Option<Declared<Option<Lang>>>,
}

struct Reader<'a> {
    src: &'a SourceFile,
    problems: Problems<'a>,
}

/// Maps a parsed root into the document model.
pub fn read(src: &SourceFile, root: &Node) -> Loaded {
    let mut r = Reader {
        src,
        problems: Problems::new(src),
    };
    let doc = r.document(root);
    Loaded {
        document: Some(doc),
        findings: r.problems.into_findings(),
    }
}

impl<'a> Reader<'a> {
    fn text(&self, node: &Node) -> MappedText {
        node.mapped_text(&self.src.text).unwrap_or_default()
    }

    fn invalid(&mut self, span: Span, en: String, fr: String) {
        self.problems
            .push(&input::INVALID_STRUCTURE, span, Msg::new(en, fr));
    }

    fn level(&mut self, node: &Node, origin: Origin) -> Option<Declared<Option<Level>>> {
        if node.is_null() {
            return None;
        }
        let span = node.value_span(&self.src.text);
        let Some(s) = node.as_str() else {
            self.problems.push(
                &metadata::INVALID_LEVEL,
                node.span,
                Msg::new(
                    format!(
                        "`level` should be a CEFR level such as A2, found {}",
                        node.type_name()
                    ),
                    format!(
                        "`level` doit être un niveau du CECRL comme A2 ; trouvé : {}",
                        node.type_name_fr()
                    ),
                ),
            );
            return Some(Declared {
                value: None,
                origin,
                span: Some(span),
                elsewhere: None,
            });
        };
        let value = match s.parse::<Level>() {
            Ok(l) => Some(l),
            Err(_) => {
                self.problems.push(
                    &metadata::INVALID_LEVEL,
                    span,
                    Msg::new(
                        format!("`{s}` is not a CEFR level (A1, A2, B1, B2, C1, C2)"),
                        format!("« {s} » n'est pas un niveau du CECRL (A1, A2, B1, B2, C1, C2)"),
                    ),
                );
                None
            }
        };
        Some(Declared {
            value,
            origin,
            span: Some(span),
            elsewhere: None,
        })
    }

    fn lang(&mut self, node: &Node, origin: Origin, key: &str) -> Option<Declared<Option<Lang>>> {
        if node.is_null() {
            return None;
        }
        let value = node.as_str().and_then(Lang::parse);
        let span = node.value_span(&self.src.text);
        if value.is_none() {
            let shown = node.as_str().unwrap_or("");
            self.problems.push(
                &metadata::INVALID_LANGUAGE,
                span,
                Msg::new(
                    format!("`{key}: {shown}` is not a language code (use ISO 639-1, such as en, fr, es)"),
                    format!("« {key}: {shown} » n'est pas un code de langue (utilisez l'ISO 639-1 : en, fr, es…)"),
                ),
            );
        }
        Some(Declared {
            value,
            origin,
            span: Some(span),
            elsewhere: None,
        })
    }

    fn inherit(&mut self, map: &Node, parent: &Inherited, origin: Origin) -> Inherited {
        let mut out = parent.clone();
        if let Some(n) = map.get("level") {
            if let Some(l) = self.level(n, origin) {
                out.level = Some(l);
            }
        }
        if let Some(n) = map.get("language") {
            if let Some(l) = self.lang(n, origin, "language") {
                out.language = Some(l);
            }
        }
        if let Some(n) = map.get("support_language") {
            if let Some(l) = self.lang(n, origin, "support_language") {
                out.support = Some(l);
            }
        }
        out
    }

    fn document(&mut self, root: &Node) -> Document {
        let mut doc = Document::default();
        if root.as_map().is_none() {
            self.invalid(
                root.span,
                format!("a lesson file must be a mapping with `lessons` or `items`, found {}", root.type_name()),
                format!("un fichier de leçon doit être un dictionnaire avec `lessons` ou `items` ; trouvé : {}", root.type_name_fr()),
            );
            return doc;
        }
        let file = self.inherit(root, &Inherited::default(), Origin::File);
        if let (Some(_), Some(items)) = (root.get("lessons"), root.get("items")) {
            self.invalid(
                items.span,
                "the file has both `lessons` and top-level `items`: these items are ignored; move them into a lesson".into(),
                "le fichier a à la fois `lessons` et des `items` au premier niveau : ces items sont ignorés ; placez-les dans une leçon".into(),
            );
        }
        match (root.get("lessons"), root.get("items")) {
            (Some(lessons), _) => match lessons.as_seq() {
                Some(list) => {
                    for (i, l) in list.iter().enumerate() {
                        if let Some(lesson) = self.lesson(l, &file, i) {
                            doc.lessons.push(lesson);
                        }
                    }
                }
                None => self.expected_list(lessons, "lessons"),
            },
            (None, Some(_)) => {
                if let Some(lesson) = self.lesson_body(root, &file, 0, Origin::File) {
                    doc.lessons.push(lesson);
                }
            }
            (None, None) => self.invalid(
                root.span,
                "the file has neither `lessons` nor `items`: nothing to check".into(),
                "le fichier n'a ni `lessons` ni `items` : rien à vérifier".into(),
            ),
        }
        doc
    }

    fn expected_list(&mut self, node: &Node, key: &str) {
        self.invalid(
            node.span,
            format!("`{key}` should be a list, found {}", node.type_name()),
            format!(
                "`{key}` doit être une liste ; trouvé : {}",
                node.type_name_fr()
            ),
        );
    }

    fn lesson(&mut self, node: &Node, file: &Inherited, index: usize) -> Option<Lesson> {
        if node.as_map().is_none() {
            self.invalid(
                node.span,
                format!("a lesson should be a mapping, found {}", node.type_name()),
                format!(
                    "une leçon doit être un dictionnaire ; trouvé : {}",
                    node.type_name_fr()
                ),
            );
            return None;
        }
        let inh = self.inherit(node, file, Origin::Lesson);
        self.lesson_body(node, &inh, index, Origin::Lesson)
    }

    fn lesson_body(
        &mut self,
        node: &Node,
        inh: &Inherited,
        index: usize,
        _origin: Origin,
    ) -> Option<Lesson> {
        let id = node
            .get("id")
            .filter(|n| !n.is_null())
            .and_then(Node::as_str)
            .map(str::to_string);
        let title = node
            .get("title")
            .filter(|t| t.as_str().is_some() && !t.is_null())
            .map(|t| self.field(t, Role::Title, 0, 0));
        let mut lesson = Lesson {
            id: id.clone(),
            title,
            span: node.span,
            items: Vec::new(),
        };
        let prefix = id.unwrap_or_else(|| format!("lesson{}", index + 1));
        match node.get("items") {
            Some(items) if items.is_null() => {}
            Some(items) => match items.as_seq() {
                Some(list) => {
                    for (i, it) in list.iter().enumerate() {
                        if let Some(item) = self.item(it, inh, &prefix, i) {
                            lesson.items.push(item);
                        }
                    }
                }
                None => self.expected_list(items, "items"),
            },
            None => {}
        }
        Some(lesson)
    }

    fn item(
        &mut self,
        node: &Node,
        lesson: &Inherited,
        prefix: &str,
        index: usize,
    ) -> Option<Item> {
        let Some(map) = node.as_map() else {
            self.invalid(
                node.span,
                format!("an item should be a mapping, found {}", node.type_name()),
                format!(
                    "un item doit être un dictionnaire ; trouvé : {}",
                    node.type_name_fr()
                ),
            );
            return None;
        };
        let inh = self.inherit(node, lesson, Origin::Item);
        let id = node
            .get("id")
            .filter(|n| !n.is_null())
            .and_then(Node::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("{prefix}#{}", index + 1));
        let kind = self.kind(node);
        let span = map.first().map(|(k, _)| k.span).unwrap_or(node.span);
        let mut item = Item {
            id,
            kind,
            span: Span::new(span.start, span.start),
            level: inh.level,
            language: inh.language,
            support_language: inh.support,
            fields: Vec::new(),
            timing: None,
            single_answer: None,
        };
        for (k, v) in map {
            let Some(key) = k.as_str() else { continue };
            match key {
                "prompt" => self.scalar_field(&mut item, v, Role::Prompt, key),
                "text" => self.scalar_field(&mut item, v, Role::Text, key),
                "term" => self.scalar_field(&mut item, v, Role::Term, key),
                "example" => self.scalar_field(&mut item, v, Role::Example, key),
                "instruction" => self.scalar_field(&mut item, v, Role::Instruction, key),
                "translation" => self.scalar_field(&mut item, v, Role::Translation, key),
                "feedback" => self.scalar_field(&mut item, v, Role::Feedback, key),
                "title" => self.scalar_field(&mut item, v, Role::Title, key),
                "options" => self.list_field(&mut item, v, Role::Option, key),
                "lines" => self.list_field(&mut item, v, Role::Line, key),
                "answer" => {
                    if v.as_seq().is_some() {
                        self.list_field(&mut item, v, Role::Answer, key)
                    } else {
                        self.scalar_field(&mut item, v, Role::Answer, key)
                    }
                }
                "answers" => self.answers(&mut item, v),
                "pairs" => self.pairs(&mut item, v),
                _ => {}
            }
        }
        Some(item)
    }

    fn kind(&mut self, node: &Node) -> ItemKind {
        if let Some(k) = node.get("kind").filter(|k| !k.is_null()) {
            match k.as_str().and_then(ItemKind::parse) {
                Some(kind) => return kind,
                None => {
                    let shown = k.as_str().unwrap_or("");
                    let names = ItemKind::NAMES.join(", ");
                    self.problems.push(
                        &metadata::UNKNOWN_KIND,
                        k.value_span(&self.src.text),
                        Msg::new(
                            format!("unknown item kind `{shown}`; known kinds: {names}"),
                            format!("type d'item inconnu « {shown} » ; types connus : {names}"),
                        ),
                    );
                }
            }
        }
        // Infer the kind from the keys present.
        let has = |k: &str| node.get(k).is_some();
        if has("pairs") {
            ItemKind::Matching
        } else if has("options") {
            ItemKind::MultipleChoice
        } else if has("answers") {
            ItemKind::GapFill
        } else if has("term") {
            ItemKind::Vocabulary
        } else if has("lines") {
            ItemKind::Dialogue
        } else if has("text") {
            ItemKind::Text
        } else {
            ItemKind::Open
        }
    }

    fn field(&mut self, node: &Node, role: Role, slot: u32, alt: u32) -> Field {
        Field {
            role,
            slot,
            alt,
            language: None,
            text: self.text(node),
            span: node.span,
        }
    }

    fn scalar_field(&mut self, item: &mut Item, node: &Node, role: Role, key: &str) {
        if node.is_null() {
            return;
        }
        if node.as_str().is_none() {
            self.invalid(
                node.span,
                format!("`{key}` should be a text, found {}", node.type_name()),
                format!(
                    "`{key}` doit être un texte ; trouvé : {}",
                    node.type_name_fr()
                ),
            );
            return;
        }
        let f = self.field(node, role, 0, 0);
        item.fields.push(f);
    }

    fn list_field(&mut self, item: &mut Item, node: &Node, role: Role, key: &str) {
        if node.is_null() {
            return;
        }
        let Some(list) = node.as_seq() else {
            self.expected_list(node, key);
            return;
        };
        for (i, el) in list.iter().enumerate() {
            if el.as_str().is_some() {
                let f = self.field(el, role, i as u32, 0);
                item.fields.push(f);
            } else {
                self.invalid(
                    el.span,
                    format!(
                        "each entry of `{key}` should be a text, found {}",
                        el.type_name()
                    ),
                    format!(
                        "chaque élément de `{key}` doit être un texte ; trouvé : {}",
                        el.type_name_fr()
                    ),
                );
            }
        }
    }

    /// `answers: [fui, [compré, compraba]]`: one entry per gap, a list = alternatives.
    fn answers(&mut self, item: &mut Item, node: &Node) {
        let Some(list) = node.as_seq() else {
            if node.as_str().is_some() && !node.is_null() {
                let f = self.field(node, Role::Answer, 0, 0);
                item.fields.push(f);
            } else if !node.is_null() {
                self.expected_list(node, "answers");
            }
            return;
        };
        for (gap, el) in list.iter().enumerate() {
            match &el.kind {
                NodeKind::Scalar { .. } => {
                    let f = self.field(el, Role::Answer, gap as u32, 0);
                    item.fields.push(f);
                }
                NodeKind::Seq(alts) => {
                    for (alt, a) in alts.iter().enumerate() {
                        if a.as_str().is_some() {
                            let f = self.field(a, Role::Answer, gap as u32, alt as u32);
                            item.fields.push(f);
                        } else {
                            self.invalid(
                                a.span,
                                format!("an accepted answer should be a text, found {}", a.type_name()),
                                format!("une réponse acceptée doit être un texte ; trouvé : {}", a.type_name_fr()),
                            );
                        }
                    }
                }
                NodeKind::Map(_) => self.invalid(
                    el.span,
                    "each entry of `answers` should be a text or a list of accepted texts".into(),
                    "chaque élément de `answers` doit être un texte ou une liste de textes acceptés".into(),
                ),
            }
        }
    }

    /// `pairs: [[target, support], …]`.
    fn pairs(&mut self, item: &mut Item, node: &Node) {
        let Some(list) = node.as_seq() else {
            if !node.is_null() {
                self.expected_list(node, "pairs");
            }
            return;
        };
        for (i, p) in list.iter().enumerate() {
            match p.as_seq() {
                Some([a, b]) if a.as_str().is_some() && b.as_str().is_some() => {
                    let fa = self.field(a, Role::PairTarget, i as u32, 0);
                    let fb = self.field(b, Role::PairSupport, i as u32, 0);
                    item.fields.push(fa);
                    item.fields.push(fb);
                }
                _ => self.invalid(
                    p.span,
                    "each pair should be a list of two texts: [target, support]".into(),
                    "chaque paire doit être une liste de deux textes : [cible, support]".into(),
                ),
            }
        }
    }
}
