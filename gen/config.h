/* The design configuration shared by esrugen, esrutrain and the testbenches. */
#ifndef ESRU_CONFIG_H
#define ESRU_CONFIG_H
#include <stddef.h>
#include <stdint.h>

#define ESRU_MAX_LANES 256
#define ESRU_MAX_IW 64
#define ESRU_MAX_N 32
#define ESRU_NAME_MAX 64

typedef enum { ROUND_SR, ROUND_RNE, ROUND_TRUNC, ROUND_SR_IDEAL } esru_rounding;
typedef enum { PRNG_LFSR, PRNG_LFSR_INV, PRNG_PLATEAU, PRNG_PAIR, PRNG_SLICED, PRNG_EXT } esru_prng_kind;
typedef enum { FILL_ZERO, FILL_HALF } esru_fill;

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
    uint64_t seed;
    char name[ESRU_NAME_MAX];
} esru_config;

void esru_config_default(esru_config *cfg);

/* 0 if valid; otherwise writes a message naming the bad value and the valid
 * range into err. allow_ideal: accept ROUND_SR_IDEAL (trainer only). */
int esru_config_check(const esru_config *cfg, int allow_ideal, char *err, size_t errlen);

const char *esru_rounding_name(esru_rounding r);
const char *esru_prng_name(esru_prng_kind k);
const char *esru_fill_name(esru_fill f);
int esru_parse_rounding(const char *s, esru_rounding *out);
int esru_parse_prng(const char *s, esru_prng_kind *out);
int esru_parse_fill(const char *s, esru_fill *out);

/* Width of the LFSR(s) a configuration instantiates, and how many. */
unsigned esru_lfsr_width_of(const esru_config *cfg);
unsigned esru_lfsr_count_of(const esru_config *cfg);

/* Canonical one-line text of the config ("iw=32 ow=8 ..."), and its hash
 * (FNV-1a 64 over that text and the generator version). */
void esru_config_canonical(const esru_config *cfg, char *buf, size_t len);
uint64_t esru_config_hash(const esru_config *cfg);
uint64_t esru_fnv1a64(const void *data, size_t len, uint64_t h);
#define ESRU_FNV_INIT UINT64_C(0xcbf29ce484222325)

#endif
