//! The grammar profile of a text: which structures of the rule set it contains, where.
//!
//! Each rule's patterns yield a set of required literals (see [`super::anchors`]), taken from
//! their prefilter form, where large word classes are written as "any word" (see
//! `ruleset::grammar::Classes`). One Aho-Corasick pass over a sentence finds the rules whose
//! literals occur; only those run their exact regexes, which are compiled the first time they
//! are needed. The cost of a sentence thus grows with the rules that can match it, not with
//! the size of the rule set. Matching is done on the normalised sentence; spans are mapped
//! back.

use std::sync::OnceLock;

use regex_automata::meta::Regex;

use super::anchors;
use super::pos_match;

use super::normalize::Normalized;
use crate::ruleset::grammar::{pos_slots, Classes, Expanded, GrammarRule, Template};
use crate::ruleset::lexicon::Lexicon;

/// Patterns with many alternatives may compile to large programs.
const SIZE_LIMIT: usize = 1 << 26;

/// What `\w` stands for in patterns. Unicode `\w` compiles to a very large automaton; on
/// normalised text a word character is anything but white space and punctuation, a class
/// that compiles small.
const WORD_CHAR: &str = r"[^\s!-/:-@\[-`{-~«»‹›“”„‘—–…¿¡·]";

/// Parses a pattern for folded text (see [`super::fold`]), with `\w` made cheap.
fn parse_folded(p: &str) -> Result<regex_syntax::hir::Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&cheap_word_class(p))
        .map(|h| super::fold::fold_hir(&h))
        .map_err(|e| e.to_string())
}

/// Compiles a pattern for folded text, with `\w` made cheap (see [`WORD_CHAR`]).
fn compile(p: &str) -> Result<Regex, String> {
    let hir = parse_folded(p)?;
    Regex::builder()
        .configure(Regex::config().nfa_size_limit(Some(SIZE_LIMIT)))
        .build_from_hir(&hir)
        .map_err(|e| e.to_string())
}

/// Compiles an exact pattern (every class written out), the fallback when a fast form's word
/// test fails. Such patterns hold alternations of thousands of words: the one-pass DFA and
/// the literal prefilter cost more to build than they save (measured with callgrind: -2%
/// instructions on a 2 MB English corpus, -7% for a run on one small file; PikeVM alone
/// builds faster still but matches 40% slower in all).
fn compile_exact(p: &str) -> Result<Regex, String> {
    let hir = parse_folded(p)?;
    Regex::builder()
        .configure(
            Regex::config()
                .nfa_size_limit(Some(SIZE_LIMIT))
                .dfa(false)
                .onepass(false)
                .auto_prefilter(false),
        )
        .build_from_hir(&hir)
        .map_err(|e| e.to_string())
}

fn cheap_word_class(p: &str) -> String {
    rewrite_escapes(p, false)
}

/// The prefilter form of a pattern: `\w` made cheap and word boundaries dropped. Without
/// look-around assertions the whole set runs on the lazy DFA (Unicode word boundaries force
/// the slowest engine); dropping an assertion only widens what a pattern matches, so the set
/// still reports every rule that can match.
fn prefilter_form(p: &str) -> String {
    rewrite_escapes(p, true)
}

fn rewrite_escapes(p: &str, drop_boundaries: bool) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('w') => out.push_str(WORD_CHAR),
                Some('b' | 'B') if drop_boundaries => {}
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A structure found in a sentence: the rule and the byte range in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StructureMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// A pattern in its fast form: large classes captured as any word, tested afterwards.
struct Fast {
    re: Regex,
    /// The word test of each capture `c0`, `c1`, …
    slots: Vec<usize>,
    /// A part-of-speech slot repeats: a match is never trusted (see `pos_slots::Template`).
    always_specialise: bool,
}

/// A rule's compiled patterns: fast forms always; exact forms only if a fast match ever
/// fails its word tests (then the exact regex decides, so results are always exact).
struct Compiled {
    patterns: Vec<Fast>,
    unless: Vec<Fast>,
    exact: OnceLock<Option<(Vec<Regex>, Vec<Regex>)>>,
}

/// Membership test of a large class: its listed words, then the regex part of its
/// definition (compiled on first use).
struct WordTest {
    words: rustc_hash::FxHashSet<Box<str>>,
    regex_src: Option<String>,
    regex: OnceLock<Option<Regex>>,
    /// A part-of-speech slot: the tags, and whether they must be the word's only ones.
    pos: Option<(crate::ruleset::lexicon_image::PosSet, bool)>,
}

impl WordTest {
    /// Whether a word of folded text (see [`super::fold`]) belongs to the class.
    fn contains(&self, folded: &str, lexicon: Option<&Lexicon>) -> bool {
        let word = &*super::fold::unfold(folded);
        if let Some((tags, only)) = self.pos {
            let has = lexicon.map(|l| l.pos(word)).unwrap_or_default();
            return if only {
                has.is_only(tags)
            } else {
                has.contains_any(tags)
            };
        }
        self.words.contains(word)
            || self.regex_src.as_ref().is_some_and(|src| {
                self.regex
                    .get_or_init(|| compile(&format!("^(?:{src})$")).ok())
                    .as_ref()
                    .is_some_and(|re| re.is_match(folded))
            })
    }
}

/// The compiled grammar rules of one language.
pub struct Grammar {
    pub rules: Vec<GrammarRule>,
    /// Each rule's exact patterns, compiled the first time the prefilter reports the rule:
    /// most rules never match most texts.
    compiled: Vec<OnceLock<Option<Compiled>>>,
    /// One pass over a sentence finds the required literals of every rule.
    scanner: aho_corasick::AhoCorasick,
    /// The rule of each literal of the scanner.
    literal_rule: Vec<usize>,
    /// Rules with no required literal: they always run.
    always: Vec<usize>,
    word_tests: Vec<WordTest>,
    test_index: rustc_hash::FxHashMap<String, usize>,
    /// For part-of-speech slots.
    lexicon: Option<std::sync::Arc<Lexicon>>,
}

impl std::fmt::Debug for Grammar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Grammar({} rules)", self.rules.len())
    }
}

impl Grammar {
    /// Builds the prefilter of validated rules; each rule's exact patterns are compiled when
    /// the prefilter first reports it.
    pub fn new(rules: Vec<GrammarRule>, classes: &Classes) -> Result<Grammar, regex::Error> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut literal_rule: Vec<usize> = Vec::new();
        let mut always = Vec::new();
        let parser = || regex_syntax::ParserBuilder::new().build();
        let literals_of = |r: &GrammarRule| {
            r.patterns
                .iter()
                .map(|p| {
                    parser()
                        .parse(&prefilter_form(&p.prefilter))
                        .map(|hir| anchors::required(&super::fold::fold_hir(&hir)))
                        .map_err(|e| regex::Error::Syntax(e.to_string()))
                })
                .collect::<Result<Vec<_>, _>>()
        };
        // Parsing every pattern for its literals is most of the work of loading a language:
        // done on a few plain threads (the first file waits for it), collected in rule order.
        // Not on the rayon pool: this runs inside a `OnceLock` initialiser called from pool
        // threads, and a pool thread waiting for rayon work steals other tasks, which may
        // ask for the same `OnceLock` and wait for themselves (a deadlock).
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let chunk = rules.len().div_ceil(threads).max(1);
        let all_sets: Vec<Vec<_>> = std::thread::scope(|scope| {
            let handles: Vec<_> = rules
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(literals_of).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect::<Result<_, _>>()
        })?;
        for (i, sets) in all_sets.into_iter().enumerate() {
            if sets.iter().all(Option::is_some) && !sets.is_empty() {
                for lit in sets.into_iter().flatten().flatten() {
                    literals.push(lit);
                    literal_rule.push(i);
                }
            } else {
                always.push(i);
            }
        }
        let scanner = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&literals)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let mut word_tests = Vec::new();
        let mut test_index = rustc_hash::FxHashMap::default();
        for r in &rules {
            for p in r.patterns.iter().chain(&r.unless) {
                let template_slots = p.pos_template.iter().flat_map(Template::slot_names);
                for class in p.slots.iter().chain(template_slots) {
                    if test_index.contains_key(class) {
                        continue;
                    }
                    let (words, regex_src) = classes
                        .large_class(class)
                        .map(|c| {
                            (
                                c.words.iter().map(|w| w.as_str().into()).collect(),
                                c.regex.clone(),
                            )
                        })
                        .unwrap_or_default();
                    word_tests.push(WordTest {
                        words,
                        regex_src,
                        regex: OnceLock::new(),
                        pos: pos_slots::parse_slot_name(class),
                    });
                    test_index.insert(class.clone(), word_tests.len() - 1);
                }
            }
        }
        let compiled = rules.iter().map(|_| OnceLock::new()).collect();
        Ok(Grammar {
            rules,
            compiled,
            scanner,
            literal_rule,
            always,
            word_tests,
            test_index,
            lexicon: classes.pos_lexicon.clone(),
        })
    }

    /// How many rules the prefilter lets through for `text` (for benchmarks).
    pub fn candidate_count(&self, text: &str) -> usize {
        self.candidates(text).len()
    }

    /// Rules that may match `text`: those with a required literal in it, and those without
    /// any required literal. Sorted, without duplicates.
    fn candidates(&self, text: &str) -> Vec<usize> {
        let mut out = self.always.clone();
        for m in self.scanner.find_overlapping_iter(text) {
            out.push(self.literal_rule[m.pattern().as_usize()]);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Rule `i`'s compiled fast patterns (compiled on first call; `None` if they do not
    /// compile, which validation at load time rules out).
    fn compiled(&self, i: usize) -> Option<&Compiled> {
        let r = &self.rules[i];
        self.compiled[i]
            .get_or_init(|| {
                let fast = |ps: &[Expanded]| -> Result<Vec<Fast>, String> {
                    ps.iter()
                        .map(|p| {
                            Ok(Fast {
                                re: compile(&p.fast)?,
                                slots: p.slots.iter().map(|c| self.test_index[c]).collect(),
                                always_specialise: p
                                    .pos_template
                                    .as_ref()
                                    .is_some_and(|t| t.always_specialise),
                            })
                        })
                        .collect()
                };
                Some(Compiled {
                    patterns: fast(&r.patterns).ok()?,
                    unless: fast(&r.unless).ok()?,
                    exact: OnceLock::new(),
                })
            })
            .as_ref()
    }

    /// Rule `i`'s exact patterns and exclusions, compiled on first need. A pattern without
    /// captured classes is its own exact form (`fast == regex`): its fast regex is reused.
    fn exact<'a>(&self, i: usize, c: &'a Compiled) -> Option<&'a (Vec<Regex>, Vec<Regex>)> {
        let r = &self.rules[i];
        c.exact
            .get_or_init(|| {
                let all = |ps: &[Expanded], fs: &[Fast]| -> Result<Vec<Regex>, String> {
                    ps.iter()
                        .zip(fs)
                        .map(|(p, f)| {
                            if p.slots.is_empty() && p.fast == p.regex {
                                Ok(f.re.clone())
                            } else {
                                compile_exact(&p.regex)
                            }
                        })
                        .collect()
                };
                Some((
                    all(&r.patterns, &c.patterns).ok()?,
                    all(&r.unless, &c.unless).ok()?,
                ))
            })
            .as_ref()
    }

    /// Non-overlapping matches of fast patterns, or `None` as soon as a captured word fails
    /// its class test (the fast form's choice is then not trusted).
    fn fast_matches(&self, patterns: &[Fast], text: &str) -> Option<Vec<(usize, usize)>> {
        let mut out = Vec::new();
        for p in patterns {
            // A quick yes/no first: most candidate rules do not match, and this needs no
            // capture groups.
            if !p.re.is_match(text) {
                continue;
            }
            if p.always_specialise {
                return None;
            }
            if p.slots.is_empty() {
                out.extend(p.re.find_iter(text).map(|m| (m.start(), m.end())));
                continue;
            }
            for caps in p.re.captures_iter(text) {
                for (k, &t) in p.slots.iter().enumerate() {
                    if let Some(m) = caps.get_group_by_name(&format!("c{k}")) {
                        if !self.word_tests[t].contains(&text[m.range()], self.lexicon.as_deref()) {
                            return None;
                        }
                    }
                }
                let m = caps.get_match().expect("a match has group 0");
                out.push((m.start(), m.end()));
            }
        }
        Some(out)
    }

    /// Candidate matches of rule `i` in a normalised sentence, after `unless` filtering,
    /// in order of position.
    fn rule_matches(&self, i: usize, norm: &str) -> Vec<(usize, usize)> {
        self.rule_matches_with(i, norm, false)
    }

    /// The matches of every rule in a sentence, each computed twice, with the fast forms and
    /// with the exact regexes only: the rules whose results differ (for tests).
    pub fn fast_and_exact_disagree(&self, sentence: &str) -> Vec<usize> {
        let norm = Normalized::new(sentence, 0, sentence.len());
        (0..self.rules.len())
            .filter(|&i| {
                self.rule_matches_with(i, &norm.text, false).first()
                    != self.rule_matches_with(i, &norm.text, true).first()
            })
            .collect()
    }

    fn rule_matches_with(&self, i: usize, norm: &str, exact_only: bool) -> Vec<(usize, usize)> {
        let Some(c) = self.compiled(i) else {
            return Vec::new();
        };
        let exact_all = |ps: &[Expanded], res: &[Regex]| -> Vec<(usize, usize)> {
            ps.iter()
                .zip(res)
                .flat_map(|(p, re)| match &p.pos_template {
                    Some(t) => self.specialised_matches(t, norm),
                    None => re.find_iter(norm).map(|m| (m.start(), m.end())).collect(),
                })
                .collect()
        };
        let fast = |ps: &[Fast]| {
            if exact_only {
                None
            } else {
                self.fast_matches(ps, norm)
            }
        };
        let mut cands = match fast(&c.patterns) {
            Some(v) => v,
            None => match self.exact(i, c) {
                Some((patterns, _)) => exact_all(&self.rules[i].patterns, patterns),
                None => return Vec::new(),
            },
        };
        cands.retain(|(s, e)| e > s);
        if cands.is_empty() {
            return cands;
        }
        cands.sort_unstable();
        cands.dedup();
        if !c.unless.is_empty() {
            let excluded = match fast(&c.unless) {
                Some(v) => v,
                None => self
                    .exact(i, c)
                    .map(|(_, u)| exact_all(&self.rules[i].unless, u))
                    .unwrap_or_default(),
            };
            cands.retain(|(s, e)| !excluded.iter().any(|(us, ue)| us < e && s < ue));
        }
        cands
    }

    /// The matches of a pattern with part-of-speech slots, from its template specialised to
    /// this sentence (see [`pos_match`]): exact, and small to compile.
    fn specialised_matches(&self, t: &Template, norm: &str) -> Vec<(usize, usize)> {
        let words = pos_match::candidate_words(norm);
        let lexicon = self.lexicon.as_deref();
        let src = pos_match::specialise(t, &words, |slot, w| {
            self.test_index
                .get(slot)
                .is_some_and(|&k| self.word_tests[k].contains(w, lexicon))
        });
        match compile_exact(&src) {
            Ok(re) => re.find_iter(norm).map(|m| (m.start(), m.end())).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Every structure in `text[start..end]` (one sentence): at most one match per rule, the
    /// first one, with its range in `text`.
    pub fn find(&self, text: &str, start: usize, end: usize) -> Vec<StructureMatch> {
        let norm = Normalized::new(text, start, end);
        if norm.text.is_empty() {
            return Vec::new();
        }
        let rules = self.candidates(&norm.text);
        let mut out = Vec::new();
        for r in rules {
            if let Some(&(s, e)) = self.rule_matches(r, &norm.text).first() {
                let (os, oe) = norm.original(s, e);
                out.push(StructureMatch {
                    rule: r,
                    start: os,
                    end: oe,
                });
            }
        }
        out
    }

    /// The first match of one rule in a sentence, as original text (for rule examples).
    pub fn first_match_of<'t>(&self, rule: usize, sentence: &'t str) -> Option<&'t str> {
        let norm = Normalized::new(sentence, 0, sentence.len());
        let &(s, e) = self.rule_matches(rule, &norm.text).first()?;
        let (os, oe) = norm.original(s, e);
        Some(&sentence[os..oe])
    }

    /// Runs every rule's examples; returns one message per failure.
    pub fn test_examples(&self) -> Vec<(usize, crate::findings::Msg)> {
        use crate::findings::Msg;
        let mut failures = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            for ex in &r.must_match {
                match self.first_match_of(i, &ex.text) {
                    None => failures.push((
                        i,
                        Msg::new(
                            format!("does not match {:?}", ex.text),
                            format!("ne reconnaît pas {:?}", ex.text),
                        ),
                    )),
                    Some(got) => {
                        if let Some(want) = &ex.matched {
                            let g = Normalized::new(got, 0, got.len()).text;
                            let w = Normalized::new(want, 0, want.len()).text;
                            if g != w {
                                failures.push((
                                    i,
                                    Msg::new(
                                        format!(
                                            "matches {got:?} instead of {want:?} in {:?}",
                                            ex.text
                                        ),
                                        format!(
                                            "reconnaît {got:?} au lieu de {want:?} dans {:?}",
                                            ex.text
                                        ),
                                    ),
                                ));
                            }
                        }
                    }
                }
            }
            for (t, _) in &r.must_not_match {
                if let Some(got) = self.first_match_of(i, t) {
                    failures.push((
                        i,
                        Msg::new(
                            format!("matches {got:?} in {t:?}, which must not match"),
                            format!("reconnaît {got:?} dans {t:?}, qui ne doit pas être reconnu"),
                        ),
                    ));
                }
            }
        }
        failures
    }
}
