#!/bin/sh
# Runs the jobs of a training plan (sim/train/{accuracy,lanes}_plan.sh: lines
# KEY|LABEL|WEIGHT|LANES|SEED|FLAGS) that have no valid result yet: one
# `esrutrain FLAGS --json CACHE/KEY.json` per job. A result is valid only
# beside its CACHE/KEY.meta naming the same esrutrain binary (sha256) and
# flags, so a rebuilt trainer or a changed budget reruns, and a rerun after a
# kill resumes (esrutrain writes its JSON atomically, the meta comes after).
#   plan_run.sh PLAN CACHE [JOBS]      env: ESRUTRAIN (default ./esrutrain)
set -eu
plan=$1 cache=$2 jobs=${3:-1}
ESRUTRAIN=${ESRUTRAIN:-./esrutrain}
[ -x "$ESRUTRAIN" ] || { echo "plan_run: ESRUTRAIN=$ESRUTRAIN: not an executable (make esrutrain)" >&2; exit 2; }
mkdir -p "$cache"
bin=$(sha256sum < "$ESRUTRAIN" | cut -c1-64)
todo=$(mktemp)
trap 'rm -f "$todo"' EXIT
while IFS='|' read -r key label w L s flags; do
    [ -n "$key" ] || continue
    meta="esrutrain $bin
flags $flags"
    if [ -f "$cache/$key.json" ] && [ -f "$cache/$key.meta" ] && [ "$(cat "$cache/$key.meta")" = "$meta" ]; then
        continue
    fi
    echo "$key|$flags" >> "$todo"
done < "$plan"
n=$(wc -l < "$todo")
total=$(grep -c . "$plan" || true)
# Jobs side by side share the cores: each gets its share of them as threads
# (results are the same for every thread count), unless the user set it.
if [ -z "${OMP_NUM_THREADS:-}" ]; then
    per=$(( $(nproc 2>/dev/null || echo 1) / jobs ))
    OMP_NUM_THREADS=$(( per > 0 ? per : 1 ))
    export OMP_NUM_THREADS
fi
echo "plan_run: $total jobs, $((total - n)) with a valid result, $n to run ($jobs at a time, $OMP_NUM_THREADS threads each)"
[ "$n" -gt 0 ] || exit 0
export ESRUTRAIN cache bin n
rm -rf "$cache/.progress" && mkdir -p "$cache/.progress"
# shellcheck disable=SC2016
if ! tr '\n' '\0' < "$todo" | xargs -0 -n1 -P "$jobs" sh -c '
    key=${1%%|*} flags=${1#*|}
    rm -f "$cache/$key.meta"
    # shellcheck disable=SC2086
    if nice "$ESRUTRAIN" $flags --quiet --json "$cache/$key.json" >"$cache/$key.log" 2>&1; then
        printf "esrutrain %s\nflags %s\n" "$bin" "$flags" > "$cache/.$key.meta.$$" && mv "$cache/.$key.meta.$$" "$cache/$key.meta"
        i=1   # a ticket per finished job: mkdir is atomic under -P
        until mkdir "$cache/.progress/$i" 2>/dev/null; do i=$((i + 1)); done
        if [ -t 1 ]; then printf "\rplan_run: [%d/%d] %s done\033[K" "$i" "$n" "$key"; else echo "plan_run: [$i/$n] $key done"; fi
    else
        echo "plan_run: FAILED $key (log: $cache/$key.log)" >&2
        exit 1
    fi' sh; then
    [ -t 1 ] && echo
    echo "plan_run: some jobs failed (above); finished ones are kept, rerun to retry" >&2
    exit 1
fi
[ -t 1 ] && echo   # end the progress line
rm -rf "$cache/.progress"
