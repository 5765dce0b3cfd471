//! Prints what the Moodle XML / QTI loaders read from a file (fields with line:column).
//! `cargo run --example xml_dump -- FILE.xml`
use cefrlint::load::{decode, load, Format};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let src = decode(&path, &bytes).0;
        let l = load(&src, Format::MoodleXml, true);
        for f in &l.findings {
            println!("FINDING {} {} {}", f.rule.code, f.location, f.message.en);
        }
        let Some(doc) = l.document else { continue };
        for lesson in &doc.lessons {
            println!("LESSON {:?}", lesson.id);
            for it in &lesson.items {
                println!(
                    "  ITEM {} {:?} level={:?} lang={:?}",
                    it.id,
                    it.kind,
                    it.level.as_ref().map(|d| (d.value, d.origin)),
                    it.language.as_ref().map(|d| (d.value.clone(), d.origin))
                );
                for f in &it.fields {
                    let lc = src.line_col(f.span.start);
                    println!(
                        "    {:?}[{}.{}] {}:{} {:?}",
                        f.role,
                        f.slot,
                        f.alt,
                        lc.line,
                        lc.column,
                        f.text.as_str()
                    );
                }
            }
        }
    }
}
