//! Baselines: `--write-baseline FILE` records today's findings, `--baseline FILE` hides them.
//!
//! A finding is recorded by a fingerprint made of its rule code, its file, the id of its item
//! (or, for a lesson or file finding, nothing more) and the offending text, normalised. Line
//! numbers are left out, so that edits elsewhere in the file do not change it. Fingerprints
//! are counted (a multiset): two identical findings need a count of 2. `input/*` findings are
//! never recorded nor hidden: an unreadable input always makes the exit code 2. The file
//! format is described in docs/baseline.md.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Report;
use crate::findings::{EvidenceKind, Finding};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// What applying a baseline did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings hidden because the baseline records them.
    pub suppressed: usize,
    /// Baseline entries (counted with multiplicity) that matched no finding: fixed since.
    pub unmatched: usize,
}

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub tool: String,
    pub entries: Vec<Entry>,
}

/// One recorded finding (with its count when it occurs several times).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub item: Option<String>,
    /// The normalised offending text the fingerprint was made from (for people).
    pub text: String,
    pub fingerprint: String,
    pub count: usize,
}

/// Lowercase, whitespace runs collapsed to one space, trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The text a finding is about: its first word, structure or declared value, else its
/// English message without digits (a score or a line number changes with unrelated edits).
pub fn offending_text(f: &Finding) -> String {
    match f.evidence.first() {
        Some(e) if e.kind != EvidenceKind::Measure => normalise(&e.text),
        _ => normalise(
            &f.message
                .en
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect::<String>(),
        ),
    }
}

/// 64-bit FNV-1a: small, stable across platforms and versions (unlike `DefaultHasher`).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The fingerprint of a finding: 16 hex digits.
pub fn fingerprint(f: &Finding) -> String {
    let text = offending_text(f);
    format!(
        "{:016x}",
        fnv1a(&[
            f.rule.code,
            &f.location.file,
            f.item.as_deref().unwrap_or(""),
            &text
        ])
    )
}

fn recordable(f: &Finding) -> bool {
    f.rule.category() != "input"
}

/// The baseline recording a report's findings (input errors excepted).
pub fn record(report: &Report) -> Baseline {
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for f in report.findings.iter().filter(recordable) {
        let fp = fingerprint(&f);
        entries
            .entry(fp.clone())
            .and_modify(|e| e.count += 1)
            .or_insert_with(|| Entry {
                file: f.location.file.to_string(),
                rule: f.rule.code.to_string(),
                item: f.item.clone(),
                text: offending_text(&f),
                fingerprint: fp,
                count: 1,
            });
    }
    let mut entries: Vec<Entry> = entries.into_values().collect();
    entries.sort();
    Baseline {
        version: VERSION,
        tool: "cefrlint".into(),
        entries,
    }
}

impl Baseline {
    /// The file's text: pretty JSON, entries sorted, a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file; the error names the file.
    pub fn load(path: &Path) -> Result<Baseline, crate::findings::Msg> {
        use crate::findings::Msg;
        let p = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Msg::new(
                format!("{p}: {e}"),
                format!("{p} : {}", crate::cli::io_error_fr(&e)),
            )
        })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            let (l, c) = (e.line(), e.column());
            Msg::new(
                format!("{p}:{l}:{c}: not a cefrlint baseline: {e}"),
                format!("{p}:{l}:{c} : ce n'est pas un fichier de référence de cefrlint (JSON invalide ou champ inattendu)"),
            )
        })?;
        if b.version != VERSION {
            return Err(Msg::new(
                format!(
                    "{p}: baseline version {} is not supported (expected {VERSION})",
                    b.version
                ),
                format!(
                    "{p} : la version {} du fichier de référence n'est pas prise en charge (attendu : {VERSION})",
                    b.version
                ),
            ));
        }
        Ok(b)
    }

    /// Removes from `report` the findings this baseline records, each entry hiding at most
    /// `count` findings; updates the per-file counts and records the outcome in the report.
    pub fn apply(&self, report: &mut Report) {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.entries {
            *left.entry(&e.fingerprint).or_default() += e.count;
        }
        let mut suppressed = 0;
        // Read in output order and written again without the hidden ones.
        report.findings = report.findings.filtered(|f| {
            if !recordable(f) {
                return true;
            }
            match left.get_mut(fingerprint(f).as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    suppressed += 1;
                    false
                }
                _ => true,
            }
        });
        for s in &mut report.files {
            s.findings = report.findings.count_of(&s.path);
        }
        report.baseline = Some(Outcome {
            suppressed,
            unmatched: left.values().sum(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_collapses_space_and_case() {
        assert_eq!(normalise("  Had the\n  Council "), "had the council");
    }

    fn word_finding(file: &str, line: u32, item: &str, word: &str) -> Finding {
        let rule = crate::checks::all()
            .iter()
            .find(|r| r.code == "vocabulary/above-level")
            .unwrap();
        let mut location = crate::source::Location {
            file: std::sync::Arc::from(file),
            ..Default::default()
        };
        location.start.line = line;
        location.end.line = line;
        Finding::new(rule, location, crate::findings::Msg::new(word, word))
            .with_item(item)
            .with_evidence(vec![crate::findings::Evidence {
                kind: EvidenceKind::Word,
                text: word.to_string(),
                localized: None,
                level: None,
                detail: None,
                location: None,
            }])
    }

    #[test]
    fn identical_findings_are_counted_as_a_multiset() {
        let twice = Report {
            findings: vec![
                word_finding("a.yaml", 3, "t1", "Perennial"),
                word_finding("a.yaml", 9, "t1", "perennial"),
            ]
            .into(),
            ..Report::default()
        };
        let b = record(&twice);
        assert_eq!(b.entries.len(), 1);
        assert_eq!(b.entries[0].count, 2);
        assert_eq!(b.entries[0].text, "perennial");
        // A baseline that recorded it once hides one of the two.
        let mut once = b.clone();
        once.entries[0].count = 1;
        let mut report = Report {
            findings: twice.findings.iter().collect::<Vec<_>>().into(),
            ..Report::default()
        };
        once.apply(&mut report);
        assert_eq!(report.findings.len(), 1);
        assert_eq!(
            report.baseline,
            Some(Outcome {
                suppressed: 1,
                unmatched: 0
            })
        );
        // The full baseline hides both; a third occurrence would be new.
        let mut report = Report {
            findings: vec![
                word_finding("a.yaml", 1, "t1", "perennial"),
                word_finding("a.yaml", 5, "t1", "perennial"),
                word_finding("a.yaml", 7, "t1", "perennial"),
            ]
            .into(),
            ..Report::default()
        };
        b.apply(&mut report);
        assert_eq!(report.findings.len(), 1);
        // Another item or another file is another finding.
        let other = word_finding("a.yaml", 3, "t2", "perennial");
        let moved = word_finding("b.yaml", 3, "t1", "perennial");
        let fp = fingerprint(&twice.findings.iter().next().unwrap());
        assert_ne!(fingerprint(&other), fp);
        assert_ne!(fingerprint(&moved), fp);
    }

    #[test]
    fn fnv_is_stable_and_separates_parts() {
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
