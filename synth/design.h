/* One row group of the synthesis report: a design and its counts per target. */
#ifndef SYNTH_DESIGN_H
#define SYNTH_DESIGN_H
#include "area.h"
#include "manifest.h"
#include "stat.h"
#include "stdcell.h"

typedef struct {
    char name[64];
    int pending;     /* not synthesized yet (its generator has not landed) */
    char note[160];  /* pending: why */
    int is_mac;      /* a MAC array: the report shows the SRUs' share of it */
    synth_manifest man;
    synth_counts c[TGT_COUNT];
    synth_sta sta; /* osu018 critical paths */
    int hier;      /* mapped module by module, then flattened (make synth's stamp/NAME.mode) */
} synth_design;

/* The headline: SR cost of the 24/24 baseline against each 8/3 unit, per lane. */
/* The metrics MET_* and their arithmetic: synth/area.h (shared with the exploration). */

typedef struct {
    const synth_design *d;
    double unit[MET_COUNT]; /* whole rounding unit incl. PRNG, per lane */
    double over[MET_COUNT]; /* unit minus the rne unit of the same IW/OW/D */
    int have_over;
} synth_hl_row;

#define SYNTH_HL_MAX 16
typedef struct {
    int have_base;
    synth_hl_row base;
    int nrows;
    synth_hl_row rows[SYNTH_HL_MAX];   /* the 8/3 SR units, in input order */
    int nmac;
    const synth_design *mac[SYNTH_HL_MAX];
    double mac_share[SYNTH_HL_MAX][MET_COUNT]; /* SRUs' share of the array; NAN if unknown */
} synth_headline;

void synth_headline_compute(const synth_design *ds, int n, synth_headline *h);

#endif
