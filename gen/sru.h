/* The rounding rule of one SRU lane: the one C model of sr, rne and trunc.
 * See docs/numerics.md for the exact definitions. */
#ifndef ESRU_SRU_H
#define ESRU_SRU_H
#include "config.h"
#include <stdint.h>

/* floor(x / 2^d): arithmetic shift of a signed value. */
static inline int64_t esru_floor_shift(int64_t x, unsigned d)
{
    return d == 0 ? x : (x >> d); /* gcc/clang: >> on negative is arithmetic */
}

/* The top n discarded bits (x mod 2^d), left-aligned and zero-padded when d < n. */
uint64_t esru_discarded_top(int64_t x, unsigned d, unsigned n);

/* The n-bit random word: the m random bits, then the fill in the n-m low bits
 * (zero, or a half step: a 1 followed by zeros). */
uint64_t esru_random_word(uint64_t r, unsigned n, unsigned m, esru_fill fill);

/* The sr carry: 1 iff top + rword >= 2^n. */
static inline unsigned esru_sr_carry(uint64_t top, uint64_t rword, unsigned n)
{
    return ((top + rword) >> n) & 1u;
}

/* Saturate to a signed width. */
int64_t esru_saturate(int64_t v, unsigned width, int *overflowed);

/* One rounding: y = saturate(floor(x/2^d) + up, ow). rword is the n-bit
 * random word (ignored by rne and trunc). For ROUND_SR_IDEAL, rword is a
 * uniform 64-bit number and n is ignored: the exact d-bit SR reference. */
int64_t esru_round(int64_t x, unsigned d, unsigned ow, esru_rounding rounding, unsigned n, uint64_t rword,
                   int *overflowed);

#endif
