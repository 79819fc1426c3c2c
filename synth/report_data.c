#include "report.h"
#include <cJSON.h>
#include <math.h>

void synth_write_csv(FILE *f, const synth_design *ds, int n)
{
    fprintf(f, "design,target,status,config_hash,rounding,sru_width,prng_width,prng,lanes,logic,ff,carry,dsp,other,"
               "cells,transistors,lut1,lut2,lut3,lut4,lut5,lut6,other_types,area_um2,reg2reg_ns,worst_ns,fmax_mhz\n");
    for (int i = 0; i < n; i++) {
        const synth_design *d = &ds[i];
        const synth_manifest *m = &d->man;
        for (int t = 0; t < TGT_COUNT; t++) {
            const synth_counts *c = &d->c[t];
            if (d->pending) {
                fprintf(f, "%s,%s,pending,,,,,,,,,,,,,,,,,,,,,,,,\n", d->name, synth_target_name(t));
                continue;
            }
            fprintf(f, "%s,%s,ok,%s,%s,%u,%u,%s,%u,%ld,%ld,%ld,%ld,%ld,%ld,", d->name, synth_target_name(t), m->hash,
                    m->rounding, m->n, m->m, m->prng, m->lanes, c->logic, c->ff, c->carry, c->dsp, c->other, c->cells);
            if (c->transistors >= 0) fprintf(f, "%ld%s", c->transistors, c->transistors_partial ? "+" : "");
            for (int k = 1; k <= 6; k++) fprintf(f, ",%ld", c->lut[k]);
            fprintf(f, ",%s,", c->other_types);
            if (t == TGT_OSU018) {
                const synth_sta *s = &d->sta;
                fprintf(f, "%.1f,", c->area_um2);
                if (s->reg2reg.found) fprintf(f, "%.3f", s->reg2reg.min_period_ns);
                if (s->worst.found) fprintf(f, ",%.3f,%.1f", s->worst.min_period_ns, 1e3 / s->worst.min_period_ns);
                else fprintf(f, ",,");
            } else {
                fprintf(f, ",,,");
            }
            fprintf(f, "\n");
        }
    }
}

static cJSON *path_json(const synth_path *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddBoolToObject(o, "found", p->found);
    if (!p->found) return o;
    cJSON_AddStringToObject(o, "start", p->start);
    cJSON_AddStringToObject(o, "end", p->end);
    cJSON_AddNumberToObject(o, "arrival_ns", p->arrival_ns);
    cJSON_AddNumberToObject(o, "slack_ns", p->slack_ns);
    cJSON_AddNumberToObject(o, "min_period_ns", p->min_period_ns);
    return o;
}

/* osu018: the area and the critical paths; fmax_mhz from the worst path. */
static void stdcell_json(cJSON *o, const synth_counts *c, const synth_sta *s)
{
    cJSON_AddNumberToObject(o, "area_um2", c->area_um2);
    double period = synth_sta_period(s);
    if (period > 0) cJSON_AddNumberToObject(o, "fmax_mhz", 1e3 / period);
    else cJSON_AddNullToObject(o, "fmax_mhz");
    cJSON *sta = cJSON_AddObjectToObject(o, "sta");
    cJSON_AddNumberToObject(sta, "period_ns", s->period_ns);
    cJSON_AddItemToObject(sta, "reg2reg", path_json(&s->reg2reg));
    cJSON_AddItemToObject(sta, "worst", path_json(&s->worst));
}

static cJSON *counts_json(const synth_counts *c, synth_target t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "logic", c->logic);
    cJSON_AddNumberToObject(o, "ff", c->ff);
    cJSON_AddNumberToObject(o, "carry", c->carry);
    cJSON_AddNumberToObject(o, "dsp", c->dsp);
    cJSON_AddNumberToObject(o, "other", c->other);
    cJSON_AddNumberToObject(o, "cells", c->cells);
    cJSON_AddStringToObject(o, "other_types", c->other_types);
    if (t == TGT_XC7)
        for (int k = 1; k <= 6; k++) {
            char key[8];
            snprintf(key, sizeof key, "lut%d", k);
            cJSON_AddNumberToObject(o, key, c->lut[k]);
        }
    if (c->transistors >= 0) {
        cJSON_AddNumberToObject(o, "transistors", c->transistors);
        cJSON_AddBoolToObject(o, "transistors_partial", c->transistors_partial);
    }
    return o;
}

static cJSON *design_json(const synth_design *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", d->name);
    cJSON_AddStringToObject(o, "status", d->pending ? "pending" : "ok");
    if (d->pending) {
        cJSON_AddStringToObject(o, "note", d->note);
        return o;
    }
    const synth_manifest *m = &d->man;
    cJSON_AddStringToObject(o, "config_hash", m->hash);
    cJSON_AddStringToObject(o, "mapping", d->hier ? "hier" : "flat");
    cJSON *cfg = cJSON_AddObjectToObject(o, "config");
    cJSON_AddStringToObject(cfg, "rounding", m->rounding);
    cJSON_AddNumberToObject(cfg, "in_width", m->iw);
    cJSON_AddNumberToObject(cfg, "out_width", m->ow);
    cJSON_AddNumberToObject(cfg, "shift", m->shift);
    cJSON_AddNumberToObject(cfg, "sru_width", m->n);
    cJSON_AddNumberToObject(cfg, "prng_width", m->m);
    cJSON_AddStringToObject(cfg, "prng", m->prng);
    cJSON_AddNumberToObject(cfg, "lanes", m->lanes);
    cJSON *tg = cJSON_AddObjectToObject(o, "targets");
    for (int t = 0; t < TGT_COUNT; t++) cJSON_AddItemToObject(tg, synth_target_name(t), counts_json(&d->c[t], t));
    stdcell_json(cJSON_GetObjectItem(tg, synth_target_name(TGT_OSU018)), &d->c[TGT_OSU018], &d->sta);
    return o;
}

/* NAN is not JSON: write null. */
static void add_num(cJSON *o, const char *k, double v)
{
    if (isnan(v)) cJSON_AddNullToObject(o, k);
    else cJSON_AddNumberToObject(o, k, v);
}

static cJSON *row_json(const synth_hl_row *r, const synth_hl_row *base)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "design", r->d->name);
    const char *part[2] = {"unit", "overhead"};
    for (int p = 0; p < 2; p++) {
        const double *v = p ? r->over : r->unit, *b = p ? base->over : base->unit;
        cJSON *per = cJSON_AddObjectToObject(o, part[p]);
        cJSON *rat = cJSON_AddObjectToObject(o, p ? "overhead_ratio" : "unit_ratio");
        for (int k = 0; k < MET_COUNT; k++) {
            add_num(per, area_metric_names[k], v[k]);
            add_num(rat, area_metric_names[k], area_ratio(b[k], v[k]));
        }
    }
    return o;
}

static cJSON *headline_json(const synth_headline *h)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "published_ratio", SYNTH_PUBLISHED_RATIO);
    if (!h->have_base) return o;
    cJSON_AddItemToObject(o, "baseline", row_json(&h->base, &h->base));
    cJSON *rows = cJSON_AddArrayToObject(o, "units");
    for (int i = 0; i < h->nrows; i++) cJSON_AddItemToArray(rows, row_json(&h->rows[i], &h->base));
    cJSON *macs = cJSON_AddArrayToObject(o, "mac_share");
    for (int i = 0; i < h->nmac; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "design", h->mac[i]->name);
        cJSON_AddStringToObject(m, "status", h->mac[i]->pending ? "pending" : "ok");
        for (int k = 0; k < MET_COUNT; k++) add_num(m, area_metric_names[k], h->mac_share[i][k]);
        cJSON_AddItemToArray(macs, m);
    }
    return o;
}

char *synth_json_text(const synth_design *ds, int n, const synth_headline *h)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "designs");
    for (int i = 0; i < n; i++) cJSON_AddItemToArray(arr, design_json(&ds[i]));
    cJSON_AddItemToObject(root, "headline", headline_json(h));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}
