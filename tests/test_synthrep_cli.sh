#!/bin/sh
# synthrep's CLI without Yosys: the committed Yosys stat files of the fuzz
# seed corpus (tests/fuzz/corpus/stat, first byte = target selector), the
# standard-cell results of tests/test_synth_data/osu018/cli and the
# hand-written manifests of tests/test_synth_data. Usage: test_synthrep_cli.sh SYNTHREP
set -u
SYNTHREP=${1:-build/synth/synthrep}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

for d in reg4 lfsr3; do
    mkdir -p "$tmp/gen/$d" "$tmp/syn/$d"
    cp "tests/test_synth_data/$d/$d.json" "$tmp/gen/$d/"
    for t in xc7 ice40 gates; do tail -c +2 "tests/fuzz/corpus/stat/$d-$t.txt" > "$tmp/syn/$d/$t.json"; done
    # the standard-cell results of real runs (synth/stdcell.sh; tests/test_synth_data/README.md)
    for e in json stat sta; do cp "tests/test_synth_data/osu018/cli/$d.$e" "$tmp/syn/$d/osu018.$e"; done
done
csv() { awk -F, -v d="$2" -v t="$3" -v c="$4" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == d && $2 == t { print $(col[c]) }' "$1"; }

"$SYNTHREP" >/dev/null 2>"$tmp/err"; rc=$?
check "no arguments: exit 2 with usage" '[ $rc -eq 2 ] && grep -q usage "$tmp/err"'
"$SYNTHREP" files "$tmp/gen/reg4/reg4.json" >"$tmp/out"; rc=$?
check "files: lists the manifest's RTL" '[ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = reg4.v ]'
"$SYNTHREP" files "$tmp/none.json" >/dev/null 2>"$tmp/err"; rc=$?
check "files: missing manifest named" '[ $rc -ne 0 ] && grep -q "$tmp/none.json" "$tmp/err"'

mkdir -p "$tmp/rep" "$tmp/rep2"
"$SYNTHREP" report -o "$tmp/rep" -g "$tmp/gen" -s "$tmp/syn" reg4 lfsr3 >/dev/null 2>"$tmp/err"; rc=$?
check "report: exit 0 ($(cat "$tmp/err"))" '[ $rc -eq 0 ] && [ -s "$tmp/rep/synth.md" ] && [ -s "$tmp/rep/synth.json" ]'
for t in xc7 ice40 gates; do
    check "reg4 ($t): 4 flip-flops" '[ "$(csv "$tmp/rep/synth.csv" reg4 $t ff)" = 4 ]'
    check "lfsr3 ($t): 3 flip-flops" '[ "$(csv "$tmp/rep/synth.csv" lfsr3 $t ff)" = 3 ]'
done

# Damaged stat files: non-zero exit naming design and target.
mkdir -p "$tmp/gen/bad" "$tmp/syn/bad"
cp "$tmp/gen/reg4/reg4.json" "$tmp/gen/bad/bad.json"
cp "$tmp/syn/reg4/"*.json "$tmp/syn/bad/"
head -c 100 "$tmp/syn/reg4/ice40.json" > "$tmp/syn/bad/ice40.json"
"$SYNTHREP" report -o "$tmp/rep2" -g "$tmp/gen" -s "$tmp/syn" reg4 bad >/dev/null 2>"$tmp/err"; rc=$?
check "truncated stat JSON: names design and target" '[ $rc -ne 0 ] && grep -q "design bad (ice40)" "$tmp/err"'
sed 's/"FDRE": *4/"FDRE": 1e73/' "$tmp/syn/reg4/xc7.json" > "$tmp/syn/bad/xc7.json"
grep -q 1e73 "$tmp/syn/bad/xc7.json" || bad "test setup: no FDRE count to replace"
cp "$tmp/syn/reg4/ice40.json" "$tmp/syn/bad/"
"$SYNTHREP" report -o "$tmp/rep2" -g "$tmp/gen" -s "$tmp/syn" reg4 bad >/dev/null 2>"$tmp/err"; rc=$?
check "count 1e73 (the fuzzer's find): refused ($(cat "$tmp/err"))" '[ $rc -ne 0 ] && grep -q "design bad (xc7).*FDRE" "$tmp/err"'

# The report is one set (io/publish.h): a run killed at any step of the
# publication leaves the complete old set or the complete new one, never a mix;
# a failing run leaves the old set; a file the tool did not write is kept.
"$SYNTHREP" report -o "$tmp/set" -g "$tmp/gen" -s "$tmp/syn" reg4 >/dev/null 2>&1
sum_old=$(cat "$tmp/set/synth.md" "$tmp/set/synth.csv" "$tmp/set/synth.json" | md5sum)
"$SYNTHREP" report -o "$tmp/new" -g "$tmp/gen" -s "$tmp/syn" reg4 lfsr3 >/dev/null 2>&1
sum_new=$(cat "$tmp/new/synth.md" "$tmp/new/synth.csv" "$tmp/new/synth.json" | md5sum)
check "report sets differ (test setup)" '[ "$sum_old" != "$sum_new" ]'
mixed=0 nold=0 nnew=0
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
    ESRU_TEST_KILL_AT_STEP=$k "$SYNTHREP" report -o "$tmp/set" -g "$tmp/gen" -s "$tmp/syn" reg4 lfsr3 >/dev/null 2>&1
    now=$(cat "$tmp/set/synth.md" "$tmp/set/synth.csv" "$tmp/set/synth.json" 2>/dev/null | md5sum)
    if [ "$now" = "$sum_old" ]; then nold=$((nold + 1)); elif [ "$now" = "$sum_new" ]; then nnew=$((nnew + 1)); else mixed=$((mixed + 1)); fi
    "$SYNTHREP" report -o "$tmp/set" -g "$tmp/gen" -s "$tmp/syn" reg4 >/dev/null 2>&1
done
# Early kills must leave the old set and late ones the new: both are seen.
check "killed at each of 12 steps: old ($nold) or new ($nnew) set, never a mix ($mixed)" \
    '[ $mixed -eq 0 ] && [ $nold -gt 0 ] && [ $nnew -gt 0 ]'
"$SYNTHREP" report -o "$tmp/set" -g "$tmp/gen" -s "$tmp/syn" reg4 bad >/dev/null 2>&1; rc=$?
now=$(cat "$tmp/set/synth.md" "$tmp/set/synth.csv" "$tmp/set/synth.json" | md5sum)
check "failing run: exit 1, old set untouched" '[ $rc -ne 0 ] && [ "$now" = "$sum_old" ]'
echo mine > "$tmp/set/notes.txt"
"$SYNTHREP" report -o "$tmp/set" -g "$tmp/gen" -s "$tmp/syn" reg4 lfsr3 >/dev/null 2>"$tmp/err"; rc=$?
check "a foreign file is kept, with a warning" '[ $rc -eq 0 ] && [ "$(cat "$tmp/set/notes.txt")" = mine ] &&
    grep -q "keeping .*notes.txt" "$tmp/err"'
check "no staging directories left" '[ -z "$(ls -A "$tmp" | grep esrugen-tmp)" ]'

echo "synthrep-cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
