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

/* Bits of the rounding adder that can change the carry: the M random bits,
 * plus the fill's 1 for --fill half (the bits below are constant zero). */
unsigned esru_adder_width(const esru_config *c);
/* wire up = carry of top + rword (both N bits) over the adder width. */
void esru_emit_carry(strbuf *b, const esru_config *c, const char *top, const char *rword);

#endif
