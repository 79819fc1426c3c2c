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
# A tiny sweep: 8/3 and 3/3, plateau and shared, zero and half fill (3/3 has no fill bits: zero
# only), robustness at 8 lanes (+ the 24/24 baseline and rne), a few hundred images:
# 6 SR points + base + rne = 8 cheap-score jobs.
EX=$T/ex
NG=8
export EXPLORE_OUT=$EX EXPLORE_N="3 8" EXPLORE_M=3 EXPLORE_KINDS="plateau shared" EXPLORE_FILLS="zero half" \
    EXPLORE_LANES=8 EXPLORE_SEEDS="1 2" EXPLORE_EPOCHS=1 EXPLORE_TRAIN_IMAGES=300 EXPLORE_TEST_IMAGES=200
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
# Through `esrugen vars explore` (the flag table's grammar and ranges), exptool area, and the tools.
bad "TOL not a number" "make variable TOL 'abc' is not a decimal number" TOL=abc
bad "QUICK not 0/1" "make variable QUICK='yes' is not a switch" QUICK=yes
bad "unknown kind" "make variable EXPLORE_KINDS='bogus' is unknown (valid: lfsr," EXPLORE_KINDS="lfsr bogus"
bad "N out of range" "make variable EXPLORE_N='40' is out of range (valid: 1..32)" EXPLORE_N="8 40"
bad "seed not a number" "make variable EXPLORE_SEEDS='x' is not a decimal whole number" EXPLORE_SEEDS="1 x"
bad "seed with a leading zero (not 8, not 10)" "make variable EXPLORE_SEEDS='010' has a leading zero" EXPLORE_SEEDS=010
bad "a seed twice is not two seeds" "make variable EXPLORE_SEEDS='1 1' names '1' twice" EXPLORE_SEEDS="1 1"
bad "EXPLORE_KEEP not N/M" "make variable EXPLORE_KEEP='8' is not N/M" EXPLORE_KEEP=8
bad "area metric" "EXPLORE_AREA='luts' is not an area metric (valid: lut, ff, lutff, gates, transistors or um2)" EXPLORE_AREA=luts
bad "lane count" "make variable EXPLORE_LANES='0' is out of range" EXPLORE_LANES="8 0"
bad "bias scope" "make variable EXPLORE_BIAS_SCOPE='lane' is not one of: element design" EXPLORE_BIAS_SCOPE=lane
bad "trainer flags, before any synthesis" "EXPLORE_TRAIN_ARGS='--hidden 5,': --hidden item 2" EXPLORE_TRAIN_ARGS="--hidden 5,"
mk explore TOL=1e > "$T/out" 2>&1
rc=$?
check "make explore TOL=1e: make exits 2" '[ $rc = 2 ] && grep -q "make variable TOL .1e. is not a decimal" "$T/out"'
check "bad input ran nothing" '[ ! -d "$EX/cache/gen" ] || [ -z "$(ls "$EX/cache/gen")" ]'
mk explore-merge > "$T/out" 2>&1
rc=$?
check "explore-merge without FROM: exit 2" '[ $rc = 2 ] && grep -q "needs FROM=DIR" "$T/out"'

# 2. Emit the job list, run it "elsewhere" (another results directory, 2 at a time), merge.
# remote LIST: run the job lines with their results redirected to $T/remote (as on another machine).
remote() { sed "s#$EX/cache#$T/remote#" "$1" | tr '\n' '\0' | xargs -0 -n1 -P2 sh -c > "$T/remote.log" 2>&1; }
mk explore-jobs > "$T/out" 2>&1
check "explore-jobs: phase 1 lists $NG cheap-score jobs" 'grep -q "phase 1 (cheap scores): $NG pending" "$T/out" &&
    [ "$(wc -l < "$EX/jobs.txt")" = $NG ] && [ "$(grep -c "^sim/explore/job.sh gen " "$EX/jobs.txt")" = $NG ]'
t0=$(date +%s)
remote "$EX/jobs.txt"
check "phase 1 jobs ran elsewhere ($(($(date +%s) - t0)) s)" '[ "$(ls "$T/remote/gen" | grep -c -v synth.log)" = $NG ]'
mk explore-merge FROM="$T/remote" > "$T/out" 2>&1
check "merge ingests $NG cheap-score results" 'grep -q "merged $NG cheap-score and 0 training" "$T/out"'
mk explore-jobs > "$T/out" 2>&1
cp "$T/out" "$T/phase2.out"
check "explore-jobs: phase 2 prunes and lists training jobs" 'grep -q "pruned before training" "$T/out" &&
    grep -q "phase 2 (training)" "$T/out" && grep -q "^sim/explore/job.sh train " "$EX/jobs.txt" &&
    ! grep -q " gen " "$EX/jobs.txt"'
check "the 24/24 baseline is always trained (both seeds)" '[ "$(grep -c " n24m24-lfsr-zero/s" "$EX/jobs.txt")" = 2 ]'
ntrain=$(wc -l < "$EX/jobs.txt")
remote "$EX/jobs.txt"
mk explore-merge FROM="$T/remote" > "$T/out" 2>&1
check "merge ingests $ntrain training results, skips the $NG it has" \
    'grep -q "merged 0 cheap-score and $ntrain training results.*($NG already cached, 0 rejected" "$T/out"'

# 3. make explore on the merged cache: nothing to run, the full report.
mk explore -j2 > "$T/out" 2>&1
rc=$?
check "make explore -j2 after merge: succeeds" '[ $rc = 0 ]'
check "make explore after merge: all cached" 'grep -q "$NG jobs, $NG cached, 0 to run" "$T/out" &&
    grep -q "$ntrain jobs, $ntrain cached, 0 to run" "$T/out"'
check "pruning is reported with its reason" \
    'grep -q "SR points scored; [0-9]* pruned before training ([0-9]* resonant at some lane count, [0-9]* dominated on" "$T/out"'
check "the recommendation is printed beside the published 9.75x" 'grep -q "^explore: recommended: .*Published 8/3: 9.75x" "$T/out"'
for f in results.csv results.json pareto.md accuracy-area.png accuracy-area.svg bias-prng.png bias-prng.svg; do
    check "writes $f" '[ -s "$EX/$f" ]'
done
check "results.csv: one row per point + header, commands that reproduce it" '[ "$(wc -l < "$EX/results.csv")" = 9 ] &&
    grep -q "^n8m3-shared-half,.*\"sim/explore/job.sh gen .*--prng shared.*\",\"sim/explore/job.sh train .*--seed 1; " "$EX/results.csv"'
check "results.json parses, names the recommendation" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"recommendation\"][\"id\"]" "$EX/results.json"'
check "pareto.md: front, recommendation, published 8/3" 'grep -q "## Pareto front" "$EX/pareto.md" &&
    grep -q "recommended: " "$EX/pareto.md" && grep -q "published 8/3 (ESRU papers).*9.75x" "$EX/pareto.md"'
# An N/M point trains at the least adder width that rounds alike (sim/explore/plan.c, train_width):
# 8/3 zero fill as 3/3, so it shares 3/3's training jobs; 8/3 half fill as 4/3.
tkey() { awk -F'\t' -v id="$1" '$1 == id && $2 == 1 { print $3 }' "$EX/trains.tsv"; }
tflags() { awk -F'\t' -v id="$1" '$1 == id && $2 == 1 { print $4 }' "$EX/trains.tsv"; }
check "8/3 zero fill trains as 3/3: one training job for both" \
    '[ -n "$(tkey n8m3-shared-zero)" ] && [ "$(tkey n8m3-shared-zero)" = "$(tkey n3m3-shared-zero)" ] &&
     tflags n8m3-shared-zero | grep -q -- "--sru-width 3 --prng-width 3 " &&
     [ "$(grep -c " $(tkey n8m3-shared-zero) " "$EX/train.jobs")" -le 1 ]'
check "8/3 half fill trains as 4/3 (its own job)" \
    'tflags n8m3-shared-half | grep -q -- "--sru-width 4 --prng-width 3 " && [ "$(tkey n8m3-shared-half)" != "$(tkey n8m3-shared-zero)" ]'
check "the baseline row has accuracy from 2 seeds" '[ "$(col "$EX/results.csv" n24m24-lfsr-zero seeds_done)" = 2 ] &&
    awk "BEGIN { exit !($(col "$EX/results.csv" n24m24-lfsr-zero test_accuracy) > 0.1) }"'
# Robustness (docs/explore.md). Plateau alternates an LFSR and its inverse; an element that meets its
# lane every K advances with K even (the MLP's banks at 8 lanes: 3112 and 29394,
# all even) sees one phase only: at half fill its mean bias is +-1/16 LSB against 0 over the whole
# period, so it resonates and is never trained. shared's 17-bit bank has a prime period
# (2^17 - 1), which no such K divides: every element sees the whole period (bias ~0).
rob() { python3 -c "import json,sys; r={p['id']: p for p in json.load(open(sys.argv[1]))['results']}[sys.argv[2]]; print(eval(sys.argv[3]))" "$EX/results.json" "$1" "$2"; }
check "plateau half at 8 lanes: worst element +-1/16 LSB, pruned as resonant, never trained" \
    '[ "$(rob n8m3-plateau-half "abs(r[\"robustness\"][\"worst_element_mean_bias_by_lanes\"][\"8\"])")" = 0.0625 ] &&
     [ "$(col "$EX/results.csv" n8m3-plateau-half status)" = resonant ] &&
     grep -q "^n8m3-plateau-half	-	resonates" "$EX/pruned.tsv" && ! grep -q " n8m3-plateau-half/s" "$EX/train.jobs"'
check "shared half at 8 lanes: |worst element| < 2^-10 LSB, not pruned, trained" \
    '[ "$(rob n8m3-shared-half "abs(r[\"robustness\"][\"worst_element_mean_bias_by_lanes\"][\"8\"]) < 2**-10")" = True ] &&
     [ "$(col "$EX/results.csv" n8m3-shared-half status)" = trained ] && grep -qx n8m3-shared-half "$EX/survivors.txt"'
# The trainer's figure is the analyzer's: esrugen analyze --stride K on the point's own unit agrees.
gd=$EX/cache/gen/$(awk -F'\t' '$1 == "n8m3-plateau-half" { print $9 }' "$EX/points.tsv")
ks=$(python3 -c "import json,sys; print(','.join(str(b['advances_per_step']) for b in json.load(open(sys.argv[1]))['bias_check']))" "$gd/bias-L8.json")
w=$(./esrugen analyze --in-width 32 --out-width 8 --shift 24 --rounding sr --sru-width 8 --prng-width 3 \
    --prng plateau --fill half --lanes 8 --stride "$ks" --json 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)['worst_element_mean_bias'])")
check "the trainer's bias check at 8 lanes (K = $ks) equals esrugen analyze --stride on the point's unit" \
    '[ -n "$w" ] && [ "$(rob n8m3-plateau-half "r[\"robustness\"][\"worst_element_mean_bias_by_lanes\"][\"8\"]")" = "$w" ]'
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
check "rerun: cache hit, nothing runs" 'grep -q "$NG jobs, $NG cached, 0 to run" "$T/out" && grep -q "$ntrain cached, 0 to run" "$T/out" &&
    [ "$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)" = "$nsyn" ]'
check "rerun: identical results.csv" 'cmp -s "$EX/results.csv" "$T/results1.csv"'
# The report is published all-or-nothing: a run that fails while plotting (a gnuplot that exits 1)
# publishes none of its files, the previous set stays whole, no build directory is left behind.
mkdir -p "$T/badbin" && printf '#!/bin/sh\nexit 1\n' > "$T/badbin/gnuplot" && chmod +x "$T/badbin/gnuplot"
cp -r "$EX/report" "$T/report.before"
PATH=$T/badbin:$PATH mk explore-report TOL=5 > "$T/out" 2>&1   # another TOL: another report, had it been published
rc=$?
check "a report run that fails publishes nothing; the previous report is unchanged" \
    '[ $rc != 0 ] && grep -q "no report published" "$T/out" && diff -r "$T/report.before" "$EX/report" > /dev/null &&
     [ -z "$(ls -d "$EX"/.report.build.* 2>/dev/null)" ]'
check "results.csv is a link into the published report" '[ -L "$EX/results.csv" ] && [ "$(readlink "$EX/results.csv")" = report/results.csv ]'
cp esrutrain "$T/esrutrain2" && printf 'x' >> "$T/esrutrain2"
ESRUTRAIN=$T/esrutrain2 mk explore -j2 > "$T/out" 2>&1
# the trainer gives the strides: its cheap-score jobs rerun too, but the synthesis is reused by RTL content
check "changed esrutrain: every job reruns, no synthesis" 'grep -q "$NG jobs, 0 cached, $NG to run" "$T/out" &&
    grep -q "$ntrain jobs, 0 cached, $ntrain to run" "$T/out" && [ "$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)" = "$nsyn" ]'
check "changed esrutrain: one progress line per finished training job" \
    '[ "$(grep -c "^explore: train \[[0-9]*/$ntrain\] .*test accuracy" "$T/out")" = "$ntrain" ]'
genline=$(grep -m1 "job.sh gen " "$EX/gen.jobs")   # emitted for the real esrugen
cp esrugen "$T/esrugen2" && printf 'x' >> "$T/esrugen2"
ESRUGEN=$T/esrugen2 mk explore-jobs > "$T/out" 2>&1
check "changed esrugen: every cheap-score job is pending again" 'grep -q "phase 1 (cheap scores): $NG pending" "$T/out"'
ESRUGEN=$T/esrugen2 sh -c "$genline" > "$T/out" 2>&1
rc=$?
check "a job line emitted for another esrugen fails, naming the key mismatch" \
    '[ $rc != 0 ] && grep -q "does not match these tools" "$T/out"'
nsyn=$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)
ESRUGEN=$T/esrugen2 sh -c "$(grep -m1 " n8m3-shared-zero " "$EX/jobs.txt")" > "$T/out" 2>&1
check "changed esrugen, same RTL: the job reruns the analysis but reuses the synthesis" \
    'grep -q "n8m3-shared-zero: bias scored, synthesis reused (same RTL)" "$T/out" &&
     [ "$(cat "$EX/cache/gen/synth.log" 2>/dev/null | wc -l)" = "$nsyn" ]'

# 5. EXPLORE_AREA=um2: the same points scored by osu018 standard-cell area (synth/stdcell.sh), with
# OpenSTA's critical path. A sub-plan (8/3 shared half + baseline + rne); its trainings are cached.
EU=$T/um2
mk explore EXPLORE_OUT="$EU" EXPLORE_AREA=um2 EXPLORE_N=8 EXPLORE_KINDS=shared EXPLORE_FILLS=half EXPLORE_LANES=8 \
    > "$T/out" 2>&1
rc=$?
check "make explore EXPLORE_AREA=um2: succeeds, area metric um2" '[ $rc = 0 ] &&
    [ "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[\"config\"][\"area_metric\"])" "$EU/results.json")" = um2 ]'
# SR um^2 per lane, worked out here from the two designs' Yosys `stat -liberty` reports:
# the shared unit's chip area over its 8 lanes minus the (1-lane) rne unit's.
chip() { sed -n "s/^ *Chip area for .*: *\([0-9.]*\)\$/\1/p" "$EU/cache/gen/$(awk -F'\t' -v id="$1" '$1 == id { print $9 }' "$EU/points.tsv")/osu018.stat" | tail -1; }
want=$(echo "$(chip n8m3-shared-half) / 8 - $(chip rne)" | bc -l)
got=$(col "$EU/results.csv" n8m3-shared-half sr_um2)
check "sr_um2 = chip area / 8 lanes - rne's chip area ($got vs $want)" \
    '[ -n "$got" ] && awk "BEGIN { d = $got - ($want); exit !(d < 1e-6 && d > -1e-6) }"'
check "um2: the report names the metric and the critical path" 'grep -q "SR osu018 um^2" "$EU/pareto.md" &&
    awk "BEGIN { exit !($(col "$EU/results.csv" n8m3-shared-half osu018_critical_ns) > 0) }"'

# 6. Merge rejects damaged results.
mkdir -p "$T/bad/gen" && cp -r "$EX/cache/gen/$(echo "$genline" | cut -d' ' -f4)" "$T/bad/gen/0123456789abcdef"
mk explore-merge FROM="$T/bad" > "$T/out" 2>&1
rc=$?
check "merge rejects a result whose meta names another key" '[ $rc != 0 ] && grep -q "rejected.*meta names another key" "$T/out"'

# 7. Cheapest first: a resonant unit is never trained, so its gen job skips Yosys and says why;
# its area is empty in the report. A report that scores every design by its whole-period bias
# (EXPLORE_BIAS_SCOPE=design) needs every area: those jobs are pending again and redo the synthesis.
pd=$EX/cache/gen/$(awk -F'\t' '$1 == "n8m3-plateau-half" { print $9 }' "$EX/points.tsv")
check "resonant plateau half: no synthesis, the reason kept, empty area in results.csv" \
    '[ -s "$pd/unsynthesized" ] && grep -q "at L = 8 lanes" "$pd/unsynthesized" && [ ! -e "$pd/xc7.json" ] &&
     [ -z "$(col "$EX/results.csv" n8m3-plateau-half sr_lutff)" ] && [ -n "$(col "$EX/results.csv" n8m3-shared-half sr_lutff)" ]'
nres=$(for k in $(cut -d" " -f4 "$EX/gen.jobs"); do [ -f "$EX/cache/gen/$k/unsynthesized" ] && echo "$k"; done | wc -l)
mk explore-jobs EXPLORE_BIAS_SCOPE=design > "$T/out" 2>&1
check "scope design: the $nres unsynthesized units are pending again" \
    '[ "$nres" -ge 1 ] && grep -q "phase 1 (cheap scores): $nres pending" "$T/out"'
EXPLORE_BIAS_SCOPE=design sh -c "$(grep -m1 " n8m3-plateau-half " "$EX/jobs.txt")" > "$T/out" 2>&1
check "scope design: the job synthesizes the resonant unit in place" \
    '[ -s "$pd/xc7.json" ] && [ ! -e "$pd/unsynthesized" ] && grep -q "n8m3-plateau-half: area and bias scored" "$T/out"'

echo "test_explore: $fails failure(s)"
[ $fails = 0 ]
