/* synthrep: reads esrugen manifests and Yosys `stat -json` files, writes the synthesis report.
 *   synthrep files MANIFEST          print the manifest's RTL files, one a line (for synth/yosys.sh)
 *   synthrep report -o OUT -g GEN -s SYN [-p [mac:]NAME=NOTE]... [mac:]NAME...
 *                                    OUT is the report directory, published as one set (io/publish.h)
 *   synthrep pnr -o OUT -g GEN -r RUNS NAME...   the iCE40 place-and-route report (pnr.h)
 *   synthrep nofit LOG               why a failed nextpnr run did not fit (pnr.h)
 *   synthrep fmax REPORT             the achieved MHz of one nextpnr report
 * Design NAME's manifest is GEN/NAME/NAME.json, its counts SYN/NAME/<target>.json. */
#include "io/publish.h"
#include "pnr.h"
#include "report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DESIGNS 64

static int usage(void)
{
    fprintf(stderr, "usage: synthrep files MANIFEST\n"
                    "       synthrep report -o OUTDIR -g GENROOT -s SYNROOT [-p [mac:]NAME=NOTE]... [mac:]NAME...\n"
                    "       synthrep pnr -o OUTDIR -g GENROOT -r RUNROOT NAME...\n"
                    "       synthrep nofit NEXTPNR_LOG\n"
                    "       synthrep fmax NEXTPNR_REPORT\n");
    return 2;
}

static int cmd_files(const char *path)
{
    static synth_manifest m;
    char err[512];
    if (synth_manifest_load(path, &m, err, sizeof err)) {
        fprintf(stderr, "synthrep: %s\n", err);
        return 1;
    }
    for (int i = 0; i < m.nfiles; i++) printf("%s\n", m.files[i]);
    return 0;
}

/* "mac:NAME" marks a MAC array; the rest is the name. */
static const char *strip_mac(const char *spec, synth_design *d)
{
    d->is_mac = strncmp(spec, "mac:", 4) == 0;
    return d->is_mac ? spec + 4 : spec;
}

static int too_long(const char *dir)
{
    fprintf(stderr, "synthrep: path too long under %s\n", dir);
    return -1;
}

static int load_design(synth_design *d, const char *spec, const char *gen, const char *syn)
{
    char path[1024], err[1400];
    snprintf(d->name, sizeof d->name, "%s", strip_mac(spec, d));
    if (snprintf(path, sizeof path, "%s/%s/%s.json", gen, d->name, d->name) >= (int)sizeof path) return too_long(gen);
    if (synth_manifest_load(path, &d->man, err, sizeof err)) {
        fprintf(stderr, "synthrep: design %s: %s\n", d->name, err);
        return -1;
    }
    for (int t = 0; t < TGT_COUNT; t++) {
        if (snprintf(path, sizeof path, "%s/%s/%s.json", syn, d->name, synth_target_name(t)) >= (int)sizeof path)
            return too_long(syn);
        if (synth_stat_load(path, t, &d->c[t], err, sizeof err)) {
            fprintf(stderr, "synthrep: design %s (%s): %s\n", d->name, synth_target_name(t), err);
            return -1;
        }
    }
    /* How make mapped it (optional: a result made by hand has no stamp). */
    if (snprintf(path, sizeof path, "%s/stamp/%s.mode", syn, d->name) >= (int)sizeof path) return too_long(syn);
    char *mode = synth_slurp(path);
    d->hier = mode && strncmp(mode, "hier", 4) == 0;
    free(mode);
    if (snprintf(path, sizeof path, "%s/%s", syn, d->name) >= (int)sizeof path) return too_long(syn);
    if (synth_stdcell_load(path, &d->c[TGT_OSU018], &d->sta, err, sizeof err)) {
        fprintf(stderr, "synthrep: design %s (osu018): %s\n", d->name, err);
        return -1;
    }
    return 0;
}

static int add_pending(synth_design *d, const char *spec)
{
    const char *eq = strchr(spec, '=');
    if (!eq) return -1;
    d->pending = 1;
    spec = strip_mac(spec, d);
    snprintf(d->name, sizeof d->name, "%.*s", (int)(eq - spec), spec);
    snprintf(d->note, sizeof d->note, "%s", eq + 1);
    return 0;
}


static char *render(void (*fn)(FILE *, const synth_design *, int, const synth_headline *), const synth_design *ds,
                    int n, const synth_headline *h)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    fn(f, ds, n, h);
    fclose(f);
    return buf;
}

static void csv_adapter(FILE *f, const synth_design *ds, int n, const synth_headline *h)
{
    (void)h;
    synth_write_csv(f, ds, n);
}

static int cmd_report(int argc, char **argv)
{
    static synth_design ds[MAX_DESIGNS];
    static synth_headline h;
    const char *out = NULL, *gen = NULL, *syn = NULL, *pend[MAX_DESIGNS];
    int np = 0, n = 0, opt;
    while ((opt = getopt(argc, argv, "o:g:s:p:")) != -1) {
        if (opt == 'o') out = optarg;
        else if (opt == 'g') gen = optarg;
        else if (opt == 's') syn = optarg;
        else if (opt == 'p' && np < MAX_DESIGNS) pend[np++] = optarg;
        else return usage();
    }
    if (!out || !gen || !syn || optind >= argc || argc - optind + np > MAX_DESIGNS) return usage();
    for (int i = optind; i < argc; i++)
        if (load_design(&ds[n++], argv[i], gen, syn)) return 1;
    for (int i = 0; i < np; i++)
        if (add_pending(&ds[n++], pend[i])) return usage();
    synth_headline_compute(ds, n, &h);
    char *md = render(synth_write_md, ds, n, &h), *csv = render(csv_adapter, ds, n, &h);
    char *js = synth_json_text(ds, n, &h);
    /* The three files as one set: all new or all old, whatever is killed when. */
    const out_file set[] = {{"synth.md", md}, {"synth.csv", csv}, {"synth.json", js}};
    int rc = !md || !csv || !js || esru_publish_report("synthrep", out, set, 3);
    free(md), free(csv), free(js);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "files") == 0) return cmd_files(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "report") == 0) return cmd_report(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "pnr") == 0) return pnr_cmd_report(argc - 1, argv + 1);
    if (argc == 3 && strcmp(argv[1], "nofit") == 0) return pnr_cmd_nofit(argv[2]);
    if (argc == 3 && strcmp(argv[1], "fmax") == 0) return pnr_cmd_fmax(argv[2]);
    return usage();
}
