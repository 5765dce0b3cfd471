//! Suppression comments beyond YAML and GIFT: WebVTT `NOTE cefrlint: ignore[...]` blocks
//! (the next cue), and XML comments `<!-- cefrlint: ignore[...] -->` in Moodle XML and QTI
//! (the question or item they stand in or just before). Each fixture is checked as it is
//! and with its directives disabled, so that what a comment hides is seen to exist.

mod common;
use common::*;

/// The report of `file` (with extra args), and that of a copy whose directives are
/// disabled (`cefrlint:` becomes `nothing:`).
fn with_and_without(file: &str, args: &[&str]) -> (serde_json::Value, serde_json::Value) {
    let mut a = vec!["check", file];
    a.extend(args);
    let (with, _) = json(&a);
    let dir = tempfile::tempdir().unwrap();
    let name = std::path::Path::new(file).file_name().unwrap();
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let copy = dir.path().join(name);
    std::fs::write(&copy, text.replace("cefrlint:", "nothing:")).unwrap();
    let mut a = vec!["check", copy.to_str().unwrap()];
    a.extend(args);
    let (without, _) = json(&a);
    (with, without)
}

/// `(line, pointed text)` of the findings of `rule`.
fn at(v: &serde_json::Value, rule: &str) -> Vec<(u64, String)> {
    of_rule(v, rule)
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has_word(v: &serde_json::Value, line: u64, word: &str) -> bool {
    of_rule(v, "vocabulary/above-level")
        .iter()
        .any(|f| f["line"] == line && f["message"].as_str().unwrap().contains(word))
}

#[test]
fn webvtt_note_blocks_apply_to_the_next_cue() {
    let file = "tests/fixtures/suppress/bakery.vtt";
    let (with, without) = with_and_without(file, &["--level", "A1"]);
    // Without the directives, both words are reported and nothing is unused.
    assert!(has_word(&without, 7, "delectable"), "{without:#}");
    assert!(has_word(&without, 10, "meticulous"), "{without:#}");
    assert!(at(&without, "config/unused-suppression").is_empty());
    // The first NOTE hides the next cue's word only.
    assert!(!has_word(&with, 7, "delectable"), "{with:#}");
    assert!(has_word(&with, 10, "meticulous"), "{with:#}");
    // The NOTE before a clean cue, and the one no cue follows, are reported as unused.
    let unused = at(&with, "config/unused-suppression");
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert_eq!(unused[0].0, 13);
    assert!(
        unused[0].1.contains("nothing to suppress in item"),
        "{unused:?}"
    );
    assert_eq!(unused[1].0, 18);
    assert!(unused[1].1.contains("no cue follows"), "{unused:?}");
    // The NOTE blocks are not read as cues.
    assert!(!with["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"].as_str().unwrap().starts_with("input/")));
}

#[test]
fn xml_comments_apply_to_their_moodle_question() {
    let file = "tests/fixtures/suppress/quiz.xml";
    let (with, without) = with_and_without(file, &[]);
    for (line, word) in [(9, "ubiquitous"), (14, "inclement"), (19, "gregarious")] {
        assert!(has_word(&without, line, word), "{word}: {without:#}");
    }
    // Just before its question, and inside it (in the HTML of a CDATA text).
    assert!(!has_word(&with, 9, "ubiquitous"), "{with:#}");
    assert!(!has_word(&with, 14, "inclement"), "{with:#}");
    // A question without a comment keeps its finding.
    assert!(has_word(&with, 19, "gregarious"), "{with:#}");
    // The multi-line comment in the clean question: an unknown name, and nothing to suppress.
    let unused = at(&with, "config/unused-suppression");
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(
        unused.iter().all(|(l, _)| (24..=25).contains(l)),
        "{unused:?}"
    );
    assert!(unused.iter().any(|(_, m)| m.contains("`nope` is neither")));
    assert!(unused
        .iter()
        .any(|(_, m)| m.contains("nothing to suppress in item")));
    let in_item = of_rule(&with, "config/unused-suppression")
        .into_iter()
        .find(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("nothing to suppress")
        })
        .unwrap();
    assert_eq!(in_item["item"], "q-clean");
}

#[test]
fn an_xml_comment_before_a_qti_item_applies_to_it() {
    let file = "tests/fixtures/suppress/item.xml";
    let (with, without) = with_and_without(file, &["--level", "A1"]);
    assert!(has_word(&without, 8, "inclement"), "{without:#}");
    assert!(!has_word(&with, 8, "inclement"), "{with:#}");
    assert!(
        at(&with, "config/unused-suppression").is_empty(),
        "{with:#}"
    );
}

#[test]
fn unused_suppressions_are_in_french_too() {
    let o = cefrlint(&[
        "--locale",
        "fr",
        "check",
        "--format",
        "json",
        "--level",
        "A1",
        "tests/fixtures/suppress/bakery.vtt",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let msgs: Vec<&str> = of_rule(&v, "config/unused-suppression")
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("aucun sous-titre ne suit cette suppression")),
        "{msgs:?}"
    );
}
