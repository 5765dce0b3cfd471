//! GIFT (Moodle's quiz text format): question types, answers, gaps, escapes, HTML, levels from
//! categories and tags, exact positions, parse errors; then the real samples of ../shared.
//! The fixtures are described in tests/fixtures/README.md.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cefrlint::load::gift::{self, Entry, Question, QuestionKind};
use cefrlint::load::{Format, Loaded};
use cefrlint::model::{Item, ItemKind, Level, Origin, Role};
use cefrlint::source::SourceFile;

const DIR: &str = "tests/fixtures/gift";

fn read(name: &str) -> (SourceFile, Loaded) {
    load_fixture(&format!("{DIR}/{name}"), Format::Gift)
}

/// The prompt with its gap filled by the first accepted answer, as the analysis reads it.
fn filled(it: &Item) -> String {
    let prompt = texts(it, Role::Prompt)[0];
    let answer = it
        .fields
        .iter()
        .find(|f| f.role == Role::Answer && f.slot == 0 && f.alt == 0)
        .unwrap();
    prompt.replacen("___", answer.text.as_str(), 1)
}

#[test]
fn every_question_type_becomes_an_item() {
    let (src, l) = read("unit3.gift");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let doc = l.document.as_ref().unwrap();
    assert_eq!(doc.lessons.len(), 1);
    // Every item inherits the level named by the category, declared where it is written.
    for it in doc.items() {
        let d = it.level.as_ref().unwrap();
        assert_eq!((d.value, d.origin), (Some(Level::A2), Origin::Lesson));
        let lc = src.line_col(d.span.unwrap().start);
        assert_eq!((lc.line, lc.column), (4, 43));
    }
    let kinds: Vec<(&str, ItemKind)> = doc.items().map(|i| (i.id.as_str(), i.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("intro", ItemKind::Text),
            ("mc-bedroom", ItemKind::MultipleChoice),
            ("tf-bathroom", ItemKind::TrueFalse),
            ("tf-garden", ItemKind::TrueFalse),
            ("gap-sister", ItemKind::GapFill),
            ("gap-tom", ItemKind::GapFill),
            ("mc-gap", ItemKind::MultipleChoice),
            ("short-kitchen", ItemKind::Open),
            ("match-rooms", ItemKind::Matching),
            ("num-rooms", ItemKind::Open),
            ("essay-room", ItemKind::Open),
            ("multi-bed", ItemKind::MultipleChoice),
            ("esc-sign", ItemKind::TrueFalse),
            ("esc-braces", ItemKind::MultipleChoice),
        ]
    );
}

#[test]
fn answers_options_feedback_and_weights() {
    let (_, l) = read("unit3.gift");
    let mc = item(&l, "mc-bedroom");
    assert_eq!(texts(mc, Role::Prompt), ["Where do you usually sleep?"]);
    assert_eq!(
        texts(mc, Role::Option),
        ["In the kitchen", "In the bedroom", "In the garden"]
    );
    assert_eq!(texts(mc, Role::Answer), ["In the bedroom"]);
    assert_eq!(
        texts(mc, Role::Feedback),
        [
            "Non : on y prépare les repas.",
            "Oui, bravo !",
            "Pas en hiver !"
        ]
    );
    assert_eq!(texts(mc, Role::Title), ["mc-bedroom"]);

    assert_eq!(texts(item(&l, "tf-bathroom"), Role::Answer), ["true"]);
    assert_eq!(
        texts(item(&l, "tf-bathroom"), Role::Feedback),
        ["Relis le texte.", "Bien vu."]
    );
    assert_eq!(texts(item(&l, "tf-garden"), Role::Answer), ["false"]);

    // Weights: the answers with a positive credit, best first; general feedback last.
    let multi = item(&l, "multi-bed");
    assert_eq!(
        texts(multi, Role::Answer),
        ["the bedroom", "the guest room"]
    );
    assert_eq!(
        texts(multi, Role::Feedback),
        ["Non !", "Un lit se trouve dans une chambre."]
    );
    // `=%50%a kitchen` is accepted for half the credit: after the full-credit answers.
    assert_eq!(
        texts(item(&l, "short-kitchen"), Role::Answer),
        ["kitchen", "the kitchen", "a kitchen"]
    );

    let m = item(&l, "match-rooms");
    assert_eq!(texts(m, Role::PairTarget), ["bed", "chair", "wardrobe"]);
    assert_eq!(texts(m, Role::PairSupport), ["lit", "chaise", "armoire"]);
    assert!(m
        .fields
        .iter()
        .filter(|f| f.role == Role::PairSupport)
        .map(|f| f.slot)
        .eq([0, 1, 2]));

    // Numerical: the prompt is kept, the number is not text to check.
    let num = item(&l, "num-rooms");
    assert_eq!(num.fields.len(), 2, "{:?}", num.fields);
    assert!(texts(num, Role::Answer).is_empty());
}

#[test]
fn gaps_are_filled_with_the_first_answer() {
    let (_, l) = read("unit3.gift");
    let sister = item(&l, "gap-sister");
    assert_eq!(texts(sister, Role::Prompt), ["My sister ___ in her room."]);
    assert_eq!(filled(sister), "My sister sleeps in her room.");
    assert_eq!(texts(sister, Role::Answer), ["sleeps", "is sleeping"]);
    assert_eq!(
        filled(item(&l, "mc-gap")),
        "We eat in the kitchen every evening."
    );
    assert_eq!(
        filled(item(&l, "gap-tom")),
        "Tom was reluctant to tidy his room."
    );
}

#[test]
fn escapes_keep_exact_positions() {
    let (src, l) = read("unit3.gift");
    let sign = item(&l, "esc-sign");
    assert_eq!(
        texts(sign, Role::Prompt),
        ["The sign = means \"equals\": 2 = 1 + 1. The old door was exquisite."]
    );
    assert_eq!(position(&src, sign, "exquisite"), (45, 71));
    assert_eq!(position(&src, sign, "equals"), (45, 32));
    let braces = item(&l, "esc-braces");
    assert_eq!(
        texts(braces, Role::Prompt),
        ["Write { and } with a backslash\nThe answer is ambiguous."]
    );
    assert_eq!(position(&src, braces, "ambiguous"), (47, 63));
    // A decoded escape points at its two source characters.
    let p = &braces.fields[1].text;
    let i = p.as_str().find('}').unwrap();
    let s = p.source_span(i, i + 1);
    assert_eq!(&src.text[s.start..s.end], "\\}");
}

#[test]
fn html_is_reduced_to_its_text_with_positions() {
    let (src, l) = read("html.gift");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let h1 = item(&l, "html-1");
    assert_eq!(
        texts(h1, Role::Prompt),
        ["The old museum looks\u{a0}exquisite at\u{a0}night."]
    );
    assert_eq!(position(&src, h1, "exquisite"), (3, 53));
    assert_eq!(position(&src, h1, "museum"), (3, 31));
    let h2 = item(&l, "html-2");
    assert_eq!(
        texts(h2, Role::Prompt),
        ["Choose the word that means not willing:"]
    );
    assert_eq!(texts(h2, Role::Option), ["reluctant", "happy"]);
    assert_eq!(position(&src, h2, "reluctant"), (6, 6));
    assert_eq!(
        texts(h2, Role::Feedback),
        ["Bravo\u{a0}!", "Relis la définition."]
    );
    let h3 = item(&l, "html-3");
    assert_eq!(
        texts(h3, Role::PairTarget),
        ["the room where you sleep", "the room where you cook"]
    );
    assert_eq!(texts(h3, Role::PairSupport), ["bedroom", "kitchen"]);
}

#[test]
fn crlf_line_endings() {
    let (src, l) = read("crlf.gift");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let c1 = item(&l, "crlf-1");
    assert_eq!(position(&src, c1, "ambiguous"), (2, 1));
    assert_eq!(texts(item(&l, "crlf-2"), Role::Answer), ["here"]);
}

#[test]
fn levels_come_from_categories_and_tags() {
    let (src, l) = read("levels.gift");
    assert!(l.findings.is_empty(), "{:?}", l.findings);
    let doc = l.document.as_ref().unwrap();
    let ids: Vec<Option<&str>> = doc.lessons.iter().map(|l| l.id.as_deref()).collect();
    assert_eq!(
        ids,
        [
            Some("levels"),
            Some("$course$/top/Français/niveau b1/Unité 2"),
            Some("$course$/top/Français/Révisions"),
        ]
    );
    // Before any category: no level (the command line fills it).
    assert!(item(&l, "sans-categorie").level.is_none());
    // From the category path, declared at `b1`.
    let fr1 = item(&l, "fr-1").level.clone().unwrap();
    assert_eq!((fr1.value, fr1.origin), (Some(Level::B1), Origin::Lesson));
    let lc = src.line_col(fr1.span.unwrap().start);
    assert_eq!((lc.line, lc.column), (5, 41));
    // A tag on the question wins over the category.
    let fr2 = item(&l, "fr-2").level.clone().unwrap();
    assert_eq!((fr2.value, fr2.origin), (Some(Level::A1), Origin::Item));
    let lc = src.line_col(fr2.span.unwrap().start);
    assert_eq!((lc.line, lc.column), (9, 9));
    // A category without a level: nothing inherited from the previous one.
    assert!(item(&l, "fr-3").level.is_none());
    assert!(item(&l, "fr-3").language.is_none());
}

#[test]
fn cli_reports_words_at_their_place_and_levels_from_the_category() {
    let (v, code) = json(&["check", "tests/fixtures/gift/unit3.gift", "--lang", "en"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["files"][0]["format"], "gift");
    assert_eq!(v["files"][0]["items"], 14);
    let items = v["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["declared_level"] == "A2"), "{v:#}");
    assert!(items
        .iter()
        .all(|i| i["lesson"] == "$course$/top/Anglais 4e/Niveau A2/Unit 3 - At home"));
    let words: Vec<(String, u64, u64, String)> = of_rule(&v, "vocabulary/above-level")
        .iter()
        .map(|f| {
            (
                pointed_text(f),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["item"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // `reluctant` is read inside its gap (the answer fills it), at its place in the block.
    for expected in [
        ("reluctant", 22, 22, "gap-tom"),
        ("exquisite", 45, 71, "esc-sign"),
        ("ambiguous", 47, 63, "esc-braces"),
    ] {
        assert!(
            words
                .iter()
                .any(|w| (w.0.as_str(), w.1, w.2, w.3.as_str()) == expected),
            "{expected:?} not in {words:?}"
        );
    }
}

#[test]
fn cli_html_positions() {
    let (v, _) = json(&[
        "check",
        "tests/fixtures/gift/html.gift",
        "--lang",
        "en",
        "--level",
        "A2",
    ]);
    let at: Vec<(String, u64, u64)> = of_rule(&v, "vocabulary/above-level")
        .iter()
        .map(|f| {
            (
                pointed_text(f),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(at.contains(&("exquisite".into(), 3, 53)), "{at:?}");
    assert!(at.contains(&("reluctant".into(), 6, 6)), "{at:?}");
}

#[test]
fn a_broken_question_is_reported_and_the_others_are_read() {
    let (v, code) = json(&[
        "check",
        "tests/fixtures/gift/broken.gift",
        "--lang",
        "en",
        "--level",
        "A1",
    ]);
    assert_eq!(code, 2);
    let errors: Vec<(u64, u64, String)> = of_rule(&v, "input/parse-error")
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                pointed_text(f),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (3, 19, "{".to_string()),
            (7, 26, "%abc%".to_string()),
            (11, 39, "{".to_string()),
        ]
    );
    let ids: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ok-1", "ok-2", "ok-3", "ok-4"]);
}

#[test]
fn text_files_are_read_only_when_they_are_gift() {
    // Walked: quiz.txt is GIFT; the notes are skipped quietly.
    let (v, code) = json(&[
        "check",
        "tests/fixtures/gift/txt",
        "--lang",
        "en",
        "--level",
        "A1",
    ]);
    assert_eq!(code, 0, "{v:#}");
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // latin1.txt is decoded (windows-1252) before its content is sniffed: it holds an answer
    // block, so it is read as GIFT, with an encoding note.
    assert_eq!(
        files,
        [
            "tests/fixtures/gift/txt/latin1.txt",
            "tests/fixtures/gift/txt/quiz.txt"
        ]
    );
    assert_eq!(v["files"][1]["items"], 2);
    let rules: Vec<&str> = findings(&v)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["encoding/not-utf8"], "{v:#}");
    // Named: a text file that is not GIFT is reported.
    let (v, code) = json(&["check", "tests/fixtures/gift/txt/notes.txt", "--lang", "en"]);
    assert_eq!(code, 2);
    assert_eq!(of_rule(&v, "input/invalid-structure").len(), 1, "{v:#}");
}

// ---------------------------------------------------------------------------------------------
// The real samples in ../shared/samples/gift.

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, ext, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
            out.push(p);
        }
    }
}

/// Runs cefrlint with a deadline: a hang fails the test instead of blocking it.
fn run_with_deadline(args: &[&str], limit: Duration) -> (serde_json::Value, i32, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args(args)
        .current_dir(root())
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut s).unwrap();
        let mut e = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut e).unwrap();
        (s, e, child.wait().unwrap())
    });
    let start = Instant::now();
    while !out.is_finished() {
        assert!(
            start.elapsed() < limit,
            "cefrlint {args:?} did not finish in {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let (stdout, stderr, status) = out.join().unwrap();
    let v = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}); stderr: {stderr}"));
    (v, status.code().unwrap_or(-1), stderr)
}

#[test]
fn shared_samples_are_read_without_panic_or_hang() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("samples/gift");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/samples/gift is absent");
        return;
    }
    let (v, code, stderr) = run_with_deadline(
        &[
            "check",
            "../shared/samples/gift",
            "--lang",
            "en",
            "--level",
            "B1",
            "--format",
            "json",
        ],
        Duration::from_secs(120),
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(code == 0 || code == 1 || code == 2, "exit code {code}");
    let files = v["files"].as_array().unwrap();
    let items_of = |path: &Path| -> Option<u64> {
        let rel = format!(
            "../shared/{}",
            path.strip_prefix(&shared).unwrap().display()
        );
        files
            .iter()
            .find(|f| f["path"] == rel.as_str())
            .map(|f| f["items"].as_u64().unwrap())
    };
    let (mut gift_files, mut txt_files, mut questions) = (0, 0, 0);
    let mut gifts = Vec::new();
    files_under(&dir, "gift", &mut gifts);
    for g in &gifts {
        gift_files += 1;
        // Well-formed: the PEG.js suite's expected parse has questions (not only categories).
        let expected = expected_entries(g);
        let n = expected.iter().filter(|e| e["type"] != "Category").count();
        let got = items_of(g).unwrap_or_else(|| panic!("{} not read", g.display()));
        if n > 0 {
            assert!(got > 0, "{} gave no item", g.display());
        }
        questions += got;
    }
    let mut txts = Vec::new();
    files_under(&dir, "txt", &mut txts);
    for t in &txts {
        txt_files += 1;
        let got = items_of(t).unwrap_or_else(|| panic!("{} not detected as GIFT", t.display()));
        assert!(got > 0, "{} gave no item", t.display());
        questions += got;
    }
    let errors = of_rule(&v, "input/parse-error");
    for f in &errors {
        // Only the files written with errors on purpose have parse errors.
        assert!(f["file"].as_str().unwrap().contains("with_errors"), "{f:#}");
    }
    println!(
        "shared GIFT samples: {gift_files} .gift and {txt_files} .txt files, {questions} items, {} parse errors (all in the *with_errors* files)",
        errors.len()
    );
}

#[test]
fn shared_text_files_that_are_not_gift_are_not_taken_for_gift() {
    let Some(shared) = shared() else { return };
    let mut txts = Vec::new();
    files_under(&shared, "txt", &mut txts);
    let gift_dir = shared.join("samples/gift");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for t in txts.iter().filter(|t| !t.starts_with(&gift_dir)) {
        let Ok(text) = std::fs::read_to_string(t) else {
            continue;
        };
        checked += 1;
        if gift::looks_like_gift(&text) {
            wrong.push(t.display().to_string());
        }
    }
    println!(
        "{checked} other .txt files in ../shared, {} taken for GIFT",
        wrong.len()
    );
    assert!(wrong.is_empty(), "taken for GIFT: {wrong:?}");
}

fn expected_entries(gift_path: &Path) -> Vec<serde_json::Value> {
    let json = gift_path.with_extension("json");
    match std::fs::read_to_string(&json) {
        Ok(s) => serde_json::from_str::<serde_json::Value>(&s)
            .unwrap()
            .as_array()
            .cloned()
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Text compared without its markup and white space: HTML tags and entities stripped, gaps
/// made equal, spaces removed (the PEG.js parser joins lines and pads gaps with spaces).
fn norm(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!') =>
            {
                in_tag = true
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => out.push(c),
        }
    }
    let mut out = out
        .replace("&nbsp;", "")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    out.retain(|c| !c.is_whitespace());
    while out.contains("____") {
        out = out.replace("____", "___");
    }
    out
}

fn type_name(q: &Question) -> &'static str {
    match q.kind {
        QuestionKind::Description => "Description",
        QuestionKind::Essay => "Essay",
        QuestionKind::TrueFalse => "TF",
        QuestionKind::MultipleChoice => "MC",
        QuestionKind::ShortAnswer => "Short",
        QuestionKind::Matching => "Matching",
        QuestionKind::Numerical => "Numerical",
    }
}

fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(o) => o.get("text").and_then(|t| t.as_str()).unwrap_or("").into(),
        _ => String::new(),
    }
}

/// Why a question differs from the PEG.js suite's expected parse, or `None` when it agrees.
fn disagreement(q: &Question, e: &serde_json::Value) -> Option<String> {
    let ty = type_name(q);
    if e["type"] != ty {
        return Some(format!("type {ty}, expected {}", e["type"]));
    }
    let stem = norm(q.stem.as_str());
    if stem != norm(&text_of(&e["stem"])) {
        return Some(format!(
            "stem {stem:?}, expected {:?}",
            norm(&text_of(&e["stem"]))
        ));
    }
    match q.kind {
        QuestionKind::MultipleChoice | QuestionKind::ShortAnswer => {
            let exp = e["choices"].as_array().cloned().unwrap_or_default();
            let got: Vec<(String, bool, Option<f64>)> = q
                .choices
                .iter()
                .map(|c| (norm(c.text.as_str()), c.correct, c.weight))
                .collect();
            let want: Vec<(String, bool, Option<f64>)> = exp
                .iter()
                .map(|c| {
                    (
                        norm(&text_of(&c["text"])),
                        c["isCorrect"] == true,
                        c["weight"].as_f64(),
                    )
                })
                .collect();
            if got != want {
                return Some(format!("choices {got:?}, expected {want:?}"));
            }
        }
        QuestionKind::TrueFalse => {
            let truth = q.truth.map(|t| t.0);
            if truth != e["isTrue"].as_bool() {
                return Some(format!("answer {truth:?}, expected {}", e["isTrue"]));
            }
        }
        QuestionKind::Matching => {
            let got: Vec<(String, String)> = q
                .pairs
                .iter()
                .map(|p| (norm(p.question.as_str()), norm(p.answer.as_str())))
                .collect();
            let want: Vec<(String, String)> = e["matchPairs"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|p| {
                    (
                        norm(&text_of(&p["subquestion"])),
                        norm(&text_of(&p["subanswer"])),
                    )
                })
                .collect();
            if got != want {
                return Some(format!("pairs {got:?}, expected {want:?}"));
            }
        }
        _ => {}
    }
    None
}

#[test]
fn shared_pegjs_suite_agreement() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("samples/gift/pegjs_suite_with_expected_json");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/samples/gift/pegjs_suite_with_expected_json is absent");
        return;
    }
    let mut gifts = Vec::new();
    files_under(&dir, "gift", &mut gifts);
    let (mut total, mut agree, mut files) = (0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    for g in &gifts {
        let expected = expected_entries(g);
        if expected.is_empty() {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(g).unwrap();
        let name = g.file_name().unwrap().to_string_lossy().to_string();
        let got: Vec<Entry> = gift::parse(&text);
        let mut got = got.iter();
        for (k, e) in expected.iter().enumerate() {
            total += 1;
            let why = match (got.next(), e["type"].as_str()) {
                (Some(Entry::Category(c)), Some("Category")) => {
                    (c.path != text_of(&e["title"])).then(|| format!("category {:?}", c.path))
                }
                (Some(Entry::Question(q)), _) => disagreement(q, e),
                (Some(Entry::Error(err)), _) => Some(format!("parse error: {}", err.message.en)),
                (Some(Entry::Category(c)), _) => {
                    Some(format!("category {:?} instead of a question", c.path))
                }
                (None, _) => Some("missing".into()),
            };
            match why {
                None => agree += 1,
                Some(w) => disagreements.push(format!("{name} #{}: {w}", k + 1)),
            }
        }
        for extra in got {
            disagreements.push(format!("{name}: extra entry {extra:?}"));
        }
    }
    let rate = agree as f64 / total.max(1) as f64;
    println!(
        "PEG.js suite: {files} files, {total} expected questions and categories, {agree} agree ({:.1}%)",
        rate * 100.0
    );
    for d in &disagreements {
        println!("  disagreement: {d}");
    }
    assert!(total >= 100, "only {total} expected entries");
    assert!(rate >= 0.9, "agreement {:.1}% is below 90%", rate * 100.0);
}
