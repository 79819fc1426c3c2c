/* The PRNG bank of an SRU: one C model for every --prng KIND, lane by lane
 * and cycle by cycle, exactly as the emitted RTL behaves. What differs between
 * kinds lives in gen/kinds/ (one file per kind); the bank (LFSR states, seeds,
 * stepping) is common. */
#ifndef ESRU_PRNG_H
#define ESRU_PRNG_H
#include "kinds/kind.h"
#include "model/config.h"
#include "model/lfsr.h"
#include <stddef.h>
#include <stdint.h>

typedef struct esru_prng {
    esru_prng_kind kind;
    const esru_kind *ops; /* the kind's table entry */
    unsigned m;           /* random bits per lane */
    unsigned lanes;
    unsigned width;       /* LFSR width (0 for ext) */
    unsigned count;       /* number of LFSRs */
    uint64_t tapmask;
    uint64_t seed_state[ESRU_MAX_LANES];
    uint64_t state[ESRU_MAX_LANES];
    unsigned phase;       /* toggles every enabled cycle (plateau uses it) */
    /* shared: lane l's random bit j is the parity of state[0] & mask[l][j];
       the masks of a (W, M) are kept once per process (gen/kinds/kind_shared.c),
       so a copy of the bank shares them (they never change) */
    const uint64_t (*mask)[ESRU_MAX_N];
} esru_prng;

void esru_prng_init(esru_prng *p, const esru_config *cfg);
/* Synchronous reset: load the seed states, phase 0. */
void esru_prng_reset(esru_prng *p);
/* One enabled cycle: every LFSR shifts once, the phase toggles. */
void esru_prng_advance(esru_prng *p);
/* n enabled cycles at once (GF(2) jump: O(W^2 log n), not O(n)). */
void esru_prng_jump(esru_prng *p, uint64_t n);
/* Length of the PRNG's full cycle in enabled cycles (for analysis). */
uint64_t esru_prng_period(const esru_prng *p);
/* Analysis group of a lane (lanes sharing state form one group). */
unsigned esru_prng_group_of(const esru_prng *p, unsigned lane);

/* Fill maps[0..lanes-1] from the kind's lane_map; 0 if the kind has none. */
int esru_prng_lane_maps(const esru_prng *p, esru_lane_map *maps);
/* `cycles` cycles at once: r[c * lanes + l] = esru_prng_value(p, l, NULL) at
 * cycle c, advancing after each cycle. With maps (esru_prng_lane_maps) the
 * LFSRs step in blocks (esru_lfsr_run); NULL calls value per lane and cycle.
 * Not for external kinds (their bits come from outside the bank). */
void esru_prng_run(esru_prng *p, const esru_lane_map *maps, size_t cycles, uint32_t *r);

/* The m random bits lane `lane` uses this cycle (ext: taken from ext[lane]). */
static inline uint64_t esru_prng_value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    return p->ops->value(p, lane, ext);
}

/* All lanes' random bits this cycle into r[0..lanes-1]. */
static inline void esru_prng_values(const esru_prng *p, const uint64_t *ext, uint64_t *r)
{
    for (unsigned l = 0; l < p->lanes; l++)
        r[l] = p->ops->value(p, l, ext);
}

#endif
