//! A dense table of an Aho-Corasick automaton's transitions, for the prefilter's long runs
//! (see `super::prefilter`): what each match state stands for is worked out once, as a
//! payload of the caller's choice, instead of once per literal and per sentence.
//!
//! A transition holds the next state's row (its number times the number of byte classes)
//! and, in its top bit, whether that state is a match state. The scan loop is then one
//! table read and one test per byte, and one payload per match state reached: the
//! prefilter's payload merges the clauses of every literal the state reports (a state that
//! reports `the ` often reports `he ` and `e ` too), which all end at the same byte.
//!
//! Built from the noncontiguous NFA, breadth-first from its start state, with one
//! transition per byte class; it is the automaton the crate's own DFA would be, without
//! its per-match lookups, in 0.5–0.75 KB per literal against that DFA's 1.1–1.3 (stop 19).

use aho_corasick::automaton::Automaton;
use aho_corasick::Anchored;
use rustc_hash::FxHashMap;

/// The top bit of a transition: the next state is a match state.
const MATCH: u32 = 1 << 31;

pub struct LiteralDfa<P> {
    /// The class of each byte: bytes that no literal holds share class 0.
    classes: [u8; 256],
    /// How many classes (the length of a row).
    width: u32,
    /// `ceil(2^40 / width)`: a row times this, shifted right by 40, is the row's state
    /// number (see [`Self::payload_of`]).
    per_row: u64,
    /// Row by row, the next state of each class (see the module's documentation).
    trans: Vec<u32>,
    /// The start state's transition value (its row, and [`MATCH`] if it is a match state).
    start: u32,
    /// State `i`'s payload is `payload[payload_at[i]..payload_at[i + 1]]` (empty unless it
    /// is a match state).
    payload_at: Vec<u32>,
    payload: Vec<P>,
}

impl<P> LiteralDfa<P> {
    /// The table of `aut` (an Aho-Corasick automaton with the standard match semantics,
    /// whose literals hold only the bytes marked in `used`), with `payload(literals)` for
    /// each match state, given the literals it reports. `None` when the table would not fit
    /// its 31-bit transitions.
    pub fn new<A: Automaton>(
        aut: &A,
        used: &[bool; 256],
        mut payload: impl FnMut(&[usize]) -> Vec<P>,
    ) -> Option<Self> {
        let start = aut.start_state(Anchored::No).ok()?;
        let (classes, reps) = byte_classes(used);
        let width = reps.len() as u32;
        let flag = |sid| if aut.is_match(sid) { MATCH } else { 0 };
        // Breadth-first from the start state: every state reachable by a text, numbered in
        // the order found.
        let mut number: FxHashMap<u32, u32> = FxHashMap::default();
        let mut states = vec![start];
        number.insert(start.as_u32(), 0);
        let mut trans = Vec::new();
        let mut payload_at = vec![0u32];
        let mut all_payload = Vec::new();
        let mut literals = Vec::new();
        let mut i = 0;
        while i < states.len() {
            let sid = states[i];
            for &b in &reps {
                let next = aut.next_state(Anchored::No, sid, b);
                let n = match number.get(&next.as_u32()) {
                    Some(&n) => n,
                    None => {
                        let n = u32::try_from(states.len()).ok()?;
                        // Every row must start below the top bit.
                        if n.checked_mul(width)? >= MATCH {
                            return None;
                        }
                        number.insert(next.as_u32(), n);
                        states.push(next);
                        n
                    }
                };
                trans.push((n * width) | flag(next));
            }
            if aut.is_match(sid) {
                literals.clear();
                literals
                    .extend((0..aut.match_len(sid)).map(|k| aut.match_pattern(sid, k).as_usize()));
                all_payload.extend(payload(&literals));
            }
            payload_at.push(u32::try_from(all_payload.len()).ok()?);
            i += 1;
        }
        trans.shrink_to_fit();
        all_payload.shrink_to_fit();
        payload_at.shrink_to_fit();
        Some(LiteralDfa {
            classes,
            width,
            per_row: (1u64 << 40).div_ceil(u64::from(width)),
            trans,
            start: flag(start),
            payload_at,
            payload: all_payload,
        })
    }

    /// Calls `found(payload, end)` for each match state reached in `haystack`, with the end
    /// of its literals, in order of end.
    #[inline(never)]
    pub fn scan(&self, haystack: &[u8], mut found: impl FnMut(&[P], usize)) {
        let mut s = self.start;
        if s & MATCH != 0 {
            found(self.payload_of(s), 0);
        }
        for (at, &b) in haystack.iter().enumerate() {
            s = self.trans[(s & !MATCH) as usize + usize::from(self.classes[usize::from(b)])];
            if s & MATCH != 0 {
                found(self.payload_of(s), at + 1);
            }
        }
    }

    /// The payload of the state whose transition value is `s`. Its number is its row over
    /// the width, computed as a product and a shift rather than a division (a slow
    /// instruction, here once per match state reached). Exact: a row is `i * width` below
    /// 2^31, so `row * per_row` is `i * 2^40` plus `i * d` with `d < width`, and `i * d` is
    /// at most the row, below 2^40.
    fn payload_of(&self, s: u32) -> &[P] {
        let i = ((u64::from(s & !MATCH) * self.per_row) >> 40) as usize;
        debug_assert_eq!(i, ((s & !MATCH) / self.width) as usize);
        &self.payload[self.payload_at[i] as usize..self.payload_at[i + 1] as usize]
    }

    /// The table's size in bytes.
    pub fn memory(&self) -> usize {
        self.trans.capacity() * 4
            + self.payload_at.capacity() * 4
            + self.payload.capacity() * std::mem::size_of::<P>()
    }
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
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(literals)
            .unwrap();
        let table = LiteralDfa::new(&nfa, &used(&literals), |ks| ks.to_vec()).unwrap();
        let common: Vec<char> = "if wouldé-'abx".chars().collect();
        let mut found = 0;
        let rare = ['z', 'è'];
        for (t, want) in
            crate::analyse::random_text::texts_with_literals(7, &common, &rare, &literals)
        {
            found += want.len();
            let mut got = Vec::new();
            table.scan(t.as_bytes(), |ks, end| {
                got.extend(ks.iter().map(|&k| (k, end)))
            });
            assert_eq!(got, want, "{t:?}");
        }
        assert!(found > 50_000, "{found}");
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
            let mut v = ks.to_vec();
            v.sort();
            vec![v]
        })
        .unwrap();
        let mut got = Vec::new();
        table.scan(b"see the shed ", |p, end| got.push((p.to_vec(), end)));
        assert_eq!(
            got,
            vec![
                (vec![vec![2]], 4),
                (vec![vec![0, 1, 2]], 8),
                (vec![vec![3]], 11),
            ]
        );
        assert!(table.memory() > 0);
    }
}
