/* A batch of training runs and their results, read one way by every report
 * over them (make accuracy: accrep; make accuracy-lanes: lanesrep).
 *
 * A plan is one job a line, KEY|LABEL|WEIGHT|LANES|SEED|FLAGS (the plan
 * scripts sim/train/{accuracy,lanes}_plan.sh write it; WEIGHT 0 is fp32, no
 * weight width). The runner (sim/train/plan_run.sh) leaves each job's
 * `esrutrain --json` in CACHE/KEY.json. */
#ifndef ESRU_RUN_RESULTS_H
#define ESRU_RUN_RESULTS_H
#include <stddef.h>
#include <stdio.h>

typedef struct {
    char key[128];
    char label[96];
    unsigned weight; /* 0: fp32 */
    unsigned lanes;
    unsigned seed;
    char flags[512];
} plan_job;

/* The next job of PLAN: 1, 0 at the end, -1 with err naming the line and the
 * bad field (numbers in the one grammar, gen/cli/number.h). */
int plan_next(FILE *plan, plan_job *job, unsigned *lineno, char *err, size_t len);

typedef struct {
    double test_accuracy, train_accuracy; /* 0..1 */
    double overflows, images_per_second;
    double train_seconds; /* wall time of the training loop */
    double worst_bias; /* the largest |worst_element_mean_bias| of the run's banks */
    int bias_known;    /* 0: no bank has a figure (fp32, rne, sr-ideal; or every bank declined) */
    int bias_declined; /* the analyzer declined some bank ("declined": true), so worst_bias
                          is not the run's worst (unverified) */
} run_result;

/* CACHE/KEY.json: 0, or -1 when it is missing or has no test_accuracy. */
int run_result_read(const char *cache, const char *key, run_result *r);

/* The report tools' options: --title NET, --budget FLAGS, --name NAME (the
 * report's file names NAME.md and NAME.json; default dflt_name), then npos
 * positional arguments. The index of the first positional argument, or -1
 * (a bad option, a bad NAME, or not npos positionals). */
typedef struct {
    const char *title, *budget, *name;
} runs_report_opts;
int runs_report_args(int argc, char **argv, runs_report_opts *o, int npos);

/* x added to the set v[0..*n) unless it is there or the set is full (max). */
void runs_add_unique(unsigned *v, unsigned *n, unsigned max, unsigned x);
/* v[0..n) in ascending order. */
void runs_sort(unsigned *v, unsigned n);

/* Mean and sample standard deviation (0 for fewer than two values). */
double runs_mean(const double *v, unsigned n);
double runs_sd(const double *v, unsigned n);

#endif
