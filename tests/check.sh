# Sourced by the shell tests: the counters and one check.
#   check DESC 'CONDITION'   CONDITION is eval'd; when it fails, DESC is printed
#   check_summary NAME       "NAME: P passed, F failed"; status 0 only without failures
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
check_summary() { echo "$1: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
