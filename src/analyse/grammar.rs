//! The grammar profile of a text: which structures of the rule set it contains, where.
//!
//! Each rule's patterns yield a set of required literals (see [`super::anchors`]), taken from
//! their prefilter form, where large word classes are written as "any word" (see
//! `ruleset::grammar::Classes`). One Aho-Corasick pass over a sentence finds the rules whose
//! literals occur; only those run their exact regexes, which are compiled the first time they
//! are needed. The cost of a sentence thus grows with the rules that can match it, not with
//! the size of the rule set. Matching is done on the normalised sentence; spans are mapped
//! back.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::Hir;

use super::prefilter::{Candidate, Hits, Prefilter, ALL_PATTERNS};

use super::anchors;
use super::pos_match;
use super::slot_runs::{self, Locate};
use super::splice;

use super::normalize::Normalized;
use super::word_program::{self, Slots, Token, WordProgram};
use crate::ruleset::grammar::{pos_slots, Classes, Expanded, GrammarRule, LargeClass, Template};
use crate::ruleset::lexicon::Lexicon;

/// Whether the word engine runs the patterns it can take (see [`word_program`]): only with
/// `CEFRLINT_WORD_ENGINE=1`. It finds the same matches, but is slower than the byte engine
/// on every language so far (bench/RESULTS.md, "Stop 36"): it is kept to compare the two
/// and to build on.
fn word_engine() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CEFRLINT_WORD_ENGINE").is_some_and(|v| v == "1"))
}

/// Exclusions (`unless`) with more literals than this are not looked for by the prefilter
/// (see [`Grammar::exclusions_of`]): they always run where their rule matched. (Stop 16: a
/// limit of 1,000 left out French exclusions that run often, 24 M more instructions per MB
/// of French sentences; German, whose exclusions are rarely ruled out by their literals,
/// gains nothing either way.)
const MAX_EXCLUSION_LITERALS: usize = 4000;

/// Patterns with many alternatives may compile to large programs.
const SIZE_LIMIT: usize = 1 << 26;

/// What `\w` stands for in patterns. Unicode `\w` compiles to a very large automaton; on
/// normalised text a word character is anything but white space and punctuation, a class
/// that compiles small.
const WORD_CHAR: &str = r"[^\s!-/:-@\[-`{-~«»‹›“”„‘—–…¿¡·]";

/// Parses a pattern for folded text (see [`super::fold`]), with `\w` made cheap.
fn parse_folded(p: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&super::fold::fold_pattern(&cheap_word_class(p)))
        .map_err(|e| e.to_string())
}

/// Parses the fast form of a pattern, each written-out class parsed once per `cache` (see
/// [`splice`]).
fn parse_fast(p: &Expanded, cache: &mut splice::ClassTrees) -> Result<Hir, String> {
    splice::parse_with_classes(&p.fast, &p.inline, cache, parse_folded)
}

/// The same for the exact form, where every class is written out.
fn parse_exact(p: &Expanded, cache: &mut splice::ClassTrees) -> Result<Hir, String> {
    splice::parse_with_classes(&p.regex, &p.inline_regex, cache, parse_folded)
}

/// What the prefilter knows of a large class captured as "any word" (see
/// [`anchors::SlotLiterals`]): its words and regex part, folded.
fn class_literals(c: &LargeClass) -> anchors::SlotLiterals {
    let words = c
        .words
        .iter()
        .map(|w| w.chars().map(super::fold::fold_char).collect::<String>())
        .map(String::into_bytes)
        .collect();
    let regex = c.regex.as_deref().and_then(|re| parse_folded(re).ok());
    anchors::SlotLiterals::new(words, regex.as_ref())
}

/// Compiles a pattern for folded text, with `\w` made cheap (see [`WORD_CHAR`]).
fn compile(p: &str) -> Result<Regex, String> {
    build(&parse_folded(p)?)
}

/// Compiles a parsed pattern (see [`parse_folded`]). Without the full DFA, which the meta
/// engine builds for small patterns: the lazy DFA matches as fast once warm (callgrind on
/// 3 MB of English sentences: 457 M instructions per MB either way), and building them cost
/// 3% of a run on an English B2 lesson, 9% on a French one (stop 14).
fn build(hir: &Hir) -> Result<Regex, String> {
    build_with(hir, MatchKind::LeftmostFirst)
}

/// [`build`] with the match semantics `kind`.
fn build_with(hir: &Hir, kind: MatchKind) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            Regex::config()
                .nfa_size_limit(Some(SIZE_LIMIT))
                .dfa(false)
                .auto_prefilter(false)
                .match_kind(kind),
        )
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

/// Compiles an exact pattern (every class written out), the fallback when a fast form's word
/// test fails. Such patterns hold alternations of thousands of words: the one-pass DFA and
/// the literal prefilter cost more to build than they save (measured with callgrind: -2%
/// instructions on a 2 MB English corpus, -7% for a run on one small file; PikeVM alone
/// builds faster still but matches 40% slower in all).
fn compile_exact(hir: &Hir) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            Regex::config()
                .nfa_size_limit(Some(SIZE_LIMIT))
                .dfa(false)
                .onepass(false)
                .auto_prefilter(false),
        )
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

/// `\w` written as [`WORD_CHAR`].
fn cheap_word_class(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('w') => out.push_str(WORD_CHAR),
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

thread_local! {
    /// The memory of the last sentence normalised by [`Grammar::find`] on this thread.
    static NORMALIZED: std::cell::Cell<super::normalize::Buffers> =
        std::cell::Cell::new(Default::default());
    /// The memory [`Grammar::find`] gathers a rule's matches in, kept by each thread from one
    /// rule and one sentence to the next (sentences are short: allocating these lists for
    /// each rule took 2–3% of the time).
    static MATCHES: std::cell::Cell<Matches> = std::cell::Cell::new(Default::default());
}

/// Lists for the candidates of one sentence and the matches of one rule in it (see
/// [`Grammar::rule_first_match_in`]).
#[derive(Default)]
struct Matches {
    candidates: Vec<Candidate>,
    hits: Hits,
    found: Vec<(usize, usize)>,
    excluded: Vec<(usize, usize)>,
    unless_starts: Vec<Candidate>,
}

/// A structure found in a sentence: the rule and the byte range in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StructureMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// What one rule cost over a text (see [`Grammar::find_profiled`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleCost {
    /// Times the prefilter let the rule run.
    pub runs: u64,
    /// Runs that found a match.
    pub matched: u64,
    /// Time spent in those runs, in nanoseconds.
    pub nanos: u64,
}

impl RuleCost {
    /// Counts a run that began at `began`.
    fn add(&mut self, began: std::time::Instant, matched: bool) {
        self.runs += 1;
        self.matched += u64::from(matched);
        self.nanos += u64::try_from(began.elapsed().as_nanos()).unwrap_or(u64::MAX);
    }
}

/// A pattern in its fast form: large classes captured as any word, tested afterwards.
struct Fast {
    re: Regex,
    /// The same pattern over the sentence's tokens, when it reads whole words (see
    /// [`word_program`]): it then runs instead of `re`.
    word: Option<WordProgram>,
    /// The word test of each capture `c0`, `c1`, …
    slots: Vec<usize>,
    /// The group index of each capture `c0`, `c1`, …
    groups: Vec<usize>,
    /// A part-of-speech slot repeats: a match is never trusted (see `pos_slots::Template`).
    always_specialise: bool,
    /// The captures every match fills (not in an optional part or one branch of an
    /// alternation), by index `k` of `c{k}`.
    mandatory: Vec<usize>,
    /// Where each capture is in a match, where its text alone tells (see [`slot_runs`]):
    /// then the lazy DFA's match is enough, and the backtracker need not run.
    located: Option<Vec<Located>>,
    /// A match whose captured word fails its test rules out the exact form's matches that
    /// start inside it (see [`slot_runs::fixed_by_end`]): the search goes on past it.
    fixed_by_end: bool,
    /// How often its captured words failed their tests lately (see [`Fast::worth_trying`]).
    failing: AtomicU8,
}

/// [`Fast::failing`] at or above this (about one try in four, lately), the exact form runs
/// first. Instructions per MB in `Grammar::find` with 224 (seven in eight), 128, 64, 32 and 0
/// (stop 23): English 254, 252, 248, 246 and 288 M; German 248, 242, 236, 233 and 256 M;
/// Spanish 229, 224, 224, – and 226 M. Near 0 the exact form runs where the fast one finds
/// no match at all, which costs more; 64 keeps away from that edge.
const FAILING: u8 = 64;

/// While the exact form runs first, the fast form is still tried once in this many runs
/// (counted by thread), so that the record follows the text.
const SAMPLE_EVERY: u32 = 32;

thread_local! {
    static RUNS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

impl Fast {
    /// Whether the fast form is worth trying before the exact form: not when its captured
    /// words lately failed their tests in about one try in four or more (the exact form ran
    /// after it each time), except once in [`SAMPLE_EVERY`] runs. A pattern that is one
    /// captured class (Spanish `{PRETERITE_REGULAR}`), or whose class follows a common word
    /// (`\b(?:lo|la|le) {PRESENT_IRREGULAR}`), captures the first word it sees, seldom a
    /// member. The matches are the same either way (the exact form decides whenever the fast
    /// one is not trusted): this only chooses which runs first. Instructions per MB in
    /// `Grammar::find` (stop 23): Spanish 304 → 224 M, French 287 → 254 M, Italian 222 → 196
    /// M, German 248 → 236 M, English 254 → 248 M.
    fn worth_trying(&self) -> bool {
        self.failing.load(Ordering::Relaxed) < FAILING
            || RUNS.with(|n| {
                let v = n.get().wrapping_add(1);
                n.set(v);
                v % SAMPLE_EVERY == 0
            })
    }

    /// Records a try of the fast form: [`Self::failing`] moves a sixteenth of the way
    /// towards 0 (trusted) or 255 (a word failed its test). Not written when it would not
    /// change (most patterns stay at 0), so that threads seldom write the same memory.
    fn record(&self, trusted: bool) {
        let now = self.failing.load(Ordering::Relaxed);
        let next = if trusted {
            now - now / 16
        } else {
            now + (u8::MAX - now) / 16
        };
        if next != now {
            self.failing.store(next, Ordering::Relaxed);
        }
    }
}

/// A captured word placed by [`slot_runs::plan`]: its run, and for a word that is one branch
/// of an alternation, the regexes that tell whether a match took that branch (see
/// [`slot_runs::Branch`]): the branches before it, and its own.
struct Located {
    at: Locate,
    branch: Option<(Option<Regex>, Regex)>,
}

impl Located {
    fn new(slot: slot_runs::Slot) -> Option<Self> {
        let branch = match slot.branch {
            None => None,
            Some(b) => {
                // All matches reported: an anchored search ends at the longest (see `word`).
                let before = b
                    .before
                    .map(|h| build_with(&h, MatchKind::All))
                    .transpose()
                    .ok()?;
                Some((before, build_with(&b.own, MatchKind::All).ok()?))
            }
        };
        Some(Located {
            at: slot.at,
            branch,
        })
    }

    /// The byte range of the word in match `start..end` of `text`: `Some(None)` when the
    /// match did not take the word's branch (no word then), `None` when not known.
    fn word(&self, text: &str, start: usize, end: usize) -> Option<Option<(usize, usize)>> {
        let (a, b) = slot_runs::locate(text, start, end, self.at)?;
        if let Some((before, own)) = &self.branch {
            let whole = |re: &Regex| {
                re.search_half(&Input::new(text).span(a..b).anchored(Anchored::Yes))
                    .is_some_and(|h| h.offset() == b)
            };
            // The branches before first: for a word after an "any word" branch, they match,
            // and its own branch need not be asked.
            if before.as_ref().is_some_and(whole) || !whole(own) {
                return Some(None);
            }
        }
        Some(Some((a, b)))
    }
}

/// Adds the matches of `re` in `input` to `out`; with `first`, only the first non-empty
/// one (one search instead of one more to the end of the sentence).
fn push_matches(re: &Regex, input: Input<'_>, first: bool, out: &mut Vec<(usize, usize)>) {
    let found = re.find_iter(input).map(|m| (m.start(), m.end()));
    if first {
        out.extend(found.filter(|(s, e)| e > s).take(1));
    } else {
        out.extend(found);
    }
}

/// The capture names that every match of `h` fills.
fn mandatory_captures(h: &Hir) -> Vec<String> {
    use regex_syntax::hir::HirKind;
    match h.kind() {
        HirKind::Capture(c) => {
            let mut v = mandatory_captures(&c.sub);
            v.extend(c.name.as_deref().map(str::to_string));
            v
        }
        HirKind::Concat(parts) => parts.iter().flat_map(mandatory_captures).collect(),
        HirKind::Alternation(alts) => {
            let mut sets = alts.iter().map(mandatory_captures);
            let first = sets.next().unwrap_or_default();
            sets.fold(first, |acc, v| {
                acc.into_iter().filter(|n| v.contains(n)).collect()
            })
        }
        HirKind::Repetition(r) if r.min >= 1 => mandatory_captures(&r.sub),
        _ => Vec::new(),
    }
}

/// What is known of one normalised sentence while its candidate rules run: the words a slot
/// can take, and for each word test whether any of them passes (computed on first need).
struct Sentence<'t> {
    text: &'t str,
    /// The tokens of `text`, for the word engine (see [`word_program`]).
    tokens: std::cell::OnceCell<Vec<Token>>,
    /// The word engine's symbols of the tokens and the slots of its last match.
    scratch: std::cell::RefCell<(Vec<u8>, Slots)>,
    spans: std::cell::OnceCell<Vec<&'t str>>,
    words: std::cell::OnceCell<Vec<&'t str>>,
    /// Per word test: 0 not known yet, 1 a word can fill it, 2 none can (allocated on
    /// first need: most sentences never ask).
    fillable: std::cell::RefCell<Vec<u8>>,
    tests: usize,
}

impl<'t> Sentence<'t> {
    fn new(text: &'t str, tests: usize) -> Self {
        Sentence {
            text,
            tokens: std::cell::OnceCell::new(),
            scratch: Default::default(),
            spans: std::cell::OnceCell::new(),
            words: std::cell::OnceCell::new(),
            fillable: std::cell::RefCell::new(Vec::new()),
            tests,
        }
    }

    /// The tokens of the sentence, for the word engine (split on first need, in the lists
    /// of the thread's last sentence: see [`WORD_BUFFERS`]).
    fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| {
            let WordBuffers {
                mut tokens,
                symbols,
                slots,
            } = WORD_BUFFERS.take();
            *self.scratch.borrow_mut() = (symbols, slots);
            word_program::tokenize(self.text, &mut tokens);
            tokens
        })
    }

    /// Calls `each` with the slots of each match of `w` from `start`, in order, until it
    /// returns false: the matches the byte regex's `captures_iter` gives.
    /// `None` if the word engine gave up (the byte engine then decides).
    fn word_matches(
        &self,
        w: &WordProgram,
        start: usize,
        mut each: impl FnMut(&Slots) -> bool,
    ) -> Option<()> {
        let tokens = self.tokens();
        let mut scratch = self.scratch.borrow_mut();
        let (symbols, slots) = &mut *scratch;
        WordProgram::reset(tokens.len(), symbols);
        let mut from = start;
        while from <= self.text.len() && w.search(self.text, tokens, symbols, from, slots)? {
            let end = slots[1];
            if !each(slots) || end <= from {
                break;
            }
            from = end;
        }
        Some(())
    }

    /// What is known of word test `t` (see `fillable`).
    fn fillable(&self, t: usize) -> u8 {
        self.fillable.borrow().get(t).copied().unwrap_or(0)
    }

    fn set_fillable(&self, t: usize, v: u8) {
        let mut f = self.fillable.borrow_mut();
        if f.is_empty() {
            f.resize(self.tests, 0);
        }
        f[t] = v;
    }

    /// The words a slot can take, in text order (see [`pos_match::word_spans`]).
    fn spans(&self) -> &[&'t str] {
        self.spans.get_or_init(|| pos_match::word_spans(self.text))
    }

    /// The same, longest first, without repeats (see [`pos_match::candidate_words`]).
    fn words(&self) -> &[&'t str] {
        self.words
            .get_or_init(|| pos_match::longest_first(self.spans().to_vec()))
    }
}

impl Drop for Sentence<'_> {
    /// Gives the word engine's lists back to the thread, for the next sentence.
    fn drop(&mut self) {
        if let Some(tokens) = self.tokens.take() {
            let (symbols, slots) = std::mem::take(self.scratch.get_mut());
            WORD_BUFFERS.set(WordBuffers {
                tokens,
                symbols,
                slots,
            });
        }
    }
}

thread_local! {
    /// The lists of the word engine (tokens, symbols, slots), kept by each thread from one
    /// sentence to the next.
    static WORD_BUFFERS: std::cell::Cell<WordBuffers> = std::cell::Cell::new(Default::default());
}

/// See [`WORD_BUFFERS`].
#[derive(Default)]
struct WordBuffers {
    tokens: Vec<Token>,
    symbols: Vec<u8>,
    slots: Slots,
}

/// A rule's compiled patterns: fast forms always; exact forms only if a fast match ever
/// fails its word tests (then the exact regex decides, so results are always exact).
struct Compiled {
    patterns: Vec<Fast>,
    unless: Vec<Fast>,
    exact: OnceLock<Option<(Vec<Exact>, Vec<Exact>)>>,
}

/// A pattern in its exact form: every class written out.
struct Exact {
    re: Regex,
    /// The same over the sentence's tokens, when it reads whole words (see
    /// [`word_program`]): its word lists are sets looked up once per word, not automata.
    word: Option<WordProgram>,
}

/// Membership test of a large class: its listed words, then the regex part of its
/// definition (compiled on first use).
struct WordTest {
    /// The listed words, folded (see [`super::fold`]): a word of folded text is looked up as
    /// it is. A listed word with a letter that folds to `_` is left out: no word of the text
    /// unfolds to it.
    words: rustc_hash::FxHashSet<Box<str>>,
    regex_src: Option<String>,
    regex: OnceLock<Option<Regex>>,
    /// The regex part anchored at the start only: does a word begin with a member?
    prefix_regex: OnceLock<Option<Regex>>,
    /// A member may hold a space: no single word tells whether the class can match.
    multiword: bool,
    /// A part-of-speech slot: the tags, and whether they must be the word's only ones.
    pos: Option<(crate::ruleset::lexicon_image::PosSet, bool)>,
}

impl WordTest {
    /// Whether a word of folded text (see [`super::fold`]) belongs to the class.
    fn contains(&self, folded: &str, lexicon: Option<&Lexicon>) -> bool {
        if let Some((tags, only)) = self.pos {
            let word = &*super::fold::unfold(folded);
            let has = lexicon.map(|l| l.pos(word)).unwrap_or_default();
            return if only {
                has.is_only(tags)
            } else {
                has.contains_any(tags)
            };
        }
        self.words.contains(folded)
            || self.regex_src.as_ref().is_some_and(|src| {
                self.regex
                    .get_or_init(|| compile(&format!("^(?:{src})$")).ok())
                    .as_ref()
                    .is_some_and(|re| re.is_match(folded))
            })
    }

    /// Whether the class can match from the start of this word of folded text: the word or
    /// one of its prefixes is a member (an expansion may stop inside a word when the pattern
    /// puts no `\b` after it). Part-of-speech slots take whole words (see `pos_match`).
    fn may_start(&self, folded: &str, lexicon: Option<&Lexicon>) -> bool {
        if self.multiword {
            return true;
        }
        if self.pos.is_some() {
            return self.contains(folded, lexicon);
        }
        let prefix_member = folded
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .any(|end| self.words.contains(&folded[..end]));
        prefix_member
            || self.regex_src.as_ref().is_some_and(|src| {
                self.prefix_regex
                    .get_or_init(|| compile(&format!("^(?:{src})")).ok())
                    .as_ref()
                    .is_none_or(|re| re.is_match(folded))
            })
    }
}

/// A listed word of a class as folded text, as [`WordTest::words`] holds it: `None` for a
/// word no word of folded text unfolds to (a letter that folds to `_`, an upper-case letter).
fn folded_word(w: &str) -> Option<Box<str>> {
    w.chars()
        .map(|c| {
            let f = super::fold::fold_char(c);
            (!c.is_uppercase() && (c.is_ascii() || f != '_')).then_some(f)
        })
        .collect::<Option<String>>()
        .map(String::into_boxed_str)
}

/// The compiled grammar rules of one language.
pub struct Grammar {
    pub rules: Vec<GrammarRule>,
    /// Each rule's exact patterns, compiled the first time the prefilter reports the rule:
    /// most rules never match most texts.
    compiled: Vec<OnceLock<Option<Compiled>>>,
    /// The syntax tree of each rule's fast patterns and exclusions, for folded text.
    trees: Vec<[Vec<Hir>; 2]>,
    /// The prefilter's rule for the first exclusion of each rule (see
    /// [`Self::exclusions_of`]).
    unless_at: Vec<u32>,
    /// One pass over a sentence finds the rules that can match it.
    prefilter: Prefilter,
    /// The patterns (rule, place in the rule) in which the prefilter found nothing to look
    /// for: their rules run on every sentence (see [`Self::unfiltered_patterns`]).
    unfiltered: Vec<(usize, usize)>,
    word_tests: Vec<WordTest>,
    test_index: rustc_hash::FxHashMap<String, usize>,
    /// For part-of-speech slots.
    lexicon: Option<std::sync::Arc<Lexicon>>,
    /// The syntax trees of the classes written out in patterns (see [`splice`]), for the
    /// patterns parsed after loading (exact forms).
    class_trees: std::sync::Mutex<splice::ClassTrees>,
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
        // The literals of each class a fast pattern captures as "any word", worked out once.
        let mut slot_literals: rustc_hash::FxHashMap<&str, anchors::SlotLiterals> =
            Default::default();
        for r in &rules {
            for p in r.patterns.iter().chain(&r.unless) {
                for class in &p.slots {
                    if slot_literals.contains_key(class.as_str()) {
                        continue;
                    }
                    // Only classes with a regex part (verb endings, which no literal of the
                    // pattern stands for): the literals of long word lists cost more to
                    // look for than they filter (measured on English: +14% start-up
                    // instructions, no faster matching); but see `parse_list`.
                    let Some(c) = classes.large_class(class).filter(|c| c.regex.is_some()) else {
                        continue;
                    };
                    slot_literals.insert(class, class_literals(c));
                }
            }
        }
        // Each pattern's fast form is parsed once, its required literals read from the
        // syntax tree (kept for compiling the pattern if it is ever needed), on a few plain
        // threads (this is most of the work of loading a language; the first file waits for
        // it), collected in rule order. Not on the rayon pool: this runs inside a `OnceLock`
        // initialiser called from pool threads, and a pool thread waiting for rayon work
        // steals other tasks, which may ask for the same `OnceLock` and wait for themselves
        // (a deadlock). The same for the exclusions (`unless`), whose literals tell which of
        // them need to run (see [`Self::exclusions_of`]).
        let slot_literals = &slot_literals;
        let parse_list = |patterns: &[Expanded],
                          cache: &mut splice::ClassTrees|
         -> Result<(Vec<Hir>, Vec<_>), regex::Error> {
            let trees = patterns
                .iter()
                .map(|p| parse_fast(p, cache).map_err(regex::Error::Syntax))
                .collect::<Result<Vec<_>, _>>()?;
            let clauses = patterns
                .iter()
                .zip(&trees)
                .map(|(p, hir)| {
                    let class_of = |name: &str| {
                        let k: usize = name.strip_prefix('c')?.parse().ok()?;
                        p.slots.get(k).map(String::as_str)
                    };
                    let found =
                        anchors::clauses_reach(hir, &|name| slot_literals.get(class_of(name)?));
                    if !found.is_empty() {
                        return found;
                    }
                    // A pattern with no literal but those of its captured word lists would
                    // run on every sentence: it looks for those (Spanish
                    // `{IMPERATIVE_ENCLITIC}`, a list of 200 words, ran on every sentence and
                    // took 17% of the time of Spanish grammar matching; stop 18).
                    let lists: Vec<(&str, anchors::SlotLiterals)> = p
                        .slots
                        .iter()
                        .filter_map(|class| {
                            let c = classes.large_class(class).filter(|c| c.regex.is_none())?;
                            Some((class.as_str(), class_literals(c)))
                        })
                        .collect();
                    if lists.is_empty() {
                        return found;
                    }
                    anchors::clauses_reach(hir, &|name| {
                        let class = class_of(name)?;
                        let listed = lists.iter().find(|(n, _)| *n == class).map(|(_, l)| l);
                        slot_literals.get(class).or(listed)
                    })
                })
                .collect();
            Ok((trees, clauses))
        };
        let parse_rule = |r: &GrammarRule, cache: &mut splice::ClassTrees| {
            Ok::<_, regex::Error>((
                parse_list(&r.patterns, cache)?,
                parse_list(&r.unless, cache)?,
            ))
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let chunk = rules.len().div_ceil(threads).max(1);
        let mut class_trees = splice::ClassTrees::default();
        let parsed: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = rules
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        // Each thread parses the classes its rules use once.
                        let mut cache = splice::ClassTrees::default();
                        let parsed = part
                            .iter()
                            .map(|r| parse_rule(r, &mut cache))
                            .collect::<Vec<_>>();
                        (parsed, cache)
                    })
                })
                .collect();
            let mut all = Vec::with_capacity(rules.len());
            for h in handles {
                let (parsed, cache) = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                all.extend(parsed);
                class_trees.extend(cache);
            }
            all.into_iter().collect::<Result<_, _>>()
        })?;
        // The prefilter's rules: each rule's patterns, then each exclusion on its own (see
        // [`Self::exclusions_of`]).
        let (mut trees, mut clauses) = (Vec::with_capacity(rules.len()), Vec::new());
        let (mut unless_clauses, mut unless_at) = (vec![], vec![]);
        let mut unfiltered = Vec::new();
        for (r, ((t, c), (ut, uc))) in parsed.into_iter().enumerate() {
            unfiltered.extend(
                c.iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_empty())
                    .map(|(k, _)| (r, k)),
            );
            trees.push([t, ut]);
            clauses.push(c);
            unless_at.push((rules.len() + unless_clauses.len()) as u32);
            for pattern in uc {
                let literals: usize = pattern.iter().map(|c| c.literals.len()).sum();
                let filtered = !pattern.is_empty() && literals <= MAX_EXCLUSION_LITERALS;
                // An exclusion that is not filtered is a pattern without literals: the
                // prefilter's answer is always yes, from the sentence's start.
                unless_clauses.push(vec![if filtered { pattern } else { Vec::new() }]);
            }
        }
        clauses.extend(unless_clauses);
        // The exclusions are deferred: asked about only where their rule matched.
        let prefilter =
            Prefilter::with_deferred(&clauses, rules.len()).map_err(regex::Error::Syntax)?;
        let mut word_tests = Vec::new();
        let mut test_index = rustc_hash::FxHashMap::default();
        for r in &rules {
            for p in r.patterns.iter().chain(&r.unless) {
                let template_slots = p.pos_template.iter().flat_map(Template::slot_names);
                for class in p.slots.iter().chain(template_slots) {
                    if test_index.contains_key(class) {
                        continue;
                    }
                    let class_def = classes.large_class(class);
                    let listed = class_def.iter().flat_map(|c| &c.words);
                    let words = listed.clone().filter_map(|w| folded_word(w)).collect();
                    let regex_src = class_def.and_then(|c| c.regex.clone());
                    let multiword = listed.clone().any(|w| w.contains(' '))
                        || regex_src
                            .as_deref()
                            .is_some_and(|r| r.contains(' ') || r.contains("\\s"));
                    word_tests.push(WordTest {
                        words,
                        regex_src,
                        regex: OnceLock::new(),
                        prefix_regex: OnceLock::new(),
                        multiword,
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
            trees,
            unless_at,
            prefilter,
            unfiltered,
            word_tests,
            test_index,
            lexicon: classes.pos_lexicon.clone(),
            class_trees: std::sync::Mutex::new(class_trees),
        })
    }

    /// How many rules the prefilter lets through for `text` (for benchmarks).
    pub fn candidate_count(&self, text: &str) -> usize {
        let mut rules: Vec<u32> = self
            .prefilter
            .candidates(&Normalized::new(text, 0, text.len()).text)
            .iter()
            .map(|c| c.rule)
            .collect();
        rules.dedup();
        rules.len()
    }

    /// The patterns, as (rule, place among the rule's patterns), in which no text was found
    /// that every match must hold (a word, a few letters): the prefilter cannot rule their
    /// rules out, which then run on every sentence. The matches are the same; the time grows
    /// with each such rule (`cefrlint rules test` tells a rule's author).
    pub fn unfiltered_patterns(&self) -> &[(usize, usize)] {
        &self.unfiltered
    }

    /// Each fast pattern and exclusion, as (rule, pattern source, whether the word engine
    /// takes it: see [`word_program`]) (for benchmarks).
    pub fn word_engine_patterns(&self) -> Vec<(usize, &str, bool)> {
        let mut out = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            let sources = r.patterns.iter().chain(&r.unless);
            for (hir, p) in self.trees[i].iter().flatten().zip(sources) {
                out.push((i, p.fast.as_str(), WordProgram::new(hir).is_some()));
            }
        }
        out
    }

    /// How many rules run on every sentence (for benchmarks).
    pub fn always_count(&self) -> usize {
        self.prefilter.always_len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The shared class trees (a panic elsewhere leaves them usable: they only grow).
    fn class_trees(&self) -> std::sync::MutexGuard<'_, splice::ClassTrees> {
        self.class_trees
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Rule `i`'s compiled fast patterns (compiled on first call; `None` if they do not
    /// compile, which validation at load time rules out).
    fn compiled(&self, i: usize) -> Option<&Compiled> {
        let r = &self.rules[i];
        self.compiled[i]
            .get_or_init(|| {
                let fast = |ps: &[Expanded], trees: &[Hir]| -> Result<Vec<Fast>, String> {
                    ps.iter()
                        .zip(trees)
                        .map(|(p, hir)| {
                            let mandatory = mandatory_captures(hir)
                                .iter()
                                .filter_map(|n| n.strip_prefix('c')?.parse().ok())
                                .filter(|&k: &usize| k < p.slots.len())
                                .collect();
                            let re = build(hir)?;
                            let groups = (0..p.slots.len())
                                .map(|k| {
                                    re.group_info()
                                        .to_index(regex_automata::PatternID::ZERO, &format!("c{k}"))
                                        .unwrap_or(usize::MAX)
                                })
                                .collect();
                            Ok(Fast {
                                word: word_engine().then(|| WordProgram::new(hir)).flatten(),
                                re,
                                groups,
                                slots: p.slots.iter().map(|c| self.test_index[c]).collect(),
                                always_specialise: p
                                    .pos_template
                                    .as_ref()
                                    .is_some_and(|t| t.always_specialise),
                                mandatory,
                                located: slot_runs::plan(hir, p.slots.len()).and_then(|slots| {
                                    slots.into_iter().map(Located::new).collect()
                                }),
                                fixed_by_end: slot_runs::fixed_by_end(hir, p.slots.len()),
                                failing: AtomicU8::new(0),
                            })
                        })
                        .collect()
                };
                Some(Compiled {
                    patterns: fast(&r.patterns, &self.trees[i][0]).ok()?,
                    unless: fast(&r.unless, &self.trees[i][1]).ok()?,
                    exact: OnceLock::new(),
                })
            })
            .as_ref()
    }

    /// Rule `i`'s exact patterns and exclusions, compiled on first need. A pattern without
    /// captured classes is its own exact form (`fast == regex`): its fast regex is reused.
    fn exact<'a>(&self, i: usize, c: &'a Compiled) -> Option<&'a (Vec<Exact>, Vec<Exact>)> {
        let r = &self.rules[i];
        c.exact
            .get_or_init(|| {
                let all = |ps: &[Expanded], fs: &[Fast]| -> Result<Vec<Exact>, String> {
                    ps.iter()
                        .zip(fs)
                        .map(|(p, f)| {
                            if p.slots.is_empty() && p.fast == p.regex {
                                return Ok(Exact {
                                    re: f.re.clone(),
                                    word: None,
                                });
                            }
                            let hir = parse_exact(p, &mut self.class_trees())?;
                            Ok(Exact {
                                re: compile_exact(&hir)?,
                                word: word_engine().then(|| WordProgram::new(&hir)).flatten(),
                            })
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

    /// Adds to `out` the non-overlapping matches of a fast pattern; or adds nothing and
    /// returns false as soon as a captured word fails its class test (the fast form's choice
    /// is then not trusted).
    ///
    /// No match starts before `start` (see [`Candidate`]): the search starts there (the text
    /// before it still counts for look-behind, such as `\b`). With `first`, only the matches
    /// up to the first non-empty one are added (one search instead of one more to the end of
    /// the sentence). For a pattern with captured classes that is enough once the first
    /// non-empty match's words pass: the exact form's matches are among the fast form's, so
    /// the fast form's first match whose words all belong is the exact form's first too (the
    /// way it takes through the pattern is open to the exact form, and any way the exact form
    /// prefers was open to the fast form, which did not match by it).
    fn fast_matches(
        &self,
        p: &Fast,
        s: &Sentence<'_>,
        start: usize,
        first: bool,
        out: &mut Vec<(usize, usize)>,
    ) -> bool {
        if let Some(w) = &p.word {
            if let Some(trusted) = self.word_fast_matches(p, w, s, start, first, out) {
                return trusted;
            }
        }
        let text = s.text;
        let input = || regex_automata::Input::new(text).range(start..);
        if p.always_specialise {
            return !p.re.is_match(input());
        }
        if p.slots.is_empty() {
            push_matches(&p.re, input(), first, out);
            return true;
        }
        let known = out.len();
        let lexicon = self.lexicon.as_deref();
        if let Some(located) = &p.located {
            match self.located_matches(p, located, text, input(), first, out) {
                Some(trusted) => return trusted,
                // A word whose place the match does not tell (there is a match): the
                // backtracker says.
                None => out.truncate(known),
            }
        } else if !p.re.is_match(input()) {
            // A quick yes/no first: most candidate rules do not match, and this needs no
            // capture groups.
            return true;
        }
        for caps in p.re.captures_iter(input()) {
            for (&g, &t) in p.groups.iter().zip(&p.slots) {
                if let Some(m) = caps.get_group(g) {
                    if !self.word_tests[t].contains(&text[m.range()], lexicon) {
                        out.truncate(known);
                        return false;
                    }
                }
            }
            let m = caps.get_match().expect("a match has group 0");
            out.push((m.start(), m.end()));
            if first && !m.is_empty() {
                break;
            }
        }
        true
    }

    /// [`Self::fast_matches`] by the word engine: the same matches and captures, found over
    /// the sentence's tokens; `None` if it gave up.
    fn word_fast_matches(
        &self,
        p: &Fast,
        w: &WordProgram,
        s: &Sentence<'_>,
        start: usize,
        first: bool,
        out: &mut Vec<(usize, usize)>,
    ) -> Option<bool> {
        let known = out.len();
        let lexicon = self.lexicon.as_deref();
        let mut trusted = true;
        let mut any = false;
        let done = s.word_matches(w, start, |slots| {
            any = true;
            if p.always_specialise {
                return false;
            }
            for (&g, &t) in p.groups.iter().zip(&p.slots) {
                let (a, b) = (slots[2 * g], slots[2 * g + 1]);
                if a != usize::MAX
                    && b != usize::MAX
                    && !self.word_tests[t].contains(&s.text[a..b], lexicon)
                {
                    trusted = false;
                    return false;
                }
            }
            out.push((slots[0], slots[1]));
            !(first && slots[1] > slots[0])
        });
        if done.is_none() {
            out.truncate(known);
            return None;
        }
        if p.always_specialise {
            return Some(!any);
        }
        if !trusted {
            out.truncate(known);
        }
        Some(trusted)
    }

    /// [`Self::fast_matches`] for a pattern whose captured words are runs of its matches (see
    /// [`slot_runs`]): no capture groups needed. `None` if a word's place is not known.
    fn located_matches(
        &self,
        p: &Fast,
        located: &[Located],
        text: &str,
        input: regex_automata::Input<'_>,
        first: bool,
        out: &mut Vec<(usize, usize)>,
    ) -> Option<bool> {
        let known = out.len();
        let lexicon = self.lexicon.as_deref();
        'matches: for m in p.re.find_iter(input) {
            for (l, &t) in located.iter().zip(&p.slots) {
                let Some((a, b)) = l.word(text, m.start(), m.end())? else {
                    continue;
                };
                if !self.word_tests[t].contains(&text[a..b], lexicon) {
                    if p.fixed_by_end {
                        continue 'matches;
                    }
                    out.truncate(known);
                    return Some(false);
                }
            }
            out.push((m.start(), m.end()));
            if first && !m.is_empty() {
                break;
            }
        }
        Some(true)
    }

    /// Whether the exact form of a pattern can match the sentence at all: every slot that a
    /// match must fill has a word of the sentence that can fill it. When not, the exact
    /// regex (large, slow to compile) need not be compiled yet.
    fn possible(&self, p: &Fast, s: &Sentence<'_>) -> bool {
        p.mandatory.iter().all(|&k| {
            let t = p.slots[k];
            let known = s.fillable(t);
            if known != 0 {
                return known == 1;
            }
            let test = &self.word_tests[t];
            let lexicon = self.lexicon.as_deref();
            let yes = s.spans().iter().any(|w| test.may_start(w, lexicon));
            s.set_fillable(t, if yes { 1 } else { 2 });
            yes
        })
    }

    /// The first match of rule `i` in a normalised sentence, after `unless` filtering.
    fn rule_first_match(&self, i: usize, s: &Sentence<'_>) -> Option<(usize, usize)> {
        self.rule_first_match_with(i, s, false)
    }

    /// The matches of every rule in a sentence, each computed twice, with the fast forms and
    /// with the exact regexes only: the rules whose results differ (for tests).
    pub fn fast_and_exact_disagree(&self, sentence: &str) -> Vec<usize> {
        let norm = Normalized::new(sentence, 0, sentence.len());
        let s = Sentence::new(&norm.text, self.word_tests.len());
        (0..self.rules.len())
            .filter(|&i| {
                self.rule_first_match_with(i, &s, false) != self.rule_first_match_with(i, &s, true)
            })
            .collect()
    }

    /// The matches of one list of patterns (a rule's patterns, or its exclusions): each
    /// pattern's fast form where its captured words pass their tests, else its exact form,
    /// unless no word of the sentence can fill one of its slots. With `starts`, only the
    /// patterns listed there run, each from its start (see [`Candidate`]); the others cannot
    /// match.
    #[allow(clippy::too_many_arguments)]
    fn matches_of(
        &self,
        i: usize,
        c: &Compiled,
        unless: bool,
        s: &Sentence<'_>,
        exact_only: bool,
        starts: Option<&[Candidate]>,
        out: &mut Vec<(usize, usize)>,
    ) {
        let (fast, expanded) = if unless {
            (&c.unless, &self.rules[i].unless)
        } else {
            (&c.patterns, &self.rules[i].patterns)
        };
        // Only the first match of a rule without exclusions counts (see
        // `rule_first_match_in`).
        let first = !unless && c.unless.is_empty();
        out.clear();
        let mut run = |k: usize, start: usize| {
            let f = &fast[k];
            // Until the exact forms are compiled, the fast form always runs first (see
            // `possible` below: a short text may never need them).
            if !exact_only && (c.exact.get().is_none() || f.worth_trying()) {
                let trusted = self.fast_matches(f, s, start, first, out);
                if !f.slots.is_empty() {
                    f.record(trusted);
                }
                if trusted {
                    return;
                }
                // Once the exact forms are compiled, running one costs less than asking
                // whether it can match (stop 17: German 357 -> 307 M instructions per MB of
                // the MERLIN texts, Italian 410 -> 247, French 447 -> 412); before, the
                // question may spare compiling them.
                if c.exact.get().is_none() && !self.possible(f, s) {
                    return;
                }
            }
            let Some((patterns, exclusions)) = self.exact(i, c) else {
                return;
            };
            let exact = if unless { &exclusions[k] } else { &patterns[k] };
            match &expanded[k].pos_template {
                Some(t) => out.extend(self.specialised_matches(t, s)),
                // From the same start as the fast form: every match of the exact form is one
                // of the fast form, whose literals bound where it starts (see `Candidate`).
                None => {
                    let known = out.len();
                    let by_words = exact.word.as_ref().and_then(|w| {
                        s.word_matches(w, start, |slots| {
                            out.push((slots[0], slots[1]));
                            !(first && slots[1] > slots[0])
                        })
                    });
                    if by_words.is_none() {
                        out.truncate(known);
                        push_matches(&exact.re, Input::new(s.text).range(start..), first, out);
                    }
                }
            }
        };
        match starts {
            None => (0..fast.len()).for_each(|k| run(k, 0)),
            // Listed by pattern (see `Candidate`): the patterns run in the same order.
            Some(cands) => {
                for cand in cands {
                    run(
                        cand.pattern as usize,
                        crate::source::floor_char_boundary(s.text, cand.start as usize),
                    );
                }
            }
        }
    }

    /// The first match of rule `i` with all its patterns and exclusions (see
    /// [`Self::rule_first_match_in`]), with the exact forms only if `exact_only`.
    fn rule_first_match_with(
        &self,
        i: usize,
        s: &Sentence<'_>,
        exact_only: bool,
    ) -> Option<(usize, usize)> {
        self.rule_first_match_in(i, s, exact_only, None, None, &mut Matches::default())
    }

    /// The first match of rule `i` (the non-empty one that starts first, the shortest of
    /// those), if any; with `starts`, of its patterns listed there (see
    /// [`Self::matches_of`]). With `hits` (what the prefilter found in the sentence), only
    /// the exclusions listed by [`Self::exclusions_of`] run; without, all.
    /// The matches are gathered in `lists`.
    fn rule_first_match_in(
        &self,
        i: usize,
        s: &Sentence<'_>,
        exact_only: bool,
        starts: Option<&[Candidate]>,
        hits: Option<&Hits>,
        lists: &mut Matches,
    ) -> Option<(usize, usize)> {
        let c = self.compiled(i)?;
        let Matches {
            found,
            excluded,
            unless_starts,
            ..
        } = lists;
        self.matches_of(i, c, false, s, exact_only, starts, found);
        found.retain(|(s, e)| e > s);
        if found.is_empty() {
            return None;
        }
        if !c.unless.is_empty() {
            let unless_starts = hits.map(|h| {
                self.exclusions_of(i, h, unless_starts);
                &unless_starts[..]
            });
            self.matches_of(i, c, true, s, exact_only, unless_starts, excluded);
            found.retain(|(s, e)| !excluded.iter().any(|(us, ue)| us < e && s < ue));
        }
        found.iter().copied().min()
    }

    /// The matches of a pattern with part-of-speech slots, from its template specialised to
    /// this sentence (see [`pos_match`]): exact, and small to compile.
    fn specialised_matches(&self, t: &Template, s: &Sentence<'_>) -> Vec<(usize, usize)> {
        let lexicon = self.lexicon.as_deref();
        let src = pos_match::specialise(t, s.words(), |slot, w| {
            self.test_index
                .get(slot)
                .is_some_and(|&k| self.word_tests[k].contains(w, lexicon))
        });
        match parse_folded(&src).and_then(|hir| compile_exact(&hir)) {
            Ok(re) => re.find_iter(s.text).map(|m| (m.start(), m.end())).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Every structure in `text[start..end]` (one sentence): at most one match per rule, the
    /// first one, with its range in `text`. (Never inlined: `bench/grammar_cost.sh` counts
    /// what runs inside it.)
    #[inline(never)]
    pub fn find(&self, text: &str, start: usize, end: usize) -> Vec<StructureMatch> {
        self.find_observed(text, start, end, None)
    }

    /// [`Self::find`], adding to `costs` (one per rule) the time each candidate rule took,
    /// for benchmarks (see `examples/grammar_speed.rs`): which rules the matching time goes
    /// to on a text. The matches are those of [`Self::find`].
    pub fn find_profiled(
        &self,
        text: &str,
        start: usize,
        end: usize,
        costs: &mut [RuleCost],
    ) -> Vec<StructureMatch> {
        self.find_observed(text, start, end, Some(costs))
    }

    /// [`Self::find`], each rule run counted in `costs` if given.
    fn find_observed(
        &self,
        text: &str,
        start: usize,
        end: usize,
        costs: Option<&mut [RuleCost]>,
    ) -> Vec<StructureMatch> {
        let norm = Normalized::reusing(text, start, end, NORMALIZED.take());
        let out = self.find_in(text, &norm, costs);
        NORMALIZED.set(norm.buffers());
        out
    }

    /// [`Self::find`] in a normalised sentence of `text`.
    fn find_in(
        &self,
        text: &str,
        norm: &Normalized,
        mut costs: Option<&mut [RuleCost]>,
    ) -> Vec<StructureMatch> {
        if norm.text.is_empty() {
            return Vec::new();
        }
        let mut lists = MATCHES.take();
        let mut candidates = std::mem::take(&mut lists.candidates);
        let mut hits = std::mem::take(&mut lists.hits);
        // The rules' patterns, sorted by rule (the exclusions are deferred: see
        // `exclusions_of`).
        self.prefilter
            .candidates_into(&norm.text, &mut candidates, &mut hits);
        let sentence = Sentence::new(&norm.text, self.word_tests.len());
        let mut out = Vec::new();
        // One run per rule.
        for run in candidates.chunk_by(|a, b| a.rule == b.rule) {
            let r = run[0].rule as usize;
            let starts = (run[0].pattern != ALL_PATTERNS).then_some(run);
            let began = costs.is_some().then(std::time::Instant::now);
            let found =
                self.rule_first_match_in(r, &sentence, false, starts, Some(&hits), &mut lists);
            if let (Some(costs), Some(began)) = (costs.as_deref_mut(), began) {
                if let Some(c) = costs.get_mut(r) {
                    c.add(began, found.is_some());
                }
            }
            if let Some((s, e)) = found {
                let (os, oe) = norm.original(text, s, e);
                out.push(StructureMatch {
                    rule: r,
                    start: os,
                    end: oe,
                });
            }
        }
        lists.candidates = candidates;
        lists.hits = hits;
        MATCHES.set(lists);
        out
    }

    /// The exclusions of rule `r` that can match, in `out`, listed as its candidate patterns
    /// are (see [`Candidate`]). Each exclusion is a deferred rule of its own for the
    /// prefilter, numbered after the grammar's rules (see [`Self::new`]), asked about with
    /// `hits`, what the prefilter found in the sentence. An exclusion the prefilter looks for
    /// is listed when its literals were found, from the start they allow; the others always,
    /// from the sentence's start. Exclusions run only where their rule matched: on English
    /// sentences, 45% of the patterns run were exclusions before they were filtered (stop 16).
    fn exclusions_of(&self, r: usize, hits: &Hits, out: &mut Vec<Candidate>) {
        let at = self.unless_at[r] as usize;
        out.clear();
        out.extend((0..self.rules[r].unless.len() as u32).filter_map(|k| {
            let start = self.prefilter.deferred_start(hits, at + k as usize)?;
            Some(Candidate {
                rule: r as u32,
                pattern: k,
                start,
            })
        }));
    }

    /// The first match of one rule in a sentence, as original text (for rule examples).
    pub fn first_match_of<'t>(&self, rule: usize, sentence: &'t str) -> Option<&'t str> {
        let norm = Normalized::new(sentence, 0, sentence.len());
        let s = Sentence::new(&norm.text, self.word_tests.len());
        let (s, e) = self.rule_first_match(rule, &s)?;
        let (os, oe) = norm.original(sentence, s, e);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSource;

    /// The embedded rule set of each language, compiled.
    fn embedded_grammars() -> impl Iterator<Item = (&'static str, Grammar)> {
        ["en", "fr", "es", "de", "it"].into_iter().map(|lang| {
            let (classes, rules) = RuleSource::Embedded.grammar_of(lang).unwrap();
            (lang, Grammar::new(rules, &classes).unwrap())
        })
    }

    /// Every example sentence of a rule set: those its rules must match, then those they
    /// must not.
    fn every_example(g: &Grammar) -> Vec<&str> {
        g.rules
            .iter()
            .flat_map(|r| {
                r.must_match
                    .iter()
                    .map(|e| e.text.as_str())
                    .chain(r.must_not_match.iter().map(|(t, _)| t.as_str()))
            })
            .collect()
    }

    /// Checks that `find` (prefilter, then the rules) gives in `s` the match each rule alone
    /// gives, at the same place; returns how many rules were compared.
    fn assert_find_agrees(g: &Grammar, lang: &str, s: &str) -> usize {
        let found = g.find(s, 0, s.len());
        for i in 0..g.rules.len() {
            // Where the match is, not only its text (a sentence may repeat it).
            let alone = g.first_match_of(i, s).map(|m| {
                let at = m.as_ptr() as usize - s.as_ptr() as usize;
                (at, at + m.len())
            });
            let through = found.iter().find(|m| m.rule == i).map(|m| (m.start, m.end));
            assert_eq!(through, alone, "{lang} {}: {s:?}", g.rules[i].id);
        }
        g.rules.len()
    }

    /// The fast forms with captured classes of rule `id`.
    fn fast_forms<'g>(g: &'g Grammar, id: &str) -> Vec<&'g Fast> {
        let i = g.rules.iter().position(|r| r.id == id).unwrap();
        let c = g.compiled(i).unwrap();
        c.patterns
            .iter()
            .chain(&c.unless)
            .filter(|f| !f.slots.is_empty())
            .collect()
    }

    /// A fast form whose captured words keep failing their tests is tried only now and then
    /// (see [`Fast::worth_trying`]), until they pass again; the matches do not change.
    #[test]
    fn a_fast_form_whose_words_keep_failing_is_tried_now_and_then() {
        let (classes, rules) = RuleSource::Embedded.grammar_of("es").unwrap();
        let g = Grammar::new(rules, &classes).unwrap();
        let i = g
            .rules
            .iter()
            .position(|r| r.id == "preterite-regular")
            .unwrap();
        let with = "Ayer hablé con mi profesora.";
        let without = "Mis amigos hablan con la profesora.";
        assert_eq!(g.first_match_of(i, with), Some("hablé"));
        let [fast] = fast_forms(&g, "preterite-regular")[..] else {
            panic!("one pattern with a captured class");
        };
        assert!(fast.failing.load(Ordering::Relaxed) < FAILING);
        // "Mis" is captured first, and is no preterite.
        for _ in 0..64 {
            assert_eq!(g.first_match_of(i, without), None);
        }
        let failing = fast.failing.load(Ordering::Relaxed);
        assert!(failing >= FAILING, "{failing}");
        // The exact form first, the fast one now and then.
        let tried = (0..SAMPLE_EVERY * 4)
            .filter(|_| fast.worth_trying())
            .count();
        assert_eq!(tried, 4);
        for _ in 0..SAMPLE_EVERY * 4 {
            assert_eq!(g.first_match_of(i, with), Some("hablé"));
            assert_eq!(g.first_match_of(i, without), None);
        }
        // Words that pass their tests again: the fast form is tried first again.
        for _ in 0..64 {
            fast.record(true);
        }
        assert!(fast.failing.load(Ordering::Relaxed) < FAILING);
        assert!((0..8).all(|_| fast.worth_trying()));
    }

    /// A large class that is one branch of an alternation, with a branch after it: when the
    /// fast form's word fails the class test, the exact form may still match the word by the
    /// later branch, so the fast form's failed match must not rule the sentence out (see
    /// [`slot_runs::fixed_by_end`]). A user's rule set, with a class long enough to be
    /// captured as any word (the embedded rule sets had none in such a place).
    #[test]
    fn a_word_that_fails_a_large_class_may_match_a_later_branch() {
        use crate::ruleset::grammar::{parse_classes, parse_grammar};
        use crate::source::SourceFile;
        // Real irregular Präteritum forms, then made-up fillers (`xq…`) so that the class
        // is over the length at which it is captured as any word.
        let mut words: Vec<String> = ["ging", "kam", "sah", "fand", "lief", "blieb", "schrieb"]
            .map(String::from)
            .to_vec();
        words.extend((0..400).map(|k| format!("xq{k:03}")));
        let classes = format!(
            "version: 1\nlanguage: de\nclasses:\n  PRAET_IRREG:\n    description: \"test\"\n    words: [{}]\n",
            words.join(", ")
        );
        let classes = parse_classes(&SourceFile::new("classes.yaml", classes), "de").unwrap();
        assert!(classes.large_class("PRAET_IRREG").is_some());
        let grammar = r#"version: 1
language: de
rules:
  - id: als-nebensatz
    level: B1
    name: {en: "als clause", fr: "subordonnée en als"}
    description: {en: "als, then a past verb at the end of the clause.", fr: "als, puis un verbe au passé en fin de proposition."}
    patterns:
      - '^als (?:[^,.;:!?]* )?(?:war|{PRAET_IRREG}|[a-zäöüß]{2,}te),'
    examples:
      match:
        - {text: "Als ich ein Zimmer suchte, half sie mir.", matched: "Als ich ein Zimmer suchte,"}
        - {text: "Als er nach Hause ging, regnete es.", matched: "Als er nach Hause ging,"}
      no_match:
        - "Als Lehrer, sagt sie, muss man geduldig sein."
"#;
        let rules =
            parse_grammar(&SourceFile::new("grammar.yaml", grammar), "de", &classes).unwrap();
        let g = Grammar::new(rules, &classes).unwrap();
        assert!(g.test_examples().is_empty(), "{:?}", g.test_examples());
        for s in [
            "Als ich ein Zimmer suchte, half sie mir.",
            "Als sie in Berlin lebte, kam er oft.",
            "Als er nach Hause ging, regnete es.",
        ] {
            assert!(g.first_match_of(0, s).is_some(), "{s}");
            assert!(g.fast_and_exact_disagree(s).is_empty(), "{s}");
            assert_eq!(g.find(s, 0, s.len()).len(), 1, "{s}");
        }
    }

    /// The fast forms are only a faster way to the exact forms' matches, whatever the size
    /// of the classes: with every class of single words captured as any word (the length
    /// limit lowered to 0), and with more of them than usual (300), every rule of every
    /// embedded rule set still passes its examples, its fast and exact forms agree on each
    /// example, alone and after another one, and `find` agrees with each rule alone.
    #[test]
    fn every_class_captured_as_any_word_changes_no_match() {
        use crate::ruleset::grammar::INLINE_LIMIT_IN_TESTS;
        let mut checked = 0;
        // Each test runs on a thread of its own: the others keep the usual limit.
        for limit in [0, 300] {
            INLINE_LIMIT_IN_TESTS.with(|l| l.set(limit));
            for lang in ["en", "fr", "es", "de", "it"] {
                let (classes, rules) = RuleSource::Embedded.grammar_of(lang).unwrap();
                // A short class (thirty modal forms) is large at 0.
                assert!(lang != "de" || limit > 0 || classes.large_class("MODAL").is_some());
                let g = Grammar::new(rules, &classes).unwrap();
                let bad: Vec<_> = g
                    .test_examples()
                    .into_iter()
                    .map(|(i, m)| (&g.rules[i].id, m.en))
                    .collect();
                assert!(bad.is_empty(), "{lang}, {limit}: {bad:?}");
                let examples = every_example(&g);
                let after = examples.iter().cycle().skip(7);
                for (s, before) in examples.iter().zip(after) {
                    for text in [s.to_string(), format!("{before} {s}")] {
                        let disagree: Vec<_> = g
                            .fast_and_exact_disagree(&text)
                            .iter()
                            .map(|&i| &g.rules[i].id)
                            .collect();
                        assert!(
                            disagree.is_empty(),
                            "{lang}, {limit}: {disagree:?} on {text:?}"
                        );
                        checked += 1;
                    }
                    assert_find_agrees(&g, lang, s);
                }
            }
        }
        assert!(checked > 5000, "{checked}");
    }

    /// A pattern whose captured words are fixed by its end (see [`slot_runs::fixed_by_end`])
    /// goes on past a match whose word fails its test, instead of handing the sentence to
    /// its exact form: here the first clause ends with a noun, the second with an
    /// infinitive. The fast form stays trusted, and agrees with the exact one.
    #[test]
    fn a_clause_whose_last_word_fails_is_passed_over() {
        let (classes, rules) = RuleSource::Embedded.grammar_of("de").unwrap();
        let g = Grammar::new(rules, &classes).unwrap();
        let id = "modalverb-infinitiv";
        let i = g.rules.iter().position(|r| r.id == id).unwrap();
        let pattern = fast_forms(&g, id)[0];
        assert!(pattern.fixed_by_end);
        let s = "Ich kann das Buch nicht, aber morgen will ich es lesen.";
        for _ in 0..64 {
            assert_eq!(g.first_match_of(i, s), Some("will ich es lesen."));
        }
        assert_eq!(pattern.failing.load(Ordering::Relaxed), 0);
        assert_eq!(g.first_match_of(i, "Ich kann das Buch nicht."), None);
        assert!(g.fast_and_exact_disagree(s).is_empty());
    }

    /// The prefilter never hides a match: each example that a rule must match is found by
    /// `find` (prefilter, then the rule) with the same match as the rule alone gives, in
    /// every embedded rule set; and the examples of the other rules, which most rules do not
    /// match, agree too. The rule alone runs all its exclusions; `find` only those whose
    /// literals the prefilter found (see [`Grammar::exclusions_of`]).
    #[test]
    fn the_prefilter_lets_every_example_through() {
        let mut checked = 0;
        for (lang, g) in embedded_grammars() {
            for s in every_example(&g) {
                checked += assert_find_agrees(&g, lang, s);
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// The word engine (see [`word_program`]) finds what the byte engine finds, with the
    /// same captures, for every pattern it takes (fast and exact forms), in every language:
    /// on each example, from its start, and on each example after another one, from the
    /// start of the sentence, from the start of the second example, and from inside the
    /// first example's last word (a prefilter's start may fall anywhere).
    #[test]
    fn the_word_engine_finds_what_the_byte_engine_finds() {
        let (mut taken, mut all, mut compared, mut matched) = (0, 0, 0, 0);
        let mut slots = Slots::new();
        let mut symbols = Vec::new();
        for (lang, g) in embedded_grammars() {
            let examples = every_example(&g);
            let mut cases: Vec<(String, Vec<usize>)> = Vec::new();
            for (k, e) in examples.iter().enumerate() {
                let e = Normalized::new(e, 0, e.len()).text.to_string();
                let other = examples[(k * 7 + 3) % examples.len()];
                let other = Normalized::new(other, 0, other.len()).text.to_string();
                let second = other.len() + 1;
                let inside =
                    crate::source::floor_char_boundary(&other, other.len().saturating_sub(2));
                cases.push((e.clone(), vec![0]));
                cases.push((format!("{other} {e}"), vec![0, second, inside]));
            }
            let cases: Vec<_> = cases
                .into_iter()
                .map(|(s, froms)| {
                    let mut tokens = Vec::new();
                    word_program::tokenize(&s, &mut tokens);
                    (s, froms, tokens)
                })
                .collect();
            for (i, r) in g.rules.iter().enumerate() {
                // The fast forms, then the exact forms (every class written out).
                let exact: Vec<Hir> = r
                    .patterns
                    .iter()
                    .chain(&r.unless)
                    .filter(|p| p.pos_template.is_none())
                    .map(|p| parse_exact(p, &mut g.class_trees()).unwrap())
                    .collect();
                for hir in g.trees[i].iter().flatten().chain(&exact) {
                    all += 1;
                    let Some(w) = WordProgram::new(hir) else {
                        continue;
                    };
                    taken += 1;
                    let re = build(hir).unwrap();
                    let mut caps = re.create_captures();
                    for (s, froms, tokens) in &cases {
                        for &from in froms {
                            re.search_captures(&Input::new(s).range(from..), &mut caps);
                            let want: Vec<usize> = (0..caps.group_len())
                                .flat_map(|k| {
                                    caps.get_group(k)
                                        .map_or([usize::MAX; 2], |m| [m.start, m.end])
                                })
                                .collect();
                            WordProgram::reset(tokens.len(), &mut symbols);
                            let found =
                                w.search(s, tokens, &mut symbols, from, &mut slots).unwrap();
                            let got = if found {
                                slots.clone()
                            } else {
                                vec![usize::MAX; want.len()]
                            };
                            assert_eq!(got, want, "{lang} {} from {from}: {s:?}", r.id);
                            compared += 1;
                            matched += usize::from(found);
                        }
                    }
                }
            }
        }
        // Most patterns are taken; many comparisons find a match.
        eprintln!(
            "word engine: {taken} of {all} patterns; {matched} matches in {compared} searches"
        );
        assert!(taken * 100 > all * 70, "{taken} of {all}");
        assert!(
            matched > 10_000 && compared > 1_000_000,
            "{matched} of {compared}"
        );
    }

    /// Profiling changes no match: `find_profiled` finds what `find` finds in every example,
    /// and counts a run for each rule the prefilter let through, a matched run for each
    /// match. (German: the example's sentences hold most of its structures.)
    #[test]
    fn profiling_finds_what_find_finds_and_counts_each_run() {
        let (classes, rules) = RuleSource::Embedded.grammar_of("de").unwrap();
        let g = Grammar::new(rules, &classes).unwrap();
        let mut costs = vec![RuleCost::default(); g.rules.len()];
        let (mut found, mut listed) = (0, 0);
        for s in every_example(&g) {
            let profiled = g.find_profiled(s, 0, s.len(), &mut costs);
            assert_eq!(profiled, g.find(s, 0, s.len()), "{s:?}");
            found += profiled.len() as u64;
            let normalized = Normalized::new(s, 0, s.len());
            listed += g
                .prefilter
                .candidates(&normalized.text)
                .chunk_by(|a, b| a.rule == b.rule)
                .count() as u64;
        }
        let runs: u64 = costs.iter().map(|c| c.runs).sum();
        let matched: u64 = costs.iter().map(|c| c.matched).sum();
        assert!(found > 500, "{found}");
        assert_eq!(matched, found);
        assert_eq!(runs, listed);
        assert!(costs.iter().all(|c| c.matched <= c.runs));
        assert!(costs.iter().any(|c| c.nanos > 0));
    }

    /// The same with each example after another rule's example, in one sentence: the
    /// prefilter's start positions (see `prefilter::Candidate`) are exercised with literals
    /// that occur before the match, more than once, or in the other example only.
    #[test]
    fn the_prefilter_lets_examples_through_after_other_text() {
        let mut checked = 0;
        for (lang, g) in embedded_grammars() {
            let examples: Vec<&str> = g
                .rules
                .iter()
                .flat_map(|r| r.must_match.iter().map(|e| e.text.as_str()))
                .collect();
            for (k, e) in examples.iter().enumerate() {
                let other = examples[(k * 7 + 3) % examples.len()];
                for s in [format!("{other} {e}"), format!("{e}, {e}")] {
                    checked += assert_find_agrees(&g, lang, &s);
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// The same with a caret after every word of each example, its stops made full stops
    /// ("J'ai^ deux^ frères^."): a caret is a word boundary that is neither a space nor a
    /// stop, and the prefilter must not miss a word that it follows (it missed `\bai\b`
    /// there until stop 27).
    #[test]
    fn the_prefilter_lets_examples_through_with_a_caret_after_each_word() {
        let mut checked = 0;
        for (lang, g) in embedded_grammars() {
            for r in &g.rules {
                for e in &r.must_match {
                    let s = e
                        .text
                        .replace(' ', "^ ")
                        .replace(['.', ',', '?', '!'], "^.");
                    checked += assert_find_agrees(&g, lang, &s);
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// Where a pattern's captured words are located from the runs of its match (see
    /// [`slot_runs`]), they are the captures the backtracker reports, on every example of
    /// every embedded rule set and on pairs of examples.
    #[test]
    fn located_slots_are_the_captures() {
        let (mut checked, mut located, mut with_slots, mut unknown) = (0, 0, 0, 0);
        // Words that are branches of an alternation: taken by the match, and not.
        let (mut taken, mut not_taken) = (0, 0);
        for (lang, g) in embedded_grammars() {
            let examples = every_example(&g);
            let sentences: Vec<String> = examples
                .iter()
                .enumerate()
                .flat_map(|(k, e)| {
                    let other = examples[(k * 7 + 3) % examples.len()];
                    [e.to_string(), format!("{other} {e}")]
                })
                .map(|s| Normalized::new(&s, 0, s.len()).text.to_string())
                .collect();
            for i in 0..g.rules.len() {
                let c = g.compiled(i).unwrap();
                for f in c.patterns.iter().chain(&c.unless) {
                    if f.slots.is_empty() {
                        continue;
                    }
                    with_slots += 1;
                    let Some(at) = &f.located else { continue };
                    located += 1;
                    for s in &sentences {
                        for caps in f.re.captures_iter(s.as_str()) {
                            let m = caps.get_match().unwrap();
                            for (k, &grp) in f.groups.iter().enumerate() {
                                let want = caps.get_group(grp).map(|m| (m.start, m.end));
                                // Not known: the backtracker is asked (see `slot_runs::Locate`).
                                let Some(got) = at[k].word(s, m.start(), m.end()) else {
                                    assert!(matches!(at[k].at, Locate::FromEndIfPlain(_)));
                                    unknown += 1;
                                    continue;
                                };
                                assert_eq!(got, want, "{lang} {} c{k}: {s:?}", g.rules[i].id);
                                checked += 1;
                                if at[k].branch.is_some() {
                                    *if got.is_some() {
                                        &mut taken
                                    } else {
                                        &mut not_taken
                                    } += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(located * 2 > with_slots, "{located} of {with_slots}");
        assert!(taken > 100 && not_taken > 100, "{taken}, {not_taken}");
        println!("{located} of {with_slots} patterns with captured words placed");
        assert!(
            checked > 10_000 && unknown * 10 < checked,
            "{checked}, {unknown}"
        );
    }

    /// Every pattern of every embedded rule set parses, class by class (see [`splice`]), to
    /// the tree that parsing it whole gives: fast and exact forms, exclusions included.
    #[test]
    fn patterns_parsed_class_by_class_are_parsed_whole() {
        let mut checked = 0;
        let mut spliced = 0;
        for lang in ["en", "fr", "es", "de", "it"] {
            let (_, rules) = RuleSource::Embedded.grammar_of(lang).unwrap();
            let mut cache = splice::ClassTrees::default();
            for r in &rules {
                for p in r.patterns.iter().chain(&r.unless) {
                    let whole = parse_folded(&p.fast).unwrap();
                    assert_eq!(
                        parse_fast(p, &mut cache).unwrap(),
                        whole,
                        "{lang} {}: {}",
                        r.id,
                        p.fast
                    );
                    if p.pos_template.is_none() {
                        let exact = parse_exact(p, &mut cache).unwrap();
                        assert_eq!(exact, parse_folded(&p.regex).unwrap(), "{}", r.id);
                    }
                    checked += 1;
                    spliced += usize::from(!p.inline.is_empty());
                }
            }
        }
        // The test means something only if most patterns have classes.
        assert!(
            checked > 800 && spliced * 2 > checked,
            "{spliced} of {checked}"
        );
    }
}
