/* Verilog emission for a MAC array with SRU lanes (esrugen mac). */
#ifndef ESRU_EMIT_MAC_H
#define ESRU_EMIT_MAC_H
#include "emit.h"
#include "mac_config.h"

int esru_emit_mac(const esru_mac_config *m, const char *command, esru_fileset *out);
void esru_emit_rlane_body(const esru_config *c, unsigned shift_bits, strbuf *b);
void esru_emit_rlane_ports(const esru_config *c, unsigned shift_bits, strbuf *p);
void esru_emit_random_words(const esru_config *c, const char *lfsr_module, const char *pfx, const char *en,
                            const char *rnd, strbuf *b);
int esru_emit_lfsr(const esru_config *cfg, const char *command, const char *module, unsigned width, const char *header,
                   strbuf *out);

#endif
