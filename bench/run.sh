#!/usr/bin/env bash
# End-to-end benchmark of the cefrlint binary on a generated corpus.
#
#   bench/run.sh [--rev REV | --worktree | --bin PATH] [--size MB] [--corpus DIR] [--runs N]
#                [--out FILE]
#
# 1. builds the release binary: by default of the last commit (HEAD, or REV, exported with
#    `git archive` into a scratch folder, so that uncommitted edits in the working tree do
#    not change what is measured); with --worktree, of the working tree as it is
#    (`cargo build --release` in the repository); with --bin, PATH is measured as it is (for
#    experiments: say yourself what it was built from);
# 2. generates a SIZE MiB corpus with bench/gen_corpus.py into /tmp (default 50 MiB, seed 1;
#    kept between runs, regenerated when the generator changes). With --corpus DIR: DIR is
#    generated when it does not exist, and used as it is when it exists and was not made by
#    this script;
# 3. measures, with /usr/bin/time -v:
#      cefrlint check DIR --format json --fail-on never --jobs 1   (N runs, default 3)
#      cefrlint check DIR --format json --fail-on never --jobs $(nproc)
#    and reports the median wall time, MiB/s, items/s (items from the JSON summary), the
#    CPU time (user + sys) and MiB per CPU-second (less disturbed than the wall time when
#    other work shares the machine), and the largest maximum resident set size; then
#    start-up plus one small file, for each clean lesson of corpora/ (A1 to B2, en and fr),
#      cefrlint check corpora/<lang>/clean/<file>
#    with hyperfine (median of 20 runs, 3 warm-up runs; a shell loop when hyperfine is
#    missing);
# 4. prints a markdown report (machine, commit, commands, table), also written to FILE
#    (default: $SCRATCH/results.md).
#
# MiB = 1,048,576 bytes; MiB/s = corpus bytes / MiB / median wall time.
# Scratch space: $CEFRLINT_BENCH_DIR (default /tmp/cefrlint-bench).
# Installs the Debian packages `time` and `hyperfine` when missing and run as root.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${CEFRLINT_BENCH_DIR:-/tmp/cefrlint-bench}"
SIZE=50
SEED=1
RUNS=3
WORKTREE=0
REV=HEAD
BIN_ARG=""
CORPUS=""
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --worktree) WORKTREE=1 ;;
    --rev) REV="$2"; shift ;;
    --size) SIZE="$2"; shift ;;
    --corpus) CORPUS="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --out) OUT="$2"; shift ;;
        --bin) BIN_ARG="$2"; shift ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$SCRATCH"
CORPUS="${CORPUS:-/tmp/cefrlint-bench-corpus-${SIZE}mib-seed${SEED}}"
OUT="${OUT:-$SCRATCH/results.md}"
NPROC="$(nproc)"
PY="${PYTHON:-python3}"

log() { echo "== $*" >&2; }

# --- tools -----------------------------------------------------------------------------
need_pkg() { # command package
  if ! command -v "$1" >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing $2"
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$2" >/dev/null 2>&1; } || true
  fi
}
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (Debian package: time)" >&2; exit 1; }
need_pkg hyperfine hyperfine

# --- build -----------------------------------------------------------------------------
cd "$REPO"
COMMIT="$(git rev-parse --verify "$REV^{commit}")"
if [ -n "$BIN_ARG" ]; then
  BIN="$(cd "$(dirname "$BIN_ARG")" && pwd)/$(basename "$BIN_ARG")"
  MEASURED="binary $BIN (given with --bin; working tree at $COMMIT)"
elif [ "$WORKTREE" = 1 ]; then
  SRC="$REPO"
  DIRTY="$(git status --porcelain -- src rules build.rs Cargo.toml Cargo.lock | wc -l)"
  MEASURED="working tree at $COMMIT ($DIRTY changed or new paths under src/, rules/, build files)"
  log "cargo build --release (working tree)"
  cargo build --release >&2
  BIN="$REPO/target/release/cefrlint"
else
  SRC="$SCRATCH/src-$COMMIT"
  if [ ! -f "$SRC/Cargo.toml" ]; then
    log "exporting $COMMIT to $SRC"
    rm -rf "$SRC.tmp" && mkdir -p "$SRC.tmp"
    git archive "$COMMIT" | tar -x -C "$SRC.tmp"
    mv "$SRC.tmp" "$SRC"
  fi
  MEASURED="commit $COMMIT (exported with git archive; uncommitted changes not included)"
  BIN="$SCRATCH/bin/cefrlint-$COMMIT"
  if [ ! -x "$BIN" ]; then
    # The target folder is shared between commits (dependencies are built once); cargo
    # does not tell two exports apart, and git archive dates files at the commit, so the
    # sources are touched to force a rebuild of this commit.
    log "cargo build --release (commit $COMMIT)"
    find "$SRC" -type f -exec touch {} +
    (cd "$SRC" && CARGO_TARGET_DIR="$SCRATCH/target" cargo build --release >&2)
    mkdir -p "$SCRATCH/bin"
    cp "$SCRATCH/target/release/cefrlint" "$BIN.tmp" && mv "$BIN.tmp" "$BIN"
  fi
fi

# --- corpus ----------------------------------------------------------------------------
GEN_SUM="$(sha256sum "$REPO/bench/gen_corpus.py" | cut -c1-16)"
INFO="$CORPUS/CORPUS-INFO.txt"
if [ ! -e "$CORPUS" ] || { [ -f "$INFO" ] && ! grep -q "generator $GEN_SUM" "$INFO"; }; then
  log "generating a $SIZE MiB corpus into $CORPUS"
  rm -rf "$CORPUS" "$CORPUS.partial"
  "$PY" "$REPO/bench/gen_corpus.py" "$SIZE" "$CORPUS.partial" --seed "$SEED"
  echo "bench/gen_corpus.py $SIZE $CORPUS --seed $SEED (generator $GEN_SUM)" > "$CORPUS.partial/CORPUS-INFO.txt"
  mv "$CORPUS.partial" "$CORPUS"
fi
read -r FILES BYTES < <(find "$CORPUS" -type f \( -name '*.yaml' -o -name '*.json' \) -printf '%s\n' | awk '{n++; s+=$1} END {print n, s}')
[ "${FILES:-0}" -gt 0 ] || { echo "no lesson files under $CORPUS" >&2; exit 1; }
YAML_FILES="$(find "$CORPUS" -type f -name '*.yaml' | wc -l)"
DIRS="$(find "$CORPUS" -mindepth 1 -type d | wc -l)"
log "corpus: $FILES files ($YAML_FILES YAML), $BYTES bytes, $DIRS folders"

RULES_EN="$("$BIN" rules --lang en | grep -c '^en/' || true)"
RULES_FR="$("$BIN" rules --lang fr | grep -c '^fr/' || true)"

# --- full check ------------------------------------------------------------------------
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
TMP="$SCRATCH/runs"
rm -rf "$TMP" && mkdir -p "$TMP"
ROWS=""
for J in 1 "$NPROC"; do
  for K in $(seq 1 "$RUNS"); do
    log "check --jobs $J, run $K/$RUNS"
    rc=0
    /usr/bin/time -v -o "$TMP/time-$J-$K.txt" \
      "$BIN" check "$CORPUS" --format json --fail-on never --jobs "$J" > "$TMP/out-$J-$K.json" || rc=$?
    [ "$rc" = 0 ] || { echo "cefrlint exited with $rc (see $TMP/out-$J-$K.json)" >&2; exit 1; }
  done
  ROW="$("$PY" - "$TMP" "$J" "$RUNS" "$BYTES" <<'EOF'
import json, re, statistics, sys
tmp, j, runs, nbytes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
walls, rss, cpu = [], [], []
for k in range(1, runs + 1):
    t = open(f"{tmp}/time-{j}-{k}.txt").read()
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", t)
    walls.append(int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3)))
    rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)))
    u = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
    s = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
    cpu.append(u + s)
summary = json.load(open(f"{tmp}/out-{j}-1.json"))["summary"]
wall = statistics.median(walls)
mib = nbytes / 1048576
c = statistics.median(cpu)
print(f"| check, --jobs {j} | {wall:.2f} s ({', '.join(f'{w:.2f}' for w in walls)}) | {mib / wall:.2f} | "
      f"{summary['items'] / wall:,.0f} | {summary['files'] / wall:,.1f} | {c:.2f} s | {mib / c:.2f} | "
      f"{max(rss) / 1024:.0f} MiB | {summary['items']} items, {summary['findings']} findings |")
EOF
)"
  ROWS="$ROWS$ROW"$'\n'
done

# --- start-up plus one small file ------------------------------------------------------
# Each clean lesson of corpora/ (3-4 KB, A1 to B2, English and French): the B1 and B2 ones
# reach many more grammar rules, which are compiled on first use.
cd "$REPO"
STARTUP_ROWS=""
for SMALL in corpora/*/clean/*; do
  SMALL_BYTES="$(wc -c < "$REPO/$SMALL")"
  /usr/bin/time -v -o "$TMP/time-small.txt" "$BIN" check "$SMALL" > /dev/null 2>&1 || true
  SMALL_RSS="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time-small.txt")"
  if command -v hyperfine >/dev/null 2>&1; then
    log "hyperfine: check $SMALL"
    hyperfine -N -i --warmup 3 --runs 20 --export-json "$TMP/small.json" "$BIN check $SMALL" >&2
    STARTUP="$("$PY" - "$TMP/small.json" <<'EOF2'
import json, sys
r = {k: v * 1000 for k, v in json.load(open(sys.argv[1]))["results"][0].items() if k in ("median", "mean", "stddev", "min", "max")}
print(f"{r['median']:.1f} ms (mean {r['mean']:.1f} ± {r['stddev']:.1f}, min {r['min']:.1f}, max {r['max']:.1f}; hyperfine, 20 runs)")
EOF2
)"
  else
    log "hyperfine missing: timing 20 runs in a shell loop"
    for K in $(seq 1 3); do "$BIN" check "$SMALL" > /dev/null 2>&1 || true; done
    : > "$TMP/small.txt"
    for K in $(seq 1 20); do
      s=$(date +%s%N); "$BIN" check "$SMALL" > /dev/null 2>&1 || true; e=$(date +%s%N)
      echo $(( (e - s) / 1000 )) >> "$TMP/small.txt"
    done
    STARTUP="$(sort -n "$TMP/small.txt" | awk '{a[NR]=$1} END {printf "%.1f ms (shell loop, 20 runs)\n", (a[10]+a[11])/2000}')"
  fi
  STARTUP_ROWS="$STARTUP_ROWS| start-up + one small file ($SMALL, $SMALL_BYTES bytes) | $STARTUP | | | | | | $((SMALL_RSS / 1024)) MiB | |"$'\n'
done

# --- report ----------------------------------------------------------------------------
CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
MEM="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
{
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — $MEASURED"
  echo
  echo "- machine: $NPROC CPUs ($(nproc --all) online), $CPU_MODEL, $MEM RAM; $(uname -sr); $(rustc --version); load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- corpus: $CORPUS ($(head -1 "$INFO" 2>/dev/null || echo 'not generated by this script')): $FILES files ($YAML_FILES YAML, $((FILES - YAML_FILES)) JSON), $BYTES bytes ($(awk "BEGIN {printf \"%.2f\", $BYTES / 1048576}") MiB), $DIRS folders"
  echo "- grammar rules at measurement time: en $RULES_EN, fr $RULES_FR (\`cefrlint rules --lang XX | grep -c '^XX/'\`)"
  echo "- commands: \`/usr/bin/time -v cefrlint check $CORPUS --format json --fail-on never --jobs J > out.json\` ($RUNS runs each, J = 1 and $NPROC); \`hyperfine -N -i --warmup 3 --runs 20 'cefrlint check FILE'\` for each FILE in corpora/*/clean/"
  echo
  echo "| run | wall, median (all runs) | MiB/s | items/s | files/s | CPU (user+sys), median | MiB per CPU-s | max RSS | output |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s' "$ROWS"
  printf '%s' "$STARTUP_ROWS"
} | tee "$OUT"
