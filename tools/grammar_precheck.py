#!/usr/bin/env python3
"""Quick pre-check of rules/<lang>/grammar.yaml while writing rules.

Mirrors the Rust engine (src/analyse/grammar.rs): class expansion, sentence
normalisation and the `unless` filter, using Python's `re` (close to Rust's
`regex` for the features rule files may use). The authoritative check is
`cargo test` / `cefrlint rules test`; this script only gives authors a fast loop.

Usage: python3 tools/grammar_precheck.py rules/en
Needs PyYAML (pip install pyyaml).
"""
import re
import sys
from pathlib import Path

import yaml

CLASS_REF = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


def expand_classes(classes):
    done = {}

    def expand(name, stack):
        if name in done:
            return done[name]
        if name in stack:
            raise SystemExit(f"class cycle: {' -> '.join(stack + [name])}")
        spec = classes.get(name)
        if spec is None:
            raise SystemExit(f"unknown class {{{name}}}")
        alts = []
        words = sorted(spec.get("words", []) or [], key=lambda w: (-len(w), w))
        alts += [re.escape(w) for w in words]
        if spec.get("regex"):
            alts.append(CLASS_REF.sub(lambda m: expand(m.group(1), stack + [name]), spec["regex"]))
        body = r"\b(?:" + "|".join(alts) + r")\b"
        done[name] = body
        return body

    for n in classes:
        expand(n, [])
    return done


def compile_pattern(pattern, expanded):
    def sub(m):
        if m.group(1) not in expanded:
            raise KeyError(m.group(1))
        return expanded[m.group(1)]

    return re.compile(CLASS_REF.sub(sub, pattern))


def first_match(rule, pats, unless, sentence):
    s = normalise(sentence)
    cands = []
    for p in pats:
        for m in p.finditer(s):
            if m.end() > m.start():
                cands.append((m.start(), m.end()))
    cands.sort()
    for a, b in cands:
        if any(u.start() < b and a < u.end() for up in unless for u in up.finditer(s)):
            continue
        return s[a:b]
    return None


def main():
    folder = Path(sys.argv[1])
    classes = yaml.safe_load((folder / "classes.yaml").read_text())["classes"]
    expanded = expand_classes(classes)
    rules = yaml.safe_load((folder / "grammar.yaml").read_text())["rules"]
    bad = 0
    seen = set()
    levels = {}
    for r in rules:
        rid = r.get("id")
        if rid in seen:
            print(f"{rid}: duplicate id")
            bad += 1
        seen.add(rid)
        levels[r.get("level")] = levels.get(r.get("level"), 0) + 1
        try:
            pats = [compile_pattern(p, expanded) for p in r["patterns"]]
            unless = [compile_pattern(p, expanded) for p in r.get("unless", []) or []]
        except Exception as e:  # noqa: BLE001
            print(f"{rid}: bad pattern: {e}")
            bad += 1
            continue
        ex = r.get("examples") or {}
        if not ex.get("match") or not ex.get("no_match"):
            print(f"{rid}: needs both match and no_match examples")
            bad += 1
        for e in ex.get("match") or []:
            got = first_match(r, pats, unless, e["text"])
            if got is None:
                print(f"{rid}: no match in {e['text']!r}")
                bad += 1
            elif e.get("matched") is not None and got != normalise(e["matched"]):
                print(f"{rid}: matched {got!r}, expected {e['matched']!r} in {e['text']!r}")
                bad += 1
        for t in ex.get("no_match") or []:
            got = first_match(r, pats, unless, t)
            if got is not None:
                print(f"{rid}: unexpected match {got!r} in {t!r}")
                bad += 1
    print(f"{len(rules)} rules, levels {dict(sorted(levels.items()))}, {bad} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
