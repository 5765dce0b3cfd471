//! `cefrlint explain RULE`.

use super::args::ExplainArgs;
use super::rulesets;
use crate::findings::Locale;

pub fn run(args: ExplainArgs, locale: Locale) -> i32 {
    if let Some(rule) = crate::checks::find(&args.rule) {
        println!("# {} ({})\n", rule.code, rule.severity);
        println!("{}\n", rule.summary(locale));
        print!("{}", rule.explanation(locale));
        return 0;
    }
    // A grammar structure: `en/present-perfect-simple`.
    if let Some((lang, id)) = args.rule.split_once('/') {
        let sets = rulesets(args.rules.as_deref());
        if let Some(Ok(set)) = sets.get(lang) {
            if let Some(r) = set.grammar.rules.iter().find(|r| r.id == id) {
                let fr = locale == Locale::Fr;
                println!("# {lang}/{} ({})\n", r.id, r.level);
                println!("{}\n", if fr { &r.name.fr } else { &r.name.en });
                println!(
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
                    println!(
                        "{}: {inv}{item}\n",
                        if fr { "Référence" } else { "Reference" }
                    );
                }
                println!(
                    "{}",
                    if fr {
                        "Exemples reconnus :"
                    } else {
                        "Matches:"
                    }
                );
                for e in &r.must_match {
                    println!("  ✓ {}", e.text);
                }
                println!(
                    "{}",
                    if fr {
                        "Exemples non reconnus :"
                    } else {
                        "Does not match:"
                    }
                );
                for (t, _) in &r.must_not_match {
                    println!("  ✗ {t}");
                }
                println!(
                    "\n{}: {}:{}:{}",
                    if fr { "Défini dans" } else { "Defined in" },
                    r.file,
                    r.line,
                    r.column
                );
                return 0;
            }
        }
    }
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
    2
}
