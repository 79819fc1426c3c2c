#include "cfgline.h"
#include "cli_parse.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eq_has_rnd(const esru_config *cfg)
{
    return cfg->prng == PRNG_EXT && cfg->rounding == ROUND_SR;
}

int eq_parse_line(const char *line, esru_config *cfg, char *err, size_t len)
{
    char buf[EQ_LINE_MAX];
    if (strlen(line) >= sizeof buf) {
        snprintf(err, len, "line too long");
        return -1;
    }
    strcpy(buf, line);
    esru_config_default(cfg);
    char *save = NULL;
    for (char *flag = strtok_r(buf, " \t\r\n", &save); flag; flag = strtok_r(NULL, " \t\r\n", &save)) {
        char *val = strtok_r(NULL, " \t\r\n", &save);
        if (!val) {
            snprintf(err, len, "flag %s has no value", flag);
            return -1;
        }
        int bad = 0;
        if (!strcmp(flag, "--in-width"))
            bad = cli_parse_uint(flag, val, 2, ESRU_MAX_IW, &cfg->in_width, err, len);
        else if (!strcmp(flag, "--out-width"))
            bad = cli_parse_uint(flag, val, 2, ESRU_MAX_IW, &cfg->out_width, err, len);
        else if (!strcmp(flag, "--shift"))
            bad = cli_parse_uint(flag, val, 0, ESRU_MAX_IW - 1, &cfg->shift, err, len);
        else if (!strcmp(flag, "--sru-width"))
            bad = cli_parse_uint(flag, val, 1, ESRU_MAX_N, &cfg->sru_width, err, len);
        else if (!strcmp(flag, "--prng-width"))
            bad = cli_parse_uint(flag, val, 1, ESRU_MAX_N, &cfg->prng_width, err, len);
        else if (!strcmp(flag, "--lanes"))
            bad = cli_parse_uint(flag, val, 1, ESRU_MAX_LANES, &cfg->lanes, err, len);
        else if (!strcmp(flag, "--seed"))
            bad = cli_parse_u64(flag, val, 1, UINT64_MAX, &cfg->seed, err, len);
        else if (!strcmp(flag, "--rounding")) {
            if ((bad = esru_parse_rounding(val, &cfg->rounding) != 0 || cfg->rounding == ROUND_SR_IDEAL))
                snprintf(err, len, "--rounding '%s' is unknown", val);
        } else if (!strcmp(flag, "--fill")) {
            if ((bad = esru_parse_fill(val, &cfg->fill) != 0))
                snprintf(err, len, "--fill '%s' is unknown", val);
        } else if (!strcmp(flag, "--prng")) {
            if ((bad = esru_parse_prng(val, &cfg->prng) != 0))
                snprintf(err, len, "--prng '%s' is unknown", val);
        } else if (!strcmp(flag, "--name")) {
            if ((bad = strlen(val) >= sizeof cfg->name))
                snprintf(err, len, "--name too long");
            else
                snprintf(cfg->name, sizeof cfg->name, "%s", val);
        } else {
            snprintf(err, len, "flag %s is not allowed in a config line", flag);
            bad = 1;
        }
        if (bad)
            return -1;
    }
    return esru_config_check(cfg, 0, err, len);
}

int eq_read_configs(const char *path, eq_entry *out, int max)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char line[EQ_LINE_MAX + 2];
    int n = 0;
    unsigned lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        line[strcspn(line, "\r\n")] = 0;
        char *p = line + strspn(line, " \t");
        for (size_t e = strlen(p); e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'); e--)
            p[e - 1] = 0;
        if (!*p)
            continue;
        if (n == max) {
            fprintf(stderr, "%s:%u: more than %d configs\n", path, lineno, max);
            fclose(f);
            return -1;
        }
        char err[512];
        if (!strstr(p, "--name ")) {
            fprintf(stderr, "%s:%u: every config needs its own --name\n", path, lineno);
            fclose(f);
            return -1;
        }
        if (eq_parse_line(p, &out[n].cfg, err, sizeof err) != 0) {
            fprintf(stderr, "%s:%u: %s\n", path, lineno, err);
            fclose(f);
            return -1;
        }
        for (int i = 0; i < n; i++)
            if (!strcmp(out[i].cfg.name, out[n].cfg.name)) {
                fprintf(stderr, "%s:%u: name %s already used on line %u\n", path, lineno, out[n].cfg.name,
                        out[i].lineno);
                fclose(f);
                return -1;
            }
        snprintf(out[n].line, sizeof out[n].line, "%s", p);
        out[n].lineno = lineno;
        n++;
    }
    fclose(f);
    return n;
}
