/* iCE40 place-and-route results (make pnr, synth/pnr.sh): nextpnr-ice40's
 * --report JSON per seed, its log when a design does not fit, and the report. */
#ifndef SYNTH_PNR_H
#define SYNTH_PNR_H
#include "manifest.h"
#include "stat.h"
#include <stddef.h>
#include <stdio.h>

#define PNR_MAX_SEEDS 32

typedef struct {
    double fmax_mhz;            /* achieved clock of the (only) clock domain */
    long lc_used, lc_avail;     /* ICESTORM_LC: logic cells (LUT4 + DFF + carry) */
    long io_used, io_avail;     /* SB_IO */
} pnr_seed;

/* One nextpnr --report JSON. 0, or -1 with err. */
int pnr_report_parse(const char *json, pnr_seed *out, char *err, size_t len);

/* The "Device utilisation" block of a nextpnr log: 1 with the over-used
 * resources in reason ("ICESTORM_LC 29005/7680") when the design needs more
 * than the device has, 0 when everything fits, -1 when the log has no block. */
int pnr_overuse(const char *log, char *reason, size_t len);

typedef struct {
    char name[64];
    int fits;                   /* 0: does not fit (reason), no seeds */
    char reason[256];
    char wrap[16], device[32];  /* from the run's meta file */
    synth_manifest man;
    synth_counts ice40;         /* Yosys synth_ice40 of the wrapped design */
    int nseeds;
    unsigned seed[PNR_MAX_SEEDS];
    pnr_seed run[PNR_MAX_SEEDS];
    double fmin, fmed, fmax;    /* over the seeds */
} pnr_design;

/* Reads DIR (one design's results: meta, ice40.json, seedN.json or nofit.txt). */
int pnr_design_load(const char *dir, pnr_design *d, char *err, size_t len);
/* Median of v[0..n-1] (n > 0; v is sorted in place). */
double pnr_median(double *v, int n);

void pnr_write_md(FILE *f, const pnr_design *ds, int n);
void pnr_write_csv(FILE *f, const pnr_design *ds, int n);
char *pnr_json_text(const pnr_design *ds, int n); /* NULL on allocation failure */

/* synthrep subcommands: `pnr -o OUT -g GEN -r RUNS NAME...` writes
 * OUT/pnr.{md,csv,json}; `nofit LOG` prints why a failed nextpnr run did not
 * fit (exit 0), or exits 1 when its log shows no over-used resource. */
int pnr_cmd_report(int argc, char **argv);
int pnr_cmd_nofit(const char *log);
/* `fmax REPORT`: the achieved MHz of one nextpnr report (progress lines). */
int pnr_cmd_fmax(const char *report);

#endif
