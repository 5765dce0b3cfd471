//! Loading: one adapter per input format, each mapping into the document model.

pub mod gift;
pub mod json;
pub mod native;
pub mod tree;
pub mod yaml;

use std::path::Path;

use crate::checks::input;
use crate::findings::{Finding, Msg};
use crate::model::Document;
use crate::source::{SourceFile, Span};

/// The input formats cefrlint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Native lessons in YAML.
    NativeYaml,
    /// Native lessons in JSON.
    NativeJson,
    /// Moodle's GIFT quiz format (`.gift`, and `.txt` files whose content is GIFT).
    Gift,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::NativeYaml => "native-yaml",
            Format::NativeJson => "native-json",
            Format::Gift => "gift",
        }
    }
}

/// File names that are never lessons (configuration).
const NOT_LESSONS: &[&str] = &[
    "cefrlint.yaml",
    ".cefrlint.yaml",
    "cefrlint.yml",
    ".cefrlint.yml",
];

/// The format of a path, from its name; `None` for files cefrlint does not read.
///
/// A `.txt` file is a GIFT candidate only: [`content_decides`] is true for it, and [`load`]
/// reads it when its content looks like GIFT (a folder of notes gives no finding).
pub fn detect(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?;
    if NOT_LESSONS.contains(&name) {
        return None;
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "yaml" | "yml" => Some(Format::NativeYaml),
        "json" => Some(Format::NativeJson),
        "gift" | "txt" => Some(Format::Gift),
        _ => None,
    }
}

/// True when a file's name is not enough to know it is a lesson file: its content decides
/// (a `.txt` file is read only when it looks like GIFT). Such a file, found by walking a
/// folder, is skipped quietly when it is not one, even when it is not UTF-8.
pub fn content_decides(path: &Path) -> bool {
    gift::content_decides(path)
}

/// What loading one file gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// `None` when the file could not be read or parsed, or is not a lesson file.
    pub document: Option<Document>,
    /// Problems met while reading (`input/*`, `metadata/*` found at load time).
    pub findings: Vec<Finding>,
}

/// Collects findings at spans of one source.
pub struct Problems<'a> {
    src: &'a SourceFile,
    findings: Vec<Finding>,
}

impl<'a> Problems<'a> {
    pub fn new(src: &'a SourceFile) -> Self {
        Problems {
            src,
            findings: Vec::new(),
        }
    }

    pub fn push(&mut self, rule: &'static crate::checks::RuleInfo, span: Span, msg: Msg) {
        self.findings.push(Finding::at(rule, self.src, span, msg));
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// Decodes a file's bytes: UTF-8, with or without BOM. Invalid bytes give an
/// `input/unreadable` finding at the first of them, and the text decoded lossily.
pub fn decode(path: &str, bytes: &[u8]) -> (SourceFile, Option<Finding>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(path, text), None),
        Err(e) => {
            let at = e.valid_up_to();
            let src = SourceFile::new(path, String::from_utf8_lossy(bytes).into_owned());
            let f = Finding::at(
                &input::UNREADABLE,
                &src,
                Span::new(at, at + 1),
                Msg::new(
                    format!(
                        "the file is not valid UTF-8 (byte 0x{:02X} at offset {at})",
                        bytes[at]
                    ),
                    format!(
                        "le fichier n'est pas en UTF-8 valide (octet 0x{:02X} à la position {at})",
                        bytes[at]
                    ),
                ),
            );
            (src, Some(f))
        }
    }
}

/// Parses a source in the given format and maps it into the model.
///
/// `explicit` is true when the user named this file: a file that is not a lesson file is then
/// reported; found while walking a folder, it is skipped quietly.
pub fn load(src: &SourceFile, format: Format, explicit: bool) -> Loaded {
    match format {
        Format::NativeYaml | Format::NativeJson => load_native(src, format, explicit),
        Format::Gift => {
            if content_decides(Path::new(&src.path)) && !gift::looks_like_gift(&src.text) {
                return not_a_lesson(
                    src,
                    explicit,
                    Span::empty(0),
                    Msg::new(
                        "not a GIFT file: no question with an answer block such as `{=answer ~wrong}`, no `::title::` (.txt files are read as GIFT only)",
                        "ce n'est pas un fichier GIFT : aucune question avec un bloc de réponses comme `{=réponse ~fausse}`, aucun `::titre::` (les fichiers .txt ne sont lus que comme du GIFT)",
                    ),
                );
            }
            gift::read(src)
        }
    }
}

/// A file that is not a lesson file: reported when named, skipped quietly when walked.
fn not_a_lesson(src: &SourceFile, explicit: bool, span: Span, msg: Msg) -> Loaded {
    if !explicit {
        return Loaded::default();
    }
    Loaded {
        document: None,
        findings: vec![Finding::at(&input::INVALID_STRUCTURE, src, span, msg)],
    }
}

/// The native format: YAML or JSON parsed into a spanned tree, then read as lessons.
fn load_native(src: &SourceFile, format: Format, explicit: bool) -> Loaded {
    let parsed = match format {
        Format::NativeJson => json::parse(&src.text),
        _ => yaml::parse(&src.text).map(|d| d.root),
    };
    let root = match parsed {
        Ok(root) => root,
        Err(e) => {
            let mut at = e.offset.min(src.text.len());
            // Parsers notice a tab after it; point at the tab itself.
            if e.message.contains("tab") {
                if let Some(t) = src.text[at..].find('\t').filter(|t| *t < 200) {
                    at += t;
                }
            }
            let end = src.text[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8());
            let f = Finding::at(
                &input::PARSE_ERROR,
                src,
                Span::new(at, end),
                Msg::new(
                    format!("cannot parse the file: {}", e.message),
                    format!("impossible d'analyser le fichier : {}", e.message),
                ),
            );
            return Loaded {
                document: None,
                findings: vec![f],
            };
        }
    };
    match root {
        Some(root) if native::is_lesson_root(&root) => native::read(src, &root),
        other => not_a_lesson(
            src,
            explicit,
            other
                .map(|r| Span::new(r.span.start, r.span.start))
                .unwrap_or_default(),
            Msg::new(
                "not a lesson file: expected a mapping with `lessons` or `items` (see docs/native-format.md)",
                "ce n'est pas un fichier de leçon : un dictionnaire avec `lessons` ou `items` est attendu (voir docs/native-format.md)",
            ),
        ),
    }
}
