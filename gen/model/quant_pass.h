/* Internal to quant.c: one block of the lane rule after the random values
 * are known. Branch-free loops over the SRU model (esru_round), compiled for
 * several vector widths (ESRU_CLONES). */
#ifndef ESRU_QUANT_PASS_H
#define ESRU_QUANT_PASS_H
#include "model/config.h"
#include <stddef.h>
#include <stdint.h>

/* Where the values come from and where the results go. */
typedef enum { PASS_STREAM, PASS_REQUANT, PASS_UPDATE, PASS_I8 } quant_pass_kind;

typedef struct {
    quant_pass_kind kind;
    esru_rounding rounding;
    int ideal;                /* sr-ideal: 64-bit words, esru_round_ideal */
    unsigned n, m;            /* SRU adder and random bits */
    esru_fill fill;
    int d;                    /* shift; < 0: exact left shift */
    unsigned ow;              /* output width (update: gw) */
    const int64_t *x;         /* STREAM, REQUANT; UPDATE: g (negated) */
    const int32_t *x32;       /* I8 */
    int relu;                 /* REQUANT */
    const int32_t *keep;      /* REQUANT */
    int32_t *y;               /* STREAM, REQUANT */
    int8_t *y8;               /* I8 */
    int32_t *w;               /* UPDATE: updated in place */
    unsigned ww;              /* UPDATE: weight width */
} quant_pass;

/* Elements per call at most. */
#define QUANT_PASS_MAX 2048

/* Elements e .. e+k-1 (k <= QUANT_PASS_MAX). r[i]: element e+i's M random bits (SR units), w64[i]:
 * its 64-bit word (sr-ideal); unused ones may be NULL. Returns the rounding
 * saturations; adds the weight saturations of UPDATE to *ovf_w. */
uint64_t quant_pass_run(const quant_pass *q, size_t e, size_t k, const uint32_t *r, const uint64_t *w64,
                        uint64_t *ovf_w);

#endif
