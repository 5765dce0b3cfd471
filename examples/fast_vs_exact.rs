//! Checks on a text that the fast pattern forms give the same first match as the exact
//! regexes, for every rule. `cargo run --release --example fast_vs_exact -- LANG FILE`
use cefrlint::analyse::grammar::Grammar;
use cefrlint::ruleset::RuleSource;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = &args[1];
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let (classes, rules) = RuleSource::Embedded
        .grammar_of(lang)
        .expect("the embedded rule set of this language");
    let g = Grammar::new(rules, &classes).unwrap();
    let mut n = 0;
    for line in text.lines() {
        let s = line.split('\t').next().unwrap_or("");
        for r in g.fast_and_exact_disagree(s) {
            n += 1;
            if n <= 20 {
                println!("{}: {s}", g.rules[r].id);
            }
        }
    }
    println!("{n} disagreements");
}
