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
    // Test cases by file: the number of rules with findings in each (a first reading); the
    // findings themselves are read one file at a time below.
    let rules_in = |path: &str| -> Option<usize> {
        let mut rules: Vec<&'static str> = report
            .findings
            .of_file(path)?
            .map(|f| f.rule.code)
            .collect();
        rules.sort_unstable();
        rules.dedup();
        Some(rules.len())
    };
    let by_file: BTreeMap<&str, usize> = report
        .findings
        .paths()
        .filter_map(|(p, _)| Some((p, rules_in(p)?)))
        .collect();
    let mut files: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    let mut listed: std::collections::HashSet<&str> = files.iter().copied().collect();
    for path in by_file.keys() {
        if listed.insert(path) {
            files.push(path);
        }
    }
    let total_cases: usize = files
        .iter()
        .map(|p| by_file.get(p).copied().unwrap_or(1))
        .sum::<usize>()
        + report.errors.len();
    let total_failures: usize = by_file.values().sum();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="cefrlint" tests="{total_cases}" failures="{total_failures}" errors="{}">"#,
        report.errors.len()
    )?;
    for path in &files {
        let p = escape(path);
        let mine = by_file
            .contains_key(path)
            .then(|| report.findings.of_file(path))
            .flatten();
        match mine {
            None => {
                writeln!(
                    w,
                    r#"  <testsuite name="{p}" tests="1" failures="0" errors="0">"#
                )?;
                writeln!(w, r#"    <testcase name="cefrlint" classname="{p}"/>"#)?;
            }
            Some(mine) => {
                // Findings by rule: one file's at a time.
                let mut rules: BTreeMap<&'static str, Vec<Finding>> = BTreeMap::new();
                for f in mine {
                    rules.entry(f.rule.code).or_default().push(f);
                }
                writeln!(
                    w,
                    r#"  <testsuite name="{p}" tests="{n}" failures="{n}" errors="0">"#,
                    n = rules.len()
                )?;
                for (rule, findings) in &rules {
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
