//! Times loading each embedded rule set phase by phase, and checking one file.
//! `cargo run --release --example timing -- [FILE]`
use std::time::Instant;

use cefrlint::analyse::grammar::Grammar;
use cefrlint::ruleset::{grammar, RuleSource};

fn main() {
    let src = RuleSource::Embedded;
    for lang in src.languages() {
        let t = Instant::now();
        let read = |f: &str| src.read(&format!("{lang}/{f}")).ok().flatten();
        let t_read = t.elapsed();
        let lex = src.embedded_lexicon(&lang);
        let t_lex = t.elapsed();
        let mut classes = grammar::parse_classes(&read("classes.yaml").unwrap(), &lang).unwrap();
        // Part-of-speech slots (`{pos:ADJ}`) need the language's lexicon.
        if let Some(lex) = &lex {
            classes.set_lexicon(lex);
        }
        let rules =
            grammar::parse_grammar(&read("grammar.yaml").unwrap(), &lang, &classes).unwrap();
        let t_parse = t.elapsed();
        let g = Grammar::new(rules, &classes).unwrap();
        let t_compile = t.elapsed();
        eprintln!(
            "{lang}: read {t_read:?}, lexicon {:?} ({} entries), grammar parse {:?}, prefilter {:?} ({} rules)",
            t_lex - t_read,
            lex.map_or(0, |l| l.len()),
            t_parse - t_lex,
            t_compile - t_parse,
            g.rules.len()
        );
    }
    if let Some(file) = std::env::args().nth(1) {
        let sets = cefrlint::ruleset::RuleSets::embedded();
        let opts = cefrlint::pipeline::Options {
            paths: vec![file.into()],
            jobs: Some(1),
            ..Default::default()
        };
        for round in ["first run", "second run"] {
            let t = Instant::now();
            let r = cefrlint::pipeline::run(&opts, &sets).unwrap();
            eprintln!("{round}: {:?} ({} findings)", t.elapsed(), r.findings.len());
        }
    }
}
