//! Sentence boundaries of UAX #29 (rules SB1–SB998) for text written in Latin letters: the
//! same pieces as `unicode_segmentation`'s `split_sentence_bound_indices`, found several times
//! faster. Only texts whose every character has a sentence-break class known here are handled
//! (ASCII, Latin-1, Latin Extended-A and the common typographic quotes, dashes and spaces,
//! but no `Extend` or `Format` character, which rule SB5 makes transparent); any other text is
//! left to `unicode_segmentation`. A test compares both on random texts.

use unicode_segmentation::UnicodeSegmentation;

/// Sentence_Break classes (UAX #29, table 4) of the characters handled here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Other,
    Cr,
    Lf,
    Sep,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
}

/// The class of `c`, or `None` when it is not handled here (Unicode's
/// `SentenceBreakProperty.txt`; everything in U+0000–U+00FF not listed is `Other`). Latin
/// Extended-A is in [`class_fast`].
const fn class(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        '\t' | '\u{0B}' | '\u{0C}' | ' ' | '\u{A0}' | '\u{2009}' | '\u{202F}' => Sp,
        '\n' => Lf,
        '\r' => Cr,
        '\u{85}' | '\u{2028}' | '\u{2029}' => Sep,
        '.' => ATerm,
        '!' | '?' => STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»' => Close,
        '\u{2018}'..='\u{201A}' | '\u{201C}'..='\u{201E}' | '\u{2039}' | '\u{203A}' => Close,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => SContinue,
        '0'..='9' => Numeric,
        'a'..='z' | 'ª' | 'µ' | 'º' | 'ß'..='ö' | 'ø'..='ÿ' => Lower,
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => Upper,
        // The soft hyphen is `Format`.
        '\u{AD}' => return None,
        '\0'..='\u{FF}' => Other,
        '\u{2010}'..='\u{2012}'
        | '\u{2015}'
        | '\u{2022}'
        | '\u{2026}'
        | '\u{2032}'
        | '\u{20AC}'
        | '\u{2212}' => Other,
        _ => return None,
    })
}

/// [`class`] of the characters up to U+00FF, by code.
static LATIN1: [Option<Class>; 256] = latin1_table!(class);

/// The class of `c`, or `None` when it is not handled here.
#[inline]
fn class_fast(c: char) -> Option<Class> {
    match c as u32 {
        0..=0xFF => LATIN1[c as usize],
        // Latin Extended-A: every character is a lower- or upper-case letter.
        0x100..=0x17F if c.is_lowercase() => Some(Class::Lower),
        0x100..=0x17F if c.is_uppercase() => Some(Class::Upper),
        _ => class(c),
    }
}

#[inline]
fn is_para_sep(c: Class) -> bool {
    matches!(c, Class::Sep | Class::Cr | Class::Lf)
}

/// Where the text stands in `SATerm Close* Sp*` after its last character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Term {
    /// Not after a terminator (or after something that ends the sequence).
    No,
    /// After `SATerm Close*` (`full_stop`: the terminator is `ATerm`).
    Closed { full_stop: bool },
    /// After `SATerm Close* Sp+`.
    Spaced { full_stop: bool },
}

/// SB8: after `ATerm Close* Sp*`, no break when the next letter-like character of `ahead`
/// (skipping everything but letters, paragraph separators and terminators) is lower case.
fn lower_ahead(ahead: &str) -> bool {
    for c in ahead.chars() {
        match class_fast(c) {
            Some(Class::Lower) => return true,
            Some(
                Class::Upper | Class::Sep | Class::Cr | Class::Lf | Class::STerm | Class::ATerm,
            )
            | None => return false,
            _ => {}
        }
    }
    false
}

/// The sentence pieces of `text` as `(start, piece)`, like
/// `text.split_sentence_bound_indices()`.
pub fn pieces(text: &str) -> Vec<(usize, &str)> {
    if text.is_ascii() {
        // Every ASCII character has a class.
        let classes = text
            .bytes()
            .enumerate()
            .map(|(i, b)| (i, LATIN1[b as usize]));
        return split(text, classes);
    }
    if !text.chars().all(|c| class_fast(c).is_some()) {
        return text.split_sentence_bound_indices().collect();
    }
    split(text, text.char_indices().map(|(i, c)| (i, class_fast(c))))
}

/// The pieces of `text`, given the class of each of its characters (all known).
fn split(text: &str, chars: impl Iterator<Item = (usize, Option<Class>)>) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Class> = None;
    let mut prev2: Option<Class> = None;
    let mut term = Term::No;
    for (i, k) in chars {
        let cl = k.expect("every character was checked");
        if let Some(p) = prev {
            // Only SB4 (after a paragraph separator) and SB11 (after a terminator) break.
            if (term != Term::No || is_para_sep(p)) && breaks(text, i, p, prev2, term, cl) {
                out.push((start, &text[start..i]));
                start = i;
            }
        }
        term = match (cl, term) {
            (Class::ATerm, _) => Term::Closed { full_stop: true },
            (Class::STerm, _) => Term::Closed { full_stop: false },
            (Class::Close, Term::Closed { .. }) => term,
            (Class::Sp, Term::Closed { full_stop } | Term::Spaced { full_stop }) => {
                Term::Spaced { full_stop }
            }
            _ => Term::No,
        };
        prev2 = prev;
        prev = Some(cl);
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// Whether there is a sentence break before `text[i..]`, whose first character is of class
/// `next`, after characters of classes `prev2`, `prev` and the terminator state `term`.
#[inline]
fn breaks(
    text: &str,
    i: usize,
    prev: Class,
    prev2: Option<Class>,
    term: Term,
    next: Class,
) -> bool {
    use Class::*;
    // SB3, SB4.
    if prev == Cr && next == Lf {
        return false;
    }
    if is_para_sep(prev) {
        return true;
    }
    // SB6, SB7.
    if prev == ATerm && next == Numeric {
        return false;
    }
    if prev == ATerm && next == Upper && matches!(prev2, Some(Upper | Lower)) {
        return false;
    }
    let (closed, full_stop) = match term {
        Term::No => return false, // SB998
        Term::Closed { full_stop } => (true, full_stop),
        Term::Spaced { full_stop } => (false, full_stop),
    };
    // SB8a, SB9, SB10 (every rule here keeps the sentence whole, so their order does not
    // matter; the look-ahead of SB8 comes last, and runs only once per terminator instead of
    // once per space after it).
    if matches!(next, SContinue | STerm | ATerm) {
        return false;
    }
    if closed && next == Close {
        return false;
    }
    if next == Sp || is_para_sep(next) {
        return false;
    }
    // SB8.
    if full_stop && lower_ahead(&text[i..]) {
        return false;
    }
    // SB11.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(t: &str) -> Vec<(usize, &str)> {
        t.split_sentence_bound_indices().collect()
    }

    #[test]
    fn same_pieces_as_unicode_segmentation_on_random_texts() {
        // Every class, several characters of some, and characters not handled here (the
        // soft hyphen, a combining accent, a CJK ideograph, an emoji).
        let alphabet: Vec<char> =
            "aZzÉéß1 9.!?\"'()[«»’‘“”„,-;:–— \u{A0}\u{202F}\u{2009}\t\n\r\u{85}\u{2028}#…‐€ĸĀāŁłª%"
                .chars()
                .collect();
        let rare = ['\u{AD}', '\u{301}', '中', '😀', '\u{1BB}'];
        crate::analyse::random_text::assert_same_pieces(
            0x9E37_79B9_7F4A_7C15,
            (&alphabet, &rare),
            (24, 17),
            |c| class_fast(c).is_some(),
            pieces,
            reference,
        );
    }

    #[test]
    fn same_pieces_on_sentences_and_every_latin_character() {
        for t in [
            "",
            "Hello.",
            "Mr. Smith went to Washington. He arrived at 3.30 p.m. today!",
            "« Tu viens ? » demanda-t-il. « Oui. »\nIl partit…\r\nFin.",
            "He said \"Go.\" Then he left.) And (again.) ok",
            "etc. and more.  \n\n New para",
            "U.S.A. Next",
            "3.14 is pi. π is not handled.",
        ] {
            assert_eq!(pieces(t), reference(t), "{t:?}");
        }
        // A long run of spaces after a full stop, then a lower- or an upper-case word.
        for next in ["and so", "And so", "1 and", "» et"] {
            let t = format!("It ends.{}{next}", " ".repeat(3_000));
            assert_eq!(pieces(&t), reference(&t));
        }
        for c in '\0'..='\u{24F}' {
            for t in [
                format!("Ab.{c}c"),
                format!("Ab. {c} c"),
                format!("x{c}. Y"),
                format!("x!{c}Y"),
                format!("x.){c} d"),
            ] {
                assert_eq!(pieces(&t), reference(&t), "{:?}", c as u32);
            }
        }
    }
}
