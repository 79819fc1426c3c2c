/* The analyzer against values derived by hand for N = 8, M = 3, D = 16.
 * Write t = 32a + b (a = top 3 bits, b < 32). Zero fill: up iff t + 32r >= 256
 * iff r >= 8 - a. So P(up) = #{r >= 8-a} / #draws:
 *   uniform 0..7:  a/8        mean 3.5/8 = 0.4375
 *   lfsr 1..7:     a/7        mean 0.5
 *   lfsr-inv 0..6: (a-1)/7    mean 21/56 = 0.375
 *   plateau (0,7 once; 1..6 twice over 14): a/8 per a in mean = 0.4375
 * The exact mean fraction over the grid is 127.5/256 = 0.498046875, so the mean
 * grid biases are: uniform -31/512, lfsr +1/512, lfsr-inv -63/512, plateau -31/512;
 * for unbounded inputs (mean fraction 0.5): uniform -1/16, lfsr 0, lfsr-inv -1/8.
 * Max |bias| of lfsr: at t = 224, P = 1 against 0.875: 1/8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/analyze.h"
#include "model/prng.h"
#include "model/sru.h"
#include <math.h>

static esru_analysis run(esru_prng_kind kind, esru_fill fill, unsigned lanes)
{
    esru_config c;
    esru_config_default(&c);
    c.sru_width = 8;
    c.prng_width = 3;
    c.prng = kind;
    c.fill = fill;
    c.lanes = lanes;
    esru_analysis a;
    char err[256];
    assert_int_equal(esru_analyze(&c, &a, err, sizeof err), 0);
    return a;
}

#define EPS 1e-12

static void test_lfsr_is_biased_per_value_not_for_unbounded_mean(void **state)
{
    (void)state;
    esru_analysis a = run(PRNG_LFSR, FILL_ZERO, 1);
    assert_int_equal(a.period, 7);
    assert_int_equal(a.hist[0], 0);
    assert_float_equal(a.mean_value, 4.0, EPS);
    assert_float_equal(a.design.mean_bias, 1.0 / 512, EPS);
    assert_float_equal(a.design.mean_bias_unbounded, 0.0, EPS);
    assert_float_equal(a.design.max_abs_bias, 0.125, EPS);
    assert_float_equal(a.uniform.mean_bias, -31.0 / 512, EPS);
    /* the PRNG itself shifts the mean by +1/16 LSB against an ideal 3-bit source */
    assert_float_equal(a.design.mean_bias - a.uniform.mean_bias, 1.0 / 16, EPS);
    esru_analysis_free(&a);
}

static void test_lfsr_inv(void **state)
{
    (void)state;
    esru_analysis a = run(PRNG_LFSR_INV, FILL_ZERO, 1);
    assert_float_equal(a.mean_value, 3.0, EPS);
    assert_float_equal(a.design.mean_bias, -63.0 / 512, EPS);
    assert_float_equal(a.design.mean_bias_unbounded, -1.0 / 8, EPS);
    esru_analysis_free(&a);
}

static void test_plateau_and_pair_are_unbiased_in_the_mean(void **state)
{
    (void)state;
    esru_analysis p = run(PRNG_PLATEAU, FILL_ZERO, 1);
    assert_int_equal(p.period, 14);
    assert_float_equal(p.mean_value, 3.5, EPS);
    assert_float_equal(p.design.mean_bias, -31.0 / 512, EPS);
    assert_float_equal(p.design.mean_bias - p.uniform.mean_bias, 0.0, EPS);
    esru_analysis_free(&p);
    esru_analysis q = run(PRNG_PAIR, FILL_ZERO, 2);
    assert_float_equal(q.mean_value, 3.5, EPS);
    assert_float_equal(q.worst_group_mean_bias, -31.0 / 512, EPS);
    esru_analysis_free(&q);
}

static void test_half_fill_removes_truncation_bias_of_uniform(void **state)
{
    (void)state;
    /* Half fill: up iff r >= ceil(7.5 - a - b/32): uniform P = (a + [b >= 16])/8,
       mean 4/8 = 0.5 -> grid bias +1/512, unbounded bias 0. */
    esru_analysis a = run(PRNG_EXT, FILL_HALF, 1);
    assert_float_equal(a.design.mean_bias, 1.0 / 512, EPS);
    assert_float_equal(a.design.mean_bias_unbounded, 0.0, EPS);
    esru_analysis_free(&a);
}

/* rne and trunc at the widest shift (issue 10: D = 63 gave mean bias +3.6e16
 * and variance -1, from a signed 1 << 63). Worked by hand: N = 8, so the grid
 * is G = min(D, N) = 8 bits, k = 0..255, the discarded part is k * 2^(D-8).
 * rne rounds up iff k > 128, and at k = 128 (a tie) iff the kept part is odd;
 * averaged over both parities P(k) = 0 (k < 128), 1/2 (k = 128), 1 (k > 128).
 *   mean P = (127 + 1/2)/256 = mean k/256 = 127.5/256  -> grid mean bias 0
 *   unbounded: mean P - 1/2 = -0.5/256 = -1/512
 *   max |bias|: k = 127 (0 - 127/256) and k = 129 (1 - 129/256): 127/256
 *   mean variance: only k = 128 has P(1-P) = 1/4: 1/4/256 = 1/1024
 * trunc never rounds up: mean bias -127.5/256 = -255/512, variance 0.
 * The answer depends on D only through G, so D = 8, 15 and 63 must agree,
 * with OW = 2 (the narrowest output) and IW = D + 1 (the widest shift). */
static void test_rne_trunc_at_widest_shift(void **state)
{
    (void)state;
    const unsigned shapes[][3] = {{64, 2, 63}, {16, 2, 15}, {16, 8, 8}, {64, 64, 63}};
    for (unsigned i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        esru_config c;
        esru_config_default(&c);
        c.in_width = shapes[i][0];
        c.out_width = shapes[i][1];
        c.shift = shapes[i][2];
        esru_analysis a;
        char err[256];
        c.rounding = ROUND_RNE;
        assert_int_equal(esru_analyze(&c, &a, err, sizeof err), 0);
        assert_int_equal(a.grid_bits, 8);
        assert_float_equal(a.design.mean_bias, 0.0, EPS);
        assert_float_equal(a.design.mean_bias_unbounded, -1.0 / 512, EPS);
        assert_float_equal(a.design.max_abs_bias, 127.0 / 256, EPS);
        assert_float_equal(a.design.mean_var, 1.0 / 1024, EPS);
        esru_analysis_free(&a);
        c.rounding = ROUND_TRUNC;
        assert_int_equal(esru_analyze(&c, &a, err, sizeof err), 0);
        assert_float_equal(a.design.mean_bias, -255.0 / 512, EPS);
        assert_float_equal(a.design.mean_var, 0.0, EPS);
        esru_analysis_free(&a);
    }
}

static void test_rejects_shift_zero(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    c.shift = 0;
    esru_analysis a;
    char err[256];
    assert_int_equal(esru_analyze(&c, &a, err, sizeof err), -1);
}

/* 32/32 lfsr, D = 32, zero fill: up iff k + r >= 2^32 with r on 1..2^32-1, each
 * once. P(up | k) = k / (2^32 - 1), so bias(k) = k/(2^32-1) - k/2^32 =
 * k / (2^32 (2^32-1)): largest at k = 2^32-1, 2^-32; its mean over k is
 * (2^32-1)/2 / (2^32 (2^32-1)) = 2^-33. A closed form, no enumeration. */
static void test_full_width_32_closed_form(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    c.in_width = 40;
    c.shift = 32;
    c.sru_width = 32;
    c.prng_width = 32;
    c.prng = PRNG_LFSR;
    esru_analysis a;
    char err[256];
    assert_int_equal(esru_analyze(&c, &a, err, sizeof err), 0);
    assert_true(a.hist == NULL); /* 2^32 values are not stored */
    assert_float_equal(a.design.max_abs_bias, ldexp(1, -32), 1e-22);
    assert_float_equal(a.design.mean_bias, ldexp(1, -33), 1e-22);
    assert_int_equal(a.period, UINT64_C(0xffffffff));
}

/* The closed form against the oracle (enumerating the period through the
 * model) on every kind, both fills and small N, M, D, lanes. */
static void test_closed_form_equals_enumeration(void **state)
{
    (void)state;
    unsigned cases = 0;
    for (int k = 0; k < PRNG_COUNT; k++)
        for (int fill = 0; fill < 2; fill++)
            for (unsigned n = 1; n <= 6; n++)
                for (unsigned m = 1; m <= n; m++)
                    for (unsigned d = 1; d <= 8; d += 3) {
                        esru_config c;
                        esru_config_default(&c);
                        c.in_width = 16;
                        c.shift = d;
                        c.sru_width = n;
                        c.prng_width = m;
                        c.prng = (esru_prng_kind)k;
                        c.fill = (esru_fill)fill;
                        c.lanes = c.prng == PRNG_SLICED ? 2 : c.prng == PRNG_PAIR ? 4 : 3;
                        char err[256];
                        if (esru_config_check(&c, err, sizeof err) != 0)
                            continue;
                        esru_analysis x, y;
                        assert_int_equal(esru_analyze(&c, &x, err, sizeof err), 0);
                        assert_int_equal(esru_analyze_enumerate(&c, &y, err, sizeof err), 0);
                        assert_int_equal(x.period, y.period);
                        assert_float_equal(x.draws, y.draws, 0);
                        for (uint64_t r = 0; r < x.values; r++)
                            assert_int_equal(x.hist[r], y.hist[r]);
                        const esru_bias *b[2] = {&x.design, &y.design};
                        assert_float_equal(b[0]->max_abs_bias, b[1]->max_abs_bias, 1e-12);
                        assert_float_equal(b[0]->mean_bias, b[1]->mean_bias, 1e-12);
                        assert_float_equal(b[0]->mean_bias_unbounded, b[1]->mean_bias_unbounded, 1e-12);
                        assert_float_equal(b[0]->mean_var, b[1]->mean_var, 1e-12);
                        assert_float_equal(x.uniform.max_abs_bias, y.uniform.max_abs_bias, 1e-12);
                        assert_float_equal(x.worst_group_mean_bias, y.worst_group_mean_bias, 1e-12);
                        assert_float_equal(x.mean_value, y.mean_value, 1e-12);
                        esru_analysis_free(&x);
                        esru_analysis_free(&y);
                        cases++;
                    }
    assert_true(cases > 300);
}

static esru_stride_bias stride_of(esru_prng_kind kind, esru_fill fill, unsigned lanes, uint64_t k)
{
    esru_config c;
    esru_config_default(&c);
    c.prng = kind;
    c.fill = fill;
    c.lanes = lanes;
    esru_stride_bias s;
    char err[256];
    assert_int_equal(esru_analyze_stride(&c, k, &s, err, sizeof err), 0);
    return s;
}

/* Plateau 8/3, half fill, per lane period 14. An even K keeps an element on
 * one phase: it sees the 7 straight values 1..7 (or the inverted 0..6) of its
 * lane's LFSR (7 is odd, so K/2 steps visit all 7). Half fill makes a uniform
 * source unbiased for unbounded inputs, and values 1..7 have mean 4 instead
 * of 3.5: +0.5 random steps = +0.5/8 = +1/16 LSB (inverted: -1/16). An odd K
 * coprime to 14 visits the whole period: bias 0. K = 7: the orbit is {t0,
 * t0+7}: the same LFSR state, straight and inverted: mean (s + 7 - s)/2 = 3.5,
 * bias 0. K = 14: one state forever: worst value 0 (or 7) with half fill:
 * up iff top + 16 >= 256 (r = 0) or top + 240 >= 256 (r = 7) over top = 0..255:
 * P = 16/256 or 240/256: bias -7/16 or +7/16. */
static void test_plateau_stride_known_answers(void **state)
{
    (void)state;
    esru_stride_bias s = stride_of(PRNG_PLATEAU, FILL_HALF, 8, 2);
    assert_float_equal(fabs(s.worst), 1.0 / 16, 1e-12);
    assert_float_equal(s.lo, -1.0 / 16, 1e-12);
    assert_float_equal(s.hi, 1.0 / 16, 1e-12);
    assert_int_equal(s.orbit, 7);
    for (uint64_t k = 1; k < 60; k += 2) {
        s = stride_of(PRNG_PLATEAU, FILL_HALF, 8, k);
        assert_float_equal(s.worst, 0.0, 1e-12);
    }
    s = stride_of(PRNG_PLATEAU, FILL_HALF, 1, 14);
    assert_float_equal(fabs(s.worst), 7.0 / 16, 1e-12);
    assert_int_equal(s.orbit, 1);
    /* pair: a lane alone is an LFSR (or its inverse) whatever K is */
    for (uint64_t k = 1; k <= 6; k++) {
        s = stride_of(PRNG_PAIR, FILL_HALF, 2, k);
        assert_float_equal(fabs(s.worst), 1.0 / 16, 1e-12);
    }
}

/* The default design, 8/3 shared with half fill, W = 17 (period P = 131071,
 * prime), 8 lanes. Each lane's 3-bit value takes every value 2^14 times per
 * period and 0 once fewer, so an element that sees the whole period (any K
 * that is no multiple of P, e.g. the multiples of 7 and 14 that pin plateau
 * and a 3-bit LFSR) has mean r = 2^14 * 28 / 131071 = 458752 / 131071 and,
 * half fill leaving a uniform source unbiased, bias (mean r - 3.5) / 8 =
 * 3.3379e-6 LSB (< 2^-10). K = P: one state forever, worst r = 0 or 7:
 * +-7/16 as for plateau at K = 14 above. */
static void test_shared_stride_known_answers(void **state)
{
    (void)state;
    const double whole = (458752.0 / 131071.0 - 3.5) / 8;
    const uint64_t ks[] = {1, 7, 14, 28, 49, 98, 3675, 10632, 29394, 131070, 131072};
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        esru_stride_bias s = stride_of(PRNG_SHARED, FILL_HALF, 8, ks[i]);
        assert_float_equal(s.worst, whole, 1e-15);
        assert_true(fabs(s.worst) < ldexp(1, -10));
        assert_int_equal(s.orbit, 131071);
    }
    esru_stride_bias s = stride_of(PRNG_SHARED, FILL_HALF, 8, 131071);
    assert_float_equal(fabs(s.worst), 7.0 / 16, 1e-12);
    assert_int_equal(s.orbit, 1);
}

/* Brute force: for every lane and start offset, average the model's own
 * decisions over the element's orbit and every grid value; compare the worst
 * element and the spread with the analyzer (config c: IW 12, D 5, N 5). */
static void brute_check(const esru_config *cp, uint64_t stride)
{
    esru_config c = *cp;
    unsigned m = c.prng_width;
    esru_stride_bias s;
    char err[256];
    assert_int_equal(esru_analyze_stride(&c, stride, &s, err, sizeof err), 0);
    esru_prng p;
    esru_prng_init(&p, &c);
    uint64_t period = esru_prng_period(&p);
    static uint64_t vals[ESRU_MAX_LANES][512];
    assert_true(period <= 512);
    for (uint64_t t = 0; t < period; t++) {
        for (unsigned l = 0; l < c.lanes; l++)
            vals[l][t] = esru_prng_value(&p, l, NULL);
        esru_prng_advance(&p);
    }
    double lo = 1, hi = -1;
    for (unsigned l = 0; l < c.lanes; l++)
        for (uint64_t t0 = 0; t0 < period; t0++) {
            uint64_t ups = 0, n = 0, t = t0;
            do {
                uint64_t w = esru_random_word(vals[l][t], c.sru_width, m, c.fill);
                for (int64_t kk = 0; kk < 32; kk++)
                    ups += esru_round(kk, 5, 8, ROUND_SR, 5, w, NULL) == 1;
                n++;
                t = (t + stride) % period;
            } while (t != t0);
            double bias = (double)ups / (32.0 * (double)n) - 0.5;
            lo = bias < lo ? bias : lo;
            hi = bias > hi ? bias : hi;
        }
    assert_float_equal(s.lo, lo, 1e-12);
    assert_float_equal(s.hi, hi, 1e-12);
    assert_float_equal(fabs(s.worst), fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi), 1e-12);
}

static esru_config small_config(esru_prng_kind kind, int fill, unsigned m, unsigned lanes)
{
    esru_config c;
    esru_config_default(&c);
    c.in_width = 12;
    c.shift = 5;
    c.sru_width = 5;
    c.prng_width = m;
    c.prng = kind;
    c.fill = (esru_fill)fill;
    c.lanes = lanes;
    return c;
}

/* Small configs and strides that take every path (coprime, a common factor,
 * a multiple of the period); shared with W = 5 (period 31) too, whose
 * multiples of 31 leave an element one state. */
static void test_stride_equals_brute_force(void **state)
{
    (void)state;
    const esru_prng_kind kinds[] = {PRNG_LFSR, PRNG_LFSR_INV, PRNG_PLATEAU, PRNG_PAIR, PRNG_SLICED};
    const uint64_t strides[] = {1, 2, 3, 4, 5, 6, 7, 9, 14, 15, 21, 30};
    for (size_t ki = 0; ki < sizeof kinds / sizeof kinds[0]; ki++)
        for (int fill = 0; fill < 2; fill++)
            for (unsigned m = 2; m <= 4; m++)
                for (size_t si = 0; si < sizeof strides / sizeof strides[0]; si++) {
                    esru_config c = small_config(kinds[ki], fill, m, kinds[ki] == PRNG_SLICED ? 2 : 4);
                    brute_check(&c, strides[si]);
                }
    const uint64_t shared_strides[] = {1, 2, 7, 14, 30, 31, 62, 93};
    for (int fill = 0; fill < 2; fill++)
        for (unsigned m = 2; m <= 3; m++)
            for (size_t si = 0; si < sizeof shared_strides / sizeof shared_strides[0]; si++) {
                esru_config c = small_config(PRNG_SHARED, fill, m, 3);
                c.state_width = 5;
                esru_prng p;
                esru_prng_init(&p, &c);
                assert_int_equal(esru_prng_period(&p), 31);
                brute_check(&c, shared_strides[si]);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lfsr_is_biased_per_value_not_for_unbounded_mean),
        cmocka_unit_test(test_lfsr_inv),
        cmocka_unit_test(test_plateau_and_pair_are_unbiased_in_the_mean),
        cmocka_unit_test(test_half_fill_removes_truncation_bias_of_uniform),
        cmocka_unit_test(test_rejects_shift_zero),
        cmocka_unit_test(test_full_width_32_closed_form),
        cmocka_unit_test(test_closed_form_equals_enumeration),
        cmocka_unit_test(test_plateau_stride_known_answers),
        cmocka_unit_test(test_shared_stride_known_answers),
        cmocka_unit_test(test_stride_equals_brute_force),
        cmocka_unit_test(test_rne_trunc_at_widest_shift),
    };
    return cmocka_run_group_tests_name("analyze", tests, NULL, NULL);
}
