//! CSV and TSV vocabulary lists: delimiters, French and English headers, quoted cells with
//! line breaks and `""`, CRLF, blank lines, BOM, windows-1252, level and language columns,
//! exact positions, broken rows; then the real samples of ../shared.

mod common;
use common::*;

use cefrlint::load::table::{Column, Columns};
use cefrlint::load::{decode, load, load_with, Format, Loaded};
use cefrlint::model::{Item, ItemKind, Level, Origin, Role};
use cefrlint::source::SourceFile;

const DIR: &str = "tests/fixtures/tables";

fn read_with(name: &str, columns: &Columns) -> (SourceFile, Loaded, Vec<String>) {
    let path = format!("{DIR}/{name}");
    let bytes = std::fs::read(root().join(&path)).unwrap();
    let (src, enc) = decode(&path, &bytes);
    let format = cefrlint::load::detect(std::path::Path::new(&path)).unwrap();
    let loaded = load_with(&src, format, true, columns);
    let enc = enc.iter().map(|f| f.rule.code.to_string()).collect();
    (src, loaded, enc)
}

fn read(name: &str) -> (SourceFile, Loaded, Vec<String>) {
    read_with(name, &Columns::default())
}

fn items(l: &Loaded) -> Vec<&Item> {
    l.document.as_ref().expect("a document").items().collect()
}

fn text(it: &Item, role: Role) -> &str {
    it.fields
        .iter()
        .find(|f| f.role == role)
        .map(|f| f.text.as_str())
        .unwrap_or_else(|| panic!("{} has no {role:?}", it.id))
}

fn codes(l: &Loaded) -> Vec<(&str, u32, u32)> {
    l.findings
        .iter()
        .map(|f| (f.rule.code, f.location.start.line, f.location.start.column))
        .collect()
}

#[test]
fn semicolons_french_headers_crlf_bom_and_quoted_line_breaks() {
    let (src, l, enc) = read("vocab-fr.csv");
    assert!(enc.is_empty(), "UTF-8 with BOM: {enc:?}");
    let ids: Vec<&str> = items(&l).iter().map(|i| i.id.as_str()).collect();
    // Row 5 has a field too many: not read. The blank line is not a row.
    assert_eq!(ids, ["row1", "row2", "row3", "row4", "row6"]);
    let chat = item(&l, "row1");
    assert_eq!(chat.kind, ItemKind::Vocabulary);
    assert_eq!(text(chat, Role::Term), "chat");
    assert_eq!(text(chat, Role::Translation), "cat");
    assert_eq!(text(chat, Role::Example), "Le chat dort sur le canapé.");
    assert_eq!(chat.declared_level(), Some(Level::A1));
    assert_eq!(chat.level.as_ref().unwrap().origin, Origin::Item);
    assert_eq!(chat.target_language().unwrap().as_str(), "fr");
    assert_eq!(position(&src, chat, "canapé"), (2, 30));

    let pomme = item(&l, "row2");
    assert_eq!(text(pomme, Role::Term), "pomme de terre");
    assert_eq!(
        text(pomme, Role::Example),
        "Il dit : \"J'aime les\r\npommes de terre\" au dîner."
    );
    assert_eq!(position(&src, pomme, "pomme de terre"), (4, 2));
    assert_eq!(position(&src, pomme, "J'aime"), (4, 37));
    // After the quoted line break and the `""`.
    assert_eq!(position(&src, pomme, "pommes"), (5, 1));
    assert_eq!(position(&src, pomme, "dîner"), (5, 22));
    assert_eq!(pomme.declared_level(), Some(Level::A2));
    // The level's span is the cell.
    let lv = pomme.level.as_ref().unwrap().span.unwrap();
    assert_eq!(&src.text[lv.start..lv.end], "A2");
    assert_eq!(src.line_col(lv.start).line, 5);

    let biblio = item(&l, "row3");
    assert_eq!(biblio.declared_level(), Some(Level::B1), "lower case b1");
    assert_eq!(position(&src, biblio, "bibliothèque"), (6, 1));

    // An empty example cell gives no field; a bad level is reported at its cell.
    let oiseau = item(&l, "row4");
    assert!(oiseau.fields.iter().all(|f| f.role != Role::Example));
    assert_eq!(oiseau.level.as_ref().unwrap().value, None);

    assert_eq!(
        codes(&l),
        [
            ("metadata/invalid-level", 7, 14),
            ("input/parse-error", 8, 1)
        ]
    );
    assert!(l.findings[1].message.en.contains("6 fields"));
    assert!(l.findings[1].message.en.contains("has 5"));
    assert_eq!(position(&src, item(&l, "row6"), "rouge"), (9, 28));
}

#[test]
fn tabs_english_headers_ids_and_languages() {
    let (src, l, _) = read("vocab-en.tsv");
    let e1 = item(&l, "e1");
    assert_eq!(text(e1, Role::Term), "umbrella");
    assert_eq!(text(e1, Role::Translation), "parapluie");
    assert_eq!(
        text(e1, Role::Example),
        "Take your umbrella, it is raining."
    );
    assert_eq!(e1.target_language().unwrap().as_str(), "en");
    assert_eq!(e1.support_lang().unwrap().as_str(), "fr");
    assert_eq!(position(&src, e1, "raining"), (2, 49));
    let e2 = item(&l, "e2");
    assert_eq!(e2.declared_level(), Some(Level::B1));
    assert_eq!(position(&src, e2, "park"), (3, 44));
    // After a blank line; `english` is a language name, `xx1` is not a language.
    let e3 = item(&l, "e3");
    assert_eq!(e3.target_language().unwrap().as_str(), "en");
    assert_eq!(e3.support_language.as_ref().unwrap().value, None);
    assert_eq!(position(&src, e3, "nevertheless"), (5, 4));
    assert_eq!(codes(&l), [("metadata/invalid-language", 5, 39)]);
}

#[test]
fn windows_1252_is_decoded_and_positions_are_in_characters() {
    let (src, l, enc) = read("latin1.csv");
    assert_eq!(enc, ["encoding/not-utf8"]);
    assert!(l.findings.is_empty(), "{:?}", codes(&l));
    let chateau = item(&l, "row2");
    assert_eq!(text(chateau, Role::Term), "château");
    assert_eq!(position(&src, chateau, "castle"), (3, 9));
    let foret = item(&l, "row3");
    assert_eq!(text(foret, Role::Term), "forêt, bois");
    assert_eq!(position(&src, foret, "bois"), (4, 9));
    assert_eq!(foret.declared_level(), Some(Level::A2));
}

#[test]
fn a_table_without_a_term_column() {
    // Named: reported, with the headers understood in English and French.
    let (_, l, _) = read("people.csv");
    assert!(l.document.is_none());
    assert_eq!(codes(&l), [("input/invalid-structure", 1, 1)]);
    let m = &l.findings[0].message;
    assert!(m.en.contains("word") && m.en.contains("mot") && m.en.contains("traduction"));
    assert!(m.fr.contains("ce n'est pas une liste de vocabulaire"));
    // Found in a folder: skipped quietly.
    let path = format!("{DIR}/people.csv");
    let src = SourceFile::new(
        path,
        std::fs::read_to_string(root().join(DIR).join("people.csv")).unwrap(),
    );
    let walked = load(&src, Format::Csv, false);
    assert!(walked.document.is_none() && walked.findings.is_empty());
}

#[test]
fn columns_named_by_the_user() {
    let (_, l, _) = read("custom.csv");
    assert!(l.document.is_none(), "no usual header");
    let cols = Columns::parse("term=Vokabel,translation=Bedeutung,level=Stufe").unwrap();
    assert_eq!(cols.names[0], (Column::Term, "Vokabel".to_string()));
    let (src, l, _) = read_with("custom.csv", &cols);
    let hund = item(&l, "row1");
    assert_eq!(text(hund, Role::Term), "Hund");
    assert_eq!(text(hund, Role::Translation), "dog");
    assert_eq!(hund.declared_level(), Some(Level::A1));
    assert_eq!(position(&src, item(&l, "row2"), "cat"), (3, 7));
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let (_, l, _) = read("unclosed.csv");
    assert_eq!(codes(&l), [("input/parse-error", 3, 1)]);
    let ids: Vec<&str> = items(&l).iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["row1"]);
}

#[test]
fn command_line_walks_folders_and_maps_columns() {
    // The folder: the word list is read, the list of people skipped.
    let (v, code) = json(&["check", "tests/fixtures/tables/folder", "--lang", "en"]);
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["tests/fixtures/tables/folder/words.csv"]);
    assert_ne!(code, 2);
    // Named, it is reported: exit code 2.
    let (v, code) = json(&["check", "tests/fixtures/tables/people.csv"]);
    assert_eq!(code, 2);
    assert_eq!(of_rule(&v, "input/invalid-structure").len(), 1);
    // --columns.
    let (v, _) = json(&[
        "check",
        "tests/fixtures/tables/custom.csv",
        "--lang",
        "de",
        "--columns",
        "term=Vokabel,translation=Bedeutung",
    ]);
    assert_eq!(v["files"][0]["items"], 2, "{v}");
    let o = cefrlint(&["check", "x.csv", "--columns", "colour=Farbe"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--columns"));
}

/// The real CSV files of ../shared: no panic; word lists yield items whose term spans point at
/// the term; files without a term column are skipped when walked.
#[test]
fn shared_samples() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("samples/csv_tsv");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let mut total = 0;
    for name in [
        "cefrj-vocabulary-profile-1.5.csv",
        "octanove-vocabulary-profile-c1c2-1.0.csv",
        "jlpt_n5_vocab.csv",
    ] {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).unwrap();
        let (src, _) = decode(name, &bytes);
        let l = load(&src, Format::Csv, true);
        let doc = l
            .document
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: {:?}", l.findings));
        let n = doc.items().count();
        eprintln!("{name}: {n} items, {} findings", l.findings.len());
        assert!(n > 100, "{name}: {n} items");
        for it in doc.items() {
            let term = it.fields.iter().find(|f| f.role == Role::Term).unwrap();
            let s = term.text.source_span(0, term.text.as_str().len());
            assert_eq!(&src.text[s.start..s.end], term.text.as_str());
        }
        for f in &l.findings {
            assert!(f.location.start.line >= 2, "{name}: {f:?}");
        }
        total += n;
    }
    // The CEFR-J list declares a level on every row.
    let bytes = std::fs::read(dir.join("cefrj-vocabulary-profile-1.5.csv")).unwrap();
    let (src, _) = decode("cefrj.csv", &bytes);
    let l = load(&src, Format::Csv, true);
    let doc = l.document.unwrap();
    assert!(doc.items().all(|i| i.declared_level().is_some()));
    eprintln!("shared CSV samples: {total} items");
    // The Anki text-import files are .txt (read as GIFT candidates), not tables: through the
    // command line, the whole folder is skipped quietly.
    let (v, _) = json(&["check", dir.join("anki_text_import").to_str().unwrap()]);
    assert_eq!(v["files"].as_array().unwrap().len(), 0);
}

#[test]
fn comment_lines_before_the_header_and_utf16_exports() {
    let (src, l, _) = read("commented.tsv");
    let kitchen = item(&l, "row1");
    assert_eq!(text(kitchen, Role::Term), "kitchen");
    assert_eq!(position(&src, kitchen, "cuisine"), (5, 9));
    // Excel's "Unicode text": UTF-16LE with a byte-order mark, tabs, CRLF.
    let (src, l, enc) = read("excel-utf16.tsv");
    assert_eq!(enc, ["encoding/not-utf8"]);
    assert_eq!(text(item(&l, "row1"), Role::Term), "fenêtre");
    assert_eq!(position(&src, item(&l, "row2"), "egg"), (3, 5));
}
