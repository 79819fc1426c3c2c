#include "pnr.h"
#include <cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int util(const cJSON *u, const char *bel, long *used, long *avail)
{
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(u, bel);
    const cJSON *us = cJSON_GetObjectItemCaseSensitive(b, "used");
    const cJSON *av = cJSON_GetObjectItemCaseSensitive(b, "available");
    if (!cJSON_IsNumber(us) || !cJSON_IsNumber(av))
        return -1;
    *used = (long)us->valuedouble;
    *avail = (long)av->valuedouble;
    return 0;
}

int pnr_report_parse(const char *json, pnr_seed *o, char *err, size_t len)
{
    memset(o, 0, sizeof *o);
    cJSON *root = synth_json_parse(json, err, len);
    if (!root)
        return -1;
    int rc = -1;
    const cJSON *fm = cJSON_GetObjectItemCaseSensitive(root, "fmax");
    const cJSON *u = cJSON_GetObjectItemCaseSensitive(root, "utilization");
    /* The wrappers have one clock: two domains would make "the" Fmax ambiguous. */
    if (!cJSON_IsObject(fm) || cJSON_GetArraySize(fm) != 1) {
        snprintf(err, len, "nextpnr report has not exactly one clock under \"fmax\"");
        goto out;
    }
    const cJSON *ach = cJSON_GetObjectItemCaseSensitive(fm->child, "achieved");
    if (!cJSON_IsNumber(ach) || ach->valuedouble <= 0) {
        snprintf(err, len, "nextpnr report: clock %s has no achieved frequency", fm->child->string);
        goto out;
    }
    o->fmax_mhz = ach->valuedouble;
    if (util(u, "ICESTORM_LC", &o->lc_used, &o->lc_avail) || util(u, "SB_IO", &o->io_used, &o->io_avail)) {
        snprintf(err, len, "nextpnr report lacks ICESTORM_LC / SB_IO utilization");
        goto out;
    }
    rc = 0;
out:
    cJSON_Delete(root);
    return rc;
}

int pnr_overuse(const char *log, char *reason, size_t len)
{
    const char *p = strstr(log, "Device utilisation:");
    if (!p)
        return -1;
    reason[0] = 0;
    int over = 0;
    /* lines "Info: \t   ICESTORM_LC:   195/ 7680     2%" until the first line without a ratio */
    for (p = strchr(p, '\n'); p && *++p;) {
        char bel[64];
        long used, avail;
        if (sscanf(p, "Info: %63[A-Za-z0-9_]: %ld/ %ld", bel, &used, &avail) != 3)
            break;
        if (used > avail) {
            size_t n = strlen(reason);
            snprintf(reason + n, len - n, "%s%s %ld/%ld", n ? ", " : "", bel, used, avail);
            over = 1;
        }
        p = strchr(p, '\n');
    }
    return over;
}

double pnr_median(double *v, int n)
{
    for (int i = 1; i < n; i++) /* insertion sort: a handful of seeds */
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* meta: "wrap MODE", "device DEV PKG", "seeds S...", one a line. */
static int read_meta(const char *text, pnr_design *d, char *err, size_t len)
{
    const char *w = strstr(text, "wrap "), *dv = strstr(text, "device "), *s = strstr(text, "seeds ");
    char dev[16], pkg[16];
    if (!w || !dv || !s || sscanf(w, "wrap %15s", d->wrap) != 1 || sscanf(dv, "device %15s %15s", dev, pkg) != 2) {
        snprintf(err, len, "meta lacks wrap, device or seeds");
        return -1;
    }
    snprintf(d->device, sizeof d->device, "%s %s", dev, pkg);
    d->nseeds = 0;
    for (s += 6; *s && *s != '\n';) {
        char *end;
        unsigned long v = strtoul(s, &end, 10);
        if (end == s)
            break;
        if (d->nseeds == PNR_MAX_SEEDS) {
            snprintf(err, len, "more than %d seeds", PNR_MAX_SEEDS);
            return -1;
        }
        d->seed[d->nseeds++] = (unsigned)v;
        s = end;
    }
    if (d->nseeds == 0) {
        snprintf(err, len, "meta names no seeds");
        return -1;
    }
    return 0;
}

static char *slurp_in(const char *dir, const char *file, char *err, size_t len)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    char *t = synth_slurp(path);
    if (!t)
        snprintf(err, len, "cannot read %s: %s", path, strerror(errno));
    return t;
}

int pnr_design_load(const char *dir, pnr_design *d, char *err, size_t len)
{
    char why[400], path[1200];
    char *text = slurp_in(dir, "meta", err, len);
    if (!text)
        return -1;
    int rc = read_meta(text, d, why, sizeof why);
    free(text);
    if (rc) {
        snprintf(err, len, "%s/meta: %s", dir, why);
        return -1;
    }
    snprintf(path, sizeof path, "%s/ice40.json", dir);
    if (synth_stat_load(path, TGT_ICE40, &d->ice40, err, len))
        return -1;
    snprintf(path, sizeof path, "%s/nofit.txt", dir);
    if ((text = synth_slurp(path)) != NULL) {
        d->fits = 0;
        snprintf(d->reason, sizeof d->reason, "%.*s", (int)strcspn(text, "\n"), text);
        free(text);
        return 0;
    }
    d->fits = 1;
    double f[PNR_MAX_SEEDS];
    for (int i = 0; i < d->nseeds; i++) {
        char file[32];
        snprintf(file, sizeof file, "seed%u.json", d->seed[i]);
        if (!(text = slurp_in(dir, file, err, len)))
            return -1;
        rc = pnr_report_parse(text, &d->run[i], why, sizeof why);
        free(text);
        if (rc) {
            snprintf(err, len, "%s/%s: %s", dir, file, why);
            return -1;
        }
        f[i] = d->run[i].fmax_mhz;
    }
    d->fmed = pnr_median(f, d->nseeds);
    d->fmin = f[0];
    d->fmax = f[d->nseeds - 1];
    return 0;
}
