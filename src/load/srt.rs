//! SubRip subtitles (`.srt`): one lesson, one item per cue.
//!
//! A cue is an optional number, a timing line `00:00:01,000 --> 00:00:04,000` and lines of
//! text up to a blank line. SubRip has no specification; cefrlint reads what players accept
//! in common (hours of one digit or more, a comma before the milliseconds) and reports the
//! rest at its line and column, reading the other cues.

use super::cues::{self, Cue, Line};
use super::{Loaded, Problems};
use crate::checks::input;
use crate::findings::Msg;
use crate::model::{Document, MappedText, Timing};
use crate::source::{SourceFile, Span};

/// Maps an SRT file into the model.
pub fn read(src: &SourceFile) -> Loaded {
    let mut problems = Problems::new(src);
    let cues = file(src, &mut problems);
    let lesson = cues::lesson(src, cues, None);
    Loaded {
        document: Some(Document {
            lessons: vec![lesson],
        }),
        findings: problems.into_findings(),
    }
}

fn is_number(line: &Line) -> bool {
    let t = line.text.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

fn is_timing(line: &Line) -> bool {
    line.text.contains("-->")
}

/// True when line `i` starts a new cue: a timing line, or a number followed by one.
fn starts_cue(lines: &[Line], i: usize) -> bool {
    is_timing(&lines[i]) || (is_number(&lines[i]) && lines.get(i + 1).is_some_and(is_timing))
}

fn file(src: &SourceFile, problems: &mut Problems) -> Vec<(usize, Cue)> {
    let lines = cues::lines(&src.text);
    let mut out = Vec::new();
    let mut number = 0usize;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
            continue;
        }
        let first = i;
        let id = if is_number(&lines[i]) && lines.get(i + 1).is_some_and(is_timing) {
            i += 1;
            Some(lines[first].text.trim().to_string())
        } else {
            None
        };
        if !is_timing(&lines[i]) {
            let (en, fr) = if is_number(&lines[i]) {
                (
                    "a cue number must be followed by a timing line (`00:00:01,000 --> 00:00:04,000`); this cue is skipped",
                    "un numéro de sous-titre doit être suivi d'une ligne de temps (`00:00:01,000 --> 00:00:04,000`) ; ce sous-titre est ignoré",
                )
            } else {
                (
                    "text outside a cue: expected a cue number or a timing line (`00:00:01,000 --> 00:00:04,000`); players skip it",
                    "texte hors d'un sous-titre : un numéro ou une ligne de temps (`00:00:01,000 --> 00:00:04,000`) est attendu ; les lecteurs l'ignorent",
                )
            };
            problems.push(&input::PARSE_ERROR, lines[i].whole(), Msg::new(en, fr));
            // Skip to the next blank line or the next cue.
            i += 1;
            while i < lines.len() && !lines[i].is_blank() && !starts_cue(&lines, i) {
                i += 1;
            }
            continue;
        }
        number += 1;
        let timing_line = lines[i];
        i += 1;
        let text_first = i;
        while i < lines.len() && !lines[i].is_blank() && !starts_cue(&lines, i) {
            i += 1;
        }
        let text_lines = &lines[text_first..i];
        let timing = match parse_timing(timing_line.text) {
            Ok(t) => t,
            Err((a, b)) => {
                let shown = &timing_line.text[a..b];
                problems.push(
                    &input::PARSE_ERROR,
                    timing_line.span(a, b),
                    Msg::new(
                        format!("`{shown}` is not an SRT timing (`00:00:01,000 --> 00:00:04,000`: hours, two-digit minutes and seconds, a comma, three-digit milliseconds); the cue is skipped"),
                        format!("« {shown} » n'est pas un temps SRT (`00:00:01,000 --> 00:00:04,000` : heures, minutes et secondes sur deux chiffres, une virgule, millisecondes sur trois chiffres) ; le sous-titre est ignoré"),
                    ),
                );
                continue;
            }
        };
        let text = match (text_lines.first(), text_lines.last()) {
            (Some(f), Some(l)) => cue_text(&src.text, f.start, l.end),
            _ => MappedText::default(),
        };
        if text.as_str().trim().is_empty() {
            problems.push(
                &input::INVALID_STRUCTURE,
                timing_line.whole(),
                Msg::new(
                    "the cue has no text: nothing is shown during this time",
                    "le sous-titre n'a pas de texte : rien n'est affiché pendant ce temps",
                ),
            );
            continue;
        }
        let last = text_lines.last().map_or(timing_line.end, |l| l.end);
        out.push((
            number,
            Cue {
                id,
                span: Span::new(lines[first].start, last),
                timing,
                text,
                text_span: Span::new(text_lines[0].start, last),
            },
        ));
    }
    if number == 0 && problems.is_empty() {
        problems.push(
            &input::INVALID_STRUCTURE,
            Span::empty(0),
            Msg::new(
                "no subtitle cue in the file",
                "aucun sous-titre dans le fichier",
            ),
        );
    }
    out
}

/// The learner text of the cue text `s[a..b]`: HTML-like tags (`<i>`, `<b>`, `<u>`,
/// `<font …>` and their closing tags) and ASS override blocks (`{\an8}`) removed, line breaks
/// kept as `\n`, and the ASS escapes `\N` (line break) and `\h` (hard space) decoded. A `<`
/// or `{` that does not open a tag closed on the same line is text.
fn cue_text(s: &str, a: usize, b: usize) -> MappedText {
    let mut out = MappedText::default();
    let mut copy_from = a;
    let mut i = a;
    let find_line_end = |from: usize| s[from..b].find(['\r', '\n']).map_or(b, |e| from + e);
    let mut line_end = find_line_end(a);
    // The next `>` and `}` of the current line (the line's end when there is none), searched
    // again only once passed: a line full of `<` stays linear.
    let (mut next_gt, mut next_brace): (Option<usize>, Option<usize>) = (None, None);
    let next_on_line = |cache: &mut Option<usize>, from: usize, end: usize, ch: char| {
        let at = match *cache {
            Some(c) if c >= from => c,
            _ => s[from..end].find(ch).map_or(end, |g| from + g),
        };
        *cache = Some(at);
        (at < end).then_some(at)
    };
    while i < b {
        let c = s[i..].chars().next().unwrap_or('\0');
        let skip_to = match c {
            '\r' | '\n' => {
                if copy_from < i {
                    out.push_copy(&s[copy_from..i], copy_from);
                }
                let end = if s[i..].starts_with("\r\n") {
                    i + 2
                } else {
                    i + 1
                };
                cues::push_line_break(&mut out, s, i, end);
                i = end;
                copy_from = i;
                line_end = find_line_end(i);
                (next_gt, next_brace) = (None, None);
                continue;
            }
            '<' => {
                let opens = s[i + 1..line_end]
                    .trim_start_matches('/')
                    .starts_with(|c: char| c.is_ascii_alphabetic());
                if opens {
                    next_on_line(&mut next_gt, i + 1, line_end, '>').map(|g| g + 1)
                } else {
                    None
                }
            }
            '\\' if matches!(s[i + 1..b].bytes().next(), Some(b'N' | b'n' | b'h')) => {
                if copy_from < i {
                    out.push_copy(&s[copy_from..i], copy_from);
                }
                let shown = if s.as_bytes()[i + 1] == b'h' {
                    "\u{A0}"
                } else {
                    "\n"
                };
                out.push_replacement(shown, Span::new(i, i + 2));
                i += 2;
                copy_from = i;
                continue;
            }
            '{' if s[i + 1..].starts_with('\\') => {
                next_on_line(&mut next_brace, i, line_end, '}').map(|g| g + 1)
            }
            _ => None,
        };
        match skip_to {
            Some(end) => {
                if copy_from < i {
                    out.push_copy(&s[copy_from..i], copy_from);
                }
                i = end;
                copy_from = i;
            }
            None => i += c.len_utf8(),
        }
    }
    if copy_from < b {
        out.push_copy(&s[copy_from..b], copy_from);
    }
    out
}

/// Parses `start --> end` (anything after the end time, such as `X1:… Y2:…` coordinates, is
/// ignored). On error, the bytes of the line at fault.
fn parse_timing(line: &str) -> Result<Timing, (usize, usize)> {
    let Some(arrow) = line.find("-->") else {
        return Err((0, line.len()));
    };
    // A missing time is reported at the arrow.
    let at_arrow = (arrow, arrow + 3);
    let left = &line[..arrow];
    let l_start = left.len() - left.trim_start().len();
    let l_end = l_start + left.trim().len();
    let start_ms = timestamp(&line[l_start..l_end]).ok_or(if l_start == l_end {
        at_arrow
    } else {
        (l_start, l_end)
    })?;
    let after = arrow + 3;
    let right = &line[after..];
    let r_start = after + (right.len() - right.trim_start().len());
    let r_end = line[r_start..]
        .find([' ', '\t'])
        .map_or(line.len(), |e| r_start + e);
    let end_ms = timestamp(&line[r_start..r_end]).ok_or(if r_start == r_end {
        at_arrow
    } else {
        (r_start, r_end)
    })?;
    Ok(Timing { start_ms, end_ms })
}

/// `H…H:MM:SS,mmm`: hours of one digit or more, two-digit minutes and seconds (below 60),
/// three-digit milliseconds.
fn timestamp(t: &str) -> Option<u64> {
    let (hms, ms) = t.split_once(',')?;
    let mut parts = hms.split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let num = |p: &str, min: usize, max: usize| -> Option<u64> {
        if p.len() < min || p.len() > max || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (h, m, s, ms) = (num(h, 1, 9)?, num(m, 2, 2)?, num(s, 2, 2)?, num(ms, 3, 3)?);
    if m > 59 || s > 59 {
        return None;
    }
    Some(h * 3_600_000 + m * 60_000 + s * 1000 + ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;

    #[test]
    fn timestamps() {
        assert_eq!(timestamp("00:00:01,500"), Some(1500));
        assert_eq!(timestamp("1:02:03,004"), Some(3_723_004));
        for bad in [
            "00:00:01.500",
            "00:00:0,000",
            "00:00:01",
            "00:60:00,000",
            "00:00:1d,890",
            "",
            "a:b:c,d",
            "00:00:00,0000",
        ] {
            assert_eq!(timestamp(bad), None, "{bad}");
        }
        let t = parse_timing("00:00:01,000 --> 00:00:04,000 X1:10 X2:20").unwrap();
        assert_eq!((t.start_ms, t.end_ms), (1000, 4000));
        assert!(parse_timing("00:00:01,000-->00:00:04,000").is_ok());
        let line = "00:00:07,000 --> 00:00:11.890";
        assert_eq!(parse_timing(line), Err((17, 29)));
        assert_eq!(parse_timing(" --> "), Err((1, 4)));
        assert!(parse_timing("-->").is_err());
    }

    fn load(text: &str) -> (SourceFile, Loaded) {
        let src = SourceFile::new("ep1.srt", text);
        let l = read(&src);
        (src, l)
    }

    #[test]
    fn cues_tags_and_positions() {
        let (src, l) = load(
            "1\r\n00:00:01,000 --> 00:00:02,000\r\n{\\an8}<i>Où est</i> la <font color=\"red\">gare</font> ?\r\n\r\n\r\n00:00:03,000 --> 00:00:04,500\r\nTout droit,\r\npuis à gauche. 3 < 4\r\n",
        );
        assert!(l.findings.is_empty(), "{:?}", l.findings);
        let doc = l.document.unwrap();
        let items: Vec<_> = doc.items().collect();
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].id.as_str(), items[1].id.as_str()), ("1", "cue2"));
        assert_eq!(items[1].kind, ItemKind::Cue);
        assert_eq!(
            items[1].timing,
            Some(Timing {
                start_ms: 3000,
                end_ms: 4500
            })
        );
        assert_eq!(items[0].fields[0].text.as_str(), "Où est la gare ?");
        let t = &items[1].fields[0].text;
        assert_eq!(t.as_str(), "Tout droit,\npuis à gauche. 3 < 4");
        let i = t.as_str().find("gauche").unwrap();
        let lc = src.line_col(t.source_span(i, i + 6).start);
        assert_eq!((lc.line, lc.column), (8, 8));
        let t = &items[0].fields[0].text;
        let i = t.as_str().find("gare").unwrap();
        let lc = src.line_col(t.source_span(i, i + 4).start);
        assert_eq!((lc.line, lc.column), (3, 42));
    }

    #[test]
    fn ass_escapes() {
        let (src, l) = load("1\n00:00:01,000 --> 00:00:02,000\nUn\\hdeux\\Ntrois \\TEST\n");
        let doc = l.document.unwrap();
        let t = &doc.items().next().unwrap().fields[0].text;
        assert_eq!(t.as_str(), "Un\u{A0}deux\ntrois \\TEST");
        let i = t.as_str().find("trois").unwrap();
        assert_eq!(src.line_col(t.source_span(i, i + 5).start).column, 11);
    }

    #[test]
    fn faults() {
        let (_, l) = load(
            "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\nno timing\n\n3\n00:00:03,000 --> 00:00:04.000\nbad\n\n4\n00:00:05,000 --> 00:00:06,000\n\n5\n00:00:07,000 --> 00:00:08,000\nlast\n",
        );
        let got: Vec<(&str, u32, u32)> = l
            .findings
            .iter()
            .map(|f| (f.rule.code, f.location.start.line, f.location.start.column))
            .collect();
        assert_eq!(
            got,
            [
                ("input/parse-error", 5, 1),
                ("input/parse-error", 9, 18),
                ("input/invalid-structure", 13, 1),
            ]
        );
        let ids: Vec<String> = l.document.unwrap().items().map(|i| i.id.clone()).collect();
        assert_eq!(ids, ["1", "5"]);
    }

    #[test]
    fn empty_and_odd_files() {
        let (_, l) = load("");
        assert_eq!(l.findings[0].rule.code, "input/invalid-structure");
        for t in [
            "1",
            "some text",
            "1\nsome text",
            "some text\n00:00:00,500 --> 00:00:07,000",
            "-->",
            "{\\",
            "<",
            "1\n-->\n<i",
            "\r\r\r",
        ] {
            let _ = load(t);
        }
    }
}
