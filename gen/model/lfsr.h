/* Maximal-length Fibonacci LFSRs: the one C model of every PRNG register
 * esrugen emits. Widths 1..64 (width 1 is the degenerate constant-1 register). */
#ifndef ESRU_LFSR_H
#define ESRU_LFSR_H
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

/* Initial state of LFSR number `index` of `count` identical ones, derived from
 * the user seed: distinct, evenly spread, never the all-zero lock-up state. */
uint64_t esru_lfsr_seed_state(uint64_t seed, unsigned index, unsigned count, unsigned width);

/* splitmix64: the mixing step used for seeds (and the sr-ideal reference PRNG). */
uint64_t esru_splitmix64(uint64_t *state);

#endif
