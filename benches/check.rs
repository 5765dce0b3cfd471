//! Criterion benchmarks of the check pipeline (`cargo bench`).
//!
//! Inputs are made by `bench/gen_corpus.py` (Python 3, standard library only) into a
//! temporary folder when the benchmarks start; the generator is deterministic, so every run
//! measures the same text. Four groups:
//!
//! - `pipeline`: `pipeline::run` over a ~2 MiB folder of generated lessons, one thread
//!   (throughput in bytes of lesson files);
//! - `load`: loading and parsing only, `load::load` on one ~200 KiB generated YAML file;
//! - `grammar`: grammar matching only, `Grammar::find` on each sentence, all the rules of a
//!   language: ~1 MiB of generated English, French and Spanish sentences, and the MERLIN
//!   German and Italian texts of `../shared/eval` (skipped where it is absent);
//! - `words`: the per-word work outside grammar on ~256 KiB of generated sentences
//!   (segmentation, vocabulary profile, the speller's verdicts).
//!
//! Sample sizes are small so that the whole run takes a few minutes on two cores. The
//! end-to-end figures on a 50 MiB corpus (both thread counts, peak memory, start-up) come
//! from `bench/run.sh`, not from here.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use cefrlint::analyse::segment;
use cefrlint::load::{self, Format};
use cefrlint::pipeline::{self, Options};
use cefrlint::ruleset::RuleSets;
use cefrlint::source::SourceFile;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Runs `bench/gen_corpus.py` with `args` (the output folder is the second one).
fn generate(args: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen_corpus.py");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let status = Command::new(&python)
        .arg(&script)
        .args(args)
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {python} {}: {e} (set PYTHON to a Python 3)",
                script.display()
            )
        });
    assert!(
        status.success(),
        "{} {args:?} failed: {status}",
        script.display()
    );
}

/// Lesson files under `dir` and their total size in bytes.
fn lesson_files(dir: &Path) -> (Vec<PathBuf>, u64) {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)
            .expect("read generated folder")
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if load::detect(&p).is_some() {
                files.push(p);
            }
        }
    }
    files.sort();
    let bytes = files
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    (files, bytes)
}

fn bench_pipeline(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("corpus");
    generate(&[
        "2",
        dir.to_str().expect("UTF-8 temporary path"),
        "--seed",
        "1",
    ]);
    let (files, bytes) = lesson_files(&dir);
    let rulesets = RuleSets::embedded();
    let opts = Options {
        paths: vec![dir.clone()],
        jobs: Some(1),
        ..Options::default()
    };
    // Load the rule sets once before timing, as a long run would amortise them.
    let report = pipeline::run(&opts, &rulesets).expect("the embedded rule sets load");
    eprintln!(
        "pipeline input: {} files, {bytes} bytes, {} items, {} findings",
        files.len(),
        report.items.len(),
        report.findings.len()
    );

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("run_2MiB_jobs1", |b| {
        b.iter(|| black_box(pipeline::run(black_box(&opts), &rulesets).expect("check runs")));
    });
    g.finish();
}

fn bench_load(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("one");
    let dir_str = dir.to_str().expect("UTF-8 temporary path");
    // 0.19 MiB in all with files of 200 KiB: exactly one file.
    generate(&[
        "0.19",
        dir_str,
        "--seed",
        "2",
        "--min-kb",
        "200",
        "--max-kb",
        "200",
        "--yaml-only",
        "--lang",
        "en",
    ]);
    let (files, _) = lesson_files(&dir);
    let path = files.first().expect("one generated file");
    let text = std::fs::read_to_string(path).expect("generated file is UTF-8");
    let src = SourceFile::new(path.display().to_string(), text);
    let loaded = load::load(&src, Format::NativeYaml, true);
    let doc = loaded
        .document
        .expect("the generated file is a lesson file");
    assert!(
        loaded.findings.is_empty(),
        "generated file has load findings: {:?}",
        loaded.findings
    );
    let items: usize = doc.lessons.iter().map(|l| l.items.len()).sum();
    eprintln!("load input: {} bytes, {items} items", src.text.len());

    let mut g = c.benchmark_group("load");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(src.text.len() as u64));
    g.bench_function("native_yaml_200KiB", |b| {
        b.iter(|| black_box(load::load(black_box(&src), Format::NativeYaml, true)));
    });
    // A generated lesson file in JSON (the generator writes YAML and JSON at random).
    let jdir = tmp.path().join("json");
    let jdir_str = jdir.to_str().expect("UTF-8 temporary path");
    generate(&[
        "4", jdir_str, "--seed", "2", "--min-kb", "200", "--max-kb", "200", "--lang", "en",
    ]);
    let (jfiles, _) = lesson_files(&jdir);
    if let Some(p) = jfiles
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(p).expect("generated file is UTF-8");
        let json = SourceFile::new(p.display().to_string(), text);
        let loaded = load::load(&json, Format::NativeJson, true);
        assert!(loaded.document.is_some() && loaded.findings.is_empty());
        g.throughput(Throughput::Bytes(json.text.len() as u64));
        g.bench_function("native_json_200KiB", |b| {
            b.iter(|| black_box(load::load(black_box(&json), Format::NativeJson, true)));
        });
    }
    // The lines of the YAML file's texts as WebVTT and SRT cues.
    let lines: Vec<&str> = src
        .text
        .lines()
        .map(str::trim)
        .filter(|l| l.len() > 20 && !l.contains(':'))
        .collect();
    let (mut vtt, mut srt) = (String::from("WEBVTT\n\n"), String::new());
    for (i, l) in lines.iter().enumerate() {
        let (s, e) = (i * 3, i * 3 + 2);
        let t = |x: usize, sep: char| {
            format!("{:02}:{:02}:{:02}{sep}000", x / 3600, x / 60 % 60, x % 60)
        };
        vtt.push_str(&format!("{} --> {}\n{l}\n\n", t(s, '.'), t(e, '.')));
        srt.push_str(&format!(
            "{}\n{} --> {}\n{l}\n\n",
            i + 1,
            t(s, ','),
            t(e, ',')
        ));
    }
    for (name, text, format) in [("webvtt", vtt, Format::WebVtt), ("srt", srt, Format::Srt)] {
        let sub = SourceFile::new(format!("one.{name}"), text);
        let loaded = load::load(&sub, format, true);
        assert!(
            loaded.document.is_some() && loaded.findings.is_empty(),
            "{name}"
        );
        g.throughput(Throughput::Bytes(sub.text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| black_box(load::load(black_box(&sub), format, true)));
        });
    }
    g.finish();
}

/// `size` MB of generated sentences of `lang` (bench/gen_corpus.py `--sentences`).
fn generated_sentences(lang: &str, seed: &str, size: &str) -> String {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("sentences");
    generate(&[
        size,
        dir.to_str().expect("UTF-8 temporary path"),
        "--seed",
        seed,
        "--sentences",
        lang,
    ]);
    std::fs::read_to_string(dir.join(format!("sentences-{lang}.txt"))).expect("generated sentences")
}

/// The MERLIN learner texts of `lang` (`DE` or `IT`) in `../shared/eval/merlin`, one
/// paragraph per line, or `None` when that folder is absent.
fn merlin_text(lang: &str) -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval/merlin")
        .join(lang);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        for line in std::fs::read_to_string(&f).ok()?.lines() {
            let line = line.trim();
            if !line.is_empty() {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    Some(text)
}

/// Grammar matching only: `Grammar::find` on each sentence of `text` in `lang`, one call
/// per sentence (split as `check` splits them, before the measure), all rules of the
/// language. French text is not ASCII, which matters to regex engines.
fn bench_grammar_lang(c: &mut Criterion, lang: &str, source: &str, text: &str) {
    let sentences: Vec<&str> = text
        .lines()
        .flat_map(|l| segment::sentences(l, lang).into_iter().map(move |r| &l[r]))
        .filter(|s| !s.is_empty())
        .collect();
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();
    let rulesets = RuleSets::embedded();
    let rules = rulesets
        .get(lang)
        .unwrap_or_else(|| panic!("a rule set for {lang} is embedded"))
        .unwrap_or_else(|e| panic!("the {lang} rule set loads: {e}"));
    let found: usize = sentences
        .iter()
        .map(|s| rules.grammar.find(s, 0, s.len()).len())
        .sum();
    eprintln!(
        "grammar input ({lang}, {source}): {} sentences, {bytes} bytes, {} rules, {found} matches",
        sentences.len(),
        rules.grammar.rules.len()
    );

    let mut g = c.benchmark_group("grammar");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("find_{lang}"), |b| {
        b.iter(|| {
            let mut n = 0usize;
            for s in &sentences {
                n += rules.grammar.find(black_box(s), 0, s.len()).len();
            }
            black_box(n)
        });
    });
    g.finish();
}

/// The grammar of the five languages: ~1 MiB of generated sentences for English, French and
/// Spanish (seeds 3, 4 and 5, as in bench/RESULTS.md); for German and Italian, which the
/// generator does not write, the MERLIN texts of `../shared/eval` (~540 and ~360 KiB),
/// skipped with a message where `../shared` is absent.
fn bench_grammar(c: &mut Criterion) {
    for (lang, seed) in [("en", "3"), ("fr", "4"), ("es", "5")] {
        let text = generated_sentences(lang, seed, "1");
        bench_grammar_lang(c, lang, "generated, 1 MiB", &text);
    }
    for lang in ["de", "it"] {
        match merlin_text(&lang.to_uppercase()) {
            Some(text) => bench_grammar_lang(c, lang, "MERLIN texts", &text),
            None => eprintln!("grammar/find_{lang}: skipped: ../shared/eval/merlin is absent"),
        }
    }
}

/// The per-word work outside grammar, on ~256 KiB of generated sentences of `lang`:
/// segmentation (sentences and tokens), the vocabulary profile, and the speller's verdict on
/// each lower-case word token (`Speller::knows`, as `spelling/*` asks it).
fn bench_words_lang(c: &mut Criterion, lang: &str, seed: &str) {
    use cefrlint::analyse::{segment, vocabulary};
    use cefrlint::checks::spelling::Speller;
    let text = generated_sentences(lang, seed, "0.25");
    let rulesets = RuleSets::embedded();
    let rules = rulesets
        .get(lang)
        .unwrap_or_else(|| panic!("a rule set for {lang} is embedded"))
        .unwrap_or_else(|e| panic!("the {lang} rule set loads: {e}"));
    let dicts = cefrlint::ruleset::dictionary::Dictionaries::with_system(None, Vec::new());
    let dict = dicts.get(lang).expect("an embedded dictionary");
    let allowed = Default::default();
    let speller = Speller {
        lang,
        dict: (&dict.dict).into(),
        lexicon: &rules.lexicon,
        allowed: &allowed,
    };
    let tokens = segment::tokens(&text, &segment::sentences(&text, lang));
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| &text[t.range.clone()])
        .filter(|w| w.chars().all(char::is_lowercase))
        .collect();
    eprintln!(
        "words input ({lang}): {} bytes, {} tokens, {} lower-case words",
        text.len(),
        tokens.len(),
        words.len()
    );

    let mut g = c.benchmark_group("words");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function(format!("segment_{lang}_256KiB"), |b| {
        b.iter(|| {
            let s = segment::sentences(black_box(&text), lang);
            black_box(segment::tokens(&text, &s))
        });
    });
    g.bench_function(format!("vocabulary_profile_{lang}_256KiB"), |b| {
        b.iter(|| black_box(vocabulary::profile(&text, &tokens, lang, &rules.lexicon)));
    });
    g.bench_function(format!("speller_knows_{lang}_256KiB"), |b| {
        b.iter(|| words.iter().filter(|w| speller.knows(black_box(w))).count());
    });
    g.finish();
}

fn bench_words(c: &mut Criterion) {
    bench_words_lang(c, "en", "5");
    bench_words_lang(c, "fr", "6");
}

criterion_group!(
    benches,
    bench_pipeline,
    bench_load,
    bench_grammar,
    bench_words
);
criterion_main!(benches);
