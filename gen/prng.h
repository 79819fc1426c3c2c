/* The PRNG bank of an SRU: one C model for every --prng KIND, lane by lane
 * and cycle by cycle, exactly as the emitted RTL behaves. */
#ifndef ESRU_PRNG_H
#define ESRU_PRNG_H
#include "config.h"
#include <stdint.h>

typedef struct {
    esru_prng_kind kind;
    unsigned m;          /* random bits per lane */
    unsigned lanes;
    unsigned width;      /* LFSR width (0 for ext) */
    unsigned count;      /* number of LFSRs */
    uint64_t tapmask;
    uint64_t seed_state[ESRU_MAX_LANES];
    uint64_t state[ESRU_MAX_LANES];
    unsigned phase;      /* plateau: one phase flop shared by all lanes */
} esru_prng;

void esru_prng_init(esru_prng *p, const esru_config *cfg);
/* Synchronous reset: load the seed states, phase 0. */
void esru_prng_reset(esru_prng *p);
/* The m random bits lane `lane` uses this cycle (ext: taken from ext[lane]). */
uint64_t esru_prng_value(const esru_prng *p, unsigned lane, const uint64_t *ext);
/* One enabled cycle: every LFSR shifts once, the plateau phase toggles. */
void esru_prng_advance(esru_prng *p);
/* Length of the PRNG's full cycle in enabled cycles (for analysis). */
uint64_t esru_prng_period(const esru_prng *p);

#endif
