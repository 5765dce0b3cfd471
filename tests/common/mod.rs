//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the cefrlint binary from the repository root, with a fixed environment (English
/// interface, no colour).
pub fn cefrlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args(args)
        .current_dir(root())
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .expect("run cefrlint")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

pub fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let o = cefrlint(&a);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (v, o.status.code().unwrap_or(-1))
}

pub fn findings(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["findings"].as_array().expect("findings array")
}

/// Findings of one rule.
pub fn of_rule<'a>(v: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    findings(v).iter().filter(|f| f["rule"] == rule).collect()
}

/// The source text a finding points at (from its file, line, column and end).
pub fn pointed_text(f: &serde_json::Value) -> String {
    let file = root().join(f["file"].as_str().unwrap());
    let src = cefrlint::source::SourceFile::new("x", std::fs::read_to_string(file).unwrap());
    let start = src.offset_of(
        f["line"].as_u64().unwrap() as u32,
        f["column"].as_u64().unwrap() as u32,
    );
    let end = src.offset_of(
        f["end_line"].as_u64().unwrap() as u32,
        f["end_column"].as_u64().unwrap() as u32,
    );
    src.text[start..end.max(start)].to_string()
}

pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is absent");
        None
    }
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}
