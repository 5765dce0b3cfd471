//! IMS content packages: `imsmanifest.xml` (IMS CP) for SCORM 1.2, SCORM 2004 and QTI
//! packages, zipped or extracted.
//!
//! The manifest's LOM metadata (inline `<lom>` elements, or a file named by
//! `<adlcp:location>`) gives the defaults of every item: the language
//! (`general/language`, else `educational/language`) and the level (a `classification`
//! whose source names the CEFR, `CEFR`, `CECR`, `CECRL`, `GER` or "Common European
//! Framework", with a taxon entry or id that is a level; else one CEFR level written as a
//! word of its own in the title or keywords). They count as declared by the file, and
//! findings about them point where they are written in the manifest or LOM file
//! (`pkg.zip!/imsmanifest.xml:23:17`); a CEFR classification whose taxon is not a level
//! (`A7`) is `metadata/invalid-level` there, a language that is not one
//! `metadata/invalid-language`.
//!
//! Resources, in the manifest's order:
//! - QTI items (`type` `imsqti_item_xmlv2p1`, `imsqti_item_xmlv2p2`, `imsqti_item_xmlv3p0`,
//!   any `imsqti_item_*`): the item file (`href`) is read by [`super::qti`];
//! - QTI 1.2 (`type` `imsqti_xmlv1p2`, and Common Cartridge's
//!   `imsqti_xmlv1p2/imscc_xmlv1p1/assessment` and `…/question-bank`): its `.xml` and `.qti`
//!   files (`href` and `<file href>`) are read by [`super::qti1`];
//! - other resources (SCORM SCOs and assets, `webcontent`): their HTML pages (`href` and
//!   `<file href>` ending in `.html`/`.htm`), each read once by [`super::scorm`].
//!
//! A resource file the package does not hold is `input/invalid-structure` at its `href` in
//! the manifest; an `href` leaving the package (`../x`) is `input/unsafe-archive`.

use roxmltree::Node as XNode;

use super::package::{decode_member, Tree, Unit};
use super::{h5p, html, qti, qti1, scorm, xml, Loaded};
use crate::checks::{input, metadata};
use crate::findings::{Finding, Msg};
use crate::model::{Declared, Document, Lang, Level, MappedText};
use crate::source::{Location, SourceFile, Span};

/// What the LOM metadata declares for the whole package. The level and language carry where
/// they are written (`pkg.zip!/imsmanifest.xml:23:17`), the place findings about them point
/// at; `None` inside when a value is written but is not a level or a language (reported as
/// `metadata/invalid-level` or `metadata/invalid-language` there).
#[derive(Debug, Default, Clone)]
pub struct Lom {
    pub language: Option<(Option<Lang>, Location)>,
    pub level: Option<(Option<Level>, Location)>,
    pub title: Option<String>,
}

fn declared<T: Clone>(v: &Option<(T, Location)>) -> Option<Declared<T>> {
    Declared::written_elsewhere(v)
}

impl Lom {
    /// Fills what an item did not declare itself.
    pub fn apply(&self, doc: &mut Document) {
        for item in doc.items_mut() {
            if item.level.is_none() {
                item.level = declared(&self.level);
            }
            if item.language.is_none() {
                item.language = declared(&self.language);
            }
        }
    }

    /// Adds what one `<lom>` element of `src` says to what is already known (first value
    /// wins). Values that are not a level or a language give findings into `findings`.
    pub fn read(&mut self, lom: XNode, src: &SourceFile, findings: &mut Vec<Finding>) {
        let s = src.text.as_str();
        let mut titles = Vec::new();
        let mut keywords = Vec::new();
        let mut langs: Vec<(bool, MappedText)> = Vec::new();
        for n in lom.descendants().filter(|n| n.is_element()) {
            match local(n) {
                "language" => {
                    let parent = n.parent_element().map(local);
                    if !matches!(parent, Some("general" | "educational")) {
                        continue;
                    }
                    if let Some(t) = located(s, n) {
                        langs.push((parent == Some("educational"), t));
                    }
                }
                "title" if n.parent_element().is_some_and(|p| local(p) == "general") => {
                    titles.extend(located_strings(s, n))
                }
                "keyword" => keywords.extend(located_strings(s, n)),
                "classification" if self.level.is_none() => {
                    self.level = classification_level(src, n, findings);
                }
                _ => {}
            }
        }
        if self.language.is_none() {
            langs.sort_by_key(|(educational, _)| *educational);
            let known: Vec<&MappedText> = langs
                .iter()
                .map(|(_, l)| l)
                .filter(|l| {
                    let l = l.as_str();
                    !l.eq_ignore_ascii_case("und") && !l.eq_ignore_ascii_case("x-none")
                })
                .collect();
            let at = |m: &MappedText| src.location(m.source_span(0, m.as_str().len()));
            self.language = match known
                .iter()
                .find_map(|m| Lang::parse(m.as_str()).map(|l| (l, m)))
            {
                Some((l, m)) => Some((Some(l), at(m))),
                None => known.first().map(|m| {
                    let v = m.as_str();
                    findings.push(Finding::at(
                        &metadata::INVALID_LANGUAGE,
                        src,
                        m.source_span(0, v.len()),
                        Msg::new(
                            format!("`{v}` is not a language code (such as `fr` or `en-GB`)"),
                            format!("« {v} » n'est pas un code de langue (comme `fr` ou `en-GB`)"),
                        ),
                    ));
                    (None, at(m))
                }),
            };
        }
        if self.level.is_none() {
            let texts: Vec<&MappedText> = titles.iter().chain(&keywords).collect();
            self.level = h5p::level_located(texts.iter().map(|t| t.as_str()))
                .map(|(l, i, r)| (Some(l), src.location(texts[i].source_span(r.start, r.end))));
        }
        if self.title.is_none() {
            self.title = titles
                .into_iter()
                .map(|t| t.as_str().to_string())
                .find(|t| !t.is_empty());
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

/// The text content of an element, decoded and trimmed, mapped to the source; `None` when
/// empty.
fn located(s: &str, n: XNode) -> Option<MappedText> {
    let (a, b) = xml::inner(s, n)?;
    let t = html::xml_plain(s, a, b);
    (!t.as_str().is_empty()).then_some(t)
}

/// The texts of an element's `langstring`/`string` children (or its own text), located.
fn located_strings(s: &str, n: XNode) -> Vec<MappedText> {
    let inner: Vec<MappedText> = n
        .descendants()
        .filter(|c| c.is_element() && matches!(local(*c), "langstring" | "string"))
        .filter_map(|c| located(s, c))
        .collect();
    if inner.is_empty() {
        located(s, n)
            .filter(|_| !n.children().any(|c| c.is_element()))
            .into_iter()
            .collect()
    } else {
        inner
    }
}

/// The level of a CEFR classification: its `source` names the CEFR and a taxon's `entry`
/// or `id` is a level. When the source names the CEFR but no taxon gives a level (`A7`), the
/// first taxon value is `metadata/invalid-level` and the level is declared as not valid.
fn classification_level(
    src: &SourceFile,
    c: XNode,
    findings: &mut Vec<Finding>,
) -> Option<(Option<Level>, Location)> {
    let s = src.text.as_str();
    let cefr = c
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "source")
        .flat_map(|n| located_strings(s, n))
        .any(|m| {
            let u = m.as_str().to_uppercase();
            u.contains("COMMON EUROPEAN FRAMEWORK")
                || u.split(|c: char| !c.is_alphanumeric())
                    .any(|w| matches!(w, "CEFR" | "CECR" | "CECRL" | "GER" | "MCER" | "QCER"))
        });
    if !cefr {
        return None;
    }
    // (is an `entry`, text): an `id` may be a code of the taxonomy (`LEVEL`, `cefr-a1`).
    let entries: Vec<(bool, MappedText)> = c
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "taxon")
        .flat_map(|t| {
            t.children()
                .filter(|n| n.is_element() && matches!(local(*n), "entry" | "id"))
                .flat_map(|n| {
                    let is_entry = local(n) == "entry";
                    located_strings(s, n)
                        .into_iter()
                        .map(move |m| (is_entry, m))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    if let Some((l, i, r)) = h5p::level_located(entries.iter().map(|(_, m)| m.as_str())) {
        return Some((
            Some(l),
            src.location(entries[i].1.source_span(r.start, r.end)),
        ));
    }
    let first = entries
        .iter()
        .find(|(is_entry, _)| *is_entry)
        .or(entries.first())
        .map(|(_, m)| m)?;
    let v = first.as_str();
    let span = first.source_span(0, v.len());
    findings.push(Finding::at(
        &metadata::INVALID_LEVEL,
        src,
        span,
        Msg::new(
            format!("`{v}` is not a CEFR level (A1, A2, B1, B2, C1 or C2), in a classification whose source is the CEFR"),
            format!("« {v} » n'est pas un niveau du CECRL (A1, A2, B1, B2, C1 ou C2), dans une classification dont la source est le CECRL"),
        ),
    ));
    Some((None, src.location(span)))
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
        lom.read(l, &src, &mut findings);
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
        let mut lom_findings = Vec::new();
        if let Ok(mdoc) = xml::parse(&msrc) {
            for l in mdoc
                .descendants()
                .filter(|n| n.is_element() && local(*n) == "lom")
            {
                lom.read(l, &msrc, &mut lom_findings);
            }
        }
        if !lom_findings.is_empty() {
            sink(Unit::Loaded {
                src: msrc,
                loaded: Loaded {
                    document: None,
                    findings: lom_findings,
                },
                format: "content-package",
            });
        }
    }
    // The resources' files, in order, each once.
    let mut work: Vec<(String, Res, Span)> = Vec::new();
    for res in root
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "resource")
    {
        let ty = xml::attr(res, "type").unwrap_or("").to_ascii_lowercase();
        let base = xml::attr(res, "base").unwrap_or("");
        // QTI 1.2: `imsqti_xmlv1p2`, and Common Cartridge's
        // `imsqti_xmlv1p2/imscc_xmlv1p1/assessment` or `/question-bank`.
        let kind = if ty.starts_with("imsqti_item") {
            Res::Qti
        } else if ty.starts_with("imsqti_xmlv1p2") {
            Res::Qti1
        } else {
            Res::Page
        };
        let is_qti = kind == Res::Qti;
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
            let wanted = match kind {
                Res::Qti => true,
                Res::Qti1 => lower.ends_with(".xml") || lower.ends_with(".qti"),
                Res::Page => lower.ends_with(".html") || lower.ends_with(".htm"),
            };
            if !wanted {
                continue;
            }
            if lower.starts_with("http://") || lower.starts_with("https://") {
                continue;
            }
            let name = name.trim_start_matches("./").to_string();
            if !work.iter().any(|(n, _, _)| *n == name) {
                work.push((name, kind, span));
            }
        }
    }
    let title = lom.title.clone();
    let mut units = Vec::new();
    for (name, kind, span) in work {
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
        units.push((name, kind));
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
    for (name, kind) in units {
        let format = if kind == Res::Page { "scorm" } else { "qti" };
        let Some((msrc, mut mfindings)) = decode_member(tree, &name, format, sink) else {
            continue;
        };
        let mut loaded = match kind {
            Res::Qti => qti::read(&msrc),
            Res::Qti1 => qti1::read(&msrc),
            Res::Page => scorm::read_page(&msrc, &name, title.as_deref()),
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

/// What a resource of the manifest is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Res {
    /// A QTI 2.x/3.0 item.
    Qti,
    /// A QTI 1.2 file (`questestinterop`).
    Qti1,
    /// An HTML page (SCORM, web content).
    Page,
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
        let src = SourceFile::new("m.xml", xml_text);
        let doc = roxmltree::Document::parse(xml_text).unwrap();
        let mut lom = Lom::default();
        let mut findings = Vec::new();
        for l in doc
            .descendants()
            .filter(|n| n.is_element() && local(*n) == "lom")
        {
            lom.read(l, &src, &mut findings);
        }
        lom
    }

    #[test]
    fn lom_language_and_cefr_classification() {
        let text = r#"<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><title><string language="fr">Au marché</string></title><language>fr</language></general>
            <classification><purpose><value>educational level</value></purpose><taxonPath><source><string>CEFR</string></source><taxon><id>B1</id><entry><string>B1 Threshold</string></entry></taxon></taxonPath></classification></lom>"#;
        let lom = lom_of(text);
        let src = SourceFile::new("m.xml", text);
        let lc = |raw: &str, skip: usize| {
            let p = src.line_col(text.find(raw).unwrap() + skip);
            (p.line, p.column)
        };
        let (lang, at) = lom.language.unwrap();
        assert_eq!(lang.unwrap().as_str(), "fr");
        assert_eq!((at.start.line, at.start.column), lc("<language>fr", 10));
        assert_eq!(lc("<language>fr", 10), (1, 117));
        // The level where it is first written: the taxon's id.
        let (level, at) = lom.level.unwrap();
        assert_eq!(level, Some(Level::B1));
        assert_eq!((at.start.line, at.start.column), lc("<id>B1", 4));
        assert_eq!(lom.title.as_deref(), Some("Au marché"));
    }

    #[test]
    fn other_classifications_and_ambiguous_titles_give_no_level() {
        let lom = lom_of(
            r#"<lom><general><title><langstring>Grammar A2-B1</langstring></title><language>und</language></general>
            <classification><taxonpath><source><langstring>Dewey</langstring></source><taxon><entry><langstring>B2</langstring></entry></taxon></taxonpath></classification></lom>"#,
        );
        assert!(lom.level.is_none());
        assert!(lom.language.is_none());
        let lom = lom_of(
            r#"<lom><general><keyword><langstring>Deutsch A1</langstring></keyword><language>de-DE</language></general></lom>"#,
        );
        assert_eq!(lom.level.unwrap().0, Some(Level::A1));
        assert_eq!(lom.language.unwrap().0.unwrap().as_str(), "de");
    }

    #[test]
    fn hrefs_are_percent_decoded() {
        assert_eq!(percent_decode("a%20b.html"), "a b.html");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
