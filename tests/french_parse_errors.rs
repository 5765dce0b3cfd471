//! With `--locale fr`, the parser's own reason for a malformed YAML lesson, configuration or
//! XML file is French too; with `--locale en` it stays the parser's English.

mod common;
use common::*;

const LESSON: &str = "tests/fixtures/frparse/crochet.yaml";
const XML: &str = "tests/fixtures/frparse/quiz.xml";
const CONFIG: &str = "tests/fixtures/frparse/broken-config.yaml";

/// Words of the parsers' English messages that no French message uses.
const ENGLISH: &[&str] = &[
    "unclosed", "bracket", "expected", "tag", "not", "at", "cannot", "parse", "the", "file",
];

fn all_output(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The lines of `out` that hold `marker`, each checked for English words from `marker` on.
fn french_lines<'a>(out: &'a str, marker: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(marker)).collect();
    assert!(!lines.is_empty(), "no line with {marker:?} in:\n{out}");
    for l in &lines {
        // The message itself: the rule code and path before it are names, not text.
        let text = &l[l.find(marker).unwrap_or(0)..];
        let english: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
            .collect();
        assert!(english.is_empty(), "English {english:?} in {l:?}");
    }
    lines
}

#[test]
fn a_broken_yaml_lesson_and_xml_file_read_in_french() {
    let o = cefrlint(&["--locale", "fr", "check", "--no-config", LESSON, XML]);
    assert_eq!(o.status.code(), Some(2));
    let out = all_output(&o);
    let yaml = french_lines(&out, "impossible d'analyser le fichier");
    assert!(
        yaml[0].ends_with("impossible d'analyser le fichier : crochet ou accolade non fermé : '['"),
        "{out}"
    );
    let xml = french_lines(&out, "impossible d'analyser le XML");
    assert!(
        xml[0].ends_with("balise 'questiontext' attendue, et non 'question' (ligne 5, colonne 63)"),
        "{out}"
    );
    // Still located where the parser stopped.
    assert!(out.contains("crochet.yaml:7:18"), "{out}");
    assert!(out.contains("quiz.xml:5:63"), "{out}");
}

#[test]
fn a_broken_configuration_reads_in_french() {
    let o = cefrlint(&["--locale", "fr", "check", "--config", CONFIG, LESSON]);
    assert_eq!(o.status.code(), Some(2));
    let out = all_output(&o);
    let lines = french_lines(&out, "impossible d'analyser la configuration");
    assert!(
        lines[0].ends_with(
            "broken-config.yaml:2:9: impossible d'analyser la configuration : crochet ou accolade non fermé : '['"
        ),
        "{out}"
    );
}

#[test]
fn the_english_interface_keeps_the_parsers_words() {
    let o = cefrlint(&["--locale", "en", "check", "--no-config", LESSON, XML]);
    let out = all_output(&o);
    assert!(
        out.contains("cannot parse the file: unclosed bracket '['"),
        "{out}"
    );
    assert!(
        out.contains("cannot parse the XML: expected 'questiontext' tag, not 'question' at 5:63"),
        "{out}"
    );
    let o = cefrlint(&["--locale", "en", "check", "--config", CONFIG, LESSON]);
    let out = all_output(&o);
    assert!(
        out.contains("cannot parse the configuration: unclosed bracket '['"),
        "{out}"
    );
}

#[test]
fn a_broken_json_lesson_and_h5p_content_read_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let lesson = dir.path().join("virgule.json");
    std::fs::write(
        &lesson,
        "{\n  \"language\": \"en\",\n  \"items\": [\n    {\"id\": \"q1\", \"kind\": \"open\", \"prompt\": \"Where do you live?\"},\n  ]\n}\n",
    )
    .unwrap();
    let h5p = dir.path().join("activite");
    std::fs::create_dir_all(h5p.join("content")).unwrap();
    std::fs::write(
        h5p.join("h5p.json"),
        "{\"title\": \"Quiz\", \"mainLibrary\": \"H5P.MultiChoice\", \"language\": \"en\"}",
    )
    .unwrap();
    std::fs::write(
        h5p.join("content/content.json"),
        "{\"question\": \"<p>Pick one</p>\" \"answers\": []}",
    )
    .unwrap();
    let o = cefrlint(&[
        "--locale",
        "fr",
        "check",
        "--no-config",
        lesson.to_str().unwrap(),
        h5p.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let out = all_output(&o);
    let lines = french_lines(&out, "impossible d'analyser le fichier");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("une virgule finale n'est pas permise")),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with("virgule attendue")),
        "{out}"
    );
    assert!(out.contains("virgule.json:4:"), "{out}");
}
