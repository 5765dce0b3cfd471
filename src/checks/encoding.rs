//! `encoding/*`: files that are not in UTF-8. Reported by `load::decode` (`src/load/mod.rs`,
//! `src/load/encoding.rs`); the file is decoded and checked all the same.

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is not in UTF-8: it is in UTF-16 or UTF-32 (with a byte-order mark, or
    /// UTF-16 recognised by its zero bytes), or in a legacy encoding such as Windows-1252
    /// (which covers Latin-1), guessed from its letters. cefrlint decodes it, checks it as
    /// usual, and says which encoding it used, at line 1, column 1.
    ///
    /// ## Why it matters
    /// Spreadsheet and subtitle tools on Windows often save in UTF-16 or Windows-1252. Many
    /// platforms expect UTF-8 and show `Ã©` instead of `é`, or refuse the file. A guessed
    /// encoding can also be wrong on a short file: check the accented letters in the report.
    ///
    /// ## Example
    /// An SRT file saved by an old subtitle editor as Windows-1252: `Ça va très bien` is stored
    /// with the bytes `C7` and `E8`, which are not UTF-8.
    ///
    /// ## How to silence it
    /// Save the file as UTF-8 (in most editors: "Save as…", encoding "UTF-8"). It is only
    /// information: it does not change the exit code.
    pub static NOT_UTF8 = {
        code: "encoding/not-utf8",
        severity: Info,
        summary: ("The file is not in UTF-8; it was decoded from another encoding.", "Le fichier n'est pas en UTF-8 ; il a été décodé depuis un autre encodage."),
        fr: "## Ce que la règle vérifie
Le fichier n'est pas en UTF-8 : il est en UTF-16 ou en UTF-32 (avec une marque d'ordre des
octets, ou en UTF-16 reconnu à ses octets nuls), ou dans un encodage ancien comme
Windows-1252 (qui couvre le Latin-1), deviné d'après ses lettres. cefrlint le décode, le
vérifie comme d'habitude, et indique l'encodage utilisé, à la ligne 1, colonne 1.

## Pourquoi
Les tableurs et les logiciels de sous-titrage sous Windows enregistrent souvent en UTF-16 ou
en Windows-1252. Beaucoup de plateformes attendent de l'UTF-8 et affichent `Ã©` au lieu de
`é`, ou refusent le fichier. Un encodage deviné peut aussi être faux sur un fichier court :
vérifiez les lettres accentuées dans le rapport.

## Exemple
Un fichier SRT enregistré en Windows-1252 par un vieux logiciel de sous-titrage :
`Ça va très bien` y est stocké avec les octets `C7` et `E8`, qui ne sont pas de l'UTF-8.

## Comment la désactiver
Enregistrez le fichier en UTF-8 (dans la plupart des éditeurs : « Enregistrer sous… »,
encodage « UTF-8 »). Ce n'est qu'une information : le code de sortie n'en dépend pas.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// Bytes that cannot be decoded in the file's encoding: an invalid sequence in a UTF-8
    /// file, an unpaired surrogate in UTF-16, a value out of range in UTF-32. Each is
    /// reported at its line and column (with its offset in the file) and replaced by `�`
    /// (U+FFFD); the rest of the file is checked.
    ///
    /// ## Why it matters
    /// Learners see a `�` or a wrong letter where the bytes are, and the word around them
    /// cannot be graded. Such bytes come from a file cut in the middle of a character, or
    /// from text in another encoding pasted into a UTF-8 file.
    ///
    /// ## Example
    /// A UTF-8 lesson where one word was pasted from a Latin-1 file: `caf\xE9` instead of
    /// `café` (the byte `E9` alone is not UTF-8).
    ///
    /// ## How to silence it
    /// It cannot be silenced: retype the characters shown as `�` and save the file as UTF-8.
    pub static INVALID = {
        code: "encoding/invalid",
        severity: Error,
        summary: ("Bytes of the file cannot be decoded.", "Des octets du fichier ne peuvent pas être décodés."),
        fr: "## Ce que la règle vérifie
Des octets qui ne peuvent pas être décodés dans l'encodage du fichier : une séquence invalide
dans un fichier UTF-8, une demi-paire de substitution isolée en UTF-16, une valeur hors
limites en UTF-32. Chacun est signalé à sa ligne et à sa colonne (avec sa position dans le
fichier) et remplacé par `�` (U+FFFD) ; le reste du fichier est vérifié.

## Pourquoi
Les élèves voient un `�` ou une lettre fausse à cet endroit, et le mot qui les contient ne
peut pas être évalué. Ces octets viennent d'un fichier coupé au milieu d'un caractère, ou
d'un texte dans un autre encodage collé dans un fichier UTF-8.

## Exemple
Une leçon en UTF-8 dont un mot a été collé depuis un fichier Latin-1 : `caf\\xE9` au lieu de
`café` (l'octet `E9` seul n'est pas de l'UTF-8).

## Comment la désactiver
Impossible : retapez les caractères affichés `�` et enregistrez le fichier en UTF-8.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// Text that was encoded in UTF-8 and then read as Windows-1252 or Latin-1, such as
    /// `Ã©` for `é`, `Ã¨` for `è`, `Ã§` for `ç`, `Ã ` for `à`, `â€™` for `’`, `â€œ` for `“`,
    /// `Â ` for a no-break space, `ï»¿` for a byte-order mark. The message gives the
    /// repaired text. A sequence is only reported when it decodes to a letter, a punctuation
    /// mark, a symbol or an emoji that such a mix-up produces (`CAFÉ»` is left alone).
    /// Reported once per field, at the first such word, with the number of words affected.
    ///
    /// ## Why it matters
    /// The file itself is valid UTF-8, so no tool complains, but learners read `cafÃ©`.
    /// The damage was done earlier, by a tool that opened a UTF-8 export as Windows-1252 and
    /// saved it again; it often spreads over the whole file.
    ///
    /// ## Example
    /// `Il est allÃ© Ã  la plage.` instead of `Il est allé à la plage.`
    ///
    /// ## How to silence it
    /// Repair the text: re-open the original export as UTF-8, or replace the sequences with
    /// the repaired text the message gives.
    pub static MOJIBAKE = {
        code: "encoding/mojibake",
        severity: Error,
        summary: ("UTF-8 text was read as Windows-1252 (`Ã©` for `é`).", "Du texte UTF-8 a été lu comme du Windows-1252 (`Ã©` pour `é`)."),
        fr: "## Ce que la règle vérifie
Du texte encodé en UTF-8 puis lu comme du Windows-1252 ou du Latin-1, comme `Ã©` pour `é`,
`Ã¨` pour `è`, `Ã§` pour `ç`, `Ã ` pour `à`, `â€™` pour `’`, `â€œ` pour `“`, `Â ` pour une
espace insécable, `ï»¿` pour une marque d'ordre des octets. Le message donne le texte
réparé. Une séquence n'est signalée que si elle se décode en une lettre, une ponctuation,
un symbole ou un emoji que cette confusion produit (`CAFÉ»` n'est pas signalé). Signalé une
fois par champ, au premier mot touché, avec le nombre de mots concernés.

## Pourquoi
Le fichier lui-même est de l'UTF-8 valide : aucun outil ne proteste, mais les élèves lisent
`cafÃ©`. Le mal a été fait plus tôt, par un outil qui a ouvert un export UTF-8 comme du
Windows-1252 et l'a réenregistré ; il touche souvent tout le fichier.

## Exemple
`Il est allÃ© Ã  la plage.` au lieu de `Il est allé à la plage.`

## Comment la désactiver
Réparez le texte : rouvrez l'export d'origine en UTF-8, ou remplacez les séquences par le
texte réparé que donne le message.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A text field that contains the replacement character `�` (U+FFFD) written in the file
    /// itself. When the file has bytes that cannot be decoded, `encoding/invalid` reports them
    /// instead and this rule stays silent for the file. Reported once per field, at the first
    /// `�`, with their number.
    ///
    /// ## Why it matters
    /// A `�` stands for a character that was lost before the file was saved (a copy from a
    /// badly decoded page, an export that could not encode a letter). The learner sees `�`
    /// and the word cannot be graded.
    ///
    /// ## Example
    /// `Je suis all� au march�.`
    ///
    /// ## How to silence it
    /// Retype the lost characters.
    pub static REPLACEMENT_CHAR = {
        code: "encoding/replacement-char",
        severity: Error,
        summary: ("A text contains the replacement character `�`.", "Un texte contient le caractère de remplacement `�`."),
        fr: "## Ce que la règle vérifie
Un champ de texte qui contient le caractère de remplacement `�` (U+FFFD) écrit dans le
fichier lui-même. Quand le fichier a des octets indécodables, `encoding/invalid` les signale
et cette règle se tait pour ce fichier. Signalé une fois par champ, au premier `�`, avec
leur nombre.

## Pourquoi
Un `�` remplace un caractère perdu avant l'enregistrement du fichier (copie depuis une page
mal décodée, export qui n'a pas pu encoder une lettre). L'élève voit `�` et le mot ne peut
pas être évalué.

## Exemple
`Je suis all� au march�.`

## Comment la désactiver
Retapez les caractères perdus.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A control character in a text field: C0 controls (U+0000 to U+001F) other than tab,
    /// line feed and carriage return, DEL (U+007F), and C1 controls (U+0080 to U+009F).
    /// C1 controls that belong to an `encoding/mojibake` sequence are left to that rule.
    /// Reported once per field, at the first one.
    ///
    /// ## Why it matters
    /// They are invisible or shown as boxes, break XML exports (QTI, Moodle XML refuse them)
    /// and split words in two for the checks. They come from copies out of word processors
    /// and PDF files (U+000B, U+000C) or from Latin-1 read as another encoding (U+0092).
    ///
    /// ## Example
    /// `Let\u{0092}s go!` where `’` was meant.
    ///
    /// ## How to silence it
    /// Delete the character, or replace it with the one that was meant.
    pub static CONTROL_CHAR = {
        code: "encoding/control-char",
        severity: Warning,
        summary: ("A text contains a control character.", "Un texte contient un caractère de contrôle."),
        fr: "## Ce que la règle vérifie
Un caractère de contrôle dans un champ de texte : contrôles C0 (U+0000 à U+001F) autres que
la tabulation, le saut de ligne et le retour chariot, DEL (U+007F), et contrôles C1 (U+0080
à U+009F). Les contrôles C1 qui font partie d'une séquence `encoding/mojibake` sont laissés
à cette règle. Signalé une fois par champ, au premier.

## Pourquoi
Ils sont invisibles ou affichés comme des carrés, cassent les exports XML (QTI et Moodle XML
les refusent) et coupent les mots en deux pour les vérifications. Ils viennent de copies
depuis un traitement de texte ou un PDF (U+000B, U+000C) ou d'un Latin-1 lu dans un autre
encodage (U+0092).

## Exemple
`Let\\u{0092}s go!` où `’` était voulu.

## Comment la désactiver
Supprimez le caractère ou remplacez-le par celui qui était voulu.
",
    }
}

/// The Windows-1252 byte of a character, for the bytes 0x80 to 0xFF (Latin-1 C1 controls
/// stand for themselves, as a Latin-1 reading gives them).
fn cp1252_byte(c: char) -> Option<u8> {
    let v = c as u32;
    if (0x80..=0xFF).contains(&v) {
        return Some(v as u8);
    }
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    HIGH.iter().find(|(h, _)| *h == c).map(|(_, b)| *b)
}

/// Characters a UTF-8 → Windows-1252 mix-up is known to produce from real text: Latin
/// letters and symbols, general punctuation, the euro sign, the byte-order mark, emoji.
fn plausible(c: char) -> bool {
    matches!(c as u32,
        0xA0..=0x17F | 0x2010..=0x206F | 0x20AC | 0x2122 | 0xFEFF | 0x1F300..=0x1FAFF)
}

/// If a mojibake sequence starts at byte `i` of `s`: its length in `s` and the character
/// it stands for.
fn mojibake_at(s: &str, i: usize) -> Option<(usize, char)> {
    let mut chars = s[i..].char_indices();
    let (_, lead) = chars.next()?;
    let lb = cp1252_byte(lead)?;
    let n = match lb {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lb, 0, 0, 0];
    let mut len = lead.len_utf8();
    for slot in &mut bytes[1..=n] {
        let (_, c) = chars.next()?;
        // `Ã ` for `à`: the no-break space 0xA0 was often turned into a plain space.
        let b = if c == ' ' && lb == 0xC3 && n == 1 {
            0xA0
        } else {
            cp1252_byte(c)?
        };
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        len += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes[..=n]).ok()?.chars().next()?;
    if !plausible(decoded) {
        return None;
    }
    if s[i + lead.len_utf8()..].starts_with(' ') {
        // `Ã ` + space only inside lower-case text (`voilÃ  `, `Ã  la`): `SÃO` or an
        // upper-case Portuguese word ending in `Ã` followed by a space is real text.
        let before = s[..i].chars().next_back();
        let after = s[i + len..].chars().next();
        let lower = |c: Option<char>| c.is_some_and(char::is_lowercase);
        if !(lower(before) || lower(after) || after == Some(' ')) {
            return None;
        }
    }
    Some((len, decoded))
}

/// `s` with every mojibake sequence repaired (twice, for text that was mangled twice), and
/// the byte ranges of `s` that were repaired.
/// False when [`mojibake_at`] finds nothing anywhere in `s`: no character that could lead a
/// sequence (Windows-1252 byte 0xC2–0xF4) is followed by one that could continue it (a byte
/// 0x80–0xBF, or a space after `Ã`). Most non-ASCII texts (`é` before a letter) end here, without
/// building their repair.
fn may_hold_mojibake(s: &str) -> bool {
    // A lead is a character whose Windows-1252 byte is 0xC2 to 0xF4: U+00C2 to U+00F4, all
    // written 0xC3 0x82..=0xB4 in UTF-8. Only the character after each 0xC3 byte is looked
    // at (French text holds many `é`, but few characters follow them that could be a
    // continuation byte read as Windows-1252).
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&x| x == 0xC3) {
        let i = from + k;
        from = i + 2;
        let Some(lead) = s.get(i..i + 2).and_then(|c| c.chars().next()) else {
            continue;
        };
        if !(0xC2..=0xF4).contains(&(lead as u32)) {
            continue;
        }
        let Some(c) = s[i + 2..].chars().next() else {
            break;
        };
        if (c == ' ' && lead == '\u{C3}')
            || cp1252_byte(c).is_some_and(|b| (0x80..=0xBF).contains(&b))
        {
            return true;
        }
    }
    false
}

/// The reference for [`may_hold_mojibake`]: each character judged after the one before.
#[cfg(test)]
fn may_hold_mojibake_slow(s: &str) -> bool {
    let mut lead: Option<u8> = None;
    for c in s.chars() {
        let b = cp1252_byte(c);
        if let Some(l) = lead {
            if (c == ' ' && l == 0xC3) || b.is_some_and(|b| (0x80..=0xBF).contains(&b)) {
                return true;
            }
        }
        lead = b.filter(|b| (0xC2..=0xF4).contains(b));
    }
    false
}

/// True when `s` may hold a control character ([`is_control`]): one of its bytes below
/// 0x20 other than tab and line breaks, 0x7F, or the lead 0xC2 of U+0080..=U+009F.
fn may_hold_control(s: &str) -> bool {
    let b = s.as_bytes();
    let exact = |i: usize, x: u8| {
        matches!(x, 0..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F)
            || (x == 0xC2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    };
    // A byte that may start one, without branches, so that a block of 32 is tested at once
    // (vectorised); the exact test runs only in a block that has one (French `«` and
    // no-break spaces start with 0xC2 too). The byte-by-byte test was 0.6% of a run.
    let suspect =
        |x: u8| (x < 0x20) & (x != b'\t') & (x != b'\n') & (x != b'\r') | (x == 0x7F) | (x == 0xC2);
    b.chunks(32).enumerate().any(|(k, block)| {
        block.iter().fold(false, |any, &x| any | suspect(x))
            && block.iter().enumerate().any(|(j, &x)| exact(k * 32 + j, x))
    })
}

pub fn repair(s: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let mut ranges = Vec::new();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if let Some((len, c)) = mojibake_at(s, i) {
            ranges.push(i..i + len);
            out.push(c);
            i += len;
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    if !ranges.is_empty() {
        // Mangled twice (`ÃƒÂ©`): one more pass on the repaired text.
        let (again, more) = repair_once(&out);
        if more {
            out = again;
        }
    }
    (out, ranges)
}

fn repair_once(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while i < s.len() {
        if let Some((len, c)) = mojibake_at(s, i) {
            out.push(c);
            changed = true;
            i += len;
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    (out, changed)
}

fn is_control(c: char) -> bool {
    matches!(c as u32, 0..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0x80..=0x9F)
}

/// The word of `s` around byte range `r` (to show and point at).
fn word_around(s: &str, r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = s[..r.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace())
        .last()
        .map_or(r.start, |(i, _)| i);
    let end = s[r.end..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(s.len(), |(i, _)| r.end + i);
    start..end
}

/// Field-level encoding checks: mojibake, replacement characters, control characters.
pub fn check_item(
    cx: &super::Context<'_>,
    item: &crate::model::Item,
    out: &mut Vec<crate::findings::Finding>,
) {
    use crate::findings::{Finding, Msg};
    for f in &item.fields {
        let s = f.text.as_str();
        let ascii = s.is_ascii();
        let ranges = if ascii || !may_hold_mojibake(s) {
            Vec::new()
        } else {
            repair(s).1
        };
        if let Some(first) = ranges.first() {
            let w = word_around(s, first);
            let span = f.text.source_span(w.start, w.end);
            let shown = &s[w.clone()];
            let fixed = repair(shown).0;
            let mut words: Vec<usize> = ranges.iter().map(|r| word_around(s, r).start).collect();
            words.dedup();
            let n = words.len();
            out.push(
                Finding::at(
                    &MOJIBAKE,
                    cx.src,
                    span,
                    Msg::new(
                        format!("`{shown}` looks like UTF-8 read as Windows-1252: `{fixed}` ({n} word(s) in this field)"),
                        format!("« {shown} » ressemble à de l'UTF-8 lu comme du Windows-1252 : « {fixed} » ({n} mot(s) dans ce champ)"),
                    ),
                )
                .with_item(item.id.clone()),
            );
        }
        // U+FFFD is not ASCII: most fields of English text skip the search.
        let fffd: Vec<usize> = if ascii {
            Vec::new()
        } else {
            s.match_indices('\u{FFFD}').map(|(i, _)| i).collect()
        };
        if let Some(&i) = fffd.first() {
            let n = fffd.len();
            out.push(
                Finding::at(
                    &REPLACEMENT_CHAR,
                    cx.src,
                    f.text.source_span(i, i + '\u{FFFD}'.len_utf8()),
                    Msg::new(
                        format!("this text contains {n} replacement character(s) `�`: a character was lost here"),
                        format!("ce texte contient {n} caractère(s) de remplacement `�` : un caractère a été perdu ici"),
                    ),
                )
                .with_item(item.id.clone()),
            );
        }
        let in_mojibake = |i: usize| ranges.iter().any(|r| r.contains(&i));
        if let Some((i, c)) = may_hold_control(s)
            .then(|| {
                s.char_indices()
                    .find(|&(i, c)| is_control(c) && !in_mojibake(i))
            })
            .flatten()
        {
            let code = format!("U+{:04X}", c as u32);
            out.push(
                Finding::at(
                    &CONTROL_CHAR,
                    cx.src,
                    f.text.source_span(i, i + c.len_utf8()),
                    Msg::new(
                        format!("invisible control character {code} in this text"),
                        format!("caractère de contrôle invisible {code} dans ce texte"),
                    ),
                )
                .with_item(item.id.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_mojibake_and_control_tests_agree_with_the_char_by_char_ones() {
        let common: Vec<char> = "aé eÃ\u{A9}\u{A0}’—€Ÿ\u{81}\u{9F}\t\n\u{7F}\u{1}ôõ\u{C2}"
            .chars()
            .collect();
        let rare: Vec<char> = "\u{FFFD}ÿ\u{80}\u{B4}\u{BF}\u{C0}".chars().collect();
        let (mut moji, mut ctrl) = (0, 0);
        for t in crate::analyse::random_text::texts(7, &common, &rare, 6, 3, 100_000) {
            let slow = may_hold_mojibake_slow(&t);
            assert_eq!(may_hold_mojibake(&t), slow, "{t:?}");
            moji += usize::from(slow);
            let has_control = t.chars().any(is_control);
            assert_eq!(may_hold_control(&t), has_control, "{t:?}");
            ctrl += usize::from(has_control);
        }
        // Both verdicts are seen often.
        assert!((10_000..90_000).contains(&moji), "{moji}");
        assert!((10_000..90_000).contains(&ctrl), "{ctrl}");
    }

    /// Long texts, where a control character is rare: the blocks of 32 bytes of
    /// `may_hold_control` and their edges.
    #[test]
    fn the_control_test_finds_one_anywhere_in_a_long_text() {
        let common: Vec<char> = "ab é\u{A0}«\t\n\r".chars().collect();
        let rare: Vec<char> = "\u{1}\u{7F}\u{85}\u{9F}\u{C2}\u{A0}".chars().collect();
        let mut ctrl = 0;
        for t in crate::analyse::random_text::texts(3, &common, &rare, 200, 40, 50_000) {
            let has_control = t.chars().any(is_control);
            assert_eq!(may_hold_control(&t), has_control, "{t:?}");
            ctrl += usize::from(has_control);
        }
        assert!((1_000..4_900).contains(&ctrl), "{ctrl}");
    }

    #[test]
    fn repairs_common_mojibake() {
        assert_eq!(repair("cafÃ©").0, "café");
        assert_eq!(
            repair("Il est allÃ© Ã  la plage").0,
            "Il est allé à la plage"
        );
        assert_eq!(repair("voilÃ  tout").0, "voilà tout");
        assert_eq!(repair("Itâ€™s â€œfineâ€\u{9d}").0, "It’s “fine”");
        assert_eq!(repair("garÃ§on, trÃ¨s").0, "garçon, très");
        assert_eq!(repair("ï»¿Hello").0, "\u{FEFF}Hello");
        assert_eq!(repair("ÃƒÂ©tÃƒÂ©").0, "été");
    }

    #[test]
    fn real_text_is_left_alone() {
        for s in [
            "CAFÉ»",
            "« Ça va ? »",
            "pâte, âme, naïf",
            "SÃO PAULO",
            "IRMÃ É",
            "Ärger, Öl, Übung",
            "¿Qué? ¡Sí!",
            "Ñandú",
        ] {
            assert!(repair(s).1.is_empty(), "{s}");
        }
    }

    #[test]
    fn controls() {
        assert!(is_control('\u{0B}') && is_control('\u{92}') && is_control('\0'));
        assert!(!is_control('\t') && !is_control('\n') && !is_control('\r'));
    }
}
