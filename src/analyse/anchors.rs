//! Required literals of a pattern: sets of strings such that every match of the pattern
//! contains at least one string of each set (a conjunction of alternatives, [`clauses`]).
//! One Aho-Corasick pass over a sentence then tells which rules can match at all; only those
//! run their regexes. This keeps grammar matching fast as rule sets grow, with no false
//! negatives (a rule with a pattern without any usable literal always runs).

use regex_syntax::hir::{Hir, HirKind};

/// Literals shorter than this match too often to filter anything.
const MIN_LEN: usize = 2;
/// Beyond this many alternatives a literal set is not worth keeping.
const MAX_SET: usize = 4000;

/// At most this many clauses are kept per pattern (the least likely to occur): checking more
/// costs more than it filters.
const MAX_CLAUSES: usize = 4;

/// Sets of literals such that every match contains one literal of each set (each set sorted,
/// without duplicates), the least likely first; empty when there is none. Each set comes
/// from one part of the pattern's top-level sequence (see [`required`] for one part).
pub fn clauses(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut out: Vec<Vec<Vec<u8>>> = Vec::new();
    collect(hir, &mut out);
    out.retain(|s| usable(s));
    out.sort_by(|a, b| cost(a).total_cmp(&cost(b)).then_with(|| a.cmp(b)));
    out.dedup();
    out.truncate(MAX_CLAUSES);
    out
}

fn usable(set: &[Vec<u8>]) -> bool {
    !set.is_empty() && set.iter().all(|l| l.len() >= MIN_LEN)
}

/// The clauses of a sequence are those of its parts; anything else gives one clause.
fn collect(hir: &Hir, out: &mut Vec<Vec<Vec<u8>>>) {
    match hir.kind() {
        HirKind::Concat(parts) => parts.iter().for_each(|p| collect(p, out)),
        HirKind::Capture(c) => collect(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => collect(&r.sub, out),
        _ => {
            if let Some(set) = walk(hir) {
                out.push(set);
            }
        }
    }
}

/// A set of literals one of which every match contains, or `None` when there is none.
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = walk(hir)?;
    if set.is_empty() || set.iter().any(|l| l.len() < MIN_LEN) {
        return None;
    }
    Some(set)
}

fn walk(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Capture(c) => walk(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => walk(&r.sub),
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for a in alts {
                out.extend(walk(a)?);
                if out.len() > MAX_SET {
                    return None;
                }
            }
            out.sort();
            out.dedup();
            Some(out)
        }
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(walk)
            .filter(|s| !s.is_empty() && s.iter().all(|l| l.len() >= MIN_LEN))
            // The best part is the one least likely to occur in a sentence.
            .min_by(|a, b| cost(a).total_cmp(&cost(b))),
        _ => None,
    }
}

/// How likely a literal set is to occur somewhere in a sentence, roughly: each letter divides
/// the chance by the alphabet's size, so "ed" or "ing" cost far more than {"has", "have"}.
fn cost(set: &[Vec<u8>]) -> f64 {
    set.iter()
        .map(|l| {
            let letters = l
                .iter()
                .filter(|b| !b.is_ascii_whitespace() && !b.is_ascii_punctuation())
                .count();
            26f64.powi(-(letters.max(1) as i32 - 1))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(p: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        required(&hir).map(|v| {
            v.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    fn cls(p: &str) -> Vec<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        clauses(&hir)
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|l| String::from_utf8(l).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_required_part_is_a_clause() {
        // Each part must occur; least likely first, at most four ("if " is left out).
        assert_eq!(
            cls(r"\bif [a-z]+ had [a-z]+ed, (?:would|could) have\b"),
            vec![
                vec!["could", "would"],
                vec![" have"],
                vec![" had "],
                vec!["ed, "],
            ]
        );
        // Optional parts and short literals give no clause; groups are looked into.
        assert_eq!(
            cls(r"(?:just )?(?:(?:has|have) been)"),
            vec![vec![" been"], vec!["has", "have"]]
        );
        assert!(cls(r"[a-z]+ [a-z]+").is_empty());
        assert!(cls(r"a|bc").is_empty());
    }

    #[test]
    fn picks_a_required_part() {
        // The least likely part: "been" beats {has, have}, which beats "ed".
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?been\b").unwrap(),
            vec!["been"]
        );
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?[a-z]+ed\b").unwrap(),
            vec!["has", "have"]
        );
        // " had " (3 letters) beats "if " (2).
        assert_eq!(req(r"if [a-z]+ had [a-z]+ed").unwrap(), vec![" had "]);
        assert_eq!(
            req(r"(?:would|could) have [a-z]+").unwrap(),
            vec!["could", "would"]
        );
        assert_eq!(req(r"[a-z]+ing").unwrap(), vec!["ing"]);
        assert!(req(r"[a-z]+ [a-z]+").is_none());
        assert!(req(r"(?:x|yz) q").is_some_and(|v| v == vec![" q"]));
        assert!(req(r"a|bc").is_none());
    }
}
