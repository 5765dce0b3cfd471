//! Project configuration: `cefrlint.yaml` (docs/configuration.md).
//!
//! A configuration is found from each checked file upward (the nearest one wins; they do
//! not merge), or named with `--config`. It selects rules, overrides severities and
//! thresholds, maps paths to a language and level, lists allowed words, and suppresses
//! findings by item. [`parse`] reads one file (errors carry line:column), [`discover`]
//! finds it, [`selector`] decides which rules run, [`apply`] applies it to one file's
//! findings, [`suppress`] reads `# cefrlint: ignore[...]` comments, [`show`] prints it.

pub mod apply;
pub mod discover;
pub mod parse;
pub mod selector;
pub mod show;
pub mod suppress;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::findings::{Locale, Msg, Severity};
use crate::model::{Lang, Level};
use crate::source::{SourceFile, Span};

pub use discover::{resolve, Mode, Resolved, CONFIG_NAMES};
pub use selector::Selector;

/// A configuration file that could not be read: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as shown to the user.
    pub file: String,
    /// 1-based; 0 when the error is about the whole file (it cannot be opened).
    pub line: u32,
    pub column: u32,
    pub message: Msg,
}

impl ConfigError {
    pub fn localized(&self, locale: Locale) -> String {
        if self.line == 0 {
            format!("{}: {}", self.file, self.message.get(locale))
        } else {
            format!(
                "{}:{}:{}: {}",
                self.file,
                self.line,
                self.column,
                self.message.get(locale)
            )
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Locale::En))
    }
}

/// A value read from the configuration, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// Per-family thresholds (`level-threshold`): `None` keeps the general one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Thresholds {
    pub all: Option<Spanned<i32>>,
    pub vocabulary: Option<Spanned<i32>>,
    pub grammar: Option<Spanned<i32>>,
    pub level: Option<Spanned<i32>>,
}

/// One `paths:` entry: files matching `glob` get what they do not declare.
#[derive(Clone, Debug)]
pub struct PathRule {
    pub glob: Spanned<String>,
    pub matcher: globset::GlobMatcher,
    /// The glob has no `/`: it matches the file's name in any folder.
    pub by_name: bool,
    pub lang: Option<Spanned<Lang>>,
    pub support_lang: Option<Spanned<Lang>>,
    pub level: Option<Spanned<Level>>,
    pub span: Span,
}

/// One `ignore-items:` entry: findings of the named items of matching files are dropped.
#[derive(Clone, Debug)]
pub struct IgnoreItems {
    pub glob: Spanned<String>,
    pub matcher: globset::GlobMatcher,
    pub by_name: bool,
    pub items: Vec<Spanned<String>>,
    /// Empty: every rule.
    pub rules: Vec<Spanned<Selector>>,
    pub span: Span,
}

/// An allowed word and where it was listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowWord {
    pub word: String,
    /// `file:line:column` of the word.
    pub origin: String,
}

/// One configuration file, read and checked.
#[derive(Debug)]
pub struct Config {
    /// The file, as shown to the user.
    pub display: String,
    /// Its folder, absolute: globs and file names in it are relative to it.
    pub dir: PathBuf,
    pub src: Arc<SourceFile>,
    /// `None`: every rule.
    pub select: Option<Vec<Spanned<Selector>>>,
    pub ignore: Vec<Spanned<Selector>>,
    pub severity: Vec<(Spanned<Selector>, Spanned<Severity>)>,
    pub thresholds: Thresholds,
    pub paths: Vec<PathRule>,
    /// From `allow-words` then `allow-words-file`, in order, without duplicates.
    pub allow_words: Vec<AllowWord>,
    /// The same words, with the custom dictionary's, shared by the settings of every file.
    pub allowed: Arc<[String]>,
    /// `allowed` in lower case, as the spelling check reads it (built once, not per file).
    pub allowed_lower: Arc<rustc_hash::FxHashSet<String>>,
    pub allow_words_file: Option<Spanned<PathBuf>>,
    pub dictionary: Option<Spanned<PathBuf>>,
    pub ignore_items: Vec<IgnoreItems>,
}

impl Config {
    /// `file:line:column` of a span of this file.
    pub fn origin(&self, span: Span) -> String {
        let lc = self.src.line_col(span.start);
        format!("{}:{}:{}", self.display, lc.line, lc.column)
    }

    /// Whether a glob entry matches a file (given as an absolute, normalised path).
    pub(crate) fn glob_matches(
        &self,
        matcher: &globset::GlobMatcher,
        by_name: bool,
        file: &Path,
    ) -> bool {
        if by_name {
            return file.file_name().is_some_and(|n| matcher.is_match(n));
        }
        file.strip_prefix(&self.dir)
            .is_ok_and(|rel| matcher.is_match(rel))
    }
}

/// `config/unused-suppression` for every `ignore-items` name whose item was checked (in a
/// file its glob matches) and had nothing to suppress in any of them. `uses` gives, for each
/// input index, what [`apply::FileConfig::apply`] returned.
pub fn unused_ignore_items(
    resolved: &Resolved,
    uses: &[(usize, &[apply::IgnoreUse])],
) -> Vec<crate::findings::Finding> {
    use std::collections::BTreeMap;
    // (config index, entry, item) → used somewhere.
    let mut seen: BTreeMap<(usize, usize, usize), bool> = BTreeMap::new();
    for (input, list) in uses {
        let Some(Some(c)) = resolved.per_input.get(*input) else {
            continue;
        };
        let Some(ci) = resolved.configs.iter().position(|x| Arc::ptr_eq(x, c)) else {
            continue;
        };
        for u in *list {
            *seen.entry((ci, u.entry, u.item)).or_default() |= u.used;
        }
    }
    let mut out = Vec::new();
    for ((ci, e, i), used) in seen {
        if used {
            continue;
        }
        let c = &resolved.configs[ci];
        let name = &c.ignore_items[e].items[i];
        let mut f = crate::findings::Finding::at(
            &suppress::UNUSED_SUPPRESSION,
            &c.src,
            name.span,
            Msg::new(
                format!("`ignore-items`: item `{}` was checked and has nothing to suppress: remove it", name.value),
                format!("`ignore-items` : l'item « {} » a été vérifié et n'a rien à supprimer : retirez-le", name.value),
            ),
        )
        .with_item(name.value.clone());
        if apply::select(c, &mut f) {
            out.push(f);
        }
    }
    out
}
