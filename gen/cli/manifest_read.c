#include "cli/manifest_read.h"
#include "cli/flags.h"
#include "io/textfile.h"
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A manifest is small: a larger file is not one. */
static char *slurp(const char *path, char *err, size_t len)
{
    char *text = esru_read_text(path, 1u << 24);
    if (!text && errno == EFBIG)
        snprintf(err, len, "manifest %s is larger than 16 MiB", path);
    else if (!text)
        snprintf(err, len, "cannot read manifest %s: %s", path, strerror(errno));
    return text;
}

static const char *str_of(const cJSON *root, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

int esru_manifest_read(const char *path, esru_manifest_info *m, char *err, size_t len)
{
    memset(m, 0, sizeof *m);
    char *text = slurp(path, err, len);
    if (!text)
        return -1;
    int rc = esru_manifest_parse(text, path, m, err, len);
    free(text);
    return rc;
}

int esru_manifest_parse(const char *text, const char *path, esru_manifest_info *m, char *err, size_t len)
{
    memset(m, 0, sizeof *m);
    cJSON *root = cJSON_Parse(text);
    int rc = -1;
    char why[512];
    const char *gen = root ? str_of(root, "generator") : NULL, *flags = root ? str_of(root, "flags") : NULL;
    const char *hash = root ? str_of(root, "config_hash") : NULL, *top = root ? str_of(root, "top") : NULL;
    const cJSON *files = root ? cJSON_GetObjectItemCaseSensitive(root, "files") : NULL;
    if (!root) {
        snprintf(err, len, "manifest %s is not JSON", path);
        goto out;
    }
    if (!gen || !flags || !hash || !top || !cJSON_IsArray(files) ||
        (strcmp(gen, "esrugen") != 0 && strcmp(gen, "esrugen mac") != 0)) {
        snprintf(err, len, "manifest %s lacks generator, flags, config_hash, top or files (not written by esrugen?)",
                 path);
        goto out;
    }
    m->is_mac = strcmp(gen, "esrugen mac") == 0;
    static esru_settings s;
    esru_settings_default(&s, m->is_mac ? ESRU_TOOL_MAC : ESRU_TOOL_LINE);
    if (esru_flags_parse_line(&s, flags, why, sizeof why) != 0 || esru_settings_finish(&s, why, sizeof why) != 0) {
        snprintf(err, len, "manifest %s: its flags do not make a valid config: %s", path, why);
        goto out;
    }
    m->sru = s.sru;
    m->mac = s.mac;
    m->hash = m->is_mac ? esru_mac_hash(&m->mac) : esru_config_hash(&m->sru);
    char want[32];
    snprintf(want, sizeof want, "%016llx", (unsigned long long)m->hash);
    if (strcmp(want, hash) != 0) {
        snprintf(err, len,
                 "manifest %s: config hash %s, but its flags hash to %s here (another esrugen version wrote it?)",
                 path, hash, want);
        goto out;
    }
    /* "pipeline" and "latency_cycles" (absent in older manifests) must say
       what the flags say: the harnesses schedule by the flags' P */
    const cJSON *pl = cJSON_GetObjectItemCaseSensitive(root, "pipeline");
    const cJSON *lat = cJSON_GetObjectItemCaseSensitive(root, "latency_cycles");
    if ((pl && (!cJSON_IsNumber(pl) || pl->valuedouble != (double)m->sru.pipeline)) ||
        (lat && (!cJSON_IsNumber(lat) || lat->valuedouble != (double)(1 + m->sru.pipeline)))) {
        snprintf(err, len, "manifest %s: pipeline / latency_cycles disagree with its flags (--pipeline %u: latency %u)",
                 path, m->sru.pipeline, 1 + m->sru.pipeline);
        goto out;
    }
    if (strcmp(top, m->sru.name) != 0) {
        snprintf(err, len, "manifest %s: top '%.64s' is not the --name of its flags ('%s')", path, top, m->sru.name);
        goto out;
    }
    snprintf(m->top, sizeof m->top, "%s", top);
    const cJSON *f;
    cJSON_ArrayForEach(f, files)
    {
        /* plain file names only: the harnesses open DIR/NAME */
        const char *name = cJSON_IsString(f) ? f->valuestring : NULL;
        if (!name || m->nfiles == ESRU_MAX_FILES + 1 || strlen(name) >= sizeof m->files[0] || !name[0] ||
            strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
            snprintf(err, len, "manifest %s: bad file list (valid: up to %d plain file names)", path, ESRU_MAX_FILES + 1);
            goto out;
        }
        snprintf(m->files[m->nfiles++], sizeof m->files[0], "%s", name);
    }
    rc = 0;
out:
    cJSON_Delete(root);
    return rc;
}
