//! `--statistics`: how many findings each rule produced.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::checks::RuleInfo;
use crate::findings::Locale;

/// One rule's count.
#[derive(Clone, Debug, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub severity: &'static str,
    pub count: usize,
    pub summary: &'static str,
}

/// The rules with at least one finding, most frequent first, then by code.
pub fn per_rule(report: &Report, locale: Locale) -> Vec<RuleCount> {
    let mut counts: BTreeMap<&'static str, (&'static RuleInfo, &'static str, usize)> =
        BTreeMap::new();
    for f in &report.findings {
        counts
            .entry(f.rule.code)
            .or_insert((f.rule, f.severity.as_str(), 0))
            .2 += 1;
    }
    let mut v: Vec<RuleCount> = counts
        .into_values()
        .map(|(rule, severity, count)| RuleCount {
            rule: rule.code,
            severity,
            count,
            summary: rule.summary(locale),
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    v
}

/// A plain-text table: count, rule, severity, summary.
pub fn write_table(report: &Report, locale: Locale, w: &mut dyn Write) -> io::Result<()> {
    let mut rows = per_rule(report, locale);
    // The severity in the interface language (`avertissement`); `per_rule` keeps the codes
    // for the JSON output.
    for r in &mut rows {
        if let Ok(s) = r.severity.parse::<crate::findings::Severity>() {
            r.severity = s.name(locale);
        }
    }
    let (h_count, h_rule, h_sev, h_sum) = match locale {
        Locale::En => ("count", "rule", "severity", "summary"),
        Locale::Fr => ("nombre", "règle", "gravité", "résumé"),
    };
    let wc = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .chain([h_count.chars().count()])
        .max()
        .unwrap_or(0);
    let wr = rows
        .iter()
        .map(|r| r.rule.len())
        .chain([h_rule.chars().count()])
        .max()
        .unwrap_or(0);
    let ws = rows
        .iter()
        .map(|r| r.severity.chars().count())
        .chain([h_sev.chars().count()])
        .max()
        .unwrap_or(0);
    writeln!(w, "{h_count:>wc$}  {h_rule:wr$}  {h_sev:ws$}  {h_sum}")?;
    for r in rows {
        writeln!(
            w,
            "{:>wc$}  {:wr$}  {:ws$}  {}",
            r.count, r.rule, r.severity, r.summary
        )?;
    }
    Ok(())
}
