//! The check pipeline: discover → load → analyse and check (in parallel) → one report.
//!
//! Files are processed by a rayon pool, one file's model at a time per worker; only findings
//! and item summaries are kept. Results are put back in input order, so the output is the
//! same whatever the number of threads.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::checks::{check_document, Settings};
use crate::discover::{discover, Input};
use crate::findings::Finding;
use crate::load::{self, decode_hinted};
use crate::model::Defaults;
use crate::report::{FileSummary, Report};
use crate::ruleset::{RuleErrors, RuleSets};

/// What to check and how.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub defaults: Defaults,
    pub settings: Settings,
    /// Worker threads (`None`: one per core).
    pub jobs: Option<usize>,
    /// Drop the source lines kept with each finding (outputs that do not show them).
    pub drop_context: bool,
}

struct FileResult {
    summary: Option<FileSummary>,
    items: Vec<crate::checks::ItemSummary>,
    findings: Vec<Finding>,
    signatures: Vec<crate::checks::duplicate::Signature>,
}

fn check_file(
    input: &Input,
    rulesets: &RuleSets,
    opts: &Options,
) -> Result<FileResult, RuleErrors> {
    let Some(format) = input.format() else {
        return Ok(FileResult {
            summary: None,
            items: Vec::new(),
            findings: Vec::new(),
            signatures: Vec::new(),
        });
    };
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => {
            let src = crate::source::SourceFile::new(input.display.clone(), "");
            let f = Finding::at(
                &crate::checks::input::UNREADABLE,
                &src,
                crate::source::Span::empty(0),
                crate::findings::Msg::new(
                    format!("cannot read the file: {e}"),
                    format!("impossible de lire le fichier : {e}"),
                ),
            );
            return Ok(FileResult {
                summary: Some(FileSummary {
                    path: input.display.clone(),
                    format: format.as_str().into(),
                    items: 0,
                    findings: 1,
                    readable: false,
                }),
                items: Vec::new(),
                findings: vec![f],
                signatures: Vec::new(),
            });
        }
    };
    let hint = opts.defaults.language.as_ref().map(|l| l.as_str());
    let (src, mut findings) = decode_hinted(&input.display, &bytes, hint);
    drop(bytes);
    let not_text = findings.iter().any(|f| f.rule.code == "input/unreadable");
    let loaded = if not_text {
        load::Loaded::default()
    } else {
        load::load(&src, format, input.explicit)
    };
    if !not_text && loaded.document.is_none() && loaded.findings.is_empty() {
        // Not a lesson file, found while walking a folder: skipped quietly, whatever its
        // encoding.
        return Ok(FileResult {
            summary: None,
            items: Vec::new(),
            findings: Vec::new(),
            signatures: Vec::new(),
        });
    }
    findings.extend(loaded.findings);
    // A file is unreadable when nothing could be read from it; a subtitle file with one bad
    // cue among good ones is readable.
    let readable = loaded
        .document
        .as_ref()
        .is_some_and(|d| d.items().next().is_some())
        || !findings
            .iter()
            .any(|f| matches!(f.rule.code, "input/parse-error" | "input/unreadable"));
    let Some(mut doc) = loaded.document else {
        findings.sort_by(Finding::output_order);
        return Ok(FileResult {
            summary: Some(FileSummary {
                path: input.display.clone(),
                format: format.as_str().into(),
                items: 0,
                findings: findings.len(),
                readable,
            }),
            items: Vec::new(),
            findings,
            signatures: Vec::new(),
        });
    };
    for item in doc.items_mut() {
        item.apply_defaults(&opts.defaults);
    }
    let checked = check_document(&src, &doc, rulesets, &opts.settings)?;
    findings.extend(checked.findings);
    // Undecodable bytes are reported as `encoding/invalid`: the `�` they became is not
    // reported a second time in the fields.
    if findings.iter().any(|f| f.rule.code == "encoding/invalid") {
        findings.retain(|f| f.rule.code != "encoding/replacement-char");
    }
    findings.sort_by(Finding::output_order);
    if opts.drop_context {
        findings.iter_mut().for_each(|f| f.context = None);
    }
    Ok(FileResult {
        summary: Some(FileSummary {
            path: input.display.clone(),
            format: format.as_str().into(),
            items: checked.items.len(),
            findings: findings.len(),
            readable,
        }),
        items: checked.items,
        findings,
        signatures: checked.signatures,
    })
}

/// Runs a whole check. Fails only when a rule set is broken.
pub fn run(opts: &Options, rulesets: &RuleSets) -> Result<Report, RuleErrors> {
    let (inputs, errors) = discover(&opts.paths);
    let work = || -> Result<Vec<FileResult>, RuleErrors> {
        inputs
            .par_iter()
            .map(|i| check_file(i, rulesets, opts))
            .collect()
    };
    let results = match opts.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(work)?,
            Err(_) => work()?,
        },
        None => work()?,
    };
    let mut report = Report {
        errors,
        rules: rulesets.source.describe(),
        ..Report::default()
    };
    // Sized once: growing by doubling would hold up to twice the report at its peak.
    report.files.reserve_exact(results.len());
    report
        .items
        .reserve_exact(results.iter().map(|r| r.items.len()).sum());
    report
        .findings
        .reserve_exact(results.iter().map(|r| r.findings.len()).sum());
    // Duplicates across the batch, from the signatures kept in input order.
    let duplicates =
        crate::checks::duplicate::find(results.iter().flat_map(|r| r.signatures.iter()));
    for r in results {
        if let Some(s) = r.summary {
            report.files.push(s);
        }
        report.items.extend(r.items);
        report.findings.extend(r.findings);
    }
    for f in &duplicates {
        if let Some(s) = report
            .files
            .iter_mut()
            .find(|s| *s.path == *f.location.file)
        {
            s.findings += 1;
        }
    }
    report.findings.extend(duplicates);
    report.findings.sort_by(Finding::output_order);
    Ok(report)
}
