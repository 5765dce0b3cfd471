//! Which grammar rules can match a sentence: one Aho-Corasick pass finds the required
//! literals of every pattern (see [`super::anchors::clauses`]); a pattern is a candidate when
//! each of its clauses has a literal in the sentence, a rule when one of its patterns is.
//! Rules with a pattern that has no usable literal are always candidates.

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

pub struct Prefilter {
    scanner: AhoCorasick,
    /// For each literal of the scanner, the clauses it satisfies.
    literal_clauses: Vec<Vec<u32>>,
    /// For each clause, its pattern.
    clause_pattern: Vec<u32>,
    /// For each pattern, how many clauses it has, and its rule.
    pattern_clauses: Vec<u32>,
    pattern_rule: Vec<u32>,
    /// Rules that always run.
    always: Vec<usize>,
}

/// Rule sets with at most this many clauses and patterns in all keep a sentence's marks on
/// the stack (the embedded ones have at most about 700).
const STACK_MARKS: usize = 1024;

impl Prefilter {
    /// `rules[i]` holds the clauses of each pattern of rule `i`.
    pub fn new(rules: &[Vec<Vec<Vec<Vec<u8>>>>]) -> Result<Prefilter, String> {
        let mut literal_index: FxHashMap<&[u8], usize> = FxHashMap::default();
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut literal_clauses: Vec<Vec<u32>> = Vec::new();
        let mut clause_pattern = Vec::new();
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
                pattern_clauses.push(clauses.len() as u32);
                pattern_rule.push(i as u32);
                for set in clauses {
                    let clause = clause_pattern.len() as u32;
                    clause_pattern.push(pattern);
                    for lit in set {
                        let k = *literal_index.entry(lit.as_slice()).or_insert_with(|| {
                            literals.push(lit);
                            literal_clauses.push(Vec::new());
                            literals.len() - 1
                        });
                        literal_clauses[k].push(clause);
                    }
                }
            }
        }
        let scanner = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&literals)
            .map_err(|e| e.to_string())?;
        Ok(Prefilter {
            scanner,
            literal_clauses,
            clause_pattern,
            pattern_clauses,
            pattern_rule,
            always,
        })
    }

    /// The rules that may match `text`, sorted, without duplicates.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        // Per clause whether it is hit, then per pattern how many of its clauses are: on the
        // stack for rule sets of usual size (no allocation per sentence).
        let clauses = self.clause_pattern.len();
        let len = clauses + self.pattern_clauses.len();
        let mut stack = [0u8; STACK_MARKS];
        let mut heap = Vec::new();
        let marks: &mut [u8] = if len <= STACK_MARKS {
            &mut stack[..len]
        } else {
            heap.resize(len, 0);
            &mut heap
        };
        let (hit, satisfied) = marks.split_at_mut(clauses);
        let mut out = self.always.clone();
        for m in self.scanner.find_overlapping_iter(text) {
            for &c in &self.literal_clauses[m.pattern().as_usize()] {
                let c = c as usize;
                if hit[c] != 0 {
                    continue;
                }
                hit[c] = 1;
                let p = self.clause_pattern[c] as usize;
                satisfied[p] += 1;
                if u32::from(satisfied[p]) == self.pattern_clauses[p] {
                    out.push(self.pattern_rule[p] as usize);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
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
}
