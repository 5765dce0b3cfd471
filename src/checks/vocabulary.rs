//! `vocabulary/*`: words above the declared level.

use super::{Context, ItemContext};
use crate::declare_rule;
use crate::findings::{Finding, Msg};

declare_rule! {
    /// ## What it checks
    /// A word (or fixed expression) of the target-language text whose level in the graded
    /// lexicon is at least two levels above the item's declared level (the gap is set by
    /// `--level-threshold`). Inflected forms count as their lemma (`went` is `go`), names,
    /// numbers and web addresses are ignored, and each word is reported once per item, at
    /// its first occurrence. A level that the lexicon derived from word frequency alone
    /// (its source ends in `-freq` or `-rank`, see `rules/SOURCES.md`) means "rare" more than "hard":
    /// such words need one more level of distance (three by default) to be reported.
    ///
    /// ## Why it matters
    /// An A1 pupil meeting a C1 word stalls on it: one such word in a short A1 question can
    /// make the whole question impossible. A word two levels above is a strong sign that the
    /// item is mislabelled or was written without the learners in mind.
    ///
    /// ## Example
    /// ```yaml
    /// level: A1
    /// items:
    ///   - id: t1
    ///     text: My brother is very meticulous.   # "meticulous" is C1
    /// ```
    ///
    /// ## How to silence it
    /// Replace the word, raise the item's declared `level`, or, if the word is the topic of
    /// the lesson and is taught there, raise `--level-threshold` for the run.
    pub static ABOVE_LEVEL = {
        code: "vocabulary/above-level",
        severity: Warning,
        summary: ("A word is two or more levels above the declared level.", "Un mot est d'au moins deux niveaux au-dessus du niveau déclaré."),
        fr: "## Ce que la règle vérifie
Un mot (ou une expression figée) du texte en langue cible dont le niveau dans le lexique
gradué est d'au moins deux niveaux au-dessus du niveau déclaré de l'item (l'écart se règle
avec `--level-threshold`). Les formes fléchies comptent comme leur lemme (`went` est `go`) ;
les noms propres, nombres et adresses web sont ignorés ; chaque mot est signalé une fois par
item, à sa première occurrence. Un niveau que le lexique a déduit de la seule fréquence
(sa source se termine par `-freq` ou `-rank`, voir `rules/SOURCES.md`) signifie « rare » plus que
« difficile » : ces mots doivent être d'un niveau de plus au-dessus (trois par défaut) pour
être signalés.

## Pourquoi
Un élève de A1 qui rencontre un mot de C1 bute dessus : un seul mot de ce genre dans une
courte question de A1 peut la rendre impossible. Un mot de deux niveaux au-dessus indique
fortement que l'item est mal étiqueté ou a été écrit sans penser aux élèves.

## Exemple
```yaml
level: A1
items:
  - id: t1
    text: My brother is very meticulous.   # « meticulous » est C1
```

## Comment la désactiver
Remplacez le mot, relevez le `level` déclaré de l'item ou, si le mot est le thème de la leçon
et y est enseigné, relevez `--level-threshold` pour l'exécution.
",
    }
}

/// Sources whose levels come from frequency alone are named `…-freq` or `…-rank` (see
/// docs/rule-format.md and rules/SOURCES.md).
pub fn is_frequency_estimate(source: &str) -> bool {
    source.ends_with("-freq") || source.ends_with("-rank")
}

pub fn check(cx: &Context<'_>, it: &ItemContext<'_>, out: &mut Vec<Finding>) {
    let Some(declared) = it.item.declared_level() else {
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    for w in &it.analysis.words {
        // A level estimated from frequency alone says "rare", not "hard": it needs one more
        // level of distance before it is worth a teacher's attention.
        let needed =
            cx.settings.threshold("vocabulary") + i32::from(is_frequency_estimate(&w.source));
        if w.level.distance(declared) < needed || seen.contains(&&*w.lemma) {
            continue;
        }
        seen.push(&w.lemma);
        let (word, lemma, level) = (w.text(cx.src), &w.lemma, w.level);
        let via = if lemma.to_lowercase() != word.to_lowercase() {
            format!(" ({lemma})")
        } else {
            String::new()
        };
        let msg = Msg::new(
            format!("`{word}`{via} is {level}, above the declared {declared}"),
            format!(
                "« {word} »{via} est de niveau {level}, au-dessus du niveau déclaré {declared}"
            ),
        );
        out.push(
            Finding::at(&ABOVE_LEVEL, cx.src, w.span, msg)
                .with_item(it.item.id.clone())
                .with_evidence(vec![super::word_evidence(cx.src, w)]),
        );
    }
}
