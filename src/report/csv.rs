//! `--format csv`: one row per finding, for spreadsheets. UTF-8 with a byte-order mark (so
//! that Excel reads accents right), a header row in the interface language, fields quoted by
//! the csv crate when needed, CRLF line ends. `--csv-delimiter ';'` suits spreadsheets set
//! up for a decimal comma (French Excel); the default stays `,` whatever the locale, so that
//! the same command gives the same file everywhere.

use std::io::{self, Write};

use super::{Report, Style};
use crate::findings::Locale;

fn header(locale: Locale) -> [&'static str; 9] {
    match locale {
        Locale::En => [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "rule",
            "item",
            "message",
        ],
        Locale::Fr => [
            "fichier",
            "ligne",
            "colonne",
            "ligne_fin",
            "colonne_fin",
            "gravité",
            "règle",
            "item",
            "message",
        ],
    }
}

pub fn write(report: &Report, style: &Style, w: &mut dyn Write) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    let mut out = ::csv::WriterBuilder::new()
        .delimiter(style.csv_delimiter)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(header(style.locale))?;
    for f in &report.findings {
        let l = &f.location;
        out.write_record([
            &*l.file,
            &l.start.line.to_string(),
            &l.start.column.to_string(),
            &l.end.line.to_string(),
            &l.end.column.to_string(),
            f.severity.as_str(),
            f.rule.code,
            f.item.as_deref().unwrap_or(""),
            f.message.get(style.locale),
        ])?;
    }
    out.flush()
}
