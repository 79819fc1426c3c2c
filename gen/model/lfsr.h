/* Maximal-length Fibonacci LFSRs: the one C model of every PRNG register
 * esrugen emits. Widths 1..64 (width 1 is the degenerate constant-1 register). */
#ifndef ESRU_LFSR_H
#define ESRU_LFSR_H
#include <stddef.h>
#include <stdint.h>

#define ESRU_LFSR_MAX_WIDTH 64
#define ESRU_LFSR_MAX_TAPS 6

/* Tap positions (1-based, first = width) of a maximal-length LFSR of this
 * width, from Xilinx XAPP052 (Alfke, "Efficient Shift Registers, LFSR Counters,
 * and Long Pseudo-Random Sequence Generators", table 3). Returns the number of
 * taps, or 0 for an unsupported width. */
unsigned esru_lfsr_taps(unsigned width, unsigned taps[ESRU_LFSR_MAX_TAPS]);

/* Bit mask of the state bits XORed into the feedback: tap t is state bit t-1. */
uint64_t esru_lfsr_tapmask(unsigned width);

static inline uint64_t esru_width_mask(unsigned width)
{
    return width >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << width) - 1;
}

/* One shift: state <= {state[W-2:0], parity(state & tapmask)}. */
static inline uint64_t esru_lfsr_next(uint64_t state, unsigned width, uint64_t tapmask)
{
    uint64_t fb = (uint64_t)__builtin_parityll(state & tapmask);
    return ((state << 1) | fb) & esru_width_mask(width);
}

/* n steps at once: the LFSR is linear over GF(2), so n steps are the matrix
 * A^n, built by repeated squaring (O(W^2 log n)) and applied in O(W). */
typedef struct {
    unsigned width;
    uint64_t col[ESRU_LFSR_MAX_WIDTH]; /* A^n applied to state bit j */
} esru_lfsr_jump_matrix;
void esru_lfsr_jump_prepare(esru_lfsr_jump_matrix *jm, unsigned width, uint64_t tapmask, uint64_t n);
uint64_t esru_lfsr_jump_apply(const esru_lfsr_jump_matrix *jm, uint64_t state);

/* Many steps at once. From state h, the next g feedback bits read only
 * current bits while g <= the lowest tap: they are XOR over taps T of
 * (h >> (T - g)), masked to g bits. h2 = (h << g) | those bits then holds the
 * next g states as windows: after j+1 steps, (h2 >> (g-1-j)) & mask. */
typedef struct {
    unsigned width, g, ntaps;
    unsigned shift[ESRU_LFSR_MAX_TAPS]; /* T - g per tap */
    uint64_t mask, gmask, tapmask;
} esru_lfsr_groups;
/* (Inline: gp stays a private local of its loop, so stores beside it do not
 * force reloads.) */
static inline void esru_lfsr_groups_init(esru_lfsr_groups *gp, unsigned width, uint64_t tapmask)
{
    unsigned taps[64], nt = 0;
    for (unsigned b = 0; b < 64; b++)
        if ((tapmask >> b) & 1u)
            taps[nt++] = b + 1;
    unsigned g = nt ? taps[0] : 1; /* the lowest tap */
    if (g > 64 - width)
        g = width >= 64 ? 1 : 64 - width; /* h2 needs width + g bits */
    if (g >= 8)
        g &= ~7u; /* whole vectors of 8 windows */
    gp->width = width;
    gp->g = g;
    gp->ntaps = nt < ESRU_LFSR_MAX_TAPS ? nt : ESRU_LFSR_MAX_TAPS;
    for (unsigned i = 0; i < gp->ntaps; i++)
        gp->shift[i] = taps[i] - g;
    gp->mask = esru_width_mask(width);
    gp->gmask = esru_width_mask(g);
    gp->tapmask = tapmask;
}
static inline uint64_t esru_lfsr_group(const esru_lfsr_groups *gp, uint64_t h)
{
    uint64_t nb = 0;
    for (unsigned i = 0; i < gp->ntaps; i++)
        nb ^= h >> gp->shift[i];
    return (h << gp->g) | (nb & gp->gmask);
}
/* (Arguments by value: loops that store windows keep them in registers.) */
static inline uint64_t esru_lfsr_window(uint64_t h2, unsigned g, uint64_t mask, unsigned j)
{
    return (h2 >> (g - 1 - j)) & mask;
}

/* The states of n consecutive cycles: out[t] = the state after t steps
 * (out[0] = state); returns the state after n steps. The same sequence as
 * esru_lfsr_next, a group of steps at a time. */
uint64_t esru_lfsr_run(uint64_t state, unsigned width, uint64_t tapmask, size_t n, uint64_t *out);
/* The same for width <= 32, into 32-bit states. */
uint64_t esru_lfsr_run32(uint64_t state, unsigned width, uint64_t tapmask, size_t n, uint32_t *out);

/* Initial state of LFSR number `index` of `count` identical ones, derived from
 * the user seed: distinct, evenly spread, never the all-zero lock-up state. */
uint64_t esru_lfsr_seed_state(uint64_t seed, unsigned index, unsigned count, unsigned width);

/* splitmix64: the mixing step used for seeds (and the sr-ideal reference PRNG). */
uint64_t esru_splitmix64(uint64_t *state);
/* The state after n more draws (each draw adds one constant). */
void esru_splitmix64_jump(uint64_t *state, uint64_t n);

#endif
