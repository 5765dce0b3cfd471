//! Required literals of a pattern: sets of strings such that every match of the pattern
//! contains at least one string of each set (a conjunction of alternatives, [`clauses`]).
//! One Aho-Corasick pass over a sentence then tells which rules can match at all; only those
//! run their regexes. This keeps grammar matching fast as rule sets grow, with no false
//! negatives (a rule with a pattern without any usable literal always runs).

use regex_syntax::hir::{Hir, HirKind, Look};

/// Literals are looked for in the *skeleton* of a sentence ([`skeleton`]): its folded text
/// with every byte that is not an ASCII word character (`[0-9A-Za-z_]`, which is every word
/// character of folded text, see `super::fold`), an apostrophe or a hyphen written as a
/// space, except the stops `,.;:!?`, written as [`STOP`]; before it [`START`], after it
/// [`STOP`]. A literal is written the same way, so a sentence that holds a literal holds its
/// skeleton. What this buys is word boundaries: `\b` next to a word character is a space,
/// an apostrophe, a hyphen, a stop or an end in the skeleton, so `\b(?:a|ai)\b` requires
/// " a ", "'a-", … or " ai ", not "a" (a letter of most sentences, too short to use) nor
/// every punctuation mark that may stand beside it. In a string of literals, this byte marks
/// a word boundary until it is resolved ([`resolve`]).
const MARK: u8 = 0;

/// A stop of the skeleton (see [`MARK`]): a comma, full stop, semicolon, colon, exclamation
/// or question mark, or the end of the sentence. Patterns end clauses with
/// `(?:[,.;:!?]|$)` (most German rules whose verb closes the clause): the word before it is
/// then looked for with the stop, `auf|` where the text has "auf." or "auf" at the end,
/// not every "auf". German rules ran 4.46 times per sentence of the MERLIN texts before, 3.58
/// with the stops and products past word boundaries (see [`runs`]; stop 26). (`|` in the
/// text is a stop too: no literal misses it.)
const STOP: u8 = b'|';

/// The start of the sentence in the skeleton, what `^` stands for in a literal: `^bitte`
/// rather than every "bitte". German rules: 3.58 runs per sentence without it, 2.90 with it
/// (stop 26). A `^` of the text is a space of its skeleton, as any other character that is
/// neither a word character nor a stop: a word it follows ends there ("j'ai^ deux", where
/// the prefilter used to miss `\bai\b`; stop 27). A pattern whose literal holds a `^` has
/// no clauses (see [`has_marker`]).
const START: u8 = b'^';

/// Literals shorter than this match too often to filter anything.
const MIN_LEN: usize = 2;
/// Beyond this many alternatives a literal set is not worth keeping.
const MAX_SET: usize = 4000;

/// At most this many clauses are kept per pattern (the least likely to occur): checking more
/// costs more than it filters.
const MAX_CLAUSES: usize = 4;

/// Sets of literals such that every match contains one literal of each set (each set sorted,
/// without duplicates), the least likely first; empty when there is none. Each set comes
/// from one part of the pattern's top-level sequence (see [`required`] for one part).
pub fn clauses(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    clauses_with(hir, &|_| None)
}

/// What the prefilter knows of a word class that a fast pattern captures as "any word"
/// (`(?P<c0>…)`, see `ruleset::grammar::Expanded`): every match of the exact pattern has a
/// member of the class there, so the class's strings count as the capture's.
#[derive(Debug, Default)]
pub struct SlotLiterals {
    /// Every member, when the class is a list of words.
    pub exact: Option<Vec<Vec<u8>>>,
    /// Literals one of which every member contains.
    pub required: Option<Vec<Vec<u8>>>,
}

impl SlotLiterals {
    /// From the class's words (folded) and the syntax tree of its regex part.
    pub fn new(words: Vec<Vec<u8>>, regex: Option<&Hir>) -> SlotLiterals {
        // See `clauses_reach`: a NUL byte or a `^` would read as a mark or the start.
        if words
            .iter()
            .any(|w| w.contains(&MARK) || w.contains(&START))
            || regex.is_some_and(has_marker)
        {
            return SlotLiterals::default();
        }
        let none = |_: &str| None;
        let (exact_part, required_part) = match regex {
            None => (Some(Vec::new()), Some(Vec::new())),
            Some(h) => (exact(h, &none), walk(&whole_word(h), &none)),
        };
        let merge = |part: Option<Vec<Vec<u8>>>, words: Vec<Vec<u8>>| {
            let mut all = part?;
            all.extend(words);
            all.sort();
            all.dedup();
            (!all.is_empty() && all.len() <= MAX_SET).then_some(all)
        };
        // A member is a whole word of the sentence (the capture is "any word", and its word
        // is tested whole): its required strings keep the word boundaries at its ends, so a
        // short word is looked for as a word (" fu ", "^fu ", …, not every "fu"), and a regex
        // part's ending as a word's end (`\w+[^\Wr]ò` requires "ò " or "ò|", …, where "ò"
        // alone is too short to be looked for: Italian `{PASSATO_REMOTO_3}` ran on every
        // sentence; stop 27).
        let marked = |w: &Vec<u8>| [&[MARK][..], w, &[MARK]].concat();
        SlotLiterals {
            required: merge(required_part, words.iter().map(marked).collect()),
            exact: merge(exact_part, words),
        }
    }
}

/// `\b(?:hir)\b`, with the boundaries inside each branch of a top-level alternation, where
/// the strings of each branch are read (see [`walk`]).
fn whole_word(hir: &Hir) -> Hir {
    let bounded = |h: &Hir| {
        Hir::concat(vec![
            Hir::look(Look::WordUnicode),
            h.clone(),
            Hir::look(Look::WordUnicode),
        ])
    };
    match hir.kind() {
        HirKind::Alternation(alts) => Hir::alternation(alts.iter().map(bounded).collect()),
        _ => bounded(hir),
    }
}

/// The literals of the class captured by a group name, if any.
pub type Slots<'a> = dyn Fn(&str) -> Option<&'a SlotLiterals> + 'a;

/// [`clauses`], with what is known of captured classes.
pub fn clauses_with<'a>(hir: &Hir, slot: &Slots<'a>) -> Vec<Vec<Vec<u8>>> {
    clauses_reach(hir, slot)
        .into_iter()
        .map(|c| c.literals)
        .collect()
}

/// A clause, and how far into a match its literals can start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub literals: Vec<Vec<u8>>,
    /// An upper bound on `e - s`, for every match of the pattern starting at `s` in a
    /// sentence and the end `e`, in the sentence's skeleton (see [`skeleton`]), of the
    /// occurrence of a literal of this clause that the match holds; `None` when nothing bounds it
    /// (a part of unbounded length, such as "any word", comes first). Every match of the
    /// pattern thus starts at or after `e - reach` for the first literal end `e` found in the
    /// skeleton (skeleton positions are text positions plus one). Clauses that stand for a
    /// captured class never have a reach: they hold for matches of the exact pattern only.
    pub reach: Option<usize>,
}

/// [`clauses_with`], each clause with its reach.
pub fn clauses_reach<'a>(hir: &Hir, slot: &Slots<'a>) -> Vec<Clause> {
    // A NUL byte or a `^` of the pattern itself could not be told from a boundary mark or
    // the start: no clauses (the rule always runs), rather than a wrong one.
    if has_marker(hir) {
        return Vec::new();
    }
    let mut out: Vec<(Vec<Vec<u8>>, Option<usize>)> = Vec::new();
    collect(hir, &mut out, slot, Some(0));
    let out: Vec<(Vec<Vec<u8>>, Option<usize>)> = out
        .into_iter()
        .filter_map(|(set, reach)| Some((resolve_set(set)?, reach)))
        .filter(|(s, _)| usable(s))
        .map(|(s, reach)| (minimize(s), reach))
        .collect();
    // Each clause's cost once (clauses of large classes hold hundreds of strings).
    let mut costed: Vec<(f64, Vec<Vec<u8>>, Option<usize>)> = out
        .into_iter()
        // A resolved literal may end one byte after its part (the character beside a word
        // boundary), and skeleton positions are one more than text positions.
        .map(|(c, reach)| (cost(&c), c, reach.map(|r| r + 2)))
        .collect();
    costed.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    // The same clause from two parts: both occur, either bound holds; the tighter is kept.
    costed.dedup_by(|a, b| {
        let same = a.1 == b.1;
        if same {
            b.2 = match (a.2, b.2) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
        }
        same
    });
    costed.truncate(MAX_CLAUSES);
    costed
        .into_iter()
        .map(|(_, literals, reach)| Clause { literals, reach })
        .collect()
}

/// Whether a literal of `hir`, or a class small enough to be read as strings, holds a NUL
/// byte ([`MARK`]) or a `^` (a literal's [`START`]), which would read as a boundary mark or
/// the sentence's start.
fn has_marker(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(l) => l.0.iter().any(|&b| b == MARK || b == START),
        HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
            class_len(c) <= MAX_CLASS
                && c.ranges().iter().any(|r| {
                    (r.start()..=r.end()).contains(&char::from(MARK))
                        || (r.start()..=r.end()).contains(&char::from(START))
                })
        }
        HirKind::Capture(c) => has_marker(&c.sub),
        HirKind::Repetition(r) => has_marker(&r.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(has_marker),
        _ => false,
    }
}

/// How many characters a class holds.
fn class_len(c: &regex_syntax::hir::ClassUnicode) -> usize {
    c.ranges()
        .iter()
        .map(|r| (u32::from(r.end()) - u32::from(r.start()) + 1) as usize)
        .sum()
}

/// Whether `hir` is a word boundary `\b`.
fn is_boundary(hir: &Hir) -> bool {
    matches!(
        hir.kind(),
        HirKind::Look(Look::WordAscii | Look::WordUnicode)
    )
}

/// Whether a byte of folded text is a word character (see `super::fold`).
const fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The skeleton of each byte: word characters, apostrophes and hyphens (which tell `l'a`,
/// `didn't` and `a-t-il` from `l a`, `didn t` and `a t il`) are kept, stops are [`STOP`],
/// [`START`] is itself; anything else is a space. (Text bytes, see [`skeleton`], have no
/// [`START`].)
const SKELETON: [u8; 256] = {
    let mut t = [b' '; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if is_word(c) || c == b'\'' || c == b'-' {
            t[b] = c;
        } else if matches!(c, b',' | b'.' | b';' | b':' | b'!' | b'?' | STOP) {
            t[b] = STOP;
        } else if c == START {
            t[b] = START;
        }
        b += 1;
    }
    t
};

fn skeleton_byte(b: u8) -> u8 {
    SKELETON[usize::from(b)]
}

/// [`SKELETON`] for the text: its `^` is a space (see [`START`]).
const TEXT_SKELETON: [u8; 256] = {
    let mut t = SKELETON;
    t[START as usize] = b' ';
    t
};

/// The skeleton of folded sentence text (see [`MARK`]), where literals are looked for.
pub fn skeleton(text: &str, out: &mut Vec<u8>) {
    mapped_skeleton(text, &IDENTITY, out);
}

/// What each byte of a sentence's text becomes in its skeleton, and what the skeleton holds
/// before and after the text, each through a map of the caller's (see [`SkeletonMap::new`]).
pub struct SkeletonMap {
    text: [u8; 256],
    start: u8,
    stop: u8,
}

impl SkeletonMap {
    /// The skeleton with each of its bytes `b` written as `map(b)`: a scanner's byte classes,
    /// say, so that the scanner need not look each byte up again.
    pub fn new(map: impl Fn(u8) -> u8) -> Self {
        SkeletonMap {
            text: std::array::from_fn(|b| map(TEXT_SKELETON[b])),
            start: map(START),
            stop: map(STOP),
        }
    }
}

/// The skeleton itself.
const IDENTITY: SkeletonMap = SkeletonMap {
    text: TEXT_SKELETON,
    start: START,
    stop: STOP,
};

/// [`skeleton`], each byte through `map`.
pub fn mapped_skeleton(text: &str, map: &SkeletonMap, out: &mut Vec<u8>) {
    out.clear();
    out.resize(text.len() + 2, map.stop);
    for (o, &b) in out[1..].iter_mut().zip(text.as_bytes()) {
        *o = map.text[usize::from(b)];
    }
    out[0] = map.start;
}

/// At most this many letters for a string to be looked for with its word boundaries: the
/// character beside a boundary may be a space, an apostrophe, a hyphen, a stop or (before)
/// the start, so each boundary multiplies the strings by four or five; longer strings are
/// rare enough without.
const BOUNDED_LETTERS: usize = 3;

/// The skeletons of a string with word-boundary marks (see [`MARK`]): a mark between a word
/// character and another character goes; at an end of a short string, next to a word
/// character, it is each character the skeleton may have there; elsewhere (between two word
/// characters, or two others) the string cannot occur in a match: no skeleton.
fn resolve(mut s: Vec<u8>, out: &mut Vec<Vec<u8>>) {
    let letters = s.iter().filter(|&&b| is_word(b)).count();
    let (mut before, mut after) = (false, false);
    let mut i = 0;
    while i < s.len() {
        if s[i] != MARK {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < s.len() && s[j] == MARK {
            j += 1;
        }
        let prev = i.checked_sub(1).map(|k| s[k]);
        match (prev, s.get(j).copied()) {
            (Some(p), Some(n)) if is_word(p) == is_word(n) => return,
            (None, Some(n)) if is_word(n) => before = letters <= BOUNDED_LETTERS,
            (Some(p), None) if is_word(p) => after = letters <= BOUNDED_LETTERS,
            _ => {}
        }
        i = j;
    }
    // The body, in place (most strings need no more: long words).
    s.retain(|&b| b != MARK);
    s.iter_mut().for_each(|b| *b = skeleton_byte(*b));
    if !before && !after {
        out.push(s);
        return;
    }
    let befores: &[u8] = if before { b" '-|^" } else { &[] };
    let afters: &[u8] = if after { b" '-|" } else { &[] };
    for b in befores.iter().map(Some).chain((!before).then_some(None)) {
        for a in afters.iter().map(Some).chain((!after).then_some(None)) {
            let mut v = Vec::with_capacity(s.len() + 2);
            v.extend(b);
            v.extend_from_slice(&s);
            v.extend(a);
            out.push(v);
        }
    }
}

/// A set of strings with marks as skeletons, without the strings no match can hold; `None`
/// when none is left.
fn resolve_set(set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    // Most strings (the words of a class) are their own skeleton: kept as they are.
    let own = |s: &[u8]| s.iter().all(|&b| b != MARK && skeleton_byte(b) == b);
    if set.iter().all(|s| own(s)) {
        return (!set.is_empty()).then_some(set);
    }
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(set.len());
    for s in set {
        if own(&s) {
            out.push(s);
        } else {
            resolve(s, &mut out);
        }
    }
    out.sort();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

fn usable(set: &[Vec<u8>]) -> bool {
    !set.is_empty() && set.iter().all(|l| l.len() >= MIN_LEN)
}

/// The clauses of a sequence are those of its parts, where consecutive parts that match a
/// few known strings count as one part (their product: `(?:ser|aur)(?:ai|a)` requires one of
/// `serai`, `sera`, `aurai`, `aura`, rarer than any of its pieces); an alternation of a few
/// branches gives a clause for each choice of its branches' clauses (see [`distributed`]);
/// anything else gives one clause.
///
/// `base` bounds how far into a match `hir` starts (`None`: unbounded); each clause gets the
/// bound of how far into a match the part it comes from ends (see [`Clause::reach`]).
fn collect<'a>(
    hir: &Hir,
    out: &mut Vec<(Vec<Vec<u8>>, Option<usize>)>,
    slot: &Slots<'a>,
    base: Option<usize>,
) {
    let end = |h: &Hir, from: Option<usize>| Some(from? + h.properties().maximum_len()?);
    match hir.kind() {
        HirKind::Concat(parts) => {
            // Where each part starts, at the latest.
            let mut starts = Vec::with_capacity(parts.len());
            let mut at = base;
            for p in parts {
                starts.push(at);
                at = end(p, at);
            }
            let index = |h: &Hir| {
                parts
                    .iter()
                    .position(|p| std::ptr::eq(p, h))
                    .expect("a run's part is a part of the sequence")
            };
            for run in runs(parts, slot) {
                match run {
                    Run::Exact(set, ps) if usable(&set) => {
                        let last = ps.last().map(|p| index(p));
                        let reach = last
                            .filter(|_| !ps.iter().any(|p| has_slot(p, slot)))
                            .and_then(|k| end(&parts[k], starts[k]));
                        out.push((set, reach));
                    }
                    Run::Exact(_, ps) => ps
                        .iter()
                        .for_each(|p| collect(p, out, slot, starts[index(p)])),
                    Run::Other(p) => collect(p, out, slot, starts[index(p)]),
                }
            }
        }
        HirKind::Capture(c) => match captured(c, slot).and_then(|l| l.required.clone()) {
            Some(set) => out.push((set, None)),
            None => collect(&c.sub, out, slot, base),
        },
        // The first repetition starts where the whole does.
        HirKind::Repetition(r) if r.min >= 1 => collect(&r.sub, out, slot, base),
        HirKind::Alternation(alts) if alts.len() <= MAX_DISTRIBUTED => {
            let reach = (!has_slot(hir, slot)).then(|| end(hir, base)).flatten();
            for set in distributed(alts, slot) {
                out.push((set, reach));
            }
        }
        _ => {
            if let Some(set) = walk(hir, slot) {
                // A captured class may stand anywhere inside: no bound then.
                let reach = (!has_slot(hir, slot)).then(|| end(hir, base)).flatten();
                out.push((set, reach));
            }
        }
    }
}

/// Most branches of an alternation for [`distributed`]. German `modaler-infinitiv`, whose
/// `(?:zu {INF}|{ZU_INF_SEP})` required an infinitive anywhere, now also requires "zu " or a
/// zu-infinitive: it ran on 1,598 sentences of 9,435, 444 now; German rule runs per
/// sentence 2.90 → 2.66, French 3.26 → 3.18 (stop 26).
const MAX_DISTRIBUTED: usize = 3;

/// Clauses of an alternation whose branches have clauses of their own: each branch's match
/// holds a literal of each of its clauses, so for any choice of one clause per branch, every
/// match holds a literal of their union. The unions of each branch's two best clauses, or
/// none if a branch has none.
fn distributed<'a>(alts: &[Hir], slot: &Slots<'a>) -> Vec<Vec<Vec<u8>>> {
    let mut per_branch: Vec<Vec<Vec<Vec<u8>>>> = Vec::with_capacity(alts.len());
    for a in alts {
        let mut found = Vec::new();
        collect(a, &mut found, slot, None);
        let mut sets: Vec<(f64, Vec<Vec<u8>>)> = found
            .into_iter()
            .filter_map(|(set, _)| resolve_set(set))
            .filter(|s| usable(s))
            .map(|s| (cost(&s), s))
            .collect();
        if sets.is_empty() {
            return Vec::new();
        }
        sets.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        sets.dedup_by(|a, b| a.1 == b.1);
        sets.truncate(2);
        per_branch.push(sets.into_iter().map(|(_, s)| s).collect());
    }
    let mut out: Vec<Vec<Vec<u8>>> = vec![Vec::new()];
    for choices in &per_branch {
        out = out
            .iter()
            .flat_map(|u| {
                choices.iter().map(move |c| {
                    let mut v = u.clone();
                    v.extend(c.iter().cloned());
                    v
                })
            })
            .collect();
    }
    out.into_iter()
        .map(|mut u| {
            u.sort();
            u.dedup();
            u
        })
        .filter(|u| u.len() <= MAX_SET)
        .collect()
}

/// Whether `hir` holds a captured class known to the prefilter (its strings hold for the
/// exact pattern only, see [`SlotLiterals`]).
fn has_slot<'a>(hir: &Hir, slot: &Slots<'a>) -> bool {
    match hir.kind() {
        HirKind::Capture(c) => captured(c, slot).is_some() || has_slot(&c.sub, slot),
        HirKind::Repetition(r) => has_slot(&r.sub, slot),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(|p| has_slot(p, slot))
        }
        _ => false,
    }
}

/// A set of literals one of which every match contains, or `None` when there is none.
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if has_marker(hir) {
        return None;
    }
    let set = minimize(resolve_set(walk(hir, &|_| None)?)?);
    if set.is_empty() || set.iter().any(|l| l.len() < MIN_LEN) {
        return None;
    }
    Some(set)
}

/// A part of a sequence: a run of consecutive parts that each match a few known strings,
/// with the strings the run matches; or another part.
enum Run<'h> {
    Exact(Vec<Vec<u8>>, Vec<&'h Hir>),
    Other(&'h Hir),
}

fn captured<'a>(c: &regex_syntax::hir::Capture, slot: &Slots<'a>) -> Option<&'a SlotLiterals> {
    c.name.as_deref().and_then(slot)
}

fn runs<'h, 'a>(parts: &'h [Hir], slot: &Slots<'a>) -> Vec<Run<'h>> {
    /// The run being read: its strings, its parts, and whether it goes on past a word
    /// boundary after some of its strings (then its strings multiply up to [`MAX_ACROSS`]).
    struct Open<'h> {
        set: Vec<Vec<u8>>,
        parts: Vec<&'h Hir>,
        across: bool,
    }
    impl<'h> Open<'h> {
        fn new(set: Vec<Vec<u8>>, parts: Vec<&'h Hir>) -> Self {
            Open {
                set,
                parts,
                across: false,
            }
        }
        fn close(self) -> Run<'h> {
            Run::Exact(self.set, self.parts)
        }
    }
    let mut out = Vec::new();
    let mut run: Option<Open<'h>> = None;
    for p in parts {
        if is_boundary(p) {
            run = Some(match run.take() {
                // A word boundary after some strings: the run goes on past it, as a mark
                // (resolved in [`resolve`]), while its strings stay few; else it ends there,
                // and the next starts with the mark, so that both hold it.
                Some(mut open) => {
                    open.parts.push(p);
                    let marked = product(&open.set, &[vec![MARK]]).unwrap_or(open.set);
                    let only_marks = marked.iter().all(|s| s.iter().all(|&b| b == MARK));
                    if marked.len() <= MAX_ACROSS {
                        Open {
                            set: marked,
                            parts: open.parts,
                            across: open.across || !only_marks,
                        }
                    } else {
                        out.push(Run::Exact(marked, open.parts));
                        Open::new(vec![vec![MARK]], vec![p])
                    }
                }
                None => Open::new(vec![vec![MARK]], vec![p]),
            });
            continue;
        }
        match (exact(p, slot), run.take()) {
            (Some(set), None) => run = Some(Open::new(set, vec![p])),
            (Some(set), Some(mut open)) => {
                let limit = if open.across { MAX_ACROSS } else { MAX_SET };
                match product(&open.set, &set).filter(|prod| prod.len() <= limit) {
                    Some(prod) => {
                        open.parts.push(p);
                        open.set = prod;
                        run = Some(open);
                    }
                    // Too many strings: close the run, start another (with the mark of a
                    // word boundary just before, if any).
                    None => {
                        let next = match open.parts.last().copied().filter(|b| is_boundary(b)) {
                            Some(b) => {
                                Open::new(product(&[vec![MARK]], &set).unwrap_or(set), vec![b, p])
                            }
                            None => Open::new(set, vec![p]),
                        };
                        out.push(open.close());
                        run = Some(next);
                    }
                }
            }
            (None, prev) => {
                out.extend(prev.map(Open::close));
                out.push(Run::Other(p));
            }
        }
    }
    out.extend(run.map(Open::close));
    out
}

/// Most strings of a run that goes on past a word boundary (see [`runs`]). With 1,024, 9–11%
/// more literals, for 1–2% fewer rule runs per sentence in German and French (stop 26).
const MAX_ACROSS: usize = 256;

fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out: Vec<Vec<u8>> = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// Below this size a clause is reduced to its shortest strings.
const MINIMIZE: usize = 64;

/// A clause without the strings that contain another of its strings (a sentence holding
/// "just has been" holds "has been"): the same filter, fewer strings to look for.
fn minimize(set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    if set.len() > MINIMIZE {
        return set;
    }
    let mut by_len = set;
    by_len.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for s in by_len {
        let covered = kept
            .iter()
            .any(|k| !k.is_empty() && s.windows(k.len()).any(|w| w == k.as_slice()));
        if !covered {
            kept.push(s);
        }
    }
    kept.sort();
    kept
}

/// Most members of a captured class for it to take part in a product of strings.
const MAX_SLOT_PRODUCT: usize = 64;

/// Most characters of a class read as strings of one character.
const MAX_CLASS: usize = 8;

/// Every string `hir` can match, when there are few (empty string included).
fn exact<'a>(hir: &Hir, slot: &Slots<'a>) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        // A word boundary takes part in products as a mark, resolved in [`resolve`].
        HirKind::Look(Look::WordAscii | Look::WordUnicode) => Some(vec![vec![MARK]]),
        // The ends of the sentence are bytes of the skeleton (see [`skeleton`]).
        HirKind::Look(Look::End) => Some(vec![vec![STOP]]),
        HirKind::Look(Look::Start) => Some(vec![vec![START]]),
        // A large class is a clause on its own (see `collect`), not a factor of products,
        // which would multiply its strings (building the scanner costs at each start).
        HirKind::Capture(c) => match captured(c, slot) {
            Some(l) => l.exact.clone().filter(|e| e.len() <= MAX_SLOT_PRODUCT),
            None => exact(&c.sub, slot),
        },
        HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
            if class_len(c) > MAX_CLASS {
                return None;
            }
            // As skeletons: `[,.;:!?]` is one string, not six.
            let mut set: Vec<Vec<u8>> = c
                .ranges()
                .iter()
                .flat_map(|r| u32::from(r.start())..=u32::from(r.end()))
                .filter_map(char::from_u32)
                .map(|ch| ch.to_string().bytes().map(skeleton_byte).collect())
                .collect();
            set.sort();
            set.dedup();
            Some(set)
        }
        HirKind::Repetition(r) if r.min == 0 && r.max == Some(1) => {
            let mut set = exact(&r.sub, slot)?;
            set.push(Vec::new());
            set.sort();
            set.dedup();
            Some(set)
        }
        HirKind::Alternation(alts) => union(alts, |a| exact(a, slot)),
        // A word boundary inside a sequence ends what is read as one (as in [`runs`]): only
        // the boundaries at its ends take part.
        HirKind::Concat(parts) => {
            let inner = parts.get(1..parts.len().saturating_sub(1)).unwrap_or(&[]);
            if inner.iter().any(is_boundary) {
                return None;
            }
            parts
                .iter()
                .try_fold(vec![Vec::new()], |acc, p| product(&acc, &exact(p, slot)?))
        }
        _ => None,
    }
}

/// The strings of every branch of an alternation (`None` if a branch has none, or too many).
fn union(
    alts: &[Hir],
    mut strings: impl FnMut(&Hir) -> Option<Vec<Vec<u8>>>,
) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for a in alts {
        out.extend(strings(a)?);
        if out.len() > MAX_SET {
            return None;
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn walk<'a>(hir: &Hir, slot: &Slots<'a>) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Capture(c) => match captured(c, slot) {
            Some(l) => l.required.clone().or_else(|| walk(&c.sub, slot)),
            None => walk(&c.sub, slot),
        },
        HirKind::Repetition(r) if r.min >= 1 => walk(&r.sub, slot),
        HirKind::Alternation(alts) => union(alts, |a| walk(a, slot)),
        HirKind::Concat(parts) => runs(parts, slot)
            .into_iter()
            .flat_map(|run| match run {
                Run::Exact(set, _) if usable(&set) => vec![Some(set)],
                Run::Exact(_, ps) => ps.iter().map(|p| walk(p, slot)).collect(),
                Run::Other(p) => vec![walk(p, slot)],
            })
            .flatten()
            .filter(|s| usable(s))
            // The best part is the one least likely to occur in a sentence.
            .map(|set| (cost(&set), set))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, set)| set),
        _ => None,
    }
}

/// How likely a literal set is to occur somewhere in a sentence, roughly: each letter divides
/// the chance by the alphabet's size, so "ed" or "ing" cost far more than {"has", "have"}.
fn cost(set: &[Vec<u8>]) -> f64 {
    set.iter()
        .map(|l| {
            let letters = l
                .iter()
                // A stop or the start is rarer than a letter.
                .filter(|&&b| {
                    b == STOP
                        || b == START
                        || !(b.is_ascii_whitespace() || b.is_ascii_punctuation())
                })
                .count();
            26f64.powi(-(letters.max(1) as i32 - 1))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(p: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        required(&hir).map(|v| {
            v.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    fn cls(p: &str) -> Vec<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        clauses(&hir)
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|l| String::from_utf8(l).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_required_part_is_a_clause() {
        // Each part must occur, least likely first; "ed, ", {would, could} and " have" are
        // one run.
        // Literals are skeletons: a comma is a stop, `|`; a word boundary beside a short
        // word is the space, apostrophe, hyphen, stop or start (`^`) that may stand there.
        assert_eq!(
            cls(r"\bif [a-z]+ had [a-z]+ed, (?:would|could) have\b"),
            vec![
                vec!["ed| could have", "ed| would have"],
                vec![" had "],
                vec![" if ", "'if ", "-if ", "^if ", "|if "],
            ]
        );
        // Groups are looked into; strings that hold another string of their clause go.
        assert_eq!(
            cls(r"(?:just )?(?:(?:has|have) been)"),
            vec![vec!["has been", "have been"]]
        );
        // Word boundaries: short words are looked for whole; strings multiply across a
        // boundary while they stay few (see `across_boundaries_and_at_the_ends`); a
        // boundary between two letters cannot match.
        let short = cls(r"\b(?:a|ai)\b");
        assert_eq!(short.len(), 1);
        // Two words, each with five characters that may stand before it and four after.
        assert_eq!(short[0].len(), 2 * 5 * 4);
        for s in [" a ", "'ai-", "^a|", "|ai'", "-a "] {
            assert!(short[0].iter().any(|l| l == s), "{s}");
        }
        // The start stands before a word only, a stop anywhere beside one.
        assert!(short[0]
            .iter()
            .all(|l| !l.ends_with('^') && !l.starts_with('a')));
        assert_eq!(
            cls(r"\b(?:would|could)\b (?:\b(?:really|surely)\b )?\bhave\b"),
            vec![vec!["could ", "would "], vec!["have"]]
        );
        assert_eq!(cls(r"(?:is\b|was)not"), vec![vec!["wasnot"]]);
        // A NUL byte of the pattern is not a boundary mark: no clause at all.
        assert!(cls("(?:is\u{0}|was)not").is_empty());
        assert!(cls(r"[a-z]+ [a-z]+").is_empty());
        // Consecutive parts with few strings are read together.
        assert_eq!(
            cls(r"\b(?:ser|aur)(?:ai|as|a)\b"),
            vec![vec!["aura", "sera"]]
        );
        assert_eq!(cls(r"[a-z]+er(?:ai|a) "), vec![vec!["era ", "erai "]]);
        // An optional piece: the run holds both forms.
        assert_eq!(
            cls(r"\bne (?:pas )?rien\b"),
            vec![vec!["ne pas rien", "ne rien"]]
        );
        assert!(cls(r"a|bc").is_empty());
    }

    #[test]
    fn across_boundaries_and_at_the_ends() {
        // A word closing a clause is looked for with what may follow it: a stop, the end
        // (also `|`) or " und" (a string of more than three letters needs no boundary).
        assert_eq!(
            cls(r"\b(?:an|auf)\b(?:[,.;:!?]|$| und\b)"),
            vec![vec![
                " an|", " auf|", "'an|", "'auf|", "-an|", "-auf|", "^an|", "^auf|", "an und",
                "auf und", "|an|", "|auf|"
            ]]
        );
        // The start of the sentence.
        assert_eq!(
            cls(r"^(?:bitte )?komm\b"),
            vec![vec!["^bitte komm", "^komm"]]
        );
        // Past a boundary, a run stops before it holds more than `MAX_ACROSS` strings: the
        // next starts with the boundary's mark.
        let many = (0..300)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join("|");
        let got = cls(&format!(r"\bthe (?:{many})\b (?:tall|small)\b"));
        let sizes: Vec<usize> = got.iter().map(Vec::len).collect();
        assert_eq!(sizes, [300, 2]);
        assert!(got[0].contains(&"the w7".to_string()));
        assert_eq!(got[1], [" small", " tall"]);
        // The skeleton itself: stops, the start and the end.
        let mut sk = Vec::new();
        skeleton("ja, ich komme an.", &mut sk);
        assert_eq!(sk, b"^ja| ich komme an||");
        // A `^` of the text is a space: only the skeleton's first byte is the start.
        skeleton("j'ai^ deux", &mut sk);
        assert_eq!(sk, b"^j'ai  deux|");
        // A pattern whose literal holds a `^` has no clause (it could not be told from the
        // start); nor one with a small class that holds it.
        assert!(cls(r"\bx\^2\b").is_empty());
        assert!(cls(r"\bx[\^*]2\b").is_empty());
    }

    #[test]
    fn an_alternation_gives_a_clause_for_each_choice_of_its_branches_clauses() {
        // A match of the first branch holds "zu " and "ungen", one of the second
        // "anzurufen": every match holds one of {"ungen", "anzurufen"}, and one of
        // {"zu ", "anzurufen"}.
        assert_eq!(
            cls(r"(?:zu [a-z]+ungen|anzurufen)"),
            vec![vec!["anzurufen", "ungen"], vec!["anzurufen", "zu "]]
        );
        // A branch without a literal: no clause.
        assert!(cls(r"(?:zu [a-z]+ungen|[a-z]+)").is_empty());
        // Beyond three branches, one clause: the union of each branch's best.
        assert_eq!(
            cls(r"(?:zu [a-z]+ungen|ab|an|auf)"),
            vec![vec!["ab", "an", "auf", "ungen"]]
        );
    }

    #[test]
    fn a_captured_class_stands_for_its_members() {
        let parse = |p: &str| regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        let strings = |c: Vec<Vec<Vec<u8>>>| -> Vec<Vec<String>> {
            c.into_iter()
                .map(|s| {
                    s.into_iter()
                        .map(|l| String::from_utf8(l).unwrap())
                        .collect()
                })
                .collect()
        };
        // A class with a regex part: its required literals are a clause. A member is a
        // whole word: a short word, or an ending of three letters or fewer, is looked for
        // with the characters a word boundary may be.
        let futur = SlotLiterals::new(vec![b"ira".to_vec()], Some(&parse(r"[a-z]+er(?:ai|a|ons)")));
        let hir = parse(r"\b(?:il|elle) (?P<c0>\w+)");
        let slot = |n: &str| (n == "c0").then_some(&futur);
        let mut ira: Vec<String> = [" ", "'", "-", "^", "|"]
            .iter()
            .flat_map(|b| [" ", "'", "-", "|"].map(|a| format!("{b}ira{a}")))
            .collect();
        ira.extend(["era ", "era'", "era-", "erai", "era|", "erons"].map(String::from));
        ira.sort();
        assert_eq!(
            strings(clauses_with(&hir, &slot)),
            vec![
                ira,
                [" il ", "'il ", "-il ", "^il ", "elle ", "|il "]
                    .map(String::from)
                    .to_vec()
            ]
        );
        // An ending of one letter alone is too short to look for; at a word's end it is not
        // (Italian `\w+[^\Wr]ò`, with `ò` folded to one byte).
        let ending = SlotLiterals::new(Vec::new(), Some(&parse(r"\w+[^\Wr]o")));
        assert_eq!(
            ending
                .required
                .map(|r| strings(vec![resolve_set(r).unwrap()])),
            Some(vec![["o ", "o'", "o-", "o|"].map(String::from).to_vec()])
        );
        // A small list of words takes part in products.
        let small = SlotLiterals::new(vec![b"can".to_vec(), b"may".to_vec()], None);
        let hir = parse(r"\bi (?P<c0>\w+) go\b");
        let slot = |n: &str| (n == "c0").then_some(&small);
        assert_eq!(
            strings(clauses_with(&hir, &slot)),
            vec![vec!["i can go", "i may go"]]
        );
        // Without what is known of the class, the capture is any word.
        assert_eq!(
            strings(clauses(&hir)),
            vec![
                vec![" go ", " go'", " go-", " go|"],
                vec![" i ", "'i ", "-i ", "^i ", "|i "]
            ]
        );
    }

    /// How far into a match a clause's literal can end (see [`Clause::reach`]): the bounded
    /// parts before it and its own length, plus two (a boundary character after it, and the
    /// skeleton's first byte); nothing after a part of unbounded length, nor for a
    /// captured class.
    #[test]
    fn a_clause_reaches_as_far_as_its_part_can_end() {
        let parse = |p: &str| regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        let reaches = |p: &str| -> Vec<(String, Option<usize>)> {
            clauses_reach(&parse(p), &|_| None)
                .into_iter()
                .map(|c| (String::from_utf8(c.literals[0].clone()).unwrap(), c.reach))
                .collect()
        };
        // " had" ends at most 3 + 1 + 4 bytes in ("if x had"); "if " at most 3 in.
        assert_eq!(
            reaches(r"\bif [a-z] had\b"),
            vec![(" had ".into(), Some(10)), (" if ".into(), Some(5))]
        );
        // Alternatives count by the longest: "would" or "could" then a space, "have".
        assert_eq!(
            reaches(r"\b(?:would|could) (?:\w+ )?have\b"),
            vec![("could ".into(), Some(8)), ("have".into(), None)]
        );
        // A clause of a captured class holds for the exact pattern only: no reach.
        let small = SlotLiterals::new(vec![b"must".to_vec()], None);
        let hir = parse(r"\byou (?P<c0>\w+)\b");
        let slot = |n: &str| (n == "c0").then_some(&small);
        let got: Vec<Option<usize>> = clauses_reach(&hir, &slot)
            .into_iter()
            .map(|c| c.reach)
            .collect();
        assert_eq!(got, vec![None]);
    }

    #[test]
    fn picks_a_required_part() {
        // The least likely part: a run of known strings beats any of its pieces; {has, have}
        // beats "ed".
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?been\b").unwrap(),
            vec!["has been", "has just been", "have been", "have just been"]
        );
        assert_eq!(
            req(r"\b(?:have|has) (?:just )?[a-z]+ed\b").unwrap(),
            vec![
                " has ",
                "'has ",
                "-has ",
                "^has ",
                "has just ",
                "have ",
                "|has "
            ]
        );
        // " had " (3 letters) beats "if " (2).
        assert_eq!(req(r"if [a-z]+ had [a-z]+ed").unwrap(), vec![" had "]);
        assert_eq!(
            req(r"(?:would|could) have [a-z]+").unwrap(),
            vec!["could have ", "would have "]
        );
        assert_eq!(req(r"[a-z]+ing").unwrap(), vec!["ing"]);
        assert!(req(r"[a-z]+ [a-z]+").is_none());
        assert_eq!(req(r"(?:x|yz) q").unwrap(), vec!["x q", "yz q"]);
        assert!(req(r"a|bc").is_none());
    }
}
