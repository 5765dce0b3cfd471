//! `language/*`: fields written in another language than the one their role calls for.
//!
//! Two signals must agree before anything is said: whatlang's trigram guess (restricted to
//! the five languages cefrlint knows) and lexicon coverage, the share of the field's words
//! that each language's graded lexicon or spelling dictionary knows. Short fields, fields
//! made mostly of names and numbers, and fields whose words the expected language knows
//! well enough are never judged.

use super::Context;
use crate::analyse::segment::{self, Token, TokenKind};
use crate::analyse::vocabulary::VocabStats;
use crate::analyse::word_memo;
use crate::analyse::ItemAnalysis;
use crate::declare_rule;
use crate::findings::{Evidence, EvidenceKind, Finding, Msg};
use crate::model::{Field, Item, LangRole};
use crate::ruleset::RuleSets;
use rustc_hash::FxHashMap;

declare_rule! {
    /// ## What it checks
    /// A field that should be in the target language (a prompt, a text, an example, a line
    /// of dialogue, a subtitle) but is written in another language. cefrlint reports it only
    /// when two signals agree: a statistical language guess (whatlang, among English, French,
    /// Spanish, German and Italian) and the share of the field's words known to each
    /// language's lexicon and dictionary (the other language must know at least 80% of them,
    /// far more than the expected one). Fields of fewer than five words, fields made mostly
    /// of names and numbers, and fields the expected language mostly knows (cognates,
    /// quotations inside a sentence) are never reported. The message gives the language
    /// found, the guess's confidence and the coverage figures.
    ///
    /// ## Why it matters
    /// A French sentence in the English text of an English lesson is usually a paste error
    /// or an untranslated draft; learners read it as the language they are learning.
    ///
    /// ## Example
    /// ```yaml
    /// language: en
    /// items:
    ///   - id: t1
    ///     text: Nous allons au marché tous les samedis matin.   # French, not English
    /// ```
    ///
    /// ## How to silence it
    /// Translate the field, move it to a support-language field (`instruction`,
    /// `translation`), or fix the item's declared `language` if the whole item is in that
    /// language.
    pub static NOT_TARGET_LANGUAGE = {
        code: "language/not-target-language",
        severity: Warning,
        summary: ("A target-language field is written in another language.", "Un champ en langue cible est rédigé dans une autre langue."),
        fr: "## Ce que la règle vérifie
Un champ qui devrait être dans la langue cible (consigne-question, texte, exemple, réplique,
sous-titre) mais qui est rédigé dans une autre langue. cefrlint ne le signale que lorsque deux
indices concordent : une identification statistique de la langue (whatlang, parmi l'anglais,
le français, l'espagnol, l'allemand et l'italien) et la part des mots du champ connus du
lexique et du dictionnaire de chaque langue (l'autre langue doit en connaître au moins 80 %,
bien plus que la langue attendue). Les champs de moins de cinq mots, ceux faits surtout de
noms propres et de nombres, et ceux que la langue attendue connaît en grande partie
(mots transparents, citations dans une phrase) ne sont jamais signalés. Le message donne la
langue trouvée, la confiance de l'identification et les taux de couverture.

## Pourquoi
Une phrase en français dans le texte anglais d'une leçon d'anglais est en général une erreur
de copier-coller ou un brouillon non traduit ; les élèves la lisent comme la langue qu'ils
apprennent.

## Exemple
```yaml
language: en
items:
  - id: t1
    text: Nous allons au marché tous les samedis matin.   # du français, pas de l'anglais
```

## Comment la désactiver
Traduisez le champ, déplacez-le dans un champ en langue d'appui (`instruction`,
`translation`), ou corrigez la `language` déclarée de l'item si tout l'item est dans cette
langue.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// A field that should be in the support language (an instruction, a translation,
    /// feedback, the support side of a matching pair) but is written in the target language
    /// or in a third one. Only checked when the support language is declared
    /// (`support_language` in the file, or `--support-lang`), with the same two agreeing
    /// signals and the same limits as `language/not-target-language`.
    ///
    /// ## Why it matters
    /// A translation written in the language being learnt translates nothing; an
    /// instruction in a language the learners do not read yet leaves them without the task.
    ///
    /// ## Example
    /// ```yaml
    /// language: fr
    /// support_language: en
    /// items:
    ///   - id: v1
    ///     term: la boulangerie
    ///     translation: le magasin où on achète le pain   # French, not English
    /// ```
    ///
    /// ## How to silence it
    /// Write the field in the support language, or fix the declared `support_language`.
    pub static NOT_SUPPORT_LANGUAGE = {
        code: "language/not-support-language",
        severity: Warning,
        summary: ("A support-language field is written in another language.", "Un champ en langue d'appui est rédigé dans une autre langue."),
        fr: "## Ce que la règle vérifie
Un champ qui devrait être dans la langue d'appui (consigne, traduction, retour, côté
« appui » d'une paire à associer) mais qui est rédigé dans la langue cible ou dans une
troisième langue. Vérifié seulement quand la langue d'appui est déclarée
(`support_language` dans le fichier, ou `--support-lang`), avec les deux mêmes indices
concordants et les mêmes limites que `language/not-target-language`.

## Pourquoi
Une traduction écrite dans la langue apprise ne traduit rien ; une consigne dans une langue
que les élèves ne lisent pas encore les laisse sans la tâche.

## Exemple
```yaml
language: fr
support_language: en
items:
  - id: v1
    term: la boulangerie
    translation: le magasin où on achète le pain   # du français, pas de l'anglais
```

## Comment la désactiver
Rédigez le champ dans la langue d'appui, ou corrigez la `support_language` déclarée.
",
    }
}

/// The languages judged, with whatlang's names for them.
const LANGS: &[(&str, whatlang::Lang)] = &[
    ("en", whatlang::Lang::Eng),
    ("fr", whatlang::Lang::Fra),
    ("es", whatlang::Lang::Spa),
    ("de", whatlang::Lang::Deu),
    ("it", whatlang::Lang::Ita),
];

/// Fewest words a field needs to be judged.
pub const MIN_WORDS: usize = 5;
/// At or above this share of known words, a field is taken to be in its expected language.
const EXPECTED_OK: f64 = 0.5;
/// The other language must know at least this share of the words…
const OTHER_MIN: f64 = 0.8;
/// …this much more than the expected language…
const MARGIN: f64 = 0.4;
/// …or this much more when whatlang does not call its guess reliable.
const MARGIN_UNRELIABLE: f64 = 0.6;

fn name(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "en" => ("English", "anglais"),
        "fr" => ("French", "français"),
        "es" => ("Spanish", "espagnol"),
        "de" => ("German", "allemand"),
        "it" => ("Italian", "italien"),
        _ => ("?", "?"),
    }
}

fn detector() -> &'static whatlang::Detector {
    static D: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    D.get_or_init(|| whatlang::Detector::with_allowlist(LANGS.iter().map(|(_, l)| *l).collect()))
}

/// The lower-case words of a field that say something about its language: no numbers, no
/// addresses, no capitalised words inside a sentence (names), no acronyms. `None` when the
/// field is too short or made mostly of other tokens.
fn words(text: &str, lang: &str, segmented: Option<&[Token]>) -> Option<Vec<String>> {
    let computed;
    let tokens: &[Token] = match segmented {
        Some(t) => t,
        None => {
            computed = segment::tokens(text, &segment::sentences(text, lang));
            &computed
        }
    };
    let mut out = Vec::new();
    for t in tokens {
        let w = &text[t.range.clone()];
        let upper = w.chars().filter(|c| c.is_uppercase()).count();
        let name_like = upper > 1 || (upper == 1 && !t.sentence_initial);
        if t.kind != TokenKind::Word
            || t.in_url
            || name_like
            || w.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        // `w.replace(['\u{2019}', '\u{02BC}'], "'").to_lowercase()`, in one string.
        let mut lower = String::new();
        crate::analyse::vocabulary::lower_apostrophes_into(&mut lower, w);
        out.push(lower);
    }
    (out.len() >= MIN_WORDS && out.len() * 10 >= tokens.len() * 6).then_some(out)
}

/// Share of `words` that `lang`'s lexicon or dictionary knows; `None` when the language has
/// neither. Counting stops once the share reaches `enough`.
fn coverage(
    cx: &Context<'_>,
    rulesets: &RuleSets,
    lang: &str,
    words: &[String],
    enough: f64,
) -> Option<f64> {
    let lexicon = rulesets.lexicon(lang);
    let needed = (enough * words.len() as f64).ceil() as usize;
    // The lexicon alone first: when it knows enough words the dictionary is not needed (nor
    // parsed), and the count is the same, as counting stops at `needed` either way.
    if let Some(l) = &lexicon {
        let mut known = 0;
        let enough = word_memo::with(l, lang, |memo| {
            words.iter().any(|w| {
                memo.knows(w) && {
                    known += 1;
                    known >= needed
                }
            })
        });
        if enough {
            return Some(known as f64 / words.len() as f64);
        }
    }
    let dicts = &cx.settings.dictionaries;
    // Whether the language has a dictionary is known without parsing it; the words it is
    // asked about are often answered at build time (`Dictionaries::accepts`).
    let has_dict = dicts.want_quietly(lang);
    if lexicon.is_none() && !has_dict {
        return None;
    }
    let mut known = 0;
    for w in words {
        if lexicon
            .as_ref()
            .is_some_and(|l| word_memo::with(l, lang, |memo| memo.knows(w)))
            || (has_dict && dicts.accepts(lang, w) == Some(true))
        {
            known += 1;
            if known >= needed {
                break;
            }
        }
    }
    Some(known as f64 / words.len() as f64)
}

/// What the check concluded about one field.
#[derive(Clone, Copy, Debug)]
struct Verdict {
    found: &'static str,
    confidence: f64,
    reliable: bool,
    cov_found: f64,
    cov_expected: f64,
}

/// The verdicts on the fields of one file judged without their analysis (in a language
/// other than the item's target: instructions, feedback), by expected language and text.
/// Exact: with no analysis, [`judge`] is a function of the text and the expected language
/// once the rule sets and settings are fixed, as they are for a file.
#[derive(Debug, Default)]
pub struct Verdicts(std::cell::RefCell<Vec<(String, ByText)>>);

/// One expected language's verdicts, by text.
type ByText = FxHashMap<String, Option<Verdict>>;

impl Verdicts {
    /// Most texts kept per language; beyond, the memo starts again empty.
    const CAP: usize = 4096;

    fn get_or(
        &self,
        expected: &str,
        text: &str,
        judge: impl FnOnce() -> Option<Verdict>,
    ) -> Option<Verdict> {
        let known = self
            .0
            .borrow()
            .iter()
            .find(|(l, _)| l == expected)
            .and_then(|(_, m)| m.get(text).copied());
        if let Some(v) = known {
            return v;
        }
        let v = judge();
        let mut all = self.0.borrow_mut();
        let at = match all.iter().position(|(l, _)| l == expected) {
            Some(i) => i,
            None => {
                all.push((expected.to_string(), FxHashMap::default()));
                all.len() - 1
            }
        };
        let map = &mut all[at].1;
        if map.len() >= Self::CAP {
            map.clear();
        }
        map.insert(text.to_string(), v);
        v
    }
}

fn judge(
    cx: &Context<'_>,
    rulesets: &RuleSets,
    field: &Field,
    expected: &str,
    analysed: Option<VocabStats>,
    segmented: Option<&[Token]>,
) -> Option<Verdict> {
    let text = field.text.as_str();
    // Cheap ways out first: too few words, or the analysis already found most of them in
    // the expected language's lexicon.
    if text.split_whitespace().count() < MIN_WORDS {
        return None;
    }
    if analysed.is_some_and(|s| s.words > 0 && s.known as f64 >= EXPECTED_OK * s.words as f64) {
        return None;
    }
    let words = words(text, expected, segmented)?;
    // The expected language's coverage stops as soon as half the words are known, which is
    // the usual case: most fields end here without a language guess. (Every condition below
    // must hold for a verdict, so their order does not change it.)
    let cov_expected = coverage(cx, rulesets, expected, &words, EXPECTED_OK)?;
    if cov_expected >= EXPECTED_OK {
        return None;
    }
    let info = detector().detect(text)?;
    let (found, _) = LANGS.iter().find(|(_, l)| *l == info.lang())?;
    if *found == expected {
        return None;
    }
    let cov_found = coverage(cx, rulesets, found, &words, 1.0)?;
    let margin = cov_found - cov_expected;
    let agree = cov_found >= OTHER_MIN
        && margin >= MARGIN
        && (info.is_reliable() || margin >= MARGIN_UNRELIABLE);
    agree.then_some(Verdict {
        found,
        confidence: info.confidence(),
        reliable: info.is_reliable(),
        cov_found,
        cov_expected,
    })
}

pub fn check(
    cx: &Context<'_>,
    item: &Item,
    analysis: &ItemAnalysis,
    rulesets: &RuleSets,
    out: &mut Vec<Finding>,
) {
    let Some(target) = item.target_language() else {
        return;
    };
    let target = target.as_str();
    if !LANGS.iter().any(|(l, _)| *l == target) {
        return;
    }
    let support = item
        .support_lang()
        .map(|l| l.as_str())
        .filter(|l| LANGS.iter().any(|(k, _)| k == l) && *l != target);
    for (fi, field) in item.fields.iter().enumerate() {
        // An answer repeating an option is judged once, as the option.
        if field.role == crate::model::Role::Answer
            && item.fields.iter().any(|o| {
                o.role == crate::model::Role::Option
                    && o.text.as_str().trim() == field.text.as_str().trim()
            })
        {
            continue;
        }
        let (expected, rule) = match field.role.lang_role() {
            LangRole::Target => (target, &NOT_TARGET_LANGUAGE),
            LangRole::Support => match support {
                Some(s) => (s, &NOT_SUPPORT_LANGUAGE),
                None => continue,
            },
            LangRole::Either => continue,
        };
        let analysed = (expected == target)
            .then(|| analysis.field_vocab.iter().find(|(i, _)| *i == fi))
            .flatten()
            .map(|(_, s)| *s);
        // The analysis's tokens, segmented with the target language's rules.
        let segmented = (expected == target)
            .then(|| analysis.tokens_of(fi))
            .flatten();
        let v = if analysed.is_none() && segmented.is_none() {
            cx.language_verdicts
                .get_or(expected, field.text.as_str(), || {
                    judge(cx, rulesets, field, expected, None, None)
                })
        } else {
            judge(cx, rulesets, field, expected, analysed, segmented)
        };
        let Some(v) = v else {
            continue;
        };
        let (found_en, found_fr) = name(v.found);
        let (exp_en, exp_fr) = name(expected);
        let role = field.role.as_str();
        let why_en = format!(
            "language guess {} at confidence {:.2}{}; words known: {found_en} {:.0}%, {exp_en} {:.0}%",
            v.found,
            v.confidence,
            if v.reliable { "" } else { " (not reliable alone)" },
            v.cov_found * 100.0,
            v.cov_expected * 100.0
        );
        let why_fr = format!(
            "langue identifiée {} avec une confiance de {:.2}{} ; mots connus : {found_fr} {:.0} %, {exp_fr} {:.0} %",
            v.found,
            v.confidence,
            if v.reliable { "" } else { " (insuffisante seule)" },
            v.cov_found * 100.0,
            v.cov_expected * 100.0
        );
        let msg = Msg::new(
            format!("this {role} seems to be in {found_en}, not {exp_en} ({why_en})"),
            format!("ce champ ({role}) semble être en {found_fr}, pas en {exp_fr} ({why_fr})"),
        );
        let text = field.text.as_str();
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        let span = field.text.source_span(start, end);
        out.push(
            Finding::at(rule, cx.src, span, msg)
                .with_item(item.id.clone())
                .with_evidence(vec![Evidence {
                    kind: EvidenceKind::Measure,
                    text: v.found.to_string(),
                    level: None,
                    detail: Some(format!(
                        "confidence {:.2}; known words {} {:.0}%, {} {:.0}%",
                        v.confidence,
                        v.found,
                        v.cov_found * 100.0,
                        expected,
                        v.cov_expected * 100.0
                    )),
                    location: Some(cx.src.location(span)),
                    localized: None,
                }]),
        );
    }
}
