#!/usr/bin/env python3
"""Calibrates the English level estimator on CEFR-SP train and writes rules/en/estimator.yaml.

Usage (from the repository root, after `cargo build --release`):

    python3 tools/calibrate.py                      # fit on train, write rules/en/estimator.yaml
    python3 tools/calibrate.py --dry-run            # fit and print, write nothing
    python3 tools/calibrate.py --data ../shared/eval/cefr-sp --binary target/release/cefrlint
    python3 tools/calibrate.py --lang de --data ../shared/eval/merlin   # or --lang it

With --lang de or it, the MERLIN learner texts of DE/ or IT/ are split by a stable hash of
the file name (first byte of its SHA-256 mod 5 == 0: held out, ~20 %), the same search below
runs on the train part only, and rules/<lang>/estimator.yaml is written only if the result
beats rules/estimator.yaml on held-out macro-F1 and QWK (both are printed either way).

Only the two CEFR-SP *train* files are read (SCoRE and Wiki-Auto); the dev files are never
opened here. Evaluate on dev once, afterwards, with `cefrlint eval` (docs/calibration.md).

Method (docs/calibration.md gives the reasons):

1. For every `vocabulary_percentile` P of PERCENTILES and every `length_levels` L of
   LENGTH_GRID, the release binary is run as `cefrlint eval TRAIN... --lang en --rules TMP
   --predictions FILE`, where TMP is a copy of rules/ whose en/estimator.yaml carries P and L.
   The features (vocabulary, grammar, length) are read from the predictions TSV; an empty
   grammar column (no structure found) takes the vocabulary score, as the estimator does.
2. Weights: ordinary least squares of the *mean* of the two expert labels on
   (1, vocabulary, grammar, length), so that the score stays on the 1 (A1) … 6 (C2) scale;
   a feature whose weight comes out negative is dropped (weight 0) and the rest refitted.
3. Thresholds: coordinate search of the five level thresholds for macro-F1, counting a
   prediction right when it matches either expert label (the expert label closest to the
   prediction is used, as `cefrlint eval` does: src/eval/metrics.rs).
4. The (P, L) whose steps 2-3 give the best 5-fold cross-validated macro-F1 on train wins
   (sample i of train is in fold i mod 5; ties: the earlier one in the grid order); it is
   refitted on all of train. Numbers are rounded to 4 decimals, the figures recomputed with
   the rounded numbers, and the binary is run once more with the final file to check that
   it reports the same figures.

Everything is deterministic: inputs are read in a fixed order, candidates are tried in a
fixed order, ties keep the earlier candidate, no random numbers are drawn.
Standard library only.
"""
import argparse
import csv
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRAIN_FILES = ["CEFR-SP_SCoRE_train.txt", "CEFR-SP_Wikiauto_train.txt"]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
LEVEL_NUM = {name: i + 1 for i, name in enumerate(LEVELS)}

# The search grid: small on purpose (every point is one run of the binary over train).
# No 1.0: on a whole item or lesson the hardest word alone would then decide the vocabulary
# score (a rare name or a typo would be enough), which docs/estimator.md rules out. 0.95
# still takes the hardest word of a sentence of fewer than 20 graded words.
PERCENTILES = [0.5, 0.7, 0.8, 0.9, 0.95]
LENGTH_GRID = [
    [8, 12, 16, 20, 25],  # today's values
    [6, 10, 15, 21, 28],
    [7, 12, 18, 25, 33],
    [5, 9, 14, 20, 27],
    [10, 15, 20, 25, 30],
]
FOLDS = 5
DEFAULT_THRESHOLDS = [1.5, 2.5, 3.5, 4.5, 5.5]
# The three base features, then the extra ones (docs/calibration.md, "Extra features"):
# share of counted words the lexicon does not know, mean level of the graded words, mean word
# length in letters. Each set below is tried at every grid point; the set is chosen like the
# grid point, by cross-validated macro-F1 on train.
BASE = ("vocabulary", "grammar", "length")
EXTRA = ("unknown", "mean_level", "word_length")
FEATURE_INDEX = {k: i for i, k in enumerate(BASE + EXTRA)}
FEATURE_SETS = [
    (),
    ("mean_level", "word_length"),
    ("unknown",),
    ("unknown", "mean_level", "word_length"),
]



def shared_confidence():
    """The confidence settings of rules/estimator.yaml, copied unchanged (calibration is about
    the score and the level only); the estimator's defaults for any that is missing."""
    values = {"full_at_words": 30.0, "min_coverage": 0.7, "min_to_report": 0.6}
    text = (REPO / "rules" / "estimator.yaml").read_text(encoding="utf-8")
    for key in values:
        m = re.search(rf"^\s+{key}:\s*([0-9.]+)\s*(#.*)?$", text, re.MULTILINE)
        if m:
            values[key] = float(m.group(1))
    return values


CONFIDENCE = shared_confidence()


# ---------------------------------------------------------------- running the binary


def estimator_yaml(percentile, length_levels, weights=None, thresholds=None, header=""):
    """The text of an estimator.yaml (weights and thresholds only matter for the final file)."""
    w = {k: 0.0 for k in EXTRA}
    w.update(weights or {"bias": 0.0, "vocabulary": 0.6, "grammar": 0.25, "length": 0.15})
    t = thresholds or DEFAULT_THRESHOLDS
    num = lambda x: format(x, "g") if float(x).is_integer() else repr(round(x, 4))
    lines = [header.rstrip("\n")] if header else []
    lines += [
        "version: 1",
        "weights:",
        f"  bias: {num(w['bias'])}",
        f"  vocabulary: {num(w['vocabulary'])}",
        f"  grammar: {num(w['grammar'])}",
        f"  length: {num(w['length'])}",
        *(f"  {k}: {num(w[k])}" for k in EXTRA if w[k] != 0),
        "# The vocabulary score is the level of the word at this percentile of difficulty.",
        f"vocabulary_percentile: {num(percentile)}",
        "# Mean words per sentence at which sentence length reaches A2, B1, B2, C1, C2.",
        "length_levels: [" + ", ".join(num(x) for x in length_levels) + "]",
        "# Scores at which the estimated level becomes A2, B1, B2, C1, C2.",
        "level_thresholds: [" + ", ".join(num(x) for x in t) + "]",
        "confidence:",
        "  # Confidence is full once this many words have a known level.",
        f"  full_at_words: {num(CONFIDENCE['full_at_words'])}",
        "  # Below this share of words found in the lexicon, confidence drops in proportion.",
        f"  min_coverage: {num(CONFIDENCE['min_coverage'])}",
        "  # level/* findings need at least this confidence: when unsure, say nothing.",
        f"  min_to_report: {num(CONFIDENCE['min_to_report'])}",
    ]
    return "\n".join(lines) + "\n"


def run_eval(binary, rules_dir, paths, yaml_text, tmp, lang="en"):
    """Runs `cefrlint eval` with `yaml_text` as <lang>/estimator.yaml (None: no such file, so
    the shared rules/estimator.yaml applies); returns the TSV rows and the JSON figures."""
    own = rules_dir / lang / "estimator.yaml"
    if yaml_text is None:
        own.unlink(missing_ok=True)
    else:
        own.write_text(yaml_text, encoding="utf-8")
    out = tmp / "predictions.tsv"
    cmd = [str(binary), "eval", *map(str, paths), "--lang", lang, "--rules", str(rules_dir),
           "--predictions", str(out), "--format", "json", "--worst", "0"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"calibrate: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows, json.loads(p.stdout)


def features(rows):
    """(gold labels, (vocabulary, grammar, length) or None) per sample, in input order."""
    out = []
    for r in rows:
        gold = [LEVEL_NUM[g] for g in r["gold"].split("/")]
        if r["vocabulary"] == "":
            out.append((gold, None))  # not placed: counts as wrong, as in cefrlint eval
            continue
        v = float(r["vocabulary"])
        g = float(r["grammar"]) if r["grammar"] != "" else v
        extra = tuple(float(r[k]) for k in EXTRA)
        out.append((gold, (v, g, float(r["length"]), *extra)))
    return out


# ---------------------------------------------------------------- metrics (as src/eval/metrics.rs)


def closest(gold, p):
    best = gold[0]
    for g in gold[1:]:
        if abs(g - p) < abs(best - p):
            best = g
    return best


def macro_f1(conf):
    total, classes = 0.0, 0
    for k in range(6):
        tp = conf[k][k]
        gold = sum(conf[k])
        pred = sum(conf[g][k] for g in range(6))
        if gold == 0 and pred == 0:
            continue
        classes += 1
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        total += 2 * p * r / (p + r) if p + r else 0.0
    return total / classes if classes else 0.0


def qwk(conf):
    n = sum(map(sum, conf))
    if n == 0:
        return 0.0
    rows = [sum(conf[i]) for i in range(6)]
    cols = [sum(conf[i][j] for i in range(6)) for j in range(6)]
    obs = exp = 0.0
    for i in range(6):
        for j in range(6):
            w = ((i - j) / 5) ** 2
            obs += w * conf[i][j] / n
            exp += w * rows[i] * cols[j] / (n * n)
    return 1.0 - obs / exp if exp else 1.0


def level_of(score, thresholds):
    return 1 + sum(1 for t in thresholds if score >= t)


def score_of(x, w):
    # Same order of additions as src/analyse/estimate.rs, so the rounding agrees.
    v, g, l, unk, mean, wlen = x
    s = w["bias"] + w["vocabulary"] * v + w["grammar"] * g + w["length"] * l
    s = s + w.get("unknown", 0.0) * unk + w.get("mean_level", 0.0) * mean
    s = s + w.get("word_length", 0.0) * wlen
    return min(max(s, 1.0), 6.0)


def metrics(data, w, thresholds):
    conf = [[0] * 6 for _ in range(6)]
    exact = within = unplaced = 0
    for gold, x in data:
        if x is None:
            unplaced += 1
            continue
        p = level_of(score_of(x, w), thresholds)
        g = closest(gold, p)
        exact += g == p
        within += abs(g - p) <= 1
        conf[g - 1][p - 1] += 1
    n = len(data)
    return {"exact": exact / n, "within_one": within / n, "macro_f1": macro_f1(conf),
            "qwk": qwk(conf), "confusion": conf, "unplaced": unplaced}


# ---------------------------------------------------------------- fitting


def least_squares(data, keys=BASE):
    """OLS of the mean expert label on (1, features); a feature whose weight comes out
    negative is dropped (weight 0) and the rest refitted: a harder text never scores lower."""
    idx = FEATURE_INDEX
    # A feature with the same value on every sample cannot be fitted (it is the bias): weight
    # 0. (On MERLIN, the median word of a learner text is often A1 for every text.)
    placed = [x for _, x in data if x is not None]
    keys = tuple(k for k in keys if len({x[idx[k]] for x in placed}) > 1)
    cols = [idx[k] for k in keys]
    size = len(cols) + 1
    a = [[0.0] * size for _ in range(size)]
    b = [0.0] * size
    for gold, x in data:
        if x is None:
            continue
        row = (1.0, *(x[c] for c in cols))
        y = sum(gold) / len(gold)
        for i in range(size):
            b[i] += row[i] * y
            for j in range(size):
                a[i][j] += row[i] * row[j]
    # Gaussian elimination with partial pivoting.
    m = [a[i] + [b[i]] for i in range(size)]
    for c in range(size):
        piv = max(range(c, size), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(size):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [m[r][k] - f * m[c][k] for k in range(size + 1)]
    coef = [m[i][size] / m[i][i] for i in range(size)]
    w = {"bias": coef[0], **{k: 0.0 for k in BASE + EXTRA}}
    w.update(zip(keys, coef[1:]))
    negative = [k for k in keys if w[k] < 0]
    if negative:
        worst = min(negative, key=lambda k: (w[k], k))
        return least_squares(data, tuple(k for k in keys if k != worst))
    return w


def search_thresholds(scored, start):
    """Coordinate search of the thresholds for macro-F1 over (score, gold) pairs.

    Each threshold in turn is moved to the best cut between the distinct scores lying between
    its neighbours (the midpoint of two consecutive scores); rounds repeat until nothing moves.
    The confusion matrix is updated incrementally as the cut sweeps, so a sweep is linear.
    """
    scored = sorted(scored)
    values = sorted({s for s, _ in scored})
    t = list(start)

    def confusion(t):
        conf = [[0] * 6 for _ in range(6)]
        for s, gold in scored:
            p = level_of(s, t)
            conf[closest(gold, p) - 1][p - 1] += 1
        return conf

    best = macro_f1(confusion(t))
    for _ in range(50):
        moved = False
        for i in range(5):
            lo = t[i - 1] if i > 0 else 1.0
            hi = t[i + 1] if i < 4 else 6.0 + 1e-9
            # Candidate cuts: midpoints between consecutive distinct scores in (lo, hi).
            cands = [(a + b) / 2 for a, b in zip(values, values[1:]) if lo < (a + b) / 2 < hi]
            if not cands:
                continue
            # Samples whose level depends on this cut: scores in [lo, hi). Start with the cut
            # at the bottom (all of them at level i+2), then move it up past each score.
            tt = list(t)
            tt[i] = lo + 1e-12 if i > 0 else cands[0] - 1e-9
            conf = confusion(tt)
            inside = [(s, g) for s, g in scored if tt[i] <= s < hi]
            j = 0
            cur_best, cur_cut = best, t[i]
            for c in cands:
                while j < len(inside) and inside[j][0] < c:
                    s, gold = inside[j]
                    # This sample drops from level i+2 to level i+1.
                    old = closest(gold, i + 2)
                    conf[old - 1][i + 1] -= 1
                    new = closest(gold, i + 1)
                    conf[new - 1][i] += 1
                    j += 1
                f = macro_f1(conf)
                if f > cur_best + 1e-12:
                    cur_best, cur_cut = f, c
            if cur_cut != t[i]:
                t[i], best, moved = cur_cut, cur_best, True
        if not moved:
            break
    return t, best


def fit_thresholds(data, w, start):
    scored = [(score_of(x, w), gold) for gold, x in data if x is not None]
    t, _ = search_thresholds(scored, start)
    return t, metrics(data, w, t)["macro_f1"]


def fit(data, extra=()):
    """Least squares for the weights, then the thresholds for macro-F1."""
    w = least_squares(data, BASE + tuple(extra))
    t, best = fit_thresholds(data, w, DEFAULT_THRESHOLDS)
    return w, t, best


def cross_validate(data, folds=FOLDS, extra=()):
    """Mean figures of `fit` over `folds` folds of train (sample i is in fold i mod folds),
    and the standard deviation of macro-F1 across folds."""
    keys = ["exact", "within_one", "macro_f1", "qwk"]
    per_fold = []
    for k in range(folds):
        fit_on = [d for i, d in enumerate(data) if i % folds != k]
        held_out = [d for i, d in enumerate(data) if i % folds == k]
        w, t, _ = fit(fit_on, extra)
        per_fold.append(metrics(held_out, w, t))
    mean = {key: sum(m[key] for m in per_fold) / folds for key in keys}
    f1s = [m["macro_f1"] for m in per_fold]
    mean["macro_f1_sd"] = (sum((f - mean["macro_f1"]) ** 2 for f in f1s) / (folds - 1)) ** 0.5
    return mean


def rounded(w, t, data):
    """Rounds to 4 decimals and recomputes the figures with the rounded numbers."""
    w = {k: round(v, 4) for k, v in w.items()}
    t = [round(x, 4) for x in t]
    return w, t, metrics(data, w, t)


# ---------------------------------------------------------------- main


def feature_sets(args):
    return [()] if args.features == "base" else FEATURE_SETS


def search(binary, rules_dir, paths, tmp, lang, sets):
    """Every grid point × feature set: least squares and thresholds, cross-validated on the
    given (train) samples. Returns the results and the number of samples."""
    results = []
    n = 0
    for p in PERCENTILES:
        for ll in LENGTH_GRID:
            rows, _ = run_eval(binary, rules_dir, paths, estimator_yaml(p, ll), tmp, lang)
            data = features(rows)
            n = len(data)
            for extra in sets:
                cv = cross_validate(data, extra=extra)
                w, t, _ = fit(data, extra)
                w, t, m = rounded(w, t, data)
                results.append((p, ll, w, t, m, cv, extra))
                ws = ", ".join(f"{k} {w[k]:.3f}" for k in ("bias",) + BASE + EXTRA
                               if k in ("bias",) + BASE or w[k])
                print(f"P={p:<4} L={str(ll):<20} +{'+'.join(extra) or '-':<30} {FOLDS}-fold CV "
                      f"macro-F1 {cv['macro_f1']:.4f} (sd {cv['macro_f1_sd']:.4f}) within-one "
                      f"{cv['within_one']:.4f} | all train: macro-F1 {m['macro_f1']:.4f} "
                      f"({ws}; thresholds {t})", flush=True)
    return results, n


def fmt_metrics(m):
    return (f"exact {m['exact']:.3f}, within-one {m['within_one']:.3f}, "
            f"macro-F1 {m['macro_f1']:.3f}, QWK {m['qwk']:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", default="en", choices=["en", *MERLIN_LANGS],
                    help="en: CEFR-SP (default); de, it: MERLIN learner texts")
    ap.add_argument("--data", default=None,
                    help="en: folder holding the CEFR-SP train files (default "
                    "../shared/eval/cefr-sp); de, it: the MERLIN folder holding DE/ and IT/ "
                    "(default ../shared/eval/merlin)")
    ap.add_argument("--binary", default=str(REPO / "target" / "release" / "cefrlint"))
    ap.add_argument("--out", default=None, help="default rules/<lang>/estimator.yaml")
    ap.add_argument("--dry-run", action="store_true", help="print the file, do not write it")
    ap.add_argument("--features", choices=["all", "base"], default="all",
                    help="all: also try the extra features (unknown-word share, mean word "
                    "level, mean word length), chosen by cross-validation (default); base: "
                    "vocabulary, grammar and length only (the method before)")
    ap.add_argument("--heldout-dir", default=None,
                    help="de, it: also make DIR a folder of links to the held-out files, for "
                    "`cefrlint eval DIR --lang <lang>`")
    args = ap.parse_args()
    if args.out is None:
        args.out = str(REPO / "rules" / args.lang / "estimator.yaml")
    if args.lang != "en":
        return main_merlin(args)
    if args.data is None:
        args.data = str(REPO.parent / "shared" / "eval" / "cefr-sp")

    started = time.monotonic()
    binary = Path(args.binary)
    if not binary.is_file():
        sys.exit(f"calibrate: {binary} not found: run `cargo build --release` first")
    train = [Path(args.data) / f for f in TRAIN_FILES]
    for f in train:
        if not f.is_file():
            sys.exit(f"calibrate: {f} not found")

    results = []
    with tempfile.TemporaryDirectory(prefix="cefrlint-calibrate-") as tmp:
        tmp = Path(tmp)
        rules_dir = tmp / "rules"
        shutil.copytree(REPO / "rules", rules_dir)
        results, n = search(binary, rules_dir, train, tmp, "en", feature_sets(args))
        # The grid point with the best cross-validated macro-F1 (the first one on ties).
        p, ll, w, t, m, cv, extra = max(results, key=lambda r: r[5]["macro_f1"])
        # Check: the binary, given the final file, must report the same figures.
        final = estimator_yaml(p, ll, w, t)
        _, reported = run_eval(binary, rules_dir, train, final, tmp)
        for k in ["exact", "within_one", "macro_f1", "qwk"]:
            if abs(reported[k] - m[k]) > 1e-9:
                sys.exit(f"calibrate: the binary reports {k} = {reported[k]}, "
                         f"the fit computed {m[k]}: the fit does not mirror the estimator")
        if reported["confusion"] != m["confusion"]:
            sys.exit("calibrate: confusion matrices differ between the binary and the fit")

    elapsed = time.monotonic() - started
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    header = f"""\
# cefrlint level estimator for English: CALIBRATED, written by tools/calibrate.py.
# Do not edit by hand: re-run the calibration instead (docs/calibration.md).
#
# Produced by: python3 tools/calibrate.py   (on {datetime.date.today().isoformat()}, repository at {commit})
# Data: CEFR-SP train only (Arase, Uchida & Kajiwara, EMNLP 2022), SCoRE + Wiki-Auto train
#   files, {n} sentences, two expert labels each. Dev was not used for fitting.
# Method: for each vocabulary_percentile in {PERCENTILES} and each of
#   {len(LENGTH_GRID)} length_levels and each set of extra features in
#   {[list(x) for x in feature_sets(args)]},
#   weights by least squares on the mean of the two labels,
#   then level_thresholds by coordinate search for macro-F1 (a prediction matching either
#   label counts); the grid point with the best {FOLDS}-fold cross-validated macro-F1 on train
#   was kept and refitted on all of train. Extra features chosen: {', '.join(extra) or 'none'}.
# Train, {FOLDS}-fold CV (either label): {fmt_metrics(cv)}.
# Train, fitted on all of it (either label): {fmt_metrics(m)}.
# The confidence settings are those of rules/estimator.yaml, without its `max` ceiling
# (that ceiling marks the shared file as uncalibrated; this file is calibrated).
"""
    text = estimator_yaml(p, ll, w, t, header)
    print(f"\nbest: vocabulary_percentile {p}, length_levels {ll}, extra features "
          f"{', '.join(extra) or 'none'}")
    print(f"train ({n} sentences), {FOLDS}-fold CV: {fmt_metrics(cv)}")
    print(f"train ({n} sentences), fitted on all: {fmt_metrics(m)}")
    print("confusion (rows: experts, columns: cefrlint)")
    for name, row in zip(LEVELS, m["confusion"]):
        print(f"  {name}  " + " ".join(f"{c:5d}" for c in row))
    print(f"checked: the binary reports the same figures with this file ({elapsed:.0f} s)")
    if args.dry_run:
        print("\n" + text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {os.path.relpath(args.out)}")


# ---------------------------------------------------------------- MERLIN (de, it)

MERLIN_LANGS = ["de", "it"]
HELD_OUT_SHARE = 5  # one file in 5 is held out


def held_out(name):
    """True for the ~20 % of files kept for evaluation: the first byte of the SHA-256 of the
    file name, mod 5, is 0. Stable across machines, Python versions and file order."""
    return hashlib.sha256(name.encode("utf-8")).digest()[0] % HELD_OUT_SHARE == 0


def link_folder(files, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        link = folder / f.name
        if link.is_symlink():
            link.unlink()  # from an earlier run
        link.symlink_to(f.resolve())


def main_merlin(args):
    """Same grid, least squares and threshold search as for English, fitted on the MERLIN
    train part only; the file is written only if it beats rules/estimator.yaml on held-out
    macro-F1 and QWK."""
    started = time.monotonic()
    binary = Path(args.binary)
    if not binary.is_file():
        sys.exit(f"calibrate: {binary} not found: run `cargo build --release` first")
    data = Path(args.data or REPO.parent / "shared" / "eval" / "merlin")
    if (data / args.lang.upper()).is_dir():
        data = data / args.lang.upper()
    files = sorted(f for f in data.glob("*.txt") if f.is_file())
    if not files:
        sys.exit(f"calibrate: no .txt files in {data}")
    train_files = [f for f in files if not held_out(f.name)]
    test_files = [f for f in files if held_out(f.name)]
    if args.heldout_dir:
        link_folder(test_files, Path(args.heldout_dir))
    lang = args.lang
    keys = ["exact", "within_one", "macro_f1", "qwk"]
    results = []
    with tempfile.TemporaryDirectory(prefix="cefrlint-calibrate-") as tmp:
        tmp = Path(tmp)
        rules_dir = tmp / "rules"
        shutil.copytree(REPO / "rules", rules_dir)
        train_dir, test_dir = tmp / "train", tmp / "heldout"
        link_folder(train_files, train_dir)
        link_folder(test_files, test_dir)
        # The uncalibrated baseline: no <lang>/estimator.yaml, so rules/estimator.yaml.
        _, base_train = run_eval(binary, rules_dir, [train_dir], None, tmp, lang)
        _, base_test = run_eval(binary, rules_dir, [test_dir], None, tmp, lang)
        results, _ = search(binary, rules_dir, [train_dir], tmp, lang, feature_sets(args))
        p, ll, w, t, m, cv, extra = max(results, key=lambda r: r[5]["macro_f1"])
        final = estimator_yaml(p, ll, w, t)
        _, reported = run_eval(binary, rules_dir, [train_dir], final, tmp, lang)
        for k in keys:
            if abs(reported[k] - m[k]) > 1e-9:
                sys.exit(f"calibrate: the binary reports {k} = {reported[k]}, "
                         f"the fit computed {m[k]}: the fit does not mirror the estimator")
        # Held-out: evaluated once, with the final file; nothing above looked at it.
        _, test = run_eval(binary, rules_dir, [test_dir], final, tmp, lang)
        _, all_base = run_eval(binary, rules_dir, [data], None, tmp, lang)
        _, all_cal = run_eval(binary, rules_dir, [data], final, tmp, lang)

    elapsed = time.monotonic() - started
    counts = lambda fs: ", ".join(
        f"{lv} {sum(1 for f in fs if f.stem.endswith('_' + lv))}" for lv in LEVELS
        if any(f.stem.endswith("_" + lv) for f in fs))
    print(f"\nbest: vocabulary_percentile {p}, length_levels {ll}, extra features "
          f"{', '.join(extra) or 'none'}")
    print(f"train ({len(train_files)} texts: {counts(train_files)})")
    print(f"held-out ({len(test_files)} texts: {counts(test_files)})")
    for name, fig in [("train, before (rules/estimator.yaml)", base_train),
                      (f"train, {FOLDS}-fold CV", cv),
                      ("train, fitted on all of it", m),
                      ("held-out, before (rules/estimator.yaml)", base_test),
                      ("held-out, calibrated", test),
                      ("all data (includes train), before", all_base),
                      ("all data (includes train), calibrated", all_cal)]:
        print(f"  {name:42} {fmt_metrics(fig)}")
    print("held-out confusion, calibrated (rows: MERLIN label, columns: cefrlint)")
    for name, row in zip(LEVELS, test["confusion"]):
        print(f"  {name}  " + " ".join(f"{c:5d}" for c in row))
    print(f"checked: the binary reports the same train figures with this file ({elapsed:.0f} s)")
    better = (test["macro_f1"] > base_test["macro_f1"] and test["qwk"] > base_test["qwk"])
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    name = {"de": "German", "it": "Italian"}[lang]
    header = f"""\
# cefrlint level estimator for {name}: CALIBRATED, written by tools/calibrate.py.
# Do not edit by hand: re-run the calibration instead (docs/calibration.md).
#
# Produced by: python3 tools/calibrate.py --lang {lang}   (on {datetime.date.today().isoformat()}, repository at {commit})
# Data: MERLIN {lang.upper()} learner texts (CC BY-SA 4.0, as redistributed by Vajjala & Rama,
#   BEA 2018), one CEFR rating each. Learner WRITING, not reading material: a proxy.
#   Split by file name (SHA-256 first byte mod {HELD_OUT_SHARE} == 0: held out):
#   train {len(train_files)} texts, held-out {len(test_files)} texts. Held-out was not used for fitting.
# Method: as for English (same grid and extra-feature sets, least squares, threshold search,
#   {FOLDS}-fold CV on train). Extra features chosen: {', '.join(extra) or 'none'}.
# Train, {FOLDS}-fold CV: {fmt_metrics(cv)}.
# Held-out, before (rules/estimator.yaml): {fmt_metrics(base_test)}.
# Held-out, calibrated: {fmt_metrics(test)}.
# The confidence settings are those of rules/estimator.yaml, without its `max` ceiling
# (that ceiling marks the shared file as uncalibrated; this file is calibrated).
"""
    text = estimator_yaml(p, ll, w, t, header)
    if not better:
        print(f"NOT written: the calibrated file does not beat rules/estimator.yaml on "
              f"held-out macro-F1 and QWK")
        return
    if args.dry_run:
        print("\n" + text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {os.path.relpath(args.out)}")


if __name__ == "__main__":
    main()
