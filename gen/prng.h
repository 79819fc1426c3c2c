/* The PRNG bank of an SRU: one C model for every --prng KIND, lane by lane
 * and cycle by cycle, exactly as the emitted RTL behaves. */
#ifndef ESRU_PRNG_H
#define ESRU_PRNG_H
#include "config.h"
#include "lfsr.h"
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
/* One enabled cycle: every LFSR shifts once, the plateau phase toggles. */
void esru_prng_advance(esru_prng *p);
/* Length of the PRNG's full cycle in enabled cycles (for analysis). */
uint64_t esru_prng_period(const esru_prng *p);

/* The m random bits lane `lane` uses this cycle (ext: taken from ext[lane]).
 * Inline: the trainer calls it for every element. */
static inline uint64_t esru_prng_value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    uint64_t mask = esru_width_mask(p->m);
    switch (p->kind) {
    case PRNG_LFSR:
        return p->state[lane];
    case PRNG_LFSR_INV:
        return ~p->state[lane] & mask;
    case PRNG_PLATEAU:
        /* Odd lanes start inverted, so lanes balance within a cycle too. */
        return (p->phase ^ (lane & 1u)) ? (~p->state[lane] & mask) : p->state[lane];
    case PRNG_PAIR:
        return (lane & 1u) ? (~p->state[lane / 2] & mask) : p->state[lane / 2];
    case PRNG_SLICED:
        return (p->state[0] >> (lane * p->m)) & mask;
    case PRNG_EXT:
        return ext ? ext[lane] & mask : 0; /* NULL: no external bits (only rne/trunc units) */
    }
    return 0;
}

#endif
