//! `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and SARIF viewers.
//!
//! Hand-written structures for the part of the format cefrlint fills (serde-sarif does not
//! build on its own). Choices (docs/sarif-output.md):
//! - columns count UTF-16 code units, SARIF's default unit (`columnKind: utf16CodeUnits`,
//!   said explicitly), which every SARIF consumer understands; the other formats count
//!   Unicode code points, and the two differ only after an astral character (an emoji) on
//!   the same line;
//! - `artifactLocation.uri` is the path as cefrlint shows it, relative, `%`-escaped; an
//!   archive member keeps the `archive.zip!/member/path` form in results (the form every
//!   cefrlint output uses); `run.artifacts` describes it as SARIF's nested artifact: the
//!   archive a top-level artifact, the member's `location.uri` its path in the archive
//!   (`/member/path`) with `parentIndex` naming the archive. A member's result does not
//!   give `index`, as its `uri` and the nested artifact's are not the same reference.
//! - `run.language` is the interface language of the messages.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::json::Lazy;
use super::Report;
use crate::checks::RuleInfo;
use crate::findings::{Finding, Locale, Severity};

#[derive(Serialize)]
#[serde(bound(serialize = "Lazy<R>: Serialize"))]
struct Log<'a, R> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a, R>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase", bound(serialize = "Lazy<R>: Serialize"))]
struct Run<'a, R> {
    tool: Tool,
    invocations: [Invocation; 1],
    language: &'static str,
    column_kind: &'static str,
    artifacts: Vec<Artifact>,
    results: Lazy<R>,
    #[serde(skip)]
    _p: std::marker::PhantomData<&'a ()>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip)]
    _p: std::marker::PhantomData<&'a ()>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

/// A column in UTF-16 code units; a location made without its text (0) keeps its character
/// column.
fn utf16_column(utf16: u32, column: u32) -> u32 {
    if utf16 > 0 {
        utf16
    } else {
        column.max(1)
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a display path: bytes outside the unreserved set, `/` and `!`
/// are `%`-escaped (so `:` in a first segment cannot pass for a scheme); an absolute path
/// becomes a `file://` URI.
pub fn uri(path: &str) -> String {
    if path.starts_with('/') {
        format!("file://{}", escape(path))
    } else {
        escape(path)
    }
}

/// `path` with the bytes outside the unreserved set, `/` and `!` `%`-escaped.
fn escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'!' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The first paragraph of a rule's explanation, headings left out, on one line.
fn first_paragraph(explanation: &str) -> String {
    explanation
        .split("\n\n")
        .map(|p| {
            p.lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::split_whitespace)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .find(|p| !p.is_empty())
        .unwrap_or_default()
}

fn rule(r: &RuleInfo, locale: Locale) -> Rule {
    let explanation = r.explanation(locale);
    Rule {
        id: r.code,
        short_description: Text {
            text: r.summary(locale).to_string(),
        },
        full_description: Text {
            text: first_paragraph(&explanation),
        },
        help: Help {
            text: explanation.clone(),
            markdown: explanation,
        },
        default_configuration: Configuration {
            level: level(r.severity),
        },
    }
}

/// The container and member of an `archive.zip!/member` path, split at the last `!/` (a
/// member of a nested archive has the nested archive as its container).
fn split_member(path: &str) -> Option<(&str, &str)> {
    path.rfind("!/").map(|i| (&path[..i], &path[i + 2..]))
}

/// The artifact of `path` in `artifacts`, added (with its containers) when missing.
fn artifact(
    path: &str,
    artifacts: &mut Vec<Artifact>,
    index: &mut BTreeMap<String, usize>,
) -> usize {
    if let Some(&i) = index.get(path) {
        return i;
    }
    let (location, parent) = match split_member(path) {
        Some((container, member)) => {
            let parent = artifact(container, artifacts, index);
            // SARIF 2.1.0 §3.24.2: a nested artifact's uri is its path in the container,
            // beginning with `/`.
            (format!("/{}", escape(member)), Some(parent))
        }
        None => (uri(path), None),
    };
    artifacts.push(Artifact {
        location: ArtifactLocation {
            uri: location,
            index: None,
        },
        parent_index: parent,
    });
    index.insert(path.to_string(), artifacts.len() - 1);
    artifacts.len() - 1
}

pub fn write(report: &Report, locale: Locale, w: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<&'static RuleInfo> = crate::checks::all().to_vec();
    let index: BTreeMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    // Artifacts: every file in the report, archives before their members.
    let mut artifacts: Vec<Artifact> = Vec::new();
    let mut artifact_index: BTreeMap<String, usize> = BTreeMap::new();
    let paths = report
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(report.findings.paths().map(|(p, _)| p));
    for path in paths {
        artifact(path, &mut artifacts, &mut artifact_index);
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut result = |f: &Finding| {
        let l = &f.location;
        let fp = super::baseline::fingerprint(f);
        let n = seen.entry(fp.clone()).or_default();
        *n += 1;
        ResultOut {
            rule_id: f.rule.code,
            rule_index: index.get(f.rule.code).copied().unwrap_or(0),
            level: level(f.severity),
            message: Text {
                text: f.message.get(locale).to_string(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri(&l.file),
                        index: if split_member(&l.file).is_some() {
                            None
                        } else {
                            artifact_index.get(&*l.file).copied()
                        },
                    },
                    region: Region {
                        start_line: l.start.line.max(1),
                        start_column: utf16_column(l.utf16.start, l.start.column),
                        end_line: l.end.line.max(l.start.line).max(1),
                        end_column: utf16_column(l.utf16.end, l.end.column),
                    },
                },
            }],
            partial_fingerprints: BTreeMap::from([("cefrlint/v1", format!("{fp}:{n}"))]),
            _p: std::marker::PhantomData,
        }
    };
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "cefrlint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://crates.io/crates/cefrlint",
                    rules: rules.iter().map(|r| rule(r, locale)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: report
                    .errors
                    .iter()
                    .map(|e| Notification {
                        level: "error",
                        message: Text {
                            text: e.get(locale).to_string(),
                        },
                    })
                    .collect(),
            }],
            language: match locale {
                Locale::En => "en",
                Locale::Fr => "fr",
            },
            column_kind: "utf16CodeUnits",
            artifacts,
            results: Lazy::new(report.findings.iter().map(|f| result(&f))),
            _p: std::marker::PhantomData,
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_escaped_and_relative() {
        assert_eq!(uri("lessons/a b.yaml"), "lessons/a%20b.yaml");
        assert_eq!(uri("c.zip!/x/é.json"), "c.zip!/x/%C3%A9.json");
        assert_eq!(uri("a:b.yaml"), "a%3Ab.yaml");
        assert_eq!(uri("100%.yaml"), "100%25.yaml");
        assert_eq!(uri("/abs/x.yaml"), "file:///abs/x.yaml");
    }

    #[test]
    fn archive_members_are_nested_artifacts() {
        assert_eq!(split_member("c.zip!/x/y.json"), Some(("c.zip", "x/y.json")));
        assert_eq!(
            split_member("c.zip!/in.zip!/y.json"),
            Some(("c.zip!/in.zip", "y.json"))
        );
        assert_eq!(split_member("plain.yaml"), None);
        let (mut a, mut i) = (Vec::new(), BTreeMap::new());
        let y = artifact("c.zip!/in.zip!/y é.json", &mut a, &mut i);
        assert_eq!(y, 2);
        assert_eq!(a[0].location.uri, "c.zip");
        assert_eq!(
            (a[1].location.uri.as_str(), a[1].parent_index),
            ("/in.zip", Some(0))
        );
        assert_eq!(
            (a[2].location.uri.as_str(), a[2].parent_index),
            ("/y%20%C3%A9.json", Some(1))
        );
        assert_eq!(artifact("c.zip", &mut a, &mut i), 0);
        assert_eq!(artifact("other.yaml", &mut a, &mut i), 3);
    }
}
