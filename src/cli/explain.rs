//! `cefrlint explain RULE`.

use std::fmt::Write as _;

use super::args::ExplainArgs;
use super::{print, rulesets};
use crate::findings::Locale;

pub fn run(args: ExplainArgs, locale: Locale) -> i32 {
    let Some(text) = explain(&args, locale) else {
        match locale {
            Locale::En => eprintln!(
                "cefrlint: unknown rule `{}`; `cefrlint rules` lists them",
                args.rule
            ),
            Locale::Fr => eprintln!(
                "cefrlint : règle inconnue « {} » ; `cefrlint rules` les liste",
                args.rule
            ),
        }
        return 2;
    };
    i32::from(print(&text).is_err()) * 2
}

/// The explanation of a rule code, or of a grammar structure (`en/present-perfect-simple`).
fn explain(args: &ExplainArgs, locale: Locale) -> Option<String> {
    let mut out = String::new();
    if let Some(rule) = crate::checks::find(&args.rule) {
        let _ = writeln!(out, "# {} ({})\n", rule.code, rule.severity.name(locale));
        let _ = writeln!(out, "{}\n", rule.summary(locale));
        out.push_str(&rule.explanation(locale));
        return Some(out);
    }
    let (lang, id) = args.rule.split_once('/')?;
    let sets = rulesets(args.rules.as_deref());
    let set = sets.get(lang)?.ok()?;
    let r = set.grammar.rules.iter().find(|r| r.id == id)?;
    let fr = locale == Locale::Fr;
    let pick = |en: &'static str, f: &'static str| if fr { f } else { en };
    let _ = writeln!(out, "# {lang}/{} ({})\n", r.id, r.level);
    let _ = writeln!(out, "{}\n", if fr { &r.name.fr } else { &r.name.en });
    let _ = writeln!(
        out,
        "{}\n",
        if fr {
            &r.description.fr
        } else {
            &r.description.en
        }
    );
    if let Some(inv) = &r.inventory {
        let item = r
            .item
            .as_deref()
            .map(|i| format!(", {i}"))
            .unwrap_or_default();
        let _ = writeln!(out, "{} {inv}{item}\n", pick("Reference:", "Référence :"));
    }
    let _ = writeln!(out, "{}", pick("Matches:", "Exemples reconnus :"));
    for e in &r.must_match {
        let _ = writeln!(out, "  ✓ {}", e.text);
    }
    let _ = writeln!(
        out,
        "{}",
        pick("Does not match:", "Exemples non reconnus :")
    );
    for (t, _) in &r.must_not_match {
        let _ = writeln!(out, "  ✗ {t}");
    }
    let _ = writeln!(
        out,
        "\n{} {}:{}:{}",
        pick("Defined in:", "Défini dans :"),
        r.file,
        r.line,
        r.column
    );
    Some(out)
}
