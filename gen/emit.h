/* Verilog emission for one SRU configuration: the top module, its lane
 * module and its LFSR module, each in its own file. */
#ifndef ESRU_EMIT_H
#define ESRU_EMIT_H
#include "config.h"
#include "strbuf.h"

#define ESRU_MAX_FILES 12

typedef struct {
    char name[ESRU_NAME_MAX + 32]; /* file name, e.g. esru_lane.v */
    char module[ESRU_NAME_MAX + 16];
    char *text;
} esru_file;

typedef struct {
    esru_file files[ESRU_MAX_FILES];
    unsigned count;
} esru_fileset;

/* Emits every Verilog file of cfg (already checked). command: the command
 * line written into each header. Returns 0, or -1 on an internal error. */
int esru_emit_sru(const esru_config *cfg, const char *command, esru_fileset *out);
void esru_fileset_free(esru_fileset *fs);

/* The header every generated file starts with. */
int esru_emit_header(const esru_config *cfg, const char *command, const char *module, const char *purpose,
                     strbuf *out);

/* The same header for any canonical config text and hash (e.g. a MAC array). */
int esru_emit_header_text(const char *command, const char *canon, uint64_t hash, const char *module,
                          const char *purpose, strbuf *out);

#endif
