#!/usr/bin/env python3
"""OneStopEnglish ordering check of the level score (issue 3).

Usage (from the repository root, after `cargo build --release`):

    python3 tools/eval_onestop.py
    python3 tools/eval_onestop.py --data ../shared/eval/onestopenglish --words 200

OneStopEnglish has 120 news articles, each written at three reading levels (Elementary,
Intermediate, Advanced: the folders Ele-Txt, Int-Txt, Adv-Txt, files `NAME-ele.txt`,
`NAME-int.txt`, `NAME-adv.txt`). For every version this script keeps only its first whole
sentences, up to the first sentence boundary at or after --words words (200), so that text
length alone decides nothing; it drops the level label that opens the Intermediate files
("Intermediate"). The truncated texts go into one temporary native lesson file (JSON, one
`text` item per version, no declared level), which is checked with
`cefrlint check FILE --lang en --format json`: the score compared is `items[].score`, the
one `check` reports. Nothing is written into the repository and nothing is tuned here.

Targets (issue 3): Elementary strictly below Advanced for >= 95% of the articles, and
Elementary < Intermediate < Advanced strictly for >= 80%. A missing score counts as a failure.
Standard library only.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERSIONS = [("ele", "Ele-Txt", "Elementary"), ("int", "Int-Txt", "Intermediate"),
            ("adv", "Adv-Txt", "Advanced")]
LABEL_LINE = re.compile(r"^\s*(elementary|intermediate|advanced)\s*$", re.IGNORECASE)
# A sentence ends at . ! ? or … (possibly followed by closing quotes or brackets) before
# white space; a line break always ends one (headings are lines of their own).
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")


def words(text):
    """Whitespace tokens holding a letter or a digit."""
    return sum(1 for t in text.split() if re.search(r"\w", t))


def read_version(path):
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and LABEL_LINE.match(lines[0]):
        lines.pop(0)  # the "Intermediate" label of the Int-Txt files is not article text
    return "\n".join(lines)


def truncate(text, limit):
    """The text up to the first sentence end at or after `limit` words (whole sentences),
    line breaks kept; the whole text when it is shorter."""
    count = 0
    out = []
    for line in text.split("\n"):
        pieces = []
        pos = 0
        for m in SENTENCE_END.finditer(line):
            pieces.append(line[pos:m.end()])
            pos = m.end()
        if pos < len(line):
            pieces.append(line[pos:])
        kept = []
        for p in pieces:
            kept.append(p)
            count += words(p)
            if count >= limit:
                out.append("".join(kept).rstrip())
                return "\n".join(out) + "\n", count
        out.append("".join(kept).rstrip())
    return "\n".join(out).rstrip() + "\n", count


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "eval" / "onestopenglish"))
    ap.add_argument("--binary", default=str(REPO / "target" / "release" / "cefrlint"))
    ap.add_argument("--words", type=int, default=200,
                    help="keep whole sentences up to this many words (default 200)")
    ap.add_argument("--rules", help="pass --rules DIR to cefrlint (default: embedded rules)")
    ap.add_argument("--json", action="store_true", help="also print per-article scores as JSON")
    args = ap.parse_args()
    started = time.monotonic()

    data = Path(args.data)
    binary = Path(args.binary)
    if not binary.is_file():
        sys.exit(f"eval_onestop: {binary} not found: run `cargo build --release` first")
    names = {}
    for key, folder, _ in VERSIONS:
        d = data / folder
        if not d.is_dir():
            sys.exit(f"eval_onestop: {d} not found")
        names[key] = {p.name[: -len(f"-{key}.txt")]: p for p in d.glob(f"*-{key}.txt")}
    articles = sorted(set(names["ele"]) & set(names["int"]) & set(names["adv"]))
    unpaired = sorted(set().union(*names.values()) - set(articles))
    if unpaired:
        print(f"warning: {len(unpaired)} article(s) without all three versions, left out: "
              + ", ".join(unpaired), file=sys.stderr)

    items, counts = [], {k: [] for k, _, _ in VERSIONS}
    for a in articles:
        for key, _, _ in VERSIONS:
            text, n = truncate(read_version(names[key][a]), args.words)
            counts[key].append(n)
            items.append({"id": f"{a}|{key}", "text": text})

    with tempfile.TemporaryDirectory(prefix="cefrlint-onestop-") as tmp:
        lesson = Path(tmp) / "onestop.json"
        lesson.write_text(json.dumps({"language": "en", "id": "onestop", "items": items},
                                     ensure_ascii=False, indent=1), encoding="utf-8")
        cmd = [str(binary), "check", str(lesson), "--lang", "en", "--format", "json",
               "--fail-on", "never"]
        if args.rules:
            cmd += ["--rules", args.rules]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"eval_onestop: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
        report = json.loads(p.stdout)

    by_id = {i["id"]: i for i in report["items"]}
    score = {a: {k: by_id.get(f"{a}|{k}", {}).get("score") for k, _, _ in VERSIONS}
             for a in articles}
    lt = lambda x, y: x is not None and y is not None and x < y
    n = len(articles)
    ele_adv = sum(lt(s["ele"], s["adv"]) for s in score.values())
    ele_int = sum(lt(s["ele"], s["int"]) for s in score.values())
    int_adv = sum(lt(s["int"], s["adv"]) for s in score.values())
    ordered = sum(lt(s["ele"], s["int"]) and lt(s["int"], s["adv"]) for s in score.values())
    missing = sum(v is None for s in score.values() for v in s.values())

    print(f"OneStopEnglish: {n} articles x 3 versions, first whole sentences up to "
          f"{args.words} words ({'rules ' + args.rules if args.rules else 'embedded rules'})")
    for key, _, name in VERSIONS:
        sc = [score[a][key] for a in articles if score[a][key] is not None]
        levels = {}
        for a in articles:
            lvl = by_id.get(f"{a}|{key}", {}).get("estimated_level")
            levels[lvl] = levels.get(lvl, 0) + 1
        lv = ", ".join(f"{k} {v}" for k, v in sorted(levels.items(), key=lambda kv: str(kv[0])))
        print(f"  {name:<13} mean words kept {sum(counts[key]) / n:6.1f}   mean score "
              f"{sum(sc) / max(1, len(sc)):.3f}   estimated levels: {lv}")
    pct = lambda k: f"{k}/{n} = {100 * k / n:.1f}%"
    print(f"  Elementary < Advanced:                 {pct(ele_adv)}  (target >= 95%: "
          f"{'reached' if ele_adv / n >= 0.95 else 'NOT reached'})")
    print(f"  Elementary < Intermediate < Advanced:  {pct(ordered)}  (target >= 80%: "
          f"{'reached' if ordered / n >= 0.80 else 'NOT reached'})")
    print(f"  (Elementary < Intermediate: {pct(ele_int)}; Intermediate < Advanced: "
          f"{pct(int_adv)}; missing scores: {missing})")
    if args.json:
        print(json.dumps(score, ensure_ascii=False, indent=1))
    print(f"  ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
