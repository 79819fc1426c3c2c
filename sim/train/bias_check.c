#include "bias_check.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The unit a bank's roundings are analysed as: the bank's SRU, inputs with
 * more fraction bits than its adder sees (D >= N), 8-bit outputs. */
static esru_config unit_of(const esru_config *bank)
{
    esru_config c = *bank;
    c.shift = bank->sru_width;
    c.in_width = c.shift + 8 < 40 ? 40 : c.shift + 8;
    c.out_width = 8;
    return c;
}

int bias_check_run(const mlp_params *p, bias_check *out)
{
    memset(out, 0, sizeof *out);
    out->bank[0].bank = "requantization";
    out->bank[1].bank = "weight update";
    if (!p->fixed || p->sr_ideal || p->sru.rounding != ROUND_SR) {
        for (int i = 0; i < 2; i++)
            snprintf(out->bank[i].why, sizeof out->bank[i].why, "%s: no PRNG",
                     !p->fixed ? "fp32" : p->sr_ideal ? "sr-ideal" : esru_rounding_name(p->sru.rounding));
        return 0;
    }
    static mlp m;
    if (mlp_init(&m, p) != 0)
        return -1;
    size_t px = p->nconv ? (size_t)p->in_rows * p->in_cols : p->size[0], B = p->batch;
    uint8_t *img = calloc(B * px, 1), *lab = calloc(B, 1);
    if (!img || !lab)
        abort();
    unsigned correct = 0;
    uint64_t ovf[OVF_N] = {0};
    mlp_fixed_step(&m, img, lab, B, &correct, ovf);
    out->bank[0].advances = m.rq.advances;
    out->bank[1].advances = m.wq.advances;
    free(img);
    free(lab);
    mlp_free(&m);
    for (int i = 0; i < 2; i++) {
        bank_bias *b = &out->bank[i];
        esru_config c = unit_of(&p->sru);
        if (b->advances == 0) {
            snprintf(b->why, sizeof b->why, "no roundings per step");
            continue;
        }
        if (esru_analyze_stride(&c, b->advances, &b->s, b->why, sizeof b->why) != 0) {
            b->declined = 1;
            continue;
        }
        b->analysed = 1;
        if (fabs(b->s.worst) >= BIAS_WARN_LSB)
            out->warn = 1;
    }
    return 0;
}

void bias_check_print(const bias_check *b, const char *tool, FILE *info, FILE *warn)
{
    for (int i = 0; i < 2; i++) {
        const bank_bias *k = &b->bank[i];
        if (!k->analysed) {
            if (info)
                fprintf(info, "bias check: %s bank: %s\n", k->bank, k->why);
            continue;
        }
        if (info)
            fprintf(info,
                    "bias check: %s bank: K = %llu advances per step, period %llu, each element sees %llu state%s: "
                    "worst element mean bias %+.3g LSB\n",
                    k->bank, (unsigned long long)k->advances, (unsigned long long)k->s.period,
                    (unsigned long long)k->s.orbit, k->s.orbit == 1 ? "" : "s", k->s.worst);
        /* One sign on every element (zero fill) cost LeNet far more than
         * biases of both signs between elements (plateau's phase classes):
         * the warning says which (docs/training.md, LeNet's matrix). */
        double other = k->s.worst > 0 ? -k->s.lo : k->s.hi; /* the most any element leans the other way */
        if (warn && fabs(k->s.worst) >= BIAS_WARN_LSB)
            fprintf(warn,
                    "%s: warning: %s bank: every step advances it K = %llu times, so an element meets its lane "
                    "every %llu advances and its worst element is biased by %+.4g LSB (|bias| >= 1/64), %s "
                    "(elements from %+.4g to %+.4g LSB): training may drift or collapse (docs/training.md, "
                    "'per-element bias')\n",
                    tool, k->bank, (unsigned long long)k->advances, (unsigned long long)k->advances, k->s.worst,
                    other >= BIAS_WARN_LSB ? "others the other way" : "none the other way by 1/64 or more",
                    k->s.lo, k->s.hi);
    }
}

void bias_check_json(const bias_check *b, FILE *f)
{
    fprintf(f, "  \"bias_check\": [");
    for (int i = 0; i < 2; i++) {
        const bank_bias *k = &b->bank[i];
        fprintf(f, "%s\n    {\"bank\": \"%s\", ", i ? "," : "", k->bank);
        if (k->analysed)
            fprintf(f, "\"advances_per_step\": %llu, \"period\": %llu, \"orbit\": %llu, "
                       "\"worst_element_mean_bias\": %.10g, \"min_element_mean_bias\": %.10g, "
                       "\"max_element_mean_bias\": %.10g}",
                    (unsigned long long)k->advances, (unsigned long long)k->s.period,
                    (unsigned long long)k->s.orbit, k->s.worst, k->s.lo, k->s.hi);
        else
            fprintf(f, "\"worst_element_mean_bias\": null, \"declined\": %s, \"note\": \"%s\"}",
                    k->declined ? "true" : "false", k->why);
    }
    fprintf(f, "\n  ],\n");
}
