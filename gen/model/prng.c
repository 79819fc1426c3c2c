#include "model/prng.h"
#include "model/lfsr.h"
#include "model/simd.h"
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

int esru_prng_lane_maps(const esru_prng *p, esru_lane_map *maps)
{
    if (!p->ops->lane_map || p->ops->external || p->count == 0)
        return 0;
    for (unsigned l = 0; l < p->lanes; l++)
        p->ops->lane_map(p, l, &maps[l]);
    return 1;
}

#define RUN_STATES 4096 /* LFSR states per round of esru_prng_run (32 KB) */

ESRU_CLONES void esru_prng_run(esru_prng *p, const esru_lane_map *maps, size_t cycles, uint32_t *r)
{
    const unsigned L = p->lanes;
    if (!maps) {
        for (size_t c = 0; c < cycles; c++) {
            for (unsigned l = 0; l < L; l++)
                r[c * L + l] = (uint32_t)esru_prng_value(p, l, NULL);
            esru_prng_advance(p);
        }
        return;
    }
    uint64_t st[RUN_STATES], mask = esru_width_mask(p->m);
    if (L == 1 && p->count == 1 && p->width == p->m && p->width <= 32 && maps[0].lfsr == 0 && maps[0].shift == 0 &&
        maps[0].flip == 0 && maps[0].flip_odd == 0) { /* one lane whose value is its LFSR's state */
        p->state[0] = esru_lfsr_run32(p->state[0], p->width, p->tapmask, cycles, r);
        p->phase ^= (unsigned)(cycles & 1u);
        return;
    }
    size_t per = RUN_STATES / p->count;
    for (size_t c0 = 0; c0 < cycles; c0 += per) {
        size_t T = cycles - c0 < per ? cycles - c0 : per;
        for (unsigned j = 0; j < p->count; j++)
            p->state[j] = esru_lfsr_run(p->state[j], p->width, p->tapmask, T, st + j * T);
        uint32_t *out = r + c0 * L;
        for (unsigned l = 0; l < L; l++) {
            const uint64_t *s = st + maps[l].lfsr * T;
            unsigned sh = maps[l].shift;
            uint64_t flip = maps[l].flip, odd = maps[l].flip_odd, ph = p->phase;
            /* value at cycle t; on_odd: all ones on odd phases */
#define LANE_VALUE(t) (uint32_t)(((s[t] >> sh) ^ flip ^ (odd & ((uint64_t)0 - ((ph ^ (t)) & 1u)))) & mask)
            if (L == 1) /* contiguous: vectorizes */
                for (size_t t = 0; t < T; t++)
                    out[t] = LANE_VALUE(t);
            else
                for (size_t t = 0; t < T; t++)
                    out[t * L + l] = LANE_VALUE(t);
#undef LANE_VALUE
        }
        p->phase ^= (unsigned)(T & 1u);
    }
}
