#!/bin/sh
# make accuracy: train every rounding configuration for several seeds and
# aggregate mean/std into out/reports/accuracy.{md,json}. One training job at
# a time (the machine is shared). Reduced budget: see COMMON and the header.
set -e
BIN=${BIN:-./esrutrain}
OUT=${OUT:-out/reports}
SEEDS=${SEEDS:-"1 2 3"}
COMMON=${COMMON:-"--epochs 3 --train-limit 20000 --test-limit 5000 --lanes 4"}
RUNS=$OUT/accuracy-runs
mkdir -p "$RUNS"
LIST=$RUNS/list.txt
: > "$LIST"

# run LABEL WIDTH FLAGS...: one row of the table, WIDTH is 8, 16 or - (fp32)
run() {
    label=$1 width=$2
    shift 2
    tag=$(printf '%s-w%s' "$label" "$width" | tr -c 'A-Za-z0-9_.-' '_')
    for s in $SEEDS; do
        f=$RUNS/$tag-s$s.json
        # ACC_RESUME=1 reuses finished runs (same binary assumed)
        if [ "${ACC_RESUME:-0}" != 1 ] || [ ! -f "$f" ]; then
            echo "accuracy: $label w$width seed $s" >&2
            # shellcheck disable=SC2086
            "$BIN" $COMMON --quiet --seed "$s" --json "$f" "$@"
        fi
        printf '%s|%s|%s\n' "$label" "$width" "$f" >> "$LIST"
    done
}

start=$(date +%s)
run "fp32" - --numerics fp32
for w in 8 16; do
    W="--numerics fixed --weight-width $w"
    run "fixed rne" $w $W --rounding rne
    run "fixed trunc" $w $W --rounding trunc
    run "sr-ideal (64-bit splitmix64)" $w $W --rounding sr-ideal
    run "SRU 24/24 lfsr" $w $W --sru-width 24 --prng-width 24 --prng lfsr
    run "SRU 8/3 lfsr (naive)" $w $W --sru-width 8 --prng-width 3 --prng lfsr
    run "SRU 8/3 lfsr-inv" $w $W --sru-width 8 --prng-width 3 --prng lfsr-inv
    run "SRU 8/3 plateau" $w $W --sru-width 8 --prng-width 3 --prng plateau
    run "SRU 8/3 pair" $w $W --sru-width 8 --prng-width 3 --prng pair
    # Extra rows: the half-step fill removes the lazy-SR truncation bias.
    run "SRU 8/3 lfsr, fill half" $w $W --sru-width 8 --prng-width 3 --prng lfsr --fill half
    run "SRU 8/3 lfsr-inv, fill half" $w $W --sru-width 8 --prng-width 3 --prng lfsr-inv --fill half
    run "SRU 8/3 plateau, fill half" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half
    run "SRU 8/3 pair, fill half" $w $W --sru-width 8 --prng-width 3 --prng pair --fill half
    # 8 lanes make the weight bank's advances per step even (docs/training.md):
    # every weight then meets the same plateau phase at every step.
    run "SRU 8/3 plateau, fill half, 8 lanes" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half --lanes 8
done
secs=$(( $(date +%s) - start ))
# The md + json pair is one set: built complete, swapped in whole as $OUT/accuracy
# (esrugen publish, io/publish.h), linked as $OUT/accuracy.{md,json}.
b=$OUT/.accuracy.build.$$
rm -rf "$b"
mkdir -p "$b"
if ! awk -v common="$COMMON" -v seeds="$SEEDS" -v secs="$secs" -v md="$b/accuracy.md" -v js="$b/accuracy.json" \
        -f "$(dirname "$0")/aggregate.awk" "$LIST" || ! "${ESRUGEN:-./esrugen}" publish "$b" "$OUT/accuracy"; then
    rm -rf "$b"
    echo "accuracy: no report published (the previous one, if any, is unchanged)" >&2
    exit 1
fi
for f in accuracy.md accuracy.json; do
    [ -L "$OUT/$f" ] || ln -sfn "accuracy/$f" "$OUT/$f"
done
echo "accuracy: wrote $OUT/accuracy/ (accuracy.md, accuracy.json; linked from $OUT) (${secs}s)" >&2
