#!/bin/sh
# Lint and synthesize one generated config; any warning fails.
#   verilator --lint-only -Wall    : no output at all
#   iverilog -Wall -g2005          : no output at all
#   yosys synth + check -assert    : no "Warning", no inferred latch, no
#                                    latch cell, no "Resizing"
# usage: lint.sh NAME RTLDIR LOGDIR      (files: RTLDIR/NAME/*.v)
set -u
name=$1 rtldir=$2 logdir=$3
dir="$rtldir/$name"
files=$(ls "$dir"/*.v | tr "\n" " ")
mkdir -p "$logdir"
fail=0

# shellcheck disable=SC2086
verilator --lint-only -Wall --top-module "$name" $files > "$logdir/$name.verilator.log" 2>&1
rc=$?
if [ $rc -ne 0 ] || [ -s "$logdir/$name.verilator.log" ]; then
    echo "FAIL $name: verilator --lint-only -Wall (rc $rc):"
    grep -E '^%' "$logdir/$name.verilator.log" | head -5
    fail=1
fi

# shellcheck disable=SC2086
iverilog -Wall -g2005 -s "$name" -o /dev/null $files > "$logdir/$name.iverilog.log" 2>&1
rc=$?
if [ $rc -ne 0 ] || [ -s "$logdir/$name.iverilog.log" ]; then
    echo "FAIL $name: iverilog -Wall -g2005 (rc $rc):"
    head -5 "$logdir/$name.iverilog.log"
    fail=1
fi

ylog="$logdir/$name.yosys.log"
# shellcheck disable=SC2086
yosys -l "$ylog" -p "read_verilog $files; synth -top $name; check -assert; stat" > /dev/null 2>&1
rc=$?
if [ $rc -ne 0 ]; then
    echo "FAIL $name: yosys (rc $rc):"
    grep -E 'ERROR|Warning' "$ylog" | head -5
    fail=1
elif grep -E 'Warning|Latch inferred|Resizing|\$_DLATCH|\$dlatch' "$ylog" > /dev/null; then
    echo "FAIL $name: yosys log has warnings or latches:"
    grep -E 'Warning|Latch inferred|Resizing|\$_DLATCH|\$dlatch' "$ylog" | head -5
    fail=1
fi
[ $fail -eq 0 ] && echo "ok   $name: verilator, iverilog, yosys clean"
exit $fail
