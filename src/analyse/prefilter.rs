//! Which grammar rules can match a sentence: one Aho-Corasick pass finds the required
//! literals of every pattern (see [`super::anchors::clauses`]) in the sentence's skeleton
//! (see [`super::anchors::skeleton`]); a pattern is a candidate when each of its clauses has
//! a literal in the sentence, a rule when one of its patterns is. Rules with a pattern that
//! has no usable literal are always candidates.
//!
//! The same clause (the strings of a word class, say) is required by many patterns, and its
//! common strings (`the `) occur in most sentences: each distinct clause is marked once per
//! sentence, and a pattern is looked at only when its first clause (the least likely, see
//! `anchors::clauses`) is hit; its other clauses are checked after the pass.
//!
//! The scanner is first an Aho-Corasick NFA, the noncontiguous one, quickest to build (a run
//! on one lesson needs no more: the contiguous NFA cost 10–20 M more instructions to build
//! and scanned 1 MB of sentences no faster). Once a rule set has scanned [`UPGRADE_AFTER`]
//! sentences, a thread builds a faster scanner of the same literals (the DFA, or the
//! contiguous NFA for large literal sets, see [`MAX_DFA_LITERALS`]), which sentences use as
//! soon as it is ready. All report the same literals, so the candidates, and the output, do
//! not depend on when (or whether) it arrives.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

/// Sentences scanned with the first NFA before the faster scanner is built (about 1 MB of
/// text).
const UPGRADE_AFTER: usize = 20_000;

/// The DFA takes 1.1–1.3 KB per literal (English, 10,770 literals: 14 MB; French, 26,122:
/// 27 MB). Above this many literals the contiguous NFA is built instead: a fifteenth of the
/// memory, and 4–9% more instructions per MB of sentences than the DFA (measured on
/// generated English and French sentences).
const MAX_DFA_LITERALS: usize = 12_000;

pub struct Prefilter {
    scanner: AhoCorasick,
    /// The faster scanner of the same literals, once built (see the module's documentation).
    upgrade: Arc<OnceLock<AhoCorasick>>,
    /// The literals, for building the faster scanner (taken by the thread that builds it).
    literals: std::sync::Mutex<Option<Vec<Vec<u8>>>>,
    /// Sentences scanned so far, up to [`UPGRADE_AFTER`].
    scanned: AtomicUsize,
    /// For each literal of the scanner, the distinct clauses it belongs to, as a bit set of
    /// `words` words (a common literal such as `the ` belongs to dozens of clauses).
    literal_bits: Vec<u64>,
    words: usize,
    /// The distinct clauses that are the first clause of some pattern, as a bit set.
    first_bits: Vec<u64>,
    /// For each distinct clause, the patterns whose first clause it is.
    triggers: Vec<Vec<u32>>,
    /// For each pattern, its distinct clauses, and its rule.
    pattern_clauses: Vec<Vec<u32>>,
    pattern_rule: Vec<u32>,
    /// Rules that always run.
    always: Vec<usize>,
}

/// Rule sets with at most this many distinct clauses (64 per word) keep a sentence's marks
/// on the stack (the embedded ones have a few hundred).
const STACK_WORDS: usize = 32;

impl Prefilter {
    /// `rules[i]` holds the clauses of each pattern of rule `i`.
    pub fn new(rules: &[Vec<Vec<Vec<Vec<u8>>>>]) -> Result<Prefilter, String> {
        let mut literal_index: FxHashMap<&[u8], usize> = FxHashMap::default();
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut literal_clauses: Vec<Vec<u32>> = Vec::new();
        let mut clause_index: FxHashMap<&[Vec<u8>], u32> = FxHashMap::default();
        let mut triggers: Vec<Vec<u32>> = Vec::new();
        let mut pattern_clauses = Vec::new();
        let mut pattern_rule = Vec::new();
        let mut always = Vec::new();
        for (i, patterns) in rules.iter().enumerate() {
            if patterns.is_empty() || patterns.iter().any(Vec::is_empty) {
                always.push(i);
                continue;
            }
            for clauses in patterns {
                let pattern = pattern_clauses.len() as u32;
                let mut ids: Vec<u32> = Vec::with_capacity(clauses.len());
                for set in clauses {
                    let id = *clause_index.entry(set.as_slice()).or_insert_with(|| {
                        let id = triggers.len() as u32;
                        triggers.push(Vec::new());
                        for lit in set {
                            let k = *literal_index.entry(lit.as_slice()).or_insert_with(|| {
                                literals.push(lit);
                                literal_clauses.push(Vec::new());
                                literals.len() - 1
                            });
                            literal_clauses[k].push(id);
                        }
                        id
                    });
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                triggers[ids[0] as usize].push(pattern);
                pattern_clauses.push(ids);
                pattern_rule.push(i as u32);
            }
        }
        let words = triggers.len().div_ceil(64);
        let mut literal_bits = vec![0u64; literals.len() * words];
        for (k, clauses) in literal_clauses.iter().enumerate() {
            for &c in clauses {
                literal_bits[k * words + c as usize / 64] |= 1 << (c % 64);
            }
        }
        let mut first_bits = vec![0u64; words];
        for (c, t) in triggers.iter().enumerate() {
            if !t.is_empty() {
                first_bits[c / 64] |= 1 << (c % 64);
            }
        }
        let scanner = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(&literals)
            .map_err(|e| e.to_string())?;
        Ok(Prefilter {
            scanner,
            upgrade: Arc::default(),
            literals: std::sync::Mutex::new(Some(literals.iter().map(|l| l.to_vec()).collect())),
            scanned: AtomicUsize::new(0),
            literal_bits,
            words,
            first_bits,
            triggers,
            pattern_clauses,
            pattern_rule,
            always,
        })
    }

    /// The rules that may match `text` (folded sentence text), sorted, without duplicates.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        // The literals are skeletons (see `anchors::skeleton`).
        let mut skeleton = Vec::new();
        super::anchors::skeleton(text, &mut skeleton);
        // The distinct clauses hit: on the stack for rule sets of usual size.
        let words = self.words;
        let mut stack = [0u64; STACK_WORDS];
        let mut heap = Vec::new();
        let hit: &mut [u64] = if words <= STACK_WORDS {
            &mut stack[..words]
        } else {
            heap.resize(words, 0);
            &mut heap
        };
        for m in self.scanner().find_overlapping_iter(&skeleton) {
            let at = m.pattern().as_usize() * words;
            for (h, b) in hit.iter_mut().zip(&self.literal_bits[at..at + words]) {
                *h |= b;
            }
        }
        let is_hit = |c: u32| hit[c as usize / 64] & (1 << (c % 64)) != 0;
        let mut triggered: Vec<u32> = Vec::new();
        for (w, (&h, &f)) in hit.iter().zip(&self.first_bits).enumerate() {
            let mut bits = h & f;
            while bits != 0 {
                let c = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                triggered.extend_from_slice(&self.triggers[c]);
            }
        }
        let mut out = self.always.clone();
        out.extend(
            triggered
                .into_iter()
                .filter(|&p| self.pattern_clauses[p as usize].iter().all(|&c| is_hit(c)))
                .map(|p| self.pattern_rule[p as usize] as usize),
        );
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The faster scanner if it is built; else the first NFA, and the faster one is started
    /// once enough sentences were scanned.
    fn scanner(&self) -> &AhoCorasick {
        if let Some(faster) = self.upgrade.get() {
            return faster;
        }
        if self.scanned.load(Ordering::Relaxed) < UPGRADE_AFTER
            && self.scanned.fetch_add(1, Ordering::Relaxed) + 1 == UPGRADE_AFTER
        {
            self.build_upgrade();
        }
        &self.scanner
    }

    /// Builds the faster scanner on a thread of its own (if the system gives one: otherwise
    /// the first NFA stays).
    fn build_upgrade(&self) {
        let literals = self
            .literals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let (Some(literals), upgrade) = (literals, self.upgrade.clone()) else {
            return;
        };
        let kind = if literals.len() <= MAX_DFA_LITERALS {
            aho_corasick::AhoCorasickKind::DFA
        } else {
            aho_corasick::AhoCorasickKind::ContiguousNFA
        };
        let _ = std::thread::Builder::new()
            .name("cefrlint-prefilter".into())
            .spawn(move || {
                let built = AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::Standard)
                    .kind(Some(kind))
                    .build(&literals);
                if let Ok(faster) = built {
                    let _ = upgrade.set(faster);
                }
            });
    }

    /// Rules that always run (for benchmarks).
    pub fn always_len(&self) -> usize {
        self.always.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(v: &[&str]) -> Vec<Vec<u8>> {
        v.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn a_rule_needs_every_clause_of_one_pattern() {
        let rules = vec![
            // rule 0: "if" and one of {would, could}
            vec![vec![lits(&["if "]), lits(&["would", "could"])]],
            // rule 1: two patterns, "been" or "gone"
            vec![vec![lits(&["been"])], vec![lits(&["gone"])]],
            // rule 2: a pattern without literal: always
            vec![vec![lits(&["never"])], vec![]],
        ];
        let p = Prefilter::new(&rules).unwrap();
        assert_eq!(p.candidates("if it rains"), vec![2]);
        assert_eq!(p.candidates("if it rained we would stay"), vec![0, 2]);
        assert_eq!(p.candidates("she has gone, if not"), vec![1, 2]);
        // A literal repeated does not count twice.
        assert_eq!(p.candidates("if if if"), vec![2]);
        assert_eq!(p.always_len(), 1);
    }

    /// The faster scanner, built once enough sentences were scanned, gives the candidates the
    /// first NFA gave.
    #[test]
    fn the_dfa_finds_what_the_nfa_found() {
        let rules = vec![
            vec![vec![lits(&[" if "]), lits(&["would", "could"])]],
            vec![vec![lits(&["been"])], vec![lits(&[" a ", "'a "])]],
            vec![vec![lits(&["-il "])]],
        ];
        let texts = [
            "if it rained we would stay",
            "a-t-il été là",
            "l'a vu, if you could",
            "nothing here",
            "a been",
        ];
        let p = Prefilter::new(&rules).unwrap();
        let before: Vec<Vec<usize>> = texts.iter().map(|t| p.candidates(t)).collect();
        assert_eq!(before[0], vec![0]);
        assert_eq!(before[1], vec![2]);
        assert_eq!(before[4], vec![1]);
        assert_eq!(before[3], Vec::<usize>::new());
        for _ in 0..UPGRADE_AFTER {
            p.candidates("warming up");
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while p.upgrade.get().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(
            p.upgrade.get().is_some(),
            "the faster scanner was not built"
        );
        let after: Vec<Vec<usize>> = texts.iter().map(|t| p.candidates(t)).collect();
        assert_eq!(after, before);
    }
}
