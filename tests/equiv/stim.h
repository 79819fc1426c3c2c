/* Random stimulus for the RTL-equals-model tests: per-cycle rst, en, x lanes
 * and ext random bits. Deterministic for a given seed; shared by the
 * Verilator harness and the Icarus vector writer. */
#ifndef EQ_STIM_H
#define EQ_STIM_H
#include "model/config.h"
#include <stdint.h>

typedef struct {
    uint64_t s;
} eq_rng;

void eq_rng_seed(eq_rng *r, uint64_t seed);
uint64_t eq_rng_next(eq_rng *r);
/* Uniform on 0..n-1 (n > 0; tiny modulo bias is irrelevant here). */
uint64_t eq_rng_below(eq_rng *r, uint64_t n);

/* v's low `width` bits, sign-extended. */
int64_t eq_sext(uint64_t v, unsigned width);
uint64_t eq_mask(unsigned width);

/* One cycle of stimulus for cfg. en is high ~70 % of cycles, rst ~1 %
 * (sometimes held a few cycles). x: one IW-bit signed value per lane, drawn
 * from classes: full range, kept part inside the output range, near the
 * saturation bounds, sign extremes, structured discarded bits (ties, half +-
 * 1, all ones) and small magnitude. rnd: M random bits per lane (always filled). */
typedef struct {
    int rst, en;
    int rst_hold; /* cycles of rst still to come */
    int64_t x[ESRU_MAX_LANES];
    uint64_t rnd[ESRU_MAX_LANES];
} eq_cycle;

void eq_stim_cycle(eq_rng *r, const esru_config *cfg, eq_cycle *c);
int64_t eq_stim_x(eq_rng *r, const esru_config *cfg);

#endif
