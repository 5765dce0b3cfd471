//! Folding of sentence text for the regex engines: every word character becomes one ASCII
//! byte, so that word boundaries are ASCII word boundaries.
//!
//! The fast regex engines (the lazy DFA) cannot evaluate a Unicode word boundary `\b` on
//! text with a non-ASCII character: they give up and the search falls back to a slower
//! engine. On French, Spanish, German or Italian text, where most sentences hold an accented
//! letter, that made grammar matching several times slower than on English. Grammar
//! patterns are therefore matched on *folded* text, where
//!
//! - ASCII is unchanged (the text is already lower case, so `A`–`Z` never occur in it);
//! - the 26 lower-case accented letters of the five languages (`à á â ä æ ç è é ê ë ì í î ï ñ
//!   ò ó ô ö ù ú û ü ÿ œ ß`, see [`LETTERS`]) become `A`–`Z`;
//! - any other word character (another letter, a mark, a digit of another script) becomes `_`;
//! - anything else (space, punctuation, symbols such as `«` or `€`) is kept.
//!
//! A character maps to one character, so folded text keeps one position per character, and a
//! Unicode word character is exactly an ASCII word character after folding: `\b` and `\B` of
//! a pattern become their ASCII forms with the same meaning. Patterns are folded the same
//! way ([`fold_hir`]): literals letter by letter, classes by adding the folded form of what
//! they contain. Patterns cannot name a letter outside [`LETTERS`] (it would fold to `_`,
//! which stands for all of them); validation says so ([`check_pattern`]). A class matches such
//! a letter only if it holds `_` (see `fold_class`).

use regex_syntax::hir::{self, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

use crate::findings::Msg;

/// The accented lower-case letters that fold to `A`, `B`, … `Z`, in that order.
pub const LETTERS: [char; 26] = [
    'à', 'á', 'â', 'ä', 'æ', 'ç', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï', 'ñ', 'ò', 'ó', 'ô', 'ö',
    'ù', 'ú', 'û', 'ü', 'ÿ', 'œ', 'ß',
];

/// The folded form of a (lower-case) character.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if let Some(i) = LETTERS.iter().position(|&l| l == c) {
        return (b'A' + i as u8) as char;
    }
    if regex_syntax::is_word_character(c) {
        '_'
    } else {
        c
    }
}

/// The character a folded byte stands for: `A`–`Z` give back their letter; anything else is
/// itself (`_` cannot be unfolded: it stands for every other non-ASCII word character).
pub fn unfold_char(c: char) -> char {
    if c.is_ascii_uppercase() {
        LETTERS[(c as u8 - b'A') as usize]
    } else {
        c
    }
}

/// Folded text back to letters (for word tests against classes and the lexicon).
pub fn unfold(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        s.chars().map(unfold_char).collect::<String>().into()
    } else {
        s.into()
    }
}

/// What a pattern may not contain, since it is matched on lower-cased, folded text: an
/// upper-case letter (never in the text), the `i` flag (not needed), a letter that does not
/// fold to one of its own (see [`LETTERS`]).
pub fn check_pattern(pattern: &str) -> Result<(), Msg> {
    if let Some(at) = pattern.find("(?") {
        let flags: String = pattern[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .collect();
        if flags.contains('i') {
            return Err(Msg::new(
                "the `i` flag is not needed: patterns are matched on lower-cased text",
                "le drapeau `i` est inutile : les motifs s'appliquent au texte en minuscules",
            ));
        }
    }
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
            continue;
        }
        if c.is_uppercase() {
            return Err(Msg::new(
                format!("`{c}`: patterns are matched on lower-cased text, write letters in lower case"),
                format!("`{c}` : les motifs s'appliquent au texte en minuscules, écrivez les lettres en minuscules"),
            ));
        }
        if !c.is_ascii() && fold_char(c) == '_' {
            let letters: String = LETTERS.iter().collect();
            return Err(Msg::new(
                format!("`{c}` cannot be used in a pattern: only ASCII letters and {letters} can"),
                format!("`{c}` ne peut pas figurer dans un motif : seules les lettres ASCII et {letters} le peuvent"),
            ));
        }
    }
    Ok(())
}

/// A pattern's syntax tree for folded text: literals folded, classes given the folded forms
/// of their members, Unicode word boundaries made ASCII.
pub fn fold_hir(h: &Hir) -> Hir {
    match h.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(hir::Literal(bytes)) => match std::str::from_utf8(bytes) {
            Ok(s) if !s.is_ascii() => {
                let folded: String = s.chars().map(fold_char).collect();
                Hir::literal(folded.into_bytes())
            }
            _ => h.clone(),
        },
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(fold_class(c))),
        HirKind::Class(Class::Bytes(_)) => h.clone(),
        HirKind::Look(look) => Hir::look(ascii_look(*look)),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            sub: Box::new(fold_hir(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            sub: Box::new(fold_hir(&c.sub)),
            ..c.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(fold_hir).collect()),
        HirKind::Alternation(alts) => Hir::alternation(alts.iter().map(fold_hir).collect()),
    }
}

fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// A class and the folded forms of its members. Its non-ASCII members stay (folded text
/// never holds a non-ASCII word character, so they only ever match punctuation and symbols
/// as before); each of [`LETTERS`] it holds adds its capital. Other letters fold to `_`,
/// which a class matches only if it holds `_` itself: the classes of patterns that leave out
/// `_` (the word class of `analyse::grammar`, so that gap markers `___` are not words) keep
/// it out, at the price of not matching the rare letters outside [`LETTERS`].
fn fold_class(c: &ClassUnicode) -> ClassUnicode {
    // In folded text `A`–`Z` stand for the accented letters: whether the class holds them is
    // whether it holds those letters (as a negated class such as `[^\Wù]` does for all but
    // one), never whether it held upper-case ASCII, which lower-cased text does not contain.
    let mut out = c.clone();
    out.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
    let capitals: Vec<ClassUnicodeRange> = LETTERS
        .iter()
        .enumerate()
        .filter(|(_, &l)| contains(c, l))
        .map(|(i, _)| {
            let cap = (b'A' + i as u8) as char;
            ClassUnicodeRange::new(cap, cap)
        })
        .collect();
    out.union(&ClassUnicode::new(capitals));
    out
}

fn contains(c: &ClassUnicode, ch: char) -> bool {
    c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta::Regex;

    fn folded(s: &str) -> String {
        s.chars().map(fold_char).collect()
    }

    fn compile(p: &str) -> Regex {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        Regex::builder().build_from_hir(&fold_hir(&hir)).unwrap()
    }

    #[test]
    fn folds_letters_one_for_one() {
        assert_eq!(folded("l'été à noël"), "l'HtH A noJl");
        assert_eq!(folded("straße, œuvre"), "straZe, Yuvre");
        // Other letters fold to `_`; punctuation and symbols stay.
        assert_eq!(folded("são « 5 € »"), "s_o « 5 € »");
        assert_eq!(unfold("l'HtH"), "l'été");
        for (i, l) in LETTERS.iter().enumerate() {
            assert_eq!(fold_char(*l), (b'A' + i as u8) as char);
            assert_eq!(unfold_char(fold_char(*l)), *l);
            assert!(l.is_lowercase());
        }
    }

    #[test]
    fn word_boundaries_keep_their_meaning() {
        // `\bêtre` must not match inside "fenêtre" (ê is a word character).
        let re = compile(r"\bêtre\b");
        assert!(!re.is_match(&folded("une fenêtre")));
        assert!(re.is_match(&folded("peut-être")));
        assert!(!re.is_match(&folded("êtres")));
        let re = compile(r"\bfrançais\b");
        assert!(re.is_match(&folded("le français.")));
        assert!(!re.is_match(&folded("les françaises")));
    }

    #[test]
    fn classes_keep_their_members() {
        let re = compile(r"^[a-zàâçéèêëîïôûùüÿœæ]+$");
        assert!(re.is_match(&folded("préféré")));
        assert!(!re.is_match(&folded("são")));
        // A negated class still holds accented letters and other letters.
        let re = compile(r"^[^a-z ]+$");
        assert!(re.is_match(&folded("éè")));
        assert!(re.is_match(&folded("ã")));
        assert!(!re.is_match(&folded("e")));
        // A negated class leaves out exactly the letter it names.
        let re = compile(r"^pi[^\Wù]$");
        assert!(!re.is_match(&folded("più")));
        assert!(re.is_match(&folded("piè")));
        assert!(re.is_match(&folded("pio")));
        // \w and \W: word characters of any script.
        let re = compile(r"^\w+ \W \w+$");
        assert!(re.is_match(&folded("très « são")));
        // A class that leaves out `_` does not match gap markers, nor (the price) the rare
        // letters that fold to `_`.
        let re = compile(r"^[^\s!-/:-@\[-`{-~]+$");
        assert!(re.is_match(&folded("préféré")));
        assert!(!re.is_match("___"));
        assert!(!re.is_match(&folded("são")));
    }

    #[test]
    fn validation_names_what_cannot_be_matched() {
        assert!(check_pattern(r"\bété\b").is_ok());
        assert!(check_pattern(r"\bÉté\b").is_err());
        assert!(check_pattern(r"(?i)été").is_err());
        assert!(check_pattern(r"são").is_err());
        assert!(check_pattern(r"\Bx\W").is_ok());
    }
}
