/* The training loop of esrutrain, callable from the CLI and the tests. */
#ifndef TRAIN_TRAIN_H
#define TRAIN_TRAIN_H
#include "bias_check.h"
#include "idx.h"
#include "mlp.h"

#define TRAIN_MAX_EPOCHS 1000

typedef struct {
    mlp_params net;          /* sizes, widths, lr, SRU config, seed */
    unsigned epochs;
    int progress;            /* progress bar on stderr */
    int verbose;             /* per-epoch lines on stdout */
    unsigned threads;        /* kernel threads (0: OMP_NUM_THREADS or one per core); results do not depend on it */
} train_opts;

typedef struct {
    double loss, train_accuracy, test_accuracy, seconds;
    uint64_t ovf[OVF_N];
} epoch_metrics;

typedef struct {
    unsigned epochs;
    epoch_metrics ep[TRAIN_MAX_EPOCHS];
    double train_seconds, images_per_second;
    double train_cpu_seconds, images_per_cpu_second; /* process CPU time: robust on a shared machine */
    uint64_t ovf_total[OVF_N];
    uint64_t weight_hash;
    bias_check bias;         /* per-element bias of each bank (filled by the caller) */
    unsigned threads;        /* kernel threads used */
} train_result;

/* The data order: a Fisher-Yates shuffle per epoch with splitmix64, from the
 * stream seeded by train_order_seed(seed); the same for both numerics. */
uint64_t train_order_seed(uint64_t seed);
void train_shuffle(size_t *idx, size_t n, uint64_t *rng);

/* Evaluate on a data set (test accuracy, 0..1); fixed point uses the C model. */
double train_evaluate(mlp *m, const idx_set *set, uint64_t ovf[OVF_N]);

/* Train on `train`, evaluate on `test` after each epoch. */
int train_run(const train_opts *o, const idx_set *train, const idx_set *test, train_result *res);

#endif
