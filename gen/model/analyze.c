/* See analyze.h. Every rounding decision comes from the model (esru_round);
 * the closed form only uses that the decision is monotone in the grid value k
 * and in the random value r, and the kinds' value histograms (gen/kinds/). */
#include "model/analyze.h"
#include "model/hist.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include "model/sru.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ENUM_PERIOD (UINT64_C(1) << 26)  /* the oracle: periods it enumerates */
#define MAX_DENSE_M 16                       /* dense histograms (oracle, printing) */
#define MAX_STRIDE_WORK (UINT64_C(1) << 32)  /* per-element enumeration: lane-cycles */
#define MAX_STRIDE_CLASSES (UINT64_C(1) << 26)
#define MAX_STRIDE_M 24                      /* per-element enumeration: up-count table */
#define MAX_DETERMINISTIC_G 26               /* rne/trunc: one decision per grid cell */

/* ---- the model's decision ---- */

typedef struct {
    const esru_config *c;
    unsigned g;        /* grid bits G */
    uint64_t cells;    /* 2^G */
    unsigned m;
    uint64_t values;   /* 2^M */
} grid;

/* Input whose kept part is q and whose discarded fraction is k/2^G. Built in
 * unsigned arithmetic: for D = 63, 1 << D does not fit an int64_t. */
static int64_t grid_input(const grid *gr, uint64_t k, int64_t q)
{
    return (int64_t)((k << (gr->c->shift - gr->g)) + ((uint64_t)q << gr->c->shift));
}

/* The model's round-up decision for grid value k and random value r (q = 0). */
static int model_up(const grid *gr, uint64_t k, uint64_t r)
{
    const esru_config *c = gr->c;
    uint64_t w = esru_random_word(r, c->sru_width, c->prng_width, c->fill);
    return esru_round(grid_input(gr, k, 0), c->shift, c->out_width, c->rounding, c->sru_width, w, NULL) == 1;
}

/* The smallest x in [0, n) for which model_up holds, n if none: with
 * over_k, x is the grid value k and `other` the random value r; else x is r
 * and `other` is k. model_up is monotone in both. */
static uint64_t first_up(const grid *gr, uint64_t other, uint64_t n, int over_k)
{
    uint64_t lo = 0, hi = n;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (over_k ? model_up(gr, mid, other) : model_up(gr, other, mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Smallest k that rounds up with random value r (cells if none). */
static uint64_t klo(const grid *gr, uint64_t r) { return first_up(gr, r, gr->cells, 1); }

/* Smallest r that rounds grid value k up (values if none). */
static uint64_t rmin(const grid *gr, uint64_t k) { return first_up(gr, k, gr->values, 0); }

/* ---- a histogram: closed form (sparse) or counted (dense) ---- */

typedef struct {
    const esru_hist *sparse;
    const long double *suffix; /* dense: suffix[r] = sum of counts of values >= r, suffix[2^M] = 0 */
    unsigned m;
} counts;

static long double S(const counts *h, uint64_t r)
{
    return h->sparse ? esru_hist_suffix(h->sparse, r) : h->suffix[r];
}

/* Is r a value where the histogram departs from its base (dense: all are)? */
static int is_exception(const counts *h, uint64_t r)
{
    if (!h->sparse)
        return 1;
    for (unsigned i = 0; i < h->sparse->nexc; i++)
        if (h->sparse->val[i] == r)
            return 1;
    return 0;
}

/* ---- P(up | k) over the grid, summed segment by segment ---- */

typedef struct {
    long double sp, sp2;  /* sums over k of P and P^2 */
    long double maxb, minb;
    int any;
} sums;

/* J runs of ell grid values each, starting at k0, with P = (s0 + s1 j)/n on
 * run j. The bias P - k/2^G is linear in j at run starts (its maxima) and at
 * run ends (its minima), so only the first and last run can hold extremes. */
static void segment(sums *a, const grid *gr, uint64_t k0, uint64_t ell, uint64_t J, long double s0, long double s1,
                    long double n)
{
    if (J == 0 || ell == 0)
        return;
    long double Jl = (long double)J, L = (long double)ell, cells = (long double)gr->cells;
    long double sj = Jl * (Jl - 1) / 2, sj2 = (Jl - 1) * Jl * (2 * Jl - 1) / 6;
    a->sp += L * (Jl * s0 + s1 * sj) / n;
    a->sp2 += L * (Jl * s0 * s0 + 2 * s0 * s1 * sj + s1 * s1 * sj2) / (n * n);
    uint64_t ends[2] = {0, J - 1};
    for (int e = 0; e < 2; e++) {
        long double p = (s0 + s1 * (long double)ends[e]) / n;
        long double start = (long double)(k0 + ends[e] * ell);
        long double hi = p - start / cells, lo = p - (start + L - 1) / cells;
        if (!a->any || hi > a->maxb)
            a->maxb = hi;
        if (!a->any || lo < a->minb)
            a->minb = lo;
        a->any = 1;
    }
}

/* Random values of an SR unit: sum P and P^2 over every grid value k. */
static void sr_sums(const grid *gr, const counts *h, sums *a)
{
    long double n = S(h, 0);
    uint64_t top = gr->values - 1;
    long double base = h->sparse ? (long double)h->sparse->base : 0;
    if (gr->g >= gr->m) {
        /* Runs by random value r, from top down: run r is every k with
         * rmin(k) = r, [klo(r), klo(r-1)); klo is linear in r with slope
         * -2^(G-M) for r >= 1 (word(r) steps by 2^(N-M), the grid by 2^(N-G)). */
        uint64_t ell = UINT64_C(1) << (gr->g - gr->m);
        segment(a, gr, 0, klo(gr, top), 1, 0, 0, n); /* no r rounds these up */
        uint64_t r = top;
        while (r >= 1) {
            if (is_exception(h, r)) {
                uint64_t k = klo(gr, r);
                segment(a, gr, k, klo(gr, r - 1) - k, 1, S(h, r), 0, n);
                r--;
                continue;
            }
            uint64_t lo = 1; /* down to just above the next exception below r */
            for (unsigned i = 0; h->sparse && i < h->sparse->nexc; i++)
                if (h->sparse->val[i] < r && h->sparse->val[i] + 1 > lo)
                    lo = h->sparse->val[i] + 1;
            if (!h->sparse)
                lo = r;
            segment(a, gr, klo(gr, r), ell, r - lo + 1, S(h, r), base, n);
            r = lo - 1;
        }
        uint64_t k0 = klo(gr, 0);
        segment(a, gr, k0, gr->cells - k0, 1, n, 0, n);
        return;
    }
    /* G < M: every grid value is a run; rmin(k) falls by 2^(M-G) per step, so
     * S(rmin(k)) rises by base * 2^(M-G) except where rmin passes an
     * exception or reaches a bound: those k start new segments. */
    uint64_t bounds[2 * ESRU_HIST_MAX_EXC + 4];
    unsigned nb = 0;
    bounds[nb++] = 0;
    bounds[nb++] = gr->cells;
    bounds[nb++] = klo(gr, top);
    bounds[nb++] = klo(gr, 0);
    if (!h->sparse) {
        for (uint64_t k = 0; k < gr->cells; k++)
            segment(a, gr, k, 1, 1, S(h, rmin(gr, k)), 0, n);
        return;
    }
    for (unsigned i = 0; i < h->sparse->nexc; i++) {
        uint64_t kb = klo(gr, h->sparse->val[i]);
        bounds[nb++] = kb;
        bounds[nb++] = kb + 1 <= gr->cells ? kb + 1 : kb;
    }
    for (unsigned i = 1; i < nb; i++) /* sort (few entries) */
        for (unsigned j = i; j > 0 && bounds[j - 1] > bounds[j]; j--) {
            uint64_t t = bounds[j];
            bounds[j] = bounds[j - 1];
            bounds[j - 1] = t;
        }
    long double slope = base * (long double)(UINT64_C(1) << (gr->m - gr->g));
    for (unsigned i = 0; i + 1 < nb; i++) {
        uint64_t k0 = bounds[i], k1 = bounds[i + 1];
        if (k1 <= k0)
            continue;
        uint64_t r0 = rmin(gr, k0);
        int flat = r0 == 0 || r0 == gr->values; /* always or never up: P constant */
        segment(a, gr, k0, 1, k1 - k0, S(h, r0), flat ? 0 : slope, n);
    }
}

static void finish_bias(const grid *gr, const sums *a, esru_bias *out)
{
    long double cells = (long double)gr->cells;
    long double mean_p = a->sp / cells;
    out->max_abs_bias = (double)(a->maxb > -a->minb ? a->maxb : -a->minb) + 0.0; /* no -0 */
    out->mean_bias = (double)(mean_p - (cells - 1) / (2 * cells));
    out->mean_bias_unbounded = (double)(mean_p - 0.5L);
    out->mean_var = (double)((a->sp - a->sp2) / cells);
    /* ideal SR: mean of f(1-f) over f = k/2^G */
    out->mean_var_ideal = (double)((cells - 1) / (2 * cells) - (cells - 1) * (2 * cells - 1) / (6 * cells * cells));
}

/* rne and trunc: deterministic, averaged over both parities of the kept part
 * (rne ties), q = 0 and q = -1: both fit any input (D <= IW-1) and their
 * results fit any output (OW >= 2); q = +1 would overflow the input at
 * D = IW-1 and saturate the output at OW = 2. */
static void deterministic_bias(const grid *gr, esru_bias *out)
{
    const esru_config *c = gr->c;
    sums a = {0};
    for (uint64_t k = 0; k < gr->cells; k++) {
        int64_t y0 = esru_round(grid_input(gr, k, 0), c->shift, c->out_width, c->rounding, 0, 0, NULL);
        int64_t y1 = esru_round(grid_input(gr, k, -1), c->shift, c->out_width, c->rounding, 0, 0, NULL);
        long double p = 0.5L * (long double)(y0 + (y1 + 1)), f = (long double)k / (long double)gr->cells;
        a.sp += p;
        a.sp2 += p * p;
        if (!a.any || p - f > a.maxb)
            a.maxb = p - f;
        if (!a.any || p - f < a.minb)
            a.minb = p - f;
        a.any = 1;
    }
    finish_bias(gr, &a, out);
}

static void bias_of(const grid *gr, const counts *h, esru_bias *out)
{
    if (gr->c->rounding != ROUND_SR) {
        deterministic_bias(gr, out);
        return;
    }
    sums a = {0};
    sr_sums(gr, h, &a);
    finish_bias(gr, &a, out);
}

static void sparse_bias(const grid *gr, const esru_hist *h, esru_bias *out)
{
    counts c = {h, NULL, h->m};
    bias_of(gr, &c, out);
}

/* ---- setup shared by both ways ---- */

static int setup(const esru_config *c, esru_analysis *a, grid *gr, char *err, size_t len)
{
    memset(a, 0, sizeof *a);
    if (c->shift == 0) {
        snprintf(err, len, "--shift 0 discards no bits: nothing to round (valid for analyze: 1..%u)",
                 c->in_width - 1);
        return -1;
    }
    gr->c = c;
    gr->g = c->shift < c->sru_width ? c->shift : c->sru_width;
    gr->cells = UINT64_C(1) << gr->g;
    gr->m = c->prng_width;
    gr->values = UINT64_C(1) << gr->m;
    if (c->rounding != ROUND_SR && gr->g > MAX_DETERMINISTIC_G) {
        snprintf(err, len, "analyze of %s needs min(--shift, --sru-width) <= %u (this config: %u)",
                 esru_rounding_name(c->rounding), MAX_DETERMINISTIC_G, gr->g);
        return -1;
    }
    a->grid_bits = gr->g;
    a->values = gr->values;
    return 0;
}

static void set_worst(esru_analysis *a, unsigned g, double mean_bias)
{
    double mag = mean_bias < 0 ? -mean_bias : mean_bias;
    double worst = a->worst_group_mean_bias < 0 ? -a->worst_group_mean_bias : a->worst_group_mean_bias;
    if (g == 0 || mag > worst) {
        a->worst_group_mean_bias = mean_bias;
        a->worst_group = g;
    }
}

int esru_analyze(const esru_config *c, esru_analysis *a, char *err, size_t len)
{
    grid gr;
    if (setup(c, a, &gr, err, len) != 0)
        return -1;
    esru_prng p;
    esru_prng_init(&p, c);
    a->period = esru_prng_period(&p);
    a->groups = esru_prng_group_of(&p, c->lanes - 1) + 1;
    esru_hist all, group, lane, uniform;
    esru_hist_init(&all, gr.m, 0);
    esru_hist_init(&group, gr.m, 0);
    esru_hist_init(&uniform, gr.m, 1);
    for (unsigned l = 0; l < c->lanes; l++) {
        esru_hist_init(&lane, gr.m, 0);
        p.ops->lane_hist(&p, l, &lane);
        esru_hist_add(&all, &lane);
        esru_hist_add(&group, &lane);
        unsigned g = esru_prng_group_of(&p, l);
        if (l + 1 == c->lanes || esru_prng_group_of(&p, l + 1) != g) {
            esru_bias gb;
            sparse_bias(&gr, &group, &gb);
            set_worst(a, g, gb.mean_bias);
            esru_hist_init(&group, gr.m, 0);
        }
    }
    long double n = esru_hist_suffix(&all, 0);
    a->draws = (double)n;
    a->mean_value = (double)(esru_hist_moment(&all) / n);
    if (gr.m <= ESRU_ANALYZE_HIST_M) {
        a->hist = malloc(gr.values * sizeof *a->hist);
        for (uint64_t r = 0; r < gr.values; r++)
            a->hist[r] = esru_hist_count(&all, r);
    }
    sparse_bias(&gr, &all, &a->design);
    sparse_bias(&gr, &uniform, &a->uniform);
    return 0;
}

/* ---- the oracle: enumerate one period through the model ---- */

static void dense_bias(const grid *gr, const uint64_t *hist, esru_bias *out)
{
    long double *suffix = malloc((gr->values + 1) * sizeof *suffix);
    suffix[gr->values] = 0;
    for (uint64_t r = gr->values; r-- > 0;)
        suffix[r] = suffix[r + 1] + (long double)hist[r];
    counts c = {NULL, suffix, gr->m};
    bias_of(gr, &c, out);
    free(suffix);
}

int esru_analyze_enumerate(const esru_config *c, esru_analysis *a, char *err, size_t len)
{
    grid gr;
    if (setup(c, a, &gr, err, len) != 0)
        return -1;
    esru_prng p;
    esru_prng_init(&p, c);
    a->period = esru_prng_period(&p);
    if (gr.m > MAX_DENSE_M || a->period > MAX_ENUM_PERIOD) {
        snprintf(err, len, "enumeration needs --prng-width <= %u and a period of at most 2^26 cycles", MAX_DENSE_M);
        return -1;
    }
    a->enumerated = 1;
    a->groups = esru_prng_group_of(&p, c->lanes - 1) + 1;
    uint64_t *ghist = calloc((size_t)a->groups * gr.values, sizeof *ghist);
    a->hist = calloc(gr.values, sizeof *a->hist);
    uint64_t ext[ESRU_MAX_LANES];
    for (uint64_t t = 0; t < a->period; t++) {
        for (unsigned l = 0; l < c->lanes; l++)
            ext[l] = t; /* ext: every value once per period per lane, an ideal uniform source */
        for (unsigned l = 0; l < c->lanes; l++)
            ghist[(size_t)esru_prng_group_of(&p, l) * gr.values + esru_prng_value(&p, l, ext)]++;
        esru_prng_advance(&p);
    }
    long double sum = 0;
    for (unsigned g = 0; g < a->groups; g++)
        for (uint64_t r = 0; r < gr.values; r++)
            a->hist[r] += ghist[(size_t)g * gr.values + r];
    for (uint64_t r = 0; r < gr.values; r++) {
        a->draws += (double)a->hist[r];
        sum += (long double)r * (long double)a->hist[r];
    }
    a->mean_value = (double)(sum / (long double)a->draws);
    dense_bias(&gr, a->hist, &a->design);
    uint64_t *flat = malloc(gr.values * sizeof *flat);
    for (uint64_t r = 0; r < gr.values; r++)
        flat[r] = 1;
    dense_bias(&gr, flat, &a->uniform);
    free(flat);
    for (unsigned g = 0; g < a->groups; g++) {
        esru_bias gb;
        dense_bias(&gr, ghist + (size_t)g * gr.values, &gb);
        set_worst(a, g, gb.mean_bias);
    }
    free(ghist);
    return 0;
}

void esru_analysis_free(esru_analysis *a)
{
    free(a->hist);
    a->hist = NULL;
}

/* ---- per element ---- */

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* An element's mean bias from the sum of its grid up-counts C(r) over n roundings. */
static void element(esru_stride_bias *o, const grid *gr, long double upcount, long double n, unsigned lane, int first)
{
    long double cells = (long double)gr->cells, mean_p = upcount / (n * cells);
    double unb = (double)(mean_p - 0.5L), gridb = (double)(mean_p - (cells - 1) / (2 * cells));
    if (first || unb < o->lo)
        o->lo = unb;
    if (first || unb > o->hi)
        o->hi = unb;
    double mag = unb < 0 ? -unb : unb, worst = o->worst < 0 ? -o->worst : o->worst;
    if (first || mag > worst) {
        o->worst = unb;
        o->worst_grid = gridb;
        o->worst_lane = lane;
    }
}

int esru_analyze_stride(const esru_config *c, uint64_t K, esru_stride_bias *o, char *err, size_t len)
{
    esru_analysis a;
    grid gr;
    memset(o, 0, sizeof *o);
    if (setup(c, &a, &gr, err, len) != 0)
        return -1;
    if (K == 0) {
        snprintf(err, len, "--stride 0 is invalid (valid: 1..2^64-1)");
        return -1;
    }
    esru_prng p;
    esru_prng_init(&p, c);
    o->stride = K;
    o->period = esru_prng_period(&p);
    o->classes = gcd64(K % o->period, o->period); /* K a multiple of P: gcd(0, P) = P */
    o->orbit = o->period / o->classes;
    if (c->rounding != ROUND_SR || p.ops->external) {
        /* Nothing depends on where an element meets its lane. */
        esru_bias b;
        esru_hist u;
        esru_hist_init(&u, gr.m, 1);
        sparse_bias(&gr, &u, &b);
        o->worst = o->lo = o->hi = b.mean_bias_unbounded;
        o->worst_grid = b.mean_bias;
        o->method = c->rounding != ROUND_SR ? "deterministic rounding" : "ideal external source";
        return 0;
    }
    if (o->classes == 1) {
        /* Every element sees its lane's whole period: the lane's histogram. */
        o->method = "closed form: every element sees its lane's whole period";
        for (unsigned l = 0; l < c->lanes; l++) {
            esru_hist h;
            esru_hist_init(&h, gr.m, 0);
            p.ops->lane_hist(&p, l, &h);
            esru_bias b;
            sparse_bias(&gr, &h, &b);
            long double cells = (long double)gr.cells;
            element(o, &gr, ((long double)b.mean_bias_unbounded + 0.5L) * cells, 1, l, l == 0);
        }
        return 0;
    }
    if (o->classes == o->period) {
        /* Every element sees one state forever: its lane's value then. The
         * up-count is monotone in r: the extremes are the smallest and the
         * largest value the lane takes. */
        o->method = "closed form: every element sees a single state";
        for (unsigned l = 0; l < c->lanes; l++) {
            esru_hist h;
            esru_hist_init(&h, gr.m, 0);
            p.ops->lane_hist(&p, l, &h);
            uint64_t lo = 0, hi = gr.values - 1;
            while (esru_hist_count(&h, lo) == 0)
                lo++;
            while (esru_hist_count(&h, hi) == 0)
                hi--;
            element(o, &gr, (long double)(gr.cells - klo(&gr, lo)), 1, l, l == 0);
            element(o, &gr, (long double)(gr.cells - klo(&gr, hi)), 1, l, 0);
        }
        return 0;
    }
    /* Orbits of intermediate length: enumerate one period of one lane per type. */
    unsigned rep[ESRU_MAX_LANES], ntypes = 0;
    for (unsigned l = 0; l < c->lanes; l++) {
        unsigned t = p.ops->lane_type ? p.ops->lane_type(l) : l, seen = 0;
        for (unsigned i = 0; i < ntypes; i++)
            seen |= (p.ops->lane_type ? p.ops->lane_type(rep[i]) : rep[i]) == t;
        if (!seen)
            rep[ntypes++] = l;
    }
    if (gr.m > MAX_STRIDE_M || o->period > MAX_STRIDE_WORK / ntypes || o->classes > MAX_STRIDE_CLASSES / ntypes) {
        snprintf(err, len,
                 "--stride %llu shares the factor %llu with the period %llu: per-element analysis then enumerates "
                 "%u lane(s) x %llu cycles, over the limit (valid: a stride coprime to the period, or a period of "
                 "at most %llu cycles per lane type and --prng-width <= %u)",
                 (unsigned long long)K, (unsigned long long)o->classes, (unsigned long long)o->period, ntypes,
                 (unsigned long long)o->period, (unsigned long long)(MAX_STRIDE_WORK / ntypes), MAX_STRIDE_M);
        return -1;
    }
    o->method = "enumerated: one period of one lane per lane type";
    uint32_t *up = malloc(gr.values * sizeof *up); /* C(r): grid values rounded up with r (< 2^32) */
    long double *acc = calloc((size_t)o->classes * ntypes, sizeof *acc);
    if (!up || !acc)
        abort();
    for (uint64_t r = 0; r < gr.values; r++)
        up[r] = (uint32_t)(gr.cells - klo(&gr, r));
    int tty = isatty(STDERR_FILENO);
    uint64_t tick = o->period * ntypes > MAX_ENUM_PERIOD ? o->period / 100 : 0;
    for (uint64_t t = 0, cls = 0; t < o->period; t++) {
        if (tick && t % tick == 0 && t)
            fprintf(stderr, tty ? "\ranalyze: stride %llu: %3u %%" : "analyze: stride %llu: %u %%\n",
                    (unsigned long long)K, (unsigned)(t / tick));
        for (unsigned i = 0; i < ntypes; i++)
            acc[(size_t)i * o->classes + cls] += up[esru_prng_value(&p, rep[i], NULL)];
        esru_prng_advance(&p);
        if (++cls == o->classes)
            cls = 0;
    }
    if (tick && tty)
        fprintf(stderr, "\n");
    for (unsigned i = 0; i < ntypes; i++)
        for (uint64_t k = 0; k < o->classes; k++)
            element(o, &gr, acc[(size_t)i * o->classes + k], (long double)o->orbit, rep[i], i == 0 && k == 0);
    free(up);
    free(acc);
    return 0;
}
