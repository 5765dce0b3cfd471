//! Packaging: shell completions, the man page, the CI snippets of the README and the
//! pre-commit hook, each run as written.

mod common;
use common::*;

#[test]
fn completions_mention_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish"] {
        let o = cefrlint(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let out = stdout(&o);
        for word in ["check", "explain", "--format", "sarif", "--baseline"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    assert_eq!(cefrlint(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_documents_the_subcommands() {
    let o = cefrlint(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(".ie") || out.contains(".TH cefrlint"),
        "{}",
        &out[..200.min(out.len())]
    );
    for word in [
        "check",
        "explain",
        "completions",
        "write\\-baseline",
        "csv\\-delimiter",
    ] {
        assert!(out.contains(word), "man page lacks {word}");
    }
    // In French, the descriptions are the French help's.
    let o = cefrlint(&["man", "--locale", "fr"]);
    assert_eq!(o.status.code(), Some(0));
    let fr = stdout(&o);
    assert!(
        fr.contains("Vérifie des fichiers et dossiers de leçons"),
        "{}",
        &fr[..400.min(fr.len())]
    );
    assert!(!fr.contains("Check lesson files and folders"));
}

/// The `cefrlint check` command lines of the YAML snippets in one part of the README.
fn ci_commands(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_yaml = false;
    for line in readme.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_yaml = t == "```yaml";
            continue;
        }
        if in_yaml && t.contains("cefrlint check") {
            let cmd = t
                .trim_start_matches("- run:")
                .trim_start_matches("- ")
                .trim();
            out.push(cmd.to_string());
        }
    }
    out
}

/// A folder with `lessons/` holding copies of a corpus folder.
fn workspace(corpus: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lessons = dir.path().join("lessons");
    std::fs::create_dir(&lessons).unwrap();
    for e in std::fs::read_dir(root().join(corpus)).unwrap().flatten() {
        std::fs::copy(e.path(), lessons.join(e.file_name())).unwrap();
    }
    dir
}

fn shell(dir: &std::path::Path, cmd: &str) -> std::process::Output {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_cefrlint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    std::process::Command::new("sh")
        .args(["-c", cmd])
        .current_dir(dir)
        .env("PATH", path)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

#[test]
fn the_readme_ci_snippets_run_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (en, fr) = readme.split_at(readme.find("\n# En français").expect("a French part"));
    let commands = ci_commands(en);
    assert_eq!(commands.len(), 4, "{commands:#?}");
    assert_eq!(
        commands,
        ci_commands(fr),
        "the French snippets run the same commands"
    );
    for file in [
        "sarif_file: cefrlint.sarif",
        "codequality: gl-code-quality-report.json",
    ] {
        assert!(en.contains(file) && fr.contains(file));
    }
    for cmd in &commands {
        let dir = workspace("corpora/en/defects");
        let o = shell(dir.path(), cmd);
        let code = o.status.code();
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        if cmd.contains("--format sarif") {
            assert_eq!(code, Some(0), "{cmd}");
            let log: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.path().join("cefrlint.sarif")).unwrap(),
            )
            .unwrap();
            assert_eq!(log["version"], "2.1.0");
            assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
        } else if cmd.contains("--format gitlab") {
            assert_eq!(code, Some(0), "{cmd}");
            let v: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.path().join("gl-code-quality-report.json")).unwrap(),
            )
            .unwrap();
            assert!(v.as_array().unwrap()[0]["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("lessons/"));
        } else if cmd.contains("--format github") {
            assert_eq!(code, Some(1), "{cmd}: the planted errors fail the job");
            assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
            assert!(out.contains("::error file=lessons/"));
        } else {
            assert_eq!(code, Some(1), "{cmd}");
            assert!(out.contains("lessons/"));
        }
        // On clean lessons every command succeeds.
        let clean = workspace("corpora/en/clean");
        assert_eq!(shell(clean.path(), cmd).status.code(), Some(0), "{cmd}");
    }
}

#[test]
fn the_pre_commit_hook_runs_as_declared() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |name: &str| {
        hooks
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name}"))
            .to_string()
    };
    assert_eq!(field("- id"), "cefrlint");
    assert_eq!(field("language"), "rust");
    let entry = field("entry");
    let files = regex::Regex::new(&field("files")).unwrap();
    for (corpus, expected) in [("corpora/en/defects", 1), ("corpora/en/clean", 0)] {
        let dir = workspace(corpus);
        // pre-commit passes the staged files that match `files`.
        let mut staged: Vec<String> = std::fs::read_dir(dir.path().join("lessons"))
            .unwrap()
            .flatten()
            .map(|e| format!("lessons/{}", e.file_name().to_string_lossy()))
            .filter(|p| files.is_match(p))
            .collect();
        staged.sort();
        assert!(!staged.is_empty());
        let cmd = format!("{entry} {}", staged.join(" "));
        let o = shell(dir.path(), &cmd);
        assert_eq!(
            o.status.code(),
            Some(expected),
            "{cmd}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn help_is_in_french_with_locale_fr_or_a_french_lang() {
    let o = cefrlint(&["--locale", "fr", "check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let fr = stdout(&o);
    assert!(
        fr.contains("Vérifie des fichiers et dossiers de leçons."),
        "{fr}"
    );
    assert!(fr.contains("Utilisation : cefrlint check"));
    assert!(fr.contains("Masquer les signalements enregistrés"));
    assert!(fr.contains("Valeurs : human, json, concise"));
    assert!(!fr.contains("Output format"));
    let env = std::process::Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .arg("--help")
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let top = String::from_utf8(env.stdout).unwrap();
    assert!(top.contains("Commandes"), "{top}");
    assert!(top.contains("Écrit la page de manuel"));
    // English otherwise.
    let en = stdout(&cefrlint(&["check", "--help"]));
    assert!(en.contains("Check lesson files and folders"));
    assert!(en.contains("Usage: cefrlint check"));
    // The translated command still parses the same arguments.
    let o = cefrlint(&[
        "--locale=fr",
        "check",
        "--format",
        "concise",
        "-q",
        "corpora/fr/clean",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
}
