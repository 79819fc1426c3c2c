/* --prng ext: no PRNG; M random bits per lane arrive on the rnd port. The
 * analyzer treats it as an ideal uniform M-bit source. */
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include <stdio.h>

static unsigned none(const esru_config *c) { (void)c; return 0; }

static uint64_t value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    return ext ? ext[lane] & esru_width_mask(p->m) : 0; /* NULL: no external bits (rne/trunc units) */
}

/* Analysed as a uniform source: every value once per 2^M cycles. */
static uint64_t period(const esru_prng *p) { return UINT64_C(1) << p->m; }

static void hist(const esru_prng *p, unsigned lane, esru_hist *h)
{
    (void)p;
    (void)lane;
    h->base += 1;
}

static void emit_lane(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, const char *rnd,
                      strbuf *b)
{
    (void)bank;
    unsigned m = c->prng_width;
    char e[64];
    snprintf(e, sizeof e, "%s[%u:%u]", rnd, l * m + m - 1, l * m);
    esru_kind_emit_word(pfx, l, m, e, b);
}

static void describe(const esru_config *c, char *buf, size_t len)
{
    snprintf(buf, len, "ext: %u random bits per lane arrive on rnd", c->prng_width);
}

const esru_kind esru_kind_ext = {
    .name = "ext",
    .summary = "no PRNG: M random bits per lane on the rnd port",
    .external = 1,
    .lfsr_width = none,
    .lfsr_count = none,
    .value = value,
    .period = period,
    .lane_type = esru_kind_one_type,
    .lane_hist = hist,
    .emit_lane = emit_lane,
    .describe = describe,
};
