/* Configuration of a generated MAC array with its SRU lanes (esrugen mac). */
#ifndef ESRU_MAC_CONFIG_H
#define ESRU_MAC_CONFIG_H
#include "model/config.h"

#define ESRU_MAC_MAX_DIM 32
#define ESRU_MAC_SHIFT_BITS 6 /* runtime right shifts 0..63 */

typedef struct {
    esru_config sru;        /* rounding, N, M, fill, prng, lanes, seed, name of the SRU lanes */
    unsigned rows, cols;    /* R x C processing elements */
    unsigned operand_width; /* signed operands a, b */
    unsigned acc_width;     /* saturating accumulator */
    unsigned act_width;     /* requantized outputs (activations, errors) */
    unsigned weight_width;  /* weights updated by the update lanes */
    unsigned grad_width;    /* the rounded update before it is added to w */
} esru_mac_config;

void esru_mac_config_default(esru_mac_config *m);
int esru_mac_config_check(const esru_mac_config *m, char *err, size_t len);
/* The SRU configs of the two banks: requantization (seed S) and weight
 * update (seed S+1, 0 mapped to 1), each with the lanes' input/output widths. */
void esru_mac_requant_cfg(const esru_mac_config *m, esru_config *out);
void esru_mac_update_cfg(const esru_mac_config *m, esru_config *out);
void esru_mac_canonical(const esru_mac_config *m, char *buf, size_t len);
uint64_t esru_mac_hash(const esru_mac_config *m);

#endif
