#!/bin/sh
# Timing wrappers (esrugen --wrap) and the iCE40 place-and-route flow (make pnr):
# the CLI contract, lint, the wrappers' function against the bare unit, and one
# real place-and-route of a small unit plus one design that cannot fit.
# Run from the repository root by `make test-pnr`; needs iverilog, verilator,
# yosys, nextpnr-ice40 and ./esrugen, build/synth/synthrep.
set -u
E=./esrugen
SYNTHREP=build/synth/synthrep
T=$(mktemp -d /tmp/test_wrap.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }

# 1. CLI: a bad mode is refused (exit 2, value and valid set named, nothing written).
$E --wrap fast -o "$T/bad" >/dev/null 2> "$T/err"; rc=$?
check "--wrap fast: exit 2, names the value and the valid modes" \
    '[ $rc -eq 2 ] && grep -q "wrap .fast. is unknown (valid: reg, serial)" "$T/err" && [ ! -e "$T/bad" ]'
$E analyze --wrap reg >/dev/null 2> "$T/err"; rc=$?
check "analyze --wrap: refused" '[ $rc -eq 2 ] && grep -q "wrap" "$T/err"'
$E --prng pair --lanes 2 --name p --wrap reg -o "$T/p" > /dev/null; rc=$?
hash=$(sed -n 's/.*"config_hash": "\([0-9a-f]*\)".*/\1/p' "$T/p/p.json")
check "--wrap reg: NAME_wrap.v written, in the manifest, with the design's config hash" \
    '[ $rc -eq 0 ] && grep -q "\"p_wrap.v\"" "$T/p/p.json" && grep -q "Config hash: $hash" "$T/p/p_wrap.v" &&
    grep -q "default_nettype none" "$T/p/p_wrap.v" && grep -q "Command: .*--wrap reg" "$T/p/p_wrap.v"'
$E --prng pair --lanes 2 --name p -o "$T/p0" > /dev/null
check "without --wrap: no wrapper, the other files identical" \
    '[ ! -e "$T/p0/p_wrap.v" ] && for f in p.v p_lane.v p_lfsr.v; do
        diff -q -I "^// Command:" "$T/p/$f" "$T/p0/$f" >/dev/null || exit 1; done'

# 2. Lint (verilator -Wall, iverilog -Wall) and Yosys of both wrappers: a unit,
#    an ext unit (the rnd port) and a MAC array (many ports, combinational acc_row).
lint_ok=1
for spec in "u|--prng plateau --lanes 2" "xe|--prng ext --lanes 3" "m|mac --array 2x2"; do
    n=${spec%%|*} args=${spec#*|}
    for w in reg serial; do
        d="$T/lint/$n$w"
        $E $args --name "$n" --wrap $w -o "$d" >/dev/null || lint_ok=0
        verilator --lint-only -Wall --top-module "${n}_wrap" "$d"/*.v 2> "$T/lint.err" || { cat "$T/lint.err"; lint_ok=0; }
        iverilog -Wall -o /dev/null -s "${n}_wrap" "$d"/*.v 2> "$T/lint.err" || lint_ok=0
        [ -s "$T/lint.err" ] && { cat "$T/lint.err"; lint_ok=0; }
        yosys -q -p "read_verilog $d/*.v; hierarchy -check -top ${n}_wrap; proc; check -assert" >/dev/null 2>&1 || lint_ok=0
    done
done
check "wrappers lint clean (verilator -Wall, iverilog -Wall) and pass yosys check" '[ $lint_ok = 1 ]'

# 3. Function: each wrapper against the bare unit (tests/wrap/tb_wrap.v explains).
C="--in-width 8 --out-width 4 --shift 3 --sru-width 3 --prng-width 2 --prng plateau --lanes 2"
# (each -o directory is one published set: two sets, two directories)
$E $C --name u --wrap reg -o "$T/f/u" >/dev/null && $E $C --name s --wrap serial -o "$T/f/s" >/dev/null &&
    iverilog -Wall -o "$T/f/sim" tests/wrap/tb_wrap.v "$T"/f/u/*.v "$T"/f/s/*.v && vvp -n "$T/f/sim" > "$T/f/out"
cat "$T/f/out"
num() { sed -n "s/.*$1.*/\\1/p" "$T/f/out"; }
check "--wrap reg: the unit's outputs, one register later" '[ "$(num "reg: \([0-9]*\) mismatches")" = 0 ]'
check "--wrap reg (negative): one cycle off is caught" '[ "$(num " \([0-9]*\) one cycle off")" -gt 0 ]'
check "--wrap serial: inputs shifted in, outputs shifted out, bit for bit" '[ "$(num "serial: \([0-9]*\) mismatches")" = 0 ]'
check "--wrap serial (negative): one transaction off is caught" '[ "$(num " \([0-9]*\) one transaction off")" -gt 0 ]'
check "outputs are not all zero" '[ "$(num " \([0-9]*\) nonzero")" -gt 100 ]'

# 4. One real place-and-route (2 seeds) of a small unit inside its registered
#    wrapper, and one design that does not fit: the sliced unit with 8 lanes
#    needs 323 I/O pins (see below), more than the iCE40 HX8K offers.
$E --in-width 8 --out-width 4 --shift 4 --sru-width 4 --prng-width 3 --prng lfsr --name tiny --wrap reg \
    -o "$T/gen/tiny" >/dev/null
$E --in-width 32 --out-width 8 --shift 24 --prng sliced --lanes 8 --name wide --wrap reg -o "$T/gen/wide" >/dev/null
synth/pnr.sh "$T/gen/tiny/tiny.json" "$T/run/tiny" reg flat 1 2 > "$T/pnr.log" 2>&1; rc=$?
cat "$T/pnr.log"
check "pnr: tiny unit placed and routed for both seeds" '[ $rc -eq 0 ] && [ -s "$T/run/tiny/seed1.json" ] &&
    [ -s "$T/run/tiny/seed2.json" ] && [ ! -e "$T/run/tiny/nofit.txt" ] && [ ! -e "$T/run/tiny.tmp.*" ]'
synth/pnr.sh "$T/gen/wide/wide.json" "$T/run/wide" reg flat 1 2 > "$T/pnr.log" 2>&1; rc=$?
cat "$T/pnr.log"
check "pnr: a design that cannot fit is a result, not an error" '[ $rc -eq 0 ] && [ -s "$T/run/wide/nofit.txt" ]'
mkdir -p "$T/rep"
$SYNTHREP pnr -o "$T/rep" -g "$T/gen" -r "$T/run" tiny wide; rc=$?
cat "$T/rep/pnr.md" | tail -3
field() { awk -F, -v d="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } $1 == d { print $(col[c]) }' "$T/rep/pnr.csv"; }
check "pnr report written" '[ $rc -eq 0 ] && [ -s "$T/rep/pnr.json" ]'
# I/O from first principles: clk, rst, en, 8 x bits, 4 y bits.
check "tiny: 15 I/O pins (clk, rst, en, 8 in, 4 out)" '[ "$(field tiny io_used)" = 15 ]'
lo=$(field tiny fmax_min_mhz) med=$(field tiny fmax_median_mhz) hi=$(field tiny fmax_max_mhz)
check "tiny: Fmax min <= median <= max, all above 0 ($lo, $med, $hi MHz)" \
    '[ "$(echo "$lo > 0 && $lo <= $med && $med <= $hi" | bc)" = 1 ]'
# 3 control pins + 8 lanes x 32 x bits + 8 lanes x 8 y bits = 323.
check "wide: does not fit, the reason names the 323 I/O pins" \
    '[ "$(field wide status)" = nofit ] && field wide reason | grep -q "SB_IO 323/" &&
    grep -q "^| wide | .* | does not fit: SB_IO 323/" "$T/rep/pnr.md"'
NEXTPNR=/nonexistent/nextpnr synth/pnr.sh "$T/gen/tiny/tiny.json" "$T/run/x" reg flat 1 2> "$T/err"; rc=$?
check "missing nextpnr: clear error, nothing left" '[ $rc -ne 0 ] && grep -q "design tiny: nextpnr-ice40 not found" "$T/err" &&
    [ ! -e "$T/run/x" ]'
$E --prng lfsr --name nowrap -o "$T/gen/nowrap" >/dev/null
synth/pnr.sh "$T/gen/nowrap/nowrap.json" "$T/run/nowrap" reg flat 1 2> "$T/err"; rc=$?
check "design generated without --wrap: clear error" '[ $rc -ne 0 ] && grep -q "no nowrap_wrap.v" "$T/err"'

# 5. make pnr on a reduced set: the report row, then incremental reruns.
MAKE=${MAKE:-make}
prun() { $MAKE --no-print-directory pnr ESRUGEN="$(pwd)/esrugen" PNR_SET=sru4_2_lfsr PNR_OUT="$T/mk" \
    PNR_REPORTS="$T/mkrep" "$@" > "$T/make.log" 2>&1; }
prun PNR_SEEDS="1 2"; rc=$?
check "make pnr (one unit, 2 seeds) succeeds" '[ $rc -eq 0 ] && grep -q "^| sru4_2_lfsr | sr 4/2 lfsr, 1 lane | reg | [0-9.]* |" "$T/mkrep/pnr.md"' ||
    cat "$T/make.log"
m0=$(ls -l --time-style=+%s.%N "$T/mk/sru4_2_lfsr/meta")
prun PNR_SEEDS="1 2"
check "make pnr rerun: nothing placed again" '[ "$(ls -l --time-style=+%s.%N "$T/mk/sru4_2_lfsr/meta")" = "$m0" ] &&
    ! grep -q "seed" "$T/make.log"'
prun PNR_SEEDS="3"
check "make pnr with other seeds: placed again, the report lists them" 'grep -q "sru4_2_lfsr seed 3" "$T/make.log" &&
    grep -q "seeds: 3\$" "$T/mkrep/pnr.md"'

if [ $fails -ne 0 ]; then
    echo "test_wrap: $fails check(s) failed"
    exit 1
fi
echo "test_wrap: all checks passed"
