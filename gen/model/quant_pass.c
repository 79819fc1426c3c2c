/* The rounding pass of the lane rule: per element, exactly what quant.c did
 * one element at a time (esru_round / esru_round_ideal from model/sru.h, the
 * one rounding model), as loops without data-dependent branches. Every
 * choice that is the same for a whole block (kind of pass, rounding mode,
 * mask or not) is made outside the loop, so gcc vectorizes each loop. */
#include "model/quant_pass.h"
#include "model/backend.h"
#include "model/simd.h"
#include "model/sru.h"

#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* Internal pass kinds: a plain stream is a mask with relu = 0 and no keep. */
enum { K_MASK, K_KEEP, K_UPDATE, K_I8 };
/* Rounding: the unit's modes, and sr-ideal. */
enum { R_SR = ROUND_SR, R_RNE = ROUND_RNE, R_TRUNC = ROUND_TRUNC, R_IDEAL };

/* A block's operands, copied out of the pass so that no store (int8 ones
 * may alias anything) forces a reload: the loops then vectorize. */
typedef struct {
    const int64_t *restrict x;
    const int32_t *restrict x32, *restrict keep;
    int32_t *restrict y, *restrict w;
    int8_t *restrict y8;
    int relu;
    unsigned n, m, ow, ww;
    esru_fill fill;
} operands;

/* The value element i rounds. */
ALWAYS_INLINE int64_t value_of(const operands *p, int kind, size_t i)
{
    switch (kind) {
    case K_MASK:
        return fx_mask(p->x, i, p->relu, NULL);
    case K_KEEP:
        return fx_mask(p->x, i, p->relu, p->keep);
    case K_UPDATE:
        return -p->x[i];
    default:
        return p->x32[i];
    }
}

/* Where the rounded value goes; returns 1 if the weight saturated. */
ALWAYS_INLINE unsigned store(const operands *p, int kind, size_t i, int64_t y)
{
    int o = 0;
    switch (kind) {
    case K_UPDATE:
        p->w[i] = (int32_t)esru_saturate((int64_t)p->w[i] + y, p->ww, &o);
        return (unsigned)o;
    case K_I8:
        p->y8[i] = (int8_t)y;
        return 0;
    default:
        p->y[i] = (int32_t)y;
        return 0;
    }
}

ALWAYS_INLINE int64_t round_one(const operands *p, int rnd, int64_t v, unsigned ud, uint32_t r, uint64_t w64,
                                int *o)
{
    switch (rnd) {
    case R_IDEAL:
        return esru_round_ideal(v, ud, p->ow, w64, o);
    case R_SR:
        return esru_round(v, ud, p->ow, ROUND_SR, p->n, esru_random_word(r, p->n, p->m, p->fill), o);
    default:
        return esru_round(v, ud, p->ow, (esru_rounding)rnd, p->n, 0, o);
    }
}

ALWAYS_INLINE operands operands_of(const quant_pass *q)
{
    operands p = {q->x, q->x32, q->keep, q->y, q->w, q->y8, q->relu, q->n, q->m, q->ow, q->ww, q->fill};
    return p;
}

/* The shift's relation to the adder width, fixed for a block; each gets its
 * own loop so the model's choices on d fold away instead of being computed
 * both ways per element. */
enum { D_ANY, D_BELOW_N, D_AT_LEAST_N };

/* d > 0. kind, rnd and shape are constants after inlining: one loop each. */
ALWAYS_INLINE uint64_t body_loop(const quant_pass *q, int kind, int rnd, int shape, size_t e, size_t k,
                                 const uint32_t *restrict r, const uint64_t *restrict w64, uint64_t *ovf_w)
{
    const operands p = operands_of(q);
    unsigned ud = q->d > 62 ? 62 : (unsigned)q->d; /* esru_round needs d < 64; 62 discards all the same */
    unsigned n = rnd == R_IDEAL ? ud : p.n;      /* the adder width the model uses */
    if (ud == 0 || (shape == D_AT_LEAST_N && ud < n) || (shape == D_BELOW_N && ud >= n))
        __builtin_unreachable(); /* body() picked the shape; d = 0 takes pass_scalar */
    uint64_t ovf = 0, ovfw = 0;
    for (size_t i = 0; i < k; i++) {
        int o = 0;
        int64_t y = round_one(&p, rnd, value_of(&p, kind, e + i), ud, r ? r[i] : 0, w64 ? w64[i] : 0, &o);
        ovf += (uint64_t)o;
        ovfw += store(&p, kind, e + i, y);
    }
    *ovf_w += ovfw;
    return ovf;
}

ALWAYS_INLINE uint64_t body(const quant_pass *q, int kind, int rnd, size_t e, size_t k, const uint32_t *restrict r,
                            const uint64_t *restrict w64, uint64_t *ovf_w)
{
    if (rnd != R_SR) /* only sr's rule depends on how d compares with N */
        return body_loop(q, kind, rnd, D_ANY, e, k, r, w64, ovf_w);
    if ((q->d > 62 ? 62u : (unsigned)q->d) >= q->n)
        return body_loop(q, kind, rnd, D_AT_LEAST_N, e, k, r, w64, ovf_w);
    return body_loop(q, kind, rnd, D_BELOW_N, e, k, r, w64, ovf_w);
}

/* One function per pass kind, each compiled per vector width. */
#define PASS_FN(NAME, KIND)                                                                                   \
    ESRU_CLONES static uint64_t NAME(const quant_pass *q, size_t e, size_t k, const uint32_t *r,             \
                                     const uint64_t *w64, uint64_t *ovf_w)                                   \
    {                                                                                                         \
        switch (q->ideal ? R_IDEAL : (int)q->rounding) {                                                      \
        case R_SR:                                                                                            \
            return body(q, KIND, R_SR, e, k, r, NULL, ovf_w);                                                 \
        case R_RNE:                                                                                           \
            return body(q, KIND, R_RNE, e, k, NULL, NULL, ovf_w);                                             \
        case R_TRUNC:                                                                                         \
            return body(q, KIND, R_TRUNC, e, k, NULL, NULL, ovf_w);                                           \
        default:                                                                                              \
            return body(q, KIND, R_IDEAL, e, k, NULL, w64, ovf_w);                                            \
        }                                                                                                     \
    }
PASS_FN(pass_mask, K_MASK)
PASS_FN(pass_keep, K_KEEP)
PASS_FN(pass_update, K_UPDATE)
PASS_FN(pass_i8, K_I8)

/* d <= 0 (rare; d < 0 is an update coarser than the grid): an exact left
 * shift, saturated far outside any width, then the rounding with d = 0. */
static uint64_t pass_scalar(const quant_pass *q, int kind, size_t e, size_t k, const uint32_t *r,
                            const uint64_t *w64, uint64_t *ovf_w)
{
    int sh = q->d < -61 ? 61 : -q->d; /* 0 for d = 0 */
    int64_t lim = INT64_C(1) << (62 - sh);
    int rnd = q->ideal ? R_IDEAL : (int)q->rounding;
    const operands p = operands_of(q);
    uint64_t ovf = 0;
    for (size_t i = 0; i < k; i++) {
        int64_t v = value_of(&p, kind, e + i);
        if (sh)
            v = v >= lim ? INT64_C(1) << 62 : v <= -lim ? -(INT64_C(1) << 62) : v * (INT64_C(1) << sh);
        int o = 0;
        int64_t y = round_one(&p, rnd, v, 0, r ? r[i] : 0, w64 ? w64[i] : 0, &o);
        ovf += (uint64_t)o;
        *ovf_w += store(&p, kind, e + i, y);
    }
    return ovf;
}

uint64_t quant_pass_run(const quant_pass *q, size_t e, size_t k, const uint32_t *r, const uint64_t *w64,
                        uint64_t *ovf_w)
{
    int kind = q->kind == PASS_UPDATE ? K_UPDATE : q->kind == PASS_I8 ? K_I8 : q->keep ? K_KEEP : K_MASK;
    if (q->d <= 0)
        return pass_scalar(q, kind, e, k, r, w64, ovf_w);
    switch (kind) {
    case K_MASK:
        return pass_mask(q, e, k, r, w64, ovf_w);
    case K_KEEP:
        return pass_keep(q, e, k, r, w64, ovf_w);
    case K_UPDATE:
        return pass_update(q, e, k, r, w64, ovf_w);
    default:
        return pass_i8(q, e, k, r, w64, ovf_w);
    }
}
