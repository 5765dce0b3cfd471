#!/usr/bin/env bash
# Builds the release binary with profile-guided optimisation (PGO): the same code and the
# same output, compiled with a record of where its branches go on real work, so that the
# compiler lays out and inlines for that (rustc's `-Cprofile-generate` / `-Cprofile-use`).
#
#   tools/pgo_build.sh
#
# Steps (about 15 minutes on 2 cores; everything under target/pgo*):
# 1. an instrumented build of `cefrlint` and of the `grammar_speed` example
#    (target/pgo-gen);
# 2. the training runs, on text of this repository only, none of it the benchmark's:
#    - grammar matching (`grammar_speed`) on generated sentences, 2 MB each of English,
#      French and Spanish (`bench/gen_corpus.py --sentences`, seeds 21-23; the benchmark
#      uses seeds 3-5), and on the rules' own examples for German and Italian (the
#      benchmark uses the MERLIN texts);
#    - `cefrlint check` on corpora/ and on 5 MB of generated lessons (seed 21), in the
#      human and JSON reports;
# 3. the profiles merged with the toolchain's `llvm-profdata` (rustup component
#    `llvm-tools`, added when missing), and the build that uses them (target/pgo):
#    target/pgo/release/cefrlint and target/pgo/release/examples/grammar_speed.
#
# The profile is made afresh on each run and never committed: it depends on the compiler.
# Outputs are byte-identical to those of `cargo build --release` (bench/RESULTS.md, "Stop
# 39", checked on corpora/, tests/fixtures and ../shared/samples); PGO changes speed only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata=$sysroot/lib/rustlib/$host/bin/llvm-profdata
if [ ! -x "$profdata" ]; then
  rustup component add llvm-tools >&2 || {
    echo "needs llvm-profdata: rustup component add llvm-tools" >&2
    exit 2
  }
fi

data=$root/target/pgo-data
rm -rf "$data"
mkdir -p "$data/raw"

echo "1/3 instrumented build" >&2
CARGO_TARGET_DIR=$root/target/pgo-gen RUSTFLAGS="-Cprofile-generate=$data/raw" \
  cargo build --release --bin cefrlint --example grammar_speed

echo "2/3 training runs" >&2
gen=$root/target/pgo-gen/release
seed=21
for lang in en fr es; do
  python3 bench/gen_corpus.py 2 "$data/text-$lang" --seed $seed --sentences $lang >/dev/null
  ONLY_ALL=1 GS_SETTLE_MS=2000 "$gen/examples/grammar_speed" $lang \
    "$data/text-$lang/sentences-$lang.txt" 2 >&2
  seed=$((seed + 1))
done
for lang in de it; do
  ONLY_ALL=1 GS_SETTLE_MS=2000 "$gen/examples/grammar_speed" $lang @examples 2 >&2
done
python3 bench/gen_corpus.py 5 "$data/lessons" --seed 21 >/dev/null
for format in human json; do
  for dir in corpora "$data/lessons"; do
    "$gen/cefrlint" check "$dir" --format $format --fail-on never >/dev/null
  done
done

echo "3/3 optimised build" >&2
"$profdata" merge -o "$data/merged.profdata" "$data/raw"
CARGO_TARGET_DIR=$root/target/pgo RUSTFLAGS="-Cprofile-use=$data/merged.profdata" \
  cargo build --release --bin cefrlint --example grammar_speed
echo "$root/target/pgo/release/cefrlint"
