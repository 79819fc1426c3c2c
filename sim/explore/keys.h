/* Cache keys of the exploration: a 64-bit hash (FNV-1a, then fmix64) of a
 * line that already carries the tools' SHA-256 sums (sim/explore/lib.sh), so
 * 64 bits name a result; printed as 16 hex digits. */
#ifndef ESRU_EXPLORE_KEYS_H
#define ESRU_EXPLORE_KEYS_H
#include <stddef.h>

/* key: 17 bytes (16 hex digits and a NUL) */
void ex_key_of(const char *line, size_t n, char key[17]);

/* The key of a job: KIND gen or train, TOOLS the tools' identity (lib.sh:
 * ex_gen_tools, ex_train_tools), ARGS the job's arguments as one line. The
 * versions change when a job's result format does (gen v2: per-lane analyses
 * of pair/plateau; v3: flows, per-lane-count strides from the trainer, osu018).
 * 0, or -1 for an unknown kind. */
int ex_job_key(const char *kind, const char *tools, const char *args, char key[17]);

#endif
