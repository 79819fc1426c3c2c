#!/bin/sh
# The make synth-pipeline table: per design of the pipeline set (synth/designs.mk,
# pipe_*_pP), area from make synth's CSV/Markdown (xc7 LUT/FF, osu018 um^2 and
# its register-to-register path) and iCE40 Fmax from make pnr's CSV, with the
# critical path of the median seed from its nextpnr log (first and last cell,
# Yosys' names cut before "_SB_", and logic/routing ns).
# usage: synth/pipeline.sh SYNTH_REPORTS PNR_REPORTS PNR_OUT
#   (SYNTH_REPORTS holds synth.{csv,md}, PNR_REPORTS pnr.csv, PNR_OUT the nextpnr logs)
set -eu
rep=$1 prep=$2 pnr=$3
for f in "$rep/synth.csv" "$rep/synth.md" "$prep/pnr.csv"; do
    [ -f "$f" ] || { echo "synth-pipeline: no $f (run make synth-pipeline)" >&2; exit 1; }
done
csv() { # DESIGN TARGET COLUMN -> value from synth.csv
    awk -F, -v d="$1" -v t="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == d && $2 == t { print $col[c]; exit }' "$rep/synth.csv"
}
pcsv() { # DESIGN COLUMN -> value from pnr.csv (no quoted commas in fitting rows)
    awk -F, -v d="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == d { print $col[c]; exit }' "$prep/pnr.csv"
}
# the osu018 table's register-to-register cell: "5.48 (a_reg -> b_reg)"
r2r() {
    awk -v d="$1" '/um\^2 \| cells/ { on = 1 } on && index($0, "| " d " |") == 1 { n = split($0, c, "|"); gsub(/^ +| +$/, "", c[8]); print c[8]; exit }' "$rep/synth.md"
}
# the median seed's critical path in its nextpnr log
icepath() { # LOG
    awk '/Critical path report for clock/ { on = 1; next }
        on && /Source/ && src == "" { src = $NF }
        on && /Sink/ { snk = $NF }
        on && /ns logic,.*ns routing/ { lg = $2; rt = $5; exit }
        END { sub(/_SB_.*/, "", src); sub(/_SB_.*/, "", snk); sub(/\.[A-Z0-9]+$/, "", src); sub(/\.[A-Z0-9]+$/, "", snk)
              printf "%s -> %s (%s ns logic, %s ns routing)", src, snk, lg, rt }' "$1"
}
echo "| design | P | latency | xc7 LUT | xc7 FF | osu018 um^2 | osu018 register-to-register ns | iCE40 LC | Fmax MHz min / median / max | iCE40 critical path, median seed |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for d in $(awk -F, 'NR > 1 && $2 == "xc7" && $1 ~ /^pipe_/ { print $1 }' "$rep/synth.csv"); do
    p=${d##*_p}
    med=$(pcsv "$d" fmax_median_mhz)
    seeds=$(pcsv "$d" seeds) per=$(pcsv "$d" fmax_per_seed)
    # the seed whose Fmax is the median (the first such)
    ms=$(echo "$seeds|$per" | awk -F'|' -v m="$med" '{ n = split($1, s, " "); split($2, f, " "); for (i = 1; i <= n; i++) if (f[i] == m) { print s[i]; exit } }')
    path="-"
    [ -n "$ms" ] && [ -f "$pnr/$d/seed$ms.log" ] && path="seed $ms: $(icepath "$pnr/$d/seed$ms.log")"
    echo "| $d | $p | $((p + 1)) | $(csv "$d" xc7 logic) | $(csv "$d" xc7 ff) | $(csv "$d" osu018 area_um2) | $(r2r "$d") | $(pcsv "$d" lc_used) | $(pcsv "$d" fmax_min_mhz) / $med / $(pcsv "$d" fmax_max_mhz) | $path |"
done
