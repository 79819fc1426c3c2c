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
} esru_unit;

void esru_unit_init(esru_unit *u, const esru_config *cfg);
/* The random word lane `lane` uses this cycle. */
uint64_t esru_unit_random_word(const esru_unit *u, unsigned lane, const uint64_t *ext);
/* One rising edge. rst: y <= 0, PRNG reloads its seed. en: every lane rounds
 * x[lane] into y[lane] and the PRNG advances. ext: per-lane random bits
 * (only for --prng ext; may be NULL otherwise). */
void esru_unit_clock(esru_unit *u, int rst, int en, const int64_t *x, const uint64_t *ext);

#endif
