//! Part-of-speech slots in grammar patterns: `{pos:ADJ}` (one word the lexicon lists as an
//! adjective, maybe also as something else), `{pos:ADJ|ADV}` (either), `{only:NOUN}` (one word
//! whose every part of speech is among those listed). Format in `docs/rule-format.md`.
//!
//! A slot cannot be written out as a regex (an alternation of every noun): a pattern with one
//! is kept as a [`Template`] of regex pieces and slots. Its fast form captures each slot as
//! "any word" and tests the captured words with the lexicon afterwards, like a large class;
//! when a test fails, the exact answer comes from the template specialised to the sentence:
//! each slot written as the sentence's own words that pass its test (see
//! `analyse::grammar`), so results are exact without ever listing a whole class.

use super::{class_refs, repeated_bytes, starts_repetition, Classes, Expanded, ANY_WORD};
use crate::findings::Msg;
use crate::ruleset::lexicon_image::{PosSet, POS_TAGS};

/// A pattern with slots, for per-sentence specialisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub pieces: Vec<Piece>,
    /// A part-of-speech slot inside a repeated group (`(?: {pos:ADJ})*`): a capture keeps only
    /// the last repetition, so a fast match is never trusted and the template decides.
    pub always_specialise: bool,
}

/// A piece of a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Regex text, classes written out.
    Re(String),
    /// One word that passes the test of this slot: a large class's name, or a part-of-speech
    /// slot's canonical name (`pos:NOUN|ADJ`, `only:NOUN`).
    Slot(String),
}

impl Template {
    /// The slot names, in order, repeated ones included.
    pub fn slot_names(&self) -> impl Iterator<Item = &String> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Slot(s) => Some(s),
            Piece::Re(_) => None,
        })
    }
}

/// True when a pattern has a part-of-speech slot.
pub fn uses_pos(pattern: &str) -> bool {
    pattern.contains("{pos:") || pattern.contains("{only:")
}

/// The test of a slot name made by this module: the tags and whether they must be the word's
/// only ones. `None` for a class name.
pub fn parse_slot_name(name: &str) -> Option<(PosSet, bool)> {
    let (only, tags) = match name.split_once(':')? {
        ("pos", t) => (false, t),
        ("only", t) => (true, t),
        _ => return None,
    };
    let mut set = PosSet::EMPTY;
    for t in tags.split('|') {
        set = set.union(PosSet::of_tag(t)?);
    }
    Some((set, only))
}

/// A `{pos:…}` or `{only:…}` reference: byte range in the pattern, canonical slot name.
struct PosRef {
    at: usize,
    end: usize,
    name: String,
}

/// Finds the part-of-speech references of a pattern; bad ones are errors at their byte index.
fn pos_refs(pattern: &str, errors: &mut Vec<(usize, Msg)>) -> Vec<PosRef> {
    let mut out = Vec::new();
    for kind in ["pos", "only"] {
        let open = format!("{{{kind}:");
        let mut from = 0;
        while let Some(i) = pattern[from..].find(&open) {
            let at = from + i;
            let body_at = at + open.len();
            from = body_at;
            let Some(close) = pattern[body_at..].find('}') else {
                errors.push((
                    at,
                    Msg::new(
                        format!("`{open}` is not closed by `}}`"),
                        format!("`{open}` n'est pas fermé par `}}`"),
                    ),
                ));
                continue;
            };
            let body = &pattern[body_at..body_at + close];
            let mut set = PosSet::EMPTY;
            let mut ok = true;
            let mut t_at = body_at;
            for tag in body.split('|') {
                match PosSet::of_tag(tag.trim()) {
                    Some(s) if tag.trim() == tag => set = set.union(s),
                    _ => {
                        errors.push((
                            t_at,
                            Msg::new(
                                format!(
                                    "`{tag}` is not a part of speech (one of {}, upper case, joined with |)",
                                    POS_TAGS.join(", ")
                                ),
                                format!(
                                    "`{tag}` n'est pas une partie du discours (parmi {}, en majuscules, séparées par |)",
                                    POS_TAGS.join(", ")
                                ),
                            ),
                        ));
                        ok = false;
                    }
                }
                t_at += tag.len() + 1;
            }
            if ok {
                out.push(PosRef {
                    at,
                    end: body_at + close + 1,
                    name: format!("{kind}:{}", set.names().join("|")),
                });
            }
        }
    }
    out.sort_by_key(|r| r.at);
    out
}

/// Expands a pattern with part-of-speech slots. Errors are `(byte index in the pattern,
/// message)`.
pub fn expand(classes: &Classes, pattern: &str) -> Result<Expanded, Vec<(usize, Msg)>> {
    let mut errors = Vec::new();
    let refs = pos_refs(pattern, &mut errors);
    if !refs.is_empty() {
        match &classes.pos_lexicon {
            Some(l) if l.has_pos() => {}
            lex => {
                let (tagged, entries) = lex.as_ref().map_or((0, 0), |l| l.pos_coverage());
                errors.push((
                    refs[0].at,
                    Msg::new(
                        format!(
                            "part-of-speech slots need a lexicon that tags at least {}% of its entries; this language's lexicon tags {tagged} of {entries}",
                            crate::ruleset::lexicon_image::POS_MIN_PERCENT
                        ),
                        format!(
                            "les emplacements de partie du discours demandent un lexique qui en étiquette au moins {} % des entrées ; celui de cette langue en étiquette {tagged} sur {entries}",
                            crate::ruleset::lexicon_image::POS_MIN_PERCENT
                        ),
                    ),
                ));
            }
        }
    }
    // Every reference, in order: part-of-speech slots and classes.
    enum Ref<'p> {
        Pos(PosRef),
        Class(&'p str),
    }
    let mut all: Vec<(usize, usize, Ref)> = refs
        .into_iter()
        .map(|r| (r.at, r.end, Ref::Pos(r)))
        .collect();
    for (at, name) in class_refs(pattern) {
        all.push((at, at + name.len() + 2, Ref::Class(name)));
    }
    all.sort_by_key(|(at, _, _)| *at);
    let repeated = repeated_bytes(pattern);
    let mut pieces = Vec::new();
    let (mut prefilter, mut fast, mut stand_in) = (String::new(), String::new(), String::new());
    let mut slots = Vec::new();
    let mut always_specialise = false;
    let mut last = 0;
    for (at, end, r) in &all {
        let between = &pattern[last..*at];
        for out in [&mut prefilter, &mut fast, &mut stand_in] {
            out.push_str(between);
        }
        pieces.push(Piece::Re(between.to_string()));
        stand_in.push_str("(?:x)");
        let is_repeated = repeated[*at] || starts_repetition(&pattern[*end..]);
        let any = format!("(?:{ANY_WORD})");
        match r {
            Ref::Pos(p) => {
                prefilter.push_str(&any);
                if is_repeated {
                    always_specialise = true;
                    fast.push_str(&any);
                } else {
                    fast.push_str(&format!("(?P<c{}>{ANY_WORD})", slots.len()));
                    slots.push(p.name.clone());
                }
                pieces.push(Piece::Slot(p.name.clone()));
            }
            Ref::Class(name) => {
                let Some(exp) = classes.expanded.get(*name) else {
                    errors.push((
                        *at,
                        Msg::new(
                            format!("unknown word class `{{{name}}}`"),
                            format!("classe de mots inconnue `{{{name}}}`"),
                        ),
                    ));
                    last = *end;
                    continue;
                };
                if classes.large.contains_key(*name) {
                    pieces.push(Piece::Slot(name.to_string()));
                    if is_repeated {
                        prefilter.push_str(exp);
                        fast.push_str(exp);
                    } else {
                        prefilter.push_str(&any);
                        fast.push_str(&format!("(?P<c{}>{ANY_WORD})", slots.len()));
                        slots.push(name.to_string());
                    }
                } else {
                    pieces.push(Piece::Re(exp.clone()));
                    prefilter.push_str(exp);
                    fast.push_str(exp);
                }
            }
        }
        last = *end;
    }
    let rest = &pattern[last..];
    for out in [&mut prefilter, &mut fast, &mut stand_in] {
        out.push_str(rest);
    }
    pieces.push(Piece::Re(rest.to_string()));
    pieces.retain(|p| !matches!(p, Piece::Re(s) if s.is_empty()));
    if errors.is_empty() {
        if let Err(m) = crate::analyse::fold::check_pattern(&stand_in) {
            errors.push((0, m));
        } else if let Err(e) = super::check_syntax(&stand_in) {
            errors.push((
                0,
                Msg::new(
                    format!("pattern does not compile: {e}"),
                    format!("le motif ne compile pas : {e}"),
                ),
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(errors);
    }
    Ok(Expanded {
        // Never compiled as the exact form: the template is (see `analyse::grammar`).
        regex: prefilter.clone(),
        prefilter,
        fast,
        slots,
        // Not parsed in pieces: the fast form is parsed whole.
        inline: Vec::new(),
        inline_regex: Vec::new(),
        pos_template: Some(Template {
            pieces,
            always_specialise,
        }),
    })
}

/// The byte offset in a YAML file of byte `index` of a scalar that starts at `start`: exact for
/// plain scalars and for quoted ones up to their first escape, which counts as one byte.
pub fn source_offset(text: &str, start: usize, index: usize) -> usize {
    let bytes = text.as_bytes();
    let Some(&q) = bytes.get(start) else {
        return start;
    };
    if q != b'\'' && q != b'"' {
        return start + index;
    }
    let (mut src, mut decoded) = (start + 1, 0);
    while decoded < index && src < bytes.len() {
        let step = match (q, bytes[src], bytes.get(src + 1)) {
            (b'\'', b'\'', Some(b'\'')) => 2,
            (b'"', b'\\', Some(_)) => 2,
            _ => 1,
        };
        src += step;
        decoded += 1;
    }
    src
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::grammar::{parse_classes, parse_grammar};
    use crate::ruleset::lexicon::Lexicon;
    use crate::source::SourceFile;

    fn classes(with_lexicon: bool) -> Classes {
        let mut c = parse_classes(
            &SourceFile::new(
                "rules/en/classes.yaml",
                "version: 1\nclasses:\n  BE:\n    words: [is, are]\n",
            ),
            "en",
        )
        .unwrap();
        if with_lexicon {
            let lex = Lexicon::parse(
                &SourceFile::new(
                    "lexicon.tsv",
                    "entry\tlevel\tpos\tsource\nred\tA1\tadj\tt\ncar\tA1\tnoun\tt\n",
                ),
                None,
            )
            .unwrap();
            c.set_lexicon(&lex);
        }
        c
    }

    #[test]
    fn slots_are_captured_in_the_fast_form_and_kept_in_the_template() {
        let e = expand(&classes(true), r"\b{BE} {pos:ADJ|NOUN} {only:NOUN}\b").unwrap();
        assert_eq!(e.slots, ["pos:NOUN|ADJ", "only:NOUN"]);
        assert!(e.fast.contains("(?P<c0>") && e.fast.contains("(?P<c1>"));
        let t = e.pos_template.unwrap();
        assert!(!t.always_specialise);
        assert_eq!(
            t.slot_names().collect::<Vec<_>>(),
            ["pos:NOUN|ADJ", "only:NOUN"]
        );
        assert!(
            matches!(&t.pieces[1], Piece::Re(s) if s.contains("are|is")),
            "{t:?}"
        );
        assert_eq!(parse_slot_name("only:NOUN"), Some((PosSet(1), true)));
        assert_eq!(parse_slot_name("BE"), None);
        let rep = expand(&classes(true), r"(?:{pos:ADJ} )+car").unwrap();
        assert!(rep.pos_template.unwrap().always_specialise && rep.slots.is_empty());
    }

    #[test]
    fn bad_slots_are_errors_at_their_index() {
        let errs = expand(&classes(true), r"the {pos:ADJ|NOUNS} {only:verb}").unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].0, 13);
        assert!(errs[0].1.en.contains("`NOUNS`"));
        assert_eq!(errs[1].0, 26);
        let errs = expand(&classes(false), r"a {pos:ADJ}").unwrap_err();
        assert_eq!(errs[0].0, 2);
        assert!(errs[0].1.en.contains("tags 0 of 0"), "{errs:?}");
        let errs = expand(&classes(true), r"a {pos:ADJ} (").unwrap_err();
        assert!(errs[0].1.en.contains("does not compile"));
    }

    #[test]
    fn grammar_errors_point_at_the_slot_in_the_file() {
        let rule = |pat: &str| {
            format!("  - id: r-{}\n    level: A2\n    name: {{en: a, fr: a}}\n    description: {{en: a, fr: a}}\n    patterns: ['{pat}']\n    examples:\n      match: [\"red car\"]\n      no_match: [\"car\"]\n", pat.len())
        };
        let src = format!(
            "version: 1\nlanguage: en\nrules:\n{}{}",
            rule("{pos:ADJ} {pos:NON}"),
            rule("it''s {only:adj}")
        );
        let errs =
            parse_grammar(&SourceFile::new("g.yaml", &src), "en", &classes(true)).unwrap_err();
        let at: Vec<(u32, u32)> = errs.iter().map(|e| (e.line, e.column)).collect();
        // Line 8: `    patterns: ['` is 16 bytes, the tag `NON` is at index 15 of the pattern.
        assert_eq!(at, [(8, 32), (16, 29)], "{errs:?}");
    }

    #[test]
    fn yaml_offsets_follow_quotes_and_escapes() {
        let t = r#"x: 'a''b {pos:X}' y: "c\"d {pos:X}""#;
        let s1 = t.find('\'').unwrap();
        assert_eq!(&t[source_offset(t, s1, 4)..][..5], "{pos:");
        let s2 = t.find('"').unwrap();
        assert_eq!(&t[source_offset(t, s2, 4)..][..5], "{pos:");
        assert_eq!(source_offset("abc", 0, 2), 2);
    }
}
