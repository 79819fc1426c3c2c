#!/bin/sh
# make accuracy's pieces on hand-written inputs: the runner (sim/train/plan_run.sh)
# with a fake trainer, and the table (accrep) with worked-out answers.
# Known answers, worked out by hand:
#  - fp32 (WEIGHT 0, fills every width group): test 0.84, 0.86 -> mean 85.00, sample
#    std sqrt((1^2 + 1^2) / 1) = 1.41; train 0.80, 0.82 -> 81.00; overflows 0.
#  - fixed rne w8: test 0.80, 0.82 -> 81.00 +- 1.41; train 0.78, 0.80 -> 79.00;
#    overflows 10, 14 -> 12. w16: one run 0.90 -> 90.00 +- 0.00 (one value: std 0).
#  - a label with a double quote: w8 0.50 -> 50.00; w16 missing -> (pending),
#    and JSON escapes the quote. So 6 of 7 runs, 1 missing.
# Usage: test_accrep.sh ACCREP
set -u
ACCREP=${1:-build/accrep}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
res() { # KEY TEST TRAIN OVERFLOWS
    echo "{\"test_accuracy\": $2, \"train_accuracy\": $3, \"overflows\": $4, \"images_per_second\": 100," \
         "\"train_seconds\": 2.5}" > "$T/runs/$1.json"
}
mkdir -p "$T/runs"
cat > "$T/plan.txt" <<'PLAN'
f1|fp32|0|4|1|--numerics fp32 --seed 1
f2|fp32|0|4|2|--numerics fp32 --seed 2
r1|fixed rne|8|4|1|--rounding rne --seed 1
r2|fixed rne|8|4|2|--rounding rne --seed 2
r3|fixed rne|16|4|1|--rounding rne --weight-width 16 --seed 1
q1|SRU 8/3 "q"|8|4|1|--seed 1
q2|SRU 8/3 "q"|16|4|1|--weight-width 16 --seed 1
PLAN
res f1 0.84 0.80 0; res f2 0.86 0.82 0
res r1 0.80 0.78 10; res r2 0.82 0.80 14; res r3 0.90 0.88 3
res q1 0.50 0.49 1
"$ACCREP" --title "MLP test" --budget "--epochs 1" --name acc "$T/plan.txt" "$T/runs" "$T/rep" > "$T/out" 2>&1; rc=$?
md=$T/rep/acc.md js=$T/rep/acc.json
check "exit 0 ($(cat "$T/out"))" '[ $rc -eq 0 ] && [ -s "$md" ] && [ -s "$js" ]'
check "header: widths 8 and 16, 6 of 7 runs, 15 s of training" \
    'grep -q "^| configuration | w8 test acc | w8 train acc | w8 overflows | w16 test acc |" "$md" &&
     grep -q "from 6 of 7 runs (15 s of training in all)" "$md" && grep -q "Budget: \`--epochs 1\`, seeds 1 2," "$md"'
check "fp32 fills both groups" 'grep -qx "| fp32 | 85.00 +- 1.41 | 81.00 | 0 | 85.00 +- 1.41 | 81.00 | 0 |" "$md"'
check "fixed rne: w8 mean/std/train/overflows, w16 one run" \
    'grep -qx "| fixed rne | 81.00 +- 1.41 | 79.00 | 12 | 90.00 +- 0.00 | 88.00 | 3 |" "$md"'
check "a missing run is pending" "grep -qx '| SRU 8/3 \"q\" | 50.00 +- 0.00 | 49.00 | 1 | (pending) | - | - |' \"\$md\""
check "JSON: counts, null width for fp32, the quote escaped" \
    'grep -q "\"missing\":[[:space:]]*1," "$js" && grep -q "\"weight_width\":[[:space:]]*null" "$js" &&
     grep -qF "\"SRU 8/3 \\\"q\\\"\"" "$js" && grep -q "\"test_accuracy_std\":[[:space:]]*1.414213" "$js"'
printf 'bad|x|8|4|01|--seed 1\n' > "$T/bad.txt"
"$ACCREP" --name acc "$T/bad.txt" "$T/runs" "$T/rep2" > "$T/out" 2>&1; rc=$?
check "a bad plan number: exit 2, names line, field, value and range ($(cat "$T/out"))" \
    '[ $rc -eq 2 ] && grep -q "plan line 1: SEED .01." "$T/out" && grep -q "valid" "$T/out" && [ ! -e "$T/rep2" ]'
"$ACCREP" "$T/plan.txt" > /dev/null 2>&1; rc=$?
check "usage: exit 2" '[ $rc -eq 2 ]'
"$ACCREP" --name ../x "$T/plan.txt" "$T/runs" "$T/rep3" > /dev/null 2>&1; rc=$?
check "a NAME with '/': exit 2, nothing written" '[ $rc -eq 2 ] && [ ! -e "$T/rep3" ]'

# The runner, with a fake trainer that logs its runs and fails on seed 9.
cat > "$T/fake" <<'FAKE'
#!/bin/sh
echo "threads=${OMP_NUM_THREADS:-unset} $*" >> "${FAKE_LOG:?}"
case " $* " in *" --seed 9 "*) echo "bad seed" >&2; exit 3 ;; esac
while [ $# -gt 1 ]; do [ "$1" = --json ] && echo '{"test_accuracy": 0.5}' > "$2"; shift; done
FAKE
chmod +x "$T/fake"
export FAKE_LOG=$T/log ESRUTRAIN=$T/fake
printf 'a|A|8|1|1|--epochs 1 --seed 1\nb|A|8|1|2|--epochs 1 --seed 2\n' > "$T/p2"
runs() { : > "$T/log"; sh sim/train/plan_run.sh "$T/p2" "$T/c" 2 > "$T/out" 2>&1; rc=$?; n=$(wc -l < "$T/log"); }
runs
check "first run: both jobs, metas written" '[ $rc -eq 0 ] && [ $n -eq 2 ] && [ -s "$T/c/a.meta" ] && [ -s "$T/c/b.json" ]'
# 2 jobs at a time share the cores: each runs with nproc / 2 threads (at least 1).
share=$(( $(nproc) / 2 )); [ $share -gt 0 ] || share=1
check "2 jobs at a time: $share thread(s) each, said in the summary line" \
    '[ "$(grep -c "^threads=$share " "$T/log")" = 2 ] && grep -q "2 at a time, $share threads each" "$T/out"'
rm -rf "$T/c"
export OMP_NUM_THREADS=3
runs
unset OMP_NUM_THREADS
check "a user's OMP_NUM_THREADS wins" '[ "$(grep -c "^threads=3 " "$T/log")" = 2 ]'
runs
check "second run: nothing to run" '[ $rc -eq 0 ] && [ $n -eq 0 ] && grep -q "2 with a valid result, 0 to run" "$T/out"'
rm "$T/c/a.meta"
runs
check "a result without its meta (killed) is rerun" '[ $rc -eq 0 ] && [ $n -eq 1 ] && grep -q -- "--seed 1 --quiet" "$T/log"'
echo "# rebuilt" >> "$T/fake"
runs
check "another trainer binary: every job reruns" '[ $rc -eq 0 ] && [ $n -eq 2 ]'
sed -i 's/--epochs 1 --seed 2/--epochs 2 --seed 2/' "$T/p2"
runs
check "other flags: that job reruns" '[ $rc -eq 0 ] && [ $n -eq 1 ] && grep -q -- "--epochs 2" "$T/log"'
printf 'c|A|8|1|9|--epochs 1 --seed 9\n' >> "$T/p2"
runs
check "a failing job: exit 1, named, no meta, the others kept" \
    '[ $rc -eq 1 ] && grep -q "FAILED c" "$T/out" && [ ! -e "$T/c/c.meta" ] && [ -s "$T/c/a.meta" ] && [ -s "$T/c/b.meta" ]'
check_summary accrep
