#!/bin/sh
# A Slurm job array over a job list from `make explore-jobs` (one command a line):
#   sbatch --array=1-$(wc -l < out/explore/jobs.txt)%64 sim/explore/slurm.sh [out/explore/jobs.txt]
# Submit from the repository root; the array task N runs line N. A task that fails exits
# non-zero with the point's id in its log; sim/explore/slurm-status.sh JOBID lists them.
#SBATCH --job-name=esru-explore
#SBATCH --cpus-per-task=1
#SBATCH --time=00:30:00
#SBATCH --output=out/explore/slurm-%A_%a.log
set -eu
cd "${SLURM_SUBMIT_DIR:-.}"
list=${1:-out/explore/jobs.txt}
line=$(sed -n "${SLURM_ARRAY_TASK_ID:?not a Slurm array task}p" "$list")
[ -n "$line" ] || { echo "explore: $list has no line $SLURM_ARRAY_TASK_ID" >&2; exit 1; }
# one thread per task: Slurm gave this task one CPU (the weights are the same for any count)
OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1} exec sh -c "$line"
