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

/// Checks `file` and asserts that it gets no spelling finding, that no dictionary was
/// parsed, and that the precomputed answers it used for `words` are `lang`'s dictionary's own.
fn assert_parses_no_dictionary(file: &str, lang: &str, words: &[&str]) {
    let (dicts, rules) = check(file);
    assert!(
        !rules.iter().any(|r| r.starts_with("spelling/")),
        "{rules:?}"
    );
    for l in Dictionaries::embedded_languages() {
        assert!(!dicts.is_parsed(l), "{l} parsed");
    }
    let parsed = dicts.peek(lang).unwrap();
    for w in words {
        assert_eq!(
            dicts.precomputed(lang, w),
            Some(parsed.dict.check(w)),
            "{w}"
        );
    }
}

#[test]
fn a_french_lesson_with_english_loanwords_parses_no_dictionary() {
    assert_parses_no_dictionary(
        "fr-loanwords.yaml",
        "fr",
        &["week", "end", "parking", "sandwich", "smartphones"],
    );
}

#[test]
fn an_english_lesson_with_french_loanwords_parses_no_dictionary() {
    assert_parses_no_dictionary(
        "en-loanwords.yaml",
        "en",
        &["café", "fiancé", "croissant", "cafés", "baguettes"],
    );
}
