#include "train.h"
#include "model/lfsr.h"
#include "model/simd.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

uint64_t train_order_seed(uint64_t seed) { return seed ^ UINT64_C(0x5EEDDA7A0DE25EED); }

void train_shuffle(size_t *idx, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(esru_splitmix64(rng) % i);
        size_t t = idx[i - 1];
        idx[i - 1] = idx[j];
        idx[j] = t;
    }
}

double train_evaluate(mlp *m, const idx_set *set, uint64_t ovf[OVF_N])
{
    size_t B = m->batch, px = (size_t)set->rows * set->cols, ok = 0;
    uint8_t *pred = malloc(B);
    if (!pred)
        abort();
    quant_bank_reset(&m->ev); /* every evaluation sees the same random words */
    for (size_t i = 0; i < set->n; i += B) {
        size_t nb = set->n - i < B ? set->n - i : B;
        if (m->fixed)
            mlp_fixed_predict(m, set->images + i * px, nb, pred, ovf);
        else
            mlp_fp32_predict(m, set->images + i * px, nb, pred);
        for (size_t r = 0; r < nb; r++)
            ok += pred[r] == set->labels[i + r];
    }
    free(pred);
    return set->n ? (double)ok / (double)set->n : 0.0;
}

static void progress(unsigned ep, unsigned epochs, size_t done, size_t n, double rate)
{
    int width = 30, fill = n ? (int)((double)width * (double)done / (double)n) : width;
    fprintf(stderr, "\repoch %u/%u [%.*s%*s] %5.1f%% %7.0f img/s", ep, epochs, fill,
            "==============================", width - fill, "", n ? 100.0 * (double)done / (double)n : 100.0, rate);
    fflush(stderr);
}

int train_run(const train_opts *o, const idx_set *train, const idx_set *test, train_result *res)
{
    memset(res, 0, sizeof *res);
    esru_threads_set(o->threads);
    res->threads = esru_threads();
    mlp m;
    if (mlp_init(&m, &o->net))
        return -1;
    size_t n = train->n, B = o->net.batch, px = (size_t)train->rows * train->cols;
    size_t *order = malloc(n * sizeof *order);
    uint8_t *bpx = malloc(B * px), *blab = malloc(B);
    if (!order || !bpx || !blab)
        abort();
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    uint64_t rng = train_order_seed(o->net.seed); /* data-order stream */
    double t_train = 0.0, cpu_train = 0.0;
    for (unsigned ep = 0; ep < o->epochs; ep++) {
        epoch_metrics *em = &res->ep[ep];
        train_shuffle(order, n, &rng);
        double loss = 0.0, t0 = now();
        clock_t c0 = clock();
        unsigned correct = 0;
        for (size_t i = 0; i < n; i += B) {
            size_t nb = n - i < B ? n - i : B;
            for (size_t r = 0; r < nb; r++) {
                memcpy(bpx + r * px, train->images + order[i + r] * px, px);
                blab[r] = train->labels[order[i + r]];
            }
            if (m.fixed)
                loss += mlp_fixed_step(&m, bpx, blab, nb, &correct, em->ovf);
            else
                loss += mlp_fp32_step(&m, bpx, blab, nb, &correct);
            if (o->progress && ((i / B) % 16 == 0 || i + nb == n))
                progress(ep + 1, o->epochs, i + nb, n, (double)(i + nb) / (now() - t0 + 1e-9));
        }
        em->seconds = now() - t0;
        cpu_train += (double)(clock() - c0) / CLOCKS_PER_SEC;
        t_train += em->seconds;
        em->loss = n ? loss / (double)n : 0.0;
        em->train_accuracy = n ? (double)correct / (double)n : 0.0;
        uint64_t eval_ovf[OVF_N] = {0}; /* inference overflows are not training overflows */
        em->test_accuracy = train_evaluate(&m, test, eval_ovf);
        for (int k = 0; k < OVF_N; k++)
            res->ovf_total[k] += em->ovf[k];
        if (o->progress)
            fprintf(stderr, "\r%*s\r", 75, "");
        if (o->verbose) {
            uint64_t ov = 0;
            for (int k = 0; k < OVF_N; k++)
                ov += em->ovf[k];
            printf("epoch %u/%u  loss %.4f  train %.2f%%  test %.2f%%  overflows %llu (acc %llu act %llu err %llu "
                   "grad %llu weight %llu)  %.0f img/s\n",
                   ep + 1, o->epochs, em->loss, 100.0 * em->train_accuracy, 100.0 * em->test_accuracy,
                   (unsigned long long)ov, (unsigned long long)em->ovf[OVF_ACC],
                   (unsigned long long)em->ovf[OVF_ACT], (unsigned long long)em->ovf[OVF_ERR],
                   (unsigned long long)em->ovf[OVF_GRAD], (unsigned long long)em->ovf[OVF_WEIGHT],
                   em->seconds > 0 ? (double)n / em->seconds : 0.0);
            fflush(stdout);
        }
    }
    res->epochs = o->epochs;
    res->train_seconds = t_train;
    res->images_per_second = t_train > 0 ? (double)n * o->epochs / t_train : 0.0;
    res->train_cpu_seconds = cpu_train;
    res->images_per_cpu_second = cpu_train > 0 ? (double)n * o->epochs / cpu_train : 0.0;
    res->weight_hash = mlp_hash(&m);
    free(order);
    free(bpx);
    free(blab);
    mlp_free(&m);
    return 0;
}
