//! Checks: one module per rule family. Each turns analysed items into findings.

pub mod answer;
pub mod duplicate;
pub mod duplicate_index;
pub mod encoding;
pub mod grammar;
pub mod input;
pub mod language;
pub mod level;
pub mod markup;
pub mod metadata;
mod registry;
pub mod spelling;
pub mod subtitle;
pub mod vocabulary;

pub use registry::{all, find, RuleInfo, CATEGORIES};

use rayon::prelude::*;

use crate::analyse::{analyse_item, ItemAnalysis};
use crate::findings::{Evidence, EvidenceKind, Finding, Msg};
use crate::model::{Document, Item, Level, Origin};
use crate::ruleset::{LangRules, RuleErrors, RuleSets};
use crate::source::{SourceFile, Span};

/// Settings that change what the checks report.
#[derive(Clone, Debug)]
pub struct Settings {
    /// How many levels apart a word, structure or estimate must be to be reported.
    pub level_threshold: i32,
    /// `vocabulary/*` only (`level-threshold.vocabulary` in `cefrlint.yaml`); `None`: the
    /// general threshold.
    pub vocabulary_threshold: Option<i32>,
    /// `grammar/*` only; `None`: the general threshold.
    pub grammar_threshold: Option<i32>,
    /// `level/*` (the item's estimated level) only; `None`: the general threshold.
    pub estimate_threshold: Option<i32>,
    /// Words the configuration allows (`allow-words`, `allow-words-file`): names and topic
    /// vocabulary that are not misspelt.
    pub allow_words: std::sync::Arc<[String]>,
    /// A custom dictionary file named by the configuration (`dictionary`).
    pub dictionary: Option<std::path::PathBuf>,
    /// Run the `spelling/*` checks.
    pub spelling: bool,
    /// Run the `language/*` checks.
    pub language: bool,
    /// Words never reported as misspelled, in lower case (`--allow-words`).
    pub allowed_words: std::sync::Arc<rustc_hash::FxHashSet<String>>,
    /// Spelling dictionaries, loaded on first use (`--dict-dir`).
    pub dictionaries: std::sync::Arc<crate::ruleset::dictionary::Dictionaries>,
    /// Spelling suggestions computed so far in this run.
    pub suggestions: std::sync::Arc<spelling::SuggestionCache>,
}

impl Settings {
    /// The threshold of a rule family: `vocabulary`, `grammar` or `level`.
    pub fn threshold(&self, family: &str) -> i32 {
        match family {
            "vocabulary" => self.vocabulary_threshold,
            "grammar" => self.grammar_threshold,
            "level" => self.estimate_threshold,
            _ => None,
        }
        .unwrap_or(self.level_threshold)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            level_threshold: 2,
            vocabulary_threshold: None,
            grammar_threshold: None,
            estimate_threshold: None,
            allow_words: std::sync::Arc::from(Vec::new()),
            dictionary: None,
            spelling: true,
            language: true,
            allowed_words: Default::default(),
            dictionaries: Default::default(),
            suggestions: Default::default(),
        }
    }
}

/// What the checks of one file see.
pub struct Context<'a> {
    pub src: &'a SourceFile,
    pub settings: &'a Settings,
    /// The speller's verdicts on this file's words, kept by the worker thread from file to
    /// file while the settings are the same (words repeat a lot).
    pub known_words: spelling::KnownWords,
    /// The `language/*` verdicts on this file's fields judged without their analysis
    /// (instructions repeat from item to item).
    pub language_verdicts: language::Verdicts,
}

/// One item with its analysis.
pub struct ItemContext<'a> {
    pub item: &'a Item,
    pub analysis: &'a ItemAnalysis,
    pub rules: Option<&'a LangRules>,
}

impl ItemContext<'_> {
    fn min_confidence(&self) -> f64 {
        self.rules.map_or(1.1, |r| r.estimator.min_to_report)
    }
}

/// A graded word as evidence: its text, level, lemma and list, at its place.
fn word_evidence(src: &SourceFile, w: &crate::analyse::WordEvidence) -> Evidence {
    Evidence {
        kind: EvidenceKind::Word,
        text: w.text(src).to_string(),
        level: Some(w.level),
        detail: Some(format!("{} ({})", w.lemma, w.source)),
        location: Some(src.location(w.span)),
        localized: None,
    }
}

/// A grammar structure as evidence, at its place.
fn structure_evidence(
    src: &SourceFile,
    s: &crate::analyse::StructureEvidence,
    detail: Option<String>,
) -> Evidence {
    Evidence {
        kind: EvidenceKind::Structure,
        text: s.text.clone(),
        level: Some(s.level),
        detail,
        location: Some(src.location(s.span)),
        localized: None,
    }
}

/// One item's line in the report.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemSummary {
    pub file: std::sync::Arc<str>,
    pub line: u32,
    pub id: String,
    pub kind: &'static str,
    /// Shared by the items of a lesson.
    pub lesson: Option<std::sync::Arc<str>>,
    /// Shared by the items of a file in the same language.
    pub language: Option<std::sync::Arc<str>>,
    pub declared_level: Option<Level>,
    pub estimated_level: Option<Level>,
    pub score: Option<f64>,
    pub confidence: Option<f64>,
}

/// Everything the checks found in one document.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub items: Vec<ItemSummary>,
    /// What the batch-wide `duplicate/*` pass needs of each item.
    pub signatures: Vec<duplicate::Signature>,
}

/// Loads the rule sets of the document's languages that are not loaded yet, on the worker
/// threads (start-up time is wall time). What they load is cached; errors are reported where
/// the rule set is used. Spelling dictionaries are not: most small files need none, as the
/// lexicon knows all their words (`spelling::Speller`).
fn preload(doc: &Document, rulesets: &RuleSets) {
    let mut cold: Vec<&str> = Vec::new();
    for item in doc.lessons.iter().flat_map(|l| &l.items) {
        if let Some(lang) = item.target_language() {
            let lang = lang.as_str();
            if !cold.contains(&lang)
                && rulesets.languages().iter().any(|l| l == lang)
                && !rulesets.is_loaded(lang)
            {
                cold.push(lang);
            }
        }
    }
    if cold.is_empty() {
        return;
    }
    rayon::scope(|s| {
        for &lang in &cold {
            s.spawn(move |_| {
                let _ = rulesets.get(lang);
            });
        }
    });
}

/// Runs every check on a document. Fails only when a language's rule set is broken.
pub fn check_document(
    src: &SourceFile,
    doc: &Document,
    rulesets: &RuleSets,
    settings: &Settings,
) -> Result<Checked, RuleErrors> {
    let cx = Context {
        src,
        settings,
        known_words: spelling::KnownWords::for_settings(settings),
        language_verdicts: language::Verdicts::default(),
    };
    let mut out = Checked::default();
    preload(doc, rulesets);
    metadata::check(src, doc, &mut out.findings);

    // Each unsupported language once, at its declaration (the item's start when it came from
    // the command line or the configuration).
    let mut unsupported: Vec<(String, level::DeclaredAt)> = Vec::new();
    let mut languages: Vec<(String, std::sync::Arc<str>)> = Vec::new();
    for lesson in &doc.lessons {
        let lesson_id: Option<std::sync::Arc<str>> = lesson.id.as_deref().map(Into::into);
        // Analyse every item (in parallel), with its language's rules.
        let analysed: Vec<(Option<std::sync::Arc<LangRules>>, ItemAnalysis)> = lesson
            .items
            .par_iter()
            .map(|item| {
                let Some(lang) = item.target_language() else {
                    return Ok((None, ItemAnalysis::default()));
                };
                match rulesets.get(lang.as_str()) {
                    None => Ok((None, ItemAnalysis::default())),
                    Some(Err(e)) => Err(e),
                    Some(Ok(rules)) => {
                        let a = analyse_item(src, item, &rules);
                        Ok((Some(rules), a))
                    }
                }
            })
            .collect::<Result<_, _>>()?;

        subtitle::check_lesson(&cx, lesson, &mut out.findings);

        // An item with a language but no rules: that language has no rule set.
        for (item, (rules, _)) in lesson.items.iter().zip(&analysed) {
            if let (Some(lang), None) = (item.target_language(), rules) {
                if !unsupported.iter().any(|(l, _)| l == lang.as_str()) {
                    let at = item
                        .language
                        .as_ref()
                        .and_then(level::DeclaredAt::of)
                        .unwrap_or(level::DeclaredAt::Here(Span::empty(item.span.start)));
                    unsupported.push((lang.to_string(), at));
                }
            }
        }

        // Lesson-level verdicts over items sharing an inherited declaration.
        let mut judged_as_group: Vec<bool> = vec![false; lesson.items.len()];
        let mut groups: Vec<(level::DeclaredAt, Level, Vec<usize>)> = Vec::new();
        for (i, item) in lesson.items.iter().enumerate() {
            let Some(d) = &item.level else { continue };
            let (Some(level), Some(span)) = (d.value, level::DeclaredAt::of(d)) else {
                continue;
            };
            if d.origin == Origin::Item || analysed[i].0.is_none() {
                continue;
            }
            match groups.iter_mut().find(|g| g.0 == span) {
                Some(g) => g.2.push(i),
                None => groups.push((span, level, vec![i])),
            }
        }
        for (span, level, members) in &groups {
            if members.len() < 2 {
                continue;
            }
            let Some(rules) = analysed[members[0]].0.as_ref() else {
                continue;
            };
            let items: Vec<(&Item, &ItemAnalysis)> = members
                .iter()
                .map(|&i| (&lesson.items[i], &analysed[i].1))
                .collect();
            if level::check_group(
                &cx,
                lesson.id.as_deref(),
                *level,
                span,
                &items,
                rules,
                &mut out.findings,
            ) {
                for &i in members {
                    judged_as_group[i] = true;
                }
            }
        }

        for (i, item) in lesson.items.iter().enumerate() {
            let (rules, analysis) = (&analysed[i].0, &analysed[i].1);
            let it = ItemContext {
                item,
                analysis,
                rules: rules.as_deref(),
            };
            if rules.is_some() {
                vocabulary::check(&cx, &it, &mut out.findings);
                grammar::check(&cx, &it, &mut out.findings);
                if settings.spelling {
                    spelling::check(&cx, &it, &mut out.findings);
                }
                if !judged_as_group[i] {
                    level::check_item(&cx, &it, &mut out.findings);
                }
            }
            answer::check(&cx, item, &mut out.findings);
            encoding::check_item(&cx, item, &mut out.findings);
            markup::check(&cx, item, &mut out.findings);
            out.signatures.extend(duplicate::signature(&cx, item));
            if settings.language {
                language::check(&cx, item, analysis, rulesets, &mut out.findings);
            }
            let lc = src.line_col(item.span.start);
            out.items.push(ItemSummary {
                file: src.path.clone(),
                line: lc.line,
                id: item.id.clone(),
                kind: item.kind.as_str(),
                lesson: lesson_id.clone(),
                language: item.target_language().map(|l| {
                    match languages.iter().find(|(k, _)| k.as_str() == l.as_str()) {
                        Some((_, v)) => v.clone(),
                        None => {
                            let v: std::sync::Arc<str> = l.as_str().into();
                            languages.push((l.to_string(), v.clone()));
                            v
                        }
                    }
                }),
                declared_level: item.declared_level(),
                estimated_level: analysis.estimate.as_ref().map(|e| e.level),
                score: analysis.estimate.as_ref().map(|e| e.score),
                confidence: analysis.estimate.as_ref().map(|e| e.confidence),
            });
        }
    }
    for (lang, at) in unsupported {
        out.findings.push(at.finding(
            &metadata::UNSUPPORTED_LANGUAGE,
            src,
            Msg::new(
                format!("no rule set for `{lang}`: vocabulary, grammar and level are not checked in this file"),
                format!("aucun jeu de règles pour « {lang} » : vocabulaire, grammaire et niveau ne sont pas vérifiés dans ce fichier"),
            ),
        ));
    }
    Ok(out)
}
