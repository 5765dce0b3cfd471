//! The rule table: every rule cefrlint can report, with its explanation.
//!
//! A rule is declared once, next to the check that reports it, with [`declare_rule!`]: its
//! doc comment *is* the English explanation that `cefrlint explain` prints.

use crate::findings::Severity;

/// A rule's identity and explanation.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable code `category/name`.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    pub summary_en: &'static str,
    pub summary_fr: &'static str,
    /// Markdown, with sections "What it checks", "Why it matters", "Example", "How to silence it".
    pub explanation_en: &'static str,
    pub explanation_fr: &'static str,
}

impl RuleInfo {
    pub fn category(&self) -> &'static str {
        self.code.split('/').next().unwrap_or(self.code)
    }

    pub fn summary(&self, locale: crate::findings::Locale) -> &'static str {
        match locale {
            crate::findings::Locale::En => self.summary_en,
            crate::findings::Locale::Fr => self.summary_fr,
        }
    }

    pub fn explanation(&self, locale: crate::findings::Locale) -> String {
        let text = match locale {
            crate::findings::Locale::En => self.explanation_en,
            crate::findings::Locale::Fr => self.explanation_fr,
        };
        // Doc comments arrive with one leading space per line.
        let mut out = String::new();
        for line in text.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }
}

impl PartialEq for RuleInfo {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl Eq for RuleInfo {}

/// The fixed categories users can select.
pub const CATEGORIES: &[&str] = &[
    "level",
    "vocabulary",
    "grammar",
    "answer",
    "language",
    "spelling",
    "encoding",
    "markup",
    "subtitle",
    "metadata",
    "duplicate",
    "input",
    "config",
];

/// Declares a rule: its doc comment is its English explanation.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            code: $code:literal,
            severity: $sev:ident,
            summary: ($sum_en:literal, $sum_fr:literal),
            fr: $fr:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::checks::RuleInfo = $crate::checks::RuleInfo {
            code: $code,
            severity: $crate::findings::Severity::$sev,
            summary_en: $sum_en,
            summary_fr: $sum_fr,
            explanation_en: concat!($($doc, "\n"),*),
            explanation_fr: $fr,
        };
    };
}

/// Every rule, in the order `cefrlint rules` lists them.
pub fn all() -> &'static [&'static RuleInfo] {
    use super::*;
    static ALL: &[&RuleInfo] = &[
        &level::ABOVE_DECLARED,
        &level::BELOW_DECLARED,
        &vocabulary::ABOVE_LEVEL,
        &grammar::ABOVE_LEVEL,
        &spelling::MISSPELLED,
        &language::NOT_TARGET_LANGUAGE,
        &language::NOT_SUPPORT_LANGUAGE,
        &metadata::MISSING_LEVEL,
        &metadata::INVALID_LEVEL,
        &metadata::MISSING_LANGUAGE,
        &metadata::INVALID_LANGUAGE,
        &metadata::UNSUPPORTED_LANGUAGE,
        &metadata::UNKNOWN_KIND,
        &input::PARSE_ERROR,
        &input::UNREADABLE,
        &input::INVALID_STRUCTURE,
        &input::UNSAFE_ARCHIVE,
        &encoding::NOT_UTF8,
        &encoding::INVALID,
        &encoding::MOJIBAKE,
        &encoding::REPLACEMENT_CHAR,
        &encoding::CONTROL_CHAR,
        &answer::NOT_AN_OPTION,
        &answer::MISSING,
        &answer::SEVERAL_CORRECT,
        &answer::DUPLICATE_OPTION,
        &answer::GAP_COUNT,
        &answer::EMPTY,
        &answer::TRUE_FALSE,
        &answer::MATCHING,
        &answer::AGREEMENT,
        &markup::HTML_ENTITY,
        &markup::HTML_TAG,
        &markup::UNBALANCED,
        &markup::PLACEHOLDER,
        &markup::DOUBLED_WORD,
        &markup::FRENCH_SPACING,
        &subtitle::READING_SPEED,
        &subtitle::TOO_SHORT,
        &subtitle::END_BEFORE_START,
        &subtitle::OVERLAP,
        &duplicate::CONFLICTING_KEY,
        &duplicate::REPEATED,
        &crate::config::suppress::UNUSED_SUPPRESSION,
    ];
    ALL
}

/// Looks a rule up by its code.
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    all().iter().copied().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_and_explained() {
        let mut seen = std::collections::BTreeSet::new();
        for r in all() {
            assert!(seen.insert(r.code), "duplicate rule {}", r.code);
            assert!(CATEGORIES.contains(&r.category()), "{}", r.code);
            let name = r.code.split_once('/').map(|(_, n)| n).unwrap_or("");
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}",
                r.code
            );
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## How to silence it",
            ] {
                assert!(
                    r.explanation_en.contains(section),
                    "{} lacks {section}",
                    r.code
                );
            }
            for section in [
                "## Ce que la règle vérifie",
                "## Pourquoi",
                "## Exemple",
                "## Comment la désactiver",
            ] {
                assert!(
                    r.explanation_fr.contains(section),
                    "{} lacks {section} (fr)",
                    r.code
                );
            }
            assert!(!r.summary_en.is_empty() && !r.summary_fr.is_empty());
        }
    }
}
