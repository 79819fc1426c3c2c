#!/bin/sh
# esrutrain's command line: the flag table's number grammar and error contract,
# and the per-element bias check before training (warning, --strict-bias).
set -u
ESRUTRAIN=${1:-./esrutrain}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
SMALL="--epochs 1 --train-limit 64 --test-limit 32 --hidden 16 --quiet"

# expect_reject "needle" args...: exit 2 before any training, stderr names it.
expect_reject() {
    needle=$1; shift
    "$ESRUTRAIN" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 2 ]; then bad "esrutrain $*: exit $rc, expected 2"; return; fi
    if ! grep -q -- "$needle" "$tmp/err"; then bad "esrutrain $*: stderr lacks '$needle': $(cat "$tmp/err")"; return; fi
    if grep -q "^epoch" "$tmp/out"; then bad "esrutrain $*: trained before failing"; return; fi
    ok
}
expect_reject "--seed '010' has a leading zero"            --seed 010
expect_reject "--epochs '0x2' is not a decimal"            --epochs 0x2
expect_reject "--seed ' -1' is not a decimal"             --seed ' -1'
expect_reject "--hidden item 2 '' is empty"                --hidden 5,
expect_reject "--lr '1e-3' is not a decimal number"        --lr 1e-3
expect_reject "--lr 0.1 is not a power of two"             --lr 0.1
expect_reject "--rounding 'sr-idea' is unknown (valid: sr, rne, trunc, sr-ideal)" --rounding sr-idea
expect_reject "--prng 'x' is unknown (valid: lfsr"        --prng x
expect_reject "--array does not apply to esrutrain"        --array 8x8
expect_reject "--prng-state-width 17 does not apply to --prng plateau" --prng plateau --prng-state-width 17

# The bias check: plateau with half fill at 8 lanes makes every step advance
# both banks an even number of times (docs/training.md): warned, and refused
# with --strict-bias before training. Clean: the shared kind, and plateau when
# both K are odd: hidden 15, 3 lanes, batch 32: weight bank 784*15/3 + 15/3 +
# ceil(150/3) + ceil(10/3) = 3920 + 5 + 50 + 4 = 3979; requantization bank
# 480/3 + ceil(320/3) + 480/3 = 160 + 107 + 160 = 427.
"$ESRUTRAIN" $SMALL --prng plateau --fill half --lanes 8 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "warning: weight update bank: every step advances it K = " "$tmp/err" &&
   grep -q "biased by +0.0625 LSB" "$tmp/err"; then ok; else bad "plateau half L=8: no warning: $(cat "$tmp/err")"; fi
expect_reject "--strict-bias: not training" $SMALL --prng plateau --fill half --lanes 8 --strict-bias
for a in "--prng plateau --fill half --lanes 3 --hidden 15" "--prng shared --fill half --lanes 8" "--prng shared --fill half --lanes 1"; do
    # shellcheck disable=SC2086
    "$ESRUTRAIN" $SMALL $a --strict-bias --json "$tmp/r.json" >"$tmp/out" 2>"$tmp/err"
    if [ $? -eq 0 ] && ! grep -q warning "$tmp/err" && grep -q '"worst_element_mean_bias"' "$tmp/r.json"; then ok
    else bad "esrutrain $a --strict-bias: $(cat "$tmp/err")"; fi
done
echo "train cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
