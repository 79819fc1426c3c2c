#!/bin/sh
# make explore and friends (sim/explore.mk). Run from the repository root.
#   run.sh all      plan, cheap scores (synthesis + exact bias), prune, train, report, plots
#   run.sh jobs     write the next phase's pending jobs to EXPLORE_OUT/jobs.txt (one command a line;
#                   results under EXPLORE_RESULTS, default the cache itself)
#   run.sh merge    ingest results gathered elsewhere (FROM=DIR, laid out like EXPLORE_OUT/cache)
#   run.sh report   report from the cache as it is (runs nothing)
# Settings come from the environment (make variables); docs/explore.md lists them.
set -u
. sim/explore/lib.sh
mode=${1:-all}
MAKE=${MAKE:-make}
EXPTOOL=${EXPTOOL:-build/explore/exptool}
start=$(date +%s)
bad() { echo "explore: $*" >&2; exit 2; }

# ---- settings: defaults, QUICK, validation (bad input: a message and exit 2) ----
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
    dN="4 8 24" dM="2 3 4 8" dK="lfsr plateau pair shared" dS="1 2" dE=1 dTR=20000 dTE=10000
else
    dN="2-24" dM=all dK="lfsr lfsr-inv plateau pair sliced shared" dS="1 2 3" dE=1 dTR=0 dTE=0
fi
TOL=${TOL:-0.2}
EXPLORE_OUT=${EXPLORE_OUT:-out/explore}
EXPLORE_N=${EXPLORE_N:-$dN}
EXPLORE_M=${EXPLORE_M:-$dM}
EXPLORE_KINDS=${EXPLORE_KINDS:-$dK}
EXPLORE_FILLS=${EXPLORE_FILLS:-zero half}
EXPLORE_SEEDS=${EXPLORE_SEEDS:-$dS}
EXPLORE_EPOCHS=${EXPLORE_EPOCHS:-$dE}
EXPLORE_TRAIN_IMAGES=${EXPLORE_TRAIN_IMAGES:-$dTR}
EXPLORE_TEST_IMAGES=${EXPLORE_TEST_IMAGES:-$dTE}
EXPLORE_WEIGHT_WIDTH=${EXPLORE_WEIGHT_WIDTH:-8}
EXPLORE_PRUNE=${EXPLORE_PRUNE:-both}
EXPLORE_BIAS_SCOPE=${EXPLORE_BIAS_SCOPE:-element}
EXPLORE_LANES=${EXPLORE_LANES:-1 2 3 4 8 16 64}
EXPLORE_AREA=${EXPLORE_AREA:-lutff}
EXPLORE_UNIT=${EXPLORE_UNIT:---in-width 32 --out-width 8 --shift 24}
EXPLORE_SLICED_LANES=${EXPLORE_SLICED_LANES:-8}
EXPLORE_TRAIN_ARGS=${EXPLORE_TRAIN_ARGS:-}
EXPLORE_KEEP=${EXPLORE_KEEP:-8/3}
[ "$EXPLORE_KEEP" = none ] && EXPLORE_KEEP=""

# Every variable through the flag table's grammar and ranges (esrugen vars explore: the one
# number grammar, kinds from the kind table, no duplicate seeds); the area metric through
# the area module (exptool area); the unit and the trainer's extra flags through their tools.
"$ESRUGEN" vars explore QUICK="$QUICK" TOL="$TOL" EXPLORE_N="$EXPLORE_N" EXPLORE_M="$EXPLORE_M" \
    EXPLORE_KINDS="$EXPLORE_KINDS" EXPLORE_FILLS="$EXPLORE_FILLS" EXPLORE_SEEDS="$EXPLORE_SEEDS" \
    EXPLORE_LANES="$EXPLORE_LANES" EXPLORE_EPOCHS="$EXPLORE_EPOCHS" EXPLORE_TRAIN_IMAGES="$EXPLORE_TRAIN_IMAGES" \
    EXPLORE_TEST_IMAGES="$EXPLORE_TEST_IMAGES" EXPLORE_WEIGHT_WIDTH="$EXPLORE_WEIGHT_WIDTH" \
    EXPLORE_SLICED_LANES="$EXPLORE_SLICED_LANES" EXPLORE_KEEP="${EXPLORE_KEEP:-none}" EXPLORE_PRUNE="$EXPLORE_PRUNE" \
    EXPLORE_BIAS_SCOPE="$EXPLORE_BIAS_SCOPE" > /dev/null || exit 2
[ "$(echo $EXPLORE_SEEDS | wc -w)" -le 16 ] || bad "EXPLORE_SEEDS='$EXPLORE_SEEDS': at most 16 seeds"
[ "$(echo $EXPLORE_LANES | wc -w)" -le 16 ] || bad "EXPLORE_LANES='$EXPLORE_LANES': at most 16 lane counts"
"$EXPTOOL" area "$EXPLORE_AREA" || exit 2
e=$("$ESRUGEN" analyze $EXPLORE_UNIT --rounding rne 2>&1 >/dev/null) ||
    bad "EXPLORE_UNIT='$EXPLORE_UNIT': $(echo "$e" | head -3 | sed 's/^esrugen: //')"
if [ -n "$EXPLORE_TRAIN_ARGS" ]; then   # before hours of synthesis, not after
    e=$("$ESRUTRAIN" $EXPLORE_TRAIN_ARGS --bias-check-only --quiet 2>&1 >/dev/null) ||
        bad "EXPLORE_TRAIN_ARGS='$EXPLORE_TRAIN_ARGS': $(echo "$e" | head -3 | sed 's/^esrutrain: //')"
fi
if [ "$EXPLORE_AREA" = um2 ]; then   # the standard-cell flow's tools, before anything runs
    command -v "${STA:-sta}" >/dev/null 2>&1 || bad "EXPLORE_AREA=um2 needs OpenSTA (STA=${STA:-sta}): tools/install-deps.sh"
    synth/liberty.sh osu018 >/dev/null || bad "EXPLORE_AREA=um2 needs the osu018 liberty (qflow-tech-osu018)"
fi
export EXPLORE_AREA EXPLORE_BIAS_SCOPE EXPLORE_LANES EXPLORE_N EXPLORE_M EXPLORE_KINDS EXPLORE_FILLS EXPLORE_SEEDS EXPLORE_EPOCHS EXPLORE_TRAIN_IMAGES \
    EXPLORE_TEST_IMAGES EXPLORE_WEIGHT_WIDTH EXPLORE_UNIT EXPLORE_SLICED_LANES EXPLORE_TRAIN_ARGS EXPLORE_KEEP

EX=$EXPLORE_OUT
CACHE=$EX/cache
case ${EXPLORE_RESULTS:-} in *[[:space:]]* | *\$* | *\'* | *\"*)
    bad "EXPLORE_RESULTS='$EXPLORE_RESULTS': want a directory path without spaces or quotes (job lines are split at spaces)" ;;
esac
if [ "$mode" = merge ]; then
    [ -n "${FROM:-}" ] || bad "make explore-merge needs FROM=DIR (results laid out like $CACHE: gen/KEY/, train/KEY.json)"
    [ -d "$FROM" ] || bad "FROM=$FROM: no such directory"
fi
case $mode in all | jobs | merge | report) ;; *) bad "run.sh $mode: want all, jobs, merge or report" ;; esac
mkdir -p "$CACHE/gen" "$CACHE/train" "$EX/bin"
# Snapshot the tools: the tree is shared, and a rebuild of ./esrutrain in the middle
# of a run must not mix results of two binaries (job.sh would refuse them anyway).
for v in ESRUGEN ESRUTRAIN; do
    eval "src=\$$v"
    [ -f "$src" ] || bad "$v=$src: no such file (make esrugen esrutrain)"
    dst=$EX/bin/$(basename "$src")
    case $src in "$dst") continue ;; esac
    cp "$src" "$dst.$$" && mv "$dst.$$" "$dst" || exit 1
    eval "$v=\$dst"
    export $v
done

# ---- plan ----
gtools=$(ex_gen_tools) && ttools=$(ex_train_tools) || exit 1
"$EXPTOOL" plan "$EX" "$CACHE" "$gtools" "$ttools" || exit 1
npoints=$(grep -c -v -e '^rne' "$EX/points.tsv")

# pending LIST: the job lines of LIST whose result is not in the cache yet (ex_gen_cached)
pending() {
    while IFS= read -r line; do
        set -f; set -- $line; set +f
        if [ "$2" = gen ]; then ex_gen_cached "$3" "$4" && continue; elif [ -f "$3/train/$4.json" ]; then continue; fi
        echo "$line"
    done < "$1"
}
# runjobs LIST WHAT: run the pending jobs of LIST through make (parallel under make -j N)
runjobs() {
    pending "$1" > "$1.pending"
    n=$(wc -l < "$1.pending")
    total=$(wc -l < "$1")
    echo "explore: $2: $total jobs, $((total - n)) cached, $n to run"
    [ "$n" -gt 0 ] || return 0
    mk=$1.mk
    awk '{ t = ($2 == "gen") ? $3 "/gen/" $4 "/done" : $3 "/train/" $4 ".json"; gsub(/\$/, "$$")
           print "all: " t; print t ":"; print "\t@" $0 }' "$1.pending" > "$mk"
    rm -rf "$EX/progress"
    mkdir -p "$EX/progress"
    EXPLORE_PROGRESS=$EX/progress EXPLORE_TOTAL=$n $MAKE --no-print-directory -k -f "$mk" all
    rc=$?
    [ -t 1 ] && echo   # end the progress line job.sh rewrote in place
    if [ $rc != 0 ]; then
        echo "explore: some $2 jobs failed (messages above); finished ones are cached, rerun to retry" >&2
        exit 1
    fi
}
xopts="--tol $TOL --bias $EXPLORE_PRUNE --scope $EXPLORE_BIAS_SCOPE --area $EXPLORE_AREA --lanes $(echo $EXPLORE_LANES | tr ' ' ,)"
prune() {
    $EXPTOOL prune $xopts "$EX/points.tsv" "$EX/trains.tsv" "$CACHE" "$EX" || exit 1
    # the training jobs of the surviving points, one per distinct key
    awk -F'\t' -v root="$CACHE" 'NR == FNR { keep[$1] = 1; next }
        keep[$1] && !seen[$3]++ { print "sim/explore/job.sh train " root " " $3 " " $1 "/s" $2 " " $4 " --seed " $2 }' \
        "$EX/survivors.txt" "$EX/trains.tsv" > "$EX/train.jobs"
}
plots() {   # plots DIR: render DIR's gnuplot scripts there
    if ! command -v gnuplot >/dev/null 2>&1; then
        echo "explore: gnuplot not found: no plots (install gnuplot-nox; make deps)" >&2
        return 0
    fi
    term=png
    gnuplot -e 'set terminal pngcairo' >/dev/null 2>&1 && term=pngcairo
    for p in accuracy-area bias-prng; do
        (cd "$1" && gnuplot -e "set terminal $term size 1100,650; set output '$p.png'" $p.gp &&
            gnuplot -e "set terminal svg size 1100,650; set output '$p.svg'" $p.gp) ||
            { echo "explore: gnuplot failed on $p.gp" >&2; return 1; }
    done
    echo "explore: plots accuracy-area.png/.svg, bias-prng.png/.svg ($term)"
}
# The report is one set, published all-or-nothing: built complete in a directory of its own
# (tables, data, plots), then swapped in as $EX/report in one step (esrugen publish:
# io/publish.h). $EX/results.csv etc. are links into it.
REPORT_FILES="results.csv results.json pareto.md accuracy-area.png accuracy-area.svg bias-prng.png bias-prng.svg"
report() {
    for d in "$EX"/.report.build.*; do   # left by killed runs
        [ -d "$d" ] && ! kill -0 "${d##*.}" 2>/dev/null && rm -rf "$d"
    done
    b=$EX/.report.build.$$
    rm -rf "$b" && mkdir -p "$b" || exit 1
    if ! $EXPTOOL report $xopts "$EX/points.tsv" "$EX/trains.tsv" "$CACHE" "$b" || ! plots "$b" ||
        ! "$ESRUGEN" publish "$b" "$EX/report"; then
        rm -rf "$b"
        echo "explore: no report published (the previous one, if any, is unchanged)" >&2
        exit 1
    fi
    for f in $REPORT_FILES; do   # no plots without gnuplot: no links to them
        if [ -e "$EX/report/$f" ]; then
            [ -L "$EX/$f" ] || ln -sfn "report/$f" "$EX/$f" || exit 1
        elif [ -L "$EX/$f" ]; then
            rm -f "$EX/$f"
        fi
    done
    echo "explore: report in $EX/report/pareto.md (results.csv, results.json, plots; linked from $EX)"
}

case $mode in
all)
    echo "explore: $npoints SR points (N: $EXPLORE_N; M: $EXPLORE_M; kinds: $EXPLORE_KINDS; fill: $EXPLORE_FILLS)" \
         "+ the rne reference; training: $EXPLORE_EPOCHS epoch(s), $EXPLORE_TRAIN_IMAGES/$EXPLORE_TEST_IMAGES" \
         "train/test images (0: all), seeds $EXPLORE_SEEDS, $EXPLORE_WEIGHT_WIDTH-bit weights"
    runjobs "$EX/gen.jobs" "cheap scores (synthesis + exact bias)"
    prune
    runjobs "$EX/train.jobs" "training"
    report
    echo "explore: done in $(($(date +%s) - start)) s"
    ;;
jobs)
    # EXPLORE_RESULTS: where the jobs write (a directory the other machines share); merge it with FROM=
    emit() {
        if [ -n "${EXPLORE_RESULTS:-}" ]; then
            awk -v root="$EXPLORE_RESULTS" '{ $3 = root; print }' "$1"
        else
            cat "$1"
        fi
    }
    pending "$EX/gen.jobs" > "$EX/jobs.pending"
    emit "$EX/jobs.pending" > "$EX/jobs.txt"
    if [ -s "$EX/jobs.txt" ]; then
        echo "explore: phase 1 (cheap scores): $(wc -l < "$EX/jobs.txt") pending jobs in $EX/jobs.txt"
    else
        prune
        pending "$EX/train.jobs" > "$EX/jobs.pending"
        emit "$EX/jobs.pending" > "$EX/jobs.txt"
        if [ -s "$EX/jobs.txt" ]; then
            echo "explore: phase 2 (training): $(wc -l < "$EX/jobs.txt") pending jobs in $EX/jobs.txt"
        else
            echo "explore: nothing pending: make explore-report (or make explore) writes the report"
        fi
    fi
    rm -f "$EX/jobs.pending"
    echo "explore: run each line from the repository root; results land in ${EXPLORE_RESULTS:-$CACHE};" \
         "make explore-merge FROM=DIR ingests them (e.g. sbatch --array=1-N sim/explore/slurm.sh $EX/jobs.txt," \
         "or parallel < $EX/jobs.txt; docs/explore.md)"
    ;;
merge)
    # exptool merge: complete results only, each in one rename (sim/explore/merge.c)
    "$EXPTOOL" merge "$FROM" "$CACHE" "$EX/points.tsv" "$EX/trains.tsv"
    mrc=$?
    [ $mrc -le 1 ] || exit 1
    # What the current phase still lacks, by point: failed, cancelled or unfinished jobs. Their
    # partial output (.tmp*) is never merged; rerunning the same job list redoes only them.
    list=$EX/gen.jobs phase="phase 1 (cheap scores)"
    if [ -z "$(pending "$EX/gen.jobs")" ]; then   # phase 1 complete: the training jobs of the survivors
        prune > /dev/null
        list=$EX/train.jobs phase="phase 2 (training)"
    fi
    miss=$(pending "$list" | awk '{ print $2 " " $5 }')
    if [ -n "$miss" ]; then
        echo "explore: merge: $phase: $(echo "$miss" | wc -l) job(s) have no result (failed, cancelled or" \
             "not run yet): $(echo "$miss" | tr '\n' ',' | sed 's/,$//; s/,/, /g'); run the same job list (finished" \
             "jobs are skipped), then merge again" >&2
    fi
    [ $mrc = 0 ] || exit 1
    ;;
report)
    prune
    report
    ;;
esac
