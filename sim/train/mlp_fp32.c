/* The fp32 baseline: same model, init and data order as the fixed path. */
#include "model/kernels.h"
#include "model/simd.h"
#include "mlp.h"

static void forward(mlp *m, const uint8_t *px, size_t nb)
{
    size_t n0 = (size_t)nb * m->size[0];
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
        if (l > 0) { /* error of the layer below, with the weights before this update */
            kern_shape s = {nb, out, in, out, 1, 1, out};
            kern_f32(&s, d, m->w[l], NULL, dprev);
            for (size_t i = 0; i < nb * in; i++)
                if (m->fa[l][i] <= 0.0f)
                    dprev[i] = 0.0f;
        }
        kern_shape g = {in, nb, out, 1, in, out, 1};
        kern_f32(&g, m->fa[l], d, NULL, m->fg);
        size_t nw = in * out;
        unsigned nt = nw < 16384 ? 1 : esru_threads(); /* element by element: any split gives the same floats */
        float *w = m->w[l];
        const float *fg = m->fg, lr = m->lr;
        (void)nt;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(static)
#endif
        for (size_t i = 0; i < nw; i++)
            w[i] -= lr * fg[i];
        for (size_t c = 0; c < out; c++) {
            float gb = 0.0f;
            for (size_t r = 0; r < nb; r++)
                gb += d[r * out + c];
            m->b[l][c] -= m->lr * gb;
        }
        float *t = d;
        d = dprev;
        dprev = t;
    }
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
