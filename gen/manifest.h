/* The JSON manifest written beside the generated RTL: files, config, hash. */
#ifndef ESRU_MANIFEST_H
#define ESRU_MANIFEST_H
#include "config.h"
#include "emit.h"
#include "strbuf.h"

void esru_json_string(strbuf *b, const char *s);
void esru_manifest(const esru_config *cfg, const char *command, const esru_fileset *fs, strbuf *out);
void esru_config_json(const esru_config *cfg, strbuf *out);

#include "mac_config.h"
void esru_mac_manifest(const esru_mac_config *m, const char *command, const esru_fileset *fs, strbuf *out);

#endif
