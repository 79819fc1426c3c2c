#include "quant.h"
#include "lfsr.h"
#include "sru.h"
#include <math.h>

void quant_bank_init(quant_bank *b, const esru_config *cfg, uint64_t seed)
{
    b->cfg = *cfg;
    b->cfg.seed = seed;
    esru_prng_init(&b->prng, &b->cfg);
    quant_bank_reset(b);
}

void quant_bank_reset(quant_bank *b)
{
    esru_prng_reset(&b->prng);
    b->sm_state = b->cfg.seed;
    b->advances = 0;
}

/* The random word lane `lane` uses this cycle. */
static uint64_t lane_word(quant_bank *b, unsigned lane)
{
    const esru_config *c = &b->cfg;
    if (c->rounding == ROUND_SR_IDEAL)
        return esru_splitmix64(&b->sm_state); /* uniform 64-bit, see esru_round */
    if (c->rounding != ROUND_SR)
        return 0; /* rne and trunc ignore it */
    if (c->prng == PRNG_EXT)
        b->ext[lane] = esru_splitmix64(&b->sm_state); /* an ideal external source */
    return esru_random_word(esru_prng_value(&b->prng, lane, b->ext), c->sru_width, c->prng_width, c->fill);
}

uint64_t quant_stream(quant_bank *b, const int64_t *x, size_t n, int d, unsigned ow, int32_t *y)
{
    const esru_config *c = &b->cfg;
    unsigned L = c->lanes;
    uint64_t ovf = 0;
    /* d > 62 would discard everything: esru_round needs d < 64 and the
     * value fits in far fewer bits, so 62 gives the same result. */
    unsigned ud = d > 62 ? 62 : d < 0 ? 0 : (unsigned)d;
    unsigned lane = 0; /* i % L, kept as a counter (no division per element) */
    for (size_t i = 0; i < n; i++, lane = lane + 1 == L ? 0 : lane + 1) {
        int64_t v = x[i];
        if (d < 0) { /* exact left shift, saturated far outside any width */
            int sh = d < -61 ? 61 : -d;
            int64_t lim = INT64_C(1) << (62 - sh);
            v = v >= lim ? INT64_C(1) << 62 : v <= -lim ? -(INT64_C(1) << 62) : v * (INT64_C(1) << sh);
        }
        int o = 0;
        y[i] = (int32_t)esru_round(v, ud, ow, c->rounding, c->sru_width, lane_word(b, lane), &o);
        ovf += (uint64_t)o;
        if (lane == L - 1 || i == n - 1) {
            esru_prng_advance(&b->prng);
            b->advances++;
        }
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
