//! IMS QTI 1.2 (`<questestinterop>`), the format of older LMS exports (Canvas and IMS Common
//! Cartridge question banks, Blackboard, Respondus, WebCT): `assessment`s holding `section`s
//! holding `item`s, or an `objectbank`, or items directly under the root.
//!
//! Each `section` (else the `assessment`, `objectbank` or root) holding items is a lesson,
//! named by its `title` (else its `ident`). Its `rubric` and `presentation_material`, shown to
//! the learner before the questions, are an instruction item. Each `item` is an item named by
//! its `ident`; its `title` is a title field. Inside an item:
//! - `presentation`: the `material`s (`mattext`, `matemtext`; HTML escaped, in CDATA or plain,
//!   by `texttype`) are the prompt; images, sounds and `altmaterial` are left out;
//! - `response_lid` with `render_choice`: each `response_label` an option (`rcardinality`
//!   `Single`: one answer expected; `Ordered`: an ordering item);
//! - `response_str`/`response_num` with `render_fib`: a fill-in; placed between two
//!   materials it is a gap `___` in the prompt, at the end of the question its answers
//!   complete the question (as a Moodle short answer);
//! - several `response_lid`s each with its own `material` (Canvas matching questions): the
//!   material is the left side of a pair, the correct label the right side;
//! - a response whose `material` names a `[blank]` written in the question text (Canvas
//!   "fill in multiple blanks" and "multiple dropdowns") fills that blank: a gap `___` at
//!   `[blank]`, the correct labels its answers (for dropdowns, the labels are options too);
//! - `resprocessing`: a `respcondition` that gives points (`setvar` with a positive value or
//!   `…max`, or titled `correct`) names the correct answers with its `varequal`s (those under
//!   `<not>` are wrong answers), and numeric ranges with a lower bound (`vargte`, `vargt`)
//!   and an upper one (`varlte`, `varlt`) of the same response: the answer `low..high`, as
//!   GIFT writes it, located at the lower bound (a bound alone is not read); an item with no
//!   such condition has no key, and is open;
//! - `itemfeedback` (with its `solution`s and `hint`s): feedback;
//! - `qticomment`, `objectives`, `rubric` of the item (for the grader) are not read.
//!
//! Language: `xml:lang` on the item, else on its section, assessment or root. Level: a
//! `qtimetadatafield` whose `fieldlabel` names the CEFR (`cefr_level`, `CECRL`, `GER`) and whose
//! `fieldentry` is a level, on the item (`itemmetadata`), its section or assessment; an entry
//! that is not a level is `metadata/invalid-level` at the entry. Every text keeps its line and
//! column in the file.

use roxmltree::Node;

use super::xml::{self, attr};
use super::{field, html, Loaded};
use crate::checks::metadata;
use crate::findings::{Finding, Msg};
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lang, Lesson, Level, MappedText, Origin, Role,
};
use crate::source::{SourceFile, Span};

type Level0 = Option<Declared<Option<Level>>>;
type Lang0 = Option<Declared<Option<Lang>>>;

/// True when a root element name is QTI 1.2's `questestinterop`.
pub fn is_root(name: &str) -> bool {
    xml::key(name) == "questestinterop"
}

/// Reads a QTI 1.2 file: one lesson per section (or assessment, object bank, root) holding
/// items. A file whose root is not `questestinterop` gives an empty document.
pub fn read(src: &SourceFile) -> Loaded {
    let doc = match xml::parse(src) {
        Ok(d) => d,
        Err(f) => return Loaded::failed(*f),
    };
    let root = doc.root_element();
    let mut r = Reader {
        src,
        s: &src.text,
        findings: Vec::new(),
        lessons: Vec::new(),
        rubrics_read: Vec::new(),
    };
    if is_root(root.tag_name().name()) {
        let mut n = 0;
        for it in root.descendants().filter(|n| is(*n, "item")) {
            n += 1;
            r.item(root, it, n);
        }
    }
    Loaded {
        document: Some(Document {
            lessons: r.lessons.into_iter().map(|(_, l)| l).collect(),
        }),
        findings: r.findings,
    }
}

fn is(n: Node, name: &str) -> bool {
    n.is_element() && xml::is(n.tag_name().name(), name)
}

fn kids<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children().filter(move |c| is(*c, name))
}

fn kid<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

struct Reader<'s> {
    src: &'s SourceFile,
    s: &'s str,
    findings: Vec<Finding>,
    /// Lessons by the source position of their container.
    lessons: Vec<(usize, Lesson)>,
    /// Containers whose rubric is read (by source position).
    rubrics_read: Vec<usize>,
}

/// One response of an item's presentation.
#[derive(Default)]
struct Response {
    ident: String,
    /// `response_lid`: options chosen by label; otherwise typed (`response_str`, `_num`).
    lid: bool,
    cardinality: String,
    /// The response's own material (a matching item's left side, a blank's name).
    label: Option<MappedText>,
    /// `response_label`s: (ident, text).
    options: Vec<(String, MappedText)>,
    /// Where a typed response sits in the prompt (byte offset in the prompt text, and the
    /// response element's source span), and whether material follows it.
    at: Option<(usize, Span)>,
    inline: bool,
}

impl Response {
    fn correct_options<'a>(&'a self, key: &'a [(String, MappedText)]) -> Vec<&'a MappedText> {
        self.options
            .iter()
            .filter(|(id, _)| {
                key.iter()
                    .any(|(r, v)| *r == self.ident && v.as_str() == id.as_str())
            })
            .map(|(_, t)| t)
            .collect()
    }

    fn values<'a>(&'a self, key: &'a [(String, MappedText)]) -> Vec<&'a MappedText> {
        key.iter()
            .filter(|(r, _)| *r == self.ident)
            .map(|(_, v)| v)
            .collect()
    }
}

/// What a presentation gives while it is walked.
#[derive(Default)]
struct Body {
    prompt: MappedText,
    responses: Vec<Response>,
}

impl<'s> Reader<'s> {
    /// The item's lesson: its nearest section, assessment or object bank, else the root.
    fn lesson_of(&mut self, root: Node, it: Node) -> usize {
        let container = it
            .ancestors()
            .skip(1)
            .find(|a| is(*a, "section") || is(*a, "assessment") || is(*a, "objectbank"))
            .unwrap_or(root);
        let key = container.range().start;
        if let Some(i) = self.lessons.iter().position(|(k, _)| *k == key) {
            return i;
        }
        let id = attr(container, "title")
            .or_else(|| attr(container, "ident"))
            .map(str::to_string)
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| file_stem(&self.src.path));
        let mut lesson = Lesson {
            id: Some(id.clone()),
            title: None,
            span: Span::empty(container.range().start),
            items: Vec::new(),
        };
        // What the learner reads before the questions: of this container and of those
        // around it (an assessment's rubric before its first section's questions), once.
        let mut fields = Vec::new();
        let mut around: Vec<Node> = container
            .ancestors()
            .filter(|a| a.is_element())
            .take_while(|a| !self.rubrics_read.contains(&a.range().start))
            .collect();
        around.reverse();
        for a in around {
            self.rubrics_read.push(a.range().start);
            for m in a
                .children()
                .filter(|c| is(*c, "rubric") || is(*c, "presentationmaterial"))
            {
                let n = fields.len();
                fields.extend(field(Role::Instruction, n, 0, &self.materials(m)));
            }
        }
        if !fields.is_empty() {
            let (level, language) = self.declared_above(container, root);
            lesson.items.push(Item {
                id: format!("{id}#rubric"),
                kind: ItemKind::Text,
                span: Span::empty(container.range().start),
                level,
                language,
                support_language: None,
                fields,
                timing: None,
                single_answer: None,
            });
        }
        self.lessons.push((key, lesson));
        self.lessons.len() - 1
    }

    /// Level and language declared on `node` or its ancestors up to the root (the item's own
    /// are read by the caller).
    fn declared_above(&mut self, node: Node, root: Node) -> (Level0, Lang0) {
        let (mut level, mut language) = (None, None);
        for a in node.ancestors().filter(|a| a.is_element()) {
            let origin = if is(a, "section") {
                Origin::Lesson
            } else {
                Origin::File
            };
            if level.is_none() {
                level = kid(a, "qtimetadata").and_then(|m| self.metadata_level(m, origin));
            }
            if language.is_none() {
                language = self.lang(a, origin);
            }
            if a == root {
                break;
            }
        }
        (level, language)
    }

    fn lang(&self, node: Node, origin: Origin) -> Lang0 {
        xml::lang_attr(self.s, node).map(|(v, span)| Declared {
            value: Lang::parse(&v),
            origin,
            span: Some(span),
            elsewhere: None,
        })
    }

    /// A CEFR level in a `qtimetadata`: a field whose label names the CEFR.
    fn metadata_level(&mut self, md: Node, origin: Origin) -> Level0 {
        for f in kids(md, "qtimetadatafield") {
            let label = kid(f, "fieldlabel").and_then(|l| l.text()).unwrap_or("");
            let upper = label.to_uppercase();
            let cefr = upper.contains("COMMON EUROPEAN FRAMEWORK")
                || upper
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| matches!(w, "CEFR" | "CECR" | "CECRL" | "GER" | "MCER" | "QCER"));
            if !cefr {
                continue;
            }
            let Some(entry) = kid(f, "fieldentry") else {
                continue;
            };
            let Some((a, b)) = xml::inner(self.s, entry) else {
                continue;
            };
            let t = html::xml_plain(self.s, a, b);
            if t.as_str().is_empty() {
                continue;
            }
            let (value, span) = match super::h5p::level_located(std::iter::once(t.as_str())) {
                Some((l, _, r)) => (Some(l), t.source_span(r.start, r.end)),
                None => {
                    let v = t.as_str();
                    let span = t.source_span(0, v.len());
                    // Read once per item below it: reported once.
                    let seen = self.findings.iter().any(|f| f.location.span == span);
                    if !seen {
                        self.findings.push(Finding::at(
                        &metadata::INVALID_LEVEL,
                        self.src,
                        span,
                        Msg::new(
                            format!("`{v}` is not a CEFR level (A1, A2, B1, B2, C1 or C2)"),
                            format!("« {v} » n'est pas un niveau du CECRL (A1, A2, B1, B2, C1 ou C2)"),
                        ),
                    ));
                    }
                    (None, span)
                }
            };
            return Some(Declared {
                value,
                origin,
                span: Some(span),
                elsewhere: None,
            });
        }
        None
    }

    /// The text of the materials inside `node` (in order, block-separated), read as a whole.
    fn materials(&self, node: Node) -> MappedText {
        let mut t = MappedText::default();
        self.collect_materials(node, &mut t);
        html::collapse(&t)
    }

    fn collect_materials(&self, node: Node, t: &mut MappedText) {
        for c in node.children().filter(|c| c.is_element()) {
            let k = xml::key(c.tag_name().name());
            match k.as_str() {
                "mattext" | "matemtext" => self.push_mattext(c, t),
                "matbreak" => separator(t, c.range().start),
                "altmaterial" | "qticomment" | "matimage" | "mataudio" | "matvideo"
                | "matapplet" | "matapplication" | "matextension" => {}
                "flow" | "flowmat" | "flowlabel" => {
                    separator(t, c.range().start);
                    self.collect_materials(c, t);
                    separator(t, c.range().end);
                }
                _ => self.collect_materials(c, t),
            }
        }
    }

    /// One `mattext`, HTML or plain by its `texttype` (or by its content when it has none).
    fn push_mattext(&self, node: Node, t: &mut MappedText) {
        let Some((a, b)) = xml::inner(self.s, node) else {
            return;
        };
        let decoded = html::xml_decode(self.s, a, b);
        let ty = attr(node, "texttype").unwrap_or("").to_ascii_lowercase();
        let looks_html = {
            let d = decoded.as_str().as_bytes();
            d.windows(2)
                .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        };
        if ty.contains("html") || (ty.is_empty() && looks_html) {
            // HTML holds whole paragraphs: a block of its own.
            let text = html::reduce(&decoded);
            separator(t, a);
            t.push_slice(&text, 0, text.as_str().len());
            separator(t, b);
        } else {
            // Plain materials run on inline (a fill-in's text around its blank), white space
            // as written; `matbreak` and `flow`s break lines.
            t.push_slice(&decoded, 0, decoded.as_str().len());
        }
    }

    /// Walks a presentation: materials into the prompt, responses with their options.
    fn walk(&self, node: Node, b: &mut Body) {
        for c in node.children().filter(|c| c.is_element()) {
            let k = xml::key(c.tag_name().name());
            match k.as_str() {
                "material" => {
                    self.collect_materials(c, &mut b.prompt);
                    if let Some(last) = b.responses.last_mut() {
                        last.inline = true;
                    }
                }
                "responselid" | "responsestr" | "responsenum" | "responsegrp" => {
                    let mut r = Response {
                        ident: attr(c, "ident").unwrap_or("").to_string(),
                        lid: k == "responselid" || k == "responsegrp",
                        cardinality: attr(c, "rcardinality").unwrap_or("").to_ascii_lowercase(),
                        ..Response::default()
                    };
                    let mut label = MappedText::default();
                    for m in c.children().filter(|m| is(*m, "material")) {
                        self.collect_materials(m, &mut label);
                    }
                    let label = html::collapse(&label);
                    if !label.as_str().is_empty() {
                        r.label = Some(label);
                    }
                    for l in c.descendants().filter(|l| is(*l, "responselabel")) {
                        let id = attr(l, "ident").unwrap_or("").to_string();
                        r.options.push((id, self.materials(l)));
                    }
                    if !r.lid {
                        r.at = Some((b.prompt.as_str().len(), span_of(c)));
                    }
                    b.responses.push(r);
                }
                "qticomment" | "responsexy" | "responseextension" => {}
                "flow" => {
                    separator(&mut b.prompt, c.range().start);
                    self.walk(c, b);
                    separator(&mut b.prompt, c.range().end);
                }
                _ => self.walk(c, b),
            }
        }
    }

    /// The correct answers named by the response processing: (response ident, value), and
    /// whether any condition gives points.
    fn key(&self, it: Node) -> (Vec<(String, MappedText)>, bool) {
        let mut out = Vec::new();
        let mut scored = false;
        for rp in kids(it, "resprocessing") {
            for cond in rp.descendants().filter(|c| is(*c, "respcondition")) {
                if !gives_points(cond) {
                    continue;
                }
                scored = true;
                let negated = |v: Node| {
                    v.ancestors()
                        .skip(1)
                        .take_while(|a| *a != cond)
                        .any(|a| is(a, "not"))
                };
                // The condition's values of `names`, not under `<not>`: (response, value).
                let values = |names: &[&str]| -> Vec<(String, MappedText)> {
                    cond.descendants()
                        .filter(|v| names.iter().any(|n| is(*v, n)) && !negated(*v))
                        .filter_map(|v| {
                            let rid = attr(v, "respident").unwrap_or("").to_string();
                            let (a, b) = xml::inner(self.s, v)?;
                            let t = html::xml_plain(self.s, a, b);
                            (!t.as_str().is_empty()).then_some((rid, t))
                        })
                        .collect()
                };
                let mut found = values(&["varequal"]);
                found.extend(ranges(
                    &values(&["vargte", "vargt"]),
                    &values(&["varlte", "varlt"]),
                ));
                for (rid, t) in found {
                    if !out
                        .iter()
                        .any(|(r, x): &(String, MappedText)| *r == rid && x.as_str() == t.as_str())
                    {
                        out.push((rid, t));
                    }
                }
            }
        }
        (out, scored)
    }

    fn item(&mut self, root: Node, it: Node, n: usize) {
        let li = self.lesson_of(root, it);
        let s = self.s;
        let id = attr(it, "ident")
            .or_else(|| attr(it, "title"))
            .map(str::to_string)
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("q{n}"));
        let mut fields: Vec<Field> = Vec::new();
        if let Some(t) = it.attributes().find(|a| a.name() == "title") {
            let sp = xml::value_span(s, t.range());
            fields.extend(field(
                Role::Title,
                0,
                0,
                &html::xml_plain(s, sp.start, sp.end),
            ));
        }
        let question_type = kid(it, "itemmetadata")
            .and_then(|m| metadata_value(m, "question_type"))
            .unwrap_or_default();
        let mut body = Body::default();
        if let Some(p) = kid(it, "presentation") {
            self.walk(p, &mut body);
        }
        let (key, scored) = self.key(it);
        let blanks_only = question_type == "fill_in_multiple_blanks_question";

        // Blanks written `[name]` in the question text and filled by the response labelled
        // `name` (Canvas).
        let mut blanks: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, response)
        for (ri, r) in body.responses.iter().enumerate() {
            let Some(label) = &r.label else { continue };
            let needle = format!("[{}]", label.as_str());
            if let Some(k) = body.prompt.as_str().find(&needle) {
                if !blanks.iter().any(|(a, _, _)| *a == k) {
                    blanks.push((k, k + needle.len(), ri));
                }
            }
        }
        blanks.sort_unstable();
        // Typed responses between materials: inline gaps (those with answers).
        let mut typed: Vec<(usize, Span, usize)> = Vec::new();
        if blanks.is_empty() {
            for (ri, r) in body.responses.iter().enumerate() {
                if let (Some((at, span)), true) = (r.at, r.inline) {
                    if !r.values(&key).is_empty() {
                        typed.push((at, span, ri));
                    }
                }
            }
        }
        let mut prompt = MappedText::default();
        let mut gaps: Vec<usize> = Vec::new(); // response index per gap, in order
        let p = &body.prompt;
        let mut run = 0;
        if !blanks.is_empty() {
            for (a, e, ri) in &blanks {
                prompt.push_slice(p, run, *a);
                prompt.push_replacement("___", p.source_span(*a, *e));
                gaps.push(*ri);
                run = *e;
            }
        } else {
            for (at, span, ri) in &typed {
                prompt.push_slice(p, run, *at);
                prompt.push_replacement("___", *span);
                gaps.push(*ri);
                run = *at;
            }
        }
        prompt.push_slice(p, run, p.as_str().len());
        let prompt = html::collapse(&prompt);
        fields.extend(field(Role::Prompt, 0, 0, &prompt));

        let lids: Vec<&Response> = body.responses.iter().filter(|r| r.lid).collect();
        let matching = gaps.is_empty()
            && (question_type == "matching_question"
                || (lids.len() >= 2 && lids.iter().all(|r| r.label.is_some())));
        let mut kind;
        let mut single_answer = None;
        if !gaps.is_empty() {
            kind = ItemKind::GapFill;
            let mut opt = 0;
            for (g, ri) in gaps.iter().enumerate() {
                let r = &body.responses[*ri];
                let answers = if r.lid {
                    if !blanks_only {
                        for (_, t) in &r.options {
                            fields.extend(field(Role::Option, opt, 0, t));
                            opt += 1;
                        }
                    }
                    r.correct_options(&key)
                } else {
                    r.values(&key)
                };
                for (alt, t) in answers.into_iter().enumerate() {
                    fields.extend(field(Role::Answer, g, alt, t));
                }
            }
            if !scored {
                kind = ItemKind::Open;
            }
        } else if matching {
            kind = ItemKind::Matching;
            let mut pair = 0;
            for r in &lids {
                let (Some(left), Some(right)) =
                    (&r.label, r.correct_options(&key).first().copied())
                else {
                    continue;
                };
                fields.extend(field(Role::PairTarget, pair, 0, left));
                fields.extend(field(Role::PairSupport, pair, 0, right));
                pair += 1;
            }
            if pair == 0 {
                // No key: the sides are still learner-visible text.
                kind = ItemKind::Open;
                let mut i = 0;
                for r in &lids {
                    for t in r.label.iter().chain(r.options.iter().map(|(_, t)| t)) {
                        fields.extend(field(Role::Option, i, 0, t));
                        i += 1;
                    }
                }
            }
        } else {
            let ordered = lids.iter().any(|r| r.cardinality == "ordered");
            let mut opt = 0;
            let mut alt = 0;
            for r in &lids {
                for (_, t) in &r.options {
                    fields.extend(field(Role::Option, opt, 0, t));
                    opt += 1;
                }
                if !ordered {
                    for t in r.correct_options(&key) {
                        fields.extend(field(Role::Answer, 0, alt, t));
                        alt += 1;
                    }
                }
            }
            // Typed responses that complete the question (short answer, numerical).
            let mut typed_answers = 0;
            for r in body.responses.iter().filter(|r| !r.lid) {
                for t in r.values(&key) {
                    fields.extend(field(Role::Answer, 0, typed_answers, t));
                    typed_answers += 1;
                }
            }
            kind = if opt > 0 && ordered {
                ItemKind::Ordering
            } else if opt > 0 && scored && typed_answers == 0 {
                if lids.len() == 1 {
                    single_answer = match lids[0].cardinality.as_str() {
                        "single" => Some(true),
                        "multiple" => Some(false),
                        _ => None,
                    };
                }
                ItemKind::MultipleChoice
            } else if body.responses.is_empty() {
                ItemKind::Text
            } else {
                ItemKind::Open
            };
        }
        for (i, fb) in kids(it, "itemfeedback").enumerate() {
            fields.extend(field(Role::Feedback, i, 0, &self.materials(fb)));
        }
        let (above_level, above_lang) =
            self.declared_above(it.parent_element().unwrap_or(root), root);
        let level = kid(it, "itemmetadata")
            .and_then(|m| kid(m, "qtimetadata"))
            .and_then(|m| self.metadata_level(m, Origin::Item))
            .or(above_level);
        let language = self.lang(it, Origin::Item).or(above_lang);
        let item = Item {
            id,
            kind,
            span: Span::empty(it.range().start),
            level,
            language,
            support_language: None,
            fields,
            timing: None,
            single_answer,
        };
        if item.fields.iter().any(|f| f.role != Role::Title) {
            self.lessons[li].1.items.push(item);
        }
    }
}

/// The numeric ranges of a condition: each lower bound (`vargte`, `vargt`) with the first
/// upper bound (`varlte`, `varlt`) of the same response, both numbers, read as the range
/// `low..high` (GIFT's notation; the `..` stands for the source between the two values).
/// A bound alone is not read: the item then has no key for that response.
fn ranges(
    lows: &[(String, MappedText)],
    highs: &[(String, MappedText)],
) -> Vec<(String, MappedText)> {
    let number = |t: &MappedText| t.as_str().parse::<f64>().is_ok_and(f64::is_finite);
    let trim = |v: &[(String, MappedText)]| -> Vec<(String, MappedText)> {
        v.iter()
            .map(|(r, t)| (r.clone(), t.trimmed()))
            .filter(|(_, t)| number(t))
            .collect()
    };
    let highs = trim(highs);
    trim(lows)
        .into_iter()
        .filter_map(|(rid, lo)| {
            let (_, hi) = highs.iter().find(|(r, _)| *r == rid)?;
            let mut t = MappedText::default();
            t.push_slice(&lo, 0, lo.as_str().len());
            let (lo_end, hi_start) = (lo.source_end(lo.as_str().len()), hi.source_start(0));
            t.push_replacement("..", Span::new(lo_end, hi_start.max(lo_end)));
            t.push_slice(hi, 0, hi.as_str().len());
            Some((rid, t))
        })
        .collect()
}

/// True when a response condition gives points: a `setvar` that sets or adds a positive
/// value (or the maximum, `SCORE.max`), or a title saying it is the correct one.
fn gives_points(cond: Node) -> bool {
    let title = attr(cond, "title").unwrap_or("").to_ascii_lowercase();
    if title.contains("correct") && !title.contains("incorrect") {
        return true;
    }
    cond.children().filter(|c| is(*c, "setvar")).any(|sv| {
        let action = attr(sv, "action").unwrap_or("Set").to_ascii_lowercase();
        let v = sv.text().unwrap_or("").trim();
        matches!(action.as_str(), "set" | "add")
            && (v.parse::<f64>().is_ok_and(|x| x > 0.0) || v.to_ascii_lowercase().ends_with("max"))
    })
}

/// The entry of a `qtimetadatafield` by label, anywhere under `md`.
fn metadata_value(md: Node, label: &str) -> Option<String> {
    md.descendants()
        .filter(|f| is(*f, "qtimetadatafield"))
        .find(|f| {
            kid(*f, "fieldlabel")
                .and_then(|l| l.text())
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(label))
        })
        .and_then(|f| kid(f, "fieldentry"))
        .and_then(|e| e.text())
        .map(|t| t.trim().to_ascii_lowercase())
}

fn span_of(n: Node) -> Span {
    let r = n.range();
    Span::new(r.start, r.end)
}

fn separator(t: &mut MappedText, at: usize) {
    let mut b = [0; 4];
    t.push_replacement(html::BREAK.encode_utf8(&mut b), Span::empty(at));
}

/// The lesson id of items outside any named container: the file name without `.xml`.
fn file_stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() {
        "qti".into()
    } else {
        stem.to_string()
    }
}
