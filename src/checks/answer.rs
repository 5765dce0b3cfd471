//! `answer/*`: answer keys that cannot be right, whatever the input format.
//!
//! Every format maps its questions into the same roles (`Option`, `Answer`, `PairTarget`,
//! `PairSupport`, gaps `___` in a `Prompt` or `Text`), so these checks read only the model.

use super::Context;
use crate::declare_rule;
use crate::findings::{Evidence, EvidenceKind, Finding, Msg};
use crate::model::{Field, Item, ItemKind, Role};

declare_rule! {
    /// ## What it checks
    /// In a multiple-choice item, an answer key that is none of the options (compared after
    /// trimming white space and ignoring case).
    ///
    /// ## Why it matters
    /// The learner cannot pick the right answer: every learner is marked wrong, or the
    /// platform refuses the question. It usually comes from an option edited after the key
    /// was written (`She is twelve.` in the options, `She's twelve.` as the answer).
    ///
    /// ## Example
    /// ```yaml
    /// options: [red, green, blue]
    /// answer: yellow
    /// ```
    ///
    /// ## How to silence it
    /// Make the answer a copy of one of the options.
    pub static NOT_AN_OPTION = {
        code: "answer/not-an-option",
        severity: Error,
        summary: ("The correct answer is not one of the options.", "La bonne réponse ne fait pas partie des options."),
        fr: "## Ce que la règle vérifie
Dans un QCM, une réponse attendue qui n'est aucune des options (comparaison sans les espaces
de début et de fin, sans tenir compte des majuscules).

## Pourquoi
L'élève ne peut pas choisir la bonne réponse : tous les élèves sont notés faux, ou la
plateforme refuse la question. Cela vient en général d'une option modifiée après l'écriture
de la réponse (`She is twelve.` dans les options, `She's twelve.` comme réponse).

## Exemple
```yaml
options: [red, green, blue]
answer: yellow
```

## Comment la désactiver
Faites de la réponse une copie exacte de l'une des options.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// An item that asks for an answer but has none: a multiple-choice item with options and
    /// no correct answer (in GIFT, no answer with `=` or a positive weight), a true/false
    /// item without its `true` or `false`, a gap-fill item with gaps and no answers.
    ///
    /// ## Why it matters
    /// The platform cannot mark the learner's answer; some refuse to import the question,
    /// others mark every answer wrong.
    ///
    /// ## Example
    /// ```gift
    /// What colour is the sky? {~red ~green ~blue}
    /// ```
    ///
    /// ## How to silence it
    /// Mark the correct option (`=` in GIFT, `answer:` in the native format).
    pub static MISSING = {
        code: "answer/missing",
        severity: Error,
        summary: ("The item has no correct answer.", "L'item n'a pas de bonne réponse."),
        fr: "## Ce que la règle vérifie
Un item qui demande une réponse mais n'en a pas : un QCM avec des options et aucune bonne
réponse (en GIFT, aucune réponse marquée `=` ou de poids positif), un vrai/faux sans son
`true` ou `false`, un texte à trous avec des trous et aucune réponse.

## Pourquoi
La plateforme ne peut pas noter la réponse de l'élève ; certaines refusent d'importer la
question, d'autres notent toutes les réponses fausses.

## Exemple
```gift
What colour is the sky? {~red ~green ~blue}
```

## Comment la désactiver
Marquez la bonne option (`=` en GIFT, `answer:` dans le format natif).
",
    }
}

declare_rule! {
    /// ## What it checks
    /// Two options of a multiple-choice item that are the same text (after trimming white
    /// space and ignoring case). Reported on the second one.
    ///
    /// ## Why it matters
    /// The learner sees the same choice twice: if it is the right one, only one of the two
    /// copies may be marked right; if it is wrong, the item has one distractor fewer than
    /// intended. It is usually a copy-and-paste slip.
    ///
    /// ## Example
    /// ```yaml
    /// options: [goes, went, Goes]
    /// ```
    ///
    /// ## How to silence it
    /// Replace or remove the repeated option.
    pub static DUPLICATE_OPTION = {
        code: "answer/duplicate-option",
        severity: Warning,
        summary: ("Two options of the item are the same.", "Deux options de l'item sont identiques."),
        fr: "## Ce que la règle vérifie
Deux options d'un QCM qui sont le même texte (sans les espaces de début et de fin, sans
tenir compte des majuscules). Signalé sur la seconde.

## Pourquoi
L'élève voit deux fois le même choix : si c'est la bonne réponse, une seule des deux copies
peut être notée juste ; sinon, l'item a un distracteur de moins que prévu. C'est en général
une erreur de copier-coller.

## Exemple
```yaml
options: [goes, went, Goes]
```

## Comment la désactiver
Remplacez ou supprimez l'option répétée.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A gap-fill item whose number of gaps (runs of three underscores or more, `___`) is not
    /// its number of answers (one entry per gap; accepted alternatives of one gap count once).
    ///
    /// ## Why it matters
    /// With fewer answers than gaps, a gap cannot be marked; with more, the answers are shifted
    /// and every gap after the missing one is marked against the wrong key.
    ///
    /// ## Example
    /// ```yaml
    /// text: I ___ Tom. My sister ___ Anna.
    /// answers: [am]
    /// ```
    ///
    /// ## How to silence it
    /// Give one entry in `answers` per gap, in order (a list for accepted alternatives).
    pub static GAP_COUNT = {
        code: "answer/gap-count",
        severity: Error,
        summary: ("The number of gaps is not the number of answers.", "Le nombre de trous n'est pas le nombre de réponses."),
        fr: "## Ce que la règle vérifie
Un texte à trous dont le nombre de trous (suites d'au moins trois tirets bas, `___`) n'est
pas le nombre de réponses (une entrée par trou ; les variantes acceptées d'un même trou
comptent pour une).

## Pourquoi
Avec moins de réponses que de trous, un trou ne peut pas être corrigé ; avec plus, les
réponses sont décalées et chaque trou après celui qui manque est comparé à la mauvaise
réponse.

## Exemple
```yaml
text: I ___ Tom. My sister ___ Anna.
answers: [am]
```

## Comment la désactiver
Donnez une entrée de `answers` par trou, dans l'ordre (une liste pour les variantes).
",
    }
}

declare_rule! {
    /// ## What it checks
    /// An answer or an option that is empty or only white space.
    ///
    /// ## Why it matters
    /// An empty answer accepts an empty reply (the learner scores without writing anything),
    /// and an empty option is a blank button. Both usually come from a stray comma or an
    /// unfinished edit.
    ///
    /// ## Example
    /// ```yaml
    /// answers: [am, "  ", are]
    /// ```
    ///
    /// ## How to silence it
    /// Write the missing text or remove the entry.
    pub static EMPTY = {
        code: "answer/empty",
        severity: Error,
        summary: ("An answer or option is empty.", "Une réponse ou une option est vide."),
        fr: "## Ce que la règle vérifie
Une réponse ou une option vide ou faite seulement d'espaces.

## Pourquoi
Une réponse vide accepte une réponse vide (l'élève marque des points sans rien écrire), et
une option vide est un bouton blanc. Les deux viennent en général d'une virgule en trop ou
d'une modification inachevée.

## Exemple
```yaml
answers: [am, \"  \", are]
```

## Comment la désactiver
Écrivez le texte manquant ou supprimez l'entrée.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A true/false item whose answer is neither true nor false. Accepted: `true`, `false`,
    /// `T`, `F`, `yes`, `no`, `1`, `0`, and the words for true and false in French, Spanish,
    /// German and Italian (`vrai`, `faux`, `verdadero`, `falso`, `wahr`, `richtig`, `falsch`,
    /// `vero`…).
    ///
    /// ## Why it matters
    /// The platform cannot tell which button is right: the item is marked wrongly or not
    /// imported.
    ///
    /// ## Example
    /// ```yaml
    /// kind: true_false
    /// prompt: Paris is in Spain.
    /// answer: Madrid
    /// ```
    ///
    /// ## How to silence it
    /// Write `true` or `false` as the answer.
    pub static TRUE_FALSE = {
        code: "answer/true-false",
        severity: Error,
        summary: ("The key of a true/false item is neither true nor false.", "La réponse d'un vrai/faux n'est ni vrai ni faux."),
        fr: "## Ce que la règle vérifie
Un item vrai/faux dont la réponse n'est ni vrai ni faux. Acceptés : `true`, `false`, `T`,
`F`, `yes`, `no`, `1`, `0`, et les mots pour vrai et faux en français, espagnol, allemand et
italien (`vrai`, `faux`, `verdadero`, `falso`, `wahr`, `richtig`, `falsch`, `vero`…).

## Pourquoi
La plateforme ne peut pas savoir quel bouton est le bon : l'item est mal noté ou n'est pas
importé.

## Exemple
```yaml
kind: true_false
prompt: Paris is in Spain.
answer: Madrid
```

## Comment la désactiver
Écrivez `true` ou `false` comme réponse.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A matching item where a target-language side has no match (its other side is empty
    /// or missing), or where the same target-language side appears in two pairs (compared
    /// after trimming white space and ignoring case). A support-language side alone is not
    /// reported: GIFT writes extra distractors that way (`= -> extra`).
    ///
    /// ## Why it matters
    /// A side without a match cannot be answered; a side that appears twice has two correct
    /// matches, and the learner is marked wrong for one of them.
    ///
    /// ## Example
    /// ```yaml
    /// pairs:
    ///   - [mother, la mère]
    ///   - [mother, le père]
    /// ```
    ///
    /// ## How to silence it
    /// Give every pair two texts, and each target-language text once.
    pub static MATCHING = {
        code: "answer/matching",
        severity: Warning,
        summary: ("A matching pair is unmatched or matched twice.", "Une paire d'appariement est sans correspondance ou appariée deux fois."),
        fr: "## Ce que la règle vérifie
Un exercice d'appariement où un élément en langue cible n'a pas de correspondance (son autre
côté est vide ou absent), ou où le même élément en langue cible figure dans deux paires
(comparaison sans les espaces de début et de fin, sans tenir compte des majuscules). Un
élément en langue d'appui seul n'est pas signalé : GIFT écrit ainsi des distracteurs
supplémentaires (`= -> extra`).

## Pourquoi
Un élément sans correspondance ne peut pas être associé ; un élément présent deux fois a
deux bonnes correspondances, et l'élève est noté faux pour l'une des deux.

## Exemple
```yaml
pairs:
  - [mother, la mère]
  - [mother, le père]
```

## Comment la désactiver
Donnez deux textes à chaque paire, et chaque texte en langue cible une seule fois.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A gap right after a subject pronoun at the start of a sentence (or after *and*,
    /// *but*…), whose answer is a form of *be*, *have* or *do* (English), *être* or *avoir*
    /// (French), *ser*, *estar*, *tener* or *haber* (Spanish), *sein* or *haben* (German),
    /// *essere* or *avere* (Italian) that cannot agree with that pronoun: `She ___ a doctor.`
    /// with the key `are`. Only these small verb tables and unambiguous pronouns are used
    /// (German `es` is left out: *Es sind drei*), so the rule stays silent when unsure.
    ///
    /// ## Why it matters
    /// The key teaches a mistake, and learners who write the right form are marked wrong.
    ///
    /// ## Example
    /// ```yaml
    /// text: She ___ a doctor. Nous ___ fatigués.
    /// answers: [are, êtes]
    /// ```
    ///
    /// ## How to silence it
    /// Correct the key. If the gap is not meant for the verb of that pronoun, reword the
    /// sentence so that the pronoun is not right before the gap.
    pub static AGREEMENT = {
        code: "answer/agreement",
        severity: Warning,
        summary: ("The answer key does not agree with the subject pronoun before the gap.", "La réponse attendue ne s'accorde pas avec le pronom sujet avant le trou."),
        fr: "## Ce que la règle vérifie
Un trou juste après un pronom sujet en début de phrase (ou après *et*, *mais*…), dont la
réponse est une forme de *be*, *have* ou *do* (anglais), *être* ou *avoir* (français),
*ser*, *estar*, *tener* ou *haber* (espagnol), *sein* ou *haben* (allemand), *essere* ou
*avere* (italien) qui ne peut pas s'accorder avec ce pronom : `She ___ a doctor.` avec la
réponse `are`. Seules ces petites tables de verbes et des pronoms sans ambiguïté sont
utilisés (l'allemand `es` est exclu : *Es sind drei*) : la règle se tait dans le doute.

## Pourquoi
La réponse enseigne une faute, et les élèves qui écrivent la bonne forme sont notés faux.

## Exemple
```yaml
text: She ___ a doctor. Nous ___ fatigués.
answers: [are, êtes]
```

## Comment la désactiver
Corrigez la réponse. Si le trou n'est pas le verbe de ce pronom, reformulez la phrase pour
que le pronom ne précède pas directement le trou.
",
    }
}

/// A text compared as a learner would see it: white space collapsed, case ignored.
pub fn normalise(s: &str) -> String {
    // `Σ` lower-cases by its neighbours: such texts take the general way below.
    if crate::analyse::segment::contains_char(s, 'Σ') {
        return normalise_slow(s);
    }
    // One pass: white space collapsed and each character lower-cased (the same as
    // lower-casing the collapsed text, as no other character depends on its neighbours).
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`normalise`] in two steps: white space collapsed, then the text lower-cased.
fn normalise_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

fn quoted(s: &str) -> String {
    let t = s.trim();
    if t.chars().count() > 60 {
        format!("{}…", t.chars().take(60).collect::<String>())
    } else {
        t.to_string()
    }
}

declare_rule! {
    /// ## What it checks
    /// A single-choice item with more than one correct answer: a Moodle multiple-choice
    /// question set to "one answer only" with several answers at full marks, or a GIFT
    /// question with several `=` answers and no `%weights%` (Moodle imports it as
    /// single-choice). Reported at the second correct answer. Formats that do not say whether
    /// an item is single- or multiple-choice are not judged.
    ///
    /// ## Why it matters
    /// The learner is told to choose one answer, yet two are keyed right: usually a slip (a
    /// distractor marked `=` instead of `~`), sometimes two right answers where only one was
    /// meant. Either way the item does not test what it claims.
    ///
    /// ## Example
    /// ```gift
    /// Which one is a fruit? {=apple =chair ~table}
    /// ```
    ///
    /// ## How to silence it
    /// Mark the distractors as wrong (`~`), or make the item a multiple-answer question
    /// (GIFT: `~%50%apple ~%50%pear`; Moodle: "Multiple answers allowed").
    pub static SEVERAL_CORRECT = {
        code: "answer/several-correct",
        severity: Warning,
        summary: ("A single-choice item has more than one correct answer.", "Un item à choix unique a plusieurs bonnes réponses."),
        fr: "## Ce que la règle vérifie
Un item à choix unique avec plus d'une bonne réponse : une question Moodle à choix multiple
réglée sur « une seule réponse » avec plusieurs réponses à la note maximale, ou une question
GIFT avec plusieurs réponses `=` et aucun `%poids%` (Moodle l'importe en choix unique).
Signalé à la deuxième bonne réponse. Les formats qui ne disent pas si un item est à choix
unique ou multiple ne sont pas jugés.

## Pourquoi
On demande à l'élève de choisir une réponse, mais deux sont marquées justes : le plus
souvent une erreur (un distracteur marqué `=` au lieu de `~`), parfois deux bonnes réponses
là où une seule était voulue. Dans les deux cas, l'item ne mesure pas ce qu'il annonce.

## Exemple
```gift
Which one is a fruit? {=apple =chair ~table}
```

## Comment la désactiver
Marquez les distracteurs comme faux (`~`), ou faites de l'item une question à réponses
multiples (GIFT : `~%50%apple ~%50%pear` ; Moodle : « Plusieurs réponses permises »).
",
    }
}

/// Runs every `answer/*` check on one item.
pub fn check(cx: &Context<'_>, item: &Item, out: &mut Vec<Finding>) {
    let fields = |role: Role| item.fields.iter().filter(move |f| f.role == role);
    let options: Vec<&Field> = fields(Role::Option).collect();
    let answers: Vec<&Field> = fields(Role::Answer).collect();
    let push = |out: &mut Vec<Finding>, rule, span, msg: Msg, ev: Vec<Evidence>| {
        out.push(
            Finding::at(rule, cx.src, span, msg)
                .with_item(item.id.clone())
                .with_evidence(ev),
        );
    };

    // Empty answers and options.
    for f in answers.iter().chain(&options) {
        if f.text.as_str().trim().is_empty() {
            let (en, fr) = if f.role == Role::Answer {
                ("this answer is empty", "cette réponse est vide")
            } else {
                ("this option is empty", "cette option est vide")
            };
            push(out, &EMPTY, f.span, Msg::new(en, fr), Vec::new());
        }
    }

    match item.kind {
        ItemKind::MultipleChoice if options.len() >= 2 => {
            check_options(cx, item, &options, &answers, out);
        }
        ItemKind::TrueFalse => check_true_false(cx, item, &answers, out),
        ItemKind::Matching => check_matching(cx, item, out),
        _ => {}
    }

    // Gaps against answers.
    let gapped: Vec<&Field> = item
        .fields
        .iter()
        .filter(|f| matches!(f.role, Role::Prompt | Role::Text))
        .filter(|f| !crate::analyse::gaps(f.text.as_str()).is_empty())
        .collect();
    let gap_total: usize = gapped
        .iter()
        .map(|f| crate::analyse::gaps(f.text.as_str()).len())
        .sum();
    if item.kind == ItemKind::GapFill && gap_total > 0 {
        let mut slots: Vec<u32> = answers.iter().map(|a| a.slot).collect();
        slots.sort_unstable();
        slots.dedup();
        let f = gapped[0];
        if slots.is_empty() {
            push(
                out,
                &MISSING,
                f.span,
                Msg::new(
                    format!("{gap_total} gap(s) but no answer"),
                    format!("{gap_total} trou(s) mais aucune réponse"),
                ),
                Vec::new(),
            );
        } else if slots.len() != gap_total {
            let n = slots.len();
            push(
                out,
                &GAP_COUNT,
                f.span,
                Msg::new(
                    format!("{gap_total} gap(s) but {n} answer(s)"),
                    format!("{gap_total} trou(s) mais {n} réponse(s)"),
                ),
                Vec::new(),
            );
        }
    }
    if let Some(lang) = item.target_language() {
        for f in &gapped {
            check_agreement(cx, item, f, lang.as_str(), out);
        }
    }
}

fn check_options(
    cx: &Context<'_>,
    item: &Item,
    options: &[&Field],
    answers: &[&Field],
    out: &mut Vec<Finding>,
) {
    let norm: Vec<String> = options.iter().map(|o| normalise(o.text.as_str())).collect();
    for (i, o) in options.iter().enumerate() {
        if norm[i].is_empty() {
            continue;
        }
        if let Some(j) = norm[..i].iter().position(|n| *n == norm[i]) {
            let t = quoted(o.text.as_str());
            out.push(
                Finding::at(
                    &DUPLICATE_OPTION,
                    cx.src,
                    o.span,
                    Msg::new(
                        format!("the option `{t}` is already option {}", j + 1),
                        format!("l'option « {t} » est déjà l'option {}", j + 1),
                    ),
                )
                .with_item(item.id.clone())
                .with_evidence(vec![related(cx, options[j], "first occurrence")]),
            );
        }
    }
    if answers.is_empty() {
        out.push(
            Finding::at(
                &MISSING,
                cx.src,
                options[0].span,
                Msg::new(
                    format!("{} options but no correct answer", options.len()),
                    format!("{} options mais aucune bonne réponse", options.len()),
                ),
            )
            .with_item(item.id.clone()),
        );
        return;
    }
    if item.single_answer == Some(true) {
        let mut seen: Vec<String> = Vec::new();
        for a in answers {
            let n = normalise(a.text.as_str());
            if n.is_empty() || seen.contains(&n) {
                continue;
            }
            seen.push(n);
            if seen.len() == 2 {
                let t = quoted(a.text.as_str());
                let first = quoted(answers[0].text.as_str());
                out.push(
                    Finding::at(
                        &SEVERAL_CORRECT,
                        cx.src,
                        a.span,
                        Msg::new(
                            format!("`{t}` is keyed correct as well as `{first}`, in an item where one answer is expected"),
                            format!("« {t} » est marquée juste en plus de « {first} », dans un item qui attend une seule réponse"),
                        ),
                    )
                    .with_item(item.id.clone()),
                );
            }
        }
    }
    for a in answers {
        let n = normalise(a.text.as_str());
        if n.is_empty() || norm.contains(&n) {
            continue;
        }
        let t = quoted(a.text.as_str());
        out.push(
            Finding::at(
                &NOT_AN_OPTION,
                cx.src,
                a.span,
                Msg::new(
                    format!("the answer `{t}` is none of the {} options", options.len()),
                    format!(
                        "la réponse « {t} » ne fait pas partie des {} options",
                        options.len()
                    ),
                ),
            )
            .with_item(item.id.clone()),
        );
    }
}

/// Words that mean true or false in the supported languages (and the usual short forms).
const TRUTH_WORDS: &[&str] = &[
    "true",
    "false",
    "t",
    "f",
    "yes",
    "no",
    "1",
    "0",
    "vrai",
    "faux",
    "v",
    "oui",
    "non",
    "verdadero",
    "falso",
    "sí",
    "si",
    "wahr",
    "richtig",
    "falsch",
    "ja",
    "nein",
    "vero",
];

fn check_true_false(cx: &Context<'_>, item: &Item, answers: &[&Field], out: &mut Vec<Finding>) {
    if answers.is_empty() {
        let span = item
            .fields
            .iter()
            .find(|f| f.role == Role::Prompt)
            .map_or(crate::source::Span::empty(item.span.start), |f| f.span);
        out.push(
            Finding::at(
                &MISSING,
                cx.src,
                span,
                Msg::new(
                    "a true/false item without its answer",
                    "un vrai/faux sans sa réponse",
                ),
            )
            .with_item(item.id.clone()),
        );
        return;
    }
    for a in answers {
        let n = normalise(a.text.as_str());
        let n = n.trim_end_matches(['.', '!']);
        if n.is_empty() || TRUTH_WORDS.contains(&n) {
            continue;
        }
        let t = quoted(a.text.as_str());
        out.push(
            Finding::at(
                &TRUE_FALSE,
                cx.src,
                a.span,
                Msg::new(
                    format!("`{t}` is neither true nor false"),
                    format!("« {t} » n'est ni vrai ni faux"),
                ),
            )
            .with_item(item.id.clone()),
        );
    }
}

fn check_matching(cx: &Context<'_>, item: &Item, out: &mut Vec<Finding>) {
    let targets: Vec<&Field> = item
        .fields
        .iter()
        .filter(|f| f.role == Role::PairTarget)
        .collect();
    let mut seen: Vec<(String, &Field)> = Vec::new();
    for t in &targets {
        let n = normalise(t.text.as_str());
        if n.is_empty() {
            continue;
        }
        let support = item
            .fields
            .iter()
            .find(|f| f.role == Role::PairSupport && f.slot == t.slot);
        if support.is_none_or(|s| s.text.as_str().trim().is_empty()) {
            let q = quoted(t.text.as_str());
            out.push(
                Finding::at(
                    &MATCHING,
                    cx.src,
                    t.span,
                    Msg::new(
                        format!("`{q}` has nothing to be matched with"),
                        format!("« {q} » n'a rien à quoi être associé"),
                    ),
                )
                .with_item(item.id.clone()),
            );
        }
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == n) {
            let q = quoted(t.text.as_str());
            out.push(
                Finding::at(
                    &MATCHING,
                    cx.src,
                    t.span,
                    Msg::new(
                        format!("`{q}` appears in two pairs"),
                        format!("« {q} » figure dans deux paires"),
                    ),
                )
                .with_item(item.id.clone())
                .with_evidence(vec![related(cx, first, "first occurrence")]),
            );
        } else {
            seen.push((n, t));
        }
    }
}

/// Another place of the same file that the finding refers to.
fn related(cx: &Context<'_>, f: &Field, what: &str) -> Evidence {
    Evidence {
        kind: EvidenceKind::Related,
        text: cx
            .src
            .text
            .get(f.span.start..f.span.end)
            .unwrap_or(f.text.as_str())
            .to_string(),
        localized: None,
        level: None,
        detail: Some(what.to_string()),
        location: Some(cx.src.location(f.span)),
    }
}

// Persons as bits: 1st, 2nd, 3rd singular, then plural.
const S1: u8 = 1;
const S2: u8 = 2;
const S3: u8 = 4;
const P1: u8 = 8;
const P2: u8 = 16;
const P3: u8 = 32;
const NOT_S3: u8 = S1 | S2 | P1 | P2 | P3;
const PLURAL_LIKE: u8 = S2 | P1 | P2 | P3;

/// Subject pronouns and the persons they stand for.
fn pronoun(lang: &str, w: &str) -> Option<u8> {
    Some(match (lang, w) {
        ("en", "i") => S1,
        ("en", "you") => S2 | P2,
        ("en", "he" | "she" | "it") => S3,
        ("en", "we") => P1,
        ("en", "they") => P3,
        ("fr", "je" | "j'" | "j’") => S1,
        ("fr", "tu") => S2,
        ("fr", "il" | "elle" | "on") => S3,
        ("fr", "nous") => P1,
        ("fr", "vous") => P2,
        ("fr", "ils" | "elles") => P3,
        ("es", "yo") => S1,
        ("es", "tú") => S2,
        ("es", "él" | "ella" | "usted") => S3,
        ("es", "nosotros" | "nosotras") => P1,
        ("es", "vosotros" | "vosotras") => P2,
        ("es", "ellos" | "ellas" | "ustedes") => P3,
        ("de", "ich") => S1,
        ("de", "du") => S2,
        ("de", "er") => S3,
        ("de", "sie") => S3 | P3,
        ("de", "wir") => P1,
        ("de", "ihr") => P2,
        ("it", "io") => S1,
        ("it", "tu") => S2,
        ("it", "lui" | "lei") => S3,
        ("it", "noi") => P1,
        ("it", "voi") => P2,
        ("it", "loro") => P3,
        _ => return None,
    })
}

/// Present (and English past) forms of be/have/do and their equivalents, with the persons
/// they can agree with.
fn verb_form(lang: &str, w: &str) -> Option<u8> {
    Some(match (lang, w) {
        ("en", "am") => S1,
        ("en", "is" | "isn't" | "has" | "hasn't" | "does" | "doesn't") => S3,
        ("en", "are" | "aren't" | "were" | "weren't") => PLURAL_LIKE,
        ("en", "was" | "wasn't") => S1 | S3,
        ("en", "have" | "haven't" | "do" | "don't") => NOT_S3,
        // `suis` is also `suivre` (je/tu suis).
        ("fr", "suis") => S1 | S2,
        ("fr", "es" | "as") => S2,
        ("fr", "est" | "a") => S3,
        ("fr", "sommes" | "avons") => P1,
        ("fr", "êtes" | "avez") => P2,
        ("fr", "sont" | "ont") => P3,
        ("es", "soy" | "estoy" | "tengo" | "he") => S1,
        ("es", "eres" | "estás" | "tienes" | "has") => S2,
        ("es", "es" | "está" | "tiene" | "ha") => S3,
        ("es", "somos" | "estamos" | "tenemos" | "hemos") => P1,
        ("es", "sois" | "estáis" | "tenéis" | "habéis") => P2,
        ("es", "son" | "están" | "tienen" | "han") => P3,
        ("de", "bin" | "habe") => S1,
        ("de", "bist" | "hast") => S2,
        ("de", "ist" | "hat") => S3,
        ("de", "sind" | "haben") => P1 | P3,
        ("de", "seid" | "habt") => P2,
        ("it", "sono") => S1 | P3,
        ("it", "ho") => S1,
        ("it", "sei" | "hai") => S2,
        ("it", "è" | "ha") => S3,
        ("it", "siamo" | "abbiamo") => P1,
        ("it", "siete" | "avete") => P2,
        ("it", "hanno") => P3,
        _ => return None,
    })
}

/// Words after which a pronoun still starts a clause as its subject.
fn clause_opener(lang: &str, w: &str) -> bool {
    matches!(
        (lang, w),
        ("en", "and" | "but")
            | ("fr", "et" | "mais")
            | ("es", "y" | "pero")
            | ("de", "und" | "aber")
            | ("it", "e" | "ma")
    )
}

/// The word that ends `s` (letters and apostrophes), and what is before it.
fn last_word(s: &str) -> (&str, &str) {
    let end = s.trim_end();
    let start = end
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '\'' || *c == '’')
        .last()
        .map_or(end.len(), |(i, _)| i);
    (&end[start..], &end[..start])
}

fn check_agreement(
    cx: &Context<'_>,
    item: &Item,
    field: &Field,
    lang: &str,
    out: &mut Vec<Finding>,
) {
    let text = field.text.as_str();
    let gaps = crate::analyse::gaps(text);
    for (k, g) in gaps.iter().enumerate() {
        let before = &text[..g.start];
        // `J'___`: the elided pronoun is glued to the gap.
        let glued = !before.ends_with(char::is_whitespace);
        let (word, rest) = last_word(before);
        let lower = word.to_lowercase();
        if glued && !(lower.ends_with('\'') || lower.ends_with('’')) {
            continue;
        }
        let Some(persons) = pronoun(lang, &lower) else {
            continue;
        };
        // The pronoun must open a clause: start of the text, after sentence punctuation, or
        // after `and`/`but` that themselves open one.
        let rest_t = rest.trim_end();
        let opens = match rest_t.chars().last() {
            None => true,
            Some(c) if ".!?:;\"«“—–-(¿¡".contains(c) => true,
            Some(_) => {
                let (w2, rest2) = last_word(rest_t);
                clause_opener(lang, &w2.to_lowercase())
                    && rest2
                        .trim_end()
                        .chars()
                        .last()
                        .is_none_or(|c| ".!?:;,\"«“—–-".contains(c))
            }
        };
        if !opens {
            continue;
        }
        let slot = if gaps.len() == 1 { 0 } else { k as u32 };
        for a in item
            .fields
            .iter()
            .filter(|f| f.role == Role::Answer && f.slot == slot)
        {
            let first = a
                .text
                .as_str()
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
                .to_lowercase()
                .replace('’', "'");
            let Some(forms) = verb_form(lang, &first) else {
                continue;
            };
            if forms & persons != 0 {
                continue;
            }
            let key = quoted(a.text.as_str());
            out.push(
                Finding::at(
                    &AGREEMENT,
                    cx.src,
                    a.span,
                    Msg::new(
                        format!("`{word} {key}`: `{key}` does not agree with `{word}`"),
                        format!("« {word} {key} » : « {key} » ne s'accorde pas avec « {word} »"),
                    ),
                )
                .with_item(item.id.clone())
                .with_evidence(vec![Evidence {
                    kind: EvidenceKind::Related,
                    text: word.to_string(),
                    localized: None,
                    level: None,
                    detail: Some("subject".into()),
                    location: Some(
                        cx.src
                            .location(field.text.source_span(rest.len(), rest.len() + word.len())),
                    ),
                }]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_on_common_pairs() {
        let ok = |l, p, v| pronoun(l, p).unwrap() & verb_form(l, v).unwrap() != 0;
        assert!(ok("en", "she", "is") && !ok("en", "she", "are"));
        assert!(ok("en", "you", "are") && !ok("en", "i", "is"));
        assert!(ok("fr", "nous", "sommes") && !ok("fr", "nous", "êtes"));
        assert!(ok("fr", "tu", "suis"), "suivre");
        assert!(ok("es", "yo", "soy") && !ok("es", "ellos", "es"));
        assert!(ok("de", "sie", "sind") && ok("de", "sie", "ist") && !ok("de", "ich", "ist"));
        assert!(ok("it", "loro", "sono") && !ok("it", "noi", "sono"));
        assert!(pronoun("de", "es").is_none());
    }

    #[test]
    fn last_word_splits_elisions_and_words() {
        assert_eq!(last_word("Hello. She "), ("She", "Hello. "));
        assert_eq!(last_word("J'"), ("J'", ""));
        assert_eq!(normalise("  She  IS\ttwelve. "), "she is twelve.");
        // Final sigma, white space outside ASCII, letters that lower-case to two.
        for t in [
            "ΟΔΟΣ ΟΔΟΣ.",
            "ΣΑΣ",
            "\u{A0}Été\u{2003}À\u{B}  İstanbul\u{85}x ",
            "",
            " \t ",
            "ẞ straße",
        ] {
            assert_eq!(normalise(t), normalise_slow(t), "{t:?}");
        }
        let common: Vec<char> = "aB é\u{A0}\tÉİ\u{2003}\u{B}".chars().collect();
        let rare: Vec<char> = "Σẞ\u{85}\u{1F600}ǅ".chars().collect();
        for t in crate::analyse::random_text::texts(9, &common, &rare, 12, 4, 50_000) {
            assert_eq!(normalise(&t), normalise_slow(&t), "{t:?}");
        }
    }
}
