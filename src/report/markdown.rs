//! `--format markdown`: a summary for a pull-request comment: counts by severity and by rule,
//! a table of the first findings (`--markdown-rows`, 50 by default) with `file#Lline` links,
//! then how many more there are.

use std::io::{self, Write};

use super::{Report, Style};
use crate::findings::{Locale, Severity};

/// Escapes text for a Markdown table cell: markup characters get a backslash, line breaks
/// become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c)
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A relative link target: spaces and parentheses escaped so the link does not break.
fn link_target(path: &str) -> String {
    path.replace('%', "%25")
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴",
        Severity::Warning => "🟡",
        Severity::Info => "🔵",
    }
}

pub fn write(report: &Report, style: &Style, w: &mut dyn Write) -> io::Result<()> {
    let locale = style.locale;
    let fr = locale == Locale::Fr;
    let s = report.summary();
    if fr {
        writeln!(
            w,
            "## cefrlint : {} signalement(s) dans {} fichier(s), {} item(s) vérifié(s)\n",
            s.findings, s.files, s.items
        )?;
    } else {
        writeln!(
            w,
            "## cefrlint: {} finding(s) in {} file(s), {} item(s) checked\n",
            s.findings, s.files, s.items
        )?;
    }
    if s.unreadable > 0 {
        if fr {
            writeln!(w, "**{} entrée(s) illisible(s).**\n", s.unreadable)?;
        } else {
            writeln!(w, "**{} input(s) could not be read.**\n", s.unreadable)?;
        }
    }
    if let Some(b) = &report.baseline {
        if fr {
            writeln!(
                w,
                "La référence a masqué {} signalement(s) ; {} de ses entrées ne correspondent plus à rien.\n",
                b.suppressed, b.unmatched
            )?;
        } else {
            writeln!(
                w,
                "The baseline hid {} finding(s); {} of its entries match nothing any more.\n",
                b.suppressed, b.unmatched
            )?;
        }
    }
    if report.findings.is_empty() {
        return Ok(());
    }
    let (h_sev, h_count, h_rule, h_where, h_msg, h_summary) = if fr {
        (
            "Gravité",
            "Nombre",
            "Règle",
            "Emplacement",
            "Message",
            "Résumé",
        )
    } else {
        (
            "Severity", "Count", "Rule", "Location", "Message", "Summary",
        )
    };
    writeln!(w, "| {h_sev} | {h_count} |\n|---|---:|")?;
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = s.by_severity.get(sev.as_str()).copied().unwrap_or(0);
        writeln!(w, "| {} {} | {n} |", icon(sev), Severity::name(sev, locale))?;
    }
    writeln!(w)?;
    writeln!(w, "| {h_rule} | {h_count} | {h_summary} |\n|---|---:|---|")?;
    for r in super::statistics::per_rule(report, locale) {
        writeln!(w, "| `{}` | {} | {} |", r.rule, r.count, escape(r.summary))?;
    }
    writeln!(w)?;
    let shown = style.markdown_rows.min(report.findings.len());
    writeln!(w, "| | {h_where} | {h_rule} | {h_msg} |\n|---|---|---|---|")?;
    for f in report.findings.iter().take(shown) {
        let l = &f.location;
        writeln!(
            w,
            "| {} | [{}:{}:{}]({}#L{}) | `{}` | {} |",
            icon(f.severity),
            escape(&l.file),
            l.start.line,
            l.start.column,
            link_target(&l.file),
            l.start.line,
            f.rule.code,
            escape(f.message.get(locale))
        )?;
    }
    let more = report.findings.len() - shown;
    if more > 0 {
        writeln!(w)?;
        if fr {
            writeln!(w, "… et {more} de plus.")?;
        } else {
            writeln!(w, "… and {more} more.")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(escape("a|b\nc `d`"), "a\\|b c \\`d\\`");
        assert_eq!(link_target("a b(1).yaml"), "a%20b%281%29.yaml");
    }
}
