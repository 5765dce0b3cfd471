//! The configuration file (`cefrlint.yaml`): discovery, `--config`, errors, rule selection,
//! severities, path mappings, allowed words, suppressions. Each test builds a small project
//! in a temporary folder from the lessons of `tests/fixtures/config/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// A temporary project: `files` are `(path, content)`; a content starting with `@` copies
/// that fixture.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        match content.strip_prefix('@') {
            Some(f) => std::fs::copy(fixture(f), &p).map(|_| ()).unwrap(),
            None => std::fs::write(&p, content).unwrap(),
        }
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .expect("run cefrlint")
}

/// `check ARGS --format json`: the report and the exit code.
fn check(dir: &Path, args: &[&str]) -> (Value, i32) {
    let mut a = vec!["check"];
    a.extend(args);
    a.extend(["--format", "json"]);
    let o = run(dir, &a);
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (v, o.status.code().unwrap_or(-1))
}

fn findings(v: &Value) -> &Vec<Value> {
    v["findings"].as_array().expect("findings")
}

/// `rule` findings in `file`.
fn count(v: &Value, file: &str, rule: &str) -> usize {
    findings(v)
        .iter()
        .filter(|f| f["file"] == file && f["rule"] == rule)
        .count()
}

fn rules_in(v: &Value) -> Vec<String> {
    let mut r: Vec<String> = findings(v)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    r.sort();
    r.dedup();
    r
}

fn item<'a>(v: &'a Value, file: &str, id: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["file"] == file && i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id} in {file}"))
}

#[test]
fn the_nearest_configuration_wins_and_configurations_do_not_merge() {
    let p = project(&[
        ("cefrlint.yaml", "severity:\n  vocabulary: error\n"),
        ("top/hard.yaml", "@hard.yaml"),
        ("unit/cefrlint.yaml", "ignore: [vocabulary]\n"),
        ("unit/deep/er/hard.yaml", "@hard.yaml"),
    ]);
    let (v, _) = check(p.path(), &["."]);
    // The root configuration: vocabulary findings are errors.
    let top: Vec<&Value> = findings(&v)
        .iter()
        .filter(|f| f["file"] == "top/hard.yaml" && f["rule"] == "vocabulary/above-level")
        .collect();
    assert!(top.len() >= 5, "{v}");
    assert!(top.iter().all(|f| f["severity"] == "error"));
    // unit/cefrlint.yaml, found two folders up, replaces the root one entirely.
    assert_eq!(
        count(&v, "unit/deep/er/hard.yaml", "vocabulary/above-level"),
        0
    );
    assert!(count(&v, "unit/deep/er/hard.yaml", "level/above-declared") > 0);
    // Checking the file alone, from inside its folder, finds the same configuration.
    let (v, _) = check(&p.path().join("unit/deep/er"), &["hard.yaml"]);
    assert_eq!(count(&v, "hard.yaml", "vocabulary/above-level"), 0);
    assert!(count(&v, "hard.yaml", "level/above-declared") > 0);
}

#[test]
fn config_option_overrides_discovery_and_no_config_disables_it() {
    let p = project(&[
        ("cefrlint.yaml", "ignore: [vocabulary]\n"),
        ("elsewhere/vocabulary.yml", "select: [vocabulary]\n"),
        ("hard.yaml", "@hard.yaml"),
    ]);
    let (v, _) = check(p.path(), &["hard.yaml"]);
    assert_eq!(rules_in(&v), ["level/above-declared"]);
    let (v, _) = check(
        p.path(),
        &["hard.yaml", "--config", "elsewhere/vocabulary.yml"],
    );
    assert_eq!(rules_in(&v), ["vocabulary/above-level"]);
    // A missing --config file is an error: nothing is checked.
    let o = run(
        p.path(),
        &["check", "hard.yaml", "--config", "nothing.yaml"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("nothing.yaml: cannot read the configuration")
    );
    let (v, _) = check(p.path(), &["hard.yaml", "--no-config"]);
    assert_eq!(
        rules_in(&v),
        ["level/above-declared", "vocabulary/above-level"]
    );
}

#[test]
fn errors_in_the_configuration_stop_everything_with_their_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "select: [vocabulary]\nseverity:\n  vocabulary: error\nfoo: 1\n",
            "cefrlint.yaml:4:1: unknown key `foo`",
        ),
        (
            "ignore: vocabulary\n",
            "cefrlint.yaml:1:9: `ignore` should be a list, found a text",
        ),
        (
            "ignore: [vocabulary/abov-level]\n",
            "cefrlint.yaml:1:10: `vocabulary/abov-level` is neither a rule code nor a category",
        ),
        (
            "severity:\n  grammar: fatal\n",
            "cefrlint.yaml:2:12: `fatal` is not a severity",
        ),
        (
            "paths:\n  - glob: '*.gift'\n    langue: es\n",
            "cefrlint.yaml:3:5: unknown key `langue` in `paths`",
        ),
        (
            "paths:\n  - glob: '*.gift'\n    level: A3\n",
            "cefrlint.yaml:3:12: `A3` is not a CEFR level",
        ),
        (
            "level-threshold: 9\n",
            "cefrlint.yaml:1:18: `level-threshold` should be a number of levels from 1 to 5",
        ),
        (
            "allow-words-file: missing.txt\n",
            "cefrlint.yaml:1:19: `allow-words-file`: no file `missing.txt`",
        ),
        (
            "select: [vocabulary\n",
            "cefrlint.yaml:1:9: cannot parse the configuration",
        ),
    ];
    for (config, expected) in cases {
        let p = project(&[("cefrlint.yaml", config), ("hard.yaml", "@hard.yaml")]);
        let o = run(p.path(), &["check", "hard.yaml"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{config}: {err}");
        assert!(
            err.contains(expected),
            "{config}: expected {expected:?} in {err}"
        );
        assert!(o.stdout.is_empty(), "nothing is checked: {config}");
        // `cefrlint config` reports the same error.
        let o = run(p.path(), &["config", "hard.yaml"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains(expected));
    }
    // In French.
    let p = project(&[("cefrlint.yaml", "foo: 1\n"), ("hard.yaml", "@hard.yaml")]);
    let o = run(p.path(), &["--locale", "fr", "check", "hard.yaml"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("cefrlint.yaml:1:1: clé inconnue « foo »"));
}

#[test]
fn select_and_ignore_by_code_and_category() {
    let p = project(&[("hard.yaml", "@hard.yaml"), ("cefrlint.yaml", "")]);
    let write = |c: &str| std::fs::write(p.path().join("cefrlint.yaml"), c).unwrap();
    let (all, _) = check(p.path(), &["."]);
    assert_eq!(
        rules_in(&all),
        ["level/above-declared", "vocabulary/above-level"]
    );
    write("select: [vocabulary/above-level]\n");
    assert_eq!(
        rules_in(&check(p.path(), &["."]).0),
        ["vocabulary/above-level"]
    );
    write("ignore: [level]\n");
    assert_eq!(
        rules_in(&check(p.path(), &["."]).0),
        ["vocabulary/above-level"]
    );
    write("ignore: [vocabulary]\n");
    assert_eq!(
        rules_in(&check(p.path(), &["."]).0),
        ["level/above-declared"]
    );
    // The more specific entry wins.
    write("select: [vocabulary/above-level]\nignore: [vocabulary]\n");
    assert_eq!(
        rules_in(&check(p.path(), &["."]).0),
        ["vocabulary/above-level"]
    );
    write("select: [vocabulary]\nignore: [vocabulary/above-level]\n");
    assert!(findings(&check(p.path(), &["."]).0).is_empty());
    // Findings about unreadable inputs are always reported.
    write("select: [vocabulary]\n");
    std::fs::write(p.path().join("broken.yaml"), "items: [\n").unwrap();
    let (v, code) = check(p.path(), &["."]);
    assert_eq!(count(&v, "broken.yaml", "input/parse-error"), 1);
    assert_eq!(code, 2);
}

#[test]
fn a_severity_override_changes_the_exit_code() {
    let p = project(&[("hard.yaml", "@hard.yaml")]);
    let write = |c: &str| std::fs::write(p.path().join("cefrlint.yaml"), c).unwrap();
    write("select: [vocabulary]\n");
    let (v, code) = check(p.path(), &["."]);
    assert!(findings(&v).iter().all(|f| f["severity"] == "warning"));
    assert_eq!(code, 0, "warnings do not fail with --fail-on error");
    write("select: [vocabulary]\nseverity:\n  vocabulary/above-level: error\n");
    let (v, code) = check(p.path(), &["."]);
    assert!(!findings(&v).is_empty());
    assert!(findings(&v).iter().all(|f| f["severity"] == "error"));
    assert_eq!(v["summary"]["by_severity"]["error"], findings(&v).len());
    assert_eq!(code, 1);
    // Lowered: the level error no longer fails the run; the rule beats its category.
    write("severity:\n  level: info\n  vocabulary: error\n  vocabulary/above-level: info\n");
    let (v, code) = check(p.path(), &["."]);
    assert!(findings(&v).iter().all(|f| f["severity"] == "info"), "{v}");
    assert_eq!(code, 0);
    let (_, code) = check(p.path(), &[".", "--fail-on", "info"]);
    assert_eq!(code, 1);
}

const PATHS: &str = "paths:
  - glob: quiz/*.gift
    lang: en
    level: A1
  - glob: '*.vtt'
    lang: en
    support-lang: fr
    level: A1
";

#[test]
fn path_globs_give_a_language_and_level_to_files_with_none() {
    let p = project(&[
        ("quiz/undeclared.gift", "@quiz/undeclared.gift"),
        ("other/undeclared.gift", "@quiz/undeclared.gift"),
        ("video/clip.vtt", "@video/clip.vtt"),
    ]);
    // Without a configuration, nothing is known about them.
    let (v, _) = check(p.path(), &["."]);
    assert_eq!(
        count(&v, "quiz/undeclared.gift", "metadata/missing-language"),
        1
    );
    assert_eq!(count(&v, "video/clip.vtt", "metadata/missing-language"), 1);
    std::fs::write(p.path().join("cefrlint.yaml"), PATHS).unwrap();
    let (v, _) = check(p.path(), &["."]);
    for (file, id) in [("quiz/undeclared.gift", "q1"), ("video/clip.vtt", "2")] {
        let it = item(&v, file, id);
        assert_eq!(it["language"], "en", "{file}");
        assert_eq!(it["declared_level"], "A1", "{file}");
        assert_eq!(count(&v, file, "metadata/missing-language"), 0);
        assert!(
            count(&v, file, "vocabulary/above-level") >= 2,
            "{file}: {v}"
        );
    }
    // `quiz/*.gift` is relative to the configuration's folder: other/ is not mapped.
    assert_eq!(
        item(&v, "other/undeclared.gift", "q1")["language"],
        Value::Null
    );
    assert_eq!(
        count(&v, "other/undeclared.gift", "metadata/missing-language"),
        1
    );
    // `*.vtt` has no `/`: it matches the name in any folder.
    std::fs::create_dir_all(p.path().join("a/b")).unwrap();
    std::fs::copy(fixture("video/clip.vtt"), p.path().join("a/b/c.vtt")).unwrap();
    let (v, _) = check(p.path(), &["a"]);
    assert_eq!(item(&v, "a/b/c.vtt", "1")["declared_level"], "A1");
}

#[test]
fn precedence_is_file_then_path_mapping_then_command_line() {
    let p = project(&[
        ("quiz/undeclared.gift", "@quiz/undeclared.gift"),
        ("other/undeclared.gift", "@quiz/undeclared.gift"),
        ("hard.yaml", "@hard.yaml"),
        (
            "cefrlint.yaml",
            "paths:\n  - glob: quiz/*.gift\n    lang: en\n    level: A1\n  - glob: '*.yaml'\n    lang: fr\n    level: C2\n  - glob: quiz/und*\n    level: A2\n",
        ),
    ]);
    let (v, _) = check(p.path(), &[".", "--lang", "es", "--level", "C1"]);
    // The file's own declarations win.
    assert_eq!(item(&v, "hard.yaml", "hard")["language"], "en");
    assert_eq!(item(&v, "hard.yaml", "hard")["declared_level"], "A1");
    // Then the path mapping (the last matching entry that gives a value), over the command line.
    assert_eq!(item(&v, "quiz/undeclared.gift", "q1")["language"], "en");
    assert_eq!(
        item(&v, "quiz/undeclared.gift", "q1")["declared_level"],
        "A2"
    );
    // The command line fills what neither says.
    assert_eq!(item(&v, "other/undeclared.gift", "q1")["language"], "es");
    assert_eq!(
        item(&v, "other/undeclared.gift", "q1")["declared_level"],
        "C1"
    );
}

#[test]
fn thresholds_come_from_the_configuration_unless_given_on_the_command_line() {
    let p = project(&[("hard.yaml", "@hard.yaml")]);
    let vocab = |args: &[&str]| {
        let mut a = vec!["."];
        a.extend(args);
        count(
            &check(p.path(), &a).0,
            "hard.yaml",
            "vocabulary/above-level",
        )
    };
    let default = vocab(&[]);
    std::fs::write(
        p.path().join("cefrlint.yaml"),
        "level-threshold:\n  vocabulary: 4\n",
    )
    .unwrap();
    let raised = vocab(&[]);
    // Only the C1 and C2 words (4 and 5 levels above A1) are left.
    assert!(raised > 0 && raised < default, "{raised} < {default}");
    assert_eq!(vocab(&["--level-threshold", "2"]), default);
}

#[test]
fn allowed_words_and_the_dictionary_are_shown_with_their_origin() {
    let p = project(&[
        ("words.txt", "@words.txt"),
        ("names.dic", "2\nZorbania\nQuillet\n"),
        (
            "cefrlint.yaml",
            "allow-words: [Ardenbrook, Zorbania]\nallow-words-file: words.txt\ndictionary: names.dic\nlevel-threshold: 3\n",
        ),
        ("lessons/hard.yaml", "@hard.yaml"),
    ]);
    let o = run(p.path(), &["config", "lessons/hard.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("# Configuration of lessons/hard.yaml: cefrlint.yaml"),
        "{out}"
    );
    assert!(
        out.contains("- \"Ardenbrook\"  # cefrlint.yaml:1:15"),
        "{out}"
    );
    // Listed twice: kept once, where first listed.
    assert!(
        out.contains("- \"Zorbania\"  # cefrlint.yaml:1:27"),
        "{out}"
    );
    assert!(!out.contains("words.txt:2:1"), "{out}");
    assert!(out.contains("- \"Quillet\"  # words.txt:3:3"), "{out}");
    assert!(
        out.contains("dictionary: \"names.dic\"  # cefrlint.yaml:3:13"),
        "{out}"
    );
    assert!(out.contains("vocabulary: 3  # cefrlint.yaml:4:18"), "{out}");
    assert!(out.contains("select: [all]  # default"), "{out}");
    let o = run(
        p.path(),
        &["config", "lessons/hard.yaml", "--level-threshold", "4"],
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("vocabulary: 4  # command line"));
    // The effective configuration is valid YAML.
    let o = run(p.path(), &["config"]);
    let text = String::from_utf8(o.stdout).unwrap();
    let parsed = cefrlint::load::yaml::parse(&text).expect("YAML");
    assert!(parsed.root.unwrap().get("allow-words").is_some());
}

#[test]
fn suppression_comments_silence_their_item_and_stale_ones_are_reported() {
    let p = project(&[
        ("suppressed.yaml", "@suppressed.yaml"),
        ("hard.yaml", "@hard.yaml"),
    ]);
    let (v, _) = check(p.path(), &["."]);
    // The same items without comments have vocabulary findings.
    for id in ["hard", "other"] {
        assert!(
            findings(&v)
                .iter()
                .any(|f| f["file"] == "hard.yaml" && f["item"] == id),
            "{id}"
        );
    }
    let in_items: Vec<&Value> = findings(&v)
        .iter()
        .filter(|f| f["file"] == "suppressed.yaml" && f["rule"] == "vocabulary/above-level")
        .collect();
    assert!(in_items.is_empty(), "{in_items:?}");
    let unused: Vec<(u64, u64, &str)> = findings(&v)
        .iter()
        .filter(|f| f["rule"] == "config/unused-suppression")
        .map(|f| {
            assert_eq!(f["severity"], "info");
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    // The grammar comment above `easy` (nothing to suppress) and the misspelt code.
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert_eq!((unused[0].0, unused[0].1), (10, 3));
    assert!(unused[0].2.contains("nothing to suppress in item `easy`"));
    assert_eq!((unused[1].0, unused[1].1), (15, 34));
    assert!(unused[1].2.contains("`vocabulary/abov-level`"));
    // Ignoring the rule silences the reports.
    std::fs::write(
        p.path().join("cefrlint.yaml"),
        "ignore: [config/unused-suppression]\n",
    )
    .unwrap();
    let (v, _) = check(p.path(), &["suppressed.yaml"]);
    assert_eq!(count(&v, "suppressed.yaml", "config/unused-suppression"), 0);
}

#[test]
fn ignore_items_suppress_by_item_id_in_any_format() {
    let p = project(&[
        ("quiz/undeclared.gift", "@quiz/undeclared.gift"),
        ("video/clip.vtt", "@video/clip.vtt"),
        (
            "cefrlint.yaml",
            &format!(
                "{PATHS}ignore-items:\n  - glob: quiz/*.gift\n    items: [q1, q2, q9]\n  - glob: '*.vtt'\n    items: ['2']\n    rules: [grammar]\n"
            ),
        ),
    ]);
    let (v, _) = check(p.path(), &["."]);
    let of_item = |file: &str, id: &str| {
        findings(&v)
            .iter()
            .filter(|f| {
                f["file"] == file && f["item"] == id && f["rule"] != "config/unused-suppression"
            })
            .count()
    };
    assert_eq!(of_item("quiz/undeclared.gift", "q1"), 0, "{v}");
    // Only grammar is ignored in cue 2: its vocabulary findings stay.
    assert!(of_item("video/clip.vtt", "2") >= 2);
    let unused: Vec<(String, u64, u64)> = findings(&v)
        .iter()
        .filter(|f| f["rule"] == "config/unused-suppression")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // q2 has nothing to suppress and cue 2 has no grammar finding; q9 was never checked.
    assert_eq!(
        unused,
        [
            ("cefrlint.yaml".to_string(), 11, 17),
            ("cefrlint.yaml".to_string(), 13, 14),
        ]
    );
}

#[test]
fn suppression_comments_work_in_gift_too() {
    let p = project(&[
        ("quiz/commented.gift", "@quiz/commented.gift"),
        ("quiz/undeclared.gift", "@quiz/undeclared.gift"),
        ("cefrlint.yaml", PATHS),
    ]);
    let (v, _) = check(p.path(), &["quiz"]);
    let vocab = |file: &str| {
        findings(&v)
            .iter()
            .filter(|f| {
                f["file"] == file && f["item"] == "q1" && f["rule"] == "vocabulary/above-level"
            })
            .count()
    };
    assert!(vocab("quiz/undeclared.gift") >= 2, "{v}");
    assert_eq!(vocab("quiz/commented.gift"), 0, "{v}");
    let unused: Vec<(u64, u64)> = findings(&v)
        .iter()
        .filter(|f| f["rule"] == "config/unused-suppression")
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(unused, [(5, 1)]);
}

#[test]
fn a_comment_on_a_line_without_an_item_suppresses_that_line_only() {
    let text = std::fs::read_to_string(fixture("hard.yaml"))
        .unwrap()
        .replace(
            "level: A1\n",
            "level: A1  # cefrlint: ignore[level/above-declared]\n",
        );
    let p = project(&[("hard.yaml", "@hard.yaml")]);
    let (before, _) = check(p.path(), &["hard.yaml"]);
    assert_eq!(count(&before, "hard.yaml", "level/above-declared"), 1);
    std::fs::write(p.path().join("hard.yaml"), &text).unwrap();
    let (v, code) = check(p.path(), &["hard.yaml"]);
    assert_eq!(count(&v, "hard.yaml", "level/above-declared"), 0, "{v}");
    assert_eq!(count(&v, "hard.yaml", "config/unused-suppression"), 0);
    // The vocabulary findings of the items stay; no error is left, so the run passes.
    assert_eq!(
        count(&v, "hard.yaml", "vocabulary/above-level"),
        count(&before, "hard.yaml", "vocabulary/above-level")
    );
    assert_eq!(code, 0);
    // On a line with nothing to suppress, the comment is reported.
    std::fs::write(
        p.path().join("hard.yaml"),
        text.replace("language: en\n", "language: en  # cefrlint: ignore\n"),
    )
    .unwrap();
    let (v, _) = check(p.path(), &["hard.yaml"]);
    let unused: Vec<&Value> = findings(&v)
        .iter()
        .filter(|f| f["rule"] == "config/unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1);
    assert_eq!(
        (unused[0]["line"].as_u64(), unused[0]["column"].as_u64()),
        (Some(2), Some(15))
    );
    assert!(unused[0]["message"]
        .as_str()
        .unwrap()
        .contains("nothing to suppress on line 2"));
}
