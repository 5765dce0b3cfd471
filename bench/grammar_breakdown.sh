#!/usr/bin/env bash
# Where grammar matching spends its instructions and second-level cache misses, function by
# function, per MB of sentences once warm: callgrind runs `grammar_speed LANG FILE 2` and
# `... 4`, counting inside `Grammar::find`, and each function's cost is (4 MB run - 2 MB
# run) / 2, so that compiling the rules and the warm-up drop out (bench/grammar_cost.sh
# gives the totals the same way).
#
#   bench/grammar_breakdown.sh LANG FILE [BIN]
#
# LANG, FILE: as for bench/grammar_cost.sh. BIN: a `grammar_speed` binary; for readable
# names build one without LTO and with line tables (the figures of bench/RESULTS.md, "Stop
# 38", came from such a build):
#   CARGO_TARGET_DIR=/tmp/fp_target CARGO_PROFILE_RELEASE_LTO=false \
#     CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=1 \
#     cargo build --release --example grammar_speed
# The cache model is D1 and LL in the environment (size,ways,line), by default 32 KB first
# level and the 512 KB second level of the AMD Zen 3 of stops 37-38.
#
# Prints two tables: inclusive instructions of the main steps (a function's own and its
# callees'), then each function's own instructions and second-level misses (reads and
# writes), largest first. Needs valgrind and python3; about 9 minutes (the two runs in
# parallel).
set -euo pipefail

usage="usage: bench/grammar_breakdown.sh LANG FILE [BIN]"
lang=${1:?$usage}
file=${2:?$usage}
D1=${D1:-32768,8,64}
LL=${LL:-524288,8,64}
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
bin=$(grammar_speed_bin "${3:-}")

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for mb in 2 4; do
  callgrind_find "$mb" "$out/cg$mb" 2>/dev/null &
done
wait
for mb in 2 4; do
  callgrind_annotate --auto=no --threshold=100 --inclusive=yes "$out/cg$mb" >"$out/inc$mb"
  callgrind_annotate --auto=no --threshold=100 --show=Ir,DLmr,DLmw "$out/cg$mb" >"$out/own$mb"
done

python3 - "$out" "$lang" <<'EOF'
import re
import sys

out, lang = sys.argv[1], sys.argv[2]
# A count is "N (P%)", a bare "0", or "." for none.
count = r'(?:[\d,]+ \([^)]*\)|0|\.)'
row = re.compile(rf'^\s*({count})((?:\s+{count})*)\s+(.*)$')


def number(text):
    return 0 if text.startswith('.') else int(text.split(' ')[0].replace(',', ''))


def load(path, merge):
    """Function name (file and binary dropped) -> counts, merged over its files."""
    table = {}
    for line in open(path):
        m = row.match(line)
        if not m:
            continue
        counts = [number(m.group(1))] + [number(v) for v in re.findall(count, m.group(2))]
        name = re.sub(r'\s*\[.*\]$', '', m.group(3)).strip()
        name = re.sub(r'^[^:]*:', '', name)
        old = table.get(name)
        table[name] = counts if old is None else [merge(a, b) for a, b in zip(old, counts)]
    return table


def per_mb(path2, path4, merge):
    a, b = load(path2, merge), load(path4, merge)
    return {k: [(y - x) / 2e6 for x, y in zip(a.get(k, [0] * len(b[k])), b[k])] for k in b}


# Inclusive: a function listed under several files is one function; its largest line is
# its total.
inc = per_mb(f'{out}/inc2', f'{out}/inc4', max)
total = inc.get('PROGRAM TOTALS', [0])[0]
steps = [
    ('Grammar::find', 'cefrlint::analyse::grammar::Grammar::find_observed'),
    ('  normalising', 'cefrlint::analyse::normalize::Normalized::reusing'),
    ('  prefilter', 'cefrlint::analyse::prefilter::Prefilter::candidates_into'),
    ('    its table scan', 'cefrlint::analyse::literal_dfa::LiteralDfa::scan_classes'),
    ('  rules', 'cefrlint::analyse::grammar::Grammar::rule_first_match_in'),
    ('    regex searches', '<regex_automata::meta::strategy::Core as regex_automata::meta::strategy::Strategy>::search'),
    ('      forward DFA', 'regex_automata::hybrid::search::find_fwd'),
    ('      reverse DFA', 'regex_automata::hybrid::search::find_rev'),
]
print(f'{lang}: per MB of sentences, {total:.1f} M instructions in all')
print('step (inclusive)                 M instructions  share')
for label, name in steps:
    v = inc.get(name, [0])[0]
    print(f'{label:32} {v:14.1f}  {100 * v / total:4.0f}%')

# Own costs: the parts of a function listed under several files add up.
own = per_mb(f'{out}/own2', f'{out}/own4', lambda a, b: a + b)
own.pop('PROGRAM TOTALS', None)
misses = sum(v[1] + v[2] for v in own.values())
print(f'\nown instructions and second-level misses per MB ({misses:.3f} M misses in all)')
print('M misses  share  M instructions  function')
for name, v in sorted(own.items(), key=lambda kv: -(kv[1][1] + kv[1][2]))[:15]:
    m = v[1] + v[2]
    print(f'{m:8.3f}  {100 * m / misses:4.0f}%  {v[0]:14.1f}  {name[-90:]}')
EOF
