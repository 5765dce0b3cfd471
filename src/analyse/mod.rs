//! Analysis of an item's target-language text: segmentation, vocabulary profile, grammar
//! profile, level estimate. Pure functions of the item and the language's rule set.

/// The table of a segmenter's `const fn class(char) -> Option<Class>` for the characters up
/// to U+00FF, indexed by code (`sentence_bounds`, `word_bounds`).
macro_rules! latin1_table {
    ($class:ident) => {{
        let mut t = [None; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = $class(i as u8 as char);
            i += 1;
        }
        t
    }};
}

pub mod anchors;
pub mod estimate;
pub mod fold;
pub mod grammar;
pub mod literal_dfa;
pub mod normalize;
pub mod pos_match;
pub mod prefilter;
#[cfg(test)]
pub(crate) mod random_text;
pub mod segment;
pub mod sentence_bounds;
pub mod slot_runs;
pub mod splice;
pub mod vocabulary;
pub mod word_bounds;
pub mod word_memo;
pub mod word_program;

use crate::model::{Item, Level, MappedText, Role};
use crate::ruleset::LangRules;
use crate::source::{SourceFile, Span};
use estimate::{Estimate, Features};

/// A graded word at its place in the source.
#[derive(Clone, Debug)]
pub struct WordEvidence {
    /// Index of the field in `item.fields`.
    pub field: usize,
    pub span: Span,
    /// The word as analysed, kept only when `span` does not slice the source text (see
    /// [`WordEvidence::text`]): most words are never shown, so they are not copied.
    pub fallback_text: Option<String>,
    pub level: Level,
    pub lemma: std::sync::Arc<str>,
    pub source: std::sync::Arc<str>,
}

impl WordEvidence {
    /// The word as written in the source (`src` is the file analysed).
    pub fn text<'a>(&'a self, src: &'a SourceFile) -> &'a str {
        self.fallback_text
            .as_deref()
            .or_else(|| src.text.get(self.span.start..self.span.end))
            .unwrap_or("")
    }
}

/// A grammar structure at its place in the source.
#[derive(Clone, Debug)]
pub struct StructureEvidence {
    pub field: usize,
    pub span: Span,
    pub text: String,
    /// Index into the language's grammar rules.
    pub rule: usize,
    pub level: Level,
}

/// Everything analysis found in one item.
#[derive(Clone, Debug, Default)]
pub struct ItemAnalysis {
    pub words: Vec<WordEvidence>,
    pub structures: Vec<StructureEvidence>,
    pub features: Features,
    pub estimate: Option<Estimate>,
    /// Words read and found in the lexicon, per analysed field (index in `item.fields`).
    pub field_vocab: Vec<(usize, vocabulary::VocabStats)>,
    /// The tokens of the fields analysed as written (no gap filled), per field index: the
    /// spelling and language checks read them instead of segmenting the text again.
    pub field_tokens: Vec<(usize, Vec<segment::Token>)>,
}

impl ItemAnalysis {
    /// The tokens of field `fi` as written, when analysis segmented it.
    pub fn tokens_of(&self, fi: usize) -> Option<&[segment::Token]> {
        self.field_tokens
            .iter()
            .find(|(i, _)| *i == fi)
            .map(|(_, t)| t.as_slice())
    }
}

/// Fields whose sentences count for sentence length (options and answers are fragments).
fn counts_sentences(role: Role) -> bool {
    matches!(role, Role::Prompt | Role::Text | Role::Example | Role::Line)
}

/// Byte ranges of the gaps (runs of three or more underscores) of a text.
pub fn gaps(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, _) in text.match_indices('_') {
        match out.last_mut() {
            Some(r) if r.end == i => r.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out.retain(|r| r.len() >= 3);
    out
}

/// The text of a gapped field with each gap filled by its answer (the first accepted one),
/// so that grammar is judged on the sentence the learner must produce. `None` when the field
/// has no gap or a gap has no answer.
fn completed(item: &Item, field: &crate::model::Field) -> Option<MappedText> {
    let text = field.text.as_str();
    let gaps = gaps(text);
    if gaps.is_empty() {
        return None;
    }
    let answer = |slot: u32| {
        item.fields
            .iter()
            .find(|f| f.role == Role::Answer && f.slot == slot && f.alt == 0)
    };
    let mut out = MappedText::default();
    let mut last = 0;
    for (k, g) in gaps.iter().enumerate() {
        // One gap with one answer (multiple choice), or one answer per gap (gap fill).
        let a = if gaps.len() == 1 {
            answer(0)
        } else {
            answer(k as u32)
        }?;
        out.push_slice(&field.text, last, g.start);
        out.push_slice(&a.text, 0, a.text.as_str().len());
        last = g.end;
    }
    out.push_slice(&field.text, last, text.len());
    Some(out)
}

/// Analyses the target-language fields of an item.
pub fn analyse_item(src: &SourceFile, item: &Item, rules: &LangRules) -> ItemAnalysis {
    let mut out = ItemAnalysis::default();
    let lang = rules.lang.as_str();
    // Gapped prompts and texts are analysed with their answers in place.
    let filled: Vec<Option<MappedText>> = item
        .fields
        .iter()
        .map(|f| {
            matches!(f.role, Role::Prompt | Role::Text)
                .then(|| completed(item, f))
                .flatten()
        })
        .collect();
    let answers_used = filled.iter().any(Option::is_some);
    let is_option = |t: &str| {
        item.fields
            .iter()
            .any(|f| f.role == Role::Option && f.text.as_str().trim() == t.trim())
    };
    for (fi, field) in item.fields.iter().enumerate() {
        if field.role.lang_role() != crate::model::LangRole::Target {
            continue;
        }
        // An answer already read inside its gap, or repeating an option, is not read twice.
        if field.role == Role::Answer
            && ((answers_used && field.alt == 0) || is_option(field.text.as_str()))
        {
            continue;
        }
        let mapped = filled[fi].as_ref().unwrap_or(&field.text);
        let text = mapped.as_str();
        let sentences = segment::sentences(text, lang);
        let tokens = segment::tokens(text, &sentences);
        let (uses, stats) = vocabulary::profile(text, &tokens, lang, &rules.lexicon);
        for t in &tokens {
            if t.kind == segment::TokenKind::Word && !t.in_url {
                out.features.word_tokens += 1;
                let w = &text[t.range.clone()];
                out.features.letters += if w.is_ascii() {
                    w.bytes().filter(u8::is_ascii_alphabetic).count()
                } else {
                    w.chars().filter(|c| c.is_alphabetic()).count()
                };
            }
        }
        out.words.reserve(uses.len());
        out.features.word_levels.reserve(uses.len());
        for u in uses {
            let span = mapped.source_span(u.range.start, u.range.end);
            out.features.word_levels.push(u.level);
            out.words.push(WordEvidence {
                field: fi,
                fallback_text: src
                    .text
                    .get(span.start..span.end)
                    .is_none()
                    .then(|| text[u.range.clone()].to_string()),
                span,
                level: u.level,
                lemma: u.lemma,
                source: u.source,
            });
        }
        out.features.words += stats.words;
        out.field_vocab.push((fi, stats));
        if counts_sentences(field.role) {
            out.features.sentences += sentences.len();
            out.features.sentence_words += stats.words;
        }
        if rules.grammar.is_empty() {
            if filled[fi].is_none() {
                out.field_tokens.push((fi, tokens));
            }
            continue;
        }
        for s in &sentences {
            for m in rules.grammar.find(text, s.start, s.end) {
                let span = mapped.source_span(m.start, m.end);
                let level = rules.grammar.rules[m.rule].level;
                out.features.structure_levels.push(level);
                out.structures.push(StructureEvidence {
                    field: fi,
                    text: src
                        .text
                        .get(span.start..span.end)
                        .unwrap_or(&text[m.start..m.end])
                        .to_string(),
                    span,
                    rule: m.rule,
                    level,
                });
            }
        }
        if filled[fi].is_none() {
            out.field_tokens.push((fi, tokens));
        }
    }
    if out.features.sentences == 0 && out.features.words > 0 {
        // Only fragments (options, terms): their words make one short "sentence".
        out.features.sentences = 1;
        out.features.sentence_words = out.features.words;
    }
    out.estimate = estimate::estimate(&out.features, &rules.estimator);
    out
}
