/* Requantization through the SRU C model: the lane rule (shared by the
 * trainer and the MAC array's lanes) and the trainer's scale rules. Every
 * conversion of a wide value to a narrow tensor goes through quant_stream(),
 * which calls esru_round() from model/sru.h. */
#ifndef TRAIN_QUANT_H
#define TRAIN_QUANT_H
#include "model/config.h"
#include "model/prng.h"
#include <stddef.h>
#include <stdint.h>

/* Random values of one whole period of a bank with a short period (at
 * most this many, with the block that may run past the end). */
#define QUANT_TABLE_MAX 8192

/* One PRNG bank with its SRU settings (one for requantization, one for
 * weight updates, one for evaluation). */
typedef struct {
    esru_config cfg;      /* rounding, sru_width, prng_width, fill, prng, lanes, seed */
    int ideal;            /* sr-ideal: the trainer's exact SR reference instead of cfg's unit */
    esru_prng prng;
    uint64_t sm_state;    /* splitmix64 state: sr-ideal words and --prng ext bits */
    uint64_t advances;    /* esru_prng_advance calls so far */
    uint64_t ext[ESRU_MAX_LANES]; /* --prng ext: this cycle's external bits */
    /* Short periods (8/3 kinds): the bank's values for table_cycles cycles
     * from reset (a whole number of periods), read instead of stepping. */
    uint32_t period, table_cycles; /* 0: no table */
    uint32_t table[QUANT_TABLE_MAX];
} quant_bank;

/* Bank seeded with `seed` (nonzero); everything else from cfg. ideal: round
 * with esru_round_ideal (64-bit splitmix64 words) instead of cfg's unit. */
void quant_bank_init(quant_bank *b, const esru_config *cfg, uint64_t seed, int ideal);
/* Back to the state right after init. */
void quant_bank_reset(quant_bank *b);

/* THE LANE RULE. Round the n values x[i] (row-major order of the tensor) by
 * 2^d to ow-bit signed integers y[i]. Element i is rounded by lane i % L at
 * cycle i / L; after every group of L elements, and after a final partial
 * group, the bank advances exactly once. d < 0 means an exact left shift
 * (then the lane still takes its slot). Returns the number of saturations. */
uint64_t quant_stream(quant_bank *b, const int64_t *x, size_t n, int d, unsigned ow, int32_t *y);

/* The lane rule on transformed streams, in one pass (the same rounding and
 * bank steps as quant_stream on the transformed values):
 * requantization of fx_mask(x, i, relu, keep) (model/backend.h); */
uint64_t quant_requant(quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep, int d,
                       unsigned ow, int32_t *y);
/* the weight update w[i] = saturate(w[i] + round(-g[i]) to gw bits, ww bits),
 * adding the saturations of the rounding and of the sum to *ovf_grad and
 * *ovf_weight; */
void quant_update(quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                  uint64_t *ovf_grad, uint64_t *ovf_weight);
/* and int32 values to int8 (ow <= 8): the narrow form of an SRU array. */
uint64_t quant_stream_i8(quant_bank *b, const int32_t *x, size_t n, int d, unsigned ow, int8_t *y);

/* Test hook: which fast ways of producing the random values are allowed:
 * a table of one period, the lane maps, the kind's block generator
 * (esru_kind.run). Without any, the bank steps cycle by cycle through the
 * kind's value(). */
enum { QUANT_FAST_TABLE = 1, QUANT_FAST_MAPS = 2, QUANT_FAST_BLOCKS = 4, QUANT_FAST_ALL = 7 };
extern int quant_fast_paths;

/* Dynamic per-tensor scale: the smallest shift d >= 0 with
 * max|x| < 2^(width-1) * 2^d, i.e. max(0, bitlen(max|x|) - (width-1)). */
int quant_dyn_shift(const int64_t *x, size_t n, unsigned width);

/* Entry of float values into the integer domain: x[i] = (int64) (v[i] * 2^-e)
 * (C conversion, truncation toward zero) with e chosen so max|v| * 2^-e lies
 * in [2^29, 2^30): 30 significant bits. Returns e (0 if all v are zero). */
int quant_from_float(const float *v, size_t n, int64_t *x);

#endif
