//! `level/*`: an item or lesson whose estimated level is far from its declared level.

use super::{Context, ItemContext};
use crate::analyse::estimate::{estimate, Estimate, Features};
use crate::analyse::ItemAnalysis;
use crate::declare_rule;
use crate::findings::{Evidence, EvidenceKind, Finding, Msg};
use crate::model::{ItemKind, Level};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The level estimated from the item's text is at least two levels above its declared
    /// level (the gap is set by `--level-threshold`), and the estimate is confident enough
    /// (enough words with a known level). A lesson whose items share one declared level is
    /// also judged as a whole: the finding then points at the lesson's `level:`.
    ///
    /// The estimate combines the vocabulary profile (the level of the hardest words), the
    /// hardest grammar structure and sentence length; `docs/estimator.md` gives the formula
    /// and `rules/estimator.yaml` its weights. The evidence lists the words and structures
    /// that pulled the estimate up.
    ///
    /// ## Why it matters
    /// This is the mislabelling that teachers meet most: an "A1" lesson that needs B2
    /// reading. Pupils fail, lose confidence, and the teacher has to rewrite the lesson.
    ///
    /// ## Example
    /// An "A1" reading text full of words such as *notwithstanding*, *unprecedented* and
    /// *infrastructure*, in 25-word sentences with passives.
    ///
    /// ## How to silence it
    /// Simplify the text or declare the level it really has. When cefrlint is unsure (short
    /// items, many unknown words) it says nothing.
    pub static ABOVE_DECLARED = {
        code: "level/above-declared",
        severity: Error,
        summary: ("The estimated level is two or more levels above the declared level.", "Le niveau estimé est d'au moins deux niveaux au-dessus du niveau déclaré."),
        fr: "## Ce que la règle vérifie
Le niveau estimé à partir du texte de l'item est d'au moins deux niveaux au-dessus du niveau
déclaré (l'écart se règle avec `--level-threshold`), et l'estimation est assez sûre (assez de
mots de niveau connu). Une leçon dont les items partagent un même niveau déclaré est aussi
jugée dans son ensemble : le signalement pointe alors sur le `level:` de la leçon.

L'estimation combine le profil lexical (le niveau des mots les plus difficiles), la structure
grammaticale la plus difficile et la longueur des phrases ; `docs/estimator.md` donne la
formule et `rules/estimator.yaml` ses poids. Les preuves listent les mots et structures qui
ont tiré l'estimation vers le haut.

## Pourquoi
C'est l'erreur d'étiquetage que les enseignants rencontrent le plus : une leçon « A1 » qui
exige une lecture de niveau B2. Les élèves échouent, perdent confiance, et l'enseignant doit
réécrire la leçon.

## Exemple
Un texte de lecture « A1 » rempli de mots comme *notwithstanding*, *unprecedented* et
*infrastructure*, en phrases de 25 mots avec des passifs.

## Comment la désactiver
Simplifiez le texte ou déclarez le niveau qu'il a réellement. Quand cefrlint n'est pas sûr
(items courts, nombreux mots inconnus), il ne dit rien.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// The level estimated from the item's text is at least two levels below its declared
    /// level, the estimate is confident enough, and no grammar structure of the text comes
    /// near the declared level (texts of every level are mostly made of common words, so
    /// easy words alone prove nothing). Only reading material (items of kind `text` and
    /// `dialogue`) is judged: an exercise's difficulty lies in the structure it drills.
    /// Languages without grammar rules never get this finding. A lesson whose reading items
    /// share one declared level is also judged as a whole.
    ///
    /// ## Why it matters
    /// A "B2" lesson made of A1 sentences wastes the learners' time and misleads a buyer who
    /// pays for B2 content.
    ///
    /// ## Example
    /// ```yaml
    /// level: B2
    /// items:
    ///   - text: I have a cat. My cat is black. It is small. I like my cat.
    /// ```
    ///
    /// ## How to silence it
    /// Declare the level the text really has, or replace it with a text of the declared
    /// level.
    pub static BELOW_DECLARED = {
        code: "level/below-declared",
        severity: Warning,
        summary: ("The estimated level is two or more levels below the declared level.", "Le niveau estimé est d'au moins deux niveaux en dessous du niveau déclaré."),
        fr: "## Ce que la règle vérifie
Le niveau estimé à partir du texte de l'item est d'au moins deux niveaux en dessous du niveau
déclaré, l'estimation est assez sûre, et aucune structure grammaticale du texte n'approche le
niveau déclaré (les textes de tout niveau sont faits surtout de mots courants : des mots
faciles ne prouvent rien à eux seuls). Seuls les supports de lecture (items de type `text`
et `dialogue`) sont jugés : la difficulté d'un exercice tient à la structure qu'il fait
travailler. Les langues sans règles de grammaire ne reçoivent jamais ce signalement. Une
leçon dont les supports de lecture partagent un même niveau déclaré est aussi jugée dans son
ensemble.

## Pourquoi
Une leçon « B2 » faite de phrases de niveau A1 fait perdre leur temps aux élèves et trompe
l'acheteur qui paie un contenu B2.

## Exemple
```yaml
level: B2
items:
  - text: I have a cat. My cat is black. It is small. I like my cat.
```

## Comment la désactiver
Déclarez le niveau réel du texte, ou remplacez-le par un texte du niveau déclaré.
",
    }
}

/// The estimate against the declared level: `Some(above?)` when far enough and sure enough.
///
/// "Below" needs more than easy words, since texts of every level are mostly made of common
/// words: it is only considered when `can_be_below` (reading material in a language with
/// grammar rules), and no structure found may be within `level_threshold` levels of the
/// declared level.
fn verdict(
    cx: &Context<'_>,
    e: &Estimate,
    declared: Level,
    min_confidence: f64,
    can_be_below: bool,
) -> Option<bool> {
    if e.confidence < min_confidence {
        return None;
    }
    let d = e.level.distance(declared);
    let t = cx.settings.threshold("level");
    if d >= t {
        Some(true)
    } else if -d >= t {
        let declared_score = declared.index() as f64 + 1.0;
        let grammar_low = e.grammar.is_none_or(|g| g <= declared_score - t as f64);
        (can_be_below && grammar_low).then_some(false)
    } else {
        None
    }
}

fn evidence(
    cx: &Context<'_>,
    e: &Estimate,
    declared: Level,
    analyses: &[&ItemAnalysis],
    above: bool,
) -> Vec<Evidence> {
    let grammar = e.grammar.map_or("-".to_string(), |g| format!("{g:.1}"));
    let note = Msg::new(
        format!(
            "score {:.2} (vocabulary {:.1}, grammar {grammar}, sentence length {:.1}), confidence {:.2}, {} graded words",
            e.score, e.vocabulary, e.length, e.confidence, e.graded_words
        ),
        format!(
            "score {:.2} (vocabulaire {:.1}, grammaire {grammar}, longueur des phrases {:.1}), confiance {:.2}, {} mots gradués",
            e.score, e.vocabulary, e.length, e.confidence, e.graded_words
        ),
    );
    let mut ev = vec![Evidence {
        kind: EvidenceKind::Measure,
        text: note.en.clone(),
        localized: Some(note),
        level: Some(e.level),
        detail: None,
        location: None,
    }];
    if !above {
        return ev;
    }
    let mut words: Vec<_> = analyses
        .iter()
        .flat_map(|a| a.words.iter())
        .filter(|w| w.level > declared)
        .collect();
    words.sort_by(|a, b| b.level.cmp(&a.level).then(a.span.start.cmp(&b.span.start)));
    let mut seen = Vec::new();
    for w in words {
        if seen.len() >= 5 {
            break;
        }
        if seen.contains(&w.lemma) {
            continue;
        }
        seen.push(w.lemma.clone());
        ev.push(super::word_evidence(cx.src, w));
    }
    let mut structs: Vec<_> = analyses
        .iter()
        .flat_map(|a| a.structures.iter())
        .filter(|s| s.level > declared)
        .collect();
    structs.sort_by(|a, b| b.level.cmp(&a.level).then(a.span.start.cmp(&b.span.start)));
    for s in structs.into_iter().take(3) {
        ev.push(super::structure_evidence(cx.src, s, None));
    }
    ev
}

/// Where a declared value is written: in the checked file, or in another file of its package
/// (an H5P package's `h5p.json`, a content package's `imsmanifest.xml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclaredAt {
    Here(Span),
    There(crate::source::Location),
}

impl DeclaredAt {
    /// Where `d` is written, when the file says (not for the command line or configuration).
    pub fn of<T>(d: &crate::model::Declared<T>) -> Option<DeclaredAt> {
        match (&d.elsewhere, d.span) {
            (Some(loc), _) => Some(DeclaredAt::There(loc.clone())),
            (None, Some(s)) => Some(DeclaredAt::Here(s)),
            (None, None) => None,
        }
    }

    /// A finding at the declaration (with its context lines when it is in `src`).
    pub fn finding(
        &self,
        rule: &'static super::RuleInfo,
        src: &crate::source::SourceFile,
        msg: Msg,
    ) -> Finding {
        match self {
            DeclaredAt::Here(span) => Finding::at(rule, src, *span, msg),
            DeclaredAt::There(loc) => Finding::new(rule, loc.clone(), msg),
        }
    }
}

fn finding(
    cx: &Context<'_>,
    span: DeclaredAt,
    (what_en, what_fr): (&str, &str),
    e: &Estimate,
    declared: Level,
    above: bool,
    ev: Vec<Evidence>,
) -> Finding {
    let (rule, en, fr) = if above {
        (&ABOVE_DECLARED, "above", "au-dessus du")
    } else {
        (&BELOW_DECLARED, "below", "en dessous du")
    };
    let msg = Msg::new(
        format!(
            "{what_en} reads as {} (score {:.2}, confidence {:.2}), {en} its declared {declared}",
            e.level, e.score, e.confidence
        ),
        format!(
            "{what_fr} correspond à un niveau {} (score {:.2}, confiance {:.2}), {fr} niveau déclaré {declared}",
            e.level, e.score, e.confidence
        ),
    );
    span.finding(rule, cx.src, msg).with_evidence(ev)
}

/// Item-level verdict. The finding points at the item's own `level:` when it has one, at the
/// item's start otherwise.
pub fn check_item(cx: &Context<'_>, it: &ItemContext<'_>, out: &mut Vec<Finding>) {
    let (Some(decl), Some(e)) = (it.item.level.as_ref(), it.analysis.estimate.as_ref()) else {
        return;
    };
    let Some(declared) = decl.value else { return };
    // Only reading material can be judged "too easy": an exercise's difficulty lies in its
    // task (the structure it drills), which easy words say nothing about.
    let can_be_below = is_reading(it.item) && it.rules.is_some_and(|r| !r.grammar.is_empty());
    let Some(above) = verdict(cx, e, declared, it.min_confidence(), can_be_below) else {
        return;
    };
    let span = match (decl.origin, decl.span) {
        (crate::model::Origin::Item, Some(s)) => DeclaredAt::Here(s),
        _ => DeclaredAt::Here(Span::empty(it.item.span.start)),
    };
    let ev = evidence(cx, e, declared, &[it.analysis], above);
    out.push(
        finding(cx, span, ("the item", "l'item"), e, declared, above, ev)
            .with_item(it.item.id.clone()),
    );
}

/// Reading material: texts and dialogues, as opposed to exercises.
fn is_reading(item: &crate::model::Item) -> bool {
    matches!(item.kind, ItemKind::Text | ItemKind::Dialogue)
}

/// Lesson-level verdict over the items that share one inherited declaration: "above" over
/// all of them, "below" over their reading material. Returns true when a finding was made
/// (the items' own level findings are then left out).
pub fn check_group(
    cx: &Context<'_>,
    lesson_id: Option<&str>,
    declared: Level,
    span: &DeclaredAt,
    items: &[(&crate::model::Item, &ItemAnalysis)],
    rules: &crate::ruleset::LangRules,
    out: &mut Vec<Finding>,
) -> bool {
    let estimator = &rules.estimator;
    let merged = |keep: &dyn Fn(&crate::model::Item) -> bool| {
        let mut feats = Features::default();
        let mut analyses = Vec::new();
        for (_, a) in items.iter().filter(|(i, _)| keep(i)) {
            feats.merge(&a.features);
            analyses.push(*a);
        }
        (estimate(&feats, estimator), analyses)
    };
    let (all, all_analyses) = merged(&|_| true);
    let mut verdict_of = None;
    if let Some(e) = all {
        if verdict(cx, &e, declared, estimator.min_to_report, false) == Some(true) {
            verdict_of = Some((e, all_analyses, true));
        }
    }
    if verdict_of.is_none() && !rules.grammar.is_empty() {
        let (reading, analyses) = merged(&is_reading);
        if let Some(e) = reading.filter(|_| analyses.len() >= 2) {
            if verdict(cx, &e, declared, estimator.min_to_report, true) == Some(false) {
                verdict_of = Some((e, analyses, false));
            }
        }
    }
    let Some((e, analyses, above)) = verdict_of else {
        return false;
    };
    let ev = evidence(cx, &e, declared, &analyses, above);
    let (en, fr) = match lesson_id {
        Some(id) => (format!("lesson `{id}`"), format!("la leçon « {id} »")),
        None => ("the lesson".to_string(), "la leçon".to_string()),
    };
    out.push(finding(
        cx,
        span.clone(),
        (&en, &fr),
        &e,
        declared,
        above,
        ev,
    ));
    true
}
