//! `--format sarif` against the official SARIF 2.1.0 JSON schema (the copy the serde-sarif
//! crate ships, a dev-dependency: it comes from crates.io, no other network), on a report
//! with findings, one without, and inputs inside archives; columns in UTF-16 code units.
//!
//! The schema validation never skips when `CI` or `CEFRLINT_REQUIRE_SARIF_SCHEMA=1` is set
//! (`.ci/run` sets the latter): a missing schema is then a failure.

mod common;
mod pkgutil;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether the schema must be found (CI).
fn schema_required() -> bool {
    let set = |v: &str| std::env::var(v).is_ok_and(|x| !x.is_empty() && x != "0" && x != "false");
    set("CI") || set("CEFRLINT_REQUIRE_SARIF_SCHEMA")
}

/// serde-sarif's folder: from `cargo metadata` (wherever cargo keeps its sources: registry,
/// vendored folder, another CARGO_HOME), else found in the cargo registry's sources.
fn serde_sarif_dir() -> Option<PathBuf> {
    from_metadata().or_else(from_registry)
}

fn from_metadata() -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // Only the host's packages: those of other platforms may not have been downloaded.
    let host = Command::new("rustc")
        .arg("-vV")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|v| {
            v.lines()
                .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        });
    let mut cmd = Command::new(cargo);
    cmd.args(["metadata", "--format-version", "1"]);
    if let Some(h) = &host {
        cmd.args(["--filter-platform", h]);
    }
    let out = cmd.current_dir(root()).output().ok()?;
    if !out.status.success() {
        eprintln!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    meta["packages"]
        .as_array()?
        .iter()
        .filter(|p| p["name"] == "serde-sarif")
        .filter_map(|p| p["manifest_path"].as_str())
        .map(|m| Path::new(m).parent().unwrap().to_path_buf())
        .max()
}

/// The newest serde-sarif in `$CARGO_HOME/registry/src/*/`.
fn from_registry() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(home.join("registry/src"))
        .ok()?
        .flatten()
        .flat_map(|index| {
            std::fs::read_dir(index.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .filter(|c| c.file_name().to_string_lossy().starts_with("serde-sarif-"))
        .map(|c| c.path())
        .collect();
    found.sort();
    found.pop()
}

/// The SARIF 2.1.0 schema, or `None` (after saying so) when it cannot be found and is not
/// required.
fn schema() -> Option<serde_json::Value> {
    let path = serde_sarif_dir().map(|d| d.join("src/schema.json"));
    match path.filter(|p| p.is_file()) {
        Some(p) => {
            let schema: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            assert!(
                schema["title"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("SARIF) Version 2.1.0"),
                "{} is not the SARIF 2.1.0 schema",
                p.display()
            );
            Some(schema)
        }
        None if schema_required() => panic!(
            "the SARIF 2.1.0 schema (serde-sarif's src/schema.json, a dev-dependency) was not \
             found, and CI / CEFRLINT_REQUIRE_SARIF_SCHEMA asks for it"
        ),
        None => {
            eprintln!("skipped the schema validation: serde-sarif's schema.json was not found");
            None
        }
    }
}

/// Validates a log against the schema and reads it with serde-sarif's typed model.
fn assert_valid(log: &serde_json::Value) {
    if let Some(schema) = schema() {
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // The validator does reject a broken log.
        let mut broken = log.clone();
        broken["runs"][0]["columnKind"] = "bytes".into();
        assert!(!validator.is_valid(&broken));
    }
    let typed: serde_sarif::sarif::Sarif =
        serde_json::from_value(log.clone()).expect("serde-sarif reads the log");
    assert_eq!(typed.runs.len(), 1);
}

fn sarif_in(dir: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    let all: Vec<&str> = ["check", "--format", "sarif"]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let o = cefrlint_in(dir, &all);
    let log = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stderr)));
    (log, o.status.code().unwrap_or(-1))
}

/// A French A1 lesson whose line 6 has accented letters and an emoji before `néanmoins`.
const LESSON: &str = "language: fr
level: A1
items:
  - id: t1
    kind: text
    text: \"Été à Noël 🙂 néanmoins, je prends un café.\"
";

/// A clean English A1 lesson.
const CLEAN: &str = "language: en
level: A1
items:
  - id: c1
    kind: text
    text: \"I have a cat. It is black.\"
";

#[test]
fn sarif_with_findings_is_valid() {
    let (log, _) = sarif_in(
        &root(),
        &["corpora", "tests/fixtures/mixed", "tests/fixtures/outputs"],
    );
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    assert_valid(&log);
}

#[test]
fn sarif_without_findings_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.yaml"), CLEAN).unwrap();
    let (log, code) = sarif_in(dir.path(), &["clean.yaml"]);
    assert_eq!(code, 0);
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 0, "{run:#}");
    assert_eq!(run["artifacts"][0]["location"]["uri"], "clean.yaml");
    assert_valid(&log);
}

#[test]
fn archive_members_are_nested_artifacts_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let inner = pkgutil::zip_bytes(&[("deep/lesson.yaml", LESSON.as_bytes())]);
    pkgutil::write_zip(
        &dir.path().join("course.zip"),
        &[
            ("lessons/été.yaml", LESSON.as_bytes()),
            ("more.zip", &inner),
        ],
    );
    let (log, _) = sarif_in(dir.path(), &["course.zip"]);
    assert_valid(&log);
    let run = &log["runs"][0];
    let artifacts = run["artifacts"].as_array().unwrap();
    let find = |uri: &str| {
        artifacts
            .iter()
            .position(|a| a["location"]["uri"] == uri)
            .unwrap_or_else(|| panic!("no artifact {uri}: {artifacts:#?}"))
    };
    // The archive is top-level; members are nested, their uri their path in the archive.
    let course = find("course.zip");
    assert!(artifacts[course].get("parentIndex").is_none());
    let member = find("/lessons/%C3%A9t%C3%A9.yaml");
    assert_eq!(artifacts[member]["parentIndex"], course);
    let more = find("/more.zip");
    assert_eq!(artifacts[more]["parentIndex"], course);
    let deep = find("/deep/lesson.yaml");
    assert_eq!(artifacts[deep]["parentIndex"], more);
    // Results name the member as every cefrlint output does, without an `index` that would
    // denote a different reference.
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert!(loc.get("index").is_none(), "{loc}");
            loc["uri"].as_str().unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"course.zip!/lessons/%C3%A9t%C3%A9.yaml"),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"course.zip!/more.zip!/deep/lesson.yaml"),
        "{uris:?}"
    );
}

/// The column unit of every format: SARIF counts UTF-16 code units (its default, said in
/// `columnKind`), the others Unicode code points (docs/output-formats.md).
#[test]
fn columns_follow_each_formats_unit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("noel.yaml"), LESSON).unwrap();
    let line = LESSON.lines().nth(5).unwrap();
    let at = line.find("néanmoins").unwrap();
    let chars = line[..at].chars().count() as u64 + 1;
    let utf16 = line[..at].encode_utf16().count() as u64 + 1;
    assert_eq!(utf16, chars + 1, "one astral character before the word");
    let word = "néanmoins".chars().count() as u64;

    let (log, _) = sarif_in(dir.path(), &["noel.yaml"]);
    assert_valid(&log);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "vocabulary/above-level")
        .expect("néanmoins is above A1");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 6);
    assert_eq!(region["startColumn"], utf16);
    assert_eq!(region["endColumn"], utf16 + word);

    let run_fmt = |format: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_cefrlint"))
            .args(["check", "--format", format, "noel.yaml"])
            .current_dir(dir.path())
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    // JSON, concise, GitHub, CSV: code points.
    let v: serde_json::Value = serde_json::from_str(&run_fmt("json")).unwrap();
    let f = of_rule(&v, "vocabulary/above-level")[0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(6), Some(chars))
    );
    assert_eq!(f["end_column"].as_u64(), Some(chars + word));
    assert!(run_fmt("concise").contains(&format!(
        "noel.yaml:6:{chars}: warning vocabulary/above-level"
    )));
    assert!(run_fmt("github").contains(&format!(
        "line=6,col={chars},endLine=6,endColumn={},title=vocabulary/above-level",
        chars + word
    )));
    assert!(run_fmt("csv").contains(&format!("noel.yaml,6,{chars},6,{},", chars + word)));
}
