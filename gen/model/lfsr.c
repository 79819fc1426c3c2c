#include "model/lfsr.h"
#include "model/simd.h"

/* XAPP052 table 3 (widths 3..64); width 2 is x^2+x+1 and width 1 the trivial
 * register x+1 (constant 1). Every entry is checked for primitivity by
 * tests/test_lfsr.c, and for widths 2..32 by running the full period. */
static const unsigned char tap_table[ESRU_LFSR_MAX_WIDTH + 1][ESRU_LFSR_MAX_TAPS] = {
    [1] = {1},           [2] = {2, 1},          [3] = {3, 2},
    [4] = {4, 3},        [5] = {5, 3},          [6] = {6, 5},
    [7] = {7, 6},        [8] = {8, 6, 5, 4},    [9] = {9, 5},
    [10] = {10, 7},      [11] = {11, 9},        [12] = {12, 6, 4, 1},
    [13] = {13, 4, 3, 1}, [14] = {14, 5, 3, 1}, [15] = {15, 14},
    [16] = {16, 15, 13, 4}, [17] = {17, 14},    [18] = {18, 11},
    [19] = {19, 6, 2, 1}, [20] = {20, 17},      [21] = {21, 19},
    [22] = {22, 21},     [23] = {23, 18},       [24] = {24, 23, 22, 17},
    [25] = {25, 22},     [26] = {26, 6, 2, 1},  [27] = {27, 5, 2, 1},
    [28] = {28, 25},     [29] = {29, 27},       [30] = {30, 6, 4, 1},
    [31] = {31, 28},     [32] = {32, 22, 2, 1}, [33] = {33, 20},
    [34] = {34, 27, 2, 1}, [35] = {35, 33},     [36] = {36, 25},
    [37] = {37, 5, 4, 3, 2, 1}, [38] = {38, 6, 5, 1}, [39] = {39, 35},
    [40] = {40, 38, 21, 19}, [41] = {41, 38},   [42] = {42, 41, 20, 19},
    [43] = {43, 42, 38, 37}, [44] = {44, 43, 18, 17}, [45] = {45, 44, 42, 41},
    [46] = {46, 45, 26, 25}, [47] = {47, 42},   [48] = {48, 47, 21, 20},
    [49] = {49, 40},     [50] = {50, 49, 24, 23}, [51] = {51, 50, 36, 35},
    [52] = {52, 49},     [53] = {53, 52, 38, 37}, [54] = {54, 53, 18, 17},
    [55] = {55, 31},     [56] = {56, 55, 35, 34}, [57] = {57, 50},
    [58] = {58, 39},     [59] = {59, 58, 38, 37}, [60] = {60, 59},
    [61] = {61, 60, 46, 45}, [62] = {62, 61, 6, 5}, [63] = {63, 62},
    [64] = {64, 63, 61, 60},
};

unsigned esru_lfsr_taps(unsigned width, unsigned taps[ESRU_LFSR_MAX_TAPS])
{
    if (width < 1 || width > ESRU_LFSR_MAX_WIDTH)
        return 0;
    unsigned n = 0;
    for (unsigned i = 0; i < ESRU_LFSR_MAX_TAPS && tap_table[width][i]; i++)
        taps[n++] = tap_table[width][i];
    return n;
}

uint64_t esru_lfsr_tapmask(unsigned width)
{
    unsigned taps[ESRU_LFSR_MAX_TAPS];
    unsigned n = esru_lfsr_taps(width, taps);
    uint64_t mask = 0;
    for (unsigned i = 0; i < n; i++)
        mask |= UINT64_C(1) << (taps[i] - 1);
    return mask;
}

#define SPLITMIX_GAMMA UINT64_C(0x9E3779B97F4A7C15)

uint64_t esru_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += SPLITMIX_GAMMA);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

void esru_splitmix64_jump(uint64_t *state, uint64_t n) { *state += n * SPLITMIX_GAMMA; }

/* The states of n cycles into out (uint64_t or, for width <= 32, uint32_t). */
#define LFSR_RUN_BODY(OUT_T)                                                                                 \
    esru_lfsr_groups gp;                                                                                     \
    esru_lfsr_groups_init(&gp, width, tapmask);                                                              \
    const unsigned g = gp.g;                                                                                 \
    const uint64_t mask = gp.mask;                                                                           \
    uint64_t h = state;                                                                                      \
    if (n == 0)                                                                                              \
        return state;                                                                                        \
    out[0] = (OUT_T)h;                                                                                       \
    size_t t = 1;                                                                                            \
    for (; t + g <= n; t += g) { /* h: the state after t-1 steps */                                          \
        uint64_t h2 = esru_lfsr_group(&gp, h);                                                               \
        if (g % 8 == 0)                                                                                      \
            for (unsigned j = 0; j < g; j += 8)                                                              \
                for (unsigned i = 0; i < 8; i++)                                                             \
                    out[t + j + i] = (OUT_T)esru_lfsr_window(h2, g, mask, j + i);                            \
        else                                                                                                 \
            for (unsigned j = 0; j < g; j++)                                                                 \
                out[t + j] = (OUT_T)esru_lfsr_window(h2, g, mask, j);                                        \
        h = h2 & mask;                                                                                       \
    }                                                                                                        \
    for (; t < n; t++) /* the last few one at a time */                                                      \
        out[t] = (OUT_T)(h = esru_lfsr_next(h, width, tapmask));                                             \
    return esru_lfsr_next(h, width, tapmask);

ESRU_CLONES uint64_t esru_lfsr_run(uint64_t state, unsigned width, uint64_t tapmask, size_t n, uint64_t *out)
{
    LFSR_RUN_BODY(uint64_t)
}

ESRU_CLONES uint64_t esru_lfsr_run32(uint64_t state, unsigned width, uint64_t tapmask, size_t n, uint32_t *out)
{
    LFSR_RUN_BODY(uint32_t)
}

uint64_t esru_lfsr_seed_state(uint64_t seed, unsigned index, unsigned count, unsigned width)
{
    uint64_t mix = seed;
    uint64_t h = esru_splitmix64(&mix);
    if (width >= 64) {
        uint64_t s = h + (uint64_t)index * (~UINT64_C(0) / (count ? count : 1));
        return s ? s : 1;
    }
    /* Nonzero states are 1..2^W-1; space the LFSRs evenly over them. */
    uint64_t nstates = esru_width_mask(width);
    uint64_t stride = nstates / (count ? count : 1);
    if (stride == 0)
        stride = 1;
    return 1 + (h % nstates + (uint64_t)index * stride) % nstates;
}

uint64_t esru_lfsr_jump_apply(const esru_lfsr_jump_matrix *jm, uint64_t state)
{
    uint64_t r = 0;
    for (unsigned j = 0; j < jm->width; j++)
        if ((state >> j) & 1u)
            r ^= jm->col[j];
    return r;
}

/* out = a * b (apply b, then a); out may alias neither. */
static void jump_mul(const esru_lfsr_jump_matrix *a, const esru_lfsr_jump_matrix *b, esru_lfsr_jump_matrix *out)
{
    out->width = a->width;
    for (unsigned j = 0; j < a->width; j++)
        out->col[j] = esru_lfsr_jump_apply(a, b->col[j]);
}

static void jump_compute(esru_lfsr_jump_matrix *jm, unsigned width, uint64_t tapmask, uint64_t n)
{
    esru_lfsr_jump_matrix base, tmp;
    base.width = jm->width = width;
    for (unsigned j = 0; j < width; j++) {
        base.col[j] = esru_lfsr_next(UINT64_C(1) << j, width, tapmask); /* one step is linear */
        jm->col[j] = UINT64_C(1) << j;                                   /* identity */
    }
    for (; n; n >>= 1) {
        if (n & 1u) {
            jump_mul(&base, jm, &tmp);
            *jm = tmp;
        }
        jump_mul(&base, &base, &tmp);
        base = tmp;
    }
}

/* The trainer jumps its banks by the same few distances every step (where each
 * thread's part of a tensor starts): the last matrices each thread prepared are
 * kept, round robin, so a repeated jump costs a lookup, not log2(n) products. */
#define JUMP_CACHE 16
static _Thread_local struct {
    unsigned width;
    uint64_t tapmask, n;
    esru_lfsr_jump_matrix jm;
} jump_cache[JUMP_CACHE];
static _Thread_local unsigned jump_next;

void esru_lfsr_jump_prepare(esru_lfsr_jump_matrix *jm, unsigned width, uint64_t tapmask, uint64_t n)
{
    for (unsigned i = 0; i < JUMP_CACHE; i++)
        if (jump_cache[i].width == width && jump_cache[i].tapmask == tapmask && jump_cache[i].n == n) {
            *jm = jump_cache[i].jm;
            return;
        }
    jump_compute(jm, width, tapmask, n);
    unsigned i = jump_next++ % JUMP_CACHE;
    jump_cache[i].width = width, jump_cache[i].tapmask = tapmask, jump_cache[i].n = n;
    jump_cache[i].jm = *jm;
}
