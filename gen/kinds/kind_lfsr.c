/* --prng lfsr: one M-bit maximal LFSR per lane, its state taken as the lane's
 * random bits. Values 1..2^M-1: the missing zero biases the mean up by half a
 * random-number step (the naive ESRU of the papers). */
#include "kinds/kind.h"
#include "model/prng.h"
#include <stdio.h>


static uint64_t value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    (void)ext;
    return p->state[lane];
}

static void lane_map(const esru_prng *p, unsigned lane, esru_lane_map *m)
{
    (void)p;
    *m = (esru_lane_map){lane, 0, 0, 0};
}

static void hist(const esru_prng *p, unsigned lane, esru_hist *h)
{
    (void)lane;
    esru_kind_window_hist(p->width, p->m, h); /* W = M: 1..2^M-1 once */
}

static void emit_lane(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, const char *rnd,
                      strbuf *b)
{
    (void)bank;
    (void)rnd;
    char e[64];
    snprintf(e, sizeof e, "%slfsr%u_q", pfx, l);
    esru_kind_emit_word(pfx, l, c->prng_width, e, b);
}

static void describe(const esru_config *c, char *buf, size_t len)
{
    snprintf(buf, len, "lfsr: one %u-bit LFSR per lane, values 1..2^%u-1", c->prng_width, c->prng_width);
}

const esru_kind esru_kind_lfsr = {
    .name = "lfsr",
    .summary = "one M-bit LFSR per lane (values 1..2^M-1: biased up)",
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
