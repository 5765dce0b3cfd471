//! The progress bar on stderr (indicatif): only when stderr is a terminal, and only once the
//! run is big (more than [`MANY_FILES`] inputs) or slow (more than [`SLOW`]); silent otherwise,
//! so that logs and pipes never see it.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::findings::Locale;
use crate::pipeline::Progress;

/// Runs with more inputs than this show the bar at once.
pub const MANY_FILES: usize = 200;
/// Smaller runs show it once they have taken this long.
pub const SLOW: Duration = Duration::from_secs(1);

pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    shown: OnceLock<()>,
    enabled: bool,
    locale: Locale,
}

impl Bar {
    /// A bar that will draw on stderr if `enabled` (stderr is a terminal, not `--quiet`).
    pub fn new(enabled: bool, locale: Locale) -> Bar {
        Bar {
            bar: ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden()),
            started: Instant::now(),
            shown: OnceLock::new(),
            enabled,
            locale,
        }
    }

    fn show(&self) {
        self.shown.get_or_init(|| {
            let template = match self.locale {
                Locale::En => "{bar:40} {pos}/{len} files, {elapsed}",
                Locale::Fr => "{bar:40} {pos}/{len} fichiers, {elapsed}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                self.bar.set_style(style);
            }
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        });
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        self.bar.set_length(files as u64);
        if self.enabled && files > MANY_FILES {
            self.show();
        }
    }

    fn file_done(&self) {
        self.bar.inc(1);
        if self.enabled && self.shown.get().is_none() && self.started.elapsed() > SLOW {
            self.show();
        }
    }
}
