//! The memory of the batch-wide `duplicate/*` comparison, small and of fixed size per item:
//! each earlier item the comparison must remember is a record in a [`Spool`] (memory, then a
//! temporary file), and memory holds only a hash table of 8-byte slots pointing at those
//! records. A record is read back only when a slot matches (its question met again, or
//! rarely another question whose hash shares the slot's bits); the table only says where to
//! look, and the record read back says whether it is the one (its full hashes are compared,
//! as [`Finder`] compared them when they were all in memory).
//!
//! [`Finder`]: super::duplicate::Finder

use crate::report::spool::{self, Codec, Interner, Spool};
use crate::source::Location;

/// What the batch-wide comparison keeps of an earlier item: its question and answers (the
/// hashes that are compared) and enough to point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// The first item with its question (else: the first with its question and key, after
    /// the first with its question had another key).
    pub first: bool,
    pub question: u64,
    pub key: Option<u64>,
    pub item: String,
    pub location: Location,
}

impl Codec for Kept {
    fn encode(&self, out: &mut Vec<u8>, cx: &mut Interner) {
        out.push(u8::from(self.first));
        out.extend_from_slice(&self.question.to_le_bytes());
        match self.key {
            None => out.push(0),
            Some(k) => {
                out.push(1);
                out.extend_from_slice(&k.to_le_bytes());
            }
        }
        spool::put_str(out, &self.item);
        self.location.encode(out, cx);
    }

    fn decode(input: &mut &[u8], cx: &Interner) -> Option<Self> {
        let first = spool::get_u8(input)? != 0;
        let question = get_u64(input)?;
        let key = match spool::get_u8(input)? {
            0 => None,
            _ => Some(get_u64(input)?),
        };
        Some(Kept {
            first,
            question,
            key,
            item: spool::get_str(input)?,
            location: Location::decode(input, cx)?,
        })
    }
}

fn get_u64(input: &mut &[u8]) -> Option<u64> {
    let (b, rest) = input.split_first_chunk::<8>()?;
    *input = rest;
    Some(u64::from_le_bytes(*b))
}

/// Bits of a slot that hold a record's offset plus one (zero is an empty slot). Records
/// past 1 TiB of spool are not indexed: their items are then not compared (never wrongly).
const OFFSET_BITS: u32 = 40;
const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;

/// The earlier items the comparison remembers, found by question or by question and key.
///
/// Memory: an open-addressing hash table (linear probing, at most three quarters full) of
/// 8-byte slots, one per record: the record's offset plus one in the low 40 bits, the top 24
/// bits of its hash above them (so most slots of other hashes are passed over without
/// reading their record). A first record is under the hash of its question, another under
/// the hash of its question and key. When the table grows, the records are read back in
/// order to place them again (amortised: each record is read about twice in all).
#[derive(Debug)]
pub struct KeptIndex {
    records: Spool<Kept>,
    slots: Vec<u64>,
    len: usize,
}

impl KeptIndex {
    /// An empty index whose records spill to a temporary file past `threshold` bytes.
    pub fn new(threshold: usize) -> Self {
        KeptIndex::with_table(threshold, spool::Table::default())
    }

    /// [`KeptIndex::new`], the records' paths in `table` (shared with the report's spools).
    pub fn with_table(threshold: usize, table: spool::Table) -> Self {
        KeptIndex {
            records: Spool::with_table(threshold, table),
            slots: Vec::new(),
            len: 0,
        }
    }

    /// Records kept.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True once some records are in the temporary file.
    pub fn spilled(&self) -> bool {
        self.records.spilled()
    }

    /// Bytes of memory held by the hash table.
    pub fn table_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<u64>()
    }

    /// The first record with `question`.
    pub fn first_of(&self, question: u64) -> Option<Kept> {
        self.find(question, |k| k.first && k.question == question)
    }

    /// The record kept for `question` with `key` when it was not the first with its
    /// question.
    pub fn with_key(&self, question: u64, key: Option<u64>) -> Option<Kept> {
        self.find(key_hash(question, key), |k| {
            !k.first && k.question == question && k.key == key
        })
    }

    /// Keeps a record (its `first` says under which hash it is found).
    pub fn keep(&mut self, kept: &Kept) {
        let offset = self.records.offset();
        if offset >= OFFSET_MASK {
            return;
        }
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        self.records.push(kept);
        put(&mut self.slots, hash_of(kept), offset);
        self.len += 1;
    }

    fn find(&self, hash: u64, mut is: impl FnMut(&Kept) -> bool) -> Option<Kept> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (hash as usize) & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if slot >> OFFSET_BITS == hash >> OFFSET_BITS {
                if let Some(k) = self.records.get((slot & OFFSET_MASK) - 1) {
                    if is(&k) {
                        return Some(k);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table and places every record again, read back in order.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(64);
        // The old table is freed before the new one is made.
        self.slots = Vec::new();
        self.slots = vec![0; n];
        let mut iter = self.records.iter();
        loop {
            let offset = iter.position();
            if offset >= OFFSET_MASK {
                break;
            }
            let Some(k) = iter.next() else { break };
            put(&mut self.slots, hash_of(&k), offset);
        }
    }
}

/// Puts a record's slot at the first free place from its hash's position.
fn put(slots: &mut [u64], hash: u64, offset: u64) {
    let mask = slots.len() - 1;
    let mut i = (hash as usize) & mask;
    while slots[i] != 0 {
        i = (i + 1) & mask;
    }
    slots[i] = (hash >> OFFSET_BITS << OFFSET_BITS) | (offset + 1);
}

/// Where a record is found.
fn hash_of(k: &Kept) -> u64 {
    if k.first {
        k.question
    } else {
        key_hash(k.question, k.key)
    }
}

/// The hash of a question and a key (the question's own hash is already a SipHash).
fn key_hash(question: u64, key: Option<u64>) -> u64 {
    use std::hash::{Hash, Hasher};
    // std's SipHash with fixed keys: the same on every run.
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    (question, key).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::*;
    use crate::checks::duplicate::{Finder, Signature};
    use crate::findings::Finding;
    use crate::source::LineCol;

    fn sig(file: &str, line: u32, question: u64, key: Option<u64>) -> Signature {
        let mut location = Location {
            file: Arc::from(file),
            ..Default::default()
        };
        location.start = LineCol { line, column: 5 };
        location.end = LineCol { line, column: 9 };
        Signature {
            question,
            key,
            item: format!("{file}#{line}"),
            location,
        }
    }

    /// What a finding says, for comparing two runs.
    fn said(f: &Finding) -> String {
        let ev = &f.evidence[0];
        format!(
            "{} {}:{} {:?} {} | {} | {} {:?}",
            f.rule.code,
            f.location.file,
            f.location.start.line,
            f.item,
            f.message.en,
            f.message.fr,
            ev.text,
            ev.location
                .as_ref()
                .map(|l| (l.file.to_string(), l.start, l.end)),
        )
    }

    fn run(sigs: &[Signature], threshold: usize) -> (Vec<String>, Finder) {
        let mut finder = Finder::new(threshold);
        let mut out = Vec::new();
        for s in sigs {
            finder.add(s, &mut out);
        }
        (out.iter().map(said).collect(), finder)
    }

    /// The comparison as it was when every kept item was in memory (two hash maps).
    fn reference(sigs: &[Signature]) -> Vec<(&'static str, usize, usize)> {
        let mut first: HashMap<u64, usize> = HashMap::new();
        let mut keys: HashMap<(u64, Option<u64>), usize> = HashMap::new();
        let mut out = Vec::new();
        for (i, s) in sigs.iter().enumerate() {
            let Some(&f) = first.get(&s.question) else {
                first.insert(s.question, i);
                keys.insert((s.question, s.key), i);
                continue;
            };
            if let Some(&same) = keys.get(&(s.question, s.key)) {
                out.push(("duplicate/repeated", i, same));
            } else {
                keys.insert((s.question, s.key), i);
                if s.key.is_some() && sigs[f].key.is_some() {
                    out.push(("duplicate/conflicting-key", i, f));
                }
            }
        }
        out
    }

    fn expected(sigs: &[Signature]) -> Vec<String> {
        reference(sigs)
            .into_iter()
            .map(|(rule, at, of)| {
                let (s, e) = (&sigs[at], &sigs[of]);
                let (en, fr) = if rule == "duplicate/repeated" {
                    (
                        format!(
                            "this item repeats `{}` ({}:{})",
                            e.item, e.location.file, e.location.start.line
                        ),
                        format!(
                            "cet item répète « {} » ({}:{})",
                            e.item, e.location.file, e.location.start.line
                        ),
                    )
                } else {
                    (
                        format!(
                            "the same question as `{}` ({}:{}) with a different answer",
                            e.item, e.location.file, e.location.start.line
                        ),
                        format!(
                            "la même question que « {} » ({}:{}) avec une autre réponse",
                            e.item, e.location.file, e.location.start.line
                        ),
                    )
                };
                format!(
                    "{rule} {}:{} {:?} {en} | {fr} | {} {:?}",
                    s.location.file,
                    s.location.start.line,
                    Some(s.item.clone()),
                    e.item,
                    Some((
                        e.location.file.to_string(),
                        e.location.start,
                        e.location.end
                    )),
                )
            })
            .collect()
    }

    #[test]
    fn duplicates_are_found_across_files_in_input_order() {
        let sigs = [
            sig("a.gift", 1, 10, Some(1)),
            sig("a.gift", 4, 20, Some(2)),
            sig("b.gift", 2, 10, Some(1)), // repeats a.gift:1
            sig("b.gift", 7, 10, Some(3)), // conflicts with a.gift:1
            sig("c.gift", 3, 10, Some(3)), // repeats b.gift:7
            sig("c.gift", 9, 20, None),    // no key: neither repeated nor conflicting
            sig("d.gift", 1, 20, None),    // repeats c.gift:9
            sig("d.gift", 5, 30, Some(4)),
        ];
        let (got, finder) = run(&sigs, usize::MAX);
        assert_eq!(
            got.iter().map(|s| s.split(" |").next().unwrap()).collect::<Vec<_>>(),
            [
                "duplicate/repeated b.gift:2 Some(\"b.gift#2\") this item repeats `a.gift#1` (a.gift:1)",
                "duplicate/conflicting-key b.gift:7 Some(\"b.gift#7\") the same question as `a.gift#1` (a.gift:1) with a different answer",
                "duplicate/repeated c.gift:3 Some(\"c.gift#3\") this item repeats `b.gift#7` (b.gift:7)",
                "duplicate/repeated d.gift:1 Some(\"d.gift#1\") this item repeats `c.gift#9` (c.gift:9)",
            ]
        );
        assert_eq!(got, expected(&sigs));
        // Kept: the first of questions 10, 20, 30, and the other keys of 10 and 20.
        assert_eq!(finder.index().len(), 5);
    }

    #[test]
    fn colliding_slots_are_told_apart_on_the_record() {
        // Same top 24 bits (the slot's tag) and same low bits (the position): only the
        // record read back tells these questions apart.
        let q = 0xABCD_EF00_0000_0042_u64;
        let others = [q ^ (1 << 20), q ^ (1 << 33), q ^ (1 << 39)];
        let mut sigs = vec![sig("a.xml", 1, q, Some(1))];
        for (i, &o) in others.iter().enumerate() {
            sigs.push(sig("b.xml", i as u32 + 1, o, Some(2)));
        }
        sigs.push(sig("c.xml", 1, others[1], Some(2))); // repeats b.xml:2, not a.xml:1
        sigs.push(sig("c.xml", 2, q, Some(9))); // conflicts with a.xml:1 only
        sigs.push(sig("c.xml", 3, others[2], Some(9))); // conflicts with b.xml:3
        sigs.push(sig("c.xml", 4, q, Some(9))); // repeats c.xml:2 (found by key)
        for threshold in [usize::MAX, 1] {
            let (got, _) = run(&sigs, threshold);
            assert_eq!(got, expected(&sigs), "{threshold}");
            assert_eq!(got.len(), 4);
            assert!(got[0].contains("repeats `b.xml#2`"), "{}", got[0]);
        }
        // The index alone: both colliding records are found, each under its own question.
        let mut index = KeptIndex::new(usize::MAX);
        for (i, question) in [q, others[0]].into_iter().enumerate() {
            index.keep(&Kept {
                first: true,
                question,
                key: None,
                item: format!("k{i}"),
                location: Location::default(),
            });
        }
        assert_eq!(index.first_of(q).unwrap().item, "k0");
        assert_eq!(index.first_of(others[0]).unwrap().item, "k1");
        assert!(index.first_of(others[1]).is_none());
        assert!(index.with_key(q, None).is_none());
    }

    /// Questions with the hashes of a real batch: a few repeated, some with other keys.
    fn batch(n: u32) -> Vec<Signature> {
        let mix = |x: u64| {
            let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        (0..n)
            .map(|i| {
                let (question, key) = match i % 10 {
                    3 => (mix(u64::from(i % 97)), Some(u64::from(i % 3))),
                    7 => (mix(u64::from(i % 89) + 500), None),
                    _ => (mix(u64::from(i) + 1_000_000), Some(1)),
                };
                sig(
                    &format!("pkg{}.zip!/q.xml", i / 40),
                    i % 40 + 1,
                    question,
                    key,
                )
            })
            .collect()
    }

    #[test]
    fn spilled_and_in_memory_indexes_find_the_same() {
        let sigs = batch(20_000);
        let want = expected(&sigs);
        assert!(want.len() > 1000, "{}", want.len());
        let (memory, m) = run(&sigs, usize::MAX);
        assert!(!m.index().spilled());
        assert_eq!(memory, want);
        for threshold in [1, 4096, 256 << 10] {
            let (spilled, f) = run(&sigs, threshold);
            assert!(f.index().spilled(), "{threshold}");
            assert_eq!(spilled, memory, "{threshold}");
            assert_eq!(f.index().len(), m.index().len());
        }
        // The table is 8-byte slots at most three quarters full, whatever the records hold.
        let kept = m.index().len();
        assert!(
            m.index().table_bytes() <= kept.next_power_of_two() * 8 * 2,
            "{kept}"
        );
        assert!(m.index().table_bytes() >= kept * 8 * 4 / 3);
    }

    #[test]
    fn records_round_trip() {
        let mut s = Spool::new(1);
        let k = Kept {
            first: false,
            question: u64::MAX,
            key: Some(0),
            item: "q «1»".into(),
            location: sig("x/y.gift", 12, 0, None).location,
        };
        let at = s.offset();
        s.push(&k);
        s.push(&Kept {
            key: None,
            ..k.clone()
        });
        assert_eq!(s.get(at), Some(k.clone()));
        assert_eq!(s.iter().nth(1).unwrap().key, None);
        assert_eq!(s.get(s.offset()), None);
    }
}
