//! `cefrlint eval`: how far cefrlint's level estimates agree with expert labels.
//!
//! Three input shapes: a TSV/CSV of `text, level` (levels A1..C2 or 1..6, header optional);
//! CEFR-SP's `text<TAB>labelA<TAB>labelB` (a prediction matching either label counts); or a
//! folder of `.txt` files whose level is their sub-folder's name (`B1/essay.txt`) or the last
//! `_`-separated part of their name (`1023_0001416_DE_B2.txt`).

pub mod metrics;

use std::path::Path;

use rayon::prelude::*;

use crate::analyse::{analyse_item, ItemAnalysis};
use crate::findings::Msg;
use crate::model::{Declared, Field, Item, ItemKind, Level, MappedText, Origin, Role};
use crate::ruleset::LangRules;
use crate::source::{SourceFile, Span};

/// One expert-labelled text.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub text: String,
    /// One or more expert labels.
    pub gold: Vec<Level>,
    /// `file:line`, or the file for a folder sample.
    pub origin: String,
}

/// A row or file that could not be read, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    pub origin: String,
    pub message: Msg,
}

/// What cefrlint says of one sample.
#[derive(Clone, Debug)]
pub struct Prediction {
    pub level: Option<Level>,
    pub estimate: Option<crate::analyse::estimate::Estimate>,
    /// Word tokens, graded or not, and sentences (for calibration).
    pub words: usize,
    pub sentences: usize,
    /// The hardest words and structures, as `text (LEVEL)`.
    pub evidence: Vec<String>,
}

fn parse_level(s: &str) -> Option<Level> {
    s.trim().parse().ok()
}

/// Reads a dataset in any of the three shapes.
pub fn read(path: &Path) -> Result<(Vec<Sample>, Vec<BadRow>), Msg> {
    if path.is_dir() {
        return Ok(read_folder(path));
    }
    let p = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        Msg::new(
            format!("{p}: {e}"),
            format!("{p} : {}", crate::cli::io_error_fr(&e)),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Msg::new(
            format!("{p}: not valid UTF-8 ({e})"),
            format!("{p} : pas de l'UTF-8 valide ({e})"),
        )
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let shown = path.display().to_string();
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains('\t') {
        Ok(read_tsv(text, &shown))
    } else {
        Ok(read_csv(text, &shown))
    }
}

/// True for a header row: its label column is a word such as `level` or `label`.
fn is_header(labels: &[&str]) -> bool {
    labels.first().is_some_and(|l| {
        parse_level(l).is_none()
            && ["level", "label", "cefr", "niveau", "gold", "rating"]
                .iter()
                .any(|h| l.trim().to_lowercase().starts_with(h))
    })
}

fn sample_from(cols: &[&str], origin: String) -> Result<Sample, BadRow> {
    let bad = |en: String, fr: String| BadRow {
        origin: origin.clone(),
        message: Msg::new(en, fr),
    };
    let Some((text, labels)) = cols.split_first() else {
        return Err(bad("empty row".into(), "ligne vide".into()));
    };
    if text.trim().is_empty() {
        return Err(bad("the text is empty".into(), "le texte est vide".into()));
    }
    let labels: Vec<&str> = labels
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if labels.is_empty() {
        return Err(bad(
            "no level: expected `text<TAB>level`".into(),
            "pas de niveau : `texte<TAB>niveau` attendu".into(),
        ));
    }
    let mut gold = Vec::new();
    for l in labels {
        match parse_level(l) {
            Some(level) => gold.push(level),
            None => {
                return Err(bad(
                    format!("`{}` is not a level (A1..C2 or 1..6)", l.trim()),
                    format!("`{}` n'est pas un niveau (A1..C2 ou 1..6)", l.trim()),
                ))
            }
        }
    }
    Ok(Sample {
        text: text.trim().to_string(),
        gold,
        origin,
    })
}

fn read_tsv(text: &str, shown: &str) -> (Vec<Sample>, Vec<BadRow>) {
    let (mut samples, mut bad) = (Vec::new(), Vec::new());
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if std::mem::take(&mut first) && is_header(&cols[1..]) {
            continue;
        }
        match sample_from(&cols, format!("{shown}:{}", i + 1)) {
            Ok(s) => samples.push(s),
            Err(b) => bad.push(b),
        }
    }
    (samples, bad)
}

/// The 1-based line of the first non-blank byte at or after `byte` (the csv crate's own line
/// numbers drift after blank lines and with CRLF).
fn line_at(text: &str, byte: u64) -> usize {
    let mut at = (byte as usize).min(text.len());
    while text[at..].starts_with(['\n', '\r']) {
        at += 1;
    }
    text[..at].matches('\n').count() + 1
}

fn read_csv(text: &str, shown: &str) -> (Vec<Sample>, Vec<BadRow>) {
    let (mut samples, mut bad) = (Vec::new(), Vec::new());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut first = true;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(text, p.byte()));
                bad.push(BadRow {
                    origin: format!("{shown}:{line}"),
                    message: Msg::new(e.to_string(), format!("ligne CSV illisible ({e})")),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        let cols: Vec<&str> = record.iter().collect();
        if cols.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if std::mem::take(&mut first) && is_header(&cols[1.min(cols.len())..]) {
            continue;
        }
        match sample_from(&cols, format!("{shown}:{line}")) {
            Ok(s) => samples.push(s),
            Err(b) => bad.push(b),
        }
    }
    (samples, bad)
}

fn read_folder(dir: &Path) -> (Vec<Sample>, Vec<BadRow>) {
    let (mut samples, mut bad) = (Vec::new(), Vec::new());
    let mut files: Vec<_> = ignore::WalkBuilder::new(dir)
        .standard_filters(true)
        .build()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for f in files {
        let origin = f.display().to_string();
        let from_dir = f
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| parse_level(&n.to_string_lossy()));
        let from_name = f
            .file_stem()
            .and_then(|s| s.to_string_lossy().rsplit('_').next().and_then(parse_level));
        let Some(level) = from_dir.or(from_name) else {
            bad.push(BadRow {
                origin,
                message: Msg::new(
                    "cannot tell the level: put the file in a folder named after it (B1/) or end its name with _B1",
                    "niveau inconnu : mettez le fichier dans un dossier qui porte son nom (B1/) ou terminez son nom par _B1",
                ),
            });
            continue;
        };
        match std::fs::read_to_string(&f) {
            Ok(text) if !text.trim().is_empty() => samples.push(Sample {
                text: text.trim_start_matches('\u{feff}').to_string(),
                gold: vec![level],
                origin,
            }),
            Ok(_) => bad.push(BadRow {
                origin,
                message: Msg::new("the file is empty", "le fichier est vide"),
            }),
            Err(e) => bad.push(BadRow {
                origin,
                message: Msg::new(e.to_string(), crate::cli::io_error_fr(&e)),
            }),
        }
    }
    (samples, bad)
}

/// Analyses a text as one reading item of the given language.
pub fn analyse_text(text: &str, origin: &str, rules: &LangRules) -> (SourceFile, ItemAnalysis) {
    let src = SourceFile::new(origin, text);
    let item = Item {
        id: origin.to_string(),
        kind: ItemKind::Text,
        span: Span::empty(0),
        level: None,
        language: Some(Declared {
            value: crate::model::Lang::parse(&rules.lang),
            origin: Origin::CommandLine,
            span: None,
            elsewhere: None,
        }),
        support_language: None,
        fields: vec![Field {
            role: Role::Text,
            slot: 0,
            alt: 0,
            language: crate::model::Lang::parse(&rules.lang),
            text: MappedText::verbatim(text, 0),
            span: Span::new(0, text.len()),
        }],
        timing: None,
        single_answer: None,
    };
    let analysis = analyse_item(&src, &item, rules);
    (src, analysis)
}

/// Predicts a level for every sample, in parallel, in input order.
pub fn predict(samples: &[Sample], rules: &LangRules) -> Vec<Prediction> {
    samples
        .par_iter()
        .map(|s| {
            let (src, a) = analyse_text(&s.text, &s.origin, rules);
            let mut words: Vec<_> = a.words.iter().collect();
            words.sort_by(|x, y| y.level.cmp(&x.level).then(x.span.start.cmp(&y.span.start)));
            let mut evidence: Vec<String> = Vec::new();
            for w in words {
                let e = format!("{} ({})", w.text(&src), w.level);
                if evidence.len() >= 3 {
                    break;
                }
                if !evidence.contains(&e) {
                    evidence.push(e);
                }
            }
            if let Some(st) = a.structures.iter().max_by_key(|s| s.level) {
                evidence.push(format!(
                    "{} ({}, {})",
                    st.text, st.level, rules.grammar.rules[st.rule].id
                ));
            }
            Prediction {
                level: a.estimate.as_ref().map(|e| e.level),
                estimate: a.estimate.clone(),
                words: a.features.words,
                sentences: a.features.sentences,
                evidence,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tsv_with_one_or_two_labels_and_reports_bad_rows() {
        let (s, bad) = read_tsv(
            "text\tlevel\nI like tea .\tA1\nHe left early .\t2\t3\n\nBad row\tA7\nNo label\t\n",
            "d.tsv",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].gold, vec![Level::A2, Level::B1]);
        assert_eq!(s[1].origin, "d.tsv:3");
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].origin, "d.tsv:5");
        assert!(bad[0].message.en.contains("A7"));
        assert!(bad[0].message.fr.contains("A7"));
        assert_eq!(bad[1].origin, "d.tsv:6");
    }

    #[test]
    fn reads_csv_with_quotes_and_a_header() {
        let (s, bad) = read_csv(
            "sentence,level\n\"Hello, world.\",A1\n\n\"She said \"\"no\"\".\",B1\n",
            "d.csv",
        );
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Hello, world.");
        assert_eq!(s[1].text, "She said \"no\".");
        assert_eq!(s[1].origin, "d.csv:4");
    }
}
