//! The output formats: each one checked for its syntax (SARIF against the SARIF 2.1.0 schema
//! in tests/sarif.rs, JUnit as XML, GitHub workflow commands against their grammar, CSV read
//! back) and against the JSON output of the same run; snapshots of each on the corpora.

mod common;
use common::*;

fn run(args: &[&str]) -> (String, i32) {
    let o = cefrlint(args);
    (stdout(&o), o.status.code().unwrap_or(-1))
}

/// The findings of the JSON output of the same check.
fn json_findings(paths: &[&str]) -> Vec<serde_json::Value> {
    let mut a = vec!["check"];
    a.extend(paths);
    let (v, _) = json(&a);
    findings(&v).clone()
}

const CORPORA: &[&str] = &["corpora", "tests/fixtures/mixed", "tests/fixtures/outputs"];

fn check(format: &str, paths: &[&str]) -> String {
    let mut a = vec!["check", "--format", format];
    a.extend(paths);
    run(&a).0
}

// ---------------------------------------------------------------- concise

#[test]
fn concise_has_one_line_per_finding_then_the_summary() {
    let out = check("concise", CORPORA);
    let expected = json_findings(CORPORA);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1, "{out}");
    let re =
        regex::Regex::new(r"^(.+):(\d+):(\d+): (error|warning|info) ([a-z]+/[a-z0-9-]+) (.+)$")
            .unwrap();
    for (line, f) in lines.iter().zip(&expected) {
        let c = re
            .captures(line)
            .unwrap_or_else(|| panic!("bad line {line:?}"));
        assert_eq!(&c[1], f["file"].as_str().unwrap());
        assert_eq!(c[2].parse::<u64>().unwrap(), f["line"].as_u64().unwrap());
        assert_eq!(c[3].parse::<u64>().unwrap(), f["column"].as_u64().unwrap());
        assert_eq!(&c[4], f["severity"].as_str().unwrap());
        assert_eq!(&c[5], f["rule"].as_str().unwrap());
    }
    assert!(lines.last().unwrap().contains("finding(s)"));
    // --quiet: the findings only.
    let (quiet, _) = run(&["check", "--format", "concise", "--quiet", "corpora"]);
    assert_eq!(quiet.lines().count(), json_findings(&["corpora"]).len());
    assert!(!quiet.contains("finding(s)"));
}

// ---------------------------------------------------------------- jsonl

#[test]
fn jsonl_is_the_json_findings_one_per_line_then_a_summary() {
    let out = check("jsonl", CORPORA);
    let expected = json_findings(CORPORA);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect();
    assert_eq!(lines.len(), expected.len() + 1);
    for (l, f) in lines.iter().zip(&expected) {
        assert_eq!(l["type"], "finding");
        let mut l = l.clone();
        l.as_object_mut().unwrap().remove("type");
        assert_eq!(&l, f);
    }
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["version"], 1);
    assert_eq!(
        summary["findings"].as_u64().unwrap() as usize,
        expected.len()
    );
    let (v, _) = json(&[
        "check",
        "corpora",
        "tests/fixtures/mixed",
        "tests/fixtures/outputs",
    ]);
    assert_eq!(summary["by_rule"], v["summary"]["by_rule"]);
}

// ---------------------------------------------------------------- sarif

fn sarif(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["check", "--format", "sarif"];
    a.extend(args);
    let (out, _) = run(&a);
    serde_json::from_str(&out).expect("SARIF is JSON")
}

/// The structure of the SARIF log against the JSON output of the same run (the schema
/// validation is in tests/sarif.rs).
#[test]
fn sarif_results_match_the_json_findings() {
    let log = sarif(CORPORA);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    // UTF-16 code units; the corpora have no astral character, so they equal the JSON
    // output's character columns here (tests/sarif.rs checks a line where they differ).
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), cefrlint::checks::all().len());
    let results = run["results"].as_array().unwrap();
    let expected = json_findings(CORPORA);
    assert_eq!(results.len(), expected.len());
    for (r, f) in results.iter().zip(&expected) {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert_eq!(r["ruleId"], f["rule"]);
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(
            uri,
            f["file"].as_str().unwrap(),
            "plain paths need no escape"
        );
        let art = loc["artifactLocation"]["index"].as_u64().unwrap() as usize;
        assert_eq!(run["artifacts"][art]["location"]["uri"], uri);
        assert_eq!(loc["region"]["startLine"], f["line"]);
        assert_eq!(loc["region"]["startColumn"], f["column"]);
        assert_eq!(loc["region"]["endLine"], f["end_line"]);
        assert_eq!(loc["region"]["endColumn"], f["end_column"]);
        let level = r["level"].as_str().unwrap();
        let sev = f["severity"].as_str().unwrap();
        assert_eq!(level, if sev == "info" { "note" } else { sev });
    }
}

#[test]
fn sarif_uris_are_escaped_and_rules_localised() {
    let dir = tempfile::tempdir().unwrap();
    let name = "jardin d'été, 100%.yaml";
    std::fs::copy(
        root().join("tests/fixtures/outputs/garden.yaml"),
        dir.path().join(name),
    )
    .unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args(["--locale", "fr", "check", "--format", "sarif", name])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let run = &log["runs"][0];
    let uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(uri, "jardin%20d%27%C3%A9t%C3%A9%2C%20100%25.yaml");
    assert_eq!(run["language"], "fr");
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(
        rule["shortDescription"]["text"],
        cefrlint::checks::all()[0].summary_fr
    );
}

// ---------------------------------------------------------------- github

#[test]
fn github_commands_follow_the_workflow_command_grammar() {
    let dir = tempfile::tempdir().unwrap();
    // A path with the characters properties must escape.
    let name = "a,b: c%.yaml";
    std::fs::copy(
        root().join("tests/fixtures/outputs/garden.yaml"),
        dir.path().join(name),
    )
    .unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args(["check", "--format", "github", name])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let odd = String::from_utf8(o.stdout).unwrap();
    assert!(odd.contains("file=a%2Cb%3A c%25.yaml,"), "{odd}");
    let out = check("github", CORPORA) + &odd;
    // ::command key=value,...::message — values: no raw `,` `:` `%` or line break, `%` only
    // in the escapes; message: no raw line break, `%` only in its escapes.
    let prop = r"(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)+";
    let data = r"(?:[^%\r\n]|%25|%0D|%0A)*";
    let re = regex::Regex::new(&format!(
        r"^::(error|warning|notice) file={prop},line=[1-9]\d*,col=[1-9]\d*,endLine=[1-9]\d*,endColumn=[1-9]\d*,title={prop}::{data}$"
    ))
    .unwrap();
    let n = out.lines().count();
    assert_eq!(n, json_findings(CORPORA).len() + 4);
    for line in out.lines() {
        assert!(re.is_match(line), "not a workflow command: {line:?}");
    }
    // Multi-line messages are escaped, not split.
    assert!(
        out.contains("%0A"),
        "the corpora have a multi-line structure"
    );
}

// ---------------------------------------------------------------- gitlab

#[test]
fn gitlab_code_quality_issues_have_the_required_fields() {
    let out = check("gitlab", CORPORA);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issues = v.as_array().unwrap();
    let expected = json_findings(CORPORA);
    assert_eq!(issues.len(), expected.len());
    let mut fps = std::collections::BTreeSet::new();
    for (i, f) in issues.iter().zip(&expected) {
        assert_eq!(i["check_name"], f["rule"]);
        assert_eq!(i["description"], f["message"]);
        assert_eq!(i["location"]["path"], f["file"]);
        assert_eq!(i["location"]["lines"]["begin"], f["line"]);
        let sev = i["severity"].as_str().unwrap();
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&sev));
        assert!(fps.insert(i["fingerprint"].as_str().unwrap().to_string()));
    }
    // An empty report is an empty array.
    let clean = check("gitlab", &["corpora/en/clean"]);
    assert_eq!(clean.trim(), "[]");
}

// ---------------------------------------------------------------- junit

#[test]
fn junit_is_well_formed_and_counts_match() {
    let out = check("junit", CORPORA);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root_el = doc.root_element();
    assert_eq!(root_el.tag_name().name(), "testsuites");
    let (v, _) = json(&[
        "check",
        "corpora",
        "tests/fixtures/mixed",
        "tests/fixtures/outputs",
    ]);
    let suites: Vec<_> = root_el
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), v["files"].as_array().unwrap().len());
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    let attr = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<usize>().unwrap();
    assert_eq!(attr(root_el, "tests"), cases.len());
    assert_eq!(attr(root_el, "failures"), failures.len());
    for s in &suites {
        let n = s.children().filter(|c| c.has_tag_name("testcase")).count();
        assert_eq!(attr(*s, "tests"), n);
    }
    // Every finding is in a failure's text, one line each.
    let lines: usize = failures
        .iter()
        .map(|f| {
            let text = f.text().unwrap_or("");
            let n: usize = f
                .attribute("message")
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let found = text
                .lines()
                .filter(|l| l.contains(": "))
                .filter(|l| {
                    l.split(':')
                        .nth(1)
                        .is_some_and(|x| x.parse::<u32>().is_ok())
                })
                .count();
            assert!(found >= n, "{text}");
            n
        })
        .sum();
    assert_eq!(lines, findings(&v).len());
}

// ---------------------------------------------------------------- csv

#[test]
fn csv_has_a_bom_a_header_and_a_row_per_finding() {
    let out = cefrlint(&[
        "check",
        "--format",
        "csv",
        "corpora",
        "tests/fixtures/outputs",
    ])
    .stdout;
    assert!(out.starts_with("\u{FEFF}".as_bytes()));
    let mut r = csv::Reader::from_reader(&out[3..]);
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "rule",
            "item",
            "message"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let expected = json_findings(&["corpora", "tests/fixtures/outputs"]);
    assert_eq!(rows.len(), expected.len());
    for (row, f) in rows.iter().zip(&expected) {
        assert_eq!(&row[0], f["file"].as_str().unwrap());
        assert_eq!(&row[1], f["line"].to_string());
        assert_eq!(&row[6], f["rule"].as_str().unwrap());
        assert_eq!(&row[8], f["message"].as_str().unwrap());
    }
    // `;` for spreadsheets with a decimal comma, and a French header.
    let fr = cefrlint(&[
        "--locale",
        "fr",
        "check",
        "--format",
        "csv",
        "--csv-delimiter",
        ";",
        "corpora/fr",
    ])
    .stdout;
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&fr[3..]);
    assert_eq!(&r.headers().unwrap()[0], "fichier");
    assert_eq!(r.records().count(), json_findings(&["corpora/fr"]).len());
    assert_eq!(
        cefrlint(&[
            "check",
            "--format",
            "csv",
            "--csv-delimiter",
            "ab",
            "corpora"
        ])
        .status
        .code(),
        Some(2)
    );
}

// ---------------------------------------------------------------- markdown

#[test]
fn markdown_shows_counts_then_the_first_rows_and_how_many_more() {
    let all = json_findings(&["corpora"]);
    let (out, _) = run(&[
        "check",
        "--format",
        "markdown",
        "--markdown-rows",
        "5",
        "corpora",
    ]);
    assert!(out.starts_with(&format!("## cefrlint: {} finding(s)", all.len())));
    let rows = out.lines().filter(|l| l.contains("](corpora/")).count();
    assert_eq!(rows, 5);
    assert!(
        out.contains(&format!("… and {} more.", all.len() - 5)),
        "{out}"
    );
    let first = &all[0];
    assert!(out.contains(&format!(
        "]({}#L{})",
        first["file"].as_str().unwrap(),
        first["line"]
    )));
    let (fr, _) = run(&["--locale", "fr", "check", "--format", "markdown", "corpora"]);
    assert!(fr.starts_with("## cefrlint : "), "{fr}");
    assert!(fr.contains("| Gravité | Nombre |"));
    assert!(all.len() > 50);
    assert!(
        fr.contains(&format!("… et {} de plus.", all.len() - 50)),
        "50 rows by default"
    );
}

// ---------------------------------------------------------------- every format

#[test]
fn every_format_is_byte_identical_whatever_the_thread_count() {
    for format in [
        "concise", "jsonl", "sarif", "github", "gitlab", "junit", "csv", "markdown",
    ] {
        let a = cefrlint(&["check", "--format", format, "--jobs", "1", "corpora"]);
        let b = cefrlint(&["check", "--format", format, "--jobs", "3", "corpora"]);
        assert!(!a.stdout.is_empty(), "{format}");
        assert_eq!(a.stdout, b.stdout, "{format}");
        assert_eq!(a.status.code(), b.status.code());
    }
}

#[test]
fn snapshots_of_every_format_on_the_corpora() {
    for format in [
        "concise", "jsonl", "sarif", "github", "gitlab", "junit", "csv", "markdown",
    ] {
        let (out, _) = run(&["check", "--format", format, "corpora"]);
        insta::assert_snapshot!(format!("format_{format}"), out);
    }
    let (fr, _) = run(&[
        "--locale",
        "fr",
        "check",
        "--format",
        "concise",
        "corpora/fr",
    ]);
    insta::assert_snapshot!("format_concise_fr", fr);
}
