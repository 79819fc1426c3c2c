#include "design.h"
#include <math.h>
#include <string.h>

static void per_lane(const synth_design *d, double *v)
{
    area_per_lane(&d->c[TGT_XC7], &d->c[TGT_GATES], &d->c[TGT_OSU018], d->man.lanes, v);
}

static int is_sr(const synth_design *d, unsigned n, unsigned m)
{
    return !d->pending && !d->is_mac && strcmp(d->man.rounding, "sr") == 0 && d->man.n == n && d->man.m == m;
}

/* The round-to-nearest-even unit with the same IW/OW/D: the cost SR adds is measured against it. */
static const synth_design *rne_of(const synth_design *ds, int n, const synth_design *d)
{
    for (int i = 0; i < n; i++)
        if (!ds[i].pending && !ds[i].is_mac && strcmp(ds[i].man.rounding, "rne") == 0 && ds[i].man.iw == d->man.iw &&
            ds[i].man.ow == d->man.ow && ds[i].man.shift == d->man.shift)
            return &ds[i];
    return NULL;
}

static void fill_row(const synth_design *ds, int n, const synth_design *d, synth_hl_row *r)
{
    double rne[MET_COUNT];
    r->d = d;
    per_lane(d, r->unit);
    const synth_design *ref = rne_of(ds, n, d);
    r->have_over = ref != NULL;
    if (ref) per_lane(ref, rne);
    area_overhead(r->unit, ref ? rne : NULL, r->over);
}

/* The SR unit a MAC array's lanes are built from: same rounding, widths and PRNG kind. */
static const synth_design *unit_of(const synth_design *ds, int n, const synth_design *mac)
{
    for (int i = 0; i < n; i++) {
        const synth_design *d = &ds[i];
        /* a MAC array's lanes shift at run time: its manifest has no static shift */
        if (!d->pending && !d->is_mac && strcmp(d->man.rounding, mac->man.rounding) == 0 && d->man.n == mac->man.n &&
            d->man.m == mac->man.m && strcmp(d->man.prng, mac->man.prng) == 0 && d->man.iw == mac->man.iw &&
            d->man.ow == mac->man.ow && (mac->man.shift == 0 || d->man.shift == mac->man.shift))
            return d;
    }
    return NULL;
}

void synth_headline_compute(const synth_design *ds, int n, synth_headline *h)
{
    memset(h, 0, sizeof *h);
    for (int i = 0; i < n; i++) {
        const synth_design *d = &ds[i];
        if (!h->have_base && is_sr(d, 24, 24) && strcmp(d->man.prng, "lfsr") == 0) {
            fill_row(ds, n, d, &h->base);
            h->have_base = 1;
        } else if (is_sr(d, 8, 3) && h->nrows < SYNTH_HL_MAX) {
            fill_row(ds, n, d, &h->rows[h->nrows++]);
        } else if (d->is_mac && h->nmac < SYNTH_HL_MAX) {
            int k = h->nmac++;
            h->mac[k] = d;
            const synth_design *u = d->pending ? NULL : unit_of(ds, n, d);
            double unit[MET_COUNT], whole[MET_COUNT];
            if (u) {
                per_lane(u, unit);
                per_lane(d, whole); /* per MAC lane: the array divided by its lane count */
            }
            /* two banks of lanes per array: requantization and weight update */
            for (int m = 0; m < MET_COUNT; m++) h->mac_share[k][m] = u ? area_ratio(2 * unit[m], whole[m]) : NAN;
        }
    }
}
