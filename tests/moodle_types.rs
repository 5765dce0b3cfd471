//! Moodle XML question types beyond the core quiz ones: numerical (numbers are answers, never
//! vocabulary), calculated (wildcards left out), calculatedmulti, randomsamatch,
//! ddimageortext, ddmarker, multichoiceset, random (skipped) and unknown plugins.

mod common;
use common::*;

use cefrlint::load::{decode, load, Format, Loaded};
use cefrlint::model::{Item, ItemKind, Role};
use cefrlint::source::SourceFile;

const FILE: &str = "tests/fixtures/moodle/types.xml";

fn read() -> (SourceFile, Loaded) {
    let bytes = std::fs::read(root().join(FILE)).unwrap();
    let src = decode(FILE, &bytes).0;
    let loaded = load(&src, Format::MoodleXml, true);
    (src, loaded)
}

fn item<'a>(l: &'a Loaded, id: &str) -> &'a Item {
    l.document
        .as_ref()
        .unwrap()
        .items()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn raw_at(src: &SourceFile, raw: &str) -> (u32, u32) {
    let i = src.text.find(raw).unwrap();
    let lc = src.line_col(i);
    (lc.line, lc.column)
}

#[test]
fn numerical_answers_are_the_accepted_numbers() {
    let (src, l) = read();
    let it = item(&l, "num-train");
    assert_eq!(it.kind, ItemKind::Open);
    assert_eq!(texts(it, Role::Answer), ["3", "3.5e0"]);
    assert_eq!(
        texts(it, Role::Feedback),
        [
            "Exact.",
            "Presque.",
            "Relisez la question.",
            "On compte les heures."
        ]
    );
    // Units are symbols, not text.
    assert!(!it.fields.iter().any(|f| f.text.as_str() == "min"));
    assert_eq!(position(&src, it, "3.5e0"), (16, 13));
    assert_eq!(position(&src, it, "voyage"), raw_at(&src, "voyage"));
}

#[test]
fn calculated_and_drag_and_drop_texts() {
    let (src, l) = read();
    let c = item(&l, "calc-pommes");
    assert_eq!(
        texts(c, Role::Prompt),
        ["Marie a pommes et Paul en a . Combien de pommes ont-ils ?"]
    );
    assert!(texts(c, Role::Answer).is_empty());
    assert_eq!(texts(c, Role::Feedback), ["Bravo !"]);
    assert_eq!(position(&src, c, "Paul"), raw_at(&src, "Paul"));

    let m = item(&l, "calcm-prix");
    assert_eq!(m.kind, ItemKind::Open);
    assert_eq!(
        texts(m, Role::Prompt),
        ["Un café coûte euros. Combien coûtent deux cafés ?"]
    );
    // Only the option with words; the formulas are numbers.
    assert_eq!(texts(m, Role::Option), ["euros"]);

    let r = item(&l, "rsm-mots");
    assert_eq!(
        texts(r, Role::Prompt),
        ["Associez chaque mot à sa traduction."]
    );

    let dd = item(&l, "dd-carte");
    assert_eq!(texts(dd, Role::Option), ["Lyon", "la capitale"]);
    assert!(!dd.fields.iter().any(|f| f.text.as_str() == "zone un"));
    assert_eq!(position(&src, dd, "capitale"), raw_at(&src, "capitale"));
    let dm = item(&l, "dm-gare");
    assert_eq!(texts(dm, Role::Option), ["la gare"]);

    let set = item(&l, "mcs-fruits");
    assert_eq!(set.kind, ItemKind::MultipleChoice);
    assert_eq!(set.single_answer, Some(false));
    assert_eq!(texts(set, Role::Answer), ["la pomme", "la poire"]);

    // A random question has no text of its own: not an item.
    let ids: Vec<&str> = l
        .document
        .as_ref()
        .unwrap()
        .items()
        .map(|i| i.id.as_str())
        .collect();
    assert!(!ids.iter().any(|i| i.starts_with("Question aléatoire")));
    // An unknown plugin keeps its text.
    let ws = item(&l, "ws-verbes");
    assert_eq!(ws.kind, ItemKind::Open);
    assert_eq!(texts(ws, Role::Prompt), ["Le chat [mange] la souris."]);
}

#[test]
fn numbers_never_misfire_as_answers_words_or_spelling() {
    let (v, code) = json(&["check", FILE]);
    assert_ne!(code, 2, "{v:#}");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 8, "{v:#}");
    assert!(items.iter().all(|i| i["declared_level"] == "A2"));
    for f in findings(&v) {
        let rule = f["rule"].as_str().unwrap();
        assert!(
            !(rule.starts_with("answer/") || rule.starts_with("spelling/")),
            "{f:#}"
        );
        // Nothing points into a numerical answer.
        assert!(!(f["line"] == 12 || f["line"] == 16), "{f:#}");
    }
}
