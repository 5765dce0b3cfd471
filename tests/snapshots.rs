//! Snapshots of the outputs on the bundled corpora (review changes with `cargo insta review`).

mod common;
use common::*;

fn out(args: &[&str]) -> String {
    stdout(&cefrlint(args))
}

#[test]
fn human_output_on_the_english_defects() {
    insta::assert_snapshot!(out(&["check", "corpora/en/defects", "--color", "never"]));
}

#[test]
fn human_output_on_the_french_defects_in_french() {
    insta::assert_snapshot!(out(&[
        "--locale",
        "fr",
        "check",
        "corpora/fr/defects",
        "--color",
        "never"
    ]));
}

#[test]
fn json_output_on_the_corpora() {
    insta::assert_snapshot!(out(&["check", "corpora", "--format", "json"]));
}

#[test]
fn rules_list() {
    insta::assert_snapshot!(out(&["rules"]));
}
