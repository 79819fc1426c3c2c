#!/bin/sh
# Generate a MAC array with `esrugen mac` and verilate it with a C++ harness.
#   build.sh OUTDIR HARNESS 'ESRUGEN MAC FLAGS' [TRACE]
# OUTDIR/rtl holds the RTL, OUTDIR/HARNESS the binary. Rebuilds only when the
# generated RTL, the harness sources or the libraries changed.
set -eu
harness=$2 flags=$3 trace=${4:-0}
mkdir -p "$1"
out=$(cd "$1" && pwd) # absolute: Verilator resolves -o against -Mdir
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC2086
"$root/esrugen" mac $flags --name mac -o "$out/rtl.new" >/dev/null
if [ -d "$out/rtl" ] && diff -q -r -I '^// Command' "$out/rtl" "$out/rtl.new" >/dev/null 2>&1; then
    rm -rf "$out/rtl.new"
else
    rm -rf "$out/rtl" && mv "$out/rtl.new" "$out/rtl"
fi
man="$out/rtl/mac.json"
num() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$man" | head -n 1; }
defs="-DMAC_R=$(num rows) -DMAC_C=$(num cols) -DMAC_L=$(num lanes) -DMAC_W=$(num operand_width)"
defs="$defs -DMAC_ACC=$(num acc_width) -DMAC_ACT=$(num act_width) -DMAC_WW=$(num weight_width) -DMAC_GW=$(num grad_width)"
tflag=""
[ "$trace" = 1 ] && tflag="--trace-fst" && defs="$defs -DMAC_TRACE=1"
srcs="$root/sim/rtl/mac_rtl.cpp $root/sim/rtl/$harness.cpp"
stamp=$(cat "$out"/rtl/*.v $srcs "$root"/sim/rtl/*.h "$root/build/libesru.a" "$root/build/libtrain.a" | md5sum | cut -d' ' -f1)
stamp="$stamp $defs $tflag"
if [ -x "$out/$harness" ] && [ "$(cat "$out/$harness.stamp" 2>/dev/null)" = "$stamp" ]; then
    exit 0
fi
echo "sim: verilating $(num rows)x$(num cols) array ($flags) with $harness"
# shellcheck disable=SC2086
verilator --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast --noassert $tflag \
    --prefix Vmac --top-module mac -Mdir "$out/obj_$harness" -MAKEFLAGS "OPT_FAST=-O2 OPT_SLOW=-O1 OPT_GLOBAL=-O2" \
    -CFLAGS "-O2 -I$root -I$root/gen -I$root/sim/rtl -I$root/build $defs" \
    -LDFLAGS "$root/build/libtrain.a $root/build/libesru.a -lcjson -lz -lm -fopenmp" \
    "$out"/rtl/*.v $srcs -o "$out/$harness" >"$out/verilator_$harness.log" 2>&1 || {
    tail -n 30 "$out/verilator_$harness.log" >&2
    echo "sim: verilator build failed (log: $out/verilator_$harness.log)" >&2
    exit 1
}
echo "$stamp" > "$out/$harness.stamp"
