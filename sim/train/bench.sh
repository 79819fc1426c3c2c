#!/bin/sh
# make bench (bench-train): training throughput of fp32 against fixed point
# with an SRU on the same data; one job at a time. Writes out/reports/bench-train.md.
set -e
BIN=${BIN:-./esrutrain}
OUT=${OUT:-out/reports}
BENCH=${BENCH:-"--epochs 1 --train-limit 20000 --test-limit 1000"}
SRU=${SRU:-"--numerics fixed --sru-width 8 --prng-width 3 --prng plateau --lanes 4"}
mkdir -p "$OUT"
REPS=${REPS:-3}
ips() { sed -n "s/^  \"$2\": \([0-9.]*\),*/\1/p" "$1"; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
# Alternate the two and keep each one's best run: other jobs on the shared
# machine only ever slow a run down.
f=0 q=0 fc=0 qc=0 i=0
while [ "$i" -lt "$REPS" ]; do
    # shellcheck disable=SC2086
    "$BIN" $BENCH --quiet --numerics fp32 --json "$OUT/bench-fp32.json"
    f=$(max "$f" "$(ips "$OUT/bench-fp32.json" images_per_second)")
    fc=$(max "$fc" "$(ips "$OUT/bench-fp32.json" images_per_cpu_second)")
    # shellcheck disable=SC2086
    "$BIN" $BENCH --quiet $SRU --json "$OUT/bench-fixed.json"
    q=$(max "$q" "$(ips "$OUT/bench-fixed.json" images_per_second)")
    qc=$(max "$qc" "$(ips "$OUT/bench-fixed.json" images_per_cpu_second)")
    i=$((i + 1))
done
{
    echo "| numerics | training images/s (wall) | images per CPU second |"
    echo "| --- | --- | --- |"
    echo "| fp32 | $f | $fc |"
    echo "| fixed 8-bit, SRU 8/3 plateau, 4 lanes | $q | $qc |"
    echo "| ratio fp32 / fixed | $(awk -v a="$f" -v b="$q" 'BEGIN { printf "%.2f", a / b }') | $(awk -v a="$fc" -v b="$qc" 'BEGIN { printf "%.2f", a / b }') |"
    echo
    echo "best of $REPS alternating runs each: \`esrutrain $BENCH\` (fp32) and \`esrutrain $BENCH $SRU\`; $(nproc) cores, load average $(awk '{ print $1 }' /proc/loadavg), $(date -u +%Y-%m-%d)"
} > "$OUT/bench-train.md"
cat "$OUT/bench-train.md"
