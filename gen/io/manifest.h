/* The JSON manifest written beside the generated RTL: files, config, hash,
 * and the flags that reproduce the config (read back by cli/manifest_read.h). */
#ifndef ESRU_MANIFEST_H
#define ESRU_MANIFEST_H
#include "io/fileset.h"
#include "io/strbuf.h"
#include "model/config.h"
#include "model/mac_config.h"

void esru_json_string(strbuf *b, const char *s);
void esru_config_json(const esru_config *cfg, strbuf *out);
/* The flag line that reproduces a config through the flag table. */
void esru_config_flags(const esru_config *cfg, strbuf *out);
void esru_mac_config_flags(const esru_mac_config *m, strbuf *out);
void esru_manifest(const esru_config *cfg, const char *command, const esru_fileset *fs, strbuf *out);
void esru_mac_manifest(const esru_mac_config *m, const char *command, const esru_fileset *fs, strbuf *out);

#endif
