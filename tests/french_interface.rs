//! The French interface is complete: help of every command, the rule list, every rule's
//! explanation, the man page and the fixed texts of the human report and of each format
//! hold no English. Texts quoted from the checked files (English lessons) are left out of
//! the scan: source lines, and what stands between quotes or backquotes.

mod common;
use common::*;

/// English words that no French text of cefrlint uses (checked as whole words, case
/// insensitive). `item` is not among them: French teachers say « un item ».
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "is",
    "are",
    "not",
    "with",
    "this",
    "that",
    "for",
    "from",
    "found",
    "above",
    "below",
    "finding",
    "findings",
    "warning",
    "warnings",
    "error",
    "errors",
    "file",
    "files",
    "checked",
    "print",
    "show",
    "use",
    "default",
    "usage",
    "which",
    "level",
    "levels",
    "declared",
    "estimated",
    "rule",
    "rules",
    "summary",
    "unreadable",
    "possible",
    "values",
    "should",
    "must",
    "does",
    "when",
];

/// `text` without what it quotes: `«…»`, `` `…` ``, `"…"`, `(…)` (grammar structures give
/// examples in the lesson's language there), and the source lines of human diagnostics
/// (`12 | …`).
fn own_text(text: &str) -> String {
    let mut out = String::new();
    // Parentheses and guillemets may span wrapped lines, not paragraphs.
    let (mut guillemets, mut parens) = (0i32, 0i32);
    for line in text.lines() {
        if line.trim().is_empty() {
            (guillemets, parens) = (0, 0);
        }
        let t = line.trim_start();
        let gutter = t
            .split_once('|')
            .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
        // Source lines, and usage lines (command names).
        if gutter || t.starts_with("Utilisation :") {
            continue;
        }
        let (mut in_tick, mut in_quote) = (false, false);
        for c in line.chars() {
            match c {
                '«' => guillemets += 1,
                '»' => guillemets = (guillemets - 1).max(0),
                '(' => parens += 1,
                ')' => parens = (parens - 1).max(0),
                '`' => in_tick = !in_tick,
                '"' => in_quote = !in_quote,
                _ if guillemets > 0 || parens > 0 || in_tick || in_quote => {}
                _ => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

/// The English words of `text` (outside quotes). Options (`--level`), hyphenated names
/// (`level-threshold`), rule codes and paths (`vocabulary/above-level`), placeholders
/// (`<DIR>`), the names of the subcommands at the start of a help line, and the lists of
/// possible values or keys a French text gives (`Valeurs : error, warning.`, `clés : …`)
/// are names, not text.
fn english_words(text: &str) -> Vec<String> {
    let mut own = own_text(text);
    for list in ["Valeurs :", "clés connues :", "clés :"] {
        while let Some(i) = own.find(list) {
            // Lists run to their closing `.` or `)`, over wrapped lines.
            let end = own[i..].find(['.', ')']).map_or(own.len(), |j| i + j);
            own.replace_range(i..end, "");
        }
    }
    let own: String = own
        .lines()
        .map(|l| {
            let t = l.trim_start();
            let command =
                l.starts_with("  ") && SUBCOMMANDS.iter().any(|c| t.starts_with(&format!("{c} ")));
            if command {
                t.split_once(' ').map_or("", |(_, rest)| rest)
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut found: Vec<String> = own
        .split_whitespace()
        .map(|t| t.trim_start_matches(['[', '(', '{', '|', '\'']))
        .filter(|t| {
            let inner = t.trim_end_matches(|c: char| !c.is_alphanumeric());
            !(t.starts_with('-')
                || inner.contains('-')
                || t.contains('/')
                || t.contains('\\')
                || t.contains('<')
                || t.contains('=')
                || t.contains('_')
                || inner.contains('.'))
        })
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric() && c != '\''))
        .map(|w| w.to_lowercase())
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "rules",
    "test",
    "explain",
    "config",
    "eval",
    "completions",
    "man",
    "help",
];

fn fr(args: &[&str]) -> (String, String) {
    let mut a = vec!["--locale", "fr"];
    a.extend(args);
    let o = cefrlint(&a);
    (stdout(&o), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn assert_french(what: &str, text: &str) {
    assert_french_but(what, text, &[]);
}

/// As [`assert_french`], `codes` being allowed (severity codes of machine formats).
fn assert_french_but(what: &str, text: &str, codes: &[&str]) {
    let words: Vec<String> = english_words(text)
        .into_iter()
        .filter(|w| !codes.contains(&w.as_str()))
        .collect();
    assert!(
        words.is_empty(),
        "{what}: English words {words:?} in:\n{text}"
    );
}

#[test]
fn the_scan_finds_english() {
    assert_eq!(
        english_words("2 findings in 1 file « the cat » `the`"),
        ["file", "findings"]
    );
    assert!(english_words("  12 | the cat is here").is_empty());
}

#[test]
fn help_of_every_command_is_french() {
    for cmd in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["rules", "--help"],
        vec!["rules", "test", "--help"],
        vec!["explain", "--help"],
        vec!["config", "--help"],
        vec!["eval", "--help"],
        vec!["completions", "--help"],
        vec!["man", "--help"],
        vec!["help"],
    ] {
        let (out, err) = fr(&cmd);
        assert!(err.is_empty(), "{cmd:?}: {err}");
        assert_french(&format!("{cmd:?}"), &out);
    }
}

#[test]
fn rules_and_explanations_are_french() {
    let (list, _) = fr(&["rules"]);
    assert_french("rules", &list);
    for r in cefrlint::checks::all() {
        let (text, err) = fr(&["explain", r.code]);
        assert!(err.is_empty(), "{}: {err}", r.code);
        assert!(
            text.contains("## Ce que la règle vérifie"),
            "{}:\n{text}",
            r.code
        );
        // Code blocks hold examples in the lesson's language: left out.
        let prose: String = text.split("```").step_by(2).collect::<Vec<_>>().join("\n");
        assert_french(r.code, &prose);
    }
}

#[test]
fn man_page_is_french() {
    let (man, _) = fr(&["man"]);
    // roff: drop requests and escapes before scanning.
    let text: String = man
        .lines()
        .filter(|l| !l.starts_with('.') || l.starts_with(".TP") || l.starts_with(".SH"))
        .map(|l| {
            l.replace("\\-", "-")
                .replace("\\fB", "")
                .replace("\\fR", "")
                .replace("\\fI", "")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("Vérifie"), "{text}");
    assert_french("man", &text);
}

#[test]
fn human_report_fixed_texts_are_french() {
    let (out, err) = fr(&[
        "check",
        "corpora/en",
        "tests/fixtures/outputs",
        "--color",
        "never",
    ]);
    assert!(out.contains("signalement"), "{out}");
    // Messages quote the English lessons in « » or backquotes: the rest is French.
    assert_french("human report", &out);
    assert_french("stderr", &err);
    let (stats, _) = fr(&[
        "check",
        "tests/fixtures/outputs",
        "--statistics",
        "--color",
        "never",
    ]);
    assert_french("statistics", &stats);
}

#[test]
fn other_formats_fixed_texts_are_french() {
    // Severities are codes in concise and CSV (docs/output-formats.md).
    for (format, codes) in [
        ("concise", &["error", "warning"][..]),
        ("csv", &["error", "warning"][..]),
        ("markdown", &[][..]),
    ] {
        let (out, _) = fr(&["check", "--format", format, "tests/fixtures/outputs"]);
        assert!(!out.is_empty());
        assert_french_but(format, &out, codes);
    }
}

#[test]
fn config_and_rule_file_errors_are_french() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cefrlint.yaml");
    std::fs::write(&cfg, "select: [vocabulary]\nunknown-key: 1\n").unwrap();
    let (_, err) = fr(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "tests/fixtures/outputs",
    ]);
    assert!(err.contains("configuration invalide"), "{err}");
    assert_french("config error", &err);
    // A rule folder with a broken grammar file.
    let rules = dir.path().join("rules/en");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("grammar.yaml"),
        "version: 1\nlanguage: en\nrules:\n  - id: Bad_Id\n    level: A7\n",
    )
    .unwrap();
    let (out, _) = fr(&["rules", "test", dir.path().join("rules").to_str().unwrap()]);
    assert!(out.contains("n'est pas un niveau du CECRL"), "{out}");
    assert!(out.contains("kebab-case"), "{out}");
    assert_french("rule file errors", &out);
}

#[test]
fn eval_errors_are_french() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("levels.tsv");
    std::fs::write(&tsv, "I have a cat.\tA1\nThe dog runs.\tA7\n\tB1\n").unwrap();
    let (_, err) = fr(&["eval", "--lang", "en", tsv.to_str().unwrap()]);
    assert!(
        err.contains("n'est pas un niveau (A1..C2 ou 1..6)"),
        "{err}"
    );
    assert!(err.contains("le texte est vide"), "{err}");
    assert!(err.contains("ligne ignorée"), "{err}");
    assert_french("eval errors", &err);
    let (_, err) = fr(&["eval", "--lang", "en", "pas/de/fichier.tsv"]);
    assert!(err.contains("fichier ou dossier introuvable"), "{err}");
    assert_french("eval missing file", &err);
}
