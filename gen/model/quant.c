#include "model/quant.h"
#include "model/lfsr.h"
#include "model/sru.h"
#include <math.h>

void quant_bank_init(quant_bank *b, const esru_config *cfg, uint64_t seed, int ideal)
{
    b->cfg = *cfg;
    b->cfg.seed = seed;
    b->ideal = ideal;
    esru_prng_init(&b->prng, &b->cfg);
    quant_bank_reset(b);
}

void quant_bank_reset(quant_bank *b)
{
    esru_prng_reset(&b->prng);
    b->sm_state = b->cfg.seed;
    b->advances = 0;
}

/* The random words of lanes 0..k-1 this cycle, drawn in lane order. */
static void lane_words(quant_bank *b, unsigned k, uint64_t *w)
{
    const esru_config *c = &b->cfg;
    if (b->ideal) {
        for (unsigned l = 0; l < k; l++)
            w[l] = esru_splitmix64(&b->sm_state); /* uniform 64-bit, see esru_round_ideal */
        return;
    }
    if (c->rounding != ROUND_SR) {
        for (unsigned l = 0; l < k; l++)
            w[l] = 0; /* rne and trunc ignore it */
        return;
    }
    if (b->prng.ops->external)
        for (unsigned l = 0; l < k; l++)
            b->ext[l] = esru_splitmix64(&b->sm_state); /* an ideal external source */
    for (unsigned l = 0; l < k; l++)
        w[l] = esru_random_word(esru_prng_value(&b->prng, l, b->ext), c->sru_width, c->prng_width, c->fill);
}

uint64_t quant_stream(quant_bank *b, const int64_t *x, size_t n, int d, unsigned ow, int32_t *y)
{
    const esru_config *c = &b->cfg;
    unsigned L = c->lanes;
    uint64_t ovf = 0, w[ESRU_MAX_LANES];
    /* d > 62 would discard everything: esru_round needs d < 64 and the
     * value fits in far fewer bits, so 62 gives the same result. */
    unsigned ud = d > 62 ? 62 : d < 0 ? 0 : (unsigned)d;
    for (size_t g = 0; g < n; g += L) {
        unsigned k = n - g < L ? (unsigned)(n - g) : L; /* a final partial group */
        lane_words(b, k, w);
        for (unsigned l = 0; l < k; l++) {
            int64_t v = x[g + l];
            if (d < 0) { /* exact left shift, saturated far outside any width */
                int sh = d < -61 ? 61 : -d;
                int64_t lim = INT64_C(1) << (62 - sh);
                v = v >= lim ? INT64_C(1) << 62 : v <= -lim ? -(INT64_C(1) << 62) : v * (INT64_C(1) << sh);
            }
            int o = 0;
            y[g + l] = (int32_t)(b->ideal ? esru_round_ideal(v, ud, ow, w[l], &o)
                                          : esru_round(v, ud, ow, c->rounding, c->sru_width, w[l], &o));
            ovf += (uint64_t)o;
        }
        esru_prng_advance(&b->prng);
        b->advances++;
    }
    return ovf;
}

int quant_dyn_shift(const int64_t *x, size_t n, unsigned width)
{
    uint64_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t a = x[i] < 0 ? (uint64_t)0 - (uint64_t)x[i] : (uint64_t)x[i];
        if (a > m)
            m = a;
    }
    int bits = 0;
    while (m) {
        bits++;
        m >>= 1;
    }
    int d = bits - (int)(width - 1);
    return d > 0 ? d : 0;
}

int quant_from_float(const float *v, size_t n, int64_t *x)
{
    float m = 0.0f;
    for (size_t i = 0; i < n; i++)
        if (fabsf(v[i]) > m)
            m = fabsf(v[i]);
    int e = 0;
    if (m > 0.0f) {
        int ex;
        frexpf(m, &ex); /* m = f * 2^ex, f in [0.5, 1) */
        e = ex - 30;
    }
    for (size_t i = 0; i < n; i++)
        x[i] = (int64_t)ldexp((double)v[i], -e);
    return e;
}
