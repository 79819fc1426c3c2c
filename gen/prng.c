#include "prng.h"
#include "lfsr.h"
#include <string.h>

void esru_prng_init(esru_prng *p, const esru_config *cfg)
{
    memset(p, 0, sizeof *p);
    p->kind = cfg->prng;
    p->m = cfg->prng_width;
    p->lanes = cfg->lanes;
    p->width = esru_lfsr_width_of(cfg);
    p->count = esru_lfsr_count_of(cfg);
    p->tapmask = esru_lfsr_tapmask(p->width);
    for (unsigned i = 0; i < p->count; i++)
        p->seed_state[i] = esru_lfsr_seed_state(cfg->seed, i, p->count, p->width);
    esru_prng_reset(p);
}

void esru_prng_reset(esru_prng *p)
{
    memcpy(p->state, p->seed_state, sizeof p->state);
    p->phase = 0;
}

void esru_prng_advance(esru_prng *p)
{
    for (unsigned i = 0; i < p->count; i++)
        p->state[i] = esru_lfsr_next(p->state[i], p->width, p->tapmask);
    p->phase ^= 1u;
}

uint64_t esru_prng_period(const esru_prng *p)
{
    if (p->kind == PRNG_EXT)
        return UINT64_C(1) << p->m; /* analysed as an ideal uniform source */
    uint64_t lfsr_period = p->width >= 64 ? ~UINT64_C(0) : esru_width_mask(p->width);
    /* The plateau phase has period 2; the LFSR period 2^W-1 is odd. */
    return p->kind == PRNG_PLATEAU ? 2 * lfsr_period : lfsr_period;
}
