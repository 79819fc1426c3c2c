/* --prng plateau: one M-bit LFSR per lane, taken straight and inverted on
 * alternate enabled cycles (odd lanes start inverted). Over its period
 * 2(2^M-1) a lane delivers 0 and 2^M-1 once and every other value twice: the
 * mean of a uniform M-bit source. Per element it is not: an element that
 * meets its lane every K cycles with K even sees one phase only. */
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include <stdio.h>


static uint64_t value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    (void)ext;
    uint64_t s = p->state[lane];
    return (p->phase ^ (lane & 1u)) ? (~s & esru_width_mask(p->m)) : s;
}

static void lane_map(const esru_prng *p, unsigned lane, esru_lane_map *m)
{
    uint64_t all = esru_width_mask(p->m);
    *m = (esru_lane_map){lane, 0, (lane & 1u) ? all : 0, all};
}

/* The LFSR period 2^W-1 is odd, the phase's 2: together 2(2^W-1). */
static uint64_t period(const esru_prng *p) { return 2 * esru_kind_lfsr_period(p); }

static void hist(const esru_prng *p, unsigned lane, esru_hist *h)
{
    (void)lane;
    h->base += 2; /* straight: 1..top, inverted: 0..top-1 */
    esru_hist_except(h, 0, -1);
    esru_hist_except(h, esru_width_mask(p->m), -1);
}

static void emit_state(const esru_config *c, const esru_prng *bank, const char *pfx, const char *en, strbuf *b)
{
    (void)c;
    (void)bank;
    sb_printf(b,
              "    // plateau phase: 0 = straight, 1 = inverted (odd lanes the other way)\n"
              "    reg %sphase;\n"
              "    always @(posedge clk) begin\n"
              "        if (rst)\n            %sphase <= 1'b0;\n"
              "        else if (%s)\n            %sphase <= ~%sphase;\n"
              "    end\n",
              pfx, pfx, en, pfx, pfx);
}

static void emit_lane(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, const char *rnd,
                      strbuf *b)
{
    (void)bank;
    (void)rnd;
    char e[128];
    snprintf(e, sizeof e, "%sphase ? %s%slfsr%u_q : %s%slfsr%u_q", pfx, (l & 1) ? "" : "~", pfx, l,
             (l & 1) ? "~" : "", pfx, l);
    esru_kind_emit_word(pfx, l, c->prng_width, e, b);
}

static void describe(const esru_config *c, char *buf, size_t len)
{
    snprintf(buf, len,
             "plateau: one %u-bit LFSR per lane, taken straight and inverted on alternate enabled cycles (odd "
             "lanes start inverted)",
             c->prng_width);
}

const esru_kind esru_kind_plateau = {
    .name = "plateau",
    .summary = "one M-bit LFSR per lane, straight and inverted on alternate cycles",
    .lfsr_width = esru_kind_per_lane_width,
    .lfsr_count = esru_kind_per_lane_count,
    .value = value,
    .period = period,
    .lane_type = esru_kind_parity_type,
    .lane_hist = hist,
    .emit_state = emit_state,
    .emit_lane = emit_lane,
    .describe = describe,
    .lane_map = lane_map,
};
