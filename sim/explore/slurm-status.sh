#!/bin/sh
# The tasks of a Slurm job array from sim/explore/slurm.sh that did not complete, by point:
#   sim/explore/slurm-status.sh JOBID [LIST]      (LIST: the job list submitted, out/explore/jobs.txt)
# prints "TASK STATE KIND POINT" per task that is not COMPLETED (FAILED, CANCELLED, TIMEOUT,
# still PENDING or RUNNING, UNKNOWN ...) and exits 1 if there is any; the array must be 1-N over LIST. It asks sacct when Slurm keeps
# accounting, else squeue --states=all (which knows finished jobs for MinJobAge seconds).
# Rerun the same submission to retry: finished jobs find their result and exit at once.
set -u
[ $# -ge 1 ] || { echo "usage: sim/explore/slurm-status.sh JOBID [LIST]" >&2; exit 2; }
jid=$1 list=${2:-out/explore/jobs.txt}
[ -f "$list" ] || { echo "explore: $list: no such job list" >&2; exit 2; }
if states=$(sacct -n -X -P -j "$jid" -o JobID,State 2>/dev/null) && [ -n "$states" ]; then
    states=$(echo "$states" | sed -n 's/^[0-9]*_\([0-9]*\)|\([A-Z_]*\).*/\1 \2/p')
else
    states=$(squeue -h --states=all -j "$jid" -o '%K %T' 2>/dev/null) ||
        { echo "explore: neither sacct nor squeue knows job $jid" >&2; exit 2; }
fi
[ -n "$states" ] || { echo "explore: Slurm reports no tasks for job $jid" >&2; exit 2; }
# a task Slurm no longer lists (squeue forgets tasks cancelled before they started) is UNKNOWN
echo "$states" | awk 'NR == FNR { line[FNR] = $2 " " $5; n = FNR; next } { st[$1] = $2 }
    END { for (i = 1; i <= n; i++) { s = (i in st) ? st[i] : "UNKNOWN"; if (s != "COMPLETED") { print i, s, line[i]; bad = 1 } }
          exit bad }' "$list" -
