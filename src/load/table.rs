//! Vocabulary lists in CSV and TSV, with a header row: one item per row.
//!
//! The delimiter of a `.csv` file is sniffed from its header line (`,`, or `;` as French
//! Excel saves it, or a tab); a `.tsv` file uses tabs. Leading blank lines and `#` comment
//! lines before the header are skipped. Columns are mapped by their header, compared without
//! case, accents, spaces or punctuation, in English or French (see [`HEADERS`]), or by a
//! [`Columns`] mapping given on the command line (`--columns term=Mot,translation=Sens`).
//!
//! The csv crate finds the records and their values; each field's text is then mapped back to
//! the source by scanning the record's raw bytes from its start (a quoted field's `""` is one
//! `"` mapped to both quotes), so that a word inside a multi-line quoted cell is reported at
//! its own line and column. Lines come from byte offsets (the csv crate's line numbers are
//! wrong after blank lines and with CRLF).

use std::path::Path;

use super::{Loaded, Problems};
use crate::checks::{input, metadata};
use crate::findings::{Finding, Msg};
use crate::model::{
    Declared, Document, Field, Item, ItemKind, Lang, Lesson, Level, MappedText, Origin, Role,
};
use crate::source::{SourceFile, Span};

/// What a column (or an Anki field) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// The word or expression taught (target language).
    Term,
    /// Its translation into the support language.
    Translation,
    /// An example sentence (target language).
    Example,
    /// A definition (target language).
    Definition,
    /// The expected answer (target language).
    Answer,
    /// The item's CEFR level.
    Level,
    /// The item's target language.
    Lang,
    /// The item's support language.
    SupportLang,
    /// The item's identifier.
    Id,
}

impl Column {
    /// The keys of `--columns`, in the order of [`Column::ALL`].
    pub const KEYS: &'static [&'static str] = &[
        "term",
        "translation",
        "example",
        "definition",
        "answer",
        "level",
        "lang",
        "support_lang",
        "id",
    ];
    pub const ALL: [Column; 9] = [
        Column::Term,
        Column::Translation,
        Column::Example,
        Column::Definition,
        Column::Answer,
        Column::Level,
        Column::Lang,
        Column::SupportLang,
        Column::Id,
    ];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<Column> {
        let k = normalize(key);
        Self::ALL.into_iter().find(|c| normalize(c.key()) == k)
    }

    /// The role of a text column in the model; `None` for metadata columns.
    pub fn role(self) -> Option<Role> {
        Some(match self {
            Column::Term => Role::Term,
            Column::Translation => Role::Translation,
            Column::Example => Role::Example,
            Column::Definition => Role::Text,
            Column::Answer => Role::Answer,
            Column::Level | Column::Lang | Column::SupportLang | Column::Id => return None,
        })
    }
}

/// Header names understood for each column, normalised (see [`normalize`]): English, then
/// French.
pub const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Term,
        &[
            "term",
            "word",
            "headword",
            "lemma",
            "expression",
            "vocabulary",
            "vocab",
            "mot",
            "terme",
            "lemme",
            "vocabulaire",
        ],
    ),
    (
        Column::Translation,
        &[
            "translation",
            "meaning",
            "gloss",
            "traduction",
            "sens",
            "signification",
        ],
    ),
    (
        Column::Example,
        &[
            "example",
            "sentence",
            "examplesentence",
            "exemple",
            "phrase",
            "phrasedexemple",
        ],
    ),
    (Column::Definition, &["definition"]),
    (Column::Answer, &["answer", "reponse"]),
    (
        Column::Level,
        &[
            "level",
            "cefr",
            "cefrlevel",
            "niveau",
            "cecrl",
            "cecr",
            "niveaucecrl",
            "niveaucecr",
        ],
    ),
    (
        Column::Lang,
        &[
            "lang",
            "language",
            "targetlanguage",
            "langue",
            "languecible",
        ],
    ),
    (
        Column::SupportLang,
        &[
            "supportlang",
            "supportlanguage",
            "languesupport",
            "languedappui",
        ],
    ),
    (Column::Id, &["id", "identifier", "guid", "identifiant"]),
];

/// A header or key compared without case, accents, spaces or punctuation: `Réponse` and
/// `reponse`, `Support lang` and `support_lang` are the same.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ÿ' | 'ý' => "y",
            'œ' => "oe",
            'æ' => "ae",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => continue,
        };
        out.push_str(folded);
    }
    out
}

/// A user's mapping of columns to header names, from `--columns term=Mot,translation=Sens`
/// (or from configuration). A column named here is found by that header only; the other
/// columns are still recognised by their usual names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub names: Vec<(Column, String)>,
}

impl Columns {
    /// Parses `key=Header,key=Header`; keys are those of [`Column::KEYS`].
    pub fn parse(spec: &str) -> Result<Columns, crate::findings::Msg> {
        use crate::findings::Msg;
        let mut names = Vec::new();
        for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let Some((k, v)) = part.split_once('=') else {
                return Err(Msg::new(
                    format!("`{part}`: expected key=Header, such as term=Mot"),
                    format!("« {part} » : clé=En-tête attendu, par exemple term=Mot"),
                ));
            };
            let Some(col) = Column::from_key(k) else {
                let keys = Column::KEYS.join(", ");
                return Err(Msg::new(
                    format!("`{}`: unknown column key (use {keys})", k.trim()),
                    format!(
                        "« {} » : clé de colonne inconnue (utilisez {keys})",
                        k.trim()
                    ),
                ));
            };
            if v.trim().is_empty() {
                return Err(Msg::new(
                    format!("`{part}`: the header name is empty"),
                    format!("« {part} » : le nom d'en-tête est vide"),
                ));
            }
            names.push((col, v.trim().to_string()));
        }
        Ok(Columns { names })
    }

    /// The column a header (or an Anki field name) stands for, if any.
    pub fn column_of(&self, header: &str) -> Option<Column> {
        let h = normalize(header);
        if h.is_empty() {
            return None;
        }
        if let Some((c, _)) = self.names.iter().find(|(_, n)| normalize(n) == h) {
            return Some(*c);
        }
        let (c, _) = HEADERS
            .iter()
            .find(|(_, names)| names.contains(&h.as_str()))?;
        // A column the user mapped to another header is not guessed.
        if self.names.iter().any(|(u, _)| u == c) {
            return None;
        }
        Some(*c)
    }
}

/// The understood header names, for messages: `term (word, mot, …); …`.
fn understood() -> String {
    HEADERS
        .iter()
        .filter(|(c, _)| c.role().is_some())
        .map(|(c, names)| format!("{} ({})", c.key(), names.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

// ---------------------------------------------------------------------------------------------
// Delimiters and fields.

/// The delimiter of a file: a tab for `.tsv`; for `.csv`, the most frequent of `,`, `;` and
/// tab outside quotes in the header line (`,` on a tie).
pub fn sniff_delimiter(header_line: &str, tsv: bool) -> u8 {
    if tsv {
        return b'\t';
    }
    let (mut comma, mut semi, mut tab) = (0, 0, 0);
    let mut quoted = false;
    for b in header_line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semi += 1,
            b'\t' if !quoted => tab += 1,
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

/// One field of a record, mapped to the source.
#[derive(Clone, Debug)]
pub struct Cell {
    /// The value, quotes and `""` decoded, mapped to the source.
    pub text: MappedText,
    /// The raw field in the source, quotes included.
    pub span: Span,
}

/// Scans one record's fields from `start` (the record's first byte) in `text`, as the csv
/// crate reads them: a field is quoted when it starts with `"`; inside, `""` is one `"`;
/// after the closing quote, anything up to the delimiter is kept. Returns the cells and, when
/// a quote is never closed, the offset of the opening quote.
fn scan_record(text: &str, start: usize, delim: u8) -> (Vec<Cell>, Option<usize>) {
    let b = text.as_bytes();
    let mut cells = Vec::new();
    let mut i = start;
    loop {
        let field_start = i;
        let mut m = MappedText::default();
        let mut unclosed = None;
        if b.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            let mut run = i;
            loop {
                match b.get(i) {
                    None => {
                        unclosed = Some(open);
                        m.push_copy(&text[run..i], run);
                        break;
                    }
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => {
                        m.push_copy(&text[run..i], run);
                        m.push_replacement("\"", Span::new(i, i + 2));
                        i += 2;
                        run = i;
                    }
                    Some(b'"') => {
                        m.push_copy(&text[run..i], run);
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        let run = i;
        while i < b.len() && b[i] != delim && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        m.push_copy(&text[run..i], run);
        cells.push(Cell {
            text: m,
            span: Span::new(field_start, i),
        });
        if unclosed.is_some() {
            return (cells, unclosed);
        }
        if b.get(i) == Some(&delim) {
            i += 1;
            continue;
        }
        return (cells, None);
    }
}

/// The offset where the header starts: after leading blank lines and `#` comment lines.
fn header_start(text: &str) -> usize {
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k + 1);
        let line = text[pos..end].trim();
        if !(line.is_empty() || line.starts_with('#')) {
            return pos;
        }
        pos = end;
    }
    text.len()
}

/// The end of the line that starts at or holds `at` (before its line break).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find(['\n', '\r']).map_or(text.len(), |k| at + k)
}

/// True when a path's extension is `.tsv`.
pub fn is_tsv(path: &str) -> bool {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
}

// ---------------------------------------------------------------------------------------------
// Reading a file.

/// The file name without its extension: the lesson id.
fn file_stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\', '!']).next().unwrap_or(path);
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    if stem.is_empty() {
        "table".into()
    } else {
        stem.to_string()
    }
}

/// Reads a CSV or TSV vocabulary list. `explicit`: the user named the file, so a file without
/// a term column is reported (`input/invalid-structure`) rather than skipped.
pub fn read(src: &SourceFile, columns: &Columns, explicit: bool) -> Loaded {
    let text = src.text.as_str();
    let h0 = header_start(text);
    let delim = sniff_delimiter(&text[h0..line_end(text, h0)], is_tsv(&src.path));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(&text.as_bytes()[h0..]);
    let mut problems = Problems::new(src);
    let mut record = csv::ByteRecord::new();
    let mut header: Option<Vec<Option<Column>>> = None;
    let mut doc_items: Vec<Item> = Vec::new();
    let mut header_span = Span::empty(h0);
    let mut row = 0usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // Only I/O and UTF-8 errors are possible on a flexible reader of a &str.
                let at = e.position().map_or(h0, |p| h0 + p.byte() as usize);
                problems.push(
                    &input::PARSE_ERROR,
                    Span::new(at, line_end(text, at.min(text.len()))),
                    Msg::new(
                        format!("cannot read this row: {e}"),
                        format!("impossible de lire cette ligne : {e}"),
                    ),
                );
                break;
            }
        }
        let Some(pos) = record.position() else {
            continue;
        };
        let mut start = h0 + pos.byte() as usize;
        // A record's position may be that of blank lines skipped before it.
        while start < text.len() && matches!(text.as_bytes()[start], b'\r' | b'\n') {
            start += 1;
        }
        let (mut cells, unclosed) = scan_record(text, start, delim);
        // Keep the csv crate's values: a cell the scan decoded differently is aligned.
        for (k, cell) in cells.iter_mut().enumerate() {
            let Some(value) = record.get(k).and_then(|v| std::str::from_utf8(v).ok()) else {
                continue;
            };
            if cell.text.as_str() != value {
                let raw = &text[cell.span.start..cell.span.end];
                cell.text = MappedText::align(value, raw, cell.span.start);
            }
        }
        if let Some(open) = unclosed {
            problems.push(
                &input::PARSE_ERROR,
                Span::new(open, open + 1),
                Msg::new(
                    "the quote opened here is never closed: the rest of the file is one cell (write `\"\"` for a quote inside a quoted cell)",
                    "le guillemet ouvert ici n'est jamais fermé : la suite du fichier forme une seule cellule (écrivez `\"\"` pour un guillemet dans une cellule entre guillemets)",
                ),
            );
            break;
        }
        let Some(cols) = &header else {
            header_span = Span::new(start, line_end(text, start));
            let cols: Vec<Option<Column>> = cells
                .iter()
                .map(|c| columns.column_of(c.text.as_str()))
                .collect();
            if !cols.contains(&Some(Column::Term)) {
                return not_a_list(src, explicit, header_span, delim);
            }
            header = Some(cols);
            continue;
        };
        row += 1;
        if cells.len() != cols.len() {
            let shown = match delim {
                b'\t' => "tab".to_string(),
                d => format!("`{}`", d as char),
            };
            problems.push(
                &input::PARSE_ERROR,
                Span::new(start, line_end(text, start)),
                Msg::new(
                    format!(
                        "this row has {} fields but the header has {}: the row is not read (quote a value that contains the delimiter {shown})",
                        cells.len(),
                        cols.len()
                    ),
                    format!(
                        "cette ligne a {} champs mais l'en-tête en a {} : la ligne n'est pas lue (mettez entre guillemets une valeur qui contient le séparateur {shown})",
                        cells.len(),
                        cols.len()
                    ),
                ),
            );
            continue;
        }
        if let Some(item) = item(&mut problems, cols, &cells, row, start) {
            doc_items.push(item);
        }
    }
    if header.is_none() {
        return not_a_list(src, explicit, header_span, delim);
    }
    let doc = Document {
        lessons: vec![Lesson {
            id: Some(file_stem(&src.path)),
            title: None,
            span: header_span,
            items: doc_items,
        }],
    };
    Loaded {
        document: Some(doc),
        findings: problems.into_findings(),
    }
}

/// A table without a term column: skipped when found in a folder, reported when named.
fn not_a_list(src: &SourceFile, explicit: bool, span: Span, delim: u8) -> Loaded {
    if !explicit {
        return Loaded::default();
    }
    let d = match delim {
        b'\t' => "tab".to_string(),
        d => format!("`{}`", d as char),
    };
    let known = understood();
    Loaded {
        document: None,
        findings: vec![Finding::at(
            &input::INVALID_STRUCTURE,
            src,
            span,
            Msg::new(
                format!(
                    "not a vocabulary list: the header row (delimiter {d}) has no term column. Headers understood, in English or French, without case or accents: {known}; level (niveau, cefr, cecrl), lang (langue), support_lang, id. Name your own with --columns term=…"
                ),
                format!(
                    "ce n'est pas une liste de vocabulaire : la ligne d'en-tête (séparateur {d}) n'a pas de colonne de terme. En-têtes compris, en anglais ou en français, sans tenir compte de la casse ni des accents : {known} ; level (niveau, cefr, cecrl), lang (langue), support_lang, id. Nommez les vôtres avec --columns term=…"
                ),
            ),
        )],
    }
}

/// One row as a vocabulary item; `None` when every text cell is empty.
fn item(
    problems: &mut Problems,
    cols: &[Option<Column>],
    cells: &[Cell],
    row: usize,
    start: usize,
) -> Option<Item> {
    let mut fields = Vec::new();
    let mut id = None;
    let (mut level, mut language, mut support) = (None, None, None);
    for (col, cell) in cols.iter().zip(cells) {
        let Some(col) = col else { continue };
        let value = cell.text.trimmed();
        let v = value.as_str();
        if v.is_empty() {
            continue;
        }
        let span = value.source_span(0, v.len());
        match col.role() {
            Some(role) => {
                let slot = fields.iter().filter(|f: &&Field| f.role == role).count() as u32;
                fields.push(Field {
                    role,
                    slot,
                    alt: 0,
                    language: None,
                    text: value,
                    span: cell.span,
                });
            }
            None => match col {
                Column::Id if id.is_none() => id = Some(v.to_string()),
                Column::Level if level.is_none() => {
                    level = Some(declared_level(problems, v, span));
                }
                Column::Lang if language.is_none() => {
                    language = Some(declared_lang(problems, v, span, "lang"));
                }
                Column::SupportLang if support.is_none() => {
                    support = Some(declared_lang(problems, v, span, "support_lang"));
                }
                _ => {}
            },
        }
    }
    if fields.is_empty() {
        return None;
    }
    Some(Item {
        id: id.unwrap_or_else(|| format!("row{row}")),
        kind: ItemKind::Vocabulary,
        span: Span::empty(start),
        level,
        language,
        support_language: support,
        fields,
        timing: None,
        single_answer: None,
    })
}

pub(crate) fn declared_level(
    problems: &mut Problems,
    v: &str,
    span: Span,
) -> Declared<Option<Level>> {
    let value = match v.parse::<Level>() {
        Ok(l) => Some(l),
        Err(_) => {
            problems.push(
                &metadata::INVALID_LEVEL,
                span,
                Msg::new(
                    format!("`{v}` is not a CEFR level (A1, A2, B1, B2, C1, C2)"),
                    format!("« {v} » n'est pas un niveau du CECRL (A1, A2, B1, B2, C1, C2)"),
                ),
            );
            None
        }
    };
    Declared {
        value,
        origin: Origin::Item,
        span: Some(span),
        elsewhere: None,
    }
}

pub(crate) fn declared_lang(
    problems: &mut Problems,
    v: &str,
    span: Span,
    key: &str,
) -> Declared<Option<Lang>> {
    let value = Lang::parse(v);
    if value.is_none() {
        problems.push(
            &metadata::INVALID_LANGUAGE,
            span,
            Msg::new(
                format!("`{key}: {v}` is not a language code (use ISO 639-1, such as en, fr, es)"),
                format!("« {key}: {v} » n'est pas un code de langue (utilisez l'ISO 639-1 : en, fr, es…)"),
            ),
        );
    }
    Declared {
        value,
        origin: Origin::Item,
        span: Some(span),
        elsewhere: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_compared_without_case_or_accents() {
        let c = Columns::default();
        assert_eq!(c.column_of("Réponse"), Some(Column::Answer));
        assert_eq!(c.column_of(" MOT "), Some(Column::Term));
        assert_eq!(c.column_of("Support lang"), Some(Column::SupportLang));
        assert_eq!(c.column_of("Niveau CECRL"), Some(Column::Level));
        assert_eq!(c.column_of("pos"), None);
        let user = Columns::parse("term=Vokabel, translation = Übersetzung").unwrap();
        assert_eq!(user.column_of("vokabel"), Some(Column::Term));
        assert_eq!(user.column_of("Ubersetzung"), Some(Column::Translation));
        // `mot` is not guessed as the term when the user named another header.
        assert_eq!(user.column_of("mot"), None);
        assert!(Columns::parse("colour=Farbe").is_err());
        assert!(Columns::parse("term").is_err());
    }

    #[test]
    fn sniffs_the_delimiter_outside_quotes() {
        assert_eq!(sniff_delimiter("mot;traduction;niveau", false), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c", false), b',');
        assert_eq!(sniff_delimiter("term\ttranslation", false), b'\t');
        assert_eq!(sniff_delimiter("term", false), b',');
        assert_eq!(sniff_delimiter("a,b;c", true), b'\t');
    }

    #[test]
    fn quoted_cells_map_back_to_their_bytes() {
        let src = "a,\"il dit \"\"oui\"\"\r\nnon\",c\r\n";
        let (cells, unclosed) = scan_record(src, 0, b',');
        assert!(unclosed.is_none());
        assert_eq!(cells.len(), 3);
        let t = &cells[1].text;
        assert_eq!(t.as_str(), "il dit \"oui\"\r\nnon");
        let i = t.as_str().find("non").unwrap();
        let s = t.source_span(i, i + 3);
        assert_eq!(&src[s.start..s.end], "non");
        let q = t.as_str().find('"').unwrap();
        let s = t.source_span(q, q + 1);
        assert_eq!(&src[s.start..s.end], "\"\"");
        assert_eq!(cells[2].text.as_str(), "c");
        let (_, unclosed) = scan_record("a,\"b,c\n", 0, b',');
        assert_eq!(unclosed, Some(2));
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        let pieces = [
            "word", ",", ";", "\t", "\"", "\"\"", "\n", "\r", "\r\n", "é", "#", " ", "level", "A1",
            "mot", "x",
        ];
        // Every sequence of 3 pieces, after a valid header and alone.
        let mut inputs = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    inputs.push(format!("{a}{b}{c}"));
                }
            }
        }
        for body in inputs {
            for text in [body.clone(), format!("word,level\n{body}")] {
                let src = SourceFile::new("t.csv", text.clone());
                let l = read(&src, &Columns::default(), true);
                for f in &l.findings {
                    assert!(f.location.span.end <= text.len());
                }
                if let Some(doc) = &l.document {
                    for it in doc.items() {
                        for f in &it.fields {
                            let s = f.text.source_span(0, f.text.as_str().len());
                            assert!(s.end <= text.len() && text.is_char_boundary(s.start));
                        }
                    }
                }
            }
        }
    }
}
