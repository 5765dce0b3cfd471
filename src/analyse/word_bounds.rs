//! Word boundaries of UAX #29 (rules WB1–WB999) for text written in Latin letters: the same
//! pieces as `unicode_segmentation`'s `split_word_bound_indices`, found several times faster.
//! Only texts whose every character has a word-break class known here are handled (ASCII,
//! Latin-1, Latin Extended-A and the common typographic quotes, dashes and spaces; no
//! `Extend`, `Format` or `ZWJ` character, which rule WB4 makes transparent, and no emoji);
//! any other text is left to `unicode_segmentation`. A test compares both on random texts.

use unicode_segmentation::UnicodeSegmentation;

/// Word_Break classes (UAX #29, table 3) of the characters handled here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Other,
    Cr,
    Lf,
    Newline,
    WSegSpace,
    ALetter,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    DoubleQuote,
    ExtendNumLet,
}

/// The class of `c`, or `None` when it is not handled here (Unicode's
/// `WordBreakProperty.txt`; everything in U+0000–U+00FF not listed is `Other`).
const fn class(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        '\n' => Lf,
        '\r' => Cr,
        '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Newline,
        ' ' | '\u{2009}' => WSegSpace,
        '"' => DoubleQuote,
        '\'' => SingleQuote,
        ',' | ';' => MidNum,
        '.' | '\u{2018}' | '\u{2019}' | '\u{2024}' => MidNumLet,
        ':' | '·' | '\u{2027}' => MidLetter,
        '0'..='9' => Numeric,
        'A'..='Z' | 'a'..='z' | 'ª' | 'µ' | '¸' | 'º' | 'À'..='Ö' | 'Ø'..='ö' => ALetter,
        'ø'..='\u{17F}' | '\u{2BC}' => ALetter,
        '_' | '\u{202F}' => ExtendNumLet,
        // The soft hyphen is `Format`; © and ® are pictographs (rule WB3c).
        '\u{AD}' | '©' | '®' => return None,
        '\0'..='\u{FF}' => Other,
        '\u{2010}'..='\u{2015}'
        | '\u{201A}'
        | '\u{201C}'..='\u{201E}'
        | '\u{2022}'
        | '\u{2026}'
        | '\u{2032}'
        | '\u{2039}'
        | '\u{203A}'
        | '\u{20AC}'
        | '\u{2212}' => Other,
        _ => return None,
    })
}

/// [`class`] of the characters up to U+00FF, by code.
static LATIN1: [Option<Class>; 256] = latin1_table!(class);

#[inline]
fn class_fast(c: char) -> Option<Class> {
    match LATIN1.get(c as usize) {
        Some(k) => *k,
        None => class(c),
    }
}

fn mid_letter(c: Class) -> bool {
    matches!(c, Class::MidLetter | Class::MidNumLet | Class::SingleQuote)
}

fn mid_num(c: Class) -> bool {
    matches!(c, Class::MidNum | Class::MidNumLet | Class::SingleQuote)
}

/// Whether there is a word break between a character of class `prev` (itself after one of
/// class `prev2`) and one of class `cur` (itself before one of class `next`).
#[inline]
fn breaks(prev2: Option<Class>, prev: Class, cur: Class, next: Option<Class>) -> bool {
    use Class::*;
    match (prev, cur) {
        // WB3, WB3a, WB3b.
        (Cr, Lf) => false,
        (Newline | Cr | Lf, _) | (_, Newline | Cr | Lf) => true,
        // WB3d, WB5.
        (WSegSpace, WSegSpace) | (ALetter, ALetter) => false,
        // WB6, WB7.
        (ALetter, c) if mid_letter(c) && next == Some(ALetter) => false,
        (p, ALetter) if mid_letter(p) && prev2 == Some(ALetter) => false,
        // WB8, WB9, WB10.
        (Numeric | ALetter, Numeric) | (Numeric, ALetter) => false,
        // WB11, WB12.
        (p, Numeric) if mid_num(p) && prev2 == Some(Numeric) => false,
        (Numeric, c) if mid_num(c) && next == Some(Numeric) => false,
        // WB13a, WB13b.
        (ALetter | Numeric | ExtendNumLet, ExtendNumLet) => false,
        (ExtendNumLet, ALetter | Numeric) => false,
        // WB999.
        _ => true,
    }
}

/// Calls `f(start, piece)` for each piece of `text` between word boundaries, in order, like
/// `for (start, piece) in text.split_word_bound_indices()`.
pub fn for_each_piece<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    if text.is_ascii() {
        return split_ascii(text, f);
    }
    if !text.chars().all(|c| class_fast(c).is_some()) {
        for (i, w) in text.split_word_bound_indices() {
            f(i, w);
        }
        return;
    }
    split(
        text,
        text.char_indices().map(|(i, c)| (i, class_fast(c))),
        f,
    );
}

/// [`split`] for ASCII text, read byte by byte; inside a run of letters (rule WB5, most of
/// the text) nothing else is looked at.
fn split_ascii<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    let bytes = text.as_bytes();
    // Every ASCII character has a class.
    let class_at = |i: usize| LATIN1[bytes[i] as usize].expect("every ASCII character");
    if bytes.is_empty() {
        return;
    }
    let (mut prev2, mut prev) = (None, class_at(0));
    let mut start = 0;
    for i in 1..bytes.len() {
        let cl = class_at(i);
        if !(prev == Class::ALetter && cl == Class::ALetter) {
            let next = bytes.get(i + 1).map(|_| class_at(i + 1));
            if breaks(prev2, prev, cl, next) {
                f(start, &text[start..i]);
                start = i;
            }
        }
        prev2 = Some(prev);
        prev = cl;
    }
    f(start, &text[start..]);
}

/// The pieces of `text`, given the class of each of its characters (all known).
fn split<'t>(
    text: &'t str,
    mut chars: impl Iterator<Item = (usize, Option<Class>)>,
    mut f: impl FnMut(usize, &'t str),
) {
    let class_of = |k: Option<Class>| k.expect("every character was checked");
    let Some((_, first)) = chars.next() else {
        return;
    };
    let (mut prev2, mut prev) = (None, class_of(first));
    let mut start = 0;
    let mut cur = chars.next();
    while let Some((i, k)) = cur {
        let cl = class_of(k);
        let next = chars.next();
        if breaks(prev2, prev, cl, next.map(|n| class_of(n.1))) {
            f(start, &text[start..i]);
            start = i;
        }
        prev2 = Some(prev);
        prev = cl;
        cur = next;
    }
    f(start, &text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mine(t: &str) -> Vec<(usize, &str)> {
        let mut v = Vec::new();
        for_each_piece(t, |i, w| v.push((i, w)));
        v
    }

    fn reference(t: &str) -> Vec<(usize, &str)> {
        t.split_word_bound_indices().collect()
    }

    #[test]
    fn same_pieces_as_unicode_segmentation_on_random_ascii_texts() {
        // ASCII texts take their own loop (`split_ascii`).
        let alphabet: Vec<char> = "abZe19 .,;:'\"_\t\n\r\u{0B}-!?#*()%@/".chars().collect();
        crate::analyse::random_text::assert_same_pieces(
            0x51A5_C11E_0D0B_7E57,
            (&alphabet, &['x']),
            (24, 13),
            |c| c.is_ascii(),
            mine,
            reference,
        );
    }

    #[test]
    fn same_pieces_as_unicode_segmentation_on_random_texts() {
        // Every class, several characters of some, and characters not handled here (the
        // soft hyphen, a combining accent, a CJK ideograph, pictographs, a regional
        // indicator, the zero-width joiner).
        let alphabet: Vec<char> =
            "abZÉéß19 .,;:·'\"_\u{202F}\u{2009}\u{A0}\t\n\r\u{0B}\u{85}\u{2028}’‘-‑–—«»!?#*()…€ĸĀāŁłª¸%@/"
                .chars()
                .collect();
        let rare = [
            '\u{AD}',
            '\u{301}',
            '中',
            '😀',
            '©',
            '\u{1F1EB}',
            '\u{200D}',
            '\u{5D0}',
        ];
        crate::analyse::random_text::assert_same_pieces(
            0x2545_F491_4F6C_DD1D,
            (&alphabet, &rare),
            (20, 13),
            |c| class_fast(c).is_some(),
            mine,
            reference,
        );
    }

    #[test]
    fn same_pieces_on_sentences_and_every_latin_character() {
        for t in [
            "",
            "a",
            "Don't stop: 3,50 € at l'école, e.g. www.example.org_x.",
            "Peut-être aujourd’hui… « Oui » — 1.000,5\r\n\tfin",
        ] {
            assert_eq!(mine(t), reference(t), "{t:?}");
        }
        for c in '\0'..='\u{24F}' {
            for t in [
                format!("ab{c}cd"),
                format!("1{c}2"),
                format!("a{c}1 {c}{c}"),
                format!("{c}a'{c}"),
            ] {
                assert_eq!(mine(&t), reference(&t), "{:?}", c as u32);
            }
        }
    }
}
