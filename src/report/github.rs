//! `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
//! annotations on the pull request:
//! `::warning file=a.yaml,line=3,col=5,endLine=3,endColumn=9,title=rule::message`.
//!
//! Escaping follows the runner's rules: in the message, `%`, `\r` and `\n`; in property
//! values, also `:` and `,`. Severities map to `error`, `warning` and `notice`.

use std::io::{self, Write};

use super::Report;
use crate::findings::{Locale, Severity};

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(report: &Report, locale: Locale, w: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let l = &f.location;
        // A zero-width span still gets one column, so that the annotation is visible.
        let end_column = if l.end.line == l.start.line {
            l.end.column.max(l.start.column)
        } else {
            l.end.column
        };
        writeln!(
            w,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&l.file),
            l.start.line,
            l.start.column,
            l.end.line.max(l.start.line),
            end_column,
            escape_property(f.rule.code),
            escape_data(f.message.get(locale))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
