#!/bin/sh
# make accuracy's plan: every rounding configuration of the accuracy table for
# several seeds, one esrutrain job a line, KEY|LABEL|WEIGHT|LANES|SEED|FLAGS
# (WEIGHT 0: fp32). sim/train/plan_run.sh runs it, accrep writes the table.
#   accuracy_plan.sh [--budget]   (--budget: print the budget flags only)
#   env: MODEL (mlp | lenet), SEEDS, COMMON (the reduced budget), WIDTHS (weight widths)
set -eu
MODEL=${MODEL:-mlp}
SEEDS=${SEEDS:-"1 2 3"}
COMMON=${COMMON:-"--epochs 3 --train-limit 20000 --test-limit 5000 --lanes 4"}
WIDTHS=${WIDTHS:-"8 16"}
# lists as the make variables take them (esrugen vars): spaces or commas
SEEDS=$(echo $SEEDS | tr ',' ' ') WIDTHS=$(echo $WIDTHS | tr ',' ' ')
[ "$MODEL" = mlp ] || COMMON="$COMMON --model $MODEL"
if [ "${1:-}" = --budget ]; then echo $COMMON; exit 0; fi

# row LABEL WIDTH FLAGS...: one row of the table for every seed; WIDTH 0 is fp32
row() {
    label=$1 w=$2
    shift 2
    flags=$(echo $COMMON "$@")
    lanes=$(echo " $flags" | sed -n 's/.* --lanes \([0-9]*\).*/\1/p')
    for s in $SEEDS; do
        key=$(printf '%s-w%s-s%s' "$label" "$w" "$s" | tr -c 'A-Za-z0-9_.-' '_')
        echo "$key|$label|$w|${lanes:-1}|$s|$flags --seed $s"
    done
}

row "fp32" 0 --numerics fp32
for w in $WIDTHS; do
    W="--numerics fixed --weight-width $w"
    row "fixed rne" $w $W --rounding rne
    [ "$MODEL" = mlp ] && row "fixed trunc" $w $W --rounding trunc
    row "sr-ideal (64-bit splitmix64)" $w $W --rounding sr-ideal
    row "SRU 24/24 lfsr" $w $W --sru-width 24 --prng-width 24 --prng lfsr
    row "SRU 8/3 lfsr (naive)" $w $W --sru-width 8 --prng-width 3 --prng lfsr --fill zero
    if [ "$MODEL" = mlp ]; then
        # zero fill, given explicitly (the default fill is half)
        row "SRU 8/3 lfsr-inv" $w $W --sru-width 8 --prng-width 3 --prng lfsr-inv --fill zero
        row "SRU 8/3 plateau" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill zero
        row "SRU 8/3 pair" $w $W --sru-width 8 --prng-width 3 --prng pair --fill zero
    fi
    # the half-step fill removes the lazy-SR truncation bias
    row "SRU 8/3 lfsr, fill half" $w $W --sru-width 8 --prng-width 3 --prng lfsr --fill half
    if [ "$MODEL" = mlp ]; then
        row "SRU 8/3 lfsr-inv, fill half" $w $W --sru-width 8 --prng-width 3 --prng lfsr-inv --fill half
        row "SRU 8/3 plateau, fill half" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half
        row "SRU 8/3 pair, fill half" $w $W --sru-width 8 --prng-width 3 --prng pair --fill half
    fi
    # the default design (docs/training.md, robustness matrix)
    row "SRU 8/3 shared, fill half (default design)" $w $W --sru-width 8 --prng-width 3 --prng shared --fill half
    if [ "$MODEL" != mlp ]; then
        row "SRU 8/3 plateau, fill half, 1 lane" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half --lanes 1
        row "SRU 8/3 plateau, fill half" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half
    fi
    # 8 lanes make the weight bank's advances per step even (docs/training.md):
    # every weight then meets the same plateau phase at every step
    row "SRU 8/3 plateau, fill half, 8 lanes" $w $W --sru-width 8 --prng-width 3 --prng plateau --fill half --lanes 8
done
