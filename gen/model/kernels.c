#include "model/kernels.h"
#include "model/sru.h"
#include <stdlib.h>
#include <string.h>

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

uint64_t kern_int(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init, unsigned acc_width,
                  int64_t *C)
{
    /* Bound on every partial sum: max|init| + max|B| * max_r sum_k |A[r][k]|.
     * If it fits the accumulator (and int32), no addition can saturate and
     * plain exact int32 arithmetic gives the saturating result. */
    int64_t maxb = 0, maxi = 0, maxrow = 0;
    for (size_t k = 0; k < s->K; k++)
        for (size_t c = 0; c < s->C; c++)
            if (iabs64(B[k * s->sbk + c * s->sbc]) > maxb)
                maxb = iabs64(B[k * s->sbk + c * s->sbc]);
    for (size_t c = 0; init && c < s->C; c++)
        if (iabs64(init[c]) > maxi)
            maxi = iabs64(init[c]);
    for (size_t r = 0; r < s->R; r++) {
        int64_t sum = 0;
        for (size_t k = 0; k < s->K; k++)
            sum += iabs64(A[r * s->sar + k * s->sak]);
        if (sum > maxrow)
            maxrow = sum;
    }
    unsigned w = acc_width < 32 ? acc_width : 32;
    int64_t lim = (INT64_C(1) << (w - 1)) - 1;
    if (maxi > lim || (maxb && maxrow > (lim - maxi) / maxb))
        return kern_int_saturating(s, A, B, init, acc_width, C);

    /* Narrow tensors are at most 16 bits: a contiguous int16 copy of B lets
     * gcc use 16x16->32 vector multiplies (also un-strides B). */
    int32_t *row = malloc(s->C * sizeof *row);
    int16_t *b16 = malloc(s->K * s->C * sizeof *b16);
    if (!row || !b16)
        abort();
    int narrow = maxb <= INT16_MAX;
    for (size_t k = 0; narrow && k < s->K; k++)
        for (size_t c = 0; c < s->C; c++)
            b16[k * s->C + c] = (int16_t)B[k * s->sbk + c * s->sbc];
    for (size_t r = 0; r < s->R; r++) {
        for (size_t c = 0; c < s->C; c++)
            row[c] = init ? (int32_t)init[c] : 0;
        for (size_t k = 0; k < s->K; k++) {
            int32_t a = A[r * s->sar + k * s->sak];
            if (a == 0) /* inputs and ReLU outputs are often zero */
                continue;
            if (narrow && a >= INT16_MIN && a <= INT16_MAX) {
                int16_t a16 = (int16_t)a;
                const int16_t *b = b16 + k * s->C;
                for (size_t c = 0; c < s->C; c++)
                    row[c] += (int32_t)a16 * b[c];
            } else {
                for (size_t c = 0; c < s->C; c++)
                    row[c] += a * B[k * s->sbk + c * s->sbc];
            }
        }
        for (size_t c = 0; c < s->C; c++)
            C[r * s->C + c] = row[c];
    }
    free(b16);
    free(row);
    return 0;
}

void kern_f32(const kern_shape *s, const float *A, const float *B, const float *init, float *C)
{
    for (size_t r = 0; r < s->R; r++) {
        float *row = C + r * s->C;
        for (size_t c = 0; c < s->C; c++)
            row[c] = init ? init[c] : 0.0f;
        for (size_t k = 0; k < s->K; k++) {
            float a = A[r * s->sar + k * s->sak];
            if (a == 0.0f)
                continue;
            const float *b = B + k * s->sbk;
            if (s->sbc == 1)
                for (size_t c = 0; c < s->C; c++)
                    row[c] += a * b[c];
            else
                for (size_t c = 0; c < s->C; c++)
                    row[c] += a * b[c * s->sbc];
        }
    }
}
