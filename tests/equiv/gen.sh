#!/bin/sh
# Generate every config of configs.txt with esrugen into RTLDIR/NAME/, then
# the Verilator wrapper + harness port header into OUTDIR.
# usage: gen.sh ESRUGEN EQGEN CONFIGS RTLDIR OUTDIR
set -eu
esrugen=$1 eqgen=$2 configs=$3 rtldir=$4 outdir=$5
mkdir -p "$rtldir" "$outdir"
"$eqgen" list "$configs" > "$outdir/list.txt"
n=0
while read -r name flags; do
    tmp="$rtldir/$name.new"
    rm -rf "$tmp"
    # shellcheck disable=SC2086
    "$esrugen" $flags -o "$tmp" > /dev/null
    # keep file times when the text is unchanged: no needless rebuilds
    if [ -d "$rtldir/$name" ] && diff -r "$tmp" "$rtldir/$name" > /dev/null 2>&1; then
        rm -rf "$tmp"
    else
        rm -rf "$rtldir/$name"
        mv "$tmp" "$rtldir/$name"
    fi
    n=$((n + 1))
done < "$outdir/list.txt"
"$eqgen" wrapper "$configs" "$rtldir" "$outdir"
echo "equiv: generated $n configs into $rtldir"
