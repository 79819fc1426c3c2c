#!/bin/sh
# Synthesize one esrugen design for one target; leave Yosys' `stat -json` in OUT
# only on success (atomic rename), so make never sees half a result.
# usage: synth/yosys.sh TARGET MANIFEST OUT.json [flat|hier]   (env: YOSYS, SYNTHREP)
# flat (default): the whole design mapped at once; hier: each module mapped
# once (a MAC array's PE once, not 64 times), flattened afterwards for the count.
set -u
target=$1 manifest=$2 out=$3 mode=${4:-flat}
name=$(basename "$manifest" .json)
dir=$(dirname "$manifest")
here=$(dirname "$0")
YOSYS=${YOSYS:-yosys}
SYNTHREP=${SYNTHREP:-build/synth/synthrep}
die() { echo "synth: design $name ($target): $*" >&2; exit 1; }

[ -f "$here/$target.ys" ] || die "unknown target (valid: xc7, ice40, gates)"
case $mode in flat | hier) ;; *) die "unknown mode '$mode' (valid: flat, hier)" ;; esac
command -v "$YOSYS" >/dev/null 2>&1 || die "yosys not found (YOSYS=$YOSYS); run tools/install-deps.sh"
files=$("$SYNTHREP" files "$manifest") || die "unusable manifest $manifest"
read_cmd=""
for f in $files; do read_cmd="$read_cmd read_verilog $dir/$f;"; done
tech=""
[ "$target" = gates ] && tech="-tech cmos"

mkdir -p "$(dirname "$out")"
log=${out%.json}.log
rm -f "$out" "$out.tmp"
if ! "$YOSYS" -q -l "$log" -p "$read_cmd hierarchy -check -top $name; script $here/$target.ys $mode; check -assert; tee -q -o $out.tmp stat -json $tech" >/dev/null 2>&1; then
    rm -f "$out.tmp"
    grep -m1 -i 'error' "$log" >&2
    die "yosys failed, log: $log"
fi
mv "$out.tmp" "$out" || die "cannot move the result into $out"
# One line per synthesis actually run: the flow test counts these to prove reruns are incremental.
echo "$(date -u +%FT%TZ) $name $target" >> "$(dirname "$(dirname "$out")")/synth.log"
