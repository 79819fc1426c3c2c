#!/bin/sh
# The exploration plan: every point of the sweep with its cache keys.
#   sim/explore/plan.sh EXDIR CACHE     (settings in the environment; run.sh validates them)
# Writes EXDIR/points.tsv  id role rounding N M kind fill lanes gen_key gen-job-args
#          (gen-job-args: FLOWS ESRUGEN-FLAGS [-- LANE-COUNTS ESRUTRAIN-FLAGS], see job.sh)
#        EXDIR/trains.tsv  id seed train_key esrutrain-flags-without-seed
#        EXDIR/gen.jobs    one shell command per cheap-score job (job.sh gen ...)
set -eu
. sim/explore/lib.sh
ex=$1 cache=$2
mkdir -p "$ex"
gtools=$(ex_gen_tools)
ttools=$(ex_train_tools)

# "2-24" or "3 4 8" (or a mix) -> one number per line
expand() { echo "$1" | tr ' ,' '\n\n' | awk -F- 'NF == 1 && $1 != "" { print $1 } NF == 2 { for (i = $1; i <= $2; i++) print i }'; }

unit=$(echo $EXPLORE_UNIT)   # single spaces: keys hash the flags as job.sh sees them
tflags="--weight-width $EXPLORE_WEIGHT_WIDTH --epochs $EXPLORE_EPOCHS --train-limit $EXPLORE_TRAIN_IMAGES --test-limit $EXPLORE_TEST_IMAGES"
[ -n "${EXPLORE_TRAIN_ARGS:-}" ] && tflags=$(echo $tflags $EXPLORE_TRAIN_ARGS)

flows=fpga
[ "$EXPLORE_AREA" = um2 ] && flows=fpga+stdcell
rlanes=$(echo $EXPLORE_LANES | tr ' ' ,)   # the lane counts robustness is scored at

# Rows first, keys after: one exptool call hashes them all.
P=$ex/points.pre T=$ex/trains.pre
: > "$P"
: > "$T"
# point ID ROLE ROUNDING N M KIND FILL LANES
point() {
    id=$1 role=$2 rnd=$3 n=$4 m=$5 kind=$6 fill=$7 lanes=$8
    tr_="$tflags --rounding sr --sru-width $n --prng-width $m --prng $kind --fill $fill --lanes $lanes"
    if [ "$rnd" = sr ]; then
        g="$flows $unit --rounding sr --sru-width $n --prng-width $m --prng $kind --fill $fill --lanes $lanes -- $rlanes $tr_"
    else
        g="$flows $unit --rounding $rnd"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$role" "$rnd" "$n" "$m" "$kind" "$fill" "$lanes" "$g" >> "$P"
    [ "$rnd" = sr ] || return 0
    for s in $EXPLORE_SEEDS; do printf '%s\t%s\t%s\n' "$id" "$s" "$tr_" >> "$T"; done
}

point rne rne rne 0 0 none none 1
point n24m24-lfsr-zero base sr 24 24 lfsr zero 1
if [ "$EXPLORE_M" = all ]; then mlist=""; else mlist=$(expand "$EXPLORE_M"); fi
for n in $(expand "$EXPLORE_N"); do
    if [ "$EXPLORE_M" = all ]; then ms=$(seq 1 "$n"); else ms=$(echo "$mlist" | awk -v n="$n" '$1 <= n'); fi
    for m in $ms; do
        for kind in $EXPLORE_KINDS; do
            lanes=1
            case $kind in
            pair) lanes=2 ;;
            # sliced: one LFSR of L*M bits; at most 24 bits, so that the analyzer's
            # full-period enumeration stays under a second; fewer than 2 lanes is plain lfsr
            sliced) lanes=$((24 / m)); [ "$lanes" -gt "$EXPLORE_SLICED_LANES" ] && lanes=$EXPLORE_SLICED_LANES
                    [ "$lanes" -ge 2 ] || continue ;;
            # shared: one LFSR per bank whatever L, so its area per lane depends on L: built at
            # the same lane count as sliced, the other kind that shares its register
            shared) lanes=$EXPLORE_SLICED_LANES ;;
            esac
            for fill in $EXPLORE_FILLS; do
                # M = N: no fill bits, half = zero
                [ "$m" -eq "$n" ] && [ "$fill" = half ] && continue
                id=n${n}m$m-$kind-$fill
                [ "$id" = n24m24-lfsr-zero ] && continue   # the baseline, already planned
                role=point   # EXPLORE_KEEP: N/M pairs that are trained even when dominated
                case " $EXPLORE_KEEP " in *" $n/$m "*) role=keep ;; esac
                point "$id" $role sr "$n" "$m" "$kind" "$fill" "$lanes"
            done
        done
    done
done
# keys: gen = hash(tools, flags); train = hash(tools, flags --seed S)
cut -f9 "$P" | while IFS= read -r g; do ex_keyline gen "$gtools" "$g"; done | "$EXPTOOL" keys > "$ex/keys.tmp"
awk -F'\t' 'NR == FNR { k[FNR] = $0; next } { $9 = k[FNR] "\t" $9; print }' OFS='\t' "$ex/keys.tmp" "$P" > "$ex/points.tsv.tmp"
awk -F'\t' -v t="$ttools" '{ printf "esrugen-explore train v1 | %s | %s --seed %s\n", t, $3, $2 }' "$T" | "$EXPTOOL" keys > "$ex/keys.tmp"
awk -F'\t' 'NR == FNR { k[FNR] = $0; next } { print $1 "\t" $2 "\t" k[FNR] "\t" $3 }' "$ex/keys.tmp" "$T" > "$ex/trains.tsv.tmp"
rm -f "$ex/keys.tmp" "$P" "$T"
mv "$ex/points.tsv.tmp" "$ex/points.tsv"
mv "$ex/trains.tsv.tmp" "$ex/trains.tsv"
# The cheap-score jobs, one per distinct key.
awk -F'\t' -v root="$cache" '!seen[$9]++ { print "sim/explore/job.sh gen " root " " $9 " " $1 " " $10 }' \
    "$ex/points.tsv" > "$ex/gen.jobs"
