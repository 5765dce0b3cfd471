//! `cefrlint rules`: list rules or grammar structures; `cefrlint rules test`: run examples.

use std::fmt::Write as _;

use super::args::{RulesArgs, RulesCommand};
use super::{print, rulesets};
use crate::findings::Locale;
use crate::model::Level;
use crate::ruleset::{LangRules, RuleSource};

pub fn run(args: RulesArgs, locale: Locale) -> i32 {
    let mut out = String::new();
    let code = match (&args.command, &args.lang) {
        (Some(RulesCommand::Test { dir }), _) => {
            test(dir.as_deref().or(args.rules.as_deref()), locale, &mut out)
        }
        (None, None) => list_rules(locale, &mut out),
        (None, Some(lang)) => list_structures(&args, lang, locale, &mut out),
    };
    if print(&out).is_err() {
        return 2;
    }
    code
}

fn list_rules(locale: Locale, out: &mut String) -> i32 {
    let width = crate::checks::all()
        .iter()
        .map(|r| r.code.len())
        .max()
        .unwrap_or(0);
    let sev_width = match locale {
        Locale::En => 7,
        Locale::Fr => 13,
    };
    for r in crate::checks::all() {
        let _ = writeln!(
            out,
            "{:width$}  {:sev_width$}  {}",
            r.code,
            r.severity.name(locale),
            r.summary(locale)
        );
    }
    0
}

fn list_structures(args: &RulesArgs, lang: &str, locale: Locale, out: &mut String) -> i32 {
    let level = match args.level.as_deref().map(str::parse::<Level>) {
        None => None,
        Some(Ok(l)) => Some(l),
        Some(Err(_)) => {
            let v = args.level.as_deref().unwrap_or_default();
            match locale {
                Locale::En => eprintln!(
                    "cefrlint: --level {v}: not a CEFR level (A1, A2, B1, B2, C1, C2)"
                ),
                Locale::Fr => eprintln!(
                    "cefrlint : --level {v} : ce n'est pas un niveau du CECRL (A1, A2, B1, B2, C1, C2)"
                ),
            }
            return 2;
        }
    };
    let sets = rulesets(args.rules.as_deref());
    let rules = match sets.get(lang) {
        None => {
            let available = sets.languages().join(", ");
            match locale {
                Locale::En => {
                    eprintln!("cefrlint: no rule set for `{lang}` (available: {available})")
                }
                Locale::Fr => eprintln!(
                    "cefrlint : aucun jeu de règles pour « {lang} » (disponibles : {available})"
                ),
            }
            return 2;
        }
        Some(Err(e)) => {
            eprintln!("{}", e.localized(locale));
            return 2;
        }
        Some(Ok(r)) => r,
    };
    for r in rules
        .grammar
        .rules
        .iter()
        .filter(|r| level.is_none_or(|l| r.level == l))
    {
        let (name, desc) = match locale {
            Locale::En => (&r.name.en, &r.description.en),
            Locale::Fr => (&r.name.fr, &r.description.fr),
        };
        let _ = writeln!(out, "{lang}/{}  {}  {name}\n    {desc}", r.id, r.level);
    }
    0
}

/// Validates every language of a rule folder and runs every grammar example.
fn test(dir: Option<&std::path::Path>, locale: Locale, out: &mut String) -> i32 {
    let source = match dir {
        Some(d) => RuleSource::Dir(d.to_path_buf()),
        None => RuleSource::Embedded,
    };
    let langs = source.languages();
    if langs.is_empty() {
        match locale {
            Locale::En => eprintln!("cefrlint: no rule set found in {}", source.describe()),
            Locale::Fr => eprintln!(
                "cefrlint : aucun jeu de règles trouvé dans {}",
                source.describe()
            ),
        }
        return 2;
    }
    let (mut rules_ok, mut failures) = (0usize, 0usize);
    for lang in &langs {
        match LangRules::load(&source, lang) {
            Err(errors) => {
                for e in &errors.0 {
                    let _ = writeln!(out, "{}", e.localized(locale));
                }
                failures += errors.0.len();
            }
            Ok(set) => {
                let fails = set.grammar.test_examples();
                let mut bad: Vec<usize> = fails.iter().map(|(i, _)| *i).collect();
                bad.dedup();
                for (i, msg) in &fails {
                    let r = &set.grammar.rules[*i];
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: {lang}/{}: {}",
                        r.file,
                        r.line,
                        r.column,
                        r.id,
                        msg.get(locale)
                    );
                }
                failures += fails.len();
                rules_ok += set.grammar.rules.len() - bad.len();
                for &(i, k) in set.grammar.unfiltered_patterns() {
                    let r = &set.grammar.rules[i];
                    let note = match locale {
                        Locale::En => format!(
                            "note: pattern {} names no word or fixed text that every match must contain, so the rule is tried on every sentence: its matches stay right, but each such rule slows matching down",
                            k + 1
                        ),
                        Locale::Fr => format!(
                            "remarque : le motif {} ne nomme aucun mot ni texte fixe que toute correspondance doive contenir ; la règle est donc essayée sur chaque phrase : ses résultats restent justes, mais chaque règle de ce genre ralentit l'analyse",
                            k + 1
                        ),
                    };
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: {lang}/{}: {note}",
                        r.file, r.line, r.column, r.id
                    );
                }
            }
        }
    }
    let langs = langs.join(", ");
    let _ = match locale {
        Locale::En => writeln!(
            out,
            "{rules_ok} rule(s) passed, {failures} problem(s) in {langs}"
        ),
        Locale::Fr => writeln!(
            out,
            "{rules_ok} règle(s) valides, {failures} problème(s) dans {langs}"
        ),
    };
    i32::from(failures > 0)
}
