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
//! way, as text ([`fold_pattern`]): each of [`LETTERS`] becomes its capital, in literals and
//! in classes alike, so `[^\Wù]` still means "a word character but ù", and `[^a-z]` still
//! holds every accented letter. Patterns cannot name a letter outside [`LETTERS`] (it would
//! fold to `_`, which stands for all of them), nor use one as the end of a class range, nor
//! write a non-ASCII character as an escape: validation says so ([`check_pattern`]). A class
//! matches a letter outside [`LETTERS`] only if it holds `_` (`\w` does not, so that gap
//! markers `___` are not words: the price is that `\w` does not match such letters).

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
    if let Some(cap) = capital(c) {
        return cap;
    }
    if regex_syntax::is_word_character(c) {
        '_'
    } else {
        c
    }
}

/// The folded lower case of each character U+00C0..=U+00FF (À to ÿ, the accented letters of
/// the five languages), as one ASCII byte, by the character's second UTF-8 byte minus 0x80;
/// 0 for `×` and `÷`, which are not letters and stay as they are.
pub fn latin1_folded(second_byte: u8) -> u8 {
    static TABLE: std::sync::LazyLock<[u8; 64]> = std::sync::LazyLock::new(|| {
        let mut t = [0u8; 64];
        for (i, slot) in t.iter_mut().enumerate() {
            let c = char::from_u32(0xC0 + i as u32).unwrap_or('\0');
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next()) {
                let f = fold_char(l);
                if f.is_ascii() {
                    *slot = f as u8;
                }
            }
        }
        t
    });
    TABLE
        .get(usize::from(second_byte.wrapping_sub(0x80)))
        .copied()
        .unwrap_or(0)
}

/// The capital that one of [`LETTERS`] folds to.
fn capital(c: char) -> Option<char> {
    let i = LETTERS.iter().position(|&l| l == c)?;
    Some((b'A' + i as u8) as char)
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
    // Every group's flags, not only the first group's (`(?:a|b) (?i)c`).
    for (at, _) in pattern.match_indices("(?") {
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
    let mut class_depth = 0usize;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = pattern.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if escaped {
            escaped = false;
            if matches!(c, 'x' | 'u' | 'U') {
                return Err(Msg::new(
                    format!("`\\{c}`: write the character itself, not its code"),
                    format!("`\\{c}` : écrivez le caractère lui-même, pas son code"),
                ));
            }
            prev = Some(c);
            continue;
        }
        if c == '\\' {
            escaped = true;
            continue;
        }
        match c {
            '[' => class_depth += 1,
            ']' if class_depth > 0 => class_depth -= 1,
            '-' if class_depth > 0 => {
                let next = chars.get(i + 1).copied();
                let accented = |x: Option<char>| x.is_some_and(|x| !x.is_ascii());
                if next.is_some_and(|n| n != ']') && (accented(prev) || accented(next)) {
                    return Err(Msg::new(
                        "a class range cannot start or end with an accented letter: list the letters",
                        "un intervalle de classe ne peut ni commencer ni finir par une lettre accentuée : énumérez les lettres",
                    ));
                }
            }
            _ => {}
        }
        prev = Some(c);
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

/// A pattern for folded text: each of [`LETTERS`] written as its capital, `\b` and `\B` as
/// ASCII word boundaries. Anything else is unchanged; [`check_pattern`] refuses what this
/// would get wrong.
pub fn fold_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 32);
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some('B') => out.push_str("(?-u:\\B)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else if c.is_ascii() {
            out.push(c);
        } else {
            out.push(capital(c).unwrap_or(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_latin1_table_is_lower_casing_then_folding() {
        for c in '\u{C0}'..='\u{FF}' {
            let mut buf = [0u8; 2];
            let second = c.encode_utf8(&mut buf).as_bytes()[1];
            let folded: Vec<char> = c.to_lowercase().map(fold_char).collect();
            let want = match folded[..] {
                [f] if f.is_ascii() => f as u8,
                _ => 0,
            };
            assert_eq!(latin1_folded(second), want, "{c}");
        }
        assert_eq!(latin1_folded(0x89), b'H'); // É → é → H
        assert_eq!(latin1_folded(0x97), 0); // ×
    }

    use super::*;
    use regex_automata::meta::Regex;

    fn folded(s: &str) -> String {
        s.chars().map(fold_char).collect()
    }

    fn compile(p: &str) -> Regex {
        Regex::new(&fold_pattern(p)).unwrap()
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
        assert!(check_pattern(r"\b(?:un|une) (?i)été").is_err());
        assert!(check_pattern(r"\b(?:un|une) (?-u:\b)été").is_ok());
        assert!(check_pattern(r"são").is_err());
        assert!(check_pattern(r"\Bx\W").is_ok());
        assert!(check_pattern(r"[a-zà-ü]").is_err());
        assert!(check_pattern(r"[a-zàâ-]+ peut-être").is_ok());
        assert!(check_pattern(r"\x{e9}").is_err());
    }
}
