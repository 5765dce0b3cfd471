//! Helpers for the package tests: zips written in memory, findings looked up by word.
#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip holding `members` (name, bytes), deflated, in the given order.
pub fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in members {
        w.start_file(*name, opts).expect("start member");
        w.write_all(bytes).expect("write member");
    }
    w.finish().expect("finish zip").into_inner()
}

pub fn write_zip(path: &Path, members: &[(&str, &[u8])]) {
    std::fs::write(path, zip_bytes(members)).expect("write zip");
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..offset].chars().count() as u64 + 1)
}

/// The findings of `rule` in `file`.
pub fn at_file<'a>(v: &'a serde_json::Value, rule: &str, file: &str) -> Vec<&'a serde_json::Value> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule && f["file"] == file)
        .collect()
}

/// The finding of `rule` in `file` at (line, column), if any.
pub fn has_at(v: &serde_json::Value, rule: &str, file: &str, (line, col): (u64, u64)) -> bool {
    at_file(v, rule, file)
        .iter()
        .any(|f| f["line"] == line && f["column"] == col)
}

/// Items of the report whose file is `file`.
pub fn items_in<'a>(v: &'a serde_json::Value, file: &str) -> Vec<&'a serde_json::Value> {
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["file"] == file)
        .collect()
}

/// `../shared` from the repository root, or where `CEFRLINT_SHARED` says (as
/// `tests/common`); `None` (with a message) when absent.
pub fn shared() -> Option<std::path::PathBuf> {
    let p = std::env::var_os("CEFRLINT_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is absent");
        None
    }
}
