//! Sentence and word segmentation: UAX #29 (unicode-segmentation) plus a per-language layer
//! for what it gets wrong (abbreviations, German ordinals, the ellipsis, wrapped lines, hyphens,
//! URLs).

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence, per language.
fn abbreviations(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "mr", "mrs", "ms", "dr", "prof", "st", "etc", "e.g", "i.e", "vs", "no", "jr", "sr",
            "mt",
        ],
        "fr" => &[
            "m", "mme", "mlle", "mm", "dr", "pr", "me", "st", "ste", "etc", "cf", "p", "av", "bd",
            "n°", "ex",
        ],
        "es" => &[
            "sr", "sra", "srta", "dr", "dra", "etc", "ud", "uds", "pág", "p",
        ],
        "de" => &[
            "hr", "fr", "dr", "prof", "usw", "bzw", "z.b", "ca", "nr", "str", "s",
        ],
        "it" => &["sig", "sig.ra", "dott", "prof", "ecc", "pag", "p", "ca"],
        _ => &["etc", "dr"],
    }
}

/// Byte ranges of the sentences of `text`.
pub fn sentences(text: &str, lang: &str) -> Vec<Range<usize>> {
    // UAX #29 pieces; Latin-script text takes a faster path with the same result.
    let raw: Vec<(usize, &str)> = super::sentence_bounds::pieces(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    let abbrevs = abbreviations(lang);
    let mut merge_next = false;
    for (i, s) in raw {
        let range = i..i + s.len();
        if merge_next {
            if let Some(last) = out.last_mut() {
                last.end = range.end;
            }
        } else {
            out.push(range.clone());
        }
        let current = out.last().cloned().unwrap_or(0..0);
        let piece = text[current.clone()].trim_end();
        merge_next = ends_with_abbreviation(piece, abbrevs)
            || (lang == "de" && german_ordinal(piece, &text[range.end..]))
            || (s.ends_with('\n')
                && !s.trim_end().is_empty()
                && wraps_on(piece, &text[range.end..]));
    }
    // Split after an ellipsis followed by white space and a capital letter.
    let mut split = Vec::with_capacity(out.len());
    for r in out {
        let mut start = r.start;
        let sub = &text[r.clone()];
        for (j, _) in sub.match_indices('…') {
            let after = r.start + j + '…'.len_utf8();
            let rest = &text[after..r.end];
            let trimmed = rest.trim_start();
            if trimmed.len() < rest.len() && trimmed.chars().next().is_some_and(char::is_uppercase)
            {
                let cut = after + (rest.len() - trimmed.len());
                split.push(start..cut);
                start = cut;
            }
        }
        split.push(start..r.end);
    }
    split.retain(|r| text[r.clone()].chars().any(char::is_alphanumeric));
    split
}

fn ends_with_abbreviation(piece: &str, abbrevs: &[&str]) -> bool {
    let Some(before) = piece.strip_suffix('.') else {
        return false;
    };
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '«' || c == '"')
        .next()
        .unwrap_or("")
        .to_lowercase();
    // A single capital letter is an initial (J. Martin) or "M." in French.
    abbrevs.contains(&last.as_str())
        || (last.chars().count() == 1 && before.ends_with(|c: char| c.is_uppercase()))
}

/// True when `piece` ends with a German ordinal number, digits and a full stop ("am 3. Mai",
/// "im 19. Jahrhundert"), which does not end the sentence: the word before the number is a
/// preposition with its article or an article (`am`, `im`, `der`…), or the word after it is a
/// month or a noun that ordinals go with (`Jahrhundert`, `Stock`, `Klasse`…). Otherwise a
/// number and a full stop end a sentence as anything else does ("Er hat die Nummer 12.").
fn german_ordinal(piece: &str, rest: &str) -> bool {
    const BEFORE: &[&str] = &[
        "am", "im", "zum", "zur", "vom", "beim", "der", "die", "das", "den", "dem", "des",
        "dieser", "diesem", "diesen", "jeden", "jedem", "bis", "ab", "seit",
    ];
    const AFTER: &[&str] = &[
        "januar",
        "jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "jahrhundert",
        "jahrhunderts",
        "jahrtausend",
        "stock",
        "stockwerk",
        "etage",
        "klasse",
        "platz",
        "mal",
        "lektion",
        "kapitel",
        "auflage",
        "geburtstag",
        "jahrestag",
        "runde",
        "preis",
    ];
    let Some(before) = piece.strip_suffix('.') else {
        return false;
    };
    let mut words = before.rsplit(char::is_whitespace);
    let number = words.next().unwrap_or("");
    if number.is_empty() || number.len() > 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let word_before = words.next().unwrap_or("").to_lowercase();
    let word_after: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    BEFORE.contains(&word_before.as_str()) || AFTER.contains(&word_after.as_str())
}

/// True when a line break between `piece` and `rest` wraps one sentence over two lines: the
/// piece has no final punctuation and the next line starts in lower case.
fn wraps_on(piece: &str, rest: &str) -> bool {
    let ends_open = !piece.ends_with(['.', '!', '?', '…', ':', '»', '"', ';']);
    let next_lower = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase());
    ends_open && next_lower
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

/// A word-like token of a field's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the field's text.
    pub range: Range<usize>,
    pub kind: TokenKind,
    /// Index of the sentence holding the token.
    pub sentence: usize,
    /// First word of its sentence.
    pub sentence_initial: bool,
    /// Joined to the next token by a hyphen with no space (`peut-être`, `pensez-vous`).
    pub hyphen_next: bool,
    /// Inside a URL, e-mail address or the like: not vocabulary.
    pub in_url: bool,
}

/// Byte ranges of URLs and e-mail addresses in `text`.
fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Every kind below needs a `/`, an `@` or `www.` (in any case): most texts have none.
    if !text.bytes().any(|b| b == b'/' || b == b'@') && !contains_ignore_ascii_case(text, "www.") {
        return out;
    }
    for (i, w) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        // `w.to_ascii_lowercase().starts_with(p)`, without the copy.
        let starts = |p: &str| {
            w.as_bytes()
                .get(..p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
        };
        let is_url = starts("http://")
            || starts("https://")
            || starts("www.")
            || (w.contains('@') && w.contains('.'))
            || (w.contains('.') && w.contains('/') && !w.starts_with('/'));
        if is_url {
            out.push(i..i + w.len());
        }
    }
    out
}

/// True when `s` contains `needle` (ASCII) in any ASCII case.
pub fn contains_ignore_ascii_case(s: &str, needle: &str) -> bool {
    // `s.as_bytes().windows(n).any(|w| w.eq_ignore_ascii_case(needle))`, comparing a window
    // only where its first byte matches.
    let (h, n) = (s.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return true;
    };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    h.len() >= n.len()
        && memchr::memchr2_iter(lo, up, &h[..=h.len() - n.len()])
            .any(|i| h[i + 1..i + n.len()].eq_ignore_ascii_case(rest))
}

/// Whether the token at `range` of `text` holds or touches U+FFFD, the replacement for
/// undecodable bytes: a fragment of a word, not a word (`encoding/invalid` reports the bytes).
pub fn garbled(text: &str, range: &Range<usize>) -> bool {
    let word = &text[range.clone()];
    (!word.is_ascii() && contains_char(word, '\u{FFFD}'))
        || text[..range.start].ends_with('\u{FFFD}')
        || text[range.end..].starts_with('\u{FFFD}')
}

/// Whether `s` holds `c`, the same as `s.contains(c)`. For a character outside ASCII, std
/// sets up a substring search on every call, which costs more than the search itself on the
/// short texts of fields; this looks for the character's last byte (rarer than its first)
/// and compares the bytes before it.
pub fn contains_char(s: &str, c: char) -> bool {
    let mut buf = [0u8; 4];
    let e = c.encode_utf8(&mut buf).as_bytes();
    let (h, n) = (s.as_bytes(), e.len());
    let last = e[n - 1];
    memchr::memchr_iter(last, h).any(|i| i + 1 >= n && h[i + 1 - n..=i] == *e)
}

/// The word and number tokens of `text`, given its sentences.
pub fn tokens(text: &str, sentences: &[Range<usize>]) -> Vec<Token> {
    let urls = url_ranges(text);
    // About one token per six bytes of prose: most fields need no regrowth.
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6 + 1);
    for (si, s) in sentences.iter().enumerate() {
        let mut first = true;
        let mut prev_end: Option<usize> = None;
        // UAX #29 word pieces; Latin-script text takes a faster path with the same result.
        super::word_bounds::for_each_piece(&text[s.clone()], |i, w| {
            // U+202F (narrow no-break space) joins words for UAX #29 (ExtendNumLet), but French
            // typography puts it between a word and `?`, `!`, `;`, `:`, `»` and after `«`:
            // there it is a space, not part of the word (`maison\u{202F}?` is `maison`).
            let lead = w.len() - w.trim_start_matches('\u{202F}').len();
            let (i, w) = (i + lead, w.trim_matches('\u{202F}'));
            let start = s.start + i;
            let range = start..start + w.len();
            // Most pieces are ASCII: their letters and digits are read on bytes.
            let ascii = w.is_ascii();
            let alphanumeric = if ascii {
                w.bytes().any(|b| b.is_ascii_alphanumeric())
            } else {
                w.chars().any(char::is_alphanumeric)
            };
            if !alphanumeric {
                // A hyphen glued on both sides links the previous token to the next one.
                if w != "-" && w != "\u{2011}" {
                    prev_end = None;
                }
                return;
            }
            if let (Some(pe), Some(last)) = (prev_end, out.last_mut()) {
                if last.range.end == pe && text[pe..start].chars().count() == 1 {
                    last.hyphen_next = true;
                }
            }
            let alphabetic = if ascii {
                w.bytes().any(|b| b.is_ascii_alphabetic())
            } else {
                w.chars().any(char::is_alphabetic)
            };
            let kind = if alphabetic && !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            let in_url = urls
                .iter()
                .any(|u| u.start <= range.start && range.end <= u.end);
            out.push(Token {
                range: range.clone(),
                kind,
                sentence: si,
                sentence_initial: first,
                hyphen_next: false,
                in_url,
            });
            first = false;
            prev_end = Some(range.end);
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_char_agrees_with_std() {
        let common: Vec<char> = "a «»“”„\u{FFFD}ëûΣ\u{BB}\u{AB}€".chars().collect();
        let rare: Vec<char> = "\u{1F600}\u{EFBD}\u{FFFC}".chars().collect();
        let mut found = 0;
        for t in crate::analyse::random_text::texts(3, &common, &rare, 8, 3, 20_000) {
            for c in ['«', '»', '“', '”', '„', '\u{FFFD}', 'Σ', 'a', '\u{1F600}'] {
                assert_eq!(contains_char(&t, c), t.contains(c), "{c:?} in {t:?}");
                found += usize::from(t.contains(c));
            }
        }
        assert!(found > 20_000, "{found}");
    }

    fn texts<'a>(t: &'a str, r: &[Range<usize>]) -> Vec<&'a str> {
        r.iter().map(|r| t[r.clone()].trim()).collect()
    }

    #[test]
    fn a_narrow_no_break_space_is_not_part_of_a_word() {
        // French typography: « Où est la maison ? » with U+202F inside the marks; and a
        // number with U+202F between thousands, which stays one number.
        let t = "«\u{202F}Où est la maison\u{202F}?\u{202F}» Il y a 10\u{202F}000 habitants.";
        let toks = tokens(t, &sentences(t, "fr"));
        let words: Vec<&str> = toks.iter().map(|k| &t[k.range.clone()]).collect();
        assert_eq!(
            words,
            [
                "Où",
                "est",
                "la",
                "maison",
                "Il",
                "y",
                "a",
                "10\u{202F}000",
                "habitants"
            ]
        );
        assert_eq!(toks[7].kind, TokenKind::Number);
    }

    #[test]
    fn french_abbreviations_do_not_end_sentences() {
        let t = "M. Dupont arrive. Il voit Mme Martin, etc. et repart.";
        assert_eq!(
            texts(t, &sentences(t, "fr")),
            ["M. Dupont arrive.", "Il voit Mme Martin, etc. et repart."]
        );
    }

    #[test]
    fn german_ordinals_do_not_end_sentences() {
        let t = "Das Haus wurde im 19. Jahrhundert gebaut. Am 3. Mai feiern wir, \
                 und ich werde 30. Wir treffen uns um 8. Dann essen wir. Er hat die Nummer 12. Sie \
                 wohnt im 2. Stock.";
        assert_eq!(
            texts(t, &sentences(t, "de")),
            [
                "Das Haus wurde im 19. Jahrhundert gebaut.",
                "Am 3. Mai feiern wir, und ich werde 30.",
                "Wir treffen uns um 8.",
                "Dann essen wir.",
                "Er hat die Nummer 12.",
                "Sie wohnt im 2. Stock."
            ]
        );
        // Other languages keep UAX #29's boundary.
        let t = "She was born in 1990. May is warm.";
        assert_eq!(
            texts(t, &sentences(t, "en")),
            ["She was born in 1990.", "May is warm."]
        );
    }

    #[test]
    fn ellipsis_followed_by_a_capital_ends_a_sentence() {
        let t = "Il attend… Puis il part… et revient.";
        assert_eq!(
            texts(t, &sentences(t, "fr")),
            ["Il attend…", "Puis il part… et revient."]
        );
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        let t = "If I had known\nabout it, I would have come.\nWe went home.\n";
        assert_eq!(
            texts(t, &sentences(t, "en")),
            [
                "If I had known\nabout it, I would have come.",
                "We went home."
            ]
        );
    }

    #[test]
    fn tokens_mark_hyphens_numbers_urls_and_sentence_starts() {
        let t = "Peut-être demain. Voir www.example.org à 3,50 euros.";
        let s = sentences(t, "fr");
        let toks = tokens(t, &s);
        let words: Vec<&str> = toks.iter().map(|k| &t[k.range.clone()]).collect();
        assert_eq!(words[..3], ["Peut", "être", "demain"]);
        assert!(toks[0].hyphen_next && !toks[1].hyphen_next);
        assert!(toks[0].sentence_initial && !toks[1].sentence_initial);
        let voir = toks
            .iter()
            .position(|k| &t[k.range.clone()] == "Voir")
            .unwrap();
        assert!(toks[voir].sentence_initial);
        assert!(toks.iter().any(|k| k.in_url));
        let n = toks.iter().find(|k| &t[k.range.clone()] == "3,50").unwrap();
        assert_eq!(n.kind, TokenKind::Number);
    }

    #[test]
    fn elision_stays_in_one_token() {
        let t = "Je vais à l'école.";
        let toks = tokens(t, &sentences(t, "fr"));
        assert!(toks.iter().any(|k| &t[k.range.clone()] == "l'école"));
    }
}
