/* More LFSRs than nonzero states: lanes then share start states, i.e. run
 * identical random streams. Allowed (the MAC array's default of one lane per
 * column with --prng-width 3 has 8 LFSRs and 7 states), but warned about. */
#ifndef ESRU_SEED_OVERLAP_H
#define ESRU_SEED_OVERLAP_H
#include "model/config.h"
#include <stddef.h>

/* 0 when every LFSR of cfg starts in its own state; otherwise the number of
 * LFSRs that repeat an earlier one's start state, with a warning in msg. */
unsigned esru_seed_overlap(const esru_config *cfg, char *msg, size_t len);

#endif
