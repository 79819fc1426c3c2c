#!/bin/sh
# One exploration job: the unit of work of `make explore` and of the job lists
# for other machines (make explore-jobs). Run from the repository root.
#   sim/explore/job.sh gen   ROOT KEY ID FLOWS ESRUGEN-FLAGS... [-- LANES ESRUTRAIN-FLAGS...]
#       synthesis (FLOWS: fpga = xc7 + gates; fpga+stdcell adds osu018 um^2 and OpenSTA),
#       exact bias, and for SR units the robustness: for each lane count L of LANES
#       (comma-separated) the trainer's bias check (esrutrain --bias-check-only): each bank's
#       advances per step K and the analyzer's worst element mean bias at that K
#   sim/explore/job.sh train ROOT KEY ID ESRUTRAIN-FLAGS...   one training run (flags include --seed)
# Results: ROOT/gen/KEY/ (analyze.json, xc7.json, gates.json [osu018.json/.stat/.sta],
# bias-LL.json per lane count, or bias-LL.skip when esrugen refuses
# the design at L lanes (e.g. pair at odd L), meta, done; a resonant unit has
# `unsynthesized` with the reason instead of the synthesis) and ROOT/train/KEY.json
# (+ KEY.meta), each moved into place only when complete.
# KEY must equal the key of these tools and flags (sim/explore/lib.sh): a job
# list emitted for other binaries fails instead of caching wrong results.
set -u
. sim/explore/lib.sh
[ $# -ge 4 ] || { echo "usage: sim/explore/job.sh gen|train ROOT KEY ID FLAGS..." >&2; exit 2; }
kind=$1 root=$2 want=$3 id=$4
shift 4
t0=$(date +%s.%N)
case $kind in
gen) tools=$(ex_gen_tools) || exit 1; final=$root/gen/$want/done ;;
train) tools=$(ex_train_tools) || exit 1; final=$root/train/$want.json ;;
*) echo "explore: job kind '$kind': want gen or train" >&2; exit 2 ;;
esac
key=$(ex_key "$kind" "$tools" "$*")
if [ "$key" != "$want" ]; then
    echo "explore: $kind job $id: key $want does not match these tools and flags (they give $key):" >&2
    echo "explore: the job list was emitted for other binaries; rebuild or re-emit it (make explore-jobs)" >&2
    exit 1
fi
# cached (a gen result as lib.sh's ex_gen_cached says)
if [ "$kind" = gen ]; then ex_gen_cached "$root" "$want" && exit 0; elif [ -f "$final" ]; then exit 0; fi
mkdir -p "$root/$kind"
tmp=$root/$kind/.tmp.$want.$$
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "explore: $kind job $id failed: $*" >&2; exit 1; }
meta() {
    printf 'key %s\nid %s\ntools %s\nflags %s\nhost %s\nseconds %s\n' "$key" "$id" "$tools" "$*" \
        "$(uname -n)" "$(echo "$(date +%s.%N) - $t0" | bc)"
}
# The gen result into place in one rename; a result that lacks the synthesis this
# run needs (unsynthesized, redone under scope design) is swapped out.
publish_gen() {
    dst=$root/gen/$want
    if [ -d "$dst" ] && [ -f "$dst/unsynthesized" ] && [ ! -f "$tmp/unsynthesized" ]; then
        mv "$dst" "$tmp.old" && mv "$tmp" "$dst" && rm -rf "$tmp.old"
    elif [ -d "$dst" ]; then
        rm -rf "$tmp"
    else
        mv "$tmp" "$dst"
    fi
}
progress() {
    n=""
    if [ -n "${EXPLORE_PROGRESS:-}" ] && [ -d "$EXPLORE_PROGRESS" ]; then
        i=1   # a ticket: mkdir is atomic, so parallel jobs get distinct numbers
        until mkdir "$EXPLORE_PROGRESS/$i" 2>/dev/null; do i=$((i + 1)); done
        n=" [$i/${EXPLORE_TOTAL:-?}]"
    fi
    line=$(printf 'explore: %s%s %s: %s (%.1f s)' "$kind" "$n" "$id" "$1" "$(echo "$(date +%s.%N) - $t0" | bc)")
    # a terminal gets one line, rewritten in place (cut to its width); a log gets a line per job
    if [ -t 1 ]; then
        printf '\r%.*s\033[K' "$(($(tput cols 2>/dev/null || echo 100) - 1))" "$line"
    else
        echo "$line"
    fi
}

if [ "$kind" = gen ]; then
    flows=$1
    shift
    case $flows in fpga | fpga+stdcell) ;; *) echo "explore: gen job $id: FLOWS '$flows': want fpga or fpga+stdcell" >&2; exit 2 ;; esac
    # ESRUGEN-FLAGS, then after -- the lane counts and the trainer's flags (flags have no spaces)
    ga="" lanes="" ta="" part=g
    for a in "$@"; do
        case $part$a in
        g--) part=l ;;
        g*) ga="$ga $a" ;;
        l*) lanes=$a part=t ;;
        t*) ta="$ta $a" ;;
        esac
    done
    set -f
    synth/gen.sh "$tmp" u "$(ex_abs "$ESRUGEN")" $ga >/dev/null || fail "esrugen$ga"
    case "$ga " in
    *" --rounding rne "* | *" --rounding trunc "*) ;;
    *) "$ESRUGEN" analyze $ga --json > "$tmp/analyze.json" 2> "$tmp/analyze.err" ||
           fail "esrugen analyze$ga: $(cat "$tmp/analyze.err")" ;;
    esac
    # Robustness: an element meets its lane every K bank advances, K set by the
    # network and the lane count. The trainer knows K and asks the analyzer
    # (esru_analyze_stride, as `esrugen analyze --stride K`) for the bias at K.
    for L in $(echo "$lanes" | tr , ' '); do
        t=$(echo "$ta " | sed "s/ --lanes [0-9]* / --lanes $L /")
        if ! "$ESRUTRAIN" $t --bias-check-only --quiet --json "$tmp/bias-L$L.json" > /dev/null 2> "$tmp/train.err"; then
            # a design esrugen refuses at L lanes (pair: even L; sliced: L*M <= 64) is skipped, not failed
            g=$(echo "$ga " | sed "s/ --lanes [0-9]* / --lanes $L /")
            "$ESRUGEN" analyze $g > /dev/null 2> "$tmp/bias-L$L.skip" &&
                fail "esrutrain$t --bias-check-only: $(cat "$tmp/train.err")"
            rm -f "$tmp/bias-L$L.json"
        fi
    done
    set +f
    rm -f "$tmp/train.err"
    # Cheapest first: a unit that resonates at some lane count (or cannot be shown not
    # to) is pruned and never trained, whatever its area (exptool resonant: prune's rule),
    # so Yosys is not run for it, unless the report needs every area (scope design).
    why=""
    if [ -n "$lanes" ] && [ "${EXPLORE_BIAS_SCOPE:-element}" = element ]; then
        why=$("$EXPTOOL" resonant "$tmp" "$lanes" 2> "$tmp/res.err")
        case $? in
        0) echo "$why" > "$tmp/unsynthesized" ;;
        1) why="" ;;
        *) fail "exptool resonant: $(cat "$tmp/res.err")" ;;
        esac
        rm -f "$tmp/res.err"
    fi
    if [ -n "$why" ]; then
        rm -rf "$tmp/u"
        rm -f "$tmp/analyze.err"
        meta "$flows" "$@" > "$tmp/meta"
        : > "$tmp/done"
        publish_gen
        progress "bias scored; resonant, not synthesized: $why"
        exit 0
    fi
    # Synthesis, the expensive part, is also cached by the RTL's content: a rebuilt
    # esrugen that writes the same RTL reruns the analysis but not Yosys.
    skey=$( (cat "$tmp"/u/*.v; ex_synth_tools) | ex_sum | cut -c1-16)
    sdir=$root/synth/$skey
    how="area and bias scored"
    if [ -s "$sdir/xc7.json" ] && [ -s "$sdir/gates.json" ]; then
        cp "$sdir/xc7.json" "$sdir/gates.json" "$tmp/"
        how="bias scored, synthesis reused (same RTL)"
    else
        for t in xc7 gates; do
            YOSYS=$YOSYS SYNTHREP=$SYNTHREP synth/yosys.sh $t "$tmp/u/u.json" "$tmp/$t.json" || fail "yosys ($t)"
            rm -f "$tmp/$t.log"
        done
        mkdir -p "$root/synth"
        if [ ! -d "$sdir" ]; then
            mkdir -p "$sdir.$$" && cp "$tmp/xc7.json" "$tmp/gates.json" "$sdir.$$/" && mv "$sdir.$$" "$sdir" 2>/dev/null
            rm -rf "$sdir.$$"
        fi
    fi
    # Standard cells (EXPLORE_AREA=um2): osu018 area and OpenSTA paths, cached beside the FPGA counts.
    if [ "$flows" = fpga+stdcell ]; then
        if [ -s "$sdir/osu018.json" ] && [ -s "$sdir/osu018.stat" ] && [ -s "$sdir/osu018.sta" ]; then
            cp "$sdir/osu018.json" "$sdir/osu018.stat" "$sdir/osu018.sta" "$tmp/"
        else
            YOSYS=$YOSYS SYNTHREP=$SYNTHREP synth/stdcell.sh "$tmp/u/u.json" "$tmp/sc" flat || fail "osu018 synthesis"
            mv "$tmp/sc/osu018.json" "$tmp/sc/osu018.stat" "$tmp/sc/osu018.sta" "$tmp/"
            rm -rf "$tmp/sc"
            if [ -d "$sdir" ] && [ ! -s "$sdir/osu018.json" ]; then   # json last: the others are there when it is
                cp "$tmp/osu018.stat" "$tmp/osu018.sta" "$sdir/" && cp "$tmp/osu018.json" "$sdir/.osu.$$" &&
                    mv "$sdir/.osu.$$" "$sdir/osu018.json"
            fi
        fi
        how="$how, osu018"
    fi
    echo "$skey" > "$tmp/synth_key"
    rm -f "$tmp/analyze.err"
    meta "$flows" "$@" > "$tmp/meta"
    : > "$tmp/done"
    publish_gen
    progress "$how"
else
    # one thread per job: make -j runs jobs side by side (same weights either way)
    OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} "$ESRUTRAIN" "$@" --quiet --json "$tmp/r.json" > "$tmp/log" 2>&1 ||
        fail "esrutrain $*: $(tail -3 "$tmp/log")"
    meta "$@" > "$root/train/$want.meta"
    mv "$tmp/r.json" "$final"
    acc=$(sed -n 's/^ *"test_accuracy": *\([0-9.]*\).*/\1/p' "$final" | tail -1)
    progress "test accuracy $(echo "100 * $acc" | bc -l | cut -c1-5)%"
fi
