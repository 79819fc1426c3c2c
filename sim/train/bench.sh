#!/bin/sh
# make bench (bench-train): training throughput of fp32 against fixed point
# with an SRU on the same data; one job at a time. Writes out/reports/bench-train.md.
set -e
BIN=${BIN:-./esrutrain}
OUT=${OUT:-out/reports}
BENCH=${BENCH:-"--epochs 1 --train-limit 20000 --test-limit 1000"}
SRU=${SRU:-"--numerics fixed --sru-width 8 --prng-width 3 --prng plateau --lanes 4"}
mkdir -p "$OUT"
ips() { sed -n 's/^  "images_per_second": \([0-9.]*\),*/\1/p' "$1"; }
# shellcheck disable=SC2086
"$BIN" $BENCH --quiet --numerics fp32 --json "$OUT/bench-fp32.json"
# shellcheck disable=SC2086
"$BIN" $BENCH --quiet $SRU --json "$OUT/bench-fixed.json"
f=$(ips "$OUT/bench-fp32.json")
q=$(ips "$OUT/bench-fixed.json")
{
    echo "| numerics | training images/s |"
    echo "| --- | --- |"
    echo "| fp32 | $f |"
    echo "| fixed 8-bit, SRU 8/3 plateau, 4 lanes | $q |"
    echo "| ratio fp32 / fixed | $(awk -v a="$f" -v b="$q" 'BEGIN { printf "%.2f", a / b }') |"
    echo
    echo "command: \`esrutrain $BENCH\` (fp32) and \`esrutrain $BENCH $SRU\`; $(nproc) cores, $(date -u +%Y-%m-%d)"
} > "$OUT/bench-train.md"
cat "$OUT/bench-train.md"
