#include "model/unit.h"
#include "model/sru.h"
#include <string.h>

void esru_unit_init(esru_unit *u, const esru_config *cfg)
{
    memset(u, 0, sizeof *u);
    u->cfg = *cfg;
    esru_prng_init(&u->prng, cfg);
}

uint64_t esru_unit_random_word(const esru_unit *u, unsigned lane, const uint64_t *ext)
{
    const esru_config *c = &u->cfg;
    return esru_random_word(esru_prng_value(&u->prng, lane, ext), c->sru_width, c->prng_width, c->fill);
}

void esru_unit_clock(esru_unit *u, int rst, int en, const int64_t *x, const uint64_t *ext)
{
    const esru_config *c = &u->cfg;
    const unsigned P = c->pipeline;
    if (rst) {
        memset(u->y, 0, sizeof u->y);
        memset(u->valid, 0, sizeof u->valid);
        esru_prng_reset(&u->prng);
        return;
    }
    /* the last stage's results (P = 0: this edge's) land in y on this edge */
    if (P && u->valid[P])
        memcpy(u->y, u->stage[P], sizeof u->y);
    for (unsigned k = P; k > 1; k--) {
        u->valid[k] = u->valid[k - 1];
        memcpy(u->stage[k], u->stage[k - 1], sizeof u->stage[k]);
    }
    if (P)
        u->valid[1] = en;
    if (!en)
        return;
    int64_t *dst = P ? u->stage[1] : u->y;
    /* Only sr consumes random bits: rne/trunc units have no rnd port, so ext may be NULL. */
    for (unsigned l = 0; l < c->lanes; l++) {
        uint64_t w = c->rounding == ROUND_SR ? esru_unit_random_word(u, l, ext) : 0;
        dst[l] = esru_round(x[l], c->shift, c->out_width, c->rounding, c->sru_width, w, NULL);
    }
    esru_prng_advance(&u->prng);
}
