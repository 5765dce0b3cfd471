//! Counts the findings of the content-error families (answer, markup, encoding, subtitle,
//! duplicate) over a set of files, so that each finding can be read and judged.
//!
//! ```sh
//! cargo run --example precision                       # clean corpora + ../shared samples
//! cargo run --example precision -- --level B2 path…   # other files, a level for subtitles
//! cargo run --example precision -- --list path…       # print every finding too
//! ```
//!
//! Without paths it checks `corpora/en/clean`, `corpora/fr/clean` and, when present, the
//! GIFT, SRT and WebVTT samples of `../shared/samples` with `--lang en`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use cefrlint::model::{Lang, Level};

const FAMILIES: &[&str] = &["answer", "markup", "encoding", "subtitle", "duplicate"];

fn files_under(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            let name = p.to_string_lossy().to_lowercase();
            // GIFT files named `*.gift.txt` or `*.txt` are read by content; JSON files of
            // these folders are expected parser outputs, not lessons.
            if name.ends_with(".gift")
                || name.ends_with(".txt")
                || name.ends_with(".srt")
                || name.ends_with(".vtt")
            {
                out.push(p);
            }
        }
    }
}

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
        let shared = [root.join("../shared"), PathBuf::from("/work/shared")]
            .into_iter()
            .find(|p| p.is_dir());
        match shared {
            Some(s) => {
                let mut files = Vec::new();
                for sub in ["gift", "srt", "webvtt"] {
                    files_under(&s.join("samples").join(sub), &mut files);
                }
                sets.push((
                    "shared samples (gift, srt, webvtt)".into(),
                    files,
                    Lang::parse("en"),
                ));
            }
            None => eprintln!("skipped: ../shared is absent"),
        }
    } else {
        sets.push((
            "given paths".into(),
            args.iter().map(PathBuf::from).collect(),
            None,
        ));
    }
    let rules = cefrlint::ruleset::RuleSets::embedded();
    for (name, paths, lang) in sets {
        let mut opts = cefrlint::pipeline::Options {
            paths,
            ..Default::default()
        };
        opts.defaults.language = lang;
        opts.defaults.level = level;
        let report = cefrlint::pipeline::run(&opts, &rules).expect("rule sets load");
        let mut per: BTreeMap<&str, usize> = FAMILIES.iter().map(|f| (*f, 0)).collect();
        for f in &report.findings {
            if let Some(n) = per.get_mut(f.rule.category()) {
                *n += 1;
                if list {
                    println!(
                        "  {} {} [{}] {}",
                        f.location,
                        f.rule.code,
                        f.item.as_deref().unwrap_or("-"),
                        f.message.en
                    );
                }
            }
        }
        println!(
            "{name}: {} files, {} items",
            report.files.len(),
            report.items.len()
        );
        for (fam, n) in per {
            let pct = 100.0 * n as f64 / report.items.len().max(1) as f64;
            println!("  {fam:<10} {n:>4} findings ({pct:.1}% of items)");
        }
    }
}
