//! Parsing a pattern whose word classes are written out, with each class parsed once.
//!
//! A class is written into every pattern that uses it (`\b(?:avons|avez|…)\b`, see
//! `ruleset::grammar::Classes`), so the patterns of a language repeat the same few hundred
//! bytes of class text dozens of times, and parsing them was most of the work of loading a
//! language. Here the pattern is parsed with each class replaced by a stand-in (an empty
//! capture group with a reserved name), the class texts are parsed once each, and their trees
//! are put in place of the stand-ins. Every node on the way is rebuilt with the same
//! constructors the parser uses, which simplify as it does, and capture groups are renumbered
//! in the order of their opening parentheses: the tree is the one parsing the whole pattern
//! gives (a test checks it for every embedded pattern).

use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
use rustc_hash::FxHashMap;

/// The name of the stand-in groups, followed by the class's number in the pattern (a
/// pattern that holds this name itself is parsed whole).
const STAND_IN: &str = "__cefrlint_class_";

/// Parsed class texts, shared by the patterns parsed with one cache.
pub type ClassTrees = FxHashMap<Box<str>, Hir>;

/// Parses `pattern`, where the byte ranges `inline` are written-out classes (each a
/// self-contained `\b(?:…)\b`, or "any word" alone in a group), with `parse`, reusing the
/// trees of class texts in `cache`.
pub fn parse_with_classes(
    pattern: &str,
    inline: &[(usize, usize)],
    cache: &mut ClassTrees,
    parse: impl Fn(&str) -> Result<Hir, String>,
) -> Result<Hir, String> {
    if pattern.contains(STAND_IN) {
        return parse(pattern);
    }
    let mut skeleton = String::with_capacity(pattern.len());
    let mut classes: Vec<&str> = Vec::new();
    let mut last = 0;
    for &(start, end) in inline {
        let Some(text) = pattern.get(start..end) else {
            continue;
        };
        // Written out, a quantifier after a class applies to its last `\b` only, and a
        // backslash before it escapes its first: those stay written out.
        let quantified = pattern[end..].starts_with(['?', '*', '+', '{']);
        let escaped = pattern[..start]
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count()
            % 2
            == 1;
        if quantified || escaped || start < last {
            continue;
        }
        skeleton.push_str(&pattern[last..start]);
        skeleton.push_str(&format!("(?P<{STAND_IN}{}>)", classes.len()));
        classes.push(text);
        last = end;
    }
    skeleton.push_str(&pattern[last..]);
    // Flags set in the pattern would apply inside the classes written out, not to a class
    // parsed alone.
    if classes.is_empty() || has_flags(&skeleton) {
        return parse(pattern);
    }
    let tree = parse(&skeleton)?;
    for &text in &classes {
        if !cache.contains_key(text) {
            cache.insert(text.into(), parse(text)?);
        }
    }
    let trees: Vec<&Hir> = classes.iter().map(|&text| &cache[text]).collect();
    let mut next = 1;
    Ok(rebuild(tree, &trees, &mut next))
}

/// Whether a pattern sets flags (`(?s)`, `(?x:…)`, …).
fn has_flags(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(i, _)| {
        pattern[i + 2..]
            .chars()
            .next()
            .is_some_and(|c| "imsxuUR-".contains(c))
    })
}

/// `hir` with its stand-ins replaced by `classes` and its groups numbered from `next`.
fn rebuild(hir: Hir, classes: &[&Hir], next: &mut u32) -> Hir {
    // Nothing to replace or renumber below a node without groups.
    if hir.properties().explicit_captures_len() == 0 {
        return hir;
    }
    match hir.into_kind() {
        HirKind::Capture(c) => {
            let stand_in = c
                .name
                .as_deref()
                .and_then(|n| n.strip_prefix(STAND_IN))
                .and_then(|k| k.parse::<usize>().ok())
                .and_then(|k| classes.get(k));
            if let Some(class) = stand_in {
                return rebuild((*class).clone(), &[], next);
            }
            let index = *next;
            *next += 1;
            Hir::capture(Capture {
                index,
                name: c.name,
                sub: Box::new(rebuild(*c.sub, classes, next)),
            })
        }
        HirKind::Concat(parts) => Hir::concat(
            parts
                .into_iter()
                .map(|p| rebuild(p, classes, next))
                .collect(),
        ),
        HirKind::Alternation(alts) => Hir::alternation(
            alts.into_iter()
                .map(|a| rebuild(a, classes, next))
                .collect(),
        ),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(rebuild(*r.sub, classes, next)),
            ..r
        }),
        // Leaves hold no groups, so they never get here; rebuilt for completeness.
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(p: &str) -> Result<Hir, String> {
        regex_syntax::ParserBuilder::new()
            .build()
            .parse(p)
            .map_err(|e| e.to_string())
    }

    /// The ranges of `\b(?:…)\b` groups in a pattern written by hand.
    fn ranges(p: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = p[from..].find(r"\b(?:") {
            let start = from + i;
            let end = start + p[start..].find(r")\b").unwrap() + 3;
            out.push((start, end));
            from = end;
        }
        out
    }

    fn same_as_whole(p: &str) {
        let mut cache = ClassTrees::default();
        let got = parse_with_classes(p, &ranges(p), &mut cache, parse).unwrap();
        assert_eq!(got, parse(p).unwrap(), "{p}");
    }

    #[test]
    fn the_tree_is_the_one_of_the_whole_pattern() {
        // Classes between literals, in alternations (whose common `\b` is factored out),
        // in optional groups, next to numbered and named groups.
        same_as_whole(r"\b(?:i|you)\b (?:really )?\b(?:have|has)\b (?P<c0>\w+)");
        same_as_whole(r"(?:\b(?:a|b)\b|\b(?:c|d)\b) x");
        same_as_whole(r"(x)(?:\b(?:a|bb)\b (y))?\b(?:a|bb)\b(?P<c1>z)");
        // Quantified or escaped classes stay written out.
        same_as_whole(r"\b(?:a|b)\b? \b(?:c|d)\b{1,2}");
    }

    #[test]
    fn flags_make_the_whole_pattern_parsed() {
        assert!(has_flags("(?s)a"));
        assert!(has_flags("x(?-u:a)"));
        assert!(!has_flags("(?:a)(?P<n>b)"));
        same_as_whole(r"(?x) \b(?:a|b)\b  c");
    }

    #[test]
    fn each_class_text_is_parsed_once() {
        let p = r"\b(?:a|b)\b x \b(?:a|b)\b";
        let mut cache = ClassTrees::default();
        parse_with_classes(p, &ranges(p), &mut cache, parse).unwrap();
        assert_eq!(cache.len(), 1);
    }
}
