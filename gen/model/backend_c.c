/* The C model backend: the reference every other backend is compared with. */
#include "model/backend.h"
#include "model/simd.h"

ESRU_CLONES int fx_dyn_shift_masked(const int64_t *x, size_t n, int relu, const int32_t *keep, unsigned width)
{
    /* The shift depends only on the largest magnitude of the masked values
     * (fx_mask: the one masking rule): their largest and smallest, as plain
     * max and min (a loop without branches once keep and relu are hoisted:
     * it vectorizes, and it runs on one thread between the parallel
     * products), then the trainer's one scale rule on a value of that
     * magnitude. */
    int64_t hi = 0, lo = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t v = fx_mask(x, i, relu, keep);
        hi = v > hi ? v : hi;
        lo = v < lo ? v : lo;
    }
    uint64_t mag = (uint64_t)hi, neg = (uint64_t)0 - (uint64_t)lo; /* |INT64_MIN| = 2^63 */
    if (neg > mag)
        mag = neg;
    int64_t big = mag > (uint64_t)INT64_MAX ? INT64_MIN : (int64_t)mag;
    return quant_dyn_shift(&big, 1, width);
}

static uint64_t c_gemm(fx_backend *be, const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                       unsigned acc_width, int64_t *C)
{
    (void)be;
    return kern_int(s, A, B, init, acc_width, C);
}

/* Masking, negation and the saturating add happen inside the lane rule's
 * one pass over the elements (quant.c): no copies. */
static uint64_t c_requant(fx_backend *be, quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep,
                          int d, unsigned ow, int32_t *y)
{
    (void)be;
    return quant_requant(b, x, n, relu, keep, d, ow, y);
}

static void c_update(fx_backend *be, quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw,
                     unsigned ww, uint64_t *ovf_grad, uint64_t *ovf_weight)
{
    (void)be;
    quant_update(b, w, g, n, d, gw, ww, ovf_grad, ovf_weight);
}

fx_backend fx_backend_c = {c_gemm, c_requant, c_update, NULL, "", 0};
