//! IMS QTI items: one `assessmentItem` (QTI 2.x) or `qti-assessment-item` (QTI 3.0) per file,
//! read into one lesson holding one item. Content packages (`imsmanifest.xml` and the files it
//! lists) are read elsewhere and call [`read`] for each item file.
//!
//! The item body is XHTML: its text becomes the item's prompt, block elements separating
//! words, each word mapped to its line and column. Interactions:
//! - `choiceInteraction`, `orderInteraction`: each `simpleChoice` an option (in order, for an
//!   ordering item); the choices named by the correct response are the answer;
//! - `textEntryInteraction`: a gap `___` in the prompt; its answers are the correct response's
//!   values, then the mapping's keys that earn points;
//! - `inlineChoiceInteraction`: a gap whose options are the `inlineChoice`s, the correct one
//!   its answer;
//! - `gapMatchInteraction`: each `gap` a gap in the prompt; the `gapText`s are options; the
//!   correct pairs (`W G1`) give each gap its answer;
//! - `matchInteraction`, `associateInteraction`: the correct pairs become matching pairs (the
//!   first choice of a pair the target side, the second the support side);
//! - `hottextInteraction`: its passage, `hottext`s included, is part of the prompt;
//! - `extendedTextInteraction` (essay) and others: their prompt only.
//!
//! `prompt`s are part of the prompt text; `feedbackInline`, `feedbackBlock` and
//! `modalFeedback` are feedback; MathML, objects and images are left out. The element names of
//! QTI 3.0 (`qti-simple-choice`) are read like those of 2.x (`simpleChoice`). `xml:lang` on the
//! item declares its language. QTI 1.2 (`questestinterop`) is read by [`super::qti1`].

use std::collections::HashMap;

use roxmltree::Node;

use super::xml::{self, attr, child};
use super::{field, html, Loaded};
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lang, Lesson, MappedText, Origin, Role,
};
use crate::source::{SourceFile, Span};

/// True when a root element name is a QTI item (`assessmentItem`, `qti-assessment-item`, with
/// or without a prefix).
pub fn is_item_root(name: &str) -> bool {
    xml::key(name) == "assessmentitem"
}

/// Reads one QTI item file into a document of one lesson holding one item. A file whose root
/// is not an item gives an empty document.
pub fn read(src: &SourceFile) -> Loaded {
    let doc = match xml::parse(src) {
        Ok(d) => d,
        Err(f) => return Loaded::failed(*f),
    };
    let root = doc.root_element();
    let mut out = Document::default();
    if is_item_root(root.tag_name().name()) {
        let item = item(&src.text, root, &src.path);
        out.lessons.push(Lesson {
            id: Some(item.id.clone()),
            title: None,
            span: item.span,
            items: vec![item],
        });
    }
    Loaded {
        document: Some(out),
        findings: Vec::new(),
    }
}

/// What the item body gives while it is walked.
#[derive(Default)]
struct Body {
    /// The prompt text, decoded, with `\n` at block boundaries and `___` at gaps (collapsed
    /// at the end).
    text: MappedText,
    /// Options: (response identifier, choice identifier, text).
    options: Vec<(String, String, MappedText)>,
    /// Gaps in order: (response identifier, gap identifier for gap-match gaps).
    gaps: Vec<(String, Option<String>)>,
    /// Choices of match and associate interactions, by identifier.
    associable: Vec<(String, String, MappedText)>,
    /// Response identifiers of match and associate interactions.
    pairs_of: Vec<String>,
    feedback: Vec<MappedText>,
    kind: Option<ItemKind>,
}

/// Correct responses by response identifier: the values, then mapped keys earning points.
fn responses(s: &str, root: Node) -> HashMap<String, Vec<MappedText>> {
    let mut out: HashMap<String, Vec<MappedText>> = HashMap::new();
    for decl in root
        .children()
        .filter(|c| c.is_element() && xml::key(c.tag_name().name()) == "responsedeclaration")
    {
        let Some(id) = attr(decl, "identifier") else {
            continue;
        };
        let list = out.entry(id.to_string()).or_default();
        if let Some(cr) = child(decl, "correctresponse") {
            for v in xml::children(cr, "value") {
                if let Some((a, b)) = xml::inner(s, v) {
                    let t = html::xml_plain(s, a, b);
                    if !t.as_str().is_empty() {
                        list.push(t);
                    }
                }
            }
        }
        if let Some(m) = child(decl, "mapping") {
            for e in xml::children(m, "mapentry") {
                let points = attr(e, "mappedValue")
                    .or_else(|| attr(e, "mapped-value"))
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .unwrap_or(0.0);
                let key = e
                    .attributes()
                    .find(|a| a.name() == "mapKey" || a.name() == "map-key");
                if let (true, Some(k)) = (points > 0.0, key) {
                    let sp = xml::value_span(s, k.range());
                    let t = html::xml_plain(s, sp.start, sp.end);
                    if !list.iter().any(|x| x.as_str() == t.as_str()) && !t.as_str().is_empty() {
                        list.push(t);
                    }
                }
            }
        }
    }
    out
}

/// The item: prompt, options, answers, pairs and feedback.
fn item(s: &str, root: Node, path: &str) -> Item {
    let id = attr(root, "identifier")
        .map(str::to_string)
        .unwrap_or_else(|| {
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            name.strip_suffix(".xml").unwrap_or(name).to_string()
        });
    let mut fields: Vec<Field> = Vec::new();
    if let Some(t) = root.attributes().find(|a| a.name() == "title") {
        let sp = xml::value_span(s, t.range());
        fields.extend(field(
            Role::Title,
            0,
            0,
            &html::xml_plain(s, sp.start, sp.end),
        ));
    }
    let mut body = Body::default();
    if let Some(b) = child(root, "itembody") {
        walk(s, b, &mut body);
    }
    for m in root
        .children()
        .filter(|c| c.is_element() && xml::key(c.tag_name().name()) == "modalfeedback")
    {
        let mut t = MappedText::default();
        collect(s, m, &mut t);
        body.feedback.push(html::collapse(&t));
    }
    let correct = responses(s, root);
    let values = |rid: &str| correct.get(rid).map(Vec::as_slice).unwrap_or(&[]);

    fields.extend(field(Role::Prompt, 0, 0, &html::collapse(&body.text)));
    let ordering = body.kind == Some(ItemKind::Ordering);
    // Options of choice and order interactions, and of inline choices and gap texts.
    for (i, (_, _, t)) in body.options.iter().enumerate() {
        fields.extend(field(Role::Option, i, 0, t));
    }
    // Answers of choice interactions: the correct choices (not for ordering items: the
    // options are already in the order the learner must give).
    let gap_rids: Vec<&str> = body.gaps.iter().map(|(r, _)| r.as_str()).collect();
    if !ordering {
        let mut alt = 0;
        for (rid, cid, t) in &body.options {
            if gap_rids.contains(&rid.as_str()) {
                continue;
            }
            if values(rid).iter().any(|v| v.as_str() == cid) {
                fields.extend(field(Role::Answer, 0, alt, t));
                alt += 1;
            }
        }
    }
    // Gaps: text entry (values), inline choice (the chosen option), gap match (pairs).
    for (g, (rid, gap_id)) in body.gaps.iter().enumerate() {
        let option = |cid: &str| {
            body.options
                .iter()
                .find(|(r, c, _)| r == rid && c == cid)
                .map(|(_, _, t)| t)
        };
        let mut alt = 0;
        let mut push = |t: &MappedText| {
            if let Some(f) = field(Role::Answer, g, alt, t) {
                fields.push(f);
                alt += 1;
            }
        };
        match gap_id {
            Some(gid) => {
                for v in values(rid) {
                    let mut parts = v.as_str().split_whitespace();
                    if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
                        let source = if b == gid {
                            Some(a)
                        } else if a == gid {
                            Some(b)
                        } else {
                            None
                        };
                        if let Some(t) = source.and_then(option) {
                            push(t);
                        }
                    }
                }
            }
            None => {
                let inline = body.options.iter().any(|(r, _, _)| r == rid);
                for v in values(rid) {
                    if inline {
                        if let Some(t) = option(v.as_str()) {
                            push(t);
                        }
                    } else {
                        push(v);
                    }
                }
            }
        }
    }
    // Matching pairs from the correct pairs of match and associate interactions.
    let mut pair = 0;
    for rid in &body.pairs_of {
        let choice = |cid: &str| {
            body.associable
                .iter()
                .find(|(r, c, _)| r == rid && c == cid)
                .map(|(_, _, t)| t)
        };
        for v in values(rid) {
            let mut parts = v.as_str().split_whitespace();
            if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
                // A side with no text (an image) cannot be compared: not a pair.
                if let (Some(ta), Some(tb)) = (
                    choice(a).filter(|t| !t.as_str().trim().is_empty()),
                    choice(b).filter(|t| !t.as_str().trim().is_empty()),
                ) {
                    fields.extend(field(Role::PairTarget, pair, 0, ta));
                    fields.extend(field(Role::PairSupport, pair, 0, tb));
                    pair += 1;
                }
            }
        }
    }
    if pair == 0 {
        // No correct pairs: the choices are still learner-visible text.
        let base = body.options.len();
        for (i, (_, _, t)) in body.associable.iter().enumerate() {
            fields.extend(field(Role::Option, base + i, 0, t));
        }
    }
    for (i, f) in body.feedback.iter().enumerate() {
        fields.extend(field(Role::Feedback, i, 0, f));
    }
    // No correct response, no scoring mapping and no response processing: the item is not
    // scored (a survey, an opinion), so it has no key to miss.
    let unscored = correct.values().all(Vec::is_empty)
        && !root
            .descendants()
            .any(|c| c.is_element() && xml::key(c.tag_name().name()) == "responseprocessing");
    let kind = if unscored && body.kind != Some(ItemKind::Ordering) && !body.options.is_empty()
        || unscored && !body.gaps.is_empty()
    {
        ItemKind::Open
    } else if !body.gaps.is_empty() {
        ItemKind::GapFill
    } else {
        body.kind.unwrap_or(ItemKind::Text)
    };
    Item {
        id,
        kind,
        span: Span::empty(root.range().start),
        level: None,
        language: xml::lang_attr(s, root).map(|(v, span)| Declared {
            value: Lang::parse(&v),
            origin: Origin::Item,
            span: Some(span),
            elsewhere: None,
        }),
        support_language: None,
        fields,
        timing: None,
        single_answer: None,
    }
}

/// Elements whose text is not language (formulas, media) or not shown.
const SKIPPED: &[&str] = &[
    "math",
    "object",
    "img",
    "audio",
    "video",
    "script",
    "style",
    "stylesheet",
    "templateinline",
    "templateblock",
    "printedvariable",
    "responseprocessing",
];

/// XHTML elements that separate lines of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "figure",
    "figcaption",
    "caption",
    "prompt",
    "rubricblock",
    "simplechoice",
    "itembody",
];

/// A node's content in order: raw text ranges (text, entities, CDATA, comments, decoded by
/// [`html::xml_decode`]) and child elements. Text is taken from the source between elements
/// rather than from text nodes, which merge text and CDATA sections.
enum Piece<'a, 'i> {
    Text(usize, usize),
    Elem(Node<'a, 'i>),
}

fn pieces<'a, 'i>(s: &str, node: Node<'a, 'i>) -> Vec<Piece<'a, 'i>> {
    let mut out = Vec::new();
    let Some((start, end)) = xml::inner(s, node) else {
        return out;
    };
    let mut at = start;
    for c in node.children().filter(|c| c.is_element()) {
        let r = c.range();
        if r.start > at {
            out.push(Piece::Text(at, r.start));
        }
        out.push(Piece::Elem(c));
        at = r.end;
    }
    if end > at {
        out.push(Piece::Text(at, end));
    }
    out
}

fn push_text(s: &str, t: &mut MappedText, a: usize, b: usize) {
    let d = html::xml_decode(s, a, b);
    t.push_slice(&d, 0, d.as_str().len());
}

fn separator(t: &mut MappedText, at: usize) {
    let mut b = [0; 4];
    t.push_replacement(html::BREAK.encode_utf8(&mut b), Span::empty(at));
}

/// The visible text of a node and its descendants, block elements separated, into `t`.
fn collect(s: &str, node: Node, t: &mut MappedText) {
    for p in pieces(s, node) {
        let c = match p {
            Piece::Text(a, b) => {
                push_text(s, t, a, b);
                continue;
            }
            Piece::Elem(c) => c,
        };
        let k = xml::key(c.tag_name().name());
        if SKIPPED.contains(&k.as_str()) || k.starts_with("feedback") {
            continue;
        }
        let block = BLOCKS.contains(&k.as_str());
        if block {
            separator(t, c.range().start);
        }
        collect(s, c, t);
        if block {
            separator(t, c.range().end);
        }
    }
}

/// The text of one choice, collapsed.
fn choice_text(s: &str, node: Node) -> MappedText {
    let mut t = MappedText::default();
    collect(s, node, &mut t);
    html::collapse(&t)
}

/// Walks the item body, filling the prompt text and the interactions' parts.
fn walk(s: &str, node: Node, b: &mut Body) {
    for p in pieces(s, node) {
        let c = match p {
            Piece::Text(x, y) => {
                push_text(s, &mut b.text, x, y);
                continue;
            }
            Piece::Elem(c) => c,
        };
        let k = xml::key(c.tag_name().name());
        let rid = attr(c, "responseIdentifier")
            .or_else(|| attr(c, "response-identifier"))
            .unwrap_or("")
            .to_string();
        let r = c.range();
        match k.as_str() {
            _ if SKIPPED.contains(&k.as_str()) => {}
            "feedbackinline" | "feedbackblock" => b.feedback.push(choice_text(s, c)),
            "textentryinteraction" => {
                b.text.push_replacement("___", Span::new(r.start, r.end));
                b.gaps.push((rid, None));
            }
            "inlinechoiceinteraction" => {
                b.text.push_replacement("___", Span::new(r.start, r.end));
                for ic in xml::children(c, "inlinechoice") {
                    let id = attr(ic, "identifier").unwrap_or("").to_string();
                    b.options.push((rid.clone(), id, choice_text(s, ic)));
                }
                b.gaps.push((rid, None));
            }
            "choiceinteraction" | "orderinteraction" => {
                b.kind.get_or_insert(if k == "orderinteraction" {
                    ItemKind::Ordering
                } else {
                    ItemKind::MultipleChoice
                });
                for e in c.children().filter(|e| e.is_element()) {
                    match xml::key(e.tag_name().name()).as_str() {
                        "prompt" => {
                            separator(&mut b.text, e.range().start);
                            walk(s, e, b);
                            separator(&mut b.text, e.range().end);
                        }
                        "simplechoice" => {
                            let id = attr(e, "identifier").unwrap_or("").to_string();
                            b.options.push((rid.clone(), id, choice_text(s, e)));
                        }
                        _ => {}
                    }
                }
            }
            "gapmatchinteraction" => {
                for p in pieces(s, c) {
                    let e = match p {
                        Piece::Text(x, y) => {
                            push_text(s, &mut b.text, x, y);
                            continue;
                        }
                        Piece::Elem(e) => e,
                    };
                    match xml::key(e.tag_name().name()).as_str() {
                        "gaptext" => {
                            let id = attr(e, "identifier").unwrap_or("").to_string();
                            b.options.push((rid.clone(), id, choice_text(s, e)));
                        }
                        "gapimg" => {}
                        _ => {
                            // Text, prompt and the block holding the gaps.
                            walk_gaps(s, e, &rid, b);
                        }
                    }
                }
            }
            "matchinteraction" | "associateinteraction" => {
                b.kind.get_or_insert(ItemKind::Matching);
                b.pairs_of.push(rid.clone());
                for e in c.descendants().filter(|e| e.is_element()) {
                    match xml::key(e.tag_name().name()).as_str() {
                        "prompt" => {
                            separator(&mut b.text, e.range().start);
                            walk(s, e, b);
                            separator(&mut b.text, e.range().end);
                        }
                        "simpleassociablechoice" => {
                            let id = attr(e, "identifier").unwrap_or("").to_string();
                            b.associable.push((rid.clone(), id, choice_text(s, e)));
                        }
                        _ => {}
                    }
                }
            }
            "hottextinteraction" => {
                // The passage, its selectable `hottext`s inline.
                b.kind.get_or_insert(ItemKind::Open);
                separator(&mut b.text, r.start);
                walk(s, c, b);
                separator(&mut b.text, r.end);
            }
            _ if k.ends_with("interaction") => {
                b.kind.get_or_insert(ItemKind::Open);
                if let Some(p) = child(c, "prompt") {
                    separator(&mut b.text, p.range().start);
                    walk(s, p, b);
                    separator(&mut b.text, p.range().end);
                }
            }
            _ => {
                let block = BLOCKS.contains(&k.as_str());
                if block {
                    separator(&mut b.text, r.start);
                }
                walk(s, c, b);
                if block {
                    separator(&mut b.text, r.end);
                }
            }
        }
    }
}

/// Inside a gap-match interaction: text and blocks into the prompt, `gap`s as gaps.
fn walk_gaps(s: &str, node: Node, rid: &str, b: &mut Body) {
    let k = xml::key(node.tag_name().name());
    let r = node.range();
    if SKIPPED.contains(&k.as_str()) {
        return;
    }
    if k.starts_with("feedback") {
        b.feedback.push(choice_text(s, node));
        return;
    }
    if k == "gap" {
        b.text.push_replacement("___", Span::new(r.start, r.end));
        let id = attr(node, "identifier").unwrap_or("").to_string();
        b.gaps.push((rid.to_string(), Some(id)));
        return;
    }
    let block = BLOCKS.contains(&k.as_str());
    if block {
        separator(&mut b.text, r.start);
    }
    for p in pieces(s, node) {
        match p {
            Piece::Text(x, y) => push_text(s, &mut b.text, x, y),
            Piece::Elem(c) => walk_gaps(s, c, rid, b),
        }
    }
    if block {
        separator(&mut b.text, r.end);
    }
}
