//! A dense table of an Aho-Corasick automaton's transitions, for the prefilter's long runs
//! (see `super::prefilter`): what each match state stands for is worked out once, as a
//! payload of `u32` words of the caller's choice, instead of once per literal and per
//! sentence.
//!
//! One array holds every state's row, the next state of each byte class. A transition holds
//! the next state's row (its offset in the array) and, in its top bit, whether that state is
//! a match state. A match state's payload sits just before its row, followed by its length:
//! the words read at a match are next to the row that the next byte reads anyway, where a
//! separate payload array cost two more likely cache misses per match state (stop 21: in a
//! time profile of English, the loads of the payload's bounds and of the payload were a
//! quarter of the scan's samples, the transition load a third). The scan loop is one table
//! read per byte, in two lanes over the two halves of a text of usual length (see
//! [`LiteralDfa::scan`]), and one payload per match state reached: the prefilter's
//! payload merges the clauses of every literal the state reports (a state that reports `the `
//! often reports `he ` and `e ` too), which all end at the same byte.
//!
//! The rows are laid out depth-first along the trie, so that the states of a word of text
//! are near each other; breadth-first, a word's states were a row of each depth apart
//! (stop 21, English: second-level misses in `Grammar::find` 0.113 M → 0.062 M per MB,
//! German 0.419 M → 0.413 M, under callgrind's cache model, see `bench/grammar_cost.sh`).
//!
//! Built from the noncontiguous NFA, breadth-first from its start state, with one
//! transition per byte class; it is the automaton the crate's own DFA would be, without
//! its per-match lookups, in 0.5–0.75 KB per literal against that DFA's 1.1–1.3 (stop 19).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;
use rustc_hash::FxHashMap;

/// The top bit of a transition: the next state is a match state.
const MATCH: u32 = 1 << 31;

pub struct LiteralDfa {
    /// The class of each byte: bytes that no literal holds share class 0.
    classes: [u8; 256],
    /// The rows, each match state's preceded by its payload and the payload's length (see
    /// the module's documentation).
    table: Vec<u32>,
    /// The start state's transition value (its row, and [`MATCH`] if it is a match state).
    start: u32,
    /// The longest literal's length, less one: how far a literal ending at a byte can start
    /// before it (see [`Self::scan`]).
    overlap: usize,
}

/// Texts at least this much longer than twice [`LiteralDfa::overlap`] are scanned in two
/// lanes (see [`LiteralDfa::scan`]).
const MIN_SPLIT: usize = 16;
/// Texts longer than this are scanned in one lane, so that the memory the lanes note their
/// matches in stays small (see [`LiteralDfa::scan`]).
const MAX_SPLIT: usize = 4096;

/// A transition value and an end, in one word.
fn pack(s: u32, end: usize) -> u64 {
    u64::from(s) << 32 | end as u64
}

impl LiteralDfa {
    /// The table of `aut` (an Aho-Corasick automaton with the standard match semantics,
    /// whose literals hold only the bytes marked in `used`), with `payload(literals)` for
    /// each match state, given the literals it reports. `None` when the table would not fit
    /// its 31-bit transitions.
    pub fn new<A: Automaton>(
        aut: &A,
        used: &[bool; 256],
        mut payload: impl FnMut(&[usize]) -> Vec<u32>,
    ) -> Option<Self> {
        let start = aut.start_state(Anchored::No).ok()?;
        let (classes, reps) = byte_classes(used);
        let width = reps.len();
        let (states, next) = breadth_first(aut, start, &reps)?;
        let mut literals = Vec::new();
        let payloads: Vec<Option<Vec<u32>>> = states
            .iter()
            .map(|&sid| {
                aut.is_match(sid).then(|| {
                    literals.clear();
                    literals.extend(
                        (0..aut.match_len(sid)).map(|k| aut.match_pattern(sid, k).as_usize()),
                    );
                    payload(&literals)
                })
            })
            .collect();
        let order = trie_order(&next, width);
        // Each state's transition value: its row's offset, and the match bit.
        let mut value = vec![0u32; states.len()];
        let mut offset = 0usize;
        for &i in &order {
            let p = &payloads[i as usize];
            if let Some(words) = p {
                offset += words.len() + 1;
            }
            let row = u32::try_from(offset).ok().filter(|&r| r < MATCH)?;
            value[i as usize] = row | if p.is_some() { MATCH } else { 0 };
            offset += width;
        }
        let mut table = Vec::with_capacity(offset);
        for &i in &order {
            if let Some(words) = &payloads[i as usize] {
                table.extend_from_slice(words);
                table.push(u32::try_from(words.len()).ok()?);
            }
            let row = &next[i as usize * width..(i as usize + 1) * width];
            table.extend(row.iter().map(|&n| value[n as usize]));
        }
        Some(LiteralDfa {
            classes,
            table,
            start: value[0],
            overlap: aut.max_pattern_len().saturating_sub(1),
        })
    }

    /// The byte class of `b` (see [`Self::scan_classes`]).
    pub fn class(&self, b: u8) -> u8 {
        self.classes[usize::from(b)]
    }

    /// [`Self::scan_classes`] of a text of bytes.
    #[cfg(test)]
    pub fn scan(&self, haystack: &[u8], held: &mut Vec<u64>, found: impl FnMut(&[u32], usize)) {
        let classes: Vec<u8> = haystack.iter().map(|&b| self.class(b)).collect();
        self.scan_classes(&classes, held, found)
    }

    /// Calls `found(payload, end)` for each match state reached in a text, given as the
    /// class of each of its bytes (see [`Self::class`]: the caller maps the text once, as it
    /// writes it), with the end of its literals, in order of end. `held` is memory for the
    /// scan to reuse.
    ///
    /// Each byte's transition is a table read that the next one waits for, and these reads
    /// were most of the scan's time, whatever the table's size (stop 24, a time profile of
    /// English: half of the scan's samples on the instruction after the read; as many
    /// samples with a table of 2 MB as with 8 MB). So a text of usual length is read as two
    /// halves side by side, whose reads do not wait for each other: the second half starts
    /// `overlap` bytes early, from the start state, and keeps only the matches that end past
    /// the first half; a literal that ends there starts at most `overlap` bytes before, so
    /// the second lane sees it whole, and its state there reports the same literals (all
    /// that end there). Both lanes note their match states without a branch (a byte ends a
    /// literal about two times in five, hard to predict), and the payloads are read after:
    /// the first half's, then the second's, so that all come in order of end.
    ///
    /// The second lane's first `overlap` bytes, whose matches are not kept, have a loop of
    /// their own, so that the loop over the rest notes every match state without asking
    /// where it ends. Stop 34, with the classes given by the caller: German `Grammar::find`
    /// 195 M → 189 M instructions per MB of the MERLIN texts (the loop read the byte, its
    /// class, the transition; 49 instructions per pair of bytes, with values spilled).
    #[inline(never)]
    pub fn scan_classes(
        &self,
        classes: &[u8],
        held: &mut Vec<u64>,
        mut found: impl FnMut(&[u32], usize),
    ) {
        let table = &self.table[..];
        let next = |s: u32, c: u8| table[(s & !MATCH) as usize + usize::from(c)];
        let mut s = self.start;
        if s & MATCH != 0 {
            found(self.payload_of(s), 0);
        }
        let n = classes.len();
        let overlap = self.overlap;
        if n < 2 * overlap + MIN_SPLIT || n > MAX_SPLIT {
            for (at, &c) in classes.iter().enumerate() {
                s = next(s, c);
                if s & MATCH != 0 {
                    found(self.payload_of(s), at + 1);
                }
            }
            return;
        }
        // The first lane reads `..mid`; the second `from..`, keeping the ends past `mid`.
        let mid = (n + overlap) / 2;
        let from = mid - overlap;
        // Each lane's match states and ends, packed, the first lane's from 0, the second's
        // from `mid`: a value is written for every byte and kept (its count moved on) only
        // for a match state. Every value read is written first: no need to clear.
        if held.len() < mid + n {
            held.resize(mid + n, 0);
        }
        let (early, later) = held.split_at_mut(mid);
        let (mut a, mut b) = (0, 0);
        let mut t = self.start;
        // The second lane's first `overlap` bytes: its matches there end by `mid`.
        for (k, (&x, &y)) in classes[..overlap]
            .iter()
            .zip(&classes[from..mid])
            .enumerate()
        {
            s = next(s, x);
            t = next(t, y);
            early[a] = pack(s, k + 1);
            a += (s >> 31) as usize;
        }
        for (k, (&x, &y)) in classes[overlap..mid]
            .iter()
            .zip(&classes[mid..])
            .enumerate()
        {
            s = next(s, x);
            t = next(t, y);
            early[a] = pack(s, overlap + k + 1);
            a += (s >> 31) as usize;
            later[b] = pack(t, mid + k + 1);
            b += (t >> 31) as usize;
        }
        for (k, &y) in classes.iter().enumerate().skip(from + mid) {
            t = next(t, y);
            later[b] = pack(t, k + 1);
            b += (t >> 31) as usize;
        }
        for &v in early[..a].iter().chain(&later[..b]) {
            found(
                self.payload_of((v >> 32) as u32),
                (v & u64::from(u32::MAX)) as usize,
            );
        }
    }

    /// The payload of the match state whose transition value is `s`: the words before its
    /// length, which is just before its row.
    fn payload_of(&self, s: u32) -> &[u32] {
        let len_at = (s & !MATCH) as usize - 1;
        let len = self.table[len_at] as usize;
        &self.table[len_at - len..len_at]
    }

    /// The table's size in bytes.
    pub fn memory(&self) -> usize {
        self.table.capacity() * 4
    }
}

/// Every state of `aut` reachable from `start` by a text, numbered breadth-first, and the
/// next state (by number) of each for each byte of `reps`, `reps.len()` per state. `None`
/// past 2^32 states.
fn breadth_first<A: Automaton>(
    aut: &A,
    start: StateID,
    reps: &[u8],
) -> Option<(Vec<StateID>, Vec<u32>)> {
    let mut number: FxHashMap<u32, u32> = FxHashMap::default();
    let mut states = vec![start];
    number.insert(start.as_u32(), 0);
    let mut next = Vec::new();
    let mut i = 0;
    while i < states.len() {
        for &b in reps {
            let to = aut.next_state(Anchored::No, states[i], b);
            let n = match number.get(&to.as_u32()) {
                Some(&n) => n,
                None => {
                    let n = u32::try_from(states.len()).ok()?;
                    number.insert(to.as_u32(), n);
                    states.push(to);
                    n
                }
            };
            next.push(n);
        }
        i += 1;
    }
    Some((states, next))
}

/// The states (numbered breadth-first, `next` their transitions, `width` per state) in
/// depth-first order along the trie's edges: a literal's states follow each other, so the
/// rows a word of text walks through are near each other. A trie edge is a transition to a
/// state one deeper than its source (the others fall back to a shorter suffix).
fn trie_order(next: &[u32], width: usize) -> Vec<u32> {
    let n = next.len() / width;
    let mut depth = vec![u32::MAX; n];
    depth[0] = 0;
    // Breadth-first numbering: a state's depth is known before its transitions are read.
    for i in 0..n {
        for &t in &next[i * width..(i + 1) * width] {
            if depth[t as usize] == u32::MAX {
                depth[t as usize] = depth[i] + 1;
            }
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut stack = vec![0u32];
    seen[0] = true;
    while let Some(i) = stack.pop() {
        order.push(i);
        let row = &next[i as usize * width..(i as usize + 1) * width];
        for &t in row.iter().rev() {
            if !seen[t as usize] && depth[t as usize] == depth[i as usize] + 1 {
                seen[t as usize] = true;
                stack.push(t);
            }
        }
    }
    // Every state is on the trie (reached from the start by its literal's prefix); any
    // other, should there be one, goes last.
    order.extend((0..n as u32).filter(|&i| !seen[i as usize]));
    order
}

/// The class of each byte, and a byte of each class: each byte that some literal holds has
/// its own class; the others, which lead back to the start state from every state, share
/// class 0, represented by the first of them.
fn byte_classes(used: &[bool; 256]) -> ([u8; 256], Vec<u8>) {
    let mut classes = [0u8; 256];
    let mut reps = Vec::new();
    if let Some(b) = (0..=255u8).find(|&b| !used[usize::from(b)]) {
        reps.push(b);
    }
    for b in 0..=255u8 {
        if used[usize::from(b)] {
            // At most 256 classes: the last is 255.
            classes[usize::from(b)] = reps.len() as u8;
            reps.push(b);
        }
    }
    (classes, reps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::nfa::noncontiguous;
    use aho_corasick::MatchKind;

    fn used(literals: &[&str]) -> [bool; 256] {
        let mut used = [false; 256];
        for b in literals.iter().flat_map(|l| l.bytes()) {
            used[usize::from(b)] = true;
        }
        used
    }

    /// Each match state's payload, listed literal by literal at its end, is what the crate's
    /// own overlapping search reports, in the same order: bytes outside the literals, bytes
    /// only found inside them, and literals that end inside others included.
    #[test]
    fn the_table_reports_what_the_overlapping_search_finds() {
        let literals = [
            " if ", "if", "f", " i", "would", "ould", "d", "-il ", "'a ", "é", "ab", "b",
        ];
        let table = index_table(&literals);
        let common: Vec<char> = "if wouldé-'abx".chars().collect();
        let rare = ['z', 'è'];
        let texts = crate::analyse::random_text::texts_with_literals(7, &common, &rare, &literals);
        let (found, _) = scans_like_the_search(&table, texts);
        assert!(found > 50_000, "{found}");
    }

    /// The table of `literals` whose payloads are the literals' numbers.
    fn index_table(literals: &[&str]) -> LiteralDfa {
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(literals)
            .unwrap();
        LiteralDfa::new(&nfa, &used(literals), |ks| {
            ks.iter().map(|&k| k as u32).collect()
        })
        .unwrap()
    }

    /// Asserts that `table` (see [`index_table`]) reports in each text what the overlapping
    /// search found there, in the same order; returns how many it found, and the texts'
    /// lengths in bytes.
    fn scans_like_the_search(
        table: &LiteralDfa,
        texts: impl Iterator<Item = (String, Vec<(usize, usize)>)>,
    ) -> (usize, Vec<usize>) {
        let (mut found, mut lengths) = (0, Vec::new());
        for (t, want) in texts {
            found += want.len();
            lengths.push(t.len());
            let mut got = Vec::new();
            table.scan(t.as_bytes(), &mut Vec::new(), |ks, end| {
                got.extend(ks.iter().map(|&k| (k as usize, end)))
            });
            assert_eq!(got, want, "{t:?}");
        }
        (found, lengths)
    }

    /// Texts long enough to be read in two lanes (and some too long for them) give what the
    /// overlapping search gives, in the same order: the second lane's matches come after the
    /// first's, none twice, none missed near the seam.
    #[test]
    fn two_lanes_report_what_one_does() {
        let literals = [
            "would ", "ould", "d", "-il ", "'a ", "é", "ab", "b", "a wo", " if ",
        ];
        let table = index_table(&literals);
        assert_eq!(table.overlap, 5);
        let common: Vec<char> = "if wouldé-'ab".chars().collect();
        let texts = crate::analyse::random_text::texts_with_literals_up_to(
            11,
            &common,
            &['z', 'è'],
            &literals,
            (300, 20_000),
        );
        let (found, lengths) = scans_like_the_search(&table, texts);
        let split = lengths
            .iter()
            .filter(|&&n| n >= 2 * table.overlap + MIN_SPLIT && n <= MAX_SPLIT)
            .count();
        assert!(split > 10_000, "{split}");
        assert!(found > 500_000, "{found}");
        // And texts too long for two lanes.
        let texts = crate::analyse::random_text::texts_with_literals_up_to(
            12,
            &common,
            &['z', 'è'],
            &literals,
            (6_000, 100),
        );
        let (_, lengths) = scans_like_the_search(&table, texts);
        assert!(lengths.iter().any(|&n| n > MAX_SPLIT));
    }

    /// The rows are laid out depth-first along the trie: every state once, the start state
    /// first, and a state's first child right after it.
    #[test]
    fn rows_follow_the_trie_depth_first() {
        let literals = ["the ", "then", "he ", "she", "a "];
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(literals)
            .unwrap();
        let used = used(&literals);
        let (_, reps) = byte_classes(&used);
        let start = nfa.start_state(Anchored::No).unwrap();
        let (states, next) = breadth_first(&nfa, start, &reps).unwrap();
        let order = trie_order(&next, reps.len());
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, (0..states.len() as u32).collect::<Vec<_>>());
        assert_eq!(order[0], 0);
        // Walking "the " from the start (each step to the state's first child): each state
        // is the next row of the order.
        let class = |b: u8| reps.iter().position(|&r| r == b).unwrap();
        let mut s = 0u32;
        let mut at = 0;
        for b in "the ".bytes() {
            s = next[s as usize * reps.len() + class(b)];
            let here = order.iter().position(|&o| o == s).unwrap();
            if at > 0 {
                assert_eq!(here, at + 1, "{}", b as char);
            }
            at = here;
        }
    }

    /// A payload is worked out once per match state: merged, the literals' own sets come
    /// out once per state reached.
    #[test]
    fn a_match_state_carries_one_payload_for_all_its_literals() {
        // "the " ends with "he " and "e ": one state reports all three.
        let literals = ["the ", "he ", "e ", "she"];
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(literals)
            .unwrap();
        let table = LiteralDfa::new(&nfa, &used(&literals), |ks| {
            let mut v: Vec<u32> = ks.iter().map(|&k| k as u32).collect();
            v.sort();
            v
        })
        .unwrap();
        let mut got = Vec::new();
        table.scan(b"see the shed ", &mut Vec::new(), |p, end| {
            got.push((p.to_vec(), end))
        });
        assert_eq!(got, vec![(vec![2], 4), (vec![0, 1, 2], 8), (vec![3], 11),]);
        assert!(table.memory() > 0);
    }
}
