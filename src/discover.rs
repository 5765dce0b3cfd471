//! Discovering inputs: files named on the command line, and folders walked recursively
//! (gitignore- and `.ignore`-aware, hidden files skipped, files of unknown type skipped).

use std::path::{Path, PathBuf};

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
        detect(&self.path)
    }
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Every input under `paths`, sorted by display path, plus the paths that could not be read.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(format!("{}: {e}", display(p))),
            Ok(m) if m.is_file() => {
                if detect(p).is_none() {
                    errors.push(format!(
                        "{}: not a file type cefrlint reads (.yaml, .yml, .json, .gift, .txt, .vtt, .srt, .csv, .tsv, .apkg)",
                        display(p)
                    ));
                    continue;
                }
                inputs.push(Input {
                    display: display(p),
                    path: p.clone(),
                    explicit: true,
                })
            }
            Ok(_) => {
                let walker = ignore::WalkBuilder::new(p)
                    .standard_filters(true)
                    .require_git(false)
                    .sort_by_file_name(|a, b| a.cmp(b))
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
                        Err(e) => errors.push(e.to_string()),
                    }
                }
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
