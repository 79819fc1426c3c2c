/* SRU rounding model on hand-worked cases (each expected value is derived in
 * the comment beside it, from the rules in docs/numerics.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/sru.h"

static int64_t sr(int64_t x, unsigned d, unsigned ow, unsigned n, uint64_t w)
{
    return esru_round(x, d, ow, ROUND_SR, n, w, NULL);
}

static void test_sr_carry_threshold(void **state)
{
    (void)state;
    /* x = 0x123, D = 4: q = 0x12 = 18, top 4 bits = 3. 3 + 12 = 15 < 16 keeps 18; 3 + 13 = 16 carries. */
    assert_int_equal(sr(0x123, 4, 8, 4, 12), 18);
    assert_int_equal(sr(0x123, 4, 8, 4, 13), 19);
    /* zero fraction never rounds up, whatever the word */
    assert_int_equal(sr(0x120, 4, 8, 4, 15), 18);
}

static void test_sr_negative_is_floor_based(void **state)
{
    (void)state;
    /* x = -1, D = 4: q = floor(-1/16) = -1, top = 15. Word 1 carries to 0; word 0 stays -1. */
    assert_int_equal(sr(-1, 4, 8, 4, 1), 0);
    assert_int_equal(sr(-1, 4, 8, 4, 0), -1);
    /* x = -24 = -2 + 8/16: q = -2, top = 8. Word 7 keeps -2, word 8 gives -1. */
    assert_int_equal(sr(-24, 4, 8, 4, 7), -2);
    assert_int_equal(sr(-24, 4, 8, 4, 8), -1);
}

static void test_sr_only_top_n_bits_count(void **state)
{
    (void)state;
    /* D = 8, N = 4: x = 0x0FF, top 4 discarded bits = 0xF, the low 4 bits are ignored.
       0xF + 1 = 16 carries; 0xF + 0 does not. x = 0x00F has top = 0: never rounds up. */
    assert_int_equal(sr(0x0FF, 8, 8, 4, 1), 1);
    assert_int_equal(sr(0x0FF, 8, 8, 4, 0), 0);
    assert_int_equal(sr(0x00F, 8, 8, 4, 15), 0);
}

static void test_sr_short_fraction_left_aligned(void **state)
{
    (void)state;
    /* D = 2 < N = 4: the 2 discarded bits 0b11 sit at the top of the adder: 0b1100 = 12. */
    assert_int_equal(esru_discarded_top(3, 2, 4), 12);
    assert_int_equal(sr(3, 2, 8, 4, 4), 1);
    assert_int_equal(sr(3, 2, 8, 4, 3), 0);
    /* D = 0: nothing is discarded, the value passes through (saturated). */
    assert_int_equal(sr(5, 0, 8, 4, 15), 5);
}

static void test_saturation(void **state)
{
    (void)state;
    int ovf = 0;
    /* 0x7FFF >> 4 = 2047 saturates to 127 at 8 bits; -32768 >> 4 = -2048 to -128. */
    assert_int_equal(esru_round(0x7FFF, 4, 8, ROUND_SR, 4, 0, &ovf), 127);
    assert_int_equal(ovf, 1);
    assert_int_equal(esru_round(-32768, 4, 8, ROUND_SR, 4, 0, &ovf), -128);
    assert_int_equal(ovf, 1);
    /* 127*16 + 15 rounds up to 128, which saturates back to 127 */
    assert_int_equal(esru_round(127 * 16 + 15, 4, 8, ROUND_SR, 4, 15, &ovf), 127);
    assert_int_equal(ovf, 1);
    assert_int_equal(esru_round(126 * 16 + 15, 4, 8, ROUND_SR, 4, 15, &ovf), 127);
    assert_int_equal(ovf, 0);
}

static void test_random_word_fill(void **state)
{
    (void)state;
    /* N = 8, M = 3, r = 5: zero fill 101_00000 = 160; half fill 101_10000 = 176. */
    assert_int_equal(esru_random_word(5, 8, 3, FILL_ZERO), 160);
    assert_int_equal(esru_random_word(5, 8, 3, FILL_HALF), 176);
    /* M = N leaves no fill bits: half fill changes nothing. */
    assert_int_equal(esru_random_word(5, 3, 3, FILL_HALF), 5);
}

static void test_rne_ties_to_even(void **state)
{
    (void)state;
    /* D = 2: x = 2 is 0.5 (q = 0 even) -> 0; x = 6 is 1.5 -> 2; 7 is 1.75 -> 2; 5 is 1.25 -> 1. */
    assert_int_equal(esru_round(2, 2, 8, ROUND_RNE, 0, 0, NULL), 0);
    assert_int_equal(esru_round(6, 2, 8, ROUND_RNE, 0, 0, NULL), 2);
    assert_int_equal(esru_round(7, 2, 8, ROUND_RNE, 0, 0, NULL), 2);
    assert_int_equal(esru_round(5, 2, 8, ROUND_RNE, 0, 0, NULL), 1);
    /* x = -2 is -0.5: q = -1 is odd, so the tie goes up to 0; x = -6 is -1.5 -> -2. */
    assert_int_equal(esru_round(-2, 2, 8, ROUND_RNE, 0, 0, NULL), 0);
    assert_int_equal(esru_round(-6, 2, 8, ROUND_RNE, 0, 0, NULL), -2);
    /* D = 1: x = 3 is 1.5 -> 2; x = 1 is 0.5 -> 0 */
    assert_int_equal(esru_round(3, 1, 8, ROUND_RNE, 0, 0, NULL), 2);
    assert_int_equal(esru_round(1, 1, 8, ROUND_RNE, 0, 0, NULL), 0);
}

static void test_trunc_is_floor(void **state)
{
    (void)state;
    assert_int_equal(esru_round(31, 4, 8, ROUND_TRUNC, 4, 15, NULL), 1);
    assert_int_equal(esru_round(-1, 4, 8, ROUND_TRUNC, 4, 15, NULL), -1);
}

static void test_sr_ideal_uses_all_discarded_bits(void **state)
{
    (void)state;
    /* D = 4, x = 3 (3/16): the top 4 random bits r4 carry iff 3 + r4 >= 16, i.e. r4 >= 13. */
    uint64_t r13 = UINT64_C(13) << 60, r12 = (UINT64_C(12) << 60) | (UINT64_C(1) << 59);
    assert_int_equal(esru_round_ideal(3, 4, 8, r13, NULL), 1);
    assert_int_equal(esru_round_ideal(3, 4, 8, r12, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sr_carry_threshold),     cmocka_unit_test(test_sr_negative_is_floor_based),
        cmocka_unit_test(test_sr_only_top_n_bits_count), cmocka_unit_test(test_sr_short_fraction_left_aligned),
        cmocka_unit_test(test_saturation),             cmocka_unit_test(test_random_word_fill),
        cmocka_unit_test(test_rne_ties_to_even),       cmocka_unit_test(test_trunc_is_floor),
        cmocka_unit_test(test_sr_ideal_uses_all_discarded_bits),
    };
    return cmocka_run_group_tests_name("sru", tests, NULL, NULL);
}
