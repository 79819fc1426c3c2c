/* Verilog emission for a MAC array with SRU lanes (esrugen mac). */
#ifndef ESRU_EMIT_MAC_H
#define ESRU_EMIT_MAC_H
#include "rtl/emit.h"
#include "model/mac_config.h"

int esru_emit_mac(const esru_mac_config *m, const char *command, esru_fileset *out);
void esru_emit_rlane_body(const esru_config *c, unsigned shift_bits, strbuf *b);
void esru_emit_rlane_ports(const esru_config *c, unsigned shift_bits, strbuf *p);

#endif
