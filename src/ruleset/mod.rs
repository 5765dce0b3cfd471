//! Rule sets as data: graded lexicons, word classes, grammar rules and estimator weights for
//! each language, under `rules/<lang>/`. Embedded in the binary at build time; `--rules DIR`
//! uses a folder of the same shape instead. Only the languages present in the input are
//! loaded, each once, on first use.

pub mod dictionary;
pub mod error;
pub mod grammar;
pub mod lexicon;
pub mod lexicon_image;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

pub use error::{RuleError, RuleErrors};

use crate::analyse::estimate::EstimatorConfig;
use crate::analyse::grammar::Grammar;
use crate::source::SourceFile;
use lexicon::Lexicon;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// Where rule files come from.
#[derive(Clone, Debug)]
pub enum RuleSource {
    Embedded,
    Dir(PathBuf),
}

impl RuleSource {
    /// Reads `rel` (such as `en/lexicon.tsv`); `Ok(None)` when there is no such file.
    pub fn read(&self, rel: &str) -> Result<Option<SourceFile>, RuleError> {
        match self {
            RuleSource::Embedded => Ok(embedded::FILES
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(p, text)| SourceFile::new(format!("rules/{p}"), *text))),
            RuleSource::Dir(dir) => {
                let path = dir.join(rel);
                let shown = path.display().to_string();
                match std::fs::read(&path) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => Ok(Some(SourceFile::new(
                            shown,
                            text.trim_start_matches('\u{feff}'),
                        ))),
                        Err(e) => Err(RuleError {
                            file: shown,
                            line: 1,
                            column: 1,
                            message: format!("not valid UTF-8: {e}"),
                        }),
                    },
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(RuleError {
                        file: shown,
                        line: 1,
                        column: 1,
                        message: format!("cannot read: {e}"),
                    }),
                }
            }
        }
    }

    /// Languages with a rule set (a folder with a `lexicon.tsv` or `grammar.yaml`).
    pub fn languages(&self) -> Vec<String> {
        let mut langs: Vec<String> = match self {
            RuleSource::Embedded => embedded::FILES
                .iter()
                .filter_map(|(p, _)| {
                    let (lang, file) = p.split_once('/')?;
                    (file == "grammar.yaml").then(|| lang.to_string())
                })
                .chain(embedded::LEXICONS.iter().map(|(l, _)| l.to_string()))
                .collect(),
            RuleSource::Dir(dir) => std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| {
                    e.path().join("lexicon.tsv").exists() || e.path().join("grammar.yaml").exists()
                })
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .collect(),
        };
        langs.sort();
        langs.dedup();
        langs
    }

    /// The lexicon of `lang` embedded at build time (`None` for a folder, or a language
    /// without one).
    pub fn embedded_lexicon(&self, lang: &str) -> Option<Lexicon> {
        match self {
            RuleSource::Embedded => embedded::LEXICONS
                .iter()
                .find(|(l, _)| *l == lang)
                .and_then(|(_, bytes)| Lexicon::from_image(std::borrow::Cow::Borrowed(*bytes))),
            RuleSource::Dir(_) => None,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            RuleSource::Embedded => "embedded".into(),
            RuleSource::Dir(d) => d.display().to_string(),
        }
    }
}

/// Everything cefrlint knows about one language.
#[derive(Debug)]
pub struct LangRules {
    pub lang: String,
    pub lexicon: Lexicon,
    pub grammar: Grammar,
    pub estimator: EstimatorConfig,
}

impl LangRules {
    /// Loads and validates one language's rule set, reporting every error found.
    pub fn load(source: &RuleSource, lang: &str) -> Result<LangRules, RuleErrors> {
        let mut errors = Vec::new();
        let mut read = |rel: String| match source.read(&rel) {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let embedded = source.embedded_lexicon(lang);
        let (lex_src, forms_src) = if embedded.is_some() {
            (None, None)
        } else {
            (
                read(format!("{lang}/lexicon.tsv")),
                read(format!("{lang}/forms.tsv")),
            )
        };
        let classes_src = read(format!("{lang}/classes.yaml"));
        let grammar_src = read(format!("{lang}/grammar.yaml"));
        let est_src =
            read(format!("{lang}/estimator.yaml")).or_else(|| read("estimator.yaml".into()));

        let lexicon = match (&lex_src, embedded) {
            (_, Some(l)) => l,
            (Some(l), None) => Lexicon::parse(l, forms_src.as_ref()).unwrap_or_else(|e| {
                errors.extend(e);
                Lexicon::default()
            }),
            (None, None) => Lexicon::default(),
        };
        let classes = match &classes_src {
            Some(c) => grammar::parse_classes(c, lang).unwrap_or_else(|e| {
                errors.extend(e);
                grammar::Classes::default()
            }),
            None => grammar::Classes::default(),
        };
        let rules = match &grammar_src {
            Some(g) => grammar::parse_grammar(g, lang, &classes).unwrap_or_else(|e| {
                errors.extend(e);
                Vec::new()
            }),
            None => Vec::new(),
        };
        let estimator = match &est_src {
            Some(e) => EstimatorConfig::parse(e).unwrap_or_else(|e| {
                errors.extend(e);
                EstimatorConfig::default()
            }),
            None => EstimatorConfig::default(),
        };
        if !errors.is_empty() {
            errors.sort();
            errors.dedup();
            return Err(RuleErrors(errors));
        }
        let grammar = Grammar::new(rules, &classes).map_err(|e| {
            RuleErrors(vec![RuleError {
                file: format!("{lang}/grammar.yaml"),
                line: 1,
                column: 1,
                message: format!("the rule set is too large to compile: {e}"),
            }])
        })?;
        Ok(LangRules {
            lang: lang.to_string(),
            lexicon,
            grammar,
            estimator,
        })
    }
}

type Slot = Arc<OnceLock<Result<Arc<LangRules>, RuleErrors>>>;

/// Rule sets loaded lazily, once per language, shared by all worker threads.
pub struct RuleSets {
    pub source: RuleSource,
    available: Vec<String>,
    cache: Mutex<FxHashMap<String, Slot>>,
}

impl RuleSets {
    pub fn new(source: RuleSource) -> Self {
        let available = source.languages();
        RuleSets {
            source,
            available,
            cache: Mutex::new(FxHashMap::default()),
        }
    }

    pub fn embedded() -> Self {
        RuleSets::new(RuleSource::Embedded)
    }

    pub fn from_dir(dir: &Path) -> Self {
        RuleSets::new(RuleSource::Dir(dir.to_path_buf()))
    }

    pub fn languages(&self) -> &[String] {
        &self.available
    }

    /// The rule set of `lang`: `None` when there is none, `Some(Err)` when it is broken.
    pub fn get(&self, lang: &str) -> Option<Result<Arc<LangRules>, RuleErrors>> {
        if !self.available.iter().any(|l| l == lang) {
            return None;
        }
        let slot = {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            // Looked up before inserting: no key allocated per item.
            match cache.get(lang) {
                Some(s) => s.clone(),
                None => cache.entry(lang.to_string()).or_default().clone(),
            }
        };
        Some(
            slot.get_or_init(|| LangRules::load(&self.source, lang).map(Arc::new))
                .clone(),
        )
    }
}
