/* Printing an esru_analysis as text or JSON (esrugen analyze). */
#include "io/manifest.h"
#include "kinds/kind.h"
#include "model/analyze.h"
#include <stdio.h>

static void print_strides(const esru_analysis *a)
{
    if (!a->nstride)
        return;
    printf("per element (an element meets its lane every K bank advances; unbounded inputs):\n");
    printf("  %12s %14s %10s %14s %14s %14s  %s\n", "K", "period", "orbit", "worst element", "min", "max", "method");
    for (unsigned i = 0; i < a->nstride; i++) {
        const esru_stride_bias *s = &a->stride[i];
        printf("  %12llu %14llu %10llu %+14.5e %+14.5e %+14.5e  %s (worst lane %u)\n", (unsigned long long)s->stride,
               (unsigned long long)s->period, (unsigned long long)s->orbit, s->worst, s->lo, s->hi, s->method,
               s->worst_lane);
    }
}

static void print_text(const esru_config *c, const esru_analysis *a)
{
    printf("esrugen analyze: %s %u/%u %s fill=%s lanes=%u, IW=%u OW=%u D=%u\n", esru_rounding_name(c->rounding),
           c->sru_width, c->prng_width, esru_prng_name(c->prng), esru_fill_name(c->fill), c->lanes, c->in_width,
           c->out_width, c->shift);
    printf("grid: fractions k/2^%u (the %u discarded bits the adder sees); bias in output LSBs\n", a->grid_bits,
           a->grid_bits);
    printf("period: %llu enabled cycles, %.0f draws over %u lane group(s)%s\n", (unsigned long long)a->period,
           a->draws, a->groups, esru_kind_of(c->prng)->external ? " [ext: ideal uniform source]" : "");
    if (a->hist && a->values <= 64) {
        printf("random value distribution (all lanes%s):\n", a->groups < c->lanes ? ", groups combined" : "");
        for (unsigned r = 0; r < a->values; r++)
            printf("  r=%-3u %12llu  %.6f\n", r, (unsigned long long)a->hist[r], (double)a->hist[r] / a->draws);
    }
    printf("mean random value: %.6f (ideal uniform: %.6f)\n", a->mean_value, ((double)a->values - 1) / 2.0);
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
    print_strides(a);
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
    printf("  \"grid_bits\": %u,\n  \"period_cycles\": %llu,\n  \"draws\": %.0f,\n", a->grid_bits,
           (unsigned long long)a->period, a->draws);
    printf("  \"mean_random_value\": %.10g,\n  \"ideal_mean_random_value\": %.10g,\n", a->mean_value,
           ((double)a->values - 1) / 2.0);
    printf("  \"histogram\": [");
    for (unsigned r = 0; a->hist && r < a->values && a->values <= 4096; r++)
        printf("%s%llu", r ? ", " : "", (unsigned long long)a->hist[r]);
    printf("],\n");
    bias_json("design", &a->design);
    printf(",\n");
    bias_json("uniform_source", &a->uniform);
    printf(",\n  \"prng_induced_mean_bias\": %.10g,\n", a->design.mean_bias - a->uniform.mean_bias);
    printf("  \"worst_group_mean_bias\": %.10g", a->worst_group_mean_bias);
    if (a->nstride) {
        /* The worst element over every stride asked for, then each stride. */
        const esru_stride_bias *w = &a->stride[0];
        for (unsigned i = 1; i < a->nstride; i++)
            if ((a->stride[i].worst < 0 ? -a->stride[i].worst : a->stride[i].worst) > (w->worst < 0 ? -w->worst : w->worst))
                w = &a->stride[i];
        printf(",\n  \"worst_element_mean_bias\": %.10g,\n  \"strides\": [", w->worst);
        for (unsigned i = 0; i < a->nstride; i++) {
            const esru_stride_bias *s = &a->stride[i];
            printf("%s\n    {\"stride\": %llu, \"period\": %llu, \"gcd\": %llu, \"orbit\": %llu, "
                   "\"worst_element_mean_bias\": %.10g, \"worst_element_mean_bias_grid\": %.10g, "
                   "\"min_element_mean_bias\": %.10g, \"max_element_mean_bias\": %.10g, \"worst_lane\": %u, "
                   "\"method\": \"%s\"}",
                   i ? "," : "", (unsigned long long)s->stride, (unsigned long long)s->period,
                   (unsigned long long)s->classes, (unsigned long long)s->orbit, s->worst, s->worst_grid, s->lo,
                   s->hi, s->worst_lane, s->method);
        }
        printf("\n  ]");
    }
    printf("\n}\n");
    sb_free(&cfg);
}

int esru_analyze_main(const esru_config *cfg, int json, const uint64_t *strides, unsigned nstrides)
{
    esru_analysis a;
    char err[512];
    if (esru_analyze(cfg, &a, err, sizeof err) != 0) {
        fprintf(stderr, "esrugen: %s\n", err);
        return 2;
    }
    for (unsigned i = 0; i < nstrides && i < ESRU_ANALYZE_MAX_STRIDES; i++) {
        if (esru_analyze_stride(cfg, strides[i], &a.stride[i], err, sizeof err) != 0) {
            fprintf(stderr, "esrugen: %s\n", err);
            esru_analysis_free(&a);
            return 2;
        }
        a.nstride = i + 1;
    }
    if (json)
        print_json(cfg, &a);
    else
        print_text(cfg, &a);
    esru_analysis_free(&a);
    return 0;
}
