//! The command line end to end: exit codes, bad inputs, determinism, `rules`, `explain`.

mod common;
use common::*;

#[test]
fn malformed_file_among_good_ones_exits_2_and_the_others_are_still_checked() {
    let (v, code) = json(&["check", "tests/fixtures/mixed"]);
    assert_eq!(code, 2);
    let errs = of_rule(&v, "input/parse-error");
    assert_eq!(errs.len(), 1, "{:#?}", findings(&v));
    assert_eq!(errs[0]["file"], "tests/fixtures/mixed/04-broken.yaml");
    assert!(errs[0]["line"].as_u64().unwrap() >= 10);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    let good: Vec<_> = files.iter().filter(|f| f["readable"] == true).collect();
    assert_eq!(good.len(), 3);
    assert!(good.iter().all(|f| f["items"].as_u64().unwrap() > 0));
    // The good files produce no finding at all.
    assert!(findings(&v)
        .iter()
        .all(|f| f["file"] == "tests/fixtures/mixed/04-broken.yaml"));
}

#[test]
fn json_output_is_byte_identical_whatever_the_thread_count() {
    let one = cefrlint(&[
        "check",
        "corpora",
        "tests/fixtures/mixed",
        "--format",
        "json",
        "--jobs",
        "1",
    ]);
    let two = cefrlint(&[
        "check",
        "corpora",
        "tests/fixtures/mixed",
        "--format",
        "json",
        "--jobs",
        "2",
    ]);
    let four = cefrlint(&[
        "check",
        "corpora",
        "tests/fixtures/mixed",
        "--format",
        "json",
        "--jobs",
        "4",
    ]);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
    let h1 = cefrlint(&["check", "corpora", "--jobs", "1"]);
    let h2 = cefrlint(&["check", "corpora", "--jobs", "2"]);
    assert_eq!(h1.stdout, h2.stdout);
}

#[test]
fn output_is_ordered_by_file_then_position() {
    let (v, _) = json(&["check", "corpora"]);
    let keys: Vec<(String, u64, u64)> = findings(&v)
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn exit_codes_follow_fail_on() {
    // A clean A1 file: nothing at all.
    let clean = cefrlint(&["check", "tests/fixtures/mixed/01-en-colours.yaml"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    // Planted warnings only (vocabulary/above-level) fail with --fail-on warning.
    let words = "corpora/en/defects/a1-hard-words.yaml";
    assert_eq!(
        cefrlint(&["check", words, "--fail-on", "warning"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        cefrlint(&["check", words, "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    // metadata/invalid-level is an error: exit 1 by default.
    assert_eq!(
        cefrlint(&["check", "corpora/en/defects/level-a3.yaml"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn command_line_errors_exit_2() {
    assert_eq!(
        cefrlint(&["check", "corpora", "--level", "A3"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        cefrlint(&["check", "corpora", "--lang", "e1"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        cefrlint(&["check", "corpora", "--format", "pdf"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(cefrlint(&["check", "no/such/path"]).status.code(), Some(2));
    assert_eq!(
        cefrlint(&["check", "corpora", "--rules", "no/such/dir"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        cefrlint(&["explain", "vocabulary/nope"]).status.code(),
        Some(2)
    );
    assert_eq!(cefrlint(&["--help"]).status.code(), Some(0));
}

#[test]
fn lang_and_level_options_fill_what_files_leave_out() {
    let (v, _) = json(&["check", "corpora/en/defects/no-level.yaml"]);
    assert_eq!(of_rule(&v, "metadata/missing-level").len(), 1);
    let (v, _) = json(&["check", "corpora/en/defects/no-level.yaml", "--level", "A1"]);
    assert!(of_rule(&v, "metadata/missing-level").is_empty());
    assert!(v["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["declared_level"] == "A1"));
    let (v, _) = json(&["check", "corpora/en/defects/no-language.yaml"]);
    assert_eq!(of_rule(&v, "metadata/missing-language").len(), 1);
    let (v, _) = json(&[
        "check",
        "corpora/en/defects/no-language.yaml",
        "--lang",
        "en",
    ]);
    assert!(of_rule(&v, "metadata/missing-language").is_empty());
}

#[test]
fn rules_lists_every_rule_and_explain_prints_every_section() {
    let o = cefrlint(&["rules"]);
    let out = stdout(&o);
    for r in cefrlint::checks::all() {
        assert!(
            out.contains(r.code),
            "{} missing from `cefrlint rules`",
            r.code
        );
        let e = stdout(&cefrlint(&["explain", r.code]));
        assert!(
            e.contains("## What it checks") && e.contains("## How to silence it"),
            "{}",
            r.code
        );
        let fr = stdout(&cefrlint(&["--locale", "fr", "explain", r.code]));
        assert!(fr.contains("## Ce que la règle vérifie"), "{}", r.code);
    }
}

#[test]
fn french_interface_follows_locale_and_lang_env() {
    let o = cefrlint(&[
        "--locale",
        "fr",
        "check",
        "corpora/en/defects/level-a3.yaml",
    ]);
    assert!(
        stdout(&o).contains("n'est pas un niveau du CECRL"),
        "{}",
        stdout(&o)
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args(["check", "corpora/en/defects/level-a3.yaml"])
        .current_dir(root())
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stdout(&o).contains("signalement"), "{}", stdout(&o));
}

#[test]
fn grammar_structures_are_listed_and_explained() {
    for lang in ["en", "fr"] {
        let out = stdout(&cefrlint(&["rules", "--lang", lang]));
        let first = out
            .lines()
            .next()
            .unwrap_or_else(|| panic!("no structures listed for {lang}"));
        let id = first.split_whitespace().next().unwrap();
        assert!(id.starts_with(&format!("{lang}/")));
        let e = cefrlint(&["explain", id]);
        assert_eq!(e.status.code(), Some(0));
        let en = stdout(&e);
        for label in ["Matches:", "Reference: ", "Defined in: "] {
            assert!(en.contains(label), "{label}\n{en}");
        }
        // French typography: a space before the colon.
        let fr = stdout(&cefrlint(&["--locale", "fr", "explain", id]));
        for label in ["Exemples reconnus :", "Référence : ", "Défini dans : "] {
            assert!(fr.contains(label), "{label}\n{fr}");
        }
        let b1 = stdout(&cefrlint(&["rules", "--lang", lang, "--level", "B1"]));
        assert!(
            b1.lines()
                .filter(|l| l.starts_with(lang))
                .all(|l| l.contains(" B1 ")),
            "{b1}"
        );
    }
}

/// A user rule folder for English with one class, `BE`, and the rule file `grammar`.
fn english_rules(grammar: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en");
    std::fs::create_dir(&en).unwrap();
    std::fs::write(
        en.join("classes.yaml"),
        "version: 1\nlanguage: en\nclasses:\n  BE:\n    words: [am, is, are]\n",
    )
    .unwrap();
    std::fs::write(en.join("grammar.yaml"), grammar).unwrap();
    dir
}

#[test]
fn rules_test_reports_every_bad_rule_of_a_user_rule_set() {
    let dir = english_rules(
        "version: 1\nlanguage: en\nrules:\n  - id: be-ing\n    level: A1\n    name: {en: be + ing, fr: be + ing}\n    description: {en: x, fr: x}\n    patterns: [\"{BE} [a-z]+ing\"]\n    examples:\n      match: [{text: \"She is reading.\", matched: \"is reading\"}]\n      no_match: [\"She is happy.\"]\n  - id: broken\n    level: Z9\n    name: {en: x, fr: x}\n    description: {en: x, fr: x}\n    patterns: [\"{NOPE}\"]\n    examples:\n      match: [\"x\"]\n  - id: wrong-example\n    level: A2\n    name: {en: x, fr: x}\n    description: {en: x, fr: x}\n    patterns: [\"(unclosed\"]\n    examples:\n      match: [\"x\"]\n      no_match: [\"y\"]\n",
    );
    let o = cefrlint(&["rules", "test", dir.path().to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("grammar.yaml:13:12"), "{out}"); // level Z9
    assert!(out.contains("{NOPE}"), "{out}");
    assert!(out.contains("no_match"), "{out}");
    assert!(out.contains("does not compile"), "{out}");

    // A valid rule set passes; a failing example is reported with the rule's position.
    std::fs::write(
        dir.path().join("en").join("grammar.yaml"),
        "version: 1\nlanguage: en\nrules:\n  - id: be-ing\n    level: A1\n    name: {en: be + ing, fr: be + ing}\n    description: {en: x, fr: x}\n    patterns: [\"{BE} [a-z]+ing\"]\n    examples:\n      match: [{text: \"She is reading.\", matched: \"is reading\"}, \"They sing.\"]\n      no_match: [\"She is happy.\"]\n",
    )
    .unwrap();
    let out = stdout(&cefrlint(&["rules", "test", dir.path().to_str().unwrap()]));
    assert!(
        out.contains("grammar.yaml:4:5: en/be-ing: does not match \"They sing.\""),
        "{out}"
    );
}

#[test]
fn rules_test_notes_a_pattern_that_makes_its_rule_run_on_every_sentence() {
    // `^\w+ \w+ \w+$` names no word: the prefilter cannot rule it out, so its rule runs on
    // every sentence. Its author is told, at the rule's place, in English or French; it is a
    // note, not a problem: the examples pass and the exit code is 0.
    let dir = english_rules(
        "version: 1\nlanguage: en\nrules:\n  - id: be-ing\n    level: A1\n    name: {en: be + ing, fr: be + ing}\n    description: {en: x, fr: x}\n    patterns: [\"{BE} [a-z]+ing\"]\n    examples:\n      match: [{text: \"She is reading.\", matched: \"is reading\"}]\n      no_match: [\"She is happy.\"]\n  - id: three-words\n    level: A1\n    name: {en: three words, fr: trois mots}\n    description: {en: x, fr: x}\n    patterns: ['\\bwe\\b', '^\\w+ \\w+ \\w+$']\n    examples:\n      match: [{text: \"Cats like fish\", matched: \"cats like fish\"}]\n      no_match: [\"Cats like fish a lot\"]\n",
    );
    let path = dir.path().to_str().unwrap();
    let o = cefrlint(&["rules", "test", path]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let notes: Vec<&str> = out.lines().filter(|l| l.contains("note:")).collect();
    assert_eq!(notes.len(), 1, "{out}");
    assert!(
        notes[0].contains("grammar.yaml:12:5: en/three-words: note: pattern 2 names no word"),
        "{out}"
    );
    assert!(out.contains("2 rule(s) passed, 0 problem(s)"), "{out}");
    let fr = stdout(&cefrlint(&["--locale", "fr", "rules", "test", path]));
    assert!(
        fr.contains("en/three-words: remarque : le motif 2 ne nomme aucun mot"),
        "{fr}"
    );
    // No rule of the embedded sets runs on every sentence.
    let embedded = stdout(&cefrlint(&["rules", "test"]));
    assert!(!embedded.contains("note:"), "{embedded}");
}

#[test]
fn rules_test_refuses_patterns_that_cannot_match_lower_cased_folded_text() {
    // Patterns run on lower-cased text where accented letters are folded (analyse::fold):
    // an upper-case letter, the `i` flag or a letter outside the folded set is refused with
    // its position, and a French accented pattern works.
    let dir = tempfile::tempdir().unwrap();
    let fr = dir.path().join("fr");
    std::fs::create_dir(&fr).unwrap();
    std::fs::write(
        fr.join("classes.yaml"),
        "version: 1\nlanguage: fr\nclasses:\n  ETRE:\n    words: [suis, es, est, sommes, êtes, sont]\n",
    )
    .unwrap();
    let rule = |id: &str, pattern: &str, matched: &str, text: &str, no: &str| {
        format!("  - id: {id}\n    level: A1\n    name: {{en: x, fr: x}}\n    description: {{en: x, fr: x}}\n    patterns: ['{pattern}']\n    examples:\n      match: [{{text: \"{text}\", matched: \"{matched}\"}}]\n      no_match: [\"{no}\"]\n")
    };
    let mut yaml = String::from("version: 1\nlanguage: fr\nrules:\n");
    yaml += &rule(
        "ete",
        r"\b{ETRE} (?:allé|tombé)e?s?\b",
        "êtes allés",
        "Vous êtes allés à Noël.",
        "Une fenêtre.",
    );
    yaml += &rule("upper", r"\bÉté\b", "été", "Un été.", "Un pré.");
    yaml += &rule("flag", r"(?i)\bété\b", "été", "Un été.", "Un pré.");
    yaml += &rule("other", r"\bsão\b", "são", "São Paulo.", "Paulo.");
    std::fs::write(fr.join("grammar.yaml"), &yaml).unwrap();
    let o = cefrlint(&["rules", "test", dir.path().to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("grammar.yaml:16:16: `É`"), "{out}");
    assert!(out.contains("grammar.yaml:24:16: the `i` flag"), "{out}");
    assert!(out.contains("grammar.yaml:32:16: `ã`"), "{out}");
    // The accented rule alone passes its examples.
    let valid: String = yaml.lines().take(11).map(|l| format!("{l}\n")).collect();
    std::fs::write(fr.join("grammar.yaml"), valid).unwrap();
    let o = cefrlint(&["rules", "test", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn a_custom_rule_set_replaces_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en");
    std::fs::create_dir(&en).unwrap();
    std::fs::write(
        en.join("lexicon.tsv"),
        "entry\tlevel\tpos\tsource\ncolour\tC2\tnoun\ttest\n",
    )
    .unwrap();
    let (v, _) = json(&[
        "check",
        "tests/fixtures/mixed/01-en-colours.yaml",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    let words = of_rule(&v, "vocabulary/above-level");
    assert!(!words.is_empty(), "{v:#}");
    assert!(words
        .iter()
        .all(|f| pointed_text(f).to_lowercase().starts_with("colour")));
    // A broken rule file stops the run with its position and exit code 2.
    std::fs::write(
        en.join("lexicon.tsv"),
        "entry\tlevel\tpos\tsource\ncolour\tA7\tnoun\ttest\n",
    )
    .unwrap();
    let o = cefrlint(&[
        "check",
        "tests/fixtures/mixed/01-en-colours.yaml",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("lexicon.tsv:2:8"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
