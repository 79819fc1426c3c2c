#!/bin/sh
# Place and route one esrugen design's timing wrapper (NAME_wrap, esrugen --wrap)
# on an iCE40 with nextpnr, once per seed. OUTDIR is replaced as a whole, only on
# success, and then holds: meta (wrapper, device, seeds), ice40.json (Yosys `stat
# -json` of the wrapped design), and either seedN.json (nextpnr --report) for
# every seed or nofit.txt (why the design does not fit the device), with logs.
# usage: synth/pnr.sh MANIFEST OUTDIR WRAP MODE SEED...
#   WRAP: reg | serial (how the design was generated: esrugen --wrap WRAP)
#   MODE: flat (synth_ice40 flattens first) | hier (each module mapped once, e.g.
#         an 8x8 array's PE, then flattened for nextpnr)
#   env: YOSYS, NEXTPNR, SYNTHREP, PNR_DEVICE (hx8k), PNR_PACKAGE (ct256)
set -u
manifest=$1 outdir=$2 wrap=$3 mode=$4
shift 4
name=$(basename "$manifest" .json)
dir=$(dirname "$manifest")
YOSYS=${YOSYS:-yosys}
NEXTPNR=${NEXTPNR:-nextpnr-ice40}
SYNTHREP=${SYNTHREP:-build/synth/synthrep}
device=${PNR_DEVICE:-hx8k} package=${PNR_PACKAGE:-ct256}
die() { echo "pnr: design $name: $*" >&2; exit 1; }

[ $# -gt 0 ] || die "no seeds given"
case $mode in
flat) synth="synth_ice40 -top ${name}_wrap" ;;
hier) synth="synth_ice40 -noflatten -top ${name}_wrap; flatten; opt_clean -purge" ;;
*) die "unknown mode '$mode' (valid: flat, hier)" ;;
esac
command -v "$YOSYS" >/dev/null 2>&1 || die "yosys not found (YOSYS=$YOSYS); run tools/install-deps.sh"
command -v "$NEXTPNR" >/dev/null 2>&1 || die "nextpnr-ice40 not found (NEXTPNR=$NEXTPNR); run tools/install-deps.sh"
files=$("$SYNTHREP" files "$manifest") || die "unusable manifest $manifest"
case " $(echo $files) " in *" ${name}_wrap.v "*) ;; *) die "no ${name}_wrap.v in $manifest (generate with --wrap)" ;; esac
read_cmd=""
for f in $files; do read_cmd="$read_cmd read_verilog $dir/$f;"; done

tmp="$outdir.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
t0=$(date +%s)
if ! "$YOSYS" -q -l "$tmp/yosys.log" -p "$read_cmd hierarchy -check -top ${name}_wrap;
        $synth; write_json $tmp/netlist.json; tee -q -o $tmp/ice40.json stat -json" >/dev/null 2>&1; then
    cp "$tmp/yosys.log" "$outdir.yosys.log" 2>/dev/null
    die "yosys failed, log: $outdir.yosys.log"
fi
printf 'wrap %s\nmode %s\ndevice %s %s\nseeds %s\n' "$wrap" "$mode" "$device" "$package" "$*" > "$tmp/meta"
i=0
for seed in "$@"; do
    i=$((i + 1))
    if ! "$NEXTPNR" --"$device" --package "$package" --json "$tmp/netlist.json" --seed "$seed" \
            --report "$tmp/seed$seed.json" -l "$tmp/seed$seed.log" -q >/dev/null 2>&1; then
        # Over-used resources: the design does not fit; anything else is an error.
        if reason=$("$SYNTHREP" nofit "$tmp/seed$seed.log"); then
            echo "$reason" > "$tmp/nofit.txt"
            echo "pnr: $name does not fit the iCE40 $device: $reason"
            rm -f "$tmp"/seed*.json
            break
        fi
        cp "$tmp/seed$seed.log" "$outdir.nextpnr.log" 2>/dev/null
        grep -m1 'ERROR' "$tmp/seed$seed.log" >&2
        die "nextpnr failed (seed $seed), log: $outdir.nextpnr.log"
    fi
    echo "pnr: $name seed $seed [$i/$#]: $("$SYNTHREP" fmax "$tmp/seed$seed.json") MHz ($(($(date +%s) - t0)) s)"
done
rm -f "$tmp/netlist.json"
rm -rf "$outdir" "$outdir.yosys.log" "$outdir.nextpnr.log"
mv "$tmp" "$outdir" || die "cannot move results into $outdir"
trap - EXIT
