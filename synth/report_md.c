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

static void config(FILE *f, const synth_design *d)
{
    const synth_manifest *m = &d->man;
    if (strcmp(m->rounding, "sr") == 0)
        fprintf(f, "| %s | sr %u/%u %s, %u->%u D=%u | %u |", d->name, m->n, m->m, m->prng, m->iw, m->ow, m->shift,
                m->lanes);
    else /* N, M and the PRNG kind do not apply: no random bits */
        fprintf(f, "| %s | %s, %u->%u D=%u | %u |", d->name, m->rounding, m->iw, m->ow, m->shift, m->lanes);
}

static void pending_row(FILE *f, const synth_design *d, int cols)
{
    fprintf(f, "| %s | pending: %s |", d->name, d->note);
    for (int i = 0; i < cols; i++) fprintf(f, " - |");
    fprintf(f, "\n");
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
        for (int k = 0; k < MET_COUNT; k++) num(f, v[k]);
        for (int k = 0; k < MET_COUNT; k++) ratio(f, synth_ratio(b[k], v[k]));
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
    fprintf(f, "\n### SRUs' share of the 8x8 MAC array\n\n");
    for (int k = 0; k < h->nmac; k++) {
        const synth_design *m = h->mac[k];
        if (m->pending) { fprintf(f, "- %s: pending (%s)\n", m->name, m->note); continue; }
        fprintf(f, "- %s: LUT %.1f%%, FF %.1f%%, LUT+FF %.1f%%, gates %.1f%%\n", m->name,
                100 * h->mac_share[k][MET_LUT], 100 * h->mac_share[k][MET_FF], 100 * h->mac_share[k][MET_LUTFF],
                100 * h->mac_share[k][MET_GATES]);
    }
    if (!h->nmac) fprintf(f, "No MAC array in this set.\n");
}

void synth_write_md(FILE *f, const synth_design *ds, int n, const synth_headline *h)
{
    fprintf(f, "# esrugen synthesis report\n\nGenerated by `make synth` (synth/). One row per design and target; "
               "counts are whole designs (all lanes). Config: rounding N/M prng, IW->OW, D.\n\n");
    headline(f, h);
    target_tables(f, ds, n);
}
