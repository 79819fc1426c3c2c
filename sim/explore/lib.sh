# Shared by job.sh and run.sh (sourced; POSIX sh). Run from the repository root.
# (The plan itself is exptool plan, sim/explore/plan.c.)
# Cache keys: a result is valid exactly for the tools and flags that produced it.
#   gen key   = hash(esrugen and esrutrain binaries (the trainer gives the strides), yosys and
#               OpenSTA versions, synth scripts, the job's flows, esrugen flags, lane counts, trainer flags)
#   train key = hash(esrutrain binary, esrutrain flags incl. --seed)
ESRUGEN=${ESRUGEN:-./esrugen}
ESRUTRAIN=${ESRUTRAIN:-./esrutrain}
YOSYS=${YOSYS:-yosys}
SYNTHREP=${SYNTHREP:-build/synth/synthrep}
EXPTOOL=${EXPTOOL:-build/explore/exptool}

ex_sum() { sha256sum | cut -c1-64; }
ex_file_sum() {
    [ -f "$1" ] || { echo "explore: $1 not found (run make esrugen esrutrain synthrep first)" >&2; return 1; }
    ex_sum < "$1"
}
# The identity of everything a gen job's result depends on, besides its flags.
ex_gen_tools() {
    g=$(ex_file_sum "$ESRUGEN") || return 1
    t=$(ex_file_sum "$ESRUTRAIN") || return 1
    st=$(ex_synth_tools) || return 1
    printf 'esrugen %s; esrutrain %s; %s' "$g" "$t" "$st"
}
# What a synthesis result depends on besides the RTL (synthesis is cached by RTL content too).
ex_synth_tools() {
    y=$("$YOSYS" -V 2>/dev/null) || { echo "explore: yosys not found (YOSYS=$YOSYS)" >&2; return 1; }
    a=$("${STA:-sta}" -version 2>/dev/null </dev/null || echo none)   # the um2 flow's timing
    s=$(cat synth/xc7.ys synth/gates.ys synth/yosys.sh synth/gen.sh synth/stdcell.sh synth/osu018.abc synth/sta.tcl | ex_sum)
    printf '%s; OpenSTA %s; synth scripts %s' "$y" "$a" "$s"
}
ex_train_tools() {
    t=$(ex_file_sum "$ESRUTRAIN") || return 1
    printf 'esrutrain %s' "$t"
}
# ex_key KIND TOOLS ARGS...: the job's cache key (exptool key: one implementation with the plan's, sim/explore/keys.c)
ex_key() { kind=$1 tools=$2; shift 2; "$EXPTOOL" key "$kind" "$tools" "$*"; }
# ex_gen_cached ROOT KEY: a gen result this run can use. Under EXPLORE_BIAS_SCOPE=design
# a resonant unit left unsynthesized is not: that report compares every design by area.
ex_gen_cached() {
    [ -f "$1/gen/$2/done" ] && ! { [ "${EXPLORE_BIAS_SCOPE:-element}" = design ] && [ -f "$1/gen/$2/unsynthesized" ]; }
}
# Absolute path of a binary (synth/gen.sh runs it from a staging directory).
ex_abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
