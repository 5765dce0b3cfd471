//! Counts the findings of the content-error families (answer, markup, encoding, subtitle,
//! duplicate, spelling, language) over a set of files, so that each finding can be read and
//! judged.
//!
//! ```sh
//! cargo run --release --example precision                       # corpora + every ../shared sample folder
//! cargo run --release --example precision -- --level B1 path…   # other files, a level for subtitles
//! cargo run --release --example precision -- --list path…       # print every finding too
//! ```
//!
//! Without paths it checks `corpora/en/clean`, `corpora/fr/clean` and, when present, each
//! format folder of `../shared/samples` (GIFT, SRT, WebVTT, Moodle XML and backups, H5P,
//! QTI, SCORM, CSV/TSV, Anki) with `--lang en`. Per family it prints the items checked, the
//! findings and the number of distinct items flagged.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use cefrlint::model::{Lang, Level};

const FAMILIES: &[&str] = &[
    "answer",
    "markup",
    "encoding",
    "subtitle",
    "duplicate",
    "spelling",
    "language",
];

/// The sample folders, one set per format.
const FORMATS: &[&str] = &[
    "gift",
    "srt",
    "webvtt",
    "moodle_xml",
    "moodle_mbz",
    "h5p",
    "qti",
    "scorm",
    "csv_tsv",
    "anki",
];

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    args.retain(|a| a != "--list");
    let mut level = None;
    if let Some(i) = args.iter().position(|a| a == "--level") {
        level = args.get(i + 1).and_then(|l| l.parse::<Level>().ok());
        args.drain(i..(i + 2).min(args.len()));
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut sets: Vec<(String, Vec<PathBuf>, Option<Lang>)> = Vec::new();
    if args.is_empty() {
        sets.push((
            "clean corpora".into(),
            vec![root.join("corpora/en/clean"), root.join("corpora/fr/clean")],
            None,
        ));
        let shared = std::env::var_os("CEFRLINT_SHARED")
            .map(PathBuf::from)
            .into_iter()
            .chain([root.join("../shared")])
            .find(|p| p.is_dir());
        match shared {
            Some(s) => {
                for sub in FORMATS {
                    let dir = s.join("samples").join(sub);
                    if dir.is_dir() {
                        sets.push((format!("samples/{sub}"), vec![dir], Lang::parse("en")));
                    }
                }
            }
            None => eprintln!("skipped: ../shared is absent"),
        }
    } else {
        sets.push((
            "given paths".into(),
            args.iter().map(PathBuf::from).collect(),
            Lang::parse("en"),
        ));
    }
    let rules = cefrlint::ruleset::RuleSets::embedded();
    let mut total_items = 0usize;
    let mut total: BTreeMap<&str, (usize, usize)> = FAMILIES.iter().map(|f| (*f, (0, 0))).collect();
    for (name, paths, lang) in sets {
        let mut opts = cefrlint::pipeline::Options {
            paths,
            ..Default::default()
        };
        opts.defaults.language = lang;
        opts.defaults.level = level;
        let report = cefrlint::pipeline::run(&opts, &rules).expect("rule sets load");
        let mut per: BTreeMap<&str, (usize, BTreeSet<String>)> = FAMILIES
            .iter()
            .map(|f| (*f, (0, BTreeSet::new())))
            .collect();
        let mut lines = Vec::new();
        for f in &report.findings {
            if let Some((n, flagged)) = per.get_mut(f.rule.category()) {
                *n += 1;
                flagged.insert(format!(
                    "{}#{}",
                    f.location.file,
                    f.item.as_deref().unwrap_or("-")
                ));
                if list {
                    lines.push(format!(
                        "  {} {} [{}] {}",
                        f.location,
                        f.rule.code,
                        f.item.as_deref().unwrap_or("-"),
                        f.message.en
                    ));
                }
            }
        }
        let items = report.items.len();
        total_items += items;
        println!("{name}: {} files, {items} items", report.files.len());
        for (fam, (n, flagged)) in &per {
            let pct = 100.0 * flagged.len() as f64 / items.max(1) as f64;
            println!(
                "  {fam:<10} {n:>4} findings, {:>4} items flagged ({pct:.1}% of items)",
                flagged.len()
            );
            let t = total.get_mut(fam).unwrap();
            t.0 += n;
            t.1 += flagged.len();
        }
        for l in lines {
            println!("{l}");
        }
    }
    println!("all sets: {total_items} items");
    for (fam, (n, flagged)) in total {
        let pct = 100.0 * flagged as f64 / total_items.max(1) as f64;
        println!("  {fam:<10} {n:>4} findings, {flagged:>4} items flagged ({pct:.1}% of items)");
    }
}
