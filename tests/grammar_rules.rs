//! Every example of every grammar rule, in every embedded language, behaves as declared.

use cefrlint::ruleset::{LangRules, RuleSource};

#[test]
fn every_embedded_rule_set_loads_and_every_example_passes() {
    let source = RuleSource::Embedded;
    let langs = source.languages();
    assert!(
        langs.contains(&"en".to_string()) && langs.contains(&"fr".to_string()),
        "{langs:?}"
    );
    let mut failures = Vec::new();
    let mut total = 0;
    for lang in &langs {
        let set = LangRules::load(&source, lang).unwrap_or_else(|e| panic!("{lang}: {e}"));
        total += set.grammar.rules.len();
        for r in &set.grammar.rules {
            assert!(
                !r.must_match.is_empty() && !r.must_not_match.is_empty(),
                "{lang}/{}",
                r.id
            );
        }
        for (i, msg) in set.grammar.test_examples() {
            let r = &set.grammar.rules[i];
            failures.push(format!(
                "{}:{}: {lang}/{}: {}",
                r.file, r.line, r.id, msg.en
            ));
        }
    }
    assert!(total > 0);
    assert!(
        failures.is_empty(),
        "{} failing example(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The fast pattern forms (large classes as captured words, tested afterwards) must give the
/// same first match as the exact regexes, for every rule, on every example, on each example
/// that a rule must match after one it must not (a match whose words fail, then one whose
/// words pass), and on the held-out sentences of tests/grammar_precision/.
#[test]
fn fast_forms_agree_with_exact_regexes() {
    let source = RuleSource::Embedded;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for lang in source.languages() {
        let set = LangRules::load(&source, &lang).unwrap();
        let mut sentences: Vec<String> = set
            .grammar
            .rules
            .iter()
            .flat_map(|r| {
                r.must_match
                    .iter()
                    .map(|e| e.text.clone())
                    .chain(r.must_not_match.iter().map(|(t, _)| t.clone()))
            })
            .collect();
        for r in &set.grammar.rules {
            let after = r.must_not_match.iter().map(|(t, _)| t).cycle();
            for (e, n) in r.must_match.iter().zip(after) {
                sentences.push(format!("{n} {}", e.text));
            }
        }
        if let Ok(held_out) =
            std::fs::read_to_string(root.join(format!("tests/grammar_precision/{lang}.tsv")))
        {
            sentences.extend(
                held_out
                    .lines()
                    .skip(1)
                    .filter(|l| !l.starts_with('#'))
                    .map(|l| l.split('\t').next().unwrap_or("").to_string()),
            );
        }
        for s in &sentences {
            let bad = set.grammar.fast_and_exact_disagree(s);
            assert!(
                bad.is_empty(),
                "{lang}: {:?} disagree on {s:?}",
                bad.iter()
                    .map(|&i| &set.grammar.rules[i].id)
                    .collect::<Vec<_>>()
            );
            checked += 1;
        }
    }
    assert!(checked > 2000, "{checked}");
}
