#include "model/simd.h"
#ifdef _OPENMP
#include <omp.h>
#endif

static esru_simd cap = ESRU_SIMD_VNNI;

esru_simd esru_simd_level(void)
{
    esru_simd have = ESRU_SIMD_PORTABLE;
#if ESRU_HAVE_X86
    if (__builtin_cpu_supports("avx2"))
        have = ESRU_SIMD_AVX2;
    if (have == ESRU_SIMD_AVX2 && __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512bw"))
        have = ESRU_SIMD_VNNI;
#endif
    return have < cap ? have : cap;
}

void esru_simd_cap(esru_simd max) { cap = max; }

static unsigned nthreads = 1;

void esru_threads_set(unsigned n)
{
#ifdef _OPENMP
    nthreads = n ? n : (unsigned)omp_get_max_threads(); /* OMP_NUM_THREADS, else one per core */
    nthreads = nthreads > ESRU_MAX_THREADS ? ESRU_MAX_THREADS : nthreads;
#else
    (void)n;
    nthreads = 1; /* built without OpenMP */
#endif
}

unsigned esru_threads(void) { return nthreads; }
