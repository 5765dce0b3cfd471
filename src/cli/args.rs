//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::checks::Settings;
use crate::findings::{Msg, Severity};
use crate::model::{Defaults, Lang, Level};
use crate::pipeline::Options;
use crate::report::{FailOn, OutputFormat};

/// Audit language-learning content against the CEFR (CECRL): levels, vocabulary, grammar.
///
/// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 an input or the
/// command line could not be read.
#[derive(Parser, Debug)]
#[command(name = "cefrlint", version, about, long_about)]
pub struct Cli {
    /// Interface language: en or fr (default: from LANG / LC_ALL, else English).
    #[arg(long, global = true, value_name = "LOCALE")]
    pub locale: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check lesson files and folders.
    Check(Box<CheckArgs>),
    /// List the rules (or, with --lang, the grammar structures of a language); `rules test`
    /// runs the examples of a rule set.
    Rules(RulesArgs),
    /// Explain a rule: what it checks, why it matters, an example, how to silence it.
    Explain(ExplainArgs),
    /// Print the effective configuration (cefrlint.yaml) of a path, with where each value
    /// comes from.
    Config(ConfigArgs),
    /// Measure agreement with expert-labelled texts (TSV/CSV of text and level, CEFR-SP, or a
    /// folder of .txt files by level).
    Eval(EvalArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout.
    Man,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(f: FailOnArg) -> FailOn {
        match f {
            FailOnArg::Error => FailOn::Severity(Severity::Error),
            FailOnArg::Warning => FailOn::Severity(Severity::Warning),
            FailOnArg::Info => FailOn::Severity(Severity::Info),
            FailOnArg::Never => FailOn::Never,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files and folders to check (folders are walked recursively, honouring .gitignore).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Target language for inputs that do not declare one (ISO 639-1: en, fr, es, de, it).
    #[arg(long, value_name = "XX")]
    pub lang: Option<String>,
    /// Support language (instructions, translations) for inputs that do not declare one.
    #[arg(long, value_name = "XX")]
    pub support_lang: Option<String>,
    /// CEFR level (A1..C2) for inputs that do not declare one.
    #[arg(long, value_name = "LEVEL", value_parser = LevelParser)]
    pub level: Option<Level>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with 1 when a finding has this severity or a higher one.
    #[arg(long, value_enum, default_value_t = FailOnArg::Error)]
    pub fail_on: FailOnArg,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Use the rule sets in DIR (rules/<lang>/…) instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// How many levels above (or below) the declared level a word, structure or estimate must
    /// be to be reported.
    /// (Default 2, or the configuration's `level-threshold`; given here, it wins over it.)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(1..=5))]
    pub level_threshold: Option<i32>,
    /// Use this configuration file for every input instead of looking for the nearest
    /// cefrlint.yaml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print findings only: no summary line, no progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Also print how many findings each rule produced (human, concise: a table; json: a
    /// `statistics` object).
    #[arg(long)]
    pub statistics: bool,
    /// Hide the findings recorded in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE, to be hidden by later runs with --baseline FILE.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Field separator of --format csv: one ASCII character, or `tab` (`;` suits spreadsheets
    /// that use a decimal comma).
    #[arg(long, value_name = "CHAR", default_value = ",", value_parser = parse_delimiter)]
    pub csv_delimiter: u8,
    /// How many findings the table of --format markdown shows.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub markdown_rows: usize,
    /// Write the report to FILE instead of standard output (replaced whole, never partly
    /// written).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Header names of CSV/TSV columns (and Anki fields) when they are not the usual ones:
    /// `term=Mot,translation=Sens` (keys: term, translation, example, definition, answer,
    /// level, lang, support_lang, id).
    #[arg(long, value_name = "KEY=HEADER,...")]
    pub columns: Option<String>,
    /// Read spelling dictionaries (<lang>.aff/.dic, de_DE.aff/.dic, it_IT.aff/.dic…) from DIR
    /// first; German and Italian are otherwise read from /usr/share/hunspell when installed.
    #[arg(long, value_name = "DIR")]
    pub dict_dir: Option<PathBuf>,
    /// Words never reported as misspelled: a file with one word per line (`#` comments).
    #[arg(long, value_name = "FILE")]
    pub allow_words: Option<PathBuf>,
    /// Do not run the spelling checks (spelling/*).
    #[arg(long)]
    pub no_spelling: bool,
    /// Do not run the language checks (language/*).
    #[arg(long)]
    pub no_language: bool,
}

/// `--level`: A1..C2 (any case, or 1..6); a wrong value is clap's "invalid value" error with
/// the possible values, in the interface language.
#[derive(Clone, Copy, Debug)]
pub struct LevelParser;

const LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

impl clap::builder::TypedValueParser for LevelParser {
    type Value = Level;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Level, clap::Error> {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let s = value.to_string_lossy();
        s.parse::<Level>().map_err(|_| {
            let mut e = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
            let arg = arg.map(ToString::to_string).unwrap_or_default();
            e.insert(ContextKind::InvalidArg, ContextValue::String(arg));
            e.insert(
                ContextKind::InvalidValue,
                ContextValue::String(s.into_owned()),
            );
            e.insert(
                ContextKind::ValidValue,
                ContextValue::Strings(LEVELS.iter().map(|l| l.to_string()).collect()),
            );
            let usage = cmd.clone().render_usage();
            e.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
            e
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            LEVELS.iter().map(|l| clap::builder::PossibleValue::new(*l)),
        ))
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1
            && s.as_bytes()[0].is_ascii()
            && !s.as_bytes()[0].is_ascii_alphanumeric()
            && s != "\"" =>
        {
            Ok(s.as_bytes()[0])
        }
        _ => Err(match super::parse_locale() {
            crate::findings::Locale::En => {
                "one ASCII punctuation character such as , or ; (or `tab`)".to_string()
            }
            crate::findings::Locale::Fr => {
                "un caractère de ponctuation ASCII tel que , ou ; (ou `tab`)".to_string()
            }
        }),
    }
}

impl CheckArgs {
    pub fn options(&self) -> Result<Options, Msg> {
        let lang = |s: &Option<String>, flag: &str| -> Result<Option<Lang>, Msg> {
            match s {
                None => Ok(None),
                Some(v) => Lang::parse(v).map(Some).ok_or_else(|| {
                    Msg::new(
                        format!("{flag} {v}: not a language code (use ISO 639-1, such as en or fr)"),
                        format!("{flag} {v} : ce n'est pas un code de langue (utilisez l'ISO 639-1, comme en ou fr)"),
                    )
                }),
            }
        };
        let level = self.level;
        let allowed_words = match &self.allow_words {
            None => Default::default(),
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|e| {
                    Msg::new(
                        format!("--allow-words {}: {e}", p.display()),
                        format!("--allow-words {} : {}", p.display(), super::io_error_fr(&e)),
                    )
                })?;
                let text = String::from_utf8_lossy(&bytes);
                std::sync::Arc::new(crate::checks::spelling::parse_allow_list(&text))
            }
        };
        if let Some(d) = &self.dict_dir {
            if !d.is_dir() {
                return Err(Msg::new(
                    format!("--dict-dir {}: not a folder", d.display()),
                    format!("--dict-dir {} : ce n'est pas un dossier", d.display()),
                ));
            }
        }
        Ok(Options {
            paths: self.paths.clone(),
            defaults: Defaults {
                language: lang(&self.lang, "--lang")?,
                support_language: lang(&self.support_lang, "--support-lang")?,
                level,
            },
            settings: Settings {
                level_threshold: self.level_threshold.unwrap_or(2),
                spelling: !self.no_spelling,
                language: !self.no_language,
                allowed_words,
                dictionaries: std::sync::Arc::new(crate::ruleset::dictionary::Dictionaries::new(
                    self.dict_dir.clone(),
                )),
                ..Settings::default()
            },
            jobs: self.jobs,
            drop_context: false,
            config: config_mode(self.config.as_ref(), self.no_config),
            level_threshold_given: self.level_threshold.is_some(),
            columns: match &self.columns {
                None => Default::default(),
                Some(spec) => crate::load::table::Columns::parse(spec).map_err(|e| {
                    Msg::new(
                        format!("--columns: {}", e.en),
                        format!("--columns : {}", e.fr),
                    )
                })?,
            },
        })
    }
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: Option<RulesCommand>,
    /// List the grammar structures of this language instead of the rules.
    #[arg(long, value_name = "XX")]
    pub lang: Option<String>,
    /// With --lang: only structures of this level.
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Use the rule sets in DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Validate a rule set and run every grammar rule's examples; reports every bad rule.
    Test {
        /// A rule folder (with <lang>/ subfolders); default: the embedded rule sets.
        dir: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (`vocabulary/above-level`) or a grammar structure (`en/present-perfect-simple`).
    pub rule: String,
    /// Look grammar structures up in DIR instead of the embedded rule sets.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// A TSV/CSV file of `text, level[, level]` (levels A1..C2 or 1..6), or a folder of .txt
    /// files whose level is their folder's name (B1/) or the end of their name (_B1.txt).
    /// Several are evaluated together.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Language of the texts.
    #[arg(long, value_name = "XX")]
    pub lang: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Human)]
    pub format: EvalFormat,
    /// How many of the worst disagreements to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub worst: usize,
    /// Use the rule sets in DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Also write every sample's prediction and features to FILE (TSV), for calibration.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
}

/// Where the configuration comes from, from `--config` and `--no-config`.
pub fn config_mode(file: Option<&PathBuf>, none: bool) -> crate::config::Mode {
    match (file, none) {
        (_, true) => crate::config::Mode::Off,
        (Some(f), false) => crate::config::Mode::File(f.clone()),
        (None, false) => crate::config::Mode::Discover,
    }
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// The file or folder whose configuration to show.
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,
    /// Show this configuration file instead of the nearest cefrlint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// As `check --level-threshold`: shown as winning over the configuration.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i32).range(1..=5))]
    pub level_threshold: Option<i32>,
}
