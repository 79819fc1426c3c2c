/* The lane rule (see quant.h) in blocks: first the random values of a block
 * of elements, then one rounding pass over it (quant_pass.c). The values come
 * from the bank stepped cycle by cycle through the kind's value(), from the
 * kind's lane map with the LFSRs stepped in blocks (esru_prng_run), from the
 * kind's own block generator (esru_kind.run: shared), or, for
 * banks with a short period, from a table of one period made once by the
 * former. Long streams are split between threads at lane-group boundaries,
 * each with its own copy of the bank jumped ahead to its first cycle: the
 * result is the same for every thread count. */
#include "model/quant.h"
#include "model/lfsr.h"
#include "model/quant_pass.h"
#include "model/simd.h"
#include "model/sru.h"
#include <math.h>
#include <string.h>

#define QUANT_BLOCK QUANT_PASS_MAX /* elements per block: their random values stay in L1 */
#define QUANT_PAR_MIN 16384  /* shorter streams use one thread */

int quant_fast_paths = QUANT_FAST_ALL;

/* Only the LFSR states and the phase change when a bank advances. */
static int same_state(const esru_prng *a, const esru_prng *b)
{
    return a->phase == b->phase && memcmp(a->state, b->state, a->count * sizeof a->state[0]) == 0;
}

/* A table of whole periods when the bank's period is short: found by
 * stepping a copy until it is back at its reset state, filled by the model. */
static void table_init(quant_bank *b)
{
    const esru_config *c = &b->cfg;
    unsigned L = c->lanes;
    b->period = b->table_cycles = 0;
    if (b->ideal || c->rounding != ROUND_SR || b->prng.ops->external)
        return;
    esru_prng p = b->prng;
    size_t max_cycles = (QUANT_TABLE_MAX - QUANT_BLOCK) / 2 / L, period = 0;
    for (size_t t = 1; t <= max_cycles && !period; t++) {
        esru_prng_advance(&p);
        if (same_state(&p, &b->prng))
            period = t;
    }
    if (!period)
        return;
    /* table_cycles * L >= QUANT_BLOCK, and a block starting at any cycle
     * of the table ends inside it: values continue past the last cycle. */
    size_t reps = (QUANT_BLOCK + period * L - 1) / (period * L);
    size_t cycles = period * reps, total = cycles * L + QUANT_BLOCK;
    p = b->prng;
    for (size_t i = 0; i < total; esru_prng_advance(&p))
        for (unsigned l = 0; l < L && i < total; l++)
            b->table[i++] = (uint32_t)esru_prng_value(&p, l, NULL);
    b->period = (uint32_t)period;
    b->table_cycles = (uint32_t)cycles;
}

void quant_bank_init(quant_bank *b, const esru_config *cfg, uint64_t seed, int ideal)
{
    b->cfg = *cfg;
    b->cfg.seed = seed;
    b->ideal = ideal;
    esru_prng_init(&b->prng, &b->cfg);
    quant_bank_reset(b);
    table_init(b);
}

void quant_bank_reset(quant_bank *b)
{
    esru_prng_reset(&b->prng);
    b->sm_state = b->cfg.seed;
    b->advances = 0;
}

/* Does this bank draw a splitmix64 word per element? (sr-ideal; sr with
 * --prng ext, whose external bits are an ideal source). */
static int draws_words(const quant_bank *b)
{
    return b->ideal || (b->cfg.rounding == ROUND_SR && b->prng.ops->external);
}

/* Elements e0 .. e1-1 (e0 at a group boundary) of a stream whose bank is
 * at the state `b` had when the stream started. The bank copy *end gets the
 * state after the last group (when end is not NULL). */
static uint64_t stream_part(const quant_bank *b, const quant_pass *q, size_t e0, size_t e1, esru_prng *end,
                            uint64_t *ovf_w)
{
    const unsigned L = b->cfg.lanes;
    const size_t blk = (QUANT_BLOCK / L) * L; /* whole groups */
    uint64_t ovf = 0;
    size_t g0 = e0 / L;
    if (b->ideal) {
        uint64_t sm = b->sm_state, w[QUANT_BLOCK];
        esru_splitmix64_jump(&sm, e0);
        for (size_t e = e0; e < e1; e += blk) {
            size_t k = e1 - e < blk ? e1 - e : blk;
            for (size_t i = 0; i < k; i++)
                w[i] = esru_splitmix64(&sm); /* uniform 64-bit, see esru_round_ideal */
            ovf += quant_pass_run(q, e, k, NULL, w, ovf_w);
        }
        return ovf;
    }
    if (b->cfg.rounding != ROUND_SR) { /* rne and trunc ignore the random word */
        for (size_t e = e0; e < e1; e += blk)
            ovf += quant_pass_run(q, e, e1 - e < blk ? e1 - e : blk, NULL, NULL, ovf_w);
        return ovf;
    }
    if (b->table_cycles && (quant_fast_paths & QUANT_FAST_TABLE)) {
        size_t span = (size_t)b->table_cycles * L, pos = ((b->advances + g0) % b->table_cycles) * L;
        for (size_t e = e0; e < e1; e += blk) {
            size_t k = e1 - e < blk ? e1 - e : blk;
            ovf += quant_pass_run(q, e, k, b->table + pos, NULL, ovf_w);
            pos = (pos + blk) % span;
        }
        return ovf; /* *end: the caller jumps the bank (a table means a short period) */
    }
    esru_prng p = b->prng;
    if (g0)
        esru_prng_jump(&p, g0);
    esru_lane_map maps[ESRU_MAX_LANES];
    int mapped = (quant_fast_paths & QUANT_FAST_MAPS) && esru_prng_lane_maps(&p, maps);
    int blocks = !mapped && (quant_fast_paths & QUANT_FAST_BLOCKS) && p.ops->run && !p.ops->external;
    uint64_t sm = b->sm_state, ext[ESRU_MAX_LANES];
    uint32_t r[QUANT_BLOCK];
    if (p.ops->external)
        esru_splitmix64_jump(&sm, e0);
    for (size_t e = e0; e < e1; e += blk) {
        size_t k = e1 - e < blk ? e1 - e : blk, cycles = (k + L - 1) / L;
        if (p.ops->external) {
            for (size_t i = 0; i < k; esru_prng_advance(&p)) {
                unsigned n = k - i < L ? (unsigned)(k - i) : L; /* a final partial group draws n */
                for (unsigned l = 0; l < n; l++)
                    ext[l] = esru_splitmix64(&sm); /* an ideal external source */
                for (unsigned l = 0; l < n; l++)
                    r[i++] = (uint32_t)esru_prng_value(&p, l, ext);
            }
        } else if (blocks) {
            p.ops->run(&p, cycles, r); /* the kind's block generator */
        } else {
            esru_prng_run(&p, mapped ? maps : NULL, cycles, r);
        }
        ovf += quant_pass_run(q, e, k, r, NULL, ovf_w);
    }
    if (end)
        *end = p;
    return ovf;
}

/* Stream n elements through bank b (the lane rule), in parallel parts. */
static uint64_t stream(quant_bank *b, const quant_pass *q, size_t n, uint64_t *ovf_w)
{
    const unsigned L = b->cfg.lanes;
    size_t groups = (n + L - 1) / L;
    unsigned parts = n < QUANT_PAR_MIN ? 1 : esru_threads();
    if (parts > groups)
        parts = groups ? (unsigned)groups : 1;
    int table = b->table_cycles && (quant_fast_paths & QUANT_FAST_TABLE) && !b->ideal &&
                b->cfg.rounding == ROUND_SR;
    esru_prng end = b->prng;
    uint64_t ovf = 0, ow = 0;
#ifdef _OPENMP
#pragma omp parallel for num_threads(parts) if (parts > 1) reduction(+ : ovf, ow) schedule(static, 1)
#endif
    for (unsigned t = 0; t < parts; t++) {
        size_t g0 = groups * t / parts, g1 = groups * (t + 1) / parts;
        size_t e1 = g1 * L < n ? g1 * L : n;
        ovf += stream_part(b, q, g0 * L, e1, t + 1 == parts ? &end : NULL, &ow);
    }
    /* The bank after the stream: ceil(n/L) advances. */
    if (table || b->ideal || b->cfg.rounding != ROUND_SR)
        esru_prng_jump(&b->prng, b->period ? groups % b->period : groups);
    else
        b->prng = end;
    if (draws_words(b))
        esru_splitmix64_jump(&b->sm_state, n);
    b->advances += groups;
    *ovf_w += ow;
    return ovf;
}

static quant_pass pass_of(const quant_bank *b, quant_pass_kind kind, int d, unsigned ow)
{
    const esru_config *c = &b->cfg;
    quant_pass q = {kind, c->rounding, b->ideal, c->sru_width, c->prng_width, c->fill, d, ow,
                    NULL, NULL, 0, NULL, NULL, NULL, NULL, 0};
    return q;
}

uint64_t quant_stream(quant_bank *b, const int64_t *x, size_t n, int d, unsigned ow, int32_t *y)
{
    quant_pass q = pass_of(b, PASS_STREAM, d, ow);
    q.x = x;
    q.y = y;
    uint64_t unused = 0;
    return stream(b, &q, n, &unused);
}

uint64_t quant_requant(quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep, int d,
                       unsigned ow, int32_t *y)
{
    quant_pass q = pass_of(b, relu || keep ? PASS_REQUANT : PASS_STREAM, d, ow);
    q.x = x;
    q.relu = relu;
    q.keep = keep;
    q.y = y;
    uint64_t unused = 0;
    return stream(b, &q, n, &unused);
}

void quant_update(quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                  uint64_t *ovf_grad, uint64_t *ovf_weight)
{
    quant_pass q = pass_of(b, PASS_UPDATE, d, gw);
    q.x = g;
    q.w = w;
    q.ww = ww;
    *ovf_grad += stream(b, &q, n, ovf_weight);
}

uint64_t quant_stream_i8(quant_bank *b, const int32_t *x, size_t n, int d, unsigned ow, int8_t *y)
{
    quant_pass q = pass_of(b, PASS_I8, d, ow > 8 ? 8 : ow);
    q.x32 = x;
    q.y8 = y;
    uint64_t unused = 0;
    return stream(b, &q, n, &unused);
}

int quant_dyn_shift(const int64_t *x, size_t n, unsigned width)
{
    uint64_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t a = x[i] < 0 ? (uint64_t)0 - (uint64_t)x[i] : (uint64_t)x[i];
        if (a > m)
            m = a;
    }
    int bits = 0;
    while (m) {
        bits++;
        m >>= 1;
    }
    int d = bits - (int)(width - 1);
    return d > 0 ? d : 0;
}

int quant_from_float(const float *v, size_t n, int64_t *x)
{
    float m = 0.0f;
    for (size_t i = 0; i < n; i++)
        if (fabsf(v[i]) > m)
            m = fabsf(v[i]);
    int e = 0;
    if (m > 0.0f) {
        int ex;
        frexpf(m, &ex); /* m = f * 2^ex, f in [0.5, 1) */
        e = ex - 30;
    }
    /* 2^-e: e = ex - 30 with ex in -148..128, so a normal double; v * 2^-e
     * is then exact (a float's 24 bits, scaled within the double range), the
     * same number ldexp gives, and the loop vectorizes */
    const double s = ldexp(1.0, -e);
    for (size_t i = 0; i < n; i++)
        x[i] = (int64_t)((double)v[i] * s);
    return e;
}
