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
#include "analyze.h"

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

static void test_rejects_what_it_cannot_enumerate(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    c.shift = 0;
    esru_analysis a;
    char err[256];
    assert_int_equal(esru_analyze(&c, &a, err, sizeof err), -1);
    esru_config_default(&c);
    c.sru_width = 32;
    c.prng_width = 32;
    assert_int_equal(esru_analyze(&c, &a, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lfsr_is_biased_per_value_not_for_unbounded_mean),
        cmocka_unit_test(test_lfsr_inv),
        cmocka_unit_test(test_plateau_and_pair_are_unbiased_in_the_mean),
        cmocka_unit_test(test_half_fill_removes_truncation_bias_of_uniform),
        cmocka_unit_test(test_rne_trunc_at_widest_shift),
        cmocka_unit_test(test_rejects_what_it_cannot_enumerate),
    };
    return cmocka_run_group_tests_name("analyze", tests, NULL, NULL);
}
