/* A PRNG kind: its model (lane values), its Verilog (extra state and the
 * expression of each lane's random bits) and its documentation, side by side
 * in one file per kind (gen/kinds/kind_*.c), listed in kinds.def. The bank
 * around them (LFSR instances, seeds, stepping) is shared: gen/model/prng.c
 * and gen/rtl/emit_prng.c. */
#ifndef ESRU_KIND_H
#define ESRU_KIND_H
#include "io/strbuf.h"
#include "model/config.h"
#include "model/hist.h"
#include <stddef.h>
#include <stdint.h>

struct esru_prng;

/* A lane whose M random bits are a window of one of the bank's LFSRs, taken
 * straight or inverted, possibly inverted again on odd phases:
 *   value = ((state[lfsr] >> shift) ^ flip ^ (phase ? flip_odd : 0)) & mask(M).
 * Optional (esru_kind.lane_map): it lets the bank produce many cycles of
 * values at once (esru_prng_run); tests/test_quant.c checks it against value. */
typedef struct {
    unsigned lfsr, shift;
    uint64_t flip, flip_odd;
} esru_lane_map;

typedef struct esru_kind {
    const char *name;    /* the --prng value */
    const char *summary; /* one line: --help, README, docs */
    int external;        /* random bits arrive on a port: no LFSR */
    /* Kind-specific validity beyond the common checks (NULL: none). */
    int (*check)(const esru_config *c, char *err, size_t len);
    /* A configurable state width (--prng-state-width): the effective W for a
     * config (its default rule when the flag is 0). NULL: the kind has none. */
    unsigned (*state_width)(const esru_config *c);
    /* Width and number of the bank's LFSRs. */
    unsigned (*lfsr_width)(const esru_config *c);
    unsigned (*lfsr_count)(const esru_config *c);
    /* Extra model state after the LFSRs are seeded (NULL: none). */
    void (*init)(struct esru_prng *p, const esru_config *c);
    /* Lane `lane`'s M random bits this cycle (ext: from ext[lane]). */
    uint64_t (*value)(const struct esru_prng *p, unsigned lane, const uint64_t *ext);
    /* Enabled cycles until the bank's state repeats. */
    uint64_t (*period)(const struct esru_prng *p);
    /* Lanes that share state are analysed as one group (NULL: lane = group). */
    unsigned (*group_of)(unsigned lane);
    /* Lanes whose value sequences are time shifts of each other share a type
     * (per-element analysis enumerates one lane per type; NULL: all differ). */
    unsigned (*lane_type)(unsigned lane);
    /* Closed form: how often each M-bit value occurs on lane `lane` over one
     * period of the bank (esru_hist_init done by the caller with base 0). */
    void (*lane_hist)(const struct esru_prng *p, unsigned lane, esru_hist *h);
    /* Verilog: extra state (NULL: none), then `wire [M-1:0] PFXrL = ...;`. */
    void (*emit_state)(const esru_config *c, const struct esru_prng *bank, const char *pfx, const char *en,
                       strbuf *b);
    void (*emit_lane)(const esru_config *c, const struct esru_prng *bank, const char *pfx, unsigned lane,
                      const char *rnd, strbuf *b);
    /* One line for the generated header (what this bank is). */
    void (*describe)(const esru_config *c, char *buf, size_t len);
    /* Optional fast model: lane `lane`'s value as an LFSR window (NULL: the
     * bank calls value for every lane and cycle). */
    void (*lane_map)(const struct esru_prng *p, unsigned lane, esru_lane_map *m);
    /* Optional fast model for kinds without a lane map: `cycles` cycles of
     * every lane's value at once, r[c * lanes + l] = value(p, l) at cycle c,
     * advancing the bank after each cycle (state and phase end where that
     * many esru_prng_advance calls leave them). The same integers as value,
     * computed in blocks; tests/test_quant.c checks them against it. NULL:
     * the bank calls value for every lane and cycle. Not for external kinds. */
    void (*run)(struct esru_prng *p, size_t cycles, uint32_t *r);
} esru_kind;

#define ESRU_KIND(E, sym) extern const esru_kind esru_kind_##sym;
#include "kinds/kinds.def"
#undef ESRU_KIND

/* The table, indexed by esru_prng_kind. */
const esru_kind *esru_kind_of(esru_prng_kind k);
/* Kind by name; NULL if unknown. */
const esru_kind *esru_kind_named(const char *name, esru_prng_kind *id);
/* The names joined by sep ("lfsr, lfsr-inv, ..." or "lfsr|lfsr-inv|..."). */
void esru_kind_names(const char *sep, char *buf, size_t len);

/* Helpers shared by the LFSR-based kinds. */
uint64_t esru_kind_lfsr_period(const struct esru_prng *p);
/* Window of M independent bits of a maximal W-bit LFSR over one period:
 * every nonzero value 2^(W-M) times, zero once fewer. */
void esru_kind_window_hist(unsigned w, unsigned m, esru_hist *h);
unsigned esru_kind_one_type(unsigned lane);
/* One M-bit LFSR per lane (lfsr, lfsr-inv, plateau): its width and count. */
unsigned esru_kind_per_lane_width(const esru_config *c);
unsigned esru_kind_per_lane_count(const esru_config *c);
unsigned esru_kind_parity_type(unsigned lane);
void esru_kind_emit_word(const char *pfx, unsigned lane, unsigned m, const char *expr, strbuf *b);

#endif
