#include "model/prng.h"
#include "model/lfsr.h"
#include <string.h>

void esru_prng_init(esru_prng *p, const esru_config *cfg)
{
    memset(p, 0, sizeof *p);
    p->kind = cfg->prng;
    p->ops = esru_kind_of(cfg->prng);
    p->m = cfg->prng_width;
    p->lanes = cfg->lanes;
    p->width = p->ops->lfsr_width(cfg);
    p->count = p->ops->lfsr_count(cfg);
    p->tapmask = esru_lfsr_tapmask(p->width);
    for (unsigned i = 0; i < p->count; i++)
        p->seed_state[i] = esru_lfsr_seed_state(cfg->seed, i, p->count, p->width);
    if (p->ops->init)
        p->ops->init(p, cfg);
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

void esru_prng_jump(esru_prng *p, uint64_t n)
{
    if (p->count) {
        esru_lfsr_jump_matrix jm;
        esru_lfsr_jump_prepare(&jm, p->width, p->tapmask, n);
        for (unsigned i = 0; i < p->count; i++)
            p->state[i] = esru_lfsr_jump_apply(&jm, p->state[i]);
    }
    p->phase ^= (unsigned)(n & 1u);
}

uint64_t esru_prng_period(const esru_prng *p)
{
    return p->ops->period(p);
}

unsigned esru_prng_group_of(const esru_prng *p, unsigned lane)
{
    return p->ops->group_of ? p->ops->group_of(lane) : lane;
}
