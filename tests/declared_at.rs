//! Levels and languages declared by a package's metadata (`h5p.json`, the LOM of
//! `imsmanifest.xml`) are located where they are written: the findings that cite them point
//! at the value itself, not at the start of the file they apply to.

mod common;
mod pkgutil;

use pkgutil::{at_file, has_at, items_in, line_col, write_zip};

/// The line and column of the `n`-th occurrence (0-based) of `raw` in `text`.
fn nth_at(text: &str, raw: &str, n: usize) -> (u64, u64) {
    let (i, _) = text.match_indices(raw).nth(n).expect("in the text");
    line_col(text, i)
}

const H5P_JSON: &str = r#"{
  "title": "Reading practice A1: the committee",
  "mainLibrary": "H5P.Column",
  "language": "en",
  "embedTypes": ["iframe"],
  "preloadedDependencies": [{"machineName": "H5P.Column", "majorVersion": 1, "minorVersion": 16}]
}
"#;

const COLUMN: &str = r#"{
  "content": [
    {"content": {"library": "H5P.AdvancedText 1.1", "params": {"text": "<p>The committee scrutinised the ubiquitous bureaucracy with unprecedented rigour.</p>"}}},
    {"content": {"library": "H5P.AdvancedText 1.1", "params": {"text": "<p>Her testimony was deliberately ambiguous and profoundly contentious.</p>"}}},
    {"content": {"library": "H5P.AdvancedText 1.1", "params": {"text": "<p>Notwithstanding the infrastructure, the jurisdiction remained unprecedented.</p>"}}}
  ]
}
"#;

#[test]
fn an_h5p_level_verdict_points_at_the_level_in_h5p_json() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("reading.h5p");
    write_zip(
        &pkg,
        &[
            ("h5p.json", H5P_JSON.as_bytes()),
            ("content/content.json", COLUMN.as_bytes()),
        ],
    );
    let (v, code) = common::json(&["check", pkg.to_str().unwrap()]);
    assert_ne!(code, 2, "{v:#}");
    let meta = format!("{}!/h5p.json", pkg.display());
    let content = format!("{}!/content/content.json", pkg.display());
    let items = items_in(&v, &content);
    assert_eq!(items.len(), 3, "{v:#}");
    assert!(items.iter().all(|i| i["declared_level"] == "A1"));
    // The lesson-level verdict cites the declaration: `A1` in the title, 2:30.
    let a1 = nth_at(H5P_JSON, "A1", 0);
    assert_eq!(a1, (2, 30));
    assert!(
        has_at(&v, "level/above-declared", &meta, a1),
        "{:#}",
        v["findings"]
    );
    // Nothing about the declaration is left at the start of content.json.
    assert!(at_file(&v, "level/above-declared", &content).is_empty());
}

#[test]
fn an_h5p_language_that_is_not_one_or_has_no_rules_is_reported_at_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.h5p");
    let meta = H5P_JSON.replace("\"language\": \"en\"", "\"language\": \"Klingon\"");
    write_zip(
        &bad,
        &[
            ("h5p.json", meta.as_bytes()),
            ("content/content.json", COLUMN.as_bytes()),
        ],
    );
    let (v, _) = common::json(&["check", bad.to_str().unwrap()]);
    let shown = format!("{}!/h5p.json", bad.display());
    assert!(
        has_at(
            &v,
            "metadata/invalid-language",
            &shown,
            nth_at(&meta, "Klingon", 0)
        ),
        "{:#}",
        v["findings"]
    );
    assert_eq!(nth_at(&meta, "Klingon", 0), (4, 16));

    let other = dir.path().join("other.h5p");
    let meta = H5P_JSON.replace("\"language\": \"en\"", "\"language\": \"ja\"");
    write_zip(
        &other,
        &[
            ("h5p.json", meta.as_bytes()),
            ("content/content.json", COLUMN.as_bytes()),
        ],
    );
    let (v, _) = common::json(&["check", other.to_str().unwrap()]);
    let shown = format!("{}!/h5p.json", other.display());
    assert!(
        has_at(
            &v,
            "metadata/unsupported-language",
            &shown,
            nth_at(&meta, "ja", 0)
        ),
        "{:#}",
        v["findings"]
    );
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="committee" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">
  <metadata>
    <schema>ADL SCORM</schema>
    <lom xmlns="http://ltsc.ieee.org/xsd/LOM">
      <general>
        <title><string language="en">The committee</string></title>
        <language>en</language>
      </general>
      <classification>
        <purpose><value>educational level</value></purpose>
        <taxonPath>
          <source><string language="en">CEFR</string></source>
          <taxon><id>LEVEL</id><entry><string language="en">A1</string></entry></taxon>
        </taxonPath>
      </classification>
    </lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="r1" type="webcontent" href="one.html"><file href="one.html"/></resource>
    <resource identifier="r2" type="webcontent" href="two.html"><file href="two.html"/></resource>
  </resources>
</manifest>
"#;

const PAGE: &str = "<html><body>
<p>The committee scrutinised the ubiquitous bureaucracy with unprecedented rigour.</p>
<p>Her testimony was deliberately ambiguous and profoundly contentious.</p>
<p>Notwithstanding the infrastructure, the jurisdiction remained unprecedented.</p>
</body></html>
";

/// Checks a package of `manifest` and two pages, written as `name` in `dir`: the JSON
/// output and the manifest's display path.
fn check_package(dir: &std::path::Path, name: &str, manifest: &str) -> (serde_json::Value, String) {
    let pkg = dir.join(name);
    write_zip(
        &pkg,
        &[
            ("imsmanifest.xml", manifest.as_bytes()),
            ("one.html", PAGE.as_bytes()),
            ("two.html", PAGE.as_bytes()),
        ],
    );
    let (v, _) = common::json(&["check", pkg.to_str().unwrap()]);
    (v, format!("{}!/imsmanifest.xml", pkg.display()))
}

#[test]
fn a_lom_classification_is_located_in_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    // An invalid level in the CEFR classification: metadata/invalid-level at the value.
    let bad = MANIFEST.replace(
        "<string language=\"en\">A1</string>",
        "<string language=\"en\">A7</string>",
    );
    let (v, manifest) = check_package(dir.path(), "bad.zip", &bad);
    let a7 = nth_at(&bad, "A7", 0);
    assert_eq!(a7, (14, 61));
    assert!(
        has_at(&v, "metadata/invalid-level", &manifest, a7),
        "{:#}",
        v["findings"]
    );
    // Declared, though not valid: no `missing-level` in the pages.
    assert!(common::of_rule(&v, "metadata/missing-level").is_empty());
    assert_eq!(common::of_rule(&v, "metadata/invalid-level").len(), 1);

    // A valid level: the pages' lesson verdicts point at `A1` in the manifest.
    let pkg = dir.path().join("good.zip");
    write_zip(
        &pkg,
        &[
            ("imsmanifest.xml", MANIFEST.as_bytes()),
            ("one.html", PAGE.as_bytes()),
        ],
    );
    let (v, _) = common::json(&["check", pkg.to_str().unwrap()]);
    let manifest = format!("{}!/imsmanifest.xml", pkg.display());
    let one = format!("{}!/one.html", pkg.display());
    assert_eq!(items_in(&v, &one)[0]["declared_level"], "A1");
    let a1 = nth_at(MANIFEST, ">A1<", 0);
    let a1 = (a1.0, a1.1 + 1);
    let verdicts = common::of_rule(&v, "level/above-declared");
    assert!(!verdicts.is_empty(), "{:#}", v["findings"]);
    for f in verdicts {
        // The page is one item: its verdict is at the item; no verdict points at 1:1 of the
        // manifest.
        assert!(
            f["file"] == one || (f["file"] == manifest && f["line"] == a1.0 && f["column"] == a1.1),
            "{f:#}"
        );
    }
}

#[test]
fn an_invalid_language_in_the_lom_is_reported_where_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = MANIFEST.replace(
        "<language>en</language>",
        "<language>english (UK)</language>",
    );
    let (v, manifest) = check_package(dir.path(), "lang.zip", &bad);
    let at = nth_at(&bad, "english (UK)", 0);
    assert_eq!(at, (8, 19));
    assert!(
        has_at(&v, "metadata/invalid-language", &manifest, at),
        "{:#}",
        v["findings"]
    );
}

#[test]
fn a_lom_file_named_by_the_manifest_is_where_its_values_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("ext.zip");
    let manifest = r#"<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><adlcp:location>meta/course.xml</adlcp:location></metadata>
  <organizations/>
  <resources><resource identifier="r" type="webcontent" href="one.html"/></resources>
</manifest>
"#;
    let lom = r#"<?xml version="1.0"?>
<lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
  <general><language>en</language></general>
  <classification>
    <taxonpath>
      <source><langstring>Common European Framework of Reference</langstring></source>
      <taxon><entry><langstring>Level D3</langstring></entry></taxon>
    </taxonpath>
  </classification>
</lom>
"#;
    write_zip(
        &pkg,
        &[
            ("imsmanifest.xml", manifest.as_bytes()),
            ("meta/course.xml", lom.as_bytes()),
            ("one.html", PAGE.as_bytes()),
        ],
    );
    let (v, _) = common::json(&["check", pkg.to_str().unwrap()]);
    let meta = format!("{}!/meta/course.xml", pkg.display());
    let at = nth_at(lom, "Level D3", 0);
    assert_eq!(at, (7, 33));
    assert!(
        has_at(&v, "metadata/invalid-level", &meta, at),
        "{:#}",
        v["findings"]
    );
    let one = format!("{}!/one.html", pkg.display());
    assert_eq!(items_in(&v, &one)[0]["language"], "en");
    assert_eq!(
        items_in(&v, &one)[0]["declared_level"],
        serde_json::Value::Null
    );
}
