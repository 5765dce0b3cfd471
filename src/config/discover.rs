//! Finding the configuration of each checked file: the nearest `cefrlint.yaml` (or
//! `.cefrlint.yaml`, `cefrlint.yml`, `.cefrlint.yml`) in its folder or a parent folder, or the
//! one named with `--config`. Configurations do not merge: the nearest one is the whole
//! configuration of the files below it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::{Config, ConfigError};
use crate::discover::Input;
use crate::findings::Msg;

/// The names a configuration file may have (two in one folder is an error).
pub const CONFIG_NAMES: &[&str] = &[
    "cefrlint.yaml",
    ".cefrlint.yaml",
    "cefrlint.yml",
    ".cefrlint.yml",
];

/// Where the configuration comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// No configuration (library default, `--no-config`).
    #[default]
    Off,
    /// The nearest configuration file of each checked file.
    Discover,
    /// This file, for every checked file.
    File(PathBuf),
}

/// The configuration of each input, in input order (`None`: no configuration).
#[derive(Debug, Default)]
pub struct Resolved {
    pub per_input: Vec<Option<Arc<Config>>>,
    /// Every configuration used, in the order first met.
    pub configs: Vec<Arc<Config>>,
}

/// `path` made absolute and without `.` or `..` (lexically: symbolic links are not
/// followed, the way a user reads the path).
pub fn normalize(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as shown to the user: relative to the current folder when under it.
pub fn shown(path: &Path) -> String {
    let abs = normalize(path);
    let cwd = std::env::current_dir().map(|d| normalize(&d)).ok();
    match cwd.as_deref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(r) if r.as_os_str().is_empty() => ".".to_string(),
        Some(r) => r.to_string_lossy().replace('\\', "/"),
        None => abs.to_string_lossy().replace('\\', "/"),
    }
}

/// Looks configurations up and reads each one once.
#[derive(Default)]
pub struct Finder {
    by_dir: HashMap<PathBuf, Option<Arc<Config>>>,
    by_file: HashMap<PathBuf, Arc<Config>>,
    pub configs: Vec<Arc<Config>>,
    pub errors: Vec<ConfigError>,
    failed: Vec<PathBuf>,
}

impl Finder {
    /// Reads (once) the configuration file at `path`.
    pub fn load(&mut self, path: &Path) -> Option<Arc<Config>> {
        let abs = normalize(path);
        if let Some(c) = self.by_file.get(&abs) {
            return Some(c.clone());
        }
        if self.failed.contains(&abs) {
            return None;
        }
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        match super::parse::read(&abs, &shown(&abs), &dir) {
            Ok(c) => {
                let c = Arc::new(c);
                self.by_file.insert(abs, c.clone());
                self.configs.push(c.clone());
                Some(c)
            }
            Err(e) => {
                self.failed.push(abs);
                self.errors.push(e);
                None
            }
        }
    }

    /// The configuration file in `dir` itself, if any.
    fn in_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        let found: Vec<PathBuf> = CONFIG_NAMES
            .iter()
            .map(|n| dir.join(n))
            .filter(|p| p.is_file())
            .collect();
        if found.len() > 1 {
            let names: Vec<String> = found.iter().map(|p| shown(p)).collect();
            let list = names.join(", ");
            if !self.failed.contains(&found[0]) {
                self.failed.push(found[0].clone());
                self.errors.push(ConfigError {
                    file: names[0].clone(),
                    line: 0,
                    column: 0,
                    message: Msg::new(
                        format!("several configuration files in one folder ({list}): keep one"),
                        format!("plusieurs fichiers de configuration dans un même dossier ({list}) : n'en gardez qu'un"),
                    ),
                });
            }
            return None;
        }
        found.into_iter().next()
    }

    /// The nearest configuration of a folder: its own, or its parent's.
    pub fn for_dir(&mut self, dir: &Path) -> Option<Arc<Config>> {
        let dir = normalize(dir);
        if let Some(c) = self.by_dir.get(&dir) {
            return c.clone();
        }
        let found = match self.in_dir(&dir) {
            Some(file) => self.load(&file),
            None => match dir.parent() {
                Some(parent) if parent != dir => self.for_dir(parent),
                _ => None,
            },
        };
        self.by_dir.insert(dir, found.clone());
        found
    }

    /// The configuration of a checked path (a file: from its folder; a folder: from itself).
    pub fn for_path(&mut self, path: &Path) -> Option<Arc<Config>> {
        let abs = normalize(path);
        if abs.is_dir() {
            self.for_dir(&abs)
        } else {
            let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
            self.for_dir(&dir)
        }
    }
}

/// The configuration of every input. Fails with every configuration that could not be read:
/// nothing is checked with a half-read configuration.
pub fn resolve(inputs: &[Input], mode: &Mode) -> Result<Resolved, Vec<ConfigError>> {
    let mut finder = Finder::default();
    let per_input: Vec<Option<Arc<Config>>> = match mode {
        Mode::Off => vec![None; inputs.len()],
        Mode::File(f) => {
            let c = finder.load(f);
            vec![c; inputs.len()]
        }
        Mode::Discover => inputs.iter().map(|i| finder.for_path(&i.path)).collect(),
    };
    if !finder.errors.is_empty() {
        return Err(finder.errors);
    }
    Ok(Resolved {
        per_input,
        configs: finder.configs,
    })
}
