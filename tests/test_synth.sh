#!/bin/sh
# Flow tests of `make synth` (synth/): first-principles counts, clear errors,
# a reduced default set with every row filled, and incremental reruns.
# Run from the repository root by `make test-synth`; needs yosys, OpenSTA (sta),
# the osu018 liberty (qflow-tech-osu018) and ./esrugen.
set -u
MAKE=${MAKE:-make}
SYNTHREP=build/synth/synthrep
T=$(mktemp -d /tmp/test_synth.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }
# csv FILE DESIGN TARGET COLUMN: one field of the report CSV.
csv() {
    awk -F, -v d="$2" -v t="$3" -v c="$4" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == d && $2 == t { print $(col[c]) }' "$1"
}

# 1. First principles: hand-written designs and esrugen's own LFSR modules.
mkdir -p "$T/fp/gen"
cp -r tests/test_synth_data/reg4 tests/test_synth_data/lfsr3 "$T/fp/gen/"
for m in 3 24; do
    ./esrugen --sru-width $m --prng-width $m --prng lfsr --name l$m -o "$T/fp/gen/l$m" >/dev/null
    # The LFSR module alone, as its own design.
    mkdir -p "$T/fp/gen/l${m}_lfsr"
    cp "$T/fp/gen/l$m/l${m}_lfsr.v" "$T/fp/gen/l${m}_lfsr/"
    echo "{\"files\": [\"l${m}_lfsr.v\"], \"config\": {\"rounding\": \"none\"}, \"config_hash\": \"l$m\"}" \
        > "$T/fp/gen/l${m}_lfsr/l${m}_lfsr.json"
done
fp_ok=1
for d in reg4 lfsr3 l3_lfsr l24_lfsr; do
    for t in xc7 ice40 gates; do
        synth/yosys.sh $t "$T/fp/gen/$d/$d.json" "$T/fp/syn/$d/$t.json" || fp_ok=0
    done
    synth/stdcell.sh "$T/fp/gen/$d/$d.json" "$T/fp/syn/$d" || fp_ok=0
done
check "tiny designs synthesize on all targets" '[ $fp_ok = 1 ]'
$SYNTHREP report -o "$T/fp/rep" -g "$T/fp/gen" -s "$T/fp/syn" reg4 lfsr3 l3_lfsr l24_lfsr
check "report tool reads real Yosys JSON" '[ -s "$T/fp/rep/synth.csv" ] && [ -s "$T/fp/rep/synth.json" ]'
for t in xc7 ice40 gates osu018; do
    check "reg4 ($t): 4 flip-flops" '[ "$(csv "$T/fp/rep/synth.csv" reg4 $t ff)" = 4 ]'
    check "reg4 ($t): no logic" '[ "$(csv "$T/fp/rep/synth.csv" reg4 $t logic)" = 0 ]'
    check "lfsr3 ($t): 3 flip-flops" '[ "$(csv "$T/fp/rep/synth.csv" lfsr3 $t ff)" = 3 ]'
    check "esrugen 3-bit LFSR ($t): 3 flip-flops" '[ "$(csv "$T/fp/rep/synth.csv" l3_lfsr $t ff)" = 3 ]'
    check "esrugen 24-bit LFSR ($t): 24 flip-flops" '[ "$(csv "$T/fp/rep/synth.csv" l24_lfsr $t ff)" = 24 ]'
done
check "lfsr3 (xc7): the XOR is one LUT2" '[ "$(csv "$T/fp/rep/synth.csv" lfsr3 xc7 lut2)" = 1 ] &&
    [ "$(csv "$T/fp/rep/synth.csv" lfsr3 xc7 logic)" = 1 ]'
check "reg4 (gates): 4 x 16 CMOS transistors" '[ "$(csv "$T/fp/rep/synth.csv" reg4 gates transistors)" = 64 ]'
# The area of 4 flip-flops, read from the liberty itself: 4 x the DFFPOSX1 cell's area.
dff_area=$(awk '/cell \(DFFPOSX1\)/ { f = 1 } f && /area :/ { gsub(/[;]/, ""); print $3; exit }' "$(synth/liberty.sh osu018)")
check "reg4 (osu018): area = 4 x DFFPOSX1 ($dff_area um^2)" \
    '[ -n "$dff_area" ] && [ "$(csv "$T/fp/rep/synth.csv" reg4 osu018 area_um2)" = "$(echo "4 * $dff_area" | bc).0" ]'
check "reg4 (osu018): no flip-flop feeds a flip-flop" '[ -z "$(csv "$T/fp/rep/synth.csv" reg4 osu018 reg2reg_ns)" ] &&
    grep -q "^| reg4 | .* | none | [0-9.]* (d\[[0-9]*\] -> q\[[0-9]*\]_reg) |" "$T/fp/rep/synth.md"'
check "esrugen 3-bit LFSR (osu018): a register-to-register path, a clock above 0" \
    '[ -n "$(csv "$T/fp/rep/synth.csv" l3_lfsr osu018 reg2reg_ns)" ] &&
    [ "$(echo "$(csv "$T/fp/rep/synth.csv" l3_lfsr osu018 fmax_mhz) > 0" | bc)" = 1 ]'

# 2. Clear errors, non-zero exits, the design named.
# fake NAME: a design with reg4's manifest and results, to be damaged below.
fake() {
    mkdir -p "$T/fp/gen/$1" && cp "$T/fp/gen/reg4/reg4.json" "$T/fp/gen/$1/$1.json" && cp -r "$T/fp/syn/reg4" "$T/fp/syn/$1"
}
rep() { $SYNTHREP report -o "$T/fp/rep" -g "$T/fp/gen" -s "$T/fp/syn" "$@" 2> "$T/err"; }
fake bad; head -c 100 "$T/fp/syn/reg4/ice40.json" > "$T/fp/syn/bad/ice40.json"
rep reg4 bad; rc=$?
check "malformed stat JSON: non-zero exit" '[ $rc -ne 0 ]'
check "malformed stat JSON: names design and target" 'grep -q "design bad (ice40).*malformed JSON" "$T/err"'
fake badman; echo '{"files": ["reg4.v"], "config": ' > "$T/fp/gen/badman/badman.json"
rep badman; rc=$?
check "malformed manifest: error names design" '[ $rc -ne 0 ] && grep -q "design badman:.*malformed" "$T/err"'
fake miss; rm "$T/fp/syn/miss/gates.json"
rep miss; rc=$?
check "missing stat JSON: error names design" '[ $rc -ne 0 ] && grep -q "design miss (gates)" "$T/err"'
cp -r tests/test_synth_data/broken "$T/fp/gen/"
synth/yosys.sh xc7 "$T/fp/gen/broken/broken.json" "$T/fp/syn/broken/xc7.json" 2> "$T/err"; rc=$?
check "failing design: non-zero exit, design named" '[ $rc -ne 0 ] && grep -q "design broken (xc7): yosys failed" "$T/err"'
check "failing design: no stat JSON left behind" '[ ! -e "$T/fp/syn/broken/xc7.json" ]'
YOSYS=/nonexistent/yosys synth/yosys.sh gates "$T/fp/gen/reg4/reg4.json" "$T/fp/syn/x/gates.json" 2> "$T/err"; rc=$?
check "missing yosys: clear error" '[ $rc -ne 0 ] && grep -q "design reg4 (gates): yosys not found" "$T/err"'
# A result that cannot be moved into place is a failure, not a success (a
# stand-in mv that always fails comes first on PATH).
mkdir -p "$T/failmv" && printf '#!/bin/sh\nexit 1\n' > "$T/failmv/mv" && chmod +x "$T/failmv/mv"
PATH="$T/failmv:$PATH" synth/yosys.sh gates "$T/fp/gen/reg4/reg4.json" "$T/fp/syn/y/gates.json" 2> "$T/err"; rc=$?
check "failing mv: non-zero exit, named, no result" '[ $rc -ne 0 ] && grep -q "design reg4 (gates): cannot move the result" "$T/err" &&
    [ ! -e "$T/fp/syn/y/gates.json" ]'
STA=/nonexistent/sta synth/stdcell.sh "$T/fp/gen/reg4/reg4.json" "$T/fp/syn/x" 2> "$T/err"; rc=$?
check "missing OpenSTA: clear error, nothing left" '[ $rc -ne 0 ] && grep -q "design reg4 (osu018): OpenSTA not found" "$T/err" &&
    [ ! -e "$T/fp/syn/x/osu018.json" ]'
fake nostat; rm "$T/fp/syn/nostat/osu018.stat"
rep nostat; rc=$?
check "missing liberty stat: error names design" '[ $rc -ne 0 ] && grep -q "design nostat (osu018): cannot read" "$T/err"'
fake mixed; cp "$T/fp/syn/l24_lfsr/osu018.stat" "$T/fp/syn/mixed/osu018.stat"
rep mixed; rc=$?
check "stat text of another run: refused" '[ $rc -ne 0 ] && grep -q "design mixed (osu018):.*different runs" "$T/err"'

# 3. A reduced default set through make: every row filled, the headline computed.
cp esrugen "$T/esrugen"
SET="sru24_24_lfsr sru8_3_plateau sru8_3_pair rne"
run() { $MAKE --no-print-directory synth ESRUGEN="$T/esrugen" SYNTH_SET="$SET" SYNTH_OUT="$T/out" SYNTH_REPORTS="$T/rep" > "$T/make.log" 2>&1; }
run; rc=$?
check "make synth (reduced set) succeeds" '[ $rc -eq 0 ]' || cat "$T/make.log"
R="$T/rep/synth.csv"
for d in $SET; do
    for t in xc7 ice40 gates osu018; do
        check "$d ($t): row filled" '[ "$(csv "$R" $d $t status)" = ok ] && [ "$(csv "$R" $d $t cells)" -gt 0 ] &&
            [ "$(csv "$R" $d $t ff)" -gt 0 ]'
    done
done
check "designs outside SYNTH_SET (the MAC arrays) are not synthesized" '! grep -q "^mac8x8" "$R"'
# First principles on generated units: y is an 8-bit register, the 24/24 unit adds one 24-bit LFSR.
for t in xc7 ice40 gates osu018; do
    check "rne ($t): 8 flip-flops (y)" '[ "$(csv "$R" rne $t ff)" = 8 ]'
    check "sru24_24_lfsr ($t): 8 + 24 flip-flops" '[ "$(csv "$R" sru24_24_lfsr $t ff)" = 32 ]'
done
check "um^2 headline computed" 'grep -q "^| sru8_3_plateau | [0-9]* | [0-9-]* | [0-9.]*x | .*x | [0-9.]* | [0-9]* |" "$T/rep/synth.md"'
# The 24/24 unit's register-to-register path runs from its LFSR into the y register.
check "sru24_24_lfsr (osu018): critical register path from the LFSR into y" \
    'grep "^| sru24_24_lfsr | sr 24/24" "$T/rep/synth.md" | tail -1 | grep -q "| [0-9.]* ([^y][^ ]*_reg -> y\[[0-9]*\]_reg) |"'
check "headline ratios computed" 'grep -q "^| sru8_3_plateau | .*x |" "$T/rep/synth.md" &&
    ! grep "^| sru8_3_plateau |" "$T/rep/synth.md" | head -1 | grep -q "n/a"'

# 4. Incremental reruns: synth/yosys.sh logs one line per synthesis it runs.
n0=$(wc -l < "$T/out/synth.log")
check "first run synthesized 4 designs x 4 targets" '[ "$n0" -eq 16 ]'
stamp0=$(ls -l --time-style=+%s.%N "$T/out/rne/xc7.json")
run
check "rerun: nothing resynthesized" '[ "$(wc -l < "$T/out/synth.log")" -eq "$n0" ]'
cp esrugen "$T/esrugen.new" && mv "$T/esrugen.new" "$T/esrugen"  # rebuilt binary, same output
run
check "new esrugen binary, same RTL: nothing resynthesized" '[ "$(wc -l < "$T/out/synth.log")" -eq "$n0" ] &&
    [ "$(ls -l --time-style=+%s.%N "$T/out/rne/xc7.json")" = "$stamp0" ] && grep -q "rne: generated RTL unchanged" "$T/make.log"'
echo "// edited" >> "$T/out/gen/rne/rne.v"  # generated RTL differs from what esrugen writes
touch "$T/esrugen"
run
check "changed RTL: exactly that design resynthesized" '[ "$(wc -l < "$T/out/synth.log")" -eq $((n0 + 4)) ] &&
    [ "$(tail -4 "$T/out/synth.log" | grep -c " rne ")" -eq 4 ]'

# An output path with a space: refused before anything runs, nothing created.
mkdir -p "$T/sp"
(cd "$T/sp" && $MAKE -s -C "$OLDPWD" synth SYNTH_OUT="$T/sp/a b" >"$T/sp.out" 2>&1); rc=$?
check "SYNTH_OUT with a space: exit 2, named, nothing created" '[ $rc -eq 2 ] &&
    grep -q "make variable SYNTH_OUT=.* contains a space" "$T/sp.out" && [ -z "$(ls "$T/sp")" ] && [ ! -e b ]'

if [ $fails -ne 0 ]; then
    echo "test_synth: $fails check(s) failed"
    exit 1
fi
echo "test_synth: all checks passed"
