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
