/* The kind table (kinds.def) and what every kind shares. */
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include <stdio.h>
#include <string.h>

static const esru_kind *const table[PRNG_COUNT] = {
#define ESRU_KIND(E, sym) [PRNG_##E] = &esru_kind_##sym,
#include "kinds/kinds.def"
#undef ESRU_KIND
};

const esru_kind *esru_kind_of(esru_prng_kind k)
{
    return (unsigned)k < PRNG_COUNT ? table[k] : NULL;
}

const esru_kind *esru_kind_named(const char *name, esru_prng_kind *id)
{
    for (unsigned k = 0; k < PRNG_COUNT; k++)
        if (strcmp(name, table[k]->name) == 0) {
            if (id)
                *id = (esru_prng_kind)k;
            return table[k];
        }
    return NULL;
}

void esru_kind_names(const char *sep, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = 0;
    for (unsigned k = 0; k < PRNG_COUNT && n < len; k++)
        n += (size_t)snprintf(buf + n, len - n, "%s%s", k ? sep : "", table[k]->name);
}

uint64_t esru_kind_lfsr_period(const esru_prng *p)
{
    return esru_width_mask(p->width); /* 2^W - 1 (W = 64: 2^64 - 1) */
}

void esru_kind_window_hist(unsigned w, unsigned m, esru_hist *h)
{
    h->base += w > m ? UINT64_C(1) << (w - m) : 1;
    esru_hist_except(h, 0, -1);
}

unsigned esru_kind_one_type(unsigned lane) { (void)lane; return 0; }
unsigned esru_kind_per_lane_width(const esru_config *c) { return c->prng_width; }
unsigned esru_kind_per_lane_count(const esru_config *c) { return c->lanes; }
unsigned esru_kind_parity_type(unsigned lane) { return lane & 1u; }

void esru_kind_emit_word(const char *pfx, unsigned lane, unsigned m, const char *expr, strbuf *b)
{
    sb_printf(b, "    wire [%u:0] %sr%u = %s;\n", m - 1, pfx, lane, expr);
}
