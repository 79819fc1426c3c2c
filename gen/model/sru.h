/* The rounding rule of one SRU lane: the one C model of sr, rne and trunc.
 * See docs/numerics.md for the exact definitions. */
#ifndef ESRU_SRU_H
#define ESRU_SRU_H
#include "model/config.h"
#include "model/lfsr.h"
#include <stdint.h>

/* floor(x / 2^d): arithmetic shift of a signed value. */
static inline int64_t esru_floor_shift(int64_t x, unsigned d)
{
    return d == 0 ? x : (x >> d); /* gcc/clang: >> on negative is arithmetic */
}



/* The sr carry: 1 iff top + rword >= 2^n. */
static inline unsigned esru_sr_carry(uint64_t top, uint64_t rword, unsigned n)
{
    return ((top + rword) >> n) & 1u;
}



/* The model lives in this header as static inline functions: the trainer
 * calls it for every element, so it must inline into the hot loops. */

/* The top n discarded bits (x mod 2^d), left-aligned and zero-padded when d < n. */
static inline uint64_t esru_discarded_top(int64_t x, unsigned d, unsigned n)
{
    if (d == 0)
        return 0;
    uint64_t low = (uint64_t)x & esru_width_mask(d);
    return d >= n ? low >> (d - n) : low << (n - d);
}

/* The n-bit random word: the m random bits, then the fill in the n-m low bits
 * (zero, or a half step: a 1 followed by zeros). */
static inline uint64_t esru_random_word(uint64_t r, unsigned n, unsigned m, esru_fill fill)
{
    uint64_t w = (r & esru_width_mask(m)) << (n - m);
    if (fill == FILL_HALF && n > m)
        w |= UINT64_C(1) << (n - m - 1);
    return w;
}

/* Saturate to a signed width. */
static inline int64_t esru_saturate(int64_t v, unsigned width, int *overflowed)
{
    int64_t hi = width >= 64 ? INT64_MAX : (INT64_C(1) << (width - 1)) - 1;
    int64_t lo = -hi - 1;
    int ovf = v > hi || v < lo;
    if (overflowed)
        *overflowed = ovf;
    return v > hi ? hi : v < lo ? lo : v;
}

/* Round half to even on all d discarded bits. */
static inline unsigned esru_rne_up(int64_t x, unsigned d)
{
    if (d == 0)
        return 0;
    uint64_t low = (uint64_t)x & esru_width_mask(d);
    uint64_t half = UINT64_C(1) << (d - 1);
    unsigned q_odd = (unsigned)(esru_floor_shift(x, d) & 1);
    return (low > half) | ((low == half) & q_odd); /* no branches: loops over it vectorize */
}

/* One rounding: y = saturate(floor(x/2^d) + up, ow). rword is the n-bit
 * random word (ignored by rne and trunc). */
static inline int64_t esru_round(int64_t x, unsigned d, unsigned ow, esru_rounding rounding, unsigned n,
                                  uint64_t rword, int *overflowed)
{
    unsigned up = 0;
    switch (rounding) {
    case ROUND_SR:
        up = esru_sr_carry(esru_discarded_top(x, d, n), rword, n);
        break;
    case ROUND_RNE:
        up = esru_rne_up(x, d);
        break;
    default:
        break;
    }
    int64_t q = esru_floor_shift(x, d);
    /* d == 0 implies up == 0, so q + up cannot overflow int64. */
    return esru_saturate(q + (int64_t)up, ow, overflowed);
}

/* The exact SR reference of the trainer (sr-ideal; not a unit): all d
 * discarded bits against the top d bits of a uniform 64-bit number r64. */
static inline int64_t esru_round_ideal(int64_t x, unsigned d, unsigned ow, uint64_t r64, int *overflowed)
{
    unsigned up = 0;
    if (d > 0)
        up = esru_sr_carry(esru_discarded_top(x, d, d), d >= 64 ? r64 : r64 >> (64 - d), d);
    return esru_saturate(esru_floor_shift(x, d) + (int64_t)up, ow, overflowed);
}

#endif
