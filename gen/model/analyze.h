/* Exact rounding statistics of a configuration: the bias of every grid
 * fraction, over one full PRNG period (closed form from each kind's value
 * histogram; enumeration through the model is kept as the test oracle), and
 * per element: an element that meets its lane every K bank advances sees only
 * the states t0, t0+K, t0+2K, ... of that lane. */
#ifndef ESRU_ANALYZE_H
#define ESRU_ANALYZE_H
#include "model/config.h"
#include <stdint.h>

#define ESRU_ANALYZE_MAX_STRIDES 16
/* Value histograms are kept (for printing) up to this many random bits. */
#define ESRU_ANALYZE_HIST_M 16

typedef struct {
    double max_abs_bias;        /* over grid fractions k/2^G, in output LSBs */
    double mean_bias;           /* mean over grid fractions (inputs with exactly G fraction bits) */
    double mean_bias_unbounded; /* inputs with more fraction bits, uniform inside each grid cell */
    double mean_var;            /* mean of P(1-P), the variance of the rounded value */
    double mean_var_ideal;      /* ideal SR: mean of f(1-f) */
} esru_bias;

/* What elements that meet their lane every K bank advances see. */
typedef struct {
    uint64_t stride;     /* K */
    uint64_t period;     /* P: the bank's period in advances */
    uint64_t classes;    /* gcd(K, P): distinct orbits per lane */
    uint64_t orbit;      /* P / gcd(K, P): states one element sees */
    double worst;        /* mean bias of the worst element, unbounded inputs (signed, output LSBs) */
    double worst_grid;   /* the same element on grid inputs */
    double lo, hi;       /* spread: smallest and largest element mean bias (unbounded) */
    unsigned worst_lane;
    const char *method;  /* how it was computed */
} esru_stride_bias;

typedef struct {
    unsigned grid_bits;     /* G = min(D, N): fraction bits the adder sees */
    uint64_t period;        /* the bank's period in enabled cycles */
    uint64_t values;        /* 2^M */
    uint64_t *hist;         /* all lanes: count of each value (NULL when M > ESRU_ANALYZE_HIST_M) */
    double draws;           /* sum of the counts */
    double mean_value;      /* mean random value; ideal uniform: (2^M-1)/2 */
    esru_bias design;       /* this configuration */
    esru_bias uniform;      /* the same N, M, fill fed by an ideal uniform M-bit source */
    double worst_group_mean_bias; /* lane (or lane pair) whose mean bias is furthest from 0 */
    unsigned worst_group;
    unsigned groups;
    int enumerated;         /* 1: from enumerating the period (oracle), 0: closed form */
    unsigned nstride;
    esru_stride_bias stride[ESRU_ANALYZE_MAX_STRIDES];
} esru_analysis;

/* Closed form. Returns 0, or -1 with a message. */
int esru_analyze(const esru_config *cfg, esru_analysis *a, char *err, size_t errlen);
/* The oracle: the same figures from enumerating one period through the model
 * (small widths only: the period and 2^M must stay below 2^26). */
int esru_analyze_enumerate(const esru_config *cfg, esru_analysis *a, char *err, size_t errlen);
/* Per-element bias for stride K (closed form when every element sees its
 * lane's whole period or a single state, else enumerated). */
int esru_analyze_stride(const esru_config *cfg, uint64_t stride, esru_stride_bias *out, char *err, size_t errlen);
void esru_analysis_free(esru_analysis *a);
/* Text (or JSON) report on stdout; returns the process exit status. */
int esru_analyze_main(const esru_config *cfg, int json, const uint64_t *strides, unsigned nstrides);

#endif
