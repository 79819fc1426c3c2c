/* The exploration's plan (exptool plan): every point of the sweep with its
 * cache keys, from the settings run.sh validated and exported. */
#ifndef ESRU_EXPLORE_PLAN_H
#define ESRU_EXPLORE_PLAN_H

/* Writes EXDIR/points.tsv  id role rounding N M kind fill lanes gen_key gen-job-args
 *        EXDIR/trains.tsv  id seed train_key esrutrain-flags-without-seed
 *        EXDIR/gen.jobs    one `sim/explore/job.sh gen CACHE KEY ID ARGS` per distinct gen key
 * GEN_TOOLS and TRAIN_TOOLS are the tools' identities (lib.sh: ex_gen_tools, ex_train_tools).
 * 0, 1 on a write error, 2 on a bad setting (message names it). */
int ex_plan(const char *exdir, const char *cache, const char *gen_tools, const char *train_tools);

#endif
