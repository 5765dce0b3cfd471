#!/usr/bin/env bash
# Grammar matching cost per MB of sentences, counted rather than timed: instructions and
# first- and second-level data cache misses in `Grammar::find`, from callgrind's cache
# model. Counts are the same from one run to the next, where times on a shared machine
# vary by a third (stop 21: 9 to 15 MB per CPU-second for the same build within minutes).
#
#   bench/grammar_cost.sh LANG FILE [BIN]
#
# LANG: en, fr, es, de or it; FILE: text, one or more sentences per line (see
# examples/grammar_speed.rs); BIN: a `grammar_speed` binary (default: built from the working
# tree with `cargo build --release --example grammar_speed`).
#
# Runs `grammar_speed LANG FILE 1` and `... 3` under callgrind, counting only inside
# `Grammar::find`, and prints (3 MB run - 1 MB run) / 2: the cost per MB once the rules are
# compiled and the prefilter's table is built (each run waits GS_SETTLE_MS, 60 s here, for
# the table's thread under valgrind). The cache model: 48 KB first level (12-way), 2 MB
# second level (16-way), 64-byte lines, the caches of the Xeon the figures of
# bench/RESULTS.md were measured on; for another machine, set D1 and LL in the environment
# (size,ways,line: `LL=1048576,16,64` for the 1 MB second level of the AMD Zen 4 and Zen 5 of
# stops 32-35). Running it with several LL sizes shows the working set: stop 35 found
# German's second-level misses falling from 0.61 M per MB at 1 MB to 0.30 M at 2 MB, 0.10 M
# at 4 MB and 0.005 M at 16 MB.
#
# A rough cycle estimate for that machine (stop 21, which matched the measured times):
# 0.4 cycle per instruction + 14 per first-level miss + 60 per second-level miss.
# Stop 22 found first-level misses much cheaper than that: running the rules over batches
# of 64 sentences cut them by 44% on English (7.15 M -> 3.98 M per MB) for 7% more
# instructions, and the time did not change (medians of seven runs: 16.4 and 16.8 MB per
# CPU-second). Read the instructions first; the misses say little about the time here.
#
# Needs valgrind (apt-get install valgrind). Takes about 5 minutes per language.
set -euo pipefail

lang=${1:?usage: bench/grammar_cost.sh LANG FILE [BIN]}
file=${2:?usage: bench/grammar_cost.sh LANG FILE [BIN]}
D1=${D1:-49152,12,64}
LL=${LL:-2097152,16,64}
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
bin=$(grammar_speed_bin "${3:-}")

# Prints "instructions first-level-data-misses second-level-data-misses" (reads and writes).
count() {
  callgrind_find "$1" /dev/null 2>&1 |
    awk 'function total(line) { sub(/.*: */, "", line); sub(/ .*/, "", line); gsub(",", "", line); return line }
         /I +refs:/ {i = total($0)}
         /D1 +misses:/ {d = total($0)}
         /LLd +misses:/ {l = total($0)}
         END {print i, d, l}'
}

read -r i1 d1 l1 < <(count 1)
read -r i3 d3 l3 < <(count 3)
awk -v l="$lang" -v i="$(( (i3 - i1) / 2 ))" -v d="$(( (d3 - d1) / 2 ))" \
    -v ll="$(( (l3 - l1) / 2 ))" 'BEGIN {
  printf "%s: per MB of sentences in Grammar::find: %.0f M instructions, %.2f M first-level misses, %.3f M second-level misses; estimate %.0f M cycles\n",
    l, i / 1e6, d / 1e6, ll / 1e6, (0.4 * i + 14 * d + 60 * ll) / 1e6
}'
