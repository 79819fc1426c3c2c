#!/bin/sh
# Negative checks (wrong.txt): with the reference made deliberately wrong, the
# named proof must fail with a counterexample. A proof that also "fails" for
# another reason (a syntax error, a missing module) does not count.
# usage: wrong.sh ESRUGEN REFDIR WORK UNITS WRONG [K]
#   UNITS  the expanded unit list (expand.sh output: "NAME FLAGS")
#   K      run only line K of the checks (as numbered by this script); without
#          K, print the number of checks
set -u
esrugen=$1 refdir=$2 work=$3 units=$4 wrongs=$5 only=${6:-}
here=$(dirname "$0")
# the checks: non-comment lines, numbered
checks() { grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$wrongs"; }
if [ -z "$only" ]; then checks | wc -l; exit 0; fi
line=$(checks | sed -n "${only}p")
eval "set -- $line"
if [ $# -ne 5 ]; then echo "FAIL wrong $only: expected: UNIT PROOF FILE 'FROM' 'TO', got: $line"; exit 1; fi
unit=$1 proof=$2 file=$3
desc=$(printf '%s' "$line" | sed -n 's/.*# *//p')
flags=$(awk -v u="$unit" '$1 == u { $1 = ""; print; exit }' "$units")
[ -n "$flags" ] || { echo "FAIL wrong $only: no unit $unit in $units"; exit 1; }

# the wrong reference: a copy with one literal replacement
ref=$work/wrong$only/ref
rm -rf "$work/wrong$only"
mkdir -p "$ref"
cp "$refdir"/ref_*.v "$refdir/xapp052-taps.txt" "$ref/"
[ -f "$ref/$file" ] || { echo "FAIL wrong $only: no reference file $file"; exit 1; }
FROM=$4 TO=$5 awk '
    { text = text $0 "\n" }
    END {
        from = ENVIRON["FROM"]; to = ENVIRON["TO"]; n = 0; rest = text; out = ""
        while ((i = index(rest, from)) > 0) {
            out = out substr(rest, 1, i - 1) to; rest = substr(rest, i + length(from)); n++
        }
        printf "%s%s", out, rest
        exit (n == 1 ? 0 : 3)
    }' "$refdir/$file" > "$ref/$file"
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL wrong $only: \"$4\" must occur exactly once in $file"; exit 1; fi

# shellcheck disable=SC2086
out=$("$here/prove.sh" "$esrugen" "$ref" "$work/wrong$only" "$proof" "$unit" $flags)
case $out in
    FAIL*counterexample*) echo "ok   wrong $only: $unit $proof fails (counterexample) with $file: $desc" ;;
    FAIL*) echo "FAIL wrong $only: $unit $proof failed, but not with a counterexample: $out"; exit 1 ;;
    *) echo "FAIL wrong $only: $unit $proof still passes with $file: $desc"; exit 1 ;;
esac
