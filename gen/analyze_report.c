/* Printing an esru_analysis as text or JSON. */
#include "analyze.h"
#include "manifest.h"
#include <stdio.h>

static void print_text(const esru_config *c, const esru_analysis *a)
{
    printf("esrugen analyze: %s %u/%u %s fill=%s lanes=%u, IW=%u OW=%u D=%u\n", esru_rounding_name(c->rounding),
           c->sru_width, c->prng_width, esru_prng_name(c->prng), esru_fill_name(c->fill), c->lanes, c->in_width,
           c->out_width, c->shift);
    printf("grid: fractions k/2^%u (the %u discarded bits the adder sees); bias in output LSBs\n", a->grid_bits,
           a->grid_bits);
    printf("enumerated: %llu enabled cycles (one full PRNG period), %llu draws over %u lane group(s)%s\n",
           (unsigned long long)a->period, (unsigned long long)a->draws, a->groups,
           c->prng == PRNG_EXT ? " [ext: ideal uniform source]" : "");
    if (a->values <= 64) {
        printf("random value distribution (all lanes%s):\n", c->prng == PRNG_PAIR ? ", pairs combined" : "");
        for (unsigned r = 0; r < a->values; r++)
            printf("  r=%-3u %12llu  %.6f\n", r, (unsigned long long)a->hist[r],
                   (double)a->hist[r] / (double)a->draws);
    }
    printf("mean random value: %.6f (ideal uniform: %.6f)\n", a->mean_value, (a->values - 1) / 2.0);
    printf("%-34s %14s %14s %10s\n", "", "this design", "uniform M-bit", "ideal SR");
    printf("%-34s %14.5e %14.5e %10.5f\n", "max |bias|, grid inputs", a->design.max_abs_bias,
           a->uniform.max_abs_bias, 0.0);
    printf("%-34s %+14.5e %+14.5e %10.5f\n", "mean bias, grid inputs", a->design.mean_bias, a->uniform.mean_bias,
           0.0);
    printf("%-34s %+14.5e %+14.5e %10.5f\n", "mean bias, unbounded inputs", a->design.mean_bias_unbounded,
           a->uniform.mean_bias_unbounded, 0.0);
    printf("%-34s %14.5e %14.5e %10.5f\n", "mean variance P(1-P)", a->design.mean_var, a->uniform.mean_var,
           a->design.mean_var_ideal);
    printf("PRNG-induced mean bias (design - uniform M-bit): %+.5e\n", a->design.mean_bias - a->uniform.mean_bias);
    printf("worst lane group mean bias: %+.5e (group %u)\n", a->worst_group_mean_bias, a->worst_group);
}

static void bias_json(const char *key, const esru_bias *b)
{
    printf("  \"%s\": {\"max_abs_bias\": %.10g, \"mean_bias\": %.10g, \"mean_bias_unbounded\": %.10g, "
           "\"mean_variance\": %.10g, \"mean_variance_ideal_sr\": %.10g}",
           key, b->max_abs_bias, b->mean_bias, b->mean_bias_unbounded, b->mean_var, b->mean_var_ideal);
}

static void print_json(const esru_config *c, const esru_analysis *a)
{
    strbuf cfg;
    sb_init(&cfg);
    esru_config_json(c, &cfg);
    printf("{\n  \"config\": %s,\n  \"config_hash\": \"%016llx\",\n", cfg.s,
           (unsigned long long)esru_config_hash(c));
    printf("  \"grid_bits\": %u,\n  \"period_cycles\": %llu,\n  \"draws\": %llu,\n", a->grid_bits,
           (unsigned long long)a->period, (unsigned long long)a->draws);
    printf("  \"mean_random_value\": %.10g,\n  \"ideal_mean_random_value\": %.10g,\n", a->mean_value,
           (a->values - 1) / 2.0);
    printf("  \"histogram\": [");
    for (unsigned r = 0; r < a->values && a->values <= 4096; r++)
        printf("%s%llu", r ? ", " : "", (unsigned long long)a->hist[r]);
    printf("],\n");
    bias_json("design", &a->design);
    printf(",\n");
    bias_json("uniform_source", &a->uniform);
    printf(",\n  \"prng_induced_mean_bias\": %.10g,\n", a->design.mean_bias - a->uniform.mean_bias);
    printf("  \"worst_group_mean_bias\": %.10g\n}\n", a->worst_group_mean_bias);
    sb_free(&cfg);
}

int esru_analyze_main(const esru_config *cfg, int json)
{
    esru_analysis a;
    char err[512];
    if (esru_analyze(cfg, &a, err, sizeof err) != 0) {
        fprintf(stderr, "esrugen: %s\n", err);
        return 2;
    }
    if (json)
        print_json(cfg, &a);
    else
        print_text(cfg, &a);
    esru_analysis_free(&a);
    return 0;
}
