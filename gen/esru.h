/* libesru: the bit-exact C model of esrugen's stochastic rounding units as a
 * shared library (the Python package `esru` uses it through ctypes).
 *
 * Everything here is a thin wrapper over the one model in gen/model: configs
 * go through the flag table (the same parser, validation and error text as
 * `esrugen`), rounding through quant_stream (the lane rule), the weight update
 * through the C backend's update (the MAC array's update lane), the figures
 * through the analyzer. Semantics: docs/python.md, docs/numerics.md,
 * docs/training.md ("The lane rule", "The weight update").
 *
 * Conventions: opaque handles; functions that can fail return 0 (or a handle)
 * on success and -1 (or NULL) on failure with a message naming the bad value
 * and the valid range in err[0..errlen-1]. Nothing is written on failure and a
 * bank is not advanced. The library never exits or prints (the per-element
 * analysis of very long periods prints progress on stderr, as esrugen does).
 * A bank is not thread-safe; use one bank per thread. */
#ifndef ESRU_PUBLIC_H
#define ESRU_PUBLIC_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ESRU_API __attribute__((visibility("default")))
#else
#define ESRU_API
#endif

/* Bumped when a declaration below changes incompatibly (the soname follows). */
#define ESRU_API_VERSION 1

/* The model's version (esrugen --version; it feeds every config hash). */
ESRU_API const char *esru_lib_version(void);
ESRU_API int esru_lib_api_version(void);

/* The PRNG kinds in --prng order (gen/kinds/kinds.def). i < count, else NULL. */
ESRU_API unsigned esru_lib_kind_count(void);
ESRU_API const char *esru_lib_kind_name(unsigned i);
ESRU_API const char *esru_lib_kind_summary(unsigned i);

/* ---- configs: one SRU unit, set exactly as an esrugen config line ---- */
typedef struct esru_cfg esru_cfg;

/* From a config line "--sru-width 8 --prng plateau ..." (defaults of esrugen
 * for everything not given). */
ESRU_API esru_cfg *esru_cfg_new(const char *line, char *err, size_t errlen);
/* From n (flag, value) pairs, e.g. {"sru-width", "8"}: one esru_flags_set
 * per pair, in order, then the cross-field checks. Values may hold spaces. */
ESRU_API esru_cfg *esru_cfg_new_kv(const char *const *flags, const char *const *values, size_t n, char *err,
                                   size_t errlen);
ESRU_API void esru_cfg_free(esru_cfg *c);
/* "in-width=32 out-width=8 shift=16 rounding=sr ... seed=1 name=esru"; returns
 * the length it needs (as snprintf). */
ESRU_API int esru_cfg_canonical(const esru_cfg *c, char *buf, size_t len);
/* The config hash (FNV-1a 64 of the canonical text and the model version). */
ESRU_API uint64_t esru_cfg_hash(const esru_cfg *c);

/* ---- PRNG banks with their lane rule ---- */
typedef struct esru_bank esru_bank;

/* A bank of the config's kind, widths and lanes, seeded with `seed` (0: the
 * config's --seed). */
ESRU_API esru_bank *esru_bank_new(const esru_cfg *c, uint64_t seed, char *err, size_t errlen);
ESRU_API void esru_bank_free(esru_bank *b);
/* Back to the seed state (the unit's synchronous reset). */
ESRU_API void esru_bank_reset(esru_bank *b);
/* n enabled cycles, one by one (advance) or by a GF(2) jump (same state). */
ESRU_API void esru_bank_advance(esru_bank *b, uint64_t n);
ESRU_API void esru_bank_jump(esru_bank *b, uint64_t n);
/* Enabled cycles since the seed state. */
ESRU_API uint64_t esru_bank_cycles(const esru_bank *b);
/* Lanes of the bank, and this cycle's M random bits of each lane into
 * r[0..lanes-1] (--prng ext: 0, its bits come from an ideal source). */
ESRU_API unsigned esru_bank_lanes(const esru_bank *b);
ESRU_API void esru_bank_random(const esru_bank *b, uint64_t *r);

/* The unit: y[i] = the unit's output for input x[i] (IW-bit signed, checked),
 * rounded by 2^D to OW bits, element i on lane i % L at cycle i / L, then one
 * advance per group of L and per final partial group. *saturations (may be
 * NULL) gets the number of saturated outputs. */
ESRU_API int esru_bank_round(esru_bank *b, const int64_t *x, size_t n, int32_t *y, uint64_t *saturations, char *err,
                             size_t errlen);
/* The same with the trainer's explicit shift d (-62..62; d < 0 is an exact
 * left shift) and output width ow (2..32), any int64 input: quant_stream. */
ESRU_API int esru_bank_round_shift(esru_bank *b, const int64_t *x, size_t n, int d, unsigned ow, int32_t *y,
                                   uint64_t *saturations, char *err, size_t errlen);
/* Floats: the value v with an output LSB of 2^scale_log2 enters the unit as
 * x = floor(v * 2^(D - scale_log2)), clamped to IW bits (±inf clamp; NaN is
 * refused), i.e. its fixed-point image with D fraction bits below the output
 * LSB; then as esru_bank_round. *clamped (may be NULL) counts clamped inputs. */
ESRU_API int esru_bank_round_f32(esru_bank *b, const float *v, size_t n, int scale_log2, int32_t *y,
                                 uint64_t *saturations, uint64_t *clamped, char *err, size_t errlen);
ESRU_API int esru_bank_round_f64(esru_bank *b, const double *v, size_t n, int scale_log2, int32_t *y,
                                 uint64_t *saturations, uint64_t *clamped, char *err, size_t errlen);

/* The weight update of the MAC array's update lane (and esrutrain):
 * w[i] = sat_ww(w[i] + SR(-g[i]) by 2^d to gw bits), elements by the lane
 * rule. w must hold ww-bit values; gw, ww in 2..32. The counts (may be NULL)
 * are added to. */
ESRU_API int esru_bank_update(esru_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                              uint64_t *grad_saturations, uint64_t *weight_saturations, char *err, size_t errlen);
/* The same for a float gradient, entering the integer domain as esrutrain's
 * float values do (quant_from_float: 30 significant bits, exponent e), with
 * weights w * 2^w_exp and lr = 2^lr_log2: d = w_exp - (e + lr_log2). So
 * w <- sat(w - lr*g) on the weight grid, rounded by the bank's SRU. */
ESRU_API int esru_bank_update_f32(esru_bank *b, int32_t *w, const float *g, size_t n, int w_exp, int lr_log2,
                                  unsigned gw, unsigned ww, uint64_t *grad_saturations,
                                  uint64_t *weight_saturations, char *err, size_t errlen);

/* ---- the analyzer (esrugen analyze; field names as its --json) ---- */
typedef struct {
    double max_abs_bias;           /* over grid fractions k/2^G, output LSBs */
    double mean_bias;              /* grid inputs */
    double mean_bias_unbounded;    /* inputs with more fraction bits */
    double mean_variance;          /* mean P(1-P) */
    double mean_variance_ideal_sr; /* ideal SR: mean f(1-f) */
} esru_bias_figures;

typedef struct {
    unsigned grid_bits;     /* G = min(D, N) */
    unsigned groups;        /* lane groups */
    unsigned worst_group;
    int enumerated;         /* 1: enumerated period (oracle), 0: closed form */
    uint64_t period_cycles; /* the bank's period in enabled cycles */
    uint64_t values;        /* 2^M */
    uint64_t histogram_len; /* entries written to hist (0: none kept) */
    double draws;
    double mean_random_value, ideal_mean_random_value;
    esru_bias_figures design, uniform_source;
    double prng_induced_mean_bias; /* design - uniform source, grid inputs */
    double worst_group_mean_bias;
} esru_figures;

typedef struct {
    uint64_t stride, period, gcd, orbit;
    double worst_element_mean_bias;      /* unbounded inputs, signed */
    double worst_element_mean_bias_grid; /* the same element, grid inputs */
    double min_element_mean_bias, max_element_mean_bias;
    unsigned worst_lane;
    char method[96];
} esru_stride_figures;

/* Closed-form analysis of the config over one full period. hist (may be NULL)
 * receives up to hist_len counts of each M-bit value (kept for M <= 16). */
ESRU_API int esru_cfg_analyze(const esru_cfg *c, esru_figures *out, uint64_t *hist, size_t hist_len, char *err,
                              size_t errlen);
/* Per-element bias of elements that meet their lane every `stride` advances. */
ESRU_API int esru_cfg_analyze_stride(const esru_cfg *c, uint64_t stride, esru_stride_figures *out, char *err,
                                     size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
