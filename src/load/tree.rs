//! A small spanned tree that YAML and JSON both parse into.
//!
//! serde-based parsers drop the positions of values; this tree keeps the byte span of every
//! node, so that the native lesson format and the rule files can report exact locations.

use crate::model::MappedText;
use crate::source::Span;

/// How a scalar was written. Decides how its value maps back onto its source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
    /// A JSON string, number, boolean or null.
    Json,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar { value: String, style: ScalarStyle },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

/// A syntax error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub offset: usize,
}

impl Node {
    /// The scalar's value, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// True for YAML null (`~`, `null`, nothing) and JSON null.
    pub fn is_null(&self) -> bool {
        match &self.kind {
            NodeKind::Scalar { value, style } => {
                matches!(style, ScalarStyle::Plain | ScalarStyle::Json)
                    && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL")
            }
            _ => false,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(v) => Some(v),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// A word describing the node's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { .. } if self.is_null() => "nothing",
            NodeKind::Scalar { .. } => "a text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    /// [`Node::type_name`] in French.
    pub fn type_name_fr(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { .. } if self.is_null() => "rien",
            NodeKind::Scalar { .. } => "un texte",
            NodeKind::Seq(_) => "une liste",
            NodeKind::Map(_) => "un dictionnaire",
        }
    }

    /// The span of a scalar's content, without its quotes (the node's span otherwise).
    pub fn value_span(&self, source: &str) -> Span {
        match self.mapped_text(source) {
            Some(m) if !m.as_str().is_empty() => m.source_span(0, m.as_str().len()),
            _ => self.span,
        }
    }

    /// The scalar's value mapped onto the source, so that words inside it keep their own
    /// positions (block scalars, folded lines and escapes included).
    pub fn mapped_text(&self, source: &str) -> Option<MappedText> {
        let NodeKind::Scalar { value, style } = &self.kind else {
            return None;
        };
        let raw = source.get(self.span.start..self.span.end).unwrap_or("");
        if raw == value {
            return Some(MappedText::verbatim(value, self.span.start));
        }
        if matches!(style, ScalarStyle::Json | ScalarStyle::DoubleQuoted) {
            if let Some(m) = crate::model::decode_double_quoted(raw, self.span.start) {
                if m.as_str() == value {
                    return Some(m);
                }
            }
        }
        Some(MappedText::align(value, raw, self.span.start))
    }
}
