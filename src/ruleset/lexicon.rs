//! Graded lexicons: `rules/<lang>/lexicon.tsv` and `rules/<lang>/forms.tsv`
//! (format in `docs/rule-format.md`).

use std::borrow::Cow;

use super::error::RuleError;
use super::lexicon_image::{self, Image};
use crate::model::Level;
use crate::source::SourceFile;

/// What a lookup found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit<'a> {
    pub level: Level,
    /// The entry the word resolved to (the lemma for an inflected form).
    pub lemma: Cow<'a, str>,
    pub source: &'a str,
}

/// Word (or multi-word expression) → level, with inflected forms resolved to their lemma's
/// level.
///
/// Stored as finite-state transducers ([`lexicon_image`]): the embedded lexicons are built at
/// build time and read in place (no parsing at start-up, a few hundred kilobytes per
/// language); a `--rules DIR` lexicon is parsed, validated and built on load.
#[derive(Default, Clone)]
pub struct Lexicon {
    image: Option<Image<Cow<'static, [u8]>>>,
    /// Identifies the image for memos of its answers ([`Lexicon::id`]); 0 for the empty
    /// lexicon, shared by clones.
    id: u64,
}

/// The next [`Lexicon::id`].
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} entries)", self.len())
    }
}

impl Lexicon {
    /// Parses `lexicon.tsv` (and `forms.tsv` when given). All errors are collected, each at
    /// its file, line and column.
    pub fn parse(
        lexicon: &SourceFile,
        forms: Option<&SourceFile>,
    ) -> Result<Lexicon, Vec<RuleError>> {
        match lexicon_image::build(&lexicon.text, forms.map(|f| f.text.as_ref())) {
            Ok(bytes) => {
                Ok(Lexicon::from_image(Cow::Owned(bytes))
                    .expect("an image just built is well formed"))
            }
            Err(errs) => Err(errs
                .into_iter()
                .map(|e| {
                    let src = if e.file == 0 {
                        lexicon
                    } else {
                        forms.unwrap_or(lexicon)
                    };
                    RuleError::at(src, e.offset, crate::findings::Msg::new(e.message, e.fr))
                })
                .collect()),
        }
    }

    /// A lexicon read in place from an image made by [`lexicon_image::build`].
    pub fn from_image(bytes: Cow<'static, [u8]>) -> Option<Lexicon> {
        Some(Lexicon {
            image: Some(Image::open(bytes)?),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// A number unique to this lexicon's image in the run (clones share it; the empty
    /// lexicon's is 0): answers memoised under it stay true while the number is in use.
    pub fn id(&self) -> u64 {
        self.id
    }

    fn hit<'a>(level: u8, lemma: Cow<'a, str>, source: &'a str) -> Option<Hit<'a>> {
        Some(Hit {
            level: Level::from_index(level as usize)?,
            lemma,
            source,
        })
    }

    /// Entries (single words and expressions) in `lexicon.tsv`, counted once per line.
    pub fn len(&self) -> usize {
        self.image.as_ref().map_or(0, |i| i.entries as usize)
    }

    pub fn is_empty(&self) -> bool {
        self.image.as_ref().is_none_or(|i| i.is_empty())
    }

    /// Lines of `forms.tsv`.
    pub fn forms_len(&self) -> usize {
        self.image.as_ref().map_or(0, |i| i.forms as usize)
    }

    /// Looks up one lower-case word, as an entry and as an inflected form; when it is both
    /// (`va`: a rare noun, and a form of `aller`), the lower level wins: a learner reads the
    /// common reading. A form of several lemmas takes the lowest-level one.
    pub fn word(&self, word: &str) -> Option<Hit<'_>> {
        let (level, lemma, source) = self.image.as_ref()?.word(word)?;
        let lemma = lemma.map_or_else(|| Cow::Owned(word.to_string()), Cow::Borrowed);
        Self::hit(level, lemma, source)
    }

    /// True when [`Lexicon::word`] finds `word`, without building its hit (no allocation).
    pub fn knows(&self, word: &str) -> bool {
        self.image
            .as_ref()
            .and_then(|i| i.word(word))
            .is_some_and(|(level, _, _)| Level::from_index(level as usize).is_some())
    }

    /// The longest number of words an expression starting with `first` can have (0: none).
    pub fn longest_phrase_from(&self, first: &str) -> usize {
        self.image
            .as_ref()
            .map_or(0, |i| i.longest_phrase_from(first))
    }

    /// The parts of speech of one lower-case word: the tags of its own entry lines and of
    /// every lemma it is a form of (`saw`: NOUN and VERB). Empty when the word is not listed
    /// or has no tag. See [`lexicon_image::POS_TAGS`].
    pub fn pos(&self, word: &str) -> lexicon_image::PosSet {
        self.image
            .as_ref()
            .map_or(lexicon_image::PosSet::EMPTY, |i| i.pos(word))
    }

    /// True when the lexicon tags enough of its entries with a part of speech for grammar
    /// patterns to use them (`{pos:…}`; [`lexicon_image::POS_MIN_PERCENT`]).
    pub fn has_pos(&self) -> bool {
        self.image.as_ref().is_some_and(|i| i.has_pos())
    }

    /// Entry lines with a part of speech, and all entry lines (counted even when the image
    /// keeps no tags, below the share of [`lexicon_image::POS_MIN_PERCENT`]).
    pub fn pos_coverage(&self) -> (usize, usize) {
        self.image
            .as_ref()
            .map_or((0, 0), |i| (i.tagged as usize, i.entries as usize))
    }

    /// Looks up a multi-word expression (words joined by single spaces, lower case).
    pub fn phrase(&self, words: &str) -> Option<Hit<'_>> {
        let (level, source) = self.image.as_ref()?.phrase(words)?;
        Self::hit(level, Cow::Owned(words.to_string()), source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(text: &str, forms: &str) -> Result<Lexicon, Vec<RuleError>> {
        let l = SourceFile::new("rules/xx/lexicon.tsv", text);
        let f = SourceFile::new("rules/xx/forms.tsv", forms);
        Lexicon::parse(&l, Some(&f))
    }

    #[test]
    fn words_phrases_and_forms() {
        let l = lex(
            "# test\nentry\tlevel\tpos\tsource\ngo\tA1\tverb\tt\ngive up\tB1\tphrase\tt\ngo\tB2\tnoun\tt\n",
            "form\tlemma\nwent\tgo\ngoes\tgo\n",
        )
        .unwrap();
        assert_eq!(l.word("go").unwrap().level, Level::A1);
        let w = l.word("went").unwrap();
        assert_eq!(
            (w.level, w.lemma.as_ref(), w.source),
            (Level::A1, "go", "t")
        );
        assert_eq!(l.longest_phrase_from("give"), 2);
        assert_eq!(l.phrase("give up").unwrap().level, Level::B1);
        assert!(l.word("gone").is_none());
    }

    #[test]
    fn errors_name_line_and_column() {
        let errs = lex(
            "entry\tlevel\tpos\tsource\ngo\tA1\tverb\tt\nrun\tA3\tverb\tt\nx\tA1\n",
            "form\tlemma\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[0].line, errs[0].column), (3, 5));
        assert!(errs[0].message.en.contains("A3"));
        assert!(errs[0].message.fr.contains("A3"));
        assert_eq!(errs[1].line, 4);
    }

    #[test]
    fn a_wrong_header_is_an_error() {
        let errs = lex("word\tlevel\ngo\tA1\tverb\tt\n", "form\tlemma\n").unwrap_err();
        assert_eq!(errs[0].line, 1);
    }

    #[test]
    fn a_form_lower_than_the_entry_wins_and_unknown_lemmas_are_ignored() {
        let l = lex(
            "entry\tlevel\tpos\tsource\nva\tC1\tnoun\tt\naller\tA1\tverb\tu\nvaloir\tB1\tverb\tu\n",
            "form\tlemma\nva\taller\nvaut\tvaloir\nvaut\taller\nzz\tnothing\n",
        )
        .unwrap();
        let va = l.word("va").unwrap();
        assert_eq!(
            (va.level, va.lemma.as_ref(), va.source),
            (Level::A1, "aller", "u")
        );
        // A form of two lemmas takes the lower one.
        assert_eq!(l.word("vaut").unwrap().lemma, "aller");
        assert!(l.word("zz").is_none());
        assert_eq!((l.len(), l.forms_len()), (3, 4));
    }

    #[test]
    fn parts_of_speech_round_trip_through_the_image() {
        use lexicon_image::PosSet;
        let l = lex(
            "entry\tlevel\tpos\tsource\nlight\tA1\tadj\tt\nlight\tA2\tnoun\tt\nsee\tA1\tverb\tt\nsaw\tB2\tnoun\tt\ngive up\tB1\tphrase\tt\nzut\tB1\t-\tt\nin\tA1\tPREP\tt\n",
            "form\tlemma\nsaw\tsee\nseen\tsee\nlights\tlight\n",
        )
        .unwrap();
        let tags = |w: &str| l.pos(w).names();
        assert_eq!(tags("light"), ["NOUN", "ADJ"]);
        // A form takes the parts of speech of its lemmas; an entry that is also a form has both.
        assert_eq!(tags("lights"), ["NOUN", "ADJ"]);
        assert_eq!(tags("seen"), ["VERB"]);
        assert_eq!(tags("saw"), ["NOUN", "VERB"]);
        assert_eq!(tags("in"), ["ADP"]);
        assert!(l.pos("zut").is_empty() && l.pos("nothing").is_empty());
        assert!(l.pos("give up").is_empty());
        assert_eq!(l.pos_coverage(), (5, 7));
        assert!(l.has_pos());
        // The grade is unchanged by the tags: the A1 form reading wins.
        let saw = l.word("saw").unwrap();
        assert_eq!((saw.level, saw.lemma.as_ref()), (Level::A1, "see"));
        let (noun, verb) = (
            PosSet::of_tag("NOUN").unwrap(),
            PosSet::of_tag("VERB").unwrap(),
        );
        assert!(l.pos("saw").contains_any(noun) && !l.pos("saw").is_only(noun));
        assert!(l.pos("seen").is_only(verb) && !PosSet::EMPTY.is_only(verb));
        // A clone shares the image and answers alike.
        assert_eq!(l.clone().pos("saw"), l.pos("saw"));
    }

    #[test]
    fn an_unknown_part_of_speech_is_an_error_at_its_column() {
        let errs = lex(
            "entry\tlevel\tpos\tsource\ngo\tA1\tverbe\tt\n",
            "form\tlemma\n",
        )
        .unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (2, 7));
        assert!(
            errs[0].message.en.contains("verbe"),
            "{:?}",
            errs[0].message
        );
        assert!(
            errs[0].message.fr.contains("verbe"),
            "{:?}",
            errs[0].message
        );
    }

    #[test]
    fn a_lexicon_with_few_tags_has_no_parts_of_speech() {
        let l = lex(
            "entry\tlevel\tpos\tsource\ngo\tA1\tverb\tt\nx\tA1\t-\tt\ny\tA1\t-\tt\n",
            "form\tlemma\n",
        )
        .unwrap();
        assert!(!l.has_pos());
        // Its image keeps no tags, and its grades read as before.
        assert!(l.pos("go").is_empty());
        assert_eq!(l.word("go").unwrap().level, Level::A1);
    }

    #[test]
    fn the_embedded_images_answer_like_their_tsv_files() {
        // The image built at build time and the one built from the TSV text now agree.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let src = crate::ruleset::RuleSource::Embedded;
        for lang in ["en", "fr"] {
            let read = |f: &str| {
                let p = dir.join(lang).join(f);
                SourceFile::new(
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            };
            let parsed = Lexicon::parse(&read("lexicon.tsv"), Some(&read("forms.tsv"))).unwrap();
            let embedded = src.embedded_lexicon(lang).unwrap();
            assert_eq!(parsed.len(), embedded.len());
            for w in [
                "the", "went", "maison", "allions", "d'accord", "il y a", "give up",
            ] {
                assert_eq!(parsed.word(w), embedded.word(w), "{lang} {w}");
                assert_eq!(parsed.pos(w), embedded.pos(w), "{lang} {w}");
                assert_eq!(parsed.phrase(w), embedded.phrase(w), "{lang} {w}");
            }
        }
    }
}
