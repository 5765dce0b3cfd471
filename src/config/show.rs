//! `cefrlint config [PATH]`: the effective configuration, as YAML, with where each value
//! comes from (a `# file:line:column` comment, or `# default`).

use std::fmt::Write as _;
use std::path::Path;

use super::{apply::FileConfig, Config};
use crate::checks::Settings;
use crate::findings::Locale;

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// The effective configuration for `path` (`None`: no configuration file applies).
/// `cli_threshold` is `--level-threshold` when given.
pub fn render(
    config: Option<&Config>,
    path: &Path,
    cli_threshold: Option<i32>,
    locale: Locale,
) -> String {
    let fr = locale == Locale::Fr;
    let mut o = String::new();
    let shown = super::discover::shown(path);
    let _ = match (config, fr) {
        (Some(c), false) => writeln!(o, "# Configuration of {shown}: {}", c.display),
        (Some(c), true) => writeln!(o, "# Configuration de {shown} : {}", c.display),
        (None, false) => writeln!(
            o,
            "# Configuration of {shown}: no cefrlint.yaml found; defaults"
        ),
        (None, true) => writeln!(
            o,
            "# Configuration de {shown} : aucun cefrlint.yaml trouvé ; valeurs par défaut"
        ),
    };
    let default = if fr { "défaut" } else { "default" };
    let at = |span| config.map_or(String::new(), |c| c.origin(span));

    // select / ignore
    match config.and_then(|c| c.select.as_ref()) {
        Some(list) => {
            let _ = writeln!(o, "select:");
            for s in list {
                let _ = writeln!(o, "  - {}  # {}", s.value.as_str(), at(s.span));
            }
        }
        None => {
            let _ = writeln!(o, "select: [all]  # {default}");
        }
    }
    match config.map(|c| &c.ignore).filter(|l| !l.is_empty()) {
        Some(list) => {
            let _ = writeln!(o, "ignore:");
            for s in list {
                let _ = writeln!(o, "  - {}  # {}", s.value.as_str(), at(s.span));
            }
        }
        None => {
            let _ = writeln!(o, "ignore: []  # {default}");
        }
    }
    match config.map(|c| &c.severity).filter(|l| !l.is_empty()) {
        Some(list) => {
            let _ = writeln!(o, "severity:");
            for (s, sev) in list {
                let _ = writeln!(
                    o,
                    "  {}: {}  # {}",
                    s.value.as_str(),
                    sev.value,
                    at(sev.span)
                );
            }
        }
        None => {
            let _ = writeln!(o, "severity: {{}}  # {default}");
        }
    }

    // level-threshold, per family, with where each comes from.
    let _ = writeln!(o, "level-threshold:");
    let t = config.map(|c| c.thresholds.clone()).unwrap_or_default();
    let base = Settings::default().level_threshold;
    let cli = if fr {
        "ligne de commande"
    } else {
        "command line"
    };
    for (family, own) in [
        ("vocabulary", &t.vocabulary),
        ("grammar", &t.grammar),
        ("level", &t.level),
    ] {
        let (value, from) = match (cli_threshold, own, &t.all) {
            (Some(n), _, _) => (n, format!("{cli} (--level-threshold)")),
            (None, Some(v), _) | (None, None, Some(v)) => (v.value, at(v.span)),
            (None, None, None) => (base, default.to_string()),
        };
        let _ = writeln!(o, "  {family}: {value}  # {from}");
    }

    // paths, and what they give this path.
    match config.map(|c| &c.paths).filter(|l| !l.is_empty()) {
        Some(list) => {
            let _ = writeln!(o, "paths:");
            for p in list {
                let _ = writeln!(
                    o,
                    "  - glob: {}  # {}",
                    quote(&p.glob.value),
                    at(p.glob.span)
                );
                if let Some(l) = &p.lang {
                    let _ = writeln!(o, "    lang: {}", l.value);
                }
                if let Some(l) = &p.support_lang {
                    let _ = writeln!(o, "    support-lang: {}", l.value);
                }
                if let Some(l) = &p.level {
                    let _ = writeln!(o, "    level: {}", l.value);
                }
            }
        }
        None => {
            let _ = writeln!(o, "paths: []  # {default}");
        }
    }
    if !path.is_dir() {
        let d = FileConfig::new(config, path).defaults();
        let _ = if fr {
            writeln!(
                o,
                "# Ce que `paths` donne à {shown} (si le fichier ne le déclare pas) :"
            )
        } else {
            writeln!(
                o,
                "# What `paths` gives {shown} (when the file does not declare it):"
            )
        };
        let none = if fr { "rien" } else { "nothing" };
        let show = |v: Option<String>| v.unwrap_or_else(|| none.to_string());
        let _ = writeln!(o, "#   lang: {}", show(d.language.map(|l| l.to_string())));
        let _ = writeln!(
            o,
            "#   support-lang: {}",
            show(d.support_language.map(|l| l.to_string()))
        );
        let _ = writeln!(o, "#   level: {}", show(d.level.map(|l| l.to_string())));
    }

    // allowed words and dictionary.
    match config.map(|c| &c.allow_words).filter(|l| !l.is_empty()) {
        Some(list) => {
            let _ = writeln!(o, "allow-words:");
            for w in list {
                let _ = writeln!(o, "  - {}  # {}", quote(&w.word), w.origin);
            }
        }
        None => {
            let _ = writeln!(o, "allow-words: []  # {default}");
        }
    }
    match config.and_then(|c| c.dictionary.as_ref()) {
        Some(d) => {
            let _ = writeln!(
                o,
                "dictionary: {}  # {}",
                quote(&super::discover::shown(&d.value)),
                at(d.span)
            );
        }
        None => {
            let _ = writeln!(o, "dictionary: null  # {default}");
        }
    }
    match config.map(|c| &c.ignore_items).filter(|l| !l.is_empty()) {
        Some(list) => {
            let _ = writeln!(o, "ignore-items:");
            for e in list {
                let _ = writeln!(
                    o,
                    "  - glob: {}  # {}",
                    quote(&e.glob.value),
                    at(e.glob.span)
                );
                let items: Vec<String> = e.items.iter().map(|i| quote(&i.value)).collect();
                let _ = writeln!(o, "    items: [{}]", items.join(", "));
                if !e.rules.is_empty() {
                    let rules: Vec<&str> = e.rules.iter().map(|r| r.value.as_str()).collect();
                    let _ = writeln!(o, "    rules: [{}]", rules.join(", "));
                }
            }
        }
        None => {
            let _ = writeln!(o, "ignore-items: []  # {default}");
        }
    }
    o
}
