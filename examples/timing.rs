//! Times loading each embedded rule set and checking one file, phase by phase.
//! `cargo run --release --example timing -- FILE`
use std::time::Instant;
fn main() {
    let src = cefrlint::ruleset::RuleSource::Embedded;
    for lang in src.languages() {
        let t = Instant::now();
        let Ok(set) = cefrlint::ruleset::LangRules::load(&src, &lang) else {
            continue;
        };
        eprintln!(
            "{lang}: rule set loaded in {:?} ({} rules)",
            t.elapsed(),
            set.grammar.rules.len()
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
