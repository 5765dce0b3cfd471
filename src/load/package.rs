//! Packages: one input (a zip, an `.h5p` file, an H5P folder, a SCORM or QTI package) that
//! holds several sources. Each source becomes a [`Unit`], handed to the caller one at a time
//! (so that only one member's bytes and model are alive at once), in a fixed order: the
//! archive's own findings first, then members and sub-packages sorted by name.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::archive::{self, Archive, Budget};
use super::{detect, Format, Loaded};
use crate::checks::input;
use crate::findings::{Finding, Msg};
use crate::source::SourceFile;

/// One source found in a package.
pub enum Unit {
    /// A member to decode and load as if it were a file found in a folder.
    File {
        display: String,
        bytes: Vec<u8>,
        format: Format,
    },
    /// A source a package reader has already loaded (or only findings, with an empty text).
    Loaded {
        src: SourceFile,
        loaded: Loaded,
        format: &'static str,
    },
}

impl Unit {
    /// Findings with no model, at `display` (an archive, a member that could not be read).
    pub fn findings(display: &str, format: &'static str, findings: Vec<Finding>) -> Unit {
        Unit::Loaded {
            src: SourceFile::new(display, ""),
            loaded: Loaded {
                document: None,
                findings,
            },
            format,
        }
    }
}

/// Files of a package, by their `/`-separated names relative to the package root.
pub trait Tree {
    /// The display path of a file (`pkg.zip!/a/b.html`, `folder/a/b.html`).
    fn display(&self, name: &str) -> String;
    fn has(&self, name: &str) -> bool;
    /// The file's bytes, or the finding (at the file) saying why it cannot be read.
    fn read(&mut self, name: &str) -> Result<Vec<u8>, Box<Finding>>;
}

/// A package stored in a folder (an extracted H5P or SCORM package).
pub struct DirTree {
    root: PathBuf,
    display: String,
}

impl DirTree {
    pub fn new(root: &Path, display: &str) -> Self {
        DirTree {
            root: root.to_path_buf(),
            display: display.trim_end_matches('/').to_string(),
        }
    }

    /// The file's path, when it stays inside the package folder (symbolic links included).
    fn path(&self, name: &str) -> Option<PathBuf> {
        if archive::unsafe_name(name).is_some() || name.is_empty() {
            return None;
        }
        let path = self.root.join(name);
        match (path.canonicalize(), self.root.canonicalize()) {
            (Ok(p), Ok(root)) if !p.starts_with(&root) => None,
            _ => Some(path),
        }
    }
}

impl Tree for DirTree {
    fn display(&self, name: &str) -> String {
        format!("{}/{name}", self.display)
    }

    fn has(&self, name: &str) -> bool {
        archive::unsafe_name(name).is_none() && !name.is_empty() && self.root.join(name).is_file()
    }

    fn read(&mut self, name: &str) -> Result<Vec<u8>, Box<Finding>> {
        let shown = self.display(name);
        let fail =
            |en: String, fr: String| archive::refused(&shown, &input::UNREADABLE, Msg::new(en, fr));
        let Some(path) = self.path(name) else {
            return Err(archive::refused(
                &shown,
                &input::UNSAFE_ARCHIVE,
                Msg::new(
                    "the package refers to a file outside its folder: it is not read",
                    "le paquet renvoie à un fichier hors de son dossier : il n'est pas lu",
                ),
            ));
        };
        let file = std::fs::File::open(&path).map_err(|e| {
            fail(
                format!("cannot read the file: {e}"),
                format!("impossible de lire le fichier : {e}"),
            )
        })?;
        let mut out = Vec::new();
        file.take(archive::MAX_MEMBER_SIZE + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                fail(
                    format!("cannot read the file: {e}"),
                    format!("impossible de lire le fichier : {e}"),
                )
            })?;
        if out.len() as u64 > archive::MAX_MEMBER_SIZE {
            return Err(fail(
                format!(
                    "the file is larger than {} MiB: it is not read",
                    archive::MAX_MEMBER_SIZE >> 20
                ),
                format!(
                    "le fichier dépasse {} Mio : il n'est pas lu",
                    archive::MAX_MEMBER_SIZE >> 20
                ),
            ));
        }
        Ok(out)
    }
}

/// A package inside an archive, possibly in a sub-folder of it (`prefix`, ending in `/`).
pub struct ZipTree<'a> {
    pub archive: &'a mut Archive,
    pub budget: &'a mut Budget,
    pub prefix: String,
}

impl Tree for ZipTree<'_> {
    fn display(&self, name: &str) -> String {
        self.archive
            .member_display(&format!("{}{name}", self.prefix))
    }

    fn has(&self, name: &str) -> bool {
        self.archive.has(&format!("{}{name}", self.prefix))
    }

    fn read(&mut self, name: &str) -> Result<Vec<u8>, Box<Finding>> {
        let full = format!("{}{name}", self.prefix);
        if archive::unsafe_name(&full).is_some() {
            return Err(archive::refused(
                &self.archive.member_display(&full),
                &input::UNSAFE_ARCHIVE,
                Msg::new(
                    "the package refers to a file outside the archive: it is not read",
                    "le paquet renvoie à un fichier hors de l'archive : il n'est pas lu",
                ),
            ));
        }
        self.archive.read(&full, self.budget)
    }
}

/// The kind of package a folder holds: H5P (`h5p.json`) or IMS content package
/// (`imsmanifest.xml`: SCORM, QTI).
pub fn dir_kind(dir: &Path) -> Option<Format> {
    if dir.join("h5p.json").is_file() {
        Some(Format::H5p)
    } else if dir.join("imsmanifest.xml").is_file() {
        Some(Format::ContentPackage)
    } else {
        None
    }
}

/// Reads a package root with the reader its marker file calls for.
fn read_root(kind: Format, tree: &mut dyn Tree, sink: &mut dyn FnMut(Unit)) {
    match kind {
        Format::H5p => super::h5p::read_package(tree, sink),
        _ => super::manifest::read_package(tree, sink),
    }
}

/// Expands one input into its units, handed to `sink` in order.
pub fn expand(
    path: &Path,
    display: &str,
    format: Format,
    explicit: bool,
    sink: &mut dyn FnMut(Unit),
) {
    if path.is_dir() {
        let mut tree = DirTree::new(path, display);
        read_root(format, &mut tree, sink);
        return;
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            sink(Unit::findings(
                display,
                format.as_str(),
                vec![archive::finding_at(
                    display,
                    &input::UNREADABLE,
                    Msg::new(
                        format!("cannot read the file: {e}"),
                        format!("impossible de lire le fichier : {e}"),
                    ),
                )],
            ));
            return;
        }
    };
    let reader = Box::new(std::io::BufReader::new(file));
    let mut budget = Budget::default();
    match Archive::open(reader, display, 0) {
        Ok((a, findings)) => expand_archive(
            a,
            findings,
            &mut budget,
            explicit,
            format == Format::H5p,
            sink,
        ),
        Err(f) => sink(Unit::findings(display, format.as_str(), vec![*f])),
    }
}

/// One piece of an archive's work, sorted by name.
enum Work {
    Root(String, Format),
    Nested(String),
    Member(String, Format),
}

impl Work {
    fn key(&self) -> &str {
        match self {
            Work::Root(p, _) | Work::Nested(p) | Work::Member(p, _) => p,
        }
    }
}

/// Expands an open archive: a package at its root or in sub-folders, loose lesson files,
/// nested archives.
pub fn expand_archive(
    mut a: Archive,
    findings: Vec<Finding>,
    budget: &mut Budget,
    explicit: bool,
    must_be_h5p: bool,
    sink: &mut dyn FnMut(Unit),
) {
    let format_name = if must_be_h5p { "h5p" } else { "zip" };
    let mut emitted = false;
    if !findings.is_empty() {
        sink(Unit::findings(&a.display, format_name, findings));
        emitted = true;
    }
    // Package roots: folders holding `h5p.json` or `imsmanifest.xml`, outermost first.
    let mut roots: Vec<(String, Format)> = Vec::new();
    for n in &a.names {
        let (dir, marker) = match n.rfind('/') {
            Some(i) => (&n[..=i], &n[i + 1..]),
            None => ("", n.as_str()),
        };
        let kind = match marker {
            "h5p.json" => Format::H5p,
            "imsmanifest.xml" => Format::ContentPackage,
            _ => continue,
        };
        if roots.iter().any(|(r, _)| dir.starts_with(r.as_str())) {
            continue;
        }
        roots.retain(|(r, _)| !r.starts_with(dir));
        roots.push((dir.to_string(), kind));
    }
    if must_be_h5p && !roots.iter().any(|(r, k)| r.is_empty() && *k == Format::H5p) {
        sink(Unit::findings(
            &a.display,
            format_name,
            vec![archive::finding_at(
                &a.display,
                &input::INVALID_STRUCTURE,
                Msg::new(
                    "not an H5P package: the archive has no `h5p.json` at its root",
                    "ce n'est pas un paquet H5P : l'archive n'a pas de `h5p.json` à sa racine",
                ),
            )],
        ));
        emitted = true;
    }
    let mut work: Vec<Work> = roots
        .iter()
        .map(|(r, k)| Work::Root(r.clone(), *k))
        .collect();
    for n in &a.names {
        if roots.iter().any(|(r, _)| n.starts_with(r.as_str())) {
            continue;
        }
        if archive::is_archive_name(n) {
            work.push(Work::Nested(n.clone()));
        } else if let Some(f) = detect(Path::new(n)).filter(|f| !f.is_package()) {
            work.push(Work::Member(n.clone(), f));
        }
    }
    work.sort_by(|x, y| x.key().cmp(y.key()));
    for w in work {
        emitted = true;
        match w {
            Work::Root(prefix, kind) => {
                let mut tree = ZipTree {
                    archive: &mut a,
                    budget,
                    prefix,
                };
                read_root(kind, &mut tree, sink);
            }
            Work::Nested(name) => match a.open_nested(&name, budget) {
                Ok((inner, f)) => {
                    let h5p = name.to_ascii_lowercase().ends_with(".h5p");
                    expand_archive(inner, f, budget, false, h5p, sink)
                }
                Err(f) => sink(Unit::findings(&a.member_display(&name), "zip", vec![*f])),
            },
            Work::Member(name, format) => match a.read(&name, budget) {
                Ok(bytes) => sink(Unit::File {
                    display: a.member_display(&name),
                    bytes,
                    format,
                }),
                Err(f) => sink(Unit::findings(
                    &a.member_display(&name),
                    format.as_str(),
                    vec![*f],
                )),
            },
        }
    }
    if explicit && !emitted {
        sink(Unit::findings(
            &a.display,
            format_name,
            vec![archive::finding_at(
                &a.display,
                &input::INVALID_STRUCTURE,
                Msg::new(
                    "the archive holds no file cefrlint reads (lessons, H5P, SCORM or QTI packages)",
                    "l'archive ne contient aucun fichier que cefrlint lit (leçons, paquets H5P, SCORM ou QTI)",
                ),
            )],
        ));
    }
}

/// Reads and decodes one file of a package. When it cannot be read, or is not text, the
/// findings go to `sink` as a unit and `None` is returned.
pub fn decode_member(
    tree: &mut dyn Tree,
    name: &str,
    format: &'static str,
    sink: &mut dyn FnMut(Unit),
) -> Option<(SourceFile, Vec<Finding>)> {
    let shown = tree.display(name);
    let bytes = match tree.read(name) {
        Ok(b) => b,
        Err(f) => {
            sink(Unit::findings(&shown, format, vec![*f]));
            return None;
        }
    };
    let (src, findings) = super::decode(&shown, &bytes);
    drop(bytes);
    if findings.iter().any(|f| f.rule.code == "input/unreadable") {
        sink(Unit::Loaded {
            src,
            loaded: Loaded {
                document: None,
                findings,
            },
            format,
        });
        return None;
    }
    Some((src, findings))
}

/// `input/parse-error` for a syntax error of a JSON or YAML source, pointing at the character
/// where the parser stopped (at a tab it noticed after it), with its reason in both languages.
pub fn parse_error(src: &SourceFile, e: &super::tree::SyntaxError) -> Finding {
    let at = e.offset.min(src.text.len());
    let mut at = (0..=at)
        .rev()
        .find(|i| src.text.is_char_boundary(*i))
        .unwrap_or(0);
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
    Finding::at(
        &input::PARSE_ERROR,
        src,
        crate::source::Span::new(at, end),
        Msg::new(
            format!("cannot parse the file: {}", e.message),
            format!("impossible d'analyser le fichier : {}", e.message_fr()),
        ),
    )
}
