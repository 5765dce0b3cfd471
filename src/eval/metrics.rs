//! Agreement between predicted and expert levels: exact and within-one accuracy, macro-F1,
//! quadratic weighted kappa and the confusion matrix.
//!
//! A sample may carry several expert labels (CEFR-SP has two): a prediction is counted right
//! when it matches any of them, as in the CEFR-SP paper; for F1, kappa and the confusion
//! matrix, the expert label closest to the prediction is used.

use crate::model::Level;

/// The six levels as indices 0..6.
const K: usize = 6;

/// Agreement figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    /// Samples with a prediction.
    pub n: usize,
    /// Samples the estimator could not place (no graded word).
    pub unpredicted: usize,
    pub exact: f64,
    pub within_one: f64,
    pub macro_f1: f64,
    pub qwk: f64,
    /// `confusion[gold][predicted]`.
    pub confusion: [[usize; K]; K],
}

/// The expert label closest to the prediction (the first one on ties).
pub fn closest(gold: &[Level], predicted: Level) -> Level {
    *gold
        .iter()
        .min_by_key(|g| g.distance(predicted).abs())
        .expect("at least one label")
}

/// Computes the figures over `(expert labels, prediction)` pairs.
pub fn compute(pairs: &[(&[Level], Option<Level>)]) -> Metrics {
    let mut m = Metrics {
        n: 0,
        unpredicted: 0,
        exact: 0.0,
        within_one: 0.0,
        macro_f1: 0.0,
        qwk: 0.0,
        confusion: [[0; K]; K],
    };
    let (mut exact, mut within) = (0usize, 0usize);
    for (gold, pred) in pairs {
        let Some(p) = pred else {
            m.unpredicted += 1;
            continue;
        };
        if gold.is_empty() {
            continue;
        }
        m.n += 1;
        let g = closest(gold, *p);
        exact += usize::from(g == *p);
        within += usize::from(g.distance(*p).abs() <= 1);
        m.confusion[g.index()][p.index()] += 1;
    }
    let total = (m.n + m.unpredicted).max(1) as f64;
    // Unplaced samples count as wrong: nothing is left out of the figures silently.
    m.exact = exact as f64 / total;
    m.within_one = within as f64 / total;
    m.macro_f1 = macro_f1(&m.confusion);
    m.qwk = quadratic_weighted_kappa(&m.confusion);
    m
}

/// Mean F1 over the levels present in the gold labels or the predictions.
pub fn macro_f1(c: &[[usize; K]; K]) -> f64 {
    let mut sum = 0.0;
    let mut classes = 0;
    for (k, row) in c.iter().enumerate() {
        let tp = row[k] as f64;
        let gold: usize = row.iter().sum();
        let pred: usize = (0..K).map(|g| c[g][k]).sum();
        if gold == 0 && pred == 0 {
            continue;
        }
        classes += 1;
        let p = if pred == 0 { 0.0 } else { tp / pred as f64 };
        let r = if gold == 0 { 0.0 } else { tp / gold as f64 };
        sum += if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
    }
    if classes == 0 {
        0.0
    } else {
        sum / classes as f64
    }
}

/// Cohen's kappa with quadratic weights, over the confusion matrix.
pub fn quadratic_weighted_kappa(c: &[[usize; K]; K]) -> f64 {
    let n: usize = c.iter().flatten().sum();
    if n == 0 {
        return 0.0;
    }
    let n = n as f64;
    let rows: Vec<f64> = (0..K).map(|i| c[i].iter().sum::<usize>() as f64).collect();
    let cols: Vec<f64> = (0..K)
        .map(|j| (0..K).map(|i| c[i][j]).sum::<usize>() as f64)
        .collect();
    let (mut observed, mut expected) = (0.0, 0.0);
    for i in 0..K {
        for j in 0..K {
            let w = ((i as f64 - j as f64) / (K as f64 - 1.0)).powi(2);
            observed += w * c[i][j] as f64 / n;
            expected += w * rows[i] * cols[j] / (n * n);
        }
    }
    if expected == 0.0 {
        1.0
    } else {
        1.0 - observed / expected
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    #[test]
    fn perfect_agreement() {
        let g = [[A1], [B1], [C2]];
        let pairs: Vec<(&[Level], Option<Level>)> =
            vec![(&g[0], Some(A1)), (&g[1], Some(B1)), (&g[2], Some(C2))];
        let m = compute(&pairs);
        assert_eq!(
            (m.exact, m.within_one, m.macro_f1, m.qwk),
            (1.0, 1.0, 1.0, 1.0)
        );
    }

    #[test]
    fn either_label_counts_and_unplaced_samples_are_wrong() {
        let g = [vec![A2, B1], vec![B2, B2], vec![A1]];
        let pairs: Vec<(&[Level], Option<Level>)> =
            vec![(&g[0], Some(B1)), (&g[1], Some(C2)), (&g[2], None)];
        let m = compute(&pairs);
        assert_eq!(m.n, 2);
        assert_eq!(m.unpredicted, 1);
        assert!((m.exact - 1.0 / 3.0).abs() < 1e-9);
        assert!((m.within_one - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(m.confusion[B1.index()][B1.index()], 1);
        assert_eq!(m.confusion[B2.index()][C2.index()], 1);
    }

    #[test]
    fn kappa_matches_a_hand_computed_value() {
        // Two raters over 4 items: (0,0), (1,1), (1,2), (2,2) on levels A1..B1.
        let mut c = [[0; K]; K];
        c[0][0] = 1;
        c[1][1] = 1;
        c[1][2] = 1;
        c[2][2] = 1;
        // Weights (i-j)^2/25: observed = (1/25)/4 = 0.01;
        // rows = [1,2,1], cols = [1,1,2]: expected = sum w*r*c/16 = (1*1*1 + 4*1*2 + 1*2*2 + 1*1*1)/25/16 ... computed below.
        let rows = [1.0, 2.0, 1.0];
        let cols = [1.0, 1.0, 2.0];
        let mut e = 0.0;
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in cols.iter().enumerate() {
                e += ((i as f64 - j as f64) / 5.0).powi(2) * r * c / 16.0;
            }
        }
        let want = 1.0 - 0.01 / e;
        assert!((quadratic_weighted_kappa(&c) - want).abs() < 1e-12);
        // Macro-F1: A1 1.0; A2 p=1, r=0.5 → 0.667; B1 p=0.5, r=1 → 0.667.
        assert!((macro_f1(&c) - (1.0 + 2.0 / 3.0 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
    }
}
