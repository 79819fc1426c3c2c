#!/bin/sh
# The robustness matrix (make accuracy-lanes): every design at every lane count,
# both fills, 8- and 16-bit weights, several seeds, at the reduced budget of
# make accuracy. Prints one job per line: KEY|LABEL|WEIGHT|LANES|SEED|FLAGS.
# KEY names the run's JSON in the cache; the flags are esrutrain's, budget
# (COMMON) included; sim/train/plan_run.sh runs them.
set -eu
SEEDS=${SEEDS:-"1 2 3"}
LANES=${LANES:-"1 2 3 4 8 16 64"}
WEIGHTS=${WEIGHTS:-"8 16"}
LANES4=${LANES4:-"1 8 64"}
COMMON=${COMMON:-"--epochs 3 --train-limit 20000 --test-limit 5000"}
COMMON=$(echo $COMMON)
# lists as the make variables take them (esrugen vars): spaces or commas
SEEDS=$(echo $SEEDS | tr ',' ' ') LANES=$(echo $LANES | tr ',' ' ')
WEIGHTS=$(echo $WEIGHTS | tr ',' ' ') LANES4=$(echo $LANES4 | tr ',' ' ')
for w in $WEIGHTS; do
    for L in $LANES; do
        for s in $SEEDS; do
            row() { # LABEL FLAGS...
                label=$1; shift
                key=$(printf '%s-w%s-L%s-s%s' "$label" "$w" "$L" "$s" | tr -c 'A-Za-z0-9_.-' '_')
                echo "$key|$label|$w|$L|$s|$COMMON --weight-width $w --lanes $L --seed $s $*"
            }
            row "24/24 lfsr" --sru-width 24 --prng-width 24 --prng lfsr
            # sr-ideal and ext draw one splitmix64 word per element in element
            # order, whatever L is: one lane count is the whole story.
            [ "$L" = "${LANES%% *}" ] && row "sr-ideal" --rounding sr-ideal
            for f in zero half; do
                for k in lfsr lfsr-inv plateau shared; do
                    row "8/3 $k $f" --sru-width 8 --prng-width 3 --prng $k --fill $f
                done
                [ "$L" = "${LANES%% *}" ] && row "8/3 ext $f" --sru-width 8 --prng-width 3 --prng ext --fill $f
                [ $((L % 2)) = 0 ] && row "8/3 pair $f" --sru-width 8 --prng-width 3 --prng pair --fill $f
                [ $((L * 3)) -le 64 ] && row "8/3 sliced $f" --sru-width 8 --prng-width 3 --prng sliced --fill $f
            done
        done
    done
done
# Does a fourth random bit close the 8/3 gap? 8/4 shared and an ideal 4-bit source.
for w in $WEIGHTS; do
    for L in $LANES4; do
        for s in $SEEDS; do
            for k in shared ext; do
                [ $k = ext ] && [ "$L" != "${LANES4%% *}" ] && continue
                key=$(printf '8/4 %s half-w%s-L%s-s%s' "$k" "$w" "$L" "$s" | tr -c 'A-Za-z0-9_.-' '_')
                echo "$key|8/4 $k half|$w|$L|$s|$COMMON --weight-width $w --lanes $L --seed $s --sru-width 8 --prng-width 4 --prng $k --fill half"
            done
        done
    done
done
