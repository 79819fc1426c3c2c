/* libesru: PRNG banks, rounding through the lane rule (quant_stream) and the
 * weight update of the update lane (fx_backend_c.update). This file converts
 * and checks inputs; every rounding happens in gen/model. */
#include "api/handles.h"
#include "model/backend.h"
#include "model/simd.h"
#include "model/sru.h"
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

ESRU_API esru_bank *esru_bank_new(const esru_cfg *c, uint64_t seed, char *err, size_t errlen)
{
    esru_bank *b = malloc(sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    quant_bank_init(&b->q, &c->c, seed ? seed : c->c.seed, 0);
    return b;
}

ESRU_API void esru_bank_free(esru_bank *b) { free(b); }
ESRU_API void esru_bank_reset(esru_bank *b) { quant_bank_reset(&b->q); }

ESRU_API void esru_bank_advance(esru_bank *b, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        esru_prng_advance(&b->q.prng);
    b->q.advances += n;
}

ESRU_API void esru_bank_jump(esru_bank *b, uint64_t n)
{
    esru_prng_jump(&b->q.prng, n);
    b->q.advances += n;
}

ESRU_API uint64_t esru_bank_cycles(const esru_bank *b) { return b->q.advances; }
ESRU_API unsigned esru_bank_lanes(const esru_bank *b) { return b->q.cfg.lanes; }

ESRU_API void esru_bank_random(const esru_bank *b, uint64_t *r)
{
    static const uint64_t zeros[ESRU_MAX_LANES];
    esru_prng_values(&b->q.prng, zeros, r);
}

/* The signed range of a width-bit value. */
static void range_of(unsigned width, int64_t *lo, int64_t *hi)
{
    *hi = width >= 64 ? INT64_MAX : (INT64_C(1) << (width - 1)) - 1;
    *lo = -*hi - 1;
}

static int check_width(const char *what, unsigned w, char *err, size_t len)
{
    if (w >= 2 && w <= 32)
        return 0;
    snprintf(err, len, "%s %u is out of range (valid: 2..32)", what, w);
    return -1;
}

ESRU_API int esru_bank_round_shift(esru_bank *b, const int64_t *x, size_t n, int d, unsigned ow, int32_t *y,
                                   uint64_t *saturations, char *err, size_t errlen)
{
    if (check_width("output width", ow, err, errlen) != 0)
        return -1;
    if (d < -62 || d > 62) {
        snprintf(err, errlen, "shift %d is out of range (valid: -62..62)", d);
        return -1;
    }
    uint64_t s = quant_stream(&b->q, x, n, d, ow, y);
    if (saturations)
        *saturations = s;
    return 0;
}

/* The index of the first x outside lo..hi, or n: a branch-free pass that
 * vectorizes, then the search only when there is one. */
ESRU_CLONES static size_t first_outside(const int64_t *x, size_t n, int64_t lo, int64_t hi)
{
    int any = 0;
    for (size_t i = 0; i < n; i++)
        any |= (x[i] < lo) | (x[i] > hi);
    for (size_t i = 0; any && i < n; i++)
        if (x[i] < lo || x[i] > hi)
            return i;
    return n;
}

ESRU_API int esru_bank_round(esru_bank *b, const int64_t *x, size_t n, int32_t *y, uint64_t *saturations, char *err,
                             size_t errlen)
{
    const esru_config *c = &b->q.cfg;
    int64_t lo, hi;
    range_of(c->in_width, &lo, &hi);
    size_t i = first_outside(x, n, lo, hi);
    if (i < n) {
        snprintf(err, errlen, "x[%zu] = %" PRId64 " does not fit --in-width %u (valid: %" PRId64 "..%" PRId64 ")", i,
                 x[i], c->in_width, lo, hi);
        return -1;
    }
    uint64_t s = quant_stream(&b->q, x, n, (int)c->shift, c->out_width, y);
    if (saturations)
        *saturations = s;
    return 0;
}

/* Floats enter as floor(v * 2^e) clamped to IW bits, e = D - log2(scale) in
 * -1023..1137. 2^e as two doubles a * b (b = 1 up to e = 1023, else
 * 2^1023): scaling by a power of two is exact short of leaving the double
 * range, and above 1023 the first product only grows, so v * a * b is the
 * correctly rounded ldexp(v, e) for float and double inputs (exact but
 * below the normal range, infinite above it), and floor does not round. */
typedef struct {
    double a, b;
    double top; /* 2^(IW-1): hi + 1 and -lo, exactly */
    int64_t lo, hi;
} fixed_entry;

/* Branch-free, with the entry's fields passed as values (a store to x could
 * otherwise change them), the loops below vectorize in the AVX-512 clone
 * (gen/gen.mk compiles this file with -fno-trapping-math: gcc vectorizes
 * floor only then; the values are the same). */
static inline __attribute__((always_inline)) int64_t to_fixed(double v, double a, double b, double top, int64_t lo,
                                                              int64_t hi, uint64_t *c)
{
    double f = floor(v * a * b);
    int over = f >= top, under = f < -top;
    *c += (uint64_t)(over | under);
    return over ? hi : under ? lo : (int64_t)f;
}

/* Per float type T: chunk_SUF (a chunk of floats into fixed point; returns
 * the clamps) and first_nan_SUF (the index of the first NaN, or n: a
 * branch-free pass that vectorizes, then the search only when there is one). */
#define FLOAT_ENTRY(T, SUF)                                                                                  \
    ESRU_CLONES static uint64_t chunk_##SUF(const fixed_entry *fe, const void *v, size_t from, size_t k,      \
                                            int64_t *x)                                                       \
    {                                                                                                         \
        const T *f = (const T *)v + from;                                                                     \
        const double a = fe->a, b = fe->b, top = fe->top;                                                     \
        const int64_t lo = fe->lo, hi = fe->hi;                                                               \
        uint64_t c = 0;                                                                                       \
        for (size_t i = 0; i < k; i++)                                                                        \
            x[i] = to_fixed(f[i], a, b, top, lo, hi, &c);                                                     \
        return c;                                                                                             \
    }                                                                                                         \
    ESRU_CLONES static size_t first_nan_##SUF(const T *v, size_t n)                                          \
    {                                                                                                         \
        int any = 0;                                                                                          \
        for (size_t i = 0; i < n; i++)                                                                        \
            any |= v[i] != v[i];                                                                              \
        for (size_t i = 0; any && i < n; i++)                                                                 \
            if (isnan(v[i]))                                                                                  \
                return i;                                                                                     \
        return n;                                                                                             \
    }

FLOAT_ENTRY(float, f32)
FLOAT_ENTRY(double, f64)

/* Streamed in chunks of whole lane groups, so the lane rule sees one tensor. */
#define CHUNK 4096
static int round_floats(esru_bank *b, const void *v, size_t n, int scale_log2,
                        uint64_t (*chunk)(const fixed_entry *, const void *, size_t, size_t, int64_t *), int32_t *y,
                        uint64_t *saturations, uint64_t *clamped, char *err, size_t errlen)
{
    const esru_config *c = &b->q.cfg;
    if (scale_log2 < -1074 || scale_log2 > 1023) { /* the range of double */
        snprintf(err, errlen, "scale 2^%d is out of range (valid: 2^-1074..2^1023)", scale_log2);
        return -1;
    }
    int e = (int)c->shift - scale_log2, eb = e > 1023 ? 1023 : 0;
    fixed_entry fe = {ldexp(1.0, e - eb), ldexp(1.0, eb), ldexp(1.0, (int)c->in_width - 1), 0, 0};
    range_of(c->in_width, &fe.lo, &fe.hi);
    int64_t x[CHUNK];
    size_t step = CHUNK / c->lanes * c->lanes;
    uint64_t sat = 0, clamps = 0;
    for (size_t g = 0; g < n; g += step) {
        size_t k = n - g < step ? n - g : step;
        clamps += chunk(&fe, v, g, k, x);
        sat += quant_stream(&b->q, x, k, (int)c->shift, c->out_width, y + g);
    }
    if (saturations)
        *saturations = sat;
    if (clamped)
        *clamped = clamps;
    return 0;
}

static int nan_error(size_t i, char *err, size_t len)
{
    snprintf(err, len, "v[%zu] is NaN (valid: numbers; infinities clamp to the input range)", i);
    return -1;
}

ESRU_API int esru_bank_round_f32(esru_bank *b, const float *v, size_t n, int scale_log2, int32_t *y,
                                 uint64_t *saturations, uint64_t *clamped, char *err, size_t errlen)
{
    size_t i = first_nan_f32(v, n);
    if (i < n)
        return nan_error(i, err, errlen);
    return round_floats(b, v, n, scale_log2, chunk_f32, y, saturations, clamped, err, errlen);
}

ESRU_API int esru_bank_round_f64(esru_bank *b, const double *v, size_t n, int scale_log2, int32_t *y,
                                 uint64_t *saturations, uint64_t *clamped, char *err, size_t errlen)
{
    size_t i = first_nan_f64(v, n);
    if (i < n)
        return nan_error(i, err, errlen);
    return round_floats(b, v, n, scale_log2, chunk_f64, y, saturations, clamped, err, errlen);
}

/* The C backend keeps a scratch buffer across calls: one update at a time. */
static pthread_mutex_t update_lock = PTHREAD_MUTEX_INITIALIZER;

static int check_update(const int32_t *w, size_t n, unsigned gw, unsigned ww, char *err, size_t len)
{
    if (check_width("grad width", gw, err, len) != 0 || check_width("weight width", ww, err, len) != 0)
        return -1;
    int64_t lo, hi;
    range_of(ww, &lo, &hi);
    for (size_t i = 0; i < n; i++)
        if (w[i] < lo || w[i] > hi) {
            snprintf(err, len, "w[%zu] = %" PRId32 " does not fit weight width %u (valid: %" PRId64 "..%" PRId64 ")",
                     i, w[i], ww, lo, hi);
            return -1;
        }
    return 0;
}

static void update(esru_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                   uint64_t *gs, uint64_t *ws)
{
    uint64_t og = 0, ow = 0;
    pthread_mutex_lock(&update_lock);
    fx_backend_c.update(&fx_backend_c, &b->q, w, g, n, d, gw, ww, &og, &ow);
    pthread_mutex_unlock(&update_lock);
    if (gs)
        *gs += og;
    if (ws)
        *ws += ow;
}

ESRU_API int esru_bank_update(esru_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                              uint64_t *grad_saturations, uint64_t *weight_saturations, char *err, size_t errlen)
{
    if (check_update(w, n, gw, ww, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (g[i] == INT64_MIN) { /* its negation does not exist */
            snprintf(err, errlen, "g[%zu] = %" PRId64 " is out of range (valid: -2^63+1..2^63-1)", i, g[i]);
            return -1;
        }
    update(b, w, g, n, d, gw, ww, grad_saturations, weight_saturations);
    return 0;
}

ESRU_API int esru_bank_update_f32(esru_bank *b, int32_t *w, const float *g, size_t n, int w_exp, int lr_log2,
                                  unsigned gw, unsigned ww, uint64_t *grad_saturations,
                                  uint64_t *weight_saturations, char *err, size_t errlen)
{
    if (check_update(w, n, gw, ww, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(g[i])) {
            snprintf(err, errlen, "g[%zu] = %g is not finite (valid: finite gradients)", i, (double)g[i]);
            return -1;
        }
    int64_t *gi = malloc((n ? n : 1) * sizeof *gi);
    if (!gi) {
        snprintf(err, errlen, "out of memory for %zu gradient values", n);
        return -1;
    }
    int e = quant_from_float(g, n, gi);
    update(b, w, gi, n, w_exp - (e + lr_log2), gw, ww, grad_saturations, weight_saturations);
    free(gi);
    return 0;
}
