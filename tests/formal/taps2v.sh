#!/bin/sh
# Turn the XAPP052 table (tests/formal/xapp052-taps.txt, "width: taps", taps
# 1-based as in the note) into the Verilog function the reference LFSR
# includes: xapp052_mask(W) has bit t-1 set for every tap t of width W.
# usage: taps2v.sh TAPS.txt > xapp052_taps.vh
set -eu
awk -v src="$1" '
BEGIN {
    print "// Generated from " src " by tests/formal/taps2v.sh: do not edit."
    print "function [63:0] xapp052_mask;"
    print "    input integer width;"
    print "    begin"
    print "        case (width)"
}
/^[ \t]*(#|$)/ { next }
{
    line = $0
    if (line !~ /^[0-9]+:[ \t]*[0-9]+(,[0-9]+)*[ \t]*$/) {
        printf "taps2v: %s:%d: expected \"width: t1,t2,...\", got \"%s\"\n", src, NR, line > "/dev/stderr"
        bad = 1; exit 2
    }
    split(line, parts, ":")
    w = parts[1] + 0
    gsub(/[ \t]/, "", parts[2])
    n = split(parts[2], taps, ",")
    if (w < 1 || w > 64 || (w in seen)) {
        printf "taps2v: %s:%d: width %d out of 1..64 or repeated\n", src, NR, w > "/dev/stderr"
        bad = 1; exit 2
    }
    seen[w] = 1
    expr = ""
    for (i = 1; i <= n; i++) {
        t = taps[i] + 0
        if (t < 1 || t > w) {
            printf "taps2v: %s:%d: tap %d out of 1..%d\n", src, NR, t, w > "/dev/stderr"
            bad = 1; exit 2
        }
        expr = expr (i > 1 ? " | " : "") "(64'"'"'d1 << " (t - 1) ")"
    }
    printf "        %d: xapp052_mask = %s;\n", w, expr
}
END {
    if (bad) exit 2
    for (w = 1; w <= 64; w++)
        if (!(w in seen)) { printf "taps2v: %s: width %d missing\n", src, w > "/dev/stderr"; exit 2 }
    print "        default: xapp052_mask = 64'"'"'d0;"
    print "        endcase"
    print "    end"
    print "endfunction"
}' "$1"
