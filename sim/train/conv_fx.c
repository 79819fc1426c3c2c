/* The fixed-point conv products as GEMMs of the trainer's backend (so the
 * generated MAC array runs them under make sim): im2col, then one product. */
#include "conv.h"
#include "model/backend.h"

uint64_t conv_fx_forward(fx_backend *be, const conv_geom *g, size_t nb, const int32_t *x, const int32_t *w,
                         const int64_t *init, unsigned acc_width, int32_t *col, int64_t *y)
{
    size_t kk = conv_kk(g);
    conv_im2col_i32(g, nb, x, col);
    kern_shape s = {nb * conv_pos(g), kk, g->cout, kk, 1, g->cout, 1};
    return be->gemm(be, &s, col, w, init, acc_width, y);
}

uint64_t conv_fx_input_error(fx_backend *be, const conv_geom *g, size_t nb, const int32_t *dy, const int32_t *w,
                             unsigned acc_width, int32_t *col, int32_t *wf, int64_t *dx)
{
    size_t kf = (size_t)g->k * g->k * g->cout;
    conv_im2col_full_i32(g, nb, dy, col);
    conv_flip_i32(g, w, wf);
    kern_shape s = {nb * g->h * g->w, kf, g->cin, kf, 1, g->cin, 1};
    return be->gemm(be, &s, col, wf, NULL, acc_width, dx);
}

uint64_t conv_fx_weight_grad(fx_backend *be, const conv_geom *g, size_t nb, const int32_t *x, const int32_t *dy,
                             unsigned acc_width, int32_t *col, int64_t *gw)
{
    size_t kk = conv_kk(g);
    conv_im2col_i32(g, nb, x, col);
    kern_shape s = {kk, nb * conv_pos(g), g->cout, 1, kk, g->cout, 1}; /* col transposed: A[r][k] = col[k][r] */
    return be->gemm(be, &s, col, dy, NULL, acc_width, gw);
}
