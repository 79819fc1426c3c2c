/* Tests of the trainer's convolutional layers (sim/train/conv*.c, the conv
 * front of mlp_fp32.c / mlp_fixed.c): the fixed-point conv products against
 * direct nested-loop definitions written here (no im2col), pooling against
 * its definition, an fp32 gradient check by finite differences through conv,
 * pool and fully connected layers, the banks' advances per step of LeNet
 * worked out by hand, and determinism of whole LeNet runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/backend.h"
#include "model/lfsr.h"
#include "model/simd.h"
#include "sim/train/bias_check.h"
#include "sim/train/conv.h"
#include "sim/train/mlp.h"
#include "sim/train/train.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 777;
static int32_t rnd_int(int bits) /* uniform signed value of `bits` bits */
{
    int64_t lim = INT64_C(1) << (bits - 1);
    return (int32_t)((int64_t)(esru_splitmix64(&rng_state) % (uint64_t)(2 * lim)) - lim);
}

static int64_t sat_add(int64_t acc, int64_t v, unsigned accw, uint64_t *ovf)
{
    int64_t hi = (INT64_C(1) << (accw - 1)) - 1, lo = -hi - 1;
    acc += v;
    if (acc > hi || acc < lo) {
        ++*ovf;
        acc = acc > hi ? hi : lo;
    }
    return acc;
}

/* NHWC indices */
#define X4(n, y, x, c, H, W, C) ((((size_t)(n) * (H) + (y)) * (W) + (x)) * (C) + (c))

/* The input under output (oy, ox) and kernel tap (ky, kx): row oy+ky-pad,
 * column ox+kx-pad; false where that is padding (a zero). */
static int tap(const conv_geom *g, unsigned oy, unsigned ox, unsigned ky, unsigned kx, unsigned *y, unsigned *x)
{
    int sy = (int)(oy + ky) - (int)g->pad, sx = (int)(ox + kx) - (int)g->pad;
    *y = (unsigned)sy, *x = (unsigned)sx;
    return sy >= 0 && sx >= 0 && sy < (int)g->h && sx < (int)g->w;
}

/* Forward: y[n][oy][ox][co] = init[co] + sum over ky, kx, ci (in that order,
 * saturating after each addition as kern_int's contract says) of
 * x[n][oy+ky-pad][ox+kx-pad][ci] * w[ky][kx][ci][co], x = 0 in the padding
 * (a product of 0 is still an addition: it cannot saturate). */
static void naive_forward(const conv_geom *g, size_t nb, const int32_t *x, const int32_t *w, const int64_t *init,
                          unsigned accw, int64_t *y, uint64_t *ovf)
{
    for (size_t n = 0; n < nb; n++)
        for (unsigned oy = 0; oy < g->oh; oy++)
            for (unsigned ox = 0; ox < g->ow; ox++)
                for (unsigned co = 0; co < g->cout; co++) {
                    int64_t acc = sat_add(0, init[co], accw, ovf);
                    for (unsigned ky = 0; ky < g->k; ky++)
                        for (unsigned kx = 0; kx < g->k; kx++) {
                            unsigned iy, ix;
                            int in = tap(g, oy, ox, ky, kx, &iy, &ix);
                            for (unsigned ci = 0; ci < g->cin; ci++)
                                acc = sat_add(acc,
                                              in ? (int64_t)x[X4(n, iy, ix, ci, g->h, g->w, g->cin)] *
                                                       w[X4(0, ky, kx, ci, g->k, g->k, g->cin) * g->cout + co]
                                                 : 0,
                                              accw, ovf);
                        }
                    y[X4(n, oy, ox, co, g->oh, g->ow, g->cout)] = acc;
                }
}

/* The error at the input, by its definition as the adjoint of the forward
 * product: every output error dy[n][oy][ox][co] sends dy * w[ky][kx][ci][co]
 * to dx[n][oy+ky-pad][ox+kx-pad][ci] unless that is padding (exact int64
 * sums; the values stay far from any saturation). */
static void naive_input_error(const conv_geom *g, size_t nb, const int32_t *dy, const int32_t *w, int64_t *dx)
{
    memset(dx, 0, nb * conv_in_n(g) * sizeof *dx);
    for (size_t n = 0; n < nb; n++)
        for (unsigned oy = 0; oy < g->oh; oy++)
            for (unsigned ox = 0; ox < g->ow; ox++)
                for (unsigned co = 0; co < g->cout; co++)
                    for (unsigned ky = 0; ky < g->k; ky++)
                        for (unsigned kx = 0; kx < g->k; kx++) {
                            unsigned iy, ix;
                            if (!tap(g, oy, ox, ky, kx, &iy, &ix))
                                continue;
                            for (unsigned ci = 0; ci < g->cin; ci++)
                                dx[X4(n, iy, ix, ci, g->h, g->w, g->cin)] +=
                                    (int64_t)dy[X4(n, oy, ox, co, g->oh, g->ow, g->cout)] *
                                    w[X4(0, ky, kx, ci, g->k, g->k, g->cin) * g->cout + co];
                        }
}

/* Weight gradient: gw[ky][kx][ci][co] = sum over n, oy, ox of
 * x[n][oy+ky-pad][ox+kx-pad][ci] * dy[n][oy][ox][co] (padding: 0). */
static void naive_weight_grad(const conv_geom *g, size_t nb, const int32_t *x, const int32_t *dy, int64_t *gw)
{
    for (unsigned ky = 0; ky < g->k; ky++)
        for (unsigned kx = 0; kx < g->k; kx++)
            for (unsigned ci = 0; ci < g->cin; ci++)
                for (unsigned co = 0; co < g->cout; co++) {
                    int64_t s = 0;
                    for (size_t n = 0; n < nb; n++)
                        for (unsigned oy = 0; oy < g->oh; oy++)
                            for (unsigned ox = 0; ox < g->ow; ox++) {
                                unsigned iy, ix;
                                if (tap(g, oy, ox, ky, kx, &iy, &ix))
                                    s += (int64_t)x[X4(n, iy, ix, ci, g->h, g->w, g->cin)] *
                                         dy[X4(n, oy, ox, co, g->oh, g->ow, g->cout)];
                            }
                    gw[X4(0, ky, kx, ci, g->k, g->k, g->cin) * g->cout + co] = s;
                }
}

/* Shapes (h, w, cin, k, cout, pad): LeNet's second layer, a non-square
 * input with an odd conv output (the pooling drops the last row), 1x1
 * kernels, LeNet's first layer; then "same" padding ((k-1)/2: the output
 * keeps the input's size) on LeNet's second layer and the odd shape, a
 * partial padding (1 of a 5x5 kernel's 2), and a kernel wider than the
 * input (3x3 on 2x5, padding 1). */
static const unsigned shapes[][6] = {{12, 12, 6, 5, 16, 0}, {9, 7, 2, 3, 3, 0}, {4, 6, 3, 1, 5, 0},
                                     {28, 28, 1, 5, 6, 0},  {12, 12, 6, 5, 16, 2}, {9, 7, 2, 3, 3, 1},
                                     {7, 6, 2, 5, 3, 1},    {2, 5, 2, 3, 4, 1}};

static void conv_products_check(void)
{
    for (size_t t = 0; t < sizeof shapes / sizeof shapes[0]; t++) {
        conv_geom g;
        assert_int_equal(
            conv_geom_set(&g, shapes[t][0], shapes[t][1], shapes[t][2], shapes[t][3], shapes[t][4], shapes[t][5]), 0);
        assert_int_equal(g.oh, shapes[t][0] + 2 * shapes[t][5] - shapes[t][3] + 1);
        size_t nb = 3, nx = nb * conv_in_n(&g), ny = nb * conv_out_n(&g), nw = conv_kk(&g) * g.cout;
        size_t ncol = nb * (conv_pos(&g) * conv_kk(&g) > (size_t)g.h * g.w * g.k * g.k * g.cout
                                ? conv_pos(&g) * conv_kk(&g)
                                : (size_t)g.h * g.w * g.k * g.k * g.cout);
        int32_t *x = malloc(nx * 4), *w = malloc(nw * 4), *dy = malloc(ny * 4), *col = malloc(ncol * 4),
                *wf = malloc(nw * 4);
        int64_t *init = malloc(g.cout * 8), *y1 = malloc(ny * 8), *y2 = malloc(ny * 8);
        int64_t *dx1 = malloc(nx * 8), *dx2 = malloc(nx * 8), *gw1 = malloc(nw * 8), *gw2 = malloc(nw * 8);
        for (size_t i = 0; i < nx; i++)
            x[i] = rnd_int(8);
        for (size_t i = 0; i < nw; i++)
            w[i] = rnd_int(8);
        for (size_t i = 0; i < ny; i++)
            dy[i] = i % 3 ? rnd_int(8) : 0; /* the pooling's scatter leaves zeros */
        for (size_t i = 0; i < g.cout; i++)
            init[i] = rnd_int(18);
        /* wide accumulator, then one so narrow that sums saturate: the order
         * of the additions is part of the definition */
        unsigned widths[2] = {40, 16};
        for (int a = 0; a < 2; a++) {
            uint64_t o1 = conv_fx_forward(&fx_backend_c, &g, nb, x, w, init, widths[a], col, y1), o2 = 0;
            naive_forward(&g, nb, x, w, init, widths[a], y2, &o2);
            assert_int_equal(o1, o2);
            assert_memory_equal(y1, y2, ny * 8);
            if (a == 1 && t == 0)
                assert_true(o1 > 0); /* the narrow case really saturates */
            if (a == 0)
                assert_int_equal(o1, 0);
        }
        assert_int_equal(conv_fx_input_error(&fx_backend_c, &g, nb, dy, w, 62, col, wf, dx1), 0);
        naive_input_error(&g, nb, dy, w, dx2);
        assert_memory_equal(dx1, dx2, nx * 8);
        assert_int_equal(conv_fx_weight_grad(&fx_backend_c, &g, nb, x, dy, 62, col, gw1), 0);
        naive_weight_grad(&g, nb, x, dy, gw2);
        assert_memory_equal(gw1, gw2, nw * 8);
        free(x), free(w), free(dy), free(col), free(wf), free(init), free(y1), free(y2);
        free(dx1), free(dx2), free(gw1), free(gw2);
    }
}

/* Pooling: every pooled value is the largest of its 2x2 window (with ties,
 * the first in (dy, dx) order), its source index points into that window,
 * and the scatter puts each error at that source and zeros elsewhere. */
static void pool_check(void)
{
    conv_geom g;
    assert_int_equal(conv_geom_set(&g, 9, 8, 1, 2, 3, 0), 0); /* conv output 8x7: the last column is dropped */
    assert_int_equal(g.ph, 4);
    assert_int_equal(g.pw, 3);
    size_t nb = 3, ny = nb * conv_out_n(&g), np = nb * conv_pool_n(&g);
    int64_t *y = malloc(ny * 8), *p = malloc(np * 8);
    uint32_t *arg = malloc(np * 4);
    int32_t *dp = malloc(np * 4), *dy = malloc(ny * 4);
    for (size_t i = 0; i < ny; i++)
        y[i] = rnd_int(3); /* few values: many ties */
    conv_pool_i64(&g, nb, y, p, arg);
    for (size_t n = 0; n < nb; n++)
        for (unsigned py = 0; py < g.ph; py++)
            for (unsigned px = 0; px < g.pw; px++)
                for (unsigned c = 0; c < g.cout; c++) {
                    size_t j = X4(n, py, px, c, g.ph, g.pw, g.cout), first = SIZE_MAX;
                    int64_t mx = INT64_MIN;
                    for (unsigned d = 0; d < 4; d++) {
                        size_t i = X4(n, 2 * py + d / 2, 2 * px + d % 2, c, g.oh, g.ow, g.cout);
                        if (y[i] > mx)
                            mx = y[i], first = i;
                    }
                    assert_int_equal(p[j], mx);
                    assert_int_equal(arg[j], first);
                }
    for (size_t j = 0; j < np; j++)
        dp[j] = (int32_t)j + 1;
    conv_unpool_i32(&g, nb, dp, arg, dy);
    size_t nonzero = 0;
    for (size_t i = 0; i < ny; i++)
        nonzero += dy[i] != 0;
    assert_int_equal(nonzero, np);
    for (size_t j = 0; j < np; j++)
        assert_int_equal(dy[arg[j]], (int32_t)j + 1);
    free(y), free(p), free(arg), free(dp), free(dy);
}

/* im2col, pooling and its scatter split the images between threads: 1,
 * 2 and 3 threads (3 images: one each, or two and one) give the same. */
static void with_1_to_3_threads(void (*check)(void))
{
    for (unsigned th = 1; th <= 3; th++) {
        esru_threads_set(th);
        check();
    }
    esru_threads_set(1);
}

static void test_conv_fixed_products(void **state)
{
    (void)state;
    with_1_to_3_threads(conv_products_check);
}

static void test_pool(void **state)
{
    (void)state;
    with_1_to_3_threads(pool_check);
}

/* A small CNN for the gradient check: 11x10 images, conv 3x3x3 (9x8, pool
 * 4x4), conv 2x2x4 (3x3, pool 1x1), fc 4-5-10. */
/* Two conv layers on 11x10 images: 3x3 to 3 channels, 2x2 to 4 (both
 * padded by pad), fc 5, fc 10. pad 0: 9x8 -> 4x4 -> 3x3 -> 1x1x4 inputs to
 * fc 5; pad 1: 11x10 -> 5x5 -> 6x6 -> 3x3x4 = 36. */
static mlp_params small_cnn_pad(int fixed, unsigned pad)
{
    mlp_params p;
    memset(&p, 0, sizeof p);
    p.fixed = fixed;
    p.nconv = 2;
    p.conv_k[0] = 3, p.conv_c[0] = 3;
    p.conv_k[1] = 2, p.conv_c[1] = 4;
    p.conv_pad[0] = p.conv_pad[1] = pad;
    p.nl = 2;
    p.size[1] = 5;
    p.batch = 3;
    p.weight_width = p.act_width = p.grad_width = 8;
    p.acc_width = 32;
    p.lr = 1.0;
    p.seed = 11;
    esru_config_default(&p.sru);
    assert_int_equal(mlp_params_input(&p, 11, 10, NULL, 0), 0);
    assert_int_equal(p.size[0], pad ? 36 : 4);
    assert_int_equal(p.size[2], 10);
    return p;
}

static mlp_params small_cnn(int fixed) { return small_cnn_pad(fixed, 0); }

/* All parameters, to restore them after a step. */
typedef struct {
    float *v[2 * (MLP_MAX_LAYERS + MLP_MAX_CONV)];
    size_t n[2 * (MLP_MAX_LAYERS + MLP_MAX_CONV)];
    unsigned count;
} params_ref;

static params_ref params_of(mlp *m)
{
    params_ref r;
    r.count = 0;
    for (unsigned l = 0; l < m->nl; l++) {
        r.v[r.count] = m->w[l], r.n[r.count++] = (size_t)m->size[l] * m->size[l + 1];
        r.v[r.count] = m->b[l], r.n[r.count++] = m->size[l + 1];
    }
    for (unsigned c = 0; c < m->nconv; c++) {
        r.v[r.count] = m->cw[c], r.n[r.count++] = conv_kk(&m->cg[c]) * m->cg[c].cout;
        r.v[r.count] = m->cb[c], r.n[r.count++] = m->cg[c].cout;
    }
    return r;
}

/* The analytic gradient of the mean loss (one step with lr 1 moves every
 * parameter by -g) against central differences of the loss (a step with lr
 * 0 changes nothing and returns it), for every conv kernel and bias element,
 * and some fully connected ones. The error reaches conv1 through conv2's
 * input error, both poolings and the ReLUs. The images come from rng_state
 * = seed: central differences fail where a step of eps crosses a ReLU kink
 * or changes a pooling's maximum, so each check keeps the inputs it was
 * validated on, whatever the tests before it drew. */
static void gradient_check(mlp_params p, uint64_t seed)
{
    rng_state = seed;
    mlp m;
    assert_int_equal(mlp_init(&m, &p), 0);
    uint8_t px[3 * 110], lab[3] = {1, 7, 4};
    for (size_t i = 0; i < sizeof px; i++)
        px[i] = (uint8_t)(esru_splitmix64(&rng_state) % 256);
    for (unsigned c = 0; c < 2; c++) /* small positive biases: fewer units sit at the ReLU kink */
        for (unsigned o = 0; o < m.cg[c].cout; o++)
            m.cb[c][o] = 0.05f * (float)(o + 1);
    params_ref pr = params_of(&m);
    float *save[2 * (MLP_MAX_LAYERS + MLP_MAX_CONV)];
    for (unsigned q = 0; q < pr.count; q++) {
        save[q] = malloc(pr.n[q] * sizeof(float));
        memcpy(save[q], pr.v[q], pr.n[q] * sizeof(float));
    }
    unsigned dummy = 0, checked = 0;
    m.lr = 1.0f;
    mlp_fp32_step(&m, px, lab, 3, &dummy);
    float *grad[2 * (MLP_MAX_LAYERS + MLP_MAX_CONV)];
    for (unsigned q = 0; q < pr.count; q++) {
        grad[q] = malloc(pr.n[q] * sizeof(float));
        for (size_t i = 0; i < pr.n[q]; i++)
            grad[q][i] = save[q][i] - pr.v[q][i];
        memcpy(pr.v[q], save[q], pr.n[q] * sizeof(float));
    }
    double gmax = 0;
    for (unsigned q = 0; q < pr.count; q++)
        for (size_t i = 0; i < pr.n[q]; i++)
            gmax = fmax(gmax, fabs(grad[q][i]));
    assert_true(gmax > 1e-3);
    m.lr = 0.0f;
    for (unsigned q = 0; q < pr.count; q++) {
        int conv = q >= 2 * m.nl;
        for (size_t i = 0; i < pr.n[q]; i += conv ? 1 : 3) {
            float w0 = pr.v[q][i], eps = 1e-3f;
            pr.v[q][i] = w0 + eps;
            double lp = mlp_fp32_step(&m, px, lab, 3, &dummy) / 3;
            pr.v[q][i] = w0 - eps;
            double lm = mlp_fp32_step(&m, px, lab, 3, &dummy) / 3;
            pr.v[q][i] = w0;
            double num = (lp - lm) / (2.0 * ((double)(w0 + eps) - (double)w0)), an = grad[q][i];
            if (fabs(num - an) > 2e-3 * gmax + 0.03 * fabs(an))
                fail_msg("parameter tensor %u (%s) element %zu: numeric %g analytic %g", q,
                         conv ? "conv" : "fully connected", i, num, an);
            checked++;
        }
    }
    assert_true(checked > 100);
    for (unsigned q = 0; q < pr.count; q++)
        free(save[q]), free(grad[q]);
    mlp_free(&m);
}

static void test_fp32_gradient_cnn(void **state)
{
    (void)state;
    gradient_check(small_cnn(0), UINT64_C(1838975941385547156));
}

/* The same with padding 1 on both layers: the padded im2col, the error's
 * full correlation shifted by the padding (conv2's input error), and kernel
 * gradients that read zeros at the border. */
static void test_fp32_gradient_cnn_padded(void **state)
{
    (void)state;
    gradient_check(small_cnn_pad(0, 1), 777);
}

/* K (advances per step) of LeNet's banks, by hand, batch 32, L lanes: each
 * tensor of n elements costs ceil(n/L). Requantization: conv1's pooled map
 * 32*12*12*6 = 27648, conv2's 32*4*4*16 = 8192, fc1 and fc2 activations
 * 32*120 = 3840 and 32*84 = 2688, the output error 320, the errors at fc3's,
 * fc2's and fc1's inputs 2688, 3840, 8192, and at conv2's input 27648 (none
 * at conv1's: the image needs none). L = 1: 85056; L = 8: 3456 + 1024 + 480
 * + 336 + 40 + 336 + 480 + 1024 + 3456 = 10632. Weight bank: fc3 840 + 10,
 * fc2 10080 + 84, fc1 30720 + 120, conv2 150*16 = 2400 + 16, conv1 25*6 =
 * 150 + 6: L = 1: 44426; L = 8: 105 + 2 + 1260 + 11 + 3840 + 15 + 300 + 2 +
 * 19 + 1 = 5555. Plateau's lane period is 14: K = 5555 is odd, so every
 * weight meets all 14 phases and half fill leaves no bias (the MLP's K =
 * 29394 is even: +1/16 LSB, tests/test_train.c); the requantization bank's
 * K = 10632 is even, so its elements see 7 of them. */
static void test_lenet_bias_check(void **state)
{
    (void)state;
    mlp_params p;
    memset(&p, 0, sizeof p);
    mlp_params_lenet(&p);
    assert_int_equal(mlp_params_input(&p, 28, 28, NULL, 0), 0);
    assert_int_equal(p.size[0], 256);
    p.fixed = 1;
    p.batch = 32;
    p.weight_width = p.act_width = p.grad_width = 8;
    p.acc_width = 32;
    p.lr = 0.0625;
    p.seed = 1;
    esru_config_default(&p.sru);
    p.sru.prng = PRNG_PLATEAU;
    p.sru.sru_width = 8, p.sru.prng_width = 3;
    p.sru.fill = FILL_HALF;
    p.sru.lanes = 1;
    bias_check b;
    assert_int_equal(bias_check_run(&p, &b), 0);
    assert_int_equal(b.bank[0].advances, 85056);
    assert_int_equal(b.bank[1].advances, 44426);
    p.sru.lanes = 8;
    assert_int_equal(bias_check_run(&p, &b), 0);
    assert_int_equal(b.bank[0].advances, 10632);
    assert_int_equal(b.bank[1].advances, 5555);
    assert_float_equal(b.bank[1].s.worst, 0.0, 1e-12);
    assert_int_equal(b.bank[0].s.orbit, 7);
}

static const char *data_dir(void)
{
    const char *d = getenv("ESRU_FASHION_DIR");
    return d ? d : "/usr/share/datasets/fashion-mnist";
}

/* Same seed, same weights (any thread count); another seed, other weights;
 * and the fixed-point step really trains (the loss falls). */
static void test_lenet_determinism(void **state)
{
    (void)state;
    idx_set tr, te;
    char err[1024];
    if (idx_load(data_dir(), "train", 256, &tr, err, sizeof err))
        skip();
    if (idx_load(data_dir(), "t10k", 64, &te, err, sizeof err)) {
        idx_free(&tr);
        skip();
    }
    static train_result r1, r2, r3;
    for (int fixed = 0; fixed < 2; fixed++) {
        train_opts o;
        memset(&o, 0, sizeof o);
        mlp_params_lenet(&o.net);
        assert_int_equal(mlp_params_input(&o.net, tr.rows, tr.cols, NULL, 0), 0);
        o.net.fixed = fixed;
        o.net.batch = 16;
        o.net.weight_width = o.net.act_width = o.net.grad_width = 8;
        o.net.acc_width = 32;
        o.net.lr = 0.0625;
        esru_config_default(&o.net.sru);
        o.net.sru.lanes = 8;
        o.net.seed = o.net.sru.seed = 5;
        o.epochs = 2;
        o.threads = 1;
        assert_int_equal(train_run(&o, &tr, &te, &r1), 0);
        o.threads = 2;
        assert_int_equal(train_run(&o, &tr, &te, &r2), 0);
        assert_int_equal(r1.weight_hash, r2.weight_hash);
        assert_true(r1.ep[1].loss < r1.ep[0].loss);
        o.net.seed = o.net.sru.seed = 6;
        assert_int_equal(train_run(&o, &tr, &te, &r3), 0);
        assert_true(r1.weight_hash != r3.weight_hash);
    }
    idx_free(&tr);
    idx_free(&te);
}

/* Images too small for LeNet's two 5x5 layers are refused: 16x16 is the
 * least (16 -> 12 -> 6 -> 2 -> 1). */
static void test_lenet_fit(void **state)
{
    (void)state;
    mlp_params p;
    memset(&p, 0, sizeof p);
    mlp_params_lenet(&p);
    assert_int_equal(mlp_params_input(&p, 16, 16, NULL, 0), 0);
    assert_int_equal(p.size[0], 16);
    assert_int_equal(mlp_params_input(&p, 15, 16, NULL, 0), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conv_fixed_products), cmocka_unit_test(test_pool),
        cmocka_unit_test(test_fp32_gradient_cnn),   cmocka_unit_test(test_fp32_gradient_cnn_padded),   cmocka_unit_test(test_lenet_bias_check),
        cmocka_unit_test(test_lenet_determinism),   cmocka_unit_test(test_lenet_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
