//! A second engine for grammar patterns that read whole words: the pattern rewritten over
//! the *tokens* of a folded sentence, one byte per token.
//!
//! The byte engine (`regex-automata`'s lazy DFA over the sentence's bytes) keeps tables of
//! its own for each rule, with a state for each place in each word list; for German they
//! add up to several megabytes, more than a core's cache, and the search waits on memory
//! (docs/design.md, "Grammar matching: why German is slow"). Most patterns are sequences of
//! words, word lists, gaps and punctuation. Here:
//!
//! 1. **Tokens.** Folded text (see [`super::fold`]) has only ASCII word characters, so a
//!    token is either a maximal run of `[0-9A-Za-z_]` (a word) or one other character.
//!    Every place where `\b` holds is a token boundary. A sentence is split once, and each
//!    word's hash computed once, for every rule.
//! 2. **Symbols.** A pattern's tests of one token (its word lists, its regexes of one word,
//!    its classes of punctuation) make an alphabet of a few *symbols*: each token becomes the
//!    byte that says which tests it passes. The word lists split the words into *atoms* (the
//!    words in exactly the same lists), so a word's symbol costs one look-up however many
//!    lists there are. A word's symbol is an ASCII word byte and any other token's is not, so
//!    `\b` over symbols means what it means over the text.
//! 3. **Matching.** The pattern, rewritten over symbols, runs in `regex-automata`'s lazy DFAs
//!    (forward to the end of the leftmost-first match, reverse to its start) and, for its
//!    capture groups, its bounded backtracker on the match: the steps the meta engine takes
//!    over bytes, with the same leftmost-first choices. The forward DFA is stepped here, one
//!    token at a time, and each symbol is computed when it is first read: a search that
//!    stops early (a pattern anchored at the start) reads few.
//!
//! **Which patterns.** A pattern is taken only if every match of it, in any text, starts
//! and ends each of its word parts at token boundaries; then reading whole tokens finds what
//! the byte regex finds. The parts:
//!
//! - a *chunk*: consecutive parts that read only word characters (`kann`, `(?:st|t|e|en)`,
//!   `[a-zäöüß]{2,}`), which must fill one whole word: a list of words, or a regex that must
//!   match the whole word (tried only on words whose last letter it can end with);
//! - one non-word character of a class (a space, `[,.;:!?]`);
//! - a *run*, `[C]*` or `[C]+` of a class with word characters (`[^,.;:!?]*`, `\w+`): whole
//!   tokens whose characters are all in `C`;
//! - `\b`, `^`, `$`, captures, alternations and repetitions of the above.
//!
//! A chunk or run must have a token boundary on each side in every match: a non-word
//! character or `\b` next to it (looking through optional parts), or the start or end of
//! the pattern. Two exceptions keep common patterns in: a pattern that begins with a list of
//! words and no `\b` (`{HABEN_PRAES} …`, which also matches at the end of a longer word), and
//! a pattern that ends in a chunk (`\bam nächsten [a-zäöüß]`), which matches the start of a
//! word; the match's first or last byte is then found inside that word. Anything else (a
//! word part inside a word, `\B`, a counted repetition of a run, a pattern that can match
//! empty, more tests than the symbols hold) is refused, and the byte engine keeps the
//! pattern.
//!
//! `analyse::grammar`'s test `the_word_engine_finds_what_the_byte_engine_finds` compares the
//! two engines, match and groups, on every example of every rule of the five languages,
//! from several starting points.

use regex_syntax::hir::{Class, Hir, HirKind, Look};
use rustc_hash::FxHashSet;

/// A token of a folded sentence: its byte range, and whether it is a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub word: bool,
    /// The hash of a word's bytes (see [`hash`]), 0 for other tokens.
    pub hash: u64,
}

/// The hash of a word, as [`WordMap`] looks it up.
fn hash(w: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(w);
    h.finish()
}

/// Words with a value each, looked up by the hash each token carries: a miss (most tokens)
/// costs one look-up of a number; a hit compares the bytes.
#[derive(Debug, Default)]
struct WordMap<V> {
    hashes: FxHashSet<u64>,
    words: rustc_hash::FxHashMap<Box<[u8]>, V>,
}

impl<V: Copy> WordMap<V> {
    fn new(words: impl IntoIterator<Item = (Vec<u8>, V)>) -> WordMap<V> {
        let words: rustc_hash::FxHashMap<Box<[u8]>, V> = words
            .into_iter()
            .map(|(w, v)| (w.into_boxed_slice(), v))
            .collect();
        WordMap {
            hashes: words.keys().map(|w| hash(w)).collect(),
            words,
        }
    }

    /// The value of word `w`, whose hash is `h`.
    fn get(&self, w: &[u8], h: u64) -> Option<V> {
        if self.hashes.contains(&h) {
            self.words.get(w).copied()
        } else {
            None
        }
    }
}

/// A set of words (see [`WordMap`]).
type WordSet = WordMap<()>;

impl WordSet {
    fn of(words: Vec<Vec<u8>>) -> WordSet {
        WordMap::new(words.into_iter().map(|w| (w, ())))
    }

    fn contains(&self, w: &[u8], h: u64) -> bool {
        self.get(w, h).is_some()
    }
}

/// Whether a byte of folded text is a word character (see the module documentation).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The tokens of folded text, in `out`.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let word = is_word_byte(bytes[i]);
        if word {
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
        out.push(Token {
            start: start as u32,
            end: i as u32,
            word,
            hash: if word { hash(&bytes[start..i]) } else { 0 },
        });
    }
}

/// A set of characters, from a regex class.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CharSet {
    ascii: [u64; 2],
    /// Ranges above ASCII.
    other: Vec<(char, char)>,
    /// Every word character is in the set: a word token needs no check.
    all_words: bool,
}

impl CharSet {
    fn from_class(c: &Class) -> Option<CharSet> {
        let mut ascii = [0u64; 2];
        let mut other = Vec::new();
        let mut add = |lo: u32, hi: u32| {
            for v in lo..=hi.min(127) {
                ascii[(v / 64) as usize] |= 1 << (v % 64);
            }
            if hi > 127 {
                let lo = char::from_u32(lo.max(128))?;
                let hi = char::from_u32(hi)?;
                other.push((lo, hi));
            }
            Some(())
        };
        match c {
            Class::Unicode(u) => {
                for r in u.ranges() {
                    add(r.start() as u32, r.end() as u32)?;
                }
            }
            Class::Bytes(b) => {
                // Only ASCII byte classes: a byte above it is part of a character.
                for r in b.ranges() {
                    if r.end() > 127 {
                        return None;
                    }
                    add(u32::from(r.start()), u32::from(r.end()))?;
                }
            }
        }
        Some(CharSet::with(ascii, other))
    }

    fn with(ascii: [u64; 2], other: Vec<(char, char)>) -> CharSet {
        let mut set = CharSet {
            ascii,
            other,
            all_words: false,
        };
        set.all_words = (0u8..128).all(|b| !is_word_byte(b) || set.contains(b as char));
        set
    }

    /// Whether every character of token `k` of `text` is in the set.
    fn holds(&self, text: &str, k: &Token) -> bool {
        (k.word && self.all_words) || self.all(&text[k.start as usize..k.end as usize])
    }

    fn single(c: char) -> CharSet {
        let mut ascii = [0u64; 2];
        let mut other = Vec::new();
        if c.is_ascii() {
            ascii[(c as usize) / 64] |= 1 << (c as u32 % 64);
        } else {
            other.push((c, c));
        }
        CharSet::with(ascii, other)
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[(c as usize) / 64] & (1 << (c as u32 % 64)) != 0
        } else {
            self.other.iter().any(|&(lo, hi)| lo <= c && c <= hi)
        }
    }

    /// Whether the set holds a word character of folded text.
    fn has_word(&self) -> bool {
        (0u8..128).any(|b| is_word_byte(b) && self.contains(b as char))
    }

    /// Whether every character of the set is a word character of folded text.
    fn only_word(&self) -> bool {
        self.other.is_empty() && (0u8..128).all(|b| is_word_byte(b) || !self.contains(b as char))
    }

    /// Whether every character of `s` is in the set.
    fn all(&self, s: &str) -> bool {
        s.chars().all(|c| self.contains(c))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Assert {
    Start,
    End,
    Boundary,
}

/// The parts of a pattern, between its syntax tree and its program.
#[derive(Debug)]
enum Node {
    Chunk(Hir),
    NonWord(CharSet),
    Run(CharSet, bool),
    Assert(Assert),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Rep {
        sub: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    Cap(u32, Option<Box<str>>, Box<Node>),
    Empty,
}

/// Whether a syntax tree reads only word characters, with no assertion or capture.
fn word_only(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Literal(l) => l.0.iter().all(|&b| is_word_byte(b)),
        HirKind::Class(c) => CharSet::from_class(c).is_some_and(|s| s.only_word()),
        HirKind::Repetition(r) => word_only(&r.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(word_only),
        HirKind::Empty | HirKind::Look(_) | HirKind::Capture(_) => false,
    }
}

/// Lowers a syntax tree to parts; `None` for what this engine does not take.
fn lower(h: &Hir) -> Option<Node> {
    if word_only(h) {
        return Some(Node::Chunk(h.clone()));
    }
    Some(match h.kind() {
        HirKind::Empty => Node::Empty,
        HirKind::Literal(_) | HirKind::Concat(_) => {
            // Flattened into pieces: a literal splits into its characters, so that word
            // characters next to other word parts join them in one chunk.
            let mut pieces: Vec<Hir> = Vec::new();
            flatten(h, &mut pieces);
            let mut parts = Vec::new();
            let mut chunk: Vec<Hir> = Vec::new();
            for p in pieces {
                if word_only(&p) {
                    chunk.push(p);
                    continue;
                }
                if !chunk.is_empty() {
                    parts.push(Node::Chunk(Hir::concat(std::mem::take(&mut chunk))));
                }
                parts.push(lower_piece(&p)?);
            }
            if !chunk.is_empty() {
                parts.push(Node::Chunk(Hir::concat(chunk)));
            }
            Node::Cat(parts)
        }
        _ => lower_piece(h)?,
    })
}

/// Concatenations and literals as a list of pieces, one per character of a literal.
fn flatten(h: &Hir, out: &mut Vec<Hir>) {
    match h.kind() {
        HirKind::Concat(v) => v.iter().for_each(|p| flatten(p, out)),
        HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
            Ok(s) => out.extend(s.chars().map(|c| Hir::literal(c.to_string().into_bytes()))),
            Err(_) => out.push(h.clone()),
        },
        _ => out.push(h.clone()),
    }
}

/// Lowers a piece that is not a concatenation.
fn lower_piece(h: &Hir) -> Option<Node> {
    if word_only(h) {
        return Some(Node::Chunk(h.clone()));
    }
    Some(match h.kind() {
        HirKind::Literal(l) => {
            // One character that is not a word character (see `flatten`).
            let s = std::str::from_utf8(&l.0).ok()?;
            let mut chars = s.chars();
            let c = chars.next()?;
            if chars.next().is_some() || c.is_ascii_alphanumeric() || c == '_' {
                return None;
            }
            Node::NonWord(CharSet::single(c))
        }
        HirKind::Class(c) => {
            let set = CharSet::from_class(c)?;
            if set.has_word() {
                // One character of a word: not a whole token.
                return None;
            }
            Node::NonWord(set)
        }
        HirKind::Look(l) => Node::Assert(match l {
            Look::Start => Assert::Start,
            Look::End => Assert::End,
            Look::WordAscii | Look::WordUnicode => Assert::Boundary,
            _ => return None,
        }),
        HirKind::Repetition(r) => {
            if let HirKind::Class(c) = r.sub.kind() {
                let set = CharSet::from_class(c)?;
                if set.has_word() {
                    // A run of whole tokens: only `*` and `+` (a count would count characters).
                    if r.max.is_some() || r.min > 1 || !r.greedy {
                        return None;
                    }
                    return Some(Node::Run(set, r.min == 1));
                }
            }
            Node::Rep {
                sub: Box::new(lower(&r.sub)?),
                min: r.min,
                max: r.max,
                greedy: r.greedy,
            }
        }
        HirKind::Capture(c) => Node::Cap(c.index, c.name.clone(), Box::new(lower(&c.sub)?)),
        HirKind::Alternation(v) => Node::Alt(v.iter().map(lower).collect::<Option<_>>()?),
        HirKind::Concat(_) | HirKind::Empty => lower(h)?,
    })
}

/// What the edge of a part guarantees (see [`edge`]).
#[derive(Clone, Copy, Debug)]
struct Edge {
    /// Some way through the part puts a word character at this edge with no `\b` there.
    open: bool,
    /// Some way through the part consumes nothing and asserts nothing.
    empty: bool,
}

/// The edge of `n` at its start (`right` false) or its end.
fn edge(n: &Node, right: bool) -> Edge {
    match n {
        Node::Chunk(_) => Edge {
            open: true,
            empty: false,
        },
        Node::NonWord(_) | Node::Assert(_) => Edge {
            open: false,
            empty: false,
        },
        Node::Run(set, min1) => Edge {
            open: set.has_word(),
            empty: !min1,
        },
        Node::Empty => Edge {
            open: false,
            empty: true,
        },
        Node::Cat(parts) => {
            let mut open = false;
            let iter: Box<dyn Iterator<Item = &Node>> = if right {
                Box::new(parts.iter().rev())
            } else {
                Box::new(parts.iter())
            };
            for p in iter {
                let e = edge(p, right);
                open |= e.open;
                if !e.empty {
                    return Edge { open, empty: false };
                }
            }
            Edge { open, empty: true }
        }
        Node::Alt(branches) => branches.iter().fold(
            Edge {
                open: false,
                empty: false,
            },
            |acc, b| {
                let e = edge(b, right);
                Edge {
                    open: acc.open || e.open,
                    empty: acc.empty || e.empty,
                }
            },
        ),
        Node::Rep { sub, min, .. } => {
            let e = edge(sub, right);
            Edge {
                open: e.open,
                empty: e.empty || *min == 0,
            }
        }
        Node::Cap(_, _, sub) => edge(sub, right),
    }
}

/// The context of a part on one side: whether a token boundary is guaranteed there, and
/// whether that side is the very edge of the pattern (nothing can come before or after).
#[derive(Clone, Copy, Debug)]
struct Side {
    bound: bool,
    pattern_edge: bool,
}

/// The side a sequence of parts gives, seen from after its end (`right` false: looking
/// left) or before its start, with `outer` beyond it.
fn side_of(parts: &[&Node], right: bool, outer: Side) -> Side {
    let mut open = false;
    let mut any = false;
    let seq: Box<dyn Iterator<Item = &&Node>> = if right {
        Box::new(parts.iter())
    } else {
        Box::new(parts.iter().rev())
    };
    for p in seq {
        any = true;
        // Looking left, the part's end faces us; looking right, its start.
        let e = edge(p, !right);
        open |= e.open;
        if !e.empty {
            return Side {
                bound: !open,
                pattern_edge: false,
            };
        }
    }
    Side {
        bound: !open && outer.bound,
        pattern_edge: !any && outer.pattern_edge,
    }
}

/// Which chunks may miss a boundary at the pattern's edge: found by [`check`].
#[derive(Default)]
struct EdgeChunks {
    /// The first part of the pattern is a chunk of listed words with no boundary before it.
    suffix_start: bool,
    /// The last part of the pattern is a chunk with no boundary after it.
    prefix_end: bool,
}

/// Whether every chunk and run of `n` has a token boundary on both sides in every match,
/// given what is on its left and right.
fn check(n: &Node, left: Side, right: Side, edges: &mut EdgeChunks) -> bool {
    match n {
        Node::Chunk(h) => {
            let left_ok = left.bound || (left.pattern_edge && word_list(h).is_some());
            let right_ok = right.bound || right.pattern_edge;
            if left_ok && !left.bound {
                edges.suffix_start = true;
            }
            if right_ok && !right.bound {
                edges.prefix_end = true;
            }
            left_ok && right_ok && h.properties().minimum_len().is_some_and(|m| m > 0)
        }
        Node::Run(..) => left.bound && right.bound,
        Node::NonWord(_) | Node::Assert(_) | Node::Empty => true,
        Node::Cat(parts) => {
            let refs: Vec<&Node> = parts.iter().collect();
            (0..refs.len()).all(|i| {
                let l = side_of(&refs[..i], false, left);
                let r = side_of(&refs[i + 1..], true, right);
                check(refs[i], l, r, edges)
            })
        }
        Node::Alt(branches) => branches.iter().all(|b| check(b, left, right, edges)),
        Node::Rep { sub, max, .. } => {
            let (l, r) = if max.is_none_or(|m| m > 1) {
                // One turn of the loop can follow another.
                let own_end = edge(sub, true);
                let own_start = edge(sub, false);
                (
                    Side {
                        bound: left.bound && !own_end.open,
                        pattern_edge: false,
                    },
                    Side {
                        bound: right.bound && !own_start.open,
                        pattern_edge: false,
                    },
                )
            } else {
                (left, right)
            };
            check(sub, l, r, edges)
        }
        Node::Cap(_, _, sub) => check(sub, left, right, edges),
    }
}

/// The words of a chunk that is a literal or an alternation of literals.
fn word_list(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Alternation(v) => {
            let mut out = Vec::new();
            for b in v {
                out.extend(word_list(b)?);
            }
            Some(out)
        }
        HirKind::Concat(v) => {
            // Single characters from `flatten`.
            let mut w = Vec::new();
            for p in v {
                match p.kind() {
                    HirKind::Literal(l) => w.extend_from_slice(&l.0),
                    _ => return None,
                }
            }
            Some(vec![w])
        }
        _ => None,
    }
}

/// The word characters of ASCII, in order: the symbols of word tokens (see
/// [`WordProgram`]).
const WORD_SYMBOLS: &[u8; 63] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/// At most this many classes of other tokens (`2^7` symbols of the 193 other bytes).
const OTHER_BITS: usize = 7;

/// The bytes that are not ASCII word characters: the symbols of other tokens.
fn other_symbols() -> &'static [u8] {
    static OTHER: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    OTHER.get_or_init(|| (0..=255u8).filter(|&b| !is_word_byte(b)).collect())
}

/// A test of a word token that is not a list of words: one bit of its symbol.
#[derive(Debug)]
enum WordBit {
    /// A chunk's regex matches the whole word; the bytes a match can end with (most
    /// words are ruled out by their last letter without running the DFA) and its shortest
    /// length.
    Whole(WordDfa, Box<[bool; 256]>, usize),
    /// Every character of the word is in the class (a run's class without all word
    /// characters).
    Class(CharSet),
    /// The chunk that ends the pattern matches the word's start.
    Prefix(WordDfa),
    /// The listed words that begin the pattern: one is the end of the word.
    Suffix(WordSet),
}

/// The symbols of word tokens: the lists of words of a pattern's chunks split the words
/// into *atoms* (the words in exactly the same lists; atom 0 is every word in none), and
/// each other test is a bit. A word's symbol is `WORD_SYMBOLS[atom << bits | tests]`.
#[derive(Debug, Default)]
struct WordSymbols {
    /// Each listed word's atom.
    atoms: WordMap<u8>,
    bits: Vec<WordBit>,
}

/// What a bit of a word's symbol tests (see [`WordBit`]), to share equal tests.
#[derive(Debug, PartialEq)]
enum BitKey {
    Whole(Hir),
    Class(CharSet),
    Prefix(Hir),
    Suffix(Hir),
}

/// What the rewriting of a pattern over symbols collects.
struct Rewrite {
    /// The chunks that are lists of words, by syntax tree.
    lists: Vec<(Hir, Vec<Vec<u8>>)>,
    /// The other tests of words, by what they test.
    bits: Vec<(BitKey, WordBit)>,
    other_bits: Vec<CharSet>,
    prefix_end: Option<usize>,
    suffix_start: Option<usize>,
    /// The pattern's last chunk may stop inside a word (see [`EdgeChunks`]).
    want_prefix: bool,
    /// Each list's atoms, once all lists are known (see [`Self::split_atoms`]).
    atoms_of_list: Vec<Vec<u8>>,
    atom_count: usize,
}

impl Rewrite {
    fn list(&mut self, key: &Hir, words: Vec<Vec<u8>>) -> Option<usize> {
        if let Some(i) = self.lists.iter().position(|(h, _)| h == key) {
            return Some(i);
        }
        if self.lists.len() == 64 {
            return None;
        }
        self.lists.push((key.clone(), words));
        Some(self.lists.len() - 1)
    }

    /// The bit of a word test, shared by equal tests.
    fn bit(&mut self, key: BitKey, make: impl FnOnce() -> Option<WordBit>) -> Option<usize> {
        if let Some(i) = self.bits.iter().position(|(k, _)| *k == key) {
            return Some(i);
        }
        if self.bits.len() == 5 {
            return None;
        }
        self.bits.push((key, make()?));
        Some(self.bits.len() - 1)
    }

    fn other_bit(&mut self, c: &CharSet) -> Option<usize> {
        if let Some(i) = self.other_bits.iter().position(|o| o == c) {
            return Some(i);
        }
        if self.other_bits.len() == OTHER_BITS {
            return None;
        }
        self.other_bits.push(c.clone());
        Some(self.other_bits.len() - 1)
    }

    /// Splits the listed words into atoms; `None` if the symbols would not fit in the 63
    /// word bytes.
    fn split_atoms(&mut self) -> Option<WordSymbols> {
        let mut lists_of_word: std::collections::BTreeMap<&[u8], u64> = Default::default();
        for (i, (_, words)) in self.lists.iter().enumerate() {
            for w in words {
                *lists_of_word.entry(w).or_default() |= 1 << i;
            }
        }
        let mut lists_of = vec![0u64];
        let mut atoms = Vec::with_capacity(lists_of_word.len());
        for (w, set) in lists_of_word {
            let atom = match lists_of.iter().position(|&s| s == set) {
                Some(a) => a,
                None => {
                    lists_of.push(set);
                    lists_of.len() - 1
                }
            };
            atoms.push((w.to_vec(), u8::try_from(atom).ok()?));
        }
        if lists_of.len() << self.bits.len() > WORD_SYMBOLS.len() {
            return None;
        }
        self.atom_count = lists_of.len();
        self.atoms_of_list = (0..self.lists.len())
            .map(|i| {
                (0..lists_of.len())
                    .filter(|&a| lists_of[a] & (1 << i) != 0)
                    .map(|a| a as u8)
                    .collect()
            })
            .collect();
        Some(WordSymbols {
            atoms: WordMap::new(atoms),
            bits: Vec::new(),
        })
    }

    /// The word symbols whose atom is in `atoms` (all if `None`) and with bit `bit` (any if
    /// `None`).
    fn words_with(&self, atoms: Option<&[u8]>, bit: Option<usize>) -> Vec<u8> {
        let bits = self.bits.len();
        let mut out = Vec::new();
        for atom in 0..self.atom_count.max(1) {
            if atoms.is_some_and(|a| !a.contains(&(atom as u8))) {
                continue;
            }
            for tests in 0..1usize << bits {
                if bit.is_none_or(|b| tests & (1 << b) != 0) {
                    // Below 63: before `split_atoms`, one atom and at most five bits; after,
                    // as it counted.
                    out.push(WORD_SYMBOLS[atom << bits | tests]);
                }
            }
        }
        out
    }

    fn others_with(bit: usize) -> Vec<u8> {
        (0..1usize << OTHER_BITS)
            .filter(|m| m & (1 << bit) != 0)
            .map(|m| other_symbols()[m])
            .collect()
    }

    fn class(bytes: Vec<u8>) -> Hir {
        let ranges = bytes
            .into_iter()
            .map(|b| regex_syntax::hir::ClassBytesRange::new(b, b));
        Hir::class(Class::Bytes(regex_syntax::hir::ClassBytes::new(ranges)))
    }

    /// The symbols of a chunk that fills a whole word. An alternation of listed words and
    /// other branches (a class with words and a regex part) is both: a list and a bit.
    fn chunk(&mut self, h: &Hir) -> Option<Hir> {
        if let HirKind::Alternation(branches) = h.kind() {
            let (listed, other): (Vec<&Hir>, Vec<&Hir>) =
                branches.iter().partition(|b| word_list(b).is_some());
            if !listed.is_empty() && !other.is_empty() {
                let listed = Hir::alternation(listed.into_iter().cloned().collect());
                let other = Hir::alternation(other.into_iter().cloned().collect());
                let mut bytes = self.chunk_bytes(&listed)?;
                bytes.extend(self.chunk_bytes(&other)?);
                bytes.sort_unstable();
                bytes.dedup();
                return Some(Self::class(bytes));
            }
        }
        Some(Self::class(self.chunk_bytes(h)?))
    }

    fn chunk_bytes(&mut self, h: &Hir) -> Option<Vec<u8>> {
        Some(match word_list(h) {
            Some(words) => {
                let i = self.list(h, words)?;
                let atoms = self.atoms_of_list.get(i).cloned().unwrap_or_default();
                self.words_with(Some(&atoms), None)
            }
            None => {
                let whole = Hir::concat(vec![
                    Hir::look(Look::Start),
                    h.clone(),
                    Hir::look(Look::End),
                ]);
                let b = self.bit(BitKey::Whole(h.clone()), || {
                    let min = h.properties().minimum_len()?;
                    Some(WordBit::Whole(compile(&whole)?, last_bytes(h), min))
                })?;
                self.words_with(None, Some(b))
            }
        })
    }

    /// `n` over symbols. `last`: `n` ends the pattern; `inside`: `n` is in a capture or a
    /// repetition, where a chunk cannot end the pattern inside a word.
    fn hir(&mut self, n: &Node, last: bool, inside: bool) -> Option<Hir> {
        Some(match n {
            Node::Chunk(h) if last && self.want_prefix => {
                if inside {
                    return None;
                }
                let start = Hir::concat(vec![Hir::look(Look::Start), h.clone()]);
                let b = self.bit(BitKey::Prefix(h.clone()), || {
                    Some(WordBit::Prefix(compile(&start)?))
                })?;
                self.prefix_end = Some(b);
                Self::class(self.words_with(None, Some(b)))
            }
            Node::Chunk(h) => self.chunk(h)?,
            Node::NonWord(c) => {
                let bit = self.other_bit(c)?;
                Self::class(Self::others_with(bit))
            }
            Node::Run(c, min1) => {
                let mut bytes = if c.all_words {
                    self.words_with(None, None)
                } else {
                    // Keyed by a tree that no chunk has: the class as a literal.
                    let bit =
                        self.bit(BitKey::Class(c.clone()), || Some(WordBit::Class(c.clone())))?;
                    self.words_with(None, Some(bit))
                };
                let bit = self.other_bit(c)?;
                bytes.extend(Self::others_with(bit));
                Hir::repetition(regex_syntax::hir::Repetition {
                    min: u32::from(*min1),
                    max: None,
                    greedy: true,
                    sub: Box::new(Self::class(bytes)),
                })
            }
            Node::Assert(a) => Hir::look(match a {
                Assert::Start => Look::Start,
                Assert::End => Look::End,
                Assert::Boundary => Look::WordAscii,
            }),
            Node::Empty => Hir::empty(),
            Node::Cat(parts) => {
                let count = parts.len();
                let mut out = Vec::with_capacity(count);
                for (i, p) in parts.iter().enumerate() {
                    out.push(self.hir(p, last && i + 1 == count, inside)?);
                }
                Hir::concat(out)
            }
            // A chunk that may stop inside a word must end every match, so that the end of a
            // match tells where it stops: not one branch among others.
            Node::Alt(_) if last && self.want_prefix => return None,
            Node::Alt(branches) => Hir::alternation(
                branches
                    .iter()
                    .map(|b| self.hir(b, last, inside))
                    .collect::<Option<_>>()?,
            ),
            Node::Rep {
                sub,
                min,
                max,
                greedy,
            } => Hir::repetition(regex_syntax::hir::Repetition {
                min: *min,
                max: *max,
                greedy: *greedy,
                sub: Box::new(self.hir(sub, last, true)?),
            }),
            Node::Cap(index, name, sub) => Hir::capture(regex_syntax::hir::Capture {
                index: *index,
                name: name.clone(),
                sub: Box::new(self.hir(sub, last, true)?),
            }),
        })
    }

    /// The whole pattern over symbols; with `suffix`, its first part is the list of words
    /// that may end a longer word.
    fn pattern(&mut self, node: &Node, suffix: bool) -> Option<Hir> {
        if !suffix {
            return self.hir(node, true, false);
        }
        let Node::Cat(parts) = node else {
            return None;
        };
        let (Some(Node::Chunk(h)), rest) = (parts.first(), &parts[1..]) else {
            return None;
        };
        if rest.is_empty() {
            return None;
        }
        let bit = self.bit(BitKey::Suffix(h.clone()), || {
            Some(WordBit::Suffix(WordSet::of(word_list(h)?)))
        })?;
        self.suffix_start = Some(bit);
        let mut out = vec![Self::class(self.words_with(None, Some(bit)))];
        for (i, p) in rest.iter().enumerate() {
            out.push(self.hir(p, i + 1 == rest.len(), false)?);
        }
        Some(Hir::concat(out))
    }
}

/// A pattern compiled for tokens: each token of a sentence becomes one byte, its *symbol*,
/// which says which of the pattern's tests the token passes (a word's symbol is a word byte,
/// any other token's is not, so that `\b` keeps its meaning), and `regex-automata` runs
/// the pattern rewritten over symbols. Its tables are small (an alphabet of a few symbols, a
/// state per part of the pattern, not per letter of its word lists) and it reads one byte
/// per token.
#[derive(Debug)]
pub struct WordProgram {
    /// The pattern over symbols.
    symbolic: Symbolic,
    words: WordSymbols,
    other_bits: Vec<CharSet>,
    /// The symbol of each ASCII character that is not a word character.
    ascii_others: [u8; 128],
    /// Capture slots: two per group, group 0 the whole match.
    slots: usize,
    /// The bit of the listed words that begin the pattern, when they may end a longer word.
    suffix_start: Option<usize>,
    /// The bit of the chunk that ends the pattern, which may stop inside a word.
    prefix_end: Option<usize>,
}

/// A match: byte offsets of each capture slot (`usize::MAX` when unset).
pub type Slots = Vec<usize>;

const UNSET: usize = usize::MAX;

use regex_automata::hybrid;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};

/// A pool of per-thread memory, as `regex-automata`'s meta engine keeps one.
type Pool<T> = regex_automata::util::pool::Pool<
    T,
    Box<dyn Fn() -> T + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe>,
>;

fn pool<T: Send>(
    make: impl Fn() -> T + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe + 'static,
) -> Pool<T> {
    Pool::new(Box::new(make))
}

/// The value of a symbol not computed yet: no symbol is this byte (word symbols are ASCII,
/// others come from the first 128 non-word bytes).
const NOT_YET: u8 = 0xFF;

/// The forward and reverse lazy DFAs of a pattern over symbols, and its capture engine.
fn build_symbolic(h: &Hir) -> Option<Symbolic> {
    use regex_automata::nfa::thompson;
    let fwd_nfa = thompson::Compiler::new().build_from_hir(h).ok()?;
    let rev_nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .reverse(true)
                .which_captures(thompson::WhichCaptures::None),
        )
        .build_from_hir(h)
        .ok()?;
    let fwd = hybrid::dfa::Builder::new()
        .build_from_nfa(fwd_nfa.clone())
        .ok()?;
    let rev = hybrid::dfa::Builder::new()
        .configure(
            hybrid::dfa::Config::new()
                .prefilter(None)
                .specialize_start_states(false)
                .match_kind(regex_automata::MatchKind::All),
        )
        .build_from_nfa(rev_nfa)
        .ok()?;
    let (fwd_for_pool, rev_for_pool) = (fwd.clone(), rev.clone());
    let caches = pool(move || (fwd_for_pool.create_cache(), rev_for_pool.create_cache()));
    let groups = if fwd_nfa.group_info().explicit_slot_len() > 0 {
        let bt = BoundedBacktracker::builder().build_from_nfa(fwd_nfa).ok()?;
        let for_pool = bt.clone();
        Some((bt, pool(move || for_pool.create_cache())))
    } else {
        None
    };
    Some(Symbolic {
        fwd,
        rev,
        caches,
        groups,
    })
}

/// A pattern over symbols, compiled.
struct Symbolic {
    fwd: hybrid::dfa::DFA,
    /// Anchored, all matches: from a match's end back to its start.
    rev: hybrid::dfa::DFA,
    caches: Pool<(hybrid::dfa::Cache, hybrid::dfa::Cache)>,
    /// For the capture groups, on the match the DFAs found (as `regex-automata`'s meta
    /// engine does); `None` without groups.
    groups: Option<(BoundedBacktracker, Pool<backtrack::Cache>)>,
}

impl std::fmt::Debug for Symbolic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Symbolic")
    }
}

impl WordProgram {
    /// Compiles a pattern's syntax tree (folded, as the byte engine gets it); `None` if this
    /// engine does not take it.
    pub fn new(hir: &Hir) -> Option<WordProgram> {
        if hir.properties().minimum_len().is_none_or(|m| m == 0) {
            return None;
        }
        let node = lower(hir)?;
        let outer = Side {
            bound: false,
            pattern_edge: true,
        };
        let mut edges = EdgeChunks::default();
        if !check(&node, outer, outer, &mut edges) {
            return None;
        }
        let mut rw = Rewrite {
            lists: Vec::new(),
            bits: Vec::new(),
            other_bits: Vec::new(),
            prefix_end: None,
            suffix_start: None,
            want_prefix: edges.prefix_end,
            atoms_of_list: Vec::new(),
            atom_count: 0,
        };
        // Twice: the first pass collects the tests, the second writes the symbols of each.
        rw.pattern(&node, edges.suffix_start)?;
        let mut words = rw.split_atoms()?;
        let symbolic = rw.pattern(&node, edges.suffix_start)?;
        if rw.want_prefix && rw.prefix_end.is_none() {
            return None;
        }
        let compiled = build_symbolic(&symbolic)?;
        let slots = 2 * (hir.properties().explicit_captures_len() + 1);
        words.bits = rw.bits.into_iter().map(|(_, b)| b).collect();
        let mut ascii_others = [0u8; 128];
        for (c, slot) in ascii_others.iter_mut().enumerate() {
            *slot = other_symbol(&rw.other_bits, c as u8 as char);
        }
        Some(WordProgram {
            ascii_others,
            slots,
            symbolic: compiled,
            words,
            other_bits: rw.other_bits,
            suffix_start: rw.suffix_start,
            prefix_end: rw.prefix_end,
        })
    }

    /// The symbol of token `k` of `text`; for the listed words that begin the pattern, only
    /// their occurrences that start at or after `from` count.
    fn symbol(&self, text: &str, k: &Token, from: usize) -> u8 {
        if !k.word {
            let b = text.as_bytes()[k.start as usize];
            if b.is_ascii() {
                return self.ascii_others[usize::from(b)];
            }
            let c = text[k.start as usize..].chars().next().unwrap_or(' ');
            return other_symbol(&self.other_bits, c);
        }
        let word = &text.as_bytes()[k.start as usize..k.end as usize];
        let w = &self.words;
        let atom = w.atoms.get(word, k.hash).unwrap_or(0);
        let mut tests = 0;
        for (i, bit) in w.bits.iter().enumerate() {
            let yes = match bit {
                WordBit::Whole(dfa, last, min) => {
                    word.len() >= *min
                        && word.last().is_some_and(|&b| last[usize::from(b)])
                        && dfa_end(dfa, word) == Some(word.len())
                }
                WordBit::Class(set) => set.holds(text, k),
                WordBit::Prefix(re) => prefix_len(re, word).is_some(),
                WordBit::Suffix(set) => suffix_at(set, word, k.start as usize, from).is_some(),
            };
            if yes {
                tests |= 1 << i;
            }
        }
        // Below 63: `Rewrite::split_atoms` counted the symbols.
        WORD_SYMBOLS[usize::from(atom) << w.bits.len() | tests]
    }

    /// Makes `out` ready for the searches of one sentence of `n` tokens: no symbol known
    /// yet (see [`Self::search`]).
    pub fn reset(n: usize, out: &mut Vec<u8>) {
        out.clear();
        out.resize(n, NOT_YET);
    }

    /// The symbol of token `at`, computed on first need.
    fn symbol_at(&self, text: &str, tokens: &[Token], symbols: &mut [u8], at: usize) -> u8 {
        if symbols[at] == NOT_YET {
            symbols[at] = self.symbol(text, &tokens[at], 0);
        }
        symbols[at]
    }

    /// The leftmost-first match of the pattern in `text` (folded, split into `tokens`)
    /// starting at or after byte `from`, as the byte regex would find it with
    /// `Input::new(text).range(from..)`; its capture slots, as byte offsets, in `slots`.
    /// `symbols` holds the symbols of the tokens computed so far (see [`Self::reset`]):
    /// the forward search computes each as it reads it, so that a search that stops early
    /// (a pattern anchored at the start) computes few. `None` if the search gave up (the
    /// byte engine then decides).
    pub fn search(
        &self,
        text: &str,
        tokens: &[Token],
        symbols: &mut [u8],
        from: usize,
        slots: &mut Slots,
    ) -> Option<bool> {
        slots.clear();
        slots.resize(self.slots, UNSET);
        // The first token a match can begin with; with listed words that may end a longer
        // word, the token that holds `from` too, its symbol made for `from`.
        let (first, held) = match self.suffix_start {
            None => (tokens.partition_point(|t| (t.start as usize) < from), None),
            Some(_) => {
                let i = tokens.partition_point(|t| (t.end as usize) <= from);
                let held = tokens
                    .get(i)
                    .filter(|t| (t.start as usize) < from)
                    .map(|t| {
                        symbols[i] = self.symbol(text, t, from);
                        i
                    });
                (i, held)
            }
        };
        // The token before only tells, for `\b`, whether it is a word.
        if first > 0 && symbols[first - 1] == NOT_YET {
            symbols[first - 1] = if tokens[first - 1].word {
                WORD_SYMBOLS[0]
            } else {
                other_symbols()[0]
            };
        }
        let found = self.find(text, tokens, symbols, first);
        if let Some(i) = held {
            symbols[i] = NOT_YET;
        }
        let Some((start, end)) = found? else {
            return Some(false);
        };
        let boundary = |i: usize| tokens.get(i).map_or(text.len(), |t| t.start as usize);
        slots[0] = boundary(start);
        slots[1] = boundary(end);
        if let Some((bt, caches)) = &self.symbolic.groups {
            // The groups of the match found, as the meta engine finds them: anchored on it.
            // The DFAs read every symbol of the match and the one after it.
            let on = regex_automata::Input::new(&symbols[..])
                .range(first..)
                .span(start..end)
                .anchored(regex_automata::Anchored::Yes);
            let mut raw = [None; 16];
            let raw = raw.get_mut(..self.slots)?;
            bt.try_search_slots(&mut caches.get(), &on, raw).ok()?;
            for (slot, v) in slots.iter_mut().zip(raw.iter()).skip(2) {
                if let Some(v) = v {
                    *slot = boundary(v.get());
                }
            }
        }
        let bytes = text.as_bytes();
        if let Some(bit) = self.suffix_start {
            let t = &tokens[start];
            let WordBit::Suffix(set) = &self.words.bits[bit] else {
                return None;
            };
            let word = &bytes[t.start as usize..t.end as usize];
            slots[0] = suffix_at(set, word, t.start as usize, from)?;
        }
        // Every match ends with the chunk that may stop inside a word (see `Rewrite::hir`).
        if let Some(bit) = self.prefix_end {
            let t = &tokens[end - 1];
            let WordBit::Prefix(dfa) = &self.words.bits[bit] else {
                return None;
            };
            slots[1] =
                t.start as usize + prefix_len(dfa, &bytes[t.start as usize..t.end as usize])?;
        }
        Some(true)
    }

    /// The span, in tokens, of the leftmost-first match from token `first`: the forward
    /// lazy DFA stepped one symbol at a time (as `regex-automata` steps it over bytes), then
    /// the reverse DFA from the match's end. `None` if a DFA gave up.
    fn find(
        &self,
        text: &str,
        tokens: &[Token],
        symbols: &mut [u8],
        first: usize,
    ) -> Option<Option<(usize, usize)>> {
        let n = tokens.len();
        let mut cache = self.symbolic.caches.get();
        let (fwd_cache, rev_cache) = &mut *cache;
        let fwd = &self.symbolic.fwd;
        let input = regex_automata::Input::new(&symbols[..]).range(first..);
        let mut sid = fwd.start_state_forward(fwd_cache, &input).ok()?;
        let mut end = None;
        let mut at = first;
        let mut dead = false;
        while at < n {
            let b = self.symbol_at(text, tokens, symbols, at);
            sid = fwd.next_state(fwd_cache, sid, b).ok()?;
            if sid.is_tagged() {
                if sid.is_match() {
                    end = Some(at);
                } else if sid.is_dead() {
                    dead = true;
                    break;
                } else if sid.is_quit() {
                    return None;
                }
            }
            at += 1;
        }
        if !dead {
            sid = fwd.next_eoi_state(fwd_cache, sid).ok()?;
            if sid.is_match() {
                end = Some(n);
            }
        }
        let Some(end) = end else {
            return Some(None);
        };
        // The reverse search reads the symbols of the match and the one after it, all
        // computed by the forward search.
        let rev = &self.symbolic.rev;
        let back = regex_automata::Input::new(&symbols[..])
            .range(first..end)
            .anchored(regex_automata::Anchored::Yes);
        let start = rev.try_search_rev(rev_cache, &back).ok()??.offset();
        Some(Some((start, end)))
    }
}

/// The symbol of a token that is one character `c`, not a word character.
fn other_symbol(classes: &[CharSet], c: char) -> u8 {
    let mask = classes
        .iter()
        .enumerate()
        .filter(|(_, set)| set.contains(c))
        .fold(0, |m, (i, _)| m | 1 << i);
    other_symbols()[mask]
}

/// The bytes a match of `h` can end with: all of them unless its suffixes are known.
fn last_bytes(h: &Hir) -> Box<[bool; 256]> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut out = Box::new([true; 256]);
    let seq = Extractor::new().kind(ExtractKind::Suffix).extract(h);
    if let Some(lits) = seq.literals() {
        let last: Option<Vec<u8>> = lits.iter().map(|l| l.as_bytes().last().copied()).collect();
        if let Some(last) = last {
            *out = [false; 256];
            for b in last {
                out[usize::from(b)] = true;
            }
        }
    }
    out
}

/// Where the chunk of `dfa` stops in `word`, if it matches (not empty).
fn prefix_len(dfa: &WordDfa, word: &[u8]) -> Option<usize> {
    dfa_end(dfa, word).filter(|&e| e > 0)
}

/// Where the first listed word that ends `word` (at byte `at` of the text) begins, at or
/// after `from`.
fn suffix_at(set: &WordSet, word: &[u8], at: usize, from: usize) -> Option<usize> {
    (0..word.len())
        .filter(|&i| at + i >= from)
        .find(|&i| set.contains(&word[i..], hash(&word[i..])))
        .map(|i| at + i)
}

/// A regex over one word, as a full DFA searched from the word's start: these are small
/// (letters and endings), and a full DFA answers without the meta engine's set-up.
type WordDfa = regex_automata::dfa::dense::DFA<Vec<u32>>;

fn compile(h: &Hir) -> Option<WordDfa> {
    let nfa = regex_automata::nfa::thompson::Compiler::new()
        .configure(regex_automata::nfa::thompson::Config::new().shrink(true))
        .build_from_hir(h)
        .ok()?;
    regex_automata::dfa::dense::Builder::new()
        .configure(
            regex_automata::dfa::dense::Config::new()
                .start_kind(regex_automata::dfa::StartKind::Anchored)
                .dfa_size_limit(Some(1 << 20))
                .determinize_size_limit(Some(1 << 22)),
        )
        .build_from_nfa(&nfa)
        .ok()
}

/// Where the leftmost-first match of `dfa` from the start of `word` ends: the DFA stepped
/// by hand (a word is a few bytes: the search set-up of `try_search_fwd` cost more than the
/// steps).
fn dfa_end(dfa: &WordDfa, word: &[u8]) -> Option<usize> {
    use regex_automata::dfa::Automaton;
    let input = regex_automata::Input::new(word).anchored(regex_automata::Anchored::Yes);
    let mut sid = dfa.start_state_forward(&input).ok()?;
    let mut end = None;
    for (at, &b) in word.iter().enumerate() {
        sid = dfa.next_state(sid, b);
        if dfa.is_special_state(sid) {
            if dfa.is_match_state(sid) {
                end = Some(at);
            } else if dfa.is_dead_state(sid) {
                return end;
            } else if dfa.is_quit_state(sid) {
                return None;
            }
        }
    }
    sid = dfa.next_eoi_state(sid);
    if dfa.is_match_state(sid) {
        end = Some(word.len());
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hir(p: &str) -> Hir {
        regex_syntax::parse(p).unwrap()
    }

    /// The byte regex's match and groups from every byte of `text`, and the word engine's.
    fn assert_agrees(p: &WordProgram, re: &Regex, text: &str) -> usize {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut symbols = Vec::new();
        let mut slots = Slots::new();
        let mut caps = re.create_captures();
        let mut found = 0;
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            re.search_captures(&regex_automata::Input::new(text).range(from..), &mut caps);
            let want: Vec<usize> = (0..caps.group_len())
                .flat_map(|k| caps.get_group(k).map_or([UNSET; 2], |m| [m.start, m.end]))
                .collect();
            WordProgram::reset(tokens.len(), &mut symbols);
            let hit = p
                .search(text, &tokens, &mut symbols, from, &mut slots)
                .unwrap();
            let got = if hit {
                slots.clone()
            } else {
                vec![UNSET; want.len()]
            };
            assert_eq!(got, want, "{text:?} from {from}");
            found += usize::from(hit);
        }
        found
    }

    fn check_pattern(pattern: &str, texts: &[&str]) -> usize {
        let h = hir(pattern);
        let p = WordProgram::new(&h).unwrap_or_else(|| panic!("not taken: {pattern}"));
        let re = Regex::new(pattern).unwrap();
        texts.iter().map(|t| assert_agrees(&p, &re, t)).sum()
    }

    type Regex = regex_automata::meta::Regex;

    #[test]
    fn tokens_are_words_and_single_other_characters() {
        let mut t = Vec::new();
        tokenize("l'eau, 3 fois«x»", &mut t);
        let parts: Vec<(&str, bool)> = t
            .iter()
            .map(|k| {
                (
                    &"l'eau, 3 fois«x»"[k.start as usize..k.end as usize],
                    k.word,
                )
            })
            .collect();
        assert_eq!(
            parts,
            [
                ("l", true),
                ("'", false),
                ("eau", true),
                (",", false),
                (" ", false),
                ("3", true),
                (" ", false),
                ("fois", true),
                ("«", false),
                ("x", true),
                ("»", false)
            ]
        );
        assert!(t.iter().all(|k| k.word == (k.hash != 0)));
    }

    #[test]
    fn a_gap_and_a_captured_word_before_the_clause_end() {
        let found = check_pattern(
            r"\b(?:kann|muss) (?:[^,.;:!?]* )?(?P<c0>\b\w+(?:['-]\w+)*\b)(?:[,.;:!?]|$)",
            &[
                "ich kann heute nicht kommen.",
                "er muss, sagt sie, jetzt gehen und kann bleiben",
                "kannst du kommen? ich kann's.",
                "wir muss-ten",
            ],
        );
        assert!(found > 10, "{found}");
    }

    #[test]
    fn a_list_of_words_first_may_end_a_longer_word() {
        // Without `\b` before it, `bin` matches at the end of `robin` too.
        let found = check_pattern(
            r"(?:bin|ist) da\b",
            &["robin da", "ich bin da", "mist da ist da"],
        );
        assert!(found > 5, "{found}");
    }

    #[test]
    fn a_chunk_last_may_stop_inside_a_word() {
        let found = check_pattern(
            r"\bam naechsten [a-z]{2}",
            &["am naechsten tag", "am naechsten x", "dam naechsten tagen"],
        );
        assert!(found > 0, "{found}");
    }

    #[test]
    fn word_regexes_and_anchors() {
        check_pattern(
            r"^(?:[a-z]+(?:st|t|e|en)|bin|ist) (?:du|ihr|sie)\b",
            &[
                "kommst du mit?",
                "ist sie da",
                "gehen sie",
                "heute kommst du",
                "bin ihr",
            ],
        );
        check_pattern(
            r"\b(?:ich|er) [a-z]{2,}te\b",
            &["ich sagte es", "er te", "ich machte-te"],
        );
        check_pattern(
            r"\bso (?:[a-z]+ ){1,2}wie\b",
            &["so gross wie", "so sehr gross wie er", "so wie"],
        );
        // The chunk ends where the regex's first choice ends: `gehen`, `geh` in `gehst`.
        check_pattern(r"\bgeh(?:en)?", &["wir gehen", "du gehst", "vorgehen geh"]);
    }

    #[test]
    fn parts_inside_words_are_left_to_the_byte_engine() {
        for p in [
            r"[a-z]+te\b",      // a regex chunk that may start inside a word
            r"\Bte\b",          // not a boundary
            r"\bab[^,]{2,5}x",  // a counted run: counts characters, not words
            r"\bich(?: geh)?",  // a chunk last inside an optional part
            r"(?:[a-z]+ )*",    // can match empty
            r"\bhaus[a-z]?\w+", // a chunk followed by a run inside the same word
        ] {
            assert!(WordProgram::new(&hir(p)).is_none(), "{p}");
        }
    }
}
