//! H5P packages: an `.h5p` archive or an extracted folder, with `h5p.json` (the package's
//! metadata: main library, language, title) and `content/content.json` (the parameters of
//! the main content, with sub-contents nested as `{"library": "H5P.MultiChoice 1.16",
//! "params": {…}}`).
//!
//! Every text is HTML inside a JSON string: it is decoded (JSON escapes) then reduced to its
//! visible text ([`super::html::reduce`]), each byte mapped back to `content.json`, so a word
//! is reported at `course.h5p!/content/content.json:12:5`.
//!
//! Which keys are content, per library (everything else, button labels, `l10n`, `UI`,
//! `a11y`, `behaviour`, `confirm*`, accessibility texts, is interface and never read):
//! - `H5P.Blanks`: `text` (instruction); each of `questions` a gap-fill item, its
//!   `*answer*` gaps becoming `___` in the prompt and the answers (`*a/b*`: alternatives;
//!   `*answer:tip*`: the tip is an instruction).
//! - `H5P.DragText`: `taskDescription` (instruction); `textField` a gap-fill item, same star
//!   syntax.
//! - `H5P.MarkTheWords`: `taskDescription`; `textField` the text, each `*word*` an answer.
//! - `H5P.MultiChoice`: `question` (prompt), `answers[].text` options, those with `correct`
//!   also answers, `tipsAndFeedback.chosenFeedback`/`notChosenFeedback` feedback.
//! - `H5P.SingleChoiceSet`: each of `choices` a multiple-choice item, `question`, `answers`
//!   (the first is the correct one).
//! - `H5P.TrueFalse`: `question` (prompt), `correct` (`"true"`/`"false"`) the answer.
//! - `H5P.Flashcards`: `description`; each of `cards` an item, `text` prompt and `answer`.
//! - `H5P.Dialogcards`: `title`, `description`; each of `dialogs` a vocabulary item, `text`
//!   the term (front), `answer` its translation (back).
//! - `H5P.Summary`: `intro`; each of `summaries` a multiple-choice item whose first
//!   statement is the correct one.
//! - `H5P.AdvancedText`, `H5P.Text`: `text`, a reading text. `H5P.Essay`: `taskDescription`
//!   (prompt). `H5P.Dictation`: each of `sentences[].text` a text.
//! - `overallFeedback[].feedback` (score ranges) is feedback, for any library.
//! - Containers (`H5P.QuestionSet`, `H5P.Column`, `H5P.CoursePresentation` slides'
//!   elements' `action`, `H5P.InteractiveVideo` interactions and summary task,
//!   `H5P.InteractiveBook` chapters, and any other library): their sub-contents are found
//!   wherever they sit and read by their own library; `QuestionSet`'s
//!   `introPage.introduction` is an instruction.
//!
//! Language: `h5p.json`'s `language`, else `defaultLanguage`, else `metadata.language`
//! (`und`, "undetermined", is ignored). Level: a CEFR level written in `h5p.json`'s
//! `title`, `metaKeywords`, `metaDescription` or `tags` as a word of its own (`A2`, not
//! `A2B`), when exactly one level appears. Both apply to every item, as declared by the
//! file; findings about them point where they are written in `h5p.json`
//! (`x.h5p!/h5p.json:5:15`), and a language that is not one is `metadata/invalid-language`
//! there.

use super::html;
use super::package::{Tree, Unit};
use super::tree::Node;
use super::{json, Loaded};
use crate::checks::{input, metadata};
use crate::findings::{Finding, Msg};
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lang, Lesson, Level, MappedText, Role,
};
use crate::source::{Location, SourceFile, Span};

/// Sub-contents nested deeper than this are not read (a guard against pathological files).
const MAX_NESTING: usize = 64;

/// What `h5p.json` declares. The level and language carry where they are written in
/// `h5p.json` (`x.h5p!/h5p.json:5:15`), the place findings about them point at.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub main_library: Option<String>,
    pub title: Option<String>,
    /// `None` inside when a language is written but is not one (`metadata/invalid-language`).
    pub language: Option<(Option<Lang>, Location)>,
    pub level: Option<(Level, Location)>,
}

impl Meta {
    fn declared<T: Clone>(v: &Option<(T, Location)>) -> Option<Declared<T>> {
        Declared::written_elsewhere(v)
    }
}

/// Reads an H5P package (archive or folder).
pub fn read_package(tree: &mut dyn Tree, sink: &mut dyn FnMut(Unit)) {
    let Some((meta_src, mut meta_findings)) =
        super::package::decode_member(tree, "h5p.json", "h5p", sink)
    else {
        return;
    };
    let meta = match json::parse(&meta_src.text) {
        Ok(Some(root)) if root.as_map().is_some() => {
            read_meta(&meta_src, &root, &mut meta_findings)
        }
        Ok(other) => {
            let span = other.map(|r| Span::empty(r.span.start)).unwrap_or_default();
            meta_findings.push(Finding::at(
                &input::INVALID_STRUCTURE,
                &meta_src,
                span,
                Msg::new(
                    "h5p.json should be a JSON object with `mainLibrary`",
                    "h5p.json doit être un objet JSON avec `mainLibrary`",
                ),
            ));
            Meta::default()
        }
        Err(e) => {
            meta_findings.push(super::package::parse_error(&meta_src, &e));
            Meta::default()
        }
    };
    if meta.main_library.is_none() && !meta_findings.iter().any(|f| f.rule.category() == "input") {
        meta_findings.push(Finding::at(
            &input::INVALID_STRUCTURE,
            &meta_src,
            Span::empty(0),
            Msg::new(
                "h5p.json has no `mainLibrary`: the content's type is unknown",
                "h5p.json n'a pas de `mainLibrary` : le type du contenu est inconnu",
            ),
        ));
    }
    let unreadable_meta = meta_findings
        .iter()
        .any(|f| matches!(f.rule.code, "input/parse-error" | "input/unreadable"));
    if !meta_findings.is_empty() {
        sink(Unit::Loaded {
            src: meta_src,
            loaded: Loaded {
                document: None,
                findings: meta_findings,
            },
            format: "h5p",
        });
    }
    if unreadable_meta {
        return;
    }
    const CONTENT: &str = "content/content.json";
    if !tree.has(CONTENT) {
        let shown = tree.display("h5p.json");
        sink(Unit::findings(
            &shown,
            "h5p",
            vec![super::archive::finding_at(
                &shown,
                &input::INVALID_STRUCTURE,
                Msg::new(
                    "the H5P package has no content/content.json: nothing to check",
                    "le paquet H5P n'a pas de content/content.json : rien à vérifier",
                ),
            )],
        ));
        return;
    }
    let Some((src, mut findings)) = super::package::decode_member(tree, CONTENT, "h5p", sink)
    else {
        return;
    };
    let loaded = match json::parse(&src.text) {
        Ok(Some(root)) => {
            let mut l = read_content(&src, &root, &meta);
            findings.append(&mut l.findings);
            l.findings = findings;
            l
        }
        Ok(None) => {
            findings.push(Finding::at(
                &input::INVALID_STRUCTURE,
                &src,
                Span::empty(0),
                Msg::new("content.json is empty", "content.json est vide"),
            ));
            Loaded {
                document: None,
                findings,
            }
        }
        Err(e) => {
            findings.push(super::package::parse_error(&src, &e));
            Loaded {
                document: None,
                findings,
            }
        }
    };
    sink(Unit::Loaded {
        src,
        loaded,
        format: "h5p",
    });
}

/// `h5p.json`'s main library, title, language and level, located in `src` (`h5p.json`). A
/// language that is not one gives `metadata/invalid-language` at its value, into `findings`.
pub fn read_meta(src: &SourceFile, root: &Node, findings: &mut Vec<Finding>) -> Meta {
    let s = |k: &str| root.get(k).and_then(Node::as_str).map(str::to_string);
    let at = |n: &Node| src.location(n.value_span(&src.text));
    let candidates: Vec<&Node> = ["language", "defaultLanguage"]
        .iter()
        .filter_map(|k| root.get(k))
        .chain(root.get("metadata").and_then(|m| m.get("language")))
        .filter(|n| {
            n.as_str()
                .is_some_and(|l| !l.trim().eq_ignore_ascii_case("und") && !l.trim().is_empty())
        })
        .collect();
    let language = match candidates
        .iter()
        .find_map(|n| Lang::parse(n.as_str().unwrap_or("")).map(|l| (l, *n)))
    {
        Some((l, n)) => Some((Some(l), at(n))),
        None => candidates.first().map(|n| {
            let v = n.as_str().unwrap_or("");
            findings.push(Finding::at(
                &metadata::INVALID_LANGUAGE,
                src,
                n.value_span(&src.text),
                Msg::new(
                    format!("`{v}` is not a language code (such as `fr` or `en-GB`)"),
                    format!("« {v} » n'est pas un code de langue (comme `fr` ou `en-GB`)"),
                ),
            ));
            (None, at(n))
        }),
    };
    let mut texts: Vec<MappedText> = ["title", "metaKeywords", "metaDescription"]
        .iter()
        .filter_map(|k| root.get(k))
        .filter(|n| n.as_str().is_some())
        .filter_map(|n| n.mapped_text(&src.text))
        .collect();
    if let Some(tags) = root.get("tags").and_then(Node::as_seq) {
        texts.extend(
            tags.iter()
                .filter(|t| t.as_str().is_some())
                .filter_map(|t| t.mapped_text(&src.text)),
        );
    }
    let level = level_located(texts.iter().map(MappedText::as_str))
        .map(|(l, i, r)| (l, src.location(texts[i].source_span(r.start, r.end))));
    Meta {
        main_library: s("mainLibrary"),
        title: s("title"),
        language,
        level,
    }
}

/// The one CEFR level written as a word of its own in these texts (`B1`, `Niveau A2`), or
/// `None` when there is none or several different ones (`A2-B1`).
pub fn level_in<'a>(texts: impl Iterator<Item = &'a str>) -> Option<Level> {
    level_located(texts).map(|(l, _, _)| l)
}

/// [`level_in`], with where the level is first written: the index of its text and its
/// byte range there.
pub fn level_located<'a>(
    texts: impl Iterator<Item = &'a str>,
) -> Option<(Level, usize, std::ops::Range<usize>)> {
    let mut found: Option<(Level, usize, std::ops::Range<usize>)> = None;
    for (n, t) in texts.enumerate() {
        let b = t.as_bytes();
        for i in 0..b.len().saturating_sub(1) {
            let (l, d) = (b[i], b[i + 1]);
            if !matches!(l, b'A' | b'B' | b'C') || !matches!(d, b'1' | b'2') {
                continue;
            }
            let before = i.checked_sub(1).map(|j| b[j]);
            let after = b.get(i + 2).copied();
            let boundary = |c: Option<u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            if !boundary(before) || !boundary(after) {
                continue;
            }
            let Ok(level) = t[i..i + 2].parse::<Level>() else {
                continue;
            };
            match &found {
                Some((f, _, _)) if *f != level => return None,
                Some(_) => {}
                None => found = Some((level, n, i..i + 2)),
            }
        }
    }
    found
}

/// Maps `content.json` (parameters of `meta.main_library`) into one lesson.
pub fn read_content(src: &SourceFile, root: &Node, meta: &Meta) -> Loaded {
    let mut r = Reader {
        src,
        meta,
        items: Vec::new(),
    };
    let library = meta.main_library.clone().unwrap_or_default();
    r.content(&library, root, 0);
    let lesson = Lesson {
        id: meta.title.clone(),
        title: None,
        span: root.span,
        items: r.items,
    };
    Loaded {
        document: Some(Document {
            lessons: vec![lesson],
        }),
        findings: Vec::new(),
    }
}

struct Reader<'a> {
    src: &'a SourceFile,
    meta: &'a Meta,
    items: Vec<Item>,
}

/// A gap of a Blanks or DragText text: its accepted answers and its tip.
struct Gap {
    answers: Vec<MappedText>,
    tip: Option<MappedText>,
}

impl<'a> Reader<'a> {
    /// The decoded JSON string (HTML not yet reduced).
    fn raw(&self, node: Option<&Node>) -> Option<MappedText> {
        let node = node?;
        node.as_str()?;
        node.mapped_text(&self.src.text)
    }

    /// The visible text of an HTML string.
    fn html(&self, node: Option<&Node>) -> Option<MappedText> {
        let m = html::reduce(&self.raw(node)?);
        (!m.as_str().trim().is_empty()).then_some(m)
    }

    fn item(&mut self, kind: ItemKind, at: &Node, library: &str) -> Item {
        let short = library
            .split_whitespace()
            .next()
            .unwrap_or(library)
            .trim_start_matches("H5P.");
        Item {
            id: format!("{}#{}", short, self.items.len() + 1),
            kind,
            span: Span::empty(at.span.start),
            level: Meta::declared(
                &self
                    .meta
                    .level
                    .as_ref()
                    .map(|(l, at)| (Some(*l), at.clone())),
            ),
            language: Meta::declared(&self.meta.language),
            support_language: None,
            fields: Vec::new(),
            timing: None,
            single_answer: None,
        }
    }

    fn push(&mut self, item: Item) {
        if !item.fields.is_empty() {
            self.items.push(item);
        }
    }

    /// Reads one content of `library` whose parameters are `params`, then its sub-contents.
    fn content(&mut self, library: &str, params: &Node, depth: usize) {
        if depth > MAX_NESTING || params.as_map().is_none() {
            return;
        }
        let name = library.split_whitespace().next().unwrap_or("");
        let get = |k: &str| params.get(k);
        match name {
            "H5P.Blanks" => {
                self.instruction(get("text"), params, library);
                if let Some(qs) = get("questions").and_then(Node::as_seq) {
                    for q in qs {
                        self.gap_fill(q, library);
                    }
                }
            }
            "H5P.DragText" => {
                self.instruction(get("taskDescription"), params, library);
                if let Some(t) = get("textField") {
                    self.gap_fill(t, library);
                }
            }
            "H5P.MarkTheWords" => {
                self.instruction(get("taskDescription"), params, library);
                if let Some(t) = get("textField") {
                    self.mark_the_words(t, library);
                }
            }
            "H5P.MultiChoice" => self.multi_choice(params, library),
            "H5P.SingleChoiceSet" => {
                if let Some(cs) = get("choices").and_then(Node::as_seq) {
                    for c in cs {
                        self.first_correct(c, get_str(c, "question"), c.get("answers"), library);
                    }
                }
            }
            "H5P.TrueFalse" => self.true_false(params, library),
            "H5P.Flashcards" => {
                self.instruction(get("description"), params, library);
                for c in get("cards").and_then(Node::as_seq).unwrap_or(&[]) {
                    let mut it = self.item(ItemKind::Open, c, library);
                    self.add(&mut it, Role::Prompt, 0, 0, self.html(c.get("text")));
                    self.add(&mut it, Role::Answer, 0, 0, self.html(c.get("answer")));
                    self.add(&mut it, Role::Instruction, 0, 0, self.html(c.get("tip")));
                    self.push(it);
                }
            }
            "H5P.Dialogcards" => {
                let mut it = self.item(ItemKind::Text, params, library);
                self.add(&mut it, Role::Title, 0, 0, self.html(get("title")));
                self.add(
                    &mut it,
                    Role::Instruction,
                    0,
                    0,
                    self.html(get("description")),
                );
                self.push(it);
                for d in get("dialogs").and_then(Node::as_seq).unwrap_or(&[]) {
                    let mut it = self.item(ItemKind::Vocabulary, d, library);
                    self.add(&mut it, Role::Term, 0, 0, self.html(d.get("text")));
                    self.add(&mut it, Role::Translation, 0, 0, self.html(d.get("answer")));
                    self.push(it);
                }
            }
            "H5P.Summary" => {
                self.instruction(get("intro"), params, library);
                for s in get("summaries").and_then(Node::as_seq).unwrap_or(&[]) {
                    self.first_correct(s, None, s.get("summary"), library);
                }
            }
            "H5P.AdvancedText" | "H5P.Text" => {
                let mut it = self.item(ItemKind::Text, params, library);
                self.add(&mut it, Role::Text, 0, 0, self.html(get("text")));
                self.push(it);
            }
            "H5P.Essay" => {
                let mut it = self.item(ItemKind::Open, params, library);
                self.add(
                    &mut it,
                    Role::Prompt,
                    0,
                    0,
                    self.html(get("taskDescription")),
                );
                self.push(it);
            }
            "H5P.Dictation" => {
                self.instruction(get("taskDescription"), params, library);
                for s in get("sentences").and_then(Node::as_seq).unwrap_or(&[]) {
                    let mut it = self.item(ItemKind::Text, s, library);
                    self.add(&mut it, Role::Text, 0, 0, self.html(s.get("text")));
                    self.push(it);
                }
            }
            "H5P.QuestionSet" => {
                let intro = get("introPage").and_then(|p| p.get("introduction"));
                self.instruction(intro, params, library);
            }
            _ => {}
        }
        // Score-range feedback, for any library.
        if let Some(ranges) = get("overallFeedback").and_then(Node::as_seq) {
            let mut it = self.item(ItemKind::Text, params, library);
            for (i, r) in ranges.iter().enumerate() {
                let f = self.html(r.get("feedback"));
                self.add(&mut it, Role::Feedback, i, 0, f);
            }
            self.push(it);
        }
        self.sub_contents(params, depth);
    }

    /// Finds the sub-contents (`{"library": …, "params": {…}}`) anywhere below `node`.
    fn sub_contents(&mut self, node: &Node, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        if let Some(map) = node.as_map() {
            for (k, v) in map {
                if matches!(k.as_str(), Some("l10n" | "UI" | "a11y" | "behaviour")) {
                    continue;
                }
                match (
                    v.get("library").and_then(Node::as_str),
                    v.get("params").filter(|p| p.as_map().is_some()),
                ) {
                    (Some(lib), Some(params)) => self.content(lib, params, depth + 1),
                    _ => self.sub_contents(v, depth + 1),
                }
            }
        } else if let Some(seq) = node.as_seq() {
            for v in seq {
                match (
                    v.get("library").and_then(Node::as_str),
                    v.get("params").filter(|p| p.as_map().is_some()),
                ) {
                    (Some(lib), Some(params)) => self.content(lib, params, depth + 1),
                    _ => self.sub_contents(v, depth + 1),
                }
            }
        }
    }

    fn add(&self, item: &mut Item, role: Role, slot: usize, alt: usize, text: Option<MappedText>) {
        if let Some(t) = text {
            item.fields.extend(super::field(role, slot, alt, &t));
        }
    }

    /// An instruction of its own (a task description): an item with one instruction field.
    fn instruction(&mut self, node: Option<&Node>, at: &Node, library: &str) {
        let Some(t) = self.html(node) else { return };
        let mut it = self.item(ItemKind::Text, at, library);
        self.add(&mut it, Role::Instruction, 0, 0, Some(t));
        self.push(it);
    }

    /// A text with `*answer*` gaps (Blanks, DragText): the prompt with `___` at each gap
    /// (mapped to the whole `*…*`), and each gap's answers.
    fn gap_fill(&mut self, node: &Node, library: &str) {
        let Some(m) = self.raw(Some(node)) else {
            return;
        };
        let (prompt, gaps) = split_gaps(&m, false);
        let mut it = self.item(
            if gaps.is_empty() {
                ItemKind::Text
            } else {
                ItemKind::GapFill
            },
            node,
            library,
        );
        let role = if gaps.is_empty() {
            Role::Text
        } else {
            Role::Prompt
        };
        self.add(&mut it, role, 0, 0, Some(html::reduce(&prompt)));
        for (g, gap) in gaps.iter().enumerate() {
            for (a, ans) in gap.answers.iter().enumerate() {
                self.add(&mut it, Role::Answer, g, a, Some(ans.clone()));
            }
            self.add(&mut it, Role::Instruction, g, 0, gap.tip.clone());
        }
        self.push(it);
    }

    /// Mark the Words: the text with its `*word*` marks removed, and each marked word as an
    /// answer.
    fn mark_the_words(&mut self, node: &Node, library: &str) {
        let Some(m) = self.raw(Some(node)) else {
            return;
        };
        let (text, gaps) = split_gaps(&m, true);
        let mut it = self.item(ItemKind::Open, node, library);
        self.add(&mut it, Role::Text, 0, 0, Some(html::reduce(&text)));
        for (g, gap) in gaps.iter().enumerate() {
            for (a, ans) in gap.answers.iter().enumerate() {
                self.add(&mut it, Role::Answer, g, a, Some(ans.clone()));
            }
        }
        self.push(it);
    }

    fn multi_choice(&mut self, params: &Node, library: &str) {
        let mut it = self.item(ItemKind::MultipleChoice, params, library);
        self.add(
            &mut it,
            Role::Prompt,
            0,
            0,
            self.html(params.get("question")),
        );
        let answers = params.get("answers").and_then(Node::as_seq).unwrap_or(&[]);
        let mut correct = 0;
        let mut feedback = 0;
        for (i, a) in answers.iter().enumerate() {
            let text = self.html(a.get("text"));
            let is_correct = a
                .get("correct")
                .and_then(Node::as_str)
                .is_some_and(|c| c == "true");
            if is_correct {
                self.add(&mut it, Role::Answer, correct, 0, text.clone());
                correct += 1;
            }
            self.add(&mut it, Role::Option, i, 0, text);
            if let Some(tf) = a.get("tipsAndFeedback") {
                for k in ["chosenFeedback", "notChosenFeedback"] {
                    let f = self.html(tf.get(k));
                    if f.is_some() {
                        self.add(&mut it, Role::Feedback, feedback, 0, f);
                        feedback += 1;
                    }
                }
            }
        }
        self.push(it);
    }

    /// A question whose first listed answer is the correct one (SingleChoiceSet, Summary).
    fn first_correct(
        &mut self,
        at: &Node,
        question: Option<&Node>,
        answers: Option<&Node>,
        library: &str,
    ) {
        let mut it = self.item(ItemKind::MultipleChoice, at, library);
        self.add(&mut it, Role::Prompt, 0, 0, self.html(question));
        for (i, a) in answers
            .and_then(Node::as_seq)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let text = self.html(Some(a));
            if i == 0 {
                self.add(&mut it, Role::Answer, 0, 0, text.clone());
            }
            self.add(&mut it, Role::Option, i, 0, text);
        }
        self.push(it);
    }

    fn true_false(&mut self, params: &Node, library: &str) {
        let mut it = self.item(ItemKind::TrueFalse, params, library);
        self.add(
            &mut it,
            Role::Prompt,
            0,
            0,
            self.html(params.get("question")),
        );
        if let Some(c) = params.get("correct") {
            let truth = match c.as_str() {
                Some("true") => Some("true"),
                Some("false") => Some("false"),
                _ => None,
            };
            if let (Some(t), false) = (truth, it.fields.is_empty()) {
                let span = c.value_span(&self.src.text);
                let mut m = MappedText::default();
                m.push_replacement(t, span);
                it.fields.push(Field {
                    role: Role::Answer,
                    slot: 0,
                    alt: 0,
                    language: None,
                    text: m,
                    span,
                });
            }
        }
        self.push(it);
    }
}

fn get_str<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    node.get(key).filter(|n| n.as_str().is_some())
}

/// Splits a text with `*…*` marks (in the decoded JSON string, before HTML is reduced).
/// With `keep`, each mark is replaced by its word (Mark the Words); otherwise by `___`
/// (Blanks, DragText), whose content is `answer`, `a/b` (alternatives) or `answer:tip`.
fn split_gaps(m: &MappedText, keep: bool) -> (MappedText, Vec<Gap>) {
    let t = m.as_str();
    let mut out = MappedText::default();
    let mut gaps = Vec::new();
    let (mut run, mut from) = (0usize, 0usize);
    while let Some(open) = t[from..].find('*').map(|k| from + k) {
        let Some(close) = t[open + 1..].find(['*', '\n']).map(|k| open + 1 + k) else {
            break;
        };
        if t.as_bytes()[close] == b'\n' || close == open + 1 {
            from = close + 1;
            continue;
        }
        let body = open + 1;
        out.push_slice(m, run, open);
        if keep {
            out.push_slice(m, body, close);
        } else {
            out.push_replacement("___", m.source_span(open, close + 1));
        }
        let (ans_end, tip) = match t[body..close].find(':') {
            Some(k) if !keep => (body + k, Some(piece(m, body + k + 1, close))),
            _ => (close, None),
        };
        let mut answers = Vec::new();
        let mut a = body;
        loop {
            let e = if keep {
                ans_end
            } else {
                t[a..ans_end].find('/').map_or(ans_end, |k| a + k)
            };
            let p = piece(m, a, e);
            if !p.as_str().is_empty() {
                answers.push(p);
            }
            if e >= ans_end {
                break;
            }
            a = e + 1;
        }
        gaps.push(Gap {
            answers,
            tip: tip.filter(|t| !t.as_str().is_empty()),
        });
        run = close + 1;
        from = close + 1;
    }
    out.push_slice(m, run, t.len());
    (out, gaps)
}

/// A piece of a decoded string, HTML reduced and trimmed.
fn piece(m: &MappedText, a: usize, b: usize) -> MappedText {
    let mut p = MappedText::default();
    p.push_slice(m, a, b);
    html::reduce(&p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(src: &str, m: &MappedText, word: &str) -> String {
        let i = m.as_str().find(word).unwrap();
        let s = m.source_span(i, i + word.len());
        src[s.start..s.end].to_string()
    }

    #[test]
    fn gaps_with_alternatives_and_tips_map_to_the_source() {
        let src = r#"{"t": "<p>Elle *est/était:verbe \u00eatre* tr\u00e8s *grande*.<\/p>"}"#;
        let root = json::parse(src).unwrap().unwrap();
        let m = root.get("t").unwrap().mapped_text(src).unwrap();
        let (prompt, gaps) = split_gaps(&m, false);
        let prompt = html::reduce(&prompt);
        assert_eq!(prompt.as_str(), "Elle ___ très ___.");
        assert_eq!(at(src, &prompt, "___"), "*est/était:verbe \\u00eatre*");
        assert_eq!(at(src, &prompt, "très"), "tr\\u00e8s");
        assert_eq!(gaps.len(), 2);
        assert_eq!(gaps[0].answers.len(), 2);
        assert_eq!(at(src, &gaps[0].answers[1], "était"), "était");
        assert_eq!(gaps[0].tip.as_ref().unwrap().as_str(), "verbe être");
        assert_eq!(gaps[1].answers[0].as_str(), "grande");
    }

    #[test]
    fn marked_words_stay_in_the_text() {
        let src = r#"{"t": "Le *chat* dort."}"#;
        let root = json::parse(src).unwrap().unwrap();
        let m = root.get("t").unwrap().mapped_text(src).unwrap();
        let (text, gaps) = split_gaps(&m, true);
        assert_eq!(text.as_str(), "Le chat dort.");
        assert_eq!(at(src, &text, "chat"), "chat");
        assert_eq!(gaps[0].answers[0].as_str(), "chat");
    }

    #[test]
    fn levels_are_word_bounded_and_unique() {
        assert_eq!(
            level_in(["Français A2 : au marché"].into_iter()),
            Some(Level::A2)
        );
        assert_eq!(level_in(["Niveau B1", "B1"].into_iter()), Some(Level::B1));
        assert_eq!(level_in(["A2-B1"].into_iter()), None);
        assert_eq!(level_in(["A2B", "xB1", "room C12"].into_iter()), None);
        assert_eq!(level_in(["no level"].into_iter()), None);
    }
}
