/* libesru: the analyzer's figures (esrugen analyze), copied into the public
 * structs under the names of its --json output. */
#include "api/handles.h"
#include "model/analyze.h"
#include <stdio.h>
#include <string.h>

static void bias(const esru_bias *in, esru_bias_figures *out)
{
    out->max_abs_bias = in->max_abs_bias;
    out->mean_bias = in->mean_bias;
    out->mean_bias_unbounded = in->mean_bias_unbounded;
    out->mean_variance = in->mean_var;
    out->mean_variance_ideal_sr = in->mean_var_ideal;
}

ESRU_API int esru_cfg_analyze(const esru_cfg *c, esru_figures *out, uint64_t *hist, size_t hist_len, char *err,
                              size_t errlen)
{
    esru_analysis a;
    if (esru_analyze(&c->c, &a, err, errlen) != 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->grid_bits = a.grid_bits;
    out->groups = a.groups;
    out->worst_group = a.worst_group;
    out->enumerated = a.enumerated;
    out->period_cycles = a.period;
    out->values = a.values;
    out->draws = a.draws;
    out->mean_random_value = a.mean_value;
    out->ideal_mean_random_value = ((double)a.values - 1) / 2.0;
    bias(&a.design, &out->design);
    bias(&a.uniform, &out->uniform_source);
    out->prng_induced_mean_bias = a.design.mean_bias - a.uniform.mean_bias;
    out->worst_group_mean_bias = a.worst_group_mean_bias;
    if (hist && a.hist) {
        uint64_t k = a.values < hist_len ? a.values : hist_len;
        memcpy(hist, a.hist, k * sizeof *hist);
        out->histogram_len = k;
    }
    esru_analysis_free(&a);
    return 0;
}

ESRU_API int esru_cfg_analyze_stride(const esru_cfg *c, uint64_t stride, esru_stride_figures *out, char *err,
                                     size_t errlen)
{
    esru_stride_bias s;
    if (esru_analyze_stride(&c->c, stride, &s, err, errlen) != 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->stride = s.stride;
    out->period = s.period;
    out->gcd = s.classes;
    out->orbit = s.orbit;
    out->worst_element_mean_bias = s.worst;
    out->worst_element_mean_bias_grid = s.worst_grid;
    out->min_element_mean_bias = s.lo;
    out->max_element_mean_bias = s.hi;
    out->worst_lane = s.worst_lane;
    snprintf(out->method, sizeof out->method, "%s", s.method ? s.method : "");
    return 0;
}
