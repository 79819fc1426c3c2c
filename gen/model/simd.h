/* Run-time choice of vector code and the thread count of the hot kernels
 * (kernels.c, quant.c). Every choice computes the same integers and the same
 * float operations in the same order: only the speed differs. */
#ifndef ESRU_SIMD_H
#define ESRU_SIMD_H

/* ESRU_CLONES before a function: gcc/clang compile it once per listed
 * target and pick the best one for the CPU at load time (ifunc). Plain C
 * loops then vectorize with AVX-512 or AVX2 where the CPU has them. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(ESRU_NO_CLONES) &&                                   \
    (defined(__clang__) ? __clang_major__ >= 14 : __GNUC__ >= 11)
#define ESRU_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#define ESRU_HAVE_X86 1
#else
#define ESRU_CLONES
#define ESRU_HAVE_X86 0
#endif

/* Hand-written kernels: portable C, AVX2 intrinsics, or AVX-512 VNNI
 * (vpdpwssd: int16 pair products summed into int32 in one instruction). */
typedef enum { ESRU_SIMD_PORTABLE, ESRU_SIMD_AVX2, ESRU_SIMD_VNNI } esru_simd;

/* The best level this CPU runs, capped by esru_simd_cap (tests compare the
 * levels with each other). */
esru_simd esru_simd_level(void);
void esru_simd_cap(esru_simd max);

/* Most threads the kernels use (--threads' range). */
#define ESRU_MAX_THREADS 256

/* Threads of the kernels: n >= 1, or 0 for OMP_NUM_THREADS if set, else
 * one per core. Results do not depend on it (docs/training.md, "Speed"). */
void esru_threads_set(unsigned n);
unsigned esru_threads(void);

#endif
