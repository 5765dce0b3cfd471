//! Rule sets as data: graded lexicons, word classes, grammar rules and estimator weights for
//! each language, under `rules/<lang>/`. Embedded in the binary at build time; `--rules DIR`
//! uses a folder of the same shape instead. Only the languages present in the input are
//! loaded, each once, on first use.

pub mod dictionary;
pub mod error;
pub mod grammar;
pub mod lexicon;
pub mod lexicon_image;
// `pos_tags.rs` is included by `lexicon_image.rs` (the build script needs it too).
pub use lexicon_image::{PosSet, POS_TAGS};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use crate::findings::Msg;

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
                            message: Msg::new(
                                format!("not valid UTF-8: {e}"),
                                format!("pas de l'UTF-8 valide : {e}"),
                            ),
                        }),
                    },
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(RuleError {
                        file: shown,
                        line: 1,
                        column: 1,
                        message: Msg::new(
                            format!("cannot read: {e}"),
                            format!("illisible : {}", crate::cli::io_error_fr(&e)),
                        ),
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

    /// A language's word classes (with its embedded lexicon, for part-of-speech slots) and
    /// grammar rules, without the rest of its rule set: for benchmarks and tests. `None` when
    /// a file is missing or invalid (`LangRules::load` says why).
    pub fn grammar_of(&self, lang: &str) -> Option<(grammar::Classes, Vec<grammar::GrammarRule>)> {
        let read = |f: &str| self.read(&format!("{lang}/{f}")).ok().flatten();
        let mut classes = grammar::parse_classes(&read("classes.yaml")?, lang).ok()?;
        if let Some(lex) = self.embedded_lexicon(lang) {
            classes.set_lexicon(&lex);
        }
        let rules = grammar::parse_grammar(&read("grammar.yaml")?, lang, &classes).ok()?;
        Some((classes, rules))
    }

    pub fn describe(&self) -> String {
        match self {
            RuleSource::Embedded => "embedded".into(),
            RuleSource::Dir(d) => d.display().to_string(),
        }
    }
}

/// The embedded YAML rule files: (path under `rules/`, text).
pub fn embedded_yaml_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::FILES
        .iter()
        .filter(|(p, _)| p.ends_with(".yaml"))
        .map(|(p, t)| (*p, *t))
}

/// The tree of the embedded YAML rule file whose text is `text`, parsed at build time
/// (`load::tree_codec`); `None` for any other text.
pub fn embedded_yaml_tree(text: &str) -> Option<crate::load::tree::Node> {
    let (rel, _) = embedded_yaml_files().find(|(_, t)| t.len() == text.len() && *t == text)?;
    let (_, bytes) = embedded::YAML_TREES.iter().find(|(p, _)| *p == rel)?;
    crate::load::tree_codec::decode(bytes)
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
        // The embedded rule set is validated by the test suite (`embedded_rule_sets_are_valid`):
        // its regexes are not syntax-checked again at each start.
        let validate = !matches!(source, RuleSource::Embedded);
        let mut classes = match &classes_src {
            Some(c) => grammar::parse_classes_with(c, lang, validate).unwrap_or_else(|e| {
                errors.extend(e);
                grammar::Classes::default()
            }),
            None => grammar::Classes::default(),
        };
        classes.set_lexicon(&lexicon);
        let rules = match &grammar_src {
            Some(g) => {
                grammar::parse_grammar_with(g, lang, &classes, validate).unwrap_or_else(|e| {
                    errors.extend(e);
                    Vec::new()
                })
            }
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
                message: Msg::new(
                    format!("the rule set is too large to compile: {e}"),
                    format!("le jeu de règles est trop grand pour être compilé : {e}"),
                ),
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
    /// Embedded lexicons opened on their own (see [`RuleSets::lexicon`]).
    lexicons: Mutex<FxHashMap<String, Option<Lexicon>>>,
}

impl RuleSets {
    pub fn new(source: RuleSource) -> Self {
        let available = source.languages();
        RuleSets {
            source,
            available,
            cache: Mutex::new(FxHashMap::default()),
            lexicons: Mutex::new(FxHashMap::default()),
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

    /// Whether the rule set of `lang` has been loaded (or found broken) already.
    pub fn is_loaded(&self, lang: &str) -> bool {
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.get(lang).is_some_and(|slot| slot.get().is_some())
    }

    /// The graded lexicon of `lang` alone, for checks that need no grammar (the language
    /// check's coverage of support-language fields): an embedded lexicon is an `fst` image
    /// opened in place, where the whole rule set would also build its grammar. The rule
    /// set's own lexicon when it is loaded or comes from `--rules DIR`.
    pub fn lexicon(&self, lang: &str) -> Option<Lexicon> {
        if !self.available.iter().any(|l| l == lang) {
            return None;
        }
        if matches!(self.source, RuleSource::Embedded) && !self.is_loaded(lang) {
            let mut lexicons = self.lexicons.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(l) = lexicons.get(lang) {
                return l.clone();
            }
            let l = self.source.embedded_lexicon(lang);
            lexicons.insert(lang.to_string(), l.clone());
            return l;
        }
        self.get(lang)
            .and_then(Result::ok)
            .map(|r| r.lexicon.clone())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The language check reads a lexicon without building the language's grammar; it is
    /// the one the rule set loads.
    #[test]
    fn a_lexicon_alone_does_not_load_the_rule_set() {
        let sets = RuleSets::new(RuleSource::Embedded);
        let lex = sets.lexicon("fr").expect("French lexicon");
        assert!(!sets.is_loaded("fr"));
        assert!(sets.lexicon("xx").is_none());
        let full = sets.get("fr").unwrap().unwrap();
        for w in ["maison", "allions", "anticonstitutionnellement", "zzzz"] {
            assert_eq!(
                lex.word(w).map(|h| h.level),
                full.lexicon.word(w).map(|h| h.level),
                "{w}"
            );
        }
        assert!(lex.word("maison").is_some());
    }

    /// The embedded rule set is loaded without syntax checks (start-up time): this test is
    /// what validates it, with every check on, and shows that skipping them changes nothing.
    #[test]
    fn embedded_rule_sets_are_valid() {
        let src = RuleSource::Embedded;
        let langs = src.languages();
        assert!(langs.iter().any(|l| l == "en") && langs.iter().any(|l| l == "fr"));
        for lang in &langs {
            let Some(c) = src.read(&format!("{lang}/classes.yaml")).unwrap() else {
                continue;
            };
            let mut checked = grammar::parse_classes(&c, lang)
                .unwrap_or_else(|e| panic!("{lang}/classes.yaml: {e:?}"));
            let mut fast = grammar::parse_classes_with(&c, lang, false).unwrap();
            // Part-of-speech slots (`{pos:ADJ}`) need the language's lexicon.
            if let Some(lex) = src.embedded_lexicon(lang) {
                checked.set_lexicon(&lex);
                fast.set_lexicon(&lex);
            }
            let g = src.read(&format!("{lang}/grammar.yaml")).unwrap().unwrap();
            let rules = grammar::parse_grammar(&g, lang, &checked)
                .unwrap_or_else(|e| panic!("{lang}/grammar.yaml: {e:?}"));
            let unchecked = grammar::parse_grammar_with(&g, lang, &fast, false).unwrap();
            assert_eq!(rules.len(), unchecked.len(), "{lang}");
            for (a, b) in rules.iter().zip(&unchecked) {
                assert_eq!(
                    (&a.id, &a.patterns, &a.unless),
                    (&b.id, &b.patterns, &b.unless)
                );
            }
            assert!(LangRules::load(&src, lang).is_ok(), "{lang}");
        }
    }
}
