#!/bin/sh
# Standard-cell synthesis and static timing of one esrugen design on the OSU
# 0.18 um library (qflow-tech-osu018). Leaves in OUTDIR, only on success:
#   osu018.stat  Yosys `stat -liberty` text (the chip area: 0.23's -json lacks it)
#   osu018.sta   OpenSTA report: register-to-register and worst paths
#   osu018.v     the mapped netlist OpenSTA read
#   osu018.json  Yosys `stat -json` (cell counts), renamed last: make's target
# usage: synth/stdcell.sh MANIFEST OUTDIR [flat|hier]   (env: YOSYS, STA, SYNTHREP, LIBERTY)
# flat (default): the whole design mapped at once; hier: each module mapped
# once (a MAC array's PE once), flattened afterwards for the count and STA.
set -u
manifest=$1 outdir=$2 mode=${3:-flat}
name=$(basename "$manifest" .json)
dir=$(dirname "$manifest")
here=$(dirname "$0")
YOSYS=${YOSYS:-yosys}
STA=${STA:-sta}
SYNTHREP=${SYNTHREP:-build/synth/synthrep}
die() { echo "synth: design $name (osu018): $*" >&2; exit 1; }

command -v "$YOSYS" >/dev/null 2>&1 || die "yosys not found (YOSYS=$YOSYS); run tools/install-deps.sh"
command -v "$STA" >/dev/null 2>&1 || die "OpenSTA not found (STA=$STA); run tools/install-deps.sh"
case $mode in
flat) synth="synth -flatten -top $name" after="" ;;
hier) synth="synth -top $name" after="flatten;" ;;
*) die "unknown mode '$mode' (valid: flat, hier)" ;;
esac
lib=${LIBERTY:-$("$here/liberty.sh" osu018)} || die "no liberty file"
files=$("$SYNTHREP" files "$manifest") || die "unusable manifest $manifest"
read_cmd=""
for f in $files; do read_cmd="$read_cmd read_verilog $dir/$f;"; done

mkdir -p "$outdir"
t="$outdir/osu018.tmp"
log="$outdir/osu018.log"
rm -f "$outdir/osu018.json" "$t".*
# read_liberty -lib first: check -assert then knows the cells' pin directions.
# abc: Yosys 0.23's `abc -D` does not buffer, so osu018.abc does (buffer -p;
# upsize; dnsize); unbuffered, a high-fanout net such as the MAC array's rst
# alone takes hundreds of ns. rename -wire: flip-flops named after their
# register, so the timing report says which register a path starts and ends at.
if ! "$YOSYS" -q -l "$log" -p "read_liberty -lib $lib; $read_cmd hierarchy -check -top $name;
        $synth; dfflibmap -liberty $lib; abc -liberty $lib -script $here/osu018.abc;
        $after opt_clean -purge; rename -wire -suffix _reg t:DFF*; check -assert;
        tee -q -o $t.json stat -json -liberty $lib; tee -q -o $t.stat stat -liberty $lib;
        write_verilog -noattr -noexpr $t.v" >/dev/null 2>&1; then
    rm -f "$t".*
    grep -m1 -i 'error' "$log" >&2
    die "yosys failed, log: $log"
fi
if ! STA_LIBERTY=$lib STA_NETLIST=$t.v STA_TOP=$name STA_PERIOD=10 \
        "$STA" -no_init -no_splash "$here/sta.tcl" > "$t.sta" 2>&1 || ! grep -q '^== end' "$t.sta"; then
    cp "$t.sta" "$outdir/osu018.sta.log"
    rm -f "$t".*
    die "OpenSTA failed, log: $outdir/osu018.sta.log"
fi
mv "$t.stat" "$outdir/osu018.stat" && mv "$t.sta" "$outdir/osu018.sta" && mv "$t.v" "$outdir/osu018.v" &&
    mv "$t.json" "$outdir/osu018.json" || die "cannot move results into $outdir"
echo "$(date -u +%FT%TZ) $name osu018" >> "$(dirname "$outdir")/synth.log"
