#include "mlp.h"
#include "model/backend.h"
#include "model/lfsr.h"
#include "model/sru.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const mlp_ovf_names[OVF_N] = {"accumulator", "activation", "error", "gradient", "weight"};

#define INIT_FINE_BITS 40 /* init drawn on a grid 2^40 finer than the weight range */

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz);
    if (!p)
        abort();
    return p;
}

/* Smallest e with 2^e >= v (v > 0). */
static int ceil_log2(double v)
{
    int e;
    double f = frexp(v, &e); /* v = f * 2^e, f in [0.5, 1) */
    return f == 0.5 ? e - 1 : e;
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
    m->fg = xcalloc(maxw, sizeof(float));
    m->qd = xcalloc(B * maxn, sizeof(int32_t));
    m->qd2 = xcalloc(B * maxn, sizeof(int32_t));
    m->upd = xcalloc(maxw > B * maxn ? maxw : B * maxn, sizeof(int32_t));
    m->ones = xcalloc(B, sizeof(int32_t));
    for (size_t i = 0; i < B; i++)
        m->ones[i] = 1;
    m->acc = xcalloc(maxw > B * maxn ? maxw : B * maxn, sizeof(int64_t));
    m->init = xcalloc(maxn, sizeof(int64_t));
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
