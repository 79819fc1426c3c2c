/* lanesrep: the robustness matrix's report (make accuracy-lanes).
 *   lanesrep [--title NET] [--budget FLAGS] [--name NAME] PLAN CACHE OUTDIR
 * PLAN lines are KEY|LABEL|WEIGHT|LANES|SEED|FLAGS (sim/train/lanes_plan.sh);
 * CACHE/KEY.json are esrutrain --json results. Publishes OUTDIR as one set
 * (io/publish.h) holding accuracy-lanes.md and .json: per design and weight width, the mean test accuracy over seeds at
 * every lane count, min and mean over lane counts, the gap to 24/24 lfsr, and
 * the trainer's predicted worst-element bias beside each cell; and whether
 * every collapse was predicted. Missing results are reported, not invented. */
#include "io/publish.h"
#include "run_results.h"
#include "io/strbuf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 64
#define MAX_L 16
#define MAX_S 16
#define COLLAPSE_ACC 0.5   /* below: collapsed (chance is 0.1) */
#define WARN_BIAS (1.0 / 64)

typedef struct {
    char label[sizeof ((plan_job *)0)->label]; /* a plan label fits whole */
    unsigned weight;
    unsigned nl;
    unsigned lanes[MAX_L];
    double acc[MAX_L][MAX_S];
    unsigned nacc[MAX_L];
    double bias[MAX_L]; /* worst |element bias| over banks and seeds; NAN: no PRNG */
    int bias_known[MAX_L];
    int bias_declined[MAX_L]; /* the analyzer declined some bank: the worst is unknown */
} row;

static row rows[MAX_ROWS];
static unsigned nrows;

static row *row_find(const char *label, unsigned weight)
{
    for (unsigned i = 0; i < nrows; i++)
        if (!strcmp(rows[i].label, label) && rows[i].weight == weight)
            return &rows[i];
    return NULL;
}

static row *row_of(const char *label, unsigned weight)
{
    row *r = row_find(label, weight);
    if (r)
        return r;
    if (nrows == MAX_ROWS)
        return NULL;
    r = &rows[nrows++];
    snprintf(r->label, sizeof r->label, "%s", label);
    r->weight = weight;
    return r;
}

static unsigned lane_slot(row *r, unsigned L)
{
    for (unsigned i = 0; i < r->nl; i++)
        if (r->lanes[i] == L)
            return i;
    r->lanes[r->nl] = L;
    r->bias[r->nl] = NAN;
    return r->nl++;
}


int main(int argc, char **argv)
{
    runs_report_opts ro = {"MLP 784-256-128-10", "--epochs 3 --train-limit 20000 --test-limit 5000",
                           "accuracy-lanes"};
    int first = runs_report_args(argc, argv, &ro, 3);
    if (first < 0) {
        fprintf(stderr, "usage: lanesrep [--title NET] [--budget FLAGS] [--name NAME] PLAN CACHE OUTDIR\n"
                        "  (NAME: a file name without '/', not starting with '.'; default accuracy-lanes)\n");
        return 2;
    }
    const char *title = ro.title, *budget = ro.budget, *name = ro.name;
    argv += first - 1; /* argv[1..3]: PLAN CACHE OUTDIR */
    FILE *plan = fopen(argv[1], "r");
    if (!plan) {
        perror(argv[1]);
        return 2;
    }
    unsigned missing = 0, total = 0, lineno = 0;
    unsigned all_lanes[MAX_L], nall = 0;
    plan_job job;
    char err[512];
    int got;
    while ((got = plan_next(plan, &job, &lineno, err, sizeof err)) == 1) {
        row *r = row_of(job.label, job.weight);
        if (!r)
            continue;
        unsigned li = lane_slot(r, job.lanes);
        runs_add_unique(all_lanes, &nall, MAX_L, job.lanes);
        total++;
        run_result res;
        if (run_result_read(argv[2], job.key, &res) != 0) {
            missing++;
            continue;
        }
        if (r->nacc[li] < MAX_S)
            r->acc[li][r->nacc[li]++] = res.test_accuracy;
        if (res.bias_known && (!r->bias_known[li] || res.worst_bias > r->bias[li]))
            r->bias[li] = res.worst_bias;
        r->bias_known[li] |= res.bias_known;
        r->bias_declined[li] |= res.bias_declined;
    }
    if (got < 0) {
        fprintf(stderr, "lanesrep: %s: %s\n", argv[1], err);
        fclose(plan);
        return 2;
    }
    fclose(plan);
    runs_sort(all_lanes, nall);

    strbuf md, js;
    sb_init(&md);
    sb_init(&js);
    unsigned collapses = 0, predicted = 0, alarms = 0;
    sb_printf(&md, "# Robustness matrix (%s): test accuracy (%%) by lane count\n\n"
                   "Mean over seeds (budget `%s`); in brackets the trainer's\n"
                   "predicted worst-element bias in LSB (the largest of its two banks; `-`: no PRNG; `?`: the\n"
                   "analyzer declined a bank, a stride sharing a factor with a period too long to enumerate).\n"
                   "A cell is marked `!` when it collapsed (below 50 %%) and `*` when the prediction warned\n"
                   "(|bias| >= 1/64). Gap: mean accuracy minus 24/24 lfsr's at the same lane count.\n"
                   "%u of %u runs done.\n\n", title, budget, total - missing, total);
    sb_add(&js, "{\n  \"rows\": [");
    for (unsigned w = 8; w <= 16; w += 8) {
        int planned = 0; /* a width the plan does not train gets no section */
        for (unsigned ri = 0; ri < nrows; ri++)
            planned |= rows[ri].weight == w;
        if (!planned)
            continue;
        sb_printf(&md, "## %u-bit weights\n\n| design |", w);
        for (unsigned i = 0; i < nall; i++)
            sb_printf(&md, " L=%u |", all_lanes[i]);
        sb_add(&md, " min | mean | mean gap to 24/24 | max gap |\n|---|");
        for (unsigned i = 0; i < nall + 4; i++)
            sb_add(&md, "---|");
        sb_add(&md, "\n");
        const row *base = row_find("24/24 lfsr", w);
        for (unsigned ri = 0; ri < nrows; ri++) {
            row *r = &rows[ri];
            if (r->weight != w)
                continue;
            sb_printf(&md, "| %s |", r->label);
            double mn = INFINITY, sum = 0, gsum = 0, gmax = -INFINITY;
            unsigned nm = 0, ng = 0;
            sb_printf(&js, "%s\n    {\"design\": \"%s\", \"weight_width\": %u, \"lanes\": [", js.len > 14 ? "," : "",
                      r->label, w);
            int first = 1;
            for (unsigned i = 0; i < nall; i++) {
                unsigned L = all_lanes[i], li = r->nl;
                for (unsigned k = 0; k < r->nl; k++)
                    if (r->lanes[k] == L)
                        li = k;
                if (li == r->nl || r->nacc[li] == 0) {
                    sb_add(&md, li == r->nl ? " n/a |" : " (pending) |");
                    continue;
                }
                double m = 100 * runs_mean(r->acc[li], r->nacc[li]), sd = 100 * runs_sd(r->acc[li], r->nacc[li]);
                /* a declined bank warns too: its worst element is not known to be unbiased */
                int collapsed = m < 100 * COLLAPSE_ACC,
                    warned = r->bias_declined[li] || (r->bias_known[li] && r->bias[li] >= WARN_BIAS);
                collapses += collapsed;
                predicted += collapsed && warned;
                alarms += warned && !collapsed;
                mn = m < mn ? m : mn;
                sum += m;
                nm++;
                double g = NAN;
                for (unsigned k = 0; base && k < base->nl; k++)
                    if (base->lanes[k] == L && base->nacc[k])
                        g = m - 100 * runs_mean(base->acc[k], base->nacc[k]);
                if (!isnan(g)) {
                    gsum += g;
                    ng++;
                    gmax = -g > gmax ? -g : gmax;
                }
                char b[32];
                if (r->bias_declined[li])
                    snprintf(b, sizeof b, "?");
                else if (r->bias_known[li])
                    snprintf(b, sizeof b, "%.2g", r->bias[li]);
                else
                    snprintf(b, sizeof b, "-");
                sb_printf(&md, " %.2f%s%s [%s] |", m, collapsed ? "!" : "", warned ? "*" : "", b);
                char jb[32];
                if (r->bias_known[li] && !r->bias_declined[li])
                    snprintf(jb, sizeof jb, "%.6g", r->bias[li]);
                else
                    snprintf(jb, sizeof jb, "null");
                sb_printf(&js, "%s{\"lanes\": %u, \"seeds\": %u, \"mean\": %.4f, \"sd\": %.4f, \"collapsed\": %s, "
                               "\"predicted_worst_element_bias\": %s, \"bias_unverified\": %s, \"warned\": %s}",
                          first ? "" : ", ", L, r->nacc[li], m, sd, collapsed ? "true" : "false", jb,
                          r->bias_declined[li] ? "true" : "false", warned ? "true" : "false");
                first = 0;
            }
            sb_printf(&md, " %.2f | %.2f |", nm ? mn : NAN, nm ? sum / nm : NAN);
            if (ng)
                sb_printf(&md, " %+.2f | %.2f |\n", gsum / ng + 0.0, gmax + 0.0); /* + 0.0: -0 prints as 0 */
            else
                sb_add(&md, " - | - |\n");
            sb_printf(&js, "], \"min\": %.4f, \"mean\": %.4f}", nm ? mn : -1.0, nm ? sum / nm : -1.0);
        }
        sb_add(&md, "\n");
    }
    sb_printf(&md, "**Predictions**: %u of %u collapses were predicted by the stride check; %u warnings on "
                   "runs that did not collapse (biased but trained).\n",
              predicted, collapses, alarms);
    sb_printf(&js, "\n  ],\n  \"runs\": %u,\n  \"missing\": %u,\n  \"collapses\": %u,\n  \"collapses_predicted\": %u,\n"
                   "  \"warnings_without_collapse\": %u\n}\n",
              total, missing, collapses, predicted, alarms);
    char mdname[300], jsname[300];
    snprintf(mdname, sizeof mdname, "%s.md", name);
    snprintf(jsname, sizeof jsname, "%s.json", name);
    const out_file set[] = {{mdname, md.s}, {jsname, js.s}};
    int rc = esru_publish_report("lanesrep", argv[3], set, 2);
    sb_free(&md);
    sb_free(&js);
    printf("lanesrep: %u of %u runs; %u collapses, %u predicted; %s/%s\n", total - missing, total, collapses,
           predicted, argv[3], mdname);
    return rc ? 1 : 0;
}
