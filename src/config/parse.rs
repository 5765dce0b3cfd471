//! Reading one `cefrlint.yaml`: every unknown key and wrong type is an error at its
//! line:column, so that nothing is checked with a half-read configuration.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobMatcher};

use super::{AllowWord, Config, ConfigError, IgnoreItems, PathRule, Selector, Spanned, Thresholds};
use crate::findings::{Msg, Severity};
use crate::load::tree::Node;
use crate::model::{Lang, Level};
use crate::source::{SourceFile, Span};

/// The top-level keys, in the order the documentation gives them.
pub const KEYS: &[&str] = &[
    "select",
    "ignore",
    "severity",
    "level-threshold",
    "paths",
    "allow-words",
    "allow-words-file",
    "dictionary",
    "ignore-items",
];

const PATH_KEYS: &[&str] = &["glob", "lang", "support-lang", "level"];
const IGNORE_ITEM_KEYS: &[&str] = &["glob", "items", "rules"];
const THRESHOLD_KEYS: &[&str] = &["all", "vocabulary", "grammar", "level"];

struct Reader<'a> {
    src: &'a SourceFile,
    display: &'a str,
    dir: &'a Path,
}

type R<T> = Result<T, ConfigError>;

impl Reader<'_> {
    fn err(&self, span: Span, en: String, fr: String) -> ConfigError {
        let lc = self.src.line_col(span.start);
        ConfigError {
            file: self.display.to_string(),
            line: lc.line,
            column: lc.column,
            message: Msg::new(en, fr),
        }
    }

    fn expected(&self, node: &Node, key: &str, en: &str, fr: &str) -> ConfigError {
        self.err(
            node.span,
            format!("`{key}` should be {en}, found {}", node.type_name()),
            format!("`{key}` doit être {fr} ; trouvé : {}", node.type_name_fr()),
        )
    }

    /// The entries of a mapping, every key being one of `known`.
    fn map<'n>(&self, node: &'n Node, key: &str, known: &[&str]) -> R<Vec<(&'n str, &'n Node)>> {
        let Some(entries) = node.as_map() else {
            if key.is_empty() {
                return Err(self.err(
                    node.span,
                    format!(
                        "the configuration should be a mapping of keys ({}), found {}",
                        KEYS.join(", "),
                        node.type_name()
                    ),
                    format!(
                        "la configuration doit être un dictionnaire de clés ({}) ; trouvé : {}",
                        KEYS.join(", "),
                        node.type_name_fr()
                    ),
                ));
            }
            return Err(self.expected(node, key, "a mapping", "un dictionnaire"));
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            let name = k.as_str().unwrap_or("");
            if !known.contains(&name) {
                let list = known.join(", ");
                let (en, fr) = if key.is_empty() {
                    (
                        format!("unknown key `{name}`; known keys: {list}"),
                        format!("clé inconnue « {name} » ; clés connues : {list}"),
                    )
                } else {
                    (
                        format!("unknown key `{name}` in `{key}`; known keys: {list}"),
                        format!("clé inconnue « {name} » dans `{key}` ; clés connues : {list}"),
                    )
                };
                return Err(self.err(k.span, en, fr));
            }
            out.push((name, v));
        }
        Ok(out)
    }

    fn string(&self, node: &Node, key: &str) -> R<Spanned<String>> {
        match node.as_str() {
            Some(s) if !node.is_null() && !s.trim().is_empty() => Ok(Spanned {
                value: s.to_string(),
                span: node.value_span(&self.src.text),
            }),
            _ => Err(self.expected(node, key, "a text", "un texte")),
        }
    }

    fn list<'n>(&self, node: &'n Node, key: &str) -> R<&'n [Node]> {
        node.as_seq()
            .ok_or_else(|| self.expected(node, key, "a list", "une liste"))
    }

    fn strings(&self, node: &Node, key: &str) -> R<Vec<Spanned<String>>> {
        self.list(node, key)?
            .iter()
            .map(|n| self.string(n, &format!("{key}` entry `")))
            .collect()
    }

    fn selector(&self, node: &Node, key: &str) -> R<Spanned<Selector>> {
        let s = self.string(node, key)?;
        match Selector::parse(&s.value) {
            Some(value) => Ok(Spanned {
                value,
                span: s.span,
            }),
            None => Err(self.err(
                s.span,
                format!(
                    "`{}` is neither a rule code nor a category (`cefrlint rules` lists them)",
                    s.value
                ),
                format!(
                    "« {} » n'est ni un code de règle ni une catégorie (`cefrlint rules` les liste)",
                    s.value
                ),
            )),
        }
    }

    fn selectors(&self, node: &Node, key: &str) -> R<Vec<Spanned<Selector>>> {
        self.list(node, key)?
            .iter()
            .map(|n| self.selector(n, key))
            .collect()
    }

    fn threshold(&self, node: &Node, key: &str) -> R<Spanned<i32>> {
        let n = node
            .as_str()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .filter(|n| (1..=5).contains(n));
        match n {
            Some(value) => Ok(Spanned {
                value,
                span: node.value_span(&self.src.text),
            }),
            None => Err(self.err(
                node.span,
                format!("`{key}` should be a number of levels from 1 to 5"),
                format!("`{key}` doit être un nombre de niveaux de 1 à 5"),
            )),
        }
    }

    fn thresholds(&self, node: &Node) -> R<Thresholds> {
        let key = "level-threshold";
        if node.as_map().is_none() {
            return Ok(Thresholds {
                all: Some(self.threshold(node, key)?),
                ..Thresholds::default()
            });
        }
        let mut t = Thresholds::default();
        for (k, v) in self.map(node, key, THRESHOLD_KEYS)? {
            let n = Some(self.threshold(v, &format!("{key}.{k}"))?);
            match k {
                "all" => t.all = n,
                "vocabulary" => t.vocabulary = n,
                "grammar" => t.grammar = n,
                _ => t.level = n,
            }
        }
        Ok(t)
    }

    fn lang(&self, node: &Node, key: &str) -> R<Spanned<Lang>> {
        let s = self.string(node, key)?;
        match Lang::parse(&s.value) {
            Some(value) => Ok(Spanned {
                value,
                span: s.span,
            }),
            None => Err(self.err(
                s.span,
                format!("`{key}: {}` is not a language code (use ISO 639-1, such as en, fr, es)", s.value),
                format!("« {key}: {} » n'est pas un code de langue (utilisez l'ISO 639-1 : en, fr, es…)", s.value),
            )),
        }
    }

    fn glob(&self, node: &Node, key: &str) -> R<(Spanned<String>, GlobMatcher, bool)> {
        let s = self.string(node, key)?;
        let pattern = s.value.trim().trim_start_matches("./").to_string();
        match GlobBuilder::new(&pattern).literal_separator(true).build() {
            Ok(g) => {
                let by_name = !pattern.contains('/');
                Ok((s, g.compile_matcher(), by_name))
            }
            Err(e) => Err(self.err(
                s.span,
                format!("`{}` is not a valid glob: {}", s.value, e.kind()),
                format!("« {} » n'est pas un motif valide : {}", s.value, e.kind()),
            )),
        }
    }

    fn path_rule(&self, node: &Node) -> R<PathRule> {
        let mut glob = None;
        let (mut lang, mut support_lang, mut level) = (None, None, None);
        for (k, v) in self.map(node, "paths", PATH_KEYS)? {
            match k {
                "glob" => glob = Some(self.glob(v, "glob")?),
                "lang" => lang = Some(self.lang(v, "lang")?),
                "support-lang" => support_lang = Some(self.lang(v, "support-lang")?),
                _ => {
                    let s = self.string(v, "level")?;
                    match s.value.parse::<Level>() {
                        Ok(l) => {
                            level = Some(Spanned {
                                value: l,
                                span: s.span,
                            })
                        }
                        Err(_) => {
                            return Err(self.err(
                                s.span,
                                format!(
                                    "`{}` is not a CEFR level (A1, A2, B1, B2, C1, C2)",
                                    s.value
                                ),
                                format!(
                                    "« {} » n'est pas un niveau du CECRL (A1, A2, B1, B2, C1, C2)",
                                    s.value
                                ),
                            ))
                        }
                    }
                }
            }
        }
        let Some((glob, matcher, by_name)) = glob else {
            return Err(self.err(
                node.span,
                "a `paths` entry needs a `glob`".into(),
                "une entrée de `paths` doit avoir un `glob`".into(),
            ));
        };
        Ok(PathRule {
            glob,
            matcher,
            by_name,
            lang,
            support_lang,
            level,
            span: node.span,
        })
    }

    fn ignore_items(&self, node: &Node) -> R<IgnoreItems> {
        let (mut glob, mut items, mut rules) = (None, None, Vec::new());
        for (k, v) in self.map(node, "ignore-items", IGNORE_ITEM_KEYS)? {
            match k {
                "glob" => glob = Some(self.glob(v, "glob")?),
                "items" => items = Some(self.strings(v, "items")?),
                _ => rules = self.selectors(v, "rules")?,
            }
        }
        let (Some((glob, matcher, by_name)), Some(items)) = (glob, items) else {
            return Err(self.err(
                node.span,
                "an `ignore-items` entry needs a `glob` and a list of `items`".into(),
                "une entrée de `ignore-items` doit avoir un `glob` et une liste d'`items`".into(),
            ));
        };
        Ok(IgnoreItems {
            glob,
            matcher,
            by_name,
            items,
            rules,
            span: node.span,
        })
    }

    /// A file named in the configuration: relative to its folder, and it must exist.
    fn file(&self, node: &Node, key: &str) -> R<Spanned<PathBuf>> {
        let s = self.string(node, key)?;
        let path = self.dir.join(s.value.trim());
        if !path.is_file() {
            return Err(self.err(
                s.span,
                format!("`{key}`: no file `{}` (names are relative to the configuration's folder)", s.value),
                format!("`{key}` : aucun fichier « {} » (les noms sont relatifs au dossier de la configuration)", s.value),
            ));
        }
        Ok(Spanned {
            value: path,
            span: s.span,
        })
    }

    /// One word a line; `#` starts a comment; blank lines are skipped.
    fn words_file(&self, file: &Spanned<PathBuf>, out: &mut Vec<AllowWord>) -> R<()> {
        let text = std::fs::read_to_string(&file.value).map_err(|e| {
            self.err(
                file.span,
                format!(
                    "`allow-words-file`: cannot read {}: {e}",
                    file.value.display()
                ),
                format!(
                    "`allow-words-file` : impossible de lire {} : {e}",
                    file.value.display()
                ),
            )
        })?;
        let shown = super::discover::shown(&file.value);
        for (i, line) in text.lines().enumerate() {
            let word = line.split('#').next().unwrap_or("").trim();
            if word.is_empty() {
                continue;
            }
            let column = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
            push_word(out, word, format!("{shown}:{}:{column}", i + 1));
        }
        Ok(())
    }
}

impl Reader<'_> {
    /// The words of a custom dictionary (`dictionary:`): a Hunspell personal dictionary or
    /// word list, one word per line; a first line that is only a number (the word count of a
    /// `.dic` file) and `/FLAGS` after a word are ignored.
    fn dictionary_words(&self, file: &Spanned<PathBuf>) -> R<Vec<String>> {
        let text = std::fs::read_to_string(&file.value).map_err(|e| {
            self.err(
                file.span,
                format!("`dictionary`: cannot read {}: {e}", file.value.display()),
                format!(
                    "`dictionary` : impossible de lire {} : {e}",
                    file.value.display()
                ),
            )
        })?;
        Ok(text
            .lines()
            .enumerate()
            .filter(|(i, l)| !(*i == 0 && l.trim().chars().all(|c| c.is_ascii_digit())))
            .map(|(_, l)| l.split(['#', '/']).next().unwrap_or("").trim().to_string())
            .filter(|w| !w.is_empty())
            .collect())
    }
}

fn push_word(out: &mut Vec<AllowWord>, word: &str, origin: String) {
    if !out.iter().any(|w| w.word == word) {
        out.push(AllowWord {
            word: word.to_string(),
            origin,
        });
    }
}

/// Reads the configuration at `path` (shown as `display`; `dir` is its absolute folder).
pub fn read(path: &Path, display: &str, dir: &Path) -> Result<Config, ConfigError> {
    let whole = |en: String, fr: String| ConfigError {
        file: display.to_string(),
        line: 0,
        column: 0,
        message: Msg::new(en, fr),
    };
    let bytes = std::fs::read(path).map_err(|e| {
        whole(
            format!("cannot read the configuration: {e}"),
            format!("impossible de lire la configuration : {e}"),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        whole(
            "the configuration is not UTF-8".into(),
            "la configuration n'est pas en UTF-8".into(),
        )
    })?;
    parse_text(display, dir, text)
}

/// Reads a configuration's text.
pub fn parse_text(display: &str, dir: &Path, text: String) -> Result<Config, ConfigError> {
    let src = Arc::new(SourceFile::new(display, text));
    let r = Reader {
        src: &src,
        display,
        dir,
    };
    let root = crate::load::yaml::parse(&src.text).map_err(|e| {
        r.err(
            Span::empty(e.offset),
            format!("cannot parse the configuration: {}", e.message),
            format!(
                "impossible d'analyser la configuration : {}",
                e.message_fr()
            ),
        )
    })?;
    let mut c = Config {
        display: display.to_string(),
        dir: dir.to_path_buf(),
        src: src.clone(),
        select: None,
        ignore: Vec::new(),
        severity: Vec::new(),
        thresholds: Thresholds::default(),
        paths: Vec::new(),
        allow_words: Vec::new(),
        allowed: Arc::from(Vec::new()),
        allowed_lower: Arc::default(),
        allow_words_file: None,
        dictionary: None,
        ignore_items: Vec::new(),
    };
    let Some(root) = root.root.filter(|r| !r.is_null()) else {
        return Ok(c);
    };
    for (k, v) in r.map(&root, "", KEYS)? {
        match k {
            "select" => c.select = Some(r.selectors(v, k)?),
            "ignore" => c.ignore = r.selectors(v, k)?,
            "severity" => {
                let Some(entries) = v.as_map() else {
                    return Err(r.expected(
                        v,
                        k,
                        "a mapping of rule codes or categories to info, warning or error",
                        "un dictionnaire de codes de règles ou de catégories vers info, warning ou error",
                    ));
                };
                for (key_node, sev) in entries {
                    let name = key_node.as_str().unwrap_or("");
                    let which = r.selector(key_node, k)?;
                    let level = r.string(sev, name)?;
                    let value = level.value.trim().parse::<Severity>().map_err(|_| {
                        r.err(
                            level.span,
                            format!("`{}` is not a severity (info, warning, error)", level.value),
                            format!(
                                "« {} » n'est pas une gravité (info, warning, error)",
                                level.value
                            ),
                        )
                    })?;
                    c.severity.push((
                        which,
                        Spanned {
                            value,
                            span: level.span,
                        },
                    ));
                }
            }
            "level-threshold" => c.thresholds = r.thresholds(v)?,
            "paths" => {
                for n in r.list(v, k)? {
                    c.paths.push(r.path_rule(n)?);
                }
            }
            "allow-words" => {
                for w in r.strings(v, k)? {
                    let origin = c.origin(w.span);
                    push_word(&mut c.allow_words, w.value.trim(), origin);
                }
            }
            "allow-words-file" => c.allow_words_file = Some(r.file(v, k)?),
            "dictionary" => c.dictionary = Some(r.file(v, k)?),
            _ => {
                for n in r.list(v, k)? {
                    c.ignore_items.push(r.ignore_items(n)?);
                }
            }
        }
    }
    if let Some(f) = c.allow_words_file.clone() {
        r.words_file(&f, &mut c.allow_words)?;
    }
    let mut allowed: Vec<String> = c.allow_words.iter().map(|w| w.word.clone()).collect();
    if let Some(d) = c.dictionary.clone() {
        for w in r.dictionary_words(&d)? {
            if !allowed.contains(&w) {
                allowed.push(w);
            }
        }
    }
    c.allowed_lower = Arc::new(allowed.iter().map(|w| w.to_lowercase()).collect());
    c.allowed = allowed.into();
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        parse_text("c.yaml", Path::new("/nowhere"), text.to_string())
    }

    #[test]
    fn an_empty_file_is_an_empty_configuration() {
        let c = parse("# nothing yet\n").unwrap();
        assert!(c.select.is_none() && c.ignore.is_empty() && c.paths.is_empty());
    }

    #[test]
    fn errors_point_at_the_offending_value() {
        let e = parse("- select\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.en.contains("should be a mapping of keys"));
        let e = parse("paths:\n  - lang: en\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 5));
        assert!(e.message.en.contains("needs a `glob`"), "{}", e.message.en);
        let e = parse("level-threshold:\n  vocabulary: x\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 15));
        let e = parse("paths:\n  - glob: 'a/[b'\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12));
        let e = parse("select: [vocabulary]\nselect: [grammar]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.en.contains("duplicate key"));
    }

    #[test]
    fn thresholds_are_one_number_or_one_per_family() {
        let c = parse("level-threshold: 3\n").unwrap();
        assert_eq!(c.thresholds.all.unwrap().value, 3);
        let c = parse("level-threshold: {grammar: 1, all: 4}\n").unwrap();
        assert_eq!(c.thresholds.grammar.unwrap().value, 1);
        assert_eq!(c.thresholds.all.unwrap().value, 4);
        assert!(c.thresholds.vocabulary.is_none());
    }
}
