# Shared by the scripts that run `grammar_speed` under valgrind (sourced, not run).

# Prints BIN if given, else the path of a `grammar_speed` built from the working tree with
# `cargo build --release --example grammar_speed`; fails if valgrind is missing.
grammar_speed_bin() {
  command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; return 2; }
  if [ -n "${1:-}" ]; then
    echo "$1"
    return
  fi
  local root target
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  (cd "$root" && cargo build --release --example grammar_speed >&2)
  target=${CARGO_TARGET_DIR:-target}
  case $target in /*) ;; *) target=$root/$target ;; esac
  echo "$target/release/examples/grammar_speed"
}

# Runs `BIN LANG FILE MB` (the variables bin, lang and file) under callgrind with the cache
# model of D1 and LL, counting only inside `Grammar::find`, with the profile written to OUT;
# valgrind's summary goes to standard error, the program's output is dropped. Each run waits
# 60 s (GS_SETTLE_MS) for the prefilter's faster table, built on a thread of its own, so
# that the counts are those of a long run.
callgrind_find() {
  local mb=$1 out=$2
  GS_SETTLE_MS=60000 ONLY_ALL=1 valgrind --tool=callgrind --cache-sim=yes --D1="$D1" --LL="$LL" \
    --toggle-collect='cefrlint::analyse::grammar::Grammar::find' --callgrind-out-file="$out" \
    "$bin" "$lang" "$file" "$mb" >/dev/null
}
