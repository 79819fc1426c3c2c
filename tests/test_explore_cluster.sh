#!/bin/sh
# make test-cluster: the exploration's cluster path on real engines. A tiny plan is run
#   1. locally (make explore): the reference;
#   2. on a single-node Slurm started here (munged, slurmctld, slurmd on localhost, state in a
#      temporary directory, stopped on exit): make explore-jobs, sbatch the array
#      (sim/explore/slurm.sh), wait with squeue, merge (make explore-merge), both phases;
#   3. with GNU parallel over the same job lists;
# and the merged reports must equal the local one. Failure handling: in the Slurm run the
# baseline's task is cancelled; in the parallel run every job first fails (it runs with another
# esrutrain than the list was made for, as on a machine with other tools, which job.sh refuses).
# Each time the merge must name the missing points, keep them out of the cache, and a rerun of
# the same job list must finish them. An engine that cannot start is a SKIP naming what is
# missing (exit 0 with the reason printed; CLUSTER_REQUIRE=1 makes a skip a failure).
# CLUSTER_ENGINES (default "slurm parallel") chooses the engines: make test runs
# "parallel" alone (no daemons to start, about half the time), make test-cluster both.
# Run from the repository root; a few minutes on 2 cores.
set -u
ENGINES=${CLUSTER_ENGINES:-slurm parallel}
for e in $ENGINES; do
    case $e in slurm|parallel) ;; *) echo "test_cluster: CLUSTER_ENGINES: '$e' is not an engine (valid: slurm, parallel)" >&2; exit 2;; esac
done
# wanted ENGINE: whether this run tests ENGINE
wanted() { case " $ENGINES " in *" $1 "*) return 0;; esac; echo "---- $1: not run (CLUSTER_ENGINES=$ENGINES)"; return 1; }
MAKE=${MAKE:-make}
T=$(mktemp -d /tmp/test_cluster.XXXXXX)
D=$T/daemons
pids=""
stop() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    for p in $pids; do wait "$p" 2>/dev/null; done
    pids=""
}
trap 'stop; [ -n "${KEEP_TMP:-}" ] || rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
fails=0 skips=0
pass() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
skip() {
    echo "SKIP - $*"
    skips=$((skips + 1))
    [ -z "${CLUSTER_REQUIRE:-}" ] || fails=$((fails + 1))
}
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }
mk() { $MAKE --no-print-directory "$@"; }

# The tiny plan: 8/3 plateau and shared at half fill, robustness at 8 lanes, the 24/24
# baseline and rne: 4 cheap-score jobs; plateau resonates, so 2 points train (1 seed).
export EXPLORE_N=8 EXPLORE_M=3 EXPLORE_KINDS="plateau shared" EXPLORE_FILLS=half EXPLORE_LANES=8 \
    EXPLORE_SEEDS=1 EXPLORE_EPOCHS=1 EXPLORE_TRAIN_IMAGES=300 EXPLORE_TEST_IMAGES=200 EXPLORE_KEEP=none
cp esrugen "$T/esrugen" && cp esrutrain "$T/esrutrain" || exit 1   # private copies: stable keys
export ESRUGEN=$T/esrugen ESRUTRAIN=$T/esrutrain

mk explore EXPLORE_OUT="$T/local" > "$T/local.log" 2>&1
rc=$?
check "local reference run (make explore)" '[ $rc = 0 ] && [ -s "$T/local/results.csv" ]'
[ $rc = 0 ] || { tail -20 "$T/local.log"; exit 1; }

# same EX: the merged report equals the local one, the directories' own paths aside
same() {
    for f in results.csv results.json pareto.md; do
        sed "s#$1#EX#g" "$1/$f" > "$T/a"
        sed "s#$T/local#EX#g" "$T/local/$f" > "$T/b"
        cmp -s "$T/a" "$T/b" || { echo "differs: $f" >&2; diff "$T/a" "$T/b" | head -5 >&2; return 1; }
    done
}
# line LIST ID: the line number of a point's job in a job list
line() { awk -v id="$2" '$5 == id { print NR; exit }' "$1"; }

# ---------------- Slurm ----------------
start_slurm() {
    missing=""
    for t in munged munge slurmctld slurmd sbatch squeue scancel; do command -v $t >/dev/null 2>&1 || missing="$missing $t"; done
    [ -z "$missing" ] || { why="not found in PATH:$missing (tools/install-deps.sh installs slurmctld slurmd slurm-client munge; the daemons are in /usr/sbin)"; return 1; }
    mkdir -p "$D/munge" "$D/state" "$D/spool"
    chmod 711 "$D/munge"
    head -c 1024 /dev/urandom > "$D/munge/munge.key" && chmod 400 "$D/munge/munge.key"
    munged -F --force --key-file="$D/munge/munge.key" --socket="$D/munge/munge.sock" --pid-file="$D/munged.pid" \
        --log-file="$D/munged.log" --seed-file="$D/munged.seed" > "$D/munged.out" 2>&1 &
    pids="$pids $!"
    i=0
    until munge -S "$D/munge/munge.sock" -n 2>/dev/null | unmunge -S "$D/munge/munge.sock" >/dev/null 2>&1; do
        i=$((i + 1))
        [ $i -lt 20 ] || { why="munged does not answer: $(tail -2 "$D/munged.out" | tr '\n' ' ')"; return 1; }
        sleep 0.5
    done
    host=$(hostname -s)
    port=$((20000 + $$ % 20000))   # this run's ports: another test on the machine uses others
    cat > "$D/slurm.conf" <<EOC
ClusterName=esrutest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge/munge.sock
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=3600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc)
PartitionName=explore Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOC
    export SLURM_CONF=$D/slurm.conf
    slurmctld -D -f "$SLURM_CONF" > "$D/slurmctld.out" 2>&1 &
    pids="$pids $!"
    slurmd -D -f "$SLURM_CONF" -N "$host" > "$D/slurmd.out" 2>&1 &
    pids="$pids $!"
    i=0
    until sinfo -h -o '%T' 2>/dev/null | grep -qx idle; do
        i=$((i + 1))
        if [ $i -ge 40 ]; then
            why="slurmctld/slurmd did not bring node $host up: $(tail -1 "$D/slurmctld.log" "$D/slurmd.log" 2>/dev/null | tr '\n' ' ')"
            return 1
        fi
        sleep 0.5
    done
}
# wait_job JOBID: until no task is pending or running (at most 15 minutes)
wait_job() {
    i=0
    while [ -n "$(squeue -h -j "$1" -t PENDING,RUNNING,CONFIGURING,COMPLETING 2>/dev/null)" ]; do
        i=$((i + 1))
        [ $i -lt 450 ] || { echo "explore: job $1 still running after 15 minutes" >&2; return 1; }
        sleep 2
    done
}
# submit LIST: the array over LIST; prints the job id
submit() {
    sbatch --parsable --array=1-"$(wc -l < "$1")" -o "$T/slurm-%A_%a.log" sim/explore/slurm.sh "$1"
}

if ! wanted slurm; then
    :
elif start_slurm; then
    EX=$T/slurm R=$T/slurm-results
    mk explore-jobs EXPLORE_OUT="$EX" EXPLORE_RESULTS="$R" > "$T/out" 2>&1
    check "slurm: explore-jobs lists the 4 cheap-score jobs, results under EXPLORE_RESULTS" \
        '[ "$(wc -l < "$EX/jobs.txt")" = 4 ] && [ "$(awk -v r="$R" "\$3 != r" "$EX/jobs.txt")" = "" ]'
    jid=$(submit "$EX/jobs.txt")
    n=$(line "$EX/jobs.txt" n24m24-lfsr-zero)
    # the baseline's job, the slowest (tens of seconds): cancelled once it runs
    i=0
    until [ -n "$(squeue -h -j "${jid}_$n" -t RUNNING 2>/dev/null)" ] || [ $i -ge 120 ]; do i=$((i + 1)); sleep 0.5; done
    scancel "${jid}_$n"
    wait_job "$jid"
    sim/explore/slurm-status.sh "$jid" "$EX/jobs.txt" > "$T/status" 2>&1
    rc=$?
    check "slurm: the cancelled task is reported by point id" \
        '[ $rc = 1 ] && grep -q "^$n CANCELLED gen n24m24-lfsr-zero$" "$T/status" && [ "$(wc -l < "$T/status")" = 1 ]' ||
        cat "$T/status"
    mk explore-merge EXPLORE_OUT="$EX" FROM="$R" > "$T/out" 2>&1
    check "slurm: merge takes the 3 finished results and names the missing point" \
        'grep -q "merged 3 cheap-score and 0 training" "$T/out" &&
         grep -q "phase 1 (cheap scores): 1 job(s) have no result.*: gen n24m24-lfsr-zero;" "$T/out"'
    check "slurm: nothing of the cancelled job is in the cache" \
        '[ ! -e "$EX/cache/gen/$(awk "NR == $n { print \$4 }" "$EX/jobs.txt")" ]'
    jid=$(submit "$EX/jobs.txt")   # the same submission again
    wait_job "$jid"
    sim/explore/slurm-status.sh "$jid" "$EX/jobs.txt" > "$T/status" 2>&1
    check "slurm: resubmitted, every task completes" '[ $? = 0 ]'
    mk explore-merge EXPLORE_OUT="$EX" FROM="$R" > "$T/out" 2>&1
    check "slurm: the rerun adds only the missing result" \
        'grep -q "merged 1 cheap-score and 0 training results.*(3 already cached" "$T/out" &&
         ! grep -q "phase 1 (cheap scores): .* no result" "$T/out"'
    mk explore-jobs EXPLORE_OUT="$EX" EXPLORE_RESULTS="$R" > "$T/out" 2>&1
    check "slurm: phase 2 lists the 2 training jobs" 'grep -q "phase 2 (training): 2 pending" "$T/out"'
    jid=$(submit "$EX/jobs.txt")
    wait_job "$jid"
    mk explore-merge EXPLORE_OUT="$EX" FROM="$R" > "$T/out" 2>&1
    check "slurm: merge takes the 2 training results" 'grep -q "merged 0 cheap-score and 2 training" "$T/out"'
    mk explore EXPLORE_OUT="$EX" > "$T/out" 2>&1
    check "slurm: make explore afterwards runs nothing" '[ $? = 0 ] && grep -q "4 jobs, 4 cached, 0 to run" "$T/out" &&
        grep -q "2 jobs, 2 cached, 0 to run" "$T/out"'
    check "slurm: merged results.csv, results.json and pareto.md equal the local run's" 'same "$EX"'
else
    skip "slurm: $why"
fi
stop

# ---------------- GNU parallel ----------------
if ! wanted parallel; then
    :
elif command -v parallel >/dev/null 2>&1; then
    EX=$T/par R=$T/par-results
    mk explore-jobs EXPLORE_OUT="$EX" EXPLORE_RESULTS="$R" > "$T/out" 2>&1
    # first on a "machine" with another esrutrain: every job refuses to run (key mismatch),
    # so the shared results directory (made beforehand, as on a cluster) stays empty
    mkdir -p "$R"
    cp esrutrain "$T/esrutrain.other" && printf 'x' >> "$T/esrutrain.other"
    ESRUTRAIN=$T/esrutrain.other parallel --will-cite -j 2 --joblog "$T/par.log" < "$EX/jobs.txt" > "$T/par.out" 2>&1
    rc=$?
    check "parallel: failed jobs make parallel fail; joblog and messages name the points" \
        '[ $rc != 0 ] && [ "$(awk -F"\t" "NR > 1 && \$7 != 0" "$T/par.log" | wc -l)" = 4 ] &&
         grep -q "gen job n24m24-lfsr-zero: key .* does not match these tools" "$T/par.out"'
    mk explore-merge EXPLORE_OUT="$EX" FROM="$R" > "$T/out" 2>&1
    check "parallel: merge merges nothing and names the 4 missing points" \
        'grep -q "merged 0 cheap-score" "$T/out" && grep -q "phase 1 (cheap scores): 4 job(s) have no result.*gen n24m24-lfsr-zero" "$T/out"'
    parallel --will-cite -j 2 < "$EX/jobs.txt" > "$T/par.out" 2>&1   # the same job list, no limit
    rc=$?
    check "parallel: the rerun succeeds" '[ $rc = 0 ]'
    mk explore-merge EXPLORE_OUT="$EX" FROM="$R" > "$T/out" 2>&1
    check "parallel: the rerun adds only the missing results" 'grep -q "merged 4 cheap-score and 0 training results.*(0 already cached" "$T/out"'
    mk explore-jobs EXPLORE_OUT="$EX" EXPLORE_RESULTS="$R" > "$T/out" 2>&1
    parallel --will-cite -j 2 < "$EX/jobs.txt" > "$T/par.out" 2>&1
    mk explore-merge EXPLORE_OUT="$EX" FROM="$R" > "$T/out" 2>&1
    check "parallel: merge takes the 2 training results" 'grep -q "merged 0 cheap-score and 2 training" "$T/out"'
    mk explore-report EXPLORE_OUT="$EX" > "$T/out" 2>&1
    check "parallel: merged results.csv, results.json and pareto.md equal the local run's" 'same "$EX"'
else
    skip "parallel: GNU parallel not installed (tools/install-deps.sh: parallel)"
fi

echo "test_cluster: $fails failure(s), $skips skipped"
[ $fails = 0 ]
