//! A small per-thread memo of the lexicon's answers about single lower-case words: the
//! graded reading [`vocabulary::lookup`] finds (with the language's fallbacks) and the
//! longest expression the word can start. Words repeat a lot (a file, a batch), and each
//! answer costs several finite-state-transducer walks; a hash look-up is a few dozen
//! instructions.
//!
//! Exact: both answers are pure functions of (lexicon, language, word), and the memo is keyed
//! by the lexicon's [`Lexicon::id`] (unique in the run, never reused) and the language.
//! Bounded: at most [`SLOTS`] (lexicon, language) pairs per thread, each holding at most
//! [`CAP`] words; a full slot starts again empty, so memory does not grow with the batch.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::vocabulary;
use crate::model::Level;
use crate::ruleset::lexicon::Lexicon;

/// Most words kept per (lexicon, language): about 3 MB at most (a key, two shared strings
/// and the answers, ~190 bytes a word), so at most ~12 MB per thread with [`SLOTS`] full.
/// The generated corpus has ~1,200 distinct words per language.
const CAP: usize = 16_384;
/// Most (lexicon, language) pairs kept per thread; the least recently created goes first.
const SLOTS: usize = 4;

/// A graded reading of a word, shared by every use of the word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    pub level: Level,
    pub lemma: Arc<str>,
    pub source: Arc<str>,
}

impl From<crate::ruleset::lexicon::Hit<'_>> for Graded {
    fn from(h: crate::ruleset::lexicon::Hit<'_>) -> Self {
        Graded {
            level: h.level,
            lemma: Arc::from(h.lemma.as_ref()),
            source: Arc::from(h.source),
        }
    }
}

#[derive(Default)]
struct Entry {
    /// [`Lexicon::longest_phrase_from`], once asked.
    longest: Option<u32>,
    /// [`vocabulary::lookup`], once asked.
    graded: Option<Option<Graded>>,
}

/// The memo of one (lexicon, language) pair.
pub struct WordMemo<'l> {
    lex: &'l Lexicon,
    lang: &'l str,
    slot: &'l mut Slot,
}

#[derive(Default)]
pub struct Slot {
    lex: u64,
    lang: Box<str>,
    map: FxHashMap<Box<str>, Entry>,
    /// The lexicon's answers for phrases (most candidate phrases are not in it).
    phrases: FxHashMap<Box<str>, Option<Graded>>,
}

impl Slot {
    fn entry(&mut self, w: &str) -> &mut Entry {
        if !self.map.contains_key(w) {
            if self.map.len() >= CAP {
                self.map.clear();
            }
            self.map.insert(w.into(), Entry::default());
        }
        self.map.get_mut(w).expect("just inserted")
    }
}

impl WordMemo<'_> {
    /// [`vocabulary::lookup`] of a lower-case word.
    pub fn lookup(&mut self, w: &str) -> Option<Graded> {
        if let Some(g) = self.slot.map.get(w).and_then(|e| e.graded.as_ref()) {
            return g.clone();
        }
        let g = vocabulary::lookup(self.lex, self.lang, w).map(Graded::from);
        self.slot.entry(w).graded = Some(g.clone());
        g
    }

    /// Whether [`vocabulary::lookup`] finds a lower-case word.
    pub fn knows(&mut self, w: &str) -> bool {
        match self.slot.map.get(w).and_then(|e| e.graded.as_ref()) {
            Some(g) => g.is_some(),
            None => self.lookup(w).is_some(),
        }
    }

    /// [`Lexicon::longest_phrase_from`] a lower-case word.
    pub fn longest_phrase_from(&mut self, w: &str) -> usize {
        if let Some(n) = self.slot.map.get(w).and_then(|e| e.longest) {
            return n as usize;
        }
        let n = self.lex.longest_phrase_from(w);
        self.slot.entry(w).longest = Some(n as u32);
        n
    }

    /// Both answers about a lower-case word: [`WordMemo::longest_phrase_from`] and
    /// [`WordMemo::lookup`], with one hash look-up once the word is known.
    /// [`Lexicon::phrase`] of `words` (lower case, as the lexicon keys them), graded.
    pub fn phrase(&mut self, words: &str) -> Option<Graded> {
        if let Some(g) = self.slot.phrases.get(words) {
            return g.clone();
        }
        let g = self.lex.phrase(words).map(Graded::from);
        if self.slot.phrases.len() >= CAP {
            self.slot.phrases.clear();
        }
        self.slot.phrases.insert(words.into(), g.clone());
        g
    }

    pub fn word(&mut self, w: &str) -> (usize, Option<Graded>) {
        if let Some(Entry {
            longest: Some(n),
            graded: Some(g),
        }) = self.slot.map.get(w)
        {
            return (*n as usize, g.clone());
        }
        (self.longest_phrase_from(w), self.lookup(w))
    }
}

thread_local! {
    static MEMOS: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's memo for `lex` and `lang`.
pub fn with<R>(lex: &Lexicon, lang: &str, f: impl FnOnce(&mut WordMemo<'_>) -> R) -> R {
    MEMOS.with(|cell| {
        let Ok(mut slots) = cell.try_borrow_mut() else {
            // Asked again from inside `f` (not done today): a memo of its own.
            let mut slot = Slot::default();
            return f(&mut WordMemo {
                lex,
                lang,
                slot: &mut slot,
            });
        };
        let at = match slots
            .iter()
            .position(|s| s.lex == lex.id() && &*s.lang == lang)
        {
            Some(i) => i,
            None => {
                if slots.len() >= SLOTS {
                    slots.remove(0);
                }
                slots.push(Slot {
                    lex: lex.id(),
                    lang: lang.into(),
                    map: FxHashMap::default(),
                    phrases: FxHashMap::default(),
                });
                slots.len() - 1
            }
        };
        f(&mut WordMemo {
            lex,
            lang,
            slot: &mut slots[at],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn lex(entries: &str) -> Lexicon {
        let l = SourceFile::new("l", format!("entry\tlevel\tpos\tsource\n{entries}"));
        let f = SourceFile::new("f", "form\tlemma\nwent\tgo\n");
        Lexicon::parse(&l, Some(&f)).unwrap()
    }

    #[test]
    fn answers_like_the_lexicon_and_keeps_lexicons_apart() {
        let a = lex("go\tA1\tverb\tt\ngive up\tB1\tphrase\tt\ngive\tA2\tverb\tt\n");
        let b = lex("go\tC1\tverb\tu\n");
        for w in ["went", "go", "give", "gone", "goes"] {
            let memo = with(&a, "en", |m| m.lookup(w));
            let direct = vocabulary::lookup(&a, "en", w).map(Graded::from);
            assert_eq!(memo, direct, "{w}");
            assert_eq!(
                with(&a, "en", |m| m.longest_phrase_from(w)),
                a.longest_phrase_from(w)
            );
        }
        assert_eq!(with(&a, "en", |m| m.longest_phrase_from("give")), 2);
        // Phrases, asked twice (the second answer from the memo), and not from another
        // lexicon's memo.
        let b_up = lex("give up\tC2\tphrase\tw\n");
        for _ in 0..2 {
            for p in ["give up", "give in", "go"] {
                let direct = a.phrase(p).map(Graded::from);
                assert_eq!(with(&a, "en", |m| m.phrase(p)), direct, "{p}");
            }
            let up = with(&b_up, "en", |m| m.phrase("give up")).unwrap();
            assert_eq!((up.level, &*up.source), (Level::C2, "w"));
        }
        assert_eq!(
            with(&a, "en", |m| m.phrase("give up")).map(|g| g.level),
            Some(Level::B1)
        );
        for w in ["give", "went", "gone", "zzz"] {
            let both = with(&a, "en", |m| m.word(w));
            assert_eq!(both.0, a.longest_phrase_from(w), "{w}");
            assert_eq!(both.1, with(&a, "en", |m| m.lookup(w)), "{w}");
            assert_eq!(with(&a, "en", |m| m.knows(w)), both.1.is_some(), "{w}");
        }
        // Another lexicon (or the same words asked again after it) is not answered from
        // the first one's memo.
        let go_b = with(&b, "en", |m| m.lookup("go")).unwrap();
        assert_eq!((go_b.level, &*go_b.source), (Level::C1, "u"));
        let go_a = with(&a, "en", |m| m.lookup("go")).unwrap();
        assert_eq!((go_a.level, &*go_a.source), (Level::A1, "t"));
        // A lexicon built later never shares the number of one dropped before.
        let id = b.id();
        drop(b);
        let c = lex("go\tB2\tverb\tv\n");
        assert_ne!(c.id(), id);
        let go_c = with(&c, "en", |m| m.lookup("go")).unwrap();
        assert_eq!(go_c.level, Level::B2);
    }

    #[test]
    fn stays_bounded() {
        let a = lex("go\tA1\tverb\tt\n");
        with(&a, "xx", |m| {
            for i in 0..CAP + 10 {
                assert!(m.lookup(&format!("w{i}")).is_none());
            }
            assert!(m.slot.map.len() <= CAP);
            assert_eq!(m.lookup("go").map(|g| g.level), Some(Level::A1));
        });
        for lang in ["a", "b", "c", "d", "e", "f"] {
            with(&a, lang, |m| m.lookup("go").is_some());
        }
        MEMOS.with(|c| assert!(c.borrow().len() <= SLOTS));
    }
}
