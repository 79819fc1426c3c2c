#!/bin/sh
# The flag tables in the docs come from the flag table (esrugen flags TOOL).
# Between "<!-- flags: TOOL -->" and "<!-- /flags -->" a file holds exactly
# that tool's table.
#   tools/flagdocs.sh ESRUGEN FILE...          rewrite the tables in place
#   tools/flagdocs.sh --check ESRUGEN FILE...  fail (naming the file) if one is stale
set -eu
check=0
[ "$1" = --check ] && { check=1; shift; }
esrugen=$1; shift
rc=0
for f in "$@"; do
    tmp=$(mktemp)
    awk -v esrugen="$esrugen" '
        /^<!-- flags: .* -->$/ {
            print; tool = $0; sub(/^<!-- flags: /, "", tool); sub(/ -->$/, "", tool)
            cmd = esrugen " flags \"" tool "\""
            while ((cmd | getline line) > 0) print line
            if (close(cmd) != 0) { print "flagdocs: " cmd " failed" > "/dev/stderr"; exit 2 }
            skip = 1; next
        }
        /^<!-- \/flags -->$/ { skip = 0 }
        !skip { print }' "$f" > "$tmp"
    if [ $check = 1 ]; then
        if ! cmp -s "$f" "$tmp"; then
            echo "flagdocs: the flag tables in $f are not those of the flag table (run: make docs)" >&2
            diff "$f" "$tmp" | head -20 >&2
            rc=1
        fi
        rm -f "$tmp"
    else
        cmp -s "$f" "$tmp" && rm -f "$tmp" || mv "$tmp" "$f"
    fi
done
exit $rc
