//! `duplicate/*`: the same question twice in a batch, with the same or a different key.
//!
//! Each file's check keeps, per item, only a [`Signature`]: two hashes and a location. After
//! the parallel pass, [`find`] merges the signatures of the whole batch in input order, so
//! memory stays small and the result does not depend on the number of threads.

use std::hash::{Hash, Hasher};

use super::duplicate_index::{Kept, KeptIndex};
use super::Context;
use crate::declare_rule;
use crate::findings::{Evidence, EvidenceKind, Finding, Msg};
use crate::model::{Item, ItemKind, Role};
use crate::source::Location;

declare_rule! {
    /// ## What it checks
    /// Two items of the checked files with the same question (prompt, text, options, terms
    /// and matching sides, compared after collapsing white space and ignoring case) but
    /// different answer keys. Reported on the second one, with the first as related
    /// evidence. Subtitle cues and questions of fewer than 10 characters are not compared.
    ///
    /// ## Why it matters
    /// One of the two keys is wrong, or the question is ambiguous: learners who meet both
    /// versions are marked right once and wrong once for the same answer.
    ///
    /// ## Example
    /// `unit1.gift`: `The capital of Australia is ___. {=Canberra}`; `review.gift`: the same
    /// question with `{=Sydney}`.
    ///
    /// ## How to silence it
    /// Correct the wrong key, or make the two questions different.
    pub static CONFLICTING_KEY = {
        code: "duplicate/conflicting-key",
        severity: Error,
        summary: ("The same question has a different answer key elsewhere.", "La même question a une autre réponse ailleurs."),
        fr: "## Ce que la règle vérifie
Deux items des fichiers vérifiés avec la même question (consigne en langue cible, texte,
options, termes et éléments d'appariement, comparés en réduisant les espaces et sans tenir
compte des majuscules) mais des réponses différentes. Signalé sur le second, avec le premier
comme preuve associée. Les sous-titres et les questions de moins de 10 caractères ne sont
pas comparés.

## Pourquoi
L'une des deux réponses est fausse, ou la question est ambiguë : les élèves qui rencontrent
les deux versions sont notés juste une fois et faux une fois pour la même réponse.

## Exemple
`unit1.gift` : `The capital of Australia is ___. {=Canberra}` ; `review.gift` : la même
question avec `{=Sydney}`.

## Comment la désactiver
Corrigez la mauvaise réponse, ou rendez les deux questions différentes.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// An item repeated as it is (same kind, same question, same answers, compared after
    /// collapsing white space and ignoring case) in the checked files. Reported on every
    /// repetition, with the first occurrence as related evidence. Subtitle cues and items of
    /// fewer than 10 characters are not compared.
    ///
    /// ## Why it matters
    /// A repeated question is usually a copy-and-paste slip or two banks merged twice; in a
    /// random quiz, the learner may get the same question twice.
    ///
    /// ## Example
    /// The same `Choose the past of "go". {=went ~goed ~gone}` in two categories.
    ///
    /// ## How to silence it
    /// Remove the copy. A review lesson that repeats items on purpose can be checked on its
    /// own.
    pub static REPEATED = {
        code: "duplicate/repeated",
        severity: Warning,
        summary: ("The same item appears twice.", "Le même item apparaît deux fois."),
        fr: "## Ce que la règle vérifie
Un item répété tel quel (même type, même question, mêmes réponses, comparés en réduisant les
espaces et sans tenir compte des majuscules) dans les fichiers vérifiés. Signalé sur chaque
répétition, avec la première occurrence comme preuve associée. Les sous-titres et les items
de moins de 10 caractères ne sont pas comparés.

## Pourquoi
Une question répétée vient en général d'un copier-coller ou de deux banques fusionnées deux
fois ; dans un quiz tiré au hasard, l'élève peut tomber deux fois sur la même question.

## Exemple
La même question `Choose the past of \"go\". {=went ~goed ~gone}` dans deux catégories.

## Comment la désactiver
Supprimez la copie. Une leçon de révision qui reprend des items volontairement peut être
vérifiée seule.
",
    }
}

/// What the batch-wide pass keeps of one item.
#[derive(Clone, Debug)]
pub struct Signature {
    /// The question: prompt, text, options, terms, matching sides, and the kind.
    pub question: u64,
    /// The answers, or `None` when the item has none.
    pub key: Option<u64>,
    pub item: String,
    /// The question's first field.
    pub location: Location,
}

/// Shortest question compared, in characters once normalised.
const MIN_CHARS: usize = 10;

/// The signature of an item, or `None` for items that are not compared.
pub fn signature(cx: &Context<'_>, item: &Item) -> Option<Signature> {
    if item.kind == ItemKind::Cue {
        return None;
    }
    let is_question = |r: Role| {
        matches!(
            r,
            Role::Prompt | Role::Text | Role::Term | Role::Example | Role::Line | Role::PairTarget
        )
    };
    // A bare headword (a word list: the same word again with another part of speech or in
    // another list) is not a repeated question.
    if item.kind == ItemKind::Vocabulary
        && item
            .fields
            .iter()
            .all(|f| matches!(f.role, Role::Term | Role::Title))
    {
        return None;
    }
    let first = item.fields.iter().find(|f| is_question(f.role))?;
    // The question fields' texts as compared, in field order (each normalised once).
    let questions: Vec<String> = item
        .fields
        .iter()
        .filter(|f| is_question(f.role))
        .map(|f| super::answer::normalise(f.text.as_str()))
        .collect();
    let chars: usize = questions.iter().map(|q| q.chars().count()).sum();
    if chars < MIN_CHARS {
        return None;
    }
    let mut questions = questions.iter();
    // std's SipHash with fixed keys: the same on every run.
    #[allow(deprecated)]
    let mut q = std::hash::SipHasher::new();
    item.kind.as_str().hash(&mut q);
    let mut opts: Vec<String> = Vec::new();
    for f in &item.fields {
        if is_question(f.role) {
            f.role.hash(&mut q);
            // The normalised text, as hashed before.
            questions
                .next()
                .expect("one per question field")
                .hash(&mut q);
        } else if matches!(f.role, Role::Option | Role::PairSupport) {
            opts.push(format!(
                "{}:{}",
                f.role.as_str(),
                super::answer::normalise(f.text.as_str())
            ));
        }
    }
    // Options in any order are the same question.
    opts.sort();
    opts.hash(&mut q);
    let answers: Vec<&crate::model::Field> = item
        .fields
        .iter()
        .filter(|f| f.role == Role::Answer)
        .collect();
    let key = (!answers.is_empty()).then(|| {
        #[allow(deprecated)]
        let mut k = std::hash::SipHasher::new();
        let mut a: Vec<(u32, String)> = answers
            .iter()
            .map(|f| (f.slot, super::answer::normalise(f.text.as_str())))
            .collect();
        a.sort();
        a.hash(&mut k);
        k.finish()
    });
    Some(Signature {
        question: q.finish(),
        key,
        item: item.id.clone(),
        location: cx.src.location(first.span),
    })
}

/// Compares the signatures of a whole batch, in input order.
pub fn find<'a>(sigs: impl IntoIterator<Item = &'a Signature>) -> Vec<Finding> {
    let mut finder = Finder::default();
    let mut out = Vec::new();
    for s in sigs {
        finder.add(s, &mut out);
    }
    out
}

fn at(k: &Kept) -> String {
    format!("{}:{}", k.location.file, k.location.start.line)
}

fn related(k: Kept) -> Evidence {
    Evidence {
        kind: EvidenceKind::Related,
        text: k.item,
        localized: None,
        level: None,
        detail: Some("first occurrence".into()),
        location: Some(k.location),
    }
}

/// The batch-wide comparison, fed one signature at a time in input order: a finding needs
/// only the signatures before it, so it is found as soon as its item is checked. Only the
/// first item with each question, and the first with each answer key for it, are kept, as
/// records in a spool with a hash table of 8-byte slots in memory
/// ([`super::duplicate_index`]): memory grows by 11 to 22 bytes per distinct question.
pub struct Finder {
    kept: KeptIndex,
}

impl Default for Finder {
    fn default() -> Self {
        Finder::new(crate::report::spool::DEFAULT_THRESHOLD)
    }
}

impl Finder {
    /// A finder whose records stay in memory up to `threshold` bytes, then go to a
    /// temporary file (`usize::MAX`: never).
    pub fn new(threshold: usize) -> Self {
        Finder {
            kept: KeptIndex::new(threshold),
        }
    }

    /// [`Finder::new`], the records' paths in `table` (shared with the report's spools).
    pub fn with_table(threshold: usize, table: crate::report::spool::Table) -> Self {
        Finder {
            kept: KeptIndex::with_table(threshold, table),
        }
    }

    /// The index of the items kept (for tests and measurements).
    pub fn index(&self) -> &KeptIndex {
        &self.kept
    }

    fn keep(&mut self, s: &Signature, first: bool) {
        self.kept.keep(&Kept {
            first,
            question: s.question,
            key: s.key,
            item: s.item.clone(),
            location: s.location.clone(),
        });
    }

    /// Compares `s` with the signatures added before it; pushes its findings to `out`.
    pub fn add(&mut self, s: &Signature, out: &mut Vec<Finding>) {
        let Some(f) = self.kept.first_of(s.question) else {
            self.keep(s, true);
            return;
        };
        let same = if f.key == s.key {
            Some(f)
        } else {
            match self.kept.with_key(s.question, s.key) {
                Some(same) => Some(same),
                None => {
                    self.keep(s, false);
                    if s.key.is_some() && f.key.is_some() {
                        let (id, w) = (&f.item, at(&f));
                        let msg = Msg::new(
                            format!("the same question as `{id}` ({w}) with a different answer"),
                            format!("la même question que « {id} » ({w}) avec une autre réponse"),
                        );
                        out.push(
                            Finding::new(&CONFLICTING_KEY, s.location.clone(), msg)
                                .with_item(s.item.clone())
                                .with_evidence(vec![related(f)]),
                        );
                    }
                    None
                }
            }
        };
        if let Some(same) = same {
            let (id, w) = (&same.item, at(&same));
            let msg = Msg::new(
                format!("this item repeats `{id}` ({w})"),
                format!("cet item répète « {id} » ({w})"),
            );
            out.push(
                Finding::new(&REPEATED, s.location.clone(), msg)
                    .with_item(s.item.clone())
                    .with_evidence(vec![related(same)]),
            );
        }
    }
}
