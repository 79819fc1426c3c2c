/* What each PRNG bank's elements see over training. An element (a weight, a
 * bias, an activation or error slot) is rounded by the same lane at the same
 * offset every step, so it sees its lane's states K advances apart, K = the
 * bank's advances per step. Before training, esrutrain measures K for each
 * bank and asks the analyzer for the worst element's mean bias at that
 * stride (esru_analyze_stride). */
#ifndef TRAIN_BIAS_CHECK_H
#define TRAIN_BIAS_CHECK_H
#include "model/analyze.h"
#include "mlp.h"
#include <stdio.h>

/* |worst element mean bias| from which esrutrain warns, in output LSBs. */
#define BIAS_WARN_LSB (1.0 / 64)

typedef struct {
    const char *bank;       /* "requantization", "weight update" */
    int analysed;           /* 0: no PRNG (rne, trunc, sr-ideal), no roundings, or declined */
    int declined;           /* the analyzer could not give this bank's figure (why says why):
                               the worst element is unknown, not unbiased */
    uint64_t advances;      /* K: bank advances per full-batch training step */
    esru_stride_bias s;
    char why[256];          /* analysed == 0, or an analysis error */
} bank_bias;

typedef struct {
    bank_bias bank[2];
    int warn;               /* some bank's worst element is biased by >= BIAS_WARN_LSB */
} bias_check;

/* K from a dry run of one full-batch step on a scratch network (the advances
 * depend only on tensor shapes, not on data), then the analysis. */
int bias_check_run(const mlp_params *p, bias_check *out);
/* One line per bank; warnings for the biased ones (prefix: the tool's name). */
void bias_check_print(const bias_check *b, const char *tool, FILE *info, FILE *warn);
/* "bias_check": [...] for --json. */
void bias_check_json(const bias_check *b, FILE *f);

#endif
