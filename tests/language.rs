//! language/not-target-language and language/not-support-language on the fixtures of
//! tests/fixtures/spelling.

mod common;

use common::json;

const DIR: &str = "tests/fixtures/spelling";

/// (rule, item, message) of the language findings of one run.
fn language(args: &[&str]) -> Vec<(String, String, String)> {
    let mut a = vec!["check"];
    a.extend(args);
    a.extend(["--fail-on", "never"]);
    let (v, _) = json(&a);
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("language/"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["item"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn french_sentence_in_an_english_text_is_flagged_with_its_figures() {
    let found = language(&[&format!("{DIR}/en-lesson.yaml")]);
    let f = found
        .iter()
        .find(|(_, i, _)| i == "french-in-target")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(f.0, "language/not-target-language");
    assert!(f.2.contains("French, not English"), "{}", f.2);
    assert!(
        f.2.contains("confidence") && f.2.contains("words known"),
        "{}",
        f.2
    );
}

#[test]
fn short_fields_and_right_languages_are_not_flagged() {
    let found = language(&[&format!("{DIR}/en-lesson.yaml")]);
    let items: Vec<&str> = found.iter().map(|(_, i, _)| i.as_str()).collect();
    for quiet in [
        "short-french",
        "typos",
        "names-numbers",
        "distractors",
        "instruction-ok",
    ] {
        assert!(!items.contains(&quiet), "{quiet}: {found:?}");
    }
    let found = language(&[&format!("{DIR}/fr-lesson.yaml")]);
    let items: Vec<&str> = found.iter().map(|(_, i, _)| i.as_str()).collect();
    assert!(
        !items.contains(&"elisions") && !items.contains(&"traduction-ok"),
        "{found:?}"
    );
}

#[test]
fn support_fields_in_the_target_language_are_flagged() {
    // English instruction in a lesson whose support language is French.
    let found = language(&[&format!("{DIR}/en-lesson.yaml")]);
    assert!(
        found
            .iter()
            .any(|(r, i, m)| r == "language/not-support-language"
                && i == "instruction-in-target"
                && m.contains("English, not French")),
        "{found:?}"
    );
    // French translation of a French term, for English-speaking learners.
    let found = language(&[&format!("{DIR}/fr-lesson.yaml")]);
    assert!(
        found
            .iter()
            .any(|(r, i, m)| r == "language/not-support-language"
                && i == "traduction"
                && m.contains("French, not English")),
        "{found:?}"
    );
}

#[test]
fn messages_exist_in_french() {
    let (v, _) = json(&[
        "check",
        &format!("{DIR}/en-lesson.yaml"),
        "--fail-on",
        "never",
        "--locale",
        "fr",
    ]);
    let msgs: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "language/not-target-language")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("semble être en français, pas en anglais")),
        "{msgs:?}"
    );
}

#[test]
fn no_language_turns_the_check_off() {
    let found = language(&[&format!("{DIR}/en-lesson.yaml"), "--no-language"]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_repeated_instruction_gets_the_same_verdict_in_every_item() {
    let found = language(&["tests/fixtures/language/repeated-instructions.yaml"]);
    let wrong: Vec<&(String, String, String)> = found
        .iter()
        .filter(|(_, i, _)| i.starts_with("wrong-"))
        .collect();
    let items: Vec<&str> = wrong.iter().map(|(_, i, _)| i.as_str()).collect();
    assert_eq!(items, ["wrong-1", "wrong-2", "wrong-3"], "{found:?}");
    for (rule, _, message) in &wrong {
        assert_eq!(rule, "language/not-support-language");
        assert_eq!(message, &wrong[0].2);
        assert!(message.contains("French, not English"), "{message}");
    }
    assert!(
        !found.iter().any(|(_, i, _)| i.starts_with("right-")),
        "{found:?}"
    );
}
