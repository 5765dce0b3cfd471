//! `markup/*`: HTML leftovers, unbalanced marks, placeholders, doubled words, French spacing.

mod common;
use common::*;

fn markup(args: &[&str]) -> Vec<(String, String, String)> {
    let (v, _) = json(args);
    findings(&v)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("markup/"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["item"].as_str().unwrap_or("").to_string(),
                pointed_text(f),
            )
        })
        .collect()
}

#[test]
fn leftovers_in_native_yaml_in_five_languages() {
    let v = markup(&["check", "tests/fixtures/errors/markup.yaml"]);
    let got: Vec<(&str, &str, &str)> = v
        .iter()
        .map(|(r, i, t)| (r.as_str(), i.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("markup/html-entity", "entity", "&nbsp;"),
            ("markup/html-tag", "tag", "<br>"),
            ("markup/unbalanced", "paren", "("),
            ("markup/placeholder", "todo", "TODO"),
            ("markup/placeholder", "lorem", "Lorem ipsum"),
            ("markup/doubled-word", "doubled", "the the"),
            ("markup/doubled-word", "fr-doubled", "le le"),
            ("markup/french-spacing", "fr-spacing", "?"),
            ("markup/french-spacing", "fr-guillemets", "«"),
            ("markup/unbalanced", "fr-quote", "«"),
            ("markup/doubled-word", "de-doubled", "mit mit"),
            ("markup/doubled-word", "it-doubled", "con con"),
            ("markup/doubled-word", "es-doubled", "en en"),
            ("markup/placeholder", "xxx-option", "XXX"),
        ]
    );
}

#[test]
fn gift_formats_decide_what_is_markup() {
    let v = markup(&["check", "tests/fixtures/errors/markup.gift", "--lang", "en"]);
    let got: Vec<(&str, &str, &str)> = v
        .iter()
        .map(|(r, i, t)| (r.as_str(), i.as_str(), t.as_str()))
        .collect();
    // `[plain]` shows tags as written; `[html]` is reduced; `&amp;nbsp;` is escaped twice;
    // `[markdown]` may hold HTML.
    assert_eq!(
        got,
        [
            ("markup/html-tag", "plain-tag", "<br>"),
            ("markup/html-entity", "double-escaped", "&amp;nbsp;"),
        ]
    );
}

#[test]
fn the_clean_corpora_have_no_markup_finding() {
    let v = markup(&["check", "corpora/en/clean", "corpora/fr/clean"]);
    assert!(v.is_empty(), "{v:?}");
}
