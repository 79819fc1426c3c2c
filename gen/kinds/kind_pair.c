/* --prng pair: lanes 2k and 2k+1 share one M-bit LFSR, lane 2k+1 inverted.
 * The pair is unbiased together; each lane alone is not (an element always
 * meets the same lane). */
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include <stdio.h>

static int check(const esru_config *c, char *err, size_t len)
{
    if (c->lanes % 2 == 0)
        return 0;
    snprintf(err, len, "--lanes %u is odd: --prng pair needs an even number of lanes (valid: 2, 4, ..., %u)",
             c->lanes, ESRU_MAX_LANES);
    return -1;
}

static unsigned width(const esru_config *c) { return c->prng_width; }
static unsigned count(const esru_config *c) { return c->lanes / 2; }
static unsigned group_of(unsigned lane) { return lane / 2; }

static uint64_t value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    (void)ext;
    uint64_t s = p->state[lane / 2];
    return (lane & 1u) ? (~s & esru_width_mask(p->m)) : s;
}

static void lane_map(const esru_prng *p, unsigned lane, esru_lane_map *m)
{
    *m = (esru_lane_map){lane / 2, 0, (lane & 1u) ? esru_width_mask(p->m) : 0, 0};
}

static void hist(const esru_prng *p, unsigned lane, esru_hist *h)
{
    h->base += 1; /* lane 2k: 1..top, lane 2k+1: 0..top-1 */
    esru_hist_except(h, (lane & 1u) ? esru_width_mask(p->m) : 0, -1);
}

static void emit_lane(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, const char *rnd,
                      strbuf *b)
{
    (void)bank;
    (void)rnd;
    char e[64];
    snprintf(e, sizeof e, "%s%slfsr%u_q", (l & 1) ? "~" : "", pfx, l / 2);
    esru_kind_emit_word(pfx, l, c->prng_width, e, b);
}

static void describe(const esru_config *c, char *buf, size_t len)
{
    snprintf(buf, len, "pair: lanes 2k and 2k+1 share one %u-bit LFSR, lane 2k+1 inverted", c->prng_width);
}

const esru_kind esru_kind_pair = {
    .name = "pair",
    .summary = "lanes 2k, 2k+1 share one M-bit LFSR, 2k+1 inverted (even L)",
    .check = check,
    .lfsr_width = width,
    .lfsr_count = count,
    .value = value,
    .period = esru_kind_lfsr_period,
    .group_of = group_of,
    .lane_type = esru_kind_parity_type,
    .lane_hist = hist,
    .emit_lane = emit_lane,
    .describe = describe,
    .lane_map = lane_map,
};
