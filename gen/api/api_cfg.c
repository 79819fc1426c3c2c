/* libesru: versions, the kind table, and configs through the flag table
 * (the same parser and messages as an esrugen config line). */
#include "api/handles.h"
#include "cli/flags.h"
#include "kinds/kind.h"
#include "version.h"
#include <stdio.h>
#include <stdlib.h>

ESRU_API const char *esru_lib_version(void) { return ESRU_VERSION; }
ESRU_API int esru_lib_api_version(void) { return ESRU_API_VERSION; }
ESRU_API unsigned esru_lib_kind_count(void) { return PRNG_COUNT; }

ESRU_API const char *esru_lib_kind_name(unsigned i)
{
    return i < PRNG_COUNT ? esru_kind_of((esru_prng_kind)i)->name : NULL;
}

ESRU_API const char *esru_lib_kind_summary(unsigned i)
{
    return i < PRNG_COUNT ? esru_kind_of((esru_prng_kind)i)->summary : NULL;
}

static esru_cfg *finish(esru_settings *s, char *err, size_t len)
{
    if (esru_settings_finish(s, err, len) != 0)
        return NULL;
    esru_cfg *c = malloc(sizeof *c);
    if (!c) {
        snprintf(err, len, "out of memory");
        return NULL;
    }
    c->c = s->sru;
    return c;
}

ESRU_API esru_cfg *esru_cfg_new(const char *line, char *err, size_t errlen)
{
    esru_settings s;
    esru_settings_default(&s, ESRU_TOOL_LINE);
    if (esru_flags_parse_line(&s, line ? line : "", err, errlen) != 0)
        return NULL;
    return finish(&s, err, errlen);
}

ESRU_API esru_cfg *esru_cfg_new_kv(const char *const *flags, const char *const *values, size_t n, char *err,
                                   size_t errlen)
{
    esru_settings s;
    esru_settings_default(&s, ESRU_TOOL_LINE);
    for (size_t i = 0; i < n; i++)
        if (esru_flags_set(&s, flags[i], values[i], err, errlen) != 0)
            return NULL;
    return finish(&s, err, errlen);
}

ESRU_API void esru_cfg_free(esru_cfg *c) { free(c); }

ESRU_API int esru_cfg_canonical(const esru_cfg *c, char *buf, size_t len)
{
    char tmp[512];
    esru_config_canonical(&c->c, tmp, sizeof tmp);
    return snprintf(buf, len, "%s", tmp);
}

ESRU_API uint64_t esru_cfg_hash(const esru_cfg *c) { return esru_config_hash(&c->c); }
