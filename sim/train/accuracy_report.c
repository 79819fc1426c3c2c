/* accrep: the accuracy table of make accuracy.
 *   accrep [--title NET] [--budget TEXT] PLAN CACHE OUTDIR NAME
 * PLAN lines are KEY|LABEL|WEIGHT|LANES|SEED|FLAGS (sim/train/accuracy_plan.sh;
 * WEIGHT 0: fp32), CACHE/KEY.json esrutrain --json results (run_results.h).
 * One row per label in plan order, one column group per weight width: test
 * accuracy mean +- sample std over seeds, mean train accuracy, mean overflow
 * count; an fp32 row (no weight width) fills every group. Publishes OUTDIR
 * as one set (io/publish.h): NAME.md and NAME.json. A missing result is
 * shown as pending and counted, never invented. */
#include "io/publish.h"
#include "io/strbuf.h"
#include "run_results.h"
#include <cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 64
#define MAX_W 4
#define MAX_S 16

typedef struct {
    char label[96];
    unsigned weight; /* 0: fp32 */
    unsigned planned, n;
    double test[MAX_S], train[MAX_S], overflows[MAX_S], ips[MAX_S];
} cell;

static cell cells[MAX_ROWS * MAX_W];
static unsigned ncells;
static char labels[MAX_ROWS][96];
static unsigned nlabels, widths[MAX_W], nwidths;

static cell *cell_of(const char *label, unsigned weight)
{
    for (unsigned i = 0; i < ncells; i++)
        if (!strcmp(cells[i].label, label) && cells[i].weight == weight)
            return &cells[i];
    return NULL;
}

static int has_width(unsigned w)
{
    for (unsigned i = 0; i < nwidths; i++)
        if (widths[i] == w)
            return 1;
    return 0;
}

static int add_job(const plan_job *j)
{
    if (cell_of(j->label, j->weight))
        return 0;
    int seen = 0;
    for (unsigned i = 0; i < nlabels; i++)
        seen |= !strcmp(labels[i], j->label);
    if (!seen) {
        if (nlabels == MAX_ROWS)
            return -1;
        snprintf(labels[nlabels++], sizeof labels[0], "%s", j->label);
    }
    if (j->weight && !has_width(j->weight)) {
        if (nwidths == MAX_W)
            return -1;
        widths[nwidths++] = j->weight;
    }
    if (ncells == MAX_ROWS * MAX_W)
        return -1;
    cell *c = &cells[ncells++];
    snprintf(c->label, sizeof c->label, "%s", j->label);
    c->weight = j->weight;
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: accrep [--title NET] [--budget TEXT] PLAN CACHE OUTDIR NAME\n"
               "  writes OUTDIR/NAME.md and OUTDIR/NAME.json (published as one set)\n");
}

int main(int argc, char **argv)
{
    const char *title = "MLP 784-256-128-10", *budget = "";
    static const struct option opts[] = {
        {"title", required_argument, 0, 't'}, {"budget", required_argument, 0, 'b'}, {"help", no_argument, 0, 'h'}, {0}};
    int o;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 't')
            title = optarg;
        else if (o == 'b')
            budget = optarg;
        else if (o == 'h') {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (argc - optind != 4) {
        usage(stderr);
        return 2;
    }
    const char *plan_path = argv[optind], *cache = argv[optind + 1], *outdir = argv[optind + 2],
               *name = argv[optind + 3];
    if (!*name || strchr(name, '/') || name[0] == '.') {
        fprintf(stderr, "accrep: NAME '%s' (valid: a file name without '/', not starting with '.')\n", name);
        return 2;
    }
    FILE *plan = fopen(plan_path, "r");
    if (!plan) {
        perror(plan_path);
        return 2;
    }
    plan_job job;
    unsigned lineno = 0, total = 0, missing = 0, seeds[MAX_S], nseeds = 0;
    double secs = 0;
    char err[512];
    int got;
    while ((got = plan_next(plan, &job, &lineno, err, sizeof err)) == 1) {
        if (add_job(&job)) {
            fprintf(stderr, "accrep: %s: more than %d labels or %d weight widths\n", plan_path, MAX_ROWS, MAX_W);
            fclose(plan);
            return 2;
        }
        runs_add_unique(seeds, &nseeds, MAX_S, job.seed);
        cell *c = cell_of(job.label, job.weight);
        c->planned++;
        total++;
        run_result r;
        if (run_result_read(cache, job.key, &r) != 0) {
            missing++;
            continue;
        }
        if (c->n == MAX_S) {
            fprintf(stderr, "accrep: %s: more than %d runs of '%s'\n", plan_path, MAX_S, job.label);
            fclose(plan);
            return 2;
        }
        c->test[c->n] = 100 * r.test_accuracy;
        c->train[c->n] = 100 * r.train_accuracy;
        c->overflows[c->n] = r.overflows;
        c->ips[c->n++] = r.images_per_second;
        if (!isnan(r.train_seconds))
            secs += r.train_seconds;
    }
    fclose(plan);
    if (got < 0) {
        fprintf(stderr, "accrep: %s: %s\n", plan_path, err);
        return 2;
    }
    runs_sort(widths, nwidths);

    strbuf md, js_nl;
    sb_init(&md);
    sb_init(&js_nl);
    char seedlist[128] = "";
    for (unsigned i = 0; i < nseeds; i++)
        snprintf(seedlist + strlen(seedlist), sizeof seedlist - strlen(seedlist), "%s%u", i ? " " : "", seeds[i]);
    sb_printf(&md, "# esrutrain accuracy: Fashion-MNIST %s\n\n", title);
    sb_printf(&md, "Budget: `%s`, seeds %s, batch 32, lr 2^-4, act/error width 8, accumulator 32. Test accuracy in "
                   "%%, mean +- sample std over seeds; overflows = mean saturation count per run. Generated by "
                   "`make accuracy` from %u of %u runs (%.0f s of training in all).\n\n| configuration |",
              budget, seedlist, total - missing, total, secs);
    for (unsigned i = 0; i < nwidths; i++)
        sb_printf(&md, " w%u test acc | w%u train acc | w%u overflows |", widths[i], widths[i], widths[i]);
    sb_add(&md, "\n|---|");
    for (unsigned i = 0; i < 3 * nwidths; i++)
        sb_add(&md, "---|");
    sb_add(&md, "\n");
    for (unsigned l = 0; l < nlabels; l++) {
        sb_printf(&md, "| %s |", labels[l]);
        for (unsigned wi = 0; wi < nwidths; wi++) {
            const cell *c = cell_of(labels[l], widths[wi]);
            if (!c)
                c = cell_of(labels[l], 0); /* fp32: the same in every group */
            if (!c)
                sb_add(&md, " - | - | - |");
            else if (!c->n)
                sb_add(&md, " (pending) | - | - |");
            else
                sb_printf(&md, " %.2f +- %.2f | %.2f | %.0f |", runs_mean(c->test, c->n), runs_sd(c->test, c->n),
                          runs_mean(c->train, c->n), runs_mean(c->overflows, c->n));
        }
        sb_add(&md, "\n");
    }
    cJSON *root = cJSON_CreateObject(), *rows = cJSON_CreateArray();
    cJSON_AddStringToObject(root, "title", title);
    cJSON_AddStringToObject(root, "budget", budget);
    cJSON_AddStringToObject(root, "seeds", seedlist);
    cJSON_AddNumberToObject(root, "runs", total);
    cJSON_AddNumberToObject(root, "missing", missing);
    cJSON_AddNumberToObject(root, "train_seconds", round(secs * 10) / 10);
    cJSON_AddItemToObject(root, "rows", rows);
    for (unsigned i = 0; i < ncells; i++) {
        const cell *c = &cells[i];
        cJSON *r = cJSON_CreateObject();
        cJSON_AddItemToArray(rows, r);
        cJSON_AddStringToObject(r, "config", c->label);
        if (c->weight)
            cJSON_AddNumberToObject(r, "weight_width", c->weight);
        else
            cJSON_AddNullToObject(r, "weight_width");
        cJSON_AddNumberToObject(r, "planned", c->planned);
        cJSON_AddNumberToObject(r, "runs", c->n);
        if (!c->n)
            continue;
        cJSON_AddNumberToObject(r, "test_accuracy_mean", runs_mean(c->test, c->n));
        cJSON_AddNumberToObject(r, "test_accuracy_std", runs_sd(c->test, c->n));
        cJSON_AddNumberToObject(r, "train_accuracy_mean", runs_mean(c->train, c->n));
        cJSON_AddNumberToObject(r, "overflows_mean", runs_mean(c->overflows, c->n));
        cJSON_AddNumberToObject(r, "images_per_second_mean", runs_mean(c->ips, c->n));
    }
    char *js = cJSON_Print(root);
    cJSON_Delete(root);
    if (!js) {
        fprintf(stderr, "accrep: out of memory\n");
        sb_free(&md);
        return 1;
    }
    sb_add(&js_nl, js);
    char mdname[300], jsname[300];
    snprintf(mdname, sizeof mdname, "%s.md", name);
    snprintf(jsname, sizeof jsname, "%s.json", name);
    free(js);
    sb_add(&js_nl, "\n");
    const out_file set[] = {{mdname, md.s}, {jsname, js_nl.s}};
    int rc = esru_publish_report("accrep", outdir, set, 2);
    sb_free(&md);
    sb_free(&js_nl);
    if (!rc)
        printf("accrep: %u of %u runs; %s/%s\n", total - missing, total, outdir, mdname);
    return rc ? 1 : 0;
}
