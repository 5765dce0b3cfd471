//! Grammar rule files: `rules/<lang>/classes.yaml` and `rules/<lang>/grammar.yaml`
//! (format in `docs/rule-format.md`). Parsed with positions, so that every error names the
//! file, line and column; all errors are collected, not only the first.

use std::collections::BTreeMap;

use super::error::RuleError;
use crate::findings::Msg;
use crate::load::tree::Node;
use crate::load::yaml;
use crate::model::Level;
use crate::source::SourceFile;

pub mod pos_slots;
pub use pos_slots::{Piece, Template};

/// One example sentence that must match, with the text the first match must cover.
#[derive(Clone, Debug)]
pub struct MatchExample {
    pub text: String,
    pub matched: Option<String>,
    pub offset: usize,
}

/// A grammar rule as written in its file.
#[derive(Clone, Debug)]
pub struct GrammarRule {
    pub id: String,
    pub level: Level,
    pub name: Msg,
    pub description: Msg,
    pub inventory: Option<String>,
    pub item: Option<String>,
    /// Patterns with `{CLASS}` references expanded.
    pub patterns: Vec<Expanded>,
    pub unless: Vec<Expanded>,
    pub must_match: Vec<MatchExample>,
    pub must_not_match: Vec<(String, usize)>,
    /// Where the rule is declared (`file:line:column`).
    pub file: String,
    pub line: u32,
    pub column: u32,
}

struct Ctx<'a> {
    src: &'a SourceFile,
    errors: Vec<RuleError>,
    /// Check the syntax of every regex (off only for the embedded rule set, which the test
    /// suite validates: `embedded_rule_sets_are_valid` in `src/ruleset/mod.rs`).
    validate: bool,
}

impl Ctx<'_> {
    fn err(&mut self, offset: usize, msg: Msg) {
        self.errors.push(RuleError::at(self.src, offset, msg));
    }

    fn parse_root(&mut self) -> Option<Node> {
        match yaml::parse(&self.src.text) {
            Ok(d) => match d.root {
                Some(r) if r.as_map().is_some() => Some(r),
                _ => {
                    self.err(
                        0,
                        Msg::new(
                            "the file must be a mapping",
                            "le fichier doit être un dictionnaire (mapping)",
                        ),
                    );
                    None
                }
            },
            Err(e) => {
                self.err(
                    e.offset,
                    Msg::new(
                        e.message.clone(),
                        format!("YAML invalide : {}", e.message_fr()),
                    ),
                );
                None
            }
        }
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match node.as_str() {
            Some(s) if !node.is_null() => Some(s.to_string()),
            _ => {
                self.err(
                    node.span.start,
                    Msg::new(
                        format!("{what} must be a text, found {}", node.type_name()),
                        format!("{what} doit être un texte, trouvé : {}", node.type_name()),
                    ),
                );
                None
            }
        }
    }

    fn strings(&mut self, node: &Node, what: &str) -> Vec<(String, usize)> {
        if let Some(s) = node.as_str().filter(|_| !node.is_null()) {
            return vec![(s.to_string(), node.span.start)];
        }
        let Some(list) = node.as_seq() else {
            self.err(
                node.span.start,
                Msg::new(
                    format!("{what} must be a list of texts"),
                    format!("{what} doit être une liste de textes"),
                ),
            );
            return Vec::new();
        };
        list.iter()
            .filter_map(|n| self.string(n, what).map(|s| (s, n.span.start)))
            .collect()
    }

    fn check_keys(&mut self, node: &Node, allowed: &[&str], what: &str) {
        for (k, _) in node.as_map().unwrap_or(&[]) {
            let name = k.as_str().unwrap_or("");
            if !allowed.contains(&name) {
                self.err(
                    k.span.start,
                    Msg::new(
                        format!(
                            "unknown key `{name}` in {what} (expected one of: {})",
                            allowed.join(", ")
                        ),
                        format!(
                            "clé inconnue `{name}` dans {what} (attendu : l'une de {})",
                            allowed.join(", ")
                        ),
                    ),
                );
            }
        }
    }

    fn header(&mut self, root: &Node, lang: &str) {
        match root.get("version").and_then(Node::as_str) {
            Some("1") => {}
            _ => self.err(
                root.span.start,
                Msg::new("`version: 1` is required", "`version: 1` est obligatoire"),
            ),
        }
        if let Some(l) = root.get("language") {
            if l.as_str() != Some(lang) {
                self.err(
                    l.span.start,
                    Msg::new(
                        format!("`language` must be `{lang}`, the folder's language"),
                        format!("`language` doit être `{lang}`, la langue du dossier"),
                    ),
                );
            }
        }
    }

    fn msg(&mut self, node: Option<&Node>, what: &str, at: usize) -> Msg {
        let Some(node) = node else {
            self.err(
                at,
                Msg::new(
                    format!("`{what}` is required, with `en` and `fr`"),
                    format!("`{what}` est obligatoire, avec `en` et `fr`"),
                ),
            );
            return Msg::new("", "");
        };
        self.check_keys(node, &["en", "fr"], what);
        let en = node
            .get("en")
            .and_then(|n| self.string(n, &format!("{what}.en")));
        let fr = node
            .get("fr")
            .and_then(|n| self.string(n, &format!("{what}.fr")));
        if en.is_none() || fr.is_none() {
            self.err(
                node.span.start,
                Msg::new(
                    format!("`{what}` needs both `en` and `fr`"),
                    format!("`{what}` demande `en` et `fr`"),
                ),
            );
        }
        Msg::new(en.unwrap_or_default(), fr.unwrap_or_default())
    }
}

/// Word classes, expanded to regex fragments.
///
/// A class is written into each pattern that uses it, as an alternation of whole words. A
/// large class of single words (hundreds of participles, say) makes patterns slow to compile:
/// in the prefilter form of a pattern it is written as "any word" instead, which matches a
/// superset of the pattern and compiles fast (see `analyse::grammar`).
#[derive(Clone, Debug, Default)]
pub struct Classes {
    expanded: BTreeMap<String, String>,
    /// Large classes of single words, written as "any word" in prefilters and fast forms.
    large: BTreeMap<String, LargeClass>,
    pub descriptions: BTreeMap<String, String>,
    /// The language's lexicon, for part-of-speech slots (`pos_slots`).
    pub pos_lexicon: Option<std::sync::Arc<crate::ruleset::lexicon::Lexicon>>,
}

/// A large class of single words: its listed words and the regex part of its definition
/// (other classes written out), to test one word at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LargeClass {
    pub words: Vec<String>,
    pub regex: Option<String>,
}

/// A pattern with its classes expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    /// Every class written out: matches exactly what the rule author wrote.
    pub regex: String,
    /// Large classes of single words replaced by "any word": matches a superset of `regex`.
    /// (Matching reads its required literals from `fast`, which differs only by its capture
    /// groups.)
    pub prefilter: String,
    /// Like `prefilter`, with each large class captured as group `c0`, `c1`, …, so that the
    /// captured words can be tested against their classes after the match.
    pub fast: String,
    /// The class of each captured group of `fast`.
    pub slots: Vec<String>,
    /// The byte ranges of `fast` where a class (or "any word") is written out: the same text
    /// wherever it is used, so that its syntax tree is parsed once and reused (see
    /// `analyse::splice`).
    pub inline: Vec<(usize, usize)>,
    /// The same for `regex`, where every class is written out.
    pub inline_regex: Vec<(usize, usize)>,
    /// Patterns with part-of-speech slots (`{pos:ADJ}`), which cannot be written out: the
    /// exact form is this template, specialised to each sentence (see `pos_slots`).
    pub pos_template: Option<Template>,
}

/// Above this length, a class of single words is written as "any word" in prefilters.
const INLINE_LIMIT: usize = 1200;

#[cfg(test)]
thread_local! {
    /// [`INLINE_LIMIT`] for the tests of this thread: a lower limit makes more classes large,
    /// to check that the fast forms find what the exact ones find whatever the classes' size.
    pub(crate) static INLINE_LIMIT_IN_TESTS: std::cell::Cell<usize> =
        const { std::cell::Cell::new(INLINE_LIMIT) };
}

/// [`INLINE_LIMIT`], or in tests the thread's own.
fn inline_limit() -> usize {
    #[cfg(test)]
    return INLINE_LIMIT_IN_TESTS.with(std::cell::Cell::get);
    #[cfg(not(test))]
    INLINE_LIMIT
}

/// Any one word, for prefilters.
const ANY_WORD: &str = r"\b\w+(?:['-]\w+)*\b";

/// Checks that a regex is well-formed, cheaply (no compilation).
pub fn check_syntax(re: &str) -> Result<(), String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(re)
        .map(|_| ())
        .map_err(|e| first_line(&e.to_string()))
}

fn class_refs(pattern: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = pattern;
    let mut base = 0;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let name_len = after
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_'))
            .map(|(j, _)| j)
            .unwrap_or(after.len());
        if name_len > 0
            && after[..1].chars().all(|c| c.is_ascii_uppercase())
            && after[name_len..].starts_with('}')
        {
            out.push((base + i, &after[..name_len]));
        }
        base += i + 1;
        rest = &rest[i + 1..];
    }
    out
}

/// True when `rest` starts with a quantifier that allows more than one repetition.
fn starts_repetition(rest: &str) -> bool {
    if rest.starts_with(['*', '+']) {
        return true;
    }
    let Some(body) = rest.strip_prefix('{') else {
        return false;
    };
    let body = body.split('}').next().unwrap_or("");
    !matches!(body.trim(), "0,1" | "1" | "1,1")
}

/// For each byte of a pattern, whether it lies inside a group that may repeat (`(…)*`,
/// `(…)+`, `(…){0,2}`).
fn repeated_bytes(pattern: &str) -> Vec<bool> {
    let mut out = vec![false; pattern.len()];
    let mut stack: Vec<usize> = Vec::new();
    let (mut in_class, mut escaped) = (0i32, false);
    for (i, c) in pattern.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => in_class += 1,
            ']' if in_class > 0 => in_class -= 1,
            '(' if in_class == 0 => stack.push(i),
            ')' if in_class == 0 => {
                if let Some(start) = stack.pop() {
                    if starts_repetition(&pattern[i + 1..]) {
                        out[start..=i].iter_mut().for_each(|b| *b = true);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

impl Classes {
    /// Replaces every `{CLASS}` in `pattern` by its expansion, and builds the prefilter form.
    pub fn expand(&self, pattern: &str) -> Result<Expanded, String> {
        if pos_slots::uses_pos(pattern) {
            return pos_slots::expand(self, pattern).map_err(|e| e[0].1.en.clone());
        }
        let mut regex = String::with_capacity(pattern.len());
        let mut prefilter = String::with_capacity(pattern.len());
        let mut fast = String::with_capacity(pattern.len());
        let mut slots = Vec::new();
        let mut inline = Vec::new();
        let mut inline_regex = Vec::new();
        let mut last = 0;
        let repeated = repeated_bytes(pattern);
        for (at, name) in class_refs(pattern) {
            let Some(exp) = self.expanded.get(name) else {
                return Err(format!("unknown word class `{{{name}}}`"));
            };
            for out in [&mut regex, &mut prefilter, &mut fast] {
                out.push_str(&pattern[last..at]);
            }
            inline_regex.push((regex.len(), regex.len() + exp.len()));
            regex.push_str(exp);
            let end = at + name.len() + 2;
            // A capture inside a repeated group only keeps its last repetition, so the words
            // of the others would go untested: such a reference is written out in full.
            let repeated = repeated[at] || starts_repetition(&pattern[end..]);
            if self.large.contains_key(name) && !repeated {
                prefilter.push_str(ANY_WORD);
                let open = format!("(?P<c{}>", slots.len());
                // "Any word" is written out in many patterns too: one parse for all.
                let start = fast.len() + open.len();
                inline.push((start, start + ANY_WORD.len()));
                fast.push_str(&open);
                fast.push_str(ANY_WORD);
                fast.push(')');
                slots.push(name.to_string());
            } else {
                prefilter.push_str(exp);
                inline.push((fast.len(), fast.len() + exp.len()));
                fast.push_str(exp);
            }
            last = at + name.len() + 2;
        }
        for out in [&mut regex, &mut prefilter, &mut fast] {
            out.push_str(&pattern[last..]);
        }
        Ok(Expanded {
            regex,
            prefilter,
            fast,
            slots,
            inline,
            inline_regex,
            pos_template: None,
        })
    }

    /// A large class, by name.
    pub fn large_class(&self, name: &str) -> Option<&LargeClass> {
        self.large.get(name)
    }

    /// The pattern with each `{CLASS}` replaced by a small group, for syntax checks.
    fn with_stand_ins(&self, pattern: &str) -> String {
        let mut out = String::with_capacity(pattern.len());
        let mut last = 0;
        for (at, name) in class_refs(pattern) {
            out.push_str(&pattern[last..at]);
            out.push_str("(?:x)");
            last = at + name.len() + 2;
        }
        out.push_str(&pattern[last..]);
        out
    }

    /// Gives part-of-speech slots the language's lexicon (without one, they are errors).
    pub fn set_lexicon(&mut self, lexicon: &crate::ruleset::lexicon::Lexicon) {
        self.pos_lexicon = Some(std::sync::Arc::new(lexicon.clone()));
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.expanded.keys().map(String::as_str)
    }
}

struct RawClass {
    words: Vec<String>,
    regex: Option<(String, usize)>,
    offset: usize,
}

/// Parses `classes.yaml`.
pub fn parse_classes(src: &SourceFile, lang: &str) -> Result<Classes, Vec<RuleError>> {
    parse_classes_with(src, lang, true)
}

/// Parses `classes.yaml`; with `validate` false, class regexes are not syntax-checked (for
/// the embedded rule set, validated by the test suite: saves start-up time).
pub fn parse_classes_with(
    src: &SourceFile,
    lang: &str,
    validate: bool,
) -> Result<Classes, Vec<RuleError>> {
    let mut cx = Ctx {
        src,
        errors: Vec::new(),
        validate,
    };
    let Some(root) = cx.parse_root() else {
        return Err(cx.errors);
    };
    cx.header(&root, lang);
    cx.check_keys(
        &root,
        &["version", "language", "classes"],
        "the classes file",
    );
    let mut raw: BTreeMap<String, RawClass> = BTreeMap::new();
    let mut classes = Classes::default();
    match root.get("classes").and_then(Node::as_map) {
        None => cx.err(
            root.span.start,
            Msg::new(
                "`classes` (a mapping of class names) is required",
                "`classes` (un dictionnaire de noms de classes) est obligatoire",
            ),
        ),
        Some(map) => {
            for (k, v) in map {
                let name = k.as_str().unwrap_or("").to_string();
                if name.is_empty()
                    || !name.starts_with(|c: char| c.is_ascii_uppercase())
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                {
                    cx.err(
                        k.span.start,
                        Msg::new(
                            format!("class name `{name}` must match [A-Z][A-Z0-9_]*"),
                            format!(
                                "le nom de classe `{name}` doit être de la forme [A-Z][A-Z0-9_]*"
                            ),
                        ),
                    );
                    continue;
                }
                cx.check_keys(
                    v,
                    &["description", "words", "regex"],
                    &format!("class {name}"),
                );
                let words: Vec<String> = v
                    .get("words")
                    .map(|w| {
                        cx.strings(w, "words")
                            .into_iter()
                            .map(|(s, _)| s.to_lowercase())
                            .collect()
                    })
                    .unwrap_or_default();
                let regex = v
                    .get("regex")
                    .and_then(|r| cx.string(r, "regex").map(|s| (s, r.span.start)));
                if words.is_empty() && regex.is_none() {
                    cx.err(
                        k.span.start,
                        Msg::new(
                            format!("class {name} needs `words`, `regex` or both"),
                            format!("la classe {name} demande `words`, `regex` ou les deux"),
                        ),
                    );
                }
                if let Some(d) = v.get("description").and_then(Node::as_str) {
                    classes.descriptions.insert(name.clone(), d.to_string());
                }
                raw.insert(
                    name,
                    RawClass {
                        words,
                        regex,
                        offset: k.span.start,
                    },
                );
            }
        }
    }
    // Expand in dependency order; report unknown references and cycles.
    fn expand(
        name: &str,
        raw: &BTreeMap<String, RawClass>,
        done: &mut BTreeMap<String, String>,
        regex_parts: &mut BTreeMap<String, String>,
        stack: &mut Vec<String>,
        cx: &mut Ctx<'_>,
    ) -> Option<String> {
        if let Some(e) = done.get(name) {
            return Some(e.clone());
        }
        let class = raw.get(name)?;
        if stack.iter().any(|s| s == name) {
            cx.err(
                class.offset,
                Msg::new(
                    format!(
                        "word classes refer to each other in a cycle: {} -> {name}",
                        stack.join(" -> ")
                    ),
                    format!(
                        "des classes de mots se citent en boucle : {} -> {name}",
                        stack.join(" -> ")
                    ),
                ),
            );
            return None;
        }
        stack.push(name.to_string());
        let mut words = class.words.clone();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        words.dedup();
        let mut alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        if let Some((re, at)) = &class.regex {
            let mut out = String::new();
            let mut last = 0;
            let mut ok = true;
            for (i, r) in class_refs(re) {
                out.push_str(&re[last..i]);
                if !raw.contains_key(r) {
                    cx.err(
                        *at,
                        Msg::new(
                            format!("unknown word class `{{{r}}}`"),
                            format!("classe de mots inconnue `{{{r}}}`"),
                        ),
                    );
                    ok = false;
                } else if let Some(e) = expand(r, raw, done, regex_parts, stack, cx) {
                    out.push_str(&e);
                } else {
                    ok = false;
                }
                last = i + r.len() + 2;
            }
            out.push_str(&re[last..]);
            if ok && cx.validate {
                if let Err(m) = crate::analyse::fold::check_pattern(&out) {
                    cx.err(
                        *at,
                        Msg::new(
                            format!("the regex of class {name}: {}", m.en),
                            format!("l'expression régulière de la classe {name} : {}", m.fr),
                        ),
                    );
                } else if let Err(e) = check_syntax(&out) {
                    cx.err(
                        *at,
                        Msg::new(
                            format!("the regex of class {name} does not compile: {e}"),
                            format!(
                                "l'expression régulière de la classe {name} ne compile pas : {e}"
                            ),
                        ),
                    );
                }
            }
            if ok {
                regex_parts.insert(name.to_string(), out.clone());
                alts.push(out);
            }
        }
        stack.pop();
        let body = format!(r"\b(?:{})\b", alts.join("|"));
        done.insert(name.to_string(), body.clone());
        Some(body)
    }
    let names: Vec<String> = raw.keys().cloned().collect();
    let mut regex_parts = BTreeMap::new();
    for n in names {
        let mut stack = Vec::new();
        expand(
            &n,
            &raw,
            &mut classes.expanded,
            &mut regex_parts,
            &mut stack,
            &mut cx,
        );
    }
    for (name, class) in &raw {
        // "Any word" must cover every word of the class: words of letters joined by inner
        // apostrophes or hyphens (`aujourd'hui`), nothing that starts or ends with one (`l'`).
        let word_like = |w: &str| {
            !w.is_empty()
                && w.split(['\'', '-'])
                    .all(|part| !part.is_empty() && part.chars().all(char::is_alphanumeric))
        };
        let single_words = class.words.iter().all(|w| word_like(w))
            && class
                .regex
                .as_ref()
                .is_none_or(|(r, _)| !r.contains([' ', '\'', '\u{2019}']) && !r.contains(r"\s"));
        let long = classes
            .expanded
            .get(name)
            .is_some_and(|e| e.len() > inline_limit());
        if single_words && long {
            classes.large.insert(
                name.clone(),
                LargeClass {
                    words: class.words.clone(),
                    regex: regex_parts.get(name).cloned(),
                },
            );
        }
    }
    if cx.errors.is_empty() {
        Ok(classes)
    } else {
        Err(cx.errors)
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

const RULE_KEYS: &[&str] = &[
    "id",
    "level",
    "name",
    "description",
    "reference",
    "patterns",
    "unless",
    "examples",
];

/// Parses `grammar.yaml`, expanding classes and checking that every pattern compiles.
pub fn parse_grammar(
    src: &SourceFile,
    lang: &str,
    classes: &Classes,
) -> Result<Vec<GrammarRule>, Vec<RuleError>> {
    parse_grammar_with(src, lang, classes, true)
}

/// Parses `grammar.yaml`; with `validate` false, the syntax of patterns is not checked here
/// (for the embedded rule set, validated by the test suite; `Grammar::new` still parses
/// every pattern's fast form and fails on a bad one).
pub fn parse_grammar_with(
    src: &SourceFile,
    lang: &str,
    classes: &Classes,
    validate: bool,
) -> Result<Vec<GrammarRule>, Vec<RuleError>> {
    let mut cx = Ctx {
        src,
        errors: Vec::new(),
        validate,
    };
    let Some(root) = cx.parse_root() else {
        return Err(cx.errors);
    };
    cx.header(&root, lang);
    cx.check_keys(&root, &["version", "language", "rules"], "the grammar file");
    let mut rules = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let Some(list) = root.get("rules").and_then(Node::as_seq) else {
        cx.err(
            root.span.start,
            Msg::new(
                "`rules` (a list) is required",
                "`rules` (une liste) est obligatoire",
            ),
        );
        return Err(cx.errors);
    };
    for node in list {
        let at = node.span.start;
        if node.as_map().is_none() {
            cx.err(
                at,
                Msg::new(
                    "a rule must be a mapping",
                    "une règle doit être un dictionnaire (mapping)",
                ),
            );
            continue;
        }
        cx.check_keys(node, RULE_KEYS, "a rule");
        let errors_before = cx.errors.len();
        let id = node
            .get("id")
            .and_then(|n| cx.string(n, "id"))
            .unwrap_or_default();
        if id.is_empty() {
            cx.err(
                at,
                Msg::new("the rule has no `id`", "la règle n'a pas d'`id`"),
            );
        } else if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            cx.err(
                at,
                Msg::new(
                    format!("rule id `{id}` must be kebab-case ([a-z0-9-])"),
                    format!("l'id de règle `{id}` doit être en kebab-case ([a-z0-9-])"),
                ),
            );
        } else if ids.insert(id.clone(), at).is_some() {
            cx.err(
                at,
                Msg::new(
                    format!("duplicate rule id `{id}`"),
                    format!("id de règle en double : `{id}`"),
                ),
            );
        }
        let level = match node.get("level") {
            Some(l) => match l.as_str().unwrap_or("").parse::<Level>() {
                Ok(l) => Some(l),
                Err(e) => {
                    cx.err(
                        l.span.start,
                        Msg::new(
                            e.to_string(),
                            format!(
                                "`{}` n'est pas un niveau du CECRL (A1, A2, B1, B2, C1, C2)",
                                e.0
                            ),
                        ),
                    );
                    None
                }
            },
            None => {
                cx.err(
                    at,
                    Msg::new(
                        format!("rule `{id}` has no `level`"),
                        format!("la règle `{id}` n'a pas de `level`"),
                    ),
                );
                None
            }
        };
        let name = cx.msg(node.get("name"), "name", at);
        let description = cx.msg(node.get("description"), "description", at);
        let (mut inventory, mut item) = (None, None);
        if let Some(r) = node.get("reference") {
            cx.check_keys(r, &["inventory", "item"], "reference");
            inventory = r.get("inventory").and_then(|n| cx.string(n, "inventory"));
            item = r.get("item").and_then(|n| cx.string(n, "item"));
        }
        let compile = |key: &str, cx: &mut Ctx<'_>| -> Vec<Expanded> {
            let Some(p) = node.get(key) else {
                return Vec::new();
            };
            let mut out = Vec::new();
            for (pat, off) in cx.strings(p, key) {
                if pos_slots::uses_pos(&pat) {
                    match pos_slots::expand(classes, &pat) {
                        Ok(exp) => out.push(exp),
                        Err(errs) => {
                            for (i, e) in errs {
                                cx.err(pos_slots::source_offset(&cx.src.text, off, i), e);
                            }
                        }
                    }
                    continue;
                }
                // Class expansions are checked once, with their class; here the pattern's own
                // syntax is checked with each class as a stand-in group (cheap, and the same
                // verdict, since an expansion is a self-contained group).
                let validate = cx.validate;
                if validate {
                    if let Err(m) =
                        crate::analyse::fold::check_pattern(&classes.with_stand_ins(&pat))
                    {
                        cx.err(off, m);
                        continue;
                    }
                }
                match classes.expand(&pat).and_then(|exp| {
                    if !validate {
                        return Ok(exp);
                    }
                    check_syntax(&classes.with_stand_ins(&pat))
                        .map(|_| exp)
                        .map_err(|e| format!("pattern does not compile: {e}"))
                }) {
                    Ok(exp) => out.push(exp),
                    Err(e) => {
                        let fr = match e.strip_prefix("pattern does not compile: ") {
                            Some(why) => format!("le motif ne compile pas : {why}"),
                            None => match e.strip_prefix("unknown word class ") {
                                Some(name) => format!("classe de mots inconnue {name}"),
                                None => e.clone(),
                            },
                        };
                        cx.err(off, Msg::new(e, fr))
                    }
                }
            }
            out
        };
        let patterns = compile("patterns", &mut cx);
        let unless = compile("unless", &mut cx);
        if node.get("patterns").is_none() {
            cx.err(
                at,
                Msg::new(
                    format!("rule `{id}` has no `patterns`"),
                    format!("la règle `{id}` n'a pas de `patterns`"),
                ),
            );
        }
        let mut must_match = Vec::new();
        let mut must_not_match = Vec::new();
        match node.get("examples") {
            None => cx.err(
                at,
                Msg::new(
                    format!("rule `{id}` has no `examples` (it needs `match` and `no_match`)"),
                    format!(
                        "la règle `{id}` n'a pas d'`examples` (il lui faut `match` et `no_match`)"
                    ),
                ),
            ),
            Some(ex) => {
                cx.check_keys(ex, &["match", "no_match"], "examples");
                match ex.get("match").and_then(Node::as_seq) {
                    Some(list) if !list.is_empty() => {
                        for e in list {
                            if let Some(t) = e.as_str().filter(|_| !e.is_null()) {
                                must_match.push(MatchExample {
                                    text: t.to_string(),
                                    matched: None,
                                    offset: e.span.start,
                                });
                                continue;
                            }
                            cx.check_keys(e, &["text", "matched"], "a match example");
                            let text = e.get("text").and_then(|n| cx.string(n, "text"));
                            let matched = e.get("matched").and_then(|n| cx.string(n, "matched"));
                            match text {
                                Some(text) => must_match.push(MatchExample {
                                    text,
                                    matched,
                                    offset: e.span.start,
                                }),
                                None => cx.err(
                                    e.span.start,
                                    Msg::new(
                                        "a match example needs `text`",
                                        "un exemple `match` demande `text`",
                                    ),
                                ),
                            }
                        }
                    }
                    _ => cx.err(
                        ex.span.start,
                        Msg::new(
                            format!("rule `{id}` needs at least one `match` example"),
                            format!("la règle `{id}` demande au moins un exemple `match`"),
                        ),
                    ),
                }
                match ex.get("no_match") {
                    Some(n) => {
                        must_not_match = cx.strings(n, "no_match");
                        if must_not_match.is_empty() {
                            cx.err(
                                n.span.start,
                                Msg::new(
                                    format!("rule `{id}` needs at least one `no_match` example"),
                                    format!(
                                        "la règle `{id}` demande au moins un exemple `no_match`"
                                    ),
                                ),
                            );
                        }
                    }
                    None => cx.err(
                        ex.span.start,
                        Msg::new(
                            format!("rule `{id}` needs at least one `no_match` example"),
                            format!("la règle `{id}` demande au moins un exemple `no_match`"),
                        ),
                    ),
                }
            }
        }
        if cx.errors.len() > errors_before {
            continue;
        }
        let lc = src.line_col(at);
        rules.push(GrammarRule {
            id,
            level: level.unwrap_or(Level::A1),
            name,
            description,
            inventory,
            item,
            patterns,
            unless,
            must_match,
            must_not_match,
            file: src.path.to_string(),
            line: lc.line,
            column: lc.column,
        });
    }
    if cx.errors.is_empty() {
        Ok(rules)
    } else {
        Err(cx.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    const CLASSES: &str = "version: 1\nlanguage: en\nclasses:\n  HAVE:\n    words: [have, has, \"'ve\"]\n  PP:\n    words: [been, gone]\n    regex: \"[a-z]+ed\"\n  AUX:\n    regex: \"{HAVE}|will\"\n";

    fn classes() -> Classes {
        parse_classes(&SourceFile::new("rules/en/classes.yaml", CLASSES), "en").unwrap()
    }

    #[test]
    fn classes_expand_to_whole_word_alternations() {
        let c = classes();
        let e = c.expand("{HAVE} {PP}").unwrap();
        assert_eq!(e.regex, e.prefilter);
        let re = Regex::new(&e.regex).unwrap();
        assert!(re.is_match("we have finished"));
        assert!(re.is_match("i've been"));
        assert!(!re.is_match("we have a cat"));
        assert!(Regex::new(&c.expand("{AUX} go").unwrap().regex)
            .unwrap()
            .is_match("will go"));
        assert!(c.expand("{NOPE}").is_err());
    }

    #[test]
    fn class_cycles_and_unknown_references_are_errors() {
        let src = "version: 1\nclasses:\n  A:\n    regex: \"{B}\"\n  B:\n    regex: \"{A}|{C}\"\n";
        let errs = parse_classes(&SourceFile::new("c.yaml", src), "en").unwrap_err();
        assert!(
            errs.iter().any(|e| e.message.en.contains("cycle")),
            "{errs:?}"
        );
        assert!(errs
            .iter()
            .any(|e| e.message.en.contains("unknown word class `{C}`")));
    }

    #[test]
    fn every_bad_rule_is_reported_with_its_position() {
        let src = "version: 1\nlanguage: en\nrules:\n  - id: ok-rule\n    level: A2\n    name: {en: a, fr: a}\n    description: {en: a, fr: a}\n    patterns: [\"{HAVE} {PP}\"]\n    examples:\n      match: [{text: \"I have gone.\", matched: \"have gone\"}]\n      no_match: [\"I have a cat.\"]\n  - id: bad-level\n    level: A3\n    name: {en: a, fr: a}\n    description: {en: a, fr: a}\n    patterns: [\"(unclosed\"]\n    examples:\n      match: [\"x\"]\n  - id: bad-class\n    level: B1\n    name: {en: a, fr: a}\n    description: {en: a}\n    patterns: [\"{NOPE}\"]\n    examples:\n      match: [\"x\"]\n      no_match: [\"y\"]\n";
        let errs = parse_grammar(
            &SourceFile::new("rules/en/grammar.yaml", src),
            "en",
            &classes(),
        )
        .unwrap_err();
        let lines: Vec<u32> = errs.iter().map(|e| e.line).collect();
        assert!(
            errs.iter()
                .any(|e| e.line == 13 && e.message.en.contains("A3")),
            "{errs:?}"
        );
        assert!(errs
            .iter()
            .any(|e| e.line == 16 && e.message.en.contains("does not compile")));
        assert!(errs.iter().any(|e| e.message.en.contains("no_match")));
        assert!(errs
            .iter()
            .any(|e| e.line == 23 && e.message.en.contains("{NOPE}")));
        assert!(
            errs.iter()
                .any(|e| e.message.en.contains("`description` needs both")),
            "{lines:?}"
        );
    }
}
