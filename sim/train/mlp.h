/* The network shared by both numerics: an optional convolutional front
 * (conv + ReLU + 2x2 max pool layers, sim/train/conv.h) and fully connected
 * layers; sizes, parameters, scratch. Without conv layers it is the MLP. */
#ifndef TRAIN_MLP_H
#define TRAIN_MLP_H
#include "conv.h"
#include "model/quant.h"
#include <stddef.h>
#include <stdint.h>

#define MLP_MAX_LAYERS 8 /* weight layers */
#define MLP_MAX_CONV 4   /* conv + pool layers before them */

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
    /* each layer's weight gradient in its own buffer (fixed: gw, fp32:
     * fgw), so that the threads' parts of it (the product's and the
     * update's, split alike) stay in the cache of the core that wrote them,
     * step after step */
    int64_t *gw[MLP_MAX_LAYERS];
    float *fgw[MLP_MAX_LAYERS];
    /* the convolutional front (nconv 0: none); its last pooled map,
     * flattened (row, column, channel), is the fully connected input */
    unsigned nconv;
    conv_geom cg[MLP_MAX_CONV];
    float *cw[MLP_MAX_CONV], *cb[MLP_MAX_CONV];     /* fp32: [k*k*cin x cout], [cout] */
    int32_t *qcw[MLP_MAX_CONV], *qcb[MLP_MAX_CONV]; /* fixed */
    int ecw[MLP_MAX_CONV], ecb[MLP_MAX_CONV];
    float *fcx[MLP_MAX_CONV];   /* conv layer inputs: [0] the image, [c] layer c-1's pooled ReLU output */
    int32_t *qcx[MLP_MAX_CONV];
    uint32_t *parg[MLP_MAX_CONV]; /* each pooled element's source (conv_pool_*) */
    float *fcol, *fcy, *fcp, *fcdy, *fce, *fwf;
    int32_t *qcol, *qcdy, *qce, *qwf, *cones;
    int64_t *cacc, *cpool;
} mlp;

typedef struct {
    int fixed;
    unsigned nl, size[MLP_MAX_LAYERS + 1], batch;
    unsigned weight_width, act_width, grad_width, acc_width;
    double lr; /* fixed: must be a power of two */
    esru_config sru;
    int sr_ideal; /* --rounding sr-ideal: exact SR from 64-bit words, not a unit */
    uint64_t seed;
    /* convolutional front: nconv layers of conv_k[i] x conv_k[i] kernels with
     * conv_c[i] output channels, each followed by ReLU and 2x2 max pooling,
     * on in_rows x in_cols images (mlp_params_input) */
    unsigned nconv, conv_k[MLP_MAX_CONV], conv_c[MLP_MAX_CONV];
    unsigned conv_pad[MLP_MAX_CONV]; /* zeros around each conv layer's input (conv_geom) */
    unsigned in_rows, in_cols;
} mlp_params;

/* The networks by name (--model). */
typedef enum { MLP_MODEL_MLP, MLP_MODEL_LENET } mlp_model;
/* LeNet-5 as trained here: conv 5x5x6, pool, conv 5x5x16, pool, fc 120,
 * fc 84, fc 10 (valid convolutions: 28 -> 24 -> 12 -> 8 -> 4, 4*4*16 = 256
 * inputs to fc 120). Sets the conv front and the hidden sizes. */
void mlp_params_lenet(mlp_params *p);
/* The data's image size: size[0] (the MLP's input, or the flattened last
 * pooled map) and size[nl] = 10 classes. -1 if a conv layer does not fit,
 * and err (unless NULL) names it. */
int mlp_params_input(mlp_params *p, unsigned rows, unsigned cols, char *err, size_t len);
/* "lenet" (LeNet-5's layers, valid convolutions, however given), "cnn"
 * (another conv front) or "mlp". */
const char *mlp_params_name(const mlp_params *p);

/* Same initial weights for fp32 and every fixed width (see docs/training.md). */
int mlp_init(mlp *m, const mlp_params *p);
void mlp_free(mlp *m);
/* FNV-1a 64 over the parameter arrays (and exponents): the fully connected
 * layers, then the conv layers. */
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
