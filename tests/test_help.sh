#!/bin/sh
# `make help` lists every phony target the docs send users to (each "make X"
# in README.md and docs/, test groups aside) with its note, and the make
# variables of each group of the flag table; `esrugen vars --names` refuses
# a group that does not exist.
set -eu
. tests/check.sh
MAKE=${MAKE:-make}
help=$($MAKE -s --no-print-directory help)
phony=$(grep -h '^\.PHONY:' Makefile ./*/*.mk ./*/*/*.mk | sed 's/^\.PHONY://' | tr ' ' '\n' | sort -u)
listed=0
for t in $(grep -ohE '\bmake [a-z][a-z0-9-]*' README.md docs/*.md | sed 's/^make //' | sort -u); do
    case $t in test-*) continue ;; esac
    printf '%s\n' "$phony" | grep -qx "$t" || continue
    listed=$((listed + 1))
    check "make help lists $t with a note" 'printf "%s\n" "$help" | grep -qE "^  $t +[^ ]"'
done
check "the docs name at least 20 targets (found $listed)" '[ "$listed" -ge 20 ]'
groups=$(./esrugen vars --groups)
check "the groups of make variables are sim, accuracy, explore" '[ "$groups" = "sim accuracy explore" ]'
for g in $groups; do
    names=$(./esrugen vars --names "$g")
    check "make help lists the $g variables" 'printf "%s\n" "$help" | tr -s " \n" " " | grep -qF "$(echo "$names" | cut -d" " -f1-3)"'
done
check "SEED is a make sim variable" './esrugen vars --names sim | tr " " "\n" | grep -qx SEED'
out=$(./esrugen vars --names synth 2>&1) && rc=0 || rc=$?
check "an unknown group exits 2 naming the valid ones" '[ "$rc" = 2 ] && printf "%s" "$out" | grep -q "valid: sim, accuracy, explore"'
check_summary test_help
