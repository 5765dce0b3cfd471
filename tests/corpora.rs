//! The bundled corpora: every planted defect is found where EXPECTED.yaml says, and the clean
//! lessons get no level, vocabulary or grammar finding.

mod common;
use common::*;

use cefrlint::load::tree::Node;

struct Expected {
    file: String,
    item: Option<String>,
    rule: String,
    text: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join("corpora/EXPECTED.yaml")).unwrap();
    let root = cefrlint::load::yaml::parse(&text).unwrap().root.unwrap();
    let s = |n: &Node, k: &str| n.get(k).and_then(Node::as_str).map(str::to_string);
    root.as_seq()
        .unwrap()
        .iter()
        .map(|n| Expected {
            file: s(n, "file").unwrap(),
            item: s(n, "item"),
            rule: s(n, "rule").unwrap(),
            text: s(n, "text"),
            line: s(n, "line").map(|l| l.parse().unwrap()),
            column: s(n, "column").map(|l| l.parse().unwrap()),
        })
        .collect()
}

#[test]
fn every_planted_defect_is_found_at_its_place() {
    let (v, _) = json(&["check", "corpora"]);
    let exp = expected();
    assert!(exp.len() >= 15);
    let mut missing = Vec::new();
    for e in &exp {
        let file = format!("corpora/{}", e.file);
        let found = findings(&v).iter().any(|f| {
            let same_place = match (e.line, e.column) {
                (Some(l), Some(c)) if e.rule.starts_with("grammar/") => {
                    // A structure's span may start before the word planted in it
                    // (`qu'il vînt` for `vînt`): the span must cover that word.
                    f["line"] == l
                        && f["column"].as_u64() <= Some(c)
                        && (f["end_line"].as_u64() > Some(l) || f["end_column"].as_u64() > Some(c))
                }
                (l, c) => {
                    l.is_none_or(|l| f["line"] == l)
                        && c.is_none_or(|c| f["column"] == c)
                        && e.text.as_deref().is_none_or(|t| {
                            let p = pointed_text(f);
                            p == t || p.starts_with(t) || t.starts_with(&p) && !p.is_empty()
                        })
                }
            };
            f["rule"] == e.rule.as_str()
                && f["file"] == file.as_str()
                && e.item.as_deref().is_none_or(|i| f["item"] == i)
                && same_place
        });
        if !found {
            missing.push(format!(
                "{} {} {:?} {:?}:{:?}",
                e.file, e.rule, e.text, e.line, e.column
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "planted defects not found:\n{}",
        missing.join("\n")
    );
}

#[test]
fn clean_lessons_get_no_level_vocabulary_or_grammar_finding() {
    let (v, code) = json(&["check", "corpora/en/clean", "corpora/fr/clean"]);
    let noisy: Vec<String> = findings(&v)
        .iter()
        .map(|f| format!("{}:{} {} {}", f["file"], f["line"], f["rule"], f["message"]))
        .collect();
    assert!(
        noisy.is_empty(),
        "false alarms on clean lessons:\n{}",
        noisy.join("\n")
    );
    assert_eq!(code, 0);
    let items = v["items"].as_array().unwrap();
    assert!(items.len() > 60);
    // Every item with enough text has an estimate with a score.
    assert!(items.iter().filter(|i| i["score"].is_number()).count() > items.len() / 2);
}

#[test]
fn a_word_inside_a_block_scalar_is_reported_at_its_own_line_and_column() {
    let (v, _) = json(&["check", "corpora/en/defects/a1-hard-words.yaml"]);
    let f = of_rule(&v, "vocabulary/above-level")
        .into_iter()
        .find(|f| pointed_text(f) == "ubiquitous")
        .expect("ubiquitous reported");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(23), Some(28))
    );
    assert_eq!(f["item"], "t1");
    assert_eq!(f["evidence"][0]["kind"], "word");
    // The human output shows the same place and the source line with a caret.
    let out = stdout(&cefrlint(&[
        "check",
        "corpora/en/defects/a1-hard-words.yaml",
    ]));
    assert!(out.contains("a1-hard-words.yaml:23:28"), "{out}");
    assert!(out.contains("^^^^^^^^^^"), "{out}");
}
