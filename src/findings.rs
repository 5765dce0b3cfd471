//! Findings: what cefrlint reports, each with its rule, location and evidence.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::checks::RuleInfo;
use crate::model::Level;
use crate::source::{Location, SourceFile, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity's name in the interface language (`avertissement`).
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (s, Locale::En) => s.as_str(),
            (Severity::Error, Locale::Fr) => "erreur",
            (Severity::Warning, Locale::Fr) => "avertissement",
            (Severity::Info, Locale::Fr) => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!("unknown severity `{s}` (info, warning, error)")),
        }
    }
}

/// The language of the interface (messages, explanations, reports).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    /// `fr`, `fr_FR.UTF-8`, `fr-CA` → French; anything else → English.
    pub fn parse(s: &str) -> Locale {
        let s = s.trim().to_ascii_lowercase();
        if s == "fr" || s.starts_with("fr_") || s.starts_with("fr-") || s.starts_with("fr.") {
            Locale::Fr
        } else {
            Locale::En
        }
    }

    /// From `LC_ALL`, `LC_MESSAGES` or `LANG`, the first one set and not empty.
    pub fn from_env() -> Locale {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return Locale::parse(&v);
                }
            }
        }
        Locale::En
    }
}

/// A message in every interface language.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    pub en: String,
    pub fr: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Msg {
            en: en.into(),
            fr: fr.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.en,
            Locale::Fr => &self.fr,
        }
    }
}

/// What a piece of evidence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceKind {
    /// A word or expression with its lexicon level.
    Word,
    /// A grammar structure matched in the text.
    Structure,
    /// A declared value (a level, a language) as written in the file.
    Declared,
    /// A measured value (an estimated level, a count).
    Measure,
    /// Another place the finding refers to (the first occurrence of a duplicate, the
    /// subject a key must agree with), possibly in another file.
    Related,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Word => "word",
            EvidenceKind::Structure => "structure",
            EvidenceKind::Declared => "declared",
            EvidenceKind::Measure => "measure",
            EvidenceKind::Related => "related",
        }
    }
}

/// One thing that supports a finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The text as it stands in the source (a word, the matched structure, a value).
    pub text: String,
    /// For evidence that is a sentence rather than source text (a measure): its wording in
    /// every interface language; `text` then holds the English.
    pub localized: Option<Msg>,
    pub level: Option<Level>,
    /// Lemma and list for a word (`go (cefrj)`), rule id for a structure.
    pub detail: Option<String>,
    pub location: Option<Location>,
}

impl Evidence {
    /// The evidence's text in the interface language.
    pub fn text(&self, locale: Locale) -> &str {
        self.localized
            .as_ref()
            .map_or(&self.text, |m| m.get(locale))
    }
}

/// One problem found in the input.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static RuleInfo,
    pub severity: Severity,
    pub location: Location,
    /// The id of the item the finding is about, when there is one.
    pub item: Option<String>,
    pub message: Msg,
    pub evidence: Vec<Evidence>,
    /// The source lines the finding covers (at most a few), for renderers that show them.
    pub context: Option<Context>,
    /// The source lines of evidence found outside `context` (the words of a lesson-level
    /// verdict), one entry per evidence line, in evidence order; for the HTML report.
    pub evidence_context: Vec<Context>,
}

/// Source lines around a finding: `text` holds whole lines, the first being `first_line`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    pub first_line: u32,
    pub text: String,
}

impl Context {
    /// The text of source line `line` (without its line break), when this context holds it.
    pub fn line(&self, line: u32) -> Option<&str> {
        let i = line.checked_sub(self.first_line)? as usize;
        self.text
            .split_inclusive('\n')
            .nth(i)
            .map(|l| l.trim_end_matches('\n'))
    }

    /// At most `MAX_LINES` whole lines covering the location.
    pub fn of(src: &SourceFile, loc: &Location) -> Context {
        const MAX_LINES: u32 = 4;
        let last = loc
            .end
            .line
            .min(loc.start.line + MAX_LINES - 1)
            .max(loc.start.line);
        let mut text = String::new();
        for l in loc.start.line..=last {
            text.push_str(src.line_text(l));
            text.push('\n');
        }
        Context {
            first_line: loc.start.line,
            text,
        }
    }
}

impl Finding {
    /// A finding at `span` of `src`, with its context lines.
    pub fn at(rule: &'static RuleInfo, src: &SourceFile, span: Span, message: Msg) -> Self {
        let location = src.location(span);
        let context = Some(Context::of(src, &location));
        Finding {
            context,
            ..Finding::new(rule, location, message)
        }
    }

    pub fn new(rule: &'static RuleInfo, location: Location, message: Msg) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            location,
            item: None,
            message,
            evidence: Vec::new(),
            context: None,
            evidence_context: Vec::new(),
        }
    }

    pub fn with_item(mut self, item: impl Into<String>) -> Self {
        self.item = Some(item.into());
        self
    }

    pub fn with_evidence(mut self, evidence: Vec<Evidence>) -> Self {
        self.evidence = evidence;
        self
    }

    /// Keeps the source lines of the evidence that `context` does not show (evidence in
    /// `src` only).
    pub fn add_evidence_context(&mut self, src: &SourceFile) {
        for e in &self.evidence {
            let Some(loc) = &e.location else { continue };
            if loc.file != src.path || self.shows_line(loc.start.line) {
                continue;
            }
            self.evidence_context.push(Context::of(src, loc));
        }
    }

    /// True when `context` or `evidence_context` holds source line `line`.
    pub fn shows_line(&self, line: u32) -> bool {
        self.context
            .iter()
            .chain(&self.evidence_context)
            .any(|c| c.line(line).is_some())
    }

    /// The order of findings in every output: by file, position, then rule and message.
    pub fn output_order(a: &Finding, b: &Finding) -> Ordering {
        a.location
            .file
            .cmp(&b.location.file)
            .then(a.location.span.start.cmp(&b.location.span.start))
            .then(a.location.span.end.cmp(&b.location.span.end))
            .then(a.rule.code.cmp(b.rule.code))
            .then(a.item.cmp(&b.item))
            .then(a.message.en.cmp(&b.message.en))
    }
}
