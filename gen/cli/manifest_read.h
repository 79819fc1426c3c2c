/* Reading a manifest back: harnesses take the design's settings from it
 * instead of being told them twice. The config is rebuilt from the
 * manifest's "flags" through the flag table (one parser). */
#ifndef ESRU_MANIFEST_READ_H
#define ESRU_MANIFEST_READ_H
#include "io/fileset.h"
#include "model/config.h"
#include "model/mac_config.h"

typedef struct {
    int is_mac;              /* written by `esrugen mac` */
    esru_config sru;         /* the unit (is_mac: the lanes' SRU settings, = mac.sru) */
    esru_mac_config mac;
    uint64_t hash;
    char top[ESRU_NAME_MAX];
    unsigned nfiles;
    char files[ESRU_MAX_FILES + 1][ESRU_NAME_MAX + 32];
} esru_manifest_info;

/* Reads PATH (cJSON), rebuilds the config from its "flags" through the flag
 * table and checks that it hashes to "config_hash" (same generator version).
 * 0, or -1 with a message naming the file. */
int esru_manifest_read(const char *path, esru_manifest_info *m, char *err, size_t len);
/* The same on the text of a manifest (what names it in messages): the entry
 * point of the fuzz harness tests/fuzz/fuzz_manifest.c. */
int esru_manifest_parse(const char *text, const char *what, esru_manifest_info *m, char *err, size_t len);

#endif
