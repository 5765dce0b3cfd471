//! `cefrlint eval` on the three input shapes, bad rows, and (when present) the shared data.

mod common;
use common::*;

fn eval_json(args: &[&str]) -> (serde_json::Value, i32, String) {
    let mut a = vec!["eval"];
    a.extend(args);
    a.extend(["--format", "json"]);
    let o = cefrlint(&a);
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    (
        v,
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn in_unit(v: &serde_json::Value, key: &str) -> f64 {
    let x = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {v}"));
    assert!((-1.0..=1.0).contains(&x), "{key} = {x}");
    x
}

#[test]
fn tsv_csv_cefrsp_and_folder_shapes() {
    for (path, n) in [
        ("tests/fixtures/eval/sentences.tsv", 5),
        ("tests/fixtures/eval/sentences.csv", 2),
        ("tests/fixtures/eval/cefrsp.txt", 3),
        ("tests/fixtures/eval/folder", 3),
    ] {
        let (v, code, err) = eval_json(&[path, "--lang", "en"]);
        assert_eq!(code, 0, "{path}: {err}");
        assert_eq!(v["samples"], n, "{path}");
        for k in ["exact", "within_one", "macro_f1", "qwk"] {
            in_unit(&v, k);
        }
        let placed: u64 = v["confusion"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r.as_array().unwrap())
            .map(|c| c.as_u64().unwrap())
            .sum();
        assert_eq!(placed + v["unpredicted"].as_u64().unwrap(), n);
    }
    // The easy A1 sentence and the C1 one are told apart.
    let (v, _, _) = eval_json(&[
        "tests/fixtures/eval/sentences.tsv",
        "--lang",
        "en",
        "--worst",
        "10",
    ]);
    assert!(v["within_one"].as_f64().unwrap() >= 0.6, "{v:#}");
}

#[test]
fn bad_rows_are_named_and_make_the_exit_code_2() {
    let (v, code, err) = eval_json(&["tests/fixtures/eval/bad.tsv", "--lang", "en"]);
    assert_eq!(code, 2);
    assert_eq!(v["samples"], 1);
    assert_eq!(v["bad_rows"], 2);
    assert!(err.contains("bad.tsv:3") && err.contains("A7"), "{err}");
    assert!(err.contains("bad.tsv:4"), "{err}");
}

#[test]
fn predictions_file_has_one_row_per_sample() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pred.tsv");
    let o = cefrlint(&[
        "eval",
        "tests/fixtures/eval/sentences.tsv",
        "--lang",
        "en",
        "--predictions",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 6);
    assert!(text.starts_with("origin\tgold\tpredicted\tscore"));
}

#[test]
fn figures_on_the_shared_cefr_sp_dev_set() {
    let Some(shared) = shared() else { return };
    let a = shared.join("eval/cefr-sp/CEFR-SP_SCoRE_dev.txt");
    let b = shared.join("eval/cefr-sp/CEFR-SP_Wikiauto_dev.txt");
    if !a.exists() || !b.exists() {
        eprintln!("skipped: CEFR-SP dev files are absent");
        return;
    }
    let (v, code, _) = eval_json(&[
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--lang",
        "en",
        "--worst",
        "0",
    ]);
    assert_eq!(code, 0);
    eprintln!(
        "CEFR-SP dev (both sources): n={} exact={:.3} within-one={:.3} macro-F1={:.3} QWK={:.3}",
        v["samples"],
        in_unit(&v, "exact"),
        in_unit(&v, "within_one"),
        in_unit(&v, "macro_f1"),
        in_unit(&v, "qwk")
    );
    assert_eq!(v["samples"], 1366);
    assert_eq!(v["unpredicted"], 0);
    // Regression floors at today's figures (reported in the issue note; the targets are
    // higher): a change that makes the estimator worse fails here.
    assert!(v["within_one"].as_f64().unwrap() >= 0.90);
    assert!(v["macro_f1"].as_f64().unwrap() >= 0.45);
}
