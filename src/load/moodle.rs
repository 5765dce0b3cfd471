//! Moodle XML, the format of Moodle's question bank exports (`<quiz><question type="…">`;
//! a file holding one `<question>` as its root is read too).
//!
//! Each `<question>` becomes an item; a `category` pseudo-question opens a lesson named by its
//! path for the questions after it (questions before any category go into a lesson named after
//! the file). Texts are XML text holding HTML, escaped (`&lt;p&gt;`) or in CDATA: XML escapes
//! are decoded first, then the HTML is reduced ([`super::html`]), each word keeping its line and
//! column in the file.
//!
//! Question types read: `multichoice` (and the `multichoiceset` and `oumultiresponse`
//! plugins, several answers allowed), `truefalse`, `shortanswer`, `numerical` (text,
//! feedback, and the accepted numbers as answers: numbers are never vocabulary nor spelling;
//! the tolerance is not text; of the `<units>`, the names that are words, such as `hours`,
//! are options in the target language, and symbols such as `km` are left out), `matching` (and the `ddmatch` plugin),
//! `cloze`/`multianswer` (the embedded `{1:MULTICHOICE:=a~b}` syntax becomes gaps, answers
//! and options), `gapselect` and `ddwtos` (`[[n]]` places filled from
//! `<selectoption>`/`<dragbox>`), `gapfill` (the plugin's `[word|other]` gaps), `ordering`,
//! `essay` (its `<responsetemplate>`, the text the learner finds in the answer box, is a
//! text in the target language; its `<graderinfo>` is for teachers and is not read),
//! `description`; `calculated`, `calculatedsimple` (text and feedback, the `{x}`
//! wildcards left out: they are numbers; the answers are formulas), `calculatedmulti` (also
//! the words of its options, formulas left out; the correct option is computed, so there is
//! no key to check), `randomsamatch` (its text: its pairs are the category's short-answer
//! questions, read where they are), `ddimageortext` and `ddmarker` (text and the labels
//! dragged onto the image; their places are coordinates). A `random` question is skipped: it
//! is a placeholder with no text of its own. Any other type (plugins) keeps what every type
//! has: its name, question text and general feedback, as an open item; its own answers are
//! not read, and nothing is reported about it (the rest of the export is checked as usual).
//!
//! Feedback: each answer's `<feedback>`, then `<generalfeedback>`. The combined feedback
//! (`correctfeedback`…) and hints are not read: Moodle fills them with its own default
//! sentences, which are not the author's text.
//!
//! Levels: a `<tag>` of the question naming a level (`A2`, `niveau B1`, `CEFR c1`) declares
//! the item's level; the category path declares the lesson's (the deepest segment naming one;
//! Moodle's automatic `Default for …` segments are ignored, they name a course, not a level).
//! Language: `xml:lang` on the question, else on `<quiz>`.

use roxmltree::Node;

use super::gift::level_in;
use super::xml::{self, attr, child, children};
use super::{field, html, Loaded};
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lang, Lesson, Level, MappedText, Origin, Role,
};
use crate::source::{SourceFile, Span};

type Level0 = Option<Declared<Option<Level>>>;
type Lang0 = Option<Declared<Option<Lang>>>;

/// Reads a Moodle XML file into the model.
pub fn read(src: &SourceFile) -> Loaded {
    let doc = match xml::parse(src) {
        Ok(d) => d,
        Err(f) => return Loaded::failed(*f),
    };
    let s = src.text.as_str();
    let root = doc.root_element();
    let file_lang = lang(s, root, Origin::File);
    let mut out = Document::default();
    let mut levels: Vec<Level0> = Vec::new();
    let mut current: Option<usize> = None;
    let mut n = 0usize;
    // A lone `<question>` (as Moodle's own import fixtures hold) is read like a quiz of one.
    let questions: Vec<Node> = if xml::key(root.tag_name().name()) == "question" {
        vec![root]
    } else {
        children(root, "question").collect()
    };
    for q in questions {
        let ty = attr(q, "type").unwrap_or("").trim().to_ascii_lowercase();
        if ty == "category" {
            let Some(cat) = child(q, "category").and_then(|c| child(c, "text")) else {
                continue;
            };
            let path = match xml::inner(s, cat) {
                Some((a, b)) => html::xml_plain(s, a, b),
                None => continue,
            };
            let id = path.as_str().to_string();
            current = Some(
                match out
                    .lessons
                    .iter()
                    .position(|l| l.id.as_deref() == Some(&id))
                {
                    Some(i) => i,
                    None => {
                        out.lessons.push(Lesson {
                            id: Some(id),
                            title: None,
                            span: path.source_span(0, path.as_str().len()),
                            items: Vec::new(),
                        });
                        levels.push(category_level(&path).map(|(l, span)| Declared {
                            value: Some(l),
                            origin: Origin::Lesson,
                            span: Some(span),
                            elsewhere: None,
                        }));
                        out.lessons.len() - 1
                    }
                },
            );
            continue;
        }
        // A random question is a placeholder drawing from a category: its text is a flag
        // (`0`/`1`) and its name generated; the questions it draws are read where they are.
        if ty == "random" {
            continue;
        }
        n += 1;
        let li = match current {
            Some(i) => i,
            None => {
                out.lessons.push(Lesson {
                    id: Some(file_stem(&src.path)),
                    title: None,
                    span: Span::empty(q.range().start),
                    items: Vec::new(),
                });
                levels.push(None);
                current = Some(out.lessons.len() - 1);
                out.lessons.len() - 1
            }
        };
        let mut item = question(s, q, &ty, n);
        if item.level.is_none() {
            item.level = levels[li].clone();
        }
        if item.language.is_none() {
            item.language = file_lang.clone();
        }
        out.lessons[li].items.push(item);
    }
    Loaded {
        document: Some(out),
        findings: Vec::new(),
    }
}

/// The lesson id of questions before any category: the file name without `.xml`.
fn file_stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name
        .len()
        .checked_sub(4)
        .filter(|&k| name.is_char_boundary(k) && name[k..].eq_ignore_ascii_case(".xml"))
        .map_or(name, |k| &name[..k]);
    if stem.is_empty() {
        "moodle".into()
    } else {
        stem.to_string()
    }
}

fn lang(s: &str, node: Node, origin: Origin) -> Lang0 {
    xml::lang_attr(s, node).map(|(v, span)| Declared {
        value: Lang::parse(&v),
        origin,
        span: Some(span),
        elsewhere: None,
    })
}

/// The level a category path names: its deepest segment naming one, `Default for …` skipped.
fn category_level(path: &MappedText) -> Option<(Level, Span)> {
    let p = path.as_str();
    let mut found = None;
    let mut start = 0;
    for seg in p.split('/') {
        let lower = seg.trim_start().to_ascii_lowercase();
        if !lower.starts_with("default for ") && !lower.starts_with("défaut pour ") {
            if let Some((l, r)) = level_in(seg) {
                found = Some((l, path.source_span(start + r.start, start + r.end)));
            }
        }
        start += seg.len() + 1;
    }
    found
}

/// The text of the `<text>` child of `node`, read in the node's `format` (HTML unless
/// `plain_text`).
fn rich(s: &str, node: Node) -> MappedText {
    let plain = attr(node, "format").is_some_and(|f| f.eq_ignore_ascii_case("plain_text"));
    match child(node, "text").and_then(|t| xml::inner(s, t)) {
        Some((a, b)) if plain => html::xml_plain(s, a, b),
        Some((a, b)) => html::xml_fragment(s, a, b),
        None => MappedText::default(),
    }
}

/// The `<text>` child of `node` with XML escapes decoded but its HTML kept (for the embedded
/// syntaxes, which are read before the HTML is reduced).
fn decoded(s: &str, node: Node) -> MappedText {
    match child(node, "text").and_then(|t| xml::inner(s, t)) {
        Some((a, b)) => html::xml_decode(s, a, b),
        None => MappedText::default(),
    }
}

/// One answer: its text, credit (`fraction`, in percent) and feedback.
struct Answer {
    text: MappedText,
    fraction: f64,
    feedback: MappedText,
}

fn answers(s: &str, q: Node) -> Vec<Answer> {
    children(q, "answer")
        .map(|a| Answer {
            text: rich(s, a),
            fraction: attr(a, "fraction")
                .and_then(|f| f.trim().parse::<f64>().ok())
                .filter(|f| f.is_finite())
                .unwrap_or(0.0),
            feedback: child(a, "feedback").map_or_else(MappedText::default, |f| rich(s, f)),
        })
        .collect()
}

/// The answers with credit, best first, as alternatives of the answer of gap `slot`.
fn accepted(fields: &mut Vec<Field>, slot: usize, list: &[(f64, MappedText)]) {
    let mut right: Vec<&(f64, MappedText)> = list
        .iter()
        .filter(|(f, t)| *f > 0.0 && !t.as_str().is_empty())
        .collect();
    right.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (alt, (_, t)) in right.into_iter().enumerate() {
        fields.extend(field(Role::Answer, slot, alt, t));
    }
}

/// The units of a numerical question (`<units><unit><unit_name>`) that are words (letters
/// only, at least four: `hours`, `euros`), as options: the learner types or picks them, in
/// the target language. Symbols (`km`, `m²`, `°C`, `h`) are not text and are left out.
fn units(s: &str, q: Node, fields: &mut Vec<Field>) {
    let mut i = fields.iter().filter(|f| f.role == Role::Option).count();
    for u in child(q, "units")
        .into_iter()
        .flat_map(|u| children(u, "unit"))
    {
        let Some((a, b)) = child(u, "unitname").and_then(|n| xml::inner(s, n)) else {
            continue;
        };
        let name = html::xml_plain(s, a, b).trimmed();
        let word =
            name.as_str().chars().count() >= 4 && name.as_str().chars().all(char::is_alphabetic);
        if word {
            fields.extend(field(Role::Option, i, 0, &name));
            i += 1;
        }
    }
}

/// The text of a child element's `<text>`, trimmed, lower case (`<single>true</single>`).
fn flag(q: Node, name: &str) -> Option<String> {
    let c = child(q, name)?;
    let t = child(c, "text").unwrap_or(c);
    Some(t.text().unwrap_or("").trim().to_ascii_lowercase())
}

fn question(s: &str, q: Node, ty: &str, n: usize) -> Item {
    let name = child(q, "name").map(|e| match child(e, "text").and_then(|t| xml::inner(s, t)) {
        Some((a, b)) => html::xml_plain(s, a, b),
        None => MappedText::default(),
    });
    let id = name
        .as_ref()
        .map(|t| t.as_str().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("q{n}"));
    let mut fields: Vec<Field> = Vec::new();
    if let Some(t) = &name {
        fields.extend(field(Role::Title, 0, 0, t));
    }
    let qt = child(q, "questiontext");
    let prompt_role = if ty == "description" {
        Role::Text
    } else {
        Role::Prompt
    };
    let mut feedback: Vec<MappedText> = Vec::new();
    let mut single_answer = None;
    let kind = match ty {
        "multichoice" | "multichoiceset" | "oumultiresponse" => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            let list = answers(s, q);
            // The all-or-nothing and OU plugins always allow several answers.
            let single =
                ty == "multichoice" && flag(q, "single").is_none_or(|v| v == "true" || v == "1");
            single_answer = Some(single);
            let max = list.iter().map(|a| a.fraction).fold(0.0, f64::max);
            for (i, a) in list.iter().enumerate() {
                fields.extend(field(Role::Option, i, 0, &a.text));
            }
            let right: Vec<(f64, MappedText)> = list
                .iter()
                .filter(|a| {
                    if single {
                        a.fraction == max
                    } else {
                        a.fraction > 0.0
                    }
                })
                .map(|a| (a.fraction, a.text.clone()))
                .collect();
            accepted(&mut fields, 0, &right);
            feedback.extend(list.into_iter().map(|a| a.feedback));
            ItemKind::MultipleChoice
        }
        "truefalse" => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            let list = answers(s, q);
            if let Some(a) = list.iter().find(|a| a.fraction > 0.0) {
                fields.extend(field(Role::Answer, 0, 0, &a.text));
            }
            feedback.extend(list.into_iter().map(|a| a.feedback));
            ItemKind::TrueFalse
        }
        "shortanswer" | "regexp" => {
            let prompt = qt.map_or_else(MappedText::default, |t| rich(s, t));
            fields.extend(field(prompt_role, 0, 0, &prompt));
            let list = answers(s, q);
            if ty == "shortanswer" {
                let l: Vec<(f64, MappedText)> =
                    list.iter().map(|a| (a.fraction, a.text.clone())).collect();
                accepted(&mut fields, 0, &l);
            }
            feedback.extend(list.into_iter().map(|a| a.feedback));
            if crate::analyse::gaps(prompt.as_str()).is_empty() {
                ItemKind::Open
            } else {
                ItemKind::GapFill
            }
        }
        "numerical" => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            let list = answers(s, q);
            // The accepted numbers (`*`, "any other answer", is not one); the tolerance and
            // the units (symbols such as `km`) are not text.
            let numbers: Vec<(f64, MappedText)> = list
                .iter()
                .filter(|a| a.text.as_str().trim() != "*")
                .map(|a| (a.fraction, a.text.clone()))
                .collect();
            accepted(&mut fields, 0, &numbers);
            feedback.extend(list.into_iter().map(|a| a.feedback));
            units(s, q, &mut fields);
            ItemKind::Open
        }
        "calculated" | "calculatedsimple" => {
            // The text with its `{x}` wildcards left out (they are numbers drawn from the
            // datasets); the answers are formulas, not text.
            let prompt = qt.map_or_else(MappedText::default, |t| without_wildcards(&rich(s, t)));
            fields.extend(field(prompt_role, 0, 0, &prompt));
            feedback.extend(answers(s, q).into_iter().map(|a| a.feedback));
            ItemKind::Open
        }
        "calculatedmulti" => {
            // Options are formulas (`{={a}*{b}}`) possibly with words around them: the words
            // are read; the correct one is computed, so there is no key to check.
            let prompt = qt.map_or_else(MappedText::default, |t| without_wildcards(&rich(s, t)));
            fields.extend(field(prompt_role, 0, 0, &prompt));
            let list = answers(s, q);
            let mut i = 0;
            for a in &list {
                let t = without_wildcards(&a.text);
                if t.as_str().chars().any(char::is_alphabetic) {
                    fields.extend(field(Role::Option, i, 0, &t));
                    i += 1;
                }
            }
            feedback.extend(list.into_iter().map(|a| a.feedback));
            ItemKind::Open
        }
        "randomsamatch" => {
            // The pairs are drawn at random from the category's short-answer questions,
            // which are read where they are.
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            ItemKind::Open
        }
        "ddimageortext" | "ddmarker" => {
            // The labels dragged onto the image (their places are coordinates, not text).
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            let mut i = 0;
            for d in children(q, "drag") {
                let t = match child(d, "text").and_then(|t| xml::inner(s, t)) {
                    Some((a, b)) => html::xml_plain(s, a, b),
                    None => continue,
                };
                if field(Role::Option, i, 0, &t).is_some() {
                    fields.extend(field(Role::Option, i, 0, &t));
                    i += 1;
                }
            }
            ItemKind::Open
        }
        "matching" | "match" | "ddmatch" => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            for (i, sq) in children(q, "subquestion").enumerate() {
                fields.extend(field(Role::PairTarget, i, 0, &rich(s, sq)));
                if let Some(a) = child(sq, "answer") {
                    fields.extend(field(Role::PairSupport, i, 0, &rich(s, a)));
                }
            }
            ItemKind::Matching
        }
        "ordering" => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            for (i, a) in answers(s, q).iter().enumerate() {
                fields.extend(field(Role::Option, i, 0, &a.text));
            }
            ItemKind::Ordering
        }
        "cloze" | "multianswer" => {
            let text = qt.map_or_else(MappedText::default, |t| decoded(s, t));
            cloze(&text, &mut fields, &mut feedback);
            ItemKind::GapFill
        }
        "gapselect" | "ddwtos" => {
            let text = qt.map_or_else(MappedText::default, |t| decoded(s, t));
            let name = if ty == "ddwtos" {
                "dragbox"
            } else {
                "selectoption"
            };
            let choices: Vec<MappedText> = children(q, name).map(|c| rich(s, c)).collect();
            places(&text, &choices, &mut fields);
            ItemKind::GapFill
        }
        "gapfill" => {
            let text = qt.map_or_else(MappedText::default, |t| decoded(s, t));
            let delims = flag(q, "delimitchars").unwrap_or_default();
            let mut d = delims.chars();
            let (open, close) = match (d.next(), d.next()) {
                (Some(o), Some(c)) if o != c => (o, c),
                _ => ('[', ']'),
            };
            gapfill(&text, open, close, &mut fields);
            ItemKind::GapFill
        }
        "essay" => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            // The response template: text the learner finds in the answer box and writes
            // from, in the target language. The grader information is for teachers only.
            if let Some(t) = child(q, "responsetemplate") {
                fields.extend(field(Role::Text, 0, 0, &rich(s, t)));
            }
            ItemKind::Open
        }
        "description" => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            ItemKind::Text
        }
        _ => {
            fields.extend(qt.and_then(|t| field(prompt_role, 0, 0, &rich(s, t))));
            ItemKind::Open
        }
    };
    if let Some(g) = child(q, "generalfeedback") {
        feedback.push(rich(s, g));
    }
    let mut fb = 0;
    for f in &feedback {
        if let Some(x) = field(Role::Feedback, fb, 0, f) {
            fields.push(x);
            fb += 1;
        }
    }
    Item {
        id,
        kind,
        span: Span::empty(q.range().start),
        level: tags_level(s, q),
        language: lang(s, q, Origin::Item),
        support_language: None,
        fields,
        timing: None,
        single_answer,
    }
}

/// A level named by one of the question's `<tags>`.
fn tags_level(s: &str, q: Node) -> Level0 {
    let tags = child(q, "tags")?;
    for t in children(tags, "tag") {
        let text = match child(t, "text").and_then(|x| xml::inner(s, x)) {
            Some((a, b)) => html::xml_plain(s, a, b),
            None => continue,
        };
        if let Some((l, r)) = level_in(text.as_str()) {
            return Some(Declared {
                value: Some(l),
                origin: Origin::Item,
                span: Some(text.source_span(r.start, r.end)),
                elsewhere: None,
            });
        }
    }
    None
}

/// A text without the `{name}` wildcards and `{=formula}` of calculated questions (shown to
/// the learner as numbers): each is left out, the rest keeps its positions.
fn without_wildcards(t: &MappedText) -> MappedText {
    let s = t.as_str();
    let mut out = MappedText::default();
    let (mut run, mut from) = (0, 0);
    while let Some(open) = s[from..].find('{').map(|k| from + k) {
        // `{={a}*{b}}`: braces nest once.
        let mut depth = 0;
        let mut close = None;
        for (k, c) in s[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(open + k);
                        break;
                    }
                }
                '\n' => break,
                _ => {}
            }
        }
        let Some(close) = close else { break };
        let inner = &s[open + 1..close];
        let wildcard = inner.starts_with('=')
            || (!inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')));
        if wildcard {
            out.push_slice(t, run, open);
            run = close + 1;
        }
        from = close + 1;
    }
    out.push_slice(t, run, s.len());
    html::collapse(&out)
}

/// The first `b` in `t[from..to]` not escaped with a backslash.
fn find_unescaped(t: &str, from: usize, to: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    let b = t.as_bytes();
    let mut i = from;
    while i < to {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if pred(b[i]) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `t[a..b]` with backslash escapes decoded (`\~` → `~`), then its HTML reduced.
fn piece(t: &MappedText, a: usize, b: usize) -> MappedText {
    let s = t.as_str();
    let bytes = s.as_bytes();
    let mut out = MappedText::default();
    let (mut run, mut i) = (a, a);
    while i < b {
        if bytes[i] == b'\\' && i + 1 < b && bytes[i + 1].is_ascii_punctuation() {
            out.push_slice(t, run, i);
            let c = &s[i + 1..i + 2];
            out.push_replacement(c, t.source_span(i, i + 2));
            i += 2;
            run = i;
            continue;
        }
        i += 1;
    }
    out.push_slice(t, run, b);
    html::reduce(&out)
}

/// The embedded answers of a cloze question: each `{n:TYPE:answers}` of the text becomes a
/// gap `___` (mapped to the whole braces), its answers with credit the gap's answers, the
/// answers of choice types options.
fn cloze(text: &MappedText, fields: &mut Vec<Field>, feedback: &mut Vec<MappedText>) {
    let t = text.as_str();
    let mut prompt = MappedText::default();
    let mut gap_fields: Vec<Field> = Vec::new();
    let mut options: Vec<MappedText> = Vec::new();
    let (mut run, mut from, mut gap) = (0usize, 0usize, 0usize);
    while let Some(open) = t[from..].find('{').map(|k| from + k) {
        let Some((ty, body)) = cloze_head(t, open) else {
            from = open + 1;
            continue;
        };
        let Some(close) = find_unescaped(t, body, t.len(), |c| c == b'}') else {
            break;
        };
        prompt.push_slice(text, run, open);
        prompt.push_replacement("___", text.source_span(open, close + 1));
        let choice = ty.starts_with('M') && !ty.starts_with("MW");
        let numeric = ty.starts_with('N');
        let mut list: Vec<(f64, MappedText)> = Vec::new();
        let mut a = body;
        while a <= close {
            let e = find_unescaped(t, a, close, |c| c == b'~').unwrap_or(close);
            let (mut x, mut fraction) = (a, 0.0);
            if t[x..e].starts_with('=') {
                x += 1;
                fraction = 100.0;
            } else if t[x..e].starts_with('%') {
                if let Some(k) = t[x + 1..e].find('%') {
                    fraction = t[x + 1..x + 1 + k].trim().parse().unwrap_or(0.0);
                    x += k + 2;
                }
            }
            let hash = find_unescaped(t, x, e, |c| c == b'#');
            let mut value_end = hash.unwrap_or(e);
            if numeric {
                value_end = t[x..value_end].find(':').map_or(value_end, |k| x + k);
            }
            let value = piece(text, x, value_end);
            if let Some(h) = hash {
                feedback.push(piece(text, h + 1, e));
            }
            if choice {
                options.push(value.clone());
            }
            list.push((fraction, value));
            a = e + 1;
        }
        accepted(&mut gap_fields, gap, &list);
        gap += 1;
        run = close + 1;
        from = close + 1;
    }
    prompt.push_slice(text, run, t.len());
    fields.extend(field(Role::Prompt, 0, 0, &html::reduce(&prompt)));
    for (i, o) in options.iter().enumerate() {
        fields.extend(field(Role::Option, i, 0, o));
    }
    fields.extend(gap_fields);
}

/// `{1:MULTICHOICE:` or `{:SA:` at `open`: the type in upper case and where the answers start.
fn cloze_head(t: &str, open: usize) -> Option<(String, usize)> {
    let rest = &t[open + 1..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rest2 = rest[digits..].strip_prefix(':')?;
    let name_len = rest2
        .bytes()
        .take_while(|c| c.is_ascii_alphabetic() || *c == b'_')
        .count();
    if name_len == 0 || rest2.as_bytes().get(name_len) != Some(&b':') {
        return None;
    }
    let ty = rest2[..name_len].to_ascii_uppercase();
    let known = [
        "MULTICHOICE",
        "MC",
        "MULTICHOICE_V",
        "MCV",
        "MULTICHOICE_H",
        "MCH",
        "MULTICHOICE_S",
        "MCS",
        "MULTICHOICE_VS",
        "MCVS",
        "MULTICHOICE_HS",
        "MCHS",
        "MULTIRESPONSE",
        "MR",
        "MULTIRESPONSE_H",
        "MRH",
        "MULTIRESPONSE_S",
        "MRS",
        "MULTIRESPONSE_HS",
        "MRHS",
        "SHORTANSWER",
        "SA",
        "MW",
        "SHORTANSWER_C",
        "SAC",
        "MWC",
        "NUMERICAL",
        "NM",
    ];
    if !known.contains(&ty.as_str()) {
        return None;
    }
    Some((ty, open + 1 + digits + 1 + name_len + 1))
}

/// `[[n]]` places of gapselect and ddwtos: each a gap whose answer is choice `n`.
fn places(text: &MappedText, choices: &[MappedText], fields: &mut Vec<Field>) {
    let t = text.as_str();
    let mut prompt = MappedText::default();
    let mut gap_fields = Vec::new();
    let (mut run, mut from, mut gap) = (0usize, 0usize, 0usize);
    while let Some(open) = t[from..].find("[[").map(|k| from + k) {
        let digits = t[open + 2..].bytes().take_while(u8::is_ascii_digit).count();
        let close = open + 2 + digits;
        if digits == 0 || !t[close..].starts_with("]]") {
            from = open + 2;
            continue;
        }
        prompt.push_slice(text, run, open);
        prompt.push_replacement("___", text.source_span(open, close + 2));
        if let Some(c) = t[open + 2..close]
            .parse::<usize>()
            .ok()
            .and_then(|k| k.checked_sub(1))
            .and_then(|k| choices.get(k))
        {
            gap_fields.extend(field(Role::Answer, gap, 0, c));
        }
        gap += 1;
        run = close + 2;
        from = run;
    }
    prompt.push_slice(text, run, t.len());
    fields.extend(field(Role::Prompt, 0, 0, &html::reduce(&prompt)));
    for (i, c) in choices.iter().enumerate() {
        fields.extend(field(Role::Option, i, 0, c));
    }
    fields.extend(gap_fields);
}

/// The gapfill plugin's gaps: `[word]`, `[word|other]` (with the question's delimiters).
fn gapfill(text: &MappedText, open: char, close: char, fields: &mut Vec<Field>) {
    let t = text.as_str();
    let mut prompt = MappedText::default();
    let mut gap_fields = Vec::new();
    let (mut run, mut from, mut gap) = (0usize, 0usize, 0usize);
    while let Some(o) = t[from..].find(open).map(|k| from + k) {
        let a = o + open.len_utf8();
        let Some(c) = t[a..].find(close).map(|k| a + k) else {
            break;
        };
        // A gap holds one line of text without tags.
        if t[a..c].contains(['\n', '<', '>']) || t[a..c].trim().is_empty() {
            from = a;
            continue;
        }
        prompt.push_slice(text, run, o);
        let end = c + close.len_utf8();
        prompt.push_replacement("___", text.source_span(o, end));
        let mut alt = 0;
        let mut x = a;
        for part in t[a..c].split('|') {
            let m = html::reduce(&slice(text, x, x + part.len()));
            if field(Role::Answer, gap, alt, &m).is_some() {
                gap_fields.extend(field(Role::Answer, gap, alt, &m));
                alt += 1;
            }
            x += part.len() + 1;
        }
        gap += 1;
        run = end;
        from = end;
    }
    prompt.push_slice(text, run, t.len());
    fields.extend(field(Role::Prompt, 0, 0, &html::reduce(&prompt)));
    fields.extend(gap_fields);
}

fn slice(t: &MappedText, a: usize, b: usize) -> MappedText {
    let mut m = MappedText::default();
    m.push_slice(t, a, b);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(src: &'a str, m: &MappedText, word: &str) -> &'a str {
        let i = m.as_str().find(word).unwrap();
        let sp = m.source_span(i, i + word.len());
        &src[sp.start..sp.end]
    }

    #[test]
    fn cloze_syntax() {
        let src = "Je {1:MC:=suis~es~%50%est#presque} content et {:SA:=heureux\\~} {2:NM:=3:0.5}.";
        let t = MappedText::verbatim(src, 0);
        let (mut f, mut fb) = (Vec::new(), Vec::new());
        cloze(&t, &mut f, &mut fb);
        assert_eq!(f[0].text.as_str(), "Je ___ content et ___ ___.");
        assert_eq!(
            at(src, &f[0].text, "___"),
            "{1:MC:=suis~es~%50%est#presque}"
        );
        let opts: Vec<&str> = f
            .iter()
            .filter(|x| x.role == Role::Option)
            .map(|x| x.text.as_str())
            .collect();
        assert_eq!(opts, ["suis", "es", "est"]);
        let ans: Vec<(u32, u32, &str)> = f
            .iter()
            .filter(|x| x.role == Role::Answer)
            .map(|x| (x.slot, x.alt, x.text.as_str()))
            .collect();
        assert_eq!(
            ans,
            [
                (0, 0, "suis"),
                (0, 1, "est"),
                (1, 0, "heureux~"),
                (2, 0, "3")
            ]
        );
        assert_eq!(fb[0].as_str(), "presque");
        let h = f.iter().find(|x| x.text.as_str() == "heureux~").unwrap();
        assert_eq!(at(src, &h.text, "~"), "\\~");
    }

    #[test]
    fn category_levels() {
        let p = MappedText::verbatim("$course$/top/Default for C1/Niveau b2/Unit 1", 0);
        assert_eq!(category_level(&p).unwrap().0, Level::B2);
        let p = MappedText::verbatim("$course$/top/Default for C1", 0);
        assert!(category_level(&p).is_none());
        let p = MappedText::verbatim("Grammar a1b2", 0);
        assert!(category_level(&p).is_none());
    }
}
