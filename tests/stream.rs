//! The streamed report: whether items and findings stay in memory or spill to a temporary
//! file, and whatever the number of threads, every output format is byte-identical; findings
//! come out in output order even when input order and path order differ, with the
//! cross-file duplicates and the unused `ignore-items` where a single sort would put them.

use std::path::PathBuf;

use cefrlint::findings::{Finding, Locale};
use cefrlint::pipeline::{self, NoProgress, Options};
use cefrlint::report::{self, OutputFormat, Report, Style};
use cefrlint::ruleset::RuleSets;
use clap::ValueEnum;

mod common;

fn run(paths: Vec<PathBuf>, jobs: usize, threshold: usize) -> Report {
    let opts = Options {
        paths,
        jobs: Some(jobs),
        config: cefrlint::config::Mode::Discover,
        ..Options::default()
    };
    pipeline::run_spooled(&opts, &RuleSets::embedded(), &NoProgress, threshold)
        .expect("the embedded rule sets load")
}

/// Every format, in both interface languages, the human and JSON ones with statistics too.
fn render_all(report: &Report) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for format in OutputFormat::value_variants() {
        for locale in [Locale::En, Locale::Fr] {
            for statistics in [false, true] {
                let style = Style {
                    locale,
                    statistics,
                    markdown_rows: 7,
                    ..Style::default()
                };
                let mut buf = Vec::new();
                report::write_styled(report, *format, &style, &mut buf).expect("written");
                out.push((format!("{format:?} {locale:?} {statistics}"), buf));
            }
        }
    }
    out
}

fn assert_same(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    assert_eq!(a.len(), b.len());
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(
            x == y,
            "{what}: {name} differs\n--- in memory\n{}\n--- other\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
}

fn assert_in_output_order(report: &Report) {
    let all: Vec<Finding> = report.findings.iter().collect();
    assert_eq!(all.len(), report.findings.len());
    for w in all.windows(2) {
        assert_ne!(
            Finding::output_order(&w[0], &w[1]),
            std::cmp::Ordering::Greater,
            "{:?} before {:?}",
            w[0].location,
            w[1].location
        );
    }
}

#[test]
fn spilled_and_in_memory_reports_render_the_same_on_the_corpora() {
    let paths = vec![common::root().join("corpora")];
    let memory = run(paths.clone(), 1, usize::MAX);
    assert!(!memory.findings.spilled() && !memory.items.spilled());
    assert!(memory.findings.len() > 50, "{}", memory.findings.len());
    assert_in_output_order(&memory);
    let expected = render_all(&memory);
    // A threshold of a few bytes: every value goes through the temporary file.
    let spilled = run(paths.clone(), 1, 16);
    assert!(spilled.findings.spilled() && spilled.items.spilled());
    assert_same(&expected, &render_all(&spilled), "spilled");
    let parallel = run(paths, 2, 4096);
    assert_same(&expected, &render_all(&parallel), "--jobs 2");
    assert!(spilled.read_error().is_none() && parallel.read_error().is_none());
}

#[test]
fn a_baseline_applies_the_same_to_a_spilled_report() {
    let paths = vec![common::root().join("corpora/en")];
    let mut memory = run(paths.clone(), 1, usize::MAX);
    let mut spilled = run(paths, 1, 16);
    let b = report::baseline::record(&memory);
    assert_eq!(b, report::baseline::record(&spilled));
    // A baseline of every other entry: half hidden, counts per file updated.
    let mut half = b.clone();
    half.entries = half.entries.into_iter().step_by(2).collect();
    half.apply(&mut memory);
    half.apply(&mut spilled);
    assert!(memory.baseline.as_ref().is_some_and(|o| o.suppressed > 0));
    assert_eq!(memory.baseline, spilled.baseline);
    assert_eq!(memory.files, spilled.files);
    let total: usize = memory.files.iter().map(|f| f.findings).sum();
    assert_eq!(total, memory.findings.len());
    assert_same(&render_all(&memory), &render_all(&spilled), "baseline");
}

const LESSON: &str = "language: en\nlevel: A1\nitems:\n  - id: cap\n    kind: multiple_choice\n    prompt: Which city is the capital of Peru?\n    options: [Lima, Cusco, Arequipa]\n    answer: Lima\n  - id: colour\n    kind: multiple_choice\n    prompt: What colour is a ripe banana usually?\n    options: [yellow, blue, purple]\n    answer: yellow\n  - id: hard\n    kind: text\n    text: The perspicacious archivist meticulously catalogued the ephemeral manuscripts.\n";

const REVIEW: &str = "language: en\nlevel: A1\nitems:\n  - id: again\n    kind: multiple_choice\n    prompt: Which city is the capital of Peru?\n    options: [Lima, Cusco, Arequipa]\n    answer: Lima\n  - id: other-key\n    kind: multiple_choice\n    prompt: What colour is a ripe banana usually?\n    options: [yellow, blue, purple]\n    answer: blue\n  - id: dense\n    kind: text\n    text: Notwithstanding the ubiquitous bureaucratic obfuscation, the committee deliberated.\n";

#[test]
fn findings_follow_path_order_with_duplicates_and_unused_ignores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |p: &str, text: &str| {
        let p = dir.path().join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    // The input order is by path; `duplicate/*` findings are found in later inputs and
    // merged into their files' findings, the unused `ignore-items` go to `cefrlint.yaml`.
    write("x/lesson.yaml", LESSON);
    write("x-y/review.yaml", REVIEW);
    write("x-y/more.yaml", &REVIEW.replace("id: again", "id: thrice"));
    write(
        "cefrlint.yaml",
        "ignore-items:\n  - glob: 'x/*.yaml'\n    items: [colour, cap]\n",
    );
    let memory = run(vec![dir.path().to_path_buf()], 1, usize::MAX);
    assert_in_output_order(&memory);
    let files: Vec<&str> = memory.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(files.len(), 3, "{files:?}");
    let rules_of = |path_end: &str| -> Vec<(&'static str, Option<String>)> {
        memory
            .findings
            .iter()
            .filter(|f| f.location.file.ends_with(path_end))
            .map(|f| (f.rule.code, f.item))
            .collect()
    };
    let has = |path_end: &str, rule: &str, item: &str| {
        rules_of(path_end)
            .iter()
            .any(|(r, i)| *r == rule && i.as_deref() == Some(item))
    };
    assert!(
        has("x-y/review.yaml", "duplicate/repeated", "again"),
        "{:?}",
        rules_of("review.yaml")
    );
    assert!(has("x-y/review.yaml", "duplicate/repeated", "other-key"));
    assert!(
        has("x/lesson.yaml", "duplicate/repeated", "cap"),
        "{:?}",
        rules_of("lesson.yaml")
    );
    assert!(has("x/lesson.yaml", "duplicate/conflicting-key", "colour"));
    // `colour` had something to suppress, `cap` did not (its duplicate is found later).
    assert!(!has("x/lesson.yaml", "vocabulary/above-level", "colour"));
    assert!(
        has("cefrlint.yaml", "config/unused-suppression", "cap"),
        "{:?}",
        rules_of("cefrlint.yaml")
    );
    // The per-file counts include the duplicates.
    for f in &memory.files {
        assert_eq!(f.findings, memory.findings.count_of(&f.path), "{}", f.path);
    }
    let expected = render_all(&memory);
    for (jobs, threshold) in [(1, 1), (2, 1), (2, 300)] {
        let other = run(vec![dir.path().to_path_buf()], jobs, threshold);
        assert_same(&expected, &render_all(&other), "tempdir");
    }
}
