/* Verilog emission for one SRU configuration: the top module, its lane
 * module and its LFSR module, each in its own file. */
#ifndef ESRU_EMIT_H
#define ESRU_EMIT_H
#include "io/fileset.h"
#include "io/strbuf.h"
#include "model/config.h"

/* Emits every Verilog file of cfg (already checked). command: the command
 * line written into each header. Returns 0, or -1 on an internal error. */
int esru_emit_sru(const esru_config *cfg, const char *command, esru_fileset *out);

/* The header every generated file starts with. */
int esru_emit_header(const esru_config *cfg, const char *command, const char *module, const char *purpose,
                     strbuf *out);

/* The same header for any canonical config text and hash (e.g. a MAC array). */
int esru_emit_header_text(const char *command, const char *canon, uint64_t hash, const char *module,
                          const char *purpose, strbuf *out);

/* The pieces the unit and MAC emitters share (one declaration each). */
/* The LFSR module; header: the file header to use, or NULL for the one of cfg. */
int esru_emit_lfsr(const esru_config *cfg, const char *command, const char *module, unsigned width, const char *header,
                   strbuf *out);
/* The unit's combinational lane module and its top module. */
int esru_emit_lane(const esru_config *cfg, const char *command, const char *module, strbuf *out);
int esru_emit_top(const esru_config *cfg, const char *command, const char *module, const char *lane_module,
                  const char *lfsr_module, strbuf *out);
/* The rounding rule in one line, for headers. */
const char *esru_rule_text(const esru_config *c, char *buf, size_t len);
/* A PRNG bank: LFSR instances, the kind's state and each lane's word PFXw<l>. */
void esru_emit_random_words(const esru_config *c, const char *lfsr_module, const char *pfx, const char *en,
                            const char *rnd, strbuf *b);

#endif
