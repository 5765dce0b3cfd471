//! Start-up: a clean lesson with a few loanwords (`week-end`, `smartphones` in French, `café`,
//! `cafés` in English) is checked without parsing any spelling dictionary at run time, as
//! build.rs decided the dictionaries' verdicts on those words; and those verdicts are the
//! parsed dictionaries'.

use std::path::PathBuf;
use std::sync::Arc;

use cefrlint::checks::Settings;
use cefrlint::pipeline::{self, Options};
use cefrlint::ruleset::dictionary::Dictionaries;
use cefrlint::ruleset::RuleSets;

const DIR: &str = "tests/fixtures/startup";

/// Checks `file` and returns the run's dictionaries and its findings' rule codes.
fn check(file: &str) -> (Arc<Dictionaries>, Vec<String>) {
    let dicts = Arc::new(Dictionaries::with_system(None, Vec::new()));
    let opts = Options {
        paths: vec![PathBuf::from(DIR).join(file)],
        jobs: Some(1),
        settings: Settings {
            dictionaries: dicts.clone(),
            ..Settings::default()
        },
        ..Options::default()
    };
    let report = pipeline::run(&opts, &RuleSets::embedded()).expect("the rule sets load");
    let rules = report
        .findings
        .by_rule()
        .keys()
        .map(|r| r.to_string())
        .collect();
    (dicts, rules)
}

#[test]
fn a_french_lesson_with_english_loanwords_parses_no_dictionary() {
    let (dicts, rules) = check("fr-loanwords.yaml");
    assert!(
        !rules.iter().any(|r| r.starts_with("spelling/")),
        "{rules:?}"
    );
    for lang in Dictionaries::embedded_languages() {
        assert!(!dicts.is_parsed(lang), "{lang} parsed");
    }
    // The answers it used are the French dictionary's own.
    let parsed = dicts.peek("fr").unwrap();
    for w in ["week", "end", "parking", "sandwich", "smartphones"] {
        assert_eq!(
            dicts.precomputed("fr", w),
            Some(parsed.dict.check(w)),
            "{w}"
        );
    }
}

#[test]
fn an_english_lesson_with_french_loanwords_parses_no_dictionary() {
    let (dicts, rules) = check("en-loanwords.yaml");
    assert!(
        !rules.iter().any(|r| r.starts_with("spelling/")),
        "{rules:?}"
    );
    for lang in Dictionaries::embedded_languages() {
        assert!(!dicts.is_parsed(lang), "{lang} parsed");
    }
    let parsed = dicts.peek("en").unwrap();
    for w in ["café", "fiancé", "croissant", "cafés", "baguettes"] {
        assert_eq!(
            dicts.precomputed("en", w),
            Some(parsed.dict.check(w)),
            "{w}"
        );
    }
}
