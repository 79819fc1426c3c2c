#!/bin/sh
# All-or-nothing publication of esrugen's file sets (gen/io/publish.c), under
# kill -9 at every step and at random instants, two writers at once, a full
# disk, and directories holding files esrugen did not write.
#   tests/test_publish.sh ESRUGEN [RANDOM_KILLS [CONCURRENT_TRIALS]]
# The check of a set (check_set) is the one the issue's failures violate: the
# directory holds exactly the manifest's files, every Verilog file carries the
# manifest's config hash, no hidden temporaries; a mixed set is shown to fail it.
set -u
ESRUGEN=${1:-./esrugen}
KILLS=${2:-200}
PAIRS=${3:-300}
case $ESRUGEN in /*) ;; *) ESRUGEN=$(pwd)/$ESRUGEN ;; esac
# tmpfs when there is one: publication fsyncs every file, and kills need no disk.
base=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
T=$(mktemp -d "$base/esru-publish.XXXXXX")
cleanup() { umount "$T/disk" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
gen() { "$ESRUGEN" "$@" >"$T/gen.out" 2>"$T/gen.err"; }

# Two unit configs and two MAC configs with different hashes and file lists
# (rne has no LFSR file), so a mix of old and new shows in names and hashes.
UNIT_A="--name dut --prng pair --lanes 2"
UNIT_B="--name dut --rounding rne --seed 5"
MAC_A="mac --array 2x2 --name mac"
MAC_B="mac --array 3x2 --rounding rne --name mac"

# check_set DIR [FOREIGN...]: DIR is one complete set plus exactly the
# foreign entries named. Prints the set's hash; a reason on stderr if not.
check_set() {
    d=$1; shift
    [ -d "$d" ] || { echo "$d: no such directory" >&2; return 1; }
    # one awk per check (the loops below run it a thousand times)
    ls -A "$d" | awk -v d="$d" -v extra="$*" '
        { have[$0] = 1; if ($0 ~ /\.json$/) { man = $0; nman++ } }
        END {
            if (nman != 1) { print "not exactly one manifest in " d > "/dev/stderr"; exit 1 }
            while ((getline line < (d "/" man)) > 0) {
                if (line ~ /"config_hash": /) { hash = line; sub(/.*"config_hash": "/, "", hash); sub(/".*/, "", hash) }
                if (line ~ /"files": \[/) { list = line; sub(/.*"files": \[/, "", list); sub(/\].*/, "", list); gsub(/[" ]/, "", list) }
            }
            n = split(list, files, ","); want[man] = 1
            split(extra, ex, " "); for (i in ex) want[ex[i]] = 1
            for (i = 1; i <= n; i++) {
                want[files[i]] = 1; got = ""
                while ((getline line < (d "/" files[i])) > 0)
                    if (line ~ /^\/\/ Config hash: /) { got = substr(line, 17); break }
                close(d "/" files[i])
                if (got != hash) { print d "/" files[i] ": header hash " got " differs from the manifest'"'"'s " hash > "/dev/stderr"; exit 1 }
            }
            for (f in have) if (!(f in want)) { print d ": unexpected entry " f > "/dev/stderr"; exit 1 }
            for (f in want) if (!(f in have)) { print d ": missing " f > "/dev/stderr"; exit 1 }
            print hash
        }'
}
# stale PARENT: staging or moved-aside directories left in PARENT
stale() { ls -A "$1" | grep -E '\.esrugen-(tmp|old)\.[0-9]+$'; }

# --- the check itself: a good set passes, a mixed one (new top, old rest) fails
gen $UNIT_A -o "$T/neg/a" && gen $UNIT_B -o "$T/neg/b"
hash_a=$(check_set "$T/neg/a") && hash_b=$(check_set "$T/neg/b") && [ "$hash_a" != "$hash_b" ] && ok ||
    bad "check_set does not accept two good sets with different hashes"
cp "$T/neg/b/dut.v" "$T/neg/a/dut.v"
check_set "$T/neg/a" >/dev/null 2>&1 && bad "check_set accepts a mixed set (new top, old lane/LFSR/manifest)" || ok
gen $UNIT_A -o "$T/neg/c" && touch "$T/neg/c/.dut.v.tmp.123"
check_set "$T/neg/c" >/dev/null 2>&1 && bad "check_set accepts a hidden temporary" || ok
rm -rf "$T/neg"

# --- kill -9 at every step: ESRU_TEST_KILL_AT_STEP=K kills the run at its K-th
# step (after the lock, each staged file, the swap, each deletion ...); K
# counts up until a run gets through. After each kill DIR must be the whole
# old set (or absent, if there was none) or the whole new one; the next run
# must succeed and leave no staging behind.
# kill_steps LABEL OLD_FLAGS NEW_FLAGS [ENV...]   (OLD_FLAGS '' = no DIR before)
kill_steps() {
    label=$1 old=$2 new=$3; shift 3
    rm -rf "$T/k"; mkdir -p "$T/k"
    h_old=none
    if [ -n "$old" ]; then gen $old -o "$T/k/ref" && h_old=$(check_set "$T/k/ref"); fi
    gen $new -o "$T/k/ref" && h_new=$(check_set "$T/k/ref") || { bad "$label: a plain run fails"; return; }
    k=1 outcomes=""
    while [ $k -le 60 ]; do
        rm -rf "$T/k"; mkdir -p "$T/k"
        if [ -n "$old" ]; then gen $old -o "$T/k/set" || { bad "$label: first run failed"; return; }; fi
        # (the braces: the shell's own "Killed" goes to /dev/null too)
        { env "$@" ESRU_TEST_KILL_AT_STEP=$k "$ESRUGEN" $new -o "$T/k/set" >/dev/null; } 2>/dev/null
        rc=$?
        h=none
        if [ -e "$T/k/set" ]; then
            h=$(check_set "$T/k/set" 2>"$T/why") || { bad "$label: killed at step $k: not one set: $(cat "$T/why")"; return; }
        fi
        # Two renames (no RENAME_EXCHANGE): killed between them, DIR is missing
        # and the old set waits at .set.esrugen-old.PID for the next run.
        if [ "$h" = none ] && [ "$h_old" != none ] && [ -n "$(stale "$T/k" | grep esrugen-old)" ]; then
            h=$(check_set "$T/k/$(stale "$T/k" | grep esrugen-old)" 2>"$T/why") && [ "$h" = "$h_old" ] &&
                h=aside || { bad "$label: killed at step $k: the old set moved aside is not whole: $(cat "$T/why")"; return; }
        fi
        case $h in
            aside) outcomes="${outcomes}aside " ;;
            none) outcomes="${outcomes}none " ;;
            "$h_old") outcomes="${outcomes}old " ;;
            "$h_new") outcomes="${outcomes}new " ;;
            *) bad "$label: killed at step $k: DIR holds $h, neither the old set ($h_old) nor the new ($h_new)"; return ;;
        esac
        [ $rc -eq 0 ] && break
        [ $rc -eq 137 ] || { bad "$label: step $k: exit $rc, not killed"; return; }
        gen $new -o "$T/k/set" || { bad "$label: the run after a kill at step $k failed: $(cat "$T/gen.err")"; return; }
        [ "$(check_set "$T/k/set")" = "$h_new" ] || { bad "$label: the run after a kill at step $k left no good set"; return; }
        [ -z "$(stale "$T/k")" ] || { bad "$label: staging left after the run that followed a kill at step $k: $(stale "$T/k")"; return; }
        k=$((k + 1))
    done
    [ $rc -eq 0 ] || { bad "$label: still killed after 60 steps"; return; }
    # Once new, never old again: the swap is one step.
    echo "$outcomes" | grep -q "new .*\(old\|none\|aside\)" && { bad "$label: DIR went back to the old set: $outcomes"; return; }
    echo "publish: $label: killed at each of $((k - 1)) steps, then a full run; DIR held: $outcomes"
    ok
}
kill_steps "unit, new DIR" "" "$UNIT_A"
kill_steps "unit, replacing" "$UNIT_A" "$UNIT_B"
kill_steps "mac, replacing" "$MAC_A" "$MAC_B"
kill_steps "unit, replacing, two renames (no RENAME_EXCHANGE)" "$UNIT_B" "$UNIT_A" ESRU_TEST_NO_EXCHANGE=1
kill_steps "mac, new DIR, two renames" "" "$MAC_B" ESRU_TEST_NO_EXCHANGE=1

# --- kill -9 at random instants: each step sleeps 400 us, so a run lasts a few
# ms; the kill lands uniformly in 0..1.2 x the median of five timed runs
# (so the window fits this machine, its load and the build, e.g. a sanitized
# one); fixed awk seed for the instants.
rm -rf "$T/r"; mkdir -p "$T/r"
gen $UNIT_A -o "$T/r/set"
for t in 1 2 3 4 5; do
    t0=$(date +%s%N); ESRU_TEST_STEP_DELAY_US=400 "$ESRUGEN" $UNIT_B -o "$T/r/set" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $((t1 - t0))
done | sort -n | sed -n 3p > "$T/median"
gen $UNIT_A -o "$T/r/set"
window_ms=$(($(cat "$T/median") * 12 / 10 / 1000000 + 1))
n_old=0 n_new=0 n_killed=0 n_stale=0
awk -v n="$KILLS" -v w="$window_ms" 'BEGIN { srand(10); for (i = 0; i < n; i++) printf "%.4f\n", rand() * w / 1000 }' > "$T/delays"
i=0
while read -r delay; do
    i=$((i + 1))
    if [ $((i % 2)) -eq 0 ]; then cfg=$UNIT_A; else cfg=$UNIT_B; fi
    before=$(check_set "$T/r/set")
    ESRU_TEST_STEP_DELAY_US=400 "$ESRUGEN" $cfg -o "$T/r/set" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    [ $? -eq 137 ] && n_killed=$((n_killed + 1))
    [ -n "$(stale "$T/r")" ] && n_stale=$((n_stale + 1))
    after=$(check_set "$T/r/set" 2>"$T/why") || { bad "random kill $i (${delay}s): $(cat "$T/why")"; break; }
    [ "$after" = "$before" ] && n_old=$((n_old + 1)) || n_new=$((n_new + 1))
done < "$T/delays"
gen $UNIT_A -o "$T/r/set"
[ -z "$(stale "$T/r")" ] && check_set "$T/r/set" >/dev/null && ok || bad "random kills: the last run left staging or a bad set"
echo "publish: $KILLS random kills in 0..$window_ms ms: $n_killed killed mid-run ($n_stale left staging for the next run), DIR then held the old set $n_old times, the new one $n_new times, never a mix"
# The kills must really land inside runs, on both sides of the swap (with
# enough of them: a handful can all miss).
if [ "$KILLS" -ge 50 ]; then
    [ $n_killed -gt 0 ] && [ $n_stale -gt 0 ] && [ $n_old -gt 0 ] && [ $n_new -gt 0 ] && ok ||
        bad "random kills did not hit both sides of the swap (killed $n_killed, staging $n_stale, old $n_old, new $n_new)"
fi

# --- two writers at once, different configs, same -o: both succeed (the second
# waits for the first's lock) and DIR holds one of the two sets, complete.
rm -rf "$T/c"; mkdir -p "$T/c"
gen $UNIT_A -o "$T/c/x" && ha=$(check_set "$T/c/x") && gen $UNIT_B -o "$T/c/x" && hb=$(check_set "$T/c/x")
rm -rf "$T/c/x"
n_a=0 n_b=0 n_waited=0 i=0
while [ $i -lt "$PAIRS" ]; do
    i=$((i + 1))
    "$ESRUGEN" $UNIT_A -o "$T/c/set" >/dev/null 2>"$T/c.a" & pa=$!
    "$ESRUGEN" $UNIT_B -o "$T/c/set" >/dev/null 2>"$T/c.b" & pb=$!
    wait $pa; ra=$?; wait $pb; rb=$?
    [ $ra -eq 0 ] && [ $rb -eq 0 ] || { bad "concurrent trial $i: exit $ra and $rb: $(cat "$T/c.a" "$T/c.b")"; break; }
    h=$(check_set "$T/c/set" 2>"$T/why") || { bad "concurrent trial $i: $(cat "$T/why")"; break; }
    [ "$h" = "$ha" ] && n_a=$((n_a + 1))
    [ "$h" = "$hb" ] && n_b=$((n_b + 1))
    grep -q "waiting for another esrugen" "$T/c.a" "$T/c.b" && n_waited=$((n_waited + 1))
    [ -z "$(stale "$T/c")" ] || { bad "concurrent trial $i: staging left: $(stale "$T/c")"; break; }
done
[ $((n_a + n_b)) -eq "$PAIRS" ] && ok || bad "concurrent writers: $((n_a + n_b)) of $PAIRS trials ended in one of the two sets"
echo "publish: $PAIRS pairs of concurrent writers: set A $n_a times, set B $n_b times, a writer waited for the lock in $n_waited, never a mix"

# --- stale staging: under the lock every staging directory is a killed run's
# and goes; without a lock (ESRU_TEST_NO_LOCK=1: what a file system refusing
# flock() on directories gives) only those whose PID is dead.
rm -rf "$T/s"; mkdir -p "$T/s"
sleep 60 & live=$!
sh -c 'exit 0' & dead=$!; wait $dead
mkdir "$T/s/.set.esrugen-tmp.$live" "$T/s/.set.esrugen-tmp.$dead" "$T/s/.other.esrugen-tmp.$dead"
ESRU_TEST_NO_LOCK=1 "$ESRUGEN" $UNIT_A -o "$T/s/set" >/dev/null 2>"$T/gen.err"; rc=$?
[ $rc -eq 0 ] && [ "$(stale "$T/s")" = ".set.esrugen-tmp.$live" ] && grep -q "not serialized" "$T/gen.err" && ok ||
    bad "without a lock: rc $rc, left $(stale "$T/s" | tr '\n' ' ') (want only the live PID $live's)"
gen $UNIT_B -o "$T/s/set"; rc=$?
[ $rc -eq 0 ] && [ -z "$(stale "$T/s")" ] && ok || bad "under the lock: rc $rc, left $(stale "$T/s")"
kill $live 2>/dev/null; wait $live 2>/dev/null

# --- files esrugen did not generate: refused without --force (exit 2, DIR
# untouched, the message names the file and --force), kept with it.
rm -rf "$T/f"; mkdir -p "$T/f"
gen $UNIT_A -o "$T/f/set"
echo "my notes" > "$T/f/set/notes.txt"; mkdir -p "$T/f/set/sub"; echo deep > "$T/f/set/sub/deep.txt"
ln -s notes.txt "$T/f/set/link"
snap() { (cd "$T/f/set" && find . -exec ls -ld --time-style=+%s.%N {} + | sort | md5sum; cat ./*.v | md5sum); }
before=$(snap)
gen $UNIT_B -o "$T/f/set"; rc=$?
[ $rc -eq 2 ] && grep -q "holds '[a-z.]*' and 2 more entries that esrugen did not generate" "$T/gen.err" &&
    grep -q -- "--force" "$T/gen.err" && [ "$(snap)" = "$before" ] && [ -z "$(stale "$T/f")" ] && ok ||
    bad "foreign files without --force: rc $rc, $(cat "$T/gen.err")"
ino=$(stat -c %i "$T/f/set/notes.txt") subino=$(stat -c %i "$T/f/set/sub")
gen $UNIT_B --force -o "$T/f/set"; rc=$?
[ $rc -eq 0 ] && h=$(check_set "$T/f/set" notes.txt sub link) && [ "$h" = "$hb" ] &&
    [ "$(stat -c %i "$T/f/set/notes.txt")" = "$ino" ] && [ "$(cat "$T/f/set/sub/deep.txt")" = deep ] &&
    [ "$(stat -c %i "$T/f/set/sub")" = "$subino" ] &&
    [ "$(readlink "$T/f/set/link")" = notes.txt ] && ok || bad "--force does not keep notes.txt, sub/deep.txt and link: rc $rc"
# A hand-written file with a generated file's name (say, a tracked testbench).
rm -rf "$T/f/tb"; mkdir -p "$T/f/tb"; echo "module tb_icarus; endmodule" > "$T/f/tb/tb_icarus.v"
gen --name tb_icarus -o "$T/f/tb"; rc=$?
[ $rc -eq 2 ] && grep -q "'tb_icarus.v'" "$T/gen.err" && [ "$(cat "$T/f/tb/tb_icarus.v")" = "module tb_icarus; endmodule" ] &&
    ok || bad "a hand-written tb_icarus.v is not refused: rc $rc"
gen --name tb_icarus --force -o "$T/f/tb"; rc=$?
[ $rc -eq 0 ] && grep -q "replacing .*tb_icarus.v, which esrugen did not generate" "$T/gen.err" && check_set "$T/f/tb" >/dev/null &&
    ok || bad "--force does not replace tb_icarus.v with a note: rc $rc"
# Temporaries of older esrugen versions (.NAME.v.tmp.PID, with the header) are esrugen's: removed.
cp "$T/f/tb/tb_icarus.v" "$T/f/tb/.tb_icarus.v.tmp.99999"
gen --name tb_icarus -o "$T/f/tb" && check_set "$T/f/tb" >/dev/null && ok || bad "an old-style temporary is not cleaned up"
# The current directory (or one containing it) is never replaced.
(cd "$T/f/tb" && "$ESRUGEN" --name tb_icarus -o . >/dev/null 2>"$T/gen.err"); rc=$?
[ $rc -eq 2 ] && grep -q "current directory" "$T/gen.err" && ok || bad "-o . is not refused: rc $rc"

# --- the default -o is out/NAME (out/ holds reports and other sets)
mkdir -p "$T/d"
(cd "$T/d" && "$ESRUGEN" --name dflt >/dev/null 2>&1 && "$ESRUGEN" mac >/dev/null 2>&1)
check_set "$T/d/out/dflt" >/dev/null && check_set "$T/d/out/mac" >/dev/null && [ "$(ls "$T/d/out")" = "dflt
mac" ] && ok || bad "default -o is not out/NAME: $(ls -R "$T/d")"

# --- a full disk: a 64 KiB tmpfs. The big MAC set does not fit: exit 2 and
# nothing left (no staging, no parents this run made); an existing set survives.
mkdir -p "$T/disk"
if mount -t tmpfs -o size=64k tmpfs "$T/disk" 2>/dev/null; then
    gen mac --array 32x32 --lanes 64 -o "$T/disk/a/b/set"; rc=$?
    [ $rc -eq 2 ] && grep -q "No space left on device" "$T/gen.err" && [ -z "$(ls -A "$T/disk")" ] && ok ||
        bad "full disk, new DIR: rc $rc, left: $(ls -A "$T/disk"), $(cat "$T/gen.err")"
    gen $UNIT_A -o "$T/disk/set" && gen mac --array 32x32 --lanes 64 -o "$T/disk/set"; rc=$?
    h=$(check_set "$T/disk/set")
    [ $rc -eq 2 ] && [ "$h" = "$ha" ] && [ "$(ls -A "$T/disk")" = set ] && ok ||
        bad "full disk, replacing: rc $rc, hash $h, left: $(ls -A "$T/disk")"
    umount "$T/disk"
else
    echo "publish: SKIP full-disk checks: cannot mount a 64 KiB tmpfs here (needs root with CAP_SYS_ADMIN)"
fi

echo "publish: $pass passed, $fail failed"
[ $fail -eq 0 ]
