#!/bin/sh
# Icarus leg of the RTL-equals-model tests for one config: eqgen writes
# stimulus + expected outputs from the C model, tb_icarus.v replays them.
# usage: icarus.sh EQGEN CONFIGS RTLDIR OUTDIR NAME CYCLES SEED [CORRUPT_CYCLE]
# Exit 0 iff the testbench prints PASS (with CORRUPT_CYCLE: iff it reports
# a MISMATCH, i.e. the testbench can fail).
set -eu
eqgen=$1 configs=$2 rtldir=$3 outdir=$4 name=$5 cycles=$6 seed=$7 corrupt=${8:-}
here=$(cd "$(dirname "$0")" && pwd)
work="$outdir/$name${corrupt:+.corrupt}"
rm -rf "$work"
mkdir -p "$work"
# shellcheck disable=SC2086
"$eqgen" icarus "$configs" "$name" "$work" "$cycles" "$seed" $corrupt
# shellcheck disable=SC2046
iverilog -Wall -g2005 -o "$work/sim.vvp" $(cat "$work/iverilog.args") "$here/tb_icarus.v" "$rtldir/$name"/*.v \
    > "$work/iverilog.log" 2>&1 || { echo "FAIL $name: iverilog:"; head -5 "$work/iverilog.log"; exit 1; }
if [ -s "$work/iverilog.log" ]; then
    echo "FAIL $name: iverilog warnings:"; head -5 "$work/iverilog.log"; exit 1
fi
(cd "$work" && vvp -n sim.vvp > vvp.log 2>&1) || true
if [ -n "$corrupt" ]; then
    if grep -q "^MISMATCH cycle $corrupt lane 0" "$work/vvp.log" && grep -q '^FAIL' "$work/vvp.log"; then
        echo "ok   $name: Icarus testbench caught the corrupted expected value at cycle $corrupt"
        exit 0
    fi
    echo "FAIL $name: expected value corrupted at cycle $corrupt, but the testbench did not report it:"
    tail -3 "$work/vvp.log"
    exit 1
fi
if grep -q "^PASS $cycles\$" "$work/vvp.log"; then
    echo "ok   $name: Icarus, $cycles cycles match the C model"
    exit 0
fi
echo "FAIL $name: Icarus:"
grep -E 'MISMATCH|FAIL|ERROR|error' "$work/vvp.log" | head -5
exit 1
