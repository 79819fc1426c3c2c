#!/bin/sh
# `make formal` (tests/formal/README.md): prove every LFSR width 1..64 against
# the recurrence, every unit of the grid against the reference, then check
# that each deliberately wrong reference of wrong.txt makes its proof fail.
# One line per unit as it finishes; per-unit times in WORK/times.txt.
# usage: run.sh ESRUGEN REFDIR WORK JOBS GRID WRONG
set -u
esrugen=$1 ref=$2 work=$3 jobs=$4 grid=$5 wrongs=$6
here=$(dirname "$0")
rm -rf "$work"
mkdir -p "$work"
t_start=$(date +%s)
"$here/expand.sh" "$grid" > "$work/grid.txt" || exit 2
"$here/expand.sh" --lfsr-widths > "$work/widths.txt" || exit 2
# the wrong-reference checks name units of the default grid, whatever GRID is
{ "$here/expand.sh" "$here/grid.txt" && cat "$work/widths.txt"; } > "$work/units.txt" || exit 2
fail=0

phase() { # NAME UNITS PROOFS: prove every unit of UNITS, JOBS at a time
    n=$(wc -l < "$2")
    mkdir -p "$work/$1.done"
    echo "formal: $1: $n units ($3)"
    PROOF_COUNT=$work/$1.done:$n xargs -P "$jobs" -L 1 "$here/prove.sh" "$esrugen" "$ref" "$work/$1" "$3" < "$2" \
        || fail=1
    cat "$work/$1.done"/*.result | sort > "$work/$1.results"
}
phase lfsr "$work/widths.txt" lfsr
phase grid "$work/grid.txt" lane,top

nw=$("$here/wrong.sh" "$esrugen" "$ref" "$work" "$work/units.txt" "$wrongs")
echo "formal: wrong references: $nw checks, each must make its proof fail"
seq 1 "$nw" | xargs -P "$jobs" -I{} "$here/wrong.sh" "$esrugen" "$ref" "$work" "$work/units.txt" "$wrongs" {} \
    > "$work/wrong.results" || fail=1
sort -n -k3 "$work/wrong.results"

# per-unit proof times (wall, and Yosys CPU), by CPU time, slowest first
cat "$work/lfsr.results" "$work/grid.results" | awk '$1 == "ok" {
    t = 0; c = 0
    for (i = 3; i < NF; i++) if ($(i + 1) == "s") t += $i; else if ($i == "(cpu") { x = $(i + 1); sub(/\)/, "", x); c += x }
    printf "%7.2f s cpu %7.2f s wall  %s\n", c, t, $0 }' | sort -rn > "$work/times.txt"

ok_l=$(grep -c '^ok' "$work/lfsr.results")
ok_g=$(grep -c '^ok' "$work/grid.results")
ok_w=$(grep -c '^ok' "$work/wrong.results")
n_g=$(wc -l < "$work/grid.txt")
t_all=$(( $(date +%s) - t_start ))
echo "formal: LFSR widths $ok_l/64 proven, units $ok_g/$n_g proven (lane + top), wrong references caught $ok_w/$nw; ${t_all} s (times: $work/times.txt)"
if [ $fail -ne 0 ] || [ "$ok_l" -ne 64 ] || [ "$ok_g" -ne "$n_g" ] || [ "$ok_w" -ne "$nw" ]; then
    grep -h '^FAIL' "$work/lfsr.results" "$work/grid.results" "$work/wrong.results"
    echo "formal: FAILED"
    exit 1
fi
echo "formal: all passed"
