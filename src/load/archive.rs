//! Zip archives (`.zip`, `.h5p`, SCORM and QTI packages), read in memory and never
//! extracted to disk.
//!
//! An archive is opened on its file (seeking, not reading it whole); a member is read only
//! when a reader asks for it, through a `take()` capped by the limits below, and its bytes
//! are dropped once decoded. Members whose names could escape a folder if the archive were
//! extracted (`../x`, `/etc/passwd`, `C:\x`) are refused with `input/unsafe-archive` and
//! never read; so are members that inflate too much (zip bombs), archives with too many
//! entries, and archives nested too deep. The other members are still read.
//!
//! A member's display path is `archive.zip!/member/path`; a nested archive's members are
//! `outer.zip!/inner.zip!/x.json`.

use std::io::{Read, Seek};

use zip::ZipArchive;

use crate::checks::input;
use crate::findings::{Finding, Msg};
use crate::source::{SourceFile, Span};

/// At most this many entries (files and folders) are looked at in one archive; the rest are
/// reported once and ignored.
pub const MAX_ENTRIES: usize = 10_000;
/// An archive whose directory declares more entries than this is not opened at all (its
/// directory alone would take much memory).
pub const MAX_DIRECTORY: usize = 100_000;
/// At most this many bytes are inflated from one member.
pub const MAX_MEMBER_SIZE: u64 = 32 << 20;
/// At most this many bytes are inflated from one archive on disk, nested archives included.
pub const MAX_TOTAL_SIZE: u64 = 512 << 20;
/// A member that inflates to more than this many times its compressed size is a zip bomb...
pub const MAX_RATIO: u64 = 200;
/// ...once it has inflated to more than this (small members may compress very well).
pub const RATIO_FLOOR: u64 = 1 << 20;
/// Archives inside archives: `outer.zip!/inner.zip` is depth 1; deeper than this is refused.
pub const MAX_DEPTH: usize = 3;

/// Something an archive can be read from.
pub trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

/// How many bytes may still be inflated from one archive on disk (shared with the archives
/// nested in it).
#[derive(Debug)]
pub struct Budget {
    pub remaining: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            remaining: MAX_TOTAL_SIZE,
        }
    }
}

/// An open archive: its safe member names, sorted, and the problems found in its directory.
pub struct Archive {
    zip: ZipArchive<Box<dyn ReadSeek>>,
    /// The archive's display path (`course.zip`, `outer.zip!/inner.zip`).
    pub display: String,
    /// 0 for an archive on disk, 1 for an archive inside it, and so on.
    pub depth: usize,
    /// The names of the file members that are safe to read, sorted.
    pub names: Vec<String>,
}

/// A finding at the start of a file with no text (an archive, a member that was not read).
pub fn finding_at(path: &str, rule: &'static crate::checks::RuleInfo, msg: Msg) -> Finding {
    let src = SourceFile::new(path, "");
    Finding::at(rule, &src, Span::empty(0), msg)
}

/// A finding for a `Result`'s error side (boxed: findings are large and errors rare).
pub fn refused(path: &str, rule: &'static crate::checks::RuleInfo, msg: Msg) -> Box<Finding> {
    Box::new(finding_at(path, rule, msg))
}

fn unsafe_finding(path: &str, en: String, fr: String) -> Finding {
    finding_at(
        path,
        &crate::checks::input::UNSAFE_ARCHIVE,
        Msg::new(en, fr),
    )
}

/// Why a member name is refused: it is absolute, has a drive letter, or climbs out with `..`.
pub fn unsafe_name(name: &str) -> Option<(&'static str, &'static str)> {
    let n = name.replace('\\', "/");
    let b = n.as_bytes();
    if n.starts_with('/') {
        return Some(("an absolute path", "un chemin absolu"));
    }
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return Some(("a drive letter", "une lettre de lecteur"));
    }
    if n.split('/').any(|c| c == "..") {
        return Some(("a `..` component", "un composant `..`"));
    }
    if n.contains('\0') || n.split('/').any(|c| c.contains(':')) {
        return Some((
            "a character no file name may hold (`:` or NUL)",
            "un caractère interdit dans un nom de fichier (`:` ou NUL)",
        ));
    }
    None
}

impl Archive {
    /// Opens an archive. `Err` holds the finding when it is not a readable zip at all.
    /// The findings returned with it are for members refused (unsafe names, too many entries).
    pub fn open(
        mut reader: Box<dyn ReadSeek>,
        display: &str,
        depth: usize,
    ) -> Result<(Archive, Vec<Finding>), Box<Finding>> {
        // The zip reader loads the whole central directory: refuse a huge one before.
        if let Some(n) = declared_entries(&mut reader).filter(|n| *n > MAX_DIRECTORY as u64) {
            return Err(Box::new(unsafe_finding(
                display,
                format!(
                    "the archive declares {n} entries, more than {MAX_DIRECTORY}: it is not read"
                ),
                format!(
                    "l'archive déclare {n} entrées, plus de {MAX_DIRECTORY} : elle n'est pas lue"
                ),
            )));
        }
        let zip = ZipArchive::new(reader).map_err(|e| {
            refused(
                display,
                &input::UNREADABLE,
                Msg::new(
                    format!("not a readable zip archive: {e}"),
                    format!("ce n'est pas une archive zip lisible : {e}"),
                ),
            )
        })?;
        let mut findings = Vec::new();
        let total = zip.len();
        if total > MAX_ENTRIES {
            findings.push(unsafe_finding(
                display,
                format!("the archive has {total} entries: only the first {MAX_ENTRIES} are read"),
                format!(
                    "l'archive a {total} entrées : seules les {MAX_ENTRIES} premières sont lues"
                ),
            ));
        }
        let mut names = Vec::new();
        for i in 0..total.min(MAX_ENTRIES) {
            let Some(name) = zip.name_for_index(i) else {
                continue;
            };
            if let Some((en, fr)) = unsafe_name(name) {
                findings.push(unsafe_finding(
                    display,
                    format!("member `{name}` is refused: its name has {en}, which could write outside the folder it is extracted to"),
                    format!("le membre « {name} » est refusé : son nom contient {fr}, qui pourrait écrire hors du dossier où l'archive est extraite"),
                ));
                continue;
            }
            if name.ends_with('/') || name.ends_with('\\') {
                continue;
            }
            names.push(name.to_string());
        }
        names.sort();
        names.dedup();
        Ok((
            Archive {
                zip,
                display: display.to_string(),
                depth,
                names,
            },
            findings,
        ))
    }

    /// The display path of a member.
    pub fn member_display(&self, name: &str) -> String {
        format!("{}!/{name}", self.display)
    }

    pub fn has(&self, name: &str) -> bool {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    }

    /// Reads one member in memory, within the limits. `Err` is the finding (at the member)
    /// when it cannot be read or breaks a limit.
    pub fn read(&mut self, name: &str, budget: &mut Budget) -> Result<Vec<u8>, Box<Finding>> {
        let shown = self.member_display(name);
        if !self.has(name) {
            return Err(refused(
                &shown,
                &input::UNREADABLE,
                Msg::new(
                    "no such member in the archive",
                    "ce membre n'existe pas dans l'archive",
                ),
            ));
        }
        let unreadable = |e: &dyn std::fmt::Display| {
            refused(
                &shown,
                &input::UNREADABLE,
                Msg::new(
                    format!("cannot read this member of the archive: {e}"),
                    format!("impossible de lire ce membre de l'archive : {e}"),
                ),
            )
        };
        let cap = MAX_MEMBER_SIZE.min(budget.remaining);
        // The output is allocated before the decompressor's buffers, which are freed when
        // the member is read: allocated after them, it splits the heap and the memory used
        // grows with the number of archives (glibc).
        let (compressed, size) = {
            let meta = self.zip.by_name(name).map_err(|e| unreadable(&e))?;
            if meta.encrypted() {
                return Err(unreadable(&"it is encrypted"));
            }
            (meta.compressed_size().max(1), meta.size())
        };
        let mut out = Vec::with_capacity(size.min(cap).min(1 << 20) as usize);
        let file = self.zip.by_name(name).map_err(|e| unreadable(&e))?;
        let mut limited = file.take(cap + 1);
        let mut buf = [0u8; 64 * 1024];
        loop {
            let n = match limited.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(unreadable(&e)),
            };
            out.extend_from_slice(&buf[..n]);
            let len = out.len() as u64;
            if len > RATIO_FLOOR && len / compressed > MAX_RATIO {
                return Err(Box::new(unsafe_finding(
                    &shown,
                    format!("this member inflates more than {MAX_RATIO} times its compressed size ({compressed} bytes): a zip bomb; it is not read"),
                    format!("ce membre se décompresse à plus de {MAX_RATIO} fois sa taille compressée ({compressed} octets) : une bombe zip ; il n'est pas lu"),
                )));
            }
            if len > cap {
                budget.remaining = budget.remaining.saturating_sub(len);
                return Err(Box::new(if cap < MAX_MEMBER_SIZE {
                    unsafe_finding(
                        &shown,
                        format!("the archive inflates to more than {} MiB in all: this member and the rest are not read", MAX_TOTAL_SIZE >> 20),
                        format!("l'archive se décompresse en plus de {} Mio au total : ce membre et les suivants ne sont pas lus", MAX_TOTAL_SIZE >> 20),
                    )
                } else {
                    unsafe_finding(
                        &shown,
                        format!(
                            "this member inflates to more than {} MiB: it is not read",
                            MAX_MEMBER_SIZE >> 20
                        ),
                        format!(
                            "ce membre se décompresse en plus de {} Mio : il n'est pas lu",
                            MAX_MEMBER_SIZE >> 20
                        ),
                    )
                }));
            }
        }
        budget.remaining = budget.remaining.saturating_sub(out.len() as u64);
        Ok(out)
    }

    /// Opens a member that is itself an archive, when the nesting depth allows it.
    pub fn open_nested(
        &mut self,
        name: &str,
        budget: &mut Budget,
    ) -> Result<(Archive, Vec<Finding>), Box<Finding>> {
        let shown = self.member_display(name);
        if self.depth + 1 > MAX_DEPTH {
            return Err(Box::new(unsafe_finding(
                &shown,
                format!("archives are nested more than {MAX_DEPTH} deep: this one is not read"),
                format!("les archives sont imbriquées sur plus de {MAX_DEPTH} niveaux : celle-ci n'est pas lue"),
            )));
        }
        let bytes = self.read(name, budget)?;
        Archive::open(
            Box::new(std::io::Cursor::new(bytes)),
            &shown,
            self.depth + 1,
        )
    }
}

/// The number of entries an archive's end-of-central-directory record declares (zip64
/// included), read from the end of the file without loading the directory. `None` when it
/// cannot be found (the zip reader then reports the archive as unreadable).
fn declared_entries(r: &mut Box<dyn ReadSeek>) -> Option<u64> {
    use std::io::SeekFrom;
    let len = r.seek(SeekFrom::End(0)).ok()?;
    let tail_len = len.min(22 + 65_535);
    r.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = vec![0u8; tail_len as usize];
    r.read_exact(&mut tail).ok()?;
    r.seek(SeekFrom::Start(0)).ok()?;
    let eocd = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let rec = tail.get(eocd..eocd + 22)?;
    let total = u16::from_le_bytes([rec[10], rec[11]]);
    if total != 0xFFFF {
        return Some(u64::from(total));
    }
    // Zip64: the locator just before the record gives the zip64 record's offset.
    let loc = tail.get(eocd.checked_sub(20)?..eocd)?;
    if &loc[..4] != b"PK\x06\x07" {
        return None;
    }
    let at = u64::from_le_bytes(loc[8..16].try_into().ok()?);
    let mut rec64 = [0u8; 56];
    r.seek(SeekFrom::Start(at)).ok()?;
    let ok = r.read_exact(&mut rec64).is_ok() && &rec64[..4] == b"PK\x06\x06";
    r.seek(SeekFrom::Start(0)).ok()?;
    ok.then(|| u64::from_le_bytes(rec64[32..40].try_into().unwrap_or([0; 8])))
}

/// True for member names that are archives cefrlint opens (`.zip`, `.h5p`).
pub fn is_archive_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".zip") || lower.ends_with(".h5p") || lower.ends_with(".imscc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_zip64_directory_is_refused_before_loading() {
        let mut b = Vec::new();
        let mut rec64 = vec![0u8; 56];
        rec64[..4].copy_from_slice(b"PK\x06\x06");
        rec64[32..40].copy_from_slice(&200_000u64.to_le_bytes());
        b.extend(&rec64);
        let mut loc = vec![0u8; 20];
        loc[..4].copy_from_slice(b"PK\x06\x07");
        b.extend(&loc); // zip64 record at offset 0
        let mut eocd = vec![0u8; 22];
        eocd[..4].copy_from_slice(b"PK\x05\x06");
        eocd[10..12].copy_from_slice(&0xFFFFu16.to_le_bytes());
        b.extend(&eocd);
        let mut r: Box<dyn ReadSeek> = Box::new(std::io::Cursor::new(b.clone()));
        assert_eq!(declared_entries(&mut r), Some(200_000));
        let err = Archive::open(Box::new(std::io::Cursor::new(b)), "big.zip", 0)
            .err()
            .unwrap();
        assert_eq!(err.rule.code, "input/unsafe-archive");
        assert!(err.message.en.contains("200000 entries"));
    }

    #[test]
    fn entries_are_counted_from_the_end_record() {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for n in ["a", "b", "c"] {
            w.start_file(n, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(b"x").unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        let mut r: Box<dyn ReadSeek> = Box::new(std::io::Cursor::new(bytes));
        assert_eq!(declared_entries(&mut r), Some(3));
        let (a, f) = Archive::open(r, "small.zip", 0).ok().unwrap();
        assert_eq!(a.names, ["a", "b", "c"]);
        assert!(f.is_empty());
    }

    #[test]
    fn unsafe_names_are_recognised() {
        assert!(unsafe_name("../evil").is_some());
        assert!(unsafe_name("a/../../evil").is_some());
        assert!(unsafe_name("a\\..\\evil").is_some());
        assert!(unsafe_name("/etc/passwd").is_some());
        assert!(unsafe_name("\\etc\\passwd").is_some());
        assert!(unsafe_name("C:\\x").is_some());
        assert!(unsafe_name("c:/x").is_some());
        assert!(unsafe_name("content/content.json").is_none());
        assert!(unsafe_name("a..b/c.json").is_none());
    }
}
