/* The ranking core of `make explore` on hand-made points: cheap-score
 * dominance and pruning, the accuracy x area Pareto front, the recommendation. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "sim/explore/pareto.h"
#include "synth/area.h"

/* area, max|bias|, mean bias, accuracy, keep */
static ex_score P(double area, double bmax, double bmean, double acc) { return (ex_score){area, bmax, bmean, acc, 0}; }

static void test_dominates(void **state)
{
    (void)state;
    ex_score a = P(10, 0.1, 0.01, NAN), b = P(12, 0.2, 0.02, NAN), c = P(10, 0.1, 0.01, NAN);
    assert_true(ex_cheap_dominates(&a, &b, EX_BIAS_BOTH));
    assert_false(ex_cheap_dominates(&b, &a, EX_BIAS_BOTH));
    assert_false(ex_cheap_dominates(&a, &c, EX_BIAS_BOTH)); /* equal: neither dominates */
    /* smaller area but larger max bias: no dominance on both, dominance on mean only */
    ex_score d = P(8, 0.3, 0.001, NAN);
    assert_false(ex_cheap_dominates(&d, &a, EX_BIAS_BOTH));
    assert_false(ex_cheap_dominates(&d, &a, EX_BIAS_MAX));
    assert_true(ex_cheap_dominates(&d, &a, EX_BIAS_MEAN));
    /* the sign of the mean bias does not matter, its magnitude does */
    ex_score e = P(10, 0.1, -0.005, NAN);
    assert_true(ex_cheap_dominates(&e, &a, EX_BIAS_MEAN));
    ex_score f = P(10, 0.1, -0.02, NAN);
    assert_true(ex_cheap_dominates(&a, &f, EX_BIAS_BOTH));
    /* NAN (not measured) never dominates nor is dominated */
    ex_score g = P(NAN, 0.01, 0, NAN);
    assert_false(ex_cheap_dominates(&g, &b, EX_BIAS_BOTH));
    assert_false(ex_cheap_dominates(&a, &g, EX_BIAS_BOTH));
    /* negative areas (SR cheaper than rne) compare as numbers */
    ex_score h = P(-3, 0.1, 0.01, NAN);
    assert_true(ex_cheap_dominates(&h, &a, EX_BIAS_BOTH));
}

static void test_prune(void **state)
{
    (void)state;
    ex_score p[] = {
        P(44, 6e-8, 3e-8, NAN),  /* 0: baseline: big but unbiased; keep */
        P(7, 0.125, 0.0, NAN),   /* 1: 8/3 lfsr */
        P(10, 0.246, 0.125, NAN),/* 2: 8/3 lfsr-inv: dominated by 1 */
        P(12, 0.116, 0.0, NAN),  /* 3: plateau half: bigger but less max bias: kept */
        P(13, 0.175, 0.0625, NAN),/* 4: dominated by 1 and 3; the smaller-area dominator is named */
        P(50, 1e-3, 1e-3, NAN),  /* 5: dominated by the baseline */
        P(7, 0.125, 0.0, NAN),   /* 6: equal to 1: kept */
    };
    p[0].keep = 1;
    int dom[7];
    assert_int_equal(ex_prune(p, 7, EX_BIAS_BOTH, dom), 3);
    int want[7] = {-1, -1, 1, -1, 1, 0, -1};
    for (int i = 0; i < 7; i++) assert_int_equal(dom[i], want[i]);
    /* a kept point is never pruned, even when dominated */
    p[5].keep = 1;
    assert_int_equal(ex_prune(p, 7, EX_BIAS_BOTH, dom), 2);
    assert_int_equal(dom[5], -1);
    /* the baseline dominates nothing it should not: on max only, 3 dominates 4 and 1 does not dominate 3 */
    assert_int_equal(ex_prune(p, 7, EX_BIAS_MAX, dom), 2);
    assert_int_equal(dom[3], -1);
    assert_int_equal(dom[4], 1);
}

static void test_pareto(void **state)
{
    (void)state;
    ex_score p[] = {
        P(44, 0, 0, 0.85),  /* 0 baseline: best accuracy: on the front */
        P(7, 0, 0, 0.80),   /* 1 smallest: on the front */
        P(10, 0, 0, 0.79),  /* 2 bigger and worse than 1: off */
        P(12, 0, 0, 0.84),  /* 3 on */
        P(12, 0, 0, 0.83),  /* 4 same area, worse: off */
        P(20, 0, 0, 0.84),  /* 5 same accuracy as 3, bigger: off */
        P(3, 0, 0, NAN),    /* 6 untrained: never on it */
        P(NAN, 0, 0, 0.99), /* 7 no area: never on it */
        P(7, 0, 0, 0.80),   /* 8 identical to 1: both on */
    };
    int front[9];
    assert_int_equal(ex_pareto(p, 9, front), 4);
    int want[9] = {1, 1, 0, 1, 0, 0, 0, 0, 1};
    for (int i = 0; i < 9; i++) assert_int_equal(front[i], want[i]);
}

static void test_recommend(void **state)
{
    (void)state;
    ex_score p[] = {
        P(44, 6e-8, 0, 0.850), /* 0 baseline */
        P(7, 0.125, 0, 0.840), /* 1 smallest, 1.0 pp below */
        P(12, 0.116, 0, 0.849),/* 2 0.1 pp below */
        P(12, 0.100, 0, 0.849),/* 3 same area and accuracy, less bias: wins the tie */
        P(15, 0.001, 0, 0.852),/* 4 better than the baseline but bigger */
        P(5, 0.2, 0, NAN),     /* 5 untrained */
    };
    assert_int_equal(ex_recommend(p, 6, 0, 0.002), 3);
    assert_int_equal(ex_recommend(p, 6, 0, 0.010), 1);  /* exactly at the tolerance counts */
    assert_int_equal(ex_recommend(p, 6, 0, 0.0), 4);    /* within 0: at least as good */
    p[4].acc = 0.849;
    assert_int_equal(ex_recommend(p, 6, 0, 0.0), 0);    /* only the baseline itself */
    /* equal area and bias: the higher accuracy */
    p[2].acc = 0.8495, p[2].bias_max = 0.100;
    assert_int_equal(ex_recommend(p, 6, 0, 0.002), 2);
    /* no baseline accuracy: no recommendation */
    p[0].acc = NAN;
    assert_int_equal(ex_recommend(p, 6, 0, 0.002), -1);
    assert_int_equal(ex_recommend(p, 6, 9, 0.002), -1);
}

static void test_ratio(void **state)
{
    (void)state;
    assert_float_equal(area_ratio(44, 4), 11, 1e-12);
    assert_true(isnan(area_ratio(44, 0)));
    assert_true(isnan(area_ratio(44, -3)));
    assert_true(isnan(area_ratio(NAN, 3)));
}

/* The area module (synth/area.c) that exptool and synthrep share. */
static void test_area(void **state)
{
    (void)state;
    synth_counts x = {0}, g = {0}, o = {0};
    x.logic = 40, x.ff = 8, g.logic = 100, g.transistors = -1, o.area_um2 = 1600;
    double v[MET_COUNT], r[MET_COUNT], d[MET_COUNT];
    /* 8 lanes: 40/8 = 5 LUT, 8/8 = 1 FF, 6 LUT+FF, 100/8 = 12.5 gates, no transistor figure, 1600/8 = 200 um^2 */
    area_per_lane(&x, &g, &o, 8, v);
    assert_float_equal(v[MET_LUT], 5, 1e-12);
    assert_float_equal(v[MET_FF], 1, 1e-12);
    assert_float_equal(v[MET_LUTFF], 6, 1e-12);
    assert_float_equal(v[MET_GATES], 12.5, 1e-12);
    assert_true(isnan(v[MET_TRANS]));
    assert_float_equal(v[MET_UM2], 200, 1e-12);
    /* lanes 0 counts as 1; no osu018 run: um2 is NAN, not 0 */
    area_per_lane(&x, &g, NULL, 0, r);
    assert_float_equal(r[MET_LUT], 40, 1e-12);
    assert_true(isnan(r[MET_UM2]));
    /* overhead over an rne of 2 LUT, 1 FF: 5-2, 1-1, 6-3 */
    x.logic = 2, x.ff = 1;
    area_per_lane(&x, &g, &o, 1, r);
    area_overhead(v, r, d);
    assert_float_equal(d[MET_LUT], 3, 1e-12);
    assert_float_equal(d[MET_FF], 0, 1e-12);
    assert_float_equal(d[MET_LUTFF], 3, 1e-12);
    assert_float_equal(d[MET_UM2], 200 - 1600, 1e-12);
    area_overhead(v, NULL, d);
    assert_true(isnan(d[MET_LUTFF]));
    /* one set of names, each parsing back to its metric */
    for (int k = 0; k < MET_COUNT; k++) assert_int_equal(area_metric_parse(area_metric_names[k]), k);
    assert_int_equal(area_metric_parse("um2"), MET_UM2);
    assert_int_equal(area_metric_parse("lut_ff"), -1);
    assert_int_equal(area_metric_parse(""), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dominates), cmocka_unit_test(test_prune), cmocka_unit_test(test_pareto),
        cmocka_unit_test(test_recommend), cmocka_unit_test(test_ratio), cmocka_unit_test(test_area),
    };
    return cmocka_run_group_tests_name("explore pareto", tests, NULL, NULL);
}
