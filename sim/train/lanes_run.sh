#!/bin/sh
# Runs the jobs of a plan (lanes_plan.sh) that are not cached yet: one
# esrutrain --json per job into CACHE/KEY.json (written atomically by
# esrutrain, so a killed run leaves no half result and a rerun resumes).
#   lanes_run.sh PLAN CACHE [JOBS]      env: ESRUTRAIN, COMMON
set -eu
plan=$1 cache=$2 jobs=${3:-1}
ESRUTRAIN=${ESRUTRAIN:-./esrutrain}
COMMON=${COMMON:-"--epochs 3 --train-limit 20000 --test-limit 5000"}
mkdir -p "$cache"
todo=$(mktemp)
trap 'rm -f "$todo"' EXIT
while IFS='|' read -r key label w L s flags; do
    [ -f "$cache/$key.json" ] || echo "$key|$flags" >> "$todo"
done < "$plan"
n=$(wc -l < "$todo")
total=$(wc -l < "$plan")
echo "lanes: $total jobs, $((total - n)) cached, $n to run ($jobs at a time)"
[ "$n" -gt 0 ] || exit 0
export ESRUTRAIN COMMON cache
# shellcheck disable=SC2016
tr '\n' '\0' < "$todo" | xargs -0 -n1 -P "$jobs" sh -c '
    key=${1%%|*} flags=${1#*|}
    # shellcheck disable=SC2086
    if nice "$ESRUTRAIN" $COMMON $flags --quiet --json "$cache/$key.json" >"$cache/$key.log" 2>&1; then
        echo "lanes: done $key ($(ls "$cache"/*.json | wc -l) results)"
    else
        echo "lanes: FAILED $key (log: $cache/$key.log)" >&2
    fi' sh
