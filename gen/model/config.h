/* The design configuration shared by esrugen, esrutrain and the testbenches. */
#ifndef ESRU_CONFIG_H
#define ESRU_CONFIG_H
#include <stddef.h>
#include <stdint.h>

#define ESRU_MAX_LANES 256
#define ESRU_MAX_IW 64
#define ESRU_MAX_N 32
#define ESRU_NAME_MAX 64

/* What hardware can do. (The trainer's exact-SR reference, sr-ideal, is not a
 * unit: it lives in the trainer's settings, see model/quant.h.) */
typedef enum { ROUND_SR, ROUND_RNE, ROUND_TRUNC, ROUND_COUNT } esru_rounding;
/* One value per row of the PRNG-kind table (gen/kinds/kinds.def). */
typedef enum {
#define ESRU_KIND(E, sym) PRNG_##E,
#include "kinds/kinds.def"
#undef ESRU_KIND
    PRNG_COUNT
} esru_prng_kind;
typedef enum { FILL_ZERO, FILL_HALF, FILL_COUNT } esru_fill;

typedef struct {
    unsigned in_width;   /* IW: signed input width */
    unsigned out_width;  /* OW: signed, saturating output width */
    unsigned shift;      /* D: LSBs discarded */
    esru_rounding rounding;
    unsigned sru_width;  /* N: width of the rounding adder */
    unsigned prng_width; /* M: random bits, 1..N */
    esru_fill fill;
    esru_prng_kind prng;
    unsigned lanes;      /* L */
    unsigned state_width; /* W of a kind with a configurable state (shared); 0: the kind's default */
    uint64_t seed;
    unsigned pipeline;   /* P: register stages inside the lanes (0..2); latency 1 + P cycles */
    unsigned prng_reg;   /* shared: 1 registers each lane's random bits (the same values every cycle) */
    char name[ESRU_NAME_MAX];
} esru_config;

#define ESRU_MAX_PIPELINE 2

void esru_config_default(esru_config *cfg);

/* 0 if valid; otherwise writes a message naming the bad value and the valid
 * range into err. */
int esru_config_check(const esru_config *cfg, char *err, size_t errlen);

const char *esru_rounding_name(esru_rounding r);
const char *esru_prng_name(esru_prng_kind k);
const char *esru_fill_name(esru_fill f);
int esru_parse_rounding(const char *s, esru_rounding *out);
int esru_parse_prng(const char *s, esru_prng_kind *out);
int esru_parse_fill(const char *s, esru_fill *out);

/* Width of the LFSR(s) a configuration instantiates, and how many. */
unsigned esru_lfsr_width_of(const esru_config *cfg);
unsigned esru_lfsr_count_of(const esru_config *cfg);
/* The state width W a kind uses (its default rule when cfg->state_width is
 * 0), or 0 for kinds without one. */
unsigned esru_state_width_of(const esru_config *cfg);
/* Random bits come from a port (--prng ext with sr): the unit has `rnd`. */
int esru_config_has_rnd(const esru_config *cfg);

/* The seed of PRNG bank number `index` of a design whose user seed is `seed`:
 * seed + index, where a wrap to 0 becomes 1 (LFSR seeds must be nonzero).
 * MAC array: requantization bank 0, weight-update bank 1; trainer: also the
 * evaluation bank 2. */
uint64_t esru_bank_seed(uint64_t seed, unsigned index);

/* Canonical one-line text of the config ("iw=32 ow=8 ..."), and its hash
 * (FNV-1a 64 over that text and the generator version). */
void esru_config_canonical(const esru_config *cfg, char *buf, size_t len);
uint64_t esru_config_hash(const esru_config *cfg);
uint64_t esru_fnv1a64(const void *data, size_t len, uint64_t h);
#define ESRU_FNV_INIT UINT64_C(0xcbf29ce484222325)

#endif
