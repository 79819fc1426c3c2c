#include "model/kernels_tile.h"
#include "model/simd.h"
#include <string.h>
#if ESRU_HAVE_X86
#include <immintrin.h>
#endif

static inline int32_t lo16(uint32_t v) { return (int16_t)(uint16_t)(v & 0xffffu); }
static inline int32_t hi16(uint32_t v) { return (int16_t)(uint16_t)(v >> 16); }

void kt_int16_portable(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb, size_t KK,
                       const int32_t *in, size_t ldin, int32_t *out, size_t ldout)
{
    int32_t acc[KT_ROWS][KT_COLS];
    for (int i = 0; i < KT_ROWS; i++)
        for (int j = 0; j < KT_COLS; j++)
            acc[i][j] = in ? in[i * ldin + j] : 0;
    for (size_t kk = 0; kk < KK; kk++) {
        uint32_t a[KT_ROWS];
        for (int i = 0; i < KT_ROWS; i++)
            a[i] = ap[i * lda + kk];
        if ((a[0] | a[1] | a[2] | a[3]) == 0)
            continue;
        const uint32_t *b = bp + kk * ldb;
        for (int i = 0; i < KT_ROWS; i++) {
            int32_t a0 = lo16(a[i]), a1 = hi16(a[i]);
            for (int j = 0; j < KT_COLS; j++)
                acc[i][j] += a0 * lo16(b[j]) + a1 * hi16(b[j]);
        }
    }
    for (int i = 0; i < KT_ROWS; i++)
        memcpy(out + i * ldout, acc[i], sizeof acc[i]);
}

void kt_f32_portable(const float *a, size_t sak, size_t K, const float *b, size_t ldb, const float *init,
                     float *out, size_t width)
{
    float acc[KT_FCOLS];
    for (size_t j = 0; j < width; j++)
        acc[j] = init ? init[j] : 0.0f;
    for (size_t k = 0; k < K; k++) {
        float av = a[k * sak];
        if (av == 0.0f)
            continue;
        const float *bk = b + k * ldb;
        for (size_t j = 0; j < width; j++)
            acc[j] += av * bk[j];
    }
    memcpy(out, acc, width * sizeof *out);
}

#if ESRU_HAVE_X86
/* vpmaddwd: 16 int16 products of a broadcast A pair with 8 B pairs, summed
 * in pairs into 8 int32; 4 rows x 2 vectors of accumulators stay in registers. */
__attribute__((target("avx2"))) void kt_int16_avx2(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb,
                                                   size_t KK, const int32_t *in, size_t ldin,
                                                   int32_t *out, size_t ldout)
{
    __m256i c[KT_ROWS][2];
    for (int i = 0; i < KT_ROWS; i++)
        for (int h = 0; h < 2; h++)
            c[i][h] = in ? _mm256_loadu_si256((const __m256i *)(in + i * ldin + 8 * h)) : _mm256_setzero_si256();
    for (size_t kk = 0; kk < KK; kk++) {
        uint32_t a0 = ap[kk], a1 = ap[lda + kk], a2 = ap[2 * lda + kk], a3 = ap[3 * lda + kk];
        if ((a0 | a1 | a2 | a3) == 0)
            continue;
        const __m256i *b = (const __m256i *)(bp + kk * ldb);
        __m256i b0 = _mm256_loadu_si256(b), b1 = _mm256_loadu_si256(b + 1);
        const uint32_t a[KT_ROWS] = {a0, a1, a2, a3};
        for (int i = 0; i < KT_ROWS; i++) {
            __m256i va = _mm256_set1_epi32((int)a[i]);
            c[i][0] = _mm256_add_epi32(c[i][0], _mm256_madd_epi16(va, b0));
            c[i][1] = _mm256_add_epi32(c[i][1], _mm256_madd_epi16(va, b1));
        }
    }
    for (int i = 0; i < KT_ROWS; i++)
        for (int h = 0; h < 2; h++)
            _mm256_storeu_si256((__m256i *)(out + i * ldout + 8 * h), c[i][h]);
}

/* The same with vpdpwssd (multiply pairs, add both products and the
 * accumulator in one instruction; no saturation). */
__attribute__((target("avx2,avx512f,avx512vl,avx512bw,avx512vnni"))) void
kt_int16_vnni(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb, size_t KK,
              const int32_t *in, size_t ldin, int32_t *out, size_t ldout)
{
    __m256i c[KT_ROWS][2];
    for (int i = 0; i < KT_ROWS; i++)
        for (int h = 0; h < 2; h++)
            c[i][h] = in ? _mm256_loadu_si256((const __m256i *)(in + i * ldin + 8 * h)) : _mm256_setzero_si256();
    for (size_t kk = 0; kk < KK; kk++) {
        uint32_t a0 = ap[kk], a1 = ap[lda + kk], a2 = ap[2 * lda + kk], a3 = ap[3 * lda + kk];
        if ((a0 | a1 | a2 | a3) == 0)
            continue;
        const __m256i *b = (const __m256i *)(bp + kk * ldb);
        __m256i b0 = _mm256_loadu_si256(b), b1 = _mm256_loadu_si256(b + 1);
        const uint32_t a[KT_ROWS] = {a0, a1, a2, a3};
        for (int i = 0; i < KT_ROWS; i++) {
            __m256i va = _mm256_set1_epi32((int)a[i]);
            c[i][0] = _mm256_dpwssd_epi32(c[i][0], va, b0);
            c[i][1] = _mm256_dpwssd_epi32(c[i][1], va, b1);
        }
    }
    /* One 512-bit store per row: the caller reads a row at once, and a load
     * spanning two narrower stores stalls store forwarding. */
    for (int i = 0; i < KT_ROWS; i++)
        _mm512_storeu_si512((void *)(out + i * ldout), _mm512_inserti64x4(_mm512_castsi256_si512(c[i][0]), c[i][1], 1));
}

/* The k loop of a float strip over nv vectors of columns, loaded under the
 * masks m when `masked` (constants after inlining: the whole-strip call
 * keeps its 8 accumulators in registers). */
static inline __attribute__((always_inline, target("avx2"))) void
f32_strip(const float *a, size_t sak, size_t K, const float *b, size_t ldb, const __m256i *m, int nv, int masked,
          __m256 *c)
{
    for (size_t k = 0; k < K; k++) {
        float av = a[k * sak];
        if (av == 0.0f)
            continue;
        __m256 va = _mm256_set1_ps(av);
        const float *bk = b + k * ldb;
        for (int h = 0; h < nv; h++) {
            __m256 bv = masked ? _mm256_maskload_ps(bk + 8 * h, m[h]) : _mm256_loadu_ps(bk + 8 * h);
            c[h] = _mm256_add_ps(c[h], _mm256_mul_ps(va, bv));
        }
    }
}

/* 64 columns in 8 registers; a multiply and an add, each rounded, as in C.
 * A narrower strip (width < 64) loads and stores its columns under a mask,
 * using only the vectors that hold columns. */
__attribute__((target("avx2"))) void kt_f32_avx2(const float *a, size_t sak, size_t K, const float *b, size_t ldb,
                                                 const float *init, float *out, size_t width)
{
    __m256i m[8];
    for (int h = 0; h < 8; h++) {
        int left = (int)width - 8 * h; /* columns of this vector: 8 or fewer */
        m[h] = _mm256_cmpgt_epi32(_mm256_set1_epi32(left), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    }
    __m256 c[8];
    for (int h = 0; h < 8; h++)
        c[h] = init ? _mm256_maskload_ps(init + 8 * h, m[h]) : _mm256_setzero_ps();
    if (width == KT_FCOLS)
        f32_strip(a, sak, K, b, ldb, m, 8, 0, c);
    else
        f32_strip(a, sak, K, b, ldb, m, (int)(width + 7) / 8, 1, c);
    for (int h = 0; h < 8; h++)
        _mm256_maskstore_ps(out + 8 * h, m[h], c[h]);
}
#else
void kt_int16_vnni(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb, size_t KK, const int32_t *in,
                   size_t ldin, int32_t *out, size_t ldout)
{
    kt_int16_portable(ap, lda, bp, ldb, KK, in, ldin, out, ldout);
}
void kt_int16_avx2(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb, size_t KK, const int32_t *in,
                   size_t ldin, int32_t *out, size_t ldout)
{
    kt_int16_portable(ap, lda, bp, ldb, KK, in, ldin, out, ldout);
}
void kt_f32_avx2(const float *a, size_t sak, size_t K, const float *b, size_t ldb, const float *init, float *out,
                 size_t width)
{
    kt_f32_portable(a, sak, K, b, ldb, init, out, width);
}
#endif
