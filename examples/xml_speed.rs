//! Load-only throughput of the Moodle XML and QTI adapters (parsing, HTML reduction, mapping
//! into the model; no analysis, no checks), on one thread.
//!
//! `cargo run --release --example xml_speed [-- MB]`: a generated Moodle XML export of about
//! MB megabytes (default 20), then the QTI and Moodle samples of ../shared (when present),
//! each read repeatedly.
use std::time::Instant;

use cefrlint::load::{load, Format};
use cefrlint::source::SourceFile;

/// A Moodle XML export of about `bytes` bytes, with every common question type, escaped
/// HTML, CDATA and entities.
fn generate(bytes: usize) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz xml:lang=\"fr\">\n");
    let mut n = 0;
    while s.len() < bytes {
        n += 1;
        if n % 50 == 1 {
            s.push_str(&format!(
                "  <question type=\"category\"><category><text>$course$/top/Niveau A2/Unité {n}</text></category></question>\n"
            ));
        }
        s.push_str(&format!(
            r#"  <question type="multichoice">
    <name><text>mc {n}</text></name>
    <questiontext format="html"><text>&lt;p&gt;Où est-ce que tu &lt;b&gt;dors&lt;/b&gt; d&amp;rsquo;habitude&amp;nbsp;?&lt;/p&gt;</text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>On dort dans la <i>chambre</i>.</p>]]></text></generalfeedback>
    <single>true</single>
    <answer fraction="0" format="html"><text>Dans la cuisine</text><feedback><text>Non.</text></feedback></answer>
    <answer fraction="100" format="html"><text>Dans la chambre</text><feedback><text>Oui&#160;!</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>sa {n}</text></name>
    <questiontext format="html"><text>&lt;p&gt;Ma s&amp;oelig;ur ____ dans la cuisine avec notre m&#232;re.&lt;/p&gt;</text></questiontext>
    <answer fraction="100"><text>mange</text></answer>
    <tags><tag><text>CEFR A2</text></tag></tags>
  </question>
  <question type="multianswer">
    <name><text>cloze {n}</text></name>
    <questiontext format="html"><text>&lt;p&gt;Le chat {{1:MULTICHOICE:=est~sont~%50%était#presque}} dans le jardin et il {{1:SA:=dort}} sous l'arbre.&lt;/p&gt;</text></questiontext>
  </question>
"#
        ));
    }
    s.push_str("</quiz>\n");
    s
}

/// CPU time of this thread in seconds (Linux: /proc/thread-self/schedstat), so that a busy
/// machine does not count other processes' time; `None` elsewhere.
fn cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn rate(mb: f64, wall: f64, cpu: Option<f64>) -> String {
    match cpu {
        Some(c) => format!(
            "{:.1} MB/s wall, {:.1} MB/s of CPU time ({c:.2} s)",
            mb / wall,
            mb / c
        ),
        None => format!("{:.1} MB/s wall", mb / wall),
    }
}

fn measure(label: &str, files: &[SourceFile], min_bytes: usize) {
    let size: usize = files.iter().map(|f| f.text.len()).sum();
    if size == 0 {
        return;
    }
    let rounds = min_bytes.div_ceil(size).max(1);
    let mut items = 0usize;
    let c0 = cpu();
    let t = Instant::now();
    for _ in 0..rounds {
        for f in files {
            let l = load(f, Format::MoodleXml, false);
            items += l.document.map_or(0, |d| d.items().count());
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let c = cpu().zip(c0).map(|(b, a)| b - a);
    let mb = (size * rounds) as f64 / 1e6;
    println!(
        "{label}: {} file(s), {:.1} MB read {rounds}x, {items} items, {secs:.2} s: {}",
        files.len(),
        size as f64 / 1e6,
        rate(mb, secs, c)
    );
}

fn samples(dir: &std::path::Path, out: &mut Vec<SourceFile>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            samples(&p, out);
        } else if p.extension().is_some_and(|e| e == "xml") {
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.push(SourceFile::new(p.to_string_lossy(), text));
            }
        }
    }
}

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let big = SourceFile::new("generated.xml", generate(mb * 1_000_000));
    let c0 = cpu();
    let t = Instant::now();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let nodes = roxmltree::Document::parse_with_options(&big.text, opts)
        .map_or(0, |d| d.descendants().count());
    let secs = t.elapsed().as_secs_f64();
    let c = cpu().zip(c0).map(|(b, a)| b - a);
    let mb = big.text.len() as f64 / 1e6;
    println!(
        "generated Moodle XML, XML parsing alone (roxmltree): {mb:.1} MB, {nodes} nodes, {secs:.2} s: {}",
        rate(mb, secs, c)
    );
    measure(
        "generated Moodle XML, whole load",
        std::slice::from_ref(&big),
        0,
    );
    let shared = std::env::var_os("CEFRLINT_SHARED")
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain([std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")])
        .find(|p| p.is_dir());
    let Some(shared) = shared else {
        println!("../shared is absent: samples skipped");
        return;
    };
    for (label, dir) in [
        ("Moodle XML samples", "samples/moodle_xml"),
        ("QTI samples", "samples/qti"),
    ] {
        let mut files = Vec::new();
        samples(&shared.join(dir), &mut files);
        measure(label, &files, 50_000_000);
    }
}
