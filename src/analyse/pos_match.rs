//! The exact form of a pattern with part-of-speech slots (`ruleset::grammar::pos_slots`):
//! its template specialised to one sentence, each slot written as the sentence's own words
//! that pass the slot's test.
//!
//! A slot stands for exactly one word as "any word" matches it (`\b\w+(?:['-]\w+)*\b`), so it
//! can only ever match one of the sentence's [`candidate_words`]; writing the slot as those of
//! them that pass its test, longest first (the order in which "any word" prefers them), gives
//! the regex the rule author meant, restricted to this sentence. It is small, whatever the
//! size of the class.

use crate::ruleset::grammar::{Piece, Template};

/// Mirrors `WORD_CHAR` in `analyse::grammar`: anything but white space and punctuation.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_whitespace() || c.is_ascii_punctuation());
    }
    !(c.is_whitespace()
        || ('!'..='/').contains(&c)
        || (':'..='@').contains(&c)
        || ('['..='`').contains(&c)
        || ('{'..='~').contains(&c)
        || "«»‹›“”„‘—–…¿¡·".contains(c))
}

/// Every distinct substring of `text` that "any word" can match: each word (runs of word
/// characters joined by single inner `'` or `-`) and each run of its consecutive parts
/// (`well-known` gives `well-known`, `well` and `known`). Longest first, then alphabetical.
pub fn candidate_words(text: &str) -> Vec<&str> {
    longest_first(word_spans(text))
}

/// Words sorted longest first, then alphabetically, without repeats (the order in which
/// "any word" prefers them).
pub fn longest_first(mut words: Vec<&str>) -> Vec<&str> {
    words.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words
}

/// The substrings [`candidate_words`] lists, in text order, possibly repeated.
pub fn word_spans(text: &str) -> Vec<&str> {
    // Runs of word characters, as byte ranges.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                parts.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        parts.push((s, text.len()));
    }
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        // The parts of one word: joined by exactly one `'` or `-`.
        let mut j = i;
        while j + 1 < parts.len()
            && parts[j + 1].0 == parts[j].1 + 1
            && matches!(text.as_bytes()[parts[j].1], b'\'' | b'-')
        {
            j += 1;
        }
        for a in i..=j {
            for b in a..=j {
                out.push(&text[parts[a].0..parts[b].1]);
            }
        }
        i = j + 1;
    }
    out
}

/// The template written out for one sentence: each slot as the candidate words that pass
/// `test(slot, word)`, or as a never-matching class when none does.
pub fn specialise(
    template: &Template,
    words: &[&str],
    mut test: impl FnMut(&str, &str) -> bool,
) -> String {
    let mut out = String::new();
    for piece in &template.pieces {
        match piece {
            Piece::Re(s) => out.push_str(s),
            Piece::Slot(name) => {
                let pass: Vec<String> = words
                    .iter()
                    .filter(|w| test(name, w))
                    .map(|w| regex::escape(w))
                    .collect();
                if pass.is_empty() {
                    out.push_str(r"[^\s\S]");
                } else {
                    out.push_str(&format!(r"\b(?:{})\b", pass.join("|")));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_words_cover_every_any_word_match() {
        assert_eq!(
            candidate_words("a well-known l'homme, 3 cats"),
            [
                "well-known",
                "l'homme",
                "homme",
                "known",
                "cats",
                "well",
                "3",
                "a",
                "l"
            ]
        );
        assert!(candidate_words(" ... ").is_empty());
        // A double hyphen separates words.
        assert_eq!(candidate_words("x--y"), ["x", "y"]);
    }

    #[test]
    fn slots_become_the_passing_words() {
        let t = Template {
            pieces: vec![
                Piece::Re("the ".into()),
                Piece::Slot("pos:ADJ".into()),
                Piece::Re(" ".into()),
                Piece::Slot("only:NOUN".into()),
            ],
            always_specialise: false,
        };
        let words = candidate_words("the big red car");
        let s = specialise(&t, &words, |slot, w| match slot {
            "pos:ADJ" => ["big", "red"].contains(&w),
            _ => false,
        });
        assert_eq!(s, r"the \b(?:big|red)\b [^\s\S]");
    }
}
