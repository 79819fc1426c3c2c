/* Cache keys (keys.h). */
#include "keys.h"
#include "io/strbuf.h"
#include <stdio.h>
#include <string.h>

void ex_key_of(const char *line, size_t n, char key[17])
{
    unsigned long long h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)line[i]) * 1099511628211ULL;
    h ^= h >> 33, h *= 0xff51afd7ed558ccdULL, h ^= h >> 33; /* fmix64: a bijection that spreads the bits */
    h *= 0xc4ceb9fe1a85ec53ULL, h ^= h >> 33;
    snprintf(key, 17, "%016llx", h);
}

int ex_job_key(const char *kind, const char *tools, const char *args, char key[17])
{
    const char *v = !strcmp(kind, "gen") ? "gen v3" : !strcmp(kind, "train") ? "train v1" : NULL;
    if (!v) return -1;
    strbuf line;
    sb_init(&line);
    sb_printf(&line, "esrugen-explore %s | %s | %s", v, tools, args);
    ex_key_of(line.s, line.len, key);
    sb_free(&line);
    return 0;
}
