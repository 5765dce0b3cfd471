//! IMS QTI 1.2 (`questestinterop`): items of sections with choices, fill-ins, Canvas blanks,
//! matching and essays, their keys from the response processing, exact positions through
//! escaped HTML and CDATA, metadata levels; in plain files and in content packages.

mod common;
mod pkgutil;
use common::*;

use cefrlint::load::{load, Format, Loaded};
use cefrlint::model::{Item, ItemKind, Level, Origin, Role};
use cefrlint::source::SourceFile;

fn read(name: &str) -> (SourceFile, Loaded) {
    load_fixture(&format!("tests/fixtures/qti1/{name}"), Format::MoodleXml)
}

fn answers(it: &Item) -> Vec<(u32, u32, &str)> {
    it.fields
        .iter()
        .filter(|f| f.role == Role::Answer)
        .map(|f| (f.slot, f.alt, f.text.as_str()))
        .collect()
}

/// Line and column of `word` in the first field of `role` holding it (its source must read
/// `word`).
fn role_at(src: &SourceFile, it: &Item, role: Role, word: &str) -> (u32, u32) {
    let f = it
        .fields
        .iter()
        .find(|f| f.role == role && f.text.as_str().contains(word))
        .unwrap_or_else(|| panic!("{word} in a {role:?} of {}", it.id));
    let i = f.text.as_str().find(word).unwrap();
    let span = f.text.source_span(i, i + word.len());
    assert_eq!(&src.text[span.start..span.end], word);
    let lc = src.line_col(span.start);
    (lc.line, lc.column)
}

/// Line and column of `raw` in the source, plus `skip` bytes (to reach a word inside it).
fn raw_at(src: &SourceFile, raw: &str, skip: usize) -> (u32, u32) {
    let i = src
        .text
        .find(raw)
        .unwrap_or_else(|| panic!("{raw} in the fixture"));
    let lc = src.line_col(i + skip);
    (lc.line, lc.column)
}

#[test]
fn choices_with_their_key_feedback_and_declarations() {
    let (src, l) = read("cafe.xml");
    let doc = l.document.as_ref().unwrap();
    assert_eq!(doc.lessons.len(), 1);
    assert_eq!(doc.lessons[0].id.as_deref(), Some("Commander"));
    let ids: Vec<&str> = doc.items().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["Commander#rubric", "q1", "q2", "q3", "q4", "q5", "q6"]
    );
    // The assessment's rubric is an instruction.
    let rubric = item(&l, "Commander#rubric");
    assert_eq!(
        texts(rubric, Role::Instruction),
        ["Lisez chaque question avant de répondre."]
    );
    let q1 = item(&l, "q1");
    assert_eq!(q1.kind, ItemKind::MultipleChoice);
    assert_eq!(q1.single_answer, Some(true));
    assert_eq!(texts(q1, Role::Title), ["Le serveur"]);
    assert_eq!(texts(q1, Role::Prompt), ["Que demande le serveur ?"]);
    assert_eq!(texts(q1, Role::Option), ["Vous désirez ?", "Au revoir"]);
    assert_eq!(answers(q1), [(0, 0, "Vous désirez ?")]);
    assert_eq!(texts(q1, Role::Feedback), ["Très bien."]);
    // Through escaped HTML, and inside CDATA.
    let serveur = raw_at(&src, "&lt;b&gt;serveur", "&lt;b&gt;".len());
    assert_eq!(role_at(&src, q1, Role::Prompt, "serveur"), serveur);
    assert_eq!(serveur, (15, 84));
    assert_eq!(
        role_at(&src, q1, Role::Option, "revoir"),
        raw_at(&src, "Au revoir", 3)
    );
    // Level from the assessment's metadata, language from the root's xml:lang.
    let level = q1.level.clone().unwrap();
    assert_eq!((level.value, level.origin), (Some(Level::A2), Origin::File));
    let lc = src.line_col(level.span.unwrap().start);
    assert_eq!((lc.line, lc.column), raw_at(&src, "A2</fieldentry>", 0));
    let lang = q1.language.clone().unwrap();
    assert_eq!(lang.value.unwrap().as_str(), "fr");
    // The comment is not read.
    assert!(!doc
        .items()
        .flat_map(|i| i.fields.iter())
        .any(|f| f.text.as_str().contains("commentaire")));
}

#[test]
fn fill_ins_blanks_matching_and_essays() {
    let (src, l) = read("cafe.xml");
    let q2 = item(&l, "q2");
    assert_eq!(q2.kind, ItemKind::GapFill);
    assert_eq!(
        texts(q2, Role::Prompt),
        ["Je voudrais un ___, s'il vous plaît."]
    );
    assert_eq!(answers(q2), [(0, 0, "café"), (0, 1, "thé")]);
    // The gap is the response element itself.
    let (line, col, text) = word_at(&src, q2, "___");
    assert_eq!((line, col), raw_at(&src, "<response_str ident=\"r2\"", 0));
    assert!(text.starts_with("<response_str") && text.ends_with("</response_str>"));
    assert_eq!(position(&src, q2, "thé"), raw_at(&src, "thé</varequal>", 0));

    // Canvas blanks: `[c1]` in the text is the gap.
    let q3 = item(&l, "q3");
    assert_eq!(q3.kind, ItemKind::GapFill);
    assert_eq!(
        texts(q3, Role::Prompt),
        ["Le ciel est ___ et l'herbe est ___."]
    );
    assert!(texts(q3, Role::Option).is_empty());
    assert_eq!(answers(q3), [(0, 0, "bleu"), (1, 0, "verte")]);
    assert_eq!(word_at(&src, q3, "___").2, "[c1]");
    // `A7` is not a level: reported at the entry, declared as not valid.
    assert_eq!(q3.level.as_ref().unwrap().value, None);
    let bad: Vec<_> = l
        .findings
        .iter()
        .filter(|f| f.rule.code == "metadata/invalid-level")
        .collect();
    assert_eq!(bad.len(), 1, "{:?}", l.findings);
    let at = raw_at(&src, "A7</fieldentry>", 0);
    assert_eq!(at, (49, 71));
    assert_eq!(
        (bad[0].location.start.line, bad[0].location.start.column),
        at
    );

    let q4 = item(&l, "q4");
    assert_eq!(q4.kind, ItemKind::Matching);
    assert_eq!(texts(q4, Role::PairTarget), ["le sucre", "le lait"]);
    assert_eq!(texts(q4, Role::PairSupport), ["sugar", "milk"]);

    // No key: an open question, its text still read.
    let q5 = item(&l, "q5");
    assert_eq!(q5.kind, ItemKind::Open);
    assert_eq!(texts(q5, Role::Prompt), ["Décrivez votre café préféré."]);
    assert!(answers(q5).is_empty());

    // Several answers; the one under <not> is wrong.
    let q6 = item(&l, "q6");
    assert_eq!(q6.kind, ItemKind::MultipleChoice);
    assert_eq!(q6.single_answer, Some(false));
    assert_eq!(answers(q6), [(0, 0, "le thé"), (0, 1, "le chocolat")]);
}

#[test]
fn the_cli_reads_a_qti_1_2_file_and_a_package() {
    // A plain file.
    let (v, code) = json(&["check", "tests/fixtures/qti1/cafe.xml"]);
    assert_eq!(code, 1, "{v:#}");
    let file = "tests/fixtures/qti1/cafe.xml";
    assert_eq!(pkgutil::items_in(&v, file).len(), 7, "{v:#}");
    assert!(pkgutil::has_at(
        &v,
        "metadata/invalid-level",
        file,
        (49, 71)
    ));
    // The same inside a Common Cartridge package.
    let dir = tempfile::tempdir().unwrap();
    // `.imscc`, as Canvas and Moodle name their Common Cartridge exports.
    let pkg = dir.path().join("cafe.imscc");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="cc" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion></metadata>
  <organizations/>
  <resources>
    <resource identifier="a1" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment">
      <file href="a1/assessment_qti.xml"/>
    </resource>
  </resources>
</manifest>
"#;
    let qti = std::fs::read(root().join(file)).unwrap();
    pkgutil::write_zip(
        &pkg,
        &[
            ("imsmanifest.xml", manifest.as_bytes()),
            ("a1/assessment_qti.xml", &qti),
        ],
    );
    let (v, _) = json(&["check", pkg.to_str().unwrap()]);
    let member = format!("{}!/a1/assessment_qti.xml", pkg.display());
    assert_eq!(pkgutil::items_in(&v, &member).len(), 7, "{v:#}");
    assert!(pkgutil::has_at(
        &v,
        "metadata/invalid-level",
        &member,
        (49, 71)
    ));
}

#[test]
fn broken_qti_1_2_is_located() {
    let src = SourceFile::new(
        "b.xml",
        "<questestinterop>\n  <item ident=\"x\">\n  </questestinterop>\n",
    );
    let l = load(&src, Format::MoodleXml, true);
    assert!(l.document.is_none());
    assert_eq!(l.findings[0].rule.code, "input/parse-error");
    assert_eq!(l.findings[0].location.start.line, 3);
}

#[test]
fn shared_samples_with_qti_1_2() {
    let Some(shared) = pkgutil::shared() else {
        return;
    };
    // ../shared holds no QTI 1.2 file today; any found is read without an input finding.
    let mut n = 0;
    let mut stack = vec![shared.join("samples")];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                if !text.contains("<questestinterop") {
                    continue;
                }
                n += 1;
                let src = SourceFile::new(p.display().to_string(), text);
                let l = load(&src, Format::MoodleXml, true);
                assert!(
                    l.findings
                        .iter()
                        .all(|f| !f.rule.code.starts_with("input/")),
                    "{}: {:?}",
                    p.display(),
                    l.findings
                );
            }
        }
    }
    println!("{n} QTI 1.2 samples in ../shared");
}

#[test]
fn numeric_ranges_are_the_answer() {
    let (src, l) = read("ranges.xml");
    // `vargte`/`varlte` of one response: the range, located at its lower bound.
    let n1 = item(&l, "n1");
    assert_eq!(answers(n1), [(0, 0, "9.5..10.5")]);
    assert_eq!(role_at(&src, n1, Role::Answer, "9.5"), (14, 38));
    assert_eq!(raw_at(&src, "9.5</vargte>", 0), (14, 38));
    assert_eq!(role_at(&src, n1, Role::Answer, "10.5"), (15, 39));
    // Strict bounds, the response between two materials: a gap whose answer is the range.
    let n2 = item(&l, "n2");
    assert_eq!(n2.kind, ItemKind::GapFill);
    assert_eq!(answers(n2), [(0, 0, "6..8")]);
    assert_eq!(role_at(&src, n2, Role::Answer, "6"), (29, 49));
    assert_eq!(role_at(&src, n2, Role::Answer, "8"), (29, 80));
    // A bound alone is not read: no key.
    assert!(answers(item(&l, "n3")).is_empty());
    // Checked, the ranges give no answer, spelling or vocabulary finding.
    let (v, _) = json(&["check", "tests/fixtures/qti1/ranges.xml"]);
    let flagged: Vec<_> = findings(&v)
        .iter()
        .filter(|f| {
            let rule = f["rule"].as_str().unwrap_or("");
            ["answer/", "spelling/", "vocabulary/"]
                .iter()
                .any(|p| rule.starts_with(p))
        })
        .collect();
    assert!(flagged.is_empty(), "{flagged:#?}");
}
