#include "cfgline.h"
#include "cli/flags.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eq_has_rnd(const esru_config *cfg)
{
    return esru_config_has_rnd(cfg);
}

/* Through the flag table, as every tool reads flags. */
int eq_parse_line(const char *line, esru_config *cfg, char *err, size_t len)
{
    static esru_settings s;
    esru_settings_default(&s, ESRU_TOOL_LINE);
    if (esru_flags_parse_line(&s, line, err, len) != 0 || esru_settings_finish(&s, err, len) != 0)
        return -1;
    *cfg = s.sru;
    return 0;
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
