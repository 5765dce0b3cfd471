//! Rule selectors: `all`, a category (`vocabulary`) or a rule code (`vocabulary/above-level`).

use crate::checks::{RuleInfo, CATEGORIES};

/// What a `select`, `ignore`, `severity` or suppression entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selector {
    All,
    Category(&'static str),
    Rule(&'static RuleInfo),
}

impl Selector {
    /// `all`, a category or a rule code; `None` for anything else.
    pub fn parse(s: &str) -> Option<Selector> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("all") {
            return Some(Selector::All);
        }
        if let Some(c) = CATEGORIES.iter().find(|c| **c == s) {
            return Some(Selector::Category(c));
        }
        crate::checks::find(s).map(Selector::Rule)
    }

    /// How specific a match is (0 all, 1 category, 2 rule), when this selector matches.
    pub fn matches(&self, rule: &RuleInfo) -> Option<u8> {
        match self {
            Selector::All => Some(0),
            Selector::Category(c) => (rule.category() == *c).then_some(1),
            Selector::Rule(r) => (r.code == rule.code).then_some(2),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Selector::All => "all",
            Selector::Category(c) => c,
            Selector::Rule(r) => r.code,
        }
    }
}

/// The most specific match of `rule` among `selectors`.
pub fn best<'a>(selectors: impl IntoIterator<Item = &'a Selector>, rule: &RuleInfo) -> Option<u8> {
    selectors.into_iter().filter_map(|s| s.matches(rule)).max()
}

/// Whether a rule is reported: selected (every rule when `select` is absent) and not
/// ignored by an entry at least as specific as the one that selects it.
pub fn enabled(select: Option<&[Selector]>, ignore: &[Selector], rule: &RuleInfo) -> bool {
    let selected = match select {
        None => Some(0),
        Some(s) => best(s, rule),
    };
    match (selected, best(ignore, rule)) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(s), Some(i)) => s > i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(list: &[&str]) -> Vec<Selector> {
        list.iter().map(|s| Selector::parse(s).unwrap()).collect()
    }

    #[test]
    fn parses_all_categories_and_codes() {
        assert_eq!(Selector::parse("ALL"), Some(Selector::All));
        assert_eq!(
            Selector::parse("vocabulary"),
            Some(Selector::Category("vocabulary"))
        );
        assert!(matches!(
            Selector::parse("vocabulary/above-level"),
            Some(Selector::Rule(r)) if r.code == "vocabulary/above-level"
        ));
        assert_eq!(Selector::parse("vocabulary/nope"), None);
        assert_eq!(Selector::parse("nope"), None);
    }

    #[test]
    fn the_more_specific_entry_wins() {
        let voc = crate::checks::find("vocabulary/above-level").unwrap();
        let gram = crate::checks::find("grammar/above-level").unwrap();
        assert!(enabled(None, &[], voc));
        assert!(!enabled(None, &sel(&["vocabulary"]), voc));
        assert!(enabled(None, &sel(&["vocabulary"]), gram));
        let s = sel(&["vocabulary/above-level"]);
        assert!(enabled(Some(&s), &sel(&["vocabulary"]), voc));
        assert!(!enabled(Some(&s), &[], gram));
        let s = sel(&["vocabulary"]);
        assert!(!enabled(Some(&s), &sel(&["vocabulary/above-level"]), voc));
        // Equally specific: ignore wins.
        assert!(!enabled(Some(&s), &sel(&["vocabulary"]), voc));
    }
}
