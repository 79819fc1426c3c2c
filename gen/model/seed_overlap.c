#include "model/seed_overlap.h"
#include "model/lfsr.h"
#include <stdio.h>

unsigned esru_seed_overlap(const esru_config *c, char *msg, size_t len)
{
    unsigned n = esru_lfsr_count_of(c), w = esru_lfsr_width_of(c);
    if (n < 2 || w >= 64)
        return 0;
    uint64_t states = esru_width_mask(w); /* 2^W - 1 nonzero states */
    if (n <= states)
        return 0;
    /* esru_lfsr_seed_state spaces by max(1, floor(states / n)) = 1 here:
       LFSR i starts where LFSR i - states does. */
    unsigned repeats = n - (unsigned)states;
    snprintf(msg, len,
             "--lanes %u with --prng %s --prng-width %u needs %u LFSRs of %u bits, but there are only %llu nonzero "
             "states: LFSR i >= %llu repeats the random stream of LFSR i - %llu (distinct streams: at most %llu LFSRs)",
             c->lanes, esru_prng_name(c->prng), c->prng_width, n, w, (unsigned long long)states,
             (unsigned long long)states, (unsigned long long)states, (unsigned long long)states);
    return repeats;
}
