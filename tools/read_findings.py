#!/usr/bin/env python3
"""Draw grammar findings at random from real texts, to be read one by one.

How the README's figures on real texts were made ("How far to trust a grammar
finding"): texts not written for cefrlint go into a native lesson declared A1,
one text item each; `cefrlint check` reports every structure above that level;
a fixed random draw of those findings is printed with the text around each, and
a person reads whether the structure is really there.

    # 1. texts, one per line (see SOURCES below), into a lesson
    python3 tools/read_findings.py lesson fr texts.txt lesson.yaml --sample 300 --seed 41
    # 2. the findings
    cefrlint check lesson.yaml --format json --fail-on never > findings.json
    # 3. forty of them, with their context
    python3 tools/read_findings.py draw lesson.yaml findings.json --count 40 --seed 8

`lesson` keeps the texts given (all, or `--sample N` of them drawn with
`--seed`) and writes them as JSON strings, so any text is valid YAML. `draw`
lists the structure evidence of `grammar/above-level` findings, draws `--count`
of them with `--seed` (Python's `random.sample`, so a draw is the same on every
machine), and prints each rule, level, matched text and up to 110 characters
before it and 80 after, from the lesson line the finding points at.

SOURCES used in stop 41 (none is copied into the repository; the Debian packages
come through apt, the others from ../shared/eval):
- CEFR-SP (../shared/eval/cefr-sp/*.txt): first column, with the tokeniser's
  spaces removed before punctuation and clitics (" n't" -> "n't", " ." -> ".").
- MERLIN (../shared/eval/merlin/DE or IT/*.txt): one essay per line, its
  non-empty lines joined by spaces.
- OneStopEnglish (../shared/eval/onestopenglish/*/*.txt): each line of more
  than 40 characters, white space collapsed.
- Debian Reference (package debian-reference-fr or -es,
  /usr/share/debian-reference/*.fr.html) and the Debian Edu manual (package
  debian-edu-doc-fr or -es, debian-edu-bookworm-manual.html): the text of
  each <p>, 60 characters or more, without
  code, paths or quotes, and whose words are at least 15% the language's
  commonest ones and under 5% English ones.
- Sayings (packages fortunes-de, fortunes-es, fortunes-it, under
  /usr/share/games/fortunes/): each entry between "%" lines, lines joined,
  attribution lines ("-- Name") dropped, 40 to 600 characters.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def lesson(args: argparse.Namespace) -> None:
    texts = [t.strip() for t in Path(args.texts).read_text(encoding="utf-8").splitlines()]
    texts = [t for t in texts if t]
    if args.sample is not None:
        random.seed(args.seed)
        texts = random.sample(texts, min(args.sample, len(texts)))
    lines = [f"language: {args.lang}", "level: A1", "lessons:", "  - id: read",
             "    title: read", "    items:"]
    for i, text in enumerate(texts):
        lines += [f"      - id: t{i}", "        kind: text",
                  "        text: " + json.dumps(text, ensure_ascii=False)]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(texts)} texts written to {args.out}", file=sys.stderr)


def draw(args: argparse.Namespace) -> None:
    report = json.loads(Path(args.findings).read_text(encoding="utf-8"))
    source = Path(args.lesson).read_text(encoding="utf-8").split("\n")
    evidence = [
        e
        for f in report["findings"]
        if f["rule"] == "grammar/above-level"
        for e in f["evidence"]
        if e["kind"] == "structure"
    ]
    print(f"{len(evidence)} structures found", file=sys.stderr)
    random.seed(args.seed)
    for n, e in enumerate(random.sample(evidence, min(args.count, len(evidence))), 1):
        line = source[e["line"] - 1]
        # Columns count characters, from 1.
        at = e["column"] - 1
        around = line[max(0, at - 110) : at + len(e["text"]) + 80]
        print(f"{n}. {e['detail']} ({e['level']}) `{e['text']}`\n   …{around}…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("lesson", help="texts, one per line, into a native lesson declared A1")
    p.add_argument("lang", choices=["en", "fr", "es", "de", "it"])
    p.add_argument("texts")
    p.add_argument("out")
    p.add_argument("--sample", type=int)
    p.add_argument("--seed", type=int, default=41)
    p.set_defaults(run=lesson)
    d = sub.add_parser("draw", help="grammar findings drawn at random, with their context")
    d.add_argument("lesson")
    d.add_argument("findings")
    d.add_argument("--count", type=int, default=40)
    d.add_argument("--seed", type=int, default=8)
    d.set_defaults(run=draw)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
