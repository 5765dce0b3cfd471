//! Errors in rule files, always with the file, line and column.

use std::fmt;

use crate::findings::{Locale, Msg};
use crate::source::SourceFile;

/// A problem in a rule file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: Msg,
}

impl RuleError {
    pub fn at(src: &SourceFile, offset: usize, message: Msg) -> Self {
        let lc = src.line_col(offset);
        RuleError {
            file: src.path.to_string(),
            line: lc.line,
            column: lc.column,
            message,
        }
    }

    /// `file:line:column: message`, the message in the interface language.
    pub fn localized(&self, locale: Locale) -> String {
        let sep = match locale {
            Locale::En => ":",
            Locale::Fr => " :",
        };
        format!(
            "{}:{}:{}{sep} {}",
            self.file,
            self.line,
            self.column,
            self.message.get(locale)
        )
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Locale::En))
    }
}

/// Every error found in a rule set (loading reports them all, not only the first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

impl RuleErrors {
    /// Every error, one per line, in the interface language.
    pub fn localized(&self, locale: Locale) -> String {
        self.0
            .iter()
            .map(|e| e.localized(locale))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
