//! Reports: the results of a run, and one renderer per output format.

pub mod baseline;
pub mod concise;
pub mod csv;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod spool;
pub mod statistics;
pub mod store;

use std::collections::BTreeMap;

use crate::checks::ItemSummary;
use crate::findings::{Finding, Locale, Severity};

/// One input file's line in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSummary {
    pub path: String,
    pub format: String,
    pub items: usize,
    pub findings: usize,
    /// False when the file could not be read or parsed.
    pub readable: bool,
}

/// The complete result of a `check` run, in output order. Items and findings are streamed
/// from a spool (memory, then a temporary file past a threshold): read them with `iter()`.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileSummary>,
    pub items: spool::Spool<ItemSummary>,
    pub findings: store::Findings,
    /// Paths that could not be walked or opened at all.
    pub errors: Vec<crate::findings::Msg>,
    pub rules: String,
    /// Configuration files that could not be read: nothing was checked.
    pub config_errors: Vec<crate::config::ConfigError>,
    /// What `--baseline` did, when one was given.
    pub baseline: Option<baseline::Outcome>,
    /// The paths given to `check`, as written (shown in the HTML report's header).
    pub paths: Vec<String>,
}

/// Counts for the summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub items: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<&'static str, usize>,
    pub by_rule: BTreeMap<&'static str, usize>,
    pub unreadable: usize,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            items: self.items.len(),
            findings: self.findings.len(),
            unreadable: self.files.iter().filter(|f| !f.readable).count() + self.errors.len(),
            by_rule: self.findings.by_rule().clone(),
            ..Summary::default()
        };
        for sev in [Severity::Error, Severity::Warning, Severity::Info] {
            s.by_severity.insert(sev.as_str(), self.findings.count(sev));
        }
        s
    }

    /// The first error met reading the report's temporary files back, if any: the output
    /// is then incomplete.
    pub fn read_error(&self) -> Option<String> {
        self.findings
            .read_error()
            .or_else(|| self.items.read_error())
    }

    /// True when some input could not be read or parsed (exit code 2).
    pub fn has_input_errors(&self) -> bool {
        !self.errors.is_empty()
            || !self.config_errors.is_empty()
            || self.findings.input_errors() > 0
    }
}

/// What makes a run fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

/// 0: nothing at or above `fail_on`; 1: something is; 2: an input could not be read.
pub fn exit_code(report: &Report, fail_on: FailOn) -> i32 {
    if report.has_input_errors() {
        return 2;
    }
    match fail_on {
        FailOn::Never => 0,
        FailOn::Severity(min) => i32::from(report.findings.worst().is_some_and(|s| s >= min)),
    }
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename, so that
/// an interrupted or failed write never leaves a partial file behind.
pub fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    write_atomically_with(path, &mut |w| w.write_all(text.as_bytes()))
}

/// Writes what `write` gives to `path` as [`write_atomically`] does, streamed to the
/// temporary file (never held whole in memory).
pub fn write_atomically_with(
    path: &std::path::Path,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.cefrlint-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::new(f);
        write(&mut w)?;
        w.flush()
    });
    written
        .and_then(|_| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Compiler-style diagnostics with the source line and a caret.
    Human,
    /// One JSON document (schema in docs/json-output.md).
    Json,
    /// One line per finding: `file:line:col: severity rule message`.
    Concise,
    /// JSON Lines: one finding per line, then a summary line (docs/json-output.md).
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools (GitHub code scanning, IDEs).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// CSV with a header row and a UTF-8 byte-order mark, for spreadsheets.
    Csv,
    /// A Markdown summary for a pull-request comment.
    Markdown,
    /// One self-contained HTML page (summary, level charts, findings with their source lines).
    Html,
}

/// How to render a report, beyond the format.
#[derive(Clone, Debug)]
pub struct Style {
    pub locale: Locale,
    pub color: bool,
    /// Human and concise outputs: findings only, no summary line.
    pub quiet: bool,
    /// Add the counts per rule (human: a table; json: a `statistics` object).
    pub statistics: bool,
    /// CSV field separator.
    pub csv_delimiter: u8,
    /// Markdown: how many findings the table shows.
    pub markdown_rows: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            locale: Locale::En,
            color: false,
            quiet: false,
            statistics: false,
            csv_delimiter: b',',
            markdown_rows: 50,
        }
    }
}

/// Writes a report in the given format.
pub fn write(
    report: &Report,
    format: OutputFormat,
    locale: Locale,
    color: bool,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let style = Style {
        locale,
        color,
        ..Style::default()
    };
    write_styled(report, format, &style, w)
}

/// Writes a report in the given format and style.
pub fn write_styled(
    report: &Report,
    format: OutputFormat,
    style: &Style,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let locale = style.locale;
    match format {
        OutputFormat::Human => human::write_styled(report, style, w),
        OutputFormat::Json => json::write_styled(report, style, w),
        OutputFormat::Concise => concise::write(report, style, w),
        OutputFormat::Jsonl => jsonl::write(report, locale, w),
        OutputFormat::Sarif => sarif::write(report, locale, w),
        OutputFormat::Github => github::write(report, locale, w),
        OutputFormat::Gitlab => gitlab::write(report, locale, w),
        OutputFormat::Junit => junit::write(report, locale, w),
        OutputFormat::Csv => csv::write(report, style, w),
        OutputFormat::Markdown => markdown::write(report, style, w),
        OutputFormat::Html => html::write(report, locale, w),
    }
}

/// Where a finding is, as `file:line:column`.
pub(crate) fn position(f: &Finding) -> String {
    f.location.to_string()
}
