//! Command-line errors in French (`--locale fr`, or `LANG=fr_FR.UTF-8`): clap writes its own
//! errors in English only, so the French text is made here from the error's kind and context
//! (`ContextKind::InvalidArg`, `InvalidValue`, `ValidValue`, `SuggestedArg`…). English stays
//! clap's own rendering.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The whole message of a command-line error in French: the cause, the suggestions, the
/// usage line and where to find help, as clap lays them out in English.
pub fn render(e: &clap::Error) -> String {
    let mut out = format!("erreur : {}", cause(e));
    let mut suggested = false;
    let mut tip = |out: &mut String, text: String| {
        if !suggested {
            out.push('\n');
            suggested = true;
        }
        out.push_str(&format!("\n  astuce : {text}"));
    };
    for (kind, one, several) in [
        (
            ContextKind::SuggestedSubcommand,
            "une sous-commande proche existe",
            "des sous-commandes proches existent",
        ),
        (
            ContextKind::SuggestedArg,
            "un argument proche existe",
            "des arguments proches existent",
        ),
        (
            ContextKind::SuggestedValue,
            "une valeur proche existe",
            "des valeurs proches existent",
        ),
    ] {
        match e.get(kind) {
            Some(ContextValue::String(s)) => tip(&mut out, format!("{one} : « {s} »")),
            Some(ContextValue::Strings(v)) if v.len() == 1 => {
                tip(&mut out, format!("{one} : « {} »", v[0]))
            }
            Some(ContextValue::Strings(v)) if !v.is_empty() => tip(
                &mut out,
                format!(
                    "{several} : {}",
                    v.iter()
                        .map(|s| format!("« {s} »"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            _ => {}
        }
    }
    if let Some(ContextValue::StyledStrs(v)) = e.get(ContextKind::Suggested) {
        for s in v {
            tip(&mut out, suggestion(&s.to_string()));
        }
    }
    if let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) {
        out.push_str("\n\n");
        out.push_str(&usage(&u.to_string()));
    }
    out.push_str("\n\nPour en savoir plus, essayez « --help ».\n");
    out
}

/// A usage line with its title in French.
pub fn usage(u: &str) -> String {
    let u = u.trim_end();
    let body = u.strip_prefix("Usage:").map(str::trim_start).unwrap_or(u);
    format!(
        "Utilisation : {}",
        body.replace("<COMMAND>", "<COMMANDE>")
            .replace("\n       ", "\n               ")
    )
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> Option<isize> {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// `\n  [valeurs possibles : a, b]` when the error lists valid values.
fn values_list(e: &clap::Error, kind: ContextKind, name: &str) -> String {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            format!("\n  [{name} : {}]", v.join(", "))
        }
        _ => String::new(),
    }
}

fn were_given(n: isize) -> String {
    if n > 1 {
        format!("{n} ont été donnés")
    } else {
        format!("{n} a été donné")
    }
}

/// The cause of the error, in French.
fn cause(e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::ArgumentConflict => {
            let prior = e.get(ContextKind::PriorArg);
            let mut s = match (&arg, string(e, ContextKind::InvalidSubcommand)) {
                (Some(a), _) if prior == Some(&ContextValue::String(a.clone())) => {
                    return format!("l'argument « {a} » ne peut pas être donné plusieurs fois")
                }
                (Some(a), _) => format!("l'argument « {a} » ne peut pas être utilisé avec"),
                (None, Some(sub)) => {
                    format!("la sous-commande « {sub} » ne peut pas être utilisée avec")
                }
                (None, None) => "des arguments incompatibles ont été donnés".to_string(),
            };
            match prior {
                Some(ContextValue::Strings(v)) => {
                    s.push_str(" :");
                    for x in v {
                        s.push_str(&format!("\n  {x}"));
                    }
                }
                Some(ContextValue::String(x)) => s.push_str(&format!(" « {x} »")),
                _ if arg.is_some() => s.push_str(" un ou plusieurs des autres arguments donnés"),
                _ => {}
            }
            s
        }
        ErrorKind::NoEquals => format!(
            "il faut un signe égal pour donner une valeur à « {} »",
            arg.unwrap_or_default()
        ),
        ErrorKind::InvalidValue => {
            let a = arg.unwrap_or_default();
            let v = value.unwrap_or_default();
            let head = if v.is_empty() {
                format!("une valeur est requise pour « {a} », mais aucune n'a été donnée")
            } else {
                format!("valeur « {v} » invalide pour « {a} »")
            };
            head + &values_list(e, ContextKind::ValidValue, "valeurs possibles")
        }
        ErrorKind::InvalidSubcommand => format!(
            "sous-commande « {} » inconnue",
            string(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            let mut s = "les arguments obligatoires suivants n'ont pas été donnés :".to_string();
            if let Some(ContextValue::Strings(v)) = e.get(ContextKind::InvalidArg) {
                for x in v {
                    s.push_str(&format!("\n  {x}"));
                }
            }
            s
        }
        ErrorKind::MissingSubcommand => {
            format!(
                "« {} » demande une sous-commande, mais aucune n'a été donnée",
                string(e, ContextKind::InvalidSubcommand).unwrap_or_default()
            ) + &values_list(e, ContextKind::ValidSubcommand, "sous-commandes")
        }
        ErrorKind::InvalidUtf8 => "un argument n'est pas de l'UTF-8 valide".to_string(),
        ErrorKind::TooManyValues => format!(
            "valeur inattendue « {} » pour « {} » ; il n'en fallait pas d'autre",
            value.unwrap_or_default(),
            arg.unwrap_or_default()
        ),
        ErrorKind::TooFewValues => format!(
            "{} valeurs sont requises par « {} » ; seulement {}",
            number(e, ContextKind::MinValues).unwrap_or(0),
            arg.unwrap_or_default(),
            were_given(number(e, ContextKind::ActualNumValues).unwrap_or(0))
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "{} valeurs sont requises pour « {} », mais {}",
            number(e, ContextKind::ExpectedNumValues).unwrap_or(0),
            arg.unwrap_or_default(),
            were_given(number(e, ContextKind::ActualNumValues).unwrap_or(0))
        ),
        ErrorKind::ValueValidation => {
            let mut s = format!(
                "valeur « {} » invalide pour « {} »",
                value.unwrap_or_default(),
                arg.unwrap_or_default()
            );
            if let Some(src) = std::error::Error::source(e) {
                s.push_str(" : ");
                s.push_str(&validation(&src.to_string()));
            }
            s
        }
        ErrorKind::UnknownArgument => format!("argument inattendu « {} »", arg.unwrap_or_default()),
        ErrorKind::Io => "erreur d'entrée-sortie".to_string(),
        ErrorKind::Format => "erreur de mise en forme".to_string(),
        _ => "ligne de commande invalide".to_string(),
    }
}

/// The reason a value parser gave, in French: those of the standard library and of clap's
/// parsers that cefrlint uses (cefrlint's own parsers already speak the interface language,
/// see `super::parse_locale`).
fn validation(msg: &str) -> String {
    let m = msg.trim();
    match m {
        "invalid digit found in string" => return "ce n'est pas un nombre entier".into(),
        "cannot parse integer from empty string" => return "la valeur est vide".into(),
        "number too large to fit in target type" => return "nombre trop grand".into(),
        "number too small to fit in target type" => return "nombre trop petit".into(),
        _ => {}
    }
    // clap's ranged integer parser: `9 is not in 1..=5`.
    if let Some((v, range)) = m.split_once(" is not in ") {
        return format!("{v} n'est pas dans l'intervalle {range}");
    }
    m.to_string()
}

/// clap's suggestions (`Suggested` context), in French.
fn suggestion(s: &str) -> String {
    // "to pass '--x' as a value, use '-- --x'"
    if let Some(rest) = s.strip_prefix("to pass '") {
        if let Some((arg, _)) = rest.split_once("' as a value") {
            return format!("pour passer « {arg} » comme valeur, écrivez « -- {arg} »");
        }
    }
    // "subcommand 'x' exists; to use it, remove the '--' before it"
    if let Some(rest) = s.strip_prefix("subcommand '") {
        if let Some((sub, _)) = rest.split_once("' exists") {
            return format!(
                "la sous-commande « {sub} » existe ; pour l'utiliser, retirez le « -- » qui la précède"
            );
        }
    }
    // "'sub --flag' exists"
    if let Some(rest) = s.strip_prefix('\'') {
        if let Some(x) = rest.strip_suffix("' exists") {
            return format!("« {x} » existe");
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_reasons_are_translated() {
        assert_eq!(
            validation("9 is not in 1..=5"),
            "9 n'est pas dans l'intervalle 1..=5"
        );
        assert_eq!(
            validation("invalid digit found in string"),
            "ce n'est pas un nombre entier"
        );
    }

    #[test]
    fn suggestions_are_translated() {
        assert_eq!(
            suggestion("to pass '--x' as a value, use '-- --x'"),
            "pour passer « --x » comme valeur, écrivez « -- --x »"
        );
        assert_eq!(suggestion("'rules test' exists"), "« rules test » existe");
    }

    #[test]
    fn usage_title_is_french() {
        assert_eq!(
            usage("Usage: cefrlint <COMMAND>\n"),
            "Utilisation : cefrlint <COMMANDE>"
        );
    }
}
