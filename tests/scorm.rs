//! IMS content packages: SCORM pages and QTI items found through imsmanifest.xml, LOM
//! metadata as defaults, zipped or extracted.

mod common;
mod pkgutil;

use pkgutil::{has_at, items_in, line_col, write_zip};

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="cafe" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
      <general>
        <title><langstring xml:lang="fr">Au café</langstring></title>
        <language>fr</language>
      </general>
      <classification>
        <purpose><value><langstring>educational level</langstring></value></purpose>
        <taxonpath>
          <source><langstring>CEFR</langstring></source>
          <taxon><entry><langstring>A1</langstring></entry></taxon>
        </taxonpath>
      </classification>
    </lom>
  </metadata>
  <organizations default="o"><organization identifier="o"><title>Au café</title>
    <item identifier="i1" identifierref="r1"><title>Page 1</title></item>
    <item identifier="i2" identifierref="r2"><title>Page 2</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="pages/one.html">
      <file href="pages/one.html"/><file href="pages/style.css"/>
    </resource>
    <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="pages/two%20b.html">
      <file href="pages/two%20b.html"/>
    </resource>
  </resources>
</manifest>
"#;

const PAGE_ONE: &str = "<!DOCTYPE html>
<html lang=\"fr\"><head><title>Le café</title>
<style>p { font-family: anticonstitutionnellement; }</style>
<script>var x = \"quintessence\";</script></head>
<body>
  <h1>Au café</h1>
  <p>Je prends un caf&eacute;. N&eacute;anmoins, la terrasse est <b>bondée</b>.</p>
</body></html>
";

const PAGE_TWO: &str = "<html><body><p>Le chat est noir.</p></body></html>";

fn scorm_members() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("imsmanifest.xml", MANIFEST.as_bytes()),
        ("pages/one.html", PAGE_ONE.as_bytes()),
        ("pages/two b.html", PAGE_TWO.as_bytes()),
        ("pages/style.css", b"p { color: red }"),
    ]
}

fn word_at(text: &str, raw: &str) -> (u64, u64) {
    line_col(text, text.find(raw).unwrap())
}

#[test]
fn scorm_pages_are_lessons_located_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("cafe.zip");
    write_zip(&pkg, &scorm_members());
    let (v, code) = common::json(&["check", pkg.to_str().unwrap()]);
    assert_ne!(code, 2, "{v:#}");
    let one = format!("{}!/pages/one.html", pkg.display());
    let two = format!("{}!/pages/two b.html", pkg.display());
    assert!(
        has_at(
            &v,
            "vocabulary/above-level",
            &one,
            word_at(PAGE_ONE, "N&eacute;anmoins")
        ),
        "{v:#}"
    );
    assert!(has_at(
        &v,
        "vocabulary/above-level",
        &one,
        word_at(PAGE_ONE, "bondée")
    ));
    // Style and script are not learner-visible text.
    assert!(!v.to_string().contains("quintessence"));
    assert!(!v.to_string().contains("anticonstitutionnellement"));
    for f in [&one, &two] {
        let items = items_in(&v, f);
        assert_eq!(items.len(), 1, "{f}: {:#}", v["items"]);
        // Level and language from the LOM classification and general/language.
        assert_eq!(items[0]["declared_level"], "A1");
        assert_eq!(items[0]["language"], "fr");
    }
}

#[test]
fn an_extracted_package_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("cafe");
    std::fs::create_dir_all(pkg.join("pages")).unwrap();
    for (name, bytes) in scorm_members() {
        if name != "pages/two b.html" {
            std::fs::write(pkg.join(name), bytes).unwrap();
        }
    }
    let (v, code) = common::json(&["check", pkg.to_str().unwrap()]);
    assert_eq!(code, 2);
    let one = format!("{}/pages/one.html", pkg.display());
    assert!(
        has_at(
            &v,
            "vocabulary/above-level",
            &one,
            word_at(PAGE_ONE, "bondée")
        ),
        "{v:#}"
    );
    // The missing page is reported at its href in the manifest.
    let manifest = format!("{}/imsmanifest.xml", pkg.display());
    let missing = word_at(MANIFEST, "pages/two%20b.html\">");
    assert!(
        has_at(&v, "input/invalid-structure", &manifest, missing),
        "{v:#}"
    );
}

const QTI_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="quiz">
  <metadata>
    <schema>QTIv2.1 Package</schema>
    <lom xmlns="http://ltsc.ieee.org/xsd/LOM">
      <general><language>fr</language><keyword><string>Français A1</string></keyword></general>
    </lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="q1" type="imsqti_item_xmlv2p1" href="items/q1.xml"><file href="items/q1.xml"/></resource>
    <resource identifier="q2" type="imsqti_item_xmlv2p1" href="items/gone.xml"><file href="items/gone.xml"/></resource>
    <resource identifier="q3" type="imsqti_item_xmlv2p1" href="../../outside.xml"/>
    <resource identifier="t" type="imsqti_test_xmlv2p1" href="test.xml"/>
  </resources>
</manifest>
"#;

const QTI_ITEM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q1" title="Café" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>A</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <prompt>Néanmoins, où est le chat ?</prompt>
      <simpleChoice identifier="A">Sur la terrasse bondée</simpleChoice>
      <simpleChoice identifier="B">Dans la cuisine</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>
"#;

#[test]
fn qti_packages_read_their_items_with_lom_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("quiz.zip");
    write_zip(
        &pkg,
        &[
            ("imsmanifest.xml", QTI_MANIFEST.as_bytes()),
            ("items/q1.xml", QTI_ITEM.as_bytes()),
            ("test.xml", b"<assessmentTest/>"),
        ],
    );
    let (v, code) = common::json(&["check", pkg.to_str().unwrap()]);
    assert_eq!(code, 2, "a missing and an escaping item");
    let q1 = format!("{}!/items/q1.xml", pkg.display());
    let items = items_in(&v, &q1);
    assert_eq!(items.len(), 1, "{v:#}");
    assert_eq!(items[0]["declared_level"], "A1");
    assert_eq!(items[0]["language"], "fr");
    assert!(
        has_at(
            &v,
            "vocabulary/above-level",
            &q1,
            word_at(QTI_ITEM, "Néanmoins")
        ),
        "{v:#}"
    );
    assert!(has_at(
        &v,
        "vocabulary/above-level",
        &q1,
        word_at(QTI_ITEM, "bondée")
    ));
    let manifest = format!("{}!/imsmanifest.xml", pkg.display());
    assert!(has_at(
        &v,
        "input/invalid-structure",
        &manifest,
        word_at(QTI_MANIFEST, "items/gone.xml\">")
    ));
    assert!(has_at(
        &v,
        "input/unsafe-archive",
        &manifest,
        word_at(QTI_MANIFEST, "../../outside.xml")
    ));
}

#[test]
fn shared_samples_load_without_panic() {
    let Some(shared) = pkgutil::shared() else {
        return;
    };
    let s = shared.join("samples");
    let whole = [
        "scorm/whole/golf_scorm12.zip",
        "scorm/whole/golf_scorm2004.zip",
        "qti/packages_tao/2.1_basic_Basic.zip",
        "qti/packages_tao/2.1_feedback_FeedbackBlockInlineLinear.zip",
        "qti/packages_tao/2.1_languages_BasicLanguages.zip",
        "qti/packages_tao/2.1_misc_Comments.zip",
        "qti/packages_tao/2.1_sharedStimulus_BasicSharedStimulus.zip",
        "qti/packages_tao/2.2.1_basic_Basic.zip",
        "qti/packages_tao/itemqti_package.zip",
        "qti/packages_tao/itemqti_package_with_ampersand.zip",
    ];
    let broken = [
        "qti/packages_tao/2.1_invalid_InvalidArchive.zip",
        "qti/packages_tao/2.1_invalid_WrongManifestFileItemHref.zip",
        // Partial copies of packages: some files the manifest names are absent.
        "scorm/scorm12_RuntimeBasicCalls",
        "scorm/scorm2004_3rd_Metadata",
    ];
    let mut total = 0;
    for (list, is_broken) in [(&whole[..], false), (&broken[..], true)] {
        for rel in list {
            let p = s.join(rel);
            if !p.exists() {
                eprintln!("skipped: {} is absent", p.display());
                continue;
            }
            let (v, code) = common::json(&["check", p.to_str().unwrap()]);
            let items = v["items"].as_array().unwrap().len();
            let inputs: Vec<_> = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"].as_str().unwrap().starts_with("input/"))
                .collect();
            println!(
                "{rel}: {items} items, {} input findings, exit {code}",
                inputs.len()
            );
            if is_broken {
                assert_eq!(code, 2);
                assert!(!inputs.is_empty());
                for f in inputs {
                    assert!(f["line"].as_u64().unwrap() >= 1);
                    assert!(f["file"].as_str().unwrap().starts_with(p.to_str().unwrap()));
                }
            } else {
                assert!(items > 0, "{rel}: no items");
                assert!(inputs.is_empty(), "{rel}: {inputs:?}");
            }
            total += items;
        }
    }
    println!("{total} items in all");
}

#[test]
fn naming_the_manifest_checks_its_package_and_links_cannot_escape() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("cafe");
    std::fs::create_dir_all(pkg.join("pages")).unwrap();
    for (name, bytes) in scorm_members() {
        if name != "pages/two b.html" {
            std::fs::write(pkg.join(name), bytes).unwrap();
        }
    }
    // A page that is a link to a file outside the package is not read.
    let outside = dir.path().join("secret.html");
    std::fs::write(&outside, "<p>Néanmoins secret.</p>").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, pkg.join("pages/two b.html")).unwrap();
    let manifest = pkg.join("imsmanifest.xml");
    let (v, code) = common::json(&["check", manifest.to_str().unwrap()]);
    assert_eq!(code, 2);
    let one = format!("{}/pages/one.html", pkg.display());
    assert_eq!(items_in(&v, &one).len(), 1, "{v:#}");
    assert!(!v.to_string().contains("secret"), "{v:#}");
    #[cfg(unix)]
    assert_eq!(
        common::of_rule(&v, "input/unsafe-archive").len(),
        1,
        "{v:#}"
    );
}
