//! Bad input never panics: it becomes a finding with a location, and the exit code says so.

mod common;
use common::*;

fn one(path: &str) -> (serde_json::Value, i32) {
    json(&["check", path])
}

fn only<'a>(v: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    let fs = of_rule(v, rule);
    assert_eq!(fs.len(), 1, "{v:#}");
    fs[0]
}

#[test]
fn syntax_errors_are_parse_errors_with_a_position() {
    for (file, line) in [
        ("unclosed-quote.yaml", None),
        ("bad-indent.yaml", Some(10)),
        ("tab-indent.yaml", Some(7)),
        ("trailing-comma.json", None),
        ("truncated.json", Some(7)),
    ] {
        let (v, code) = one(&format!("tests/fixtures/bad/{file}"));
        assert_eq!(code, 2, "{file}");
        let f = only(&v, "input/parse-error");
        assert!(f["line"].as_u64().unwrap() >= 1, "{file}");
        if let Some(l) = line {
            assert_eq!(f["line"], l, "{file}: {f:#}");
        }
    }
}

#[test]
fn duplicate_keys_are_reported_at_the_second_key() {
    let (v, code) = one("tests/fixtures/bad/duplicate-key.yaml");
    assert_eq!(code, 2);
    let f = only(&v, "input/parse-error");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(10), Some(5))
    );
}

#[test]
fn wrong_structures_are_reported_where_they_are() {
    let (v, code) = one("tests/fixtures/bad/not-a-mapping.yaml");
    assert_eq!(code, 2);
    assert_eq!(only(&v, "input/invalid-structure")["line"], 1);
    let (v, code) = one("tests/fixtures/bad/items-not-list.yaml");
    assert_eq!(code, 2);
    assert_eq!(only(&v, "input/invalid-structure")["line"], 6);
}

#[test]
fn unknown_kinds_are_named_and_the_item_still_checked() {
    let (v, _) = one("tests/fixtures/bad/unknown-kind.yaml");
    let f = only(&v, "metadata/unknown-kind");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(7), Some(11))
    );
    assert!(v["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == "f1"));
}

#[test]
fn legacy_bytes_are_decoded_with_an_encoding_note() {
    // `Caf\xE9 \xFF\xFE`: not UTF-8, read as windows-1252 (Latin-1), and checked.
    let (v, code) = one("tests/fixtures/bad/binary.yaml");
    assert_eq!(code, 0, "{v:#}");
    let f = only(&v, "encoding/not-utf8");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(f["severity"], "info");
    assert!(
        f["message"].as_str().unwrap().contains("windows-1252"),
        "{f:#}"
    );
    assert_eq!(v["files"][0]["readable"], true);
}

#[test]
fn undecodable_bytes_are_located_and_the_file_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("one-bad-byte.yaml");
    let mut bytes =
        "language: fr\nlevel: A1\nitems:\n  - id: t1\n    text: Le café est très bon et l'élève "
            .as_bytes()
            .to_vec();
    bytes.push(0xE9);
    bytes.extend(b"crit.\n");
    std::fs::write(&p, bytes).unwrap();
    let (v, code) = one(p.to_str().unwrap());
    assert_eq!(code, 1, "{v:#}");
    let f = only(&v, "encoding/invalid");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(5), Some(43))
    );
    assert!(f["message"].as_str().unwrap().contains("0xE9"), "{f:#}");
    assert!(of_rule(&v, "encoding/not-utf8").is_empty());
    assert_eq!(v["items"][0]["id"], "t1");
}

#[test]
fn a_binary_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("image.yaml");
    std::fs::write(&p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xd8\xff").unwrap();
    let (v, code) = one(p.to_str().unwrap());
    assert_eq!(code, 2);
    let f = only(&v, "input/unreadable");
    assert!(f["message"].as_str().unwrap().contains("NUL byte"), "{f:#}");
    assert_eq!(v["files"][0]["readable"], false);
}

#[test]
fn an_empty_file_named_explicitly_is_not_a_lesson() {
    let (v, code) = one("tests/fixtures/bad/empty.yaml");
    assert_eq!(code, 2);
    only(&v, "input/invalid-structure");
}

#[test]
fn a_whole_folder_of_bad_files_reports_each_one_and_does_not_stop() {
    let (v, code) = json(&["check", "tests/fixtures/bad"]);
    assert_eq!(code, 2);
    let files: std::collections::BTreeSet<&str> = findings(&v)
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    // Every malformed file is named; the empty one, found by walking, is skipped quietly.
    for f in [
        "unclosed-quote.yaml",
        "bad-indent.yaml",
        "tab-indent.yaml",
        "duplicate-key.yaml",
        "trailing-comma.json",
        "truncated.json",
        "binary.yaml",
        "items-not-list.yaml",
        "unknown-kind.yaml",
    ] {
        assert!(
            files.contains(format!("tests/fixtures/bad/{f}").as_str()),
            "{f} not reported"
        );
    }
}

#[test]
fn hostile_inputs_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let deep: Vec<u8> = format!("items: {}", "[".repeat(5000)).into_bytes();
    let cases: &[(&str, &[u8])] = &[
        ("deep.yaml", &deep),
        ("laughs.yaml", b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nitems: []\n"),
        ("nul.json", b"{\"items\": [\0]}"),
        ("bom.yaml", b"\xEF\xBB\xBFlanguage: en\nlevel: A1\nitems:\n  - id: a\n    text: I like cats.\n"),
        ("weird.yaml", b"language: en\nlevel: [A1]\nitems:\n  - 42\n  - id: [x]\n    options: {a: b}\n    pairs: [[a], [a, b, c]]\n    answers: [{x: y}]\n"),
    ];
    for (name, bytes) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let o = cefrlint(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(findings(&v)
        .iter()
        .all(|f| f["line"].as_u64().unwrap() >= 1));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}
