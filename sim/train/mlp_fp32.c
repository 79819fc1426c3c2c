/* The fp32 baseline: same model, init and data order as the fixed path. */
#include "model/kernels.h"
#include "model/simd.h"
#include "mlp.h"

/* b[c] -= lr * (sum over rows r of d[r][c], r ascending): the bias step of a
 * layer with an nb x out error. Rows outer and a block of columns inner, so
 * the sums vectorize; each column still adds its rows in ascending order. */
static void bias_step(float *b, const float *d, size_t rows, size_t out, float lr)
{
    enum { BLOCK = 64 };
    for (size_t c0 = 0; c0 < out; c0 += BLOCK) {
        size_t w = out - c0 < BLOCK ? out - c0 : BLOCK;
        float gb[BLOCK] = {0};
        for (size_t r = 0; r < rows; r++)
            for (size_t j = 0; j < w; j++)
                gb[j] += d[r * out + c0 + j];
        for (size_t j = 0; j < w; j++)
            b[c0 + j] -= lr * gb[j];
    }
}

/* ReLU' on an error: zero where the layer's stored input is not positive
 * (a select, not a branch: the loop vectorizes). */
static void relu_mask(float *e, const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        e[i] = x[i] <= 0.0f ? 0.0f : e[i];
}

/* The conv front: per layer im2col, one product with the bias, 2x2 max
 * pooling, ReLU; the last pooled map is fa[0]. */
static void conv_forward(mlp *m, const uint8_t *px, size_t nb)
{
    for (size_t i = 0, n0 = nb * conv_in_n(&m->cg[0]); i < n0; i++)
        m->fcx[0][i] = (float)px[i] * (1.0f / 256.0f);
    for (unsigned c = 0; c < m->nconv; c++) {
        const conv_geom *g = &m->cg[c];
        size_t kk = conv_kk(g), np = nb * conv_pool_n(g);
        float *out = c + 1 < m->nconv ? m->fcx[c + 1] : m->fa[0];
        conv_im2col_f32(g, nb, m->fcx[c], m->fcol);
        kern_shape s = {nb * conv_pos(g), kk, g->cout, kk, 1, g->cout, 1};
        kern_f32(&s, m->fcol, m->cw[c], m->cb[c], m->fcy);
        conv_pool_f32(g, nb, m->fcy, m->fcp, m->parg[c]);
        for (size_t i = 0; i < np; i++)
            out[i] = m->fcp[i] > 0.0f ? m->fcp[i] : 0.0f;
    }
}

/* Backward through the conv front from the error d at fa[0] (already
 * masked by ReLU'): the pooling's scatter, the error at the layer's input
 * with the old kernel (full correlation with the flipped kernel), masked by
 * ReLU', then the kernel and bias updates. */
static void conv_backward(mlp *m, const float *d, size_t nb)
{
    for (unsigned c = m->nconv; c-- > 0;) {
        const conv_geom *g = &m->cg[c];
        size_t kk = conv_kk(g), rows = nb * conv_pos(g);
        conv_unpool_f32(g, nb, d, m->parg[c], m->fcdy);
        if (c > 0) {
            size_t kf = (size_t)g->k * g->k * g->cout, np = nb * conv_in_n(g);
            conv_im2col_full_f32(g, nb, m->fcdy, m->fcol);
            conv_flip_f32(g, m->cw[c], m->fwf);
            kern_shape s = {nb * g->h * g->w, kf, g->cin, kf, 1, g->cin, 1};
            kern_f32(&s, m->fcol, m->fwf, NULL, m->fce);
            relu_mask(m->fce, m->fcx[c], np);
        }
        conv_im2col_f32(g, nb, m->fcx[c], m->fcol);
        kern_shape gw = {kk, rows, g->cout, 1, kk, g->cout, 1};
        kern_f32(&gw, m->fcol, m->fcdy, NULL, m->fg);
        kern_f32_update(m->cw[c], m->fg, m->lr, kk, g->cout);
        bias_step(m->cb[c], m->fcdy, rows, g->cout, m->lr);
        d = m->fce;
    }
}

static void forward(mlp *m, const uint8_t *px, size_t nb)
{
    size_t n0 = (size_t)nb * m->size[0];
    if (m->nconv)
        conv_forward(m, px, nb);
    else
        for (size_t i = 0; i < n0; i++)
            m->fa[0][i] = (float)px[i] * (1.0f / 256.0f);
    for (unsigned l = 0; l < m->nl; l++) {
        size_t in = m->size[l], out = m->size[l + 1];
        kern_shape s = {nb, in, out, in, 1, out, 1};
        float *dst = l + 1 < m->nl ? m->fa[l + 1] : m->logits;
        kern_f32(&s, m->fa[l], m->w[l], m->b[l], dst);
        if (l + 1 < m->nl)
            for (size_t i = 0; i < nb * out; i++)
                dst[i] = dst[i] > 0.0f ? dst[i] : 0.0f;
    }
}

double mlp_fp32_step(mlp *m, const uint8_t *px, const uint8_t *lab, size_t nb, unsigned *correct)
{
    forward(m, px, nb);
    unsigned nout = m->size[m->nl];
    double loss = mlp_softmax_xent(m->logits, lab, nb, nout, m->fd, correct);
    float *d = m->fd, *dprev = m->fd2;
    for (unsigned l = m->nl; l-- > 0;) {
        size_t in = m->size[l], out = m->size[l + 1];
        if (l > 0 || m->nconv) { /* error of the layer below, with the weights before this update */
            kern_shape s = {nb, out, in, out, 1, 1, out};
            kern_f32(&s, d, m->w[l], NULL, dprev);
            relu_mask(dprev, m->fa[l], nb * in);
        }
        kern_shape g = {in, nb, out, 1, in, out, 1};
        kern_f32(&g, m->fa[l], d, NULL, m->fgw[l]);
        kern_f32_update(m->w[l], m->fgw[l], m->lr, in, out);
        bias_step(m->b[l], d, nb, out, m->lr);
        float *t = d;
        d = dprev;
        dprev = t;
    }
    if (m->nconv)
        conv_backward(m, d, nb);
    return loss;
}

void mlp_fp32_predict(mlp *m, const uint8_t *px, size_t nb, uint8_t *pred)
{
    forward(m, px, nb);
    unsigned nout = m->size[m->nl];
    for (size_t r = 0; r < nb; r++) {
        unsigned arg = 0;
        for (unsigned c = 1; c < nout; c++)
            if (m->logits[r * nout + c] > m->logits[r * nout + arg])
                arg = c;
        pred[r] = (uint8_t)arg;
    }
}
