/* PRNG bank: each --prng KIND delivers the values its definition promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/lfsr.h"
#include "model/prng.h"
#include "model/unit.h"
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* ---------- --pipeline P: latency 1 + P, same values ---------- */

/* Known answer, rne (no random bits), 16 -> 8 bits, D = 4 (x / 16):
 *   edge  en  x              rounded   y at P=0   y at P=1   y at P=2
 *   1     1   0x18 = 1.5     2 (tie)   2          0          0
 *   2     1   0x39 = 3.5625  4         4          2          0
 *   3     0   0x7f (junk)    -         4 (holds)  4          2
 *   4     1   0x05 = 0.3125  0         0          4 (edge 3  4
 *                                                  had en low)
 *   5     0   0x7f           -         0          0          4 (holds)
 *   6     0   0x7f           -         0          0          0
 * P = 1's column is P = 0's one edge later, P = 2's two edges later; with
 * en low nothing enters the pipeline, so y holds as it does at P = 0. */
static void test_unit_pipeline_latency_known_answer(void **state)
{
    (void)state;
    static const int en[6] = {1, 1, 0, 1, 0, 0};
    static const int64_t xs[6] = {0x18, 0x39, 0x7f, 0x05, 0x7f, 0x7f};
    static const int64_t want[3][6] = {{2, 4, 4, 0, 0, 0}, {0, 2, 4, 4, 0, 0}, {0, 0, 2, 4, 4, 0}};
    for (unsigned p = 0; p <= 2; p++) {
        esru_config c = cfg_of(PRNG_EXT, 3, 1);
        c.rounding = ROUND_RNE;
        c.in_width = 16;
        c.shift = 4;
        c.pipeline = p;
        esru_unit u;
        esru_unit_init(&u, &c);
        esru_unit_clock(&u, 1, 0, xs, NULL);
        for (unsigned t = 0; t < 6; t++) {
            esru_unit_clock(&u, 0, en[t], &xs[t], NULL);
            assert_int_equal(u.y[0], want[p][t]);
        }
        /* rst empties the pipeline: nothing rounded before it comes out after */
        esru_unit_clock(&u, 0, 1, &xs[0], NULL);
        esru_unit_clock(&u, 1, 0, &xs[0], NULL);
        for (unsigned t = 0; t < 3; t++) {
            esru_unit_clock(&u, 0, 0, &xs[0], NULL);
            assert_int_equal(u.y[0], 0);
        }
    }
}

/* Stochastic rounding, random en and x: y at P equals y at P = 0 exactly P
 * edges earlier, every lane, every cycle. So each value meets the random word
 * of its own input edge: pipelining delays the results, it does not change
 * them. shared (8 lanes, one bank) and plateau (phase flop) and ext (random
 * bits on the input edge). */
static void test_unit_pipeline_delays_not_changes(void **state)
{
    (void)state;
    static const esru_prng_kind kinds[3] = {PRNG_SHARED, PRNG_PLATEAU, PRNG_EXT};
    enum { T = 4000 };
    static int64_t y0[T][8];
    for (unsigned k = 0; k < 3; k++)
        for (unsigned p = 0; p <= 2; p++) {
            esru_config c = cfg_of(kinds[k], 3, 8);
            c.fill = FILL_HALF;
            c.pipeline = p;
            esru_unit u;
            esru_unit_init(&u, &c);
            esru_unit_clock(&u, 1, 0, y0[0], NULL);
            uint64_t r = 0x9e3779b97f4a7c15u;
            unsigned changed = 0;
            for (unsigned t = 0; t < T; t++) {
                int64_t x[8];
                uint64_t ext[8];
                for (unsigned l = 0; l < 8; l++) {
                    r = r * 6364136223846793005u + 1442695040888963407u;
                    x[l] = (int64_t)(int32_t)(r >> 32) >> 8; /* 24 bits: some saturate to 8, most do not */
                    ext[l] = (r >> 13) & 7;
                }
                int en = (r >> 7) % 4 != 0;
                esru_unit_clock(&u, 0, en, x, ext);
                for (unsigned l = 0; l < 8; l++) {
                    if (p == 0)
                        y0[t][l] = u.y[l];
                    else if (t >= p)
                        assert_int_equal(u.y[l], y0[t - p][l]);
                    else
                        assert_int_equal(u.y[l], 0);
                    changed += t > 0 && p == 0 && y0[t][l] != y0[t - 1][l];
                }
            }
            if (p == 0)
                assert_true(changed > T); /* the comparison sees real traffic */
        }
}

/* ---------- --prng shared ---------- */

static esru_config shared_cfg(unsigned m, unsigned lanes, unsigned w)
{
    esru_config c = cfg_of(PRNG_SHARED, m, lanes);
    c.state_width = w;
    return c;
}

/* The default W (docs/numerics.md): the smallest Mersenne exponent (2, 3, 5,
 * 7, 13, 17, 19, 31, 61) that is >= 17 and >= 2M. By hand: M = 1..8 -> 17
 * (2M <= 16); M = 9 -> 2M = 18 -> 19; M = 10 -> 20 -> 31; M = 15 -> 30 -> 31;
 * M = 16 -> 32 -> 61; M = 30 -> 60 -> 61; M = 31 -> none -> 61. */
static void test_shared_default_width(void **state)
{
    (void)state;
    const unsigned m[] = {1, 3, 8, 9, 10, 15, 16, 30, 31};
    const unsigned w[] = {17, 17, 17, 19, 31, 31, 61, 61, 61};
    for (unsigned i = 0; i < sizeof m / sizeof m[0]; i++) {
        esru_config c = shared_cfg(m[i], 1, 0);
        c.sru_width = 32;
        assert_int_equal(esru_state_width_of(&c), w[i]);
        esru_prng p;
        esru_prng_init(&p, &c);
        assert_int_equal(p.width, w[i]);
        assert_int_equal(p.count, 1);
    }
    char err[256];
    esru_config c = shared_cfg(3, 1, 16); /* 2^16-1 = 3*5*17*257 is not prime */
    assert_int_equal(esru_config_check(&c, err, sizeof err), -1);
    assert_non_null(strstr(err, "--prng-state-width 16"));
    c = shared_cfg(8, 1, 7); /* W < M */
    assert_int_equal(esru_config_check(&c, err, sizeof err), -1);
    c = cfg_of(PRNG_PLATEAU, 3, 1);
    c.state_width = 17; /* only shared has a state width */
    assert_int_equal(esru_config_check(&c, err, sizeof err), -1);
}

/* Rank over GF(2), written here again on purpose: a second, plain
 * implementation to check the generator's choice of masks. */
static unsigned gf2_rank(uint64_t *v, unsigned n)
{
    unsigned r = 0;
    for (unsigned col = 0; col < 64; col++) {
        unsigned piv = n;
        for (unsigned i = r; i < n; i++)
            if ((v[i] >> col) & 1u) {
                piv = i;
                break;
            }
        if (piv == n)
            continue;
        uint64_t t = v[piv];
        v[piv] = v[r];
        v[r] = t;
        for (unsigned i = 0; i < n; i++)
            if (i != r && ((v[i] >> col) & 1u))
                v[i] ^= v[r];
        r++;
    }
    return r;
}

/* Over one full period (2^W - 1 advances): the state never repeats early;
 * every lane takes each nonzero M-bit value 2^(W-M) times and zero once
 * fewer (M independent functions of a maximal LFSR); every pair of lanes is
 * jointly uniform on 2M bits the same way (2M <= W); the masks are
 * independent per lane and per pair; and no lane is another lane delayed. */
static void check_shared_period(unsigned m, unsigned lanes, unsigned w)
{
    esru_config c = shared_cfg(m, lanes, w);
    char err[256];
    assert_int_equal(esru_config_check(&c, err, sizeof err), 0);
    esru_prng p;
    esru_prng_init(&p, &c);
    uint64_t period = esru_prng_period(&p), start = p.state[0];
    assert_int_equal(period, (UINT64_C(1) << w) - 1);
    for (unsigned l = 0; l < lanes; l++) {
        uint64_t v[2 * ESRU_MAX_N];
        memcpy(v, p.mask[l], m * sizeof *v);
        assert_int_equal(gf2_rank(v, m), m);
        for (unsigned q = 0; q < l && 2 * m <= w; q++) {
            memcpy(v, p.mask[l], m * sizeof *v);
            memcpy(v + m, p.mask[q], m * sizeof *v);
            assert_int_equal(gf2_rank(v, 2 * m), 2 * m);
        }
    }
    uint64_t vals = UINT64_C(1) << m;
    uint64_t *hist = calloc(lanes * vals, sizeof *hist), *joint = calloc(vals * vals, sizeof *joint);
    uint64_t *seq0 = malloc(period * sizeof *seq0), *seq1 = malloc(period * sizeof *seq1);
    for (uint64_t t = 0; t < period; t++) {
        assert_true(t == 0 || p.state[0] != start);
        for (unsigned l = 0; l < lanes; l++)
            hist[l * vals + esru_prng_value(&p, l, NULL)]++;
        uint64_t a = esru_prng_value(&p, 0, NULL), b = esru_prng_value(&p, lanes - 1, NULL);
        joint[a * vals + b]++;
        seq0[t] = a;
        seq1[t] = b;
        esru_prng_advance(&p);
    }
    assert_int_equal(p.state[0], start);
    uint64_t each = UINT64_C(1) << (w - m);
    for (unsigned l = 0; l < lanes; l++)
        for (uint64_t r = 0; r < vals; r++)
            assert_int_equal(hist[l * vals + r], r ? each : each - 1);
    if (lanes > 1 && 2 * m <= w) {
        uint64_t jeach = UINT64_C(1) << (w - 2 * m);
        for (uint64_t r = 0; r < vals * vals; r++)
            assert_int_equal(joint[r], r ? jeach : jeach - 1);
    }
    /* the last lane is not lane 0 delayed by 1..W cycles */
    for (unsigned s = 1; lanes > 1 && s <= w; s++) {
        uint64_t same = 0;
        for (uint64_t t = 0; t < period; t++)
            same += seq1[(t + s) % period] == seq0[t];
        assert_true(same < period);
    }
    free(hist);
    free(joint);
    free(seq0);
    free(seq1);
}

static void test_shared_balance_and_independence(void **state)
{
    (void)state;
    check_shared_period(3, 8, 17);  /* the default at 8 lanes */
    check_shared_period(3, 64, 13);
    check_shared_period(2, 4, 5);
    check_shared_period(1, 3, 7);
    check_shared_period(4, 2, 19);
}

/* The first states of a 5-bit shared bank, by hand. XAPP052 taps for W = 5 are
 * (5, 3): fb = q[4] ^ q[2], q <= {q[3:0], fb}. From state 0b00001:
 *   00001 -> fb = 0 ^ 0 = 0 -> 00010 -> 00100 -> fb = 0 ^ 1 = 1 -> 01001
 *   -> fb = 0 ^ 0 = 0 -> 10010 -> fb = 1 ^ 0 = 1 -> 00101.
 * Lane value j = parity(state & mask[j]) for whatever masks the generator
 * chose: checked against that definition at each of those states. */
static void test_shared_known_sequence(void **state)
{
    (void)state;
    esru_config c = shared_cfg(2, 3, 5);
    esru_prng p;
    esru_prng_init(&p, &c);
    p.state[0] = 1;
    const uint64_t want[] = {0x01, 0x02, 0x04, 0x09, 0x12, 0x05};
    for (unsigned t = 0; t < 6; t++) {
        assert_int_equal(p.state[0], want[t]);
        for (unsigned l = 0; l < 3; l++) {
            uint64_t r = 0;
            for (unsigned j = 0; j < 2; j++)
                r |= (uint64_t)(__builtin_popcountll(want[t] & p.mask[l][j]) & 1) << j;
            assert_int_equal(esru_prng_value(&p, l, NULL), r);
        }
        esru_prng_advance(&p);
    }
}

/* The masks of L lanes are the first L of a larger bank's, whatever order banks
 * are made in. A process keeps one search per (W, M), so inside one process the
 * banks share the masks (a copy of a bank costs its states only); the order
 * independence is checked across two processes whose searches start fresh: a
 * child makes W = 19, M = 7 banks of 8, then 3 (another M), then 64 lanes, the
 * parent (after the fork, so its search is fresh too) 64 lanes at once; every
 * mask must agree. No other test uses (19, 7). */
static void test_shared_masks_any_order(void **state)
{
    (void)state;
    static esru_prng big, small, other, again;
    enum { L = 64, M = 7 };
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        esru_config c8 = shared_cfg(M, 8, 19), cx = shared_cfg(3, 8, 19), c64 = shared_cfg(M, L, 19);
        esru_prng_init(&small, &c8);
        esru_prng_init(&other, &cx);
        esru_prng_init(&big, &c64);
        size_t len = sizeof(uint64_t[L][ESRU_MAX_N]);
        _exit(write(fd[1], big.mask, len) == (ssize_t)len ? 0 : 1);
    }
    close(fd[1]);
    esru_config c64 = shared_cfg(M, L, 19), c8 = shared_cfg(M, 8, 19), cx = shared_cfg(3, 8, 19);
    esru_prng_init(&big, &c64);
    static uint64_t theirs[L][ESRU_MAX_N];
    size_t got = 0;
    for (ssize_t n; got < sizeof theirs && (n = read(fd[0], (char *)theirs + got, sizeof theirs - got)) > 0;)
        got += (size_t)n;
    close(fd[0]);
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(got, sizeof theirs);
    for (unsigned l = 0; l < L; l++)
        for (unsigned j = 0; j < M; j++)
            assert_int_equal(theirs[l][j], big.mask[l][j]);
    /* in one process: the same masks for 8 and 64 lanes, other masks for another M */
    esru_prng_init(&small, &c8);
    esru_prng_init(&other, &cx);
    esru_prng_init(&again, &c64);
    assert_ptr_equal(small.mask, big.mask);
    assert_ptr_equal(again.mask, big.mask);
    assert_ptr_not_equal(other.mask, big.mask);
    /* and the lanes are distinct functions: no lane equals another */
    for (unsigned a = 0; a < L; a++)
        for (unsigned b = 0; b < a; b++)
            assert_true(memcmp(big.mask[a], big.mask[b], M * sizeof big.mask[a][0]) != 0);
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
        cmocka_unit_test(test_unit_pipeline_latency_known_answer),
        cmocka_unit_test(test_unit_pipeline_delays_not_changes),
        cmocka_unit_test(test_shared_default_width),
        cmocka_unit_test(test_shared_balance_and_independence),
        cmocka_unit_test(test_shared_known_sequence),
        cmocka_unit_test(test_shared_masks_any_order),
    };
    return cmocka_run_group_tests_name("prng", tests, NULL, NULL);
}
