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
    let mut out: Vec<_> = out.into_iter().map(minimize).collect();
    out.sort_by(|a, b| cost(a).total_cmp(&cost(b)).then_with(|| a.cmp(b)));
    out.dedup();
    out.truncate(MAX_CLAUSES);
    out
}

fn usable(set: &[Vec<u8>]) -> bool {
    !set.is_empty() && set.iter().all(|l| l.len() >= MIN_LEN)
}

/// The clauses of a sequence are those of its parts, where consecutive parts that match a
/// few known strings count as one part (their product: `(?:ser|aur)(?:ai|a)` requires one of
/// `serai`, `sera`, `aurai`, `aura`, rarer than any of its pieces); anything else gives one
/// clause.
fn collect(hir: &Hir, out: &mut Vec<Vec<Vec<u8>>>) {
    match hir.kind() {
        HirKind::Concat(parts) => {
            for run in runs(parts) {
                match run {
                    Run::Exact(set, _) if usable(&set) => out.push(set),
                    Run::Exact(_, ps) => ps.iter().for_each(|p| collect(p, out)),
                    Run::Other(p) => collect(p, out),
                }
            }
        }
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
    let set = minimize(walk(hir)?);
    if set.is_empty() || set.iter().any(|l| l.len() < MIN_LEN) {
        return None;
    }
    Some(set)
}

/// A part of a sequence: a run of consecutive parts that each match a few known strings,
/// with the strings the run matches; or another part.
enum Run<'h> {
    Exact(Vec<Vec<u8>>, Vec<&'h Hir>),
    Other(&'h Hir),
}

fn runs(parts: &[Hir]) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut run: Option<(Vec<Vec<u8>>, Vec<&Hir>)> = None;
    for p in parts {
        match (exact(p), run.take()) {
            (Some(set), None) => run = Some((set, vec![p])),
            (Some(set), Some((prev, mut ps))) => {
                ps.push(p);
                run = Some(match product(&prev, &set) {
                    Some(prod) => (prod, ps),
                    // Too many strings: close the run, start another.
                    None => {
                        let last = ps.pop().expect("just pushed");
                        out.push(Run::Exact(prev, ps));
                        (set, vec![last])
                    }
                });
            }
            (None, prev) => {
                if let Some((set, ps)) = prev {
                    out.push(Run::Exact(set, ps));
                }
                out.push(Run::Other(p));
            }
        }
    }
    if let Some((set, ps)) = run {
        out.push(Run::Exact(set, ps));
    }
    out
}

fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out: Vec<Vec<u8>> = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// Below this size a clause is reduced to its shortest strings.
const MINIMIZE: usize = 64;

/// A clause without the strings that contain another of its strings (a sentence holding
/// "just has been" holds "has been"): the same filter, fewer strings to look for.
fn minimize(set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    if set.len() > MINIMIZE {
        return set;
    }
    let mut by_len = set;
    by_len.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for s in by_len {
        let covered = kept
            .iter()
            .any(|k| !k.is_empty() && s.windows(k.len()).any(|w| w == k.as_slice()));
        if !covered {
            kept.push(s);
        }
    }
    kept.sort();
    kept
}

/// Most characters of a class read as strings of one character.
const MAX_CLASS: usize = 8;

/// Every string `hir` can match, when there are few (empty string included).
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
            let n: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if n as usize > MAX_CLASS {
                return None;
            }
            Some(
                c.ranges()
                    .iter()
                    .flat_map(|r| (u32::from(r.start())..=u32::from(r.end())))
                    .filter_map(char::from_u32)
                    .map(|ch| ch.to_string().into_bytes())
                    .collect(),
            )
        }
        HirKind::Repetition(r) if r.min == 0 && r.max == Some(1) => {
            let mut set = exact(&r.sub)?;
            set.push(Vec::new());
            set.sort();
            set.dedup();
            Some(set)
        }
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for a in alts {
                out.extend(exact(a)?);
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
            .try_fold(vec![Vec::new()], |acc, p| product(&acc, &exact(p)?)),
        _ => None,
    }
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
        HirKind::Concat(parts) => runs(parts)
            .into_iter()
            .flat_map(|run| match run {
                Run::Exact(set, _) if usable(&set) => vec![Some(set)],
                Run::Exact(_, ps) => ps.iter().map(|p| walk(p)).collect(),
                Run::Other(p) => vec![walk(p)],
            })
            .flatten()
            .filter(|s| usable(s))
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
        // Each part must occur, least likely first; "ed, ", {would, could} and " have" are
        // one run.
        assert_eq!(
            cls(r"\bif [a-z]+ had [a-z]+ed, (?:would|could) have\b"),
            vec![
                vec!["ed, could have", "ed, would have"],
                vec![" had "],
                vec!["if "],
            ]
        );
        // Groups are looked into; strings that hold another string of their clause go.
        assert_eq!(
            cls(r"(?:just )?(?:(?:has|have) been)"),
            vec![vec!["has been", "have been"]]
        );
        assert!(cls(r"[a-z]+ [a-z]+").is_empty());
        // Consecutive parts with few strings are read together.
        assert_eq!(
            cls(r"\b(?:ser|aur)(?:ai|as|a)\b"),
            vec![vec!["aura", "sera"]]
        );
        assert_eq!(cls(r"[a-z]+er(?:ai|a) "), vec![vec!["era ", "erai "]]);
        // An optional piece: the run holds both forms.
        assert_eq!(
            cls(r"\bne (?:pas )?rien\b"),
            vec![vec!["ne pas rien", "ne rien"]]
        );
        assert!(cls(r"a|bc").is_empty());
    }

    #[test]
    fn picks_a_required_part() {
        // The least likely part: a run of known strings beats any of its pieces; {has, have}
        // beats "ed".
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?been\b").unwrap(),
            vec!["has been", "has just been", "have been", "have just been"]
        );
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?[a-z]+ed\b").unwrap(),
            vec!["has ", "have "]
        );
        // " had " (3 letters) beats "if " (2).
        assert_eq!(req(r"if [a-z]+ had [a-z]+ed").unwrap(), vec![" had "]);
        assert_eq!(
            req(r"(?:would|could) have [a-z]+").unwrap(),
            vec!["could have ", "would have "]
        );
        assert_eq!(req(r"[a-z]+ing").unwrap(), vec!["ing"]);
        assert!(req(r"[a-z]+ [a-z]+").is_none());
        assert_eq!(req(r"(?:x|yz) q").unwrap(), vec!["x q", "yz q"]);
        assert!(req(r"a|bc").is_none());
    }
}
