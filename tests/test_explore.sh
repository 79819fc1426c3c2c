#!/bin/sh
# Flow tests of `make explore` (sim/explore/): bad input, the emit/merge path for
# other machines, a tiny end-to-end exploration, the cache (hits and
# invalidation by a changed esrugen or esrutrain). Run from the repository root
# by `make test-explore`; needs yosys, gnuplot and the built tools. About a minute.
set -u
MAKE=${MAKE:-make}
T=$(mktemp -d /tmp/test_explore.XXXXXX)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$T"' EXIT   # KEEP_TMP=1 keeps it for debugging
fails=0
pass() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }
# A tiny sweep: 8/3 and 3/3, lfsr and plateau, zero fill (+ the 24/24 baseline and rne), a few hundred images.
EX=$T/ex
export EXPLORE_OUT=$EX EXPLORE_N="3 8" EXPLORE_M=3 EXPLORE_KINDS="lfsr plateau" EXPLORE_FILLS=zero \
    EXPLORE_SEEDS="1 2" EXPLORE_EPOCHS=1 EXPLORE_TRAIN_IMAGES=300 EXPLORE_TEST_IMAGES=200
# Private copies of the tools: another engineer's rebuild during the test must not change the keys.
cp esrugen "$T/esrugen" && cp esrutrain "$T/esrutrain" || exit 1
export ESRUGEN=$T/esrugen ESRUTRAIN=$T/esrutrain
mk() { $MAKE --no-print-directory "$@"; }
# col FILE ID COLUMN: one field of results.csv, by the header's name (the commands come last and are quoted)
col() { awk -F, -v id="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) n[$i] = i; next } $1 == id { print $(n[c]) }' "$1"; }

# 1. Bad input: a clear message and exit 2, nothing run.
bad() { # bad DESCRIPTION PATTERN VAR=VALUE...
    d=$1 pat=$2
    shift 2
    env "$@" sim/explore/run.sh all > "$T/out" 2>&1
    rc=$?
    check "bad input ($d): exit 2 and names it" '[ $rc = 2 ] && grep -q "$pat" "$T/out"'
}
bad "TOL not a number" "TOL=abc: want a number" TOL=abc
bad "QUICK not 0/1" "QUICK=yes" QUICK=yes
bad "unknown kind" "'bogus' is not a PRNG kind" EXPLORE_KINDS="lfsr bogus"
bad "N out of range" "'40' is not a whole number in 1..32" EXPLORE_N="8 40"
bad "seed not a number" "'x' is not a seed" EXPLORE_SEEDS="1 x"
bad "area metric" "EXPLORE_AREA=luts" EXPLORE_AREA=luts
mk explore TOL=1e > "$T/out" 2>&1
rc=$?
check "make explore TOL=1e: make exits 2" '[ $rc = 2 ] && grep -q "TOL=1e: want a number" "$T/out"'
check "bad input ran nothing" '[ ! -d "$EX/cache/gen" ] || [ -z "$(ls "$EX/cache/gen")" ]'
mk explore-merge > "$T/out" 2>&1
rc=$?
check "explore-merge without FROM: exit 2" '[ $rc = 2 ] && grep -q "needs FROM=DIR" "$T/out"'

# 2. Emit the job list, run it "elsewhere" (another results directory, 2 at a time), merge.
# remote LIST: run the job lines with their results redirected to $T/remote (as on another machine).
remote() { sed "s#$EX/cache#$T/remote#" "$1" | tr '\n' '\0' | xargs -0 -n1 -P2 sh -c > "$T/remote.log" 2>&1; }
mk explore-jobs > "$T/out" 2>&1
check "explore-jobs: phase 1 lists 6 cheap-score jobs" 'grep -q "phase 1 (cheap scores): 6 pending" "$T/out" &&
    [ "$(wc -l < "$EX/jobs.txt")" = 6 ] && [ "$(grep -c "^sim/explore/job.sh gen " "$EX/jobs.txt")" = 6 ]'
t0=$(date +%s)
remote "$EX/jobs.txt"
check "phase 1 jobs ran elsewhere ($(($(date +%s) - t0)) s)" '[ "$(ls "$T/remote/gen" | grep -c -v synth.log)" = 6 ]'
mk explore-merge FROM="$T/remote" > "$T/out" 2>&1
check "merge ingests 6 cheap-score results" 'grep -q "merged 6 cheap-score and 0 training" "$T/out"'
mk explore-jobs > "$T/out" 2>&1
cp "$T/out" "$T/phase2.out"
check "explore-jobs: phase 2 prunes and lists training jobs" 'grep -q "pruned before training" "$T/out" &&
    grep -q "phase 2 (training)" "$T/out" && grep -q "^sim/explore/job.sh train " "$EX/jobs.txt" &&
    ! grep -q " gen " "$EX/jobs.txt"'
check "the 24/24 baseline is always trained (both seeds)" '[ "$(grep -c " n24m24-lfsr-zero/s" "$EX/jobs.txt")" = 2 ]'
ntrain=$(wc -l < "$EX/jobs.txt")
remote "$EX/jobs.txt"
mk explore-merge FROM="$T/remote" > "$T/out" 2>&1
check "merge ingests $ntrain training results, skips the 6 it has" \
    'grep -q "merged 0 cheap-score and $ntrain training results.*(6 already cached, 0 rejected" "$T/out"'

# 3. make explore on the merged cache: nothing to run, the full report.
mk explore -j2 > "$T/out" 2>&1
rc=$?
check "make explore -j2 after merge: succeeds" '[ $rc = 0 ]'
check "make explore after merge: all cached" 'grep -q "6 jobs, 6 cached, 0 to run" "$T/out" &&
    grep -q "$ntrain jobs, $ntrain cached, 0 to run" "$T/out"'
check "pruning is reported with its reason" 'grep -q "SR points scored; [0-9]* pruned before training (dominated on" "$T/out"'
check "the recommendation is printed beside the published 9.75x" 'grep -q "^explore: recommended: .*Published 8/3: 9.75x" "$T/out"'
for f in results.csv results.json pareto.md accuracy-area.png accuracy-area.svg bias-prng.png bias-prng.svg; do
    check "writes $f" '[ -s "$EX/$f" ]'
done
check "results.csv: one row per point + header, commands that reproduce it" '[ "$(wc -l < "$EX/results.csv")" = 7 ] &&
    grep -q "^n8m3-plateau-zero,.*\"sim/explore/job.sh gen .*--prng plateau.*\",\"sim/explore/job.sh train .*--seed 1; " "$EX/results.csv"'
check "results.json parses, names the recommendation" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"recommendation\"][\"id\"]" "$EX/results.json"'
check "pareto.md: front, recommendation, published 8/3" 'grep -q "## Pareto front" "$EX/pareto.md" &&
    grep -q "recommended: " "$EX/pareto.md" && grep -q "published 8/3 (ESRU papers).*9.75x" "$EX/pareto.md"'
check "the baseline row has accuracy from 2 seeds" '[ "$(col "$EX/results.csv" n24m24-lfsr-zero seeds_done)" = 2 ] &&
    awk "BEGIN { exit !($(col "$EX/results.csv" n24m24-lfsr-zero test_accuracy) > 0.1) }"'
check "plateau carries its worst-lane bias (lfsr-inv alone: -1/8 LSB)" \
    '[ "$(col "$EX/results.csv" n8m3-plateau-zero lane_mean_bias_unbounded)" = -0.125 ]'
check "plots are real PNG and SVG" 'head -c 8 "$EX/accuracy-area.png" | grep -q PNG && grep -q "<svg" "$EX/bias-prng.svg"'
# The merged results equal local ones: rerun one training job locally and compare.
line=$(grep -m1 "job.sh train " "$EX/train.jobs")
key=$(echo "$line" | cut -d" " -f4)
cp "$EX/cache/train/$key.json" "$T/merged.json"
rm "$EX/cache/train/$key.json"
sh -c "$line" > /dev/null
check "a merged training result equals the local rerun (weight hash)" \
    '[ "$(grep weight_hash "$T/merged.json")" = "$(grep weight_hash "$EX/cache/train/$key.json")" ]'

# 4. The cache: a rerun runs nothing; a changed trainer reruns only training; a changed generator everything.
cp "$EX/results.csv" "$T/results1.csv"
nsyn=$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)
mk explore -j2 > "$T/out" 2>&1
check "rerun: cache hit, nothing runs" 'grep -q "6 jobs, 6 cached, 0 to run" "$T/out" && grep -q "$ntrain cached, 0 to run" "$T/out" &&
    [ "$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)" = "$nsyn" ]'
check "rerun: identical results.csv" 'cmp -s "$EX/results.csv" "$T/results1.csv"'
cp esrutrain "$T/esrutrain2" && printf 'x' >> "$T/esrutrain2"
ESRUTRAIN=$T/esrutrain2 mk explore -j2 > "$T/out" 2>&1
check "changed esrutrain: every training reruns, no synthesis" 'grep -q "6 jobs, 6 cached, 0 to run" "$T/out" &&
    grep -q "$ntrain jobs, 0 cached, $ntrain to run" "$T/out"'
check "changed esrutrain: one progress line per finished training job" \
    '[ "$(grep -c "^explore: train \[[0-9]*/$ntrain\] .*test accuracy" "$T/out")" = "$ntrain" ]'
genline=$(grep -m1 "job.sh gen " "$EX/gen.jobs")   # emitted for the real esrugen
cp esrugen "$T/esrugen2" && printf 'x' >> "$T/esrugen2"
ESRUGEN=$T/esrugen2 mk explore-jobs > "$T/out" 2>&1
check "changed esrugen: every cheap-score job is pending again" 'grep -q "phase 1 (cheap scores): 6 pending" "$T/out"'
ESRUGEN=$T/esrugen2 sh -c "$genline" > "$T/out" 2>&1
rc=$?
check "a job line emitted for another esrugen fails, naming the key mismatch" \
    '[ $rc != 0 ] && grep -q "does not match these tools" "$T/out"'
nsyn=$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)
ESRUGEN=$T/esrugen2 sh -c "$(grep -m1 " n8m3-plateau-zero " "$EX/jobs.txt")" > "$T/out" 2>&1
check "changed esrugen, same RTL: the job reruns the analysis but reuses the synthesis" \
    'grep -q "n8m3-plateau-zero: bias scored, synthesis reused (same RTL)" "$T/out" &&
     [ "$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)" = "$nsyn" ]'

# 5. Merge rejects damaged results.
mkdir -p "$T/bad/gen" && cp -r "$EX/cache/gen/$(echo "$genline" | cut -d' ' -f4)" "$T/bad/gen/0123456789abcdef"
mk explore-merge FROM="$T/bad" > "$T/out" 2>&1
rc=$?
check "merge rejects a result whose meta names another key" '[ $rc != 0 ] && grep -q "rejected.*meta names another key" "$T/out"'

echo "test_explore: $fails failure(s)"
[ $fails = 0 ]
