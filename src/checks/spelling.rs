//! `spelling/*`: words of the target-language text that no dictionary knows.
//!
//! Words are checked against the language's Hunspell dictionary (`ruleset::dictionary`) and
//! its graded lexicon; a word either knows is spelled right. Only lower-case words are
//! judged: capitalised words are most often names, and all-capitals words acronyms.
//! Suggestions are computed only for reported words, at most three, and cached per run.

use std::sync::{Arc, Mutex, Weak};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Context, ItemContext};
use crate::analyse::segment::{self, Token, TokenKind};
use crate::declare_rule;
use crate::findings::{Evidence, EvidenceKind, Finding, Msg};
use crate::model::{Field, Item, ItemKind, LangRole, Role};
use crate::ruleset::dictionary::{Dict, DictRef, Dictionaries};
use crate::ruleset::lexicon::Lexicon;

declare_rule! {
    /// ## What it checks
    /// A word of the target-language text (prompts, texts, examples, dialogue lines,
    /// subtitles, correct answers) that is neither in the language's spelling dictionary
    /// nor in its graded lexicon. The finding points at the word and proposes up to three
    /// corrections. To stay quiet when unsure, cefrlint never judges words with a capital
    /// letter (names, sentence starts, acronyms), numbers and words with digits, web and
    /// e-mail addresses, short abbreviations followed by a full stop, and the wrong options of
    /// a multiple-choice question (a distractor such as `goed` is a teaching device). English
    /// accepts British spellings (`colour`, `organise`). French elision (`l'école`, `qu'il`)
    /// and hyphenated words (`peut-être`) are understood.
    ///
    /// English, French and Spanish dictionaries are built in. German and Italian ones are
    /// read from `--dict-dir DIR` or from `/usr/share/hunspell` when installed (Debian:
    /// `apt install hunspell-de-de hunspell-it`); without them these languages are not
    /// checked, and cefrlint says so once on standard error.
    ///
    /// ## Why it matters
    /// A misspelled word in a lesson teaches the misspelling: learners copy what they read,
    /// and an answer key with a typo marks right answers wrong.
    ///
    /// ## Example
    /// ```yaml
    /// items:
    ///   - id: t1
    ///     text: I will recieve the letter tomorrow.   # receive
    /// ```
    ///
    /// ## How to silence it
    /// Correct the word. For a word that is right (a technical term, a word of a dialect, a
    /// name written in lower case), list it in a file given with `--allow-words FILE`, one
    /// word per line (`#` starts a comment).
    pub static MISSPELLED = {
        code: "spelling/misspelled",
        severity: Warning,
        summary: ("A word is not in the dictionary: probably misspelled.", "Un mot est absent du dictionnaire : probablement mal orthographié."),
        fr: "## Ce que la règle vérifie
Un mot du texte en langue cible (consignes-questions, textes, exemples, répliques,
sous-titres, bonnes réponses) qui n'est ni dans le dictionnaire orthographique de la langue
ni dans son lexique gradué. Le signalement pointe sur le mot et propose jusqu'à trois
corrections. Pour ne rien signaler en cas de doute, cefrlint ne juge jamais les mots avec
une majuscule (noms propres, débuts de phrase, sigles), les nombres et mots avec des
chiffres, les adresses web et e-mail, les abréviations courtes suivies d'un point, ni les
mauvaises options d'un QCM (un distracteur comme `goed` est un outil pédagogique). En
anglais, les graphies britanniques (`colour`, `organise`) sont acceptées. L'élision
(`l'école`, `qu'il`) et les mots composés avec trait d'union (`peut-être`) sont compris.

Les dictionnaires de l'anglais, du français et de l'espagnol sont intégrés. Ceux de
l'allemand et de l'italien sont lus dans `--dict-dir DOSSIER` ou dans `/usr/share/hunspell`
s'ils sont installés (Debian : `apt install hunspell-de-de hunspell-it`) ; sans eux, ces
langues ne sont pas vérifiées, et cefrlint le dit une fois sur la sortie d'erreur.

## Pourquoi
Un mot mal orthographié dans une leçon enseigne la faute : les élèves recopient ce qu'ils
lisent, et une clé de correction fautive compte faux les bonnes réponses.

## Exemple
```yaml
items:
  - id: t1
    text: J'ai acheté des légumres au marché.   # légumes
```

## Comment la désactiver
Corrigez le mot. Pour un mot correct (terme technique, mot régional, nom écrit en
minuscules), ajoutez-le à un fichier donné par `--allow-words FICHIER`, un mot par ligne
(`#` commence un commentaire).
",
    }
}

/// Most suggestions shown per word.
const MAX_SUGGESTIONS: usize = 3;
/// Most words kept in the suggestion cache (beyond it, suggestions are recomputed).
const CACHE_CAP: usize = 50_000;

/// (language, word).
type CacheKey = (String, String);

/// Suggestions per (language, word), shared by the threads of a run. A cached value is the
/// same whichever thread computed it, so the output does not depend on the thread count.
#[derive(Debug, Default)]
pub struct SuggestionCache {
    map: Mutex<FxHashMap<CacheKey, Arc<[String]>>>,
}

impl SuggestionCache {
    fn get_or_compute(&self, lang: &str, word: &str, dict: &Dict) -> Arc<[String]> {
        let key = (lang.to_string(), word.to_string());
        if let Some(v) = self.map.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return v.clone();
        }
        let v: Arc<[String]> = suggest(word, dict).into();
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() < CACHE_CAP {
            map.insert(key, v.clone());
        }
        v
    }
}

fn suggest(word: &str, dict: &Dict) -> Vec<String> {
    let mut found = Vec::new();
    dict.suggest(word, &mut found);
    let mut all = capitalised(word, dict);
    all.extend(found);
    let mut out: Vec<String> = Vec::new();
    let lower = word.to_lowercase();
    for s in all {
        let l = s.to_lowercase();
        if l != lower && !out.iter().any(|o| o.to_lowercase() == l) {
            out.push(s);
        }
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    out
}

/// Each letter that takes accents in the five languages, with its accented forms.
const ACCENTED: [&str; 8] = [
    "aàáâä",
    "cç",
    "eèéêë",
    "iìíîï",
    "nñ",
    "oòóôö",
    "uùúûü",
    "yÿ",
];

/// A lower-case word with a capital first letter, accented or not, where the dictionary
/// knows it: a name written in lower case (`eric` → `Éric`, `paris` → `Paris`). The
/// dictionaries' `MAP` tables no longer pair letters with their capitals, which made the
/// suggester slow (see `ruleset::dictionary::case_free_map`); this finds, first, what those
/// pairs found for names.
fn capitalised(word: &str, dict: &Dict) -> Vec<String> {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Vec::new();
    };
    let rest = chars.as_str();
    if !first.is_alphabetic() || word.chars().any(char::is_uppercase) {
        return Vec::new();
    }
    let firsts: Vec<char> = match ACCENTED.iter().find(|g| g.contains(first)) {
        Some(g) => g.chars().collect(),
        None => vec![first],
    };
    firsts
        .into_iter()
        .map(|c| c.to_uppercase().chain(rest.chars()).collect::<String>())
        // A name: known with its capital only (the dictionary takes any word with one).
        .filter(|t| dict.check(t) && !dict.check(&t.to_lowercase()))
        .collect()
}

/// The verdicts of [`Speller::knows`], kept by the worker thread from file to file (words
/// repeat from lesson to lesson) while the language, lexicon, allowed words and dictionaries
/// stay the same. Exact: `knows` is a pure function of the word once those are fixed.
#[derive(Debug)]
pub struct KnownWords {
    /// The allowed words and dictionaries of the settings the spellers are made from: their
    /// allocations identify them (a `Weak` keeps an address from being reused).
    allowed: Weak<FxHashSet<String>>,
    dictionaries: Weak<Dictionaries>,
}

/// A worker thread's verdicts, with what they were given for.
#[derive(Default)]
struct ThreadMemo {
    lang: String,
    lexicon: u64,
    allowed: Weak<FxHashSet<String>>,
    dictionaries: Weak<Dictionaries>,
    map: FxHashMap<String, bool>,
}

thread_local! {
    static THREAD_MEMO: std::cell::RefCell<ThreadMemo> = std::cell::RefCell::default();
}

impl KnownWords {
    /// Most words kept by a thread's memo; beyond, it starts again empty.
    const CAP: usize = 100_000;

    /// A memo for spellers made from `settings` (their allowed words and dictionaries).
    pub fn for_settings(settings: &super::Settings) -> Self {
        KnownWords {
            allowed: Arc::downgrade(&settings.allowed_words),
            dictionaries: Arc::downgrade(&settings.dictionaries),
        }
    }

    fn knows(&self, speller: &Speller<'_>, word: &str) -> bool {
        THREAD_MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.lang != speller.lang
                || m.lexicon != speller.lexicon.id()
                || !m.allowed.ptr_eq(&self.allowed)
                || !m.dictionaries.ptr_eq(&self.dictionaries)
            {
                speller.lang.clone_into(&mut m.lang);
                m.lexicon = speller.lexicon.id();
                m.allowed = self.allowed.clone();
                m.dictionaries = self.dictionaries.clone();
                m.map.clear();
            }
            if let Some(&v) = m.map.get(word) {
                return v;
            }
            let v = speller.knows(word);
            if m.map.len() >= Self::CAP {
                m.map.clear();
            }
            m.map.insert(word.to_string(), v);
            v
        })
    }
}

/// Reads an allow list: one word per line, `#` starts a comment; words are lower-cased.
pub fn parse_allow_list(text: &str) -> FxHashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|w| !w.is_empty())
        .map(|w| normalize(w).to_lowercase())
        .collect()
}

/// Typographic apostrophes as ASCII ones.
fn normalize(w: &str) -> String {
    w.replace(['\u{2019}', '\u{02BC}'], "'")
}

/// [`normalize`], borrowed when there is nothing to replace (nearly every word).
fn normalize_cow(w: &str) -> std::borrow::Cow<'_, str> {
    if w.contains(['\u{2019}', '\u{02BC}']) {
        normalize(w).into()
    } else {
        w.into()
    }
}

/// True for options that are not a correct answer: distractors are wrong on purpose.
/// When an item names no correct answer, its options are not judged at all (unless the item
/// is an ordering one, whose options are all part of the answer).
fn is_judged(item: &Item, field: &Field) -> bool {
    match field.role {
        Role::Option => {
            item.kind == ItemKind::Ordering
                || item.fields.iter().any(|a| {
                    a.role == Role::Answer && a.text.as_str().trim() == field.text.as_str().trim()
                })
        }
        // Accepted alternatives may include tolerated misspellings.
        Role::Answer => field.alt == 0 && item.kind != ItemKind::TrueFalse,
        _ => field.role.lang_role() == LangRole::Target,
    }
}

/// What decides whether a word is spelled right in one language.
pub struct Speller<'a> {
    pub lang: &'a str,
    /// Parsed on the first word neither the allow list nor the lexicon knows.
    pub dict: DictRef<'a>,
    pub lexicon: &'a Lexicon,
    pub allowed: &'a FxHashSet<String>,
}

impl Speller<'_> {
    /// True when a lower-case word (apostrophes normalised) is known.
    pub fn knows(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if self.allowed.contains(&lower) || self.lexicon.knows(&lower) {
            return true;
        }
        // `knows` is a disjunction of pure tests, so their order does not change the answer:
        // an elided word whose second part the lexicon knows is decided before the
        // dictionary is parsed (most elided words of a file).
        if matches!(self.lang, "fr" | "it") {
            if let Some((head, rest)) = lower.split_once('\'') {
                if head.chars().count() <= 7
                    && !rest.is_empty()
                    && (self.allowed.contains(rest) || self.lexicon.knows(rest))
                {
                    return true;
                }
            }
        }
        if self.dict.check(word) || self.dict.check(&lower) {
            return true;
        }
        // Typographic apostrophe in the text: the dictionary may know only one of the two.
        if word.contains('\'') && self.dict.check(&word.replace('\'', "\u{2019}")) {
            return true;
        }
        // Elided French and Italian words: judge the word after the apostrophe.
        if matches!(self.lang, "fr" | "it") {
            if let Some((head, rest)) = lower.split_once('\'') {
                if head.chars().count() <= 7 && !rest.is_empty() && self.knows(rest) {
                    return true;
                }
            }
        }
        if self.lang == "en" {
            return british_variants(&lower).iter().any(|v| self.dict.check(v));
        }
        false
    }

    /// English words the dictionary lists only in part: a poetic `'d` (`lour'd`), a known
    /// word with a productive suffix (`collect` + `able`, `unclear` + `ly`, `angelic` +
    /// `al`) or with `un-` before a known word of five letters or more (`unharried`). The
    /// stem must be a known word of four letters or more, so `realy` stays a typo.
    pub fn derived_en(&self, w: &str) -> bool {
        if self.lang != "en" {
            return false;
        }
        if let Some(stem) = w.strip_suffix("'d") {
            return stem.chars().count() >= 3
                && (self.dict.check(&format!("{stem}ed")) || self.dict.check(&format!("{stem}d")));
        }
        let known = |stem: &str| stem.chars().count() >= 4 && self.knows(stem);
        for suffix in ["ables", "able", "ably", "ly"] {
            if let Some(stem) = w.strip_suffix(suffix) {
                if known(stem) {
                    return true;
                }
            }
        }
        if let Some(stem) = w.strip_suffix("al") {
            if stem.ends_with("ic") && known(stem) {
                return true;
            }
        }
        w.strip_prefix("un").is_some_and(|rest| {
            rest.chars().count() >= 5 && (self.knows(rest) || self.derived_en(rest))
        })
    }
}

/// True when a word is two or three known words written together (`gapfill`, `tastebud`,
/// `fixedgapsize`): a closed compound or a setting name, not a typo. Parts have four letters
/// or more, one of them may have three (short dictionary words glue into typos otherwise).
fn glued_words(word: &str, dict: &Dict, parts: usize) -> bool {
    glued(word, dict, parts, true)
}

fn glued(word: &str, dict: &Dict, parts: usize, short_allowed: bool) -> bool {
    let n = word.chars().count();
    let min = if short_allowed { 3 } else { 4 };
    if parts == 1 {
        return n >= min && dict.check(word);
    }
    word.char_indices().skip(min).any(|(i, _)| {
        let (head, tail) = word.split_at(i);
        let short = head.chars().count() == 3;
        dict.check(head) && glued(tail, dict, parts - 1, short_allowed && !short)
    })
}

/// American spellings of a possibly British English word (`colour` → `color`).
fn british_variants(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    let pairs: &[(&str, &str)] = &[
        ("our", "or"),
        ("ise", "ize"),
        ("isa", "iza"),
        ("ysing", "yzing"),
        ("yse", "yze"),
        ("tre", "ter"),
        ("ogue", "og"),
        ("ence", "ense"),
        ("lled", "led"),
        ("lling", "ling"),
        ("ller", "ler"),
        ("aemi", "emi"),
        ("oed", "ed"),
        ("ae", "e"),
        ("mme", "m"),
    ];
    for (gb, us) in pairs {
        if w.contains(gb) {
            out.push(w.replacen(gb, us, 1));
            out.push(w.replace(gb, us));
        }
    }
    out
}

/// A word token the speller should judge: lower-case letters (and apostrophes), no digits.
fn judgeable(text: &str, tok: &Token) -> bool {
    let word = &text[tok.range.clone()];
    if tok.kind != TokenKind::Word || tok.in_url {
        return false;
    }
    // Most words are ASCII: their tests below read bytes.
    let ascii = word.is_ascii();
    let short = if ascii {
        word.len() < 2
    } else {
        word.chars().count() < 2
    };
    if short {
        return false;
    }
    if segment::garbled(text, &tok.range) {
        return false;
    }
    // Names, sentence starts, acronyms and words with digits are not judged.
    let unjudged = if ascii {
        word.bytes()
            .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    } else {
        word.chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_')
    };
    if unjudged {
        return false;
    }
    // Glued to an `@`, `#`, `/` or `\`: an address, a tag, a path.
    let before = text[..tok.range.start].chars().next_back();
    let after = text[tok.range.end..].chars().next();
    if before.is_some_and(|c| matches!(c, '@' | '#' | '/' | '\\' | '<' | '{' | '$' | '%' | '&'))
        || after.is_some_and(|c| matches!(c, '@' | '/' | '\\' | '>' | '}'))
    {
        return false;
    }
    // A pattern (`colou?rs?`): a letter glued after a `?` is not prose.
    if after == Some('?')
        && text[tok.range.end + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    // An argument of a function call in code: `start(duree: Integer)`.
    if before == Some('(')
        && text[..tok.range.start - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return false;
    }
    // No vowel: an abbreviation or a lower-case acronym (`km`, `html`, `nb`). An ASCII word
    // has no capital left here.
    if ascii {
        return word
            .bytes()
            .any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'));
    }
    if !word.chars().any(|c| {
        matches!(
            c.to_lowercase().next().unwrap_or(c),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'à'..='æ' | 'è'..='ï' | 'ò'..='ö' | 'ù'..='ü'
        )
    }) {
        return false;
    }
    true
}

/// True when a suggestion is the word itself split in two words of four letters or more
/// (`strikethrough` → `strike through`): a compound written closed, not a typo.
fn closed_compound(word: &str, suggestions: &[String]) -> bool {
    suggestions.iter().any(|s| {
        let parts: Vec<&str> = s.split([' ', '-']).collect();
        parts.len() == 2
            && parts.iter().all(|p| p.chars().count() >= 4)
            && parts.concat().to_lowercase() == word.to_lowercase()
    })
}

/// Runs of tokens joined by hyphens (`peut-être`, `well-known`); a single token otherwise.
fn hyphen_runs(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while tokens[j].hyphen_next && j + 1 < tokens.len() {
            j += 1;
        }
        out.push(i..j + 1);
        i = j + 1;
    }
    out
}

/// A short word before a full stop that does not end the sentence (`approx. 5 km`,
/// `e.g.`): an abbreviation.
fn abbreviation_like(text: &str, tok: &Token) -> bool {
    let Some(rest) = text[tok.range.end..].strip_prefix('.') else {
        return false;
    };
    if text[tok.range.clone()].chars().count() > 6 {
        return false;
    }
    let trimmed = rest.trim_start();
    match trimmed.chars().next() {
        None => false,
        // Glued to what follows (`e.g`), or followed by a lower-case word or a number.
        Some(c) if trimmed.len() == rest.len() => c.is_alphanumeric(),
        Some(c) => c.is_lowercase() || c.is_ascii_digit(),
    }
}

pub fn check(cx: &Context<'_>, it: &ItemContext<'_>, out: &mut Vec<Finding>) {
    let Some(rules) = it.rules else { return };
    let lang = rules.lang.as_str();
    if !cx.settings.dictionaries.want(lang) {
        return;
    }
    let speller = Speller {
        lang,
        dict: cx.settings.dictionaries.lazy(lang),
        lexicon: &rules.lexicon,
        allowed: &cx.settings.allowed_words,
    };
    // A word another of the languages knows is a borrowing or a quotation, not a typo:
    // the support language first, then the built-in dictionaries.
    let mut others: Vec<&str> = Vec::new();
    if let Some(l) = it.item.support_lang() {
        others.push(l.as_str());
    }
    for l in crate::ruleset::dictionary::Dictionaries::embedded_languages() {
        if !others.contains(&l) {
            others.push(l);
        }
    }
    others.retain(|l| *l != lang);
    let foreign = |w: &str| {
        others
            .iter()
            .any(|l| cx.settings.dictionaries.accepts(l, w) == Some(true))
    };
    // Placeholder Latin (`Lorem ipsum dolor sit amet…`) in any field: the item's text is
    // not in a language to spell, its gap words included.
    // Only `P`, `S`, `U`, `M` lower-case to `psum` and `A`, `M`, `E`, `T` to `amet`: a text
    // with neither (nearly every one) is not lower-cased.
    if it.item.fields.iter().any(|f| {
        let t = f.text.as_str();
        (crate::analyse::segment::contains_ignore_ascii_case(t, "psum")
            || crate::analyse::segment::contains_ignore_ascii_case(t, "amet"))
            && {
                let t = t.to_lowercase();
                t.contains("lorem ipsum") || t.contains("dolor sit amet")
            }
    }) {
        return;
    }
    let knows = |w: &str| cx.known_words.knows(&speller, w);
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for (fi, field) in it.item.fields.iter().enumerate() {
        if !is_judged(it.item, field) {
            continue;
        }
        let text = field.text.as_str();
        // The analysis segmented most fields already, with the same language.
        let computed;
        let tokens: &[Token] = match it.analysis.tokens_of(fi) {
            Some(t) => t,
            None => {
                computed = segment::tokens(text, &segment::sentences(text, lang));
                &computed
            }
        };
        let mut judged = 0usize;
        let mut unknown: Vec<(&Token, String)> = Vec::new();
        // Hyphenated runs whose parts are all known: judged as one word if the whole is
        // known, else as their parts, which only matters (for the count below) when the
        // field has unknown words; asked then, as the whole is often a word only the
        // dictionary knows (`appelez-vous`).
        let mut deferred: Vec<(String, usize)> = Vec::new();
        for run in hyphen_runs(tokens) {
            let toks = &tokens[run.clone()];
            if toks.len() > 1 && toks.iter().all(|t| judgeable(text, t)) {
                let whole = normalize(&text[toks[0].range.start..toks[toks.len() - 1].range.end]);
                if toks
                    .iter()
                    .all(|t| knows(&normalize_cow(&text[t.range.clone()])))
                {
                    deferred.push((whole, toks.len()));
                    continue;
                }
                if knows(&whole) {
                    judged += 1;
                    continue;
                }
            }
            for (k, tok) in toks.iter().enumerate() {
                if !judgeable(text, tok) {
                    continue;
                }
                // A binomial name (`Quercus robur`): the epithet after an unknown
                // capitalised genus is Latin, not a typo.
                let binomial = || {
                    (run.start + k)
                        .checked_sub(1)
                        .map(|p| &tokens[p])
                        .is_some_and(|prev| {
                            let p = &text[prev.range.clone()];
                            let between = &text[prev.range.end..tok.range.start];
                            prev.kind == TokenKind::Word
                                && !between.is_empty()
                                && between.chars().all(|c| c == ' ')
                                && p.chars().next().is_some_and(char::is_uppercase)
                                && p.chars().skip(1).all(char::is_lowercase)
                                && !knows(p)
                        })
                };
                judged += 1;
                let word = normalize_cow(&text[tok.range.clone()]);
                if !knows(&word) && !abbreviation_like(text, tok) {
                    unknown.push((tok, word.into_owned()));
                    // Counted as unknown for the other-language test below, but not
                    // reported: a derived word, an epithet of a binomial name (asked only
                    // now: the genus is often a name only the dictionary could know).
                    if binomial() || speller.derived_en(&unknown[unknown.len() - 1].1) {
                        unknown.last_mut().expect("just pushed").1.clear();
                    }
                }
            }
        }
        if unknown.len() >= 3 {
            for (whole, parts) in &deferred {
                judged += if knows(whole) { 1 } else { *parts };
            }
        }
        // Many unknown words: the field is in another language or is not prose (code, a
        // list of names); `language/*` judges the former. Stay silent.
        if unknown.len() >= 3 && unknown.len() * 4 > judged {
            continue;
        }
        for (tok, word) in unknown {
            if word.is_empty() || seen.contains(&word) || foreign(&word) {
                continue;
            }
            seen.insert(word.clone());
            // Glued words first: a few dictionary look-ups, where suggestions cost
            // milliseconds (the same verdict as testing the suggestions first).
            let dict = speller.dict.dict();
            if glued_words(&word, dict, 2) || glued_words(&word, dict, 3) {
                continue;
            }
            let sugg = cx.settings.suggestions.get_or_compute(lang, &word, dict);
            if closed_compound(&word, &sugg) {
                continue;
            }
            let span = field.text.source_span(tok.range.start, tok.range.end);
            let shown = cx
                .src
                .text
                .get(span.start..span.end)
                .unwrap_or(&word)
                .to_string();
            let msg = if sugg.is_empty() {
                Msg::new(
                    format!("`{shown}` is not in the {lang} dictionary (no suggestion)"),
                    format!(
                        "« {shown} » n'est pas dans le dictionnaire ({lang}) (aucune suggestion)"
                    ),
                )
            } else {
                let list = sugg.join(", ");
                Msg::new(
                    format!("`{shown}` is not in the {lang} dictionary; did you mean: {list}?"),
                    format!(
                        "« {shown} » n'est pas dans le dictionnaire ({lang}) ; vouliez-vous dire : {list} ?"
                    ),
                )
            };
            out.push(
                Finding::at(&MISSPELLED, cx.src, span, msg)
                    .with_item(it.item.id.clone())
                    .with_evidence(vec![Evidence {
                        kind: EvidenceKind::Word,
                        text: shown,
                        level: None,
                        detail: (!sugg.is_empty()).then(|| sugg.join(", ")),
                        location: Some(cx.src.location(span)),
                        localized: None,
                    }]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name written in lower case gets its capital first, accent included; a common word
    /// is not taken for a name (the dictionary accepts any word with a capital).
    #[test]
    fn lower_case_names_get_their_capital_first() {
        let d = crate::ruleset::dictionary::Dictionaries::with_system(None, Vec::new());
        let fr = d.get("fr").unwrap();
        let first = |w: &str| suggest(w, &fr.dict).into_iter().next();
        assert_eq!(first("eric").as_deref(), Some("Éric"));
        assert_eq!(first("epoque").as_deref(), Some("époque"));
        assert!(capitalised("epoque", &fr.dict).is_empty());
        assert!(capitalised("Eric", &fr.dict).is_empty());
        assert_eq!(first("emile").as_deref(), Some("Émile"));
        assert_eq!(
            capitalised("etienne", &fr.dict),
            vec!["Étienne".to_string()]
        );
    }

    #[test]
    fn allow_list_skips_comments_and_lowercases() {
        let s = parse_allow_list("# project words\nCefrlint\n  moodle  # the platform\n\n");
        assert!(s.contains("cefrlint") && s.contains("moodle") && s.len() == 2);
    }

    #[test]
    fn british_spellings_map_to_american_ones() {
        assert!(british_variants("colour").contains(&"color".to_string()));
        assert!(british_variants("organise").contains(&"organize".to_string()));
        assert!(british_variants("centre").contains(&"center".to_string()));
        assert!(british_variants("travelled").contains(&"traveled".to_string()));
    }

    #[test]
    fn short_words_before_a_full_stop_inside_a_sentence_are_abbreviations() {
        let t = "It is approx. 5 km, e.g. here. It is shön.";
        let toks = segment::tokens(t, &segment::sentences(t, "en"));
        let abbr: Vec<&str> = toks
            .iter()
            .filter(|k| abbreviation_like(t, k))
            .map(|k| &t[k.range.clone()])
            .collect();
        let all: Vec<&str> = toks.iter().map(|k| &t[k.range.clone()]).collect();
        assert_eq!(abbr, ["approx", "e.g"], "{all:?}");
    }

    #[test]
    fn derived_english_words_and_glued_words_are_known_but_typos_are_not() {
        let d = crate::ruleset::dictionary::Dictionaries::with_system(None, Vec::new());
        let en = d.get("en").unwrap();
        let lex = crate::ruleset::RuleSets::embedded();
        let rules = lex.get("en").unwrap().unwrap();
        let allowed = FxHashSet::default();
        let sp = Speller {
            lang: "en",
            dict: (&en.dict).into(),
            lexicon: &rules.lexicon,
            allowed: &allowed,
        };
        for w in ["unwarily", "downloadables", "sheer'd", "unshaveable"] {
            assert!(sp.derived_en(w), "{w}");
        }
        for w in [
            "realy",
            "thier",
            "wierdly",
            "recieve",
            "untill",
            "beleivable",
        ] {
            assert!(!sp.knows(w) && !sp.derived_en(w), "{w}");
        }
        assert!(glued_words("lampshadehook", &en.dict, 3));
        assert!(glued_words("dogbowl", &en.dict, 2));
        for w in [
            "recieved",
            "definately",
            "accomodate",
            "goverment",
            "seperate",
            "oppertunity",
            "comitees",
        ] {
            assert!(
                !glued_words(w, &en.dict, 2) && !glued_words(w, &en.dict, 3),
                "{w}"
            );
        }
    }

    #[test]
    fn the_memo_gives_the_speller_s_verdicts() {
        let settings = crate::checks::Settings {
            dictionaries: Arc::new(crate::ruleset::dictionary::Dictionaries::with_system(
                None,
                Vec::new(),
            )),
            ..Default::default()
        };
        let sets = crate::ruleset::RuleSets::embedded();
        let memo = KnownWords::for_settings(&settings);
        for lang in ["en", "fr", "en"] {
            let dict = settings.dictionaries.get(lang).unwrap();
            let rules = sets.get(lang).unwrap().unwrap();
            let sp = Speller {
                lang,
                dict: (&dict.dict).into(),
                lexicon: &rules.lexicon,
                allowed: &settings.allowed_words,
            };
            // Asked twice: computed, then read from the memo; switching language starts over
            // (`chat` and `maison` are French words, `recieve` a typo in both).
            for w in [
                "house", "maison", "recieve", "chat", "house", "maison", "recieve",
            ] {
                assert_eq!(memo.knows(&sp, w), sp.knows(w), "{lang} {w}");
            }
        }
    }

    #[test]
    fn the_thread_memo_is_kept_only_for_the_same_settings() {
        let sets = crate::ruleset::RuleSets::embedded();
        let rules = sets.get("en").unwrap().unwrap();
        let dictionaries = Arc::new(crate::ruleset::dictionary::Dictionaries::with_system(
            None,
            Vec::new(),
        ));
        let plain = crate::checks::Settings {
            dictionaries: dictionaries.clone(),
            ..Default::default()
        };
        let mut allowing = plain.clone();
        allowing.allowed_words = Arc::new(["recieve".to_string()].into_iter().collect());
        // Files checked one after the other on this thread, with one settings or the other.
        for settings in [&plain, &allowing, &allowing, &plain, &plain] {
            let memo = KnownWords::for_settings(settings);
            let sp = Speller {
                lang: "en",
                dict: settings.dictionaries.lazy("en"),
                lexicon: &rules.lexicon,
                allowed: &settings.allowed_words,
            };
            let allowed = !settings.allowed_words.is_empty();
            for w in ["house", "recieve", "house", "recieve"] {
                assert_eq!(memo.knows(&sp, w), sp.knows(w), "{w}");
            }
            assert_eq!(memo.knows(&sp, "recieve"), allowed);
        }
    }

    #[test]
    fn closed_compounds_are_recognised_by_their_suggestions() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(closed_compound("strikethrough", &s(&["strike through"])));
        assert!(!closed_compound("alot", &s(&["a lot", "allot"])));
        assert!(!closed_compound("recieve", &s(&["receive"])));
    }
}
