/* The convolutional front of the trainer's networks: 2-D convolution (stride
 * 1, valid or zero padding) lowered to the backend's GEMM by im2col, then ReLU and
 * 2x2 max pooling. Tensors are NHWC (image, row, column, channel), so a conv
 * output [nb*oh*ow x cout] is the GEMM's row-major result as it stands and a
 * flattened feature map is (row, column, channel). Only data movement lives
 * here (im2col, pooling, its scatter, the flipped kernel): every sum is a
 * GEMM of the caller's backend, every narrowing a backend requantization. */
#ifndef TRAIN_CONV_H
#define TRAIN_CONV_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    unsigned h, w, cin;  /* input */
    unsigned k, cout;    /* k x k kernels, cout output channels */
    unsigned pad;        /* zeros around the input on each side: 0 valid, (k-1)/2 "same" */
    unsigned oh, ow;     /* conv output: h+2pad-k+1, w+2pad-k+1 */
    unsigned ph, pw;     /* after 2x2 max pooling: oh/2, ow/2 (an odd last row/column is dropped) */
} conv_geom;

/* Geometry of a conv + pool layer on an h x w x cin input padded by pad
 * zeros (pad < k); -1 if the kernel does not fit or the pooled map would be
 * empty. */
int conv_geom_set(conv_geom *g, unsigned h, unsigned w, unsigned cin, unsigned k, unsigned cout, unsigned pad);

static inline size_t conv_kk(const conv_geom *g) { return (size_t)g->k * g->k * g->cin; }   /* GEMM depth */
static inline size_t conv_pos(const conv_geom *g) { return (size_t)g->oh * g->ow; }         /* outputs per image */
static inline size_t conv_in_n(const conv_geom *g) { return (size_t)g->h * g->w * g->cin; } /* per image */
static inline size_t conv_out_n(const conv_geom *g) { return conv_pos(g) * g->cout; }
static inline size_t conv_pool_n(const conv_geom *g) { return (size_t)g->ph * g->pw * g->cout; }

/* im2col: col[(n, oy, ox)][(ky, kx, ci)] = x[n][oy+ky-pad][ox+kx-pad][ci]
 * (0 outside the input); the weights are [(ky, kx, ci)][co] (input-major,
 * like a fully connected layer). */
void conv_im2col_i32(const conv_geom *g, size_t nb, const int32_t *x, int32_t *col);
void conv_im2col_f32(const conv_geom *g, size_t nb, const float *x, float *col);

/* The error at the input is the full correlation of the output error with
 * the flipped kernel: col[(n, y, x)][(ky, kx, co)] = dy[n][y-k+1+pad+ky][x-k+1+pad+kx][co]
 * (0 outside the output grid), times wf[(ky, kx, co)][ci] =
 * w[(k-1-ky, k-1-kx, ci)][co]. */
void conv_im2col_full_i32(const conv_geom *g, size_t nb, const int32_t *dy, int32_t *col);
void conv_im2col_full_f32(const conv_geom *g, size_t nb, const float *dy, float *col);
void conv_flip_i32(const conv_geom *g, const int32_t *w, int32_t *wf);
void conv_flip_f32(const conv_geom *g, const float *w, float *wf);

/* 2x2 max pooling of y [nb x oh x ow x cout] into p [nb x ph x pw x cout]
 * (exact: a choice, no arithmetic). arg[j] is the index in y of p[j]'s
 * maximum, the first in (dy, dx) order on ties. */
void conv_pool_i64(const conv_geom *g, size_t nb, const int64_t *y, int64_t *p, uint32_t *arg);
void conv_pool_f32(const conv_geom *g, size_t nb, const float *y, float *p, uint32_t *arg);
/* Its backward pass: dy = 0, then dy[arg[j]] = dp[j] (exact). */
void conv_unpool_i32(const conv_geom *g, size_t nb, const int32_t *dp, const uint32_t *arg, int32_t *dy);
void conv_unpool_f32(const conv_geom *g, size_t nb, const float *dp, const uint32_t *arg, float *dy);

#endif

/* The fixed-point conv products, each one GEMM of backend be (kern_int's
 * contract: acc_width-bit saturating sums, init first, then ascending depth
 * (ky, kx, ci) or (ky, kx, co)); each returns the saturating additions.
 * col is scratch of nb * max(conv_pos * conv_kk, h * w * k * k * cout). */
typedef struct fx_backend fx_backend;
/* y[(n, oy, ox)][co] = init[co] + sum x[n][oy+ky][ox+kx][ci] w[(ky, kx, ci)][co] */
uint64_t conv_fx_forward(fx_backend *be, const conv_geom *g, size_t nb, const int32_t *x, const int32_t *w,
                         const int64_t *init, unsigned acc_width, int32_t *col, int64_t *y);
/* dx[(n, y, x)][ci] = sum dy[n][y-ky][x-kx][co] w[(ky, kx, ci)][co] over the
 * output grid (with the flipped kernel wf, scratch of conv_kk * cout) */
uint64_t conv_fx_input_error(fx_backend *be, const conv_geom *g, size_t nb, const int32_t *dy, const int32_t *w,
                             unsigned acc_width, int32_t *col, int32_t *wf, int64_t *dx);
/* gw[(ky, kx, ci)][co] = sum over (n, oy, ox) of x[n][oy+ky][ox+kx][ci] dy[(n, oy, ox)][co] */
uint64_t conv_fx_weight_grad(fx_backend *be, const conv_geom *g, size_t nb, const int32_t *x, const int32_t *dy,
                             unsigned acc_width, int32_t *col, int64_t *gw);
