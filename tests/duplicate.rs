//! `duplicate/*`: the same question across a batch, with the same or another key.

mod common;
use common::*;

fn dups(args: &[&str]) -> Vec<(String, String, String, String)> {
    let (v, _) = json(args);
    findings(&v)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("duplicate/"))
        .map(|f| {
            let e = &f["evidence"][0];
            (
                f["rule"].as_str().unwrap().to_string(),
                format!(
                    "{}:{}",
                    f["file"].as_str().unwrap().rsplit('/').next().unwrap(),
                    f["item"].as_str().unwrap()
                ),
                format!(
                    "{}:{}",
                    e["file"].as_str().unwrap().rsplit('/').next().unwrap(),
                    e["line"]
                ),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn repeats_and_conflicting_keys_across_files_point_at_the_first() {
    let v = dups(&["check", "tests/fixtures/errors/dup", "--lang", "en"]);
    let got: Vec<(&str, &str, &str)> = v
        .iter()
        .map(|(r, i, e, _)| (r.as_str(), i.as_str(), e.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            // Same question and options (in another order), another key.
            (
                "duplicate/conflicting-key",
                "b-review.gift:capital-again",
                "a-unit1.gift:1"
            ),
            // Same item, white space, case and option order aside.
            (
                "duplicate/repeated",
                "b-review.gift:past-again",
                "a-unit1.gift:3"
            ),
            (
                "duplicate/conflicting-key",
                "c-lecon.yaml:q3",
                "c-lecon.yaml:6"
            ),
        ],
        "{v:?}"
    );
    // `Yes? {T}` is too short to compare; `q2` asks another question.
    assert!(v[0].3.contains("`capital`"), "{}", v[0].3);
}

#[test]
fn the_result_does_not_depend_on_the_number_of_threads() {
    let one = dups(&[
        "check",
        "tests/fixtures/errors/dup",
        "--lang",
        "en",
        "--jobs",
        "1",
    ]);
    let four = dups(&[
        "check",
        "tests/fixtures/errors/dup",
        "--lang",
        "en",
        "--jobs",
        "4",
    ]);
    assert_eq!(one, four);
    assert_eq!(one.len(), 3);
}

#[test]
fn a_single_file_of_the_clean_corpora_has_no_duplicate() {
    let v = dups(&["check", "corpora/en/clean", "corpora/fr/clean"]);
    assert!(v.is_empty(), "{v:?}");
}
