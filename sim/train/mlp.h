/* The MLP shared by both numerics: layer sizes, parameters, scratch. */
#ifndef TRAIN_MLP_H
#define TRAIN_MLP_H
#include "model/quant.h"
#include <stddef.h>
#include <stdint.h>

#define MLP_MAX_LAYERS 8 /* weight layers */

typedef struct fx_backend fx_backend; /* backend.h: who computes the fixed-point operations */

enum { OVF_ACC, OVF_ACT, OVF_ERR, OVF_GRAD, OVF_WEIGHT, OVF_N };
extern const char *const mlp_ovf_names[OVF_N];

typedef struct {
    int fixed;                      /* 0: fp32, 1: fixed point */
    unsigned nl;                    /* weight layers */
    unsigned size[MLP_MAX_LAYERS + 1];
    unsigned batch;                 /* max batch */
    /* fp32 parameters: w[l] is size[l] x size[l+1] (input-major) */
    float *w[MLP_MAX_LAYERS], *b[MLP_MAX_LAYERS];
    /* fixed parameters: value = q * 2^e */
    int32_t *qw[MLP_MAX_LAYERS], *qb[MLP_MAX_LAYERS];
    int ew[MLP_MAX_LAYERS], eb[MLP_MAX_LAYERS];
    unsigned weight_width, act_width, grad_width, acc_width;
    int lr_log2;                    /* fixed: lr = 2^lr_log2 */
    float lr;                       /* fp32 */
    quant_bank rq, wq, ev;          /* requantization, weight update, evaluation */
    fx_backend *be;                 /* training steps' GEMMs and conversions (default: the C model) */
    /* scratch */
    float *fa[MLP_MAX_LAYERS + 1], *fd, *fd2, *fg, *logits, *delta;
    int32_t *qa[MLP_MAX_LAYERS + 1], *qd, *qd2, *upd, *ones;
    int64_t *acc, *init;
} mlp;

typedef struct {
    int fixed;
    unsigned nl, size[MLP_MAX_LAYERS + 1], batch;
    unsigned weight_width, act_width, grad_width, acc_width;
    double lr; /* fixed: must be a power of two */
    esru_config sru;
    int sr_ideal; /* --rounding sr-ideal: exact SR from 64-bit words, not a unit */
    uint64_t seed;
} mlp_params;

/* Same initial weights for fp32 and every fixed width (see docs/training.md). */
int mlp_init(mlp *m, const mlp_params *p);
void mlp_free(mlp *m);
/* FNV-1a 64 over the parameter arrays (and exponents). */
uint64_t mlp_hash(const mlp *m);

/* Float softmax + cross-entropy: returns the summed loss over nb rows, counts
 * correct argmaxes, writes delta = (softmax - onehot) / nb. */
double mlp_softmax_xent(const float *z, const uint8_t *lab, size_t nb, unsigned nout, float *delta,
                        unsigned *correct);

/* One SGD step on nb images; returns summed loss, adds correct predictions. */
double mlp_fp32_step(mlp *m, const uint8_t *px, const uint8_t *lab, size_t nb, unsigned *correct);
void mlp_fp32_predict(mlp *m, const uint8_t *px, size_t nb, uint8_t *pred);
double mlp_fixed_step(mlp *m, const uint8_t *px, const uint8_t *lab, size_t nb, unsigned *correct,
                      uint64_t ovf[OVF_N]);
void mlp_fixed_predict(mlp *m, const uint8_t *px, size_t nb, uint8_t *pred, uint64_t ovf[OVF_N]);

#endif
