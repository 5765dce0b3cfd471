//! The grammar profile of a text: which structures of the rule set it contains, where.
//!
//! All patterns of a language go into one `RegexSet` used as a prefilter: a sentence costs one
//! pass over the set, and only the rules whose patterns the set reports are run to find
//! positions. Matching is done on the normalised sentence; spans are mapped back.

use regex::{Regex, RegexSet};

use super::normalize::Normalized;
use crate::ruleset::grammar::GrammarRule;

/// A structure found in a sentence: the rule and the byte range in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StructureMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

struct Compiled {
    patterns: Vec<Regex>,
    unless: Vec<Regex>,
}

/// The compiled grammar rules of one language.
pub struct Grammar {
    pub rules: Vec<GrammarRule>,
    compiled: Vec<Compiled>,
    set: RegexSet,
    /// Rule index of each pattern of the set.
    owner: Vec<usize>,
}

impl std::fmt::Debug for Grammar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Grammar({} rules)", self.rules.len())
    }
}

impl Grammar {
    /// Compiles validated rules (their patterns are known to compile).
    pub fn new(rules: Vec<GrammarRule>) -> Result<Grammar, regex::Error> {
        let mut compiled = Vec::with_capacity(rules.len());
        let mut all = Vec::new();
        let mut owner = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            let patterns = r
                .patterns
                .iter()
                .map(|p| Regex::new(p))
                .collect::<Result<Vec<_>, _>>()?;
            let unless = r
                .unless
                .iter()
                .map(|p| Regex::new(p))
                .collect::<Result<Vec<_>, _>>()?;
            for p in &r.patterns {
                all.push(p.as_str());
                owner.push(i);
            }
            compiled.push(Compiled { patterns, unless });
        }
        let set = RegexSet::new(&all)?;
        Ok(Grammar {
            rules,
            compiled,
            set,
            owner,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Candidate matches of rule `i` in a normalised sentence, after `unless` filtering,
    /// in order of position.
    fn rule_matches(&self, i: usize, norm: &str) -> Vec<(usize, usize)> {
        let c = &self.compiled[i];
        let mut cands: Vec<(usize, usize)> = c
            .patterns
            .iter()
            .flat_map(|p| p.find_iter(norm).map(|m| (m.start(), m.end())))
            .filter(|(s, e)| e > s)
            .collect();
        if cands.is_empty() {
            return cands;
        }
        cands.sort_unstable();
        cands.dedup();
        if !c.unless.is_empty() {
            let excluded: Vec<(usize, usize)> = c
                .unless
                .iter()
                .flat_map(|u| u.find_iter(norm).map(|m| (m.start(), m.end())))
                .collect();
            cands.retain(|(s, e)| !excluded.iter().any(|(us, ue)| us < e && s < ue));
        }
        cands
    }

    /// Every structure in `text[start..end]` (one sentence): at most one match per rule, the
    /// first one, with its range in `text`.
    pub fn find(&self, text: &str, start: usize, end: usize) -> Vec<StructureMatch> {
        let norm = Normalized::new(text, start, end);
        if norm.text.is_empty() {
            return Vec::new();
        }
        let mut rules: Vec<usize> = self
            .set
            .matches(&norm.text)
            .iter()
            .map(|p| self.owner[p])
            .collect();
        rules.dedup();
        let mut out = Vec::new();
        for r in rules {
            if let Some(&(s, e)) = self.rule_matches(r, &norm.text).first() {
                let (os, oe) = norm.original(s, e);
                out.push(StructureMatch {
                    rule: r,
                    start: os,
                    end: oe,
                });
            }
        }
        out
    }

    /// The first match of one rule in a sentence, as original text (for rule examples).
    pub fn first_match_of<'t>(&self, rule: usize, sentence: &'t str) -> Option<&'t str> {
        let norm = Normalized::new(sentence, 0, sentence.len());
        let &(s, e) = self.rule_matches(rule, &norm.text).first()?;
        let (os, oe) = norm.original(s, e);
        Some(&sentence[os..oe])
    }

    /// Runs every rule's examples; returns one message per failure.
    pub fn test_examples(&self) -> Vec<(usize, String)> {
        let mut failures = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            for ex in &r.must_match {
                match self.first_match_of(i, &ex.text) {
                    None => failures.push((i, format!("does not match {:?}", ex.text))),
                    Some(got) => {
                        if let Some(want) = &ex.matched {
                            let g = Normalized::new(got, 0, got.len()).text;
                            let w = Normalized::new(want, 0, want.len()).text;
                            if g != w {
                                failures.push((
                                    i,
                                    format!("matches {got:?} instead of {want:?} in {:?}", ex.text),
                                ));
                            }
                        }
                    }
                }
            }
            for (t, _) in &r.must_not_match {
                if let Some(got) = self.first_match_of(i, t) {
                    failures.push((i, format!("matches {got:?} in {t:?}, which must not match")));
                }
            }
        }
        failures
    }
}
