//! A compact binary form of a spanned [`Node`] tree, for the YAML rule files embedded in the
//! binary: `build.rs` parses them with [`super::yaml::parse`] and stores their trees, so that
//! a run reads them back (a few allocations per node) instead of parsing ~700 KB of YAML at
//! each start. The tree read back equals the parsed one (`tests::embedded_trees_match`).
//!
//! Layout, little-endian: a node is a tag byte (0-5: a scalar of that [`ScalarStyle`], 6: a
//! sequence, 7: a mapping), its span's start and end as `u32`, then for a scalar its value's
//! length (`u32`) and bytes, for a sequence its length and nodes, for a mapping its length
//! and key-value node pairs.

use super::tree::{Node, NodeKind, ScalarStyle};
use crate::source::Span;

const STYLES: [ScalarStyle; 6] = [
    ScalarStyle::Plain,
    ScalarStyle::SingleQuoted,
    ScalarStyle::DoubleQuoted,
    ScalarStyle::Literal,
    ScalarStyle::Folded,
    ScalarStyle::Json,
];

/// Appends `node` to `out`; `None` when a span or length does not fit in 32 bits.
pub fn encode(node: &Node, out: &mut Vec<u8>) -> Option<()> {
    let u32_of = |n: usize| u32::try_from(n).ok().map(u32::to_le_bytes);
    let tag = match &node.kind {
        NodeKind::Scalar { style, .. } => STYLES.iter().position(|s| s == style)? as u8,
        NodeKind::Seq(_) => 6,
        NodeKind::Map(_) => 7,
    };
    out.push(tag);
    out.extend(u32_of(node.span.start)?);
    out.extend(u32_of(node.span.end)?);
    match &node.kind {
        NodeKind::Scalar { value, .. } => {
            out.extend(u32_of(value.len())?);
            out.extend(value.as_bytes());
        }
        NodeKind::Seq(items) => {
            out.extend(u32_of(items.len())?);
            for n in items {
                encode(n, out)?;
            }
        }
        NodeKind::Map(pairs) => {
            out.extend(u32_of(pairs.len())?);
            for (k, v) in pairs {
                encode(k, out)?;
                encode(v, out)?;
            }
        }
    }
    Some(())
}

/// Reads back a tree [`encode`] wrote; `None` if the bytes are not one.
pub fn decode(bytes: &[u8]) -> Option<Node> {
    let mut r = Reader { bytes, at: 0 };
    let node = r.node(0)?;
    (r.at == bytes.len()).then_some(node)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        // The trees are ours; a bound keeps a damaged image from exhausting the stack.
        if depth > 10_000 {
            return None;
        }
        let tag = *self.take(1)?.first()?;
        let span = Span::new(self.u32()?, self.u32()?);
        let kind = match tag {
            0..=5 => {
                let len = self.u32()?;
                let value = std::str::from_utf8(self.take(len)?).ok()?.to_string();
                NodeKind::Scalar {
                    value,
                    style: STYLES[tag as usize],
                }
            }
            6 => {
                let len = self.u32()?;
                let mut items = Vec::with_capacity(len.min(self.bytes.len()));
                for _ in 0..len {
                    items.push(self.node(depth + 1)?);
                }
                NodeKind::Seq(items)
            }
            7 => {
                let len = self.u32()?;
                let mut pairs = Vec::with_capacity(len.min(self.bytes.len()));
                for _ in 0..len {
                    let k = self.node(depth + 1)?;
                    let v = self.node(depth + 1)?;
                    pairs.push((k, v));
                }
                NodeKind::Map(pairs)
            }
            _ => return None,
        };
        Some(Node { kind, span })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_round_trip() {
        let src = "a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\nf: [1, {g: h}]\n";
        let root = super::super::yaml::parse(src).unwrap().root.unwrap();
        let mut bytes = Vec::new();
        encode(&root, &mut bytes).unwrap();
        assert_eq!(decode(&bytes), Some(root));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(&[9, 0, 0, 0, 0, 0, 0, 0, 0]), None);
    }

    /// Every embedded YAML rule file: the tree stored at build time is the one parsing gives.
    #[test]
    fn embedded_trees_match() {
        let mut n = 0;
        for (rel, text) in crate::ruleset::embedded_yaml_files() {
            let parsed = super::super::yaml::parse_text(text).unwrap().root;
            let stored = crate::ruleset::embedded_yaml_tree(text);
            assert!(stored.is_some(), "{rel}: no stored tree");
            assert_eq!(stored, parsed, "{rel}");
            n += 1;
        }
        assert!(n >= 10, "{n}");
    }
}
