//! `--format concise`: one line per finding, `file:line:col: severity rule message`, the form
//! editors and `grep` understand; then the summary line (left out with `--quiet`).

use std::io::{self, Write};

use super::{Report, Style};

/// Messages are one line (a line break would start a bogus finding): whitespace runs,
/// line breaks included, become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn write(report: &Report, style: &Style, w: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(
            w,
            "{}: {} {} {}",
            super::position(&f),
            f.severity,
            f.rule.code,
            one_line(f.message.get(style.locale))
        )?;
    }
    if style.statistics {
        writeln!(w)?;
        super::statistics::write_table(report, style.locale, w)?;
    }
    if !style.quiet {
        writeln!(w, "{}", super::human::summary_line(report, style.locale))?;
        if let Some(line) = super::human::baseline_line(report, style.locale) {
            writeln!(w, "{line}")?;
        }
    }
    Ok(())
}
