#include "manifest.h"
#include "stat.h"
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First of the given keys present in obj (spellings differ between tools: in_width, in-width). */
static const cJSON *get_any(const cJSON *obj, const char *const *keys)
{
    for (; *keys; keys++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, *keys);
        if (v) return v;
    }
    return NULL;
}

static unsigned get_uint(const cJSON *cfg, const char *const *keys)
{
    const cJSON *v = get_any(cfg, keys);
    if (cJSON_IsNumber(v) && v->valuedouble >= 0) return (unsigned)v->valuedouble;
    if (cJSON_IsString(v)) return (unsigned)strtoul(v->valuestring, NULL, 10);
    return 0;
}

static void get_str(const cJSON *cfg, const char *const *keys, char *out, size_t len)
{
    const cJSON *v = get_any(cfg, keys);
    snprintf(out, len, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

static int bad_path(const char *p)
{
    if (!*p || *p == '/' || strstr(p, "..")) return 1;
    for (; *p; p++)
        if (*p <= ' ' || *p == '"' || *p == '\'' || *p == '\\' || *p == ';') return 1;
    return 0;
}

static void read_config(const cJSON *cfg, synth_manifest *m)
{
    static const char *const iw[] = {"in_width", "in-width", "iw", NULL};
    static const char *const ow[] = {"out_width", "out-width", "ow", NULL};
    static const char *const sh[] = {"shift", "d", NULL};
    static const char *const n[] = {"sru_width", "sru-width", "n", NULL};
    static const char *const mm[] = {"prng_width", "prng-width", "m", NULL};
    static const char *const l[] = {"lanes", "l", NULL};
    static const char *const r[] = {"rounding", NULL};
    static const char *const p[] = {"prng", NULL};
    static const char *const f[] = {"fill", NULL};
    static const char *const rows[] = {"rows", NULL};
    static const char *const cols[] = {"cols", NULL};
    m->rows = get_uint(cfg, rows);
    m->cols = get_uint(cfg, cols);
    m->iw = get_uint(cfg, iw);
    m->ow = get_uint(cfg, ow);
    m->shift = get_uint(cfg, sh);
    m->n = get_uint(cfg, n);
    m->m = get_uint(cfg, mm);
    m->lanes = get_uint(cfg, l);
    get_str(cfg, r, m->rounding, sizeof m->rounding);
    get_str(cfg, p, m->prng, sizeof m->prng);
    get_str(cfg, f, m->fill, sizeof m->fill);
}

int synth_manifest_parse(const char *json, synth_manifest *m, char *err, size_t len)
{
    memset(m, 0, sizeof *m);
    cJSON *root = synth_json_parse(json, err, len);
    if (!root)
        return -1;
    int rc = -1;
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(root, "config");
    const cJSON *hash = cJSON_GetObjectItemCaseSensitive(root, "config_hash");
    const cJSON *f;
    if (!cJSON_IsArray(files) || cJSON_GetArraySize(files) == 0) {
        snprintf(err, len, "manifest has no \"files\" list");
        goto out;
    }
    cJSON_ArrayForEach(f, files)
    {
        if (!cJSON_IsString(f) || bad_path(f->valuestring) || strlen(f->valuestring) >= SYNTH_PATH_MAX) {
            snprintf(err, len, "manifest lists an unusable file name");
            goto out;
        }
        if (m->nfiles == SYNTH_MAX_FILES) {
            snprintf(err, len, "manifest lists more than %d files", SYNTH_MAX_FILES);
            goto out;
        }
        strcpy(m->files[m->nfiles++], f->valuestring);
    }
    if (cJSON_IsString(hash))
        snprintf(m->hash, sizeof m->hash, "%s", hash->valuestring);
    else if (cJSON_IsNumber(hash))
        snprintf(m->hash, sizeof m->hash, "%.0f", hash->valuedouble);
    if (cJSON_IsObject(cfg)) read_config(cfg, m);
    if (m->lanes == 0) m->lanes = 1;
    rc = 0;
out:
    cJSON_Delete(root);
    return rc;
}

int synth_manifest_load(const char *path, synth_manifest *m, char *err, size_t len)
{
    char *text = synth_slurp(path);
    if (!text) {
        snprintf(err, len, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char why[200];
    int rc = synth_manifest_parse(text, m, why, sizeof why);
    free(text);
    if (rc) snprintf(err, len, "%s: %s", path, why);
    return rc;
}
