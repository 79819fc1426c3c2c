/* bench_round: single-thread speed of the lane rule (quant_stream_i8: int32
 * values rounded to int8 through a PRNG bank) beside memcpy of the same int32
 * array, alternating the two and keeping each one's best repetition (other
 * jobs on a shared machine only ever slow a run down). Time is the thread's
 * CPU time, as the trainer's images per CPU second: on a shared machine wall
 * time measures the scheduler (a short memcpy fits between two time slices
 * far more often than a longer kernel run).
 *   bench_round [ELEMENTS_LOG2 [REPS]]   -> one JSON object on stdout */
#include "cli/number.h"
#include "model/config.h"
#include "model/lfsr.h"
#include "model/quant.h"
#include "model/simd.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
    const char *name;
    esru_rounding rounding;
    esru_prng_kind prng;
    unsigned n, m;
} unit;

int main(int argc, char **argv)
{
    unsigned lg = 24, reps = 5;
    char err[256];
    if (argc > 3 || (argc > 1 && esru_parse_uint("ELEMENTS_LOG2", argv[1], 10, 28, &lg, err, sizeof err)) ||
        (argc > 2 && esru_parse_uint("REPS", argv[2], 1, 100, &reps, err, sizeof err))) {
        fprintf(stderr, "bench_round: %s\n", argc > 3 ? "usage: bench_round [ELEMENTS_LOG2 [REPS]]" : err);
        return 2;
    }
    size_t n = (size_t)1 << lg;
    int32_t *x = malloc(n * sizeof *x), *copy = malloc(n * sizeof *copy);
    int8_t *y = malloc(n);
    if (!x || !copy || !y) {
        fprintf(stderr, "bench_round: out of memory for 2^%u elements\n", lg);
        return 1;
    }
    uint64_t s = 1;
    for (size_t i = 0; i < n; i++)
        x[i] = (int32_t)(esru_splitmix64(&s) >> 40) - (1 << 23); /* 24-bit values */
    memset(copy, 0, n * sizeof *copy);
    memset(y, 0, n);
    const unit units[] = {
        {"sr_8_3_shared", ROUND_SR, PRNG_SHARED, 8, 3}, /* the default design */
        {"sr_8_3_plateau", ROUND_SR, PRNG_PLATEAU, 8, 3},
        {"sr_24_24_lfsr", ROUND_SR, PRNG_LFSR, 24, 24},
        {"rne", ROUND_RNE, PRNG_PLATEAU, 8, 3},
    };
    enum { NU = sizeof units / sizeof units[0] };
    double best[NU], best_copy = 1e30;
    uint64_t sat[NU];
    for (unsigned u = 0; u < NU; u++)
        best[u] = 1e30;
    esru_threads_set(1);
    for (unsigned r = 0; r < reps; r++) {
        double t = now();
        memcpy(copy, x, n * sizeof *x);
        t = now() - t;
        best_copy = t < best_copy ? t : best_copy;
        for (unsigned u = 0; u < NU; u++) {
            esru_config c;
            esru_config_default(&c);
            c.in_width = 32;
            c.rounding = units[u].rounding;
            c.prng = units[u].prng;
            c.sru_width = units[u].n;
            c.prng_width = units[u].m;
            quant_bank b;
            quant_bank_init(&b, &c, 1, 0);
            t = now();
            sat[u] = quant_stream_i8(&b, x, n, 16, 8, y);
            t = now() - t;
            best[u] = t < best[u] ? t : best[u];
        }
    }
    double copy_rate = (double)n / best_copy / 1e6;
    const char *simd = esru_simd_level() == ESRU_SIMD_VNNI ? "avx512-vnni"
                       : esru_simd_level() == ESRU_SIMD_AVX2 ? "avx2"
                                                             : "portable";
    printf("{\"elements\": %zu, \"repetitions\": %u, \"simd\": \"%s\", \"memcpy_melem_s\": %.1f", n, reps, simd,
           copy_rate);
    for (unsigned u = 0; u < NU; u++)
        printf(", \"%s_melem_s\": %.1f, \"%s_over_memcpy\": %.3f, \"%s_saturations\": %llu", units[u].name,
               (double)n / best[u] / 1e6, units[u].name, (double)n / best[u] / 1e6 / copy_rate, units[u].name,
               (unsigned long long)sat[u]);
    printf("}\n");
    free(x);
    free(copy);
    free(y);
    return 0;
}
