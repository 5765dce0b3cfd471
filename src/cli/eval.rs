//! `cefrlint eval`: agreement with an expert-labelled set.

use std::fmt::Write as _;

use super::args::{EvalArgs, EvalFormat};
use super::{io_error_fr, print, rulesets};
use crate::eval::{self, metrics, Prediction, Sample};
use crate::findings::Locale;
use crate::model::Level;

pub fn run(args: EvalArgs, locale: Locale) -> i32 {
    let fr = locale == Locale::Fr;
    let (mut samples, mut bad) = (Vec::new(), Vec::new());
    for path in &args.paths {
        match eval::read(path) {
            Ok((s, b)) => {
                samples.extend(s);
                bad.extend(b);
            }
            Err(e) => {
                match locale {
                    Locale::En => eprintln!("cefrlint: {}", e.en),
                    Locale::Fr => eprintln!("cefrlint : {}", e.fr),
                }
                return 2;
            }
        }
    }
    // Nothing is skipped silently: every bad row is named.
    for b in &bad {
        eprintln!(
            "{}: {} ({})",
            b.origin,
            b.message.get(locale),
            if fr { "ligne ignorée" } else { "row skipped" }
        );
    }
    let Some(lang) = crate::model::Lang::parse(&args.lang) else {
        match locale {
            Locale::En => eprintln!("cefrlint: --lang {}: not a language code", args.lang),
            Locale::Fr => eprintln!(
                "cefrlint : --lang {} : ce n'est pas un code de langue",
                args.lang
            ),
        }
        return 2;
    };
    let sets = rulesets(args.rules.as_deref());
    let rules = match sets.get(lang.as_str()) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            eprintln!("{}", e.localized(locale));
            return 2;
        }
        None => {
            match locale {
                Locale::En => eprintln!("cefrlint: no rule set for `{lang}`"),
                Locale::Fr => eprintln!("cefrlint : aucun jeu de règles pour « {lang} »"),
            }
            return 2;
        }
    };
    let predictions = eval::predict(&samples, &rules);
    let pairs: Vec<(&[Level], Option<Level>)> = samples
        .iter()
        .zip(&predictions)
        .map(|(s, p)| (s.gold.as_slice(), p.level))
        .collect();
    let m = metrics::compute(&pairs);
    if let Some(path) = &args.predictions {
        if let Err(e) =
            crate::report::write_atomically(path, &predictions_tsv(&samples, &predictions))
        {
            match locale {
                Locale::En => eprintln!("cefrlint: {}: {e}", path.display()),
                Locale::Fr => eprintln!("cefrlint : {} : {}", path.display(), io_error_fr(&e)),
            }
            return 2;
        }
    }
    let out = match args.format {
        EvalFormat::Human => human(&args, &samples, &predictions, &m, bad.len(), fr),
        EvalFormat::Json => json(&args, &samples, &predictions, &m, bad.len()),
    };
    if print(&out).is_err() {
        return 2;
    }
    if bad.is_empty() {
        0
    } else {
        2
    }
}

/// Samples ordered by how far cefrlint is from the nearest expert label, farthest first.
fn worst<'a>(
    samples: &'a [Sample],
    preds: &'a [Prediction],
    n: usize,
) -> Vec<(&'a Sample, &'a Prediction, i32)> {
    let mut v: Vec<_> = samples
        .iter()
        .zip(preds)
        .filter_map(|(s, p)| {
            let level = p.level?;
            let g = metrics::closest(&s.gold, level);
            Some((s, p, level.distance(g)))
        })
        .filter(|(_, _, d)| *d != 0)
        .collect();
    v.sort_by(|a, b| b.2.abs().cmp(&a.2.abs()).then(a.0.origin.cmp(&b.0.origin)));
    v.truncate(n);
    v
}

fn dataset(args: &EvalArgs) -> String {
    args.paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

fn gold(s: &Sample) -> String {
    s.gold
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join("/")
}

fn human(
    args: &EvalArgs,
    samples: &[Sample],
    preds: &[Prediction],
    m: &metrics::Metrics,
    bad: usize,
    fr: bool,
) -> String {
    let mut o = String::new();
    let t = |en: &'static str, f: &'static str| if fr { f } else { en };
    let _ = writeln!(
        o,
        "cefrlint eval {} ({}): {} {}, {} {}, {} {}",
        dataset(args),
        args.lang,
        samples.len(),
        t("samples", "échantillons"),
        m.unpredicted,
        t("not placed", "non placés"),
        bad,
        t("bad rows", "lignes invalides"),
    );
    let _ = writeln!(
        o,
        "  {:28} {:.3}",
        t("exact (any expert label)", "exact (un des experts)"),
        m.exact
    );
    let _ = writeln!(
        o,
        "  {:28} {:.3}",
        t("within one level", "à un niveau près"),
        m.within_one
    );
    let _ = writeln!(o, "  {:28} {:.3}", "macro-F1", m.macro_f1);
    let _ = writeln!(
        o,
        "  {:28} {:.3}",
        t("quadratic weighted kappa", "kappa pondéré quadratique"),
        m.qwk
    );
    let _ = writeln!(
        o,
        "\n{}",
        t(
            "confusion (rows: experts, columns: cefrlint)",
            "confusion (lignes : experts, colonnes : cefrlint)"
        )
    );
    let _ = write!(o, "      ");
    for l in Level::ALL {
        let _ = write!(o, "{:>6}", l.as_str());
    }
    let _ = writeln!(o);
    for g in Level::ALL {
        let _ = write!(o, "  {:4}", g.as_str());
        for p in Level::ALL {
            let _ = write!(o, "{:>6}", m.confusion[g.index()][p.index()]);
        }
        let _ = writeln!(o);
    }
    let worst = worst(samples, preds, args.worst);
    if !worst.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            t("worst disagreements", "plus grands désaccords")
        );
        for (s, p, _) in worst {
            let text: String = s.text.chars().take(90).collect();
            let _ = writeln!(
                o,
                "  {}: {} {}, cefrlint {} (score {:.2})\n    {text}\n    {}: {}",
                s.origin,
                t("experts", "experts"),
                gold(s),
                p.level.map_or("-", |l| l.as_str()),
                p.estimate.as_ref().map_or(0.0, |e| e.score),
                t("evidence", "indices"),
                p.evidence.join(", "),
            );
        }
    }
    o
}

fn json(
    args: &EvalArgs,
    samples: &[Sample],
    preds: &[Prediction],
    m: &metrics::Metrics,
    bad: usize,
) -> String {
    let worst: Vec<serde_json::Value> = worst(samples, preds, args.worst)
        .into_iter()
        .map(|(s, p, d)| {
            serde_json::json!({
                "origin": s.origin,
                "text": s.text,
                "gold": s.gold.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
                "predicted": p.level.map(|l| l.as_str()),
                "score": p.estimate.as_ref().map(|e| e.score),
                "distance": d,
                "evidence": p.evidence,
            })
        })
        .collect();
    let v = serde_json::json!({
        "version": 1,
        "dataset": dataset(args),
        "language": args.lang,
        "samples": samples.len(),
        "bad_rows": bad,
        "unpredicted": m.unpredicted,
        "exact": m.exact,
        "within_one": m.within_one,
        "macro_f1": m.macro_f1,
        "qwk": m.qwk,
        "levels": Level::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        "confusion": m.confusion,
        "worst": worst,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// One row per sample, for calibration scripts.
fn predictions_tsv(samples: &[Sample], preds: &[Prediction]) -> String {
    let mut o = String::from("origin\tgold\tpredicted\tscore\tconfidence\tvocabulary\tgrammar\tlength\tgraded_words\twords\tsentences\tunknown\tmean_level\tword_length\n");
    for (s, p) in samples.iter().zip(preds) {
        let e = p.estimate.as_ref();
        let f = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.4}"));
        let _ = writeln!(
            o,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.origin,
            gold(s),
            p.level.map_or("", |l| l.as_str()),
            f(e.map(|e| e.score)),
            f(e.map(|e| e.confidence)),
            f(e.map(|e| e.vocabulary)),
            f(e.and_then(|e| e.grammar)),
            f(e.map(|e| e.length)),
            e.map_or(0, |e| e.graded_words),
            p.words,
            p.sentences,
            // Full precision: tools/calibrate.py recomputes the score from these.
            e.map_or(String::new(), |e| format!("{:.9}", 1.0 - e.coverage)),
            e.map_or(String::new(), |e| format!("{:.9}", e.mean_level)),
            e.map_or(String::new(), |e| format!("{:.9}", e.word_length)),
        );
    }
    o
}
