//! The level estimate of an item (or lesson): how the vocabulary profile, the grammar profile
//! and sentence length combine into one level, a continuous score and a confidence.
//!
//! The combination is written down here and in `docs/estimator.md`, and its numbers are data
//! (`rules/estimator.yaml`, or `rules/<lang>/estimator.yaml`), not code:
//!
//! - vocabulary: the level (1 = A1 … 6 = C2) at the `vocabulary_percentile` of the graded
//!   words, taken in order of difficulty (the "k-th hardest word");
//! - grammar: the level of the hardest structure found, or the vocabulary score when no
//!   structure was found (absence of evidence is not evidence of an easy text);
//! - length: mean words per sentence, placed between the `length_levels` thresholds;
//! - `score = bias + w_vocabulary × vocabulary + w_grammar × grammar + w_length × length`,
//!   clamped to 1…6; the estimated level is the band of `level_thresholds` the score falls in
//!   (by default, the score rounded to the nearest level);
//! - confidence grows with the number of graded words (full at `full_at_words`) and drops when
//!   the lexicon covers less than `min_coverage` of the words.

use crate::findings::Msg;
use crate::load::tree::Node;
use crate::load::yaml;
use crate::model::Level;
use crate::ruleset::RuleError;
use crate::source::SourceFile;

/// The estimator's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct EstimatorConfig {
    pub bias: f64,
    pub w_vocabulary: f64,
    pub w_grammar: f64,
    pub w_length: f64,
    /// Weight of the share of counted words the lexicon does not know (1 − coverage).
    pub w_unknown: f64,
    /// Weight of the mean level of the graded words (1 = A1 … 6 = C2).
    pub w_mean_level: f64,
    /// Weight of the mean word length, in letters.
    pub w_word_length: f64,
    pub vocabulary_percentile: f64,
    /// Mean words per sentence at which length reaches A2, B1, B2, C1, C2.
    pub length_levels: [f64; 5],
    /// Scores at which the estimated level becomes A2, B1, B2, C1, C2.
    pub level_thresholds: [f64; 5],
    pub full_at_words: f64,
    pub min_coverage: f64,
    /// Level findings need at least this confidence.
    pub min_to_report: f64,
    /// Ceiling of the confidence: below 1 for an estimator nobody has calibrated on labelled
    /// data (`rules/estimator.yaml`, used by French, Spanish and German), so that no amount of
    /// text makes its level look certain.
    pub max_confidence: f64,
}

impl Default for EstimatorConfig {
    fn default() -> Self {
        EstimatorConfig {
            bias: 0.0,
            w_vocabulary: 0.6,
            w_grammar: 0.25,
            w_length: 0.15,
            w_unknown: 0.0,
            w_mean_level: 0.0,
            w_word_length: 0.0,
            vocabulary_percentile: 0.9,
            length_levels: [8.0, 12.0, 16.0, 20.0, 25.0],
            level_thresholds: [1.5, 2.5, 3.5, 4.5, 5.5],
            full_at_words: 30.0,
            min_coverage: 0.7,
            min_to_report: 0.6,
            max_confidence: 1.0,
        }
    }
}

impl EstimatorConfig {
    pub fn parse(src: &SourceFile) -> Result<EstimatorConfig, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut c = EstimatorConfig::default();
        let root = match yaml::parse(&src.text) {
            Ok(d) => d.root,
            Err(e) => {
                let msg = Msg::new(
                    e.message.clone(),
                    format!("YAML invalide : {}", e.message_fr()),
                );
                return Err(vec![RuleError::at(src, e.offset, msg)]);
            }
        };
        let Some(root) = root.filter(|r| r.as_map().is_some()) else {
            return Err(vec![RuleError::at(
                src,
                0,
                Msg::new(
                    "the estimator file must be a mapping",
                    "le fichier de l'estimateur doit être un dictionnaire (mapping)",
                ),
            )]);
        };
        let num = |n: &Node, errors: &mut Vec<RuleError>| -> Option<f64> {
            match n.as_str().and_then(|s| s.parse::<f64>().ok()) {
                Some(v) if v.is_finite() => Some(v),
                _ => {
                    errors.push(RuleError::at(
                        src,
                        n.span.start,
                        Msg::new("expected a number", "un nombre est attendu"),
                    ));
                    None
                }
            }
        };
        for (k, v) in root.as_map().unwrap_or(&[]) {
            let key = k.as_str().unwrap_or("");
            match key {
                "version" => {}
                "weights" => {
                    for (wk, wv) in v.as_map().unwrap_or(&[]) {
                        let Some(x) = num(wv, &mut errors) else {
                            continue;
                        };
                        match wk.as_str().unwrap_or("") {
                            "bias" => c.bias = x,
                            "vocabulary" => c.w_vocabulary = x,
                            "grammar" => c.w_grammar = x,
                            "length" => c.w_length = x,
                            "unknown" => c.w_unknown = x,
                            "mean_level" => c.w_mean_level = x,
                            "word_length" => c.w_word_length = x,
                            other => errors.push(RuleError::at(
                                src,
                                wk.span.start,
                                Msg::new(
                                    format!("unknown weight `{other}`"),
                                    format!("poids inconnu `{other}`"),
                                ),
                            )),
                        }
                    }
                }
                "vocabulary_percentile" => {
                    if let Some(x) = num(v, &mut errors) {
                        if (0.0..=1.0).contains(&x) {
                            c.vocabulary_percentile = x;
                        } else {
                            errors.push(RuleError::at(
                                src,
                                v.span.start,
                                Msg::new("must be between 0 and 1", "doit être entre 0 et 1"),
                            ));
                        }
                    }
                }
                "length_levels" | "level_thresholds" => {
                    let list: Vec<f64> = v
                        .as_seq()
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(|n| num(n, &mut errors))
                        .collect();
                    if list.len() == 5 && list.windows(2).all(|w| w[0] < w[1]) {
                        if key == "length_levels" {
                            c.length_levels.copy_from_slice(&list);
                        } else {
                            c.level_thresholds.copy_from_slice(&list);
                        }
                    } else {
                        errors.push(RuleError::at(
                            src,
                            v.span.start,
                            Msg::new(
                                "expected 5 increasing numbers (A2, B1, B2, C1, C2)",
                                "5 nombres croissants attendus (A2, B1, B2, C1, C2)",
                            ),
                        ));
                    }
                }
                "confidence" => {
                    for (ck, cv) in v.as_map().unwrap_or(&[]) {
                        let Some(x) = num(cv, &mut errors) else {
                            continue;
                        };
                        match ck.as_str().unwrap_or("") {
                            "full_at_words" => c.full_at_words = x.max(1.0),
                            "min_coverage" => c.min_coverage = x,
                            "min_to_report" => c.min_to_report = x,
                            "max" if (0.0..=1.0).contains(&x) => c.max_confidence = x,
                            "max" => errors.push(RuleError::at(
                                src,
                                cv.span.start,
                                Msg::new("must be between 0 and 1", "doit être entre 0 et 1"),
                            )),
                            other => errors.push(RuleError::at(
                                src,
                                ck.span.start,
                                Msg::new(
                                    format!("unknown confidence setting `{other}`"),
                                    format!("réglage de confiance inconnu `{other}`"),
                                ),
                            )),
                        }
                    }
                }
                other => errors.push(RuleError::at(
                    src,
                    k.span.start,
                    Msg::new(
                        format!("unknown key `{other}`"),
                        format!("clé inconnue `{other}`"),
                    ),
                )),
            }
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }
}

/// What the estimate is computed from.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Levels of every graded word occurrence.
    pub word_levels: Vec<Level>,
    /// Word tokens considered (graded or not).
    pub words: usize,
    /// Word tokens of the fields that count for sentence length (prompts, texts, examples,
    /// dialogue lines: not options or answers, which are fragments).
    pub sentence_words: usize,
    /// Levels of the structures found.
    pub structure_levels: Vec<Level>,
    pub sentences: usize,
    /// Word tokens of the target-language fields (not numbers or addresses), and their
    /// letters: the mean word length.
    pub word_tokens: usize,
    pub letters: usize,
}

impl Features {
    pub fn merge(&mut self, o: &Features) {
        self.word_levels.extend_from_slice(&o.word_levels);
        self.words += o.words;
        self.sentence_words += o.sentence_words;
        self.structure_levels.extend_from_slice(&o.structure_levels);
        self.sentences += o.sentences;
        self.word_tokens += o.word_tokens;
        self.letters += o.letters;
    }
}

/// An estimated level, with its score, confidence and the parts it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub level: Level,
    /// 1.0 (A1) … 6.0 (C2).
    pub score: f64,
    /// 0 … 1.
    pub confidence: f64,
    pub vocabulary: f64,
    pub grammar: Option<f64>,
    pub length: f64,
    pub graded_words: usize,
    pub coverage: f64,
    /// Mean level of the graded words (1 = A1 … 6 = C2).
    pub mean_level: f64,
    /// Mean word length in letters.
    pub word_length: f64,
}

fn lvl(l: Level) -> f64 {
    l.index() as f64 + 1.0
}

/// Places `x` on the 1…6 scale given the thresholds at which it reaches A2…C2.
fn length_score(x: f64, t: &[f64; 5]) -> f64 {
    if x <= t[0] {
        return 1.0 + (x / t[0]).clamp(0.0, 1.0);
    }
    for i in 0..4 {
        if x <= t[i + 1] {
            return 2.0 + i as f64 + (x - t[i]) / (t[i + 1] - t[i]);
        }
    }
    6.0
}

/// Estimates a level; `None` when there is nothing graded to go on.
pub fn estimate(f: &Features, c: &EstimatorConfig) -> Option<Estimate> {
    if f.word_levels.is_empty() {
        return None;
    }
    let mut levels: Vec<f64> = f.word_levels.iter().map(|l| lvl(*l)).collect();
    levels.sort_by(f64::total_cmp);
    let k =
        ((c.vocabulary_percentile * levels.len() as f64).ceil() as usize).clamp(1, levels.len());
    let vocabulary = levels[k - 1];
    let grammar = f.structure_levels.iter().map(|l| lvl(*l)).reduce(f64::max);
    let mean_len = f.sentence_words as f64 / f.sentences.max(1) as f64;
    let length = length_score(mean_len, &c.length_levels);
    let graded = f.word_levels.len();
    let coverage = graded as f64 / f.words.max(graded).max(1) as f64;
    let mean_level = levels.iter().sum::<f64>() / levels.len() as f64;
    let word_length = f.letters as f64 / f.word_tokens.max(1) as f64;
    let score = (c.bias
        + c.w_vocabulary * vocabulary
        + c.w_grammar * grammar.unwrap_or(vocabulary)
        + c.w_length * length
        + c.w_unknown * (1.0 - coverage)
        + c.w_mean_level * mean_level
        + c.w_word_length * word_length)
        .clamp(1.0, 6.0);
    let mut confidence = (graded as f64 / c.full_at_words).min(1.0);
    if coverage < c.min_coverage {
        confidence *= coverage / c.min_coverage;
    }
    confidence = confidence.min(c.max_confidence);
    let level_index = c.level_thresholds.iter().filter(|t| score >= **t).count();
    Some(Estimate {
        level: Level::from_index(level_index).unwrap_or(Level::C2),
        score: (score * 1000.0).round() / 1000.0,
        confidence: (confidence * 1000.0).round() / 1000.0,
        vocabulary,
        grammar,
        length,
        graded_words: graded,
        coverage,
        mean_level,
        word_length,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(words: &[Level], structures: &[Level], sentences: usize) -> Features {
        Features {
            word_levels: words.to_vec(),
            words: words.len(),
            sentence_words: words.len(),
            structure_levels: structures.to_vec(),
            sentences,
            word_tokens: words.len(),
            letters: 5 * words.len(),
        }
    }

    #[test]
    fn easy_text_is_a1_and_hard_words_raise_the_score() {
        let c = EstimatorConfig::default();
        let easy = estimate(&feats(&[Level::A1; 30], &[], 5), &c).unwrap();
        assert_eq!(easy.level, Level::A1);
        assert!(easy.confidence >= 0.99);
        let mut hard_words = vec![Level::A1; 20];
        hard_words.extend([Level::C1; 10]);
        let hard = estimate(&feats(&hard_words, &[Level::B2], 3), &c).unwrap();
        assert!(hard.score > easy.score + 2.0, "{hard:?}");
        assert!(hard.level >= Level::B2);
    }

    #[test]
    fn extra_features_count_only_with_a_weight() {
        let mut f = feats(&[Level::A1, Level::A2, Level::C1], &[], 1);
        f.words = 6; // three unknown words: coverage 0.5
        f.word_tokens = 6;
        f.letters = 42;
        let base = EstimatorConfig::default();
        let e = estimate(&f, &base).unwrap();
        assert!((e.mean_level - (1.0 + 2.0 + 5.0) / 3.0).abs() < 1e-9);
        assert!((e.word_length - 7.0).abs() < 1e-9);
        assert!((e.coverage - 0.5).abs() < 1e-9);
        let weighted = EstimatorConfig {
            w_unknown: 1.0,
            w_mean_level: 0.1,
            w_word_length: 0.05,
            ..base.clone()
        };
        let w = estimate(&f, &weighted).unwrap();
        let expected = e.score + 0.5 + 0.1 * e.mean_level + 0.05 * 7.0;
        assert!(
            (w.score - expected).abs() < 1e-3,
            "{} vs {expected}",
            w.score
        );
    }

    #[test]
    fn an_uncalibrated_estimator_never_reports_full_confidence() {
        let f = feats(&[Level::A1; 60], &[], 6);
        let full = estimate(&f, &EstimatorConfig::default()).unwrap();
        assert_eq!(full.confidence, 1.0);
        let src = SourceFile::new("e.yaml", "version: 1\nconfidence: {max: 0.7}\n");
        let capped = EstimatorConfig::parse(&src).unwrap();
        let e = estimate(&f, &capped).unwrap();
        assert_eq!(e.confidence, 0.7);
        assert_eq!(e.score, full.score);
        let bad = SourceFile::new("e.yaml", "version: 1\nconfidence: {max: 1.5}\n");
        assert!(EstimatorConfig::parse(&bad).is_err());
        // The shared file (French, Spanish, German) is uncalibrated and says so; the
        // calibrated English and Italian files keep the ceiling 1.
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let read = |rel: &str| {
            let text = std::fs::read_to_string(rules.join(rel)).unwrap();
            EstimatorConfig::parse(&SourceFile::new(rel, &text)).unwrap()
        };
        assert!(read("estimator.yaml").max_confidence < read("estimator.yaml").min_to_report + 0.2);
        assert!(read("estimator.yaml").max_confidence >= read("estimator.yaml").min_to_report);
        for lang in ["en", "it"] {
            assert_eq!(read(&format!("{lang}/estimator.yaml")).max_confidence, 1.0);
        }
    }

    #[test]
    fn few_words_give_low_confidence() {
        let c = EstimatorConfig::default();
        let e = estimate(&feats(&[Level::C2, Level::C2], &[], 1), &c).unwrap();
        assert!(e.confidence < c.min_to_report);
        assert!(estimate(&feats(&[], &[], 1), &c).is_none());
    }

    #[test]
    fn parses_the_committed_file_shape() {
        let src = SourceFile::new(
            "rules/estimator.yaml",
            "version: 1\nweights: {bias: 0.1, vocabulary: 0.5, grammar: 0.3, length: 0.2, unknown: 0.4, mean_level: 0.05, word_length: 0.1}\nvocabulary_percentile: 0.8\nlength_levels: [7, 11, 15, 19, 24]\nconfidence: {full_at_words: 20, min_coverage: 0.6, min_to_report: 0.5}\n",
        );
        let c = EstimatorConfig::parse(&src).unwrap();
        assert_eq!(c.w_grammar, 0.3);
        assert_eq!(
            (c.w_unknown, c.w_mean_level, c.w_word_length),
            (0.4, 0.05, 0.1)
        );
        assert_eq!(c.length_levels[4], 24.0);
        let bad = SourceFile::new("e.yaml", "version: 1\nweights: {vocab: 1}\n");
        let e = EstimatorConfig::parse(&bad).unwrap_err();
        assert_eq!(e[0].line, 2);
    }

    #[test]
    fn calibrated_language_files_parse_and_differ_from_the_shared_one() {
        // Written by tools/calibrate.py; a file that does not parse would silently fall back
        // to nothing useful, so each committed one must parse, keep increasing thresholds and
        // non-negative weights, and share the confidence settings of rules/estimator.yaml.
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let read = |rel: &str| {
            let text = std::fs::read_to_string(rules.join(rel)).unwrap();
            EstimatorConfig::parse(&SourceFile::new(rel, &text))
                .unwrap_or_else(|e| panic!("{rel}: {e:?}"))
        };
        let shared = read("estimator.yaml");
        for lang in ["en", "it"] {
            let rel = format!("{lang}/estimator.yaml");
            let c = read(&rel);
            assert_ne!(c, shared, "{rel} is the shared file");
            assert!(c.level_thresholds.windows(2).all(|w| w[0] < w[1]), "{rel}");
            for w in [
                c.w_vocabulary,
                c.w_grammar,
                c.w_length,
                c.w_unknown,
                c.w_mean_level,
                c.w_word_length,
            ] {
                assert!(w >= 0.0, "{rel}: negative weight");
            }
            assert_eq!(c.full_at_words, shared.full_at_words, "{rel}");
            assert_eq!(c.min_coverage, shared.min_coverage, "{rel}");
            assert_eq!(c.min_to_report, shared.min_to_report, "{rel}");
        }
    }
}
