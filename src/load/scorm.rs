//! SCORM pages: the learner-visible text of an HTML page of a SCORM package (no scripts,
//! styles, head or markup; see [`super::html::page`]), as one lesson holding one text item,
//! located in the page itself (`pkg.zip!/page.html:12:5`). Level and language come from the
//! package's LOM metadata ([`super::manifest`]).

use super::{html, Loaded};
use crate::model::{Document, Item, ItemKind, Lesson, Role};
use crate::source::{SourceFile, Span};

/// Reads one page. `name` is its path in the package (the lesson's id); the page's
/// `<title>`, else the package's title, is the lesson's title.
pub fn read_page(src: &SourceFile, name: &str, package_title: Option<&str>) -> Loaded {
    let text = html::page(&src.text);
    let mut item = Item::new(
        format!("{name}#1"),
        ItemKind::Text,
        Span::empty(text.source_start(0)),
    );
    item.fields.extend(super::field(Role::Text, 0, 0, &text));
    let title = html::page_title(&src.text).and_then(|t| super::field(Role::Title, 0, 0, &t));
    let lesson = Lesson {
        id: Some(
            title
                .as_ref()
                .map(|t| t.text.as_str().to_string())
                .or_else(|| package_title.map(str::to_string))
                .unwrap_or_else(|| name.to_string()),
        ),
        title,
        span: Span::empty(0),
        items: if item.fields.is_empty() {
            Vec::new()
        } else {
            vec![item]
        },
    };
    Loaded {
        document: Some(Document {
            lessons: vec![lesson],
        }),
        findings: Vec::new(),
    }
}
