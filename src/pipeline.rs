//! The check pipeline: discover → load → analyse and check (in parallel) → one report.
//!
//! Files are processed by a rayon pool, one file's model at a time per worker, a bounded
//! window of inputs ahead of the first not yet taken. Results are taken back in input order
//! as they come, so the output is the same whatever the number of threads, and go straight
//! into the report's spools (memory, then a temporary file): memory stays flat whatever the
//! size of the batch (src/report/store.rs).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::checks::{check_document, Settings};
use crate::discover::{discover, Input};
use crate::findings::Finding;
use crate::load::{self, decode_hinted};
use crate::model::Defaults;
use crate::report::store::{Class, Findings};
use crate::report::{spool, FileSummary, Report};
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
    /// Where the configuration (`cefrlint.yaml`) comes from.
    pub config: crate::config::Mode,
    /// `--level-threshold` was given: it wins over the configuration's thresholds.
    pub level_threshold_given: bool,
    /// The user's mapping of CSV/TSV columns (`--columns`).
    pub columns: load::table::Columns,
}

#[derive(Default)]
struct FileResult {
    summary: Option<FileSummary>,
    items: Vec<crate::checks::ItemSummary>,
    findings: Vec<Finding>,
    /// What became of the configuration's `ignore-items` names in this file.
    ignore_uses: Vec<crate::config::apply::IgnoreUse>,
    signatures: Vec<crate::checks::duplicate::Signature>,
}

/// Checks one input: a file, or every source of a package (zip, H5P, SCORM, QTI), one at a
/// time and in the package's order.
fn check_input(
    input: &Input,
    rulesets: &RuleSets,
    opts: &Options,
    config: Option<&crate::config::Config>,
) -> Result<Vec<FileResult>, RuleErrors> {
    // The configuration: what the input's path gives it (members of a package share it).
    let fc = crate::config::apply::FileConfig::new(config, &input.path);
    let job = Job {
        rulesets,
        opts,
        path_defaults: fc.defaults(),
        fc,
    };
    let Some(format) = input.format().filter(|f| f.is_package()) else {
        return check_file(input, &job).map(|r| vec![r]);
    };
    let mut out = Vec::new();
    let mut failed = None;
    load::package::expand(
        &input.path,
        &input.display,
        format,
        input.explicit,
        &mut |unit| {
            if failed.is_some() {
                return;
            }
            let r = match unit {
                load::package::Unit::File {
                    display,
                    bytes,
                    format,
                } => check_bytes(&display, bytes, format, false, &job),
                load::package::Unit::Loaded {
                    src,
                    loaded,
                    format,
                } => check_loaded(&src, Vec::new(), loaded, format, &job),
            };
            match r {
                Ok(r) => out.push(r),
                Err(e) => failed = Some(e),
            }
        },
    );
    match failed {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// What checking one input needs.
struct Job<'a> {
    rulesets: &'a RuleSets,
    opts: &'a Options,
    fc: crate::config::apply::FileConfig<'a>,
    /// What the configuration's `paths:` give this input (computed once per input).
    path_defaults: crate::model::Defaults,
}

fn check_file(input: &Input, job: &Job) -> Result<FileResult, RuleErrors> {
    let Some(format) = input.format() else {
        return Ok(FileResult::default());
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
                ignore_uses: Vec::new(),
                signatures: Vec::new(),
            });
        }
    };
    check_bytes(&input.display, bytes, format, input.explicit, job)
}

/// Checks a file's bytes (a file on disk, or a member of an archive).
fn check_bytes(
    display: &str,
    bytes: Vec<u8>,
    format: load::Format,
    explicit: bool,
    job: &Job,
) -> Result<FileResult, RuleErrors> {
    let path_defaults = &job.path_defaults;
    let (src, findings, loaded, not_text, format) = if format.is_binary() {
        // Binary formats (Anki) are read from their bytes, not decoded as text.
        let (src, loaded) = load::load_binary(display, &bytes, format, &job.opts.columns);
        drop(bytes);
        (src, Vec::new(), loaded, false, format)
    } else {
        let hint = path_defaults
            .language
            .as_ref()
            .or(job.opts.defaults.language.as_ref())
            .map(|l| l.as_str());
        let (src, findings) = decode_hinted(display, &bytes, hint);
        drop(bytes);
        let format = load::refine_format(format, &src);
        let not_text = findings.iter().any(|f| f.rule.code == "input/unreadable");
        let loaded = if not_text {
            load::Loaded::default()
        } else {
            load::load_with(&src, format, explicit, &job.opts.columns)
        };
        (src, findings, loaded, not_text, format)
    };
    if !not_text && loaded.document.is_none() && loaded.findings.is_empty() {
        // Not a lesson file, found while walking a folder: skipped quietly, whatever its
        // encoding.
        return Ok(FileResult::default());
    }
    check_loaded(&src, findings, loaded, format.as_str(), job)
}

/// Checks a loaded source: `findings` are those of decoding it.
fn check_loaded(
    src: &crate::source::SourceFile,
    mut findings: Vec<Finding>,
    loaded: load::Loaded,
    format: &str,
    job: &Job,
) -> Result<FileResult, RuleErrors> {
    let (opts, fc) = (job.opts, &job.fc);
    if loaded.document.is_none() && loaded.findings.is_empty() && findings.is_empty() {
        return Ok(FileResult::default());
    }
    let path_defaults = &job.path_defaults;
    let settings = fc.settings(&opts.settings, opts.level_threshold_given);
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
        let ignore_uses = fc.apply(src, None, format, &mut findings);
        findings.sort_by(Finding::output_order);
        return Ok(FileResult {
            summary: Some(FileSummary {
                path: src.path.to_string(),
                format: format.into(),
                items: 0,
                findings: findings.len(),
                readable,
            }),
            items: Vec::new(),
            findings,
            ignore_uses,
            signatures: Vec::new(),
        });
    };
    for item in doc.items_mut() {
        // The file's own declarations, then its path's in the configuration, then the
        // command line's.
        item.fill_declared(path_defaults, crate::model::Origin::Config);
        item.apply_defaults(&opts.defaults);
    }
    let checked = check_document(src, &doc, job.rulesets, &settings)?;
    findings.extend(checked.findings);
    // Undecodable bytes are reported as `encoding/invalid`: the `�` they became is not
    // reported a second time in the fields.
    if findings.iter().any(|f| f.rule.code == "encoding/invalid") {
        findings.retain(|f| f.rule.code != "encoding/replacement-char");
    }
    let ignore_uses = fc.apply(src, Some(&doc), format, &mut findings);
    findings.sort_by(Finding::output_order);
    if opts.drop_context {
        findings.iter_mut().for_each(|f| f.context = None);
    } else {
        findings
            .iter_mut()
            .for_each(|f| f.add_evidence_context(src));
    }
    Ok(FileResult {
        summary: Some(FileSummary {
            path: src.path.to_string(),
            format: format.into(),
            items: checked.items.len(),
            findings: findings.len(),
            readable,
        }),
        items: checked.items,
        findings,
        ignore_uses,
        signatures: checked.signatures,
    })
}

/// Told how a run advances (a progress bar). Called from worker threads.
pub trait Progress: Sync {
    /// The inputs are known: `files` of them will be checked.
    fn start(&self, _files: usize) {}
    /// One more input is done.
    fn file_done(&self) {}
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Runs a whole check. Fails only when a rule set is broken.
pub fn run(opts: &Options, rulesets: &RuleSets) -> Result<Report, RuleErrors> {
    run_with_progress(opts, rulesets, &NoProgress)
}

/// [`run`], telling `progress` how it advances.
pub fn run_with_progress(
    opts: &Options,
    rulesets: &RuleSets,
    progress: &dyn Progress,
) -> Result<Report, RuleErrors> {
    run_spooled(opts, rulesets, progress, spool::DEFAULT_THRESHOLD)
}

/// [`run_with_progress`], the report's items and findings kept in memory up to
/// `spill_threshold` bytes each, then in a temporary file (`usize::MAX`: never).
pub fn run_spooled(
    opts: &Options,
    rulesets: &RuleSets,
    progress: &dyn Progress,
    spill_threshold: usize,
) -> Result<Report, RuleErrors> {
    let (inputs, errors) = discover(&opts.paths);
    // Nothing is checked with a configuration that could not be read.
    let configs = match crate::config::resolve(&inputs, &opts.config) {
        Ok(c) => c,
        Err(config_errors) => {
            return Ok(Report {
                errors,
                config_errors,
                rules: rulesets.source.describe(),
                ..Report::default()
            })
        }
    };
    progress.start(inputs.len());
    // One table of paths, lesson ids and rules for the report's three spools.
    let items = spool::Spool::new(spill_threshold);
    let table = items.table();
    let mut collector = Collector {
        report: Report {
            errors,
            rules: rulesets.source.describe(),
            paths: opts.paths.iter().map(|p| p.display().to_string()).collect(),
            items,
            findings: Findings::with_table(spill_threshold, table.clone()),
            ..Report::default()
        },
        duplicates: crate::checks::duplicate::Finder::with_table(spill_threshold, table),
        first_summary: HashMap::new(),
        uses: BTreeMap::new(),
        config_of: HashMap::new(),
        found: Vec::new(),
    };
    let mut failed = None;
    let task = |i: usize| {
        let r = check_input(
            &inputs[i],
            rulesets,
            opts,
            configs.per_input.get(i).and_then(|c| c.as_deref()),
        );
        progress.file_done();
        r
    };
    let mut consume = |i: usize, r: Result<Vec<FileResult>, RuleErrors>| match r {
        Ok(results) => {
            collector.take(i, &configs, results);
            true
        }
        Err(e) => {
            failed = Some(e);
            false
        }
    };
    let pool = opts.jobs.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .ok()
    });
    in_order(pool.as_ref(), inputs.len(), &task, &mut consume);
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(collector.finish(&configs, opts.drop_context))
}

/// Runs `task(0..n)` on the pool (the global one without), at most a few per thread ahead of
/// the first not yet consumed, and hands the results to `consume` in index order on the
/// calling thread, as they come; stops early when `consume` returns false. Memory holds at
/// most that window of results, whatever `n`.
fn in_order<'a, T: Send + 'a>(
    pool: Option<&rayon::ThreadPool>,
    n: usize,
    task: &'a (dyn Fn(usize) -> T + Sync + 'a),
    consume: &mut dyn FnMut(usize, T) -> bool,
) {
    let threads = pool.map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
    let window = threads.max(1) * 4;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, std::thread::Result<T>)>();
    // Tasks only compute and send; the calling thread (not one of the pool's) waits, orders
    // and consumes, so a task never waits for another.
    let body = |s: &rayon::Scope<'a>| {
        let mut ready: BTreeMap<usize, std::thread::Result<T>> = BTreeMap::new();
        let (mut spawned, mut next) = (0, 0);
        while next < n {
            while spawned < n && spawned < next + window {
                let tx = tx.clone();
                let i = spawned;
                s.spawn(move |_| {
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| task(i)));
                    let _ = tx.send((i, r));
                });
                spawned += 1;
            }
            match ready.remove(&next) {
                Some(Ok(v)) => {
                    next += 1;
                    if !consume(next - 1, v) {
                        return;
                    }
                }
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => match rx.recv() {
                    Ok((i, r)) => {
                        ready.insert(i, r);
                    }
                    Err(_) => return,
                },
            }
        }
    };
    match pool {
        Some(p) => p.in_place_scope(body),
        None => rayon::in_place_scope(body),
    }
}

/// Takes the results of each input in input order, and builds the report from them: file
/// summaries in memory, items and findings into the report's spools, the cross-file
/// duplicates found as each file arrives (from a compact index of the earlier items).
struct Collector {
    report: Report,
    duplicates: crate::checks::duplicate::Finder,
    /// The first file summary of each path (duplicates are counted there), by a hash of
    /// the path: 16 bytes a file (see [`first_summary`]).
    first_summary: HashMap<u64, u32>,
    /// `ignore-items` uses: (first input with the same configuration, entry, item) → used.
    uses: BTreeMap<(usize, usize, usize), bool>,
    /// A configuration (by address) → the first input that has it.
    config_of: HashMap<usize, usize>,
    found: Vec<Finding>,
}

/// A path's hash for [`Collector::first_summary`] (std's SipHash with fixed keys).
fn path_hash(path: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    path.hash(&mut h);
    h.finish()
}

/// The index of the first summary of `path`: found by the hash of the path, confirmed on
/// the summary's path; when another path took that hash first (a collision), by a scan.
fn first_summary(index: &HashMap<u64, u32>, files: &[FileSummary], path: &str) -> Option<usize> {
    let i = *index.get(&path_hash(path))? as usize;
    if files.get(i).is_some_and(|f| f.path == path) {
        return Some(i);
    }
    files.iter().position(|f| f.path == path)
}

impl Collector {
    fn take(&mut self, input: usize, configs: &crate::config::Resolved, results: Vec<FileResult>) {
        let config = configs
            .per_input
            .get(input)
            .and_then(|c| c.as_ref())
            .map(|c| Arc::as_ptr(c) as usize);
        let report = &mut self.report;
        for r in results {
            if let Some(s) = r.summary {
                // Its strings copied on this thread: they live as long as the report, and
                // the worker's would stay among its short-lived memory (see `Interner`).
                let s = FileSummary {
                    path: s.path.as_str().to_owned(),
                    format: s.format.as_str().to_owned(),
                    ..s
                };
                let n = report.files.len() as u32;
                self.first_summary.entry(path_hash(&s.path)).or_insert(n);
                report.files.push(s);
            }
            for i in &r.items {
                report.items.push(i);
            }
            report.findings.add(r.findings, Class::File);
            if let (Some(c), false) = (config, r.ignore_uses.is_empty()) {
                let first = *self.config_of.entry(c).or_insert(input);
                for u in r.ignore_uses {
                    *self.uses.entry((first, u.entry, u.item)).or_default() |= u.used;
                }
            }
            self.found.clear();
            for sig in &r.signatures {
                self.duplicates.add(sig, &mut self.found);
            }
            for f in &self.found {
                if let Some(i) = first_summary(&self.first_summary, &report.files, &f.location.file)
                {
                    report.files[i].findings += 1;
                }
            }
            report.findings.add(self.found.drain(..), Class::Duplicate);
        }
    }

    fn finish(mut self, configs: &crate::config::Resolved, drop_context: bool) -> Report {
        let mut by_input: BTreeMap<usize, Vec<crate::config::apply::IgnoreUse>> = BTreeMap::new();
        for ((input, entry, item), used) in std::mem::take(&mut self.uses) {
            by_input
                .entry(input)
                .or_default()
                .push(crate::config::apply::IgnoreUse { entry, item, used });
        }
        let uses: Vec<(usize, &[crate::config::apply::IgnoreUse])> =
            by_input.iter().map(|(i, u)| (*i, u.as_slice())).collect();
        let mut unused = crate::config::unused_ignore_items(configs, &uses);
        if drop_context {
            unused.iter_mut().for_each(|f| f.context = None);
        }
        let mut report = self.report;
        report.findings.add(unused, Class::Unused);
        report.findings.finish();
        report
    }
}
