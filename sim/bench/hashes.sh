#!/bin/sh
# The weight hash of short esrutrain runs for a fixed list of configurations:
# a change that must not change results (speed, threads, refactoring) leaves
# every line the same. Compare two builds or thread counts with diff:
#   sh sim/bench/hashes.sh ./esrutrain > before.txt
#   sh sim/bench/hashes.sh ./esrutrain --threads 2 > after.txt; diff before.txt after.txt
set -eu
BIN=${1:-./esrutrain}
[ $# -gt 0 ] && shift
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
while IFS= read -r cfg; do
    # shellcheck disable=SC2086
    "$BIN" --train-limit 2000 --test-limit 500 --epochs 1 --quiet $cfg "$@" --json "$tmp" >/dev/null
    printf '%s\t%s\n' "${cfg:-default}" "$(sed -n 's/.*"weight_hash": *"\([0-9a-f]*\)".*/\1/p' "$tmp")"
done <<'LIST'

--prng lfsr --sru-width 24 --prng-width 24
--rounding rne
--rounding sr-ideal
--prng pair --lanes 4
--prng sliced --lanes 4
--prng ext
--fill half --lanes 8
--numerics fp32
--weight-width 16
--rounding trunc --lanes 3
--prng lfsr-inv --lanes 5 --weight-width 12 --act-width 10
--prng plateau --lanes 7 --fill half --batch 17
--prng ext --lanes 9 --rounding sr --sru-width 10 --prng-width 7
--rounding sr-ideal --lanes 3 --batch 13
--numerics fp32 --batch 17 --hidden 100,37
--acc-width 20 --lanes 4
LIST
