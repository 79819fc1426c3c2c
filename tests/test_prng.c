/* PRNG bank: each --prng KIND delivers the values its definition promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/lfsr.h"
#include "model/prng.h"
#include "model/unit.h"

static esru_config cfg_of(esru_prng_kind kind, unsigned m, unsigned lanes)
{
    esru_config c;
    esru_config_default(&c);
    c.prng = kind;
    c.prng_width = m;
    c.sru_width = m < 8 ? 8 : m;
    c.lanes = lanes;
    c.seed = 12345;
    return c;
}

static void test_lfsr_visits_every_nonzero_value_once(void **state)
{
    (void)state;
    esru_config c = cfg_of(PRNG_LFSR, 5, 3);
    esru_prng p;
    esru_prng_init(&p, &c);
    unsigned seen[3][32] = {{0}};
    assert_int_equal(esru_prng_period(&p), 31);
    for (unsigned t = 0; t < 31; t++) {
        for (unsigned l = 0; l < 3; l++)
            seen[l][esru_prng_value(&p, l, NULL)]++;
        esru_prng_advance(&p);
    }
    for (unsigned l = 0; l < 3; l++) {
        assert_int_equal(seen[l][0], 0);
        for (unsigned v = 1; v < 32; v++)
            assert_int_equal(seen[l][v], 1);
    }
}

static void test_lfsr_inv_never_emits_all_ones(void **state)
{
    (void)state;
    esru_config c = cfg_of(PRNG_LFSR_INV, 3, 1);
    esru_prng p;
    esru_prng_init(&p, &c);
    unsigned seen[8] = {0};
    for (unsigned t = 0; t < 7; t++) {
        seen[esru_prng_value(&p, 0, NULL)]++;
        esru_prng_advance(&p);
    }
    assert_int_equal(seen[7], 0);
    for (unsigned v = 0; v < 7; v++)
        assert_int_equal(seen[v], 1);
}

static void test_plateau_alternates_straight_and_inverted(void **state)
{
    (void)state;
    esru_config c = cfg_of(PRNG_PLATEAU, 3, 2);
    esru_prng p;
    esru_prng_init(&p, &c);
    assert_int_equal(esru_prng_period(&p), 14);
    unsigned seen[8] = {0};
    for (unsigned t = 0; t < 14; t++) {
        uint64_t s0 = p.state[0], s1 = p.state[1];
        /* lane 0 straight on even cycles, lane 1 the other way round */
        assert_int_equal(esru_prng_value(&p, 0, NULL), (t & 1) ? (~s0 & 7) : s0);
        assert_int_equal(esru_prng_value(&p, 1, NULL), (t & 1) ? s1 : (~s1 & 7));
        seen[esru_prng_value(&p, 0, NULL)]++;
        esru_prng_advance(&p);
    }
    /* the plateau: 0 and 7 once, 1..6 twice per 14 cycles */
    assert_int_equal(seen[0], 1);
    assert_int_equal(seen[7], 1);
    for (unsigned v = 1; v < 7; v++)
        assert_int_equal(seen[v], 2);
}

static void test_pair_lanes_are_complements(void **state)
{
    (void)state;
    esru_config c = cfg_of(PRNG_PAIR, 4, 4);
    esru_prng p;
    esru_prng_init(&p, &c);
    assert_int_equal(p.count, 2);
    for (unsigned t = 0; t < 40; t++) {
        assert_int_equal(esru_prng_value(&p, 1, NULL), ~esru_prng_value(&p, 0, NULL) & 15);
        assert_int_equal(esru_prng_value(&p, 3, NULL), ~esru_prng_value(&p, 2, NULL) & 15);
        esru_prng_advance(&p);
    }
}

static void test_sliced_lanes_are_bit_fields_of_one_lfsr(void **state)
{
    (void)state;
    esru_config c = cfg_of(PRNG_SLICED, 3, 4);
    esru_prng p;
    esru_prng_init(&p, &c);
    assert_int_equal(p.width, 12);
    assert_int_equal(p.count, 1);
    for (unsigned t = 0; t < 50; t++) {
        for (unsigned l = 0; l < 4; l++)
            assert_int_equal(esru_prng_value(&p, l, NULL), (p.state[0] >> (3 * l)) & 7);
        esru_prng_advance(&p);
    }
}

static void test_unit_reset_enable_and_latency(void **state)
{
    (void)state;
    esru_config c = cfg_of(PRNG_LFSR, 3, 1);
    c.in_width = 16;
    c.shift = 8;
    c.sru_width = 8;
    esru_unit u;
    esru_unit_init(&u, &c);
    int64_t x[1] = {0x0180}; /* 1.5 */
    esru_unit_clock(&u, 1, 1, x, NULL);
    assert_int_equal(u.y[0], 0); /* reset wins over en */
    uint64_t s0 = u.prng.state[0];
    esru_unit_clock(&u, 0, 0, x, NULL);
    assert_int_equal(u.y[0], 0); /* en low: nothing moves */
    assert_int_equal(u.prng.state[0], s0);
    esru_unit_clock(&u, 0, 1, x, NULL);
    /* word = s0 << 5; 0x80 + word carries iff s0 >= 4 */
    assert_int_equal(u.y[0], s0 >= 4 ? 2 : 1);
    assert_int_equal(u.prng.state[0], esru_lfsr_next(s0, 3, esru_lfsr_tapmask(3)));
}

static void test_unit_rne_with_ext_needs_no_random_input(void **state)
{
    (void)state;
    /* An rne unit has no rnd port: clocking it without random bits must work. */
    esru_config c = cfg_of(PRNG_EXT, 3, 2);
    c.rounding = ROUND_RNE;
    c.in_width = 16;
    c.shift = 4;
    esru_unit u;
    esru_unit_init(&u, &c);
    int64_t x[2] = {0x18, 0x28}; /* 1.5 -> 2 (tie to even), 2.5 -> 2 */
    esru_unit_clock(&u, 0, 1, x, NULL);
    assert_int_equal(u.y[0], 2);
    assert_int_equal(u.y[1], 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lfsr_visits_every_nonzero_value_once),
        cmocka_unit_test(test_lfsr_inv_never_emits_all_ones),
        cmocka_unit_test(test_plateau_alternates_straight_and_inverted),
        cmocka_unit_test(test_pair_lanes_are_complements),
        cmocka_unit_test(test_sliced_lanes_are_bit_fields_of_one_lfsr),
        cmocka_unit_test(test_unit_reset_enable_and_latency),
        cmocka_unit_test(test_unit_rne_with_ext_needs_no_random_input),
    };
    return cmocka_run_group_tests_name("prng", tests, NULL, NULL);
}
