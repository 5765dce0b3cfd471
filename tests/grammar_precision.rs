//! Precision of the grammar rules on held-out sentences.
//!
//! `tests/grammar_precision/<lang>.tsv` holds, for every embedded language, sentences of
//! A1–B2 teaching material written for this test, never seen while writing the rules. Each
//! line is `sentence<TAB>level<TAB>expected<TAB>note[<TAB>known_false]`; lines starting with
//! `#` are comments and the first other line is the header. `expected` lists (comma
//! separated) the rules whose match on the sentence is correct: the structure is there, at
//! the matched span. `known_false` lists the rules that match today although they should not
//! (false positives): they pin today's behaviour, so a change in either direction shows up.
//!
//! The test runs `Grammar::find` on each sentence and checks that the matched rules are
//! exactly `expected` ∪ `known_false`; it then prints, per language, the number of
//! sentences, matches, false positives, the precision (true matches / all matches) and the
//! share of sentences with at least one false positive, and fails when a language's
//! precision is below [`MIN_PRECISION`].
//!
//! `cargo test --test grammar_precision -- --nocapture` prints every match of every
//! sentence (`ok`, `FALSE` for a known false positive, `NEW` for a match not annotated)
//! and the table.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cefrlint::ruleset::{LangRules, RuleSource};

/// The lowest precision accepted for any language.
const MIN_PRECISION: f64 = 0.90;

/// The fewest sentences a language's file may hold.
const MIN_SENTENCES: usize = 60;

const HEADER: &str = "sentence\tlevel\texpected\tnote";
const HEADER_KNOWN: &str = "sentence\tlevel\texpected\tnote\tknown_false";

struct Row {
    line: usize,
    sentence: String,
    expected: BTreeSet<String>,
    known_false: BTreeSet<String>,
}

fn ids(field: &str) -> BTreeSet<String> {
    field
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Reads one language's file; format errors are pushed to `errors`.
fn read_rows(lang: &str, errors: &mut Vec<String>) -> Vec<Row> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "grammar_precision",
        &format!("{lang}.tsv"),
    ]
    .iter()
    .collect();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(format!("{}: {e}", path.display()));
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    let mut header_seen = false;
    let mut seen_sentences = BTreeSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let where_ = format!("{lang}.tsv:{line}");
        if raw.starts_with('#') {
            continue;
        }
        if !header_seen {
            if raw != HEADER && raw != HEADER_KNOWN {
                errors.push(format!(
                    "{where_}: header must be {HEADER:?} or {HEADER_KNOWN:?}"
                ));
            }
            header_seen = true;
            continue;
        }
        if raw.trim().is_empty() {
            errors.push(format!("{where_}: empty line"));
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        if cols.len() != 4 && cols.len() != 5 {
            errors.push(format!("{where_}: {} columns, want 4 or 5", cols.len()));
            continue;
        }
        let sentence = cols[0].trim();
        if sentence.is_empty() {
            errors.push(format!("{where_}: empty sentence"));
            continue;
        }
        if !seen_sentences.insert(sentence.to_string()) {
            errors.push(format!("{where_}: duplicate sentence {sentence:?}"));
        }
        if !["A1", "A2", "B1", "B2"].contains(&cols[1]) {
            errors.push(format!("{where_}: level {:?} is not A1–B2", cols[1]));
        }
        let expected = ids(cols[2]);
        let known_false = ids(cols.get(4).copied().unwrap_or(""));
        for both in expected.intersection(&known_false) {
            errors.push(format!("{where_}: {both} is both expected and known false"));
        }
        rows.push(Row {
            line,
            sentence: sentence.to_string(),
            expected,
            known_false,
        });
    }
    if !header_seen {
        errors.push(format!("{lang}.tsv: no header"));
    }
    if rows.len() < MIN_SENTENCES {
        errors.push(format!(
            "{lang}.tsv: {} sentences, want at least {MIN_SENTENCES}",
            rows.len()
        ));
    }
    rows
}

struct Figures {
    lang: String,
    sentences: usize,
    matches: usize,
    false_positives: usize,
    sentences_with_fp: usize,
}

impl Figures {
    fn precision(&self) -> f64 {
        if self.matches == 0 {
            0.0
        } else {
            (self.matches - self.false_positives) as f64 / self.matches as f64
        }
    }
}

#[test]
fn grammar_rules_precision_on_held_out_sentences() {
    let source = RuleSource::Embedded;
    let langs = source.languages();
    for want in ["en", "fr", "es", "de", "it"] {
        assert!(
            langs.contains(&want.to_string()),
            "{want} not embedded: {langs:?}"
        );
    }
    let mut errors = Vec::new();
    let mut figures = Vec::new();
    let mut false_list = Vec::new();
    for lang in &langs {
        let set = LangRules::load(&source, lang).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let grammar = &set.grammar;
        let known_ids: BTreeSet<&str> = grammar.rules.iter().map(|r| r.id.as_str()).collect();
        let rows = read_rows(lang, &mut errors);
        let mut fig = Figures {
            lang: lang.clone(),
            sentences: rows.len(),
            matches: 0,
            false_positives: 0,
            sentences_with_fp: 0,
        };
        println!("== {lang} ==");
        for row in &rows {
            let where_ = format!("{lang}.tsv:{}", row.line);
            for id in row.expected.iter().chain(&row.known_false) {
                if !known_ids.contains(id.as_str()) {
                    errors.push(format!("{where_}: no rule {lang}/{id}"));
                }
            }
            let s = &row.sentence;
            let found = grammar.find(s, 0, s.len());
            println!("{s}");
            let mut got = BTreeSet::new();
            let mut fp_here = 0;
            for m in &found {
                let id = &grammar.rules[m.rule].id;
                let text = &s[m.start..m.end];
                got.insert(id.clone());
                let mark = if row.expected.contains(id) {
                    "ok"
                } else if row.known_false.contains(id) {
                    fp_here += 1;
                    false_list.push(format!("{lang}/{id}: {s:?} matched {text:?}"));
                    "FALSE"
                } else {
                    errors.push(format!(
                        "{where_}: {lang}/{id} matches {text:?} in {s:?}, not annotated \
                         (expected or known_false)"
                    ));
                    "NEW"
                };
                println!("    {mark:5} {id} = {text:?}");
            }
            for id in row.expected.iter().chain(&row.known_false) {
                if !got.contains(id) {
                    errors.push(format!(
                        "{where_}: {lang}/{id} is annotated but does not match {s:?}"
                    ));
                }
            }
            fig.matches += found.len();
            fig.false_positives += fp_here;
            if fp_here > 0 {
                fig.sentences_with_fp += 1;
            }
        }
        figures.push(fig);
    }

    println!("\nKnown false positives ({}):", false_list.len());
    for f in &false_list {
        println!("  {f}");
    }
    println!(
        "\n{:<5} {:>9} {:>7} {:>6} {:>9} {:>14}",
        "lang", "sentences", "matches", "false", "precision", "sentences w/FP"
    );
    let mut low = Vec::new();
    for f in &figures {
        let share = if f.sentences == 0 {
            0.0
        } else {
            f.sentences_with_fp as f64 / f.sentences as f64
        };
        println!(
            "{:<5} {:>9} {:>7} {:>6} {:>9.3} {:>8} ({:>4.1}%)",
            f.lang,
            f.sentences,
            f.matches,
            f.false_positives,
            f.precision(),
            f.sentences_with_fp,
            share * 100.0
        );
        if f.matches == 0 {
            low.push(format!("{}: no match at all, nothing measured", f.lang));
        } else if f.precision() < MIN_PRECISION {
            low.push(format!(
                "{}: precision {:.3} < {MIN_PRECISION}",
                f.lang,
                f.precision()
            ));
        }
    }
    assert!(
        errors.is_empty(),
        "{} error(s):\n{}",
        errors.len(),
        errors.join("\n")
    );
    assert!(low.is_empty(), "{}", low.join("\n"));
}
