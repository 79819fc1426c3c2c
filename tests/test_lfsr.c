/* LFSR model: every tabulated width is maximal length. Widths 2..32 by running
 * the full period; widths 2..64 by proving the feedback polynomial primitive. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/lfsr.h"

#ifndef PERIOD_MAX_WIDTH
#define PERIOD_MAX_WIDTH 32 /* the sanitizer build lowers this: ASan makes 2^32 steps slow */
#endif

typedef unsigned __int128 u128;

static uint64_t mulmod64(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((u128)a * b % m); }

static uint64_t powmod64(uint64_t a, uint64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    for (a %= m; e; e >>= 1, a = mulmod64(a, a, m))
        if (e & 1)
            r = mulmod64(r, a, m);
    return r;
}

/* Deterministic Miller-Rabin for 64-bit numbers. */
static int is_prime(uint64_t n)
{
    static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    if (n < 2)
        return 0;
    for (size_t i = 0; i < 12; i++)
        if (n % bases[i] == 0)
            return n == bases[i];
    uint64_t d = n - 1;
    int s = 0;
    while (!(d & 1)) {
        d >>= 1;
        s++;
    }
    for (size_t i = 0; i < 12; i++) {
        uint64_t x = powmod64(bases[i], d, n);
        if (x == 1 || x == n - 1)
            continue;
        int composite = 1;
        for (int r = 1; r < s && composite; r++) {
            x = mulmod64(x, x, n);
            if (x == n - 1)
                composite = 0;
        }
        if (composite)
            return 0;
    }
    return 1;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Pollard's rho: a nontrivial factor of composite n. */
static uint64_t rho(uint64_t n)
{
    if (n % 2 == 0)
        return 2;
    for (uint64_t c = 1;; c++) {
        uint64_t x = 2, y = 2, d = 1;
        while (d == 1) {
            x = (mulmod64(x, x, n) + c) % n;
            y = (mulmod64(y, y, n) + c) % n;
            y = (mulmod64(y, y, n) + c) % n;
            d = gcd64(x > y ? x - y : y - x, n);
        }
        if (d != n)
            return d;
    }
}

static size_t prime_factors(uint64_t n, uint64_t *out, size_t count)
{
    if (n == 1)
        return count;
    if (is_prime(n)) {
        for (size_t i = 0; i < count; i++)
            if (out[i] == n)
                return count;
        out[count] = n;
        return count + 1;
    }
    uint64_t f = rho(n);
    count = prime_factors(f, out, count);
    return prime_factors(n / f, out, count);
}

/* Multiplication modulo the recurrence's characteristic polynomial c(x) of
 * degree w; polynomials of degree < w are bit masks. */
static uint64_t polymulmod(uint64_t a, uint64_t b, uint64_t low_c, unsigned w)
{
    uint64_t r = 0, top = UINT64_C(1) << (w - 1);
    for (unsigned i = 0; i < w; i++) {
        if (b >> i & 1)
            r ^= a;
        int carry = (a & top) != 0;
        a = (a << 1) & esru_width_mask(w);
        if (carry)
            a ^= low_c;
    }
    return r;
}

static uint64_t polypow_x(uint64_t e, uint64_t low_c, unsigned w)
{
    uint64_t r = 1, base = 2; /* the polynomial x (w >= 2) */
    for (; e; e >>= 1, base = polymulmod(base, base, low_c, w))
        if (e & 1)
            r = polymulmod(r, base, low_c, w);
    return r;
}

/* The model's recurrence is a_m = XOR over taps t of a_{m-t}, so its
 * characteristic polynomial is x^w + sum_{t<w} x^(w-t) + 1. */
static uint64_t char_poly_low(unsigned w)
{
    unsigned taps[ESRU_LFSR_MAX_TAPS];
    unsigned n = esru_lfsr_taps(w, taps);
    uint64_t low = 1;
    for (unsigned i = 0; i < n; i++)
        if (taps[i] < w)
            low ^= UINT64_C(1) << (w - taps[i]);
    return low;
}

static void test_taps_are_primitive_2_to_64(void **state)
{
    (void)state;
    for (unsigned w = 2; w <= 64; w++) {
        uint64_t order = esru_width_mask(w); /* 2^w - 1 */
        uint64_t low = char_poly_low(w);
        assert_int_equal(polypow_x(order, low, w), 1);
        uint64_t primes[64];
        size_t np = prime_factors(order, primes, 0);
        assert_true(np > 0);
        for (size_t i = 0; i < np; i++) {
            assert_int_equal(order % primes[i], 0);
            if (polypow_x(order / primes[i], low, w) == 1)
                fail_msg("width %u: x^((2^w-1)/%llu) == 1, not primitive", w, (unsigned long long)primes[i]);
        }
    }
}

static void test_periods_are_maximal(void **state)
{
    (void)state;
    for (unsigned w = 2; w <= PERIOD_MAX_WIDTH; w++) {
        uint64_t mask = esru_lfsr_tapmask(w), s = 1, period = 0;
        do {
            s = esru_lfsr_next(s, w, mask);
            period++;
            if (s == 0)
                fail_msg("width %u reached the lock-up state", w);
        } while (s != 1 && period <= esru_width_mask(w));
        if (period != esru_width_mask(w))
            fail_msg("width %u: period %llu, expected %llu", w, (unsigned long long)period,
                     (unsigned long long)esru_width_mask(w));
    }
}

static void test_spot_check_wide_widths(void **state)
{
    (void)state;
    /* Beyond exhaustive reach: 2^20 steps from seed never return to it or to 0. */
    static const unsigned widths[] = {33, 40, 47, 48, 56, 63, 64};
    for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
        unsigned w = widths[k];
        uint64_t mask = esru_lfsr_tapmask(w), s0 = 0x5A5A5A5A5ULL & esru_width_mask(w), s = s0;
        for (unsigned i = 0; i < (1u << 20); i++) {
            s = esru_lfsr_next(s, w, mask);
            assert_true(s != 0 && s != s0);
        }
    }
}

static void test_width_one_is_constant_one(void **state)
{
    (void)state;
    uint64_t m = esru_lfsr_tapmask(1);
    assert_int_equal(esru_lfsr_next(1, 1, m), 1);
}

static void test_seed_states_nonzero_and_distinct(void **state)
{
    (void)state;
    for (unsigned w = 1; w <= 64; w++)
        for (uint64_t seed = 1; seed < 40; seed++)
            for (unsigned i = 0; i < 4; i++) {
                uint64_t s = esru_lfsr_seed_state(seed, i, 4, w);
                assert_true(s != 0);
                assert_true(s <= esru_width_mask(w));
                if (w >= 3 && i > 0)
                    assert_true(s != esru_lfsr_seed_state(seed, i - 1, 4, w));
            }
}

/* A jump of n equals n single steps. Distances and widths repeat in an order
 * that makes the per-thread cache of prepared jumps (lfsr.c) hit, miss and
 * evict: the same n at two widths, two n at one width, and more distinct
 * (width, n) pairs than the cache holds, then the first ones again. */
static void test_jump_equals_steps(void **state)
{
    (void)state;
    const unsigned widths[] = {17, 5, 24, 17, 3, 31};
    const uint64_t ns[] = {0, 1, 7, 100, 1000, 4097, 100, 7};
    for (unsigned round = 0; round < 2; round++)
        for (unsigned wi = 0; wi < sizeof widths / sizeof widths[0]; wi++)
            for (unsigned ni = 0; ni < sizeof ns / sizeof ns[0]; ni++) {
                unsigned w = widths[wi];
                uint64_t tm = esru_lfsr_tapmask(w), s0 = 1 + (0x9E3779B97F4A7C15u >> (64 - w)) % ((1ull << w) - 1);
                uint64_t want = s0;
                for (uint64_t k = 0; k < ns[ni]; k++)
                    want = esru_lfsr_next(want, w, tm);
                esru_lfsr_jump_matrix jm;
                esru_lfsr_jump_prepare(&jm, w, tm, ns[ni]);
                assert_int_equal(esru_lfsr_jump_apply(&jm, s0), want);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taps_are_primitive_2_to_64),
        cmocka_unit_test(test_periods_are_maximal),
        cmocka_unit_test(test_spot_check_wide_widths),
        cmocka_unit_test(test_width_one_is_constant_one),
        cmocka_unit_test(test_seed_states_nonzero_and_distinct),
        cmocka_unit_test(test_jump_equals_steps),
    };
    return cmocka_run_group_tests_name("lfsr", tests, NULL, NULL);
}
