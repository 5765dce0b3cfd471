//! H5P packages: archives and extracted folders, metadata from h5p.json, texts in HTML inside
//! JSON strings located exactly in content.json, nested sub-contents.

mod common;
mod pkgutil;

use pkgutil::{has_at, items_in, line_col, write_zip};

const H5P_JSON: &str = r#"{"title":"Français A1 : au café","language":"fr","mainLibrary":"H5P.Blanks",
"preloadedDependencies":[{"machineName":"H5P.Blanks","majorVersion":"1","minorVersion":"12"}]}"#;

/// A Blanks task: HTML in JSON strings, escapes (`\u00e9`, `\/`), gaps with alternatives
/// and a tip, and interface labels that must not be read.
const BLANKS: &str = r#"{
  "text": "<p>Compl\u00e8te les phrases.<\/p>",
  "questions": [
    "<p>Je *prends/bois:verbe* un caf\u00e9.<\/p>\n",
    "<p>N\u00e9anmoins, la terrasse est <strong>bond\u00e9e<\/strong> le *samedi*.<\/p>"
  ],
  "overallFeedback": [{"from": 0, "to": 100, "feedback": "Bravo !"}],
  "checkAnswer": "Vérifier la réponse",
  "l10n": {"tryAgain": "Recommencer malgré tout"}
}"#;

fn check(path: &std::path::Path) -> (serde_json::Value, i32) {
    common::json(&["check", path.to_str().unwrap()])
}

fn word_at(text: &str, raw: &str) -> (u64, u64) {
    line_col(
        text,
        text.find(raw)
            .unwrap_or_else(|| panic!("{raw} not in source")),
    )
}

#[test]
fn words_in_an_h5p_archive_are_located_in_content_json() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("cafe.h5p");
    write_zip(
        &pkg,
        &[
            ("h5p.json", H5P_JSON.as_bytes()),
            ("content/content.json", BLANKS.as_bytes()),
            (
                "H5P.Blanks-1.12/library.json",
                br#"{"title":"Fill in the Blanks"}"#,
            ),
        ],
    );
    let (v, _) = check(&pkg);
    let content = format!("{}!/content/content.json", pkg.display());
    // `Néanmoins` is written `N\u00e9anmoins` and `bondée` sits inside <strong>.
    assert!(
        has_at(
            &v,
            "vocabulary/above-level",
            &content,
            word_at(BLANKS, "N\\u00e9anmoins")
        ),
        "{v:#}"
    );
    assert!(has_at(
        &v,
        "vocabulary/above-level",
        &content,
        word_at(BLANKS, "bond\\u00e9e")
    ));
    let items = items_in(&v, &content);
    // The instruction, the two questions, the score feedback.
    assert_eq!(items.len(), 4, "{:#}", v["items"]);
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "gap_fill").count(), 2);
    for i in &items {
        // Declared by h5p.json: language and the level in its title.
        assert_eq!(i["language"], "fr");
        assert_eq!(i["declared_level"], "A1");
    }
    // Interface labels are never read.
    assert!(!v.to_string().contains("malgré"));
    // h5p.json, library files: nothing to report, not listed.
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
}

#[test]
fn an_extracted_folder_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("cafe");
    std::fs::create_dir_all(pkg.join("content")).unwrap();
    std::fs::write(pkg.join("h5p.json"), H5P_JSON).unwrap();
    std::fs::write(pkg.join("content/content.json"), BLANKS).unwrap();
    // Walked from the parent folder: the package is one input.
    let (v, _) = check(dir.path());
    let content = format!("{}/content/content.json", pkg.display());
    assert!(
        has_at(
            &v,
            "vocabulary/above-level",
            &content,
            word_at(BLANKS, "bond\\u00e9e")
        ),
        "{v:#}"
    );
    assert_eq!(items_in(&v, &content).len(), 4);
    assert_eq!(v["items"].as_array().unwrap().len(), 4);
}

#[test]
fn sub_contents_of_containers_are_read() {
    let h5p = r#"{"title":"Quiz","defaultLanguage":"fr","language":"und","mainLibrary":"H5P.QuestionSet"}"#;
    let content = r#"{"introPage":{"introduction":"<p>Un petit quiz.</p>"},
 "questions":[
  {"library":"H5P.MultiChoice 1.16","params":{"question":"<p>O\u00f9 est le chat ?</p>",
    "answers":[{"text":"<div>Sur le toit</div>","correct":true,"tipsAndFeedback":{"chosenFeedback":"<div>Oui !</div>"}},
               {"text":"<div>Dans la cuisine</div>","correct":false}]}},
  {"library":"H5P.TrueFalse 1.8","params":{"question":"<p>Le chat est noir.</p>","correct":"true"}},
  {"library":"H5P.Column 1.15","params":{"content":[{"content":{"library":"H5P.MarkTheWords 1.11",
    "params":{"taskDescription":"Cliquez sur les verbes.","textField":"Le chat *dort* et *mange*."}}}]}}
 ]}"#;
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("quiz.h5p");
    write_zip(
        &pkg,
        &[
            ("h5p.json", h5p.as_bytes()),
            ("content/content.json", content.as_bytes()),
        ],
    );
    let (v, code) = common::json(&["check", pkg.to_str().unwrap(), "--level", "A1"]);
    assert_ne!(code, 2, "{v:#}");
    let items = items_in(&v, &format!("{}!/content/content.json", pkg.display()));
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["text", "multiple_choice", "true_false", "text", "open"],
        "{items:#?}"
    );
    // `defaultLanguage` stands in for `und`.
    assert!(items.iter().all(|i| i["language"] == "fr"));
}

#[test]
fn broken_packages_give_located_input_findings() {
    let dir = tempfile::tempdir().unwrap();
    let bad_json = dir.path().join("bad.h5p");
    let content = "{\"text\": \"<p>Bonjour</p>\",\n  \"questions\": [\"a\" \"b\"]}";
    write_zip(
        &bad_json,
        &[
            ("h5p.json", H5P_JSON.as_bytes()),
            ("content/content.json", content.as_bytes()),
        ],
    );
    let no_meta = dir.path().join("nometa.h5p");
    write_zip(&no_meta, &[("content/content.json", BLANKS.as_bytes())]);
    let (v, code) = check(dir.path());
    assert_eq!(code, 2);
    let parse = common::of_rule(&v, "input/parse-error");
    assert_eq!(parse.len(), 1, "{v:#}");
    assert_eq!(
        parse[0]["file"],
        format!("{}!/content/content.json", bad_json.display())
    );
    // Between `"a"` and `"b"`, where a comma is missing.
    let (line, after_a) = line_col(content, content.find("\"a\"").unwrap() + 3);
    let (_, at_b) = line_col(content, content.find("\"b\"").unwrap());
    assert_eq!(parse[0]["line"].as_u64(), Some(line));
    let col = parse[0]["column"].as_u64().unwrap();
    assert!((after_a..=at_b).contains(&col), "{col}");
    let invalid = common::of_rule(&v, "input/invalid-structure");
    assert!(
        invalid
            .iter()
            .any(|f| f["file"] == no_meta.display().to_string()),
        "{v:#}"
    );
}

#[test]
fn shared_samples_load_without_panic() {
    let Some(shared) = pkgutil::shared() else {
        return;
    };
    let root = shared.join("samples/h5p");
    if !root.is_dir() {
        eprintln!("skipped: {} is absent", root.display());
        return;
    }
    // Content types cefrlint does not read (games, speech, a custom library).
    let unread = ["FindTheWords", "GuessTheAnswer", "SpeakTheWords", "valid2"];
    let mut total = 0;
    for sub in ["whole", "extracted", "broken"] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let (v, code) = check(&p);
            let items = v["items"].as_array().unwrap().len();
            let inputs: Vec<_> = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"].as_str().unwrap().starts_with("input/"))
                .collect();
            println!(
                "{}: {items} items, {} input findings, exit {code}",
                p.display(),
                inputs.len()
            );
            assert!((0..=2).contains(&code));
            for f in &inputs {
                assert!(f["line"].as_u64().unwrap() >= 1, "{f}");
                assert!(f["file"].as_str().unwrap().starts_with(p.to_str().unwrap()));
            }
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if sub == "broken" && name != "valid2.h5p" {
                assert!(!inputs.is_empty(), "{name}: broken but no input finding");
            } else if !unread.iter().any(|u| name.contains(u)) {
                assert!(items > 0, "{name}: no items");
                assert!(inputs.is_empty(), "{name}: {inputs:?}");
            }
            total += items;
        }
    }
    println!("{total} items in all");
    assert!(total > 100);
}
