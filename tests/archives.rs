//! Zip archives: members read in memory with their own locations, unsafe members refused
//! with `input/unsafe-archive` while the others are still checked, nested archives.

mod common;
mod pkgutil;

use pkgutil::{has_at, items_in, line_col, write_zip, zip_bytes};

/// A small French lesson at A1 with two words well above it.
const LESSON: &str = "language: fr
level: A1
items:
  - id: t1
    kind: text
    text: \"Je prends un café. Néanmoins, la terrasse est bondée.\"
";

fn lesson_word(word: &str) -> (u64, u64) {
    line_col(LESSON, LESSON.find(word).unwrap())
}

fn check(path: &std::path::Path) -> (serde_json::Value, i32) {
    common::json(&["check", path.to_str().unwrap()])
}

fn unsafe_findings(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    common::of_rule(v, "input/unsafe-archive")
}

#[test]
fn members_are_located_inside_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("course.zip");
    write_zip(
        &zip,
        &[
            ("lessons/cafe.yaml", LESSON.as_bytes()),
            ("notes/readme.md", b"not a lesson"),
            ("image.png", b"\x89PNG\0\0"),
        ],
    );
    let (v, code) = check(&zip);
    let member = format!("{}!/lessons/cafe.yaml", zip.display());
    assert!(
        has_at(
            &v,
            "vocabulary/above-level",
            &member,
            lesson_word("Néanmoins")
        ),
        "{v:#}"
    );
    assert!(has_at(
        &v,
        "vocabulary/above-level",
        &member,
        lesson_word("bondée")
    ));
    assert_eq!(items_in(&v, &member).len(), 1);
    // Files cefrlint does not read are skipped quietly.
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{:#}", v["files"]);
    assert_ne!(code, 2, "nothing unreadable");
}

#[test]
fn unsafe_names_are_refused_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("evil.zip");
    write_zip(
        &zip,
        &[
            ("../evil.yaml", LESSON.as_bytes()),
            ("/etc/passwd.yaml", LESSON.as_bytes()),
            ("C:\\x.yaml", LESSON.as_bytes()),
            ("a/../../up.yaml", LESSON.as_bytes()),
            ("ok.yaml", LESSON.as_bytes()),
        ],
    );
    let (v, code) = check(&zip);
    let refused = unsafe_findings(&v);
    for name in [
        "../evil.yaml",
        "/etc/passwd.yaml",
        "C:\\x.yaml",
        "a/../../up.yaml",
    ] {
        let f = refused
            .iter()
            .find(|f| f["message"].as_str().unwrap().contains(name))
            .unwrap_or_else(|| panic!("{name} not refused: {v:#}"));
        assert_eq!(f["file"], zip.display().to_string());
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(1), Some(1))
        );
    }
    assert_eq!(refused.len(), 4);
    // Only the safe member was read.
    let ok = format!("{}!/ok.yaml", zip.display());
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    assert_eq!(items_in(&v, &ok).len(), 1);
    assert!(has_at(
        &v,
        "vocabulary/above-level",
        &ok,
        lesson_word("Néanmoins")
    ));
    assert_eq!(code, 2);
}

#[test]
fn a_zip_bomb_member_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("bomb.zip");
    // 8 MiB of one letter deflates to a few kilobytes: far above the ratio limit.
    let bomb = vec![b'a'; 8 << 20];
    write_zip(
        &zip,
        &[("bomb.yaml", &bomb), ("ok.yaml", LESSON.as_bytes())],
    );
    let (v, code) = check(&zip);
    let f = unsafe_findings(&v);
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(f[0]["file"], format!("{}!/bomb.yaml", zip.display()));
    assert!(f[0]["message"].as_str().unwrap().contains("zip bomb"));
    assert_eq!(
        items_in(&v, &format!("{}!/ok.yaml", zip.display())).len(),
        1
    );
    assert_eq!(code, 2);
}

#[test]
fn too_many_entries_are_cut_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("many.zip");
    let names: Vec<String> = (0..10_050).map(|i| format!("x/{i:05}.bin")).collect();
    let mut members: Vec<(&str, &[u8])> = vec![("a.yaml", LESSON.as_bytes())];
    members.extend(names.iter().map(|n| (n.as_str(), &b"x"[..])));
    write_zip(&zip, &members);
    let (v, code) = check(&zip);
    let f = unsafe_findings(&v);
    assert_eq!(f.len(), 1, "{v:#}");
    assert!(f[0]["message"].as_str().unwrap().contains("10051 entries"));
    assert_eq!(f[0]["file"], zip.display().to_string());
    assert_eq!(items_in(&v, &format!("{}!/a.yaml", zip.display())).len(), 1);
    assert_eq!(code, 2);
}

#[test]
fn nested_archives_are_read_to_a_bounded_depth() {
    let dir = tempfile::tempdir().unwrap();
    // level4.zip inside level3.zip inside level2.zip inside level1.zip inside outer.zip.
    let mut inner = zip_bytes(&[("deepest.yaml", LESSON.as_bytes())]);
    for n in (1..=4).rev() {
        let name = format!("level{}.zip", n + 1);
        let lesson = format!("lesson{n}.yaml");
        inner = zip_bytes(&[
            (lesson.as_str(), LESSON.as_bytes()),
            (name.as_str(), &inner),
        ]);
    }
    let outer = dir.path().join("outer.zip");
    write_zip(&outer, &[("level1.zip", &inner)]);
    let (v, code) = check(&outer);
    let o = outer.display().to_string();
    let l1 = format!("{o}!/level1.zip!/lesson1.yaml");
    assert!(
        has_at(&v, "vocabulary/above-level", &l1, lesson_word("bondée")),
        "{v:#}"
    );
    assert_eq!(
        items_in(&v, &format!("{o}!/level1.zip!/level2.zip!/lesson2.yaml")).len(),
        1
    );
    assert_eq!(
        items_in(
            &v,
            &format!("{o}!/level1.zip!/level2.zip!/level3.zip!/lesson3.yaml")
        )
        .len(),
        1
    );
    // The fourth level is deeper than allowed: refused where it sits, nothing read below it.
    let f = unsafe_findings(&v);
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(
        f[0]["file"],
        format!("{o}!/level1.zip!/level2.zip!/level3.zip!/level4.zip")
    );
    assert!(!v.to_string().contains("lesson4.yaml"));
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    assert_eq!(code, 2);
}

#[test]
fn a_corrupt_archive_is_unreadable_and_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.zip"),
        b"PK\x03\x04 this is not a zip",
    )
    .unwrap();
    write_zip(
        &dir.path().join("good.zip"),
        &[("l.yaml", LESSON.as_bytes())],
    );
    let (v, code) = common::json(&["check", dir.path().to_str().unwrap()]);
    let bad = common::of_rule(&v, "input/unreadable");
    assert_eq!(bad.len(), 1, "{v:#}");
    assert!(bad[0]["file"].as_str().unwrap().ends_with("broken.zip"));
    assert_eq!(bad[0]["line"], 1);
    let good = format!("{}!/l.yaml", dir.path().join("good.zip").display());
    assert_eq!(items_in(&v, &good).len(), 1);
    assert_eq!(code, 2);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..6 {
        let a = format!("a{i}.yaml");
        let b = format!("sub/b{i}.yaml");
        write_zip(
            &dir.path().join(format!("c{i}.zip")),
            &[
                (b.as_str(), LESSON.as_bytes()),
                (a.as_str(), LESSON.as_bytes()),
            ],
        );
    }
    let d = dir.path().to_str().unwrap();
    let one = common::cefrlint(&["check", d, "--format", "json", "--jobs", "1"]);
    let four = common::cefrlint(&["check", d, "--format", "json", "--jobs", "4"]);
    assert_eq!(one.stdout, four.stdout);
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 12);
    // Members in name order within each archive.
    assert!(files[0].ends_with("c0.zip!/a0.yaml") && files[1].ends_with("c0.zip!/sub/b0.yaml"));
}

#[test]
fn packages_in_sub_folders_of_a_zip_are_read_as_packages() {
    let h5p = r#"{"title":"Quiz A1","language":"fr","mainLibrary":"H5P.TrueFalse"}"#;
    let content = "{\"question\": \"<p>La terrasse est bond\\u00e9e.</p>\", \"correct\": \"true\"}";
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("export.zip");
    write_zip(
        &zip,
        &[
            ("activities/quiz/h5p.json", h5p.as_bytes()),
            ("activities/quiz/content/content.json", content.as_bytes()),
            // A JSON file of the package: not read as a native lesson.
            ("activities/quiz/content/extra.json", b"{\"items\": 3}"),
            ("lessons/cafe.yaml", LESSON.as_bytes()),
        ],
    );
    let (v, code) = check(&zip);
    assert_ne!(code, 2, "{v:#}");
    let member = format!("{}!/activities/quiz/content/content.json", zip.display());
    let items = items_in(&v, &member);
    assert_eq!(items.len(), 1, "{v:#}");
    assert_eq!(items[0]["kind"], "true_false");
    assert_eq!(items[0]["declared_level"], "A1");
    let at = line_col(content, content.find("bond\\u00e9e").unwrap());
    assert!(has_at(&v, "vocabulary/above-level", &member, at), "{v:#}");
    assert_eq!(
        items_in(&v, &format!("{}!/lessons/cafe.yaml", zip.display())).len(),
        1
    );
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
}
