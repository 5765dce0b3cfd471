//! Where a fast pattern's captured words are, read from its match alone.
//!
//! A fast pattern (see `ruleset::grammar::Expanded::fast`) captures each large word class as
//! "any word", and the captured words are then tested against their classes. Finding the
//! captures of a match takes the bounded backtracker, after the lazy DFA has found the
//! match: on German sentences, a fifth of grammar matching was that backtracker (stop 17).
//! Most captures need none of it. Split the text into *runs*: maximal stretches of
//! characters that are not [separators](is_separator) (white space and punctuation other
//! than `'` and `-`). A captured word never holds a separator. When the parts of the pattern
//! on both sides of it always meet it with a separator (or with the match's ends), the word
//! is a whole run; if the part before it always holds the same number `n` of runs, it is run
//! `n` of the match, counted from its start; if the part after it always holds `m` runs, it
//! is run `m` counted from the match's end. Whatever path the regex engine takes through the
//! pattern, the matched text splits the same way, so the captures it would report are those
//! runs.
//!
//! [`plan`] works this out from the pattern's syntax tree, where it can: each slot must be a
//! part of the pattern's top-level sequence; what meets it on either side is read from the
//! first or last characters those parts can match; the runs of a side are counted where
//! every part of it matches only separators or only other characters, in a shape whose
//! number of runs does not vary (a literal, a class, a repetition of a class, an alternation
//! of such). A word glued on its left to what precedes it (French `j'`, `n'`) is placed
//! only where its run turns out to be plain letters (see [`Locate::FromEndIfPlain`]); the
//! backtracker says where not.
//!
//! A captured word may also be one branch of an alternation whose branches are each one run
//! (`(?:the|a|(?P<c0>…)|very)`, met by separators): the alternation is then placed like a
//! word, and the match took the word's branch when that branch matches the whole run and no
//! branch before it does, which two small regexes tell (see [`Branch`]). Since stop 22: the
//! English rules `past-simple-be` and `present-simple-be`, whose adjective classes are such
//! branches, made three quarters of the English backtracker runs.
//!
//! Patterns outside all this keep the backtracker. On the embedded rule sets, 304 of the
//! 360 patterns and exclusions with captured words are placed (263 before branches were).

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// Where a captured word is in a match: run `n` from the start, or from the end; or, for a
/// word that may be glued to what precedes it (`j'` in `j'aimerais`), run `n` from the end
/// if that run is plain letters and digits (then it has no place where the word could
/// start but its beginning), else unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locate {
    FromStart(usize),
    FromEnd(usize),
    FromEndIfPlain(usize),
}

/// A captured word placed by [`plan`]: its run, and for a word that is one branch of an
/// alternation (`(?:the|a|(?P<c0>…)|very)`), what decides whether the match took that
/// branch.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub at: Locate,
    pub branch: Option<Branch>,
}

/// The branches of an alternation whose branches are each one run (see [`Slot`]). At a given
/// run, the engine takes the first branch that matches the whole run: the rest of the
/// pattern, which meets the alternation with separators, does not depend on the branch, and
/// a branch matches only whole runs. So the word is captured in a match when `own` matches
/// its whole run and no branch `before` it does (`before` is `None` for the first branch).
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    pub before: Option<Hir>,
    pub own: Hir,
    /// Whether it is the alternation's last branch: when not, a run whose word fails the
    /// captured class's test may still be matched, in the exact form, by a branch after it.
    pub last: bool,
}

/// The punctuation that `\w` leaves out in patterns (see `analyse::grammar::WORD_CHAR`),
/// but for `'` and `-`, which join the parts of a captured word.
const SEPARATOR_PUNCTUATION: &str = "!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~«»‹›“”„‘—–…¿¡·";

/// [`is_separator`] for ASCII, by code.
const ASCII_SEPARATORS: [bool; 128] = {
    let mut t = [false; 128];
    let p = SEPARATOR_PUNCTUATION.as_bytes();
    let mut i = 0;
    while i < p.len() {
        if p[i] < 128 {
            t[p[i] as usize] = true;
        }
        i += 1;
    }
    let space = [b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r'];
    let mut i = 0;
    while i < space.len() {
        t[space[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether `c` separates runs: white space, or punctuation other than `'` and `-`.
pub fn is_separator(c: char) -> bool {
    match ASCII_SEPARATORS.get(c as usize) {
        Some(&sep) => sep,
        None => c.is_whitespace() || SEPARATOR_PUNCTUATION.contains(c),
    }
}

/// The separators as a class, to compare the pattern's classes with (built once).
fn separators() -> &'static ClassUnicode {
    static SEPARATORS: std::sync::LazyLock<ClassUnicode> =
        std::sync::LazyLock::new(build_separators);
    &SEPARATORS
}

fn build_separators() -> ClassUnicode {
    let mut ranges: Vec<ClassUnicodeRange> = SEPARATOR_PUNCTUATION
        .chars()
        .map(|c| ClassUnicodeRange::new(c, c))
        .collect();
    // White space as `char::is_whitespace` has it (the Unicode property White_Space).
    ranges.extend(
        (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .map(|c| ClassUnicodeRange::new(c, c)),
    );
    ClassUnicode::new(ranges)
}

/// What part of the pattern can match, as the runs and separators of its text: each string
/// of `W` (a run) and `S` (separators) with repeats merged, `WSW` for `a b`.
type Shapes = Vec<Vec<u8>>;

/// More shapes than this: not worth following.
const MAX_SHAPES: usize = 16;

/// `a` followed by `b`, with a run or a separator at their meeting merged.
fn join(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut v = a.to_vec();
    for &k in b {
        if v.last() != Some(&k) {
            v.push(k);
        }
    }
    v
}

fn concat(a: &Shapes, b: &Shapes) -> Option<Shapes> {
    let mut out: Shapes = Vec::new();
    for x in a {
        for y in b {
            let v = join(x, y);
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    (out.len() <= MAX_SHAPES).then_some(out)
}

/// The kind of a character: [`RUN`] or [`SEPARATOR`].
fn kind(c: char) -> u8 {
    if is_separator(c) {
        SEPARATOR
    } else {
        RUN
    }
}

/// Kinds of character, as bits: a run's, a separator.
const RUN: u8 = 1;
const SEPARATOR: u8 = 2;

/// The kinds of character a class holds, as bits.
fn class_kinds(c: &ClassUnicode, sep: &ClassUnicode) -> u8 {
    let mut inside = c.clone();
    inside.intersect(sep);
    let mut outside = c.clone();
    outside.difference(sep);
    let has = |part: &ClassUnicode, bit: u8| if part.ranges().is_empty() { 0 } else { bit };
    has(&outside, RUN) | has(&inside, SEPARATOR)
}

/// The shapes of `h`, if each of its characters is known to be a separator or not.
fn shapes(h: &Hir, sep: &ClassUnicode) -> Option<Shapes> {
    let letter = |k: u8| if k == RUN { b'W' } else { b'S' };
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![vec![]]),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let kinds: Vec<u8> = text.chars().map(|c| letter(kind(c))).collect();
            Some(vec![join(&[], &kinds)])
        }
        HirKind::Class(Class::Unicode(c)) => match class_kinds(c, sep) {
            k @ (RUN | SEPARATOR) => Some(vec![vec![letter(k)]]),
            _ => None,
        },
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Capture(c) => shapes(&c.sub, sep),
        HirKind::Concat(parts) => sequence_shapes(parts, sep),
        HirKind::Alternation(alts) => {
            let mut out: Shapes = Vec::new();
            for a in alts {
                for v in shapes(a, sep)? {
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
            (out.len() <= MAX_SHAPES).then_some(out)
        }
        HirKind::Repetition(r) => {
            let sub = shapes(&r.sub, sep)?;
            // Only the repetition of one kind of character (or of nothing): its repeats
            // merge into one run or one stretch of separators.
            let kinds: Vec<u8> = sub.iter().flatten().copied().collect();
            if sub.iter().any(|v| v.len() > 1) || kinds.windows(2).any(|w| w[0] != w[1]) {
                return None;
            }
            let mut out: Shapes = kinds.first().map(|&k| vec![vec![k]]).unwrap_or_default();
            if r.min == 0 || sub.iter().any(Vec::is_empty) || out.is_empty() {
                out.push(vec![]);
            }
            Some(out)
        }
    }
}

/// The shapes of a sequence of parts.
fn sequence_shapes(parts: &[Hir], sep: &ClassUnicode) -> Option<Shapes> {
    parts
        .iter()
        .try_fold(vec![vec![]], |acc, p| concat(&acc, &shapes(p, sep)?))
}

/// The kinds of character that `h` can start with (`last` false) or end with (`last` true),
/// as bits (see [`RUN`]), and whether it can match the empty string.
fn edge(h: &Hir, last: bool, sep: &ClassUnicode) -> (u8, bool) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => (0, true),
        HirKind::Literal(lit) => {
            let text = String::from_utf8_lossy(&lit.0);
            let c = if last {
                text.chars().next_back()
            } else {
                text.chars().next()
            };
            c.map_or((0, true), |c| (kind(c), false))
        }
        HirKind::Class(Class::Unicode(c)) => (class_kinds(c, sep), false),
        HirKind::Class(Class::Bytes(_)) => (RUN | SEPARATOR, false),
        HirKind::Capture(c) => edge(&c.sub, last, sep),
        HirKind::Repetition(r) => {
            let (bits, nullable) = edge(&r.sub, last, sep);
            (bits, nullable || r.min == 0)
        }
        HirKind::Alternation(alts) => alts.iter().fold((0, false), |(b, n), a| {
            let (ab, an) = edge(a, last, sep);
            (b | ab, n || an)
        }),
        HirKind::Concat(parts) => ends_bits(parts, last, sep),
    }
}

/// [`edge`] of a sequence of parts.
fn ends_bits(parts: &[Hir], last: bool, sep: &ClassUnicode) -> (u8, bool) {
    let mut bits = 0;
    let mut ordered = parts.iter();
    while let Some(p) = if last {
        ordered.next_back()
    } else {
        ordered.next()
    } {
        let (b, nullable) = edge(p, last, sep);
        bits |= b;
        if !nullable {
            return (bits, false);
        }
    }
    (bits, true)
}

/// Whether a sequence of parts can end (`last`) or start with a run's character: next to a
/// slot, the slot may then not be a whole run.
fn ends_in_run(parts: &[Hir], last: bool, sep: &ClassUnicode) -> bool {
    ends_bits(parts, last, sep).0 & RUN != 0
}

/// The number of runs every shape of `side` holds, if the same for all.
fn runs(side: &Shapes) -> Option<usize> {
    let count = |v: &Vec<u8>| v.iter().filter(|&&k| k == b'W').count();
    let n = count(side.first()?);
    side.iter().all(|v| count(v) == n).then_some(n)
}

/// The index `k` of a capture named `c{k}`, below `slots`.
fn slot_index(h: &Hir, slots: usize) -> Option<usize> {
    let HirKind::Capture(cap) = h.kind() else {
        return None;
    };
    cap.name
        .as_deref()
        .and_then(|n| n.strip_prefix('c'))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&k| k < slots)
}

/// Whether `h` holds a capture named `c{k}` with `k` below `slots`.
fn holds_slot(h: &Hir, slots: usize) -> bool {
    slot_index(h, slots).is_some()
        || match h.kind() {
            HirKind::Capture(c) => holds_slot(&c.sub, slots),
            HirKind::Concat(hs) | HirKind::Alternation(hs) => {
                hs.iter().any(|h| holds_slot(h, slots))
            }
            HirKind::Repetition(r) => holds_slot(&r.sub, slots),
            _ => false,
        }
}

/// Where each slot `c0`, `c1`, … of a fast pattern's tree is in its matches (see the
/// module's documentation); `None` when some slot cannot be placed this way.
pub fn plan(hir: &Hir, slots: usize) -> Option<Vec<Slot>> {
    if slots == 0 {
        return Some(Vec::new());
    }
    let sep = separators();
    let parts: &[Hir] = match hir.kind() {
        HirKind::Concat(parts) => parts,
        _ => std::slice::from_ref(hir),
    };
    let mut found = vec![None; slots];
    for (i, part) in parts.iter().enumerate() {
        if let HirKind::Alternation(alts) = part.kind() {
            if holds_slot(part, slots) {
                place_branches(parts, i, alts, slots, &mut found)?;
            }
            continue;
        }
        let HirKind::Capture(cap) = part.kind() else {
            continue;
        };
        let Some(k) = slot_index(part, slots) else {
            continue;
        };
        // The captured word is one run: never empty, never a separator.
        if !is_one_run(&cap.sub, sep) {
            return None;
        }
        // Separators (or the match's ends) on both sides, so that the word is a whole run.
        if ends_in_run(&parts[i + 1..], false, sep) {
            return None;
        }
        if ends_in_run(&parts[..i], true, sep) {
            // Glued on the left (an elided word, `l'`, before it): the word starts at a word
            // boundary (its own `\b`), which a run of plain letters and digits has only at
            // its start.
            found[k] = match runs_after(parts, i) {
                Some(m) if starts_at_boundary(&cap.sub) => Some(Slot {
                    at: Locate::FromEndIfPlain(m),
                    branch: None,
                }),
                _ => return None,
            };
            continue;
        }
        found[k] = Some(Slot {
            at: whole_run_at(parts, i)?,
            branch: None,
        });
    }
    found.into_iter().collect()
}

/// Where part `i` of a pattern's top-level sequence, one whole run met by separators (or the
/// match's ends) on both sides, is in a match: counted from the start if the parts before it
/// always hold the same number of runs, else from the end if the parts after it do.
fn whole_run_at(parts: &[Hir], i: usize) -> Option<Locate> {
    match sequence_shapes(&parts[..i], separators()).and_then(|b| runs(&b)) {
        Some(n) => Some(Locate::FromStart(n)),
        None => runs_after(parts, i).map(Locate::FromEnd),
    }
}

/// The number of runs the parts after part `i` always hold, if it does not vary.
fn runs_after(parts: &[Hir], i: usize) -> Option<usize> {
    sequence_shapes(&parts[i + 1..], separators()).and_then(|a| runs(&a))
}

/// Whether every match of `h` is one run: never empty, never holding a separator.
fn is_one_run(h: &Hir, sep: &ClassUnicode) -> bool {
    shapes(h, sep).is_some_and(|s| s == vec![b"W".to_vec()])
}

/// Places the slots that are branches of alternation `alts`, part `i` of the pattern's
/// top-level sequence (see [`Branch`]): every branch must be one run, met by separators on
/// both sides, and each slot a branch of its own. `None` otherwise.
fn place_branches(
    parts: &[Hir],
    i: usize,
    alts: &[Hir],
    slots: usize,
    found: &mut [Option<Slot>],
) -> Option<()> {
    let sep = separators();
    if !alts.iter().all(|h| is_one_run(h, sep))
        || ends_in_run(&parts[i + 1..], false, sep)
        || ends_in_run(&parts[..i], true, sep)
    {
        return None;
    }
    let at = whole_run_at(parts, i)?;
    for (j, alt) in alts.iter().enumerate() {
        match slot_index(alt, slots) {
            Some(k) => {
                found[k] = Some(Slot {
                    at,
                    branch: Some(Branch {
                        before: (j > 0).then(|| Hir::alternation(alts[..j].to_vec())),
                        own: alt.clone(),
                        last: j + 1 == alts.len(),
                    }),
                });
            }
            // A slot deeper in a branch: its place in the run is not known.
            None if holds_slot(alt, slots) => return None,
            None => {}
        }
    }
    Some(())
}

/// Whether a failed match of the fast pattern `hir` rules out every match of its exact form
/// that starts inside it, so that the search may go on past it instead of asking the exact
/// form. True when:
/// - the pattern's top-level sequence ends with a *stop*: one character of a set `T`, or the
///   end of the text (`(?:[,.;:!?]|$)`), and no other part can match a character of `T`;
///   every match then ends at the first stop after its start, so all the matches that start
///   inside a match `s..e` (of the fast or the exact form, whose matches are the fast form's)
///   end at `e`;
/// - every slot is a whole run at a fixed number of runs from the match's end (see [`plan`]),
///   with a separator before it inside the match: in all those matches it is the same word;
/// - a slot that is a branch of an alternation is its last branch: the fast form took it
///   because the branches before it failed on that word, which they do in the exact form
///   too, and no branch comes after it that the exact form could take instead (German
///   `(?:{PRAET_IRREG}|[a-zäöüß]{2,}te),` with a large `PRAET_IRREG`: the fast form captures
///   `suchte`, which fails the class test, and the exact form matches it by `…te`).
///
/// So if a word of that match fails its class test, none of them is a match of the exact
/// form. German verb-final patterns (`{MODAL} … {INF}(?:[,.;:!?]|$)`) have this shape: the
/// fast form captures the last word of the clause, often not a verb at all.
pub fn fixed_by_end(hir: &Hir, slots: usize) -> bool {
    let HirKind::Concat(parts) = hir.kind() else {
        return false;
    };
    let Some((stop, before)) = parts.split_last() else {
        return false;
    };
    let Some(stops) = stop_chars(stop) else {
        return false;
    };
    if slots == 0 {
        return false;
    }
    let Some(placed) = plan(hir, slots) else {
        return false;
    };
    let not_last = |slot: &Slot| slot.branch.as_ref().is_some_and(|b| !b.last);
    if placed.iter().any(not_last) || before.iter().any(|p| may_match(p, &stops)) {
        return false;
    }
    // A separator always before the slot, inside the match: a match that starts later
    // cannot cut the slot's run short (`well-known`, where `known` starts at a word
    // boundary too).
    let sep = separators();
    (0..parts.len())
        .filter(|&i| holds_slot(&parts[i], slots))
        .all(|i| {
            runs_after(parts, i).is_some()
                && ends_bits(&parts[..i], true, sep) == (SEPARATOR, false)
        })
}

/// The characters `h` matches if it matches one character or the end of the text (`$`) and
/// nothing else: `[,.;:!?]`, `(?:[,.;:!?]|$)`; `None` otherwise.
fn stop_chars(h: &Hir) -> Option<ClassUnicode> {
    use regex_syntax::hir::Look;
    match h.kind() {
        HirKind::Look(Look::End) => Some(ClassUnicode::empty()),
        HirKind::Class(Class::Unicode(c)) => Some(c.clone()),
        // ASCII only: other bytes are parts of characters.
        HirKind::Class(Class::Bytes(c)) => c.to_unicode_class(),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let mut chars = text.chars();
            let c = chars.next()?;
            chars
                .next()
                .is_none()
                .then(|| ClassUnicode::new([ClassUnicodeRange::new(c, c)]))
        }
        HirKind::Alternation(alts) => alts.iter().try_fold(ClassUnicode::empty(), |mut all, a| {
            all.union(&stop_chars(a)?);
            Some(all)
        }),
        _ => None,
    }
}

/// Whether some match of `h` can hold a character of `chars`.
fn may_match(h: &Hir, chars: &ClassUnicode) -> bool {
    let overlaps = |c: &ClassUnicode| {
        let mut both = c.clone();
        both.intersect(chars);
        !both.ranges().is_empty()
    };
    let holds = |c: char| {
        chars
            .ranges()
            .iter()
            .any(|r| r.start() <= c && c <= r.end())
    };
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => String::from_utf8_lossy(&lit.0).chars().any(holds),
        HirKind::Class(Class::Unicode(c)) => overlaps(c),
        // Bytes above ASCII are parts of characters not known here: they may be anything.
        HirKind::Class(Class::Bytes(c)) => c.to_unicode_class().is_none_or(|u| overlaps(&u)),
        HirKind::Capture(c) => may_match(&c.sub, chars),
        HirKind::Repetition(r) => may_match(&r.sub, chars),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(|h| may_match(h, chars)),
    }
}

/// Whether every match of `h` starts at a word boundary: it begins with `\b`.
fn starts_at_boundary(h: &Hir) -> bool {
    use regex_syntax::hir::Look;
    match h.kind() {
        HirKind::Look(Look::WordAscii | Look::WordUnicode) => true,
        HirKind::Concat(parts) => parts.first().is_some_and(starts_at_boundary),
        HirKind::Capture(c) => starts_at_boundary(&c.sub),
        _ => false,
    }
}

/// The byte range in `text` of run `at` of `text[start..end]` (see [`Locate`]); `None` when
/// unknown.
pub fn locate(text: &str, start: usize, end: usize, at: Locate) -> Option<(usize, usize)> {
    let span = text.get(start..end)?;
    let (a, b) = match at {
        Locate::FromStart(n) => nth_run(span.char_indices(), n)?,
        Locate::FromEnd(m) => nth_run(span.char_indices().rev(), m)?,
        Locate::FromEndIfPlain(m) => nth_run(span.char_indices().rev(), m)
            .filter(|&(a, b)| span.as_bytes()[a..b].iter().all(u8::is_ascii_alphanumeric))?,
    };
    Some((start + a, start + b))
}

/// Run `n` (from 0) of the runs met going through `chars`, forwards or backwards: its byte
/// range.
fn nth_run(chars: impl Iterator<Item = (usize, char)>, n: usize) -> Option<(usize, usize)> {
    let mut run: Option<(usize, usize)> = None;
    let mut count = 0;
    for (i, c) in chars {
        if is_separator(c) {
            if let Some(r) = run.take() {
                if count == n {
                    return Some(r);
                }
                count += 1;
            }
        } else {
            let end = i + c.len_utf8();
            run = Some(run.map_or((i, end), |(a, b)| (a.min(i), b.max(end))));
        }
    }
    run.filter(|_| count == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(p: &str) -> Hir {
        regex_syntax::parse(p).unwrap()
    }

    /// The places of [`plan`], for slots that are not branches of an alternation.
    fn places(h: &Hir, slots: usize) -> Option<Vec<Locate>> {
        let placed = plan(h, slots)?;
        assert!(placed.iter().all(|s| s.branch.is_none()));
        Some(placed.into_iter().map(|s| s.at).collect())
    }

    /// [`fixed_by_end`]: a stop at the end that nothing else matches, and words at a fixed
    /// number of runs from the end with a separator before them.
    #[test]
    fn words_fixed_by_the_end_of_the_match() {
        let stop = "(?:[,.;:!?]|$)";
        let fixed = |p: &str, slots: usize| fixed_by_end(&tree(p), slots);
        // German verb-final clauses: the slot is the clause's last word.
        assert!(fixed(
            &format!(r"\b(?:kann|muss) (?:[^,.;:!?]* )?{WORD}{stop}"),
            1
        ));
        assert!(fixed(
            &format!(r"\bweil (?:[^,.;:!?]* )?{WORD} (?:hat|ist){stop}"),
            1
        ));
        assert!(fixed(&format!(r"\bkann {WORD}$"), 1));
        assert!(fixed(&format!(r"\bkann {WORD}[.]"), 1));
        // A part before the stop that can hold a stop character: the end is not fixed.
        assert!(!fixed(&format!(r"\bkann (?:.* )?{WORD}{stop}"), 1));
        assert!(!fixed(&format!(r"\b(?:kann|z\.b\.) {WORD}{stop}"), 1));
        // No stop at the end.
        assert!(!fixed(&format!(r"\bkann (?:[^,.;:!?]* )?{WORD}\b"), 1));
        assert!(!fixed(&format!(r"\bkann {WORD}(?:[.]|\b)"), 1));
        // The slot first in the match: a later start may cut its run (`well-known`).
        assert!(!fixed(&format!(r"{WORD} hat{stop}"), 1));
        // Runs after the slot that vary in number.
        assert!(!fixed(&format!(r"\bkann {WORD}(?: [a-z]+)*{stop}"), 1));
        // No slot.
        assert!(!fixed(&format!(r"\bkann [a-z]+{stop}"), 0));
        // A slot that is the last branch: the branches before it failed on the word.
        assert!(fixed(
            &format!(r"\bals (?:[^,.;:!?]* )?(?:war|hatte|{WORD}){stop}"),
            1
        ));
        // A branch after the slot may match the word that fails the slot's test.
        let p = format!(r"\bals (?:[^,.;:!?]* )?(?:war|{WORD}|[a-z]{{2,}}te){stop}");
        assert!(!fixed(&p, 1));
        assert!(!plan(&tree(&p), 1).unwrap()[0].branch.as_ref().unwrap().last);
    }

    #[test]
    fn a_slot_that_is_a_branch_is_placed_with_the_branches_before_it() {
        let w1 = WORD.replace("c0", "c1");
        let p = format!(r"\bwas (?:the|a|{WORD}|very|{w1})\b");
        let placed = plan(&tree(&p), 2).unwrap();
        assert_eq!(placed[0].at, Locate::FromStart(1));
        assert_eq!(placed[1].at, Locate::FromStart(1));
        let b0 = placed[0].branch.as_ref().unwrap();
        assert_eq!(b0.before, Some(tree("the|a")));
        assert_eq!(b0.own, tree(WORD));
        let b1 = placed[1].branch.as_ref().unwrap();
        assert_eq!(b1.before, Some(tree(&format!("the|a|{WORD}|very"))));
        // The first branch has nothing before it.
        let first = plan(&tree(&format!(r"\bwas (?:{WORD}|the)\b")), 1).unwrap();
        assert_eq!(first[0].branch.as_ref().unwrap().before, None);
    }

    #[test]
    fn a_branch_slot_is_not_placed_when_a_branch_is_not_one_run() {
        // `the old` is two runs; `a-` may be glued to what follows.
        for alts in ["the old", "x?"] {
            let p = format!(r"\bwas (?:{alts}|{WORD})\b");
            assert_eq!(plan(&tree(&p), 1), None, "{p}");
        }
        // A slot inside a branch, not a branch itself.
        let p = format!(r"\bwas (?:the|very {WORD})\b");
        assert_eq!(plan(&tree(&p), 1), None);
        // Glued to the word before.
        let p = format!(r"\bwas-(?:the|{WORD})\b");
        assert_eq!(plan(&tree(&p), 1), None);
    }

    /// A captured word as fast forms write it (`\w` there excludes `_` and punctuation).
    const WORD: &str = r"(?P<c0>\b[a-z]+(?:['-][a-z]+)*\b)";

    #[test]
    fn a_slot_after_fixed_words_is_counted_from_the_start() {
        let p = format!(r"\b(?:kann|muss) {WORD}");
        assert_eq!(places(&tree(&p), 1), Some(vec![Locate::FromStart(1)]));
    }

    #[test]
    fn a_slot_before_punctuation_is_counted_from_the_end() {
        let p = format!(r"\bkann (?:[^,.;:!?]* )?{WORD}(?:[,.;:!?]|$)");
        assert_eq!(places(&tree(&p), 1), Some(vec![Locate::FromEnd(0)]));
    }

    #[test]
    fn a_slot_between_two_gaps_is_not_placed() {
        let p = format!(r"\bkann [^.]* {WORD} [^.]*\.");
        assert_eq!(places(&tree(&p), 1), None);
    }

    #[test]
    fn a_slot_glued_on_its_right_is_not_placed() {
        assert_eq!(places(&tree(&format!(r"l'{WORD}x")), 1), None);
        assert_eq!(places(&tree(&format!(r"{WORD}-x")), 1), None);
        // Glued on its left, the word starts at its own `\b`: never right after a letter.
        let glued = places(&tree(&format!(r"ge{WORD} x")), 1);
        assert_eq!(glued, Some(vec![Locate::FromEndIfPlain(1)]));
    }

    #[test]
    fn a_slot_after_an_elided_word_is_placed_when_its_run_is_plain() {
        // `n'` and the word are one run: known only where the run has no `'`.
        let p = format!(r"\b(?:je |j')(?:ne |n')?{WORD}");
        assert_eq!(places(&tree(&p), 1), Some(vec![Locate::FromEndIfPlain(0)]));
        let at = |t: &'static str| {
            locate(t, 0, t.len(), Locate::FromEndIfPlain(0)).map(|(a, b)| &t[a..b])
        };
        assert_eq!(at("je ne viendrai"), Some("viendrai"));
        assert_eq!(at("je n'irai"), None);
        assert_eq!(at("j'irai"), None);
    }

    #[test]
    fn a_slot_glued_without_a_boundary_is_not_placed() {
        let p = r"\b(?:je |j')(?P<c0>[a-z]+)\b";
        assert_eq!(places(&tree(p), 1), None);
    }

    #[test]
    fn an_optional_slot_is_not_placed() {
        let p = format!(r"\bkann (?:{WORD} )?weg");
        assert_eq!(places(&tree(&p), 1), None);
    }

    #[test]
    fn runs_are_found_from_either_end() {
        let t = "er kann l'ami-x sehen, ja";
        let (s, e) = (3, 21); // "kann l'ami-x sehen,"
        let at = |l| locate(t, s, e, l).map(|(a, b)| &t[a..b]);
        assert_eq!(at(Locate::FromStart(0)), Some("kann"));
        assert_eq!(at(Locate::FromStart(1)), Some("l'ami-x"));
        assert_eq!(at(Locate::FromStart(2)), Some("sehen"));
        assert_eq!(at(Locate::FromStart(3)), None);
        assert_eq!(at(Locate::FromEnd(0)), Some("sehen"));
        assert_eq!(at(Locate::FromEnd(2)), Some("kann"));
        assert_eq!(at(Locate::FromEnd(3)), None);
    }

    #[test]
    fn the_ascii_table_agrees_with_the_definition() {
        for c in (0..128u8).map(char::from) {
            let sep = c.is_whitespace() || SEPARATOR_PUNCTUATION.contains(c);
            assert_eq!(is_separator(c), sep, "{c:?}");
        }
    }

    #[test]
    fn accented_runs_keep_their_bytes() {
        let t = "wir würden gern essen";
        let r = locate(t, 0, t.len(), Locate::FromStart(1)).unwrap();
        assert_eq!(&t[r.0..r.1], "würden");
    }
}
