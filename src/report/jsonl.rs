//! `--format jsonl`: JSON Lines, one finding per line as it is written, then one summary line
//! (docs/json-output.md, "JSON Lines").

use std::io::{self, Write};

use serde::Serialize;

use super::json::{baseline_out, finding, FindingOut, Summary};
use super::Report;
use crate::findings::Locale;

#[derive(Serialize)]
struct Line<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    finding: FindingOut<'a>,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    version: u32,
    locale: &'static str,
    #[serde(flatten)]
    summary: Summary<'a>,
}

pub fn write(report: &Report, locale: Locale, w: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        serde_json::to_writer(
            &mut *w,
            &Line {
                kind: "finding",
                finding: finding(&f, locale),
            },
        )?;
        writeln!(w)?;
    }
    let s = report.summary();
    serde_json::to_writer(
        &mut *w,
        &SummaryLine {
            kind: "summary",
            version: 1,
            locale: match locale {
                Locale::En => "en",
                Locale::Fr => "fr",
            },
            summary: Summary {
                files: s.files,
                unreadable: s.unreadable,
                items: s.items,
                findings: s.findings,
                by_severity: &s.by_severity,
                by_rule: &s.by_rule,
                baseline: baseline_out(report),
            },
        },
    )?;
    writeln!(w)
}
