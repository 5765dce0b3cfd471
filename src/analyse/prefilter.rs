//! Which grammar rules can match a sentence: one Aho-Corasick pass finds the required
//! literals of every pattern (see [`super::anchors::clauses`]) in the sentence's skeleton
//! (see [`super::anchors::skeleton`]); a pattern is a candidate when each of its clauses has
//! a literal in the sentence, a rule when one of its patterns is. Rules with a pattern that
//! has no usable literal are always candidates.
//!
//! The same clause (the strings of a word class, say) is required by many patterns, and its
//! common strings (`the `) occur in most sentences: each distinct clause is marked once per
//! sentence, and a pattern is looked at only when its first clause (the least likely, see
//! `anchors::clauses`) is hit; its other clauses are checked after the pass.
//!
//! The pass yields the candidate *patterns*, not only rules: a rule's other patterns, whose
//! literals are missing, need not run. Each candidate also gets a start: a clause whose
//! literals come from parts of bounded length at the start of the pattern (see
//! `anchors::Clause::reach`) tells how far into a match its literal can end, so no match
//! starts before the first end of one of its literals minus that reach, and the pattern's
//! regex searches from there (on the generated English sentences of the benchmark this
//! skips 13% of the bytes the candidates would scan, 23% on the French ones).
//!
//! Rules may be *deferred* (see [`Prefilter::with_deferred`]): the grammar's exclusions,
//! which matter only where their rule matched. The pass looks for their literals too, but
//! lists none of them; what it found stays with the caller ([`Hits`]), who asks about one
//! deferred rule when it needs to. German, stop 34: 7 exclusions had been listed per
//! sentence beside 4 rule patterns; deferred, the instructions of `Grammar::find` per MB of
//! the MERLIN texts went from 212 M to 195 M.
//!
//! The scanner is first an Aho-Corasick NFA, the noncontiguous one, quickest to build (a run
//! on one lesson needs no more: the contiguous NFA cost 10–20 M more instructions to build
//! and scanned 1 MB of sentences no faster). Once a rule set has scanned [`UPGRADE_AFTER`]
//! sentences, a thread builds a faster scanner from it (a dense table whose match states
//! carry the clauses of all their literals, see [`LiteralDfa`], or the contiguous NFA for
//! very large literal sets, see [`MAX_TABLE_LITERALS`]), which sentences use as soon as it is
//! ready. All report the same literals, so the candidates, and the output, do
//! not depend on when (or whether) it arrives.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::{contiguous, noncontiguous};
use aho_corasick::{Anchored, MatchKind};
use rustc_hash::FxHashMap;

use super::anchors::{Clause, SkeletonMap};
use super::literal_dfa::LiteralDfa;

/// Sentences scanned with the first NFA before the faster scanner is built (about 1 MB of
/// text).
const UPGRADE_AFTER: usize = 20_000;

/// The table (see [`LiteralDfa`]) takes 0.5–0.75 KB per literal: Italian, 9,907 literals:
/// 4.9 MB; German, 12,789: 6.0 MB; English, 12,889: 8.8 MB; Spanish, 18,614: 9.9 MB; French,
/// 28,310: 20.8 MB (stop 19). Above this many literals the contiguous NFA is built instead,
/// a fifteenth of the memory (French scans with it took 359 M instructions per MB of
/// sentences in `Grammar::find`, against 308 M with the table). Until stop 19 the faster
/// scanner was the crate's own DFA, 1.1–1.3 KB per literal, and French and Spanish, above
/// 14,000 literals, had the contiguous NFA.
const MAX_TABLE_LITERALS: usize = 40_000;

/// The faster scanner (see the module's documentation): a dense table whose match states
/// carry the clauses of all their literals at once, or for large literal sets the
/// contiguous NFA.
enum Faster {
    /// The table, and the skeleton written as its byte classes.
    Table(LiteralDfa, SkeletonMap),
    Contiguous(contiguous::NFA),
}

/// The clauses of each literal, as the non-zero words (index, bits) of a bit set of `words`
/// words (a common literal such as `the ` belongs to dozens of clauses, most literals to a
/// few): literal `k`'s are list `k` of `bits`.
struct LiteralClauses {
    bits: Lists<(u32, u64)>,
    words: usize,
}

impl LiteralClauses {
    fn of(&self, k: usize) -> &[(u32, u64)] {
        self.bits.get(k)
    }

    /// The clauses of several literals, merged, as a table's payload: each non-zero word
    /// (index, bits) as three `u32`, the index and the bits' low and high halves (see
    /// [`each_word`]).
    fn merged(&self, literals: &[usize]) -> Vec<u32> {
        let mut dense = vec![0u64; self.words];
        for &k in literals {
            for &(w, b) in self.of(k) {
                dense[w as usize] |= b;
            }
        }
        (0..self.words as u32)
            .zip(dense)
            .filter(|&(_, b)| b != 0)
            .flat_map(|(w, b)| [w, b as u32, (b >> 32) as u32])
            .collect()
    }
}

/// Calls `found(index, bits)` for each word of a payload written by
/// [`LiteralClauses::merged`].
fn each_word(payload: &[u32], mut found: impl FnMut(u32, u64)) {
    for t in payload.chunks_exact(3) {
        found(t[0], u64::from(t[1]) | (u64::from(t[2]) << 32));
    }
}

/// Calls `found(k, end)` for each occurrence of literal `k` of `aut` in `haystack`, ending at
/// byte `end`, overlapping ones included, by end (as `find_overlapping_iter` reports them).
/// The automaton's own loop, without the iterator's work per match: with about 17 literals
/// found per English sentence, that work was half the scan (stop 15). Not inlined: in
/// `Prefilter::candidates` the loop kept its state on the stack (stop 19: 3% fewer
/// instructions in `Grammar::find`).
#[inline(never)]
fn scan<A: Automaton>(aut: &A, haystack: &[u8], mut found: impl FnMut(usize, usize)) {
    let Ok(mut sid) = aut.start_state(Anchored::No) else {
        return;
    };
    let mut report = |sid, end| {
        for i in 0..aut.match_len(sid) {
            found(aut.match_pattern(sid, i).as_usize(), end);
        }
    };
    // An empty literal matches at the start (the automata built here have none).
    if aut.is_match(sid) {
        report(sid, 0);
    }
    for (at, &b) in haystack.iter().enumerate() {
        sid = aut.next_state(Anchored::No, sid, b);
        // Dead and match states are special (start states too, but only with a prefilter,
        // which these automata are built without).
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                return;
            }
            if aut.is_match(sid) {
                report(sid, at + 1);
            }
        }
    }
}

pub struct Prefilter {
    scanner: Arc<noncontiguous::NFA>,
    /// The faster scanner of the same literals, once built (see the module's documentation).
    upgrade: Arc<OnceLock<Faster>>,
    /// Sentences scanned so far, up to [`UPGRADE_AFTER`].
    scanned: AtomicUsize,
    /// For each literal of the scanner, the distinct clauses it belongs to.
    clauses: Arc<LiteralClauses>,
    /// The bytes that the literals hold.
    used: [bool; 256],
    /// The distinct clauses that are the first clause of some pattern, as a bit set.
    first_bits: Vec<u64>,
    /// The distinct clauses with a reach in some pattern (whose first end is wanted), as a
    /// bit set.
    reach_bits: Vec<u64>,
    /// For each distinct clause, the patterns whose first clause it is.
    triggers: Lists<u32>,
    /// For each pattern, its distinct clauses with their reach ([`NO_REACH`] when none,
    /// see `anchors::Clause::reach`), and its rule and its place among the rule's patterns.
    pattern_clauses: Lists<(u32, u32)>,
    pattern_place: Vec<(u32, u32)>,
    /// Rules that always run.
    always: Vec<usize>,
    /// The first rule that is *deferred*: from it on, rules are not candidates of
    /// [`Prefilter::candidates_into`], and are asked about one by one, after the pass, with
    /// [`Prefilter::deferred_start`] (see [`Prefilter::with_deferred`]).
    deferred_from: usize,
    /// The patterns of each deferred rule, a range of pattern numbers.
    deferred: Vec<(u32, u32)>,
}

/// What the pass over a sentence found: the distinct clauses hit, as a bit set, and where
/// each clause with a reach first has a literal end (set when the clause is first hit in the
/// sentence, read only for clauses hit in it: what earlier sentences left is never read).
/// Kept by the caller, for [`Prefilter::deferred_start`], and reused from one sentence to
/// the next.
#[derive(Default)]
pub struct Hits {
    hit: Vec<u64>,
    first_end: Vec<u32>,
}

/// Whether every clause of `clauses` (a pattern's, with their reach) is in `hit`, the bit
/// set of the clauses a sentence holds (see [`Hits`]).
fn all_hit(hit: &[u64], clauses: &[(u32, u32)]) -> bool {
    clauses
        .iter()
        .all(|&(c, _)| hit[c as usize / 64] & (1 << (c % 64)) != 0)
}

/// Lists stored one after the other in one array, list `i` at `items[at[i]..at[i + 1]]`:
/// the lists that one sentence reads are near each other in memory, where a vector per list
/// was an allocation of its own to fetch (stop 21).
struct Lists<T> {
    at: Vec<u32>,
    items: Vec<T>,
}

impl<T> Lists<T> {
    fn get(&self, i: usize) -> &[T] {
        &self.items[self.at[i] as usize..self.at[i + 1] as usize]
    }

    fn len(&self) -> usize {
        self.at.len() - 1
    }

    /// No lists yet.
    fn empty() -> Self {
        Lists {
            at: vec![0],
            items: Vec::new(),
        }
    }

    /// Adds a list; `None` past 2^32 items.
    fn push(&mut self, list: impl IntoIterator<Item = T>) -> Option<()> {
        self.items.extend(list);
        self.at.push(u32::try_from(self.items.len()).ok()?);
        Some(())
    }

    /// `None` past 2^32 items.
    fn new(lists: Vec<Vec<T>>) -> Option<Self> {
        let mut out = Lists::empty();
        out.items.reserve(lists.iter().map(Vec::len).sum());
        for list in lists {
            out.push(list)?;
        }
        Some(out)
    }
}

/// The error of a rule set whose prefilter lists would not fit their 32-bit offsets.
const TOO_LARGE: &str = "too many grammar patterns for the prefilter";

/// The memory `Prefilter::candidates` works in, kept by each thread from one sentence to
/// the next.
#[derive(Default)]
struct Scratch {
    skeleton: Vec<u8>,
    /// The patterns all of whose clauses are hit, as a bit set.
    passed: Vec<u64>,
    /// Where the faster scanner notes its match states (see `LiteralDfa::scan`).
    held: Vec<u64>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = const {
        std::cell::Cell::new(Scratch {
            skeleton: Vec::new(),
            passed: Vec::new(),
            held: Vec::new(),
        })
    };
}

/// A clause without reach (see `anchors::Clause::reach`).
const NO_REACH: u32 = u32::MAX;

/// A pattern that may match a sentence: its rule, its place among the rule's patterns
/// ([`ALL_PATTERNS`] for a rule that always runs: every pattern), and the position of the
/// sentence's text before which none of its matches starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub rule: u32,
    pub pattern: u32,
    pub start: u32,
}

/// The patterns of a rule that always runs.
pub const ALL_PATTERNS: u32 = u32::MAX;

/// Literals are looked for by their first this many bytes (a text holding a literal holds
/// its start, which ends no later than the literal, so the start a clause allows a match is
/// no later either). The faster scanner reads a text in two lanes that overlap by the
/// longest literal's length less one (see `literal_dfa::LiteralDfa::scan`), and English
/// literals reach 40 bytes (products of short alternatives: "his neighbours not to "); at
/// 12, a sentence of 38 bytes or more is split. Candidate rules per sentence, generated
/// English and the German MERLIN texts: 3.4 and 5.4 either way (at 8: 3.5 and 5.6).
const MAX_LITERAL: usize = 12;

/// The patterns of a deferred rule that always runs (see [`Prefilter::deferred_start`]).
const ALWAYS: (u32, u32) = (u32::MAX, u32::MAX);

impl Prefilter {
    /// `rules[i]` holds the clauses of each pattern of rule `i` (a rule without patterns is
    /// never a candidate).
    pub fn new(rules: &[Vec<Vec<Clause>>]) -> Result<Prefilter, String> {
        Self::with_deferred(rules, rules.len())
    }

    /// [`Self::new`], where the rules from `deferred_from` on are *deferred*: the pass looks
    /// for their literals, but does not list them among the candidates; the caller asks
    /// whether one of them can match, when it needs to, with [`Self::deferred_start`]. The
    /// grammar's exclusions are such rules: each needs asking only where its rule matched,
    /// about one sentence in three, and listing them all cost most of the candidate lists'
    /// time (German, stop 34: 7 exclusions and 4 rule patterns listed per sentence).
    pub fn with_deferred(
        rules: &[Vec<Vec<Clause>>],
        deferred_from: usize,
    ) -> Result<Prefilter, String> {
        let mut deferred = Vec::new();
        let mut literal_index: FxHashMap<&[u8], usize> = FxHashMap::default();
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut literal_clauses: Vec<Vec<u32>> = Vec::new();
        let mut clause_index: FxHashMap<&[Vec<u8>], u32> = FxHashMap::default();
        let mut triggers: Vec<Vec<u32>> = Vec::new();
        let mut pattern_clauses = Vec::new();
        let mut pattern_place = Vec::new();
        let mut always = Vec::new();
        for (i, patterns) in rules.iter().enumerate() {
            // A rule without patterns is never a candidate (an exclusion that the grammar
            // does not filter, see `grammar::Grammar::new`); one with a pattern without
            // literals always is.
            if patterns.iter().any(Vec::is_empty) {
                if i >= deferred_from {
                    deferred.push(ALWAYS);
                } else {
                    always.push(i);
                }
                continue;
            }
            let first_pattern = pattern_clauses.len() as u32;
            if i >= deferred_from {
                deferred.push((first_pattern, first_pattern + patterns.len() as u32));
            }
            for (k, clauses) in patterns.iter().enumerate() {
                let pattern = pattern_clauses.len() as u32;
                let mut ids: Vec<(u32, u32)> = Vec::with_capacity(clauses.len());
                for clause in clauses {
                    let set = &clause.literals;
                    let reach = clause
                        .reach
                        .and_then(|r| u32::try_from(r).ok())
                        .unwrap_or(NO_REACH);
                    let id = *clause_index.entry(set.as_slice()).or_insert_with(|| {
                        let id = triggers.len() as u32;
                        triggers.push(Vec::new());
                        for lit in set {
                            let lit = &lit[..lit.len().min(MAX_LITERAL)];
                            let k = *literal_index.entry(lit).or_insert_with(|| {
                                literals.push(lit);
                                literal_clauses.push(Vec::new());
                                literals.len() - 1
                            });
                            // Two literals of the clause may share their first bytes.
                            if literal_clauses[k].last() != Some(&id) {
                                literal_clauses[k].push(id);
                            }
                        }
                        id
                    });
                    // The same clause twice: either bound holds, the tighter is kept.
                    match ids.iter_mut().find(|(c, _)| *c == id) {
                        Some(known) => known.1 = known.1.min(reach),
                        None => ids.push((id, reach)),
                    }
                }
                // A deferred rule's patterns are never listed: no trigger.
                if i < deferred_from {
                    triggers[ids[0].0 as usize].push(pattern);
                }
                pattern_clauses.push(ids);
                pattern_place.push((i as u32, k as u32));
            }
        }
        // Clauses renumbered so that those of one literal are next to each other, the
        // literals of most clauses first: a literal's clauses then fill few 64-bit words,
        // and a match reads fewer of them (stop 22, English sentences: 40 words read per
        // sentence before, 20 after; instructions in `Grammar::find` 273 -> 265 M per MB of
        // sentences, German 255 -> 252 M).
        let mut by_count: Vec<usize> = (0..literal_clauses.len()).collect();
        by_count.sort_by_key(|&k| std::cmp::Reverse(literal_clauses[k].len()));
        let mut number = vec![u32::MAX; triggers.len()];
        let mut next = 0u32;
        for &k in &by_count {
            for &c in &literal_clauses[k] {
                if number[c as usize] == u32::MAX {
                    number[c as usize] = next;
                    next += 1;
                }
            }
        }
        for n in number.iter_mut().filter(|n| **n == u32::MAX) {
            *n = next;
            next += 1;
        }
        for clauses in &mut literal_clauses {
            clauses.iter_mut().for_each(|c| *c = number[*c as usize]);
        }
        for ids in &mut pattern_clauses {
            ids.iter_mut().for_each(|(c, _)| *c = number[*c as usize]);
        }
        let mut renumbered = vec![Vec::new(); triggers.len()];
        for (old, t) in triggers.into_iter().enumerate() {
            renumbered[number[old] as usize] = t;
        }
        let triggers = renumbered;
        let words = triggers.len().div_ceil(64);
        let mut dense = vec![0u64; words];
        let mut literal_bits = Lists::empty();
        for clauses in &literal_clauses {
            dense.iter_mut().for_each(|w| *w = 0);
            for &c in clauses {
                dense[c as usize / 64] |= 1 << (c % 64);
            }
            let nonzero = (0..words as u32).zip(&dense).filter(|(_, &b)| b != 0);
            literal_bits
                .push(nonzero.map(|(w, &b)| (w, b)))
                .ok_or(TOO_LARGE)?;
        }
        let mut used = [false; 256];
        for b in literals.iter().flat_map(|l| l.iter()) {
            used[usize::from(*b)] = true;
        }
        let mut reach_bits = vec![0u64; words];
        for &(c, reach) in pattern_clauses.iter().flatten() {
            if reach != NO_REACH {
                reach_bits[c as usize / 64] |= 1 << (c % 64);
            }
        }
        let mut first_bits = vec![0u64; words];
        for (c, t) in triggers.iter().enumerate() {
            if !t.is_empty() {
                first_bits[c / 64] |= 1 << (c % 64);
            }
        }
        let scanner = noncontiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&literals)
            .map_err(|e| e.to_string())?;
        Ok(Prefilter {
            scanner: Arc::new(scanner),
            upgrade: Arc::default(),
            scanned: AtomicUsize::new(0),
            clauses: Arc::new(LiteralClauses {
                bits: literal_bits,
                words,
            }),
            used,
            first_bits,
            reach_bits,
            triggers: Lists::new(triggers).ok_or(TOO_LARGE)?,
            pattern_clauses: Lists::new(pattern_clauses).ok_or(TOO_LARGE)?,
            pattern_place,
            always,
            deferred_from,
            deferred,
        })
    }

    /// The patterns that may match `text` (folded sentence text), sorted, without
    /// duplicates, each with the position where its matches can start at the earliest: the
    /// first end of a literal of one of its clauses, minus the clause's reach.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        self.candidates_into(text, &mut out, &mut Hits::default());
        out
    }

    /// [`Self::candidates`], in `out` (cleared first), but for the deferred rules (see
    /// [`Self::with_deferred`]); what the pass found is left in `hits`.
    pub fn candidates_into(&self, text: &str, out: &mut Vec<Candidate>, hits: &mut Hits) {
        let Scratch {
            mut skeleton,
            mut passed,
            mut held,
        } = SCRATCH.take();
        // The literals are skeletons (see `anchors::skeleton`); the table reads the skeleton
        // as its byte classes, written at once.
        let faster = self.upgrade.get();
        match faster {
            Some(Faster::Table(_, map)) => {
                super::anchors::mapped_skeleton(text, map, &mut skeleton)
            }
            _ => super::anchors::skeleton(text, &mut skeleton),
        }
        let words = self.clauses.words;
        let Hits { hit, first_end } = hits;
        hit.clear();
        hit.resize(words, 0);
        first_end.resize(self.triggers.len(), 0);
        // As slices: the scan's loop keeps where they are in registers.
        let (hit, first_end) = (&mut hit[..], &mut first_end[..]);
        let reach_bits = &self.reach_bits[..];
        self.each_literal(faster, &skeleton, &mut held, |w, b, end| {
            // Matches come by end: a clause's first match ends first.
            // (Past 4 GiB, which no sentence reaches, no bound: 0.)
            let end = u32::try_from(end).unwrap_or(0);
            let h = &mut hit[w as usize];
            let mut new = b & !*h & reach_bits[w as usize];
            *h |= b;
            while new != 0 {
                first_end[w as usize * 64 + new.trailing_zeros() as usize] = end;
                new &= new - 1;
            }
        });
        // The patterns whose clauses are all hit, as a bit set by pattern: read in order,
        // they come sorted by rule, then by place in the rule (patterns are numbered so).
        // Each pattern is looked at once, from its first clause, which is hit (the others
        // are checked).
        passed.clear();
        passed.resize(self.pattern_place.len().div_ceil(64), 0);
        let mut count = 0;
        for (w, (&h, &f)) in hit.iter().zip(&self.first_bits).enumerate() {
            let mut bits = h & f;
            while bits != 0 {
                let c = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                for &p in self.triggers.get(c) {
                    if all_hit(hit, &self.pattern_clauses.get(p as usize)[1..]) {
                        passed[p as usize / 64] |= 1 << (p % 64);
                        count += 1;
                    }
                }
            }
        }
        out.clear();
        out.reserve(self.always.len() + count);
        let mut always = self
            .always
            .iter()
            .map(|&r| Candidate {
                rule: r as u32,
                pattern: ALL_PATTERNS,
                start: 0,
            })
            .peekable();
        for (w, &bits) in passed.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let p = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let (rule, index) = self.pattern_place[p];
                // The rules that always run, in their place (a rule that always runs has no
                // numbered patterns).
                out.extend(std::iter::from_fn(|| always.next_if(|c| c.rule < rule)));
                let start = self.start_of(self.pattern_clauses.get(p), first_end);
                out.push(Candidate {
                    rule,
                    pattern: index,
                    start,
                });
            }
        }
        out.extend(always);
        SCRATCH.set(Scratch {
            skeleton,
            passed,
            held,
        });
        debug_assert!(out.is_sorted());
    }

    /// Whether deferred rule `rule` (see [`Self::with_deferred`]) can match the sentence of
    /// `hits` (see [`Self::candidates_into`]): the start its first pattern whose clauses are
    /// all hit gives its matches (as [`Candidate::start`]), or `None`.
    pub fn deferred_start(&self, hits: &Hits, rule: usize) -> Option<u32> {
        let &(from, to) = self.deferred.get(rule.checked_sub(self.deferred_from)?)?;
        if (from, to) == ALWAYS {
            return Some(0);
        }
        (from..to).find_map(|p| {
            let clauses = self.pattern_clauses.get(p as usize);
            all_hit(&hits.hit, clauses).then(|| self.start_of(clauses, &hits.first_end))
        })
    }

    /// Where the matches of a pattern whose clauses are all hit start at the earliest: the
    /// latest first end of a literal of one of its clauses with a reach, minus that reach.
    fn start_of(&self, clauses: &[(u32, u32)], first_end: &[u32]) -> u32 {
        clauses
            .iter()
            .filter(|&&(_, reach)| reach != NO_REACH)
            .map(|&(c, reach)| first_end[c as usize].saturating_sub(reach))
            .max()
            .unwrap_or(0)
    }

    /// Scans `haystack` for the literals, calling `found(index, bits, end)` with each word
    /// of the clauses of the literals (see [`scan`]) that end at `end`, with `faster`, the
    /// faster scanner, if it is built (with `held` for its memory; `haystack` is then the
    /// skeleton as its table's byte classes); else with the first NFA, and the faster one is
    /// started once enough sentences were scanned.
    fn each_literal(
        &self,
        faster: Option<&Faster>,
        haystack: &[u8],
        held: &mut Vec<u64>,
        mut found: impl FnMut(u32, u64, usize),
    ) {
        let one = |k, end| {
            for &(w, b) in self.clauses.of(k) {
                found(w, b, end);
            }
        };
        match faster {
            Some(Faster::Table(table, _)) => table.scan_classes(haystack, held, |payload, end| {
                each_word(payload, |w, b| found(w, b, end))
            }),
            Some(Faster::Contiguous(nfa)) => scan(nfa, haystack, one),
            None => {
                if self.scanned.load(Ordering::Relaxed) < UPGRADE_AFTER
                    && self.scanned.fetch_add(1, Ordering::Relaxed) + 1 == UPGRADE_AFTER
                {
                    self.build_upgrade();
                }
                scan(&*self.scanner, haystack, one)
            }
        }
    }

    /// Builds the faster scanner from the first NFA on a thread of its own (if the system
    /// gives one: otherwise the first NFA stays).
    fn build_upgrade(&self) {
        let (nfa, upgrade) = (self.scanner.clone(), self.upgrade.clone());
        let (clauses, used) = (self.clauses.clone(), self.used);
        let _ = std::thread::Builder::new()
            .name("cefrlint-prefilter".into())
            .spawn(move || {
                let built = if nfa.patterns_len() <= MAX_TABLE_LITERALS {
                    LiteralDfa::new(&*nfa, &used, |ks| clauses.merged(ks)).map(|table| {
                        let map = SkeletonMap::new(|b| table.class(b));
                        Faster::Table(table, map)
                    })
                } else {
                    contiguous::Builder::new()
                        .build_from_noncontiguous(&nfa)
                        .ok()
                        .map(Faster::Contiguous)
                };
                if let Some(faster) = built {
                    let _ = upgrade.set(faster);
                }
            });
    }

    /// Rules that always run (for benchmarks).
    pub fn always_len(&self) -> usize {
        self.always.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(v: &[&str]) -> Clause {
        Clause {
            literals: v.iter().map(|s| s.as_bytes().to_vec()).collect(),
            reach: None,
        }
    }

    /// A clause whose literals end at most `r` bytes into a match.
    fn reach(v: &[&str], r: usize) -> Clause {
        Clause {
            reach: Some(r),
            ..lits(v)
        }
    }

    /// Scans sentences with each prefilter until it builds its faster scanner (see
    /// [`UPGRADE_AFTER`]), and waits for it.
    fn upgrade(ps: &[&Prefilter]) {
        for p in ps {
            for _ in 0..UPGRADE_AFTER {
                p.candidates("warming up");
            }
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while ps.iter().any(|p| p.upgrade.get().is_none()) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(
            ps.iter().all(|p| p.upgrade.get().is_some()),
            "the faster scanner was not built"
        );
    }

    /// The rules of the candidate patterns.
    fn rules_of(p: &Prefilter, text: &str) -> Vec<usize> {
        let mut r: Vec<usize> = p.candidates(text).iter().map(|c| c.rule as usize).collect();
        r.dedup();
        r
    }

    /// The clauses of a literal that many patterns need (`the ` here, in a clause of its own
    /// in each pattern, after another) fill as few 64-bit words as they can: 200 clauses, 4
    /// words, where numbered as they come they would be every other one, over 7.
    #[test]
    fn a_common_literals_clauses_are_numbered_together() {
        let name = |i: usize| {
            let l = |k: usize| char::from(b'a' + k as u8);
            format!("q{}{}", l(i / 26), l(i % 26))
        };
        let rules: Vec<Vec<Vec<Clause>>> = (0..200)
            .map(|i| {
                let own = format!("{} ", name(i));
                let with_the = format!("{}x ", name(i));
                vec![vec![lits(&[&own]), lits(&["the ", &with_the])]]
            })
            .collect();
        let p = Prefilter::new(&rules).unwrap();
        let widest = (0..p.clauses.bits.len())
            .map(|k| p.clauses.of(k).len())
            .max();
        assert_eq!(widest, Some(4));
        let text = format!("the {} ran", name(7));
        assert_eq!(rules_of(&p, &text), vec![7]);
        assert_eq!(
            rules_of(&p, &format!("{} ran", name(7))),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_rule_needs_every_clause_of_one_pattern() {
        let rules = vec![
            // rule 0: "if" and one of {would, could}
            vec![vec![lits(&["if "]), lits(&["would", "could"])]],
            // rule 1: two patterns, "been" or "gone"
            vec![vec![lits(&["been"])], vec![lits(&["gone"])]],
            // rule 2: a pattern without literal: always
            vec![vec![lits(&["never"])], vec![]],
            // rule 3: no pattern: never
            vec![],
        ];
        let p = Prefilter::new(&rules).unwrap();
        assert_eq!(rules_of(&p, "if it rains"), vec![2]);
        assert_eq!(rules_of(&p, "if it rained we would stay"), vec![0, 2]);
        assert_eq!(rules_of(&p, "she has gone, if not"), vec![1, 2]);
        // A literal repeated does not count twice.
        assert_eq!(rules_of(&p, "if if if"), vec![2]);
        assert_eq!(p.always_len(), 1);
    }

    /// A pattern's matches start no earlier than the first end of a literal of one of its
    /// clauses minus the clause's reach; the tightest of its clauses counts, and a clause
    /// without reach bounds nothing.
    #[test]
    fn a_candidate_starts_where_its_first_literal_allows() {
        let reach = |v: &[&str], r: Option<usize>| Clause {
            reach: r,
            ..lits(v)
        };
        let rules = vec![
            // "if" ends at most 5 bytes into a match, in the skeleton.
            vec![vec![reach(&[" if "], Some(5))]],
            // Also "would", which bounds nothing; and "it" (as `\bit\b` would give: 2 bytes,
            // plus 2), which bounds more tightly.
            vec![vec![
                reach(&[" if "], Some(5)),
                reach(&["would"], None),
                reach(&[" it "], Some(4)),
            ]],
        ];
        let p = Prefilter::new(&rules).unwrap();
        let text = "well, if it rains, if it pours, we would stay";
        let c = p.candidates(text);
        assert_eq!(c.len(), 2, "{c:?}");
        // The skeleton is the text after one byte (`^`): " if " ends at 10 there; "if" starts at 6
        // in the text.
        assert_eq!((c[0].rule, c[0].pattern, c[0].start), (0, 0, 5));
        // " it " ends at 13: 13 - 4 = 9, after 5; "it" starts at 9.
        assert_eq!((c[1].rule, c[1].pattern, c[1].start), (1, 0, 9));
        assert!(text[c[1].start as usize..].starts_with("it rains"));
    }

    /// A literal longer than [`MAX_LITERAL`] is looked for by its first bytes: the text that
    /// holds it still gives the candidate, from a start no later than its own; a text with
    /// only the first bytes gives it too (a looser filter, never a missed match).
    #[test]
    fn a_long_literal_is_looked_for_by_its_start() {
        let long = " his neighbours not to ";
        assert!(long.len() > MAX_LITERAL);
        let rules = vec![vec![vec![Clause {
            reach: Some(long.len() + 2),
            ..lits(&[long])
        }]]];
        let p = Prefilter::new(&rules).unwrap();
        let text = "we asked his neighbours not to come";
        let c = p.candidates(text);
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(c[0].start as usize <= text.find("his").unwrap(), "{c:?}");
        assert_eq!(rules_of(&p, "we asked his neighbours to come"), vec![0]);
        assert_eq!(
            rules_of(&p, "we asked her neighbours not to"),
            Vec::<usize>::new()
        );
    }

    /// The scan loop reports what the crate's own overlapping search reports, in the same
    /// order, with both NFAs (the table is tested in `literal_dfa`).
    #[test]
    fn the_scan_loop_finds_what_the_overlapping_search_finds() {
        let literals = [
            " if ", "if", "f", " i", "would", "ould", "d", "-il ", "'a ", "é",
        ];
        let common: Vec<char> = "if wouldé-'a ".chars().collect();
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(literals)
            .unwrap();
        let cnfa = contiguous::Builder::new()
            .build_from_noncontiguous(&nfa)
            .unwrap();
        let mut found = 0;
        for (t, want) in
            crate::analyse::random_text::texts_with_literals(5, &common, &['x'], &literals)
        {
            found += want.len();
            let mut got = Vec::new();
            scan(&nfa, t.as_bytes(), |k, end| got.push((k, end)));
            assert_eq!(got, want, "noncontiguous NFA, {t:?}");
            got.clear();
            scan(&cnfa, t.as_bytes(), |k, end| got.push((k, end)));
            assert_eq!(got, want, "contiguous NFA, {t:?}");
        }
        assert!(found > 50_000, "{found}");
    }

    /// Deferred rules are not listed; asked about, each gives the start of its first pattern
    /// listed when nothing is deferred, or `None` when none is. The same with the first NFA
    /// and with the faster scanner.
    #[test]
    fn a_deferred_rule_is_asked_about_as_it_would_be_listed() {
        let rules = vec![
            vec![vec![reach(&[" if ", "^if "], 5), lits(&["would", "could"])]],
            vec![vec![lits(&["been"])], vec![reach(&[" a ", "^a "], 4)]],
            // Deferred from here on.
            vec![vec![reach(&[" if ", "^if "], 5)]],
            vec![vec![lits(&["been"])], vec![reach(&[" a ", "^a "], 4)]],
            vec![vec![lits(&["-il "])]],
            // Always; and never.
            vec![vec![]],
            vec![],
        ];
        let texts = [
            "if it rained we would stay",
            "a-t-il été là",
            "nothing here",
            "so if a cat, if a dog, a bird",
            "so if a cat could, if a dog would, a bird might have been there, a-t-il dit",
        ];
        let all = Prefilter::new(&rules).unwrap();
        let deferred = Prefilter::with_deferred(&rules, 2).unwrap();
        let check = |texts: &[&str]| {
            for text in texts {
                let want = all.candidates(text);
                let mut got = Vec::new();
                let mut hits = Hits::default();
                deferred.candidates_into(text, &mut got, &mut hits);
                let listed: Vec<Candidate> = want.iter().filter(|c| c.rule < 2).copied().collect();
                assert_eq!(got, listed, "{text}");
                for rule in 2..rules.len() {
                    let first = want.iter().find(|c| c.rule as usize == rule);
                    assert_eq!(
                        deferred.deferred_start(&hits, rule),
                        first.map(|c| c.start),
                        "{text}: rule {rule}"
                    );
                }
                // Not a deferred rule: no answer.
                assert_eq!(deferred.deferred_start(&hits, 0), None);
            }
        };
        check(&texts);
        let starts: Vec<Option<u32>> = texts
            .iter()
            .map(|t| {
                let mut hits = Hits::default();
                deferred.candidates_into(t, &mut Vec::new(), &mut hits);
                deferred.deferred_start(&hits, 2)
            })
            .collect();
        // " if " ends at 7 in the skeleton of "so if …" (after `^`): 7 - 5; "if" is at 3.
        assert_eq!(starts, [Some(0), None, None, Some(2), Some(2)]);
        upgrade(&[&all, &deferred]);
        check(&texts);
    }

    /// The faster scanner, built once enough sentences were scanned, gives the candidates the
    /// first NFA gave.
    #[test]
    fn the_faster_scanner_finds_what_the_nfa_found() {
        let rules = vec![
            // As `anchors::clauses` writes them: "^" is the sentence's start.
            vec![vec![reach(&[" if ", "^if "], 5), lits(&["would", "could"])]],
            vec![
                vec![lits(&["been"])],
                vec![reach(&[" a ", "'a ", "^a "], 4)],
            ],
            vec![vec![lits(&["-il "])]],
        ];
        let texts = [
            "if it rained we would stay",
            "a-t-il été là",
            "l'a vu, if you could",
            "nothing here",
            "a been",
            "so if a cat, if a dog, a bird",
            // Long enough for the faster scanner's two lanes (see `LiteralDfa::scan`).
            "so if a cat could, if a dog would, a bird might have been there, a-t-il dit",
            "nothing would have been said here, and then if it had been, l'a dit",
        ];
        let p = Prefilter::new(&rules).unwrap();
        let before: Vec<Vec<usize>> = texts.iter().map(|t| rules_of(&p, t)).collect();
        // The candidates with their starts, which depend on the order literals are found in.
        let before_starts: Vec<Vec<Candidate>> = texts.iter().map(|t| p.candidates(t)).collect();
        assert_eq!(before[0], vec![0]);
        assert_eq!(before[1], vec![2]);
        assert_eq!(before[4], vec![1]);
        assert_eq!(before[3], Vec::<usize>::new());
        upgrade(&[&p]);
        let after: Vec<Vec<usize>> = texts.iter().map(|t| rules_of(&p, t)).collect();
        assert_eq!(after, before);
        let after_starts: Vec<Vec<Candidate>> = texts.iter().map(|t| p.candidates(t)).collect();
        assert_eq!(after_starts, before_starts);
        assert!(
            before_starts[5].iter().any(|c| c.start > 0),
            "{before_starts:?}"
        );
    }
}
