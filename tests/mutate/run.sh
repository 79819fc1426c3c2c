#!/bin/sh
# make mutate: apply each mutation of tests/mutate/mutations.txt alone to a
# scratch copy of the tree (build/mutate/tree), rebuild, run its test groups,
# and require a failure. Prints one line per mutation (killed by which test, in
# how many seconds) and exits 1 if any mutation survived, no longer applies
# (its text is gone or not unique) or does not compile (not a real mutant).
# Usage: tests/mutate/run.sh [--check] [MUTATIONS_FILE [ID...]]
# --check (make test): only that every original text still occurs exactly once
# in its file of this tree, so that a refactor cannot quietly retire a mutant.
set -u
check=0
[ "${1:-}" = --check ] && { check=1; shift; }
list=$(realpath "${1:-tests/mutate/mutations.txt}")
[ $# -gt 0 ] && shift
only="$*"
src=$(pwd)
scratch="$src/build/mutate"
tree="$scratch/tree"
log="$scratch/log"
mkdir -p "$scratch" "$log"
MAKE=${MAKE:-make}
mk() { $MAKE -C "$tree" --no-print-directory -j2 "$@"; }

# Test groups: "label command" pairs, run in order in the tree; the first
# failing one kills the mutant. Each group's build targets come first.
group_build() {
    case $1 in
    model) echo "build/tests/test_lfsr_kat build/tests/test_sru build/tests/test_prng build/tests/test_analyze build/tests/test_config" ;;
    rtl)   echo "esrugen" ;;
    train) echo "esrutrain build/tests/test_train build/tests/test_idx" ;;
    kernels) echo "build/tests/test_kernels" ;;
    cnn)   echo "build/tests/test_cnn" ;;
    *)     echo "unknown-group-$1" ;;
    esac
}
group_checks() {
    case $1 in
    model) for t in lfsr_kat sru prng analyze config; do echo "test_$t build/tests/test_$t"; done ;;
    rtl)   echo "test-equiv-icarus $MAKE --no-print-directory test-equiv-icarus" ;;
    train) echo "test_idx build/tests/test_idx"
           echo "test_train build/tests/test_train"
           echo "test_train_cli.sh tests/test_train_cli.sh ./esrutrain" ;;
    kernels) echo "test_kernels build/tests/test_kernels" ;;
    cnn)   echo "test_cnn build/tests/test_cnn" ;;
    esac
}
groups_of() { echo "$1" | tr ',' ' '; }

count_of() { # file text -> how many times the text occurs in the file
    ORIG="$2" perl -e 'local $/; open my $f, "<", $ARGV[0] or exit 3; my $t = <$f>;
        my $c = 0; my $p = 0; while (($p = index($t, $ENV{ORIG}, $p)) >= 0) { $c++; $p += length $ENV{ORIG}; }
        print $c' "$1"
}
# The list, "@ id file groups", "- original", "+ mutated" per entry:
# each_entry ACTION runs ACTION id file groups original mutated for each entry
# (of the IDs asked for, if any).
each_entry() {
    action=$1 id="" orig="" have_orig=0
    while IFS= read -r l || [ -n "$l" ]; do
        case $l in
        "@ "*) set -- ${l#@ }; id=$1 file=$2 groups=$3; have_orig=0 ;;
        "- "*) orig=${l#- }; have_orig=1 ;;
        "+ "*)
            if [ -z "$only" ] || echo " $only " | grep -q " $id "; then
                [ $have_orig -eq 1 ] && "$action" "$id" "$file" "$groups" "$orig" "${l#+ }"
            fi ;;
        esac
    done < "$list"
}

if [ $check = 1 ]; then
    n=0 bad=0
    check_one() { # id file groups original mutated
        n=$((n + 1)) c=$(count_of "$2" "$4")
        if [ "$c" != 1 ]; then
            echo "mutate --check: $1: the original text occurs $c times in $2 (valid: exactly once; update the entry)"
            bad=$((bad + 1))
        fi
    }
    each_entry check_one
    echo "mutate --check: $((n - bad)) of $n mutations apply to this tree"
    [ $bad -eq 0 ] && [ $n -gt 0 ]
    exit
fi

# Fresh scratch copy of the tracked and new (not ignored) files.
echo "mutate: copying the tree to $tree"
rm -rf "$tree"
mkdir -p "$tree"
git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$tree"

all_groups="model rtl train kernels cnn"
targets=""
for g in $all_groups; do targets="$targets $(group_build $g)"; done
echo "mutate: baseline build and tests (unmutated tree must pass)"
if ! mk $targets > "$log/baseline.log" 2>&1; then
    tail -20 "$log/baseline.log"; echo "mutate: baseline build failed"; exit 1
fi
for g in $all_groups; do
    group_checks $g | while read -r label cmd; do
        (cd "$tree" && eval "$cmd") >> "$log/baseline.log" 2>&1 || { echo "mutate: baseline $label fails"; exit 1; }
    done || exit 1
done

total=0 killed=0 bad=0
t_start=$(date +%s)
report="$scratch/report.txt"
: > "$report"
apply() { # file original mutated -> 0 if applied (exactly one occurrence)
    c=$(count_of "$1" "$2")
    [ -n "$c" ] || return 3
    [ "$c" = 1 ] || { [ "$c" = 0 ] && return 4; return 5; }
    ORIG="$2" NEW="$3" perl -e '
        local $/; open my $f, "<", $ARGV[0] or exit 3; my $t = <$f>; close $f;
        substr($t, index($t, $ENV{ORIG}), length $ENV{ORIG}) = $ENV{NEW};
        open $f, ">", $ARGV[0] or exit 3; print $f $t; close $f;' "$1"
}

run_one() { # id file groups original mutated
    id=$1 file=$2 groups=$3 orig=$4 new=$5
    total=$((total + 1))
    cp "$tree/$file" "$scratch/saved"
    apply "$tree/$file" "$orig" "$new"; rc=$?
    if [ $rc -ne 0 ]; then
        case $rc in 4) why="original text not found";; 5) why="original text not unique";; *) why="cannot edit";; esac
        line="$id: ERROR, $file: $why"
        bad=$((bad + 1))
    else
        t0=$(date +%s)
        targets=""
        for g in $(groups_of "$groups"); do targets="$targets $(group_build $g)"; done
        if ! mk $targets > "$log/$id.log" 2>&1; then
            line="$id: ERROR, does not compile (not a real mutant; see $log/$id.log)"
            bad=$((bad + 1))
        else
            killer=""
            for g in $(groups_of "$groups"); do
                killer=$(group_checks $g | while read -r label cmd; do
                    if ! (cd "$tree" && eval "$cmd") >> "$log/$id.log" 2>&1; then echo "$label"; break; fi
                done)
                [ -n "$killer" ] && break
            done
            secs=$(( $(date +%s) - t0 ))
            if [ -n "$killer" ]; then
                detail=$(grep -m 1 -E '^\[  FAILED  \] [a-z_]+$|^FAIL[: ]|^FAIL  |MISMATCH|mismatch' "$log/$id.log" | cut -c1-100)
                line="$id: killed by $killer${detail:+ ($detail)}, ${secs}s"
                killed=$((killed + 1))
            else
                line="$id: SURVIVED ($file, groups $groups), ${secs}s"
            fi
        fi
    fi
    cp "$scratch/saved" "$tree/$file"
    echo "mutate: $line"
    echo "$line" >> "$report"
}

each_entry run_one

secs=$(( $(date +%s) - t_start ))
echo "mutate: $killed of $total mutations killed, $((total - killed - bad)) survived, $bad invalid; ${secs}s (report: $report)"
[ $killed -eq $total ]
