/* synthrep's place-and-route subcommands (see pnr.h). */
#include "io/publish.h"
#include "pnr.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PNR_MAX_DESIGNS 64

int pnr_cmd_nofit(const char *path)
{
    char *log = synth_slurp(path), reason[256];
    if (!log) {
        fprintf(stderr, "synthrep: cannot read %s\n", path);
        return 2;
    }
    int over = pnr_overuse(log, reason, sizeof reason);
    free(log);
    if (over != 1)
        return 1;
    printf("%s\n", reason);
    return 0;
}

static char *render(const pnr_design *ds, int n, void (*fn)(FILE *, const pnr_design *, int))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fn(f, ds, n);
    fclose(f);
    return buf;
}

int pnr_cmd_report(int argc, char **argv)
{
    static pnr_design ds[PNR_MAX_DESIGNS];
    const char *out = NULL, *gen = NULL, *runs = NULL;
    int opt, n = 0;
    optind = 1;
    while ((opt = getopt(argc, argv, "o:g:r:")) != -1) {
        if (opt == 'o') out = optarg;
        else if (opt == 'g') gen = optarg;
        else if (opt == 'r') runs = optarg;
        else return 2;
    }
    if (!out || !gen || !runs || optind >= argc || argc - optind > PNR_MAX_DESIGNS) {
        fprintf(stderr, "usage: synthrep pnr -o OUTDIR -g GENROOT -r RUNROOT NAME...\n");
        return 2;
    }
    for (int i = optind; i < argc; i++, n++) {
        pnr_design *d = &ds[n];
        char path[1024], err[1600];
        snprintf(d->name, sizeof d->name, "%s", argv[i]);
        int bad = snprintf(path, sizeof path, "%s/%s/%s.json", gen, d->name, d->name) >= (int)sizeof path;
        if (bad) snprintf(err, sizeof err, "path too long under %s", gen);
        bad = bad || synth_manifest_load(path, &d->man, err, sizeof err);
        if (!bad && snprintf(path, sizeof path, "%s/%s", runs, d->name) >= (int)sizeof path) {
            snprintf(err, sizeof err, "path too long under %s", runs);
            bad = 1;
        }
        if (bad || pnr_design_load(path, d, err, sizeof err)) {
            fprintf(stderr, "synthrep: design %s (pnr): %s\n", d->name, err);
            return 1;
        }
    }
    char *md = render(ds, n, pnr_write_md), *csv = render(ds, n, pnr_write_csv), *js = pnr_json_text(ds, n);
    const out_file set[] = {{"pnr.md", md}, {"pnr.csv", csv}, {"pnr.json", js}};
    int rc = !md || !csv || !js || esru_publish_report("synthrep", out, set, 3);
    free(md), free(csv), free(js);
    return rc;
}

int pnr_cmd_fmax(const char *path)
{
    char *text = synth_slurp(path), err[300];
    pnr_seed s;
    if (!text || pnr_report_parse(text, &s, err, sizeof err)) {
        fprintf(stderr, "synthrep: %s: %s\n", path, text ? err : "cannot read");
        free(text);
        return 1;
    }
    free(text);
    printf("%.1f\n", s.fmax_mhz);
    return 0;
}
