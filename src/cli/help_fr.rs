//! The command line's help in French (`--locale fr`, or `LANG=fr_FR.UTF-8`): the clap
//! definition stays in English (doc comments in args.rs); this table gives the French text of
//! each command and argument, applied to the built command. An argument missing from the
//! table keeps its English help.

use clap::Command;

/// French `about` of the root command and of each subcommand, by name.
const COMMANDS: &[(&str, &str)] = &[
    (
        "cefrlint",
        "Vérifie des contenus d'apprentissage des langues par rapport au CECRL : niveaux, vocabulaire, grammaire.",
    ),
    ("check", "Vérifie des fichiers et dossiers de leçons."),
    (
        "rules",
        "Liste les règles (ou, avec --lang, les structures grammaticales d'une langue) ; `rules test` exécute les exemples d'un jeu de règles.",
    ),
    (
        "test",
        "Valide un jeu de règles et exécute les exemples de chaque règle de grammaire ; signale chaque règle fautive.",
    ),
    (
        "explain",
        "Explique une règle : ce qu'elle vérifie, pourquoi c'est important, un exemple, comment la faire taire.",
    ),
    (
        "eval",
        "Mesure l'accord avec des textes étiquetés par des experts (TSV/CSV de texte et niveau, CEFR-SP, ou dossier de .txt par niveau).",
    ),
    (
        "completions",
        "Écrit un script de complétion pour un shell (bash, zsh, fish, elvish, powershell).",
    ),
    ("man", "Écrit la page de manuel (roff)."),
    (
        "config",
        "Affiche la configuration effective (cefrlint.yaml) d'un chemin, avec l'origine de chaque valeur.",
    ),
    ("help", "Affiche ce message ou l'aide d'une sous-commande."),
];

/// French help of arguments, by (command, argument id); command `*` for any command.
const ARGS: &[(&str, &str, &str)] = &[
    ("*", "help", "Affiche l'aide (un résumé avec -h)."),
    ("*", "version", "Affiche la version."),
    (
        "*",
        "locale",
        "Langue de l'interface : en ou fr (par défaut : selon LANG / LC_ALL, sinon l'anglais).",
    ),
    (
        "check",
        "paths",
        "Fichiers et dossiers à vérifier (les dossiers sont parcourus récursivement, en respectant .gitignore).",
    ),
    (
        "check",
        "lang",
        "Langue cible des entrées qui n'en déclarent pas (ISO 639-1 : en, fr, es, de, it).",
    ),
    (
        "check",
        "support_lang",
        "Langue d'appui (consignes, traductions) des entrées qui n'en déclarent pas.",
    ),
    (
        "check",
        "level",
        "Niveau du CECRL (A1..C2) des entrées qui n'en déclarent pas.",
    ),
    ("*", "format", "Format de sortie."),
    (
        "check",
        "fail_on",
        "Sortir avec le code 1 quand un signalement a cette gravité ou une plus haute.",
    ),
    (
        "check",
        "jobs",
        "Nombre de fils d'exécution (par défaut : un par cœur).",
    ),
    (
        "*",
        "rules",
        "Utiliser les jeux de règles du DOSSIER (rules/<langue>/…) au lieu des règles intégrées.",
    ),
    (
        "check",
        "level_threshold",
        "De combien de niveaux au-dessus (ou au-dessous) du niveau déclaré un mot, une structure ou une estimation doit être pour être signalé.",
    ),
    (
        "check",
        "color",
        "Quand utiliser des couleurs dans la sortie pour humains.",
    ),
    (
        "check",
        "quiet",
        "N'afficher que les signalements : ni ligne de résumé, ni barre de progression.",
    ),
    (
        "check",
        "statistics",
        "Afficher aussi le nombre de signalements par règle (human, concise : un tableau ; json : un objet `statistics`).",
    ),
    (
        "check",
        "baseline",
        "Masquer les signalements enregistrés dans ce fichier de référence (voir --write-baseline).",
    ),
    (
        "check",
        "write_baseline",
        "Enregistrer les signalements du jour dans FICHIER, pour que les analyses suivantes avec --baseline FICHIER les masquent.",
    ),
    (
        "check",
        "csv_delimiter",
        "Séparateur de champs de --format csv : un caractère ASCII, ou `tab` (`;` convient aux tableurs à virgule décimale).",
    ),
    (
        "check",
        "markdown_rows",
        "Nombre de signalements dans le tableau de --format markdown.",
    ),
    (
        "rules",
        "lang",
        "Lister les structures grammaticales de cette langue au lieu des règles.",
    ),
    (
        "rules",
        "level",
        "Avec --lang : seulement les structures de ce niveau.",
    ),
    (
        "test",
        "dir",
        "Un dossier de règles (avec des sous-dossiers <langue>/) ; par défaut, les règles intégrées.",
    ),
    (
        "explain",
        "rule",
        "Un code de règle (`vocabulary/above-level`) ou une structure grammaticale (`en/present-perfect-simple`).",
    ),
    (
        "eval",
        "paths",
        "Un fichier TSV/CSV `texte, niveau[, niveau]` (niveaux A1..C2 ou 1..6), ou un dossier de fichiers .txt dont le niveau est le nom du dossier (B1/) ou la fin du nom (_B1.txt). Plusieurs sont évalués ensemble.",
    ),
    ("eval", "lang", "Langue des textes."),
    (
        "eval",
        "worst",
        "Combien des pires désaccords afficher.",
    ),
    (
        "eval",
        "predictions",
        "Écrire aussi la prédiction et les mesures de chaque échantillon dans FICHIER (TSV), pour l'étalonnage.",
    ),
    (
        "check",
        "config",
        "Utiliser ce fichier de configuration pour toutes les entrées, au lieu de chercher cefrlint.yaml depuis chaque chemin vérifié vers le haut.",
    ),
    (
        "check",
        "no_config",
        "N'utiliser aucun fichier de configuration.",
    ),
    (
        "check",
        "output",
        "Écrire le rapport dans FICHIER au lieu de la sortie standard (remplacé d'un coup, jamais à moitié écrit).",
    ),
    (
        "check",
        "columns",
        "Noms des en-têtes des colonnes CSV/TSV (et des champs Anki) quand ce ne sont pas les noms usuels : `term=Mot,translation=Sens` (clés : term, translation, example, definition, answer, level, lang, support_lang, id).",
    ),
    (
        "check",
        "dict_dir",
        "Lire d'abord les dictionnaires orthographiques (<langue>.aff/.dic, de_DE.aff/.dic, it_IT.aff/.dic…) dans DOSSIER ; l'allemand et l'italien sont sinon lus dans /usr/share/hunspell s'ils sont installés.",
    ),
    (
        "check",
        "allow_words",
        "Mots jamais signalés comme mal orthographiés : un fichier avec un mot par ligne (commentaires `#`).",
    ),
    (
        "check",
        "no_spelling",
        "Ne pas lancer les vérifications d'orthographe (spelling/*).",
    ),
    (
        "check",
        "no_language",
        "Ne pas lancer les vérifications de langue (language/*).",
    ),
    ("completions", "shell", "Le shell pour lequel compléter."),
    (
        "config",
        "path",
        "Le fichier ou dossier dont afficher la configuration.",
    ),
    (
        "config",
        "config",
        "Afficher ce fichier de configuration au lieu du cefrlint.yaml le plus proche.",
    ),
    (
        "config",
        "level_threshold",
        "Comme `check --level-threshold` : affiché comme l'emportant sur la configuration.",
    ),
];

/// French value names (`--level <NIVEAU>`), as the French help's texts name them.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("PATH", "CHEMIN"),
    ("LEVEL", "NIVEAU"),
    ("FILE", "FICHIER"),
    ("DIR", "DOSSIER"),
    ("LOCALE", "LANGUE"),
    ("CHAR", "CAR"),
    ("RULE", "RÈGLE"),
    ("KEY=HEADER,...", "CLÉ=EN-TÊTE,..."),
];

/// The French value name of an argument, when it has one to translate.
fn value_name(a: &clap::Arg) -> Option<&'static str> {
    let names: Vec<String> = match a.get_value_names() {
        Some(v) => v.iter().map(|n| n.to_string()).collect(),
        None if a.is_positional() => vec![a.get_id().as_str().to_ascii_uppercase()],
        None => return None,
    };
    let [name] = names.as_slice() else {
        return None;
    };
    VALUE_NAMES
        .iter()
        .find(|(en, _)| en == name)
        .map(|(_, fr)| *fr)
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

fn translate(cmd: Command) -> Command {
    let name = cmd.get_name().to_string();
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes");
    if cmd.has_subcommands() {
        cmd = cmd.subcommand_value_name("COMMANDE");
    }
    if let Some((_, about)) = COMMANDS.iter().find(|(n, _)| *n == name) {
        cmd = cmd.about(*about).long_about(None::<&str>);
    }
    cmd = cmd.mut_args(|a| {
        let a = match value_name(&a) {
            Some(fr) => a.value_name(fr),
            None => a,
        };
        let id = a.get_id().as_str().to_string();
        let fr = ARGS
            .iter()
            .find(|(c, i, _)| *c == name && *i == id)
            .or_else(|| ARGS.iter().find(|(c, i, _)| *c == "*" && *i == id));
        let Some((_, _, help)) = fr else {
            return a;
        };
        // clap writes "possible values" and "default" in English: say them here instead.
        let mut text = help.to_string();
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() && id != "help" && id != "version" {
            text.push_str(&format!(" Valeurs : {}.", values.join(", ")));
        }
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            text.push_str(&format!(" Par défaut : `{}`.", defaults.join(" ")));
        }
        a.help(text)
            .long_help(None::<&str>)
            .hide_possible_values(true)
            .hide_default_value(true)
    });
    cmd.mut_subcommands(translate)
}

/// The command with its help in French (built first, so that `--help` and `--version` exist).
pub fn french(mut cmd: Command) -> Command {
    cmd.build();
    translate(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_argument_has_french_help() {
        fn walk(cmd: &Command) {
            if cmd.get_name() == "help" {
                // clap's own `help` subcommand: its description is in COMMANDS.
                return;
            }
            let about = cmd.get_about().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                COMMANDS.iter().any(|(_, fr)| about == *fr),
                "`{}` has no French description: {about}",
                cmd.get_name()
            );
            for a in cmd.get_arguments() {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(
                    ARGS.iter().any(|(_, _, fr)| help.starts_with(fr)),
                    "{} --{} has no French help: {help}",
                    cmd.get_name(),
                    a.get_id()
                );
            }
            for sub in cmd.get_subcommands() {
                walk(sub);
            }
        }
        walk(&french(super::super::args::Cli::command()));
    }

    #[test]
    fn value_names_are_french() {
        let cmd = french(super::super::args::Cli::command());
        let check = cmd.find_subcommand("check").unwrap();
        let level = check
            .get_arguments()
            .find(|a| a.get_id() == "level")
            .unwrap();
        assert_eq!(level.get_value_names().unwrap()[0].as_str(), "NIVEAU");
        let explain = cmd.find_subcommand("explain").unwrap();
        let rule = explain
            .get_arguments()
            .find(|a| a.get_id() == "rule")
            .unwrap();
        assert_eq!(rule.get_value_names().unwrap()[0].as_str(), "RÈGLE");
    }

    #[test]
    fn every_argument_of_check_has_french_help() {
        let cmd = french(super::super::args::Cli::command());
        let check = cmd.find_subcommand("check").unwrap();
        assert_eq!(
            check.get_about().unwrap().to_string(),
            "Vérifie des fichiers et dossiers de leçons."
        );
        for a in check.get_arguments() {
            let id = a.get_id().as_str();
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                ARGS.iter().any(|(_, _, fr)| help.starts_with(fr)),
                "--{id} has no French help: {help}"
            );
        }
    }
}
