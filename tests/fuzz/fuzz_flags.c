/* libFuzzer harness: the flag table's parsers (gen/cli/flags.c) for every
 * tool, on arbitrary bytes. The first byte picks the tool (low 3 bits: one of
 * the eight ESRU_TOOL_* bits) and the entry point (bits 3-4):
 *   0: esru_flags_parse_line (a config line, a manifest's "flags")
 *   1: esru_flags_set (name, then a NUL or newline, then the value)
 *   2: esru_flags_set of a switch (no value)
 *   3: esru_flags_parse (argv: the rest split at NUL bytes, getopt_long)
 * then esru_settings_finish, as every tool does. Property checked beyond
 * memory safety: a unit config line that parses and passes the checks,
 * written back as flags (esru_config_flags, what manifests hold), parses to
 * the same config hash. */
#include "cli/flags.h"
#include "io/manifest.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 64

static void round_trip(const esru_settings *s)
{
    strbuf line;
    sb_init(&line);
    esru_config_flags(&s->sru, &line);
    static esru_settings again;
    char err[1024];
    esru_settings_default(&again, ESRU_TOOL_LINE);
    if (esru_flags_parse_line(&again, line.s, err, sizeof err) != 0 || esru_settings_finish(&again, err, sizeof err) != 0 ||
        esru_config_hash(&again.sru) != esru_config_hash(&s->sru)) {
        fprintf(stderr, "round trip failed for '%s': %s\n", line.s, err);
        abort();
    }
    sb_free(&line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    unsigned tool = 1u << (data[0] & 7), mode = (data[0] >> 3) & 3;
    char *text = malloc(size); /* size - 1 bytes and a NUL */
    memcpy(text, data + 1, size - 1);
    text[size - 1] = 0;
    static esru_settings s;
    esru_settings_default(&s, tool);
    char err[1024];
    int rc = -1;
    if (mode == 0) {
        rc = esru_flags_parse_line(&s, text, err, sizeof err);
    } else if (mode == 1 || mode == 2) {
        char *value = strchr(text, '\n');
        if (value)
            *value++ = 0;
        else
            value = text + strlen(text) + (strlen(text) < size - 1); /* after the first NUL, if any */
        rc = esru_flags_set(&s, text, mode == 2 ? NULL : value, err, sizeof err);
    } else {
        char *argv[MAX_ARGS + 2];
        int argc = 0;
        argv[argc++] = "fuzz";
        for (char *p = text; p < text + size - 1 && argc <= MAX_ARGS; p += strlen(p) + 1)
            argv[argc++] = p;
        argv[argc] = NULL;
        int next;
        rc = esru_flags_parse(&s, argc, argv, &next, err, sizeof err);
        if (rc == 0 && (next < 1 || next > argc))
            abort(); /* the first positional argument lies inside argv */
    }
    if (rc == 0)
        rc = esru_settings_finish(&s, err, sizeof err);
    if (rc == 0 && tool == ESRU_TOOL_LINE)
        round_trip(&s);
    if (rc != 0 && !memchr(err, 0, sizeof err))
        abort(); /* every message is a terminated string */
    free(text);
    return 0;
}
