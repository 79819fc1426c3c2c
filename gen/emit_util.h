/* Small Verilog fragments shared by every datapath the generator emits. */
#ifndef ESRU_EMIT_UTIL_H
#define ESRU_EMIT_UTIL_H
#include "strbuf.h"

/* assign dst = saturate(src): src is a signed sw-bit wire, dst ow bits. The
 * overflow wires are named with pfx so several can share a module. */
void esru_emit_saturate(strbuf *b, const char *src, const char *dst, const char *pfx, unsigned sw, unsigned ow);

#endif
