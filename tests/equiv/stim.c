#include "stim.h"
#include "model/lfsr.h"

void eq_rng_seed(eq_rng *r, uint64_t seed)
{
    r->s = seed;
}

uint64_t eq_rng_next(eq_rng *r)
{
    return esru_splitmix64(&r->s);
}

uint64_t eq_rng_below(eq_rng *r, uint64_t n)
{
    return eq_rng_next(r) % n;
}

uint64_t eq_mask(unsigned width)
{
    return esru_width_mask(width);
}

int64_t eq_sext(uint64_t v, unsigned width)
{
    if (width >= 64)
        return (int64_t)v;
    v &= eq_mask(width);
    uint64_t sign = UINT64_C(1) << (width - 1);
    return (int64_t)((v ^ sign) - sign);
}

/* A kept part q uniform on lo-1..hi+1 of the output range (mostly not
 * saturating, so the rounding decision shows in y). */
static uint64_t in_range_q(eq_rng *r, unsigned ow)
{
    if (ow >= 63)
        return eq_rng_next(r) >> (ow == 63 ? 1 : 0);
    uint64_t span = (UINT64_C(1) << ow) + 2;
    return eq_rng_below(r, span) - (UINT64_C(1) << (ow - 1)) - 1;
}

int64_t eq_stim_x(eq_rng *r, const esru_config *cfg)
{
    unsigned iw = cfg->in_width, ow = cfg->out_width, d = cfg->shift, n = cfg->sru_width;
    uint64_t low_mask = eq_mask(d); /* d <= 63 */
    uint64_t k = eq_rng_below(r, 100);
    uint64_t v;
    if (k < 25) {
        /* full range */
        v = eq_rng_next(r);
    } else if (k < 50) {
        /* kept part inside the output range, random discarded bits */
        uint64_t q = in_range_q(r, ow);
        v = (d ? q << d : q) | (eq_rng_next(r) & low_mask);
    } else if (k < 65) {
        /* near the saturation bounds of the output: q in hi-2..hi+1 or lo-1..lo+2 */
        int64_t hi = ow >= 64 ? INT64_MAX : (INT64_C(1) << (ow - 1)) - 1;
        int64_t lo = -hi - 1;
        int64_t delta = (int64_t)eq_rng_below(r, 4);
        uint64_t q = eq_rng_below(r, 2) ? (uint64_t)hi - 2 + (uint64_t)delta : (uint64_t)lo - 1 + (uint64_t)delta;
        v = (d ? q << d : q) | (eq_rng_next(r) & low_mask);
    } else if (k < 75) {
        /* sign extremes */
        static const int64_t pick[] = {0, 1, -1, 2, -2};
        uint64_t j = eq_rng_below(r, 9);
        int64_t maxv = iw >= 64 ? INT64_MAX : (INT64_C(1) << (iw - 1)) - 1;
        v = j < 5 ? (uint64_t)pick[j] : j == 5 ? (uint64_t)maxv : j == 6 ? (uint64_t)(-maxv - 1)
            : j == 7 ? (uint64_t)maxv - 1 : (uint64_t)(-maxv);
    } else if (k < 90) {
        /* kept part in range, structured discarded bits: ties, half +- 1, all
         * ones, zero, one, all-ones / zero in the adder bits with random
         * bits below it */
        uint64_t q = in_range_q(r, ow);
        uint64_t half = d ? UINT64_C(1) << (d - 1) : 0;
        uint64_t low;
        switch (eq_rng_below(r, 8)) {
        case 0: low = 0; break;
        case 1: low = half; break;
        case 2: low = half - 1; break;
        case 3: low = half + 1; break;
        case 4: low = low_mask; break;
        case 5: low = 1; break;
        case 6: /* adder bits all ones, random below */
            low = d > n ? (low_mask & ~eq_mask(d - n)) | (eq_rng_next(r) & eq_mask(d - n)) : low_mask;
            break;
        default: /* adder bits zero, random below */
            low = d > n ? eq_rng_next(r) & eq_mask(d - n) : 0;
            break;
        }
        if (eq_rng_below(r, 4) == 0) /* small kept part */
            q = (uint64_t)((int64_t)eq_rng_below(r, 7) - 3);
        v = (d ? q << d : q) | (low & low_mask);
    } else {
        /* small magnitude: |x| < 2^(d+2) */
        unsigned b = d + 3 > 63 ? 63 : d + 3;
        v = (eq_rng_next(r) & eq_mask(b)) - (UINT64_C(1) << (b - 1));
    }
    return eq_sext(v, iw);
}

void eq_stim_cycle(eq_rng *r, const esru_config *cfg, eq_cycle *c)
{
    if (c->rst_hold > 0) {
        c->rst = 1;
        c->rst_hold--;
    } else {
        c->rst = eq_rng_below(r, 100) == 0;
        if (c->rst && eq_rng_below(r, 4) == 0)
            c->rst_hold = (int)eq_rng_below(r, 3) + 1;
    }
    c->en = eq_rng_below(r, 10) < 7;
    for (unsigned l = 0; l < cfg->lanes; l++) {
        c->x[l] = eq_stim_x(r, cfg);
        c->rnd[l] = eq_rng_next(r) & eq_mask(cfg->prng_width);
    }
}
