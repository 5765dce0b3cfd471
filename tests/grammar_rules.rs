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
            failures.push(format!("{}:{}: {lang}/{}: {msg}", r.file, r.line, r.id));
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
