/* The lane rule's fast paths (model/quant.c) against a plain per-element
 * loop written from the rule's text in docs/training.md: element i is
 * rounded by esru_round with lane i % L's value (esru_prng_value) at cycle
 * i / L; the bank advances once after every group of L elements and after a
 * final partial group. Every kind of the table, both fills, lanes 1..9,
 * lengths with partial last groups and lengths that cross the 1024-element
 * blocks and the value table's end, shifts on both sides of the adder width,
 * and each way of producing the values (table, LFSR blocks, cycle by cycle),
 * with 1, 2 and 3 threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/backend.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include "model/quant.h"
#include "model/simd.h"
#include "model/sru.h"

/* ---------- the LFSR block stepper against one step at a time ---------- */

static void test_lfsr_run(void **state)
{
    (void)state;
    uint64_t out[700];
    uint32_t out32[700];
    for (unsigned w = 1; w <= 64; w++) {
        uint64_t tap = esru_lfsr_tapmask(w);
        for (size_t n = 0; n < 700; n += n < 40 ? 1 : 97) {
            uint64_t s = esru_lfsr_seed_state(w * 31 + n, 0, 1, w), ref = s;
            uint64_t end = esru_lfsr_run(s, w, tap, n, out);
            uint64_t end32 = w <= 32 ? esru_lfsr_run32(s, w, tap, n, out32) : 0;
            for (size_t t = 0; t < n; t++) {
                assert_int_equal(out[t], ref);
                if (w <= 32)
                    assert_int_equal(out32[t], ref);
                ref = esru_lfsr_next(ref, w, tap);
            }
            assert_int_equal(end, ref);
            if (w <= 32)
                assert_int_equal(end32, ref);
        }
    }
}

/* ---------- the reference: the rule, one element at a time ---------- */

enum { OP_STREAM, OP_RELU, OP_KEEP, OP_UPDATE, OP_I8, OP_COUNT };

typedef struct {
    esru_config cfg;
    int ideal, op, d;
    unsigned ow, ww;
} rcase;

typedef struct {
    esru_prng prng;
    uint64_t sm;
    uint64_t advances;
} ref_bank;

static void ref_init(ref_bank *r, const rcase *c, uint64_t seed)
{
    esru_config cfg = c->cfg;
    cfg.seed = seed;
    esru_prng_init(&r->prng, &cfg);
    r->sm = seed;
    r->advances = 0;
}

/* The value element i rounds (the backend's masking rule, or the negated
 * gradient of an update), before the lane rule's shift. */
static int64_t ref_value(const rcase *c, const int64_t *x, const int32_t *x32, const int32_t *keep, size_t i)
{
    switch (c->op) {
    case OP_RELU:
        return fx_mask(x, i, 1, NULL);
    case OP_KEEP:
        return fx_mask(x, i, 0, keep);
    case OP_UPDATE:
        return -x[i];
    case OP_I8:
        return x32[i];
    default:
        return x[i];
    }
}

/* One call of the lane rule, per element. y: outputs (w for updates).
 * Returns rounding saturations, adds weight saturations to *ovf_w. */
static uint64_t ref_stream(ref_bank *r, const rcase *c, const int64_t *x, const int32_t *x32, const int32_t *keep,
                           size_t n, int32_t *y, uint64_t *ovf_w)
{
    const esru_config *cfg = &c->cfg;
    unsigned L = cfg->lanes, ud = c->d > 62 ? 62 : c->d < 0 ? 0 : (unsigned)c->d;
    uint64_t ovf = 0, ext[ESRU_MAX_LANES];
    for (size_t g = 0; g < n; g += L) {
        unsigned k = n - g < L ? (unsigned)(n - g) : L;
        if (!c->ideal && cfg->rounding == ROUND_SR && r->prng.ops->external)
            for (unsigned l = 0; l < k; l++)
                ext[l] = esru_splitmix64(&r->sm);
        for (unsigned l = 0; l < k; l++) {
            size_t i = g + l;
            int64_t v = ref_value(c, x, x32, keep, i);
            if (c->d < 0) {
                int sh = -c->d;
                int64_t lim = INT64_C(1) << (62 - sh);
                v = v >= lim ? INT64_C(1) << 62 : v <= -lim ? -(INT64_C(1) << 62) : v * (INT64_C(1) << sh);
            }
            int o = 0;
            int64_t q;
            if (c->ideal) {
                q = esru_round_ideal(v, ud, c->ow, esru_splitmix64(&r->sm), &o);
            } else {
                uint64_t w = 0;
                if (cfg->rounding == ROUND_SR)
                    w = esru_random_word(esru_prng_value(&r->prng, l, ext), cfg->sru_width, cfg->prng_width,
                                         cfg->fill);
                q = esru_round(v, ud, c->ow, cfg->rounding, cfg->sru_width, w, &o);
            }
            ovf += (uint64_t)o;
            if (c->op == OP_UPDATE) {
                int ow = 0;
                y[i] = (int32_t)esru_saturate((int64_t)y[i] + q, c->ww, &ow);
                *ovf_w += (uint64_t)ow;
            } else {
                y[i] = (int32_t)q;
            }
        }
        esru_prng_advance(&r->prng);
        r->advances++;
    }
    return ovf;
}

/* The same call through quant.c. */
static uint64_t fast_stream(quant_bank *b, const rcase *c, const int64_t *x, const int32_t *x32,
                            const int32_t *keep, size_t n, int32_t *y, uint64_t *ovf_w)
{
    switch (c->op) {
    case OP_RELU:
        return quant_requant(b, x, n, 1, NULL, c->d, c->ow, y);
    case OP_KEEP:
        return quant_requant(b, x, n, 0, keep, c->d, c->ow, y);
    case OP_UPDATE: {
        uint64_t og = 0;
        quant_update(b, y, x, n, c->d, c->ow, c->ww, &og, ovf_w);
        return og;
    }
    case OP_I8: {
        int8_t *y8 = malloc(n ? n : 1);
        uint64_t o = quant_stream_i8(b, x32, n, c->d, c->ow, y8);
        for (size_t i = 0; i < n; i++)
            y[i] = y8[i];
        free(y8);
        return o;
    }
    default:
        return quant_stream(b, x, n, c->d, c->ow, y);
    }
}

static uint64_t rng = 99;
static int64_t rnd_bits(unsigned bits)
{
    return (int64_t)(esru_splitmix64(&rng) >> (64 - bits)) - (INT64_C(1) << (bits - 1));
}

/* Several consecutive calls (the bank persists) with the given lengths;
 * every output, count and the bank's state afterwards must agree. Returns
 * the number of elements compared. */
static size_t check_case(const rcase *c, const size_t *lens, unsigned nlens)
{
    size_t maxn = 0, total = 0;
    for (unsigned j = 0; j < nlens; j++)
        maxn = lens[j] > maxn ? lens[j] : maxn;
    int64_t *x = malloc((maxn + 1) * sizeof *x);
    int32_t *x32 = malloc((maxn + 1) * sizeof *x32), *keep = malloc((maxn + 1) * sizeof *keep);
    int32_t *y1 = malloc((maxn + 1) * sizeof *y1), *y2 = malloc((maxn + 1) * sizeof *y2);
    quant_bank *b = malloc(sizeof *b);
    ref_bank ref;
    quant_bank_init(b, &c->cfg, 1234, c->ideal);
    ref_init(&ref, c, 1234);
    for (unsigned j = 0; j < nlens; j++) {
        size_t n = lens[j];
        for (size_t i = 0; i < n; i++) {
            x[i] = rnd_bits(c->op == OP_UPDATE ? 24 : 30);
            x32[i] = (int32_t)rnd_bits(24);
            keep[i] = (int32_t)rnd_bits(3);
            y1[i] = y2[i] = (int32_t)rnd_bits(c->ww ? c->ww : 8); /* updates start from weights */
        }
        uint64_t ow1 = 0, ow2 = 0;
        uint64_t o1 = fast_stream(b, c, x, x32, keep, n, y1, &ow1);
        uint64_t o2 = ref_stream(&ref, c, x, x32, keep, n, y2, &ow2);
        if (memcmp(y1, y2, n * sizeof *y1) != 0 || o1 != o2 || ow1 != ow2) {
            size_t i = 0;
            while (i < n && y1[i] == y2[i])
                i++;
            fail_msg("kind %s fill %u lanes %u N/M %u/%u rounding %u ideal %d op %d d %d: call %u (n %zu), first "
                     "difference at %zu (%d vs %d), saturations %llu/%llu, %llu/%llu",
                     esru_prng_name(c->cfg.prng), c->cfg.fill, c->cfg.lanes, c->cfg.sru_width, c->cfg.prng_width,
                     c->cfg.rounding, c->ideal, c->op, c->d, j, n, i, i < n ? y1[i] : 0, i < n ? y2[i] : 0,
                     (unsigned long long)o1, (unsigned long long)o2, (unsigned long long)ow1,
                     (unsigned long long)ow2);
        }
        total += n;
    }
    assert_int_equal(b->advances, ref.advances);
    assert_int_equal(b->prng.phase, ref.prng.phase);
    assert_memory_equal(b->prng.state, ref.prng.state, ref.prng.count * sizeof ref.prng.state[0]);
    if (c->ideal || (c->cfg.rounding == ROUND_SR && ref.prng.ops->external))
        assert_int_equal(b->sm_state, ref.sm);
    free(x), free(x32), free(keep), free(y1), free(y2), free(b);
    return total;
}

static int make_cfg(esru_config *c, esru_prng_kind kind, unsigned n, unsigned m, esru_fill fill, unsigned lanes,
                    esru_rounding r)
{
    esru_config_default(c);
    c->in_width = 64;
    c->out_width = 8;
    c->shift = 0;
    c->prng = kind;
    c->sru_width = n;
    c->prng_width = m;
    c->fill = fill;
    c->lanes = lanes;
    c->rounding = r;
    char err[256];
    return esru_config_check(c, err, sizeof err) == 0;
}

/* Lengths: partial last groups, block (1024) and table crossings. */
static const size_t short_lens[] = {1, 0, 7, 23, 9, 1100, 2053, 5};

static void sweep(int paths)
{
    static const unsigned widths[][2] = {{8, 3}, {24, 24}, {5, 5}, {12, 7}};
    static const int shifts[] = {16, 4, 0, -3, 70};
    size_t elements = 0;
    quant_fast_paths = paths;
    for (unsigned k = 0; k < PRNG_COUNT; k++)
        for (unsigned f = 0; f < FILL_COUNT; f++)
            for (unsigned lanes = 1; lanes <= 9; lanes++)
                for (unsigned wi = 0; wi < 4; wi++) {
                    rcase c = {.ideal = 0, .op = OP_STREAM, .ow = 8, .ww = 0};
                    if (!make_cfg(&c.cfg, (esru_prng_kind)k, widths[wi][0], widths[wi][1], (esru_fill)f, lanes,
                                  ROUND_SR))
                        continue; /* e.g. pair with odd lanes, sliced wider than 64 bits */
                    /* every op once per config, the shift moving with it */
                    for (int op = 0; op < OP_COUNT; op++) {
                        c.op = op;
                        c.d = shifts[(k + f + lanes + wi + (unsigned)op) % 5];
                        c.ow = op == OP_UPDATE ? widths[wi][0] > 8 ? 12 : 8 : op == OP_I8 ? 8 : 10;
                        c.ww = op == OP_UPDATE ? 8 : 0;
                        elements += check_case(&c, short_lens, sizeof short_lens / sizeof short_lens[0]);
                    }
                }
    quant_fast_paths = QUANT_FAST_ALL;
    assert_true(elements > 1000000); /* the sweep really ran */
}

static void test_fast_paths(void **state)
{
    (void)state;
    sweep(QUANT_FAST_ALL);
}

static void test_maps_only(void **state)
{
    (void)state;
    sweep(QUANT_FAST_MAPS);
}

static void test_cycle_by_cycle(void **state)
{
    (void)state;
    sweep(0);
}

/* rne, trunc and sr-ideal ignore the bank's values but keep its steps. */
static void test_other_roundings(void **state)
{
    (void)state;
    const esru_rounding rs[] = {ROUND_RNE, ROUND_TRUNC, ROUND_SR};
    for (unsigned ri = 0; ri < 3; ri++)
        for (unsigned lanes = 1; lanes <= 9; lanes += 4)
            for (int op = 0; op < OP_COUNT; op++)
                for (unsigned di = 0; di < 4; di++) {
                    const int shifts[] = {16, 1, 0, -2};
                    rcase c = {.ideal = ri == 2, .op = op, .d = shifts[di], .ow = 8, .ww = op == OP_UPDATE ? 8 : 0};
                    assert_true(make_cfg(&c.cfg, PRNG_PLATEAU, 8, 3, FILL_ZERO, lanes, rs[ri]));
                    check_case(&c, short_lens, sizeof short_lens / sizeof short_lens[0]);
                    c.cfg.prng = PRNG_EXT; /* ext draws words only for sr */
                    check_case(&c, short_lens, sizeof short_lens / sizeof short_lens[0]);
                }
}

/* Long streams are split between threads at lane-group boundaries; every
 * thread count gives the reference result. */
static void test_threads(void **state)
{
    (void)state;
    static const size_t lens[] = {40001, 3, 65536, 17000};
    const esru_prng_kind kinds[] = {PRNG_PLATEAU, PRNG_LFSR, PRNG_SLICED, PRNG_EXT, PRNG_PAIR};
    for (unsigned t = 1; t <= 3; t++) {
        esru_threads_set(t);
        for (unsigned ki = 0; ki < 5; ki++)
            for (unsigned wi = 0; wi < 2; wi++) {
                rcase c = {.ideal = 0, .op = OP_UPDATE, .d = 6, .ow = 8, .ww = 8};
                assert_true(make_cfg(&c.cfg, kinds[ki], wi ? 16 : 8, wi ? 16 : 3, FILL_HALF, 4, ROUND_SR));
                check_case(&c, lens, 4);
                c.op = OP_KEEP;
                check_case(&c, lens, 4);
            }
        rcase c = {.ideal = 1, .op = OP_STREAM, .d = 9, .ow = 8};
        assert_true(make_cfg(&c.cfg, PRNG_LFSR, 8, 3, FILL_ZERO, 3, ROUND_SR));
        check_case(&c, lens, 4);
    }
    esru_threads_set(1);
}

/* ---------- the shared kind's block generator (esru_kind.run) ---------- */

static int shared_cfg(esru_config *c, unsigned w, unsigned m, unsigned lanes)
{
    if (!make_cfg(c, PRNG_SHARED, 8 > m ? 8 : m, m, FILL_HALF, lanes, ROUND_SR))
        return 0;
    c->state_width = w;
    char err[256];
    return esru_config_check(c, err, sizeof err) == 0;
}

/* run against value() + esru_prng_advance, cycle by cycle: every value of
 * every lane and cycle, then the state and phase. Block counts on both sides
 * of the 64-cycle word, from states jumped to odd places of the period; M
 * on both sides of the 8-bit byte of the spreading step (M <= 8 takes the
 * AVX-512 byte spreading where the CPU has it) and the planes by carry-less
 * multiply (AVX2 and PCLMUL) against the XOR of windows: the portable cap
 * checks the other way of both. Lanes 1, 3 and 8 are made lane by lane, 20
 * and 70 across lanes (one chunk of lanes, and two). */
static void shared_run_all(void)
{
    static const unsigned ws[] = {17, 19, 31, 61}, ms[] = {1, 3, 8, 9, 16, 17}, lanes[] = {1, 3, 8, 20, 70};
    static const size_t cycles[] = {0, 1, 5, 63, 64, 65, 127, 300, 1000};
    uint32_t *r = malloc(1000 * 70 * sizeof *r);
    esru_prng *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    unsigned checked = 0;
    for (unsigned wi = 0; wi < 4; wi++)
        for (unsigned mi = 0; mi < 6; mi++)
            for (unsigned li = 0; li < 5; li++) {
                esru_config c;
                if (ms[mi] > ws[wi] || !shared_cfg(&c, ws[wi], ms[mi], lanes[li]))
                    continue;
                c.seed = 77 + wi + mi;
                esru_prng_init(a, &c);
                assert_non_null(a->ops->run);
                esru_prng_jump(a, 12345u * (li + 1) + mi); /* an odd phase for some */
                *b = *a;
                for (unsigned ci = 0; ci < 9; ci++) {
                    size_t n = cycles[ci];
                    a->ops->run(a, n, r);
                    for (size_t t = 0; t < n; t++) {
                        for (unsigned l = 0; l < lanes[li]; l++)
                            if (r[t * lanes[li] + l] != (uint32_t)esru_prng_value(b, l, NULL))
                                fail_msg("W %u M %u lanes %u: run of %zu cycles, cycle %zu lane %u: %u vs %llu",
                                         ws[wi], ms[mi], lanes[li], n, t, l, r[t * lanes[li] + l],
                                         (unsigned long long)esru_prng_value(b, l, NULL));
                        esru_prng_advance(b);
                    }
                    assert_int_equal(a->state[0], b->state[0]);
                    assert_int_equal(a->phase, b->phase);
                }
                checked++;
            }
    assert_true(checked >= 75); /* the sweep really ran (M > W and M > 30 cases are skipped) */
    free(r), free(a), free(b);
}

static void test_shared_run(void **state)
{
    (void)state;
    shared_run_all();
    esru_simd_cap(ESRU_SIMD_PORTABLE);
    shared_run_all();
    esru_simd_cap(ESRU_SIMD_VNNI);
}

/* Long streams of the default design's kind through the lane rule with the
 * fast paths on (the block generator) and off (value() cycle by cycle), each
 * against the per-element reference: every output, the saturations and the
 * bank afterwards. W = 17 (the default), 19 and 31; lanes 1, 3, 8 and 64;
 * 1 and 2 threads (the second part starts from a jumped bank). */
static void test_shared_streams(void **state)
{
    (void)state;
    static const unsigned ws[] = {17, 19, 31}, lanes[] = {1, 3, 8, 64};
    static const size_t lens[] = {100003, 1, 4095, 64 * 64 + 1, 33333};
    static const int paths[] = {QUANT_FAST_ALL, 0};
    for (unsigned t = 1; t <= 2; t++) {
        esru_threads_set(t);
        for (unsigned pi = 0; pi < 2; pi++) {
            quant_fast_paths = paths[pi];
            for (unsigned wi = 0; wi < 3; wi++)
                for (unsigned li = 0; li < 4; li++) {
                    rcase c = {.ideal = 0, .op = (int)(wi + li) % OP_COUNT, .d = 7, .ow = 8, .ww = 0};
                    assert_true(shared_cfg(&c.cfg, ws[wi], wi == 1 ? 4 : 3, lanes[li]));
                    c.ow = c.op == OP_UPDATE ? 8 : 10;
                    c.ww = c.op == OP_UPDATE ? 8 : 0;
                    c.ow = c.op == OP_I8 ? 8 : c.ow;
                    assert_true(check_case(&c, lens, 5) == 141529);
                }
        }
    }
    quant_fast_paths = QUANT_FAST_ALL;
    esru_threads_set(1);
}

/* The comparison can fail: a bank seeded differently gives other results. */
static void test_negative(void **state)
{
    (void)state;
    rcase c = {.ideal = 0, .op = OP_STREAM, .d = 16, .ow = 8};
    assert_true(make_cfg(&c.cfg, PRNG_PLATEAU, 8, 3, FILL_ZERO, 4, ROUND_SR));
    enum { N = 4000 };
    static int64_t x[N];
    static int32_t y1[N], y2[N];
    for (size_t i = 0; i < N; i++)
        x[i] = rnd_bits(30);
    quant_bank b;
    quant_bank_init(&b, &c.cfg, 1234, 0);
    ref_bank ref;
    ref_init(&ref, &c, 1235);
    uint64_t ow = 0;
    quant_stream(&b, x, N, c.d, c.ow, y1);
    ref_stream(&ref, &c, x, NULL, NULL, N, y2, &ow);
    assert_memory_not_equal(y1, y2, sizeof y1);
}

/* The requantization shift of masked accumulators (fx_dyn_shift_masked):
 * d = max(0, bits(max |fx_mask(x)|) - (width - 1)). By hand, width 8 (7
 * magnitude bits):
 *  {5, -300, 100}: 300 has 9 bits -> 2; with ReLU the -300 is dropped: 100
 *  (7 bits) -> 0; keep {1, 0, 1} drops it too -> 0; keep {0, 1, -1} keeps only
 *  -300 -> 2, and with ReLU then nothing is left -> 0.
 *  {-7, -9} with ReLU: all dropped -> 0; without, at width 4 (3 bits): 9 has 4 -> 1.
 *  INT64_MIN: |x| = 2^63, 64 bits -> 57; INT64_MAX: 63 bits -> 56; with ReLU
 *  INT64_MIN is dropped -> 0.
 *  1001 values (i % 50 - 25, a vector loop's tail included) and -4096 last:
 *  13 bits -> 6; 4095 last instead: 12 bits -> 5. */
static void test_dyn_shift_masked(void **state)
{
    (void)state;
    int64_t a[] = {5, -300, 100}, neg[] = {-7, -9}, mn[] = {INT64_MIN}, mx[] = {INT64_MAX};
    int32_t k1[] = {1, 0, 1}, k2[] = {0, 1, -1};
    assert_int_equal(fx_dyn_shift_masked(a, 3, 0, NULL, 8), 2);
    assert_int_equal(fx_dyn_shift_masked(a, 3, 1, NULL, 8), 0);
    assert_int_equal(fx_dyn_shift_masked(a, 3, 0, k1, 8), 0);
    assert_int_equal(fx_dyn_shift_masked(a, 3, 0, k2, 8), 2);
    assert_int_equal(fx_dyn_shift_masked(a, 3, 1, k2, 8), 0);
    assert_int_equal(fx_dyn_shift_masked(neg, 2, 1, NULL, 8), 0);
    assert_int_equal(fx_dyn_shift_masked(neg, 2, 0, NULL, 4), 1); /* 9: 4 bits, width 4 -> 1 */
    assert_int_equal(fx_dyn_shift_masked(mn, 1, 0, NULL, 8), 57);
    assert_int_equal(fx_dyn_shift_masked(mx, 1, 0, NULL, 8), 56);
    assert_int_equal(fx_dyn_shift_masked(mn, 1, 1, NULL, 8), 0);
    static int64_t v[1001];
    for (int i = 0; i < 1000; i++)
        v[i] = i % 50 - 25;
    v[1000] = -4096;
    assert_int_equal(fx_dyn_shift_masked(v, 1001, 0, NULL, 8), 6);
    v[1000] = 4095;
    assert_int_equal(fx_dyn_shift_masked(v, 1001, 0, NULL, 8), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dyn_shift_masked),
        cmocka_unit_test(test_lfsr_run),       cmocka_unit_test(test_fast_paths),
        cmocka_unit_test(test_maps_only),      cmocka_unit_test(test_cycle_by_cycle),
        cmocka_unit_test(test_other_roundings), cmocka_unit_test(test_threads),
        cmocka_unit_test(test_shared_run),     cmocka_unit_test(test_shared_streams),
        cmocka_unit_test(test_negative),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
