//! Anki packages: decks built here with rusqlite in memory, zipped (old schema with
//! `col.models`/`col.decks` JSON; new schema with `notetypes`/`fields`/`decks` tables,
//! zstd-compressed as `collection.anki21b`); roles, levels from tags and deck names, HTML and
//! cloze reduction, exact positions in the rendered source; broken packages; then the real
//! samples of ../shared.

mod common;
use common::*;

use std::io::Write;

use cefrlint::load::table::Columns;
use cefrlint::load::{load_binary, Format, Loaded};
use cefrlint::model::{Item, ItemKind, Level, Origin, Role};

/// A database in memory, as bytes.
fn db(sql: &str) -> Vec<u8> {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .unwrap();
    conn.execute_batch(sql).unwrap();
    conn.serialize("main").unwrap().to_vec()
}

fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const NOTES: &str = "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, \
     mod INTEGER, usn INTEGER, tags TEXT, flds TEXT, sfld TEXT, csum INTEGER, flags INTEGER, data TEXT);
     CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER);";

/// An old-schema collection (Anki 2.0/2.1 `collection.anki2`).
fn old_deck() -> Vec<u8> {
    let models = r#"{"10": {"name": "Basic (fr)", "flds": [{"name": "Back", "ord": 1}, {"name": "Front", "ord": 0}]},
        "20": {"name": "Vocab", "flds": [{"name": "Mot", "ord": 0}, {"name": "Traduction", "ord": 1}, {"name": "Exemple", "ord": 2}, {"name": "Niveau", "ord": 3}]},
        "30": {"name": "Cloze", "flds": [{"name": "Text", "ord": 0}, {"name": "Extra", "ord": 1}]}}"#;
    let decks = r#"{"1": {"name": "Français::A2"}, "2": {"name": "Français::B1"}}"#;
    let sep = "\u{1f}";
    let notes = [
        (
            1001,
            10,
            " CEFR::A1 greetings ",
            vec!["<b>bonjour</b>&nbsp;!", "hello"],
            1,
        ),
        (
            1004,
            30,
            "",
            vec!["Il {{c1::pleut::weather}} beaucoup.", ""],
            1,
        ),
        (
            1002,
            20,
            "",
            vec![
                "la bibliothèque",
                "library",
                "Je lis à la<br>bibliothèque.",
                "",
            ],
            2,
        ),
        (1003, 20, "", vec!["pomme", "", "", "A1"], 2),
    ];
    let mut sql = format!(
        "CREATE TABLE col (id INTEGER PRIMARY KEY, models TEXT, decks TEXT); {NOTES}
         INSERT INTO col VALUES (1, '{}', '{}');",
        models.replace('\'', "''"),
        decks.replace('\'', "''")
    );
    for (id, mid, tags, flds, did) in notes {
        sql.push_str(&format!(
            "INSERT INTO notes (id, mid, tags, flds) VALUES ({id}, {mid}, '{tags}', '{}');
             INSERT INTO cards VALUES ({}, {id}, {did}, 0);",
            flds.join(sep).replace('\'', "''"),
            id * 10
        ));
    }
    db(&sql)
}

/// A new-schema collection (Anki 2.1.50+), as `collection.anki21b` holds it before zstd.
fn new_deck() -> Vec<u8> {
    db(
        "CREATE TABLE col (id INTEGER PRIMARY KEY, models TEXT, decks TEXT);
        INSERT INTO col VALUES (1, '{}', '{}');
        CREATE TABLE notetypes (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE unicase);
        CREATE TABLE fields (ntid INTEGER, ord INTEGER, name TEXT, PRIMARY KEY (ntid, ord));
        CREATE TABLE decks (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE unicase);
        CREATE INDEX idx_decks ON decks (name);
        INSERT INTO notetypes VALUES (7, 'Basic');
        INSERT INTO fields VALUES (7, 1, 'Back'), (7, 0, 'Front');
        INSERT INTO decks VALUES (5, 'Deutsch' || char(31) || 'Tiere');
        CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, mod INTEGER,
          usn INTEGER, tags TEXT, flds TEXT, sfld TEXT, csum INTEGER, flags INTEGER, data TEXT);
        CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER);
        INSERT INTO notes (id, mid, tags, flds) VALUES
          (2001, 7, ' niveau_B1 ', 'dog' || char(31) || 'Der Hund' || char(10) || 'schläft.');
        INSERT INTO cards VALUES (1, 2001, 5, 0);",
    )
}

fn old_package() -> Vec<u8> {
    zip(&[("collection.anki2", &old_deck()), ("media", b"{}")])
}

fn new_package() -> Vec<u8> {
    let zstd = ruzstd::encoding::compress_to_vec(
        &new_deck()[..],
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    // The placeholder collection.anki2 that new packages carry is not read.
    let placeholder = db(&format!(
        "CREATE TABLE col (id INTEGER PRIMARY KEY, models TEXT, decks TEXT); {NOTES}
         INSERT INTO notes (id, mid, tags, flds) VALUES (1, 1, '', 'Please update to the latest Anki version');"
    ));
    zip(&[
        ("collection.anki2", &placeholder),
        ("collection.anki21b", &zstd),
        ("media", b"\x28\xb5\x2f\xfd"),
    ])
}

fn items(l: &Loaded) -> Vec<&Item> {
    l.document.as_ref().expect("a document").items().collect()
}

fn item<'a>(l: &'a Loaded, id: &str) -> &'a Item {
    items(l)
        .into_iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn text(it: &Item, role: Role) -> &str {
    it.fields
        .iter()
        .find(|f| f.role == role)
        .map(|f| f.text.as_str())
        .unwrap_or_else(|| panic!("{} has no {role:?}", it.id))
}

#[test]
fn old_schema_package() {
    let (src, l) = load_binary("fr.apkg", &old_package(), Format::Anki, &Columns::default());
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    assert_eq!(&*src.path, "fr.apkg!/collection.anki2");
    let lines: Vec<&str> = src.text.lines().collect();
    assert_eq!(
        lines,
        [
            "deck Français::A2",
            "note 1001 [Basic (fr)] tags: CEFR::A1 greetings",
            "note 1001 [Basic (fr)] Front: <b>bonjour</b>&nbsp;!",
            "note 1001 [Basic (fr)] Back: hello",
            "note 1004 [Cloze] Text: Il {{c1::pleut::weather}} beaucoup.",
            "deck Français::B1",
            "note 1002 [Vocab] Mot: la bibliothèque",
            "note 1002 [Vocab] Traduction: library",
            "note 1002 [Vocab] Exemple: Je lis à la<br>bibliothèque.",
            "note 1003 [Vocab] Mot: pomme",
            "note 1003 [Vocab] Niveau: A1",
        ]
    );
    let doc = l.document.as_ref().unwrap();
    let decks: Vec<_> = doc
        .lessons
        .iter()
        .map(|l| l.id.as_deref().unwrap())
        .collect();
    assert_eq!(decks, ["Français::A2", "Français::B1"]);

    // Basic: Front is the term, Back its translation; HTML reduced; the tag's level.
    let hello = item(&l, "1001");
    assert_eq!(hello.kind, ItemKind::Vocabulary);
    assert_eq!(text(hello, Role::Term), "bonjour\u{a0}!");
    assert_eq!(text(hello, Role::Translation), "hello");
    assert_eq!(position(&src, hello, "bonjour"), (3, 34));
    let lv = hello.level.as_ref().unwrap();
    assert_eq!((lv.value, lv.origin), (Some(Level::A1), Origin::Item));
    let s = lv.span.unwrap();
    assert_eq!(&src.text[s.start..s.end], "A1");
    assert_eq!(src.line_col(s.start).line, 2);

    // Cloze: the answer stays, the hint goes; the deck's level.
    let cloze = item(&l, "1004");
    assert_eq!(cloze.kind, ItemKind::Text);
    assert_eq!(text(cloze, Role::Text), "Il pleut beaucoup.");
    assert_eq!(position(&src, cloze, "pleut"), (5, 34));
    assert_eq!(position(&src, cloze, "beaucoup"), (5, 51));
    let lv = cloze.level.as_ref().unwrap();
    assert_eq!((lv.value, lv.origin), (Some(Level::A2), Origin::Lesson));

    // French field names; `<br>` is a line break; a Niveau field declares the level.
    let biblio = item(&l, "1002");
    assert_eq!(text(biblio, Role::Term), "la bibliothèque");
    assert_eq!(text(biblio, Role::Example), "Je lis à la\nbibliothèque.");
    assert_eq!(position(&src, biblio, "bibliothèque."), (9, 43));
    assert_eq!(biblio.declared_level(), Some(Level::B1));
    let pomme = item(&l, "1003");
    assert_eq!(pomme.declared_level(), Some(Level::A1));
    assert_eq!(pomme.level.as_ref().unwrap().origin, Origin::Item);
    assert_eq!(
        src.line_col(pomme.level.as_ref().unwrap().span.unwrap().start)
            .line,
        11
    );
}

#[test]
fn new_schema_package_with_zstd_and_user_columns() {
    let bytes = new_package();
    let (src, l) = load_binary("de.apkg", &bytes, Format::Anki, &Columns::default());
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    assert_eq!(&*src.path, "de.apkg!/collection.anki21b");
    assert_eq!(
        src.text,
        "deck Deutsch::Tiere\n\
         note 2001 [Basic] tags: niveau_B1\n\
         note 2001 [Basic] Front: dog\n\
         note 2001 [Basic] Back: Der Hund schläft.\n"
    );
    let dog = item(&l, "2001");
    assert_eq!(text(dog, Role::Term), "dog");
    assert_eq!(dog.declared_level(), Some(Level::B1));
    let s = dog.level.as_ref().unwrap().span.unwrap();
    assert_eq!(src.line_col(s.start).line, 2);
    assert_eq!(src.line_col(s.start).column, 32);
    // The deck's front is the translation here.
    let cols = Columns::parse("term=Back,translation=Front").unwrap();
    let (src, l) = load_binary("de.apkg", &bytes, Format::Anki, &cols);
    let dog = item(&l, "2001");
    assert_eq!(text(dog, Role::Term), "Der Hund schläft.");
    assert_eq!(text(dog, Role::Translation), "dog");
    assert_eq!(position(&src, dog, "schläft"), (4, 34));
}

#[test]
fn broken_packages_are_input_findings() {
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "notzip.apkg",
            b"PK but not really a zip".to_vec(),
            "input/unreadable",
        ),
        (
            "empty.apkg",
            zip(&[("media", b"{}")]),
            "input/invalid-structure",
        ),
        (
            "garbage.apkg",
            zip(&[(
                "collection.anki2",
                b"SQLite format 3\0 and then nothing useful",
            )]),
            "input/unreadable",
        ),
        (
            "nozstd.apkg",
            zip(&[("collection.anki21b", b"\x28\xb5\x2f\xfd\x00\x00garbage")]),
            "input/unreadable",
        ),
    ];
    for (name, bytes, rule) in cases {
        let (src, l) = load_binary(name, &bytes, Format::Anki, &Columns::default());
        assert!(l.document.is_none(), "{name}");
        assert_eq!(l.findings.len(), 1, "{name}");
        let f = &l.findings[0];
        assert_eq!(f.rule.code, rule, "{name}: {}", f.message.en);
        assert!(f.location.file.starts_with(name));
        assert_eq!((f.location.start.line, f.location.start.column), (1, 1));
        assert!(src.text.is_empty());
    }
    // A database that is not a collection.
    let other_db = db("CREATE TABLE t (x);");
    let other = zip(&[("collection.anki2", &other_db[..])]);
    let (_, l) = load_binary("other.apkg", &other, Format::Anki, &Columns::default());
    assert_eq!(l.findings[0].rule.code, "input/invalid-structure");
}

#[test]
fn command_line_reports_into_the_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fr.apkg");
    std::fs::write(&path, old_package()).unwrap();
    std::fs::write(dir.path().join("broken.apkg"), b"not a zip").unwrap();
    let (v, code) = json(&["check", dir.path().to_str().unwrap(), "--lang", "fr"]);
    assert_eq!(code, 2, "the broken package");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let fr = files
        .iter()
        // A file's summary names the source its findings point into: the rendering.
        .find(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .ends_with("fr.apkg!/collection.anki2")
        })
        .unwrap();
    assert_eq!(fr["format"], "anki");
    assert_eq!(fr["items"], 4);
    let bad = of_rule(&v, "input/unreadable");
    assert_eq!(bad.len(), 1);
    assert!(bad[0]["file"].as_str().unwrap().ends_with("broken.apkg"));
    // Every finding in the good deck points into its rendering.
    for f in findings(&v) {
        let file = f["file"].as_str().unwrap();
        if file.contains("fr.apkg") {
            assert!(file.ends_with("fr.apkg!/collection.anki2"), "{file}");
            assert!(f["line"].as_u64().unwrap() >= 1);
        }
    }
}

/// The real Anki files of ../shared: no panic; readable ones give items whose fields map
/// into the rendering; the others give input/* findings with a location.
#[test]
fn shared_samples() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("samples/anki");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let mut paths = Vec::new();
    for sub in [dir.clone(), dir.join("ankitects")] {
        for e in std::fs::read_dir(&sub).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                paths.push(p);
            }
        }
    }
    paths.sort();
    let (mut read, mut broken, mut total) = (0, 0, 0);
    for p in &paths {
        let name = p.file_name().unwrap().to_str().unwrap();
        let Some(format) = cefrlint::load::detect(p) else {
            continue;
        };
        assert_eq!(format, Format::Anki);
        let bytes = std::fs::read(p).unwrap();
        let (src, l) = load_binary(name, &bytes, format, &Columns::default());
        match &l.document {
            Some(doc) => {
                read += 1;
                let n = doc.items().count();
                total += n;
                eprintln!(
                    "{name}: {} decks, {n} items, {} lines, {} findings",
                    doc.lessons.len(),
                    src.line_count(),
                    l.findings.len()
                );
                for it in doc.items() {
                    for f in &it.fields {
                        let s = f.text.source_span(0, f.text.as_str().len());
                        assert!(s.end <= src.text.len());
                        let line = src.line_text(src.line_col(s.start).line);
                        assert!(line.starts_with(&format!("note {} ", it.id)), "{line}");
                    }
                }
            }
            None => {
                broken += 1;
                eprintln!(
                    "{name}: {:?}",
                    l.findings
                        .iter()
                        .map(|f| (f.rule.code, f.message.en.as_str()))
                        .collect::<Vec<_>>()
                );
                assert!(!l.findings.is_empty());
                assert!(l.findings.iter().all(|f| f.rule.code.starts_with("input/")));
            }
        }
    }
    eprintln!("shared Anki samples: {read} read ({total} items), {broken} refused");
    assert!(read >= 5, "{read} of {} read", paths.len());
    assert_eq!(broken, 0, "every sample is a readable package");
    // The new-format sample (collection.anki21b) is read.
    let b = std::fs::read(dir.join("example_music_intervals_anki21b.apkg")).unwrap();
    let (src, l) = load_binary("m.apkg", &b, Format::Anki, &Columns::default());
    assert_eq!(&*src.path, "m.apkg!/collection.anki21b");
    assert!(items(&l).len() > 5, "{:?}", l.findings);
}
