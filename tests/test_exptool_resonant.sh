#!/bin/sh
# exptool resonant (the rule job.sh uses to skip the synthesis of a unit prune never
# trains) on hand-written gen results. Known answers, worked out by hand with the rule
# "resonant when |worst element bias| - |whole-period mean bias| >= 1/64 = 0.015625 LSB,
# or when a bank's per-element bias could not be computed (unverified)":
#  - worst -0.02 (banks -0.02 and +0.005), period bias 0.001: 0.019 >= 0.015625: resonant
#  - worst +0.016, period bias 0.001: 0.015 < 0.015625: not resonant (exit 1)
#  - worst +0.016, period bias -0.0004 (magnitudes count, not signs): 0.0156 < 0.015625: not
#  - one bank declined by the analyzer (null, with its note): unverified, resonant
#  - one bank null without a note: a broken result, exit 2
#  - L = 8 refused by esrugen (bias-L8.skip) and L = 4 fine: scored at L = 4 only
# Usage: test_exptool_resonant.sh EXPTOOL
set -u
EXPTOOL=${1:-build/explore/exptool}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
gen() { # DIR PERIOD-BIAS
    mkdir -p "$T/$1"
    echo "{\"design\": {\"max_abs_bias\": 0.1, \"mean_bias\": $2, \"mean_bias_unbounded\": $2}}" > "$T/$1/analyze.json"
}
bank() { # DIR L BANK1 BANK2 (each: a number, or null, or nullnote)
    b() { case $1 in null) echo '{"bank": "x", "worst_element_mean_bias": null}' ;;
          nullnote) echo '{"bank": "x", "worst_element_mean_bias": null, "note": "over the limit"}' ;;
          *) echo "{\"bank\": \"x\", \"advances_per_step\": 3112, \"worst_element_mean_bias\": $1}" ;; esac; }
    echo "{\"bias_check\": [$(b "$3"), $(b "$4")]}" > "$T/$1/bias-L$2.json"
}
run() { out=$("$EXPTOOL" resonant "$T/$1" "$2" 2>&1); rc=$?; }
gen a 0.001; bank a 8 -0.02 0.005
run a 8
check "0.019 over the period's bias: resonant, says where ($out)" '[ $rc = 0 ] && echo "$out" | grep -q "bias -0.02 LSB at L = 8 lanes (stride K = 3112)"'
gen b 0.001; bank b 8 0.016 0
run b 8
check "0.015 over: not resonant" '[ $rc = 1 ] && [ -z "$out" ]'
gen c -0.0004; bank c 8 0.016 0
run c 8
check "magnitudes, not signs: 0.0156 over is not resonant" '[ $rc = 1 ]'
gen d 0; bank d 8 0.001 nullnote
run d 8
check "a declined bank: unverified, resonant ($out)" '[ $rc = 0 ] && echo "$out" | grep -q "not computable at L = 8"'
gen e 0; bank e 8 0.001 null
run e 8
check "a bank with no figure and no note: exit 2 ($out)" '[ $rc = 2 ] && echo "$out" | grep -q "lacks a bank"'
gen f 0.001; bank f 4 0.001 0; : > "$T/f/bias-L8.skip"
run f 4,8
check "a refused lane count is skipped, the rest scored" '[ $rc = 1 ]'
run f 8
check "refused at every lane count: exit 2" '[ $rc = 2 ] && echo "$out" | grep -q "refused it at every lane count"'
run a 8,x
check "bad lane list: exit 2, named" '[ $rc = 2 ] && echo "$out" | grep -q "LANES"'
check_summary exptool-resonant
