/* How often each M-bit random value occurs over one PRNG period, in the
 * closed form every PRNG kind has: each value `base` times, except a few
 * values (an LFSR's missing zero, an inverted LFSR's missing all-ones). */
#ifndef ESRU_HIST_H
#define ESRU_HIST_H
#include <stdint.h>

#define ESRU_HIST_MAX_EXC 4

typedef struct {
    unsigned m;    /* values 0..2^m-1 */
    uint64_t base; /* every value occurs base times... */
    unsigned nexc; /* ...except these, which occur base + delta times */
    uint64_t val[ESRU_HIST_MAX_EXC];
    int64_t delta[ESRU_HIST_MAX_EXC];
} esru_hist;

static inline void esru_hist_init(esru_hist *h, unsigned m, uint64_t base)
{
    h->m = m;
    h->base = base;
    h->nexc = 0;
}

/* Count of value v changes by d (merged with an existing exception). */
void esru_hist_except(esru_hist *h, uint64_t v, int64_t d);
/* h += o (same m). */
void esru_hist_add(esru_hist *h, const esru_hist *o);
uint64_t esru_hist_count(const esru_hist *h, uint64_t v);
/* Sum of counts of values >= r (r may be 2^m: 0), as a long double. */
long double esru_hist_suffix(const esru_hist *h, uint64_t r);
/* Sum of v * count(v). */
long double esru_hist_moment(const esru_hist *h);

#endif
