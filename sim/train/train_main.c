/* esrutrain: the C reference trainer (MLP or LeNet-5 on Fashion-MNIST, fp32 or dynamic
 * fixed point with every rounding done by the SRU C model). */
#include "json_out.h"
#include "model/seed_overlap.h"
#include "train_cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* How idle OpenMP threads wait between the many short parallel regions of a
 * step. Spinning (libgomp's default, 300k spins) takes the cores that the
 * run's other threads need on a busy machine: 2 threads ran 10-30x slower
 * than 1 at load 9 on 2 cores. Sleeping at once (passive) costs a futex
 * wake-up per region: on idle cores 2 threads then ran at 0.58x of one. So:
 * on a machine with at least a core and a half idle (other runnable tasks,
 * /proc/stat, at start) spin briefly (GOMP_SPINCOUNT=10000: 1.3x for fixed point, 1.5x for fp32 on
 * 2 idle cores), else wait passively (1.04x beside 3 busy jobs, where a
 * short spin gave 0.57x). Measured 2026-12-05, docs/training.md "Speed".
 * libgomp reads these variables when it is loaded: unless the user set
 * either, set one and start again (if that fails, run on). */
static void choose_wait_policy(char **argv)
{
    if (getenv("OMP_WAIT_POLICY") || getenv("GOMP_SPINCOUNT"))
        return;
    /* Other runnable tasks (/proc/stat's procs_running counts this one
     * too): the least of 5 looks 2 ms apart, since a task that is busy stays
     * runnable while short-lived ones come and go; unknown: as if busy. */
    long others = 1L << 20, cores = sysconf(_SC_NPROCESSORS_ONLN);
    for (int look = 0; look < 5; look++) {
        char line[256];
        long n;
        FILE *f = fopen("/proc/stat", "r");
        while (f && fgets(line, sizeof line, f))
            if (sscanf(line, "procs_running %ld", &n) == 1 && n - 1 < others)
                others = n - 1;
        if (f)
            fclose(f);
        if (look < 4)
            nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
    if (cores > 0 && cores - others >= 1.5)
        setenv("GOMP_SPINCOUNT", "10000", 1);
    else
        setenv("OMP_WAIT_POLICY", "passive", 1);
    execv("/proc/self/exe", argv);
}

int main(int argc, char **argv)
{
    choose_wait_policy(argv);
    static train_cli cli;
    train_cli_parse(argc, argv, &cli);
    train_opts o = cli.o;
    mlp_params *p = &o.net;
    const char *data = cli.data, *json = cli.json;
    size_t train_limit = cli.train_limit, test_limit = cli.test_limit;
    int quiet = cli.quiet;
    idx_set train, test;
    char err[4600];
    if (json && json_check_writable(json, err, sizeof err)) { /* fail before hours of training, not after */
        fprintf(stderr, "esrutrain: %s\n", err);
        return 2;
    }
    if (cli.bias_check_only) /* the images' shape is all the bias check needs */
        train_limit = test_limit = 1;
    if (idx_load(data, "train", train_limit, &train, err, sizeof err) ||
        idx_load(data, "t10k", test_limit, &test, err, sizeof err)) {
        fprintf(stderr, "esrutrain: %s\n", err);
        return 2; /* bad input data */
    }
    /* From here every exit frees the data (LeakSanitizer in make test-cli-asan). */
    int rc = 1;
    if (test.rows != train.rows || test.cols != train.cols) {
        fprintf(stderr, "esrutrain: test images are %ux%u, training images %ux%u\n", test.rows, test.cols,
                train.rows, train.cols);
        goto done;
    }
    if (mlp_params_input(p, train.rows, train.cols, err, sizeof err) != 0) {
        fprintf(stderr, "esrutrain: %s\n", err);
        rc = 2;
        goto done;
    }
    if (p->fixed && esru_seed_overlap(&p->sru, err, sizeof err))
        fprintf(stderr, "esrutrain: warning: %s\n", err);
    /* Before training: what each bank's elements will see (docs/training.md). */
    bias_check bias;
    if (bias_check_run(p, &bias) != 0) {
        fprintf(stderr, "esrutrain: cannot build the network\n");
        goto done;
    }
    bias_check_print(&bias, "esrutrain", quiet ? NULL : stdout, stderr);
    if (bias.warn && cli.strict_bias) {
        fprintf(stderr, "esrutrain: --strict-bias: not training a design whose elements are biased\n");
        rc = 2;
        goto done;
    }
    if (cli.bias_check_only) { /* sim/explore asks for each bank's K this way */
        static train_result none; /* epochs 0: json_write writes the config and the bias check */
        none.bias = bias;
        if (json && json_write(json, &o, data, train.n, test.n, &none, err, sizeof err)) {
            fprintf(stderr, "esrutrain: %s\n", err);
            goto done;
        }
        rc = 0;
        goto done;
    }
    if (!quiet) {
        printf("esrutrain: %s model=%s", p->fixed ? "fixed" : "fp32", p->nconv ? "lenet" : "mlp");
        if (p->fixed)
            printf(" w%u a%u g%u acc%u rounding=%s sru=%u/%u prng=%s fill=%s lanes=%u", p->weight_width,
                   p->act_width, p->grad_width, p->acc_width, p->sr_ideal ? "sr-ideal" : esru_rounding_name(p->sru.rounding), p->sru.sru_width,
                   p->sru.prng_width, esru_prng_name(p->sru.prng), esru_fill_name(p->sru.fill), p->sru.lanes);
        printf(" seed=%llu lr=%g batch=%u train=%zu test=%zu\n", (unsigned long long)p->seed, p->lr, p->batch,
               train.n, test.n);
    }
    static train_result res;
    if (train_run(&o, &train, &test, &res)) {
        fprintf(stderr, "esrutrain: training failed\n");
        goto done;
    }
    if (!quiet)
        printf("weight hash %016llx  %.0f img/s\n", (unsigned long long)res.weight_hash, res.images_per_second);
    res.bias = bias;
    if (json && json_write(json, &o, data, train.n, test.n, &res, err, sizeof err)) {
        fprintf(stderr, "esrutrain: %s\n", err);
        goto done;
    }
    rc = 0;
done:
    idx_free(&train);
    idx_free(&test);
    return rc;
}
