/* libFuzzer harness: the manifest reader (gen/cli/manifest_read.c) on
 * arbitrary text, through esru_manifest_parse, the buffer entry point of
 * esru_manifest_read. Properties beyond memory safety, for a manifest that is
 * accepted: its config passes the model's checks, its top is its --name, its
 * file names are plain names, and its config written back as flags parses to the same hash (the
 * harnesses rebuild the design from exactly those flags). */
#include "cli/flags.h"
#include "cli/manifest_read.h"
#include "io/manifest.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(const esru_manifest_info *m)
{
    char err[1024];
    if (m->is_mac ? esru_mac_config_check(&m->mac, err, sizeof err) : esru_config_check(&m->sru, err, sizeof err)) {
        fprintf(stderr, "accepted manifest fails the config check: %s\n", err);
        abort();
    }
    if (strcmp(m->top, m->sru.name) != 0) {
        fprintf(stderr, "accepted manifest has top '%s' for --name '%s'\n", m->top, m->sru.name);
        abort();
    }
    for (unsigned i = 0; i < m->nfiles; i++)
        if (!m->files[i][0] || strchr(m->files[i], '/') || !strcmp(m->files[i], ".") || !strcmp(m->files[i], "..")) {
            fprintf(stderr, "accepted manifest lists file '%s'\n", m->files[i]);
            abort();
        }
    strbuf line;
    sb_init(&line);
    if (m->is_mac)
        esru_mac_config_flags(&m->mac, &line);
    else
        esru_config_flags(&m->sru, &line);
    static esru_settings s;
    esru_settings_default(&s, m->is_mac ? ESRU_TOOL_MAC : ESRU_TOOL_LINE);
    if (esru_flags_parse_line(&s, line.s, err, sizeof err) != 0 || esru_settings_finish(&s, err, sizeof err) != 0 ||
        (m->is_mac ? esru_mac_hash(&s.mac) : esru_config_hash(&s.sru)) != m->hash) {
        fprintf(stderr, "round trip failed for '%s': %s\n", line.s, err);
        abort();
    }
    sb_free(&line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    esru_manifest_info m;
    char err[1024];
    if (esru_manifest_parse(text, "fuzz", &m, err, sizeof err) == 0)
        check(&m);
    free(text);
    return 0;
}
