/* Known answers for the LFSR model, written down independently of gen/:
 * primitivity tests (test_lfsr.c) cannot tell one maximal tap set from
 * another, and model and RTL share the table and the seed rule, so only
 * values pinned here catch a changed table entry or seed-spacing rule.
 *
 * 1. The tap table against Xilinx XAPP052 (Alfke 1996) table 3, copied from
 *    /work/shared/xapp052-taps.txt (widths 3..64 from the note; width 2 is
 *    x^2+x+1 = taps 2,1 and width 1 the constant register x+1 = tap 1, as
 *    that file says and as gen/lfsr.h documents).
 * 2. State sequences stepped by hand from the documented recurrence
 *    state' = {state[W-2:0], XOR of the tapped bits}, tap t = state bit t-1.
 * 3. Seed states from the splitmix64 definition (Steele, Lea, Flood 2014),
 *    worked with 64-bit modular arithmetic outside this code base; the
 *    intermediate values are in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/config.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include "model/seed_overlap.h"
#include <stdio.h>
#include <string.h>

/* XAPP052 table 3, "width: taps", exactly as in the note (1-based bit numbers). */
static const char *const xapp052[] = {
    "1: 1", "2: 2,1", "3: 3,2", "4: 4,3", "5: 5,3", "6: 6,5", "7: 7,6", "8: 8,6,5,4", "9: 9,5", "10: 10,7",
    "11: 11,9", "12: 12,6,4,1", "13: 13,4,3,1", "14: 14,5,3,1", "15: 15,14", "16: 16,15,13,4", "17: 17,14",
    "18: 18,11", "19: 19,6,2,1", "20: 20,17", "21: 21,19", "22: 22,21", "23: 23,18", "24: 24,23,22,17",
    "25: 25,22", "26: 26,6,2,1", "27: 27,5,2,1", "28: 28,25", "29: 29,27", "30: 30,6,4,1", "31: 31,28",
    "32: 32,22,2,1", "33: 33,20", "34: 34,27,2,1", "35: 35,33", "36: 36,25", "37: 37,5,4,3,2,1", "38: 38,6,5,1",
    "39: 39,35", "40: 40,38,21,19", "41: 41,38", "42: 42,41,20,19", "43: 43,42,38,37", "44: 44,43,18,17",
    "45: 45,44,42,41", "46: 46,45,26,25", "47: 47,42", "48: 48,47,21,20", "49: 49,40", "50: 50,49,24,23",
    "51: 51,50,36,35", "52: 52,49", "53: 53,52,38,37", "54: 54,53,18,17", "55: 55,31", "56: 56,55,35,34",
    "57: 57,50", "58: 58,39", "59: 59,58,38,37", "60: 60,59", "61: 61,60,46,45", "62: 62,61,6,5", "63: 63,62",
    "64: 64,63,61,60",
};

static void test_taps_match_xapp052_table_3(void **state)
{
    (void)state;
    assert_int_equal(sizeof xapp052 / sizeof xapp052[0], 64);
    for (unsigned w = 1; w <= 64; w++) {
        unsigned taps[ESRU_LFSR_MAX_TAPS];
        unsigned n = esru_lfsr_taps(w, taps);
        char got[64] = "";
        size_t used = (size_t)snprintf(got, sizeof got, "%u:", w);
        for (unsigned i = 0; i < n; i++)
            used += (size_t)snprintf(got + used, sizeof got - used, "%s%u", i ? "," : " ", taps[i]);
        if (strcmp(got, xapp052[w - 1]) != 0)
            fail_msg("width %u: model has taps '%s', XAPP052 table 3 says '%s'", w, got, xapp052[w - 1]);
    }
    unsigned taps[ESRU_LFSR_MAX_TAPS];
    assert_int_equal(esru_lfsr_taps(0, taps), 0);
    assert_int_equal(esru_lfsr_taps(65, taps), 0);
}

static void expect_sequence(unsigned width, uint64_t start, const uint64_t *want, unsigned n)
{
    uint64_t s = start, mask = esru_lfsr_tapmask(width);
    for (unsigned i = 0; i < n; i++) {
        if (s != want[i])
            fail_msg("width %u from %llu: state %u is %llu, worked by hand: %llu", width,
                     (unsigned long long)start, i, (unsigned long long)s, (unsigned long long)want[i]);
        s = esru_lfsr_next(s, width, mask);
    }
}

static void test_sequences_worked_by_hand(void **state)
{
    (void)state;
    /* W = 3, taps 3,2 -> feedback = bit2 ^ bit1, state' = (state << 1 | fb) & 7:
     *   001: 0^0=0 -> 010;  010: 0^1=1 -> 101;  101: 1^0=1 -> 011;  011: 0^1=1 -> 111;
     *   111: 1^1=0 -> 110;  110: 1^1=0 -> 100;  100: 1^0=1 -> 001 (period 7). */
    const uint64_t w3[] = {1, 2, 5, 3, 7, 6, 4, 1};
    expect_sequence(3, 1, w3, 8);
    /* W = 4, taps 4,3 -> feedback = bit3 ^ bit2:
     *   0001 -> 0010 -> 0100 (fb 0,0) ; 0100: 0^1=1 -> 1001 ; 1001: 1^0=1 -> 0011 ;
     *   0011: 0^0=0 -> 0110 ; 0110: 0^1=1 -> 1101 ; 1101: 1^1=0 -> 1010 ; 1010: 1^0=1 -> 0101. */
    const uint64_t w4[] = {1, 2, 4, 9, 3, 6, 13, 10, 5};
    expect_sequence(4, 1, w4, 9);
    /* W = 8, taps 8,6,5,4 -> feedback = bit7 ^ bit5 ^ bit4 ^ bit3:
     *   1 -> 2 -> 4 -> 8 (none tapped); 8 = bit3: fb 1 -> 17; 17 = bits 4,0: fb 1 -> 35;
     *   35 = bits 5,1,0: fb 1 -> 71; 71 = bits 6,2,1,0: fb 0 -> 142;
     *   142 = bits 7,3,2,1: 1^1 = 0 -> 284 & 255 = 28.
     * (Another maximal set such as 8,7,6,1 gives 1 -> 3 at once.) */
    const uint64_t w8[] = {1, 2, 4, 8, 17, 35, 71, 142, 28};
    expect_sequence(8, 1, w8, 9);
    /* W = 1: the constant register x+1, state 1 -> 1. */
    const uint64_t w1[] = {1, 1, 1};
    expect_sequence(1, 1, w1, 3);
}

/* splitmix64 by definition: z = (x += 0x9E3779B97F4A7C15);
 * z = (z ^ z>>30) * 0xBF58476D1CE4E5B9; z = (z ^ z>>27) * 0x94D049BB133111EB; z ^ z>>31.
 *   x = 0: z0 = 9e3779b97f4a7c15, z1 = 6f68261b57e7a770, z2 = e220a838bf5c9dde,
 *          out = e220a8397b1dcdaf (also the reference implementation's first output);
 *   x = 1: z0 = 9e3779b97f4a7c16, z1 = ad70fc62ae96589b, z2 = 910a2dedab16071a,
 *          out = h = 910a2dec89025cc1 = 10451216379200822465.
 * h mod 255 = 95, h mod 7 = 2, h mod 15 = 5. */
#define H1 UINT64_C(0x910a2dec89025cc1)

static void test_splitmix64_and_seed_states(void **state)
{
    (void)state;
    uint64_t x = 0;
    assert_true(esru_splitmix64(&x) == UINT64_C(0xe220a8397b1dcdaf));
    x = 1;
    assert_true(esru_splitmix64(&x) == H1);
    /* W < 64: LFSR i of n starts at 1 + (h mod (2^W-1) + i * max(1, floor((2^W-1)/n))) mod (2^W-1).
     * W = 8, n = 1: 1 + 95 = 96.  n = 4: stride floor(255/4) = 63:
     *   96, 1 + (95+63) = 159, 1 + (95+126) = 222, 1 + (95+189) mod 255 = 1 + 29 = 30. */
    assert_int_equal(esru_lfsr_seed_state(1, 0, 1, 8), 96);
    const uint64_t w8n4[] = {96, 159, 222, 30};
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(esru_lfsr_seed_state(1, i, 4, 8), w8n4[i]);
    /* W = 3, n = 3: stride floor(7/3) = 2: 1 + (2 + 0, 2, 4 -> 2, 4, 6) = 3, 5, 7. */
    const uint64_t w3n3[] = {3, 5, 7};
    for (unsigned i = 0; i < 3; i++)
        assert_int_equal(esru_lfsr_seed_state(1, i, 3, 3), w3n3[i]);
    /* W = 64: LFSR i starts at h + i * floor((2^64-1)/n) mod 2^64 (1 if that is 0).
     * n = 4: stride 0x3fffffffffffffff:
     *   910a2dec89025cc1, d10a2dec89025cc0, 110a2dec89025cbf, 510a2dec89025cbe. */
    const uint64_t w64n4[] = {H1, UINT64_C(0xd10a2dec89025cc0), UINT64_C(0x110a2dec89025cbf),
                              UINT64_C(0x510a2dec89025cbe)};
    for (unsigned i = 0; i < 4; i++)
        assert_true(esru_lfsr_seed_state(1, i, 4, 64) == w64n4[i]);
}

/* More LFSRs than nonzero states (n > 2^W-1): the stride is max(1, 0) = 1,
 * so start states repeat with period 2^W-1 in i and lanes share streams.
 * W = 3, n = 8 (plateau, 8 lanes, M = 3: the MAC array's default for 8
 * columns): 1 + (2 + i) mod 7 = 3, 4, 5, 6, 7, 1, 2, 3 -> LFSR 7 = LFSR 0. */
static void test_more_lfsrs_than_states(void **state)
{
    (void)state;
    const uint64_t w3n8[] = {3, 4, 5, 6, 7, 1, 2, 3};
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(esru_lfsr_seed_state(1, i, 8, 3), w3n8[i]);
    /* The PRNG model then runs identical streams in lanes 0 and 7 (lfsr kind). */
    esru_config c;
    esru_config_default(&c);
    c.prng = PRNG_LFSR;
    c.prng_width = 3;
    c.lanes = 8;
    esru_prng p;
    esru_prng_init(&p, &c);
    for (unsigned t = 0; t < 7; t++, esru_prng_advance(&p)) {
        assert_int_equal(esru_prng_value(&p, 7, NULL), esru_prng_value(&p, 0, NULL));
        assert_int_not_equal(esru_prng_value(&p, 6, NULL), esru_prng_value(&p, 0, NULL));
    }
    /* ... which is warned about: 1 repeating LFSR for 8, none for 7. */
    char msg[512];
    assert_int_equal(esru_seed_overlap(&c, msg, sizeof msg), 1);
    assert_non_null(strstr(msg, "--lanes 8"));
    assert_non_null(strstr(msg, "only 7 nonzero states"));
    c.lanes = 7;
    assert_int_equal(esru_seed_overlap(&c, msg, sizeof msg), 0);
    /* pair: one LFSR per two lanes (16 lanes -> 8 LFSRs > 7); sliced: one LFSR. */
    c.prng = PRNG_PAIR;
    c.lanes = 16;
    assert_int_equal(esru_seed_overlap(&c, msg, sizeof msg), 1);
    c.lanes = 14;
    assert_int_equal(esru_seed_overlap(&c, msg, sizeof msg), 0);
    c.prng = PRNG_SLICED;
    c.lanes = 8;
    assert_int_equal(esru_seed_overlap(&c, msg, sizeof msg), 0);
    /* M = 1: one nonzero state, so 4 lanes are 3 repeats. */
    c.prng = PRNG_LFSR;
    c.prng_width = 1;
    c.lanes = 4;
    assert_int_equal(esru_seed_overlap(&c, msg, sizeof msg), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taps_match_xapp052_table_3),
        cmocka_unit_test(test_sequences_worked_by_hand),
        cmocka_unit_test(test_splitmix64_and_seed_states),
        cmocka_unit_test(test_more_lfsrs_than_states),
    };
    return cmocka_run_group_tests_name("lfsr-kat", tests, NULL, NULL);
}
