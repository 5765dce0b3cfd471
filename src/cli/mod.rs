//! The command line: `check`, `rules`, `explain`.

mod args;
mod config;
mod errors_fr;
mod eval;
mod explain;
mod help_fr;
mod package;
mod progress;
mod rules;

use std::io::{IsTerminal, Write};

pub use args::{Cli, Command};

use crate::findings::Locale;
use crate::ruleset::RuleSets;

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            print_parse_error(&e, parse_locale());
            return code;
        }
    };
    let locale = cli
        .locale
        .as_deref()
        .map(Locale::parse)
        .unwrap_or_else(Locale::from_env);
    match cli.command {
        Command::Check(args) => check(*args, locale),
        Command::Rules(args) => rules::run(args, locale),
        Command::Explain(args) => explain::run(args, locale),
        Command::Eval(args) => eval::run(args, locale),
        Command::Config(args) => config::run(args, locale),
        Command::Completions { shell } => package::completions(shell),
        Command::Man => package::man(locale),
    }
}

/// The interface language asked for on the command line (`--locale X`, `--locale=X`), before
/// clap parses it, so that `--help` can be in that language; else the environment's.
fn early_locale(args: &[std::ffi::OsString]) -> Locale {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--locale" {
            if let Some(v) = it.next() {
                return Locale::parse(&v);
            }
        } else if let Some(v) = a.strip_prefix("--locale=") {
            return Locale::parse(v);
        }
    }
    Locale::from_env()
}

/// The interface language found before parsing: value parsers write their errors in it.
static PARSE_LOCALE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The interface language of the command line being parsed (English until [`parse`] runs).
pub(crate) fn parse_locale() -> Locale {
    if PARSE_LOCALE.load(std::sync::atomic::Ordering::Relaxed) {
        Locale::Fr
    } else {
        Locale::En
    }
}

/// Prints a command-line error (or the help and version clap shows through errors): clap's
/// own text in English, a French rendering of the same error in French.
fn print_parse_error(e: &clap::Error, locale: Locale) {
    use clap::error::ErrorKind;
    let shown_as_is = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if locale == Locale::En || shown_as_is {
        let _ = e.print();
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(errors_fr::render(e).as_bytes());
}

/// A short French description of an I/O error (the system's own text is in English).
pub(crate) fn io_error_fr(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "fichier ou dossier introuvable".into(),
        K::PermissionDenied => "permission refusée".into(),
        K::AlreadyExists => "existe déjà".into(),
        K::IsADirectory => "c'est un dossier".into(),
        K::NotADirectory => "un élément du chemin n'est pas un dossier".into(),
        K::InvalidData => "données invalides (pas de l'UTF-8 ?)".into(),
        K::ReadOnlyFilesystem => "système de fichiers en lecture seule".into(),
        K::StorageFull => "plus de place sur le disque".into(),
        _ => format!("erreur d'entrée-sortie ({e})"),
    }
}

/// Parses the command line, with help and usage in the interface language.
fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let locale = early_locale(&args);
    PARSE_LOCALE.store(locale == Locale::Fr, std::sync::atomic::Ordering::Relaxed);
    let cmd = match locale {
        Locale::En => Cli::command(),
        Locale::Fr => help_fr::french(Cli::command()),
    };
    let matches = cmd.try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
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
        // Only the human and HTML outputs show source lines.
        Ok(o) => crate::pipeline::Options {
            drop_context: !matches!(
                args.format,
                crate::report::OutputFormat::Human | crate::report::OutputFormat::Html
            ),
            ..o
        },
        Err(msg) => {
            match locale {
                Locale::En => eprintln!("cefrlint: {}", msg.en),
                Locale::Fr => eprintln!("cefrlint : {}", msg.fr),
            }
            return 2;
        }
    };
    if let Some(dir) = &args.rules {
        if !dir.is_dir() {
            match locale {
                Locale::En => eprintln!("cefrlint: --rules {}: not a folder", dir.display()),
                Locale::Fr => {
                    eprintln!(
                        "cefrlint : --rules {} : ce n'est pas un dossier",
                        dir.display()
                    )
                }
            }
            return 2;
        }
    }
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match crate::report::baseline::Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => {
                match locale {
                    Locale::En => eprintln!("cefrlint: --baseline {}", e.en),
                    Locale::Fr => eprintln!("cefrlint : --baseline {}", e.fr),
                }
                return 2;
            }
        },
    };
    // The rule sets, the options (with the spelling dictionaries) and the report are left
    // to the operating system at exit: freeing them takes a few milliseconds for nothing.
    let sets = std::mem::ManuallyDrop::new(rulesets(args.rules.as_deref()));
    let opts = std::mem::ManuallyDrop::new(opts);
    let bar = progress::Bar::new(!args.quiet && std::io::stderr().is_terminal(), locale);
    let run = crate::pipeline::run_with_progress(&opts, &sets, &bar);
    bar.finish();
    let mut report = match run {
        Ok(r) => std::mem::ManuallyDrop::new(r),
        Err(errors) => {
            match locale {
                Locale::En => eprintln!("cefrlint: the rule set is invalid:\n{errors}"),
                Locale::Fr => eprintln!(
                    "cefrlint : le jeu de règles est invalide :\n{}",
                    errors.localized(locale)
                ),
            }
            return 2;
        }
    };
    if !report.config_errors.is_empty() {
        // Nothing was checked: the configuration could not be read.
        return config_errors(&report.config_errors, locale);
    }
    if let Some(b) = &baseline {
        b.apply(&mut report);
    }
    if let Some(path) = &args.write_baseline {
        let b = crate::report::baseline::record(&report);
        if let Err(e) = crate::report::write_atomically(path, &b.to_json()) {
            match locale {
                Locale::En => eprintln!("cefrlint: --write-baseline {}: {e}", path.display()),
                Locale::Fr => eprintln!(
                    "cefrlint : --write-baseline {} : {}",
                    path.display(),
                    io_error_fr(&e)
                ),
            }
            return 2;
        }
        let n: usize = b.entries.iter().map(|e| e.count).sum();
        if !args.quiet {
            match locale {
                Locale::En => eprintln!(
                    "cefrlint: recorded {n} finding(s) in the baseline {}",
                    path.display()
                ),
                Locale::Fr => eprintln!(
                    "cefrlint : {n} signalement(s) enregistré(s) dans la référence {}",
                    path.display()
                ),
            }
        }
        // From now on these findings are accepted: the report is the one a later run with
        // --baseline gives (input errors still exit 2).
        b.apply(&mut report);
    }
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
            match locale {
                Locale::En => eprintln!("cefrlint: {}", e.en),
                Locale::Fr => eprintln!("cefrlint : {}", e.fr),
            }
        }
    }
    if let Some(path) = &args.output {
        // Written whole to a temporary file, then renamed: never a partial report.
        let written = crate::report::write_atomically_with(path, &mut |w| {
            crate::report::write(&report, args.format, locale, false, w)
        });
        if let Err(e) = written {
            match locale {
                Locale::En => eprintln!("cefrlint: --output {}: {e}", path.display()),
                Locale::Fr => eprintln!(
                    "cefrlint : --output {} : {}",
                    path.display(),
                    io_error_fr(&e)
                ),
            }
            return 2;
        }
        return spool_error(&report, locale)
            .unwrap_or_else(|| crate::report::exit_code(&report, args.fail_on.into()));
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let style = crate::report::Style {
        locale,
        color,
        quiet: args.quiet,
        statistics: args.statistics,
        csv_delimiter: args.csv_delimiter,
        markdown_rows: args.markdown_rows,
    };
    let written = crate::report::write_styled(&report, args.format, &style, &mut stdout)
        .and_then(|_| stdout.flush());
    if written.is_err() {
        return 2;
    }
    spool_error(&report, locale)
        .unwrap_or_else(|| crate::report::exit_code(&report, args.fail_on.into()))
}

/// Exit code 2, said on standard error, when the report's temporary file could not be read
/// back (the output is incomplete).
/// Prints the errors of configuration files that could not be read; the exit code (2).
fn config_errors(errors: &[crate::config::ConfigError], locale: Locale) -> i32 {
    for e in errors {
        match locale {
            Locale::En => eprintln!("cefrlint: invalid configuration: {}", e.localized(locale)),
            Locale::Fr => eprintln!(
                "cefrlint : configuration invalide : {}",
                e.localized(locale)
            ),
        }
    }
    2
}

fn spool_error(report: &crate::report::Report, locale: Locale) -> Option<i32> {
    let e = report.read_error()?;
    match locale {
        Locale::En => eprintln!("cefrlint: {e}"),
        Locale::Fr => {
            eprintln!("cefrlint : impossible de relire le fichier temporaire du rapport : {e}")
        }
    }
    Some(2)
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
