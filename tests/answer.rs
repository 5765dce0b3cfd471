//! `answer/*`: answer keys that cannot be right, in native YAML and GIFT.

mod common;
use common::*;

/// (rule, item, pointed text) of every `answer/*` finding.
fn answer_findings(args: &[&str]) -> Vec<(String, String, String)> {
    let (v, _) = json(args);
    findings(&v)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("answer/"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["item"].as_str().unwrap_or("").to_string(),
                pointed_text(f),
            )
        })
        .collect()
}

fn has(v: &[(String, String, String)], rule: &str, item: &str, text: &str) -> bool {
    v.iter()
        .any(|(r, i, t)| r == rule && i == item && t.contains(text))
}

#[test]
fn planted_keys_are_found_in_english_yaml() {
    let v = answer_findings(&["check", "tests/fixtures/errors/answers.yaml"]);
    assert!(
        has(&v, "answer/not-an-option", "not-option", "yellow"),
        "{v:?}"
    );
    assert!(has(&v, "answer/missing", "no-key", "a cat"), "{v:?}");
    assert!(
        has(&v, "answer/duplicate-option", "dup-option", "Goes"),
        "{v:?}"
    );
    assert!(has(&v, "answer/gap-count", "gaps", "I ___ Tom"), "{v:?}");
    assert!(has(&v, "answer/empty", "empty", "\"  \""), "{v:?}");
    assert!(has(&v, "answer/true-false", "tf-bad", "Paris"), "{v:?}");
    assert!(has(&v, "answer/matching", "pairs", "Mother"), "{v:?}");
    assert!(has(&v, "answer/matching", "pairs", "uncle"), "{v:?}");
    assert!(has(&v, "answer/agreement", "agree", "are"), "{v:?}");
    assert!(has(&v, "answer/agreement", "agree", "is"), "{v:?}");
    // Correct items stay silent: an answer that differs only by case and spaces, accepted
    // alternatives of one gap, `True`, and pronouns that are not clause subjects.
    for ok in ["ok-option-case", "gaps-ok", "tf-ok", "agree-ok"] {
        assert!(v.iter().all(|(_, i, _)| i != ok), "{ok}: {v:?}");
    }
    assert_eq!(v.len(), 10, "{v:?}");
}

#[test]
fn agreement_in_french_spanish_german_and_italian() {
    let v = answer_findings(&["check", "tests/fixtures/errors/reponses.yaml"]);
    let agreement: Vec<(&str, &str)> = v
        .iter()
        .filter(|(r, _, _)| r == "answer/agreement")
        .map(|(_, i, t)| (i.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        agreement,
        [
            ("fr-bad", "êtes"),
            ("fr-bad", "a"),
            ("es-bad", "es"),
            ("de-bad", "ist"),
            ("it-bad", "sono")
        ]
    );
}

#[test]
fn gift_keys_are_checked_the_same_way() {
    let v = answer_findings(&[
        "check",
        "tests/fixtures/errors/answers.gift",
        "--lang",
        "en",
    ]);
    assert!(has(&v, "answer/missing", "no-right", "red"), "{v:?}");
    assert!(has(&v, "answer/duplicate-option", "dup", "Goes"), "{v:?}");
    assert!(has(&v, "answer/matching", "match", "cat"), "{v:?}");
    assert!(has(&v, "answer/agreement", "agree", "are"), "{v:?}");
    // `= -> oiseau` is a GIFT distractor, `{F}` a valid key, `ok-mc` a correct question.
    assert!(!has(&v, "answer/matching", "match", "oiseau"), "{v:?}");
    assert!(v.iter().all(|(_, i, _)| i != "tf" && i != "ok-mc"), "{v:?}");
    // Two `=` answers without weights: single-choice with two keys; weights: multiple answers.
    assert!(
        has(&v, "answer/several-correct", "two-right", "chair"),
        "{v:?}"
    );
    assert!(v.iter().all(|(_, i, _)| i != "weighted"), "{v:?}");
    assert!(
        !v.iter()
            .any(|(r, i, _)| r == "answer/several-correct" && i == "dup"),
        "{v:?}"
    );
}

#[test]
fn several_correct_answers_in_a_moodle_single_choice_question() {
    let v = answer_findings(&["check", "tests/fixtures/errors/single.xml", "--lang", "en"]);
    assert!(
        has(&v, "answer/several-correct", "one-only", "a dog"),
        "{v:?}"
    );
    // "Multiple answers allowed": several right answers are the point.
    assert!(v.iter().all(|(_, i, _)| i != "many"), "{v:?}");
}

#[test]
fn the_clean_corpora_have_no_answer_finding() {
    let v = answer_findings(&["check", "corpora/en/clean", "corpora/fr/clean"]);
    assert!(v.is_empty(), "{v:?}");
}
