/* Dynamic fixed point: every tensor is integers q with one power-of-two
 * exponent e (value = q * 2^e). Every narrowing goes through quant_stream()
 * (the SRU C model); see docs/training.md for the scale rules and order. */
#include "model/backend.h"
#include "model/kernels.h"
#include "mlp.h"
#include "model/simd.h"
#include "model/sru.h"
#include <math.h>

/* v * 2^s into the accumulator grid: exact for s >= 0 (saturated far out),
 * RNE through the C model for s < 0 (only if activations had a huge scale). */
static int64_t align_shift(int64_t v, int s)
{
    if (s < 0)
        return esru_round(v, (unsigned)(-s > 62 ? 62 : -s), 64, ROUND_RNE, 0, 0, NULL);
    if (s > 30)
        s = 30; /* |v| < 2^16: still far outside any accumulator */
    return v * (INT64_C(1) << s);
}

/* Pixels 0..255 (value p/256) into act_width-bit signed integers: exact
 * for act_width >= 9, else truncation of the low pixel bits via the C model.
 * Returns the exponent. Compiled per vector width: the model's int64
 * arithmetic did not vectorize for x86-64's baseline, and this serial loop
 * was 3.8 % of a 2-thread step (17.6 -> 6.1 us a step). */
ESRU_CLONES static int load_input(mlp *m, const uint8_t *px, size_t n, int32_t *q)
{
    unsigned A = m->act_width;
    unsigned d = A >= 9 ? 0 : 9 - A;
    for (size_t i = 0; i < n; i++)
        q[i] = (int32_t)esru_round(px[i], d, A, ROUND_TRUNC, 0, 0, NULL);
    return -8 + (int)d;
}

/* Where conv layer c's pooled ReLU output goes: the next conv layer's input,
 * or the fully connected input qa[0] (the flattened map). */
static int32_t *conv_out(mlp *m, unsigned c) { return c + 1 < m->nconv ? m->qcx[c + 1] : m->qa[0]; }

/* The conv front: per layer, im2col, one GEMM with the bias as init, 2x2 max
 * pooling of the accumulators (exact), then ReLU and requantization of the
 * pooled map (bank q). ec[c] gets layer c's input exponent; returns the
 * exponent of qa[0]. */
static int conv_forward(mlp *m, fx_backend *be, quant_bank *q, const uint8_t *px, size_t nb, int ec[],
                        uint64_t ovf[OVF_N])
{
    ec[0] = load_input(m, px, nb * conv_in_n(&m->cg[0]), m->qcx[0]);
    for (unsigned c = 0; c < m->nconv; c++) {
        const conv_geom *g = &m->cg[c];
        size_t np = nb * conv_pool_n(g);
        int eacc = m->ecw[c] + ec[c];
        for (size_t o = 0; o < g->cout; o++)
            m->init[o] = align_shift(m->qcb[c][o], m->ecb[c] - eacc);
        fx_at(be, "conv forward product", (int)c);
        ovf[OVF_ACC] += conv_fx_forward(be, g, nb, m->qcx[c], m->qcw[c], m->init, m->acc_width, m->qcol, m->cacc);
        conv_pool_i64(g, nb, m->cacc, m->cpool, m->parg[c]);
        int d = fx_dyn_shift_masked(m->cpool, np, 1, NULL, m->act_width);
        fx_at(be, "conv activation", (int)c);
        ovf[OVF_ACT] += be->requant(be, q, m->cpool, np, 1, NULL, d, m->act_width, conv_out(m, c));
        int eout = eacc + d;
        if (c + 1 < m->nconv)
            ec[c + 1] = eout;
        else
            return eout;
    }
    return 0;
}

/* Forward pass through all layers; the last layer's accumulator is left in
 * m->acc with exponent *elog. Hidden activations go through bank q, the
 * products and conversions through backend be. */
static void forward(mlp *m, fx_backend *be, quant_bank *q, const uint8_t *px, size_t nb, int ec[], int ea[],
                    int *elog, uint64_t ovf[OVF_N])
{
    ea[0] = m->nconv ? conv_forward(m, be, q, px, nb, ec, ovf) : load_input(m, px, nb * m->size[0], m->qa[0]);
    const int L0 = (int)m->nconv; /* backend labels: conv layers first */
    for (unsigned l = 0; l < m->nl; l++) {
        size_t in = m->size[l], out = m->size[l + 1], n = nb * out;
        int eacc = m->ew[l] + ea[l];
        for (size_t c = 0; c < out; c++)
            m->init[c] = align_shift(m->qb[l][c], m->eb[l] - eacc);
        kern_shape s = {nb, in, out, in, 1, out, 1};
        fx_at(be, "forward product", L0 + (int)l);
        ovf[OVF_ACC] += be->gemm(be, &s, m->qa[l], m->qw[l], m->init, m->acc_width, m->acc);
        if (l + 1 == m->nl) {
            *elog = eacc;
            return;
        }
        /* ReLU (exact on integers) is part of the conversion */
        int d = fx_dyn_shift_masked(m->acc, n, 1, NULL, m->act_width);
        fx_at(be, "activation", L0 + (int)l + 1);
        ovf[OVF_ACT] += be->requant(be, q, m->acc, n, 1, NULL, d, m->act_width, m->qa[l + 1]);
        ea[l + 1] = eacc + d;
    }
}

/* w <- sat(w - lr*g): g (accumulator, exponent eg) is negated and rounded by
 * the SRU straight into w's LSB grid (the shift folds in lr = 2^lr_log2),
 * then added with saturation: one backend update. */
static void update(mlp *m, int32_t *w, size_t n, int ew, const int64_t *g, int eg, uint64_t ovf[OVF_N])
{
    int d = ew - (eg + m->lr_log2);
    m->be->update(m->be, &m->wq, w, g, n, d, m->grad_width, m->weight_width, &ovf[OVF_GRAD], &ovf[OVF_WEIGHT]);
}

/* The conv front's backward pass, top layer first, from the error dl
 * (exponent ed) at the last pooled map: the pooling's scatter (exact), the
 * error at the layer's input with the old kernel (full correlation with the
 * flipped kernel as one GEMM, masked by ReLU' of the stored input and
 * requantized), then the kernel and bias updates. */
static void conv_backward(mlp *m, fx_backend *be, const int32_t *dl, int ed, const int ec[], size_t nb,
                          uint64_t ovf[OVF_N])
{
    for (unsigned c = m->nconv; c-- > 0;) {
        const conv_geom *g = &m->cg[c];
        size_t kk = conv_kk(g), rows = nb * conv_pos(g);
        conv_unpool_i32(g, nb, dl, m->parg[c], m->qcdy);
        int edprev = 0;
        if (c > 0) {
            size_t np = nb * conv_in_n(g);
            fx_at(be, "conv error product", (int)c);
            ovf[OVF_ACC] += conv_fx_input_error(be, g, nb, m->qcdy, m->qcw[c], m->acc_width, m->qcol, m->qwf, m->cacc);
            int dp = fx_dyn_shift_masked(m->cacc, np, 0, m->qcx[c], m->act_width);
            fx_at(be, "conv error", (int)c);
            ovf[OVF_ERR] += be->requant(be, &m->rq, m->cacc, np, 0, m->qcx[c], dp, m->act_width, m->qce);
            edprev = ed + m->ecw[c] + dp;
        }
        fx_at(be, "conv weight gradient", (int)c);
        ovf[OVF_ACC] += conv_fx_weight_grad(be, g, nb, m->qcx[c], m->qcdy, m->acc_width, m->qcol, m->cacc);
        fx_at(be, "conv weight update", (int)c);
        update(m, m->qcw[c], kk * g->cout, m->ecw[c], m->cacc, ec[c] + ed, ovf);
        kern_shape gb = {1, rows, g->cout, 0, 1, g->cout, 1};
        fx_at(be, "conv bias gradient", (int)c);
        ovf[OVF_ACC] += be->gemm(be, &gb, m->cones, m->qcdy, NULL, m->acc_width, m->cacc);
        fx_at(be, "conv bias update", (int)c);
        update(m, m->qcb[c], g->cout, m->ecb[c], m->cacc, ed, ovf);
        dl = m->qce;
        ed = edprev;
    }
}

double mlp_fixed_step(mlp *m, const uint8_t *px, const uint8_t *lab, size_t nb, unsigned *correct,
                      uint64_t ovf[OVF_N])
{
    int ea[MLP_MAX_LAYERS + 1], ec[MLP_MAX_CONV], elog;
    fx_backend *be = m->be;
    const int L0 = (int)m->nconv;
    forward(m, be, &m->rq, px, nb, ec, ea, &elog, ovf);
    unsigned nout = m->size[m->nl];
    size_t n = nb * nout;
    /* Float island: logits -> softmax -> cross-entropy -> output error. */
    for (size_t i = 0; i < n; i++)
        m->logits[i] = (float)ldexp((double)m->acc[i], elog);
    double loss = mlp_softmax_xent(m->logits, lab, nb, nout, m->delta, correct);
    int e = quant_from_float(m->delta, n, m->acc);
    int d = quant_dyn_shift(m->acc, n, m->act_width);
    fx_at(be, "output error", L0 + (int)m->nl);
    ovf[OVF_ERR] += be->requant(be, &m->rq, m->acc, n, 0, NULL, d, m->act_width, m->qd);
    int ed = e + d;
    int32_t *dl = m->qd, *dprev = m->qd2;
    for (unsigned l = m->nl; l-- > 0;) {
        size_t in = m->size[l], out = m->size[l + 1];
        int edprev = 0;
        if (l > 0 || m->nconv) { /* 1. error of the layer below, with the old weights */
            kern_shape s = {nb, out, in, out, 1, 1, out};
            fx_at(be, "error product", L0 + (int)l);
            ovf[OVF_ACC] += be->gemm(be, &s, dl, m->qw[l], NULL, m->acc_width, m->acc);
            size_t np = nb * in;
            /* ReLU' (stored activation > 0) is part of the conversion */
            int dp = fx_dyn_shift_masked(m->acc, np, 0, m->qa[l], m->act_width);
            fx_at(be, "error", L0 + (int)l);
            ovf[OVF_ERR] += be->requant(be, &m->rq, m->acc, np, 0, m->qa[l], dp, m->act_width, dprev);
            edprev = ed + m->ew[l] + dp;
        }
        /* 2. weight update, 3. bias update (weight-update bank) */
        kern_shape g = {in, nb, out, 1, in, out, 1};
        fx_at(be, "weight gradient", L0 + (int)l);
        ovf[OVF_ACC] += be->gemm(be, &g, m->qa[l], dl, NULL, m->acc_width, m->gw[l]);
        fx_at(be, "weight update", L0 + (int)l);
        update(m, m->qw[l], in * out, m->ew[l], m->gw[l], ea[l] + ed, ovf);
        kern_shape gb = {1, nb, out, 0, 1, out, 1};
        fx_at(be, "bias gradient", L0 + (int)l);
        ovf[OVF_ACC] += be->gemm(be, &gb, m->ones, dl, NULL, m->acc_width, m->acc);
        fx_at(be, "bias update", L0 + (int)l);
        update(m, m->qb[l], out, m->eb[l], m->acc, ed, ovf);
        int32_t *t = dl;
        dl = dprev;
        dprev = t;
        ed = edprev;
    }
    if (m->nconv)
        conv_backward(m, be, dl, ed, ec, nb, ovf);
    return loss;
}

void mlp_fixed_predict(mlp *m, const uint8_t *px, size_t nb, uint8_t *pred, uint64_t ovf[OVF_N])
{
    int ea[MLP_MAX_LAYERS + 1], ec[MLP_MAX_CONV], elog;
    forward(m, &fx_backend_c, &m->ev, px, nb, ec, ea, &elog, ovf); /* evaluation: always the C model */
    unsigned nout = m->size[m->nl];
    for (size_t r = 0; r < nb; r++) {
        unsigned arg = 0;
        for (unsigned c = 1; c < nout; c++)
            if (m->acc[r * nout + c] > m->acc[r * nout + arg])
                arg = c;
        pred[r] = (uint8_t)arg;
    }
}
