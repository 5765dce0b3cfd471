//! Loading: one adapter per input format, each mapping into the document model.

pub mod anki;
pub mod archive;
mod cues;
pub mod encoding;
pub mod gift;
pub mod h5p;
pub mod html;
pub mod json;
pub mod manifest;
pub mod moodle;
pub mod native;
pub mod package;
pub mod qti;
pub mod qti1;
pub mod scorm;
pub mod srt;
pub mod table;
pub mod tree;
pub mod tree_codec;
pub mod webvtt;
pub mod xml;
pub mod yaml;

use std::path::Path;

use crate::checks::encoding as encoding_rules;
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
    /// WebVTT subtitles.
    WebVtt,
    /// SubRip subtitles.
    Srt,
    /// Moodle XML question export (`.xml` files whose root element is `<quiz>`).
    MoodleXml,
    /// An IMS QTI 2.x/3.0 item (`.xml` files whose root is `assessmentItem` or
    /// `qti-assessment-item`), or a QTI 1.2 file (root `questestinterop`).
    Qti,
    /// A zip archive (`.zip`, or an `.imscc` Common Cartridge): its lesson files and packages
    /// are read (`load::package`).
    Archive,
    /// An H5P package: an `.h5p` file or a folder with `h5p.json`.
    H5p,
    /// An IMS content package (SCORM, QTI): a folder with `imsmanifest.xml`.
    ContentPackage,
    /// A vocabulary list in CSV (`,` or `;`, sniffed from the header line).
    Csv,
    /// A vocabulary list in TSV.
    Tsv,
    /// An Anki package (`.apkg`, `.colpkg`) or collection (`.anki2`, `.anki21`, `.anki21b`).
    Anki,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::NativeYaml => "native-yaml",
            Format::NativeJson => "native-json",
            Format::Gift => "gift",
            Format::WebVtt => "webvtt",
            Format::Srt => "srt",
            Format::MoodleXml => "moodle-xml",
            Format::Qti => "qti",
            Format::Archive => "zip",
            Format::H5p => "h5p",
            Format::ContentPackage => "content-package",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Anki => "anki",
        }
    }

    /// Packages hold several sources; they are expanded by [`package::expand`], not loaded.
    pub fn is_package(self) -> bool {
        matches!(self, Format::Archive | Format::H5p | Format::ContentPackage)
    }

    /// True for formats read from their bytes ([`load_binary`]), not decoded as text.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Anki)
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
        "vtt" => Some(Format::WebVtt),
        "srt" => Some(Format::Srt),
        // Decided by the root element when loading (Moodle XML or a QTI item).
        "xml" => Some(Format::MoodleXml),
        // `.imscc`: an IMS Common Cartridge (Canvas, Moodle course exports), a zip.
        "zip" | "imscc" => Some(Format::Archive),
        "h5p" => Some(Format::H5p),
        "csv" => Some(Format::Csv),
        "tsv" => Some(Format::Tsv),
        "apkg" | "colpkg" | "anki2" | "anki21" | "anki21b" => Some(Format::Anki),
        _ => None,
    }
}

/// True when a file's name is not enough to know it is a lesson file: its content decides
/// (a `.txt` file is read only when it looks like GIFT). Such a file, found by walking a
/// folder, is skipped quietly when it is not one, even when it is not UTF-8.
///
/// An `.xml` file is read when its root element is a Moodle `<quiz>`, a QTI item or QTI 1.2's
/// `<questestinterop>`; other XML
/// (`imsmanifest.xml`, QTI tests, anything else) is not a lesson file.
pub fn content_decides(path: &Path) -> bool {
    gift::content_decides(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// What loading one file gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// `None` when the file could not be read or parsed, or is not a lesson file.
    pub document: Option<Document>,
    /// Problems met while reading (`input/*`, `metadata/*` found at load time).
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// A file that could not be read: no document, one finding saying why.
    pub fn failed(finding: Finding) -> Loaded {
        Loaded {
            document: None,
            findings: vec![finding],
        }
    }
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

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// At most this many `encoding/invalid` findings per file; the last one counts the rest.
const MAX_INVALID_FINDINGS: usize = 20;

/// Decodes a file's bytes (see [`decode_hinted`]), with no language hint.
pub fn decode(path: &str, bytes: &[u8]) -> (SourceFile, Vec<Finding>) {
    decode_hinted(path, bytes, None)
}

/// Decodes a file's bytes into a source: UTF-8 with or without byte-order mark; UTF-16 and
/// UTF-32 with one, and UTF-16 without one (recognised by its NUL bytes); otherwise a legacy
/// encoding guessed by chardetng (`lang`, the target language from the command line, helps
/// it: see [`encoding::guess_legacy`]).
///
/// Findings: `encoding/not-utf8` (info, at 1:1) when the file is not UTF-8;
/// `encoding/invalid` (error) at each byte sequence that cannot be decoded, shown as U+FFFD;
/// `input/unreadable` when the file is not text at all (NUL bytes outside UTF-16/32), in
/// which case it must not be loaded.
pub fn decode_hinted(path: &str, bytes: &[u8], lang: Option<&str>) -> (SourceFile, Vec<Finding>) {
    let d = encoding::decode_bytes(bytes, lang);
    let src = SourceFile::new(path, d.text);
    let mut findings = Vec::new();
    if let Some(at) = d.binary_at {
        findings.push(Finding::at(
            &input::UNREADABLE,
            &src,
            Span::empty(0),
            Msg::new(
                format!("not a text file: NUL byte at offset {at}, and the file is neither UTF-16 nor UTF-32"),
                format!("ce n'est pas un fichier texte : octet nul à la position {at}, et le fichier n'est ni en UTF-16 ni en UTF-32"),
            ),
        ));
        return (src, findings);
    }
    if d.encoding != "UTF-8" {
        let (how_en, how_fr) = match d.evidence {
            encoding::Evidence::Bom => (
                "with a byte-order mark",
                "avec une marque d'ordre des octets",
            ),
            encoding::Evidence::NulPattern => (
                "without byte-order mark, recognised by its NUL bytes",
                "sans marque d'ordre des octets, reconnu à ses octets nuls",
            ),
            encoding::Evidence::Language => (
                "the legacy encoding of the target language given by --lang",
                "l'encodage ancien de la langue cible donnée par --lang",
            ),
            _ => ("guessed from its letters", "deviné d'après ses lettres"),
        };
        let enc = d.encoding;
        findings.push(Finding::at(
            &encoding_rules::NOT_UTF8,
            &src,
            Span::empty(0),
            Msg::new(
                format!("the file is in {enc} ({how_en}), not UTF-8: it was decoded as {enc}"),
                format!(
                    "le fichier est en {enc} ({how_fr}), pas en UTF-8 : il a été décodé en {enc}"
                ),
            ),
        ));
    }
    let total = d.invalid.len();
    for (n, bad) in d.invalid.iter().enumerate() {
        if n == MAX_INVALID_FINDINGS {
            break;
        }
        let hex: Vec<String> = bad.bytes.iter().map(|b| format!("0x{b:02X}")).collect();
        let hex = hex.join(" ");
        let (mut en, mut fr) = (
            format!(
                "{hex} at offset {} cannot be decoded as {}: it is shown as U+FFFD (�)",
                bad.byte_offset, d.encoding
            ),
            format!(
                "{hex} à la position {} ne peut pas être décodé en {} : affiché comme U+FFFD (�)",
                bad.byte_offset, d.encoding
            ),
        );
        if n + 1 == MAX_INVALID_FINDINGS && total > MAX_INVALID_FINDINGS {
            let more = total - MAX_INVALID_FINDINGS;
            en.push_str(&format!(" ({more} more not reported)"));
            fr.push_str(&format!(" ({more} autres non signalés)"));
        }
        let at = bad.text_offset;
        findings.push(Finding::at(
            &encoding_rules::INVALID,
            &src,
            Span::new(at, at + '\u{FFFD}'.len_utf8()),
            Msg::new(en, fr),
        ));
    }
    (src, findings)
}

/// Parses a source in the given format and maps it into the model.
///
/// `explicit` is true when the user named this file: a file that is not a lesson file is then
/// reported; found while walking a folder, it is skipped quietly.
pub fn load(src: &SourceFile, format: Format, explicit: bool) -> Loaded {
    load_with(src, format, explicit, &table::Columns::default())
}

/// [`load`], with the user's mapping of table columns (`--columns`).
pub fn load_with(
    src: &SourceFile,
    format: Format,
    explicit: bool,
    columns: &table::Columns,
) -> Loaded {
    match format {
        Format::Csv | Format::Tsv => table::read(src, columns, explicit),
        // Binary: read from the file's bytes by `load_binary`, never from decoded text.
        Format::Anki => Loaded {
            document: None,
            findings: vec![Finding::at(
                &input::UNREADABLE,
                src,
                Span::empty(0),
                Msg::new(
                    "an Anki package is binary: it cannot be read from text",
                    "un paquet Anki est binaire : il ne peut pas être lu comme du texte",
                ),
            )],
        },
        Format::NativeYaml | Format::NativeJson => load_native(src, format, explicit),
        Format::WebVtt => webvtt::read(src),
        Format::Srt => srt::read(src),
        Format::MoodleXml | Format::Qti => load_xml(src, explicit),
        // Expanded into their members by `package::expand` before loading.
        Format::Archive | Format::H5p | Format::ContentPackage => Loaded::default(),
        Format::Gift => {
            if content_decides(Path::new(&*src.path)) && !gift::looks_like_gift(&src.text) {
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

/// The format of a decoded source, once its content is known: an `.xml` file whose root is a
/// QTI item is QTI, not Moodle XML (the name alone cannot tell them apart).
pub fn refine_format(format: Format, src: &SourceFile) -> Format {
    match format {
        Format::MoodleXml
            if matches!(
                xml::root_name(&src.text).map(xml::key).as_deref(),
                Some("assessmentitem" | "questestinterop")
            ) =>
        {
            Format::Qti
        }
        f => f,
    }
}

/// An `.xml` file, read by its root element: Moodle XML (`quiz`), a QTI item or QTI 1.2.
fn load_xml(src: &SourceFile, explicit: bool) -> Loaded {
    let root = xml::root_name(&src.text);
    match root.map(xml::key).as_deref() {
        Some("quiz") | Some("question") => moodle::read(src),
        Some("assessmentitem") => qti::read(src),
        Some("questestinterop") => qti1::read(src),
        _ => {
            let shown = root.unwrap_or("?");
            not_a_lesson(
                src,
                explicit,
                Span::empty(0),
                Msg::new(
                    format!("not a Moodle XML quiz or QTI item: the root element is <{shown}> (expected <quiz>, <assessmentItem>, <qti-assessment-item> or <questestinterop>)"),
                    format!("ce n'est ni un quiz Moodle XML ni un item QTI : l'élément racine est <{shown}> (<quiz>, <assessmentItem>, <qti-assessment-item> ou <questestinterop> attendu)"),
                ),
            )
        }
    }
}

/// Reads a binary format ([`Format::is_binary`]) from the file's bytes. The source returned is
/// the one findings point into: for Anki, a rendering of the collection (see [`anki`]).
pub fn load_binary(
    path: &str,
    bytes: &[u8],
    format: Format,
    columns: &table::Columns,
) -> (SourceFile, Loaded) {
    match format {
        Format::Anki => anki::read(path, bytes, columns),
        _ => {
            let (src, findings) = decode(path, bytes);
            let loaded = load_with(&src, format, true, columns);
            let mut all = findings;
            all.extend(loaded.findings);
            (
                src,
                Loaded {
                    document: loaded.document,
                    findings: all,
                },
            )
        }
    }
}

/// A field of an item from a text mapped to its source, `None` when the text is empty (the
/// adapters that build items field by field share it).
pub(crate) fn field(
    role: crate::model::Role,
    slot: usize,
    alt: usize,
    text: &crate::model::MappedText,
) -> Option<crate::model::Field> {
    if text.as_str().is_empty() {
        return None;
    }
    let span = text.source_span(0, text.as_str().len());
    Some(crate::model::Field {
        role,
        slot: slot as u32,
        alt: alt as u32,
        language: None,
        text: text.clone(),
        span,
    })
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
            return Loaded::failed(package::parse_error(src, &e));
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
