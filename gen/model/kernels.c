#include "model/kernels.h"
#include "model/kernels_tile.h"
#include "model/simd.h"
#include "model/sru.h"
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* Products smaller than this (multiply-adds), and float updates of fewer
 * elements than F32_UPDATE_PAR_MIN, run on one thread. */
#define KERN_PAR_MIN (1u << 17)
#define F32_UPDATE_PAR_MIN 16384

/* CALL once in each thread of a team of nt (nt = 1: no parallel region),
 * with tid and nth the thread's number and the team's size in scope: each
 * thread computes its own part from them. */
#ifdef _OPENMP
#define PER_THREAD(nt, CALL)                                                                                  \
    _Pragma("omp parallel num_threads(nt) if (nt > 1)")                                                       \
    {                                                                                                         \
        const unsigned tid = (unsigned)omp_get_thread_num(), nth = (unsigned)omp_get_num_threads();          \
        CALL;                                                                                                 \
    }
#else
#define PER_THREAD(nt, CALL)                                                                                  \
    do {                                                                                                      \
        const unsigned tid = 0, nth = 1;                                                                      \
        (void)(nt);                                                                                           \
        CALL;                                                                                                 \
    } while (0)
#endif
/* Pairs of k per pass over the output tiles: a 16-column strip of packed B
 * (KC x 64 bytes) stays in L1 while the row tiles go by. */
#define KC 256

/* Buffers grown as needed and reused by every call. */
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
static void *ftrans;
static size_t ftrans_cap;

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

/* What the packing saw: the bound's terms and whether all fit int16; in
 * the threads' shared copy also whether some part left the int16 path. */
typedef struct {
    uint64_t maxrow, maxb;
    int wide;    /* some operand does not fit int16 */
    int skipped; /* some thread did not compute its part through int16 pairs */
} pack_stats;

/* The packed int16 pairs into int32 sums are exact: every operand fits
 * int16 and no partial sum can leave int32 (or the accumulator). */
static int pairs_exact(const pack_stats *st, uint64_t maxi, uint64_t i32_lim)
{
    return !st->wide && fits(maxi, st->maxrow, st->maxb, i32_lim);
}

/* Two values of A as one packed pair, noted in the packing's tallies: the
 * sum of |a| and the range of a. */
static inline __attribute__((always_inline)) uint32_t pack_pair(int32_t lo, int32_t hi, uint64_t *sum, int32_t *vmin,
                                                                int32_t *vmax)
{
    *sum += (uint64_t)iabs64(lo) + (uint64_t)iabs64(hi);
    *vmin = lo < *vmin ? lo : *vmin;
    *vmin = hi < *vmin ? hi : *vmin;
    *vmax = lo > *vmax ? lo : *vmax;
    *vmax = hi > *vmax ? hi : *vmax;
    return pair(lo, hi);
}

/* One row of A as KK pairs: ap[kk] = (a[2kk], a[2kk+1]), a[k] = A row at
 * stride sak, zero past K. Returns sum |a|; *wide |= some a outside int16. */
ESRU_CLONES static uint64_t pack_row(const int32_t *a, size_t sak, size_t K, uint32_t *ap, int *wide)
{
    uint64_t sum = 0;
    int32_t vmin = 0, vmax = 0;
    size_t kk = 0, full = K / 2;
    if (sak == 1)
        for (; kk < full; kk++) /* contiguous: vectorizes */
            ap[kk] = pack_pair(a[2 * kk], a[2 * kk + 1], &sum, &vmin, &vmax);
    for (; kk < full; kk++)
        ap[kk] = pack_pair(a[2 * kk * sak], a[(2 * kk + 1) * sak], &sum, &vmin, &vmax);
    if (K & 1u)
        ap[full] = pack_pair(a[(K - 1) * sak], 0, &sum, &vmin, &vmax);
    *wide |= !(fits16(vmin) & fits16(vmax));
    return sum;
}

/* Rows r0 .. r1-1 of A when A is read across (sar == 1: a row of A is a
 * column in memory), each as nk pairs like pack_row (the same pairs and
 * sums), reading memory in order: pack_row's stride-sak reads missed the
 * cache at every element (LeNet's conv weight gradients, col transposed).
 * Blocks of 64 rows x 16 pairs go through a local tile, so that each packed
 * row is written a cache line at a time (rows nk pairs apart, often a
 * multiple of 4 KiB, all fall in one L1 set). A starts at the part's first
 * k; K: the part's k. */
ESRU_CLONES static uint64_t pack_rows_across(const int32_t *A, size_t sak, size_t K, size_t r0, size_t r1,
                                             uint32_t *ap, size_t nk, int *wide)
{
    enum { RB = 64, KB = 16 };
    uint64_t maxrow = 0;
    int32_t vmin = 0, vmax = 0;
    for (size_t rb = r0; rb < r1; rb += RB) {
        size_t nr = r1 - rb < RB ? r1 - rb : RB;
        uint64_t sum[RB] = {0};
        for (size_t kb = 0; kb < nk; kb += KB) {
            size_t kn = nk - kb < KB ? nk - kb : KB;
            uint32_t t[RB][KB];
            for (size_t j = 0; j < kn; j++) {
                size_t kk = kb + j;
                const int32_t *lo = A + 2 * kk * sak + rb, *hi = 2 * kk + 1 < K ? lo + sak : NULL;
                for (size_t i = 0; i < nr; i++)
                    t[i][j] = pack_pair(lo[i], hi ? hi[i] : 0, &sum[i], &vmin, &vmax);
            }
            for (size_t i = 0; i < nr; i++)
                if (kn == KB) /* a constant size: one vector move (a variable one became rep movsq) */
                    memcpy(ap + (rb - r0 + i) * nk + kb, t[i], sizeof t[i]);
                else
                    memcpy(ap + (rb - r0 + i) * nk + kb, t[i], kn * sizeof t[i][0]);
        }
        for (size_t i = 0; i < nr; i++)
            maxrow = sum[i] > maxrow ? sum[i] : maxrow;
    }
    *wide |= !(fits16(vmin) & fits16(vmax));
    return maxrow;
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
    *wide |= !(fits16(vmin) & fits16(vmax));
    return (uint64_t)(-(int64_t)vmin > vmax ? -(int64_t)vmin : vmax);
}

/* A thread's part of a product: output rows [r0, r1) x columns [c0, c1) of
 * the padded product (whole tiles), k pairs [k0, k1). Each thread packs
 * what its part reads, so it reads only what it wrote itself: packed data
 * written by one core and read by the other made every product 1.6-3.8x
 * more expensive in CPU time on 2 threads than on 1 (cache lines passed
 * between the cores at every call).
 * - k long beside the output (the first layers' forward products): split
 *   along k. Each thread sums its pairs into int32 partial sums (the bound
 *   holds for any subset of the terms), then adds its rows of everyone's
 *   partial sums (exact: integers). A thread then packs the rows of the
 *   weights that its half of the weight update wrote (the rounding splits
 *   the update's elements in halves too, at lane-group boundaries).
 * - else: the output split along its larger dimension, each thread packing
 *   its own copy of the smaller operand. */
typedef struct {
    size_t r0, r1, c0, c1, k0, k1;
    int by_k;
} kern_part;

static kern_part part_of(const kern_shape *s, size_t Rp, size_t Cp, unsigned t, unsigned nt)
{
    size_t KK = (s->K + 1) / 2;
    if (nt > 1 && 2 * (s->R > s->C ? s->R : s->C) <= s->K)
        return (kern_part){0, Rp, 0, Cp, KK * t / nt, KK * (t + 1) / nt, 1};
    int by_rows = Cp <= Rp;
    size_t unit = by_rows ? KT_ROWS : KT_COLS, n = (by_rows ? Rp : Cp) / unit;
    size_t lo = n * t / nt * unit, hi = n * (t + 1) / nt * unit;
    return by_rows ? (kern_part){lo, hi, 0, Cp, 0, KK, 0} : (kern_part){0, Rp, lo, hi, 0, KK, 0};
}

/* Packed operands and partial sums of one thread, reused by every call (no
 * allocation per call); one slot per thread, a cache line each. The kernels
 * are not reentrant: the trainer calls one at a time and the threads work
 * inside a call. */
typedef struct {
    void *ap, *bp, *acc;
    size_t apc, bpc, accc;
    char pad[64 - 6 * sizeof(size_t)];
} pack_slot;
static _Alignas(64) pack_slot slots[ESRU_MAX_THREADS];

/* The part's rows of A as k1 - k0 pairs each (rows past R zero) and its
 * columns of B as k-pair rows of c1 - c0 columns (columns past C zero),
 * noting the bound's terms of this part in *mine and of all parts in *st
 * (shared by the threads, zero at first). Split along k, a row's sum is the
 * sum of its parts: the parts' largest are added (a bound on it), and *st
 * is complete when this returns (a barrier). Split by rows or columns, a
 * thread's outputs depend on its own part only, so its bound is its own
 * (no barrier: the threads go on to their tiles without waiting). */
static void pack(const kern_shape *s, const int32_t *A, const int32_t *B, kern_part p, uint32_t *ap, uint32_t *bp,
                 pack_stats *st, pack_stats *mine)
{
    const size_t R = s->R, K = s->K, nk = p.k1 - p.k0, nc = p.c1 - p.c0, k = 2 * p.k0;
    const size_t kl = 2 * p.k1 < K ? 2 * p.k1 - k : K - k; /* k of this part (0 if none) */
    const size_t rv = p.r1 < R ? p.r1 : R, cv = p.c1 < s->C ? p.c1 - p.c0 : s->C - p.c0;
    const int some = p.r1 > p.r0 && nc && nk;
    uint64_t maxrow = 0, maxb = 0;
    int wide = 0;
    if (some && s->sar == 1 && s->sak > 1) /* A read across */
        maxrow = pack_rows_across(A + k * s->sak, s->sak, kl, p.r0, rv, ap, nk, &wide);
    else
        for (size_t r = p.r0; r < rv && some; r++) {
            uint64_t sum = pack_row(A + r * s->sar + k * s->sak, s->sak, kl, ap + (r - p.r0) * nk, &wide);
            maxrow = sum > maxrow ? sum : maxrow;
        }
    if (rv < p.r1 && some)
        memset(ap + (rv - p.r0) * nk, 0, (p.r1 - rv) * nk * sizeof *ap); /* padding rows */
    for (size_t kk = p.k0; kk < p.k1 && some; kk++) {
        const int32_t *b0 = B + 2 * kk * s->sbk + p.c0 * s->sbc;
        const int32_t *b1 = 2 * kk + 1 < K ? b0 + s->sbk : NULL;
        uint64_t m = pack_pairs(b0, b1, s->sbc, cv, nc, bp + (kk - p.k0) * nc, &wide);
        maxb = m > maxb ? m : maxb;
    }
#ifdef _OPENMP
#pragma omp critical(kern_pack_stats)
#endif
    {
        st->maxrow = p.by_k ? st->maxrow + maxrow : maxrow > st->maxrow ? maxrow : st->maxrow;
        st->maxb = maxb > st->maxb ? maxb : st->maxb;
        st->wide |= wide;
    }
    *mine = (pack_stats){maxrow, maxb, wide, 0};
#ifdef _OPENMP
    if (p.by_k) {
#pragma omp barrier
    }
#endif
}

/* One output tile for k pairs k0 .. k0+kn-1: start from acc's partial sums
 * (or 0), then either keep the sums in acc or, on the last k block, write
 * init + sum to the tile's part of C (nr x nc of it). */
ESRU_CLONES static void tile_job(esru_simd level, const uint32_t *at, size_t lda, const uint32_t *bt, size_t ldb,
                                 size_t kn, int first, int32_t *acc, size_t lacc, const int64_t *init, int64_t *C,
                                 size_t ldc, size_t nr, size_t nc)
{
    /* Partial sums of earlier k blocks wait in acc; the last block's go to t. */
    const int32_t *in = first ? NULL : acc;
    int32_t t[KT_ROWS][KT_COLS], *out = C ? &t[0][0] : acc;
    size_t ldout = C ? KT_COLS : lacc;
    if (level == ESRU_SIMD_VNNI)
        kt_int16_vnni(at, lda, bt, ldb, kn, in, lacc, out, ldout);
    else if (level == ESRU_SIMD_AVX2)
        kt_int16_avx2(at, lda, bt, ldb, kn, in, lacc, out, ldout);
    else
        kt_int16_portable(at, lda, bt, ldb, kn, in, lacc, out, ldout);
    if (!C)
        return;
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

/* int16 operands, int32 sums: the part's 4x16 tiles, from its own packed
 * operands (ap: rows of nk pairs, bp: nk rows of nc columns); k in blocks of
 * KC pairs, and within a block column strips outside row tiles. Sums of the
 * blocks before the last wait in acc (needed when nk > KC); the last block
 * adds init and writes C, or, when C is NULL, leaves its sums in acc too
 * (zero sums without pairs). */
static void tiles(const kern_shape *s, kern_part p, const uint32_t *ap, const uint32_t *bp, const int64_t *init,
                  int32_t *acc, esru_simd level, int64_t *C)
{
    const size_t R = s->R, Cn = s->C, nk = p.k1 - p.k0, nc = p.c1 - p.c0;
    for (size_t k0 = 0; k0 < nk || k0 == 0; k0 += KC) { /* no pairs: C = init, acc = 0 */
        size_t kn = nk - k0 < KC ? nk - k0 : KC;
        int first = k0 == 0, last = k0 + KC >= nk;
        for (size_t c0 = p.c0; c0 < p.c1; c0 += KT_COLS)
            for (size_t r0 = p.r0; r0 < p.r1; r0 += KT_ROWS) {
                size_t lr = r0 - p.r0, lc = c0 - p.c0;
                size_t nr = R - r0 < KT_ROWS ? R - r0 : KT_ROWS, ncv = Cn - c0 < KT_COLS ? Cn - c0 : KT_COLS;
                if (r0 >= R) /* padding rows */
                    continue;
                tile_job(level, ap + lr * nk + k0, nk, bp + k0 * nc + lc, nc, kn, first,
                         acc ? acc + lr * nc + lc : NULL, nc, init ? init + c0 : NULL,
                         last && C ? C + r0 * Cn + c0 : NULL, Cn, nr, ncv);
            }
    }
}

/* Split along k: rows [r0, r1) of C = init + the threads' partial sums. */
static void add_parts(const kern_shape *s, const int64_t *init, size_t r0, size_t r1, unsigned nt, size_t Cp,
                      int64_t *C)
{
    for (size_t r = r0; r < r1; r++) {
        int64_t *row = C + r * s->C;
        for (size_t c = 0; c < s->C; c++)
            row[c] = init ? init[c] : 0;
        for (unsigned t = 0; t < nt; t++) {
            const int32_t *acc = (const int32_t *)slots[t].acc + r * Cp;
            for (size_t c = 0; c < s->C; c++) /* vectorizes */
                row[c] += acc[c];
        }
    }
}

/* One thread's share of kern_int's vector path: pack its part, then
 * compute its tiles if the bound allows (split along k: the complete bound,
 * the same in every thread; else its own part's), noting in st->skipped a
 * part it left; split along k, add the partial sums of its rows once every
 * thread has its own. */
static void part_run(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init, uint64_t maxi,
                     uint64_t i32_lim, unsigned t, unsigned nt, pack_stats *st, int64_t *C)
{
    const size_t Rp = (s->R + KT_ROWS - 1) / KT_ROWS * KT_ROWS, Cp = (s->C + KT_COLS - 1) / KT_COLS * KT_COLS;
    kern_part p = part_of(s, Rp, Cp, t, nt);
    size_t nr = p.r1 - p.r0, nc = p.c1 - p.c0, nk = p.k1 - p.k0;
    pack_slot *sl = &slots[t];
    uint32_t *ap = grow(&sl->ap, &sl->apc, (nr * nk + 1) * sizeof *ap);
    uint32_t *bp = grow(&sl->bp, &sl->bpc, (nk * nc + 1) * sizeof *bp);
    int32_t *acc = nk > KC || p.by_k ? grow(&sl->acc, &sl->accc, (nr * nc + 1) * sizeof *acc) : NULL;
    pack_stats mine;
    pack(s, A, B, p, ap, bp, st, &mine);
    if (!pairs_exact(p.by_k ? st : &mine, maxi, i32_lim)) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
        st->skipped = 1;
        return; /* kern_int takes another path for the whole product */
    }
    esru_simd level = esru_simd_level();
    if (!p.by_k) {
        tiles(s, p, ap, bp, init, acc, level, C);
        return;
    }
    tiles(s, p, ap, bp, NULL, acc, level, NULL);
#ifdef _OPENMP
#pragma omp barrier
#endif
    add_parts(s, init, s->R * t / nt, s->R * (t + 1) / nt, nt, Cp, C);
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
    unsigned nt = threads_for(s);
    pack_stats st = {0, 0, 0, 0};
    PER_THREAD(nt, part_run(s, A, B, init, maxi, i32_lim, tid, nth, &st, C));
    /* Every part exact through int16 pairs: C is the exact product, which is
     * the saturating definition's result (no partial sum reached the
     * accumulator's limit). Else every element again, by the complete bound. */
    if (!st.skipped)
        return 0;
    if (fits(maxi, st.maxrow, st.maxb, acc_lim)) {
        kern_int_exact64(s, A, B, init, C);
        return 0;
    }
    return kern_int_saturating(s, A, B, init, acc_width, C);
}

/* Thread t's part of an R x C float product or update: rows, or whole
 * column strips when there are fewer rows than threads. Rows keep each
 * thread's part of a matrix contiguous: split by columns, every row held a
 * boundary, and the cores' prefetchers pulled lines of the other half
 * (2 threads took 2.4x the time of one for the first layer's update). The
 * weight update splits as the weight gradient's product does, so each
 * thread updates the gradient rows it computed. (No split along k: float
 * sums depend on their order.) */
typedef struct {
    size_t r0, r1, c0, c1;
} f32_part;

static f32_part f32_part_of(size_t R, size_t C, unsigned t, unsigned nt)
{
    size_t nst = (C + KT_FCOLS - 1) / KT_FCOLS;
    if (nst >= nt && R < nt) {
        size_t c0 = nst * t / nt * KT_FCOLS, c1 = nst * (t + 1) / nt * KT_FCOLS;
        return (f32_part){0, R, c0, c1 < C ? c1 : C};
    }
    return (f32_part){R * t / nt, R * (t + 1) / nt, 0, C};
}

static void f32_run(const kern_shape *s, const float *A, const float *B, const float *init, unsigned t, unsigned nt,
                    float *bt, float *C)
{
    const size_t K = s->K, Cn = s->C;
    const float *b = B;
    size_t ldb = s->sbk;
    if (s->sbc != 1) { /* B read across: copy it to rows of C columns once, each thread some rows */
        for (size_t k = K * t / nt; k < K * (t + 1) / nt; k++)
            for (size_t c = 0; c < Cn; c++)
                bt[k * Cn + c] = B[k * s->sbk + c * s->sbc];
#ifdef _OPENMP
#pragma omp barrier
#endif
        b = bt;
        ldb = Cn;
    }
    f32_part p = f32_part_of(s->R, Cn, t, nt);
    int avx2 = esru_simd_level() >= ESRU_SIMD_AVX2;
    for (size_t c0 = p.c0; c0 < p.c1; c0 += KT_FCOLS)
        for (size_t r = p.r0; r < p.r1; r++) {
            size_t w = p.c1 - c0 < KT_FCOLS ? p.c1 - c0 : KT_FCOLS;
            const float *a = A + r * s->sar, *in = init ? init + c0 : NULL;
            if (avx2)
                kt_f32_avx2(a, s->sak, K, b + c0, ldb, in, C + r * Cn + c0, w);
            else
                kt_f32_portable(a, s->sak, K, b + c0, ldb, in, C + r * Cn + c0, w);
        }
}

void kern_f32(const kern_shape *s, const float *A, const float *B, const float *init, float *C)
{
    float *bt = s->sbc != 1 ? grow(&ftrans, &ftrans_cap, (s->K * s->C + 1) * sizeof *bt) : NULL;
    unsigned nt = threads_for(s);
    PER_THREAD(nt, f32_run(s, A, B, init, tid, nth, bt, C));
}

static void f32_update_part(float *w, const float *g, float lr, size_t C, f32_part p)
{
    for (size_t r = p.r0; r < p.r1; r++)
        for (size_t c = p.c0; c < p.c1; c++) /* vectorizes */
            w[r * C + c] -= lr * g[r * C + c];
}

void kern_f32_update(float *w, const float *g, float lr, size_t R, size_t C)
{
    unsigned nt = R * C < F32_UPDATE_PAR_MIN ? 1 : esru_threads();
    PER_THREAD(nt, f32_update_part(w, g, lr, C, f32_part_of(R, C, tid, nth)));
}
