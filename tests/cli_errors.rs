//! Command-line errors in both interface languages: each kind of clap error (unknown
//! argument, invalid value with its possible values, missing value, unexpected argument,
//! unknown subcommand with a suggestion, conflicting arguments, missing required argument,
//! value refused by a parser) says what is wrong in the interface language, with a usage
//! line, and exits with 2. `--help` and `--version` are not errors.

mod common;
use common::*;

use std::process::{Command, Output};

/// Runs cefrlint with `LANG` set to `lang` (LC_ALL and LC_MESSAGES removed).
fn with_lang(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cefrlint"))
        .args(args)
        .current_dir(root())
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .expect("run cefrlint")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// The English error of `args` (clap's own text): exit 2, `error:`.
fn english(args: &[&str]) -> String {
    let o = cefrlint(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(o.stdout.is_empty());
    err
}

/// The French error of `args`, asked for with `--locale fr` and with `LANG=fr_FR.UTF-8`
/// (both give the same text): exit 2, no English left, a usage line when the English error
/// has one.
fn french(args: &[&str]) -> String {
    let mut with_flag = vec!["--locale", "fr"];
    with_flag.extend(args);
    let o = cefrlint(&with_flag);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    let by_env = with_lang("fr_FR.UTF-8", args);
    assert_eq!(by_env.status.code(), Some(2));
    assert_eq!(
        stderr(&by_env),
        err,
        "--locale fr and LANG=fr give the same error"
    );
    assert!(err.starts_with("erreur : "), "{err}");
    assert_eq!(
        err.contains("Utilisation : cefrlint"),
        stderr(&cefrlint(args)).contains("Usage: cefrlint"),
        "{err}"
    );
    assert!(
        err.contains("Pour en savoir plus, essayez « --help »."),
        "{err}"
    );
    for english in [
        "error:",
        "Usage:",
        "For more information",
        "tip:",
        "possible values",
        "invalid value",
        "unexpected argument",
        "unrecognized",
        "required",
    ] {
        assert!(!err.contains(english), "English `{english}` in: {err}");
    }
    assert!(o.stdout.is_empty());
    err
}

#[test]
fn invalid_level_lists_the_levels() {
    let en = english(&["check", "corpora", "--level", "A7"]);
    assert!(
        en.contains("invalid value 'A7' for '--level <LEVEL>'"),
        "{en}"
    );
    assert!(
        en.contains("[possible values: A1, A2, B1, B2, C1, C2]"),
        "{en}"
    );
    let fr = french(&["check", "corpora", "--level", "A7"]);
    assert!(
        fr.contains("valeur « A7 » invalide pour « --level <NIVEAU> »"),
        "{fr}"
    );
    assert!(
        fr.contains("[valeurs possibles : A1, A2, B1, B2, C1, C2]"),
        "{fr}"
    );
    assert!(
        fr.contains("Utilisation : cefrlint check [OPTIONS] [CHEMIN]..."),
        "{fr}"
    );
    // Levels are still read in any case and as numbers.
    assert_ne!(
        cefrlint(&["check", "corpora", "--level", "b1"])
            .status
            .code(),
        Some(2)
    );
    assert_ne!(
        cefrlint(&["check", "corpora", "--level", "3"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn invalid_format_lists_the_formats() {
    let en = english(&["check", "corpora", "--format", "xml"]);
    assert!(
        en.contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{en}"
    );
    assert!(en.contains("possible values: human, "), "{en}");
    let fr = french(&["check", "corpora", "--format", "xml"]);
    assert!(
        fr.contains("valeur « xml » invalide pour « --format <FORMAT> »"),
        "{fr}"
    );
    assert!(fr.contains("[valeurs possibles : human, "), "{fr}");
    assert!(fr.contains("sarif"), "{fr}");
}

#[test]
fn missing_value() {
    let en = english(&["check", "corpora", "--format"]);
    assert!(
        en.contains("a value is required for '--format <FORMAT>'"),
        "{en}"
    );
    let fr = french(&["check", "corpora", "--format"]);
    assert!(
        fr.contains(
            "une valeur est requise pour « --format <FORMAT> », mais aucune n'a été donnée"
        ),
        "{fr}"
    );
}

#[test]
fn unknown_argument_with_a_suggestion() {
    let en = english(&["check", "corpora", "--colour", "never"]);
    assert!(en.contains("unexpected argument '--colour' found"), "{en}");
    assert!(
        en.contains("tip: a similar argument exists: '--color'"),
        "{en}"
    );
    let fr = french(&["check", "corpora", "--colour", "never"]);
    assert!(fr.contains("argument inattendu « --colour »"), "{fr}");
    assert!(
        fr.contains("astuce : un argument proche existe : « --color »"),
        "{fr}"
    );
}

#[test]
fn unexpected_positional_argument() {
    let en = english(&["explain", "vocabulary/above-level", "extra"]);
    assert!(en.contains("unexpected argument 'extra' found"), "{en}");
    let fr = french(&["explain", "vocabulary/above-level", "extra"]);
    assert!(fr.contains("argument inattendu « extra »"), "{fr}");
    assert!(fr.contains("Utilisation : cefrlint explain"), "{fr}");
}

#[test]
fn unknown_subcommand_with_a_suggestion() {
    let en = english(&["chek", "corpora"]);
    assert!(en.contains("unrecognized subcommand 'chek'"), "{en}");
    assert!(en.contains("a similar subcommand exists: 'check'"), "{en}");
    let fr = french(&["chek", "corpora"]);
    assert!(fr.contains("sous-commande « chek » inconnue"), "{fr}");
    assert!(
        fr.contains("astuce : une sous-commande proche existe : « check »"),
        "{fr}"
    );
    assert!(fr.contains("<COMMANDE>"), "{fr}");
}

#[test]
fn conflicting_arguments() {
    let en = english(&["check", "corpora", "--config", "x.yaml", "--no-config"]);
    assert!(en.contains("cannot be used with"), "{en}");
    let fr = french(&["check", "corpora", "--config", "x.yaml", "--no-config"]);
    assert!(fr.contains("ne peut pas être utilisé avec"), "{fr}");
    assert!(fr.contains("--no-config"), "{fr}");
}

#[test]
fn missing_required_arguments() {
    let en = english(&["eval"]);
    assert!(
        en.contains("the following required arguments were not provided"),
        "{en}"
    );
    let fr = french(&["eval"]);
    assert!(
        fr.contains("les arguments obligatoires suivants n'ont pas été donnés :"),
        "{fr}"
    );
    assert!(fr.contains("--lang <XX>"), "{fr}");
}

#[test]
fn values_refused_by_a_parser() {
    let en = english(&["check", "corpora", "--level-threshold", "9"]);
    assert!(en.contains("9 is not in 1..=5"), "{en}");
    let fr = french(&["check", "corpora", "--level-threshold", "9"]);
    assert!(
        fr.contains("valeur « 9 » invalide pour « --level-threshold <N> » : 9 n'est pas dans l'intervalle 1..=5"),
        "{fr}"
    );
    let fr = french(&["check", "corpora", "--jobs", "beaucoup"]);
    assert!(fr.contains("ce n'est pas un nombre entier"), "{fr}");
    let en = english(&["check", "corpora", "--csv-delimiter", "ab"]);
    assert!(en.contains("one ASCII punctuation character"), "{en}");
    let fr = french(&["check", "corpora", "--csv-delimiter", "ab"]);
    assert!(fr.contains("un caractère de ponctuation ASCII"), "{fr}");
}

#[test]
fn a_double_dash_suggestion_is_translated() {
    // `--` then a value that looks like a flag is accepted; a flag-like path without it
    // gets clap's suggestion to use `--`.
    let fr = french(&["explain", "-x"]);
    assert!(fr.contains("argument inattendu « -x »"), "{fr}");
    assert!(
        fr.contains("pour passer « -x » comme valeur, écrivez « -- -x »"),
        "{fr}"
    );
}

#[test]
fn help_and_version_are_not_errors() {
    for locale in ["en", "fr"] {
        let o = cefrlint(&["--locale", locale, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stderr(&o).is_empty());
        let help = stdout(&o);
        if locale == "fr" {
            assert!(help.contains("Utilisation : cefrlint"), "{help}");
            assert!(help.contains("Commandes"), "{help}");
        } else {
            assert!(help.contains("Usage: cefrlint"), "{help}");
        }
        let o = cefrlint(&["--locale", locale, "--version"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).starts_with("cefrlint "));
    }
    let o = cefrlint(&["--locale", "fr", "check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--level <NIVEAU>"), "{}", stdout(&o));
}

#[test]
fn our_own_option_errors_follow_the_locale() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["--lang", "e1"],
            "--lang e1 : ce n'est pas un code de langue",
        ),
        (&["--rules", "pas/de/dossier"], "ce n'est pas un dossier"),
        (&["--columns", "couleur=Farbe"], "clé de colonne inconnue"),
        (
            &["--baseline", "pas/là.json"],
            "pas/là.json : fichier ou dossier introuvable",
        ),
    ];
    for (option, expected) in cases {
        let mut args = vec!["--locale", "fr", "check", "corpora"];
        args.extend_from_slice(option);
        let o = cefrlint(&args);
        assert_eq!(o.status.code(), Some(2), "{option:?}");
        assert!(stderr(&o).contains(expected), "{option:?}: {}", stderr(&o));
    }
}
