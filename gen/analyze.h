/* Exact rounding statistics of a configuration, from enumerating its real
 * PRNG sequence over a full period through the C model (no formulas). */
#ifndef ESRU_ANALYZE_H
#define ESRU_ANALYZE_H
#include "config.h"
#include <stdint.h>

typedef struct {
    double max_abs_bias;        /* over grid fractions k/2^G, in output LSBs */
    double mean_bias;           /* mean over grid fractions (inputs with exactly G fraction bits) */
    double mean_bias_unbounded; /* inputs with more fraction bits, uniform inside each grid cell */
    double mean_var;            /* mean of P(1-P), the variance of the rounded value */
    double mean_var_ideal;      /* ideal SR: mean of f(1-f) */
} esru_bias;

typedef struct {
    unsigned grid_bits;     /* G = min(D, N): fraction bits the adder sees */
    uint64_t period;        /* enabled cycles enumerated */
    unsigned values;        /* 2^M */
    uint64_t *hist;         /* combined over lanes: count of each M-bit random value */
    uint64_t draws;         /* sum of hist */
    double mean_value;      /* mean random value; ideal uniform: (2^M-1)/2 */
    esru_bias design;       /* this configuration */
    esru_bias uniform;      /* the same N, M, fill fed by an ideal uniform M-bit source */
    double worst_group_mean_bias; /* lane (or lane pair) whose mean bias is furthest from 0 */
    unsigned worst_group;
    unsigned groups;
} esru_analysis;

/* Returns 0, or -1 with a message (config outside what can be enumerated). */
int esru_analyze(const esru_config *cfg, esru_analysis *a, char *err, size_t errlen);
void esru_analysis_free(esru_analysis *a);
/* Text (or JSON) report on stdout; returns the process exit status. */
int esru_analyze_main(const esru_config *cfg, int json);

#endif
