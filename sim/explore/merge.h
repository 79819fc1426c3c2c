/* exptool merge: results computed elsewhere into the cache (make explore-merge). */
#ifndef ESRU_EXPLORE_MERGE_H
#define ESRU_EXPLORE_MERGE_H

/* Ingests FROM (laid out like CACHE: gen/KEY/, synth/KEY/, train/KEY.json + KEY.meta)
 * into CACHE. A result is taken only when complete: a gen result with done, a meta
 * naming its key, and its synthesis (xc7, gates, osu018 for fpga+stdcell) and
 * analysis, or `unsynthesized` for a resonant unit; a training result with its meta
 * and a test_accuracy. Each result lands in one rename; a cached result stays,
 * unless it is unsynthesized and the merged one is not. POINTS and TRAINS (the plan)
 * only tell which keys are planned. Prints the counts; 0, 1 when some result was
 * rejected (each named on stderr), 2 on an I/O error. */
int ex_merge(const char *from, const char *cache, const char *points, const char *trains);

#endif
