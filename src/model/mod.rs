//! The document model shared by every input format.

mod document;
mod lang;
mod level;
mod text;

pub use document::{
    Declared, Defaults, Document, Field, Item, ItemKind, LangRole, Lesson, Origin, Role, Timing,
};
pub use lang::Lang;
pub use level::{InvalidLevel, Level};
pub use text::{decode_double_quoted, MappedText};
