//! GIFT, Moodle's text format for quiz questions, read by hand (no maintained Rust crate reads
//! it with positions).
//!
//! The file is cut into questions at blank lines, as Moodle does, so that a broken question
//! never swallows the next one; whole lines starting with `//` are comments (Moodle 4 puts
//! `[tag:…]` and `[id:…]` in them). Within a question: `$CATEGORY: path`, an optional
//! `::title::`, an optional `[html]`, `[moodle]`, `[plain]` or `[markdown]` prefix, the text,
//! at most one answer block `{…}`, and text after it (the "missing word" form). The type of a
//! question follows Moodle's order: empty block → essay, `#` → numerical, any `~` → multiple
//! choice, `=` with `->` → matching, `T`/`TRUE`/`F`/`FALSE` → true/false, else short answer.
//!
//! Every text keeps a [`MappedText`] back to the source: escapes (`\:`, `\#`, `\=`, `\{`,
//! `\}`, `\~`, `\\`, `\n`) and HTML tags and entities are decoded with their source spans.

use std::path::Path;

use super::{field, Loaded, Problems};
use crate::checks::input;
use crate::findings::Msg;
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lesson, Level, MappedText, Origin, Role,
};
use crate::source::{SourceFile, Span};

/// The text format a GIFT text declares with its `[format]` prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    /// No prefix, or `[moodle]`: Moodle's auto-format, where HTML is allowed.
    Moodle,
    Html,
    Plain,
    Markdown,
}

/// The question types of GIFT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// No answer block: a text shown between questions.
    Description,
    /// `{}`.
    Essay,
    /// `{T}`, `{TRUE}`, `{F}`, `{FALSE}`.
    TrueFalse,
    /// `{=right ~wrong}`, `{~%50%a ~%50%b ~%-100%c}`.
    MultipleChoice,
    /// `{=a =b}`, or a single answer without a marker.
    ShortAnswer,
    /// `{=a -> b =c -> d}`.
    Matching,
    /// `{#1822}`, `{#1822:5}`, `{#1820..1825}`, `{#=1822:0 =%50%1822:2}`.
    Numerical,
}

/// One answer of a multiple-choice, short-answer or numerical question.
#[derive(Clone, Debug)]
pub struct Choice {
    /// Written with `=` (rather than `~`).
    pub correct: bool,
    /// The `%weight%`, when written.
    pub weight: Option<f64>,
    /// The answer's text (for a numerical answer, the number as written).
    pub text: MappedText,
    pub feedback: Option<MappedText>,
}

impl Choice {
    /// The credit the answer earns, in percent: its weight, else 100 for `=` and 0 for `~`.
    pub fn credit(&self) -> f64 {
        self.weight
            .unwrap_or(if self.correct { 100.0 } else { 0.0 })
    }
}

/// One pair of a matching question: `=question -> answer`.
#[derive(Clone, Debug)]
pub struct Pair {
    pub question: MappedText,
    pub answer: MappedText,
}

/// One question, with every text mapped to the source.
#[derive(Clone, Debug)]
pub struct Question {
    pub kind: QuestionKind,
    /// Where the question starts (its title or its first character).
    pub start: usize,
    pub title: Option<MappedText>,
    /// The text of the question; for the missing-word form, with a gap `___` (mapped to the
    /// answer block) where the answer block stands.
    pub stem: MappedText,
    pub format: TextFormat,
    /// True when a gap was put in the stem for the answer block.
    pub embedded: bool,
    pub choices: Vec<Choice>,
    pub pairs: Vec<Pair>,
    /// The answer of a true/false question, and the span of its `T`/`FALSE` token.
    pub truth: Option<(bool, Span)>,
    /// The feedbacks of a true/false question (`{T#wrong answer#right answer}`).
    pub feedback: Vec<MappedText>,
    /// `####general feedback`.
    pub general_feedback: Option<MappedText>,
    /// A level named by one of the question's `[tag:…]` comments.
    pub level: Option<(Level, Span)>,
}

/// A `$CATEGORY:` line.
#[derive(Clone, Debug)]
pub struct Category {
    pub path: String,
    pub span: Span,
    /// The level named by the deepest segment of the path that names one.
    pub level: Option<(Level, Span)>,
}

/// A question that cannot be read, with the place of the fault.
#[derive(Clone, Debug)]
pub struct ParseError {
    pub span: Span,
    pub message: Msg,
}

/// What a GIFT file holds, in order.
#[derive(Clone, Debug)]
pub enum Entry {
    Category(Category),
    Question(Box<Question>),
    Error(ParseError),
}

/// Parses a GIFT file. Never fails: a question that cannot be read is an [`Entry::Error`],
/// and the next questions are read.
pub fn parse(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for chunk in chunks(text) {
        Parser::new(&chunk).entries(&mut out);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Cutting the file into questions.

/// One question's lines: the text without its comment lines, mapped to the source.
struct Chunk {
    text: MappedText,
    /// The comment lines (without their `//`) and the source offset where each starts.
    comments: Vec<(usize, String)>,
}

/// Cuts a file into blank-line separated chunks; whole-line `//` comments are set aside.
fn chunks(src: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur = Chunk {
        text: MappedText::default(),
        comments: Vec::new(),
    };
    let flush = |cur: &mut Chunk, out: &mut Vec<Chunk>| {
        let done = std::mem::replace(
            cur,
            Chunk {
                text: MappedText::default(),
                comments: Vec::new(),
            },
        );
        if !done.text.as_str().trim().is_empty() {
            out.push(done);
        }
    };
    let mut pos = 0;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
        let next = (end + 1).min(src.len());
        let line = &src[pos..end];
        let trimmed = line.trim_start();
        if trimmed.trim_end().is_empty() {
            flush(&mut cur, &mut out);
        } else if let Some(c) = trimmed.strip_prefix("//") {
            cur.comments.push((end - c.len(), c.to_string()));
        } else {
            cur.text.push_copy(&src[pos..next], pos);
        }
        pos = next;
    }
    flush(&mut cur, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Reading one question.

struct Parser<'a> {
    t: &'a MappedText,
    s: &'a str,
    chunk: &'a Chunk,
}

type Fault = ParseError;

fn fault(span: Span, en: impl Into<String>, fr: impl Into<String>) -> Fault {
    ParseError {
        span,
        message: Msg::new(en, fr),
    }
}

/// The length of the UTF-8 character that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Characters that `\` escapes in GIFT, and `n` for a line break.
fn escaped(b: u8) -> Option<char> {
    match b {
        b':' | b'#' | b'=' | b'{' | b'}' | b'~' | b'\\' => Some(b as char),
        b'n' => Some('\n'),
        _ => None,
    }
}

impl<'a> Parser<'a> {
    fn new(chunk: &'a Chunk) -> Self {
        Parser {
            t: &chunk.text,
            s: chunk.text.as_str(),
            chunk,
        }
    }

    fn span(&self, a: usize, b: usize) -> Span {
        self.t.source_span(a, b)
    }

    /// The first position in `a..b` that is not escaped and where `pred` holds.
    fn find(&self, a: usize, b: usize, pred: impl Fn(usize) -> bool) -> Option<usize> {
        let bytes = self.s.as_bytes();
        let mut i = a;
        while i < b {
            if bytes[i] == b'\\' {
                // The backslash and the character it escapes.
                i += 1;
                if i < b {
                    i += utf8_len(bytes[i]);
                }
                continue;
            }
            if pred(i) {
                return Some(i);
            }
            i += utf8_len(bytes[i]);
        }
        None
    }

    fn find_byte(&self, a: usize, b: usize, c: u8) -> Option<usize> {
        let bytes = self.s.as_bytes();
        self.find(a, b, |i| bytes[i] == c)
    }

    fn skip_ws(&self, mut a: usize, b: usize) -> usize {
        let bytes = self.s.as_bytes();
        while a < b && bytes[a].is_ascii_whitespace() {
            a += 1;
        }
        a
    }

    fn is_blank(&self, a: usize, b: usize) -> bool {
        self.s[a..b].trim().is_empty()
    }

    /// The text of `a..b` with its escapes decoded.
    fn decode(&self, a: usize, b: usize) -> MappedText {
        let bytes = self.s.as_bytes();
        let mut out = MappedText::default();
        let (mut run, mut i) = (a, a);
        while i < b {
            if bytes[i] == b'\\' && i + 1 < b {
                if let Some(c) = escaped(bytes[i + 1]) {
                    out.push_slice(self.t, run, i);
                    out.push_replacement(c.encode_utf8(&mut [0; 4]), self.span(i, i + 2));
                    i += 2;
                    run = i;
                    continue;
                }
            }
            i += 1;
        }
        out.push_slice(self.t, run, b);
        out
    }

    /// A `[format]` prefix at the start of `a..b` (after white space): the format and where
    /// the text starts after it.
    fn format_prefix(&self, a: usize, b: usize) -> Option<(TextFormat, usize)> {
        let i = self.skip_ws(a, b);
        let rest = &self.s.as_bytes()[i..b];
        for (name, f) in [
            (&b"[html]"[..], TextFormat::Html),
            (b"[moodle]", TextFormat::Moodle),
            (b"[plain]", TextFormat::Plain),
            (b"[markdown]", TextFormat::Markdown),
        ] {
            if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
                return Some((f, i + name.len()));
            }
        }
        None
    }

    /// A text of the question: format prefix stripped, escapes decoded, trimmed, HTML reduced.
    fn text(&self, a: usize, b: usize, inherited: TextFormat) -> MappedText {
        let (format, a) = self.format_prefix(a, b).unwrap_or((inherited, a));
        finish(&self.decode(a, b), format)
    }

    fn entries(&self, out: &mut Vec<Entry>) {
        let end = self.s.len();
        let mut p = self.skip_ws(0, end);
        if self.s[p..].starts_with("$CATEGORY:") {
            let line_end = self.s[p..].find('\n').map_or(end, |i| p + i);
            let a = p + "$CATEGORY:".len();
            let raw = &self.s[a..line_end];
            let (lead, path) = (raw.len() - raw.trim_start().len(), raw.trim());
            let span = self.span(a + lead, a + lead + path.len());
            let level =
                level_in(path).map(|(l, r)| (l, self.span(a + lead + r.start, a + lead + r.end)));
            out.push(Entry::Category(Category {
                path: path.to_string(),
                span,
                level,
            }));
            p = self.skip_ws(line_end, end);
            if p >= end {
                return;
            }
        }
        out.push(match self.question(p, end) {
            Ok(q) => Entry::Question(Box::new(q)),
            Err(e) => Entry::Error(e),
        });
    }

    fn question(&self, start: usize, end: usize) -> Result<Question, Fault> {
        let bytes = self.s.as_bytes();
        let mut p = start;
        let first_brace = self.find_byte(p, end, b'{').unwrap_or(end);
        // ::title::
        let mut title = None;
        if self.s[p..].starts_with("::") {
            let close = self
                .find(p + 2, first_brace, |i| self.s[i..].starts_with("::"))
                .ok_or_else(|| {
                    fault(
                        self.span(p, p + 2),
                        "the question title opened here is not closed with `::` (write `\\:` for a colon in a title)",
                        "le titre de la question ouvert ici n'est pas fermé par `::` (écrivez `\\:` pour un deux-points dans un titre)",
                    )
                })?;
            let t = self.decode(p + 2, close).trimmed();
            if !t.as_str().is_empty() {
                title = Some(t);
            }
            p = close + 2;
        }
        let (format, body) = self
            .format_prefix(p, end)
            .unwrap_or((TextFormat::Moodle, p));
        let mut q = Question {
            kind: QuestionKind::Description,
            start: self.span(start, start).start,
            title,
            stem: MappedText::default(),
            format,
            embedded: false,
            choices: Vec::new(),
            pairs: Vec::new(),
            truth: None,
            feedback: Vec::new(),
            general_feedback: None,
            level: tags_level(&self.chunk.comments),
        };
        let Some(open) = self.find_byte(body, end, b'{') else {
            if let Some(c) = self.find_byte(body, end, b'}') {
                return Err(stray_close(self.span(c, c + 1)));
            }
            q.stem = finish(&self.decode(body, end), format);
            return Ok(q);
        };
        if let Some(c) = self.find_byte(body, open, b'}') {
            return Err(stray_close(self.span(c, c + 1)));
        }
        let close = self.find_byte(open + 1, end, b'}').ok_or_else(|| {
            fault(
                self.span(open, open + 1),
                "the answer block opened here is not closed with `}` (write `\\{` for a brace in a text)",
                "le bloc de réponses ouvert ici n'est pas fermé par `}` (écrivez `\\{` pour une accolade dans un texte)",
            )
        })?;
        if let Some(o) = self.find_byte(close + 1, end, b'{') {
            return Err(fault(
                self.span(o, o + 1),
                "a second answer block: a GIFT question has only one (write `\\{` for a brace in a text)",
                "un second bloc de réponses : une question GIFT n'en a qu'un (écrivez `\\{` pour une accolade dans un texte)",
            ));
        }
        if let Some(c) = self.find_byte(close + 1, end, b'}') {
            return Err(stray_close(self.span(c, c + 1)));
        }
        // The stem, with a gap where the block stands when text follows it.
        let mut stem = self.decode(body, open);
        if !self.is_blank(close + 1, end) {
            q.embedded = true;
            stem.push_replacement("___", self.span(open, close + 1));
            let after = self.decode(close + 1, end);
            stem.push_slice(&after, 0, after.as_str().len());
        }
        q.stem = finish(&stem, format);

        // General feedback: `####` to the end of the block.
        let mut inner_end = close;
        if let Some(g) = self.find(open + 1, close, |i| self.s[i..close].starts_with("####")) {
            q.general_feedback = Some(self.text(g + 4, close, format)).filter(not_empty);
            inner_end = g;
        }
        let a = self.skip_ws(open + 1, inner_end);
        if a >= inner_end {
            q.kind = QuestionKind::Essay;
            return Ok(q);
        }
        if bytes[a] == b'#' {
            q.kind = QuestionKind::Numerical;
            self.numerical(&mut q, a + 1, inner_end)?;
            return Ok(q);
        }
        if self.find_byte(a, inner_end, b'~').is_some() {
            q.kind = QuestionKind::MultipleChoice;
            self.choices(&mut q, a, inner_end, true)?;
            return Ok(q);
        }
        if self.find_byte(a, inner_end, b'=').is_some() && self.s[a..inner_end].contains("->") {
            q.kind = QuestionKind::Matching;
            self.pairs(&mut q, a, inner_end)?;
            return Ok(q);
        }
        let head_end = self.find_byte(a, inner_end, b'#').unwrap_or(inner_end);
        let head = self.s[a..head_end].trim_end();
        if let Some(truth) = match head {
            "T" | "TRUE" => Some(true),
            "F" | "FALSE" => Some(false),
            _ => None,
        } {
            q.kind = QuestionKind::TrueFalse;
            q.truth = Some((truth, self.span(a, a + head.len())));
            let mut f = head_end;
            while f < inner_end {
                let next = self.find_byte(f + 1, inner_end, b'#').unwrap_or(inner_end);
                let fb = self.text(f + 1, next, format);
                if !fb.as_str().is_empty() {
                    q.feedback.push(fb);
                }
                f = next;
            }
            return Ok(q);
        }
        q.kind = QuestionKind::ShortAnswer;
        self.choices(&mut q, a, inner_end, false)?;
        Ok(q)
    }

    /// Answers cut at `=` (and `~` when `tilde`): each `[=~][%weight%]text[#feedback]`. Text
    /// before the first marker is an answer too (`{One}`): right in a short answer, wrong in
    /// a multiple choice, as Moodle reads it.
    fn segments(&self, a: usize, b: usize, tilde: bool) -> Vec<(Option<u8>, usize, usize)> {
        let bytes = self.s.as_bytes();
        let is_marker = |i: usize| bytes[i] == b'=' || (tilde && bytes[i] == b'~');
        let mut out = Vec::new();
        let first = self.find(a, b, is_marker).unwrap_or(b);
        if !self.is_blank(a, first) {
            out.push((None, a, first));
        }
        let mut m = first;
        while m < b {
            let next = self.find(m + 1, b, is_marker).unwrap_or(b);
            out.push((Some(bytes[m]), m + 1, next));
            m = next;
        }
        out
    }

    /// `%weight%` at the start of `a..b`: the weight and where the text starts.
    fn weight(&self, a: usize, b: usize) -> Result<(Option<f64>, usize), Fault> {
        let a = self.skip_ws(a, b);
        if self.s.as_bytes().get(a) != Some(&b'%') || a >= b {
            return Ok((None, a));
        }
        let Some(close) = self.s[a + 1..b].find('%').map(|i| a + 1 + i) else {
            return Err(fault(
                self.span(a, a + 1),
                "the weight opened with `%` is not closed (write `%50%`)",
                "la pondération ouverte par `%` n'est pas fermée (écrivez `%50%`)",
            ));
        };
        let raw = &self.s[a + 1..close];
        match raw.trim().parse::<f64>() {
            Ok(w) if w.is_finite() => Ok((Some(w), close + 1)),
            _ => Err(fault(
                self.span(a, close + 1),
                format!("`%{raw}%` is not a weight: write a percentage such as `%50%` or `%-100%`"),
                format!("« %{raw}% » n'est pas une pondération : écrivez un pourcentage comme `%50%` ou `%-100%`"),
            )),
        }
    }

    fn choices(&self, q: &mut Question, a: usize, b: usize, tilde: bool) -> Result<(), Fault> {
        for (marker, sa, sb) in self.segments(a, b, tilde) {
            let correct = match marker {
                Some(m) => m == b'=',
                None => !tilde,
            };
            let (weight, ta) = self.weight(sa, sb)?;
            let fb = self.find_byte(ta, sb, b'#');
            let text = self.text(ta, fb.unwrap_or(sb), q.format);
            let feedback = fb.map(|f| self.text(f + 1, sb, q.format)).filter(not_empty);
            q.choices.push(Choice {
                correct,
                weight,
                text,
                feedback,
            });
        }
        Ok(())
    }

    fn pairs(&self, q: &mut Question, a: usize, b: usize) -> Result<(), Fault> {
        for (_, sa, sb) in self.segments(a, b, false) {
            let Some(arrow) = self.s[sa..sb].find("->").map(|i| sa + i) else {
                let x = self.skip_ws(sa, sb);
                return Err(fault(
                    visible(self.span(x, x + self.s[x..sb].trim_end().len())),
                    "a matching pair needs `->` between its two sides (`=chien -> dog`)",
                    "une paire d'association doit avoir `->` entre ses deux côtés (`=chien -> dog`)",
                ));
            };
            q.pairs.push(Pair {
                question: self.text(sa, arrow, q.format),
                answer: finish(&self.decode(arrow + 2, sb), TextFormat::Plain),
            });
        }
        Ok(())
    }

    fn numerical(&self, q: &mut Question, a: usize, b: usize) -> Result<(), Fault> {
        for (marker, sa, sb) in self.segments(a, b, true) {
            let (weight, ta) = self.weight(sa, sb)?;
            let fb = self.find_byte(ta, sb, b'#');
            let ve = fb.unwrap_or(sb);
            let value = self.decode(ta, ve).trimmed();
            let v = value.as_str();
            let wrong_without_value = v.is_empty() && marker == Some(b'~');
            if !wrong_without_value && !is_numerical(v) {
                let x = self.skip_ws(ta, ve);
                return Err(fault(
                    visible(self.span(x, x + self.s[x..ve].trim_end().len())),
                    format!("`{v}` is not a numerical answer: write `1822`, `1822:5` (with a tolerance) or `1820..1825`"),
                    format!("« {v} » n'est pas une réponse numérique : écrivez `1822`, `1822:5` (avec une marge) ou `1820..1825`"),
                ));
            }
            q.choices.push(Choice {
                correct: marker != Some(b'~'),
                weight,
                text: value,
                feedback: fb.map(|f| self.text(f + 1, sb, q.format)).filter(not_empty),
            });
        }
        Ok(())
    }
}

fn stray_close(span: Span) -> Fault {
    fault(
        span,
        "`}` without a matching `{` (write `\\}` for a brace in a text)",
        "`}` sans `{` correspondante (écrivez `\\}` pour une accolade dans un texte)",
    )
}

/// A span, or one character when it is empty, so that the fault is visible.
fn visible(span: Span) -> Span {
    if span.is_empty() {
        Span::new(span.start, span.start + 1)
    } else {
        span
    }
}

fn not_empty(m: &MappedText) -> bool {
    !m.as_str().is_empty()
}

/// `1822`, `-3.142`, `1822:5`, `3.141..3.142`.
fn is_numerical(v: &str) -> bool {
    let num = |s: &str| s.trim().parse::<f64>().is_ok_and(f64::is_finite);
    if let Some((lo, hi)) = v.split_once("..") {
        return num(lo) && num(hi);
    }
    if let Some((x, tol)) = v.split_once(':') {
        return num(x) && num(tol);
    }
    num(v)
}

/// A decoded text made ready for analysis: HTML reduced to its text (in the formats where
/// Moodle reads HTML), then trimmed.
fn finish(m: &MappedText, format: TextFormat) -> MappedText {
    match format {
        TextFormat::Html | TextFormat::Moodle => reduce_html(m).trimmed(),
        TextFormat::Plain | TextFormat::Markdown => m.trimmed(),
    }
}

/// Tags that end a line of text: replaced by a line break, so that paragraphs do not run
/// into each other.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "pre",
    "blockquote",
    "hr",
    "dd",
    "dt",
    "section",
    "article",
];

/// Strips HTML tags and comments and decodes the common entities, keeping the source map.
/// Not a full HTML reader: enough for the markup Moodle's editor writes into questions.
pub fn reduce_html(m: &MappedText) -> MappedText {
    let s = m.as_str();
    let bytes = s.as_bytes();
    let mut out = MappedText::default();
    let (mut run, mut i) = (0, 0);
    let mut no_more_tags = false;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if !no_more_tags => {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if s[i..].starts_with("<!--") {
                    let end = s[i..].find("-->").map_or(s.len(), |k| i + k + 3);
                    out.push_slice(m, run, i);
                    (i, run) = (end, end);
                    continue;
                }
                if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
                    i += 1;
                    continue;
                }
                let Some(close) = s[i..].find('>').map(|k| i + k) else {
                    no_more_tags = true;
                    i += 1;
                    continue;
                };
                let name: String = s[i + 1..close]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                out.push_slice(m, run, i);
                let mut end = close + 1;
                if (name == "script" || name == "style") && !s[i + 1..].starts_with('/') {
                    let closing = format!("</{name}");
                    end = find_ci(s, end, &closing)
                        .and_then(|k| s[k..].find('>').map(|g| k + g + 1))
                        .unwrap_or(s.len());
                } else if BLOCK_TAGS.contains(&name.as_str()) {
                    let src = m.source_span(i, close + 1);
                    out.push_replacement("\n", src);
                }
                (i, run) = (end, end);
            }
            b'&' => {
                let lim = s.len().min(i + 12);
                let decoded = bytes[i + 1..lim]
                    .iter()
                    .position(|&c| c == b';')
                    .map(|k| i + 1 + k)
                    .filter(|&e| {
                        bytes[i + 1..e]
                            .iter()
                            .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                    })
                    .and_then(|e| entity(&s[i + 1..e]).map(|c| (c, e + 1)));
                match decoded {
                    Some((c, end)) => {
                        out.push_slice(m, run, i);
                        let src = m.source_span(i, end);
                        out.push_replacement(c.encode_utf8(&mut [0; 4]), src);
                        (i, run) = (end, end);
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out.push_slice(m, run, bytes.len());
    out
}

fn find_ci(s: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = s.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&k| hay[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// The character an HTML entity names (`amp`, `#233`, `#xE9`): the common ones only.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(v).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "laquo" => '«',
        "raquo" => '»',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "agrave" => 'à',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ocirc" => 'ô',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "oelig" => 'œ',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Ecirc" => 'Ê',
        "Agrave" => 'À',
        "Ccedil" => 'Ç',
        "ntilde" => 'ñ',
        "aacute" => 'á',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "iexcl" => '¡',
        "iquest" => '¿',
        "auml" => 'ä',
        "ouml" => 'ö',
        "szlig" => 'ß',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Levels named in categories and tags.

/// Words that may precede a level written in lower case (`niveau b1`).
const LEVEL_WORDS: &[&str] = &[
    "niveau", "level", "nivel", "livello", "stufe", "cefr", "cecr", "cecrl", "mcer", "ger",
];

/// The CEFR level a text names, with its byte range in the text: a word `A1` … `C2` in
/// capitals, or in any case after `niveau`, `level`, `CEFR`… When several are named (a path,
/// a range `A1-A2`), the last one.
pub fn level_in(text: &str) -> Option<(Level, std::ops::Range<usize>)> {
    let mut found = None;
    let mut prev = "";
    for (start, word) in words(text) {
        let b = word.as_bytes();
        if b.len() == 2 && matches!(b[0], b'A'..=b'C' | b'a'..=b'c') && matches!(b[1], b'1' | b'2')
        {
            let capital = b[0].is_ascii_uppercase();
            if capital || LEVEL_WORDS.contains(&prev.to_ascii_lowercase().as_str()) {
                if let Ok(l) = word.parse::<Level>() {
                    found = Some((l, start..start + 2));
                }
            }
        }
        prev = word;
    }
    found
}

/// The alphanumeric words of a text, with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A level named by a `[tag:…]` in the question's comment lines.
fn tags_level(comments: &[(usize, String)]) -> Option<(Level, Span)> {
    for (at, line) in comments {
        let mut from = 0;
        while let Some(k) = line[from..].find("[tag:") {
            let t0 = from + k + "[tag:".len();
            let Some(t1) = line[t0..].find(']').map(|e| t0 + e) else {
                break;
            };
            if let Some((l, r)) = level_in(&line[t0..t1]) {
                return Some((l, Span::new(at + t0 + r.start, at + t0 + r.end)));
            }
            from = t1;
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Telling GIFT from other text files.

/// True when a text file looks like GIFT: at least one paragraph that only GIFT writes (an
/// answer block starting with `=`, `~` or `#`, `{T}`/`{FALSE}`…, a `####` general feedback, a
/// paragraph starting with `::` or `$CATEGORY:`), and at least half of its paragraphs with an
/// answer block, a title or a category. Notes, READMEs and code do not pass.
pub fn looks_like_gift(text: &str) -> bool {
    let (mut strong, mut gifty, mut total) = (0usize, 0usize, 0usize);
    for chunk in chunks(text) {
        let s = chunk.text.as_str().trim_start();
        total += 1;
        let p = Parser::new(&chunk);
        let end = p.s.len();
        let start = p.s.len() - s.len();
        if s.starts_with("$CATEGORY:") || s.starts_with("::") {
            strong += 1;
            gifty += 1;
            continue;
        }
        let Some(open) = p.find_byte(start, end, b'{') else {
            continue;
        };
        let Some(close) = p.find_byte(open + 1, end, b'}') else {
            continue;
        };
        gifty += 1;
        let inner = p.s[open + 1..close].trim();
        let head = inner.split('#').next().unwrap_or("").trim();
        if inner.starts_with(['=', '~', '#'])
            || inner.contains("####")
            || matches!(head, "T" | "TRUE" | "F" | "FALSE")
        {
            strong += 1;
        }
    }
    strong > 0 && gifty * 2 >= total
}

/// True when a path's name alone does not make it GIFT: a `.txt` file (but `*.gift.txt`),
/// read only when [`looks_like_gift`] says so.
pub fn content_decides(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") && !lower.ends_with(".gift.txt")
}

// ---------------------------------------------------------------------------------------------
// Mapping into the document model.

/// The lesson id of questions before any `$CATEGORY:`: the file name without `.gift`/`.txt`.
fn file_stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let mut stem = name;
    for ext in [".txt", ".gift"] {
        if stem.len() > ext.len() && stem[stem.len() - ext.len()..].eq_ignore_ascii_case(ext) {
            stem = &stem[..stem.len() - ext.len()];
        }
    }
    if stem.is_empty() {
        "gift".into()
    } else {
        stem.to_string()
    }
}

/// Reads a GIFT file into the model: one lesson per `$CATEGORY:` (questions before any
/// category go into a lesson named after the file), one item per question.
pub fn read(src: &SourceFile) -> Loaded {
    let mut problems = Problems::new(src);
    let mut doc = Document::default();
    let mut current: Option<usize> = None;
    let mut lesson_levels: Vec<Option<Declared<Option<Level>>>> = Vec::new();
    let mut n = 0usize;
    for entry in parse(&src.text) {
        match entry {
            Entry::Category(c) => {
                let i = match doc
                    .lessons
                    .iter()
                    .position(|l| l.id.as_deref() == Some(&c.path))
                {
                    Some(i) => i,
                    None => {
                        doc.lessons.push(Lesson {
                            id: Some(c.path.clone()),
                            title: None,
                            span: c.span,
                            items: Vec::new(),
                        });
                        lesson_levels.push(c.level.map(|(l, span)| Declared {
                            value: Some(l),
                            origin: Origin::Lesson,
                            span: Some(span),
                            elsewhere: None,
                        }));
                        doc.lessons.len() - 1
                    }
                };
                current = Some(i);
            }
            Entry::Error(e) => {
                n += 1;
                problems.push(
                    &input::PARSE_ERROR,
                    e.span,
                    Msg::new(
                        format!("cannot read this GIFT question: {}", e.message.en),
                        format!("impossible de lire cette question GIFT : {}", e.message.fr),
                    ),
                );
            }
            Entry::Question(q) => {
                n += 1;
                let li = match current {
                    Some(i) => i,
                    None => {
                        doc.lessons.push(Lesson {
                            id: Some(file_stem(&src.path)),
                            title: None,
                            span: Span::empty(q.start),
                            items: Vec::new(),
                        });
                        lesson_levels.push(None);
                        current = Some(doc.lessons.len() - 1);
                        doc.lessons.len() - 1
                    }
                };
                let level = match q.level {
                    Some((l, span)) => Some(Declared {
                        value: Some(l),
                        origin: Origin::Item,
                        span: Some(span),
                        elsewhere: None,
                    }),
                    None => lesson_levels[li].clone(),
                };
                doc.lessons[li].items.push(item(&q, n, level));
            }
        }
    }
    Loaded {
        document: Some(doc),
        findings: problems.into_findings(),
    }
}

fn item(q: &Question, n: usize, level: Option<Declared<Option<Level>>>) -> Item {
    let id = q
        .title
        .as_ref()
        .map(|t| t.as_str().to_string())
        .unwrap_or_else(|| format!("q{n}"));
    let mut fields: Vec<Field> = Vec::new();
    if let Some(t) = &q.title {
        fields.extend(field(Role::Title, 0, 0, t));
    }
    let stem_role = if q.kind == QuestionKind::Description {
        Role::Text
    } else {
        Role::Prompt
    };
    fields.extend(field(stem_role, 0, 0, &q.stem));
    let kind = match q.kind {
        QuestionKind::Description => ItemKind::Text,
        QuestionKind::Essay | QuestionKind::Numerical => ItemKind::Open,
        QuestionKind::TrueFalse => ItemKind::TrueFalse,
        QuestionKind::MultipleChoice => ItemKind::MultipleChoice,
        QuestionKind::Matching => ItemKind::Matching,
        QuestionKind::ShortAnswer => {
            if crate::analyse::gaps(q.stem.as_str()).is_empty() {
                ItemKind::Open
            } else {
                ItemKind::GapFill
            }
        }
    };
    match q.kind {
        QuestionKind::MultipleChoice => {
            for (i, c) in q.choices.iter().enumerate() {
                fields.extend(field(Role::Option, i, 0, &c.text));
            }
            answers(&mut fields, &q.choices);
        }
        QuestionKind::ShortAnswer => answers(&mut fields, &q.choices),
        QuestionKind::Matching => {
            for (i, p) in q.pairs.iter().enumerate() {
                fields.extend(field(Role::PairTarget, i, 0, &p.question));
                fields.extend(field(Role::PairSupport, i, 0, &p.answer));
            }
        }
        QuestionKind::TrueFalse => {
            if let Some((truth, span)) = q.truth {
                let mut t = MappedText::default();
                t.push_replacement(if truth { "true" } else { "false" }, span);
                fields.push(Field {
                    role: Role::Answer,
                    slot: 0,
                    alt: 0,
                    language: None,
                    text: t,
                    span,
                });
            }
        }
        _ => {}
    }
    let mut fb = 0;
    let choice_feedback = q.choices.iter().filter_map(|c| c.feedback.as_ref());
    for f in q
        .feedback
        .iter()
        .chain(choice_feedback)
        .chain(&q.general_feedback)
    {
        if let Some(field) = field(Role::Feedback, fb, 0, f) {
            fields.push(field);
            fb += 1;
        }
    }
    Item {
        id,
        kind,
        span: Span::empty(q.start),
        level,
        language: None,
        support_language: None,
        fields,
        timing: None,
        // Moodle reads a multiple-choice question with an `=` answer as single-choice (several
        // right answers need `~%50%` weights): with no weights, every answer is full credit.
        single_answer: (matches!(q.kind, QuestionKind::MultipleChoice)
            && q.choices.iter().any(|c| c.correct)
            && q.choices.iter().all(|c| c.weight.is_none()))
        .then_some(true),
    }
}

/// The accepted answers (credit above 0), best first, as alternatives of one gap.
fn answers(fields: &mut Vec<Field>, choices: &[Choice]) {
    let mut right: Vec<&Choice> = choices
        .iter()
        .filter(|c| c.credit() > 0.0 && !c.text.as_str().is_empty())
        .collect();
    right.sort_by(|a, b| b.credit().total_cmp(&a.credit()));
    for (alt, c) in right.into_iter().enumerate() {
        fields.extend(field(Role::Answer, 0, alt, &c.text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions(src: &str) -> Vec<Question> {
        parse(src)
            .into_iter()
            .filter_map(|e| match e {
                Entry::Question(q) => Some(*q),
                Entry::Error(e) => panic!("{:?}", e.message.en),
                Entry::Category(_) => None,
            })
            .collect()
    }

    fn at<'a>(src: &'a str, m: &MappedText, word: &str) -> &'a str {
        let i = m.as_str().find(word).unwrap();
        let s = m.source_span(i, i + word.len());
        &src[s.start..s.end]
    }

    #[test]
    fn escapes_are_decoded_and_mapped() {
        let src = "Le signe \\= et le \\{mot\\} \\#1\\: fin\\\\ et\\nligne {=a}";
        let q = &questions(src)[0];
        assert_eq!(
            q.stem.as_str(),
            "Le signe = et le {mot} #1: fin\\ et\nligne"
        );
        assert_eq!(at(src, &q.stem, "mot"), "mot");
        assert_eq!(at(src, &q.stem, "{"), "\\{");
        assert_eq!(at(src, &q.stem, "ligne"), "ligne");
        assert_eq!(at(src, &q.stem, "fin"), "fin");
    }

    #[test]
    fn missing_word_gets_a_gap_mapped_to_the_block() {
        let src = "::t::Il {~va =est ~a} grand.";
        let q = &questions(src)[0];
        assert_eq!(q.stem.as_str(), "Il ___ grand.");
        assert_eq!(at(src, &q.stem, "___"), "{~va =est ~a}");
        assert_eq!(q.choices.len(), 3);
        assert!(q.choices[1].correct);
    }

    #[test]
    fn html_is_reduced_with_positions() {
        let src = "[html]<p>Le <b>chat</b>&nbsp;dort&amp;mange.</p>{}";
        let q = &questions(src)[0];
        assert_eq!(q.stem.as_str(), "Le chat\u{a0}dort&mange.");
        assert_eq!(at(src, &q.stem, "chat"), "chat");
        assert_eq!(at(src, &q.stem, "&"), "&amp;");
        assert_eq!(at(src, &q.stem, "mange"), "mange");
    }

    #[test]
    fn levels_in_paths_and_tags() {
        assert_eq!(
            level_in("$course$/top/Anglais/Niveau b1").unwrap().0,
            Level::B1
        );
        assert_eq!(level_in("A2 - Unit 3").unwrap().0, Level::A2);
        assert_eq!(level_in("level C1").unwrap().1, 6..8);
        assert!(level_in("Default for LING-373-2194-B").is_none());
        assert!(level_in("vitamin b1").is_none());
        assert_eq!(level_in("éé A2").unwrap().1, 5..7);
    }

    #[test]
    fn sniffing_text_files() {
        assert!(looks_like_gift("Q?{=a ~b}\n\nR?{T}\n"));
        assert!(looks_like_gift("::t::Write.{}\n"));
        assert!(!looks_like_gift(
            "Shopping list\nmilk, eggs\n\nCall {Paul}\n"
        ));
        assert!(!looks_like_gift("fn main() {}\n"));
        assert!(!looks_like_gift(""));
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for s in [
            "{",
            "}",
            "::",
            "::a",
            "{#}",
            "{%",
            "{=%5",
            "{~%x%a}",
            "\\",
            "a\\",
            "{=a->}",
            "<",
            "&#xFFFFFF;",
            "[html]<",
            "[html]<!--",
            "{T#",
            "$CATEGORY:",
            "é{=é}é",
            "{#1..}",
            "::é::{}",
        ] {
            let _ = parse(s);
            let _ = looks_like_gift(s);
        }
    }

    #[test]
    fn nothing_panics_on_random_input() {
        const PIECES: &[&str] = &[
            "{",
            "}",
            "=",
            "~",
            "#",
            "%",
            "\\",
            ":",
            "::",
            "-",
            ">",
            "->",
            "<",
            "<p>",
            "&",
            "&amp;",
            ";",
            "\n",
            "\n\n",
            " ",
            "é",
            "😀",
            "a",
            "T",
            "[html]",
            "$CATEGORY:",
            "//",
            "[tag:A2]",
            "1",
            ".",
            "..",
            "_",
            "####",
            "%50%",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for _ in 0..(x % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
            }
            let _ = looks_like_gift(&s);
            let src = SourceFile::new("f.gift", s);
            let loaded = read(&src);
            for item in loaded.document.unwrap().items() {
                for f in &item.fields {
                    let t = f.text.as_str();
                    let sp = f.text.source_span(0, t.len());
                    assert!(sp.end <= src.text.len());
                }
            }
        }
    }
}
