/* The C model backend: the reference every other backend is compared with. */
#include "model/backend.h"
#include "model/sru.h"
#include <stdlib.h>

int fx_dyn_shift_masked(const int64_t *x, size_t n, int relu, const int32_t *keep, unsigned width)
{
    /* The shift depends only on the largest magnitude: find it, then use the
       trainer's one scale rule on that element. */
    int64_t big = 0;
    uint64_t mag = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t v = fx_mask(x, i, relu, keep);
        uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        if (a > mag) {
            mag = a;
            big = v;
        }
    }
    return quant_dyn_shift(&big, 1, width);
}

static uint64_t c_gemm(fx_backend *be, const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                       unsigned acc_width, int64_t *C)
{
    (void)be;
    return kern_int(s, A, B, init, acc_width, C);
}

/* Scratch for masked values, grown as needed (the trainer is single-threaded). */
static int64_t *scratch(size_t n)
{
    static int64_t *buf;
    static size_t cap;
    if (n > cap) {
        free(buf);
        buf = malloc(n * sizeof *buf);
        if (!buf)
            abort();
        cap = n;
    }
    return buf;
}

static uint64_t c_requant(fx_backend *be, quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep,
                          int d, unsigned ow, int32_t *y)
{
    (void)be;
    if (!relu && !keep)
        return quant_stream(b, x, n, d, ow, y);
    int64_t *v = scratch(n);
    for (size_t i = 0; i < n; i++)
        v[i] = fx_mask(x, i, relu, keep);
    return quant_stream(b, v, n, d, ow, y);
}

static void c_update(fx_backend *be, quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw,
                     unsigned ww, uint64_t *ovf_grad, uint64_t *ovf_weight)
{
    (void)be;
    int64_t *ng = scratch(n);
    for (size_t i = 0; i < n; i++)
        ng[i] = -g[i];
    int32_t *u = malloc(n * sizeof *u);
    if (!u)
        abort();
    *ovf_grad += quant_stream(b, ng, n, d, gw, u);
    for (size_t i = 0; i < n; i++) {
        int o = 0;
        w[i] = (int32_t)esru_saturate((int64_t)w[i] + u[i], ww, &o);
        *ovf_weight += (uint64_t)o;
    }
    free(u);
}

fx_backend fx_backend_c = {c_gemm, c_requant, c_update, NULL, "", 0};
