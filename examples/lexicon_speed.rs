//! Lexicon lookup time per word, for each embedded language: the inflected forms of
//! `rules/<lang>/forms.tsv` and the same number of unknown words, looked up in a fixed
//! pseudo-random order. `cargo run --release --example lexicon_speed`
use std::time::Instant;

use cefrlint::ruleset::RuleSource;

fn main() {
    let src = RuleSource::Embedded;
    for lang in ["en", "fr", "es", "de", "it"] {
        let lex = src.embedded_lexicon(lang).expect("embedded lexicon");
        let forms = std::fs::read_to_string(format!("rules/{lang}/forms.tsv")).unwrap_or_default();
        let mut words: Vec<String> = forms
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("form\t"))
            .filter_map(|l| l.split('\t').next())
            .map(str::to_lowercase)
            .collect();
        let unknown: Vec<String> = words.iter().map(|w| format!("{w}zq")).collect();
        words.extend(unknown);
        // A fixed shuffle (xorshift), so that lookups do not walk the automaton in order.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in (1..words.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            words.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let rounds = (2_000_000 / words.len().max(1)).max(1);
        let t = Instant::now();
        let mut found = 0usize;
        for _ in 0..rounds {
            for w in &words {
                found += usize::from(lex.word(w).is_some());
            }
        }
        let n = rounds * words.len();
        println!(
            "{lang}: {n} lookups, {:.0} ns per lookup ({} found)",
            t.elapsed().as_nanos() as f64 / n as f64,
            found / rounds
        );
    }
}
