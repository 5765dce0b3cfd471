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
    cefrlint_in(&root(), args)
}

/// Runs the cefrlint binary in `dir`, with the same environment as [`cefrlint`].
pub fn cefrlint_in(dir: &Path, args: &[&str]) -> Output {
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

/// `../shared` next to the repository; `CEFRLINT_SHARED` names another place (a git
/// worktree is not next to it). `None`, after saying that the test is skipped, when absent.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("CEFRLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is absent");
        None
    }
}

/// Files under `dir` (recursively) whose extension is `ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for p in rd.flatten().map(|e| e.path()) {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The item `id` of a loaded document.
pub fn item<'a>(l: &'a cefrlint::load::Loaded, id: &str) -> &'a cefrlint::model::Item {
    l.document
        .as_ref()
        .expect("a document")
        .items()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// The texts of an item's fields of one role.
pub fn texts(it: &cefrlint::model::Item, role: cefrlint::model::Role) -> Vec<&str> {
    it.fields
        .iter()
        .filter(|f| f.role == role)
        .map(|f| f.text.as_str())
        .collect()
}

/// Line, column and source text of the first occurrence of `word` in an item's fields,
/// mapped back to the source.
pub fn word_at<'a>(
    src: &'a cefrlint::source::SourceFile,
    it: &cefrlint::model::Item,
    word: &str,
) -> (u32, u32, &'a str) {
    for f in &it.fields {
        if let Some(i) = f.text.as_str().find(word) {
            let span = f.text.source_span(i, i + word.len());
            let lc = src.line_col(span.start);
            return (lc.line, lc.column, &src.text[span.start..span.end]);
        }
    }
    panic!("{word} not in {}", it.id);
}

/// Line and column of `word` in an item's fields; the source there must read `word`.
pub fn position(
    src: &cefrlint::source::SourceFile,
    it: &cefrlint::model::Item,
    word: &str,
) -> (u32, u32) {
    let (line, column, text) = word_at(src, it, word);
    assert_eq!(text, word, "span of {word}");
    (line, column)
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// Reads and loads a fixture (a path from the repository root) as `format`.
pub fn load_fixture(
    path: &str,
    format: cefrlint::load::Format,
) -> (cefrlint::source::SourceFile, cefrlint::load::Loaded) {
    let bytes = std::fs::read(root().join(path)).unwrap();
    let src = cefrlint::load::decode(path, &bytes).0;
    let loaded = cefrlint::load::load(&src, format, true);
    (src, loaded)
}
