#include "stdcell.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The number after the last ':' on the line that starts at p. */
static int number_after_colon(const char *p, double *v)
{
    const char *eol = strchr(p, '\n');
    const char *colon = NULL;
    for (const char *q = p; *q && q != eol; q++)
        if (*q == ':')
            colon = q;
    if (!colon)
        return -1;
    char *end;
    *v = strtod(colon + 1, &end);
    return end == colon + 1 ? -1 : 0;
}

static int count_of(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

int synth_area_parse(const char *text, double *area, long *cells, char *err, size_t len)
{
    /* A hierarchy ends with the top module's total; a flat design has one module. */
    const char *a = strstr(text, "Chip area for top module");
    if (!a) {
        if (count_of(text, "Chip area for module") != 1) {
            snprintf(err, len, "stat text has no \"Chip area for top module\" and not exactly one module area");
            return -1;
        }
        a = strstr(text, "Chip area for module");
    }
    if (number_after_colon(a, area) != 0 || *area <= 0) {
        snprintf(err, len, "unreadable chip area");
        return -1;
    }
    /* The cell count printed last before the area belongs to the same (top or only) module. */
    const char *c = NULL;
    for (const char *p = strstr(text, "Number of cells:"); p && p < a; p = strstr(p + 1, "Number of cells:"))
        c = p;
    double n;
    if (!c || number_after_colon(c, &n) != 0 || n < 0) {
        snprintf(err, len, "stat text has no cell count before the chip area");
        return -1;
    }
    *cells = (long)n;
    return 0;
}

/* The path name after "Startpoint:" or "Endpoint:" (up to a blank or line end). */
static int point_name(const char *sec, const char *key, char *out, size_t len)
{
    const char *p = strstr(sec, key);
    if (!p)
        return -1;
    p += strlen(key);
    while (*p == ' ')
        p++;
    size_t n = strcspn(p, " \n");
    if (n == 0)
        return -1;
    snprintf(out, len, "%.*s", (int)n, p);
    return 0;
}

/* The first number on the first line containing label. */
static int line_number(const char *sec, const char *label, double *v)
{
    const char *p = strstr(sec, label);
    if (!p)
        return -1;
    const char *bol = p;
    while (bol > sec && bol[-1] != '\n')
        bol--;
    char *end;
    *v = strtod(bol, &end);
    return end == bol || end > p ? -1 : 0;
}

static int parse_path(const char *text, const char *marker, const char *next, double period, synth_path *out,
                      char *err, size_t len)
{
    memset(out, 0, sizeof *out);
    const char *s = strstr(text, marker), *e = s ? strstr(s, next) : NULL;
    if (!s || !e) {
        snprintf(err, len, "STA report lacks the \"%s\" section", marker + 3);
        return -1;
    }
    size_t n = (size_t)(e - s);
    char *sec = malloc(n + 1);
    if (!sec) {
        snprintf(err, len, "out of memory");
        return -1;
    }
    memcpy(sec, s, n);
    sec[n] = 0;
    int rc = 0;
    if (strstr(sec, "No paths found.")) {
        out->found = 0;
    } else if (point_name(sec, "Startpoint:", out->start, sizeof out->start) ||
               point_name(sec, "Endpoint:", out->end, sizeof out->end) ||
               line_number(sec, "data arrival time", &out->arrival_ns) ||
               line_number(sec, "slack (", &out->slack_ns)) {
        snprintf(err, len, "STA report: the \"%s\" path lacks a start, end, arrival time or slack", marker + 3);
        rc = -1;
    } else {
        out->found = 1;
        out->min_period_ns = period - out->slack_ns;
    }
    free(sec);
    return rc;
}

int synth_sta_parse(const char *text, synth_sta *sta, char *err, size_t len)
{
    memset(sta, 0, sizeof *sta);
    const char *p = strstr(text, "period ");
    char *end = NULL;
    if (p && (p == text || p[-1] == '\n'))
        sta->period_ns = strtod(p + 7, &end);
    if (!end || end == p + 7 || sta->period_ns <= 0) {
        snprintf(err, len, "STA report has no \"period\" line");
        return -1;
    }
    if (parse_path(text, "== reg2reg", "== worst", sta->period_ns, &sta->reg2reg, err, len) ||
        parse_path(text, "== worst", "== end", sta->period_ns, &sta->worst, err, len))
        return -1;
    /* the worst path is the worst of all, register-to-register ones included */
    if (sta->reg2reg.found && (!sta->worst.found || sta->reg2reg.min_period_ns > sta->worst.min_period_ns + 1e-6)) {
        snprintf(err, len, "STA report: the register-to-register path is longer than the worst path");
        return -1;
    }
    return 0;
}

double synth_sta_period(const synth_sta *sta) { return sta->worst.found ? sta->worst.min_period_ns : -1; }

int synth_stdcell_load(const char *dir, synth_counts *c, synth_sta *sta, char *err, size_t len)
{
    char path[1024], why[300];
    long cells = 0;
    int rc = -1;
    snprintf(path, sizeof path, "%s/osu018.stat", dir);
    char *text = synth_slurp(path);
    if (!text) {
        snprintf(err, len, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (synth_area_parse(text, &c->area_um2, &cells, why, sizeof why) == 0 && cells != c->cells)
        snprintf(why, sizeof why, "%ld cells, but osu018.json says %ld: results of different runs", cells, c->cells);
    else
        rc = 0;
    free(text);
    if (rc == 0) {
        rc = -1;
        snprintf(path, sizeof path, "%s/osu018.sta", dir);
        if (!(text = synth_slurp(path))) {
            snprintf(err, len, "cannot read %s: %s", path, strerror(errno));
            return -1;
        }
        rc = synth_sta_parse(text, sta, why, sizeof why);
        free(text);
    }
    if (rc)
        snprintf(err, len, "%s: %s", path, why);
    return rc;
}
