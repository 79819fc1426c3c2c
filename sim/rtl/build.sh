#!/bin/sh
# Generate a MAC array with `esrugen mac` and verilate it with a C++ harness.
#   build.sh OUTDIR HARNESS 'ESRUGEN MAC FLAGS' [TRACE]
# OUTDIR/rtl holds the RTL and its manifest, OUTDIR/HARNESS the binary; the
# harness reads every dimension from the manifest at run time. Rebuilds only
# when the generated RTL, the harness sources, the libraries or the flags changed.
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
# -O3 for the model's hot code (OPT_FAST) and the harness, -march=native for
# both (AVX2 / AVX-512 for the model's wide words: 1.4x here). The binary is
# built and run on this machine; the target features the compiler resolves
# "native" to are part of the stamp, so a tree copied to another CPU rebuilds
# instead of running instructions that CPU may lack. The model is integer
# code: results do not depend on the target.
opt="-O3"
arch="-march=native"
target=$(${CXX:-g++} $arch -Q --help=target 2>/dev/null | md5sum | cut -c1-12)
tflag=""
[ "$trace" = 1 ] && tflag="--trace-fst"
srcs="$root/sim/rtl/mac_rtl.cpp $root/sim/rtl/$harness.cpp"
# shellcheck disable=SC2086
stamp=$(cat "$out"/rtl/*.v $srcs "$root"/sim/rtl/*.h "$root/build/libesru.a" "$root/build/libtrain.a" | md5sum | cut -d' ' -f1)
stamp="$stamp $opt $arch($target) $tflag"
if [ -x "$out/$harness" ] && [ "$(cat "$out/$harness.stamp" 2>/dev/null)" = "$stamp" ]; then
    exit 0
fi
echo "sim: verilating the array ($flags) with $harness"
# shellcheck disable=SC2086
verilator --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast --noassert $tflag \
    --prefix Vmac --top-module mac -Mdir "$out/obj_$harness" \
    -MAKEFLAGS "OPT_FAST=$opt OPT_SLOW=-O1 OPT_GLOBAL=-O2" \
    -CFLAGS "$opt $arch -I$root -I$root/gen -I$root/sim/rtl -I$root/build" \
    -LDFLAGS "$root/build/libtrain.a $root/build/libesru.a -lcjson -lz -lm -fopenmp" \
    "$out"/rtl/*.v $srcs -o "$out/$harness" >"$out/verilator_$harness.log" 2>&1 || {
    tail -n 30 "$out/verilator_$harness.log" >&2
    echo "sim: verilator build failed (log: $out/verilator_$harness.log)" >&2
    exit 1
}
echo "$stamp" > "$out/$harness.stamp"
