#!/bin/sh
# --name (gen/model/names.c): the identifiers the generated top modules use
# are all in gen/model/rtl_names.def (else a name could collide with one the
# check does not know), good names give RTL that is clean under Verilator and
# Icarus, refused names are refused by the CLI with exit 2, and names whose
# modules could be another design's get a warning.
#   tests/test_names.sh ESRUGEN      (needs verilator and iverilog)
set -u
ESRUGEN=${1:-./esrugen}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
here=$(cd "$(dirname "$0")/.." && pwd)

# Identifiers of Verilog text outside comments, directives, based numbers and
# .port( connections (those are the submodule's names), digit runs as '#'.
idents() {
    awk '{
        line = $0
        if (incomment) { if (sub(/^.*\*\//, "", line)) incomment = 0; else next }
        while (match(line, /\/\*/)) {
            rest = substr(line, RSTART + 2)
            if (match(rest, /\*\//)) line = substr(line, 1, index(line, "/*") - 1) " " substr(rest, RSTART + 2)
            else { line = substr(line, 1, index(line, "/*") - 1); incomment = 1 }
        }
        sub(/\/\/.*/, "", line)
        if (line ~ /^[ \t]*`/) next
        gsub(/\.[A-Za-z_][A-Za-z0-9_$]*/, " ", line)
        gsub(/[0-9]*'"'"'[sS]?[bBoOdDhH][0-9a-fA-FxXzZ_?]+/, " ", line)
        while (match(line, /[A-Za-z_][A-Za-z0-9_$]*/)) {
            id = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
            gsub(/[0-9]+/, "#", id); print id
        }
    }' "$@" | sort -u
}
listed() { sed -n "s/^$1(\"\([^\"]*\)\".*/\1/p" "$2" | sort -u; }
listed ESRU_KEYWORD "$here/gen/model/verilog_keywords.def" > "$T/keywords"
listed ESRU_TOP_IDENT "$here/gen/model/rtl_names.def" > "$T/tops"
[ "$(wc -l < "$T/keywords")" -eq 248 ] && [ -s "$T/tops" ] && ok || bad "cannot read the two .def files"

# 1. Every identifier in a generated top is a keyword or listed. The name
# zzq (its own modules, zzq_*, are left out) over every kind x rounding, a
# lane count with two digits, a MAC array per kind.
n=0
for kind in lfsr lfsr-inv plateau pair sliced ext shared; do
    for r in sr rne trunc; do
        "$ESRUGEN" --prng "$kind" --rounding "$r" --lanes 12 --fill half --name zzq -o "$T/g/$kind-$r" >/dev/null 2>&1 &&
            n=$((n + 1)) || bad "esrugen --prng $kind --rounding $r failed"
    done
    "$ESRUGEN" mac --array 2x3 --prng "$kind" --lanes 2 --name zzq -o "$T/g/mac-$kind" >/dev/null 2>&1 &&
        n=$((n + 1)) || bad "esrugen mac --prng $kind failed"
done
"$ESRUGEN" mac --array 2x2 --rounding trunc --name zzq -o "$T/g/mac-trunc" >/dev/null 2>&1 && n=$((n + 1))
idents "$T"/g/*/zzq.v | grep -v '^zzq' > "$T/used"
unlisted=$(sort -u "$T/keywords" "$T/tops" | comm -23 "$T/used" -)
[ -z "$unlisted" ] && ok || bad "identifiers in generated tops missing from gen/model/rtl_names.def: $(echo $unlisted)"
# the extraction sees real signals (it is not vacuous) and would report a missing one
grep -qx clk "$T/used" && grep -qx 'lfsr#_q' "$T/used" && grep -qx rq_shift "$T/used" && ok || bad "extraction misses clk, lfsr#_q or rq_shift"
[ "$(grep -v '^phase$' "$T/tops" | sort -u - "$T/keywords" | comm -23 "$T/used" -)" = phase ] && ok ||
    bad "a list without 'phase' is not caught"
echo "names: $n designs, $(wc -l < "$T/used") distinct identifiers in their tops, every one a keyword or in rtl_names.def"

# 2. Refused on the command line: exit 2, the message names the value.
for name in module wire logic always_ff endmodule clk r12 u_lane3 rq_shift 9lives; do
    "$ESRUGEN" --name "$name" -o "$T/no" >/dev/null 2>"$T/err"; rc=$?
    [ $rc -eq 2 ] && grep -q -- "--name '$name'" "$T/err" && [ ! -e "$T/no" ] && ok || bad "--name $name: rc $rc: $(cat "$T/err")"
done

# ... names whose modules another design's could share: generated, with a warning.
for name in x_lane sru8_3_lfsr e_up; do
    "$ESRUGEN" --name "$name" -o "$T/warn" >/dev/null 2>"$T/err"; rc=$?
    [ $rc -eq 0 ] && grep -q "warning: --name '$name' ends in" "$T/err" && ok || bad "--name $name: rc $rc: $(cat "$T/err")"
done

# 3. Good names (keywords differ in case; a signal name of a submodule, 'top';
# one letter; the longest, 63 characters) lint clean in both tools.
long=n$(printf '%062d' 7)
lint() { # lint TOP DIR: no output from either tool
    verilator --lint-only -Wall --top-module "$1" "$2"/*.v > "$T/vl.log" 2>&1 && [ ! -s "$T/vl.log" ] &&
        iverilog -Wall -g2005 -o "$T/a.vvp" "$2"/*.v > "$T/iv.log" 2>&1 && [ ! -s "$T/iv.log" ]
}
for name in Module top u Wire esru8x3 x_lane "$long"; do
    for how in "--prng plateau --lanes 2" "mac --array 2x2 --prng lfsr"; do
        rm -rf "$T/ok"
        # shellcheck disable=SC2086
        if "$ESRUGEN" $how --name "$name" -o "$T/ok" >/dev/null 2>"$T/err" && lint "$name" "$T/ok"; then ok; else
            bad "--name $name ($how): $(cat "$T/err") $(head -3 "$T/vl.log" "$T/iv.log" 2>/dev/null)"; fi
    done
done
# ... and the check can fail: the same RTL with its top renamed to a port name.
rm -rf "$T/ok"; "$ESRUGEN" --name good -o "$T/ok" >/dev/null
sed -i 's/^module good /module clk /' "$T/ok/good.v"
lint clk "$T/ok" && bad "lint passes a top named like its port clk" || ok
echo "names: $pass passed, $fail failed"
[ $fail -eq 0 ]
