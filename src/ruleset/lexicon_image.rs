//! The compact, read-only form of a graded lexicon: `lexicon.tsv` + `forms.tsv` parsed,
//! validated and resolved once into a few finite-state transducers (the `fst` crate).
//!
//! This module depends on `std` and `fst` only: `build.rs` includes it to turn the embedded
//! rule files into images at build time (so the binary carries no TSV text and start-up parses
//! nothing), and `--rules DIR` uses it at load time.
//!
//! What an image holds:
//! - `words`: every single word that is an entry or an inflected form → its resolved grade:
//!   level, source list and lemma, and its parts of speech (the tags of its own entry lines
//!   and of every lemma it is a form of, mapped to the tag set of `pos_tags.rs`). A word that is both (`va`: a rare noun, and a form of
//!   `aller`) takes the lower level, as does a form of several lemmas; so one lookup answers
//!   what used to take two searches.
//! - `phrases`: multi-word expressions (words joined with single spaces) → level and source.
//! - `starts`: first word of an expression → the longest expression's length in words.
//! - the names of the source lists, and the text of lemmas reached through forms.
//!
//! Layout: `CEFRLEX2`, five little-endian `u32` section lengths (sources, lemmas, words,
//! phrases, starts), three `u32` counts (entries, forms, entries with a part of speech), then
//! the sections back to back.

use std::collections::BTreeMap;

include!("pos_tags.rs");

const MAGIC: &[u8; 8] = b"CEFRLEX2";
const HEADER_LEN: usize = 8 + 4 * 8;
const LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];
pub const LEXICON_HEADER: &str = "entry\tlevel\tpos\tsource";
pub const FORMS_HEADER: &str = "form\tlemma";

/// A problem in a TSV rule file: byte offset in the file, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsvError {
    /// 0: `lexicon.tsv`; 1: `forms.tsv`.
    pub file: u8,
    pub offset: usize,
    pub message: String,
    /// The message in French (plain text: build.rs includes this file).
    pub fr: String,
}

/// A resolved grade: level index (0 = A1 … 5 = C2), source id, and the lemma when it is not
/// the word itself (`None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grade {
    pub level: u8,
    pub source: u8,
    lemma: Option<(u32, u8)>,
    /// Parts of speech (empty for expressions).
    pub pos: PosSet,
}

/// Layout of a packed grade, low bits first: level (3 bits), source (8), parts of speech
/// (10), lemma length (8), lemma offset (32). The automaton's outputs cost bytes by their
/// magnitude: an entry's value stays under 2^21 (parts of speech in the top bits made the
/// English image 22% larger, in the lowest bits 12% and every other language's 10%).
///
/// A lexicon without parts of speech ([`has_pos_share`] false) keeps none and packs without
/// the 10 bits: its image is the size it was before parts of speech.
fn pack(g: Grade, with_pos: bool) -> u64 {
    let (off, len) = g.lemma.unwrap_or((0, 0));
    let (pos, shift) = if with_pos {
        (u64::from(g.pos.0 & 0x3ff) << 11, 10)
    } else {
        (0, 0)
    };
    u64::from(g.level)
        | u64::from(g.source) << 3
        | pos
        | u64::from(len) << (11 + shift)
        | u64::from(off) << (19 + shift)
}

fn unpack(v: u64, with_pos: bool) -> Grade {
    let shift = if with_pos { 10 } else { 0 };
    let len = ((v >> (11 + shift)) & 0xff) as u8;
    Grade {
        level: (v & 0x7) as u8,
        source: ((v >> 3) & 0xff) as u8,
        pos: PosSet(if with_pos {
            ((v >> 11) & 0x3ff) as u16
        } else {
            0
        }),
        lemma: (len > 0).then_some((((v >> (19 + shift)) & 0xffff_ffff) as u32, len)),
    }
}

/// True when at least [`POS_MIN_PERCENT`] of `entries` carry a part of speech.
pub fn has_pos_share(tagged: u32, entries: u32) -> bool {
    entries > 0 && u64::from(tagged) * 100 >= u64::from(entries) * POS_MIN_PERCENT
}

fn lower(s: &str) -> String {
    if s.chars().any(char::is_uppercase) {
        s.chars().flat_map(char::to_lowercase).collect()
    } else {
        s.to_string()
    }
}

/// Data lines of a TSV rule file with their offsets, after checking the header.
fn data_lines<'s>(
    text: &'s str,
    header: &str,
    file: u8,
    errors: &mut Vec<TsvError>,
) -> Vec<(usize, &'s str)> {
    let mut out = Vec::new();
    let mut seen_header = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !seen_header {
            seen_header = true;
            if line != header {
                errors.push(TsvError {
                    file,
                    offset: start,
                    message: format!("the header must be `{}`", header.replace('\t', "<TAB>")),
                    fr: format!("l'en-tête doit être `{}`", header.replace('\t', "<TAB>")),
                });
            }
            continue;
        }
        out.push((start, line));
    }
    if !seen_header {
        errors.push(TsvError {
            file,
            offset: 0,
            message: "the file has no header line".into(),
            fr: "le fichier n'a pas de ligne d'en-tête".into(),
        });
    }
    out
}

/// Parses and validates `lexicon.tsv` (and `forms.tsv`), and builds the image. Every error
/// is collected.
pub fn build(lexicon: &str, forms: Option<&str>) -> Result<Vec<u8>, Vec<TsvError>> {
    let mut errors = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    // Lower-case key → (level, source), lowest level kept.
    let mut words: BTreeMap<String, (u8, u8)> = BTreeMap::new();
    let mut phrases: BTreeMap<String, (u8, u8)> = BTreeMap::new();
    // Lower-case single word → the union of the parts of speech of its entry lines.
    let mut word_pos: BTreeMap<String, PosSet> = BTreeMap::new();
    let mut entries = 0u32;
    let mut tagged = 0u32;
    for (start, line) in data_lines(lexicon, LEXICON_HEADER, 0, &mut errors) {
        let err = |offset: usize, (message, fr): (String, String)| TsvError {
            file: 0,
            offset,
            message,
            fr,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            errors.push(err(
                start,
                (
                    format!(
                        "expected 4 tab-separated columns (entry, level, pos, source), found {}",
                        cols.len()
                    ),
                    format!(
                        "4 colonnes séparées par des tabulations attendues (entry, level, pos, source), {} trouvée(s)",
                        cols.len()
                    ),
                ),
            ));
            continue;
        }
        let (entry, level, source) = (cols[0], cols[1], cols[3]);
        let col_offset = |i: usize| start + cols[..i].iter().map(|c| c.len() + 1).sum::<usize>();
        if entry.is_empty() || entry != entry.trim() || entry.contains("  ") {
            errors.push(err(
                start,
                (
                    "the entry is empty or has stray spaces".into(),
                    "l'entrée est vide ou a des espaces en trop".into(),
                ),
            ));
            continue;
        }
        if entry.contains('\u{2019}') {
            errors.push(err(
                start,
                (
                    "write apostrophes as ' (U+0027), not ’".into(),
                    "écrivez les apostrophes ' (U+0027), pas ’".into(),
                ),
            ));
            continue;
        }
        let Some(level) = LEVELS
            .iter()
            .position(|l| l.eq_ignore_ascii_case(level.trim()))
        else {
            errors.push(err(
                col_offset(1),
                (
                    format!("`{level}` is not a CEFR level (A1, A2, B1, B2, C1 or C2)"),
                    format!("`{level}` n'est pas un niveau du CECRL (A1, A2, B1, B2, C1 ou C2)"),
                ),
            ));
            continue;
        };
        let Ok(pos) = map_lexicon_pos(cols[2]) else {
            errors.push(err(
                col_offset(2),
                (
                    format!(
                        "`{}` is not a part of speech (noun, verb, adj, adv, pron, det, prep, conj, num, intj, phrase or -)",
                        cols[2]
                    ),
                    format!(
                        "`{}` n'est pas une partie du discours (noun, verb, adj, adv, pron, det, prep, conj, num, intj, phrase ou -)",
                        cols[2]
                    ),
                ),
            ));
            continue;
        };
        if source.is_empty() {
            errors.push(err(
                col_offset(3),
                ("the source is empty".into(), "la source est vide".into()),
            ));
            continue;
        }
        let sid = match sources.iter().position(|s| s == source) {
            Some(i) => i,
            None => {
                sources.push(source.to_string());
                sources.len() - 1
            }
        };
        if sid > 255 {
            errors.push(err(
                col_offset(3),
                (
                    "more than 256 different sources".into(),
                    "plus de 256 sources différentes".into(),
                ),
            ));
            continue;
        }
        entries += 1;
        let key = lower(entry);
        if let Some(pos) = pos {
            tagged += 1;
            if !key.contains(' ') {
                let p = word_pos.entry(key.clone()).or_default();
                *p = p.union(pos);
            }
        }
        let map = if key.contains(' ') {
            &mut phrases
        } else {
            &mut words
        };
        let grade = (level as u8, sid as u8);
        map.entry(key)
            .and_modify(|g| {
                if grade.0 < g.0 {
                    *g = grade
                }
            })
            .or_insert(grade);
    }
    // Forms: form → the lowest-level lemma that is an entry.
    let mut via_form: BTreeMap<String, (u8, u8, String)> = BTreeMap::new();
    // Form → the union of the parts of speech of all its lemmas that are entries.
    let mut form_pos: BTreeMap<String, PosSet> = BTreeMap::new();
    let mut form_count = 0u32;
    if let Some(forms) = forms {
        for (start, line) in data_lines(forms, FORMS_HEADER, 1, &mut errors) {
            let err = |message: &str, fr: &str| TsvError {
                file: 1,
                offset: start,
                message: message.into(),
                fr: fr.into(),
            };
            let Some((form, lemma)) = line.split_once('\t') else {
                errors.push(err(
                    "expected 2 tab-separated columns (form, lemma)",
                    "2 colonnes séparées par une tabulation attendues (form, lemma)",
                ));
                continue;
            };
            if form.is_empty() || lemma.is_empty() || lemma.contains('\t') {
                errors.push(err(
                    "expected 2 non-empty tab-separated columns",
                    "2 colonnes non vides séparées par une tabulation attendues",
                ));
                continue;
            }
            form_count += 1;
            let lemma = lower(lemma);
            let Some(&(level, source)) = words.get(&lemma) else {
                continue;
            };
            let form = lower(form);
            if let Some(&p) = word_pos.get(&lemma) {
                let e = form_pos.entry(form.clone()).or_default();
                *e = e.union(p);
            }
            match via_form.get(&form) {
                Some((l, _, _)) if *l <= level => {}
                _ => {
                    via_form.insert(form, (level, source, lemma));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Resolve: a direct entry wins unless a form reading is strictly lower.
    let mut lemmas = String::new();
    let mut lemma_at: BTreeMap<String, (u32, u8)> = BTreeMap::new();
    let mut resolved: BTreeMap<&str, Grade> = BTreeMap::new();
    for (w, &(level, source)) in &words {
        resolved.insert(
            w,
            Grade {
                level,
                source,
                lemma: None,
                pos: word_pos.get(w).copied().unwrap_or_default(),
            },
        );
    }
    for (form, (level, source, lemma)) in &via_form {
        if resolved
            .get(form.as_str())
            .is_some_and(|d| d.level <= *level)
        {
            continue;
        }
        if lemma.len() > 255 {
            continue;
        }
        let at = *lemma_at.entry(lemma.clone()).or_insert_with(|| {
            let at = (lemmas.len() as u32, lemma.len() as u8);
            lemmas.push_str(lemma);
            at
        });
        resolved.insert(
            form,
            Grade {
                level: *level,
                source: *source,
                lemma: Some(at),
                pos: PosSet::EMPTY,
            },
        );
    }
    // A word's parts of speech: its own entry lines' and those of every lemma it is a form
    // of, whichever reading gave its grade (`saw`: a noun, and a form of `see`).
    for (w, g) in resolved.iter_mut() {
        let own = word_pos.get(*w).copied().unwrap_or_default();
        let forms = form_pos.get(*w).copied().unwrap_or_default();
        g.pos = own.union(forms);
    }
    let fst_of = |pairs: &mut dyn Iterator<Item = (&str, u64)>| -> Vec<u8> {
        let mut b = fst::MapBuilder::memory();
        for (k, v) in pairs {
            b.insert(k, v).expect("keys are sorted and unique");
        }
        b.into_inner().expect("in-memory fst")
    };
    let with_pos = has_pos_share(tagged, entries);
    let words_fst = fst_of(&mut resolved.iter().map(|(k, g)| (*k, pack(*g, with_pos))));
    let phrases_fst = fst_of(&mut phrases.iter().map(|(k, &(level, source))| {
        (
            k.as_str(),
            pack(
                Grade {
                    level,
                    source,
                    lemma: None,
                    pos: PosSet::EMPTY,
                },
                with_pos,
            ),
        )
    }));
    let mut starts: BTreeMap<&str, u64> = BTreeMap::new();
    for k in phrases.keys() {
        let n = k.split(' ').count().min(255) as u64;
        let first = k.split(' ').next().unwrap_or("");
        let e = starts.entry(first).or_insert(0);
        *e = (*e).max(n);
    }
    let starts_fst = fst_of(&mut starts.iter().map(|(k, v)| (*k, *v)));
    let sources = sources.join("\n");
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for len in [
        sources.len(),
        lemmas.len(),
        words_fst.len(),
        phrases_fst.len(),
        starts_fst.len(),
    ] {
        out.extend_from_slice(&(len as u32).to_le_bytes());
    }
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&form_count.to_le_bytes());
    out.extend_from_slice(&tagged.to_le_bytes());
    out.extend_from_slice(sources.as_bytes());
    out.extend_from_slice(lemmas.as_bytes());
    out.extend_from_slice(&words_fst);
    out.extend_from_slice(&phrases_fst);
    out.extend_from_slice(&starts_fst);
    Ok(out)
}

/// An image, read in place.
pub struct Image<D: AsRef<[u8]>> {
    sources: Vec<std::ops::Range<usize>>,
    lemmas: std::ops::Range<usize>,
    words: fst::Map<Sub<D>>,
    phrases: fst::Map<Sub<D>>,
    starts: fst::Map<Sub<D>>,
    data: std::sync::Arc<D>,
    pub entries: u32,
    pub forms: u32,
    /// Entry lines with a part of speech.
    pub tagged: u32,
}

/// A section of shared image bytes.
pub struct Sub<D> {
    data: std::sync::Arc<D>,
    range: std::ops::Range<usize>,
}

impl<D> Clone for Sub<D> {
    fn clone(&self) -> Self {
        Sub {
            data: self.data.clone(),
            range: self.range.clone(),
        }
    }
}

/// A clone shares the image bytes.
impl<D: AsRef<[u8]>> Clone for Image<D> {
    fn clone(&self) -> Self {
        Image {
            sources: self.sources.clone(),
            lemmas: self.lemmas.clone(),
            words: self.words.clone(),
            phrases: self.phrases.clone(),
            starts: self.starts.clone(),
            data: self.data.clone(),
            entries: self.entries,
            forms: self.forms,
            tagged: self.tagged,
        }
    }
}

impl<D: AsRef<[u8]>> AsRef<[u8]> for Sub<D> {
    fn as_ref(&self) -> &[u8] {
        &(*self.data).as_ref()[self.range.clone()]
    }
}

impl<D: AsRef<[u8]>> Image<D> {
    /// Reads an image made by [`build`]; `None` when it is not one.
    pub fn open(data: D) -> Option<Self> {
        let bytes = data.as_ref();
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return None;
        }
        let u32_at = |i: usize| -> usize {
            u32::from_le_bytes(bytes[8 + 4 * i..12 + 4 * i].try_into().unwrap()) as usize
        };
        let lens: Vec<usize> = (0..5).map(u32_at).collect();
        let (entries, forms, tagged) = (u32_at(5) as u32, u32_at(6) as u32, u32_at(7) as u32);
        let mut at = HEADER_LEN;
        let mut ranges = Vec::new();
        for len in &lens {
            ranges.push(at..at + len);
            at += len;
        }
        if at != bytes.len() {
            return None;
        }
        let text = std::str::from_utf8(&bytes[ranges[0].clone()]).ok()?;
        let mut sources = Vec::new();
        let mut s = ranges[0].start;
        for part in text.split('\n') {
            sources.push(s..s + part.len());
            s += part.len() + 1;
        }
        std::str::from_utf8(&bytes[ranges[1].clone()]).ok()?;
        let data = std::sync::Arc::new(data);
        let map = |r: &std::ops::Range<usize>| {
            fst::Map::new(Sub {
                data: data.clone(),
                range: r.clone(),
            })
            .ok()
        };
        Some(Image {
            sources,
            lemmas: ranges[1].clone(),
            words: map(&ranges[2])?,
            phrases: map(&ranges[3])?,
            starts: map(&ranges[4])?,
            data,
            entries,
            forms,
            tagged,
        })
    }

    fn str_at(&self, r: std::ops::Range<usize>) -> &str {
        // Checked to be UTF-8 in `open`; a range inside a lemma or source never splits a
        // character because `build` records whole strings.
        std::str::from_utf8(&(*self.data).as_ref()[r]).unwrap_or("")
    }

    /// The grade of one lower-case word: `(level index, lemma, source)`; the lemma is `None`
    /// when it is the word itself.
    pub fn word(&self, word: &str) -> Option<(u8, Option<&str>, &str)> {
        let g = unpack(self.words.get(word)?, self.has_pos());
        let lemma = g.lemma.map(|(off, len)| {
            let s = self.lemmas.start + off as usize;
            self.str_at(s..s + len as usize)
        });
        Some((g.level, lemma, self.source(g.source)))
    }

    /// The parts of speech of one lower-case word (empty when it has none or is not listed).
    pub fn pos(&self, word: &str) -> PosSet {
        self.words
            .get(word)
            .map_or(PosSet::EMPTY, |v| unpack(v, self.has_pos()).pos)
    }

    /// True when enough entries carry a part of speech for `{pos:…}` slots
    /// ([`POS_MIN_PERCENT`]).
    pub fn has_pos(&self) -> bool {
        has_pos_share(self.tagged, self.entries)
    }

    /// The grade of a multi-word expression (lower case, single spaces): `(level, source)`.
    pub fn phrase(&self, words: &str) -> Option<(u8, &str)> {
        let g = unpack(self.phrases.get(words)?, self.has_pos());
        Some((g.level, self.source(g.source)))
    }

    /// The longest expression (in words) starting with `first`; 0 when none.
    pub fn longest_phrase_from(&self, first: &str) -> usize {
        self.starts.get(first).unwrap_or(0) as usize
    }

    fn source(&self, id: u8) -> &str {
        self.sources
            .get(id as usize)
            .map_or("", |r| self.str_at(r.clone()))
    }

    /// Single words and expressions with a grade (entries and forms).
    pub fn len(&self) -> usize {
        self.words.len() + self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
