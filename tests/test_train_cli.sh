#!/bin/sh
# esrutrain's CLI contract: bad flags and bad data files -> a clear message
# naming the value, exit 2, no report; an unusable --json path fails before
# any data is read or training starts; the per-element bias check before
# training (warning, --strict-bias). Usage: test_train_cli.sh ESRUTRAIN [DATA]
set -u
ESRUTRAIN=${1:-./esrutrain}
DATA=${2:-/usr/share/datasets/fashion-mnist}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_reject "needle" args...: exit 2, stderr has needle, no training line, no report.
expect_reject() {
    needle=$1; shift
    rm -f "$tmp/r.json"
    "$ESRUTRAIN" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    if [ $rc -ne 2 ]; then bad "esrutrain $* exited $rc, expected 2: $(cat "$tmp/stderr")"; return; fi
    if ! grep -qF -- "$needle" "$tmp/stderr"; then bad "esrutrain $*: stderr lacks '$needle': $(cat "$tmp/stderr")"; return; fi
    if grep -q "weight hash\|^esrutrain: fixed\|^esrutrain: fp32" "$tmp/stdout"; then bad "esrutrain $*: started training"; return; fi
    if [ -e "$tmp/r.json" ] || ls "$tmp" | grep -q "\.tmp\."; then bad "esrutrain $*: left a report or temp file"; return; fi
    ok
}

expect_reject "--epochs"  --epochs 0
expect_reject "--seed"    --seed 0
expect_reject "--hidden"  --hidden ''
expect_reject "--lanes"   --prng pair --lanes 3
expect_reject "--lr"      --lr 0.1
expect_reject "unexpected argument" stray
expect_reject "--model 'cnn' is unknown (valid: mlp, lenet)" --model cnn
expect_reject "--hidden sets the MLP's layers" --model lenet --hidden 64

# --json checked at startup: the data dir does not exist either, and the
# --json error must be the one reported (nothing was loaded or trained).
expect_reject "--json $tmp/no-such-dir/r.json" --data "$tmp/no-data" --json "$tmp/no-such-dir/r.json"
expect_reject "is a directory" --data "$tmp/no-data" --json "$tmp"
# Control: with a writable --json path the same command fails on the data instead.
expect_reject "$tmp/no-data/train-images-idx3-ubyte.gz" --data "$tmp/no-data" --json "$tmp/r.json"

# Bad data files, generated here (big-endian IDX headers, gzip-compressed).
labels_ok() { printf '\0\0\010\001\0\0\0\001\001' | gzip -c; }
mkdir -p "$tmp/big" "$tmp/junk"
# A header claiming one 4096x4096 image: refused from the header, before allocation.
printf '\0\0\010\003\0\0\0\001\0\0\020\0\0\0\020\0' | gzip -c > "$tmp/big/train-images-idx3-ubyte.gz"
labels_ok > "$tmp/big/train-labels-idx1-ubyte.gz"
# 8x8 images: too small for LeNet's two 5x5 conv layers (16x16 is the least),
# refused before training; the MLP trains on them.
mkdir -p "$tmp/small"
for split in train t10k; do
    { printf '\0\0\010\003\0\0\0\001\0\0\0\010\0\0\0\010'; head -c 64 /dev/zero; } | gzip -c > "$tmp/small/$split-images-idx3-ubyte.gz"
    labels_ok > "$tmp/small/$split-labels-idx1-ubyte.gz"
done
# 8x8 images: conv 5x5 gives 4x4, pooled 2x2, too small for the second 5x5 layer
expect_reject "conv layer 2 (5x5 kernel, padding 0) does not fit its 2x2 input map of 8x8 images" --model lenet --data "$tmp/small"
if "$ESRUTRAIN" --data "$tmp/small" --epochs 1 --quiet >/dev/null 2>&1; then ok; else bad "the MLP does not train on 8x8 images"; fi
expect_reject "$tmp/big/train-images-idx3-ubyte.gz: IDX header claims 4096x4096 images (valid: rows and cols 1..256)" \
    --data "$tmp/big" --json "$tmp/r.json"
# Under a memory limit too (not under ASan, which reserves terabytes of address space).
if [ -z "${ESRU_ASAN:-}" ]; then
    (ulimit -v 300000; "$ESRUTRAIN" --data "$tmp/big" >/dev/null 2>"$tmp/stderr"); rc=$?
    if [ $rc -eq 2 ] && grep -q "4096x4096" "$tmp/stderr"; then ok; else bad "4096x4096 under ulimit -v: rc $rc"; fi
fi
# One 1x1 image, valid labels, then text after the gzip member of the labels.
printf '\0\0\010\003\0\0\0\001\0\0\0\001\0\0\0\001\177' | gzip -c > "$tmp/junk/train-images-idx3-ubyte.gz"
{ labels_ok; printf 'junk'; } > "$tmp/junk/train-labels-idx1-ubyte.gz"
expect_reject "trailing garbage after gzip member 1 (byte" --data "$tmp/junk"

# A real short run writes the report (and leaves no temp file).
if [ -f "$DATA/train-images-idx3-ubyte.gz" ]; then
    "$ESRUTRAIN" --data "$DATA" --epochs 1 --train-limit 300 --test-limit 100 --hidden 16 --quiet \
        --json "$tmp/r.json" >"$tmp/stdout" 2>"$tmp/stderr"; rc=$?
    if [ $rc -eq 0 ] && grep -q '"weight_hash"' "$tmp/r.json" && ! ls "$tmp" | grep -q "\.tmp\."; then ok
    else bad "short run: rc $rc: $(cat "$tmp/stderr")"; fi
else
    echo "train-cli: $DATA missing: short run skipped"
fi

# One number grammar, and flags of other tools named as such (the flag table).
SMALL="--epochs 1 --train-limit 64 --test-limit 32 --hidden 16 --quiet"
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

# --conv: a conv front for the MLP, through the same grammar (KxC items, each
# number in its own range), refused with --model lenet, and checked against
# the images before training (28 -> 24 -> 12 -> 8 -> 4: a third 5x5 layer
# does not fit the 4x4 map).
expect_reject "--conv item 1 channels '0' is out of range (valid: 1..64)" --conv 5x0
expect_reject "--conv item 1 kernel '29' is out of range (valid: 1..28)" --conv 29x6
expect_reject "--conv item 2 '' is not KxC"                --conv 5x6,
expect_reject "--conv item 1 kernel '05' has a leading zero" --conv 05x6
expect_reject "(valid: 1..4 comma-separated KxC"           --conv 1x1,1x1,1x1,1x1,1x1
expect_reject "--conv sets the MLP's layers"               --model lenet --conv 3x4
expect_reject "--padding same needs odd kernels: --conv item 2 has 4" --conv 5x6,4x8 --padding same
expect_reject "--padding 'full' is unknown (valid: valid, same)" --padding full
if [ -f "$DATA/train-images-idx3-ubyte.gz" ]; then
    expect_reject "conv layer 3 (5x5 kernel, padding 0) does not fit its 4x4 input map of 28x28 images" \
        --data "$DATA" $SMALL --conv 5x6,5x16,5x16
    # LeNet-5 given as layers is LeNet-5: the same network, the same weights.
    TINY="--epochs 1 --train-limit 64 --test-limit 32 --quiet"
    "$ESRUTRAIN" --data "$DATA" $TINY --model lenet --json "$tmp/l1.json" >/dev/null 2>&1 &&
        "$ESRUTRAIN" --data "$DATA" $TINY --conv 5x6,5x16 --hidden 120,84 --json "$tmp/l2.json" >/dev/null 2>&1 &&
        [ "$(grep '"weight_hash"' "$tmp/l1.json")" = "$(grep '"weight_hash"' "$tmp/l2.json")" ] &&
        grep -q '"model": "lenet"' "$tmp/l2.json" && ok || bad "--conv 5x6,5x16 --hidden 120,84 is not --model lenet"
    # 3x3 to 8 channels on 28x28: 26x26, pooled 13x13x8 = 1352 inputs to fc 16
    "$ESRUTRAIN" --data "$DATA" $SMALL --conv 3x8 --json "$tmp/c.json" >/dev/null 2>&1 &&
        grep -q '"model": "cnn"' "$tmp/c.json" && grep -q '"layers": \[1352, 16, 10\]' "$tmp/c.json" && ok ||
        bad "--conv 3x8: not a 1352-16-10 cnn"
    # LeNet's layers with --padding same: 28 -> 28, pooled 14; 14 -> 14, pooled 7: 7*7*16 = 784
    "$ESRUTRAIN" --data "$DATA" $TINY --model lenet --padding same --json "$tmp/p.json" >/dev/null 2>&1 &&
        grep -q '"model": "cnn"' "$tmp/p.json" && grep -q '"layers": \[784, 120, 84, 10\]' "$tmp/p.json" &&
        grep -q '{"kernel": 5, "channels": 16, "pad": 2}' "$tmp/p.json" && ok || bad "--model lenet --padding same"
    rm -f "$tmp/l1.json" "$tmp/l2.json" "$tmp/c.json" "$tmp/p.json"
fi

# The bias check: plateau with half fill at 8 lanes makes every step advance
# both banks an even number of times (docs/training.md): warned, and refused
# with --strict-bias before training. Clean: the shared kind, and plateau when
# both K are odd: hidden 15, 3 lanes, batch 32: weight bank 784*15/3 + 15/3 +
# ceil(150/3) + ceil(10/3) = 3920 + 5 + 50 + 4 = 3979; requantization bank
# 480/3 + ceil(320/3) + 480/3 = 160 + 107 + 160 = 427.
"$ESRUTRAIN" $SMALL --prng plateau --fill half --lanes 8 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "warning: weight update bank: every step advances it K = " "$tmp/err" &&
   grep -q "biased by +0.0625 LSB" "$tmp/err"; then ok; else bad "plateau half L=8: no warning: $(cat "$tmp/err")"; fi
# The warning says whether the elements lean both ways. Plateau half at an even K: an element
# sees one phase, the LFSR's (+1/16) or its inverse's (-1/16), so both signs occur. Zero fill
# (the shared kind, whose prime period every element sees whole): each rounding of an M-bit
# word with zero fill is -1/2^(M+1) = -1/16 LSB on average, so every element is -1/16.
if grep -q "weight update bank: .* biased by +0.0625 LSB (|bias| >= 1/64), others the other way (elements from -0.0625 to +0.0625 LSB)" "$tmp/err"
then ok; else bad "plateau half L=8: the warning does not say both signs: $(cat "$tmp/err")"; fi
"$ESRUTRAIN" $SMALL --prng shared --fill zero --bias-check-only >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ "$(grep -c "biased by -0.0625 LSB (|bias| >= 1/64), none the other way by 1/64 or more (elements from -0.0625 to -0.0625 LSB)" "$tmp/err")" = 2 ]
then ok; else bad "shared zero fill: both banks one-signed at -1/16: $(cat "$tmp/err")"; fi
expect_reject "--strict-bias: not training" $SMALL --prng plateau --fill half --lanes 8 --strict-bias
for a in "--prng plateau --fill half --lanes 3 --hidden 15" "--prng shared --fill half --lanes 8" "--prng shared --fill half --lanes 1"; do
    # shellcheck disable=SC2086
    "$ESRUTRAIN" $SMALL $a --strict-bias --json "$tmp/r.json" >"$tmp/out" 2>"$tmp/err"
    if [ $? -eq 0 ] && ! grep -q warning "$tmp/err" && grep -q '"worst_element_mean_bias"' "$tmp/r.json"; then ok
    else bad "esrutrain $a --strict-bias: $(cat "$tmp/err")"; fi
done
# --bias-check-only: the same check, no training. With --hidden 15 and 3 lanes the strides
# are the 427 and 3979 worked out above; the JSON says it trained nothing.
"$ESRUTRAIN" $SMALL --prng plateau --fill half --lanes 3 --hidden 15 --bias-check-only --json "$tmp/b.json" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q '"advances_per_step": 427,' "$tmp/b.json" && grep -q '"advances_per_step": 3979,' "$tmp/b.json" &&
   grep -q '"trained": false' "$tmp/b.json" && ! grep -q '"test_accuracy"' "$tmp/b.json"; then ok
else bad "--bias-check-only: $(cat "$tmp/err") $(cat "$tmp/b.json" 2>/dev/null)"; fi
expect_reject "--strict-bias: not training" $SMALL --prng plateau --fill half --lanes 8 --strict-bias --bias-check-only
# A bank the analyzer declines: LeNet with sliced 8/3 at 16 lanes, one 48-bit LFSR (period
# 2^48 - 1 = 3^2 x 5 x 7 x 13 x 17 x 97 x 241 x 257 x 673). Its strides, 85056 / 16 = 5316 =
# 2^2 x 3 x 443 and 2780 = 2^2 x 5 x 139, share 3 and 5 with it, and enumerating 2^48 cycles
# is over the limit: both banks are "declined": true, no figure. rne has no PRNG: a note,
# "declined": false.
"$ESRUTRAIN" --model lenet --prng sliced --sru-width 8 --prng-width 3 --fill zero --lanes 16 --bias-check-only \
    --json "$tmp/d.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c '"worst_element_mean_bias": null, "declined": true, "note": "--stride' "$tmp/d.json")" = 2 ] &&
   grep -q '"note": "--stride 5316 shares the factor 3 ' "$tmp/d.json" && grep -q '"note": "--stride 2780 shares the factor 5 ' "$tmp/d.json"
then ok; else bad "declined banks: rc $rc: $(cat "$tmp/err") $(cat "$tmp/d.json")"; fi
"$ESRUTRAIN" --rounding rne --bias-check-only --json "$tmp/d.json" >"$tmp/out" 2>"$tmp/err"
if [ "$(grep -c '"worst_element_mean_bias": null, "declined": false, "note": "rne: no PRNG"' "$tmp/d.json")" = 2 ]; then ok
else bad "rne banks: $(cat "$tmp/d.json")"; fi
echo "train-cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
