//! The vocabulary profile of a text: each word's level and the list it came from.
//!
//! Words are looked up in the language's graded lexicon, with a per-language layer: elision
//! (`l'école` → `école`), English contractions (`don't` → `do`), hyphenated compounds
//! (`peut-être`), multi-word expressions (`give up`, `il y a`), and a cautious suffix
//! fallback when the forms table does not know a form. Numbers, URLs and proper nouns are not
//! vocabulary.

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
    pub lemma: String,
    pub source: String,
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
    let mut key = String::new();
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
        key.push_str(&apostrophes(&text[t.range.clone()]).to_lowercase());
    }
    Some(key)
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
    let mut uses = Vec::new();
    let mut stats = VocabStats::default();
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let word = &text[tok.range.clone()];
        // A word cut by undecodable bytes (U+FFFD) is a fragment, not vocabulary:
        // `encoding/invalid` reports the bytes.
        let garbled = word.contains('\u{FFFD}')
            || text[..tok.range.start].ends_with('\u{FFFD}')
            || text[tok.range.end..].starts_with('\u{FFFD}');
        if tok.kind == TokenKind::Number
            || tok.in_url
            || garbled
            || is_proper_noun_like(word, tok, lang)
        {
            i += 1;
            continue;
        }
        let lower = apostrophes(word).to_lowercase();
        // Multi-word expressions, longest first.
        let first = match elision_split(lang, &lower) {
            Some(_) if lex.word(&lower).is_none() => lower.clone(),
            _ => lower.clone(),
        };
        let longest = lex.longest_phrase_from(&first).min(tokens.len() - i);
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
                let hit = lex
                    .phrase(&key)
                    .or_else(|| unelided.as_deref().and_then(|k| lex.phrase(k)));
                if let Some(h) = hit {
                    uses.push(WordUse {
                        range: tok.range.start..tokens[i + len - 1].range.end,
                        level: h.level,
                        lemma: h.lemma.into_owned(),
                        source: h.source.to_string(),
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
                        lemma: h.lemma.into_owned(),
                        source: h.source.to_string(),
                    });
                    stats.words += 1;
                    stats.known += 1;
                    i += 2;
                    continue;
                }
            }
        }
        match lookup(lex, lang, &lower) {
            Some(h) => {
                stats.words += 1;
                stats.known += 1;
                uses.push(WordUse {
                    range: tok.range.clone(),
                    level: h.level,
                    lemma: h.lemma.into_owned(),
                    source: h.source.to_string(),
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
            .map(|u| (text[u.range].to_string(), u.lemma, u.level))
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
}
