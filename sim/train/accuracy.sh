#!/bin/sh
# make accuracy: train every rounding configuration for several seeds and
# aggregate mean/std into out/reports/accuracy.{md,json}. One training job at
# a time (the machine is shared). Reduced budget: see COMMON and the header.
set -e
BIN=${BIN:-./esrutrain}
OUT=${OUT:-out/reports}
SEEDS=${SEEDS:-"1 2 3"}
COMMON=${COMMON:-"--epochs 3 --train-limit 20000 --test-limit 5000 --lanes 4"}
# MODEL=lenet (make accuracy MODEL=lenet, checked by esrugen vars): the CNN's
# table (out/reports/accuracy-lenet.{md,json}) and a shorter list of designs;
# WIDTHS="8" runs only its 8-bit rows.
MODEL=${MODEL:-mlp}
NAME=accuracy
NET="MLP 784-256-128-10"
if [ "$MODEL" != mlp ]; then
    NAME=accuracy-$MODEL
    NET="LeNet-5 (--model lenet): conv 5x5x6, pool, conv 5x5x16, pool, fc 256-120-84-10"
    COMMON="$COMMON --model $MODEL"
fi
RUNS=$OUT/$NAME-runs
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
if [ "$MODEL" != mlp ]; then
    for w in ${WIDTHS:-8 16}; do
        W="--numerics fixed --weight-width $w"
        run "fixed rne" $w $W --rounding rne
        run "sr-ideal (64-bit splitmix64)" $w $W --rounding sr-ideal
        run "SRU 24/24 lfsr" $w $W --sru-width 24 --prng-width 24 --prng lfsr
        run "SRU 8/3 lfsr (naive)" $w $W --sru-width 8 --prng-width 3 --prng lfsr --fill zero
        run "SRU 8/3 lfsr, fill half" $w $W --sru-width 8 --prng-width 3 --prng lfsr --fill half
        run "SRU 8/3 shared, fill half (default design)" $w $W --sru-width 8 --prng-width 3 --prng shared --fill half
        run "SRU 8/3 plateau, fill half, 1 lane" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half --lanes 1
        run "SRU 8/3 plateau, fill half" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half
        run "SRU 8/3 plateau, fill half, 8 lanes" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half --lanes 8
    done
fi
if [ "$MODEL" = mlp ]; then for w in 8 16; do
    W="--numerics fixed --weight-width $w"
    run "fixed rne" $w $W --rounding rne
    run "fixed trunc" $w $W --rounding trunc
    run "sr-ideal (64-bit splitmix64)" $w $W --rounding sr-ideal
    run "SRU 24/24 lfsr" $w $W --sru-width 24 --prng-width 24 --prng lfsr
    run "SRU 8/3 lfsr (naive)" $w $W --sru-width 8 --prng-width 3 --prng lfsr --fill zero
    run "SRU 8/3 lfsr-inv" $w $W --sru-width 8 --prng-width 3 --prng lfsr-inv --fill zero
    run "SRU 8/3 plateau" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill zero
    run "SRU 8/3 pair" $w $W --sru-width 8 --prng-width 3 --prng pair --fill zero
    # The rows above without "fill half" are zero fill, given explicitly: the
    # default fill is half. Extra rows: the half-step fill removes the lazy-SR
    # truncation bias.
    run "SRU 8/3 lfsr, fill half" $w $W --sru-width 8 --prng-width 3 --prng lfsr --fill half
    run "SRU 8/3 lfsr-inv, fill half" $w $W --sru-width 8 --prng-width 3 --prng lfsr-inv --fill half
    run "SRU 8/3 plateau, fill half" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half
    run "SRU 8/3 pair, fill half" $w $W --sru-width 8 --prng-width 3 --prng pair --fill half
    # The default design (docs/training.md, robustness matrix).
    run "SRU 8/3 shared, fill half (default design)" $w $W --sru-width 8 --prng-width 3 --prng shared --fill half
    # 8 lanes make the weight bank's advances per step even (docs/training.md):
    # every weight then meets the same plateau phase at every step.
    run "SRU 8/3 plateau, fill half, 8 lanes" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half --lanes 8
done; fi
secs=$(( $(date +%s) - start ))
awk -v common="$COMMON" -v seeds="$SEEDS" -v secs="$secs" -v md="$OUT/$NAME.md" -v js="$OUT/$NAME.json" -v net="$NET" \
    -f "$(dirname "$0")/aggregate.awk" "$LIST"
echo "accuracy: wrote $OUT/$NAME.md and $OUT/$NAME.json (${secs}s)" >&2
