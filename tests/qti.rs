//! IMS QTI 2.1, 2.2 and 3.0 items: interactions, correct responses, languages, exact positions
//! through XHTML, entities and CDATA; parse errors; other XML left alone; then the real samples
//! of ../shared.

mod common;
use common::*;

use cefrlint::load::{decode, load, qti, Format, Loaded};
use cefrlint::model::{Item, ItemKind, Origin, Role};
use cefrlint::source::SourceFile;

const DIR: &str = "tests/fixtures/qti";

fn read(name: &str) -> (SourceFile, Loaded) {
    // `.xml` files are detected as Moodle XML candidates; the root element decides.
    load_fixture(&format!("{DIR}/{name}"), Format::MoodleXml)
}

fn only_item(l: &Loaded) -> &Item {
    let doc = l.document.as_ref().expect("document");
    assert_eq!(doc.items().count(), 1);
    doc.items().next().unwrap()
}

fn answers(it: &Item) -> Vec<(u32, u32, &str)> {
    it.fields
        .iter()
        .filter(|f| f.role == Role::Answer)
        .map(|f| (f.slot, f.alt, f.text.as_str()))
        .collect()
}

#[test]
fn choice_item_v2_1() {
    let (src, l) = read("choice_21.xml");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let it = only_item(&l);
    assert_eq!(
        (it.id.as_str(), it.kind),
        ("es-mercado", ItemKind::MultipleChoice)
    );
    assert_eq!(texts(it, Role::Title), ["En el mercado"]);
    assert_eq!(
        texts(it, Role::Prompt),
        ["Ayer fui al mercado con mi hermana.\nCompramos fruta & verdura.\n¿Qué compraron?"]
    );
    assert_eq!(
        texts(it, Role::Option),
        ["Pescado", "Fruta y verdura", "Pan"]
    );
    assert_eq!(answers(it), [(0, 0, "Fruta y verdura")]);
    assert_eq!(
        texts(it, Role::Feedback),
        ["Muy bien.", "Lee el texto otra vez."]
    );
    let d = it.language.clone().unwrap();
    assert_eq!((d.value.unwrap().as_str(), d.origin), ("es", Origin::Item));
    assert_eq!(src.line_col(d.span.unwrap().start).column, 74);
    // Multi-line XHTML text, an entity, and a word inside a choice's <em>.
    assert_eq!(word_at(&src, it, "hermana"), (10, 7, "hermana"));
    assert_eq!(word_at(&src, it, "Compramos"), (10, 22, "Compramos"));
    assert_eq!(word_at(&src, it, "&"), (10, 38, "&amp;"));
    let opt = it
        .fields
        .iter()
        .find(|f| f.role == Role::Option && f.slot == 1)
        .unwrap();
    let i = opt.text.as_str().find("verdura").unwrap();
    let lc = src.line_col(opt.text.source_span(i, i + 7).start);
    assert_eq!((lc.line, lc.column), (14, 48));
}

#[test]
fn text_entry_and_inline_choice_gaps() {
    let (src, l) = read("gaps_21.xml");
    let it = only_item(&l);
    assert_eq!(it.kind, ItemKind::GapFill);
    assert_eq!(
        texts(it, Role::Prompt),
        ["Heute ___ es in Berlin, und es ist ___."]
    );
    assert_eq!(texts(it, Role::Option), ["warm", "kalt"]);
    // The correct value, then the mapped keys earning points (not `scheint`: 0 points).
    assert_eq!(
        answers(it),
        [(0, 0, "regnet"), (0, 1, "schneit"), (1, 0, "kalt")]
    );
    assert_eq!(
        it.language
            .as_ref()
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .as_str(),
        "de"
    );
    assert_eq!(word_at(&src, it, "Berlin"), (17, 7, "Berlin"));
    assert_eq!(word_at(&src, it, "schneit"), (8, 25, "schneit"));
    assert_eq!(word_at(&src, it, "kalt"), (20, 38, "kalt"));
    let (line, col, raw) = word_at(&src, it, "___");
    assert_eq!((line, col), (16, 14));
    assert!(raw.starts_with("<textEntryInteraction") && raw.ends_with("/>"));
}

#[test]
fn gap_match_v2_2() {
    let (src, l) = read("gap_match_22.xml");
    let it = only_item(&l);
    assert_eq!(it.kind, ItemKind::GapFill);
    assert_eq!(
        texts(it, Role::Prompt),
        ["Complete the sentences.\nI ___ at seven.\nThen I ___ breakfast."]
    );
    assert_eq!(texts(it, Role::Option), ["get up", "have", "go"]);
    assert_eq!(answers(it), [(0, 0, "get up"), (1, 0, "have")]);
    assert!(it.language.is_none());
    assert_eq!(word_at(&src, it, "breakfast"), (17, 81, "breakfast"));
    let p = &it
        .fields
        .iter()
        .find(|f| f.role == Role::Prompt)
        .unwrap()
        .text;
    let g = p.as_str().rfind("___").unwrap();
    let sp = p.source_span(g, g + 3);
    assert_eq!(&src.text[sp.start..sp.end], "<gap identifier=\"G2\"/>");
}

#[test]
fn match_pairs_from_the_correct_response() {
    let (src, l) = read("match_21.xml");
    let it = only_item(&l);
    assert_eq!(it.kind, ItemKind::Matching);
    assert_eq!(texts(it, Role::Prompt), ["Abbina i colori."]);
    assert_eq!(texts(it, Role::PairTarget), ["rosso", "verde"]);
    assert_eq!(texts(it, Role::PairSupport), ["red", "green"]);
    assert_eq!(word_at(&src, it, "verde"), (15, 65, "verde"));
}

#[test]
fn qti_3_essay_and_choice() {
    let (src, l) = read("essay_30.xml");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let it = only_item(&l);
    assert_eq!((it.id.as_str(), it.kind), ("fr-vacances", ItemKind::Open));
    assert_eq!(
        texts(it, Role::Prompt),
        ["Raconte tes dernières vacances\u{202f}!\nÉcris <cinq> phrases."]
    );
    assert_eq!(word_at(&src, it, "dernières"), (7, 25, "derni&#232;res"));
    assert_eq!(word_at(&src, it, "<cinq>"), (9, 34, "<cinq>"));
    assert_eq!(word_at(&src, it, "phrases"), (9, 44, "phrases"));

    let (src, l) = read("choice_30.xml");
    let it = only_item(&l);
    assert_eq!(it.kind, ItemKind::MultipleChoice);
    assert_eq!(texts(it, Role::Option), ["a dog", "a lion", "a cat"]);
    assert_eq!(answers(it), [(0, 0, "a dog"), (0, 1, "a cat")]);
    assert_eq!(word_at(&src, it, "a cat"), (15, 43, "a cat"));
}

#[test]
fn broken_and_foreign_xml() {
    let (_, l) = read("broken.xml");
    assert!(l.document.is_none());
    let f = &l.findings[0];
    assert_eq!(f.rule.code, "input/parse-error");
    assert_eq!((f.location.start.line, f.location.start.column), (4, 24));
    // A manifest is not an item: quiet when walked, reported when named.
    let bytes = std::fs::read(root().join(DIR).join("imsmanifest.xml")).unwrap();
    let src = decode("imsmanifest.xml", &bytes).0;
    let walked = load(&src, Format::MoodleXml, false);
    assert!(walked.document.is_none() && walked.findings.is_empty());
    assert_eq!(
        load(&src, Format::Qti, true).findings[0].rule.code,
        "input/invalid-structure"
    );
    // The public entry point for items inside packages.
    assert!(qti::is_item_root("qti-assessment-item"));
    assert!(qti::read(&src).document.unwrap().lessons.is_empty());
}

#[test]
fn walking_a_folder_skips_manifests_quietly() {
    let (v, code) = json(&["check", "tests/fixtures/qti"]);
    assert_eq!(code, 2, "the broken item makes the run exit 2");
    let files = v["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(
        !names.iter().any(|n| n.ends_with("imsmanifest.xml")),
        "{names:?}"
    );
    assert_eq!(files.len(), 7, "{names:?}");
    let errs = of_rule(&v, "input/parse-error");
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0]["line"], 4);
}

#[test]
fn real_qti_samples() {
    let Some(shared) = shared() else {
        return;
    };
    let files = files_with_ext(&shared.join("samples/qti"), "xml");
    if files.is_empty() {
        eprintln!("skipped: no QTI samples");
        return;
    }
    let (mut read_files, mut items, mut findings, mut other) = (0, 0, 0, 0);
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        let (src, _) = decode(&p.to_string_lossy(), &bytes);
        let l = load(&src, Format::Qti, false);
        for f in &l.findings {
            assert!(f.rule.code.starts_with("input/"), "{}", f.rule.code);
            assert!(f.location.start.line >= 1);
        }
        findings += l.findings.len();
        match &l.document {
            None if l.findings.is_empty() => other += 1,
            None => {}
            Some(d) => {
                read_files += 1;
                assert_eq!(d.items().count(), 1, "{}", p.display());
                for it in d.items() {
                    assert!(
                        it.fields.iter().any(|f| f.role != Role::Title),
                        "{}: no text",
                        p.display()
                    );
                    for f in &it.fields {
                        let s = f.text.source_span(0, f.text.as_str().len());
                        assert!(s.end <= src.text.len());
                    }
                }
                items += d.items().count();
            }
        }
    }
    println!(
        "QTI samples: {} .xml files, {read_files} items read, {other} other XML skipped, {items} items, {findings} findings",
        files.len()
    );
    assert!(read_files >= 40 && items >= 40, "{read_files}");
}

#[test]
fn hottext_passage_is_part_of_the_prompt() {
    let text = "<assessmentItem identifier=\"h\" xml:lang=\"fr\"><itemBody>\n\
                <hottextInteraction responseIdentifier=\"R\"><prompt>Trouve l'erreur.</prompt>\n\
                <p>Nous <hottext identifier=\"A\">avons</hottext> <hottext identifier=\"B\">allés</hottext> au parc.</p>\n\
                </hottextInteraction></itemBody></assessmentItem>";
    let src = SourceFile::new("h.xml", text);
    let l = qti::read(&src);
    let it = only_item(&l);
    assert_eq!(
        texts(it, Role::Prompt),
        ["Trouve l'erreur.\nNous avons allés au parc."]
    );
    assert_eq!(word_at(&src, it, "allés"), (3, 73, "allés"));
}

#[test]
fn a_qti_item_is_reported_as_qti_not_moodle_xml() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args([
            "check",
            "tests/fixtures/qti/choice_21.xml",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["format"], "qti");
}
