/* Who computes the fixed-point trainer's heavy operations. The C backend is
 * the model (kern_int, quant_stream); `make sim` plugs in the generated RTL
 * under Verilator and checks every result against the model as it goes. */
#ifndef TRAIN_BACKEND_H
#define TRAIN_BACKEND_H
#include "model/kernels.h"
#include "model/quant.h"
#include <stddef.h>
#include <stdint.h>

typedef struct fx_backend fx_backend;
struct fx_backend {
    /* C = init + A.B with an acc_width-bit saturating accumulator (kern_int's
     * contract); returns the number of saturating additions. */
    uint64_t (*gemm)(fx_backend *be, const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                     unsigned acc_width, int64_t *C);
    /* y[i] = round(fx_mask(x, i, relu, keep)) by 2^d to ow bits through bank b
     * with the lane rule; returns saturations. */
    uint64_t (*requant)(fx_backend *be, quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep,
                        int d, unsigned ow, int32_t *y);
    /* w[i] = sat_ww(w[i] + round(-g[i]) by 2^d to gw bits) through bank b;
     * adds the update and weight saturations to *ovf_grad, *ovf_weight. */
    void (*update)(fx_backend *be, quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw,
                   unsigned ww, uint64_t *ovf_grad, uint64_t *ovf_weight);
    void *ctx;
    /* What the next call computes, for mismatch reports (set by the trainer). */
    const char *op;
    int layer;
};

static inline void fx_at(fx_backend *be, const char *op, int layer)
{
    be->op = op;
    be->layer = layer;
}

/* The masking rule of requantization: 0 unless keep is NULL or keep[i] > 0
 * (ReLU' of the stored activation), and 0 for negative x when relu. */
static inline int64_t fx_mask(const int64_t *x, size_t i, int relu, const int32_t *keep)
{
    if (keep && keep[i] <= 0)
        return 0;
    return relu && x[i] < 0 ? 0 : x[i];
}

/* quant_dyn_shift over the masked values. */
int fx_dyn_shift_masked(const int64_t *x, size_t n, int relu, const int32_t *keep, unsigned width);

/* The C model backend (the default). */
extern fx_backend fx_backend_c;

#endif
