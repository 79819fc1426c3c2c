/* Small Verilog fragments shared by every datapath the generator emits. */
#ifndef ESRU_EMIT_UTIL_H
#define ESRU_EMIT_UTIL_H
#include "model/config.h"
#include "io/strbuf.h"

/* assign dst = saturate(src): src is a signed sw-bit wire, dst ow bits. The
 * overflow wires are named with pfx so several can share a module. */
void esru_emit_saturate(strbuf *b, const char *src, const char *dst, const char *pfx, unsigned sw, unsigned ow);

/* The registered output of a lane block: on en, reg <= {NEXT(L-1)_next, ..., NEXT0_next};
 * on rst, 0. Each NEXTl_next is `width` bits. */
void esru_emit_lane_register(strbuf *b, const char *reg, const char *next, unsigned lanes, unsigned width);
/* The same with `load` in place of en (a pipelined block loads its output
 * register when the last stage holds a value: pipe_vP). */
void esru_emit_lane_register_on(strbuf *b, const char *reg, const char *next, unsigned lanes, unsigned width,
                                const char *load);

/* --pipeline P >= 1: the valid chain pipe_v1..pipe_vP (pipe_vK: stage K holds
 * a value taken with `en` high, K cycles ago; rst clears them). Writes the
 * stage loads {pipe_v(P-1), .., pipe_v1, en} into ld and pipe_vP into last. */
void esru_emit_valid_chain(strbuf *b, unsigned p, const char *en, char *ld, size_t ldlen, char *last, size_t lastlen);
/* reg [w-1:0] dst; loaded from src when `load` is high (no reset: only read
 * behind a valid bit). w = 0: a scalar (1-bit, no range). */
void esru_emit_stage_reg(strbuf *b, const char *dst, const char *src, unsigned w, const char *load);

/* Bits of the rounding adder that can change the carry: the M random bits,
 * plus the fill's 1 for --fill half (the bits below are constant zero). */
unsigned esru_adder_width(const esru_config *c);
/* wire up = carry of top + rword (both N bits) over the adder width. */
void esru_emit_carry(strbuf *b, const esru_config *c, const char *top, const char *rword);

#endif
