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

/// An entry: where its key is in the key buffer, and its grade.
#[derive(Clone, Copy, Debug)]
struct Row {
    key: u32,
    len: u32,
    entry: Entry,
}

/// An inflected form and its lemma, as places in the key buffer.
#[derive(Clone, Copy, Debug)]
struct FormRow {
    form: (u32, u32),
    lemma: (u32, u32),
}

/// Word (or multi-word expression) → level, plus inflected form → lemma.
///
/// Keys live back to back in one buffer; entries and forms are sorted vectors searched by
/// bisection. Loading a 40,000-entry lexicon thus costs one pass and no allocation per entry,
/// and a lookup a few dozen string comparisons.
#[derive(Debug, Default)]
pub struct Lexicon {
    keys: String,
    words: Vec<Row>,
    /// Multi-word expressions, keyed by their words joined with single spaces.
    phrases: Vec<Row>,
    /// The longest expression (in words) starting with a given first word.
    phrase_starts: FxHashMap<Box<str>, u8>,
    forms: Vec<FormRow>,
    sources: Vec<Box<str>>,
}

/// Appends `s` in lower case to the key buffer; returns its place.
fn push_key(keys: &mut String, s: &str) -> (u32, u32) {
    let start = keys.len();
    if s.chars().any(char::is_uppercase) {
        keys.extend(s.chars().flat_map(char::to_lowercase));
    } else {
        keys.push_str(s);
    }
    (start as u32, (keys.len() - start) as u32)
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
        let mut lex = Lexicon {
            keys: String::with_capacity(lexicon.text.len() / 2 + forms.map_or(0, |f| f.text.len())),
            ..Lexicon::default()
        };
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
            let (key, len) = push_key(&mut lex.keys, entry);
            let row = Row {
                key,
                len,
                entry: Entry { level, source: sid },
            };
            let text = &lex.keys[key as usize..(key + len) as usize];
            let words = text.split(' ').count();
            if words > 1 {
                let first = text.split(' ').next().unwrap_or("");
                let longest = lex.phrase_starts.entry(first.into()).or_insert(0);
                *longest = (*longest).max(words.min(255) as u8);
                lex.phrases.push(row);
            } else {
                lex.words.push(row);
            }
        }
        let keys = std::mem::take(&mut lex.keys);
        for rows in [&mut lex.words, &mut lex.phrases] {
            // Already sorted files cost one pass: the sort is adaptive.
            let k = |r: &Row| &keys[r.key as usize..(r.key + r.len) as usize];
            rows.sort_by(|a, b| k(a).cmp(k(b)).then(a.entry.level.cmp(&b.entry.level)));
            // The lowest level of an entry listed several times (one per part of speech) wins.
            rows.dedup_by(|later, kept| k(later) == k(kept));
        }
        lex.keys = keys;
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
                let form = push_key(&mut lex.keys, form);
                let lemma = push_key(&mut lex.keys, lemma);
                lex.forms.push(FormRow { form, lemma });
            }
            let keys = std::mem::take(&mut lex.keys);
            let k = |p: (u32, u32)| &keys[p.0 as usize..(p.0 + p.1) as usize];
            lex.forms.sort_by(|a, b| k(a.form).cmp(k(b.form)));
            lex.keys = keys;
        }
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(errors)
        }
    }

    fn key(&self, (start, len): (u32, u32)) -> &str {
        &self.keys[start as usize..(start + len) as usize]
    }

    fn find<'a>(&'a self, rows: &'a [Row], key: &str) -> Option<&'a Row> {
        rows.binary_search_by(|r| self.key((r.key, r.len)).cmp(key))
            .ok()
            .map(|i| &rows[i])
    }

    fn row_hit(&self, r: &Row) -> Hit<'_> {
        Hit {
            level: r.entry.level,
            lemma: self.key((r.key, r.len)),
            source: &self.sources[r.entry.source as usize],
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
    /// Looks up one lower-case word, as an entry and as an inflected form; when it is both
    /// (`va`: a rare noun, and a form of `aller`), the lower level wins: a learner reads the
    /// common reading. A form of several lemmas takes the lowest-level one.
    pub fn word(&self, word: &str) -> Option<Hit<'_>> {
        let direct = self.find(&self.words, word).map(|r| self.row_hit(r));
        let first = self.forms.partition_point(|f| self.key(f.form) < word);
        let via_form = self.forms[first..]
            .iter()
            .take_while(|f| self.key(f.form) == word)
            .filter_map(|f| self.find(&self.words, self.key(f.lemma)))
            .min_by_key(|r| r.entry.level)
            .map(|r| self.row_hit(r));
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
        self.find(&self.phrases, words).map(|r| self.row_hit(r))
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
