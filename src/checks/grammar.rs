//! `grammar/*`: structures above the declared level.

use super::{Context, ItemContext};
use crate::declare_rule;
use crate::findings::{Finding, Msg};

declare_rule! {
    /// ## What it checks
    /// A grammar structure of the target-language text (from the language's grammar rules,
    /// `cefrlint rules --lang en` lists them) whose level is at least two levels above the
    /// item's declared level. The finding points at the structure itself; each structure is
    /// reported once per item, and a structure found inside a larger one of at least its
    /// level (the past perfect inside a third conditional) is left to the larger one.
    ///
    /// ## Why it matters
    /// Vocabulary alone misjudges a sentence like "If I had known, I would have come": every
    /// word is A1, the structure is B2. Learners who have not met a structure cannot parse
    /// the sentence, whatever its words.
    ///
    /// ## Example
    /// ```yaml
    /// level: A1
    /// items:
    ///   - id: q1
    ///     prompt: If she had known, she would have come.   # third conditional, B2
    /// ```
    ///
    /// ## How to silence it
    /// Rewrite the sentence with a structure of the declared level, or raise the declared
    /// `level`.
    pub static ABOVE_LEVEL = {
        code: "grammar/above-level",
        severity: Warning,
        summary: ("A grammar structure is two or more levels above the declared level.", "Une structure grammaticale est d'au moins deux niveaux au-dessus du niveau déclaré."),
        fr: "## Ce que la règle vérifie
Une structure grammaticale du texte en langue cible (d'après les règles de grammaire de la
langue ; `cefrlint rules --lang en` les liste) dont le niveau est d'au moins deux niveaux
au-dessus du niveau déclaré de l'item. Le signalement pointe sur la structure elle-même ;
chaque structure est signalée une fois par item, et une structure trouvée à l'intérieur d'une
structure plus large d'un niveau au moins égal (le plus-que-parfait dans une hypothèse sur le
passé) est laissée à la plus large.

## Pourquoi
Le vocabulaire seul juge mal une phrase comme « If I had known, I would have come » : chaque
mot est A1, la structure est B2. Un élève qui n'a pas encore vu la structure ne peut pas
comprendre la phrase, quels qu'en soient les mots.

## Exemple
```yaml
level: A1
items:
  - id: q1
    prompt: If she had known, she would have come.   # conditionnel type 3, B2
```

## Comment la désactiver
Réécrivez la phrase avec une structure du niveau déclaré, ou relevez le `level` déclaré.
",
    }
}

pub fn check(cx: &Context<'_>, it: &ItemContext<'_>, out: &mut Vec<Finding>) {
    let Some(declared) = it.item.declared_level() else {
        return;
    };
    let Some(rules) = it.rules else { return };
    let structures = &it.analysis.structures;
    // A structure inside a larger one of at least its level is explained by it: "had known"
    // inside "If she had known, she would have come" is not reported on its own.
    let explained = |s: &crate::analyse::StructureEvidence| {
        structures.iter().any(|o| {
            o.span.start <= s.span.start
                && s.span.end <= o.span.end
                && o.span.len() > s.span.len()
                && o.level >= s.level
        })
    };
    let mut seen: Vec<usize> = Vec::new();
    for s in structures {
        if s.level.distance(declared) < cx.settings.threshold("grammar")
            || seen.contains(&s.rule)
            || explained(s)
        {
            continue;
        }
        seen.push(s.rule);
        let rule = &rules.grammar.rules[s.rule];
        let level = s.level;
        let msg = Msg::new(
            format!(
                "{} ({level}) is above the declared {declared}: `{}`",
                rule.name.en, s.text
            ),
            format!(
                "{} ({level}) dépasse le niveau déclaré {declared} : « {} »",
                rule.name.fr, s.text
            ),
        );
        out.push(
            Finding::at(&ABOVE_LEVEL, cx.src, s.span, msg)
                .with_item(it.item.id.clone())
                .with_evidence(vec![super::structure_evidence(
                    cx.src,
                    s,
                    Some(format!("{}/{}", rules.lang, rule.id)),
                )]),
        );
    }
}
