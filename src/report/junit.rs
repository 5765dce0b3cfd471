//! `--format junit`: JUnit XML, which CI servers show as test results. One `<testsuite>` per
//! input file; in it, one `<testcase>` per rule with findings in that file, failing with the
//! findings as its text (a file without findings has one passing `<testcase name="cefrlint">`).
//! Paths that could not be opened at all are `<error>`s in a last suite named `cefrlint`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Report;
use crate::findings::{Finding, Locale, Severity};

/// Escapes text for XML content and attribute values; characters XML 1.0 forbids become
/// U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn count_text(n: usize, locale: Locale) -> String {
    match locale {
        Locale::En => format!("{n} finding(s)"),
        Locale::Fr => format!("{n} signalement(s)"),
    }
}

pub fn write(report: &Report, locale: Locale, w: &mut dyn Write) -> io::Result<()> {
    // Findings by file (in file order), then by rule.
    let mut by_file: BTreeMap<&str, BTreeMap<&'static str, Vec<&Finding>>> = BTreeMap::new();
    for f in &report.findings {
        by_file
            .entry(&f.location.file)
            .or_default()
            .entry(f.rule.code)
            .or_default()
            .push(f);
    }
    let mut files: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    for path in by_file.keys() {
        if !files.contains(path) {
            files.push(path);
        }
    }
    let total_cases: usize = files
        .iter()
        .map(|p| by_file.get(p).map_or(1, BTreeMap::len))
        .sum::<usize>()
        + report.errors.len();
    let total_failures: usize = by_file.values().map(BTreeMap::len).sum();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="cefrlint" tests="{total_cases}" failures="{total_failures}" errors="{}">"#,
        report.errors.len()
    )?;
    for path in &files {
        let p = escape(path);
        match by_file.get(path) {
            None => {
                writeln!(
                    w,
                    r#"  <testsuite name="{p}" tests="1" failures="0" errors="0">"#
                )?;
                writeln!(w, r#"    <testcase name="cefrlint" classname="{p}"/>"#)?;
            }
            Some(rules) => {
                writeln!(
                    w,
                    r#"  <testsuite name="{p}" tests="{n}" failures="{n}" errors="0">"#,
                    n = rules.len()
                )?;
                for (rule, findings) in rules {
                    let worst = findings
                        .iter()
                        .map(|f| f.severity)
                        .max()
                        .unwrap_or(Severity::Info);
                    writeln!(w, r#"    <testcase name="{rule}" classname="{p}">"#)?;
                    write!(
                        w,
                        r#"      <failure message="{}" type="{worst}">"#,
                        escape(&count_text(findings.len(), locale))
                    )?;
                    for f in findings {
                        write!(
                            w,
                            "\n{}: {} {}",
                            escape(&super::position(f)),
                            f.severity,
                            escape(f.message.get(locale))
                        )?;
                    }
                    writeln!(w, "\n      </failure>")?;
                    writeln!(w, "    </testcase>")?;
                }
            }
        }
        writeln!(w, "  </testsuite>")?;
    }
    if !report.errors.is_empty() {
        writeln!(
            w,
            r#"  <testsuite name="cefrlint" tests="{n}" failures="0" errors="{n}">"#,
            n = report.errors.len()
        )?;
        for e in &report.errors {
            let e = escape(e.get(locale));
            writeln!(w, r#"    <testcase name="{e}" classname="cefrlint">"#)?;
            writeln!(w, r#"      <error message="{e}"/>"#)?;
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(
            escape(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\u{1}y\tz"), "x\u{FFFD}y\tz");
    }
}
