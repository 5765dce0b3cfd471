//! Discovering inputs: files named on the command line, and folders walked recursively
//! (gitignore- and `.ignore`-aware, hidden files skipped, files of unknown type skipped).

use std::path::{Path, PathBuf};

use crate::findings::Msg;
use crate::load::{detect, Format};

/// One input to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as shown in reports (forward slashes).
    pub display: String,
    pub path: PathBuf,
    /// Named on the command line (not found by walking a folder).
    pub explicit: bool,
}

impl Input {
    pub fn format(&self) -> Option<Format> {
        if self.path.is_dir() {
            return crate::load::package::dir_kind(&self.path);
        }
        detect(&self.path)
    }
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The folder of `imsmanifest.xml` or `h5p.json`, when `p` is one of them.
fn package_marker(p: &Path) -> Option<PathBuf> {
    let name = p.file_name()?.to_str()?;
    if !matches!(name, "imsmanifest.xml" | "h5p.json") {
        return None;
    }
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(dir.to_path_buf())
}

/// Every input under `paths`, sorted by display path, plus the paths that could not be read.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Msg>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(Msg::new(
                format!("{}: {e}", display(p)),
                format!("{} : {}", display(p), crate::cli::io_error_fr(&e)),
            )),
            // A package's marker file named on the command line stands for its folder.
            Ok(m) if m.is_file() && package_marker(p).is_some() => {
                let dir = package_marker(p).unwrap_or_else(|| PathBuf::from("."));
                inputs.push(Input {
                    display: display(&dir),
                    path: dir,
                    explicit: true,
                })
            }
            Ok(m) if m.is_file() => {
                if detect(p).is_none() {
                    errors.push(Msg::new(
                        format!(
                            "{}: not a file type cefrlint reads (.yaml, .yml, .json, .gift, .txt, .vtt, .srt, .xml, .zip, .h5p, .csv, .tsv, .apkg)",
                            display(p)
                        ),
                        format!(
                            "{} : cefrlint ne lit pas ce type de fichier (.yaml, .yml, .json, .gift, .txt, .vtt, .srt, .xml, .zip, .h5p, .csv, .tsv, .apkg)",
                            display(p)
                        ),
                    ));
                    continue;
                }
                inputs.push(Input {
                    display: display(p),
                    path: p.clone(),
                    explicit: true,
                })
            }
            // A package folder (H5P, SCORM, QTI) is one input.
            Ok(_) if crate::load::package::dir_kind(p).is_some() => inputs.push(Input {
                display: display(p).trim_end_matches('/').to_string(),
                path: p.clone(),
                explicit: true,
            }),
            Ok(_) => {
                // Package folders met while walking are one input each, not walked into.
                let packages = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
                let found = packages.clone();
                let walker = ignore::WalkBuilder::new(p)
                    .standard_filters(true)
                    .require_git(false)
                    .sort_by_file_name(|a, b| a.cmp(b))
                    .filter_entry(move |e| {
                        let package = e.depth() > 0
                            && e.file_type().is_some_and(|t| t.is_dir())
                            && crate::load::package::dir_kind(e.path()).is_some();
                        if package {
                            if let Ok(mut v) = found.lock() {
                                v.push(e.path().to_path_buf());
                            }
                        }
                        !package
                    })
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e) => {
                            if e.file_type().is_some_and(|t| t.is_file())
                                && detect(e.path()).is_some()
                            {
                                inputs.push(Input {
                                    display: display(e.path()),
                                    path: e.path().to_path_buf(),
                                    explicit: false,
                                });
                            }
                        }
                        Err(e) => errors.push(Msg::new(
                            e.to_string(),
                            format!("parcours impossible : {e}"),
                        )),
                    }
                }
                let found: Vec<PathBuf> = packages
                    .lock()
                    .map(|mut v| std::mem::take(&mut *v))
                    .unwrap_or_default();
                inputs.extend(found.into_iter().map(|path| Input {
                    display: display(&path),
                    path,
                    explicit: false,
                }));
            }
        }
    }
    inputs.sort();
    // A file both named and found in a walked folder counts as named.
    inputs.dedup_by(|later, kept| {
        let same = later.display == kept.display;
        if same {
            kept.explicit |= later.explicit;
        }
        same
    });
    (inputs, errors)
}
