//! Precision of the grammar rules on held-out sentences.
//!
//! `tests/grammar_precision/<lang>.tsv` holds, for every embedded language, sentences of
//! A1–B2 teaching material written for this test, never seen while writing the rules; later
//! batches, written after rules were mended from the earlier ones, are `<lang>-2.tsv`,
//! `<lang>-3.tsv`, … (a batch is held out only until rules are changed because of it). Each
//! line is `sentence<TAB>level<TAB>expected<TAB>note[<TAB>known_false]`; lines starting with
//! `#` are comments and the first other line is the header. `expected` lists (comma
//! separated) the rules whose match on the sentence is correct: the structure is there, at
//! the matched span. `known_false` lists the rules that match today although they should not
//! (false positives): they pin today's behaviour, so a change in either direction shows up.
//!
//! The test runs `Grammar::find` on each sentence and checks that the matched rules are
//! exactly `expected` ∪ `known_false`; it then prints, per batch and per language, the
//! number of sentences, matches, false positives, the precision (true matches / all
//! matches) and the share of sentences with at least one false positive, and fails when a
//! batch's or a language's precision is below [`MIN_PRECISION`].
//!
//! `cargo test --test grammar_precision -- --nocapture` prints every match of every
//! sentence (`ok`, `FALSE` for a known false positive, `NEW` for a match not annotated)
//! and the table.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cefrlint::ruleset::{LangRules, RuleSource};

/// The lowest precision accepted for any language.
const MIN_PRECISION: f64 = 0.90;

/// The fewest sentences a batch may hold.
const MIN_SENTENCES: usize = 50;

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

fn dir() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "tests", "grammar_precision"]
        .iter()
        .collect()
}

/// The batches of `lang`: `lang` (the file `<lang>.tsv`), then `lang-2`, `lang-3`, … as
/// long as the files exist.
fn batches(lang: &str) -> Vec<String> {
    std::iter::once(lang.to_string())
        .chain((2..).map(|n| format!("{lang}-{n}")))
        .take_while(|b| b == lang || dir().join(format!("{b}.tsv")).is_file())
        .collect()
}

/// Reads one batch's file; format errors are pushed to `errors`. `seen_sentences` holds the
/// sentences of the language's earlier batches: a sentence may appear once per language.
fn read_rows(
    batch: &str,
    seen_sentences: &mut BTreeSet<String>,
    errors: &mut Vec<String>,
) -> Vec<Row> {
    let path = dir().join(format!("{batch}.tsv"));
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(format!("{}: {e}", path.display()));
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let where_ = format!("{batch}.tsv:{line}");
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
        errors.push(format!("{batch}.tsv: no header"));
    }
    if rows.len() < MIN_SENTENCES {
        errors.push(format!(
            "{batch}.tsv: {} sentences, want at least {MIN_SENTENCES}",
            rows.len()
        ));
    }
    rows
}

struct Figures {
    /// The batch (`de`, `de-2`), or the language's total (`de (all)`).
    name: String,
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
        let mut seen = BTreeSet::new();
        let mut total = Figures {
            name: format!("{lang} (all)"),
            sentences: 0,
            matches: 0,
            false_positives: 0,
            sentences_with_fp: 0,
        };
        let batches = batches(lang);
        for batch in &batches {
            let rows = read_rows(batch, &mut seen, &mut errors);
            let fig = batch_figures(
                lang,
                batch,
                grammar,
                &known_ids,
                &rows,
                &mut errors,
                &mut false_list,
            );
            total.sentences += fig.sentences;
            total.matches += fig.matches;
            total.false_positives += fig.false_positives;
            total.sentences_with_fp += fig.sentences_with_fp;
            figures.push(fig);
        }
        if batches.len() > 1 {
            figures.push(total);
        }
    }

    println!("\nKnown false positives ({}):", false_list.len());
    for f in &false_list {
        println!("  {f}");
    }
    println!(
        "\n{:<8} {:>9} {:>7} {:>6} {:>9} {:>14}",
        "batch", "sentences", "matches", "false", "precision", "sentences w/FP"
    );
    let mut low = Vec::new();
    for f in &figures {
        let share = if f.sentences == 0 {
            0.0
        } else {
            f.sentences_with_fp as f64 / f.sentences as f64
        };
        println!(
            "{:<8} {:>9} {:>7} {:>6} {:>9.3} {:>8} ({:>4.1}%)",
            f.name,
            f.sentences,
            f.matches,
            f.false_positives,
            f.precision(),
            f.sentences_with_fp,
            share * 100.0
        );
        if f.matches == 0 {
            low.push(format!("{}: no match at all, nothing measured", f.name));
        } else if f.precision() < MIN_PRECISION {
            low.push(format!(
                "{}: precision {:.3} < {MIN_PRECISION}",
                f.name,
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

/// Runs the grammar of `lang` on the sentences of one batch, checks the annotations (errors
/// pushed to `errors`, known false positives to `false_list`), prints every match and
/// returns the batch's figures.
fn batch_figures(
    lang: &str,
    batch: &str,
    grammar: &cefrlint::analyse::grammar::Grammar,
    known_ids: &BTreeSet<&str>,
    rows: &[Row],
    errors: &mut Vec<String>,
    false_list: &mut Vec<String>,
) -> Figures {
    let mut fig = Figures {
        name: batch.to_string(),
        sentences: rows.len(),
        matches: 0,
        false_positives: 0,
        sentences_with_fp: 0,
    };
    println!("== {batch} ==");
    for row in rows {
        let where_ = format!("{batch}.tsv:{}", row.line);
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
    fig
}
