//! `metadata/*`: declarations of level, language and kind that are missing or wrong.
//!
//! Invalid values are reported by the loaders where they are read; missing ones are reported
//! here, once per file, after the command line's defaults are applied.

use crate::declare_rule;
use crate::findings::{Finding, Msg};
use crate::model::{Document, Item};
use crate::source::{SourceFile, Span};

declare_rule! {
    /// ## What it checks
    /// Items with no declared CEFR level: none on the item, its lesson or its file, and no
    /// `--level` on the command line. Reported once per file, at the first such item, with
    /// the number of items concerned.
    ///
    /// ## Why it matters
    /// Without a declared level nothing can be said about whether the content fits its
    /// learners; a buyer cannot tell what they are buying.
    ///
    /// ## Example
    /// ```yaml
    /// language: en
    /// items:
    ///   - id: q1
    ///     prompt: Where do you live?
    /// ```
    ///
    /// ## How to silence it
    /// Declare `level: A2` on the file, the lesson or the item, or pass `--level A2`.
    pub static MISSING_LEVEL = {
        code: "metadata/missing-level",
        severity: Warning,
        summary: ("Items have no declared CEFR level.", "Des items n'ont pas de niveau du CECRL déclaré."),
        fr: "## Ce que la règle vérifie
Des items n'ont aucun niveau du CECRL déclaré : ni sur l'item, ni sur sa leçon, ni sur le
fichier, et pas de `--level` en ligne de commande. Signalé une fois par fichier, au premier
item concerné, avec le nombre d'items concernés.

## Pourquoi
Sans niveau déclaré, rien ne permet de dire si le contenu convient à ses élèves ; un
acheteur ne sait pas ce qu'il achète.

## Exemple
```yaml
language: en
items:
  - id: q1
    prompt: Where do you live?
```

## Comment la désactiver
Déclarez `level: A2` sur le fichier, la leçon ou l'item, ou passez `--level A2`.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A declared level that is not one of A1, A2, B1, B2, C1, C2 (for example `A3`, `B3`,
    /// `intermediate`). The numbers 1 to 6 are accepted as A1 to C2.
    ///
    /// ## Why it matters
    /// A misspelt level is silently ignored by most platforms: the content then reaches
    /// learners of any level.
    ///
    /// ## Example
    /// ```yaml
    /// level: A3
    /// ```
    ///
    /// ## How to silence it
    /// Write a CEFR level. Items under an invalid level are not checked against any level.
    pub static INVALID_LEVEL = {
        code: "metadata/invalid-level",
        severity: Error,
        summary: ("A declared level is not a CEFR level.", "Un niveau déclaré n'est pas un niveau du CECRL."),
        fr: "## Ce que la règle vérifie
Un niveau déclaré qui n'est pas A1, A2, B1, B2, C1 ou C2 (par exemple `A3`, `B3`,
`intermediate`). Les nombres 1 à 6 sont acceptés pour A1 à C2.

## Pourquoi
Un niveau mal écrit est ignoré sans bruit par la plupart des plateformes : le contenu arrive
alors à des élèves de n'importe quel niveau.

## Exemple
```yaml
level: A3
```

## Comment la désactiver
Écrivez un niveau du CECRL. Les items placés sous un niveau invalide ne sont comparés à aucun
niveau.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// Items whose target language is declared nowhere (`language:` on the item, lesson or
    /// file) and not given by `--lang`. Reported once per file.
    ///
    /// ## Why it matters
    /// cefrlint needs the language to pick the lexicon and grammar rules: the file's words
    /// and structures are not checked at all.
    ///
    /// ## Example
    /// ```yaml
    /// level: A1
    /// items:
    ///   - prompt: Where do you live?
    /// ```
    ///
    /// ## How to silence it
    /// Add `language: en` to the file, or pass `--lang en`.
    pub static MISSING_LANGUAGE = {
        code: "metadata/missing-language",
        severity: Error,
        summary: ("Items have no declared target language.", "Des items n'ont pas de langue cible déclarée."),
        fr: "## Ce que la règle vérifie
Des items dont la langue cible n'est déclarée nulle part (`language:` sur l'item, la leçon
ou le fichier) ni donnée par `--lang`. Signalé une fois par fichier.

## Pourquoi
cefrlint a besoin de la langue pour choisir le lexique et les règles de grammaire : les mots
et les structures du fichier ne sont pas vérifiés du tout.

## Exemple
```yaml
level: A1
items:
  - prompt: Where do you live?
```

## Comment la désactiver
Ajoutez `language: en` au fichier, ou passez `--lang en`.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A `language` or `support_language` that is not a language code (ISO 639-1 such as
    /// `en`, `fr`, `es`; `fr-FR`, `fra` and `French` are understood too).
    ///
    /// ## Why it matters
    /// The items are then treated as having no language, and are not checked.
    ///
    /// ## Example
    /// ```yaml
    /// language: englsh
    /// ```
    ///
    /// ## How to silence it
    /// Write an ISO 639-1 code.
    pub static INVALID_LANGUAGE = {
        code: "metadata/invalid-language",
        severity: Error,
        summary: ("A declared language is not a language code.", "Une langue déclarée n'est pas un code de langue."),
        fr: "## Ce que la règle vérifie
Un `language` ou `support_language` qui n'est pas un code de langue (ISO 639-1 comme `en`,
`fr`, `es` ; `fr-FR`, `fra` et `French` sont compris aussi).

## Pourquoi
Les items sont alors traités comme sans langue, et ne sont pas vérifiés.

## Exemple
```yaml
language: englsh
```

## Comment la désactiver
Écrivez un code ISO 639-1.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// The target language has no rule set in cefrlint (or in the folder given by
    /// `--rules`): vocabulary, grammar and level are not checked. Reported once per file.
    ///
    /// ## Why it matters
    /// A clean report would otherwise suggest that the content was checked when it was not.
    ///
    /// ## Example
    /// `language: pt` while cefrlint ships rules for en and fr only.
    ///
    /// ## How to silence it
    /// Provide a rule set for the language with `--rules DIR`, or select only the other
    /// categories.
    pub static UNSUPPORTED_LANGUAGE = {
        code: "metadata/unsupported-language",
        severity: Info,
        summary: ("No rule set for the target language: levels are not checked.", "Aucun jeu de règles pour la langue cible : les niveaux ne sont pas vérifiés."),
        fr: "## Ce que la règle vérifie
La langue cible n'a pas de jeu de règles dans cefrlint (ni dans le dossier donné par
`--rules`) : vocabulaire, grammaire et niveau ne sont pas vérifiés. Signalé une fois par
fichier.

## Pourquoi
Sans cela, un rapport vide laisserait croire que le contenu a été vérifié alors qu'il ne
l'a pas été.

## Exemple
`language: pt` alors que cefrlint ne fournit des règles que pour en et fr.

## Comment la désactiver
Fournissez un jeu de règles pour cette langue avec `--rules DIR`, ou ne sélectionnez que les
autres catégories.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// An item `kind` that the native format does not define. The kind is then inferred from
    /// the item's keys (`options` → multiple_choice, `pairs` → matching, …).
    ///
    /// ## Why it matters
    /// A misspelt kind usually means the item will be shown wrongly, or not at all, by the
    /// tool that renders it.
    ///
    /// ## Example
    /// ```yaml
    /// kind: multiple-choice   # the format says multiple_choice
    /// ```
    ///
    /// ## How to silence it
    /// Use one of: text, vocabulary, multiple_choice, gap_fill, matching, ordering, open,
    /// dialogue.
    pub static UNKNOWN_KIND = {
        code: "metadata/unknown-kind",
        severity: Warning,
        summary: ("An item kind is not one the format defines.", "Un type d'item n'est pas défini par le format."),
        fr: "## Ce que la règle vérifie
Un `kind` d'item que le format natif ne définit pas. Le type est alors déduit des clés de
l'item (`options` → multiple_choice, `pairs` → matching, …).

## Pourquoi
Un type mal écrit signifie souvent que l'item sera mal affiché, ou pas du tout, par l'outil
qui le présente.

## Exemple
```yaml
kind: multiple-choice   # le format dit multiple_choice
```

## Comment la désactiver
Utilisez l'un de : text, vocabulary, multiple_choice, gap_fill, matching, ordering, open,
dialogue.
",
    }
}

/// `metadata/missing-level` and `metadata/missing-language`, once per file each.
pub fn check(src: &SourceFile, doc: &Document, out: &mut Vec<Finding>) {
    once_per_file(
        src,
        doc,
        out,
        &MISSING_LEVEL,
        |i| i.level.is_none(),
        |n| {
            Msg::new(
            format!("{n} item(s) have no declared CEFR level; add `level:` or pass --level"),
            format!("{n} item(s) n'ont pas de niveau du CECRL déclaré ; ajoutez `level:` ou passez --level"),
        )
        },
    );
    once_per_file(
        src,
        doc,
        out,
        &MISSING_LANGUAGE,
        |i| i.language.is_none(),
        |n| {
            Msg::new(
            format!("{n} item(s) have no declared target language; add `language:` or pass --lang"),
            format!("{n} item(s) n'ont pas de langue cible déclarée ; ajoutez `language:` ou passez --lang"),
        )
        },
    );
}

/// One finding at the first item that `lacks`, saying how many items do.
fn once_per_file(
    src: &SourceFile,
    doc: &Document,
    out: &mut Vec<Finding>,
    rule: &'static crate::checks::RuleInfo,
    lacks: impl Fn(&Item) -> bool,
    msg: impl Fn(usize) -> Msg,
) {
    let mut missing = doc.items().filter(|i| lacks(i));
    let Some(first) = missing.next() else { return };
    let n = 1 + missing.count();
    out.push(
        Finding::at(rule, src, Span::empty(first.span.start), msg(n)).with_item(first.id.clone()),
    );
}
