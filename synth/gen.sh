#!/bin/sh
# Run a generator for design NAME into GENROOT/NAME, replacing that directory only
# when some generated file's content changed: a rebuilt but equivalent esrugen
# then leaves every file (and so every synthesis result) untouched.
# usage: synth/gen.sh GENROOT NAME GENERATOR [ARGS...]   (the flow appends --name NAME -o NAME)
set -eu
root=$1 name=$2
shift 2
stage="$root/.stage-$name"
rm -rf "$stage"
mkdir -p "$stage"
# Run inside the staging directory with a relative -o, so the command line the
# generator records in its outputs is the same on every run.
if ! (cd "$stage" && "$@" --name "$name" -o "$name" >gen.log 2>&1); then
    cat "$stage/gen.log" >&2
    echo "synth: design $name: generator failed: $*" >&2
    exit 1
fi
[ -f "$stage/$name/$name.json" ] || { echo "synth: design $name: generator wrote no manifest $name.json" >&2; exit 1; }
if diff -r -q "$stage/$name" "$root/$name" >/dev/null 2>&1; then
    echo "synth: design $name: generated RTL unchanged"
else
    rm -rf "${root:?}/$name"
    mv "$stage/$name" "$root/$name"
    echo "synth: design $name: generated RTL updated"
fi
rm -rf "$stage"
