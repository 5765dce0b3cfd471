//! `--format human`: findings rendered like compiler diagnostics (annotate-snippets, the
//! renderer cargo uses): the source line, a caret under the word, and notes with the evidence.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level as ALevel, Renderer, Snippet};

use super::{Report, Style};
use crate::findings::{Context, EvidenceKind, Finding, Locale, Severity};

/// Byte offset in `context.text` of a 1-based line and character column.
fn offset_in(context: &Context, line: u32, column: u32) -> usize {
    let mut offset = 0;
    for (i, l) in context.text.split_inclusive('\n').enumerate() {
        if context.first_line + i as u32 == line {
            let body = l.trim_end_matches('\n');
            let col = (column as usize).saturating_sub(1);
            return offset + body.char_indices().nth(col).map_or(body.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    context.text.trim_end_matches('\n').len()
}

fn evidence_note(f: &Finding, locale: Locale) -> Vec<String> {
    f.evidence
        .iter()
        .filter(|e| {
            !(f.evidence.len() == 1
                && e.kind != EvidenceKind::Measure
                && e.location.as_ref() == Some(&f.location))
        })
        .map(|e| {
            let level = e.level.map(|l| format!(" {l}")).unwrap_or_default();
            let detail = e
                .detail
                .as_ref()
                .map(|d| format!(" — {d}"))
                .unwrap_or_default();
            let at = e
                .location
                .as_ref()
                .map(|l| {
                    // A place in another file is named with its file.
                    let file = if l.file != f.location.file {
                        format!("{}:", l.file)
                    } else {
                        String::new()
                    };
                    match locale {
                        Locale::En => format!(" at {file}{}:{}", l.start.line, l.start.column),
                        Locale::Fr => format!(" en {file}{}:{}", l.start.line, l.start.column),
                    }
                })
                .unwrap_or_default();
            let kind = match (e.kind, locale) {
                (EvidenceKind::Word, Locale::En) => "word",
                (EvidenceKind::Word, Locale::Fr) => "mot",
                (EvidenceKind::Structure, Locale::En) => "structure",
                (EvidenceKind::Structure, Locale::Fr) => "structure",
                (EvidenceKind::Measure, Locale::En) => "estimate",
                (EvidenceKind::Measure, Locale::Fr) => "estimation",
                (EvidenceKind::Declared, Locale::En) => "declared",
                (EvidenceKind::Declared, Locale::Fr) => "déclaré",
                (EvidenceKind::Related, Locale::En) => "see",
                (EvidenceKind::Related, Locale::Fr) => "voir",
            };
            match e.kind {
                // French typography: a space before the colon.
                EvidenceKind::Measure => {
                    let colon = if locale == Locale::Fr { " :" } else { ":" };
                    format!("{kind}{level}{colon} {}", e.text(locale))
                }
                _ => format!("{kind} `{}`{level}{detail}{at}", e.text),
            }
        })
        .collect()
}

fn label(f: &Finding) -> String {
    match f.evidence.first() {
        Some(e) if e.kind != EvidenceKind::Measure => match e.level {
            Some(l) => l.to_string(),
            None => String::new(),
        },
        _ => String::new(),
    }
}

fn render_finding(f: &Finding, locale: Locale, renderer: &Renderer) -> String {
    let level = match f.severity {
        Severity::Error => ALevel::ERROR,
        Severity::Warning => ALevel::WARNING,
        Severity::Info => ALevel::INFO,
    };
    // `erreur[…]`, `avertissement[…]` in French.
    let level = match locale {
        Locale::En => level,
        Locale::Fr => level.with_name(f.severity.name(locale)),
    };
    let title = f.message.get(locale);
    let loc = &f.location;
    let mut groups = Vec::new();
    let main = match &f.context {
        Some(ctx) => {
            let start = offset_in(ctx, loc.start.line, loc.start.column);
            let end = offset_in(ctx, loc.end.line, loc.end.column).max(start);
            let lbl = label(f);
            let ann = AnnotationKind::Primary.span(start..end);
            let ann = if lbl.is_empty() { ann } else { ann.label(lbl) };
            level.primary_title(title).id(f.rule.code).element(
                Snippet::source(ctx.text.trim_end_matches('\n'))
                    .line_start(ctx.first_line as usize)
                    .path(&*loc.file)
                    .annotation(ann),
            )
        }
        None => level.primary_title(title).id(f.rule.code).element(
            annotate_snippets::Origin::path(&*loc.file)
                .line(loc.start.line as usize)
                .char_column(loc.start.column as usize),
        ),
    };
    groups.push(main);
    for note in evidence_note(f, locale) {
        groups.push(Group::with_title(ALevel::NOTE.secondary_title(note)));
    }
    renderer.render(&groups).to_string()
}

/// Writes the report, one finding at a time.
pub fn write(report: &Report, locale: Locale, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let style = Style {
        locale,
        color,
        ..Style::default()
    };
    write_styled(report, &style, w)
}

/// Writes the report in a style: `quiet` leaves the summary out; `statistics` adds a table of
/// counts per rule.
pub fn write_styled(report: &Report, style: &Style, w: &mut dyn Write) -> io::Result<()> {
    let (locale, color) = (style.locale, style.color);
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for e in &report.errors {
        match locale {
            Locale::En => write!(w, "error: {}\n\n", e.en)?,
            Locale::Fr => write!(w, "erreur : {}\n\n", e.fr)?,
        }
    }
    for f in &report.findings {
        write!(w, "{}\n\n", render_finding(&f, locale, &renderer))?;
    }
    if style.statistics {
        super::statistics::write_table(report, locale, w)?;
        writeln!(w)?;
    }
    if style.quiet {
        return Ok(());
    }
    writeln!(w, "{}", summary_line(report, locale))?;
    if let Some(line) = baseline_line(report, locale) {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

/// What the baseline hid and how many of its entries no longer match, when one was given.
pub fn baseline_line(report: &Report, locale: Locale) -> Option<String> {
    let b = report.baseline.as_ref()?;
    Some(match locale {
        Locale::En => format!(
            "info: the baseline hid {} finding(s); {} of its entries match nothing any more (fixed? rewrite it with --write-baseline)",
            b.suppressed, b.unmatched
        ),
        Locale::Fr => format!(
            "info : la référence a masqué {} signalement(s) ; {} de ses entrées ne correspondent plus à rien (corrigées ? réécrivez-la avec --write-baseline)",
            b.suppressed, b.unmatched
        ),
    })
}

/// The one-line summary: counts by severity, files and items checked, unreadable inputs.
pub fn summary_line(report: &Report, locale: Locale) -> String {
    let mut w = String::new();
    let s = report.summary();
    let count = |k: &str| s.by_severity.get(k).copied().unwrap_or(0);
    use std::fmt::Write as _;
    let _ = match locale {
        Locale::En => write!(
            w,
            "{} finding(s): {} error(s), {} warning(s), {} info — {} file(s), {} item(s) checked",
            s.findings,
            count("error"),
            count("warning"),
            count("info"),
            s.files,
            s.items
        ),
        Locale::Fr => write!(
            w,
            "{} signalement(s) : {} erreur(s), {} avertissement(s), {} info — {} fichier(s), {} item(s) vérifié(s)",
            s.findings,
            count("error"),
            count("warning"),
            count("info"),
            s.files,
            s.items
        ),
    };
    if s.unreadable > 0 {
        let _ = match locale {
            Locale::En => write!(w, "; {} could not be read", s.unreadable),
            Locale::Fr => write!(w, " ; {} illisible(s)", s.unreadable),
        };
    }
    w
}
