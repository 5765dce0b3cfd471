//! IMS content packages: `imsmanifest.xml` (IMS CP) for SCORM 1.2, SCORM 2004 and QTI
//! packages, zipped or extracted.
//!
//! The manifest's LOM metadata (inline `<lom>` elements, or a file named by
//! `<adlcp:location>`) gives the defaults of every item: the language
//! (`general/language`, else `educational/language`) and the level (a `classification`
//! whose source names the CEFR, `CEFR`, `CECR`, `CECRL`, `GER` or "Common European
//! Framework", with a taxon entry or id that is a level; else one CEFR level written as a
//! word of its own in the title or keywords). They count as declared by the file, at the
//! start of each page or item file (they are written in the manifest).
//!
//! Resources, in the manifest's order:
//! - QTI items (`type` `imsqti_item_xmlv2p1`, `imsqti_item_xmlv2p2`, `imsqti_item_xmlv3p0`,
//!   any `imsqti_item_*`): the item file (`href`) is read by [`super::qti`];
//! - other resources (SCORM SCOs and assets, `webcontent`): their HTML pages (`href` and
//!   `<file href>` ending in `.html`/`.htm`), each read once by [`super::scorm`].
//!
//! A resource file the package does not hold is `input/invalid-structure` at its `href` in
//! the manifest; an `href` leaving the package (`../x`) is `input/unsafe-archive`.

use roxmltree::Node as XNode;

use super::package::{decode_member, Tree, Unit};
use super::{h5p, qti, scorm, xml, Loaded};
use crate::checks::input;
use crate::findings::{Finding, Msg};
use crate::model::{Declared, Document, Lang, Level, Origin};
use crate::source::Span;

/// What the LOM metadata declares for the whole package.
#[derive(Debug, Default, Clone)]
pub struct Lom {
    pub language: Option<Lang>,
    pub level: Option<Level>,
    pub title: Option<String>,
}

impl Lom {
    /// Fills what an item did not declare itself.
    pub fn apply(&self, doc: &mut Document) {
        let span = Some(Span::empty(0));
        for item in doc.items_mut() {
            if item.level.is_none() {
                item.level = self.level.map(|l| Declared {
                    value: Some(l),
                    origin: Origin::File,
                    span,
                });
            }
            if item.language.is_none() {
                item.language = self.language.clone().map(|l| Declared {
                    value: Some(l),
                    origin: Origin::File,
                    span,
                });
            }
        }
    }

    /// Adds what one `<lom>` element says to what is already known (first value wins).
    fn read(&mut self, lom: XNode) {
        let mut titles = Vec::new();
        let mut keywords = Vec::new();
        let mut langs: Vec<(bool, String)> = Vec::new();
        for n in lom.descendants().filter(|n| n.is_element()) {
            match local(n) {
                "language" => {
                    let educational = n
                        .parent_element()
                        .is_some_and(|p| local(p) == "educational");
                    if let Some(t) = text(n) {
                        langs.push((educational, t));
                    }
                }
                "title" if n.parent_element().is_some_and(|p| local(p) == "general") => {
                    titles.extend(strings(n))
                }
                "keyword" => keywords.extend(strings(n)),
                "classification" if self.level.is_none() => {
                    self.level = classification_level(n);
                }
                _ => {}
            }
        }
        if self.language.is_none() {
            langs.sort_by_key(|(educational, _)| *educational);
            self.language = langs
                .iter()
                .filter(|(_, l)| {
                    !l.eq_ignore_ascii_case("und") && !l.eq_ignore_ascii_case("x-none")
                })
                .find_map(|(_, l)| Lang::parse(l));
        }
        if self.level.is_none() {
            self.level = h5p::level_in(titles.iter().chain(&keywords).map(String::as_str));
        }
        if self.title.is_none() {
            self.title = titles.into_iter().find(|t| !t.is_empty());
        }
    }
}

fn local<'a>(n: XNode<'a, '_>) -> &'a str {
    n.tag_name().name()
}

/// The trimmed text content of an element without child elements.
fn text(n: XNode) -> Option<String> {
    let t: String = n
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The texts of an element's `langstring`/`string` children (or its own text).
fn strings(n: XNode) -> Vec<String> {
    let inner: Vec<String> = n
        .descendants()
        .filter(|c| c.is_element() && matches!(local(*c), "langstring" | "string"))
        .filter_map(text)
        .collect();
    if inner.is_empty() {
        text(n).into_iter().collect()
    } else {
        inner
    }
}

/// The level of a CEFR classification: its `source` names the CEFR and a taxon's `entry`
/// or `id` is a level.
fn classification_level(c: XNode) -> Option<Level> {
    let cefr = c
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "source")
        .flat_map(strings)
        .any(|s| {
            let u = s.to_uppercase();
            u.contains("COMMON EUROPEAN FRAMEWORK")
                || u.split(|c: char| !c.is_alphanumeric())
                    .any(|w| matches!(w, "CEFR" | "CECR" | "CECRL" | "GER" | "MCER" | "QCER"))
        });
    if !cefr {
        return None;
    }
    let entries: Vec<String> = c
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "taxon")
        .flat_map(|t| {
            t.children()
                .filter(|n| n.is_element() && matches!(local(*n), "entry" | "id"))
                .flat_map(strings)
                .collect::<Vec<_>>()
        })
        .collect();
    h5p::level_in(entries.iter().map(String::as_str))
}

/// Reads an IMS content package (archive or folder).
pub fn read_package(tree: &mut dyn Tree, sink: &mut dyn FnMut(Unit)) {
    const MANIFEST: &str = "imsmanifest.xml";
    let Some((src, mut findings)) = decode_member(tree, MANIFEST, "content-package", sink) else {
        return;
    };
    let doc = match xml::parse(&src) {
        Ok(d) => d,
        Err(f) => {
            findings.push(*f);
            sink(Unit::Loaded {
                src,
                loaded: Loaded {
                    document: None,
                    findings,
                },
                format: "content-package",
            });
            return;
        }
    };
    let root = doc.root_element();
    let mut lom = Lom::default();
    for l in root
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "lom")
    {
        lom.read(l);
    }
    // External LOM files named in the manifest's metadata.
    let locations: Vec<String> = root
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "location")
        .filter(|n| {
            n.ancestors()
                .any(|a| a.is_element() && local(a) == "metadata")
        })
        .filter_map(text)
        .collect();
    for loc in locations {
        if !tree.has(&loc) {
            continue;
        }
        let Ok(bytes) = tree.read(&loc) else { continue };
        let (msrc, _) = super::decode(&tree.display(&loc), &bytes);
        drop(bytes);
        if let Ok(mdoc) = xml::parse(&msrc) {
            for l in mdoc
                .descendants()
                .filter(|n| n.is_element() && local(*n) == "lom")
            {
                lom.read(l);
            }
        }
    }
    // The resources' files, in order, each once.
    let mut work: Vec<(String, bool, Span)> = Vec::new();
    for res in root
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "resource")
    {
        let ty = xml::attr(res, "type").unwrap_or("").to_ascii_lowercase();
        let base = xml::attr(res, "base").unwrap_or("");
        let is_qti = ty.starts_with("imsqti_item");
        let mut hrefs: Vec<(&str, Span)> = Vec::new();
        if let Some(a) = res.attributes().find(|a| a.name() == "href") {
            hrefs.push((a.value(), xml::value_span(&src.text, a.range())));
        }
        if !is_qti {
            for f in res
                .children()
                .filter(|n| n.is_element() && local(*n) == "file")
            {
                if let Some(a) = f.attributes().find(|a| a.name() == "href") {
                    hrefs.push((a.value(), xml::value_span(&src.text, a.range())));
                }
            }
        }
        for (href, span) in hrefs {
            let href = href.split(['#', '?']).next().unwrap_or("");
            let name = format!("{base}{}", percent_decode(href));
            let lower = name.to_ascii_lowercase();
            if !(is_qti || lower.ends_with(".html") || lower.ends_with(".htm")) {
                continue;
            }
            if lower.starts_with("http://") || lower.starts_with("https://") {
                continue;
            }
            let name = name.trim_start_matches("./").to_string();
            if !work.iter().any(|(n, _, _)| *n == name) {
                work.push((name, is_qti, span));
            }
        }
    }
    let title = lom.title.clone();
    let mut units = Vec::new();
    for (name, is_qti, span) in work {
        if super::archive::unsafe_name(&name).is_some() {
            findings.push(Finding::at(
                &input::UNSAFE_ARCHIVE,
                &src,
                span,
                Msg::new(
                    format!("the manifest refers to `{name}`, outside the package: it is not read"),
                    format!("le manifeste renvoie à « {name} », hors du paquet : il n'est pas lu"),
                ),
            ));
            continue;
        }
        if !tree.has(&name) {
            findings.push(Finding::at(
                &input::INVALID_STRUCTURE,
                &src,
                span,
                Msg::new(
                    format!("the manifest refers to `{name}`, which the package does not hold"),
                    format!("le manifeste renvoie à « {name} », que le paquet ne contient pas"),
                ),
            ));
            continue;
        }
        units.push((name, is_qti));
    }
    if !findings.is_empty() {
        sink(Unit::Loaded {
            src,
            loaded: Loaded {
                document: None,
                findings,
            },
            format: "content-package",
        });
    } else {
        drop(src);
    }
    for (name, is_qti) in units {
        let format = if is_qti { "qti" } else { "scorm" };
        let Some((msrc, mut mfindings)) = decode_member(tree, &name, format, sink) else {
            continue;
        };
        let mut loaded = if is_qti {
            qti::read(&msrc)
        } else {
            scorm::read_page(&msrc, &name, title.as_deref())
        };
        if let Some(d) = loaded.document.as_mut() {
            lom.apply(d);
        }
        mfindings.append(&mut loaded.findings);
        loaded.findings = mfindings;
        sink(Unit::Loaded {
            src: msrc,
            loaded,
            format,
        });
    }
}

/// `%20` and other percent escapes of an `href`, decoded (invalid ones kept as written).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lom_of(xml_text: &str) -> Lom {
        let doc = roxmltree::Document::parse(xml_text).unwrap();
        let mut lom = Lom::default();
        for l in doc
            .descendants()
            .filter(|n| n.is_element() && local(*n) == "lom")
        {
            lom.read(l);
        }
        lom
    }

    #[test]
    fn lom_language_and_cefr_classification() {
        let lom = lom_of(
            r#"<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><title><string language="fr">Au marché</string></title><language>fr</language></general>
            <classification><purpose><value>educational level</value></purpose><taxonPath><source><string>CEFR</string></source><taxon><id>B1</id><entry><string>B1 Threshold</string></entry></taxon></taxonPath></classification></lom>"#,
        );
        assert_eq!(lom.language.unwrap().as_str(), "fr");
        assert_eq!(lom.level, Some(Level::B1));
        assert_eq!(lom.title.as_deref(), Some("Au marché"));
    }

    #[test]
    fn other_classifications_and_ambiguous_titles_give_no_level() {
        let lom = lom_of(
            r#"<lom><general><title><langstring>Grammar A2-B1</langstring></title><language>und</language></general>
            <classification><taxonpath><source><langstring>Dewey</langstring></source><taxon><entry><langstring>B2</langstring></entry></taxon></taxonpath></classification></lom>"#,
        );
        assert_eq!(lom.level, None);
        assert!(lom.language.is_none());
        let lom = lom_of(
            r#"<lom><general><keyword><langstring>Deutsch A1</langstring></keyword><language>de-DE</language></general></lom>"#,
        );
        assert_eq!(lom.level, Some(Level::A1));
        assert_eq!(lom.language.unwrap().as_str(), "de");
    }

    #[test]
    fn hrefs_are_percent_decoded() {
        assert_eq!(percent_decode("a%20b.html"), "a b.html");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
