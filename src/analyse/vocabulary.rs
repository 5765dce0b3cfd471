//! The vocabulary profile of a text: each word's level and the list it came from.
//!
//! Words are looked up in the language's graded lexicon, with a per-language layer: elision
//! (`l'école` → `école`), English contractions (`don't` → `do`), hyphenated compounds
//! (`peut-être`), multi-word expressions (`give up`, `il y a`), a cautious suffix
//! fallback when the forms table does not know a form, German compounds read as their parts
//! (`kinderzimmer` → `kinder+zimmer`) and Spanish/Italian enclitic pronouns cut from verbs
//! (`dímelo` → `decir`, `mangiarlo` → `mangiare`), both only for unlisted words (see
//! `docs/lexicon-method.md`). Numbers, URLs and proper nouns are not vocabulary.

use std::ops::Range;

use super::segment::{Token, TokenKind};
use crate::model::Level;
use crate::ruleset::lexicon::{Hit, Lexicon};

/// One graded word (or expression) of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordUse {
    /// Byte range in the field's text (several tokens for an expression).
    pub range: Range<usize>,
    pub level: Level,
    /// Shared with the other uses of the word (a memo's answer).
    pub lemma: std::sync::Arc<str>,
    pub source: std::sync::Arc<str>,
}

/// Counts over the word tokens of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VocabStats {
    /// Word tokens considered (not numbers, URLs or proper nouns).
    pub words: usize,
    /// Of those, found in the lexicon.
    pub known: usize,
}

impl VocabStats {
    pub fn add(&mut self, o: VocabStats) {
        self.words += o.words;
        self.known += o.known;
    }
}

fn apostrophes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{02BC}'], "'")
}

/// `apostrophes(s).to_lowercase()`, with one allocation when there is no apostrophe to
/// replace (nearly every word).
fn lower_apostrophes(s: &str) -> String {
    if s.contains(['\u{2019}', '\u{02BC}']) {
        apostrophes(s).to_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// Elided French and Italian prefixes (`l'`, `qu'`, `dell'`…).
fn elision_split(lang: &str, w: &str) -> Option<usize> {
    let i = w.find('\'')?;
    let prefix = &w[..i];
    let ok = match lang {
        "fr" => matches!(
            prefix,
            "l" | "d"
                | "j"
                | "m"
                | "n"
                | "s"
                | "t"
                | "c"
                | "qu"
                | "jusqu"
                | "lorsqu"
                | "puisqu"
                | "quoiqu"
                | "presqu"
        ),
        "it" => matches!(
            prefix,
            "l" | "un"
                | "dell"
                | "all"
                | "dall"
                | "nell"
                | "sull"
                | "d"
                | "c"
                | "quest"
                | "quell"
                | "bell"
                | "sant"
        ),
        _ => false,
    };
    ok.then_some(i + 1)
}

/// English contractions: the word the contraction stands on.
fn english_contraction(w: &str) -> Option<&str> {
    match w {
        "can't" => return Some("can"),
        "won't" => return Some("will"),
        "shan't" => return Some("shall"),
        "ain't" => return Some("be"),
        _ => {}
    }
    if let Some(base) = w.strip_suffix("n't") {
        return Some(base);
    }
    for suffix in ["'s", "'re", "'ve", "'ll", "'d", "'m", "'"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if !base.is_empty() {
                return Some(base);
            }
        }
    }
    None
}

/// Candidate lemmas for an English form the forms table does not list.
fn english_suffixes(w: &str) -> Vec<String> {
    let mut c = Vec::new();
    let n = w.chars().count();
    if n < 4 {
        return c;
    }
    if let Some(b) = w.strip_suffix("ies") {
        c.push(format!("{b}y"));
    }
    if let Some(b) = w.strip_suffix("ied") {
        c.push(format!("{b}y"));
    }
    if let Some(b) = w.strip_suffix("es") {
        c.push(b.to_string());
    }
    if let Some(b) = w.strip_suffix('s') {
        if !b.ends_with('s') {
            c.push(b.to_string());
        }
    }
    for suf in ["ed", "ing", "er", "est"] {
        if let Some(b) = w.strip_suffix(suf) {
            c.push(b.to_string());
            c.push(format!("{b}e"));
            let bc: Vec<char> = b.chars().collect();
            if bc.len() >= 2 && bc[bc.len() - 1] == bc[bc.len() - 2] {
                c.push(bc[..bc.len() - 1].iter().collect());
            }
        }
    }
    if let Some(b) = w.strip_suffix("ly") {
        c.push(b.to_string());
    }
    c
}

/// Candidate lemmas for a French form the forms table does not list.
fn french_suffixes(w: &str) -> Vec<String> {
    let mut c = Vec::new();
    if w.chars().count() < 4 {
        return c;
    }
    for suf in ["es", "s", "x", "e"] {
        if let Some(b) = w.strip_suffix(suf) {
            c.push(b.to_string());
        }
    }
    c
}

/// Looks one lower-case word up, with the language's fallbacks.
pub fn lookup<'l>(lex: &'l Lexicon, lang: &str, w: &str) -> Option<Hit<'l>> {
    if let Some(h) = simple_lookup(lex, lang, w) {
        return Some(h);
    }
    match lang {
        "de" => german_compound(lex, w),
        "es" | "it" => clitic_split(lex, lang, w),
        _ => None,
    }
}

/// The lookup without the compound and clitic fallbacks: the entry or form itself, elision,
/// English contractions and suffix candidates.
fn simple_lookup<'l>(lex: &'l Lexicon, lang: &str, w: &str) -> Option<Hit<'l>> {
    if let Some(h) = lex.word(w) {
        return Some(h);
    }
    if let Some(i) = elision_split(lang, w) {
        return lookup(lex, lang, &w[i..]);
    }
    if lang == "en" {
        if let Some(base) = english_contraction(w) {
            return lex.word(base);
        }
    }
    let candidates = match lang {
        "en" => english_suffixes(w),
        "fr" => french_suffixes(w),
        _ => Vec::new(),
    };
    candidates
        .iter()
        .filter_map(|c| lex.word(c))
        .min_by_key(|h| h.level)
}

/// Shortest German word split into a compound.
const COMPOUND_MIN_CHARS: usize = 7;
/// Shortest part of a compound (the modifier after its linking element is removed, and the
/// head).
const PART_MIN_CHARS: usize = 3;

/// The modifier (first part) of a German compound as written before the head: itself
/// (`kinder`), without a linking element (`bahnhofs` → `bahnhof`, `sonnen` → `sonne`), or with
/// the final `e` it drops (`schul` → `schule`). The first known reading wins.
fn german_modifier<'l>(lex: &'l Lexicon, m: &str) -> Option<(String, Hit<'l>)> {
    let n = m.chars().count();
    let mut cands: Vec<String> = Vec::new();
    if n >= PART_MIN_CHARS {
        cands.push(m.to_string());
    }
    for link in ["es", "en", "er", "s", "n", "e"] {
        if let Some(b) = m.strip_suffix(link) {
            if b.chars().count() >= PART_MIN_CHARS {
                cands.push(b.to_string());
            }
        }
    }
    if n >= 4 && !m.ends_with('e') {
        cands.push(format!("{m}e"));
    }
    cands.into_iter().find_map(|c| {
        let h = lex
            .word(&c)
            .filter(|h| plausible_part(&c, h.level) && plausible_part(&h.lemma, h.level))?;
        Some((c, h))
    })
}

/// Whether a known word is trusted as a compound part. The German frequency bands hold many
/// fragments, names and abbreviations (`sch`, `abgeb`), nearly all ranked C1–C2, so a part
/// must be at most B2, and a part of three letters or fewer, or a form of such a word
/// (`sche` → `sch`), at most A2 (`bus`, `uhr`, `tee`).
fn plausible_part(part: &str, level: Level) -> bool {
    // Articles and pronouns are not compound parts: `dichnach`, `demensprechend` are words
    // run together or misspelt, not compounds.
    const FUNCTION_WORDS: [&str; 36] = [
        "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen",
        "eines", "ich", "du", "er", "sie", "es", "wir", "ihr", "mich", "dich", "sich", "mir",
        "dir", "uns", "euch", "ihm", "ihn", "ihnen", "nen", "nem", "ner", "und", "oder", "ist",
        "sein",
    ];
    if FUNCTION_WORDS.contains(&part) {
        return false;
    }
    let max = if part.chars().count() <= PART_MIN_CHARS {
        Level::A2
    } else {
        Level::B2
    };
    level <= max
}

/// A German compound absent from the lexicon, read as modifier + head (`kinderzimmer` →
/// `kinder` + `zimmer`). Every split point is tried, the longest head first; both parts must
/// be known (the head as an entry or an inflected form: `hausaufgaben` → `aufgabe`) and
/// plausible ([`plausible_part`]). The level is the higher of the two parts' levels, the lemma
/// `modifier+head` (`kinder+zimmer`).
fn german_compound<'l>(lex: &'l Lexicon, w: &str) -> Option<Hit<'l>> {
    if w.chars().count() < COMPOUND_MIN_CHARS || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    for (i, _) in w.char_indices().skip(PART_MIN_CHARS) {
        let head = &w[i..];
        if head.chars().count() < PART_MIN_CHARS {
            break;
        }
        let Some(h) = lex
            .word(head)
            .filter(|h| plausible_part(head, h.level) && plausible_part(&h.lemma, h.level))
        else {
            continue;
        };
        let Some((m, mh)) = german_modifier(lex, &w[..i]) else {
            continue;
        };
        let source = if mh.level > h.level {
            mh.source
        } else {
            h.source
        };
        return Some(Hit {
            level: mh.level.max(h.level),
            lemma: format!("{m}+{}", h.lemma).into(),
            source,
        });
    }
    None
}

/// Spanish and Italian enclitic pronouns, the single ones and the first of a pair.
const ES_CLITICS: [&str; 11] = [
    "me", "te", "se", "nos", "os", "lo", "la", "los", "las", "le", "les",
];
const ES_CLITIC_PAIR_FIRST: [&str; 5] = ["me", "te", "se", "nos", "os"];
const ES_CLITIC_PAIR_SECOND: [&str; 9] = ["lo", "la", "los", "las", "le", "les", "me", "te", "nos"];
const IT_CLITICS: [&str; 11] = [
    "mi", "ti", "si", "ci", "vi", "lo", "la", "li", "le", "gli", "ne",
];
const IT_CLITIC_PAIR_FIRST: [&str; 6] = ["me", "te", "se", "ce", "ve", "glie"];
const IT_CLITIC_PAIR_SECOND: [&str; 5] = ["lo", "la", "li", "le", "ne"];

/// Short irregular imperatives that take clitics (`di` in `dímelo`, `fa` in `fallo`), with
/// their infinitive.
fn short_imperative(lang: &str, stem: &str) -> Option<&'static str> {
    Some(match (lang, stem) {
        ("es", "di") => "decir",
        ("es", "haz") => "hacer",
        ("es", "pon") => "poner",
        ("es", "ten") => "tener",
        ("es", "ven") => "venir",
        ("es", "sal") => "salir",
        ("es", "ve") => "ir",
        ("es", "da") => "dar",
        ("it", "da" | "dai") => "dare",
        ("it", "di" | "dici") => "dire",
        ("it", "fa" | "fai") => "fare",
        ("it", "sta" | "stai") => "stare",
        ("it", "va" | "vai") => "andare",
        _ => return None,
    })
}

fn strip_acute(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            c => c,
        })
        .collect()
}

/// The stems a word may have once `clitics` (one or two pronouns, in order) are cut off.
fn clitic_stems<'a>(lang: &str, w: &'a str) -> Vec<(&'a str, &'a str)> {
    let (single, first, second): (&[&str], &[&str], &[&str]) = if lang == "es" {
        (&ES_CLITICS, &ES_CLITIC_PAIR_FIRST, &ES_CLITIC_PAIR_SECOND)
    } else {
        (&IT_CLITICS, &IT_CLITIC_PAIR_FIRST, &IT_CLITIC_PAIR_SECOND)
    };
    let mut out = Vec::new();
    // Two pronouns first: the stem is then the bare verb (`dá` + `me` + `lo`).
    for c2 in second {
        if let Some(rest) = w.strip_suffix(c2) {
            for c1 in first {
                if let Some(stem) = rest.strip_suffix(c1) {
                    out.push((stem, *c1));
                }
            }
        }
    }
    for c in single {
        if let Some(stem) = w.strip_suffix(c) {
            out.push((stem, *c));
        }
    }
    out
}

/// A Spanish or Italian verb with enclitic pronouns, absent from the lexicon: `dímelo` →
/// `decir`, `levantarse` → `levantar`, `haciéndolo` → `hacer`; `mangiarlo` → `mangiare`,
/// `dammelo` → `dare`, `facendolo` → `fare`. The stem must be an infinitive or a gerund once
/// repaired (Spanish: the written accent the pronouns added is removed; Italian: the
/// infinitive gets its final `e` back), a short irregular imperative (Italian undoes the
/// doubled consonant: `fallo` → `fa`), or, in Spanish, a form that needed a written accent
/// only because of the pronouns (`cómpralo` → `compra`). The hit is the stem's.
fn clitic_split<'l>(lex: &'l Lexicon, lang: &str, w: &str) -> Option<Hit<'l>> {
    if w.chars().count() < 5 {
        return None;
    }
    for (stem, clitic) in clitic_stems(lang, w) {
        if stem.chars().count() < 2 {
            continue;
        }
        let hit = if lang == "es" {
            spanish_clitic_stem(lex, stem)
        } else {
            italian_clitic_stem(lex, stem, clitic)
        };
        if hit.is_some() {
            return hit;
        }
    }
    None
}

fn spanish_clitic_stem<'l>(lex: &'l Lexicon, stem: &str) -> Option<Hit<'l>> {
    let plain = strip_acute(stem);
    let verbal = |s: &str| {
        ["ar", "er", "ir", "ír", "ando", "iendo", "yendo"]
            .iter()
            .any(|e| s.ends_with(e))
    };
    if let Some(inf) = short_imperative("es", &plain) {
        return lex.word(inf);
    }
    if verbal(stem) {
        if let Some(h) = lex.word(stem) {
            return Some(h);
        }
    }
    if plain != stem {
        // `decír`, `haciéndo`: the accent is there only because of the pronouns; and a stem
        // that needs an accent only with them (`cómpra`) is an imperative.
        if lex.word(stem).is_none() {
            return lex.word(&plain);
        }
    }
    None
}

fn italian_clitic_stem<'l>(lex: &'l Lexicon, stem: &str, clitic: &str) -> Option<Hit<'l>> {
    // `dammi`, `fallo`, `dillo`: the pronoun's consonant doubles after a short imperative.
    if let (Some(last), Some(first)) = (stem.chars().last(), clitic.chars().next()) {
        if last == first && clitic != "gli" && !clitic.starts_with("glie") {
            if let Some(inf) = short_imperative("it", &stem[..stem.len() - last.len_utf8()]) {
                return lex.word(inf);
            }
        }
    }
    if let Some(inf) = short_imperative("it", stem) {
        return lex.word(inf);
    }
    if stem.ends_with("ando") || stem.ends_with("endo") {
        return lex.word(stem);
    }
    // The infinitive drops its final vowel before the pronouns: `mangiar` → `mangiare`,
    // `tradur` → `tradurre`.
    // The infinitive must be an entry of its own, not a form of another word (`cer` + `ci`:
    // `cere` is a plural of `cero`).
    let infinitive = |inf: String| lex.word(&inf).filter(|h| h.lemma == inf);
    let mut hit = None;
    if ["ar", "er", "ir"].iter().any(|e| stem.ends_with(e)) {
        hit = infinitive(format!("{stem}e"));
    }
    if hit.is_none() && ["ur", "or", "ar"].iter().any(|e| stem.ends_with(e)) {
        hit = infinitive(format!("{stem}re"));
    }
    hit
}

/// The full word an elided prefix stands for (`qu'` → `que`), for expressions whose last word
/// is elided in the text (`parce qu'il` holds `parce que`).
fn unelide(lang: &str, prefix: &str) -> Option<&'static str> {
    Some(match (lang, prefix) {
        ("fr", "qu") => "que",
        ("fr", "l") => "le",
        ("fr", "d") => "de",
        ("fr", "j") => "je",
        ("fr", "n") => "ne",
        ("fr", "s") => "se",
        ("fr", "c") => "ce",
        ("fr", "m") => "me",
        ("fr", "t") => "te",
        ("fr", "jusqu") => "jusque",
        ("fr", "lorsqu") => "lorsque",
        ("fr", "puisqu") => "puisque",
        ("it", "l") => "lo",
        ("it", "d") => "di",
        ("it", "dell") => "dello",
        _ => return None,
    })
}

/// Builds the key of tokens `i..j` as an expression: words joined by one space, except after
/// an elided word (`d'` + `accord` → `d'accord`) or across a hyphen.
fn phrase_key(text: &str, toks: &[Token]) -> Option<String> {
    let span = toks
        .first()
        .zip(toks.last())
        .map_or(0, |(a, b)| b.range.end - a.range.start);
    let mut key = String::with_capacity(span + 4);
    for (k, t) in toks.iter().enumerate() {
        if k > 0 {
            let prev = &toks[k - 1];
            if prev.sentence != t.sentence {
                return None;
            }
            let gap = &text[prev.range.end..t.range.start];
            if prev.hyphen_next {
                key.push('-');
            } else if !gap.chars().all(char::is_whitespace) || gap.is_empty() {
                return None;
            } else if !key.ends_with('\'') {
                key.push(' ');
            }
        }
        push_lower_apostrophes(&mut key, &text[t.range.clone()]);
    }
    Some(key)
}

/// German titles after which a capitalised word is a surname (`Frau Weber`, `Herrn Koch`):
/// German capitalises every noun, and many surnames are nouns the lexicon grades (`weber`,
/// `koch`, `bach`), or names the frequency bands list (`schmidt`, `peter`).
const GERMAN_TITLES: [&str; 9] = [
    "Herr",
    "Herrn",
    "Frau",
    "Fräulein",
    "Dr",
    "Prof",
    "Doktor",
    "Professor",
    "Professorin",
];

/// A German article, possessive or other determiner: before `Frau`, it makes the word a noun
/// (`meiner Frau Blumen schenken`), not a title.
fn german_determiner(w: &str) -> bool {
    let w = w.to_lowercase();
    matches!(w.as_str(), "der" | "die" | "das" | "dem" | "den" | "des")
        || [
            "ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur", "dies", "jed",
            "jen", "welch", "manch", "solch",
        ]
        .iter()
        .any(|p| w.starts_with(p))
}

/// Whether token `i` is a German title used as one (`Frau` in `mit Frau Weber`, not in
/// `meiner Frau Blumen`): a title word, not preceded in its sentence by a determiner.
fn german_title_at(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !GERMAN_TITLES.contains(&&text[t.range.clone()]) {
        return false;
    }
    match i.checked_sub(1).map(|j| &tokens[j]) {
        Some(p) if p.sentence == t.sentence => !german_determiner(&text[p.range.clone()]),
        _ => true,
    }
}

/// Whether token `i` is a German name known by its context: a capitalised word right after a
/// title (`Frau Weber`), or right after such a name when the lexicon grades it by frequency
/// only (`Frau Anna Schmidt`; `Herr Weber Kaffee` keeps the hand-graded `Kaffee`). German
/// capitalises every noun, so this is the only place where a known capitalised word is read
/// as a name: precision first, a noun is never dropped for its capital alone.
fn german_name_in_context(text: &str, tokens: &[Token], i: usize, lex: &Lexicon) -> bool {
    let mut k = i;
    while k > 0 {
        let (t, p) = (&tokens[k], &tokens[k - 1]);
        let word = &text[t.range.clone()];
        if p.sentence != t.sentence
            || t.kind == TokenKind::Number
            || !word.chars().next().is_some_and(char::is_uppercase)
            || !text[p.range.end..t.range.start]
                .chars()
                .all(char::is_whitespace)
        {
            return false;
        }
        if german_title_at(text, tokens, k - 1) {
            return true;
        }
        // A name after a name: only a word that is unknown or graded by frequency alone.
        let graded_by_hand = lex
            .word(&word.to_lowercase())
            .is_some_and(|h| !(h.source.ends_with("-freq") || h.source.ends_with("-rank")));
        if graded_by_hand || GERMAN_TITLES.contains(&&text[p.range.clone()]) {
            return false;
        }
        k -= 1;
    }
    false
}

fn is_proper_noun_like(word: &str, tok: &Token, lang: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if !first_upper {
        return false;
    }
    if lang == "en" && word == "I" {
        return false;
    }
    // German capitalises every noun: capitals say nothing there.
    if lang == "de" {
        return word.chars().filter(|c| c.is_uppercase()).count() > 1 && word.chars().count() > 1;
    }
    let all_caps = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && word.chars().count() > 1;
    all_caps || !tok.sentence_initial
}

/// Grades the words of `text`.
pub fn profile(
    text: &str,
    tokens: &[Token],
    lang: &str,
    lex: &Lexicon,
) -> (Vec<WordUse>, VocabStats) {
    super::word_memo::with(lex, lang, |memo| {
        profile_with(text, tokens, lang, lex, memo)
    })
}

/// Lower-cases `s` into `buf` (typographic apostrophes as ASCII ones): the same string as
/// [`lower_apostrophes`], without an allocation once `buf` is large enough.
pub(crate) fn lower_apostrophes_into(buf: &mut String, s: &str) {
    buf.clear();
    push_lower_apostrophes(buf, s);
}

/// Appends [`lower_apostrophes`]`(s)` to `buf`.
fn push_lower_apostrophes(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let at = buf.len();
        buf.push_str(s);
        buf[at..].make_ascii_lowercase();
    } else if super::segment::contains_char(s, '\u{03A3}') {
        // Capital sigma: its lower case depends on its neighbours (`str::to_lowercase`).
        buf.push_str(&lower_apostrophes(s));
    } else {
        buf.reserve(s.len());
        for c in s.chars() {
            match c {
                c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
                '\u{2019}' | '\u{02BC}' => buf.push('\''),
                c => buf.extend(c.to_lowercase()),
            }
        }
    }
}

fn profile_with(
    text: &str,
    tokens: &[Token],
    lang: &str,
    lex: &Lexicon,
    memo: &mut super::word_memo::WordMemo<'_>,
) -> (Vec<WordUse>, VocabStats) {
    let mut uses = Vec::with_capacity(tokens.len());
    let mut stats = VocabStats::default();
    let mut lower = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let word = &text[tok.range.clone()];
        // A word cut by undecodable bytes is a fragment, not vocabulary.
        let garbled = super::segment::garbled(text, &tok.range);
        if tok.kind == TokenKind::Number
            || tok.in_url
            || garbled
            || is_proper_noun_like(word, tok, lang)
            || (lang == "de" && german_name_in_context(text, tokens, i, lex))
        {
            i += 1;
            continue;
        }
        lower_apostrophes_into(&mut lower, word);
        let (longest, graded) = memo.word(&lower);
        // Multi-word expressions, longest first (an elided first word included).
        let longest = longest.min(tokens.len() - i);
        let mut matched = false;
        for len in (2..=longest).rev() {
            if let Some(key) = phrase_key(text, &tokens[i..i + len]) {
                // The last word may be elided in the text: `parce qu'il` holds `parce que`.
                let unelided = {
                    let last = key.rsplit(' ').next().unwrap_or("");
                    elision_split(lang, last)
                        .and_then(|at| unelide(lang, &last[..at - 1]))
                        .map(|full| format!("{}{full}", &key[..key.len() - last.len()]))
                };
                let hit = memo
                    .phrase(&key)
                    .or_else(|| unelided.as_deref().and_then(|k| memo.phrase(k)));
                if let Some(h) = hit {
                    uses.push(WordUse {
                        range: tok.range.start..tokens[i + len - 1].range.end,
                        level: h.level,
                        lemma: h.lemma,
                        source: h.source,
                    });
                    stats.words += 1;
                    stats.known += 1;
                    i += len;
                    matched = true;
                    break;
                }
            }
        }
        if matched {
            continue;
        }
        // Hyphenated compounds known as one entry.
        if tok.hyphen_next && i + 1 < tokens.len() {
            if let Some(key) = phrase_key(text, &tokens[i..i + 2]) {
                if let Some(h) = lex.word(&key) {
                    uses.push(WordUse {
                        range: tok.range.start..tokens[i + 1].range.end,
                        level: h.level,
                        lemma: h.lemma.as_ref().into(),
                        source: h.source.into(),
                    });
                    stats.words += 1;
                    stats.known += 1;
                    i += 2;
                    continue;
                }
            }
        }
        match graded {
            Some(h) => {
                stats.words += 1;
                stats.known += 1;
                uses.push(WordUse {
                    range: tok.range.clone(),
                    level: h.level,
                    lemma: h.lemma,
                    source: h.source,
                });
            }
            None => {
                // An unknown capitalised first word is most likely a name.
                if !word.chars().next().is_some_and(char::is_uppercase) {
                    stats.words += 1;
                }
            }
        }
        i += 1;
    }
    (uses, stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::segment::{sentences, tokens};
    use crate::source::SourceFile;

    fn lex() -> Lexicon {
        let l = SourceFile::new(
            "l",
            "entry\tlevel\tpos\tsource\n\
             go\tA1\tverb\tt\nschool\tA1\tnoun\tt\nubiquitous\tC2\tadj\tt\ngive up\tB1\tphrase\tt\n\
             give\tA1\tverb\tt\ndo\tA1\tverb\tt\nécole\tA1\tnoun\tt\npeut-être\tA2\tadv\tt\n\
             d'accord\tA1\tphrase\tt\nil y a\tA1\tphrase\tt\nparce que\tA2\tconj\tt\nstudy\tA1\tverb\tt\n",
        );
        let f = SourceFile::new("f", "form\tlemma\nwent\tgo\n");
        Lexicon::parse(&l, Some(&f)).unwrap()
    }

    fn run(text: &str, lang: &str) -> Vec<(String, String, Level)> {
        let l = lex();
        let toks = tokens(text, &sentences(text, lang));
        profile(text, &toks, lang, &l)
            .0
            .into_iter()
            .map(|u| (text[u.range].to_string(), u.lemma.to_string(), u.level))
            .collect()
    }

    #[test]
    fn forms_contractions_and_suffixes_resolve_to_lemmas() {
        let r = run("We went to school. Don't give up, she studies.", "en");
        assert!(r.contains(&("went".into(), "go".into(), Level::A1)));
        assert!(r.contains(&("Don't".into(), "do".into(), Level::A1)));
        assert!(r.contains(&("give up".into(), "give up".into(), Level::B1)));
        assert!(r.contains(&("studies".into(), "study".into(), Level::A1)));
    }

    #[test]
    fn proper_nouns_numbers_and_urls_are_not_vocabulary() {
        let r = run(
            "Yesterday Ubiquitous Smith paid 3 dollars at www.ubiquitous.com today.",
            "en",
        );
        assert!(r.iter().all(|(_, l, _)| l != "ubiquitous"), "{r:?}");
    }

    #[test]
    fn words_cut_by_undecodable_bytes_are_not_vocabulary() {
        let r = run("We go to ubiquitous\u{FFFD}ly school.", "en");
        assert!(r.iter().all(|(_, l, _)| l != "ubiquitous"), "{r:?}");
        assert!(r.iter().any(|(_, l, _)| l == "school"), "{r:?}");
    }

    #[test]
    fn french_elision_hyphens_and_expressions() {
        let r = run("Il y a peut-être l'école, d'accord ?", "fr");
        assert!(
            r.contains(&("Il y a".into(), "il y a".into(), Level::A1)),
            "{r:?}"
        );
        assert!(r.contains(&("peut-être".into(), "peut-être".into(), Level::A2)));
        assert!(r.contains(&("l'école".into(), "école".into(), Level::A1)));
        assert!(r.contains(&("d'accord".into(), "d'accord".into(), Level::A1)));
        let r = run("Il part parce qu'il pleut.", "fr");
        assert!(
            r.contains(&("parce qu'il".into(), "parce que".into(), Level::A2)),
            "{r:?}"
        );
    }

    fn graded(text: &str, lang: &str, lex: &Lexicon) -> (Vec<String>, VocabStats) {
        let toks = tokens(text, &sentences(text, lang));
        let (uses, stats) = profile(text, &toks, lang, lex);
        let words = uses
            .into_iter()
            .map(|u| text[u.range].to_string())
            .collect();
        (words, stats)
    }

    fn names_lex() -> Lexicon {
        small_lex(
            "frau\tA1\tnoun\tcore-hand\nherr\tA1\tnoun\tcore-hand\nweber\tC2\t-\twf-freq\n\
             koch\tB1\t-\twf-freq\nanna\tB1\t-\twf-freq\nschmidt\tB1\t-\twf-freq\n\
             kaffee\tA1\tnoun\tcore-hand\nblume\tA1\tnoun\tcore-hand\nmit\tA1\tprep\tcore-hand\n\
             spricht\tA1\tverb\tcore-hand\nmeiner\tA1\tdet\tcore-hand\nich\tA1\tpron\tcore-hand\n\
             schenke\tA1\tverb\tcore-hand\ntrinkt\tA1\tverb\tcore-hand\ndass\tA1\tconj\tcore-hand\n\
             casa\tA1\tnoun\tcore-hand\nvive\tA1\tverb\tcore-hand\nen\tA1\tprep\tcore-hand\n\
             roma\tA2\t-\twf-freq\nsol\tA2\tnoun\tcore-hand\n",
            "blumen\tblume\n",
        )
    }

    #[test]
    fn german_names_after_a_title_are_not_vocabulary() {
        let l = names_lex();
        let (w, _) = graded("Ich spreche mit Frau Weber und Herrn Koch.", "de", &l);
        assert!(!w.iter().any(|x| x == "Weber" || x == "Koch"), "{w:?}");
        assert!(w.contains(&"Frau".to_string()), "{w:?}");
        // A name after a title-cued name, when graded by frequency only.
        let (w, _) = graded("Das ist Frau Anna Schmidt.", "de", &l);
        assert!(!w.iter().any(|x| x == "Anna" || x == "Schmidt"), "{w:?}");
        // A hand-graded noun after the name stays vocabulary.
        let (w, _) = graded("Ich weiß, dass Herr Weber Kaffee trinkt.", "de", &l);
        assert!(w.contains(&"Kaffee".to_string()), "{w:?}");
        assert!(!w.contains(&"Weber".to_string()), "{w:?}");
    }

    #[test]
    fn german_nouns_are_never_names_for_their_capital_alone() {
        let l = names_lex();
        // `Frau` after a possessive is a noun, so the next noun is not a name.
        let (w, _) = graded("Ich schenke meiner Frau Blumen.", "de", &l);
        assert!(w.contains(&"Blumen".to_string()), "{w:?}");
        // Known capitalised nouns mid-sentence stay graded, even frequency-graded ones.
        let (w, _) = graded("Ich trinke Kaffee mit Anna.", "de", &l);
        assert!(w.contains(&"Kaffee".to_string()), "{w:?}");
        assert!(w.contains(&"Anna".to_string()), "{w:?}");
        // An unknown capitalised word is not counted as a word (a name or an unknown noun),
        // an unknown lower-case one is.
        let (_, st) = graded("Ich trinke Kaffee mit Xaverlinde.", "de", &l);
        let (_, st2) = graded("Ich trinke Kaffee mit xaverlinde.", "de", &l);
        assert_eq!(st2.words, st.words + 1);
    }

    #[test]
    fn spanish_and_italian_capitalised_words_inside_a_sentence_are_names() {
        let l = names_lex();
        let (w, st) = graded("Casa vive en Roma.", "es", &l);
        // Sentence-initial `Casa` is known in lower case: graded; `Roma` mid-sentence: a name.
        assert!(w.contains(&"Casa".to_string()), "{w:?}");
        assert!(!w.contains(&"Roma".to_string()), "{w:?}");
        assert_eq!(st.words, 3, "{w:?}");
        let (w, _) = graded("Vive en Roma.", "it", &l);
        assert!(!w.contains(&"Roma".to_string()), "{w:?}");
    }

    fn small_lex(lexicon: &str, forms: &str) -> Lexicon {
        let l = SourceFile::new("l", format!("entry\tlevel\tpos\tsource\n{lexicon}"));
        let f = SourceFile::new("f", format!("form\tlemma\n{forms}"));
        Lexicon::parse(&l, Some(&f)).unwrap()
    }

    fn found(lex: &Lexicon, lang: &str, w: &str) -> Option<(String, Level)> {
        lookup(lex, lang, w).map(|h| (h.lemma.into_owned(), h.level))
    }

    fn de_lex() -> Lexicon {
        small_lex(
            "kind\tA1\tnoun\tt\nzimmer\tA1\tnoun\tt\nhaus\tA1\tnoun\tt\naufgabe\tA2\tnoun\tt\n\
             bahnhof\tA1\tnoun\tt\nuhr\tA1\tnoun\tt\nschule\tA1\tnoun\tt\nbus\tA1\tnoun\tt\n\
             sonne\tA1\tnoun\tt\nschein\tB1\tnoun\tt\ngarten\tA1\tnoun\tt\n\
             kindergarten\tB2\tnoun\tt\nsch\tB2\t-\tt\nglück\tA2\tnoun\tt\ndich\tA1\tpron\tt\n",
            "kinder\tkind\naufgaben\taufgabe\n",
        )
    }

    #[test]
    fn german_compounds_fall_back_to_their_parts() {
        let l = de_lex();
        let a1 = |s: &str| Some((s.to_string(), Level::A1));
        assert_eq!(found(&l, "de", "kinderzimmer"), a1("kinder+zimmer"));
        // An inflected head; the level is the higher part's.
        assert_eq!(
            found(&l, "de", "hausaufgaben"),
            Some(("haus+aufgabe".into(), Level::A2))
        );
        assert_eq!(
            found(&l, "de", "hausaufgabe"),
            Some(("haus+aufgabe".into(), Level::A2))
        );
        // Linking `s`, `n`; a modifier that drops its `e`.
        assert_eq!(found(&l, "de", "bahnhofsuhr"), a1("bahnhof+uhr"));
        assert_eq!(
            found(&l, "de", "sonnenschein"),
            Some(("sonne+schein".into(), Level::B1))
        );
        assert_eq!(found(&l, "de", "schulbus"), a1("schule+bus"));
    }

    #[test]
    fn german_words_are_split_only_into_known_plausible_parts() {
        let l = de_lex();
        // A compound in the lexicon keeps its own entry.
        assert_eq!(
            found(&l, "de", "kindergarten"),
            Some(("kindergarten".into(), Level::B2))
        );
        // An unknown part, a rare three-letter fragment, a short word: not split.
        assert_eq!(found(&l, "de", "kinderkrümel"), None);
        assert_eq!(found(&l, "de", "glücksch"), None);
        assert_eq!(found(&l, "de", "busuhr"), None);
        // Pronouns and articles are not parts (words run together).
        assert_eq!(found(&l, "de", "dichzimmer"), None);
        assert_eq!(found(&l, "de", "zimmerdich"), None);
        // Other languages do not split compounds.
        assert_eq!(found(&l, "fr", "kinderzimmer"), None);
    }

    fn es_lex() -> Lexicon {
        small_lex(
            "decir\tA1\tverb\tt\ndar\tA1\tverb\tt\ncomprar\tA1\tverb\tt\nlevantar\tA2\tverb\tt\n\
             hacer\tA1\tverb\tt\ncasa\tA1\tnoun\tt\nsa\tC2\t-\tt\nho\tC2\t-\tt\n",
            "di\tdecir\nhaciendo\thacer\ncompra\tcomprar\n",
        )
    }

    #[test]
    fn spanish_clitics_are_split_from_verbs() {
        let l = es_lex();
        let hit = |s: &str, lv| Some((s.to_string(), lv));
        assert_eq!(found(&l, "es", "dímelo"), hit("decir", Level::A1));
        assert_eq!(found(&l, "es", "dámelo"), hit("dar", Level::A1));
        assert_eq!(found(&l, "es", "decírselo"), hit("decir", Level::A1));
        assert_eq!(found(&l, "es", "comprarlo"), hit("comprar", Level::A1));
        assert_eq!(found(&l, "es", "levantarse"), hit("levantar", Level::A2));
        assert_eq!(found(&l, "es", "haciéndolo"), hit("hacer", Level::A1));
        assert_eq!(found(&l, "es", "cómpralo"), hit("comprar", Level::A1));
    }

    #[test]
    fn spanish_nouns_are_not_split_into_clitics() {
        let l = es_lex();
        for w in ["sala", "hola", "casale", "casalo", "compralo"] {
            assert_eq!(found(&l, "es", w), None, "{w}");
        }
    }

    fn it_lex() -> Lexicon {
        small_lex(
            "dare\tA1\tverb\tt\nfare\tA1\tverb\tt\ndire\tA1\tverb\tt\nmangiare\tA1\tverb\tt\n\
             alzare\tA2\tverb\tt\nandare\tA1\tverb\tt\ntradurre\tB1\tverb\tt\nparare\tB2\tverb\tt\n\
             di\tA1\tprep\tt\ncero\tC1\tnoun\tt\n",
            "facendo\tfare\nparo\tparare\ncere\tcero\n",
        )
    }

    #[test]
    fn italian_clitics_are_split_from_verbs() {
        let l = it_lex();
        let hit = |s: &str, lv| Some((s.to_string(), lv));
        assert_eq!(found(&l, "it", "dammelo"), hit("dare", Level::A1));
        assert_eq!(found(&l, "it", "dammi"), hit("dare", Level::A1));
        assert_eq!(found(&l, "it", "fallo"), hit("fare", Level::A1));
        assert_eq!(found(&l, "it", "dillo"), hit("dire", Level::A1));
        assert_eq!(found(&l, "it", "vattene"), hit("andare", Level::A1));
        assert_eq!(found(&l, "it", "mangiarlo"), hit("mangiare", Level::A1));
        assert_eq!(found(&l, "it", "mangiarglielo"), hit("mangiare", Level::A1));
        assert_eq!(found(&l, "it", "alzarsi"), hit("alzare", Level::A2));
        assert_eq!(found(&l, "it", "facendolo"), hit("fare", Level::A1));
        assert_eq!(found(&l, "it", "tradurlo"), hit("tradurre", Level::B1));
    }

    #[test]
    fn italian_nouns_are_not_split_into_clitics() {
        let l = it_lex();
        // `paro` is a verb form, but not an infinitive, gerund or short imperative.
        // `cere` is a form of `cero`, not an infinitive.
        for w in ["parola", "sala", "fallimento", "disparo", "cerci"] {
            assert_eq!(found(&l, "it", w), None, "{w}");
        }
    }

    #[test]
    fn embedded_lexicons_grade_unlisted_compounds_and_clitic_forms() {
        let src = crate::ruleset::RuleSource::Embedded;
        let de = src.embedded_lexicon("de").unwrap();
        // Not in the German lexicon; both parts are A1 there (hand list).
        assert!(de.word("bahnhofstisch").is_none());
        let h = lookup(&de, "de", "bahnhofstisch").unwrap();
        // `bahnhofs` is a listed (genitive) form, so the modifier is read as written.
        assert_eq!((h.lemma.as_ref(), h.level), ("bahnhofs+tisch", Level::A1));
        assert_eq!(de.word("schlund").unwrap().level, Level::C2);
        // A part the frequency bands rank C2 (`schlund`) is not trusted.
        assert!(lookup(&de, "de", "schlundhund").is_none());
        // A listed transparent compound is capped one level above its harder part by the
        // lexicon build (tools/build_lexicons_es_de_it.py): kinder A1 + zimmer A1.
        let h = de.word("kinderzimmer").unwrap();
        assert_eq!((h.level, h.source), (Level::A2, "compound-freq"));
        // A made-up word with a fragment for a part stays unknown.
        assert!(lookup(&de, "de", "glücknsche").is_none());
        let it = src.embedded_lexicon("it").unwrap();
        assert!(it.word("riassumerglielo").is_none());
        assert_eq!(
            lookup(&it, "it", "riassumerglielo").map(|h| h.lemma.into_owned()),
            Some("riassumere".to_string())
        );
    }
}
