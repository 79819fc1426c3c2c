#!/bin/sh
# Print the path of a standard-cell liberty file shipped by a Debian qflow-tech
# package: the one place the flow looks it up (nothing else hard-codes it).
# usage: synth/liberty.sh LIB   (LIB: osu018, the library `make synth` uses)
set -u
lib=${1:-osu018}
pkg=qflow-tech-$lib
path=$(dpkg -L "$pkg" 2>/dev/null | grep "/${lib}_stdcells\.lib\$" | head -1)
# Without dpkg (another distribution, a copied tree): the package's install location.
[ -n "$path" ] || path=$(ls /usr/share/qflow/tech/"$lib"/*_stdcells.lib 2>/dev/null | head -1)
if [ -z "$path" ] || [ ! -r "$path" ]; then
    echo "synth: no liberty file for $lib: install the Debian package $pkg (tools/install-deps.sh)" >&2
    exit 1
fi
echo "$path"
