// The language-independent part-of-speech tag set of cefrlint (docs/rule-format.md,
// "Parts of speech"). Included with `include!` by `lexicon_image.rs`, so that `build.rs`
// (which includes that file) maps each lexicon's own tags at build time too. std only.

/// The tags, in bit order: a word's parts of speech are a set, stored as a bit mask.
pub const POS_TAGS: [&str; 10] = [
    "NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "ADP", "CONJ", "NUM", "INTJ",
];

/// A set of parts of speech (bit `i` is `POS_TAGS[i]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PosSet(pub u16);

impl PosSet {
    pub const EMPTY: PosSet = PosSet(0);

    /// The set of one tag of [`POS_TAGS`] (`"ADJ"`), `None` for anything else.
    pub fn of_tag(tag: &str) -> Option<PosSet> {
        POS_TAGS
            .iter()
            .position(|t| *t == tag)
            .map(|i| PosSet(1 << i))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains_any(self, other: PosSet) -> bool {
        self.0 & other.0 != 0
    }

    /// Not empty, and every tag of `self` is in `other`.
    pub fn is_only(self, other: PosSet) -> bool {
        self.0 != 0 && self.0 & !other.0 == 0
    }

    pub fn union(self, other: PosSet) -> PosSet {
        PosSet(self.0 | other.0)
    }

    /// The tag names, in [`POS_TAGS`] order.
    pub fn names(self) -> Vec<&'static str> {
        POS_TAGS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, t)| *t)
            .collect()
    }
}

/// A `pos` value the lexicon format does not define.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownPos;

/// Maps the `pos` column of `lexicon.tsv` to the tag set: `Ok(None)` for a line with no single
/// part of speech (`phrase`, `-`, empty), `Err` for a value the format does not define.
/// Accepted, case-insensitively: the lexicon tags (`noun verb adj adv pron det prep conj num
/// intj`) and the tag set's own names (`ADP` for `prep`).
pub fn map_lexicon_pos(value: &str) -> Result<Option<PosSet>, UnknownPos> {
    let v = value.trim().to_ascii_lowercase();
    let tag = match v.as_str() {
        "" | "-" | "phrase" => return Ok(None),
        "noun" => "NOUN",
        "verb" => "VERB",
        "adj" => "ADJ",
        "adv" => "ADV",
        "pron" => "PRON",
        "det" => "DET",
        "prep" | "adp" => "ADP",
        "conj" => "CONJ",
        "num" => "NUM",
        "intj" => "INTJ",
        _ => return Err(UnknownPos),
    };
    Ok(PosSet::of_tag(tag))
}

/// A language "has" parts of speech when at least this share (in percent) of its lexicon's
/// entries carry one: a lexicon that tags only a hand-made core would make a `{pos:…}` slot
/// miss most words of its class.
pub const POS_MIN_PERCENT: u64 = 50;
