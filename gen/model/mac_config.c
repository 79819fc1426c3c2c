#include "model/mac_config.h"
#include "version.h"
#include <stdio.h>
#include <string.h>

void esru_mac_config_default(esru_mac_config *m)
{
    memset(m, 0, sizeof *m);
    esru_config_default(&m->sru);
    m->rows = m->cols = 8;
    m->sru.lanes = 8;
    snprintf(m->sru.name, sizeof m->sru.name, "mac");
    m->operand_width = 8;
    m->acc_width = 32;
    m->act_width = 8;
    m->weight_width = 8;
    m->grad_width = 8;
}

void esru_mac_requant_cfg(const esru_mac_config *m, esru_config *out)
{
    *out = m->sru;
    out->in_width = m->acc_width;
    out->out_width = m->act_width;
    out->shift = 0; /* runtime */
}

void esru_mac_update_cfg(const esru_mac_config *m, esru_config *out)
{
    *out = m->sru;
    out->in_width = m->acc_width + 1; /* -g */
    out->out_width = m->grad_width;
    out->shift = 0;
    out->seed = esru_bank_seed(m->sru.seed, 1);
}

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            snprintf(err, len, __VA_ARGS__);                                                                           \
            return -1;                                                                                                 \
        }                                                                                                              \
    } while (0)

int esru_mac_config_check(const esru_mac_config *m, char *err, size_t len)
{
    CHECK(m->rows >= 1 && m->rows <= ESRU_MAC_MAX_DIM && m->cols >= 1 && m->cols <= ESRU_MAC_MAX_DIM,
          "--array %ux%u is out of range (valid: 1x1..%ux%u)", m->rows, m->cols, ESRU_MAC_MAX_DIM, ESRU_MAC_MAX_DIM);
    CHECK(m->operand_width >= 2 && m->operand_width <= 24, "--operand-width %u is out of range (valid: 2..24)",
          m->operand_width);
    CHECK(m->acc_width >= 2 * m->operand_width && m->acc_width <= 62,
          "--acc-width %u is out of range (valid: %u..62, at least twice --operand-width)", m->acc_width,
          2 * m->operand_width);
    CHECK(m->act_width >= 2 && m->act_width <= m->operand_width,
          "--act-width %u is out of range (valid: 2..%u, at most --operand-width)", m->act_width, m->operand_width);
    CHECK(m->weight_width >= 2 && m->weight_width <= m->operand_width,
          "--weight-width %u is out of range (valid: 2..%u, at most --operand-width)", m->weight_width,
          m->operand_width);
    CHECK(m->grad_width >= 2 && m->grad_width <= 24, "--grad-width %u is out of range (valid: 2..24)", m->grad_width);
    esru_config c;
    esru_mac_requant_cfg(m, &c);
    return esru_config_check(&c, err, len);
}

void esru_mac_canonical(const esru_mac_config *m, char *buf, size_t len)
{
    const esru_config *c = &m->sru;
    int n = snprintf(buf, len,
             "array=%ux%u operand-width=%u acc-width=%u act-width=%u weight-width=%u grad-width=%u rounding=%s "
             "sru-width=%u prng-width=%u fill=%s prng=%s lanes=%u seed=%llu name=%s",
             m->rows, m->cols, m->operand_width, m->acc_width, m->act_width, m->weight_width, m->grad_width,
             esru_rounding_name(c->rounding), c->sru_width, c->prng_width, esru_fill_name(c->fill),
             esru_prng_name(c->prng), c->lanes, (unsigned long long)c->seed, c->name);
    unsigned w = esru_state_width_of(c);
    if (w && n > 0 && (size_t)n < len)
        n += snprintf(buf + n, len - (size_t)n, " prng-state-width=%u", w);
    if (c->pipeline && n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, " pipeline=%u", c->pipeline);
}

uint64_t esru_mac_hash(const esru_mac_config *m)
{
    char buf[768];
    esru_mac_canonical(m, buf, sizeof buf);
    uint64_t h = esru_fnv1a64(ESRU_VERSION, strlen(ESRU_VERSION), ESRU_FNV_INIT);
    return esru_fnv1a64(buf, strlen(buf), h);
}
