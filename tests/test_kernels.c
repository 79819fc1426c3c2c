/* The matrix kernels (model/kernels.c) against their definitions, for every
 * vector level this CPU runs (portable C, AVX2, AVX-512 VNNI) and 1, 2, 3
 * and 64 threads: kern_int equal to "saturate after every addition, init first, then
 * k ascending" (whichever exact path the bound picks), kern_f32 bit for bit
 * equal to "init, then += a*b for k ascending, skipping a == 0". Shapes with
 * partial tiles, odd K, K past one k block, transposed operands, zeros. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/kernels.h"
#include "model/lfsr.h"
#include "model/simd.h"

static uint64_t rng = 2024;
/* 64: parts without pairs or tiles when a product is split between threads */
static const unsigned thread_counts[] = {1, 2, 3, 64};

/* A signed value of `bits` bits (bits = 16 reaches -32768), or 0 with
 * probability zero_pct %. */
static int32_t rnd(unsigned bits, unsigned zero_pct)
{
    if (esru_splitmix64(&rng) % 100 < zero_pct)
        return 0;
    int64_t lim = INT64_C(1) << (bits - 1);
    return (int32_t)((int64_t)(esru_splitmix64(&rng) % (uint64_t)(2 * lim)) - lim);
}

/* The definition, written out again here. */
static uint64_t def_int(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init, unsigned accw,
                        int64_t *C)
{
    int64_t hi = (INT64_C(1) << (accw - 1)) - 1, lo = -hi - 1;
    uint64_t ovf = 0;
    for (size_t r = 0; r < s->R; r++)
        for (size_t c = 0; c < s->C; c++) {
            int64_t acc = init ? init[c] : 0;
            if (acc > hi || acc < lo) {
                acc = acc > hi ? hi : lo;
                ovf++;
            }
            for (size_t k = 0; k < s->K; k++) {
                acc += (int64_t)A[r * s->sar + k * s->sak] * B[k * s->sbk + c * s->sbc];
                if (acc > hi || acc < lo) {
                    acc = acc > hi ? hi : lo;
                    ovf++;
                }
            }
            C[r * s->C + c] = acc;
        }
    return ovf;
}

static void def_f32(const kern_shape *s, const float *A, const float *B, const float *init, float *C)
{
    for (size_t r = 0; r < s->R; r++)
        for (size_t c = 0; c < s->C; c++) {
            float acc = init ? init[c] : 0.0f;
            for (size_t k = 0; k < s->K; k++) {
                float a = A[r * s->sar + k * s->sak];
                if (a != 0.0f) {
                    float p = a * B[k * s->sbk + c * s->sbc];
                    acc += p;
                }
            }
            C[r * s->C + c] = acc;
        }
}

typedef struct {
    size_t R, K, C;
    int trans_a, trans_b;
    unsigned abits, bbits, zero_pct, accw;
    int with_init;
    unsigned init_bits;
} icase;

static kern_shape shape_of(size_t R, size_t K, size_t C, int ta, int tb)
{
    kern_shape s = {R, K, C, ta ? 1 : K, ta ? R : 1, tb ? 1 : C, tb ? K : 1};
    return s;
}

/* Returns the saturation count (the same for every level and thread count). */
static uint64_t check_int(const icase *t)
{
    kern_shape s = shape_of(t->R, t->K, t->C, t->trans_a, t->trans_b);
    size_t na = t->R * t->K + 1, nb = t->K * t->C + 1, nc = t->R * t->C + 1;
    int32_t *A = malloc(na * sizeof *A), *B = malloc(nb * sizeof *B);
    int64_t *init = malloc((t->C + 1) * sizeof *init), *C1 = malloc(nc * 8), *C2 = malloc(nc * 8);
    for (size_t i = 0; i < na; i++)
        A[i] = rnd(t->abits, t->zero_pct);
    for (size_t i = 0; i < nb; i++)
        B[i] = rnd(t->bbits, 0);
    for (size_t i = 0; i <= t->C; i++)
        init[i] = t->with_init ? rnd(t->init_bits, 0) : 0;
    const int64_t *in = t->with_init ? init : NULL;
    uint64_t want = def_int(&s, A, B, in, t->accw, C2);
    for (int level = ESRU_SIMD_PORTABLE; level <= ESRU_SIMD_VNNI; level++) {
        esru_simd_cap((esru_simd)level);
        for (size_t ti = 0; ti < sizeof thread_counts / sizeof thread_counts[0]; ti++) {
            unsigned th = thread_counts[ti];
            esru_threads_set(th);
            memset(C1, 0x5a, nc * 8);
            uint64_t got = kern_int(&s, A, B, in, t->accw, C1);
            if (got != want || memcmp(C1, C2, t->R * t->C * 8) != 0)
                fail_msg("kern_int %zux%zux%zu trans %d/%d bits %u/%u acc %u, level %d, %u threads: saturations "
                         "%llu vs %llu",
                         t->R, t->K, t->C, t->trans_a, t->trans_b, t->abits, t->bbits, t->accw, level, th,
                         (unsigned long long)got, (unsigned long long)want);
        }
    }
    esru_simd_cap(ESRU_SIMD_VNNI);
    esru_threads_set(1);
    free(A), free(B), free(init), free(C1), free(C2);
    return want;
}

static void test_int_paths(void **state)
{
    (void)state;
    const icase cases[] = {
        /* int16 pairs: partial tiles, odd K, zeros (skipped steps) */
        {5, 37, 11, 0, 0, 8, 8, 50, 32, 1, 20},
        {33, 785, 257, 0, 0, 8, 8, 50, 32, 1, 20},   /* like the first layer, one past every tile */
        {785, 33, 257, 1, 0, 8, 8, 50, 32, 0, 0},    /* the weight gradient: A read transposed */
        {33, 129, 255, 0, 1, 8, 8, 0, 32, 0, 0},     /* the error product: B read transposed */
        {9, 1100, 21, 0, 0, 8, 8, 10, 32, 1, 8},     /* K past one block of 256 pairs */
        /* split along k with threads (K >= 2 max(R, C)): partial sums added */
        {8, 4001, 9, 0, 0, 8, 8, 30, 32, 1, 20},
        {7, 3, 5, 0, 0, 16, 16, 0, 32, 1, 16},       /* int16 extremes, small K: still int32 */
        {1, 0, 6, 0, 0, 8, 8, 0, 32, 1, 16},         /* K = 0: C = init */
        /* bound past int32 but inside the accumulator: exact int64 */
        {6, 50, 9, 0, 0, 16, 16, 0, 40, 1, 20},
        {4, 20, 7, 1, 1, 20, 20, 0, 62, 1, 30},      /* operands wider than int16 */
        {8, 4001, 9, 0, 0, 16, 16, 0, 48, 1, 20},    /* split along k, the parts' bound past int32 */
        /* saturating definition */
        {3, 64, 7, 0, 0, 8, 8, 0, 16, 1, 8},
        {2, 40, 5, 0, 1, 16, 16, 0, 24, 1, 20},
        {3, 10, 4, 0, 0, 8, 8, 0, 16, 1, 17},        /* init itself saturates */
        {8, 4001, 9, 0, 0, 12, 12, 0, 24, 1, 8},     /* split along k: the definition decides */
    };
    uint64_t sat = 0, fast = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint64_t o = check_int(&cases[i]);
        sat += o;
        fast += o == 0;
    }
    assert_true(sat > 0);  /* the saturating cases saturated */
    assert_true(fast >= 8); /* the others did not */
}

/* The comparison can fail: a product that overflows int16 pairs must not be
 * taken through them. -32768 * -32768 twice is 2^31: past int32, so the
 * bound must send it to int64 (a pair sum would wrap to -2^31). */
static void test_int_pair_overflow(void **state)
{
    (void)state;
    int32_t A[2] = {-32768, -32768}, B[2] = {-32768, -32768};
    int64_t C;
    kern_shape s = {1, 2, 1, 2, 1, 1, 1};
    for (int level = ESRU_SIMD_PORTABLE; level <= ESRU_SIMD_VNNI; level++) {
        esru_simd_cap((esru_simd)level);
        assert_int_equal(kern_int(&s, A, B, NULL, 40, &C), 0);
        assert_int_equal(C, INT64_C(1) << 31);
        /* 32-bit accumulator: the second addition saturates at 2^31 - 1 */
        assert_int_equal(kern_int(&s, A, B, NULL, 32, &C), 1);
        assert_int_equal(C, INT32_MAX);
    }
    esru_simd_cap(ESRU_SIMD_VNNI);
}

/* A of R x K: a in rows before big_from, a_big from there; every b of B equal. */
static void fill_ab(int32_t *A, size_t R, size_t K, size_t big_from, int32_t a, int32_t a_big, int32_t *B, size_t nb,
                    int32_t b)
{
    for (size_t i = 0; i < R * K; i++)
        A[i] = i / K < big_from ? a : a_big;
    for (size_t i = 0; i < nb; i++)
        B[i] = b;
}

/* Split along k, the bound is the sum of the parts' bounds. Here each of
 * two halves is under int32 (2000 * 1000 * 1000 = 2e9 < 2^31 - 1) but the
 * whole is not (4001e6): every element passes 2^31 - 1 after 2148 of its
 * 4001 products of 1000 * 1000 and then saturates at every addition, so
 * C = INT32_MAX and 1854 saturations per element, 8 * 9 * 1854 = 133,488.
 * A bound taken as the parts' largest would take the int32 path and
 * return the exact sum. */
static void test_int_split_k_bound(void **state)
{
    (void)state;
    enum { R = 8, K = 4001, C = 9 };
    static int32_t A[R * K], B[K * C];
    static int64_t out[R * C];
    fill_ab(A, R, K, R, 1000, 1000, B, K * C, 1000);
    kern_shape s = shape_of(R, K, C, 0, 0);
    for (size_t ti = 0; ti < sizeof thread_counts / sizeof thread_counts[0]; ti++) {
        esru_threads_set(thread_counts[ti]);
        assert_int_equal(kern_int(&s, A, B, NULL, 32, out), 133488);
        for (size_t i = 0; i < R * C; i++)
            assert_int_equal(out[i], INT32_MAX);
    }
    esru_threads_set(1);
}

/* Split by rows, each thread decides from its own rows' bound, without
 * waiting for the others; one part past int32 must send the whole product
 * to the other paths. 64 x 100 x 16 (rows split: 100 < 2 x 64), B = 30000:
 * rows 0..31 have a = 100 (bound 100 * 100 * 30000 = 3e8, int16 pairs
 * exact), rows 32..63 a = 30000 (9e10: past int32). Exact: 3e8 and 9e10.
 * With a 32-bit accumulator the large rows pass 2^31 - 1 at their 3rd
 * product (2.7e9) and saturate at each of the 98 additions from there:
 * 32 x 16 x 98 = 50,176 saturations, those elements INT32_MAX. */
static void test_int_part_bound(void **state)
{
    (void)state;
    enum { R = 64, K = 100, C = 16 };
    static int32_t A[R * K], B[K * C];
    static int64_t out[R * C];
    fill_ab(A, R, K, 32, 100, 30000, B, K * C, 30000);
    kern_shape s = shape_of(R, K, C, 0, 0);
    for (size_t ti = 0; ti < sizeof thread_counts / sizeof thread_counts[0]; ti++) {
        esru_threads_set(thread_counts[ti]);
        memset(out, 0x5a, sizeof out);
        assert_int_equal(kern_int(&s, A, B, NULL, 48, out), 0);
        for (size_t i = 0; i < R * C; i++)
            assert_int_equal(out[i], i / C < 32 ? INT64_C(300000000) : INT64_C(90000000000));
        memset(out, 0x5a, sizeof out);
        assert_int_equal(kern_int(&s, A, B, NULL, 32, out), 50176);
        for (size_t i = 0; i < R * C; i++)
            assert_int_equal(out[i], i / C < 32 ? INT64_C(300000000) : INT32_MAX);
    }
    esru_threads_set(1);
}

static void check_f32(size_t R, size_t K, size_t Cn, int ta, int tb, int with_init)
{
    kern_shape s = shape_of(R, K, Cn, ta, tb);
    float *A = malloc((R * K + 1) * sizeof *A), *B = malloc((K * Cn + 1) * sizeof *B);
    float *init = malloc((Cn + 1) * sizeof *init), *C1 = malloc((R * Cn + 1) * 4), *C2 = malloc((R * Cn + 1) * 4);
    for (size_t i = 0; i < R * K; i++)
        A[i] = (float)rnd(12, 40) / 1024.0f;
    A[0] = -0.0f; /* skipped like +0 */
    for (size_t i = 0; i < K * Cn; i++)
        B[i] = (float)rnd(14, 0) / 3000.0f; /* not exact in binary: every rounding matters */
    for (size_t i = 0; i < Cn; i++)
        init[i] = (float)rnd(10, 0) / 77.0f;
    def_f32(&s, A, B, with_init ? init : NULL, C2);
    for (int level = ESRU_SIMD_PORTABLE; level <= ESRU_SIMD_VNNI; level++) {
        esru_simd_cap((esru_simd)level);
        for (size_t ti = 0; ti < sizeof thread_counts / sizeof thread_counts[0]; ti++) {
            unsigned th = thread_counts[ti];
            esru_threads_set(th);
            memset(C1, 0x5a, R * Cn * sizeof *C1); /* an element the kernel skips keeps no earlier run's value */
            kern_f32(&s, A, B, with_init ? init : NULL, C1);
            if (memcmp(C1, C2, R * Cn * sizeof *C1) != 0)
                fail_msg("kern_f32 %zux%zux%zu trans %d/%d level %d, %u threads: not bit-exact", R, K, Cn, ta, tb,
                         level, th);
        }
    }
    /* The bit-exact comparison can fail: k descending rounds differently. */
    float *C3 = malloc((R * Cn + 1) * 4);
    for (size_t r = 0; r < R; r++)
        for (size_t c = 0; c < Cn; c++) {
            float acc = with_init ? init[c] : 0.0f;
            for (size_t k = K; k-- > 0;)
                if (A[r * s.sar + k * s.sak] != 0.0f)
                    acc += A[r * s.sar + k * s.sak] * B[k * s.sbk + c * s.sbc];
            C3[r * Cn + c] = acc;
        }
    if (R * K * Cn > 10000)
        assert_memory_not_equal(C3, C2, R * Cn * sizeof *C3);
    esru_simd_cap(ESRU_SIMD_VNNI);
    esru_threads_set(1);
    free(A), free(B), free(init), free(C1), free(C2), free(C3);
}

static void test_f32(void **state)
{
    (void)state;
    check_f32(4, 33, 9, 0, 0, 1);
    check_f32(33, 785, 257, 0, 0, 1); /* first layer, strips of 64 plus a tail */
    check_f32(257, 33, 130, 1, 0, 0); /* gradient: A transposed */
    check_f32(32, 129, 256, 0, 1, 0); /* error product: B transposed (copied) */
    check_f32(3, 0, 70, 0, 0, 1);     /* K = 0: C = init */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_paths),
        cmocka_unit_test(test_int_pair_overflow),
        cmocka_unit_test(test_int_split_k_bound),
        cmocka_unit_test(test_int_part_bound),
        cmocka_unit_test(test_f32),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
