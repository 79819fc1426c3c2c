/* Matrix products of the trainer. One shape for all three products of a
 * layer (forward, error back-propagation, weight gradient):
 *   C[r][c] = init[c] + sum_k A[r*sar + k*sak] * B[k*sbk + c*sbc]
 * with the additions done in ascending k after init. */
#ifndef TRAIN_KERNELS_H
#define TRAIN_KERNELS_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t R, K, C;
    size_t sar, sak; /* strides of A */
    size_t sbk, sbc; /* strides of B */
} kern_shape;

/* Integer product into an acc_width-bit signed accumulator: every addition
 * (init first, then k ascending) saturates to acc_width bits, as a hardware
 * saturating accumulator does. Returns the number of saturating additions.
 * init may be NULL (zero). When a bound proves no partial sum can leave the
 * accumulator range, exact sums in any order give the same result: int16
 * pairs into int32 (vectorized; the threads split the output, or, for a
 * long k, k itself and add their partial sums), or int64. The
 * bound, max|init| + max|B| * max_r sum_k |A[r][k]|, is taken while the
 * operands are packed for the vector kernel (no separate pass over them). */
uint64_t kern_int(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init, unsigned acc_width,
                  int64_t *C);

/* Float product, same shape and order (for the fp32 baseline): every C
 * element is init, then += a*b (two roundings) for k ascending, skipping
 * a == 0; vector widths and threads change only which elements run together. */
void kern_f32(const kern_shape *s, const float *A, const float *B, const float *init, float *C);

/* w[i] -= lr * g[i] (a multiply, then a subtraction: two roundings) for an
 * R x C matrix, the threads splitting it as kern_f32 splits an R x C
 * product (any split gives the same floats). */
void kern_f32_update(float *w, const float *g, float lr, size_t R, size_t C);

#endif
