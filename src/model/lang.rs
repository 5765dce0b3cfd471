//! Language codes.

use std::fmt;

/// An ISO 639-1 language code, lower case (`en`, `fr`, …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(String);

impl Lang {
    /// Accepts `fr`, `FR`, `fr-FR`, `fr_CA`, `fre`/`fra`, and English or native names of the
    /// five first languages. Returns `None` for anything else that is not two ASCII letters.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim();
        let base = s
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let code = match base.as_str() {
            "eng" | "english" | "anglais" => "en",
            "fre" | "fra" | "french" | "français" | "francais" => "fr",
            "spa" | "spanish" | "español" | "espanol" | "espagnol" => "es",
            "ger" | "deu" | "german" | "deutsch" | "allemand" => "de",
            "ita" | "italian" | "italiano" | "italien" => "it",
            other if other.len() == 2 && other.chars().all(|c| c.is_ascii_alphabetic()) => other,
            _ => return None,
        };
        Some(Lang(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn normalises_codes() {
        assert_eq!(Lang::parse("FR-ca").unwrap().as_str(), "fr");
        assert_eq!(Lang::parse("deu").unwrap().as_str(), "de");
        assert_eq!(Lang::parse("es").unwrap().as_str(), "es");
        assert!(Lang::parse("e1").is_none());
        assert!(Lang::parse("").is_none());
    }
}
