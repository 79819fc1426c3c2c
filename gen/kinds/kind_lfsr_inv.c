/* --prng lfsr-inv: one M-bit LFSR per lane, inverted: values 0..2^M-2 (the
 * LFSR's missing zero becomes a missing all-ones: biased down). */
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include <stdio.h>


static uint64_t value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    (void)ext;
    return ~p->state[lane] & esru_width_mask(p->m);
}

static void lane_map(const esru_prng *p, unsigned lane, esru_lane_map *m)
{
    *m = (esru_lane_map){lane, 0, esru_width_mask(p->m), 0};
}

static void hist(const esru_prng *p, unsigned lane, esru_hist *h)
{
    (void)lane;
    h->base += 1; /* every value but all-ones, once */
    esru_hist_except(h, esru_width_mask(p->m), -1);
}

static void emit_lane(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, const char *rnd,
                      strbuf *b)
{
    (void)bank;
    (void)rnd;
    char e[64];
    snprintf(e, sizeof e, "~%slfsr%u_q", pfx, l);
    esru_kind_emit_word(pfx, l, c->prng_width, e, b);
}

static void describe(const esru_config *c, char *buf, size_t len)
{
    snprintf(buf, len, "lfsr-inv: one %u-bit LFSR per lane, inverted: 0..2^%u-2", c->prng_width, c->prng_width);
}

const esru_kind esru_kind_lfsr_inv = {
    .name = "lfsr-inv",
    .summary = "one M-bit LFSR per lane, inverted (values 0..2^M-2: biased down)",
    .lfsr_width = esru_kind_per_lane_width,
    .lfsr_count = esru_kind_per_lane_count,
    .value = value,
    .period = esru_kind_lfsr_period,
    .lane_type = esru_kind_one_type,
    .lane_hist = hist,
    .emit_lane = emit_lane,
    .describe = describe,
    .lane_map = lane_map,
};
