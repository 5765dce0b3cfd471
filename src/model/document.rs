//! The document model every input format maps into:
//! document → lessons → items → fields, each field with its role, language and source span.

use super::{Lang, Level, MappedText};
use crate::source::{Location, Span};

/// What a field is for. Decides which language it should be in and which checks apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A question or prompt shown to the learner.
    Prompt,
    /// A reading text, transcript, or stimulus.
    Text,
    /// One of the options of a choice or ordering item.
    Option,
    /// The correct answer (or one accepted alternative).
    Answer,
    /// The word or expression taught by a vocabulary item.
    Term,
    /// An example sentence.
    Example,
    /// One line of a dialogue.
    Line,
    /// The text of a subtitle cue.
    Cue,
    /// The target-language side of a matching pair.
    PairTarget,
    /// The support-language side of a matching pair.
    PairSupport,
    /// An instruction to the learner.
    Instruction,
    /// A translation into the support language.
    Translation,
    /// Feedback shown after answering.
    Feedback,
    /// A lesson or item title.
    Title,
}

/// Which language a field is expected to be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LangRole {
    Target,
    Support,
    /// Either language (titles).
    Either,
}

impl Role {
    pub fn lang_role(self) -> LangRole {
        match self {
            Role::Prompt
            | Role::Text
            | Role::Option
            | Role::Answer
            | Role::Term
            | Role::Example
            | Role::Line
            | Role::Cue
            | Role::PairTarget => LangRole::Target,
            Role::PairSupport | Role::Instruction | Role::Translation | Role::Feedback => {
                LangRole::Support
            }
            Role::Title => LangRole::Either,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Prompt => "prompt",
            Role::Text => "text",
            Role::Option => "option",
            Role::Answer => "answer",
            Role::Term => "term",
            Role::Example => "example",
            Role::Line => "line",
            Role::Cue => "cue",
            Role::PairTarget => "pair-target",
            Role::PairSupport => "pair-support",
            Role::Instruction => "instruction",
            Role::Translation => "translation",
            Role::Feedback => "feedback",
            Role::Title => "title",
        }
    }
}

/// The kind of an item, as the native format names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Text,
    Vocabulary,
    MultipleChoice,
    GapFill,
    Matching,
    Ordering,
    Open,
    Dialogue,
    /// A true/false question: the answer is `true` or `false`.
    TrueFalse,
    /// A subtitle cue, with its timing.
    Cue,
}

impl ItemKind {
    pub fn parse(s: &str) -> Option<ItemKind> {
        Some(match s.trim() {
            "text" => ItemKind::Text,
            "vocabulary" => ItemKind::Vocabulary,
            "multiple_choice" => ItemKind::MultipleChoice,
            "gap_fill" => ItemKind::GapFill,
            "matching" => ItemKind::Matching,
            "ordering" => ItemKind::Ordering,
            "open" => ItemKind::Open,
            "dialogue" => ItemKind::Dialogue,
            "true_false" => ItemKind::TrueFalse,
            "cue" => ItemKind::Cue,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub const NAMES: &'static [&'static str] = &[
        "text",
        "vocabulary",
        "multiple_choice",
        "gap_fill",
        "matching",
        "ordering",
        "open",
        "dialogue",
        "true_false",
        "cue",
    ];
}

/// Where a declared value (level, language) came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    Item,
    Lesson,
    File,
    CommandLine,
    /// A `paths:` entry of the configuration file.
    Config,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Item => "item",
            Origin::Lesson => "lesson",
            Origin::File => "file",
            Origin::CommandLine => "command-line",
            Origin::Config => "config",
        }
    }
}

/// A declared value with where it was declared (`span` is `None` for the command line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared<T> {
    pub value: T,
    pub origin: Origin,
    /// Where the value is written in the items' own file.
    pub span: Option<Span>,
    /// Where the value is written when that is another file of the same package (an H5P
    /// package's `h5p.json`, a content package's `imsmanifest.xml`): `span` is then `None`.
    pub elsewhere: Option<Location>,
}

impl<T: Clone> Declared<T> {
    /// A value the file declares in another file of its package, written at `at`.
    pub fn written_elsewhere(v: &Option<(T, Location)>) -> Option<Declared<T>> {
        v.as_ref().map(|(value, at)| Declared {
            value: value.clone(),
            origin: Origin::File,
            span: None,
            elsewhere: Some(at.clone()),
        })
    }
}

/// One piece of learner-visible text.
#[derive(Clone, Debug)]
pub struct Field {
    pub role: Role,
    /// Position among the fields of the same role in the item (option 0, 1, …; gap 0, 1, …).
    pub slot: u32,
    /// For accepted alternatives of one answer: 0, 1, …
    pub alt: u32,
    /// The language this field should be in, once resolved.
    pub language: Option<Lang>,
    pub text: MappedText,
    /// The whole field's source span (the scalar, quotes included).
    pub span: Span,
}

/// A unit of content: a question, a text, a vocabulary entry.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    /// Where the item starts in the source (its first key).
    pub span: Span,
    /// The declared level (item > lesson > file > command line). `value` is `None` when a
    /// level was declared but is not a CEFR level (reported as `metadata/invalid-level`).
    pub level: Option<Declared<Option<Level>>>,
    /// The target language; `value` is `None` when declared but not recognised.
    pub language: Option<Declared<Option<Lang>>>,
    pub support_language: Option<Declared<Option<Lang>>>,
    pub fields: Vec<Field>,
    /// When the item is shown, for subtitle cues.
    pub timing: Option<Timing>,
    /// For choice items, what the format says of the key: exactly one option is correct
    /// (`Some(true)`: Moodle `<single>true</single>`, QTI `maxChoices="1"`), several may be
    /// (`Some(false)`), or the format does not say (`None`).
    pub single_answer: Option<bool>,
}

/// The display interval of a subtitle cue, in milliseconds from the start of the video.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub start_ms: u64,
    pub end_ms: u64,
}

impl Item {
    /// An item with nothing declared and no fields yet.
    pub fn new(id: String, kind: ItemKind, span: Span) -> Item {
        Item {
            id,
            kind,
            span,
            level: None,
            language: None,
            support_language: None,
            fields: Vec::new(),
            timing: None,
            single_answer: None,
        }
    }

    /// The declared level, when one was declared and is valid.
    pub fn declared_level(&self) -> Option<Level> {
        self.level.as_ref().and_then(|d| d.value)
    }

    /// The target language, when declared and valid.
    pub fn target_language(&self) -> Option<&Lang> {
        self.language.as_ref().and_then(|d| d.value.as_ref())
    }

    pub fn support_lang(&self) -> Option<&Lang> {
        self.support_language
            .as_ref()
            .and_then(|d| d.value.as_ref())
    }

    /// Fills what the file left undeclared from `defaults`, recording `origin` (the
    /// configuration's path mappings, before [`Item::apply_defaults`]).
    pub fn fill_declared(&mut self, defaults: &Defaults, origin: Origin) {
        let declared = |v| Declared {
            value: Some(v),
            origin,
            span: None,
            elsewhere: None,
        };
        if self.level.is_none() {
            self.level = defaults.level.map(declared);
        }
        if self.language.is_none() {
            self.language = defaults.language.clone().map(|l| Declared {
                value: Some(l),
                origin,
                span: None,
                elsewhere: None,
            });
        }
        if self.support_language.is_none() {
            self.support_language = defaults.support_language.clone().map(|l| Declared {
                value: Some(l),
                origin,
                span: None,
                elsewhere: None,
            });
        }
    }

    /// Fills what the file left undeclared from the command line, then sets each field's
    /// language from its role.
    pub fn apply_defaults(&mut self, defaults: &Defaults) {
        fill(&mut self.level, defaults.level);
        fill(&mut self.language, defaults.language.clone());
        fill(
            &mut self.support_language,
            defaults.support_language.clone(),
        );
        let target = self.target_language().cloned();
        let support = self.support_lang().cloned();
        for f in &mut self.fields {
            f.language = match f.role.lang_role() {
                LangRole::Target => target.clone(),
                LangRole::Support => support.clone(),
                LangRole::Either => None,
            };
        }
    }

    pub fn target_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| f.role.lang_role() == LangRole::Target)
    }
}

/// Sets an undeclared value from the command line.
fn fill<T>(slot: &mut Option<Declared<Option<T>>>, default: Option<T>) {
    if slot.is_none() {
        *slot = default.map(|v| Declared {
            value: Some(v),
            origin: Origin::CommandLine,
            span: None,
            elsewhere: None,
        });
    }
}

/// What the command line says for inputs that do not declare it.
#[derive(Clone, Debug, Default)]
pub struct Defaults {
    pub language: Option<Lang>,
    pub support_language: Option<Lang>,
    pub level: Option<Level>,
}

#[derive(Clone, Debug)]
pub struct Lesson {
    pub id: Option<String>,
    pub title: Option<Field>,
    pub span: Span,
    pub items: Vec<Item>,
}

/// Everything read from one input file.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub lessons: Vec<Lesson>,
}

impl Document {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.lessons.iter().flat_map(|l| l.items.iter())
    }
    pub fn items_mut(&mut self) -> impl Iterator<Item = &mut Item> {
        self.lessons.iter_mut().flat_map(|l| l.items.iter_mut())
    }
}
