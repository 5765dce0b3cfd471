//! `--write-baseline` / `--baseline`, `--statistics`, `--quiet` and the progress bar.

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Output};

const GARDEN: &str = "tests/fixtures/outputs/garden.yaml";

fn json_in(dir: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let o = cefrlint_in(dir, &a);
    (
        serde_json::from_slice(&o.stdout).expect("JSON"),
        o.status.code().unwrap(),
    )
}

fn garden_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(GARDEN), dir.path().join("garden.yaml")).unwrap();
    dir
}

#[test]
fn a_baseline_hides_recorded_findings_and_survives_unrelated_edits() {
    let dir = garden_copy();
    let d = dir.path();
    let before = cefrlint_in(d, &["check", "garden.yaml", "--fail-on", "warning"]);
    assert_eq!(before.status.code(), Some(1));
    let w = cefrlint_in(
        d,
        &[
            "check",
            "garden.yaml",
            "--write-baseline",
            "baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(
        w.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&w.stderr)
    );
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(b["version"], 1);
    let entries = b["entries"].as_array().unwrap();
    let (v, _) = json_in(d, &["check", "garden.yaml"]);
    let n = findings(&v).len();
    assert!(n >= 3);
    assert_eq!(
        entries
            .iter()
            .map(|e| e["count"].as_u64().unwrap())
            .sum::<u64>() as usize,
        n
    );
    let mut sorted = entries.clone();
    sorted.sort_by_key(|e| {
        (
            e["file"].to_string(),
            e["rule"].to_string(),
            e["item"].to_string(),
            e["text"].to_string(),
        )
    });
    assert_eq!(&sorted, entries, "entries are sorted");
    assert!(entries.iter().any(|e| e["text"] == "horticultural"));

    // Same findings: all hidden, exit 0, reported in the summary.
    let (v, code) = json_in(
        d,
        &[
            "check",
            "garden.yaml",
            "--baseline",
            "baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(code, 0);
    assert!(findings(&v).is_empty());
    assert_eq!(
        v["summary"]["baseline"]["suppressed"].as_u64().unwrap() as usize,
        n
    );
    assert_eq!(v["summary"]["baseline"]["unmatched"], 0);
    assert_eq!(v["files"][0]["findings"], 0);

    // Lines inserted above the items: every line number moves, nothing is reported.
    let text = std::fs::read_to_string(d.join("garden.yaml")).unwrap();
    let moved = text.replacen(
        "lessons:\n",
        "# A note for the teacher.\n# Another one.\n\nlessons:\n",
        1,
    );
    std::fs::write(d.join("garden.yaml"), &moved).unwrap();
    let (v, code) = json_in(
        d,
        &[
            "check",
            "garden.yaml",
            "--baseline",
            "baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(code, 0, "{:#?}", findings(&v));
    assert!(findings(&v).is_empty());

    // The offending word changed: that finding is new, the old entry matches nothing.
    std::fs::write(
        d.join("garden.yaml"),
        moved.replace("a horticultural show", "an ornamental show"),
    )
    .unwrap();
    let (v, code) = json_in(
        d,
        &[
            "check",
            "garden.yaml",
            "--baseline",
            "baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    let f = findings(&v);
    assert_eq!(code, 1, "{f:#?}");
    assert!(
        f.iter()
            .any(|f| f["message"].as_str().unwrap().contains("ornamental")),
        "{f:#?}"
    );
    assert!(f
        .iter()
        .all(|f| !f["message"].as_str().unwrap().contains("horticultural")));
    assert!(v["summary"]["baseline"]["unmatched"].as_u64().unwrap() >= 1);
    // The human summary says so too.
    let h = stdout_of(&cefrlint_in(
        d,
        &["check", "garden.yaml", "--baseline", "baseline.json"],
    ));
    assert!(h.contains("info: the baseline hid"), "{h}");
}

fn stdout_of(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn writing_a_baseline_is_deterministic_and_a_bad_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let c = root().join("corpora");
    let c = c.to_str().unwrap();
    cefrlint_in(
        d,
        &["check", c, "--write-baseline", "a.json", "--jobs", "1"],
    );
    cefrlint_in(
        d,
        &["check", c, "--write-baseline", "b.json", "--jobs", "3"],
    );
    let a = std::fs::read(d.join("a.json")).unwrap();
    assert!(!a.is_empty());
    assert_eq!(a, std::fs::read(d.join("b.json")).unwrap());

    std::fs::write(d.join("bad.json"), "{\"version\": 1, \"entries\": [}").unwrap();
    let o = cefrlint_in(d, &["check", c, "--baseline", "bad.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.json"));
    let o = cefrlint_in(d, &["check", c, "--baseline", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::write(
        d.join("v9.json"),
        "{\"version\": 9, \"tool\": \"cefrlint\", \"entries\": []}",
    )
    .unwrap();
    let o = cefrlint_in(d, &["check", c, "--baseline", "v9.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("version 9"));
}

#[test]
fn input_errors_are_never_baselined() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mixed = root().join("tests/fixtures/mixed");
    let m = mixed.to_str().unwrap();
    let w = cefrlint_in(d, &["check", m, "--write-baseline", "b.json"]);
    assert_eq!(w.status.code(), Some(2));
    let (v, code) = json_in(d, &["check", m, "--baseline", "b.json"]);
    assert_eq!(code, 2);
    assert_eq!(of_rule(&v, "input/parse-error").len(), 1);
}

#[test]
fn statistics_count_findings_per_rule() {
    let (v, _) = json(&["check", "corpora", "--statistics"]);
    let stats = v["statistics"].as_object().unwrap();
    let by_rule = v["summary"]["by_rule"].as_object().unwrap();
    assert_eq!(stats.len(), by_rule.len());
    for (rule, n) in by_rule {
        assert_eq!(&stats[rule]["count"], n);
    }
    // Without the flag the JSON document is unchanged.
    let (plain, _) = json(&["check", "corpora"]);
    assert!(plain.get("statistics").is_none());
    let human = stdout(&cefrlint(&["check", "corpora", "--statistics"]));
    let table_start = human.find("count  rule").expect("a table header");
    for (rule, n) in by_rule {
        let row = human[table_start..]
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(rule))
            .unwrap_or_else(|| panic!("no row for {rule}"));
        assert_eq!(row.split_whitespace().next().unwrap(), n.to_string());
    }
    let fr = stdout(&cefrlint(&[
        "--locale",
        "fr",
        "check",
        "corpora",
        "--statistics",
    ]));
    assert!(fr.contains("nombre  règle"));
}

#[test]
fn quiet_prints_the_findings_only() {
    let loud = stdout(&cefrlint(&["check", "corpora/en/defects"]));
    let quiet = stdout(&cefrlint(&["check", "corpora/en/defects", "--quiet"]));
    assert!(loud.contains("finding(s):"));
    assert!(!quiet.contains("finding(s):"));
    assert!(quiet.contains("vocabulary/above-level"));
    assert_eq!(quiet, loud[..quiet.len()]);
    let clean = cefrlint(&["check", "corpora/en/clean", "-q"]);
    assert!(clean.stdout.is_empty());
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // More files than the bar's threshold, in a pipe: stderr stays empty.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("corpora/en/clean/a1-my-family.yaml")).unwrap();
    for i in 0..210 {
        std::fs::write(dir.path().join(format!("l{i:03}.yaml")), &text).unwrap();
    }
    let o = cefrlint_in(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout_of(&o));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout_of(&o).contains("210 file(s)"));
}

#[test]
fn a_progress_bar_on_a_terminal_for_a_big_run() {
    // util-linux `script` runs the command on a pseudo-terminal; skipped where it is missing.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("corpora/en/clean/a1-my-family.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("lessons")).unwrap();
    for i in 0..210 {
        std::fs::write(dir.path().join(format!("lessons/l{i:03}.yaml")), &text).unwrap();
    }
    let cmd = format!(
        "{} check lessons --format json > out.json",
        env!("CARGO_BIN_EXE_cefrlint")
    );
    let o = Command::new("script")
        .args(["-qec", &cmd, "typescript.log"])
        .current_dir(dir.path())
        .env("LANG", "C")
        .output();
    let log = match o {
        Ok(o) if o.status.success() => {
            std::fs::read_to_string(dir.path().join("typescript.log")).unwrap_or_default()
        }
        _ => {
            eprintln!("skipped: util-linux `script` is not available");
            return;
        }
    };
    assert!(
        log.contains("/210 files"),
        "no progress bar on the terminal: {log:?}"
    );
    // The report itself is untouched.
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 210);
    // --quiet: no bar.
    let quiet = format!("{cmd} --quiet");
    let cmd2 = quiet.replace("> out.json --quiet", "--quiet > out.json");
    Command::new("script")
        .args(["-qec", &cmd2, "quiet.log"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let log = std::fs::read_to_string(dir.path().join("quiet.log")).unwrap_or_default();
    assert!(!log.contains("files"), "{log:?}");
}
