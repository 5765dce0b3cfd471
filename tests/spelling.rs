//! spelling/misspelled on the fixtures of tests/fixtures/spelling (native YAML and GIFT).

mod common;

use common::{cefrlint, json};
use serde_json::Value;

const DIR: &str = "tests/fixtures/spelling";

/// (item, word, suggestions) of the spelling findings of one run.
fn misspelled(args: &[&str]) -> Vec<(String, String, String)> {
    let mut a = vec!["check"];
    a.extend(args);
    a.extend(["--fail-on", "never"]);
    let (v, code) = json(&a);
    assert_eq!(code, 0, "{v}");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "spelling/misspelled")
        .map(|f| {
            let ev = &f["evidence"][0];
            (
                f["item"].as_str().unwrap_or("").to_string(),
                ev["text"].as_str().unwrap().to_string(),
                ev["detail"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn words(found: &[(String, String, String)]) -> Vec<&str> {
    found.iter().map(|(_, w, _)| w.as_str()).collect()
}

#[test]
fn english_typos_are_flagged_at_the_word_with_suggestions() {
    let f = format!("{DIR}/en-lesson.yaml");
    let found = misspelled(&[&f]);
    assert!(
        found.contains(&(
            "typos".into(),
            "recieve".into(),
            "receive, relieve, reverie".into()
        )),
        "{found:?}"
    );
    let freind = found
        .iter()
        .find(|(_, w, _)| w == "freind")
        .expect("freind");
    assert!(freind.2.starts_with("friend"), "{freind:?}");
    // The finding is at the word itself: line 11 of the fixture, column 18.
    let (v, _) = json(&["check", &f, "--fail-on", "never"]);
    let rec = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["evidence"][0]["text"] == "recieve")
        .unwrap()
        .clone();
    assert_eq!(
        (rec["line"].as_u64(), rec["column"].as_u64()),
        (Some(11), Some(18))
    );
    assert_eq!(rec["end_column"].as_u64(), Some(25));
}

#[test]
fn names_numbers_addresses_british_spellings_and_distractors_are_not_flagged() {
    let found = misspelled(&[&format!("{DIR}/en-lesson.yaml")]);
    let items: Vec<&str> = found.iter().map(|(i, _, _)| i.as_str()).collect();
    for quiet in [
        "names-numbers",
        "distractors",
        "instruction-ok",
        "short-french",
    ] {
        assert!(!items.contains(&quiet), "{quiet}: {found:?}");
    }
    // A field in another language is left to language/*, not flagged word by word.
    assert!(!items.contains(&"french-in-target"), "{found:?}");
    assert!(!words(&found).contains(&"goed"), "{found:?}");
}

#[test]
fn allow_list_silences_a_word() {
    let f = format!("{DIR}/en-lesson.yaml");
    let without = misspelled(&[&f]);
    assert!(words(&without).contains(&"zorbling"), "{without:?}");
    let allow = format!("{DIR}/allow.txt");
    let with = misspelled(&[&f, "--allow-words", &allow]);
    assert!(!words(&with).contains(&"zorbling"), "{with:?}");
    assert!(words(&with).contains(&"recieve"), "{with:?}");
}

#[test]
fn a_missing_allow_list_is_a_command_line_error() {
    let o = cefrlint(&[
        "check",
        "--allow-words",
        "tests/fixtures/spelling/nope.txt",
        DIR,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--allow-words"));
}

#[test]
fn french_elisions_and_hyphens_are_words_and_typos_are_flagged() {
    let found = misspelled(&[&format!("{DIR}/fr-lesson.yaml")]);
    assert_eq!(words(&found), ["légumres"], "{found:?}");
    assert!(found[0].2.starts_with("légumes"), "{found:?}");
}

#[test]
fn spanish_typos_are_flagged_and_names_and_years_are_not() {
    let found = misspelled(&[&format!("{DIR}/es-lesson.yaml")]);
    assert_eq!(words(&found), ["amijos"], "{found:?}");
}

#[test]
fn gift_prompt_typo_is_flagged_and_distractors_are_not() {
    let found = misspelled(&[
        &format!("{DIR}/en-quiz.gift"),
        "--lang",
        "en",
        "--level",
        "A2",
    ]);
    assert_eq!(words(&found), ["wrok"], "{found:?}");
    assert!(found[0].2.starts_with("work"), "{found:?}");
}

#[test]
fn no_spelling_turns_the_check_off() {
    let found = misspelled(&[&format!("{DIR}/en-lesson.yaml"), "--no-spelling"]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let run = |j: &str| {
        let o = cefrlint(&[
            "check",
            DIR,
            "--lang",
            "en",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--jobs",
            j,
        ]);
        o.stdout
    };
    assert_eq!(run("1"), run("4"));
}

/// German and Italian dictionaries are not shipped: checked only when the system has them.
fn system_dict(stem: &str) -> bool {
    std::path::Path::new(&format!("/usr/share/hunspell/{stem}.aff")).is_file()
}

#[test]
fn german_needs_a_dictionary_and_says_so_when_there_is_none() {
    let f = format!("{DIR}/de-lesson.yaml");
    let o = cefrlint(&["check", &f, "--fail-on", "never", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let spelled: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "spelling/misspelled")
        .collect();
    if system_dict("de_DE") {
        let w: Vec<&str> = spelled
            .iter()
            .map(|f| f["evidence"][0]["text"].as_str().unwrap())
            .collect();
        assert!(w.contains(&"shön"), "{w:?}");
    } else {
        eprintln!("skipped the German spelling part: no /usr/share/hunspell/de_DE.aff");
        assert!(spelled.is_empty());
        assert_eq!(
            o.status.code(),
            Some(0),
            "a missing dictionary must not fail the run"
        );
        assert_eq!(
            stderr.matches("no spelling dictionary for `de`").count(),
            1,
            "{stderr}"
        );
        // French interface.
        let o = cefrlint(&["check", &f, "--fail-on", "never", "--locale", "fr"]);
        assert!(String::from_utf8_lossy(&o.stderr)
            .contains("aucun dictionnaire orthographique pour « de »"));
    }
}

#[test]
fn italian_is_checked_with_a_system_dictionary() {
    if !system_dict("it_IT") {
        eprintln!("skipped: no /usr/share/hunspell/it_IT.aff (install hunspell-it)");
        return;
    }
    let found = misspelled(&[&format!("{DIR}/it-lesson.yaml")]);
    assert!(words(&found).contains(&"ciello"), "{found:?}");
}

#[test]
fn dict_dir_provides_a_dictionary() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("de_DE.aff"), "SET UTF-8\n").unwrap();
    let words = "Morgen\nfahren\nwir\nmit\ndem\nZug\nnach\nBerlin\nund\nbesuchen\nunsere\nfreunde\nDas\nwetter\nist\nschön\n";
    std::fs::write(tmp.path().join("de_DE.dic"), format!("16\n{words}")).unwrap();
    let dir = tmp.path().to_str().unwrap();
    let o = cefrlint(&[
        "check",
        &format!("{DIR}/de-lesson.yaml"),
        "--dict-dir",
        dir,
        "--fail-on",
        "never",
        "--format",
        "json",
    ]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("no spelling dictionary"));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let w: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "spelling/misspelled")
        .map(|f| f["evidence"][0]["text"].as_str().unwrap())
        .collect();
    assert_eq!(w, ["shön"]);
}
