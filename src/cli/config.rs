//! `cefrlint config [PATH]`: the effective configuration of a file or folder.

use super::args::ConfigArgs;
use super::print;
use crate::config::discover::Finder;
use crate::findings::Locale;

pub fn run(args: ConfigArgs, locale: Locale) -> i32 {
    if !args.path.exists() {
        match locale {
            Locale::En => eprintln!("cefrlint: {}: no such file or folder", args.path.display()),
            Locale::Fr => eprintln!(
                "cefrlint : {} : aucun fichier ni dossier de ce nom",
                args.path.display()
            ),
        }
        return 2;
    }
    let mut finder = Finder::default();
    let config = match &args.config {
        Some(f) => finder.load(f),
        None => finder.for_path(&args.path),
    };
    if !finder.errors.is_empty() {
        return super::config_errors(&finder.errors, locale);
    }
    let text =
        crate::config::show::render(config.as_deref(), &args.path, args.level_threshold, locale);
    i32::from(print(&text).is_err()) * 2
}
