#!/bin/sh
# Expand the grid (grid.txt) into one line per unit: "NAME FLAGS", every
# esrugen flag spelled out. sr units: kind x fill x shape; rne/trunc: x shape;
# then the `config` lines as written. With WIDTHS=1 instead: one sliced unit
# per LFSR width 1..64 (lanes = W, M = 1), for the LFSR recurrence proofs.
# usage: expand.sh GRID        or   expand.sh --lfsr-widths
set -eu
if [ "${1:-}" = "--lfsr-widths" ]; then
    w=1
    while [ $w -le 64 ]; do
        echo "lw$w --name lw$w --in-width 8 --out-width 4 --shift 2 --rounding sr --sru-width 1 --prng-width 1 --fill zero --prng sliced --lanes $w --seed $w"
        w=$((w + 1))
    done
    exit 0
fi
awk -v src="$1" '
function bad(msg) { printf "expand: %s:%d: %s\n", src, NR, msg > "/dev/stderr"; err = 1; exit 2 }
{ sub(/#.*/, "") }
NF == 0 { next }
$1 == "kind"     { if (NF != 2) bad("expected: kind K"); kinds[++nk] = $2; next }
$1 == "rounding" { if (NF != 2 || $2 == "sr") bad("expected: rounding rne|trunc"); modes[++nm] = $2; next }
$1 == "shape" {
    if (NF != 8) bad("expected: shape S IW OW D N M L")
    for (i = 3; i <= 8; i++) if ($i !~ /^[0-9]+$/) bad("not a number: " $i)
    ns++; sname[ns] = $2; shape[ns] = sprintf("--in-width %s --out-width %s --shift %s --sru-width %s --prng-width %s --lanes %s", $3, $4, $5, $6, $7, $8)
    next
}
$1 == "config" { if (NF < 3) bad("expected: config NAME FLAGS"); line = $0; sub(/^[ \t]*config[ \t]+/, "", line); extra[++ne] = line; next }
{ bad("unknown line: " $0) }
END {
    if (err) exit 2
    seed = 1
    for (s = 1; s <= ns; s++) {
        for (k = 1; k <= nk; k++) {
            id = kinds[k]; gsub(/[^A-Za-z0-9_]/, "_", id)
            for (f = 0; f < 2; f++) {
                fill = f ? "half" : "zero"
                name = "f_" sname[s] "_" id "_" fill
                seed += 1000003
                printf "%s --name %s %s --rounding sr --fill %s --prng %s --seed %d\n", name, name, shape[s], fill, kinds[k], seed
            }
        }
        for (r = 1; r <= nm; r++) {
            name = "f_" sname[s] "_" modes[r]
            printf "%s --name %s %s --rounding %s --fill zero --prng plateau --seed 1\n", name, name, shape[s], modes[r]
        }
    }
    for (e = 1; e <= ne; e++) {
        split(extra[e], w, /[ \t]+/)
        printf "%s --name %s\n", w[1], extra[e]
    }
}' "$1"
