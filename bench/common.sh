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
