#!/usr/bin/env bash
# Grammar matching speed of one or more `grammar_speed` builds, in alternating runs: the
# median and the runs of each, in MB per CPU-second (the issue's per-thread figure).
#
#   bench/grammar_ab.sh LANG FILE RUNS BIN [BIN...]
#
# LANG: en, fr, es, de or it; FILE: sentences, one or more per line (see
# examples/grammar_speed.rs); RUNS: runs of each build; BIN: `grammar_speed` binaries (build
# one with `cargo build --release --example grammar_speed`, copy it away, change the code,
# build the other). Each run matches all the rules of LANG over 10 MB of FILE, repeated.
#
# The runs alternate so that a change of the machine's load touches every build alike: on
# a shared machine the same build gives medians a fifth apart within an hour (stop 28), so
# compare builds within one call, and read a difference under 5% as none. The counts of
# bench/grammar_cost.sh do not vary.
#
# The texts of the figures in bench/RESULTS.md: for en, fr and es,
#   bench/gen_corpus.py 10 /tmp/s10_en --seed 3 --sentences en   (fr: seed 4, es: seed 5)
# and /tmp/s10_LANG/sentences-LANG.txt; for de and it, the MERLIN texts of ../shared/eval:
#   cat ../shared/eval/merlin/DE/*.txt | sed 's/^[ \t]*//; s/[ \t]*$//' | grep -v '^$' > /tmp/merlin-de.txt
set -euo pipefail

usage="usage: bench/grammar_ab.sh LANG FILE RUNS BIN [BIN...]"
lang=${1:?$usage}
file=${2:?$usage}
runs=${3:?$usage}
shift 3
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }

declare -A got
for _ in $(seq "$runs"); do
  for bin in "$@"; do
    line=$(ONLY_ALL=1 "$bin" "$lang" "$file" 10)
    value=$(sed -n 's/.*: \([0-9.]*\) MB per CPU-s.*/\1/p' <<<"$line")
    [ -n "$value" ] || { echo "no figure in: $line" >&2; exit 1; }
    got[$bin]="${got[$bin]:-} $value"
  done
done
for bin in "$@"; do
  median=$(tr ' ' '\n' <<<"${got[$bin]}" | grep -v '^$' | sort -n |
    awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
  echo "$lang $bin: median $median MB per CPU-second (${got[$bin]# } )"
done
