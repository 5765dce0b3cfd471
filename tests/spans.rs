//! Exact positions in the native format: block scalars, flow sequences, accents, CRLF, JSON
//! escapes. Each fixture's point of interest is listed in tests/fixtures/README.md.

mod common;
use common::*;

use cefrlint::load::{decode, load, Format};
use cefrlint::source::SourceFile;

fn source(path: &str) -> SourceFile {
    let bytes = std::fs::read(root().join(path)).unwrap();
    decode(path, &bytes).0
}

/// The (line, column) of `word` in the loaded field that contains it, mapped to the source.
fn position(path: &str, word: &str) -> (u32, u32) {
    position_in(path, None, word)
}

/// Like [`position`], in the item with the given id only.
fn position_in(path: &str, item_id: Option<&str>, word: &str) -> (u32, u32) {
    let src = source(path);
    let format = if path.ends_with(".json") {
        Format::NativeJson
    } else {
        Format::NativeYaml
    };
    let loaded = load(&src, format, true);
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    let doc = loaded.document.unwrap();
    for item in doc.items().filter(|i| item_id.is_none_or(|id| i.id == id)) {
        for f in &item.fields {
            if let Some(i) = f.text.as_str().find(word) {
                let span = f.text.source_span(i, i + word.len());
                let lc = src.line_col(span.start);
                return (lc.line, lc.column);
            }
        }
    }
    panic!("{word} not found in {path}");
}

#[test]
fn literal_block_scalar() {
    assert_eq!(
        position("tests/fixtures/native/block-literal.yaml", "umbrella"),
        (12, 24)
    );
}

#[test]
fn folded_block_scalar() {
    assert_eq!(
        position("tests/fixtures/native/block-folded.yaml", "umbrella"),
        (12, 24)
    );
}

#[test]
fn flow_sequences_and_quoted_strings() {
    assert_eq!(
        position("tests/fixtures/native/flow-seq.yaml", "tea, please"),
        (11, 54)
    );
    assert_eq!(
        position("tests/fixtures/native/flow-seq.yaml", "hot chocolate"),
        (11, 76)
    );
}

#[test]
fn accented_text_counts_characters_not_bytes() {
    assert_eq!(
        position("tests/fixtures/native/accents.yaml", "géographie"),
        (9, 44)
    );
    assert_eq!(
        position("tests/fixtures/native/accents.yaml", "français"),
        (9, 65)
    );
    assert_eq!(
        position("tests/fixtures/native/accents.yaml", "carte"),
        (14, 70)
    );
}

#[test]
fn crlf_line_endings() {
    assert_eq!(
        position("tests/fixtures/native/crlf.yaml", "black"),
        (11, 27)
    );
    assert_eq!(
        position("tests/fixtures/native/crlf.yaml", "sleeps"),
        (12, 11)
    );
    let src = source("tests/fixtures/native/crlf.yaml");
    let doc = load(&src, Format::NativeYaml, true).document.unwrap();
    assert!(doc
        .items()
        .flat_map(|i| &i.fields)
        .all(|f| !f.text.as_str().contains('\r')));
}

#[test]
fn single_lesson_shorthand() {
    assert_eq!(
        position("tests/fixtures/native/single-lesson.yaml", "seven"),
        (10, 11)
    );
}

#[test]
fn json_escapes_map_back_to_the_source() {
    assert_eq!(
        position_in("tests/fixtures/native/course.json", Some("q1"), "Bonjour"),
        (19, 44)
    );
    assert_eq!(
        position_in("tests/fixtures/native/course.json", Some("q1"), "élève"),
        (19, 58)
    );
    assert_eq!(
        position_in(
            "tests/fixtures/native/course.json",
            Some("t1"),
            "vélo de Paul"
        ),
        (39, 49)
    );
}
