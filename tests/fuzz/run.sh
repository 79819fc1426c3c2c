#!/bin/sh
# Run each libFuzzer harness for SECONDS, one at a time (niced), from its
# committed seed corpus; new inputs go to a working corpus under the build
# dir. Prints one summary line per harness and exits 1 if any crashed.
# Usage: tests/fuzz/run.sh BUILD_FUZZ_DIR SECONDS NAME...
set -u
dir=$1 secs=$2; shift 2
case $secs in ''|*[!0-9]*) echo "fuzz: FUZZ_SECONDS '$secs' is invalid (valid: 1..86400)" >&2; exit 2;; esac
[ "$secs" -ge 1 ] && [ "$secs" -le 86400 ] || { echo "fuzz: FUZZ_SECONDS $secs is out of range (valid: 1..86400)" >&2; exit 2; }
crashed=0
summary="$dir/summary.txt"
: > "$summary"
for name in "$@"; do
    work="$dir/work/$name" log="$dir/$name.log"
    mkdir -p "$work" "$dir/crashes"
    echo "fuzz: $name for $secs s (log: $log)"
    # -rss_limit_mb: any input that makes the loader allocate past this is a finding too.
    nice "$dir/fuzz_$name" -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=1024 -timeout=10 \
        -artifact_prefix="$dir/crashes/$name-" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
    units=$(ls "$work" | wc -l)
    found=$(ls "$dir/crashes" | grep -c "^$name-")
    line="$name: ${secs}s, ${execs:-?} executions, ${cov:-cov: ?}, working corpus $units inputs, exit $rc, $found crash/leak/timeout artifacts"
    echo "fuzz: $line"
    echo "$line" >> "$summary"
    if [ $rc -ne 0 ] || [ "$found" -ne 0 ]; then
        crashed=1
        grep -m 5 "ERROR\|SUMMARY\|runtime error" "$log" >&2
    fi
done
echo "fuzz: summary in $summary"
[ $crashed -eq 0 ]
