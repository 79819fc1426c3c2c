#include "mlp.h"
#include "model/backend.h"
#include "model/lfsr.h"
#include "model/sru.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const mlp_ovf_names[OVF_N] = {"accumulator", "activation", "error", "gradient", "weight"};

#define INIT_FINE_BITS 40 /* init drawn on a grid 2^40 finer than the weight range */

/* Zeroed and cache-line aligned: where two threads split a row between
 * them, the line at the boundary then belongs to one of them (a line that
 * straddled it went back and forth between the cores at every row). */
static void *xcalloc(size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz - 64)
        abort();
    size_t bytes = ((n ? n : 1) * sz + 63) / 64 * 64;
    void *p = aligned_alloc(64, bytes);
    if (!p)
        abort();
    return memset(p, 0, bytes);
}

/* Smallest e with 2^e >= v (v > 0). */
static int ceil_log2(double v)
{
    int e;
    double f = frexp(v, &e); /* v = f * 2^e, f in [0.5, 1) */
    return f == 0.5 ? e - 1 : e;
}

void mlp_params_lenet(mlp_params *p)
{
    p->nconv = 2;
    p->conv_k[0] = p->conv_k[1] = 5;
    p->conv_c[0] = 6;
    p->conv_c[1] = 16;
    p->conv_pad[0] = p->conv_pad[1] = 0;
    p->nl = 3;
    p->size[1] = 120;
    p->size[2] = 84;
}

/* The conv front's geometry on a rows x cols image; -1 if there are too
 * many layers or one does not fit (err, unless NULL, names it). */
static int conv_chain(const mlp_params *p, unsigned rows, unsigned cols, conv_geom *g, char *err, size_t len)
{
    unsigned h = rows, w = cols, c = 1;
    if (p->nconv > MLP_MAX_CONV) {
        if (err)
            snprintf(err, len, "%u conv layers (valid: 0..%u)", p->nconv, MLP_MAX_CONV);
        return -1;
    }
    for (unsigned i = 0; i < p->nconv; i++) {
        if (conv_geom_set(&g[i], h, w, c, p->conv_k[i], p->conv_c[i], p->conv_pad[i]) != 0) {
            if (err)
                snprintf(err, len,
                         "conv layer %u (%ux%u kernel, padding %u) does not fit its %ux%u input map of %ux%u images "
                         "(valid: a kernel no larger than the padded map, leaving at least 2x2 for the 2x2 pooling)",
                         i + 1, p->conv_k[i], p->conv_k[i], p->conv_pad[i], h, w, rows, cols);
            return -1;
        }
        h = g[i].ph, w = g[i].pw, c = g[i].cout;
    }
    return 0;
}

const char *mlp_params_name(const mlp_params *p)
{
    mlp_params l = *p;
    mlp_params_lenet(&l);
    int lenet = p->nconv == l.nconv && p->nl == l.nl;
    for (unsigned i = 0; lenet && i < l.nconv; i++)
        lenet = p->conv_k[i] == l.conv_k[i] && p->conv_c[i] == l.conv_c[i] && p->conv_pad[i] == l.conv_pad[i];
    for (unsigned i = 1; lenet && i < l.nl; i++)
        lenet = p->size[i] == l.size[i];
    return lenet ? "lenet" : p->nconv ? "cnn" : "mlp";
}

int mlp_params_input(mlp_params *p, unsigned rows, unsigned cols, char *err, size_t len)
{
    conv_geom g[MLP_MAX_CONV];
    if (conv_chain(p, rows, cols, g, err, len) != 0)
        return -1;
    p->in_rows = rows;
    p->in_cols = cols;
    p->size[0] = p->nconv ? (unsigned)conv_pool_n(&g[p->nconv - 1]) : rows * cols;
    p->size[p->nl] = 10;
    return 0;
}

/* The conv layers' parameters (He-uniform like the fully connected ones,
 * drawn after them from the same stream) and scratch. */
static int conv_init(mlp *m, const mlp_params *p, uint64_t *rng)
{
    m->nconv = p->nconv;
    if (!m->nconv)
        return 0;
    if (conv_chain(p, p->in_rows, p->in_cols, m->cg, NULL, 0) != 0 ||
        conv_pool_n(&m->cg[m->nconv - 1]) != m->size[0])
        return -1;
    size_t B = m->batch, col = 0, out = 0, pool = 0, maxw = 0;
    for (unsigned c = 0; c < m->nconv; c++) {
        const conv_geom *g = &m->cg[c];
        size_t kk = conv_kk(g), nw = kk * g->cout;
        maxw = nw > maxw ? nw : maxw;
        m->cw[c] = xcalloc(nw, sizeof(float));
        m->cb[c] = xcalloc(g->cout, sizeof(float));
        m->qcw[c] = xcalloc(nw, sizeof(int32_t));
        m->qcb[c] = xcalloc(g->cout, sizeof(int32_t));
        double limit = sqrt(6.0 / (double)kk);
        int top = ceil_log2(2.0 * limit);
        m->ecw[c] = top - (int)(m->weight_width - 1);
        m->ecb[c] = m->ecw[c] + 2;
        int efine = top - INIT_FINE_BITS;
        int64_t L = (int64_t)ldexp(limit, -efine);
        for (size_t i = 0; i < nw; i++) {
            int64_t v = (int64_t)(esru_splitmix64(rng) % (uint64_t)(2 * L + 1)) - L;
            m->cw[c][i] = (float)ldexp((double)v, efine);
            m->qcw[c][i] = (int32_t)esru_round(v, (unsigned)(m->ecw[c] - efine), m->weight_width, ROUND_RNE, 0, 0,
                                               NULL);
        }
        m->fcx[c] = xcalloc(B * conv_in_n(g), sizeof(float));
        m->qcx[c] = xcalloc(B * conv_in_n(g), sizeof(int32_t));
        m->parg[c] = xcalloc(B * conv_pool_n(g), sizeof(uint32_t));
        size_t fwd = conv_pos(g) * kk, full = conv_in_n(g) / g->cin * g->k * g->k * g->cout; /* per image */
        col = fwd > col ? fwd : col;
        if (c > 0) /* the error at the input: only above the first layer */
            col = full > col ? full : col;
        out = conv_out_n(g) > out ? conv_out_n(g) : out;
        out = conv_in_n(g) > out ? conv_in_n(g) : out;
        pool = conv_pool_n(g) > pool ? conv_pool_n(g) : pool;
    }
    size_t pos = conv_pos(&m->cg[0]); /* the most output positions per image: the first layer's */
    if (m->fixed) {
        m->qcol = xcalloc(B * col, sizeof(int32_t));
        m->cacc = xcalloc(B * out, sizeof(int64_t));
    } else {
        m->fcol = xcalloc(B * col, sizeof(float));
    }
    m->fcy = xcalloc(B * out, sizeof(float));
    m->fcp = xcalloc(B * pool, sizeof(float));
    m->fcdy = xcalloc(B * out, sizeof(float));
    m->fce = xcalloc(B * out, sizeof(float));
    m->cpool = xcalloc(B * pool, sizeof(int64_t));
    m->qcdy = xcalloc(B * out, sizeof(int32_t));
    m->qce = xcalloc(B * out, sizeof(int32_t));
    m->fwf = xcalloc(maxw, sizeof(float));
    m->fg = xcalloc(maxw, sizeof(float)); /* the conv layers' fp32 weight gradient (fgw: the others') */
    m->qwf = xcalloc(maxw, sizeof(int32_t));
    m->cones = xcalloc(B * pos, sizeof(int32_t));
    for (size_t i = 0; i < B * pos; i++)
        m->cones[i] = 1;
    return 0;
}

int mlp_init(mlp *m, const mlp_params *p)
{
    memset(m, 0, sizeof *m);
    m->fixed = p->fixed;
    m->nl = p->nl;
    memcpy(m->size, p->size, sizeof m->size);
    m->batch = p->batch;
    m->weight_width = p->weight_width;
    m->act_width = p->act_width;
    m->grad_width = p->grad_width;
    m->acc_width = p->acc_width;
    m->lr = (float)p->lr;
    int e;
    frexp(p->lr, &e);
    m->lr_log2 = e - 1;
    uint64_t rng = p->seed ^ UINT64_C(0x1417A5A5D00DF00D); /* init stream, apart from shuffling */
    size_t maxn = 0, maxw = 0;
    for (unsigned l = 0; l <= m->nl; l++)
        if (m->size[l] > maxn)
            maxn = m->size[l];
    for (unsigned c = 0; c < p->nconv && c < MLP_MAX_CONV; c++)
        if (p->conv_c[c] > maxn) /* m->init holds a conv layer's biases too */
            maxn = p->conv_c[c];
    for (unsigned l = 0; l < m->nl; l++) {
        size_t in = m->size[l], out = m->size[l + 1], n = in * out;
        if (n > maxw)
            maxw = n;
        m->w[l] = xcalloc(n, sizeof(float));
        m->b[l] = xcalloc(out, sizeof(float));
        m->qw[l] = xcalloc(n, sizeof(int32_t));
        m->qb[l] = xcalloc(out, sizeof(int32_t));
        /* He-uniform init, limit sqrt(6/fan_in). The weight tensor's range is
         * the smallest power of two >= 2*limit (headroom for growth). */
        double limit = sqrt(6.0 / (double)in);
        int top = ceil_log2(2.0 * limit);
        m->ew[l] = top - (int)(m->weight_width - 1);
        m->eb[l] = m->ew[l] + 2; /* biases: 4x the weight range */
        int efine = top - INIT_FINE_BITS;
        int64_t L = (int64_t)ldexp(limit, -efine);
        for (size_t i = 0; i < n; i++) {
            int64_t v = (int64_t)(esru_splitmix64(&rng) % (uint64_t)(2 * L + 1)) - L;
            m->w[l][i] = (float)ldexp((double)v, efine);
            m->qw[l][i] = (int32_t)esru_round(v, (unsigned)(m->ew[l] - efine), m->weight_width, ROUND_RNE, 0, 0, NULL);
        }
    }
    size_t B = m->batch;
    for (unsigned l = 0; l <= m->nl; l++) {
        m->fa[l] = xcalloc(B * m->size[l], sizeof(float));
        m->qa[l] = xcalloc(B * m->size[l], sizeof(int32_t));
    }
    m->fd = xcalloc(B * maxn, sizeof(float));
    m->fd2 = xcalloc(B * maxn, sizeof(float));
    m->logits = xcalloc(B * maxn, sizeof(float));
    m->delta = xcalloc(B * maxn, sizeof(float));
    m->qd = xcalloc(B * maxn, sizeof(int32_t));
    m->qd2 = xcalloc(B * maxn, sizeof(int32_t));
    m->upd = xcalloc(maxw > B * maxn ? maxw : B * maxn, sizeof(int32_t));
    m->ones = xcalloc(B, sizeof(int32_t));
    for (size_t i = 0; i < B; i++)
        m->ones[i] = 1;
    m->acc = xcalloc(maxw > B * maxn ? maxw : B * maxn, sizeof(int64_t));
    for (unsigned l = 0; l < m->nl; l++)
        if (m->fixed)
            m->gw[l] = xcalloc((size_t)m->size[l] * m->size[l + 1], sizeof(int64_t));
        else
            m->fgw[l] = xcalloc((size_t)m->size[l] * m->size[l + 1], sizeof(float));
    m->init = xcalloc(maxn, sizeof(int64_t));
    if (conv_init(m, p, &rng) != 0) {
        mlp_free(m);
        return -1;
    }
    /* Banks: requantization, weight update, evaluation (esru_bank_seed). */
    quant_bank_init(&m->rq, &p->sru, esru_bank_seed(p->seed, 0), p->sr_ideal);
    quant_bank_init(&m->wq, &p->sru, esru_bank_seed(p->seed, 1), p->sr_ideal);
    quant_bank_init(&m->ev, &p->sru, esru_bank_seed(p->seed, 2), p->sr_ideal);
    m->be = &fx_backend_c;
    return 0;
}

void mlp_free(mlp *m)
{
    for (unsigned l = 0; l < m->nl; l++) {
        free(m->w[l]);
        free(m->b[l]);
        free(m->qw[l]);
        free(m->qb[l]);
        free(m->gw[l]);
        free(m->fgw[l]);
    }
    for (unsigned l = 0; l <= m->nl; l++) {
        free(m->fa[l]);
        free(m->qa[l]);
    }
    free(m->fd);
    free(m->fd2);
    free(m->fg);
    free(m->logits);
    free(m->delta);
    free(m->qd);
    free(m->qd2);
    free(m->upd);
    free(m->ones);
    free(m->acc);
    free(m->init);
    for (unsigned c = 0; c < MLP_MAX_CONV; c++) {
        free(m->cw[c]);
        free(m->cb[c]);
        free(m->qcw[c]);
        free(m->qcb[c]);
        free(m->fcx[c]);
        free(m->qcx[c]);
        free(m->parg[c]);
    }
    free(m->fcol);
    free(m->fcy);
    free(m->fcp);
    free(m->fcdy);
    free(m->fce);
    free(m->fwf);
    free(m->qcol);
    free(m->qcdy);
    free(m->qce);
    free(m->qwf);
    free(m->cones);
    free(m->cacc);
    free(m->cpool);
    memset(m, 0, sizeof *m);
}

uint64_t mlp_hash(const mlp *m)
{
    uint64_t h = ESRU_FNV_INIT;
    for (unsigned l = 0; l < m->nl; l++) {
        size_t n = (size_t)m->size[l] * m->size[l + 1], nb = m->size[l + 1];
        if (m->fixed) {
            h = esru_fnv1a64(m->qw[l], n * sizeof(int32_t), h);
            h = esru_fnv1a64(m->qb[l], nb * sizeof(int32_t), h);
            h = esru_fnv1a64(&m->ew[l], sizeof(int), h);
            h = esru_fnv1a64(&m->eb[l], sizeof(int), h);
        } else {
            h = esru_fnv1a64(m->w[l], n * sizeof(float), h);
            h = esru_fnv1a64(m->b[l], nb * sizeof(float), h);
        }
    }
    for (unsigned c = 0; c < m->nconv; c++) {
        size_t n = conv_kk(&m->cg[c]) * m->cg[c].cout, nb = m->cg[c].cout;
        if (m->fixed) {
            h = esru_fnv1a64(m->qcw[c], n * sizeof(int32_t), h);
            h = esru_fnv1a64(m->qcb[c], nb * sizeof(int32_t), h);
            h = esru_fnv1a64(&m->ecw[c], sizeof(int), h);
            h = esru_fnv1a64(&m->ecb[c], sizeof(int), h);
        } else {
            h = esru_fnv1a64(m->cw[c], n * sizeof(float), h);
            h = esru_fnv1a64(m->cb[c], nb * sizeof(float), h);
        }
    }
    return h;
}

double mlp_softmax_xent(const float *z, const uint8_t *lab, size_t nb, unsigned nout, float *delta,
                        unsigned *correct)
{
    double loss = 0.0;
    for (size_t r = 0; r < nb; r++) {
        const float *zr = z + r * nout;
        float *dr = delta + r * nout;
        unsigned arg = 0;
        for (unsigned c = 1; c < nout; c++)
            if (zr[c] > zr[arg])
                arg = c;
        double sum = 0.0;
        for (unsigned c = 0; c < nout; c++)
            sum += exp((double)zr[c] - (double)zr[arg]);
        for (unsigned c = 0; c < nout; c++) {
            double pc = exp((double)zr[c] - (double)zr[arg]) / sum;
            dr[c] = (float)((pc - (c == lab[r] ? 1.0 : 0.0)) / (double)nb);
        }
        loss += log(sum) - ((double)zr[lab[r]] - (double)zr[arg]);
        *correct += arg == lab[r];
    }
    return loss;
}
