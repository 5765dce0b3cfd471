//! Part-of-speech slots in grammar patterns (`{pos:ADJ}`, `{only:NOUN}`): loading, matching,
//! and errors, on the user rule sets of tests/fixtures/pos/ and on the embedded ones.

mod common;
use common::*;

use cefrlint::ruleset::{LangRules, RuleSource};

fn good() -> LangRules {
    let dir = root().join("tests/fixtures/pos/good");
    LangRules::load(&RuleSource::Dir(dir), "en").unwrap_or_else(|e| panic!("{e}"))
}

fn first(set: &LangRules, rule: &str, sentence: &str) -> Option<String> {
    let i = set.grammar.rules.iter().position(|r| r.id == rule).unwrap();
    set.grammar.first_match_of(i, sentence).map(str::to_string)
}

#[test]
fn pos_slots_match_what_the_lexicon_says() {
    let set = good();
    assert!(set.lexicon.has_pos());
    assert!(
        set.grammar.test_examples().is_empty(),
        "{:?}",
        set.grammar.test_examples()
    );
    let adj_noun = "article-adjective-noun";
    // `light` is ADJ, NOUN and VERB: it fills `{pos:ADJ}` but not `{only:NOUN}`.
    assert_eq!(
        first(&set, adj_noun, "I saw the light car.").as_deref(),
        Some("the light car")
    );
    assert_eq!(first(&set, adj_noun, "Turn on the light now."), None);
    // The fast form tries `houses` as the adjective and fails; the exact form finds the noun.
    assert_eq!(
        first(&set, adj_noun, "See the houses there.").as_deref(),
        Some("the houses")
    );
    // Case and inflected forms: `Cars` is a form of the noun `car`.
    assert_eq!(
        first(&set, adj_noun, "THE OLD CARS.").as_deref(),
        Some("THE OLD CARS")
    );
    // A word the lexicon does not list fills no slot.
    assert_eq!(first(&set, adj_noun, "A red bicycle."), None);
    // `{only:ADJ|ADV}`: `more` is DET and ADV, `very` ADV only, `light` is also a NOUN.
    assert_eq!(
        first(&set, "more-than", "He ran more very than me."),
        Some("more very than".into())
    );
    assert_eq!(first(&set, "more-than", "More light than shade."), None);
    // A repeated slot: every repetition is tested.
    let many = "adjectives-before-noun";
    assert_eq!(
        first(&set, many, "An old red happy house.").as_deref(),
        Some("old red happy house")
    );
    assert_eq!(first(&set, many, "Old is the house."), None);
    assert_eq!(
        first(&set, many, "A red, old house.").as_deref(),
        Some("old house")
    );
}

#[test]
fn fast_forms_with_pos_slots_agree_with_the_exact_templates() {
    let set = good();
    let sentences = [
        "the light is on",
        "the red light car",
        "a light light light car",
        "the houses were older than the cars",
        "more happy than very old houses",
        "an old old old light house",
        "the well-known car",
        "the saw the see",
        "nothing here",
        "",
    ];
    for s in sentences {
        assert!(set.grammar.fast_and_exact_disagree(s).is_empty(), "{s:?}");
    }
    // And the structures found are the same, in the same order, at every call.
    let text = "The light car is older than the houses, and a red house.";
    let a = set.grammar.find(text, 0, text.len());
    assert!(!a.is_empty());
    assert_eq!(a, set.grammar.find(text, 0, text.len()));
}

#[test]
fn rules_test_reports_every_bad_pos_slot_at_its_line_and_column() {
    let dir = root().join("tests/fixtures/pos/bad");
    let o = cefrlint(&["rules", "test", dir.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("en/grammar.yaml:16:28: `ADJECTIVE` is not a part of speech"),
        "{out}"
    );
    assert!(
        out.contains("en/grammar.yaml:25:20: `noun` is not a part of speech"),
        "{out}"
    );
    assert!(
        out.contains("xx/grammar.yaml:8:22: part-of-speech slots need a lexicon that tags at least 50% of its entries; this language's lexicon tags 1 of 3"),
        "{out}"
    );
    // The good rule of the same file is not reported.
    assert!(!out.contains("en/grammar.yaml:8:"), "{out}");
    assert!(out.contains("3 problem(s)"), "{out}");
}

#[test]
fn a_pos_tag_the_lexicon_format_does_not_define_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en");
    std::fs::create_dir(&en).unwrap();
    std::fs::write(
        en.join("lexicon.tsv"),
        "entry\tlevel\tpos\tsource\ncar\tA1\tnoun\tt\nred\tA1\tadjective\tt\n",
    )
    .unwrap();
    let out = stdout(&cefrlint(&["rules", "test", dir.path().to_str().unwrap()]));
    assert!(
        out.contains("lexicon.tsv:3:8: `adjective` is not a part of speech"),
        "{out}"
    );
}

#[test]
fn english_and_french_have_parts_of_speech_the_others_do_not() {
    let source = RuleSource::Embedded;
    for lang in source.languages() {
        let lex = source.embedded_lexicon(&lang).unwrap();
        let (tagged, entries) = lex.pos_coverage();
        assert_eq!(
            lex.has_pos(),
            lang == "en" || lang == "fr",
            "{lang}: {tagged}/{entries}"
        );
    }
    let en = source.embedded_lexicon("en").unwrap();
    // `went` is a form of `go`, a verb and a noun (`have a go`).
    assert_eq!(en.pos("went").names(), ["NOUN", "VERB"]);
    assert_eq!(en.pos("quickly").names(), ["ADV"]);
    assert!(en.pos("light").names().contains(&"ADJ"));
    let fr = source.embedded_lexicon("fr").unwrap();
    assert!(fr.pos("grande").names().contains(&"ADJ"));
    assert_eq!(fr.pos("chez").names(), ["ADP"]);
}
