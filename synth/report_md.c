#include "report.h"
#include <math.h>
#include <string.h>

static void num(FILE *f, double v)
{
    if (isnan(v)) fprintf(f, " n/a |");
    else if (v == floor(v)) fprintf(f, " %.0f |", v);
    else fprintf(f, " %.1f |", v);
}

static void ratio(FILE *f, double v)
{
    if (isnan(v)) fprintf(f, " n/a |");
    else fprintf(f, " %.2fx |", v);
}

/* The design's config; "(hier)": mapped module by module, then flattened. */
static void config(FILE *f, const synth_design *d)
{
    const synth_manifest *m = &d->man;
    const char *mode = d->hier ? " (hier)" : "";
    if (strcmp(m->rounding, "sr") == 0)
        fprintf(f, "| %s | sr %u/%u %s, %u->%u D=%u%s | %u |", d->name, m->n, m->m, m->prng, m->iw, m->ow, m->shift,
                mode, m->lanes);
    else /* N, M and the PRNG kind do not apply: no random bits */
        fprintf(f, "| %s | %s, %u->%u D=%u%s | %u |", d->name, m->rounding, m->iw, m->ow, m->shift, mode, m->lanes);
}

static void pending_row(FILE *f, const synth_design *d, int cols)
{
    fprintf(f, "| %s | pending: %s |", d->name, d->note);
    for (int i = 0; i < cols; i++) fprintf(f, " - |");
    fprintf(f, "\n");
}

/* "1.872 ns (a_reg -> b_reg)", or "none" when the design has no such path. */
static void path_cell(FILE *f, const synth_path *p)
{
    if (p->found) fprintf(f, " %.2f (%s -> %s) |", p->min_period_ns, p->start, p->end);
    else fprintf(f, " none |");
}

static void fmax_cell(FILE *f, const synth_sta *s)
{
    double p = synth_sta_period(s);
    if (p > 0) fprintf(f, " %.0f |", 1e3 / p);
    else fprintf(f, " n/a |");
}

static void target_tables(FILE *f, const synth_design *ds, int n)
{
    fprintf(f, "\n## Xilinx 7-series (`synth_xilinx -family xc7 -noiopad -noclkbuf`)\n\n"
               "| design | config | lanes | LUT | LUT1 | LUT2 | LUT3 | LUT4 | LUT5 | LUT6 | FF | CARRY4 | DSP48E1 | "
               "other | cells |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        const synth_counts *c = &ds[i].c[TGT_XC7];
        if (ds[i].pending) { pending_row(f, &ds[i], 13); continue; }
        config(f, &ds[i]);
        fprintf(f, " %ld |", c->logic);
        for (int k = 1; k <= 6; k++) fprintf(f, " %ld |", c->lut[k]);
        fprintf(f, " %ld | %ld | %ld | %ld %s | %ld |\n", c->ff, c->carry, c->dsp, c->other, c->other_types, c->cells);
    }
    fprintf(f, "\n## Lattice iCE40 (`synth_ice40`)\n\n| design | config | lanes | SB_LUT4 | SB_DFF* | SB_CARRY | "
               "SB_MAC16 | other | cells |\n|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        const synth_counts *c = &ds[i].c[TGT_ICE40];
        if (ds[i].pending) { pending_row(f, &ds[i], 7); continue; }
        config(f, &ds[i]);
        fprintf(f, " %ld | %ld | %ld | %ld | %ld %s | %ld |\n", c->logic, c->ff, c->carry, c->dsp, c->other,
                c->other_types, c->cells);
    }
    fprintf(f, "\n## Technology-neutral gates (`synth; dfflegalize $_DFF_P_; abc -g AND,NAND,OR,NOR,XOR,XNOR,MUX`)\n\n"
               "| design | config | lanes | gates | FF | other | cells | transistors (cmos) |\n"
               "|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        const synth_counts *c = &ds[i].c[TGT_GATES];
        if (ds[i].pending) { pending_row(f, &ds[i], 6); continue; }
        config(f, &ds[i]);
        fprintf(f, " %ld | %ld | %ld %s | %ld | %ld%s |\n", c->logic, c->ff, c->other, c->other_types, c->cells,
                c->transistors, c->transistors_partial ? "+" : "");
    }
    fprintf(f, "\n## Standard cells: OSU 0.18 um (`synth -flatten; dfflibmap; abc -liberty` + synth/osu018.abc; "
               "OpenSTA)\n\nPaths in ns: the shortest clock period each meets (period - slack), with start -> end "
               "register (`_reg`) or port.\n\n"
               "| design | config | lanes | um^2 | cells | FF | register-to-register path | worst path | Fmax MHz |\n"
               "|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        const synth_counts *c = &ds[i].c[TGT_OSU018];
        if (ds[i].pending) { pending_row(f, &ds[i], 7); continue; }
        config(f, &ds[i]);
        fprintf(f, " %.0f | %ld | %ld |", c->area_um2, c->cells, c->ff);
        path_cell(f, &ds[i].sta.reg2reg);
        path_cell(f, &ds[i].sta.worst);
        fmax_cell(f, &ds[i].sta);
        fprintf(f, "\n");
    }
}

static void hl_table(FILE *f, const synth_headline *h, int over)
{
    fprintf(f, "| unit | LUT | FF | LUT+FF | gates | transistors | LUT ratio | FF ratio | LUT+FF ratio | gates ratio "
               "| transistor ratio |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    const double *b = over ? h->base.over : h->base.unit;
    for (int r = -1; r < h->nrows; r++) {
        const synth_hl_row *row = r < 0 ? &h->base : &h->rows[r];
        const double *v = over ? row->over : row->unit;
        fprintf(f, "| %s%s |", row->d->name, r < 0 ? " (baseline)" : "");
        for (int k = 0; k <= MET_TRANS; k++) num(f, v[k]);
        for (int k = 0; k <= MET_TRANS; k++) ratio(f, area_ratio(b[k], v[k]));
        fprintf(f, "\n");
    }
}

/* (c): the whole unit and the SR overhead in um^2, with the unit's critical path. */
static void hl_area_table(FILE *f, const synth_headline *h)
{
    fprintf(f, "| unit | um^2 | SR overhead um^2 | um^2 ratio | SR overhead ratio | critical path ns | Fmax MHz |\n"
               "|---|---|---|---|---|---|---|\n");
    for (int r = -1; r < h->nrows; r++) {
        const synth_hl_row *row = r < 0 ? &h->base : &h->rows[r];
        fprintf(f, "| %s%s |", row->d->name, r < 0 ? " (baseline)" : "");
        num(f, row->unit[MET_UM2]);
        num(f, row->over[MET_UM2]);
        ratio(f, area_ratio(h->base.unit[MET_UM2], row->unit[MET_UM2]));
        ratio(f, area_ratio(h->base.over[MET_UM2], row->over[MET_UM2]));
        double p = synth_sta_period(&row->d->sta);
        if (p > 0) fprintf(f, " %.2f |", p);
        else fprintf(f, " n/a |");
        fmax_cell(f, &row->d->sta);
        fprintf(f, "\n");
    }
}

static void mac_lines(FILE *f, const synth_headline *h)
{
    const synth_design *ref = NULL; /* the array with 24/24 lanes: what the others save against */
    for (int k = 0; k < h->nmac; k++)
        if (!ref && !h->mac[k]->pending && h->mac[k]->man.n == 24 && h->mac[k]->man.m == 24) ref = h->mac[k];
    for (int k = 0; k < h->nmac; k++) {
        const synth_design *m = h->mac[k];
        if (m->pending) { fprintf(f, "- %s: pending (%s)\n", m->name, m->note); continue; }
        double a = m->c[TGT_OSU018].area_um2;
        fprintf(f, "- %s: LUT %.1f%%, FF %.1f%%, LUT+FF %.1f%%, gates %.1f%%, um^2 %.1f%%; whole array %.3f mm^2",
                m->name, 100 * h->mac_share[k][MET_LUT], 100 * h->mac_share[k][MET_FF],
                100 * h->mac_share[k][MET_LUTFF], 100 * h->mac_share[k][MET_GATES], 100 * h->mac_share[k][MET_UM2],
                a / 1e6);
        if (ref && ref != m) fprintf(f, " (%.1f %% less than %s)", 100 * (1 - a / ref->c[TGT_OSU018].area_um2), ref->name);
        if (m->sta.worst.found)
            fprintf(f, "; critical path %.2f ns (%s -> %s)", m->sta.worst.min_period_ns, m->sta.worst.start,
                    m->sta.worst.end);
        fprintf(f, "\n");
    }
}

static void headline(FILE *f, const synth_headline *h)
{
    fprintf(f, "## Headline: SR cost, 24/24 baseline vs 8/3 units (per lane, PRNG included)\n\n"
               "Ratios are baseline / unit (how many times cheaper the 8/3 unit is). "
               "Published figure: **%.2fx** (ESRU papers, FPGA SRU resources). "
               "LUT, FF: Xilinx 7-series; gates, transistors: technology-neutral netlist.\n\n",
            SYNTH_PUBLISHED_RATIO);
    if (!h->have_base) {
        fprintf(f, "No 24/24 lfsr baseline in this set: no headline.\n");
        return;
    }
    fprintf(f, "### (a) Whole rounding unit\n\n");
    hl_table(f, h, 0);
    fprintf(f, "\n### (b) SR overhead: unit minus the rne unit of the same IW/OW/D\n\n");
    if (h->base.have_over) hl_table(f, h, 1);
    else fprintf(f, "No rne unit with the baseline's IW/OW/D in this set.\n");
    fprintf(f, "\n### (c) Standard cells (OSU 0.18 um, osu018): um^2 per lane, whole unit and SR overhead\n\n"
               "Critical path: the shortest clock period the whole design meets (OpenSTA, inputs and outputs at "
               "the clock edge); Fmax = 1 / that.\n\n");
    hl_area_table(f, h);
    fprintf(f, "\n### SRUs' share of the MAC arrays\n\n");
    mac_lines(f, h);
    if (!h->nmac) fprintf(f, "No MAC array in this set.\n");
}

void synth_write_md(FILE *f, const synth_design *ds, int n, const synth_headline *h)
{
    fprintf(f, "# esrugen synthesis report\n\nGenerated by `make synth` (synth/). One row per design and target; "
               "counts are whole designs (all lanes). Config: rounding N/M prng, IW->OW, D; (hier): mapped module "
               "by module (a MAC array's PE once), then flattened for the count (`SYNTH_HIER`, docs/synth.md).\n\n");
    headline(f, h);
    target_tables(f, ds, n);
}
