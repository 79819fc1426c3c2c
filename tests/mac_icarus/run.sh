#!/bin/sh
# The MAC array under Icarus Verilog (issue 4), beside the Verilator checks.
# usage: run.sh ESRUGEN STIM OUTDIR SYNTHREP (its `files` lists a manifest's RTL, read with cJSON)
# Per config: `esrugen mac` writes the RTL, STIM (stim.c) writes the stimulus
# and the expected outputs from the C model, tb_mac.v replays them under
# `iverilog -Wall -g2005` (any compiler message fails the check). Then the
# negative checks: a corrupted expected value, the stimulus of the seed-1 RTL
# against an RTL generated with seed 2, and the --pipeline 1 stimulus against
# the P = 0 RTL must be reported; a manifest whose latency disagrees with its
# flags must be refused.
set -eu
esrugen=$1 stim=$2 out=$3 synthrep=$4
here=$(cd "$(dirname "$0")" && pwd)
start=$(date +%s)
mkdir -p "$out"
passed=0

# name | geometry flags (RTL only) | SRU flags (RTL and model)
configs='a|--array 2x3 --lanes 2 --acc-width 20|--sru-width 8 --prng-width 3 --prng plateau
b|--array 3x2 --lanes 3 --acc-width 18|--rounding rne --seed 9
c|--array 2x2 --lanes 4 --acc-width 22|--prng pair --fill half --sru-width 4 --prng-width 2 --seed 77
d|--array 2x2 --lanes 3 --acc-width 20|--prng shared --fill half --sru-width 8 --prng-width 3 --seed 5
p1|--array 2x3 --lanes 2 --acc-width 20|--sru-width 8 --prng-width 3 --prng plateau --pipeline 1
p2|--array 2x2 --lanes 3 --acc-width 20|--prng shared --fill half --sru-width 8 --prng-width 3 --seed 5 --pipeline 2
p2r|--array 3x2 --lanes 3 --acc-width 18|--rounding rne --seed 9 --pipeline 2'

fail() { echo "FAIL mac-icarus $*"; exit 1; }

# gen NAME 'FLAGS': RTL into $out/NAME/rtl
gen() {
    rm -rf "$out/$1/rtl"
    mkdir -p "$out/$1"
    # shellcheck disable=SC2086
    "$esrugen" mac $2 --name mac -o "$out/$1/rtl" > "$out/$1/esrugen.log" 2>&1 ||
        { cat "$out/$1/esrugen.log"; fail "$1: esrugen mac $2"; }
}

# sim WORKDIR RTLDIR: compile tb + RTL (warnings fail), run vvp; rc in $vrc
sim() {
    files=$("$synthrep" files "$2/mac.json") || fail "$2/mac.json: unreadable manifest"
    rtl=""
    for f in $files; do rtl="$rtl $2/$f"; done
    # shellcheck disable=SC2046,SC2086
    iverilog -Wall -g2005 -o "$1/sim.vvp" $(cat "$1/tb.args") "$here/tb_mac.v" $rtl > "$1/iverilog.log" 2>&1 ||
        { head -20 "$1/iverilog.log"; fail "$1: iverilog"; }
    if [ -s "$1/iverilog.log" ]; then
        head -20 "$1/iverilog.log"; fail "$1: iverilog printed warnings"
    fi
    vrc=0
    (cd "$1" && vvp -n sim.vvp > vvp.log 2>&1) || vrc=$?
}

echo "$configs" | while IFS='|' read -r name geo sru; do
    gen "$name" "$geo $sru"
    # shellcheck disable=SC2086
    "$stim" --manifest "$out/$name/rtl/mac.json" --out "$out/$name" > "$out/$name/stim.log" 2>&1 ||
        { cat "$out/$name/stim.log"; fail "$name: stim"; }
    sim "$out/$name" "$out/$name/rtl"
    if [ "$vrc" -ne 0 ] || ! grep -q '^PASS ' "$out/$name/vvp.log"; then
        cat "$out/$name/vvp.log"; fail "$name ($geo $sru): the RTL differs from the C model"
    fi
    echo "ok   mac-icarus $name ($geo $sru): $(grep '^PASS ' "$out/$name/vvp.log" | cut -c6-) match the C model"
    sed -n 's/^stim: op [0-9]*, /       /p' "$out/$name/stim.log"
done
passed=$(echo "$configs" | wc -l)

# Negative 1: one corrupted expected value per operation kind must be reported
# at exactly that cycle, port and element, and nowhere else.
a_sru='--sru-width 8 --prng-width 3 --prng plateau'
for op in gemm1 gemm2 requant update2; do
    w="$out/neg_corrupt_$op"
    rm -rf "$w" && mkdir -p "$w"
    # shellcheck disable=SC2086
    "$stim" --manifest "$out/a/rtl/mac.json" --out "$w" --corrupt "$op" > "$w/stim.log" 2>&1 ||
        { cat "$w/stim.log"; fail "stim --corrupt $op"; }
    where=$(sed -n 's/^corrupted: //p' "$w/stim.log")
    [ -n "$where" ] || fail "stim --corrupt $op did not say what it corrupted"
    sim "$w" "$out/a/rtl"
    if [ "$vrc" -ne 0 ] && grep -q "^MISMATCH $where " "$w/vvp.log" && grep -q '^FAIL 1 mismatched' "$w/vvp.log"; then
        echo "ok   mac-icarus negative: corrupted expected value ($op, $where) caught: $(grep '^MISMATCH' "$w/vvp.log")"
    else
        cat "$w/vvp.log"; fail "negative: the corrupted expected value ($op: $where) was not reported as the only mismatch"
    fi
    passed=$((passed + 1))
done

# cross NAME STIMCFG RTLDIR WHAT: config STIMCFG's stimulus replayed against
# RTLDIR must be reported as an rq_y mismatch.
cross() {
    w="$out/$1/replay"
    rm -rf "$w" && mkdir -p "$w"
    cp "$out/$2/stim.hex" "$out/$2/exp.hex" "$out/$2/op.hex" "$out/$2/tb.args" "$w/"
    sim "$w" "$3"
    if [ "$vrc" -ne 0 ] && grep -q '^MISMATCH cycle [0-9]* port rq_y ' "$w/vvp.log"; then
        echo "ok   mac-icarus negative: $4 caught: $(grep '^MISMATCH' "$w/vvp.log")"
    else
        cat "$w/vvp.log"; fail "negative: $4 passed"
    fi
    passed=$((passed + 1))
}

# Negative 2: config a's stimulus (model seed 1) against its RTL generated with seed 2.
gen neg_seed "--array 2x3 --lanes 2 --acc-width 20 $a_sru --seed 2"
cross neg_seed a "$out/neg_seed/rtl" "RTL seeded 2 against the seed-1 model"

# Negative 3: config p1's stimulus (--pipeline 1: each lane result checked one
# edge later, one drain edge per operation) against config a's RTL, the same
# array at --pipeline 0: the first lane result is on rq_y one edge early.
cross neg_latency p1 "$out/a/rtl" "the --pipeline 1 schedule against the P = 0 RTL"

# Negative 4: a manifest whose latency_cycles disagrees with its flags is refused.
w="$out/neg_manifest"
rm -rf "$w" && mkdir -p "$w/rtl"
sed 's/"latency_cycles": 2,/"latency_cycles": 1,/' "$out/p1/rtl/mac.json" > "$w/rtl/mac.json"
if "$stim" --manifest "$w/rtl/mac.json" --out "$w" > "$w/stim.log" 2>&1; then
    fail "negative: a manifest with latency_cycles 1 and --pipeline 1 was accepted"
elif grep -q 'latency_cycles disagree with its flags (--pipeline 1: latency 2)' "$w/stim.log"; then
    echo "ok   mac-icarus negative: manifest latency_cycles 1 with --pipeline 1 refused: $(cat "$w/stim.log")"
else
    cat "$w/stim.log"; fail "negative: the bad manifest was refused, but not for its latency"
fi
passed=$((passed + 1))

echo "mac-icarus: $passed passed, 0 failed ($(($(date +%s) - start)) s)"
