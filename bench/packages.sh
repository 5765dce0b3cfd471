#!/usr/bin/env bash
# Memory with many packages: generates 100 and 1,000 mixed packages (H5P archives and
# folders, SCORM and QTI zips, zips of lessons, nested zips; bench/gen_packages.py, seeded,
# into scratch space, never committed) and runs
#     cefrlint check DIR --format json --fail-on never --jobs J
# under /usr/bin/time -v for each, reporting wall time, items and the maximum resident set
# size. Packages are read one at a time per worker and members dropped once decoded, so the
# peak should stay nearly flat from 100 to 1,000 packages: the report is spooled, the
# duplicate index holds 8-byte slots in memory (bench/RESULTS.md, "Flat memory for 1,000
# packages": +3 MiB from 100 to 1,000 with --jobs 1).
#
#   bench/packages.sh [--bin PATH] [--jobs J]
#
# Without --bin, builds the release binary of the working tree (cargo build --release, into
# $CARGO_TARGET_DIR or target/). Scratch space: $CEFRLINT_BENCH_DIR (default
# /tmp/cefrlint-bench-packages).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${CEFRLINT_BENCH_DIR:-/tmp/cefrlint-bench-packages}"
BIN=""
JOBS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) BIN="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
if [ -z "$BIN" ]; then
  (cd "$REPO" && cargo build --release -q)
  BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/cefrlint"
fi
if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time is missing (Debian package: time)" >&2
  exit 69
fi
mkdir -p "$SCRATCH"

echo "| packages | files in report | items | wall (s) | max RSS (MiB) |"
echo "|---:|---:|---:|---:|---:|"
for n in 100 1000; do
  dir="$SCRATCH/p$n"
  if [ ! -d "$dir" ]; then
    python3 "$REPO/bench/gen_packages.py" "$dir" "$n" --seed 1
  fi
  "/usr/bin/time" -v "$BIN" check "$dir" --format json --fail-on never --jobs "$JOBS" \
    > "$SCRATCH/out$n.json" 2> "$SCRATCH/time$n.txt"
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$SCRATCH/time$n.txt")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$SCRATCH/time$n.txt")
  read -r files items < <(python3 -c "
import json, sys
d = json.load(open('$SCRATCH/out$n.json'))
print(len(d['files']), len(d['items']))")
  echo "| $n | $files | $items | $wall | $((rss / 1024)) |"
done
