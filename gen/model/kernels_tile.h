/* Internal to kernels.c: the innermost blocks of the matrix products, each
 * as portable C and as AVX2 intrinsics. Both compute the same integers, and
 * the same float operations in the same order (no fused multiply-add). */
#ifndef ESRU_KERNELS_TILE_H
#define ESRU_KERNELS_TILE_H
#include <stddef.h>
#include <stdint.h>

/* Integer tile: 4 rows x 16 columns of int32 sums. Operands are packed in
 * pairs along k: a uint32 holds two int16, k even in the low half. */
#define KT_ROWS 4
#define KT_COLS 16
/* out[i*ldout + j] = in[i*ldin + j] (0 if in is NULL) + the sum over kk < KK
 * of A pair ap[i*lda + kk] times B pair bp[kk*ldb + j] (a0*b0 + a1*b1); in
 * may be out. Zero sums start in registers: loading a tile just cleared by
 * narrower stores stalls store forwarding (a third of the kernel's time).
 * Steps where all four A pairs are zero are skipped (inputs and ReLU outputs
 * are often zero). The caller guarantees that no partial sum leaves int32
 * (kern_int's bound). */
void kt_int16_portable(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb, size_t KK,
                       const int32_t *in, size_t ldin, int32_t *out, size_t ldout);
void kt_int16_avx2(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb, size_t KK,
                   const int32_t *in, size_t ldin, int32_t *out, size_t ldout);
void kt_int16_vnni(const uint32_t *ap, size_t lda, const uint32_t *bp, size_t ldb, size_t KK,
                   const int32_t *in, size_t ldin, int32_t *out, size_t ldout);

/* Float strip: one row of C, up to 64 columns. out[j] = init[j] (0 if init
 * is NULL), then for k ascending: a = a[k*sak]; if a != 0, out[j] += a * b[k*ldb + j]. */
#define KT_FCOLS 64
void kt_f32_portable(const float *a, size_t sak, size_t K, const float *b, size_t ldb, const float *init,
                     float *out, size_t width);
/* Any width up to KT_FCOLS (a narrower strip under a mask). */
void kt_f32_avx2(const float *a, size_t sak, size_t K, const float *b, size_t ldb, const float *init, float *out,
                 size_t width);

#endif
