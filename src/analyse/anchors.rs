//! Required literals of a pattern: a set of strings such that every match of the pattern
//! contains at least one of them. One Aho-Corasick pass over a sentence then tells which
//! rules can match at all; only those run their regexes. This keeps grammar matching fast as
//! rule sets grow, with no false negatives (a rule with no usable literal always runs).

use regex_syntax::hir::{Hir, HirKind};

/// Literals shorter than this match too often to filter anything.
const MIN_LEN: usize = 2;
/// Beyond this many alternatives a literal set is not worth keeping.
const MAX_SET: usize = 4000;

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
            // The best part: fewest alternatives, then the longest shortest literal.
            .min_by_key(|s| {
                (
                    s.len(),
                    usize::MAX - s.iter().map(Vec::len).min().unwrap_or(0),
                )
            }),
        _ => None,
    }
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

    #[test]
    fn picks_a_required_part() {
        // Fewest alternatives first: "been" (1) beats {has, have} (2).
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?been\b").unwrap(),
            vec!["been"]
        );
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?[a-z]+ed\b").unwrap(),
            vec!["ed"]
        );
        // Then the longest: " had " beats "if ".
        assert_eq!(req(r"if [a-z]+ had [a-z]+ed").unwrap(), vec![" had "]);
        assert_eq!(req(r"(?:would|could) have [a-z]+").unwrap(), vec![" have "]);
        assert_eq!(req(r"[a-z]+ing").unwrap(), vec!["ing"]);
        assert!(req(r"[a-z]+ [a-z]+").is_none());
        assert!(req(r"(?:x|yz) q").is_some_and(|v| v == vec![" q"]));
        assert!(req(r"a|bc").is_none());
    }
}
