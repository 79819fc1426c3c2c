/* Cycle model of the generated SRU top module: PRNG bank + lanes + output
 * registers. What the RTL does on one rising clock edge, esru_unit_clock does. */
#ifndef ESRU_UNIT_H
#define ESRU_UNIT_H
#include "model/config.h"
#include "model/prng.h"

typedef struct {
    esru_config cfg;
    esru_prng prng;
    int64_t y[ESRU_MAX_LANES]; /* the output registers */
    /* --pipeline P: stage k (1..P) holds the results rounded k edges ago
     * (valid when that edge had en high). Rounding happens at the input edge,
     * with that edge's random word, so P only delays the results. */
    int valid[ESRU_MAX_PIPELINE + 1];
    int64_t stage[ESRU_MAX_PIPELINE + 1][ESRU_MAX_LANES];
} esru_unit;

void esru_unit_init(esru_unit *u, const esru_config *cfg);
/* The random word lane `lane` uses this cycle. */
uint64_t esru_unit_random_word(const esru_unit *u, unsigned lane, const uint64_t *ext);
/* One rising edge. rst: y <= 0, PRNG reloads its seed, pipeline emptied.
 * en: every lane rounds x[lane] and the PRNG advances; the result reaches
 * y[lane] on this edge (P = 0) or P edges later (--pipeline P). ext: per-lane random bits
 * (only for --prng ext; may be NULL otherwise). */
void esru_unit_clock(esru_unit *u, int rst, int en, const int64_t *x, const uint64_t *ext);

#endif
