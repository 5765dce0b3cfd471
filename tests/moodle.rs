//! Moodle XML: every question type, roles, correct answers, levels from categories and tags,
//! languages, exact positions through XML escapes, CDATA, entities and HTML; parse errors;
//! then the real samples of ../shared.

mod common;
use common::*;

use cefrlint::load::{decode, load, Format, Loaded};
use cefrlint::model::{ItemKind, Level, Origin, Role};
use cefrlint::source::SourceFile;

const DIR: &str = "tests/fixtures/moodle";

fn read(name: &str) -> (SourceFile, Loaded) {
    load_fixture(&format!("{DIR}/{name}"), Format::MoodleXml)
}

#[test]
fn every_question_type_becomes_an_item() {
    let (_, l) = read("maison.xml");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let doc = l.document.as_ref().unwrap();
    assert_eq!(doc.lessons.len(), 2);
    assert_eq!(
        doc.lessons[0].id.as_deref(),
        Some("$course$/top/Français/Niveau A2/La maison")
    );
    let kinds: Vec<(&str, ItemKind)> = doc.items().map(|i| (i.id.as_str(), i.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("intro", ItemKind::Text),
            ("mc-chambre", ItemKind::MultipleChoice),
            ("mc-meubles", ItemKind::MultipleChoice),
            ("vf-salle", ItemKind::TrueFalse),
            ("sa-soeur", ItemKind::GapFill),
            ("num-pieces", ItemKind::Open),
            ("assoc-pieces", ItemKind::Matching),
            ("cloze-jardin", ItemKind::GapFill),
            ("gs-garage", ItemKind::GapFill),
            ("dd-salon", ItemKind::GapFill),
            ("essay-maison", ItemKind::Open),
            ("plugin-type", ItemKind::Open),
            ("sa-english", ItemKind::Open),
        ]
    );
}

#[test]
fn roles_answers_and_feedback() {
    let (_, l) = read("maison.xml");
    let intro = item(&l, "intro");
    assert_eq!(
        texts(intro, Role::Text),
        ["Voici la maison de Léa.\nElle a trois pièces."]
    );
    assert_eq!(texts(intro, Role::Title), ["intro"]);

    let mc = item(&l, "mc-chambre");
    assert_eq!(
        texts(mc, Role::Prompt),
        ["Où est-ce que tu dors d'habitude\u{a0}?"]
    );
    assert_eq!(
        texts(mc, Role::Option),
        ["Dans la cuisine", "Dans la chambre", "Dans le jardin"]
    );
    assert_eq!(texts(mc, Role::Answer), ["Dans la chambre"]);
    // Answer feedback first, general feedback last.
    assert_eq!(
        texts(mc, Role::Feedback),
        [
            "Non, on y fait la cuisine.",
            "Oui, bravo\u{a0}!",
            "On dort dans la chambre."
        ]
    );

    // Several right answers: every answer with credit, best first; the wrong one left out.
    let multi = item(&l, "mc-meubles");
    assert_eq!(texts(multi, Role::Answer), ["un canapé", "une télévision"]);

    let tf = item(&l, "vf-salle");
    assert_eq!(texts(tf, Role::Answer), ["false"]);
    assert_eq!(texts(tf, Role::Feedback), ["Relis le texte.", "Exact."]);

    // Short answer: answers with credit, best first, as alternatives of the gap.
    let sa = item(&l, "sa-soeur");
    assert_eq!(texts(sa, Role::Prompt), ["Ma sœur ____ dans la cuisine."]);
    let alts: Vec<(u32, u32, &str)> = sa
        .fields
        .iter()
        .filter(|f| f.role == Role::Answer)
        .map(|f| (f.slot, f.alt, f.text.as_str()))
        .collect();
    assert_eq!(alts, [(0, 0, "mange"), (0, 1, "cuisine")]);

    // A numerical question's accepted number is its answer (never vocabulary or spelling).
    let num = item(&l, "num-pieces");
    assert_eq!(texts(num, Role::Answer), ["3"]);
    assert_eq!(texts(num, Role::Feedback), ["Trois pièces."]);

    let m = item(&l, "assoc-pieces");
    assert_eq!(texts(m, Role::PairTarget), ["la cuisine", "la chambre"]);
    assert_eq!(texts(m, Role::PairSupport), ["cooking", "sleeping"]);

    assert_eq!(
        texts(item(&l, "essay-maison"), Role::Prompt),
        ["Décris ta maison en cinq phrases."]
    );
    // A plugin's type: its text is still read.
    assert_eq!(
        texts(item(&l, "plugin-type"), Role::Prompt),
        ["Retrouve les paires."]
    );
    // plain_text: no HTML reduction, the escaped `<big>` is text.
    assert_eq!(
        texts(item(&l, "sa-english"), Role::Prompt),
        ["The kitchen is <big>."]
    );
}

#[test]
fn cloze_and_drag_drop_gaps() {
    let (_, l) = read("maison.xml");
    let c = item(&l, "cloze-jardin");
    assert_eq!(
        texts(c, Role::Prompt),
        ["Le chat ___ dans le jardin.\nIl ___ sous l'arbre."]
    );
    assert_eq!(texts(c, Role::Option), ["est", "sont", "était"]);
    let ans: Vec<(u32, u32, &str)> = c
        .fields
        .iter()
        .filter(|f| f.role == Role::Answer)
        .map(|f| (f.slot, f.alt, f.text.as_str()))
        .collect();
    assert_eq!(
        ans,
        [
            (0, 0, "est"),
            (0, 1, "était"),
            (1, 0, "dort"),
            (1, 1, "dormait")
        ]
    );
    assert_eq!(texts(c, Role::Feedback), ["presque"]);

    let gs = item(&l, "gs-garage");
    assert_eq!(texts(gs, Role::Prompt), ["La ___ est dans le ___."]);
    assert_eq!(texts(gs, Role::Option), ["voiture", "garage", "grenier"]);
    assert_eq!(texts(gs, Role::Answer), ["voiture", "garage"]);

    // `[[2]]` first: the first gap's answer is the second drag box.
    let dd = item(&l, "dd-salon");
    assert_eq!(texts(dd, Role::Prompt), ["Nous ___ la télé dans le ___."]);
    let ans: Vec<(u32, &str)> = dd
        .fields
        .iter()
        .filter(|f| f.role == Role::Answer)
        .map(|f| (f.slot, f.text.as_str()))
        .collect();
    assert_eq!(ans, [(0, "regardons"), (1, "salon")]);
}

#[test]
fn exact_positions_through_escapes_cdata_and_html() {
    let (src, l) = read("maison.xml");
    // In escaped HTML (`&lt;b&gt;maison&lt;/b&gt;`).
    assert_eq!(
        word_at(&src, item(&l, "intro"), "maison"),
        (12, 40, "maison")
    );
    // In CDATA, on the second line of a text.
    let mc = item(&l, "mc-chambre");
    assert_eq!(word_at(&src, mc, "dors"), (19, 6, "dors"));
    assert_eq!(word_at(&src, mc, "habitude"), (19, 17, "habitude"));
    // Across a tag: the words keep their place, the tag is skipped.
    assert_eq!(
        word_at(&src, mc, "la chambre"),
        (25, 53, "la &lt;em&gt;chambre")
    );
    // A doubly escaped entity maps to all its bytes.
    assert_eq!(word_at(&src, mc, "\u{a0}!"), (26, 47, "&amp;nbsp;!"));
    // Character references inside a word.
    assert_eq!(
        word_at(&src, item(&l, "mc-meubles"), "télévision"),
        (34, 37, "t&#233;l&#xE9;vision")
    );
    // Cloze answers and the gap standing for the whole embedded question.
    let c = item(&l, "cloze-jardin");
    assert_eq!(word_at(&src, c, "sont"), (65, 50, "sont"));
    assert_eq!(word_at(&src, c, "dormait"), (66, 38, "dormait"));
    let (line, col, raw) = word_at(&src, c, "___");
    assert_eq!((line, col), (65, 30));
    assert!(raw.starts_with("{1:MULTICHOICE:=est") && raw.ends_with("presque}"));
    assert_eq!(
        word_at(&src, item(&l, "dd-salon"), "regardons"),
        (80, 20, "regardons")
    );
    assert_eq!(
        word_at(&src, item(&l, "assoc-pieces"), "sleeping"),
        (60, 69, "sleeping")
    );
    assert_eq!(
        word_at(&src, item(&l, "sa-english"), "<big>"),
        (95, 60, "&lt;big&gt;")
    );
}

#[test]
fn levels_and_languages_are_declared_where_written() {
    let (src, l) = read("maison.xml");
    let lc = |span: Option<cefrlint::source::Span>| {
        let p = src.line_col(span.unwrap().start);
        (p.line, p.column)
    };
    // The category path names the lesson's level.
    let d = item(&l, "intro").level.clone().unwrap();
    assert_eq!((d.value, d.origin), (Some(Level::A2), Origin::Lesson));
    assert_eq!(lc(d.span), (6, 42));
    // A tag names the item's level (lower case after `CEFR`).
    let d = item(&l, "sa-soeur").level.clone().unwrap();
    assert_eq!((d.value, d.origin), (Some(Level::B1), Origin::Item));
    assert_eq!(lc(d.span), (49, 60));
    // `Default for B2` names a course, not a level.
    assert!(item(&l, "sa-english").level.is_none());
    // xml:lang on <quiz> for the file, on <question> for one question.
    let d = item(&l, "intro").language.clone().unwrap();
    assert_eq!(d.value.unwrap().as_str(), "fr");
    assert_eq!((d.origin, lc(d.span)), (Origin::File, (2, 17)));
    let d = item(&l, "sa-english").language.clone().unwrap();
    assert_eq!(d.value.unwrap().as_str(), "en");
    assert_eq!((d.origin, lc(d.span)), (Origin::Item, (93, 42)));
}

#[test]
fn malformed_xml_is_a_located_parse_error() {
    let (src, l) = read("broken.xml");
    assert!(l.document.is_none());
    assert_eq!(l.findings.len(), 1);
    let f = &l.findings[0];
    assert_eq!(f.rule.code, "input/parse-error");
    assert_eq!((f.location.start.line, f.location.start.column), (5, 50));
    assert!(src.text[f.location.span.start..].starts_with("</questiontext>"));
}

#[test]
fn other_xml_is_not_a_lesson() {
    let src = SourceFile::new("x/imsmanifest.xml", "<?xml version='1.0'?><manifest/>");
    let walked = load(&src, Format::MoodleXml, false);
    assert!(walked.document.is_none() && walked.findings.is_empty());
    let named = load(&src, Format::MoodleXml, true);
    assert_eq!(named.findings[0].rule.code, "input/invalid-structure");
    assert!(cefrlint::load::content_decides(std::path::Path::new(
        "a/quiz.XML"
    )));
    assert_eq!(
        cefrlint::load::detect(std::path::Path::new("quiz.xml")),
        Some(Format::MoodleXml)
    );
}

#[test]
fn the_binary_reads_moodle_xml_with_positions() {
    let (v, _) = json(&["check", "tests/fixtures/moodle/maison.xml", "--lang", "fr"]);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files[0]["items"], 13, "{files:?}");
    for f in findings(&v) {
        assert!(f["line"].as_u64().unwrap() >= 1, "{f}");
    }
}

#[test]
fn real_moodle_samples() {
    let Some(shared) = shared() else {
        return;
    };
    let files = files_with_ext(&shared.join("samples/moodle_xml"), "xml");
    if files.is_empty() {
        eprintln!("skipped: no Moodle XML samples");
        return;
    }
    let (mut items, mut findings, mut with_items) = (0, 0, 0);
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        let (src, _) = decode(&p.to_string_lossy(), &bytes);
        let l = load(&src, Format::MoodleXml, true);
        for f in &l.findings {
            assert!(f.rule.code.starts_with("input/"), "{}", f.rule.code);
            assert!(f.location.start.line >= 1);
        }
        findings += l.findings.len();
        let n = l.document.as_ref().map_or(0, |d| d.items().count());
        if l.document.is_some() {
            assert!(n > 0, "{}: no item", p.display());
            with_items += 1;
        } else {
            assert!(!l.findings.is_empty(), "{}", p.display());
        }
        for it in l.document.iter().flat_map(|d| d.items()) {
            for f in &it.fields {
                let s = f.text.source_span(0, f.text.as_str().len());
                assert!(s.end <= src.text.len());
            }
        }
        items += n;
    }
    println!(
        "Moodle XML samples: {} files, {with_items} with items, {items} items, {findings} findings",
        files.len()
    );
    assert!(
        files.len() >= 15 && with_items >= 15 && items >= 49,
        "{items}"
    );
}

#[test]
fn nothing_panics_on_random_question_texts() {
    const PIECES: &[&str] = &[
        "{",
        "}",
        "{1:MC:",
        "{:SA:",
        "{2:NM:",
        "=",
        "~",
        "#",
        "%",
        "%50%",
        "\\",
        "[[",
        "]]",
        "[[1]]",
        "[[9]]",
        "[",
        "]",
        "|",
        "&lt;",
        "&gt;",
        "&amp;",
        "&lt;p&gt;",
        "&lt;/p&gt;",
        "&amp;nbsp;",
        "&amp;eacute;",
        "&#233;",
        "&#x2019;",
        "&lt;script&gt;",
        "&lt;!--",
        "-->",
        "<![CDATA[<b>x</b>]]>",
        " ",
        "\n",
        "é",
        "😀",
        "a",
        "A2",
        "___",
        ":",
        "_",
    ];
    const TYPES: &[&str] = &[
        "multichoice",
        "truefalse",
        "shortanswer",
        "numerical",
        "matching",
        "multianswer",
        "gapselect",
        "ddwtos",
        "gapfill",
        "ordering",
        "essay",
        "description",
        "other",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for round in 0..2000 {
        let mut text = String::new();
        for _ in 0..(next() % 30) {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let ty = TYPES[round % TYPES.len()];
        let xml = format!(
            "<quiz><question type=\"{ty}\"><name><text>{text}</text></name>\
             <questiontext format=\"html\"><text>{text}</text></questiontext>\
             <answer fraction=\"{}\"><text>{text}</text></answer>\
             <selectoption><text>{text}</text><group>1</group></selectoption>\
             <dragbox><text>{text}</text></dragbox>\
             <subquestion><text>{text}</text><answer><text>{text}</text></answer></subquestion>\
             <tags><tag><text>{text}</text></tag></tags></question></quiz>",
            next() % 150
        );
        let src = SourceFile::new("r.xml", xml);
        let l = load(&src, Format::MoodleXml, false);
        for it in l.document.iter().flat_map(|d| d.items()) {
            for f in &it.fields {
                let t = f.text.as_str();
                for i in (0..=t.len()).filter(|i| t.is_char_boundary(*i)) {
                    let s = f.text.source_span(0, i);
                    assert!(s.end <= src.text.len() && s.start <= s.end);
                }
            }
        }
    }
}

#[test]
fn essay_response_template_is_read_and_grader_information_is_not() {
    let (src, l) = read("essay_template.xml");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let essay = item(&l, "essay-postcard");
    assert_eq!(essay.kind, ItemKind::Open);
    assert_eq!(
        texts(essay, Role::Text),
        ["Dear Sam,\nWe arrived at the seaside on Monday."]
    );
    // "seaside" in the template, through the escaped HTML: line 11, column 98.
    let f = essay.fields.iter().find(|f| f.role == Role::Text).unwrap();
    let i = f.text.as_str().find("seaside").unwrap();
    let span = f.text.source_span(i, i + "seaside".len());
    assert_eq!(&src.text[span.start..span.end], "seaside");
    let lc = src.line_col(span.start);
    assert_eq!((lc.line, lc.column), (11, 98));
    // The grader information is for teachers: in no field.
    assert!(essay
        .fields
        .iter()
        .all(|f| !f.text.as_str().contains("past tense")));
}

#[test]
fn numerical_units_that_are_words_are_options() {
    let (src, l) = read("numerical_units.xml");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let q = item(&l, "num-journey");
    assert_eq!(q.kind, ItemKind::Open);
    assert_eq!(texts(q, Role::Answer), ["3"]);
    // `h` is a symbol: left out.
    assert_eq!(texts(q, Role::Option), ["hours", "minutes"]);
    let at = |word: &str| {
        let f = q
            .fields
            .iter()
            .find(|f| f.role == Role::Option && f.text.as_str() == word)
            .unwrap();
        let span = f.text.source_span(0, word.len());
        assert_eq!(&src.text[span.start..span.end], word);
        let lc = src.line_col(span.start);
        (lc.line, lc.column)
    };
    assert_eq!(at("hours"), (8, 50));
    assert_eq!(at("minutes"), (9, 52));
    // Checked: no spelling or vocabulary finding on the units.
    let (v, _) = json(&["check", &format!("{DIR}/numerical_units.xml")]);
    let on_units: Vec<_> = findings(&v)
        .iter()
        .filter(|f| f["line"] == 8 || f["line"] == 9)
        .collect();
    assert!(on_units.is_empty(), "{on_units:#?}");
}
