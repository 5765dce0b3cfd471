//! `--format json`: one JSON document, schema version 1 (documented in docs/json-output.md).

use serde::Serialize;

use super::{Report, Style};
use crate::findings::{Finding, Locale};

/// A sequence serialised element by element as it is produced, so that the report is never
/// held twice in memory (once as findings, once as their JSON form).
pub(super) struct Lazy<I>(std::cell::RefCell<Option<I>>);

impl<I> Lazy<I> {
    pub(super) fn new(iter: I) -> Self {
        Lazy(std::cell::RefCell::new(Some(iter)))
    }
}

impl<I, T> Serialize for Lazy<I>
where
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(iter) => s.collect_seq(iter),
            None => s.collect_seq(std::iter::empty::<T>()),
        }
    }
}

#[derive(Serialize)]
#[serde(bound(serialize = "Lazy<F>: Serialize, Lazy<I>: Serialize, Lazy<G>: Serialize"))]
struct Out<'a, F, I, G> {
    version: u32,
    tool: Tool<'a>,
    files: Lazy<F>,
    items: Lazy<I>,
    findings: Lazy<G>,
    summary: Summary<'a>,
    /// With `--statistics`: counts per rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<std::collections::BTreeMap<&'static str, RuleStat>>,
}

#[derive(Serialize)]
struct RuleStat {
    severity: &'static str,
    count: usize,
    summary: &'static str,
}

/// With `--baseline`: what it hid, and its entries that match nothing any more.
#[derive(Serialize)]
pub(super) struct BaselineOut {
    pub(super) suppressed: usize,
    pub(super) unmatched: usize,
}

pub(super) fn baseline_out(report: &Report) -> Option<BaselineOut> {
    report.baseline.as_ref().map(|b| BaselineOut {
        suppressed: b.suppressed,
        unmatched: b.unmatched,
    })
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'static str,
    rules: &'a str,
    locale: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    format: &'a str,
    items: usize,
    findings: usize,
    readable: bool,
}

#[derive(Serialize)]
struct Item<'a> {
    file: &'a str,
    line: u32,
    id: &'a str,
    kind: &'static str,
    lesson: Option<&'a str>,
    language: Option<&'a str>,
    declared_level: Option<&'static str>,
    estimated_level: Option<&'static str>,
    score: Option<f64>,
    confidence: Option<f64>,
}

#[derive(Serialize)]
pub(super) struct EvidenceOut<'a> {
    kind: &'static str,
    text: &'a str,
    level: Option<&'static str>,
    detail: Option<&'a str>,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
}

#[derive(Serialize)]
pub(super) struct FindingOut<'a> {
    rule: &'static str,
    severity: &'static str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    item: Option<&'a str>,
    message: &'a str,
    evidence: Vec<EvidenceOut<'a>>,
}

#[derive(Serialize)]
pub(super) struct Summary<'a> {
    pub(super) files: usize,
    pub(super) unreadable: usize,
    pub(super) items: usize,
    pub(super) findings: usize,
    pub(super) by_severity: &'a std::collections::BTreeMap<&'static str, usize>,
    pub(super) by_rule: &'a std::collections::BTreeMap<&'static str, usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) baseline: Option<BaselineOut>,
}

/// A finding read from the report's spool, serialised as [`finding`] gives it.
struct Owned(Finding, Locale);

impl Serialize for Owned {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        finding(&self.0, self.1).serialize(s)
    }
}

/// An item summary read from the report's spool.
struct OwnedItem(crate::checks::ItemSummary);

impl Serialize for OwnedItem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = &self.0;
        Item {
            file: &i.file,
            line: i.line,
            id: &i.id,
            kind: i.kind,
            lesson: i.lesson.as_deref(),
            language: i.language.as_deref(),
            declared_level: i.declared_level.map(|l| l.as_str()),
            estimated_level: i.estimated_level.map(|l| l.as_str()),
            score: i.score,
            confidence: i.confidence,
        }
        .serialize(s)
    }
}

pub(super) fn finding<'a>(f: &'a Finding, locale: Locale) -> FindingOut<'a> {
    let l = &f.location;
    FindingOut {
        rule: f.rule.code,
        severity: f.severity.as_str(),
        file: &l.file,
        line: l.start.line,
        column: l.start.column,
        end_line: l.end.line,
        end_column: l.end.column,
        item: f.item.as_deref(),
        message: f.message.get(locale),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceOut {
                kind: e.kind.as_str(),
                text: e.text(locale),
                level: e.level.map(|l| l.as_str()),
                detail: e.detail.as_deref(),
                file: e.location.as_ref().map(|l| &*l.file),
                line: e.location.as_ref().map(|l| l.start.line),
                column: e.location.as_ref().map(|l| l.start.column),
                end_line: e.location.as_ref().map(|l| l.end.line),
                end_column: e.location.as_ref().map(|l| l.end.column),
            })
            .collect(),
    }
}

/// Writes the report as one JSON document, straight to `w` (no copy of it in memory).
pub fn write(report: &Report, locale: Locale, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let style = Style {
        locale,
        ..Style::default()
    };
    write_styled(report, &style, w)
}

/// As [`write`]; with `style.statistics`, adds the `statistics` object.
pub fn write_styled(
    report: &Report,
    style: &Style,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let locale = style.locale;
    let summary = report.summary();
    let out = Out {
        version: 1,
        tool: Tool {
            name: "cefrlint",
            version: env!("CARGO_PKG_VERSION"),
            rules: &report.rules,
            locale: match locale {
                Locale::En => "en",
                Locale::Fr => "fr",
            },
        },
        files: Lazy::new(report.files.iter().map(|f| File {
            path: &f.path,
            format: &f.format,
            items: f.items,
            findings: f.findings,
            readable: f.readable,
        })),
        items: Lazy::new(report.items.iter().map(OwnedItem)),
        findings: Lazy::new(report.findings.iter().map(|f| Owned(f, locale))),
        summary: Summary {
            files: summary.files,
            unreadable: summary.unreadable,
            items: summary.items,
            findings: summary.findings,
            by_severity: &summary.by_severity,
            by_rule: &summary.by_rule,
            baseline: baseline_out(report),
        },
        statistics: style.statistics.then(|| {
            super::statistics::per_rule(report, locale)
                .into_iter()
                .map(|r| {
                    (
                        r.rule,
                        RuleStat {
                            severity: r.severity,
                            count: r.count,
                            summary: r.summary,
                        },
                    )
                })
                .collect()
        }),
    };
    // serde_json writes many small pieces (indentation, keys, punctuation): through a
    // buffer of a known type they are copied in place, not each sent through `dyn Write`.
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, &mut *w);
    serde_json::to_writer_pretty(&mut buf, &out)?;
    std::io::Write::flush(&mut buf)?;
    drop(buf);
    writeln!(w)
}
