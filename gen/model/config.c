#include "model/config.h"
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/names.h"
#include "version.h"
#include <stdio.h>
#include <string.h>

/* The defaults are the cheapest design that trains as well as 24/24 at every
 * lane count of the robustness matrix (docs/training.md): 8/3, one shared
 * Mersenne-period LFSR per bank, half fill. */
void esru_config_default(esru_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->in_width = 32;
    cfg->out_width = 8;
    cfg->shift = 16;
    cfg->rounding = ROUND_SR;
    cfg->sru_width = 8;
    cfg->prng_width = 3;
    cfg->fill = FILL_HALF;
    cfg->prng = PRNG_SHARED;
    cfg->lanes = 1;
    cfg->seed = 1;
    snprintf(cfg->name, sizeof cfg->name, "esru");
}

static const char *const rounding_names[ROUND_COUNT] = {"sr", "rne", "trunc"};
static const char *const fill_names[FILL_COUNT] = {"zero", "half"};

const char *esru_rounding_name(esru_rounding r) { return rounding_names[r]; }
const char *esru_prng_name(esru_prng_kind k) { return esru_kind_of(k)->name; }
const char *esru_fill_name(esru_fill f) { return fill_names[f]; }

static int lookup(const char *s, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

int esru_parse_rounding(const char *s, esru_rounding *out)
{
    int i = lookup(s, rounding_names, ROUND_COUNT);
    if (i < 0) return -1;
    *out = (esru_rounding)i;
    return 0;
}

int esru_parse_prng(const char *s, esru_prng_kind *out)
{
    return esru_kind_named(s, out) ? 0 : -1;
}

int esru_parse_fill(const char *s, esru_fill *out)
{
    int i = lookup(s, fill_names, FILL_COUNT);
    if (i < 0) return -1;
    *out = (esru_fill)i;
    return 0;
}

unsigned esru_lfsr_width_of(const esru_config *cfg)
{
    return esru_kind_of(cfg->prng)->lfsr_width(cfg);
}

unsigned esru_lfsr_count_of(const esru_config *cfg)
{
    return esru_kind_of(cfg->prng)->lfsr_count(cfg);
}

unsigned esru_state_width_of(const esru_config *cfg)
{
    const esru_kind *k = esru_kind_of(cfg->prng);
    return k->state_width ? k->state_width(cfg) : 0;
}

int esru_config_has_rnd(const esru_config *cfg)
{
    return cfg->rounding == ROUND_SR && esru_kind_of(cfg->prng)->external;
}

uint64_t esru_bank_seed(uint64_t seed, unsigned index)
{
    uint64_t s = seed + index;
    return s ? s : 1;
}

static int fail(char *err, size_t len, const char *fmt, unsigned long long v, unsigned long long lo,
                unsigned long long hi)
{
    snprintf(err, len, fmt, v, lo, hi);
    return -1;
}

int esru_config_check(const esru_config *c, char *err, size_t len)
{
    if (c->in_width < 2 || c->in_width > ESRU_MAX_IW)
        return fail(err, len, "--in-width %llu is out of range (valid: %llu..%llu)", c->in_width, 2, ESRU_MAX_IW);
    if (c->out_width < 2 || c->out_width > c->in_width)
        return fail(err, len, "--out-width %llu is out of range (valid: %llu..%llu, at most --in-width)",
                    c->out_width, 2, c->in_width);
    if (c->shift > c->in_width - 1)
        return fail(err, len, "--shift %llu is out of range (valid: %llu..%llu, below --in-width)", c->shift, 0,
                    c->in_width - 1);
    if ((unsigned)c->rounding >= ROUND_COUNT || (unsigned)c->prng >= PRNG_COUNT || (unsigned)c->fill >= FILL_COUNT) {
        snprintf(err, len, "config holds an unknown rounding, PRNG kind or fill");
        return -1;
    }
    if (c->sru_width < 1 || c->sru_width > ESRU_MAX_N)
        return fail(err, len, "--sru-width %llu is out of range (valid: %llu..%llu)", c->sru_width, 1, ESRU_MAX_N);
    if (c->prng_width < 1 || c->prng_width > c->sru_width)
        return fail(err, len, "--prng-width %llu is out of range (valid: %llu..%llu, at most --sru-width)",
                    c->prng_width, 1, c->sru_width);
    if (c->lanes < 1 || c->lanes > ESRU_MAX_LANES)
        return fail(err, len, "--lanes %llu is out of range (valid: %llu..%llu)", c->lanes, 1, ESRU_MAX_LANES);
    const esru_kind *k = esru_kind_of(c->prng);
    if (c->state_width && !k->state_width) {
        snprintf(err, len, "--prng-state-width %u does not apply to --prng %s (valid: with --prng shared)",
                 c->state_width, k->name);
        return -1;
    }
    if (c->prng_reg > 1)
        return fail(err, len, "--prng-reg %llu is out of range (valid: %llu..%llu)", c->prng_reg, 0, 1);
    if (c->prng_reg && c->prng != PRNG_SHARED) {
        snprintf(err, len, "--prng-reg 1 does not apply to --prng %s (valid: with --prng shared)", k->name);
        return -1;
    }
    if (k->check && k->check(c, err, len) != 0)
        return -1;
    if (c->seed == 0) {
        snprintf(err, len, "--seed 0 is invalid: it would load the LFSR lock-up state (valid: 1..2^64-1)");
        return -1;
    }
    return esru_name_check(c->name, sizeof c->name, err, len);
}

void esru_config_canonical(const esru_config *c, char *buf, size_t len)
{
    int n = snprintf(buf, len,
             "in-width=%u out-width=%u shift=%u rounding=%s sru-width=%u prng-width=%u fill=%s prng=%s lanes=%u "
             "seed=%llu name=%s",
             c->in_width, c->out_width, c->shift, esru_rounding_name(c->rounding), c->sru_width, c->prng_width,
             esru_fill_name(c->fill), esru_prng_name(c->prng), c->lanes, (unsigned long long)c->seed, c->name);
    /* Only kinds with a state width name it (the effective one), so every
     * other config keeps its text and hash. */
    unsigned w = esru_state_width_of(c);
    if (w && n > 0 && (size_t)n < len)
        n += snprintf(buf + n, len - (size_t)n, " prng-state-width=%u", w);
    /* Only pipelined units name P, so every P = 0 config keeps its text and hash. */
    if (c->pipeline && n > 0 && (size_t)n < len)
        n += snprintf(buf + n, len - (size_t)n, " pipeline=%u", c->pipeline);
    /* Likewise the registered random bits. */
    if (c->prng_reg && n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, " prng-reg=%u", c->prng_reg);
}

uint64_t esru_fnv1a64(const void *data, size_t len, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

uint64_t esru_config_hash(const esru_config *c)
{
    char buf[512];
    esru_config_canonical(c, buf, sizeof buf);
    uint64_t h = esru_fnv1a64(ESRU_VERSION, strlen(ESRU_VERSION), ESRU_FNV_INIT);
    return esru_fnv1a64(buf, strlen(buf), h);
}
