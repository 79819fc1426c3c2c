/* --prng sliced: one L*M-bit LFSR, lane l takes bits [l*M +: M] (the "packed"
 * baseline). Each lane's window of a maximal LFSR is balanced over the
 * period, but neighbouring lanes are shifted copies of each other. */
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include <stdio.h>

static int check(const esru_config *c, char *err, size_t len)
{
    unsigned w = c->lanes * c->prng_width;
    if (w <= ESRU_LFSR_MAX_WIDTH)
        return 0;
    snprintf(err, len, "--prng sliced needs one LFSR of lanes x prng-width = %u bits (valid: at most %u)", w,
             ESRU_LFSR_MAX_WIDTH);
    return -1;
}

static unsigned width(const esru_config *c) { return c->prng_width * c->lanes; }
static unsigned count(const esru_config *c) { (void)c; return 1; }

static uint64_t value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    (void)ext;
    return (p->state[0] >> (lane * p->m)) & esru_width_mask(p->m);
}

static void lane_map(const esru_prng *p, unsigned lane, esru_lane_map *m)
{
    *m = (esru_lane_map){0, lane * p->m, 0, 0};
}

static void hist(const esru_prng *p, unsigned lane, esru_hist *h)
{
    (void)lane;
    esru_kind_window_hist(p->width, p->m, h);
}

static void emit_lane(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, const char *rnd,
                      strbuf *b)
{
    (void)bank;
    (void)rnd;
    unsigned m = c->prng_width;
    char e[64];
    snprintf(e, sizeof e, "%slfsr0_q[%u:%u]", pfx, l * m + m - 1, l * m);
    esru_kind_emit_word(pfx, l, m, e, b);
}

static void describe(const esru_config *c, char *buf, size_t len)
{
    unsigned m = c->prng_width;
    snprintf(buf, len, "sliced: one %u-bit LFSR, lane l takes bits [l*%u +: %u]", m * c->lanes, m, m);
}

const esru_kind esru_kind_sliced = {
    .name = "sliced",
    .summary = "one L*M-bit LFSR, lane l takes bits [l*M +: M] (L*M <= 64)",
    .check = check,
    .lfsr_width = width,
    .lfsr_count = count,
    .value = value,
    .period = esru_kind_lfsr_period,
    .lane_hist = hist,
    .emit_lane = emit_lane,
    .describe = describe,
    .lane_map = lane_map,
};
