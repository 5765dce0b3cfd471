//! `cefrlint completions SHELL` and `cefrlint man`: generated from the same clap definition
//! as the parser, so they always list the real subcommands and options.

use clap::CommandFactory;

use super::args::Cli;

pub fn completions(shell: clap_complete::Shell) -> i32 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cefrlint", &mut out);
    match super::print(&String::from_utf8_lossy(&out)) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

/// The man page, in the interface language (`--locale fr` or a French `LANG`: the
/// descriptions are the French help's).
pub fn man(locale: crate::findings::Locale) -> i32 {
    let cmd = match locale {
        crate::findings::Locale::En => Cli::command(),
        crate::findings::Locale::Fr => super::help_fr::french(Cli::command()),
    };
    let mut out = Vec::new();
    if clap_mangen::Man::new(cmd.clone()).render(&mut out).is_err() {
        return 2;
    }
    // Subcommands get their own sections, so that `man cefrlint` documents `check` options.
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let title = format!("cefrlint-{}", sub.get_name());
        let _ = clap_mangen::Man::new(sub.clone())
            .title(title)
            .render(&mut out);
    }
    match super::print(&String::from_utf8_lossy(&out)) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}
