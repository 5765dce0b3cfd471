//! Field-level `encoding/*` rules: mojibake, replacement characters, control characters.

mod common;
use common::*;

fn enc(args: &[&str]) -> Vec<(String, String, String, String)> {
    let (v, _) = json(args);
    findings(&v)
        .iter()
        .filter(|f| {
            let r = f["rule"].as_str().unwrap();
            r.starts_with("encoding/") && r != "encoding/not-utf8"
        })
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["item"].as_str().unwrap_or("").to_string(),
                pointed_text(f),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn mojibake_lost_and_control_characters_in_yaml() {
    let v = enc(&["check", "tests/fixtures/errors/encodage.yaml"]);
    let got: Vec<(&str, &str, &str)> = v
        .iter()
        .map(|(r, i, t, _)| (r.as_str(), i.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("encoding/mojibake", "moji", "allÃ©"),
            ("encoding/mojibake", "quote", "Câ€™est"),
            ("encoding/replacement-char", "lost", "�"),
            ("encoding/control-char", "ctrl", "\\x0b"),
        ],
        "{v:?}"
    );
    // The message gives the repaired word and the number of words affected.
    assert!(
        v[0].3.contains("`allé`") && v[0].3.contains("3 word(s)"),
        "{}",
        v[0].3
    );
    assert!(v[1].3.contains("`C’est`"), "{}", v[1].3);
    assert!(v[3].3.contains("U+000B"), "{}", v[3].3);
}

#[test]
fn mojibake_in_subtitles() {
    let v = enc(&[
        "check",
        "tests/fixtures/errors/mojibake.srt",
        "--lang",
        "en",
    ]);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        (v[0].0.as_str(), v[0].2.as_str()),
        ("encoding/mojibake", "Donâ€™t")
    );
    assert!(
        v[0].3.contains("`Don’t`") && v[0].3.contains("2 word(s)"),
        "{}",
        v[0].3
    );
}

#[test]
fn undecodable_bytes_are_reported_once() {
    // A Latin-1 byte in a UTF-8 file: `encoding/invalid`, not also `replacement-char`.
    let dir = std::env::temp_dir().join(format!("cefrlint-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("latin.yaml");
    std::fs::write(
        &p,
        b"language: fr\nlevel: A1\nitems:\n  - text: Le march\xe9 est ouvert. Il fait tr\xe8s beau et le caf\xe9 est chaud.\n    kind: text\n",
    )
    .unwrap();
    let (v, _) = json(&["check", p.to_str().unwrap()]);
    let rules: Vec<&str> = findings(&v)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .filter(|r| r.starts_with("encoding/"))
        .collect();
    assert!(!rules.contains(&"encoding/replacement-char"), "{rules:?}");
    std::fs::remove_dir_all(&dir).ok();
}
