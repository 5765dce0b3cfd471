//! Applying a configuration to one file: the language and level its path gives, the
//! thresholds, and its findings (suppressions, `select`/`ignore`, severities).
//!
//! `input/*` findings (files that could not be read) are always reported as they are.

use std::path::{Path, PathBuf};

use super::suppress::{self, UNUSED_SUPPRESSION};
use super::{selector, Config, Selector};
use crate::checks::{RuleInfo, Settings};
use crate::findings::{Finding, Msg};
use crate::model::{Defaults, Document};
use crate::source::SourceFile;

/// An `ignore-items` name met in a checked file: whether it suppressed something there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct IgnoreUse {
    pub entry: usize,
    pub item: usize,
    pub used: bool,
}

/// One checked file and its configuration.
pub struct FileConfig<'a> {
    pub config: Option<&'a Config>,
    /// The file, absolute and normalised.
    pub file: PathBuf,
}

impl<'a> FileConfig<'a> {
    pub fn new(config: Option<&'a Config>, path: &Path) -> Self {
        FileConfig {
            config,
            file: super::discover::normalize(path),
        }
    }

    /// What the `paths:` entries matching this file give it; for each value, the last
    /// matching entry that gives it wins.
    pub fn defaults(&self) -> Defaults {
        let mut d = Defaults::default();
        let Some(c) = self.config else { return d };
        for p in &c.paths {
            if !c.glob_matches(&p.matcher, p.by_name, &self.file) {
                continue;
            }
            if let Some(l) = &p.lang {
                d.language = Some(l.value.clone());
            }
            if let Some(l) = &p.support_lang {
                d.support_language = Some(l.value.clone());
            }
            if let Some(l) = &p.level {
                d.level = Some(l.value);
            }
        }
        d
    }

    /// The settings of this file: the command line's `--level-threshold` when given, else the
    /// configuration's thresholds, else `base`.
    pub fn settings(&self, base: &Settings, threshold_given: bool) -> Settings {
        let mut s = base.clone();
        let Some(c) = self.config else { return s };
        if !threshold_given {
            let t = &c.thresholds;
            if let Some(a) = &t.all {
                s.level_threshold = a.value;
            }
            s.vocabulary_threshold = t.vocabulary.as_ref().map(|v| v.value);
            s.grammar_threshold = t.grammar.as_ref().map(|v| v.value);
            s.estimate_threshold = t.level.as_ref().map(|v| v.value);
        }
        s.allow_words = c.allowed.clone();
        if s.allowed_words.is_empty() {
            // The spelling checks read one lower-case set: the configuration's, built once.
            s.allowed_words = c.allowed_lower.clone();
        } else if !c.allowed_lower.is_empty() {
            // With `--allow-words` too: both.
            let mut set = (*s.allowed_words).clone();
            set.extend(c.allowed_lower.iter().cloned());
            s.allowed_words = std::sync::Arc::new(set);
        }
        s.dictionary = c.dictionary.as_ref().map(|d| d.value.clone());
        s
    }

    /// Applies suppression comments (native YAML, GIFT, WebVTT, Moodle XML, QTI, SCORM pages), `ignore-items`, `select`/`ignore` and
    /// severities to a file's findings. Returns what became of the `ignore-items` names of
    /// items present in the file.
    pub fn apply(
        &self,
        src: &SourceFile,
        doc: Option<&Document>,
        format: &str,
        findings: &mut Vec<Finding>,
    ) -> Vec<IgnoreUse> {
        // `format` is a format's name (`Format::as_str`): members of packages have their own.
        let syntax = suppress::Syntax::of(format).filter(|_| src.text.contains("cefrlint"));
        let has_comments = syntax.is_some();
        let ignores = self.config.is_some_and(|c| !c.ignore_items.is_empty());
        let extents = match doc {
            Some(d) if has_comments || ignores => suppress::extents(src, d),
            _ => Vec::new(),
        };
        let mut added = Vec::new();
        if let Some(syntax) = syntax {
            for c in syntax.comments(src) {
                for (name, span) in &c.unknown {
                    added.push(Finding::at(
                        &UNUSED_SUPPRESSION,
                        src,
                        *span,
                        Msg::new(
                            format!("`{name}` is neither a rule code nor a category: this suppression suppresses nothing"),
                            format!("« {name} » n'est ni un code de règle ni une catégorie : cette suppression ne supprime rien"),
                        ),
                    ));
                }
                if !c.bare && c.selectors.is_empty() {
                    continue;
                }
                let Some(target) = syntax.target(src, &c, &extents) else {
                    let msg = match syntax {
                        suppress::Syntax::Yaml | suppress::Syntax::Gift => Msg::new(
                            "this suppression is on the last line: it applies to nothing",
                            "cette suppression est sur la dernière ligne : elle ne s'applique à rien",
                        ),
                        suppress::Syntax::WebVtt => Msg::new(
                            "no cue follows this suppression: it applies to nothing",
                            "aucun sous-titre ne suit cette suppression : elle ne s'applique à rien",
                        ),
                        suppress::Syntax::Xml => Msg::new(
                            "this suppression is in no question or item and none follows it: it applies to nothing",
                            "cette suppression n'est dans aucune question ni aucun item, et aucun ne la suit : elle ne s'applique à rien",
                        ),
                    };
                    added.push(Finding::at(&UNUSED_SUPPRESSION, src, c.span, msg));
                    continue;
                };
                let before = findings.len();
                findings.retain(|f| {
                    protected(f)
                        || !(*f.location.file == *src.path
                            && target.contains(f.location.span.start)
                            && (c.bare || selector::best(&c.selectors, f.rule).is_some()))
                });
                if findings.len() == before && target.id.is_empty() {
                    let line = src.line_col(target.start).line;
                    added.push(Finding::at(
                        &UNUSED_SUPPRESSION,
                        src,
                        c.span,
                        Msg::new(
                            format!("nothing to suppress on line {line}: remove this comment"),
                            format!("rien à supprimer à la ligne {line} : retirez ce commentaire"),
                        ),
                    ));
                } else if findings.len() == before {
                    added.push(
                        Finding::at(
                            &UNUSED_SUPPRESSION,
                            src,
                            c.span,
                            Msg::new(
                                format!(
                                    "nothing to suppress in item `{}`: remove this comment",
                                    target.id
                                ),
                                format!(
                                    "rien à supprimer dans l'item « {} » : retirez ce commentaire",
                                    target.id
                                ),
                            ),
                        )
                        .with_item(target.id.clone()),
                    );
                }
            }
        }
        let mut uses = Vec::new();
        if let (Some(c), true) = (self.config, ignores) {
            for (e, entry) in c.ignore_items.iter().enumerate() {
                if !c.glob_matches(&entry.matcher, entry.by_name, &self.file) {
                    continue;
                }
                let rules: Vec<Selector> = entry.rules.iter().map(|r| r.value).collect();
                for (i, name) in entry.items.iter().enumerate() {
                    let id = name.value.as_str();
                    let own: Vec<&suppress::Extent> =
                        extents.iter().filter(|x| x.id == id).collect();
                    if own.is_empty() {
                        continue;
                    }
                    let before = findings.len();
                    findings.retain(|f| {
                        protected(f)
                            || !((f.item.as_deref() == Some(id)
                                || (*f.location.file == *src.path
                                    && own.iter().any(|x| x.contains(f.location.span.start))))
                                && (rules.is_empty() || selector::best(&rules, f.rule).is_some()))
                    });
                    uses.push(IgnoreUse {
                        entry: e,
                        item: i,
                        used: findings.len() < before,
                    });
                }
            }
        }
        findings.extend(added);
        if let Some(c) = self.config {
            findings.retain_mut(|f| select(c, f));
        }
        uses
    }
}

/// Findings no configuration changes: inputs that could not be read.
fn protected(f: &Finding) -> bool {
    f.rule.category() == "input"
}

/// Whether `rule` is reported under `c`.
pub fn enabled(c: &Config, rule: &RuleInfo) -> bool {
    let sel: Option<Vec<Selector>> = c
        .select
        .as_ref()
        .map(|s| s.iter().map(|x| x.value).collect());
    let ign: Vec<Selector> = c.ignore.iter().map(|x| x.value).collect();
    selector::enabled(sel.as_deref(), &ign, rule)
}

/// The severity `c` gives `rule`: the most specific `severity` entry (the last of equally
/// specific ones), else the rule's own.
pub fn severity(c: &Config, rule: &RuleInfo) -> crate::findings::Severity {
    let mut best: Option<(u8, crate::findings::Severity)> = None;
    for (s, sev) in &c.severity {
        if let Some(spec) = s.value.matches(rule) {
            if best.is_none_or(|(b, _)| spec >= b) {
                best = Some((spec, sev.value));
            }
        }
    }
    best.map_or(rule.severity, |(_, s)| s)
}

/// Applies `select`/`ignore` and `severity` to one finding: false when it is not reported.
pub fn select(c: &Config, f: &mut Finding) -> bool {
    if protected(f) {
        return true;
    }
    if !enabled(c, f.rule) {
        return false;
    }
    f.severity = severity(c, f.rule);
    true
}
