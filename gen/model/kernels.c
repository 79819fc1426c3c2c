#include "model/kernels.h"
#include "model/kernels_tile.h"
#include "model/simd.h"
#include "model/sru.h"
#include <stdlib.h>
#include <string.h>

/* Products smaller than this (multiply-adds) run on one thread. */
#define KERN_PAR_MIN (1u << 17)
/* Pairs of k per pass over the output tiles: a 16-column strip of packed B
 * (KC x 64 bytes) stays in L1 while the row tiles go by. */
#define KC 256

/* Packed operands, grown as needed and reused by every call (no allocation
 * per call). The kernels are not reentrant: the trainer calls one at a time
 * and the threads work inside a call. */
static void *grow(void **buf, size_t *cap, size_t bytes)
{
    if (bytes > *cap) {
        free(*buf);
        *buf = malloc(bytes);
        if (!*buf)
            abort();
        *cap = bytes;
    }
    return *buf;
}
static void *apack, *bpack, *tile_acc, *ftrans;
static size_t apack_cap, bpack_cap, tile_acc_cap, ftrans_cap;

static unsigned threads_for(const kern_shape *s)
{
    return (uint64_t)s->R * s->K * s->C < KERN_PAR_MIN ? 1 : esru_threads();
}

static int64_t iabs64(int64_t v) { return v < 0 ? -v : v; }

/* The definition: saturate after every addition. */
static uint64_t kern_int_saturating(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                                    unsigned acc_width, int64_t *C)
{
    uint64_t ovf = 0;
    for (size_t r = 0; r < s->R; r++) {
        for (size_t c = 0; c < s->C; c++) {
            int o = 0;
            int64_t acc = esru_saturate(init ? init[c] : 0, acc_width, &o);
            ovf += (uint64_t)o;
            for (size_t k = 0; k < s->K; k++) {
                int64_t p = (int64_t)A[r * s->sar + k * s->sak] * B[k * s->sbk + c * s->sbc];
                acc = esru_saturate(acc + p, acc_width, &o);
                ovf += (uint64_t)o;
            }
            C[r * s->C + c] = acc;
        }
    }
    return ovf;
}

/* maxi + terms * per <= lim, without overflow (all operands >= 0). */
static int fits(uint64_t maxi, uint64_t terms, uint64_t per, uint64_t lim)
{
    return maxi <= lim && (per == 0 || terms <= (lim - maxi) / per);
}

/* Exact, no saturation possible: int64 sums. */
static void kern_int_exact64(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                             int64_t *C)
{
    unsigned nt = threads_for(s);
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(static)
#endif
    for (size_t r = 0; r < s->R; r++) {
        int64_t *row = C + r * s->C;
        for (size_t c = 0; c < s->C; c++)
            row[c] = init ? init[c] : 0;
        for (size_t k = 0; k < s->K; k++) {
            int64_t a = A[r * s->sar + k * s->sak];
            if (a == 0)
                continue;
            for (size_t c = 0; c < s->C; c++)
                row[c] += a * B[k * s->sbk + c * s->sbc];
        }
    }
}

static inline uint32_t pair(int32_t lo, int32_t hi) { return (uint32_t)(uint16_t)lo | (uint32_t)(uint16_t)hi << 16; }
static inline int fits16(int32_t v) { return v >= INT16_MIN && v <= INT16_MAX; }

/* What the packing saw: the bound's terms and whether all fit int16. */
typedef struct {
    uint64_t maxrow, maxb;
    int wide; /* some operand does not fit int16 */
} pack_stats;

/* One row of A as KK pairs: ap[kk] = (a[2kk], a[2kk+1]), a[k] = A row at
 * stride sak, zero past K. Returns sum |a|; *wide |= some a outside int16. */
ESRU_CLONES static uint64_t pack_row(const int32_t *a, size_t sak, size_t K, uint32_t *ap, int *wide)
{
    uint64_t sum = 0;
    int32_t lo_min = 0, lo_max = 0;
    size_t kk = 0, full = K / 2;
    if (sak == 1) {
        for (; kk < full; kk++) { /* contiguous: vectorizes */
            int32_t lo = a[2 * kk], hi = a[2 * kk + 1];
            ap[kk] = pair(lo, hi);
            sum += (uint64_t)iabs64(lo) + (uint64_t)iabs64(hi);
            lo_min = lo < lo_min ? lo : lo_min;
            lo_min = hi < lo_min ? hi : lo_min;
            lo_max = lo > lo_max ? lo : lo_max;
            lo_max = hi > lo_max ? hi : lo_max;
        }
    }
    for (; kk < full; kk++) {
        int32_t lo = a[2 * kk * sak], hi = a[(2 * kk + 1) * sak];
        ap[kk] = pair(lo, hi);
        sum += (uint64_t)iabs64(lo) + (uint64_t)iabs64(hi);
        lo_min = lo < lo_min ? lo : lo_min;
        lo_min = hi < lo_min ? hi : lo_min;
        lo_max = lo > lo_max ? lo : lo_max;
        lo_max = hi > lo_max ? hi : lo_max;
    }
    if (K & 1u) {
        int32_t lo = a[(K - 1) * sak];
        ap[full] = pair(lo, 0);
        sum += (uint64_t)iabs64(lo);
        lo_min = lo < lo_min ? lo : lo_min;
        lo_max = lo > lo_max ? lo : lo_max;
    }
    *wide |= !fits16(lo_min) | !fits16(lo_max);
    return sum;
}

/* Pair row kk of B: bp[c] = (b0[c], b1[c]) for the columns of rows k and
 * k+1 (b1 NULL past K), stride sbc; zero for c in [C, Cp). Returns max |b|. */
ESRU_CLONES static uint64_t pack_pairs(const int32_t *b0, const int32_t *b1, size_t sbc, size_t C, size_t Cp,
                                       uint32_t *bp, int *wide)
{
    int32_t vmin = 0, vmax = 0;
    size_t c = 0;
    if (sbc == 1 && b1) {
        for (; c < C; c++) { /* contiguous: vectorizes */
            int32_t lo = b0[c], hi = b1[c];
            bp[c] = pair(lo, hi);
            vmin = lo < vmin ? lo : vmin;
            vmin = hi < vmin ? hi : vmin;
            vmax = lo > vmax ? lo : vmax;
            vmax = hi > vmax ? hi : vmax;
        }
    }
    for (; c < C; c++) {
        int32_t lo = b0[c * sbc], hi = b1 ? b1[c * sbc] : 0;
        bp[c] = pair(lo, hi);
        vmin = lo < vmin ? lo : vmin;
        vmin = hi < vmin ? hi : vmin;
        vmax = lo > vmax ? lo : vmax;
        vmax = hi > vmax ? hi : vmax;
    }
    for (; c < Cp; c++)
        bp[c] = 0;
    *wide |= !fits16(vmin) | !fits16(vmax);
    return (uint64_t)(-(int64_t)vmin > vmax ? -(int64_t)vmin : vmax);
}

/* A as rows of k pairs (R padded to 4), B as k-pair rows of columns (C
 * padded to 16), noting the bound's terms in *st (shared, zero at first).
 * Called by every thread of a parallel region (or alone): each packs its
 * share, then all wait until *st is complete. */
static void pack(const kern_shape *s, const int32_t *A, const int32_t *B, uint32_t *ap, uint32_t *bp, size_t Cp,
                 pack_stats *st)
{
    const size_t R = s->R, K = s->K, Cn = s->C, KK = (K + 1) / 2;
    uint64_t maxrow = 0, maxb = 0;
    int wide = 0;
#ifdef _OPENMP
#pragma omp for schedule(static) nowait
#endif
    for (size_t r = 0; r < R; r++) {
        uint64_t sum = pack_row(A + r * s->sar, s->sak, K, ap + r * KK, &wide);
        maxrow = sum > maxrow ? sum : maxrow;
    }
#ifdef _OPENMP
#pragma omp for schedule(static) nowait
#endif
    for (size_t kk = 0; kk < KK; kk++) {
        const int32_t *b0 = B + 2 * kk * s->sbk, *b1 = 2 * kk + 1 < K ? B + (2 * kk + 1) * s->sbk : NULL;
        uint64_t m = pack_pairs(b0, b1, s->sbc, Cn, Cp, bp + kk * Cp, &wide);
        maxb = m > maxb ? m : maxb;
    }
#ifdef _OPENMP
#pragma omp critical(kern_pack_stats)
#endif
    {
        st->maxrow = maxrow > st->maxrow ? maxrow : st->maxrow;
        st->maxb = maxb > st->maxb ? maxb : st->maxb;
        st->wide |= wide;
    }
#ifdef _OPENMP
#pragma omp barrier
#endif
}

/* One output tile for k pairs k0 .. k0+kn-1: start from acc's partial sums
 * (or 0), then either keep the sums in acc or, on the last k block, write
 * init + sum to the tile's part of C (nr x nc of it). */
ESRU_CLONES static void tile_job(esru_simd level, const uint32_t *at, size_t lda, const uint32_t *bt, size_t ldb,
                                 size_t kn, int first, int32_t *acc, size_t lacc, const int64_t *init, int64_t *C,
                                 size_t ldc, size_t nr, size_t nc)
{
    int32_t t[KT_ROWS][KT_COLS];
    for (int i = 0; i < KT_ROWS; i++)
        for (int j = 0; j < KT_COLS; j++)
            t[i][j] = first ? 0 : acc[i * lacc + j];
    if (level == ESRU_SIMD_VNNI)
        kt_int16_vnni(at, lda, bt, ldb, kn, t);
    else if (level == ESRU_SIMD_AVX2)
        kt_int16_avx2(at, lda, bt, ldb, kn, t);
    else
        kt_int16_portable(at, lda, bt, ldb, kn, t);
    if (!C) {
        for (int i = 0; i < KT_ROWS; i++)
            for (int j = 0; j < KT_COLS; j++)
                acc[i * lacc + j] = t[i][j];
        return;
    }
    for (size_t i = 0; i < nr; i++) {
        int64_t *row = C + i * ldc;
        if (nc == KT_COLS && init) /* whole tile rows: vectorize */
            for (size_t j = 0; j < KT_COLS; j++)
                row[j] = init[j] + t[i][j];
        else if (nc == KT_COLS)
            for (size_t j = 0; j < KT_COLS; j++)
                row[j] = t[i][j];
        else
            for (size_t j = 0; j < nc; j++)
                row[j] = (init ? init[j] : 0) + t[i][j];
    }
}

/* int16 operands, int32 sums: 4x16 tiles shared by the threads of the
 * calling region; k in blocks of KC pairs, and within a block column strips
 * outside row tiles. Sums of the blocks before the last wait in acc (needed
 * when KK > KC); the last block adds init and writes C. */
static void tiles(const kern_shape *s, const uint32_t *ap, const uint32_t *bp, size_t Rp, size_t Cp,
                  const int64_t *init, int32_t *acc, esru_simd level, int64_t *C)
{
    const size_t R = s->R, Cn = s->C, KK = (s->K + 1) / 2;
    const size_t nrt = Rp / KT_ROWS, nct = Cp / KT_COLS;
    for (size_t k0 = 0; k0 < KK || k0 == 0; k0 += KC) {
        size_t kn = KK - k0 < KC ? KK - k0 : KC;
        int first = k0 == 0, last = k0 + KC >= KK;
#ifdef _OPENMP
#pragma omp for schedule(static) collapse(2)
#endif
        for (size_t ct = 0; ct < nct; ct++)
            for (size_t rt = 0; rt < nrt; rt++) {
                size_t r0 = rt * KT_ROWS, c0 = ct * KT_COLS;
                size_t nr = R - r0 < KT_ROWS ? R - r0 : KT_ROWS, nc = Cn - c0 < KT_COLS ? Cn - c0 : KT_COLS;
                tile_job(level, ap + r0 * KK + k0, KK, bp + k0 * Cp + c0, Cp, kn, first,
                         acc ? acc + r0 * Cp + c0 : NULL, Cp, init ? init + c0 : NULL, last ? C + r0 * Cn + c0 : NULL,
                         Cn, nr, nc);
            }
        if (last)
            break;
    }
}

uint64_t kern_int(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init, unsigned acc_width,
                  int64_t *C)
{
    /* No partial sum can leave the accumulator (then every order gives the
     * saturating definition's result) if |init| + sum |a*b| fits it. */
    uint64_t acc_lim = (UINT64_C(1) << (acc_width - 1)) - 1, i32_lim = acc_lim < INT32_MAX ? acc_lim : INT32_MAX;
    uint64_t maxi = 0;
    for (size_t c = 0; init && c < s->C; c++)
        if ((uint64_t)iabs64(init[c]) > maxi)
            maxi = (uint64_t)iabs64(init[c]);
    if (maxi > acc_lim)
        return kern_int_saturating(s, A, B, init, acc_width, C);
    const size_t KK = (s->K + 1) / 2;
    const size_t Rp = (s->R + KT_ROWS - 1) / KT_ROWS * KT_ROWS, Cp = (s->C + KT_COLS - 1) / KT_COLS * KT_COLS;
    uint32_t *ap = grow(&apack, &apack_cap, (Rp * KK + 1) * sizeof *ap);
    uint32_t *bp = grow(&bpack, &bpack_cap, (KK * Cp + 1) * sizeof *bp);
    int32_t *acc = KK > KC ? grow(&tile_acc, &tile_acc_cap, (Rp * Cp + 1) * sizeof *acc) : NULL;
    memset(ap + s->R * KK, 0, (Rp - s->R) * KK * sizeof *ap); /* padding rows */
    unsigned nt = threads_for(s);
    esru_simd level = esru_simd_level();
    pack_stats st = {0, 0, 0};
    int pairs = 0;
    (void)nt;
    /* One region: pack, then (all threads seeing the same bound) the tiles. */
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) if (nt > 1)
#endif
    {
        pack(s, A, B, ap, bp, Cp, &st);
        if (!st.wide && fits(maxi, st.maxrow, st.maxb, i32_lim)) {
            tiles(s, ap, bp, Rp, Cp, init, acc, level, C);
#ifdef _OPENMP
#pragma omp single nowait
#endif
            pairs = 1;
        }
    }
    if (pairs)
        return 0;
    if (fits(maxi, st.maxrow, st.maxb, acc_lim)) {
        kern_int_exact64(s, A, B, init, C);
        return 0;
    }
    return kern_int_saturating(s, A, B, init, acc_width, C);
}

void kern_f32(const kern_shape *s, const float *A, const float *B, const float *init, float *C)
{
    const size_t K = s->K, Cn = s->C;
    const float *b = B;
    size_t ldb = s->sbk;
    if (s->sbc != 1) { /* B read across: copy it to rows of C columns once */
        float *t = grow(&ftrans, &ftrans_cap, (K * Cn + 1) * sizeof *t);
        for (size_t k = 0; k < K; k++)
            for (size_t c = 0; c < Cn; c++)
                t[k * Cn + c] = B[k * s->sbk + c * s->sbc];
        b = t;
        ldb = Cn;
    }
    const size_t nst = (Cn + KT_FCOLS - 1) / KT_FCOLS, R = s->R;
    unsigned nt = threads_for(s);
    int avx2 = esru_simd_level() >= ESRU_SIMD_AVX2;
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(static) collapse(2)
#endif
    for (size_t st = 0; st < nst; st++)
        for (size_t r = 0; r < R; r++) {
            size_t c0 = st * KT_FCOLS, w = Cn - c0 < KT_FCOLS ? Cn - c0 : KT_FCOLS;
            const float *a = A + r * s->sar, *in = init ? init + c0 : NULL;
            if (avx2 && w == KT_FCOLS)
                kt_f32_avx2(a, s->sak, K, b + c0, ldb, in, C + r * Cn + c0);
            else
                kt_f32_portable(a, s->sak, K, b + c0, ldb, in, C + r * Cn + c0, w);
        }
}
