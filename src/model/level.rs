//! CEFR levels (A1 … C2).

use std::fmt;
use std::str::FromStr;

/// A CEFR level. Ordered: `A1 < A2 < … < C2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::A1,
        Level::A2,
        Level::B1,
        Level::B2,
        Level::C1,
        Level::C2,
    ];

    /// 0 for A1 … 5 for C2.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<Level> {
        Level::ALL.get(i).copied()
    }

    /// The level whose band holds a continuous score (1.0 = A1 … 6.0 = C2).
    pub fn from_score(score: f64) -> Level {
        let i = (score.round() as i64 - 1).clamp(0, 5) as usize;
        Level::ALL[i]
    }

    pub fn as_str(self) -> &'static str {
        ["A1", "A2", "B1", "B2", "C1", "C2"][self.index()]
    }

    /// Signed distance in levels: `B2.distance(A1) == 3`.
    pub fn distance(self, other: Level) -> i32 {
        self.index() as i32 - other.index() as i32
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a level string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidLevel(pub String);

impl fmt::Display for InvalidLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a CEFR level (A1, A2, B1, B2, C1, C2)",
            self.0
        )
    }
}

impl FromStr for Level {
    type Err = InvalidLevel;

    /// Accepts `A1`…`C2` in any case, with optional spaces (`b 1`), and `1`…`6`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let level = match compact.as_str() {
            "A1" | "1" => Level::A1,
            "A2" | "2" => Level::A2,
            "B1" | "3" => Level::B1,
            "B2" | "4" => Level::B2,
            "C1" | "5" => Level::C1,
            "C2" | "6" => Level::C2,
            _ => return Err(InvalidLevel(s.to_string())),
        };
        Ok(level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        assert_eq!("b1".parse::<Level>().unwrap(), Level::B1);
        assert_eq!(" C 2 ".parse::<Level>().unwrap(), Level::C2);
        assert_eq!("4".parse::<Level>().unwrap(), Level::B2);
        assert!("A3".parse::<Level>().is_err());
        assert!(Level::A1 < Level::C2);
        assert_eq!(Level::B2.distance(Level::A1), 3);
        assert_eq!(Level::from_score(2.4), Level::A2);
        assert_eq!(Level::from_score(9.0), Level::C2);
    }
}
