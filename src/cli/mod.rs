//! The command line: `check`, `rules`, `explain`.

mod args;
mod eval;
mod explain;
mod rules;

use std::io::{IsTerminal, Write};

use clap::Parser;

pub use args::{Cli, Command};

use crate::findings::Locale;
use crate::ruleset::RuleSets;

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let locale = cli
        .locale
        .as_deref()
        .map(Locale::parse)
        .unwrap_or_else(Locale::from_env);
    match cli.command {
        Command::Check(args) => check(args, locale),
        Command::Rules(args) => rules::run(args, locale),
        Command::Explain(args) => explain::run(args, locale),
        Command::Eval(args) => eval::run(args, locale),
    }
}

/// Writes to standard output; a closed pipe (`| head`) is an error, not a panic.
pub(crate) fn print(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

fn rulesets(dir: Option<&std::path::Path>) -> RuleSets {
    match dir {
        Some(d) => RuleSets::from_dir(d),
        None => RuleSets::embedded(),
    }
}

fn check(args: args::CheckArgs, locale: Locale) -> i32 {
    let opts = match args.options() {
        // Only the human output shows source lines.
        Ok(o) => crate::pipeline::Options {
            drop_context: args.format != crate::report::OutputFormat::Human,
            ..o
        },
        Err(msg) => {
            eprintln!("cefrlint: {msg}");
            return 2;
        }
    };
    if let Some(dir) = &args.rules {
        if !dir.is_dir() {
            eprintln!("cefrlint: --rules {}: not a folder", dir.display());
            return 2;
        }
    }
    let sets = rulesets(args.rules.as_deref());
    let report = match crate::pipeline::run(&opts, &sets) {
        Ok(r) => r,
        Err(errors) => {
            match locale {
                Locale::En => eprintln!("cefrlint: the rule set is invalid:\n{errors}"),
                Locale::Fr => eprintln!("cefrlint : le jeu de règles est invalide :\n{errors}"),
            }
            return 2;
        }
    };
    missing_dictionaries_note(&opts.settings, locale);
    let color = match args.color {
        args::Color::Always => true,
        args::Color::Never => false,
        args::Color::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    if args.format != crate::report::OutputFormat::Human {
        // Machine formats keep stdout parseable: say on stderr what could not be read.
        for e in &report.errors {
            eprintln!("cefrlint: {e}");
        }
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = crate::report::write(&report, args.format, locale, color, &mut stdout)
        .and_then(|_| stdout.flush());
    if written.is_err() {
        return 2;
    }
    crate::report::exit_code(&report, args.fail_on.into())
}

/// Says once per run, on standard error, which languages could not be spell-checked.
fn missing_dictionaries_note(settings: &crate::checks::Settings, locale: Locale) {
    use crate::ruleset::dictionary::Missing;
    if !settings.spelling {
        return;
    }
    for (lang, why) in settings.dictionaries.missing() {
        let package = match lang.as_str() {
            "de" => "hunspell-de-de".to_string(),
            l => format!("hunspell-{l}"),
        };
        let line = match (why, locale) {
            (Missing::NotInstalled, Locale::En) => format!(
                "cefrlint: note: no spelling dictionary for `{lang}`: its spelling was not checked (give one with --dict-dir DIR, or install it, e.g. `apt install {package}`)"
            ),
            (Missing::NotInstalled, Locale::Fr) => format!(
                "cefrlint : note : aucun dictionnaire orthographique pour « {lang} » : son orthographe n'a pas été vérifiée (indiquez-en un avec --dict-dir DOSSIER, ou installez-le, par exemple `apt install {package}`)"
            ),
            (Missing::Broken { file, message }, Locale::En) => format!(
                "cefrlint: note: the spelling dictionary for `{lang}` could not be read ({file}: {message}): its spelling was not checked"
            ),
            (Missing::Broken { file, message }, Locale::Fr) => format!(
                "cefrlint : note : le dictionnaire orthographique de « {lang} » est illisible ({file} : {message}) : son orthographe n'a pas été vérifiée"
            ),
        };
        eprintln!("{line}");
    }
}
