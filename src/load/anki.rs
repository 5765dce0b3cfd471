//! Anki decks: `.apkg`/`.colpkg` packages (a zip holding a SQLite collection) and bare
//! collections (`.anki2`, `.anki21`, `.anki21b`).
//!
//! A package holds `collection.anki21b` (zstd-compressed, Anki 2.1.50+), `collection.anki21`
//! or `collection.anki2`; the newest present is read (the others are then placeholders). The
//! database is deserialised into SQLite's memory, never written to disk. Note types come from
//! the `notetypes` and `fields` tables (new schema) or `col.models` (JSON, old schema); decks
//! from the `decks` table or `col.decks`. Each deck is a lesson, each note an item; a note's
//! deck is that of its first card.
//!
//! SQLite has no lines, so the source shown in reports is a rendering of the collection, one
//! line per deck, per note's tags and per note field:
//!
//! ```text
//! deck Français::A2
//! note 1650000000123 [Basic] tags: CEFR::A2 food
//! note 1650000000123 [Basic] Front: <b>bonjour</b>
//! ```
//!
//! Its path is `deck.apkg!/collection.anki21b` (the member read), and every finding's
//! line:column is inside that rendering, where the note id and field name are visible. Field
//! values are shown raw (HTML included, line breaks as spaces); the text analysed has the
//! HTML tags, entities, `[sound:…]` references and cloze markers (`{{c1::answer::hint}}` →
//! `answer`) removed, mapped back to the rendering.
//!
//! Fields get their roles from their names like table columns ([`Columns`]); Anki's default
//! `Front` is the term, `Back` its translation, `Text` (cloze) a text, `Extra`/`Back Extra`
//! feedback. A level comes from a `Level` field, else a level tag (`A2`, `CEFR::B1`,
//! `niveau_B1`), else the deck name (`Français::A2`).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use super::table::{declared_lang, declared_level, normalize, Column, Columns};
use super::{Loaded, Problems};
use crate::checks::input;
use crate::findings::{Finding, Msg};
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lesson, Level, MappedText, Origin, Role,
};
use crate::source::{SourceFile, Span};

/// The largest collection read, decompressed.
pub const MAX_COLLECTION: u64 = 256 * 1024 * 1024;

/// The collection members of a package, newest first.
const MEMBERS: &[&str] = &[
    "collection.anki21b",
    "collection.anki21",
    "collection.anki2",
];

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const ZSTD_MAGIC: &[u8] = &[0x28, 0xB5, 0x2F, 0xFD];

/// A problem that stops the reading, with the source it is reported in.
struct Failure {
    rule: &'static crate::checks::RuleInfo,
    msg: Msg,
}

fn unreadable(en: String, fr: String) -> Failure {
    Failure {
        rule: &input::UNREADABLE,
        msg: Msg::new(en, fr),
    }
}

/// Reads an Anki package or collection from its bytes. Returns the rendered source (see the
/// module documentation) and what was read from it.
pub fn read(path: &str, bytes: &[u8], columns: &Columns) -> (SourceFile, Loaded) {
    let (shown, db) = match collection_bytes(path, bytes) {
        Ok(x) => x,
        Err((shown, f)) => return failed(SourceFile::new(shown, ""), f),
    };
    let mut db = db;
    // A database saved in WAL mode cannot be opened from memory: read it as a rollback-journal
    // database (header bytes 18 and 19, the file format versions; the content is the same).
    if db.len() >= 100 && db.starts_with(SQLITE_MAGIC) && (db[18] == 2 || db[19] == 2) {
        db[18] = 1;
        db[19] = 1;
    }
    let collection = match open(&db).and_then(|c| Collection::load(&c)) {
        Ok(c) => c,
        Err(f) => return failed(SourceFile::new(shown, ""), f),
    };
    drop(db);
    render(shown, &collection, columns)
}

fn failed(src: SourceFile, f: Failure) -> (SourceFile, Loaded) {
    let finding = Finding::at(f.rule, &src, Span::empty(0), f.msg);
    (
        src,
        Loaded {
            document: None,
            findings: vec![finding],
        },
    )
}

/// The collection's SQLite bytes and the path shown for it (`deck.apkg!/collection.anki2`).
fn collection_bytes(path: &str, bytes: &[u8]) -> Result<(String, Vec<u8>), (String, Failure)> {
    if bytes.starts_with(SQLITE_MAGIC) {
        return Ok((path.to_string(), bytes.to_vec()));
    }
    if bytes.starts_with(ZSTD_MAGIC) {
        let db = unzstd(bytes).map_err(|f| (path.to_string(), f))?;
        return Ok((path.to_string(), db));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        (
            path.to_string(),
            unreadable(
                format!("not an Anki package: the file is neither a zip archive nor a SQLite collection ({e})"),
                format!("ce n'est pas un paquet Anki : le fichier n'est ni une archive zip ni une collection SQLite ({e})"),
            ),
        )
    })?;
    let Some(&member) = MEMBERS.iter().find(|m| zip.index_for_name(m).is_some()) else {
        return Err((
            path.to_string(),
            Failure {
                rule: &input::INVALID_STRUCTURE,
                msg: Msg::new(
                    "not an Anki package: the archive holds no collection.anki21b, collection.anki21 or collection.anki2",
                    "ce n'est pas un paquet Anki : l'archive ne contient ni collection.anki21b, ni collection.anki21, ni collection.anki2",
                ),
            },
        ));
    };
    let shown = format!("{path}!/{member}");
    let fail = |f: Failure| (shown.clone(), f);
    let mut file = zip.by_name(member).map_err(|e| {
        fail(unreadable(
            format!("cannot read {member} in the archive: {e}"),
            format!("impossible de lire {member} dans l'archive : {e}"),
        ))
    })?;
    if file.size() > MAX_COLLECTION {
        return Err(fail(too_large(member, file.size())));
    }
    let mut raw = Vec::new();
    (&mut file)
        .take(MAX_COLLECTION + 1)
        .read_to_end(&mut raw)
        .map_err(|e| {
            fail(unreadable(
                format!("cannot read {member} in the archive: {e}"),
                format!("impossible de lire {member} dans l'archive : {e}"),
            ))
        })?;
    if raw.len() as u64 > MAX_COLLECTION {
        return Err(fail(too_large(member, raw.len() as u64)));
    }
    if member.ends_with("anki21b") {
        let db = unzstd(&raw).map_err(fail)?;
        return Ok((shown, db));
    }
    Ok((shown, raw))
}

fn too_large(member: &str, size: u64) -> Failure {
    let mib = MAX_COLLECTION / (1024 * 1024);
    unreadable(
        format!("{member} is too large ({size} bytes; at most {mib} MiB are read): not read"),
        format!("{member} est trop grand ({size} octets ; au plus {mib} Mio sont lus) : non lu"),
    )
}

/// Decompresses a zstd collection, at most [`MAX_COLLECTION`] bytes.
fn unzstd(raw: &[u8]) -> Result<Vec<u8>, Failure> {
    let bad = |e: String| {
        unreadable(
            format!("the compressed collection cannot be decompressed (zstd): {e}"),
            format!("la collection compressée ne peut pas être décompressée (zstd) : {e}"),
        )
    };
    let dec = ruzstd::decoding::StreamingDecoder::new(raw).map_err(|e| bad(e.to_string()))?;
    let mut out = Vec::new();
    dec.take(MAX_COLLECTION + 1)
        .read_to_end(&mut out)
        .map_err(|e| bad(e.to_string()))?;
    if out.len() as u64 > MAX_COLLECTION {
        return Err(too_large("the decompressed collection", out.len() as u64));
    }
    Ok(out)
}

/// Opens SQLite bytes as a read-only in-memory database.
fn open(db: &[u8]) -> Result<rusqlite::Connection, Failure> {
    let bad = |e: rusqlite::Error| {
        unreadable(
            format!("not a readable Anki collection (SQLite): {e}"),
            format!("ce n'est pas une collection Anki lisible (SQLite) : {e}"),
        )
    };
    if !db.starts_with(SQLITE_MAGIC) {
        return Err(unreadable(
            "not an Anki collection: the collection is not a SQLite database".into(),
            "ce n'est pas une collection Anki : la collection n'est pas une base SQLite".into(),
        ));
    }
    let mut conn = rusqlite::Connection::open_in_memory().map_err(bad)?;
    // The new schema sorts names with Anki's `unicase` collation.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .map_err(bad)?;
    conn.deserialize_read_exact("main", db, db.len(), true)
        .map_err(bad)?;
    Ok(conn)
}

// ---------------------------------------------------------------------------------------------
// Reading the collection.

struct NoteType {
    name: String,
    fields: Vec<String>,
}

struct Note {
    id: i64,
    mid: i64,
    tags: String,
    fields: Vec<String>,
    deck: Option<i64>,
}

struct Collection {
    note_types: BTreeMap<i64, NoteType>,
    decks: BTreeMap<i64, String>,
    notes: Vec<Note>,
}

/// A text column, whatever SQLite stored in it.
fn text_of(v: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Null => String::new(),
    }
}

fn int_of(v: rusqlite::types::ValueRef<'_>) -> Option<i64> {
    match v {
        rusqlite::types::ValueRef::Integer(i) => Some(i),
        other => text_of(other).trim().parse().ok(),
    }
}

impl Collection {
    fn load(c: &rusqlite::Connection) -> Result<Collection, Failure> {
        let bad = |e: rusqlite::Error| {
            unreadable(
                format!("not a readable Anki collection (SQLite): {e}"),
                format!("ce n'est pas une collection Anki lisible (SQLite) : {e}"),
            )
        };
        let mut tables = Vec::new();
        {
            let mut st = c
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
                .map_err(bad)?;
            let mut rows = st.query([]).map_err(bad)?;
            while let Some(r) = rows.next().map_err(bad)? {
                tables.push(text_of(r.get_ref(0).map_err(bad)?));
            }
        }
        let has = |t: &str| tables.iter().any(|n| n == t);
        if !has("notes") {
            return Err(Failure {
                rule: &input::INVALID_STRUCTURE,
                msg: Msg::new(
                    "not an Anki collection: the database has no `notes` table",
                    "ce n'est pas une collection Anki : la base n'a pas de table `notes`",
                ),
            });
        }
        let mut note_types = BTreeMap::new();
        let mut decks = BTreeMap::new();
        if has("notetypes") && has("fields") {
            query(c, "SELECT id, name FROM notetypes", |r| {
                if let Some(id) = int_of(r.get_ref(0)?) {
                    note_types.insert(
                        id,
                        NoteType {
                            name: text_of(r.get_ref(1)?),
                            fields: Vec::new(),
                        },
                    );
                }
                Ok(())
            })
            .map_err(bad)?;
            query(c, "SELECT ntid, name FROM fields ORDER BY ntid, ord", |r| {
                if let Some(nt) = int_of(r.get_ref(0)?).and_then(|id| note_types.get_mut(&id)) {
                    nt.fields.push(text_of(r.get_ref(1)?));
                }
                Ok(())
            })
            .map_err(bad)?;
        }
        if has("decks") {
            query(c, "SELECT id, name FROM decks", |r| {
                if let Some(id) = int_of(r.get_ref(0)?) {
                    // The new schema separates deck levels with 0x1F.
                    decks.insert(id, text_of(r.get_ref(1)?).replace('\u{1f}', "::"));
                }
                Ok(())
            })
            .map_err(bad)?;
        }
        if has("col") && (note_types.is_empty() || decks.is_empty()) {
            let mut json = (String::new(), String::new());
            query(c, "SELECT models, decks FROM col LIMIT 1", |r| {
                json = (text_of(r.get_ref(0)?), text_of(r.get_ref(1)?));
                Ok(())
            })
            .map_err(bad)?;
            if note_types.is_empty() {
                note_types = models_json(&json.0);
            }
            if decks.is_empty() {
                decks = decks_json(&json.1);
            }
        }
        let sql = if has("cards") {
            "SELECT n.id, n.mid, n.tags, n.flds, \
             (SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord, c.id LIMIT 1) \
             FROM notes n ORDER BY n.id"
        } else {
            "SELECT n.id, n.mid, n.tags, n.flds, NULL FROM notes n ORDER BY n.id"
        };
        let mut notes = Vec::new();
        query(c, sql, |r| {
            notes.push(Note {
                id: int_of(r.get_ref(0)?).unwrap_or(0),
                mid: int_of(r.get_ref(1)?).unwrap_or(0),
                tags: text_of(r.get_ref(2)?),
                fields: text_of(r.get_ref(3)?)
                    .split('\u{1f}')
                    .map(str::to_string)
                    .collect(),
                deck: int_of(r.get_ref(4)?),
            });
            Ok(())
        })
        .map_err(bad)?;
        Ok(Collection {
            note_types,
            decks,
            notes,
        })
    }
}

fn query(
    c: &rusqlite::Connection,
    sql: &str,
    mut f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let mut st = c.prepare(sql)?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        f(r)?;
    }
    Ok(())
}

/// `col.models`: `{"<id>": {"name": "Basic", "flds": [{"name": "Front", "ord": 0}, …]}}`.
fn models_json(json: &str) -> BTreeMap<i64, NoteType> {
    let mut out = BTreeMap::new();
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) else {
        return out;
    };
    for (id, m) in map {
        let Ok(id) = id.parse::<i64>() else { continue };
        let mut flds: Vec<(i64, String)> = m["flds"]
            .as_array()
            .map(|a| {
                a.iter()
                    .enumerate()
                    .map(|(i, f)| {
                        (
                            f["ord"].as_i64().unwrap_or(i as i64),
                            f["name"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        flds.sort_by_key(|(o, _)| *o);
        out.insert(
            id,
            NoteType {
                name: m["name"].as_str().unwrap_or("").to_string(),
                fields: flds.into_iter().map(|(_, n)| n).collect(),
            },
        );
    }
    out
}

/// `col.decks`: `{"<id>": {"name": "Français::A2", …}}`.
fn decks_json(json: &str) -> BTreeMap<i64, String> {
    let mut out = BTreeMap::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) {
        for (id, d) in map {
            if let (Ok(id), Some(name)) = (id.parse::<i64>(), d["name"].as_str()) {
                out.insert(id, name.to_string());
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The rendering and the model.

/// A value on one line: control characters (line breaks included) become spaces, byte for
/// byte, so that offsets in the value stay offsets in the rendering.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

/// The column an Anki field stands for: by name like a table column, or Anki's defaults.
fn field_column(columns: &Columns, name: &str) -> Option<Result<Column, Role>> {
    if let Some(c) = columns.column_of(name) {
        return Some(Ok(c));
    }
    let user_named = |c: Column| columns.names.iter().any(|(u, _)| *u == c);
    match normalize(name).as_str() {
        "front" | "recto" if !user_named(Column::Term) => Some(Ok(Column::Term)),
        "back" | "verso" if !user_named(Column::Translation) => Some(Ok(Column::Translation)),
        "text" | "texte" => Some(Err(Role::Text)),
        "extra" | "backextra" => Some(Err(Role::Feedback)),
        _ => None,
    }
}

/// The level a tag names: the last `::` part is a level, alone or after `cefr`, `cecrl`,
/// `level`, `niveau`… (`A2`, `CEFR::B1`, `niveau_B1`, `Level-C1`). Returns the level and the
/// byte range of its two characters in the tag.
pub fn tag_level(tag: &str) -> Option<(Level, std::ops::Range<usize>)> {
    let last = tag.rfind("::").map_or(0, |i| i + 2);
    let part = &tag[last..];
    if part.len() < 2 || !part.is_char_boundary(part.len() - 2) {
        return None;
    }
    let (head, lv) = part.split_at(part.len() - 2);
    let b = lv.as_bytes();
    if !(matches!(b[0], b'A'..=b'C' | b'a'..=b'c') && matches!(b[1], b'1' | b'2')) {
        return None;
    }
    let head = head.trim_end_matches(['_', '-', ' ', ':', '.']);
    let ok = head.is_empty()
        || matches!(
            head.to_ascii_lowercase().as_str(),
            "cefr" | "cecrl" | "cecr" | "level" | "niveau" | "nivel" | "livello" | "stufe" | "mcer"
        );
    if !ok {
        return None;
    }
    let l = lv.parse::<Level>().ok()?;
    let at = last + part.len() - 2;
    Some((l, at..at + 2))
}

/// Removes `[sound:…]` references and reduces cloze deletions to their answers.
fn strip_anki_markup(m: &MappedText) -> MappedText {
    let s = m.as_str();
    let mut out = MappedText::default();
    let mut run = 0;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with("[sound:") {
            if let Some(e) = rest.find(']') {
                out.push_slice(m, run, i);
                i += e + 1;
                run = i;
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("{{c") {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && after[digits..].starts_with("::") {
                if let Some(close) = rest.find("}}") {
                    let a = i + 3 + digits + 2;
                    let inner_end = i + close;
                    if a <= inner_end {
                        let answer_end = s[a..inner_end].find("::").map_or(inner_end, |k| a + k);
                        out.push_slice(m, run, i);
                        out.push_slice(m, a, answer_end);
                        i = inner_end + 2;
                        run = i;
                        continue;
                    }
                }
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out.push_slice(m, run, s.len());
    out
}

/// The visible text of a field value found at `at` in the rendering.
fn visible(value: &str, at: usize) -> MappedText {
    let m = MappedText::verbatim(value, at);
    super::gift::reduce_html(&strip_anki_markup(&m)).trimmed()
}

/// Builds the rendering and the document.
fn render(path: String, col: &Collection, columns: &Columns) -> (SourceFile, Loaded) {
    // Notes by deck, decks by name (then id); notes keep their id order.
    let mut by_deck: BTreeMap<(String, i64), Vec<&Note>> = BTreeMap::new();
    for n in &col.notes {
        let did = n.deck.unwrap_or(0);
        let name = col
            .decks
            .get(&did)
            .cloned()
            .unwrap_or_else(|| format!("deck {did}"));
        by_deck.entry((name, did)).or_default().push(n);
    }
    let mut text = String::new();
    // (lesson name, line span, deck level, items)
    struct Pending {
        name: String,
        span: Span,
        level: Option<(Level, Span)>,
        notes: Vec<PendingNote>,
    }
    struct PendingNote {
        id: i64,
        start: usize,
        tag_level: Option<(Level, Span)>,
        /// (column or role, field name, value, offset of the value in the rendering)
        fields: Vec<(Result<Column, Role>, String, usize)>,
    }
    let mut lessons = Vec::new();
    for ((name, _), notes) in &by_deck {
        let shown = one_line(name);
        let start = text.len();
        text.push_str("deck ");
        let name_at = text.len();
        text.push_str(&shown);
        let span = Span::new(start, text.len());
        text.push('\n');
        let level = super::gift::level_in(&shown)
            .map(|(l, r)| (l, Span::new(name_at + r.start, name_at + r.end)));
        let mut pending = Pending {
            name: name.clone(),
            span,
            level,
            notes: Vec::new(),
        };
        for n in notes {
            let nt = col.note_types.get(&n.mid);
            let model = nt.map_or_else(|| format!("note type {}", n.mid), |t| t.name.clone());
            let prefix = format!("note {} [{}] ", n.id, one_line(&model));
            let start = text.len();
            let mut tag_lv: Option<(Level, Span)> = None;
            let tags = one_line(n.tags.trim());
            if !tags.is_empty() {
                text.push_str(&prefix);
                text.push_str("tags: ");
                let at = text.len();
                text.push_str(&tags);
                text.push('\n');
                let mut off = 0;
                for tag in tags.split(' ') {
                    if let Some((l, r)) = tag_level(tag) {
                        if tag_lv.is_none_or(|(best, _)| l > best) {
                            tag_lv = Some((l, Span::new(at + off + r.start, at + off + r.end)));
                        }
                    }
                    off += tag.len() + 1;
                }
            }
            let mut fields = Vec::new();
            for (k, value) in n.fields.iter().enumerate() {
                if value.trim().is_empty() {
                    continue;
                }
                let fname = nt
                    .and_then(|t| t.fields.get(k))
                    .cloned()
                    .unwrap_or_else(|| format!("field {}", k + 1));
                text.push_str(&prefix);
                text.push_str(&one_line(&fname));
                text.push_str(": ");
                let at = text.len();
                text.push_str(&one_line(value));
                text.push('\n');
                if let Some(c) = field_column(columns, &fname) {
                    fields.push((c, fname, at));
                }
            }
            pending.notes.push(PendingNote {
                id: n.id,
                start,
                tag_level: tag_lv,
                fields,
            });
        }
        lessons.push(pending);
    }
    let src = SourceFile::new(path, text);
    let mut problems = Problems::new(&src);
    let mut doc = Document::default();
    for p in lessons {
        let mut lesson = Lesson {
            id: Some(p.name),
            title: None,
            span: p.span,
            items: Vec::new(),
        };
        for n in p.notes {
            let mut item = Item::new(n.id.to_string(), ItemKind::Text, Span::empty(n.start));
            for (c, name, at) in &n.fields {
                let end = src.text[*at..]
                    .find('\n')
                    .map_or(src.text.len(), |e| at + e);
                let raw = &src.text[*at..end];
                let role = match c {
                    Ok(col) => match col.role() {
                        Some(r) => r,
                        None => {
                            let v = raw.trim();
                            let vs = at + (raw.len() - raw.trim_start().len());
                            let span = Span::new(vs, vs + v.len());
                            match col {
                                Column::Level if item.level.is_none() => {
                                    item.level = Some(declared_level(&mut problems, v, span));
                                }
                                Column::Lang if item.language.is_none() => {
                                    item.language =
                                        Some(declared_lang(&mut problems, v, span, name));
                                }
                                Column::SupportLang if item.support_language.is_none() => {
                                    item.support_language =
                                        Some(declared_lang(&mut problems, v, span, name));
                                }
                                _ => {}
                            }
                            continue;
                        }
                    },
                    Err(r) => *r,
                };
                let t = visible(raw, *at);
                if t.as_str().is_empty() {
                    continue;
                }
                let slot = item.fields.iter().filter(|f| f.role == role).count() as u32;
                item.fields.push(Field {
                    role,
                    slot,
                    alt: 0,
                    language: None,
                    text: t,
                    span: Span::new(*at, end),
                });
            }
            if item.fields.is_empty() {
                continue;
            }
            if item.fields.iter().any(|f| f.role == Role::Term) {
                item.kind = ItemKind::Vocabulary;
            }
            if item.level.is_none() {
                item.level = n
                    .tag_level
                    .map(|(l, span)| (l, span, Origin::Item))
                    .or(p.level.map(|(l, span)| (l, span, Origin::Lesson)))
                    .map(|(l, span, origin)| Declared {
                        value: Some(l),
                        origin,
                        span: Some(span),
                        elsewhere: None,
                    });
            }
            lesson.items.push(item);
        }
        doc.lessons.push(lesson);
    }
    let findings = problems.into_findings();
    (
        src,
        Loaded {
            document: Some(doc),
            findings,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_tags_are_word_bounded() {
        assert_eq!(tag_level("A2").unwrap().0, Level::A2);
        assert_eq!(tag_level("CEFR::B1"), Some((Level::B1, 6..8)));
        assert_eq!(tag_level("niveau_B1"), Some((Level::B1, 7..9)));
        assert_eq!(tag_level("Level-c1").unwrap().0, Level::C1);
        assert_eq!(tag_level("vitamin_B1"), None);
        assert_eq!(tag_level("A2B1"), None);
        assert_eq!(tag_level("JLPT_N5"), None);
        assert_eq!(tag_level("é"), None);
        assert_eq!(tag_level("éB1"), None);
    }

    #[test]
    fn cloze_and_sound_are_reduced_with_positions() {
        let raw = "Le {{c1::chat::animal}} dort [sound:chat.mp3] ici.";
        let t = visible(raw, 100);
        assert_eq!(t.as_str(), "Le chat dort  ici.");
        let i = t.as_str().find("chat").unwrap();
        assert_eq!(t.source_span(i, i + 4), Span::new(109, 113));
        let i = t.as_str().find("ici").unwrap();
        assert_eq!(
            t.source_span(i, i + 3).start,
            100 + raw.find("ici").unwrap()
        );
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        let inputs: [&[u8]; 7] = [
            b"",
            b"PK\x03\x04",
            b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
            SQLITE_MAGIC,
            b"SQLite format 3\0\x10\0\x02\x02",
            ZSTD_MAGIC,
            b"\x28\xb5\x2f\xfd\x24\x04\x21\0\0\0",
        ];
        for bytes in inputs {
            let (src, l) = read("x.apkg", bytes, &Columns::default());
            assert!(l.document.is_none());
            assert_eq!(l.findings.len(), 1);
            assert!(l.findings[0].rule.code.starts_with("input/"));
            assert!(src.text.is_empty());
        }
        for s in [
            "{{c",
            "{{c1::",
            "{{c1::}}",
            "{{c::x}}",
            "[sound:",
            "{{c12::a::b::c}}x",
            "é{{c1::é}}",
        ] {
            let t = visible(s, 0);
            assert!(t.source_span(0, t.as_str().len()).end <= s.len());
        }
    }
}
