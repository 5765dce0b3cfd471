//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues), shown in merge
//! requests. Severities map to `major` (error), `minor` (warning) and `info`.
//!
//! Each issue's `fingerprint` is the baseline fingerprint (rule, file, item, offending text;
//! no line number, so it survives edits elsewhere) with its occurrence number, which keeps
//! fingerprints unique within a report as GitLab requires.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::findings::{Locale, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: &'a str,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

pub fn write(report: &Report, locale: Locale, w: &mut dyn Write) -> io::Result<()> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    w.write_all(b"[")?;
    for (i, f) in report.findings.iter().enumerate() {
        let fp = super::baseline::fingerprint(&f);
        let n = seen.entry(fp.clone()).or_default();
        *n += 1;
        let issue = Issue {
            kind: "issue",
            description: f.message.get(locale),
            check_name: f.rule.code,
            fingerprint: format!("{fp}-{n}"),
            severity: match f.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            },
            location: Location {
                path: &f.location.file,
                lines: Lines {
                    begin: f.location.start.line,
                    end: f.location.end.line.max(f.location.start.line),
                },
            },
        };
        w.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *w, &issue)?;
    }
    if !report.findings.is_empty() {
        w.write_all(b"\n")?;
    }
    w.write_all(b"]\n")
}
