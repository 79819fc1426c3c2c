#include "conv.h"
#include "model/simd.h"
#include <string.h>

/* The moves below are split between the kernels' threads image by image
 * (any split moves the same values): serial, they were a quarter of a
 * LeNet step on 2 threads. */
#ifdef _OPENMP
#define OVER_IMAGES _Pragma("omp parallel for num_threads(esru_threads()) schedule(static)")
#else
#define OVER_IMAGES
#endif

int conv_geom_set(conv_geom *g, unsigned h, unsigned w, unsigned cin, unsigned k, unsigned cout, unsigned pad)
{
    memset(g, 0, sizeof *g);
    if (k == 0 || pad >= k || k > h + 2 * pad || k > w + 2 * pad || cin == 0 || cout == 0)
        return -1;
    g->h = h, g->w = w, g->cin = cin, g->k = k, g->cout = cout, g->pad = pad;
    g->oh = h + 2 * pad - k + 1, g->ow = w + 2 * pad - k + 1;
    g->ph = g->oh / 2, g->pw = g->ow / 2;
    return g->ph && g->pw ? 0 : -1;
}

/* One body per element type: only copies and comparisons. */
#define CONV_MOVES(T, SUF)                                                                                     \
    void conv_im2col_##SUF(const conv_geom *g, size_t nb, const T *x, T *col)                                  \
    {                                                                                                          \
        size_t kc = (size_t)g->k * g->cin, per = conv_pos(g) * conv_kk(g);                                     \
        OVER_IMAGES                                                                                            \
        for (size_t n = 0; n < nb; n++) {                                                                      \
            T *c = col + n * per;                                                                              \
            for (unsigned oy = 0; oy < g->oh; oy++)                                                            \
                for (unsigned ox = 0; ox < g->ow; ox++)                                                        \
                    for (unsigned ky = 0; ky < g->k; ky++, c += kc) {                                          \
                        if (!g->pad) { /* kx, ci: contiguous in NHWC */                                        \
                            memcpy(c, x + ((n * g->h + oy + ky) * g->w + ox) * g->cin, kc * sizeof(T));        \
                            continue;                                                                          \
                        }                                                                                      \
                        int sy = (int)(oy + ky) - (int)g->pad, sx = (int)ox - (int)g->pad;                     \
                        for (unsigned kx = 0; kx < g->k; kx++, sx++) { /* a padding zero or the input */       \
                            T *d = c + (size_t)kx * g->cin;                                                    \
                            if (sy < 0 || sx < 0 || sy >= (int)g->h || sx >= (int)g->w)                        \
                                memset(d, 0, g->cin * sizeof(T));                                              \
                            else                                                                               \
                                memcpy(d, x + ((n * g->h + (size_t)sy) * g->w + (size_t)sx) * g->cin,          \
                                       g->cin * sizeof(T));                                                    \
                        }                                                                                      \
                    }                                                                                          \
        }                                                                                                      \
    }                                                                                                          \
    void conv_im2col_full_##SUF(const conv_geom *g, size_t nb, const T *dy, T *col)                            \
    {                                                                                                          \
        int k = (int)g->k;                                                                                     \
        size_t per = (size_t)g->h * g->w * (size_t)k * (size_t)k * g->cout;                                    \
        OVER_IMAGES                                                                                            \
        for (size_t n = 0; n < nb; n++) {                                                                      \
            T *c = col + n * per;                                                                              \
            for (int y = 0; y < (int)g->h; y++)                                                                \
                for (int x = 0; x < (int)g->w; x++)                                                            \
                    for (int ky = 0; ky < k; ky++)                                                             \
                        for (int kx = 0; kx < k; kx++) {                                                       \
                            int sy = y - k + 1 + (int)g->pad + ky, sx = x - k + 1 + (int)g->pad + kx;          \
                            if (sy < 0 || sx < 0 || sy >= (int)g->oh || sx >= (int)g->ow)                      \
                                memset(c, 0, g->cout * sizeof(T));                                             \
                            else                                                                               \
                                memcpy(c, dy + ((n * g->oh + (size_t)sy) * g->ow + (size_t)sx) * g->cout,      \
                                       g->cout * sizeof(T));                                                   \
                            c += g->cout;                                                                      \
                        }                                                                                      \
        }                                                                                                      \
    }                                                                                                          \
    void conv_flip_##SUF(const conv_geom *g, const T *w, T *wf)                                                \
    {                                                                                                          \
        unsigned k = g->k;                                                                                     \
        for (unsigned ky = 0; ky < k; ky++)                                                                    \
            for (unsigned kx = 0; kx < k; kx++)                                                                \
                for (unsigned co = 0; co < g->cout; co++)                                                      \
                    for (unsigned ci = 0; ci < g->cin; ci++)                                                   \
                        wf[((ky * k + kx) * g->cout + co) * g->cin + ci] =                                     \
                            w[(((k - 1 - ky) * k + (k - 1 - kx)) * g->cin + ci) * g->cout + co];               \
    }

CONV_MOVES(int32_t, i32)
CONV_MOVES(float, f32)

#define CONV_POOL(T, SUF)                                                                                      \
    void conv_pool_##SUF(const conv_geom *g, size_t nb, const T *y, T *p, uint32_t *arg)                       \
    {                                                                                                          \
        OVER_IMAGES                                                                                            \
        for (size_t n = 0; n < nb; n++) {                                                                      \
            size_t j = n * conv_pool_n(g);                                                                     \
            for (unsigned py = 0; py < g->ph; py++)                                                            \
                for (unsigned px = 0; px < g->pw; px++)                                                        \
                    for (unsigned c = 0; c < g->cout; c++, j++) {                                              \
                        size_t best = ((n * g->oh + 2 * py) * g->ow + 2 * px) * g->cout + c;                   \
                        T bv = y[best];                                                                        \
                        for (unsigned d = 1; d < 4; d++) { /* selects, not branches: maxima are random */      \
                            size_t i = ((n * g->oh + 2 * py + d / 2) * g->ow + 2 * px + d % 2) * g->cout + c;  \
                            T v = y[i];                                                                        \
                            int gt = v > bv;                                                                   \
                            best = gt ? i : best;                                                              \
                            bv = gt ? v : bv;                                                                  \
                        }                                                                                      \
                        p[j] = bv;                                                                             \
                        arg[j] = (uint32_t)best;                                                               \
                    }                                                                                          \
        }                                                                                                      \
    }

CONV_POOL(int64_t, i64)
CONV_POOL(float, f32)

#define CONV_UNPOOL(T, SUF)                                                                                    \
    void conv_unpool_##SUF(const conv_geom *g, size_t nb, const T *dp, const uint32_t *arg, T *dy)             \
    {                                                                                                          \
        size_t per = conv_pool_n(g);                                                                           \
        OVER_IMAGES                                                                                            \
        for (size_t n = 0; n < nb; n++) { /* an image's maxima lie in its own part of dy */                    \
            memset(dy + n * conv_out_n(g), 0, conv_out_n(g) * sizeof(T));                                      \
            for (size_t j = n * per; j < (n + 1) * per; j++)                                                   \
                dy[arg[j]] = dp[j];                                                                            \
        }                                                                                                      \
    }

CONV_UNPOOL(int32_t, i32)
CONV_UNPOOL(float, f32)
