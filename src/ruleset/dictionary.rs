//! Hunspell dictionaries for the spelling and language checks.
//!
//! English (en_US), French and Spanish are embedded in the binary (`rules/dicts/`, fetched by
//! `tools/fetch_dictionaries.sh`; licences in `rules/SOURCES.md`). German and Italian
//! dictionaries are GPL and never shipped: they are read from `--dict-dir DIR` or from the
//! system (`/usr/share/hunspell/de_DE.*`, `it_IT.*`) when installed. `--dict-dir` wins over
//! the embedded and system dictionaries. Each language is parsed once, on first use.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxBuildHasher, FxHashMap};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_dicts.rs"));
}

/// A parsed dictionary. A fixed hasher keeps suggestions identical from run to run.
pub type Dict = spellbook::Dictionary<FxBuildHasher>;

/// Where a language's dictionary came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DictOrigin {
    Embedded,
    File(PathBuf),
}

/// A loaded dictionary and its origin.
pub struct LoadedDict {
    pub dict: Dict,
    pub origin: DictOrigin,
}

impl std::fmt::Debug for LoadedDict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedDict")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

/// Why a language has no dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// None embedded, none in --dict-dir or the system folder.
    NotInstalled,
    /// A file was found but could not be read or parsed.
    Broken { file: String, message: String },
}

type Slot = Arc<OnceLock<Result<Arc<LoadedDict>, Missing>>>;

/// The dictionaries of a run, loaded lazily per language and shared by all threads.
pub struct Dictionaries {
    /// `--dict-dir`, searched first.
    dir: Option<PathBuf>,
    /// System folders searched after the embedded dictionaries.
    system: Vec<PathBuf>,
    cache: Mutex<FxHashMap<String, Slot>>,
    /// Languages whose spelling was asked for (reported by `missing`).
    wanted: Mutex<Vec<String>>,
    /// Embedded languages that `--dict-dir` does not override: their dictionary is the
    /// embedded one, known to parse (`embedded_dictionaries_load_and_check_words`), so it
    /// can be parsed on first use rather than when a check starts.
    embedded_wins: Vec<&'static str>,
}

impl std::fmt::Debug for Dictionaries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionaries")
            .field("dir", &self.dir)
            .field("system", &self.system)
            .finish_non_exhaustive()
    }
}

impl Default for Dictionaries {
    fn default() -> Self {
        Dictionaries::new(None)
    }
}

/// The usual file stems of a language's dictionary, best first.
fn stems(lang: &str) -> Vec<String> {
    let region = match lang {
        "en" => &["en_US", "en_GB"][..],
        "fr" => &["fr_FR", "fr"],
        "es" => &["es_ES", "es"],
        "de" => &["de_DE", "de_DE_frami", "de_AT", "de_CH"],
        "it" => &["it_IT"],
        _ => &[],
    };
    let mut v: Vec<String> = vec![lang.to_string()];
    v.extend(region.iter().map(|s| s.to_string()));
    v.dedup();
    v
}

impl Dictionaries {
    /// Dictionaries with an optional `--dict-dir`, and the system folder.
    pub fn new(dir: Option<PathBuf>) -> Self {
        Dictionaries::with_system(dir, vec![PathBuf::from("/usr/share/hunspell")])
    }

    /// Dictionaries with explicit system folders (tests pass none).
    pub fn with_system(dir: Option<PathBuf>, system: Vec<PathBuf>) -> Self {
        let embedded_wins = Dictionaries::embedded_languages()
            .filter(|l| dir.as_deref().is_none_or(|d| find_files(d, l).is_none()))
            .collect();
        Dictionaries {
            dir,
            system,
            cache: Mutex::new(FxHashMap::default()),
            wanted: Mutex::new(Vec::new()),
            embedded_wins,
        }
    }

    /// Languages with an embedded dictionary.
    pub fn embedded_languages() -> impl Iterator<Item = &'static str> {
        embedded::DICTS.iter().map(|(l, _, _)| *l)
    }

    /// The dictionary of `lang` for spell-checking it, loaded on first use; a language
    /// without one is listed by [`Dictionaries::missing`].
    pub fn get(&self, lang: &str) -> Result<Arc<LoadedDict>, Missing> {
        {
            let mut wanted = self.wanted.lock().unwrap_or_else(|p| p.into_inner());
            if !wanted.iter().any(|l| l == lang) {
                wanted.push(lang.to_string());
            }
        }
        self.peek(lang)
    }

    /// Whether `lang` can be spell-checked, as [`Dictionaries::get`] would say, and listed
    /// by [`Dictionaries::missing`] if not; an embedded dictionary is not parsed yet (see
    /// [`DictRef`]), any other is.
    pub fn want(&self, lang: &str) -> bool {
        if self.embedded_wins.contains(&lang) {
            let mut wanted = self.wanted.lock().unwrap_or_else(|p| p.into_inner());
            if !wanted.iter().any(|l| l == lang) {
                wanted.push(lang.to_string());
            }
            return true;
        }
        self.get(lang).is_ok()
    }

    /// Whether the dictionary of `lang` has been parsed (or found missing) already.
    pub fn is_parsed(&self, lang: &str) -> bool {
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.get(lang).is_some_and(|slot| slot.get().is_some())
    }

    /// Whether `lang` has a dictionary, as [`Dictionaries::peek`] would say (not listed by
    /// [`Dictionaries::missing`]); an embedded one is not parsed.
    pub fn want_quietly(&self, lang: &str) -> bool {
        self.embedded_wins.contains(&lang) || self.peek(lang).is_ok()
    }

    /// The dictionary of `lang`, parsed on first use: for a language [`Dictionaries::want`]
    /// accepted.
    pub fn lazy<'a>(&'a self, lang: &'a str) -> DictRef<'a> {
        DictRef(DictInner::Lazy {
            dicts: self,
            lang,
            cell: std::cell::OnceCell::new(),
        })
    }

    /// What the dictionary of `lang` says of `word` when that was decided at build time
    /// (`build.rs`, `dictionary_answers`): only for an embedded dictionary `--dict-dir`
    /// does not override, and only for the words it lists.
    pub fn precomputed(&self, lang: &str, word: &str) -> Option<bool> {
        if !self.embedded_wins.contains(&lang) {
            return None;
        }
        let (_, bytes) = embedded::ANSWERS.iter().find(|(l, _)| *l == lang)?;
        let map = fst::Map::new(*bytes).ok()?;
        map.get(word).map(|v| v == 1)
    }

    /// Whether the dictionary of `lang` accepts `word` (`None`: no dictionary), parsing it
    /// only when the answer was not decided at build time.
    pub fn accepts(&self, lang: &str, word: &str) -> Option<bool> {
        if let Some(v) = self.precomputed(lang, word) {
            return Some(v);
        }
        self.peek(lang).ok().map(|d| d.dict.check(word))
    }

    /// The dictionary of `lang` for other uses (language identification): not listed by
    /// [`Dictionaries::missing`] when absent.
    pub fn peek(&self, lang: &str) -> Result<Arc<LoadedDict>, Missing> {
        let slot = {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            // Looked up before inserting: no key allocated on the hot path.
            match cache.get(lang) {
                Some(s) => s.clone(),
                None => cache.entry(lang.to_string()).or_default().clone(),
            }
        };
        slot.get_or_init(|| self.load(lang).map(Arc::new)).clone()
    }

    /// Languages whose spelling was asked for and that have no dictionary, sorted, with the
    /// reason.
    pub fn missing(&self) -> Vec<(String, Missing)> {
        let wanted = self
            .wanted
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let mut out: Vec<(String, Missing)> = wanted
            .into_iter()
            // An embedded dictionary is never missing: not parsed just to say so.
            .filter(|l| !self.embedded_wins.contains(&l.as_str()))
            .filter_map(|l| self.peek(&l).err().map(|m| (l, m)))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn load(&self, lang: &str) -> Result<LoadedDict, Missing> {
        if let Some(dir) = &self.dir {
            if let Some(d) = load_from(dir, lang)? {
                return Ok(d);
            }
        }
        if let Some((_, aff, dic)) = embedded::DICTS.iter().find(|(l, _, _)| *l == lang) {
            return parse(aff, dic, "embedded").map(|dict| LoadedDict {
                dict,
                origin: DictOrigin::Embedded,
            });
        }
        for dir in &self.system {
            if let Some(d) = load_from(dir, lang)? {
                return Ok(d);
            }
        }
        Err(Missing::NotInstalled)
    }
}

/// A dictionary to check words with: one already loaded, or a language's own parsed on the
/// first word that needs it (a file whose words the lexicon all knows parses none).
pub struct DictRef<'a>(DictInner<'a>);

enum DictInner<'a> {
    Loaded(&'a Dict),
    Lazy {
        dicts: &'a Dictionaries,
        lang: &'a str,
        cell: std::cell::OnceCell<Arc<LoadedDict>>,
    },
}

impl<'a> From<&'a Dict> for DictRef<'a> {
    fn from(d: &'a Dict) -> Self {
        DictRef(DictInner::Loaded(d))
    }
}

impl DictRef<'_> {
    /// The dictionary, parsed now if it was not yet.
    pub fn dict(&self) -> &Dict {
        match &self.0 {
            DictInner::Loaded(d) => d,
            DictInner::Lazy { dicts, lang, cell } => match cell.get() {
                Some(d) => &d.dict,
                None => match dicts.peek(lang) {
                    Ok(d) => &cell.get_or_init(|| d).dict,
                    // Not for a language `want` accepted: knows no word.
                    Err(_) => empty(),
                },
            },
        }
    }

    /// Whether the dictionary accepts `word`: decided at build time for the likely words
    /// of an embedded dictionary, which is then not parsed.
    pub fn check(&self, word: &str) -> bool {
        if let DictInner::Lazy { dicts, lang, .. } = &self.0 {
            if let Some(v) = dicts.precomputed(lang, word) {
                return v;
            }
        }
        self.dict().check(word)
    }
}

/// A dictionary without words.
fn empty() -> &'static Dict {
    static EMPTY: OnceLock<Dict> = OnceLock::new();
    EMPTY.get_or_init(|| {
        spellbook::Dictionary::new_with_hasher("SET UTF-8\n", "0\n", FxBuildHasher)
            .expect("an empty dictionary parses")
    })
}

fn parse(aff: &str, dic: &str, shown: &str) -> Result<Dict, Missing> {
    let aff = case_free_map(aff);
    spellbook::Dictionary::new_with_hasher(&aff, dic, FxBuildHasher).map_err(|e| Missing::Broken {
        file: shown.to_string(),
        message: e.to_string(),
    })
}

/// The `.aff` with the case pairs taken out of its `MAP` table: each group keeps its
/// lower-case members together and its upper-case members together (`MAP aàâäAÀÂÄ` becomes
/// `MAP aàâä` and `MAP AÀÂÄ`; `MAP bB` goes).
///
/// The suggester tries every combination of a group's members at every position of the
/// word, checking each: a French word of eight letters, where every letter has its capital
/// in the table (`MAP bB`, `MAP dD`, …) and vowels up to ten forms, made about 250,000
/// checks, 0.1–0.2 s per misspelled word (most of a run on a lesson with typos, and 0.4 s of
/// a 50 MB benchmark with two distinct misspellings). What the table is for, accents
/// (`eleve` → `élève`), is kept. What its capitals found were names written in lower case:
/// `checks::spelling::capitalised` looks for those before the suggester runs (`eric` →
/// `Éric`); a name with an accent after its first letter (`quebec` → `Québec`) is left to
/// the suggester's later steps, which still find it, later in the list. Hunspell itself
/// stops this step after a time limit; spellbook, like nuspell, has none.
fn case_free_map(aff: &str) -> std::borrow::Cow<'_, str> {
    let is_map = |l: &str| l.split_whitespace().next() == Some("MAP");
    if !aff.lines().any(is_map) {
        return aff.into();
    }
    let mut groups: Vec<String> = Vec::new();
    let mut out = String::with_capacity(aff.len());
    let mut at = None;
    for line in aff.lines() {
        if !is_map(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let Some(arg) = line.split_whitespace().nth(1) else {
            continue;
        };
        if arg.bytes().all(|b| b.is_ascii_digit()) {
            // The count line: the table goes here once its groups are known.
            at.get_or_insert(out.len());
            continue;
        }
        let (mut lower, mut upper) = (String::new(), String::new());
        for member in map_members(arg) {
            if member.to_lowercase() == member {
                lower.push_str(member);
            } else {
                upper.push_str(member);
            }
        }
        for g in [lower, upper] {
            if map_members(&g).count() >= 2 {
                groups.push(g);
            }
        }
    }
    let mut table = format!("MAP {}\n", groups.len());
    for g in &groups {
        table.push_str(&format!("MAP {g}\n"));
    }
    out.insert_str(at.unwrap_or(out.len()), &table);
    out.into()
}

/// The members of a `MAP` group: characters, or sequences written in parentheses.
fn map_members(group: &str) -> impl Iterator<Item = &str> {
    let mut rest = group;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let len = if c == '(' {
            rest.find(')').map_or(rest.len(), |i| i + 1)
        } else {
            c.len_utf8()
        };
        let (member, tail) = rest.split_at(len);
        rest = tail;
        Some(member)
    })
}

/// `<dir>/<stem>.aff` + `.dic`, or the same inside `<dir>/<lang>/`: the first pair found.
fn find_files(dir: &Path, lang: &str) -> Option<(PathBuf, PathBuf)> {
    for base in [dir.to_path_buf(), dir.join(lang)] {
        for stem in stems(lang) {
            let aff = base.join(format!("{stem}.aff"));
            let dic = base.join(format!("{stem}.dic"));
            if aff.is_file() && dic.is_file() {
                return Some((aff, dic));
            }
        }
    }
    None
}

/// Loads the dictionary [`find_files`] finds.
fn load_from(dir: &Path, lang: &str) -> Result<Option<LoadedDict>, Missing> {
    let Some((aff, dic)) = find_files(dir, lang) else {
        return Ok(None);
    };
    let read = |p: &Path| {
        std::fs::read(p)
            .map_err(|e| Missing::Broken {
                file: p.display().to_string(),
                message: e.to_string(),
            })
            .map(|b| decode(&b))
    };
    let (a, d) = (read(&aff)?, read(&dic)?);
    let dict = parse(&a, &d, &aff.display().to_string())?;
    Ok(Some(LoadedDict {
        dict,
        origin: DictOrigin::File(aff),
    }))
}

/// Hunspell files name their encoding in the `.aff` (`SET ISO8859-1`); spellbook wants UTF-8.
/// UTF-8 is used when the bytes are valid UTF-8, else Latin-1 (the usual legacy `SET`).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionaries_load_and_check_words() {
        let d = Dictionaries::with_system(None, Vec::new());
        let en = d.get("en").unwrap();
        assert_eq!(en.origin, DictOrigin::Embedded);
        assert!(en.dict.check("house") && !en.dict.check("hoose"));
        let fr = d.get("fr").unwrap();
        for w in ["école", "l'école", "qu'il", "peut-être", "aujourd'hui"] {
            assert!(fr.dict.check(w), "{w}");
        }
        assert!(!fr.dict.check("ecolle"));
        let es = d.get("es").unwrap();
        assert!(es.dict.check("mañana") && !es.dict.check("mañanna"));
        assert!(d.missing().is_empty());
    }

    /// The `MAP` table loses its case pairs, in place, and keeps its accents.
    #[test]
    fn the_map_table_keeps_accents_not_capitals() {
        let aff = "SET UTF-8\nMAP 4\nMAP aàâAÀÂ\nMAP bB\nMAP (ss)ß\nMAP oöO\nTRY abc\n";
        assert_eq!(
            case_free_map(aff),
            "SET UTF-8\nMAP 4\nMAP aàâ\nMAP AÀÂ\nMAP (ss)ß\nMAP oö\nTRY abc\n"
        );
        let plain = "SET UTF-8\nTRY abc\n";
        assert!(matches!(
            case_free_map(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// Suggestions for a French word that lost its accents still come from the table, and
    /// a word of eight letters no longer takes a quarter of a million checks: the suggester
    /// gives the same answer as the table with capitals, which this test does not time.
    #[test]
    fn french_suggestions_still_restore_accents() {
        let d = Dictionaries::with_system(None, Vec::new());
        let fr = d.get("fr").unwrap();
        let mut out = Vec::new();
        fr.dict.suggest("eleve", &mut out);
        assert!(out.iter().any(|s| s == "élève"), "{out:?}");
        out.clear();
        fr.dict.suggest("fenetre", &mut out);
        assert_eq!(out.first().map(String::as_str), Some("fenêtre"), "{out:?}");
    }

    /// The verdicts decided at build time are the parsed dictionary's, on a sample of every
    /// language's list (stems, and English words with a clitic).
    #[test]
    fn precomputed_answers_agree_with_the_dictionary() {
        use fst::Streamer;
        let d = Dictionaries::with_system(None, Vec::new());
        for (lang, bytes) in embedded::ANSWERS {
            let map = fst::Map::new(*bytes).unwrap();
            assert!(map.len() > 10_000, "{lang}: {}", map.len());
            let dict = d.peek(lang).unwrap();
            let mut stream = map.stream();
            let (mut n, mut accepted) = (0usize, 0usize);
            while let Some((word, v)) = stream.next() {
                n += 1;
                if n % 97 != 0 {
                    continue;
                }
                let word = std::str::from_utf8(word).unwrap();
                assert_eq!(dict.dict.check(word), v == 1, "{lang} {word}");
                assert_eq!(d.precomputed(lang, word), Some(v == 1));
                accepted += v as usize;
            }
            assert!(accepted > 0, "{lang}");
        }
        assert_eq!(d.precomputed("en", "sister's"), Some(true));
        assert_eq!(d.precomputed("en", "don't"), Some(true));
        assert_eq!(d.precomputed("fr", "plupart"), Some(true));
        assert_eq!(d.precomputed("en", "zxqv"), None);
    }

    /// A lazy dictionary answers listed words without parsing, and parses for the others;
    /// `--dict-dir` overriding a language turns the build-time answers off.
    #[test]
    fn a_lazy_dictionary_parses_only_when_asked_an_unlisted_word() {
        let d = Dictionaries::with_system(None, Vec::new());
        assert!(d.want("en"));
        let en = d.lazy("en");
        assert!(en.check("sister's") && en.check("can't"));
        assert!(!d.is_parsed("en"));
        assert!(!en.check("hoose"));
        assert!(d.is_parsed("en"));
        assert!(d.missing().is_empty());

        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("en_US.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(tmp.path().join("en_US.dic"), "1\nhouse\n").unwrap();
        let d = Dictionaries::with_system(Some(tmp.path().to_path_buf()), Vec::new());
        assert_eq!(d.precomputed("en", "sister's"), None);
        assert!(d.want("en") && d.is_parsed("en"));
        let en = d.lazy("en");
        assert!(en.check("house") && !en.check("sister's"));
    }

    #[test]
    fn a_language_without_dictionary_is_reported_missing() {
        let d = Dictionaries::with_system(None, Vec::new());
        assert!(matches!(d.get("de"), Err(Missing::NotInstalled)));
        assert_eq!(d.missing(), vec![("de".to_string(), Missing::NotInstalled)]);
    }

    #[test]
    fn dict_dir_is_searched_first_with_regional_stems() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("de_DE.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(tmp.path().join("de_DE.dic"), "2\nHaus\nKatze\n").unwrap();
        let d = Dictionaries::with_system(Some(tmp.path().to_path_buf()), Vec::new());
        let de = d.get("de").unwrap();
        assert!(de.dict.check("Haus") && !de.dict.check("Hause"));
        assert!(matches!(de.origin, DictOrigin::File(_)));
    }
}
