#include "analyze.h"
#include "lfsr.h"
#include "prng.h"
#include "sru.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#define MAX_ANALYZE_M 24
#define MAX_ANALYZE_LFSR 32
#define MAX_ANALYZE_GRID 24
#define MAX_HIST_CELLS (UINT64_C(1) << 26)

/* Input whose kept part is q and whose discarded fraction is k/2^G. Built in
 * unsigned arithmetic: for D = 63, 1 << D does not fit an int64_t. */
static int64_t grid_input(const esru_config *c, unsigned g, uint64_t k, int64_t q)
{
    return (int64_t)((k << (c->shift - g)) + ((uint64_t)q << c->shift));
}

/* The model's round-up decision for grid value k and random value r (q = 0). */
static int model_up(const esru_config *c, unsigned g, uint64_t k, uint64_t r)
{
    uint64_t w = esru_random_word(r, c->sru_width, c->prng_width, c->fill);
    return esru_round(grid_input(c, g, k, 0), c->shift, c->out_width, c->rounding, c->sru_width, w, NULL) == 1;
}

/* P(up | k) for every grid value, given a histogram of random values. For sr
 * the model's decision is monotone in r, so a binary search finds the
 * smallest r that rounds up and a suffix sum counts the draws at or above. */
static void bias_of(const esru_config *c, unsigned g, const uint64_t *hist, unsigned values, esru_bias *out)
{
    uint64_t *suffix = calloc((size_t)values + 1, sizeof *suffix);
    for (unsigned r = values; r-- > 0;)
        suffix[r] = suffix[r + 1] + hist[r];
    double total = (double)suffix[0];
    uint64_t cells = UINT64_C(1) << g;
    double scale = (double)cells;
    memset(out, 0, sizeof *out);
    /* Means are summed in integers (counts) and divided once, so equal
       distributions give bit-identical means. */
    uint64_t up_count = 0, up_den = suffix[0];
    if (c->rounding != ROUND_SR)
        up_den = 2;
    for (uint64_t k = 0; k < cells; k++) {
        double p;
        if (c->rounding == ROUND_SR) {
            unsigned lo = 0, hi = values; /* answer in [lo, hi]; hi = never */
            while (lo < hi) {
                unsigned mid = lo + (hi - lo) / 2;
                if (model_up(c, g, k, mid))
                    hi = mid;
                else
                    lo = mid + 1;
            }
            p = (double)suffix[lo] / total;
            up_count += suffix[lo];
        } else {
            /* Deterministic: average the two parities of the kept part (rne
               ties), q = 0 and q = -1: both fit any input (D <= IW-1) and
               their results fit any output (OW >= 2); q = +1 overflowed the
               input at D = IW-1 and saturated the output at OW = 2. */
            int64_t y0 = esru_round(grid_input(c, g, k, 0), c->shift, c->out_width, c->rounding, 0, 0, NULL);
            int64_t y1 = esru_round(grid_input(c, g, k, -1), c->shift, c->out_width, c->rounding, 0, 0, NULL);
            p = 0.5 * (double)(y0 + (y1 + 1));
            up_count += (uint64_t)(y0 + (y1 + 1));
        }
        double f = (double)k / scale;
        double bias = p - f;
        if (bias < 0 ? -bias > out->max_abs_bias : bias > out->max_abs_bias)
            out->max_abs_bias = bias < 0 ? -bias : bias;
        out->mean_var += p * (1 - p);
        out->mean_var_ideal += f * (1 - f);
    }
    double mean_p = (double)up_count / ((double)up_den * scale);
    out->mean_bias = mean_p - (scale - 1) / (2 * scale);
    out->mean_bias_unbounded = mean_p - 0.5;
    out->mean_var /= scale;
    out->mean_var_ideal /= scale;
    free(suffix);
}

static unsigned group_of(const esru_config *c, unsigned lane)
{
    return c->prng == PRNG_PAIR ? lane / 2 : lane;
}

int esru_analyze(const esru_config *c, esru_analysis *a, char *err, size_t len)
{
    memset(a, 0, sizeof *a);
    if (c->shift == 0) {
        snprintf(err, len, "--shift 0 discards no bits: nothing to round (valid for analyze: 1..%u)",
                 c->in_width - 1);
        return -1;
    }
    unsigned m = c->prng_width;
    if (m > MAX_ANALYZE_M || esru_lfsr_width_of(c) > MAX_ANALYZE_LFSR) {
        snprintf(err, len, "analyze enumerates full periods: needs --prng-width <= %u and an LFSR of at most %u bits "
                 "(this config: %u and %u)", MAX_ANALYZE_M, MAX_ANALYZE_LFSR, m, esru_lfsr_width_of(c));
        return -1;
    }
    a->grid_bits = c->shift < c->sru_width ? c->shift : c->sru_width;
    if (a->grid_bits > MAX_ANALYZE_GRID) {
        snprintf(err, len, "analyze needs min(--shift, --sru-width) <= %u (this config: %u)", MAX_ANALYZE_GRID,
                 a->grid_bits);
        return -1;
    }
    a->values = 1u << m;
    a->groups = group_of(c, c->lanes - 1) + 1;
    if ((uint64_t)a->groups * a->values > MAX_HIST_CELLS) {
        snprintf(err, len, "analyze: lanes x 2^prng-width = %llu histogram cells is too many (valid: at most %llu)",
                 (unsigned long long)a->groups * a->values, (unsigned long long)MAX_HIST_CELLS);
        return -1;
    }
    uint64_t *ghist = calloc((size_t)a->groups * a->values, sizeof *ghist);
    a->hist = calloc(a->values, sizeof *a->hist);
    esru_prng p;
    esru_prng_init(&p, c);
    a->period = esru_prng_period(&p);
    uint64_t ext[ESRU_MAX_LANES];
    /* Periods past 2^26 cycles take seconds to minutes: report progress. */
    uint64_t tick = a->period >> 26 ? a->period / 100 : 0;
    int tty = isatty(STDERR_FILENO);
    for (uint64_t t = 0; t < a->period; t++) {
        if (tick && t % tick == 0 && t && (tty || (t / tick) % 10 == 0))
            fprintf(stderr, tty ? "\ranalyze: %3u %% of the period enumerated" : "analyze: %u %% of the period enumerated\n",
                    (unsigned)(t / tick));
        for (unsigned l = 0; l < c->lanes; l++)
            ext[l] = t; /* ext: every value once per period per lane, an ideal uniform source */
        for (unsigned l = 0; l < c->lanes; l++)
            ghist[(size_t)group_of(c, l) * a->values + esru_prng_value(&p, l, ext)]++;
        esru_prng_advance(&p);
    }
    if (tick && tty)
        fprintf(stderr, "\ranalyze: 100 %% of the period enumerated\n");
    double sum = 0;
    for (unsigned g = 0; g < a->groups; g++)
        for (unsigned r = 0; r < a->values; r++)
            a->hist[r] += ghist[(size_t)g * a->values + r];
    for (unsigned r = 0; r < a->values; r++) {
        a->draws += a->hist[r];
        sum += (double)r * (double)a->hist[r];
    }
    a->mean_value = sum / (double)a->draws;
    bias_of(c, a->grid_bits, a->hist, a->values, &a->design);
    uint64_t *flat = malloc(a->values * sizeof *flat);
    for (unsigned r = 0; r < a->values; r++)
        flat[r] = 1;
    bias_of(c, a->grid_bits, flat, a->values, &a->uniform);
    free(flat);
    for (unsigned g = 0; g < a->groups; g++) {
        esru_bias gb;
        bias_of(c, a->grid_bits, ghist + (size_t)g * a->values, a->values, &gb);
        double mag = gb.mean_bias < 0 ? -gb.mean_bias : gb.mean_bias;
        double worst = a->worst_group_mean_bias < 0 ? -a->worst_group_mean_bias : a->worst_group_mean_bias;
        if (g == 0 || mag > worst) {
            a->worst_group_mean_bias = gb.mean_bias;
            a->worst_group = g;
        }
    }
    free(ghist);
    return 0;
}

void esru_analysis_free(esru_analysis *a)
{
    free(a->hist);
    a->hist = NULL;
}
