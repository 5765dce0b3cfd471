//! Graded lexicons: `rules/<lang>/lexicon.tsv` and `rules/<lang>/forms.tsv`
//! (format in `docs/rule-format.md`).

use rustc_hash::FxHashMap;

use super::error::RuleError;
use crate::model::Level;
use crate::source::SourceFile;

/// A lexicon entry's level and the list it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub level: Level,
    source: u16,
}

/// What a lookup found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'a> {
    pub level: Level,
    /// The entry the word resolved to (the lemma for an inflected form).
    pub lemma: &'a str,
    pub source: &'a str,
}

/// Word (or multi-word expression) → level, plus inflected form → lemma.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: FxHashMap<Box<str>, Entry>,
    /// Multi-word expressions, keyed by their words joined with single spaces.
    phrases: FxHashMap<Box<str>, Entry>,
    /// The longest expression (in words) starting with a given first word.
    phrase_starts: FxHashMap<Box<str>, u8>,
    forms: FxHashMap<Box<str>, Box<str>>,
    sources: Vec<Box<str>>,
}

/// Lower case, without allocating when the text already is.
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

const LEXICON_HEADER: &str = "entry\tlevel\tpos\tsource";
const FORMS_HEADER: &str = "form\tlemma";

/// Yields `(line_start_offset, line)` for the data lines of a TSV rule file, checking the
/// header.
fn data_lines<'s>(
    src: &'s SourceFile,
    header: &str,
    errors: &mut Vec<RuleError>,
) -> Vec<(usize, &'s str)> {
    let mut out = Vec::new();
    let mut seen_header = false;
    let mut offset = 0;
    for raw in src.text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !seen_header {
            seen_header = true;
            if line != header {
                errors.push(RuleError::at(
                    src,
                    start,
                    format!("the header must be `{}`", header.replace('\t', "<TAB>")),
                ));
            }
            continue;
        }
        out.push((start, line));
    }
    if !seen_header {
        errors.push(RuleError::at(src, 0, "the file has no header line"));
    }
    out
}

impl Lexicon {
    /// Parses `lexicon.tsv` (and `forms.tsv` when given). All errors are collected.
    pub fn parse(
        lexicon: &SourceFile,
        forms: Option<&SourceFile>,
    ) -> Result<Lexicon, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut lex = Lexicon::default();
        let mut source_ids: FxHashMap<&str, u16> = FxHashMap::default();
        for (start, line) in data_lines(lexicon, LEXICON_HEADER, &mut errors) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                errors.push(RuleError::at(
                    lexicon,
                    start,
                    format!(
                        "expected 4 tab-separated columns (entry, level, pos, source), found {}",
                        cols.len()
                    ),
                ));
                continue;
            }
            let (entry, level, source) = (cols[0], cols[1], cols[3]);
            let col_offset =
                |i: usize| start + cols[..i].iter().map(|c| c.len() + 1).sum::<usize>();
            if entry.is_empty() || entry != entry.trim() || entry.contains("  ") {
                errors.push(RuleError::at(
                    lexicon,
                    start,
                    "the entry is empty or has stray spaces",
                ));
                continue;
            }
            if entry.contains('\u{2019}') {
                errors.push(RuleError::at(
                    lexicon,
                    start,
                    "write apostrophes as ' (U+0027), not ’",
                ));
                continue;
            }
            let level: Level = match level.parse() {
                Ok(l) => l,
                Err(e) => {
                    errors.push(RuleError::at(lexicon, col_offset(1), e.to_string()));
                    continue;
                }
            };
            if source.is_empty() {
                errors.push(RuleError::at(lexicon, col_offset(3), "the source is empty"));
                continue;
            }
            let next_id = source_ids.len() as u16;
            let sid = *source_ids.entry(source).or_insert_with(|| {
                lex.sources.push(source.into());
                next_id
            });
            let e = Entry { level, source: sid };
            let key = lower(entry);
            let words = key.split(' ').count();
            let map = if words > 1 {
                let first = key.split(' ').next().unwrap_or("");
                let longest = lex.phrase_starts.entry(first.into()).or_insert(0);
                *longest = (*longest).max(words.min(255) as u8);
                &mut lex.phrases
            } else {
                &mut lex.words
            };
            map.entry(key.into_owned().into_boxed_str())
                .and_modify(|old| {
                    if e.level < old.level {
                        *old = e;
                    }
                })
                .or_insert(e);
        }
        if let Some(forms) = forms {
            for (start, line) in data_lines(forms, FORMS_HEADER, &mut errors) {
                let Some((form, lemma)) = line.split_once('\t') else {
                    errors.push(RuleError::at(
                        forms,
                        start,
                        "expected 2 tab-separated columns (form, lemma)",
                    ));
                    continue;
                };
                if form.is_empty() || lemma.is_empty() || lemma.contains('\t') {
                    errors.push(RuleError::at(
                        forms,
                        start,
                        "expected 2 non-empty tab-separated columns",
                    ));
                    continue;
                }
                let form = lower(form);
                let lemma = lower(lemma);
                let Some(new) = lex.words.get(lemma.as_ref()).copied() else {
                    // A form of a lemma the lexicon does not grade carries no level.
                    continue;
                };
                match lex.forms.get(form.as_ref()) {
                    Some(old) if lex.words.get(old).is_some_and(|o| o.level <= new.level) => {}
                    _ => {
                        lex.forms.insert(form.into(), lemma.into());
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(errors)
        }
    }

    pub fn len(&self) -> usize {
        self.words.len() + self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn forms_len(&self) -> usize {
        self.forms.len()
    }

    fn hit<'a>(&'a self, key: &'a str, e: &Entry) -> Hit<'a> {
        Hit {
            level: e.level,
            lemma: key,
            source: &self.sources[e.source as usize],
        }
    }

    /// Looks up one lower-case word, as an entry and as an inflected form; when it is both
    /// (`va`: a rare noun, and a form of `aller`), the lower level wins: a learner reads the
    /// common reading.
    pub fn word(&self, word: &str) -> Option<Hit<'_>> {
        let direct = self.words.get_key_value(word).map(|(k, e)| self.hit(k, e));
        let via_form = self
            .forms
            .get(word)
            .and_then(|lemma| self.words.get_key_value(lemma.as_ref()))
            .map(|(k, e)| self.hit(k, e));
        match (direct, via_form) {
            (Some(d), Some(f)) if f.level < d.level => Some(f),
            (Some(d), _) => Some(d),
            (None, f) => f,
        }
    }

    /// The longest number of words an expression starting with `first` can have (0: none).
    pub fn longest_phrase_from(&self, first: &str) -> usize {
        self.phrase_starts.get(first).copied().unwrap_or(0) as usize
    }

    /// Looks up a multi-word expression (words joined by single spaces, lower case).
    pub fn phrase(&self, words: &str) -> Option<Hit<'_>> {
        let (k, e) = self.phrases.get_key_value(words)?;
        Some(self.hit(k, e))
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
        assert_eq!((w.level, w.lemma, w.source), (Level::A1, "go", "t"));
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
        assert!(errs[0].message.contains("A3"));
        assert_eq!(errs[1].line, 4);
    }

    #[test]
    fn a_wrong_header_is_an_error() {
        let errs = lex("word\tlevel\ngo\tA1\tverb\tt\n", "form\tlemma\n").unwrap_err();
        assert_eq!(errs[0].line, 1);
    }
}
