/* exptool: the bookkeeping of `make explore` (see docs/explore.md).
 *   exptool prune  [opts] POINTS TRAINS CACHE OUTDIR   cheap scores -> OUTDIR/survivors.txt, pruned.tsv
 *   exptool report [opts] POINTS TRAINS CACHE OUTDIR   all scores -> results.csv/json, pareto.md, plot data
 *   exptool key KIND TOOLS ARGS...                     a job's cache key (keys.h: FNV-1a 64 + fmix64, 16 hex)
 *   exptool area NAME                                   exit 0 if NAME is an area metric (EXPLORE_AREA), else 2
 *   exptool plan EXDIR CACHE GEN_TOOLS TRAIN_TOOLS      the plan: points.tsv, trains.tsv, gen.jobs (plan.h)
 *   exptool resonant GENDIR L,L,..                      exit 0 if the unit resonates at a lane count (job.sh: no synthesis)
 *   exptool merge FROM CACHE POINTS TRAINS              results computed elsewhere into the cache (merge.h)
 * POINTS (points.tsv) and TRAINS (trains.tsv) are written by exptool plan;
 * CACHE holds gen/KEY/ (analyze.json, xc7.json, gates.json, [osu018.*], bias-LL.json) and train/KEY.json.
 * options: --tol PP (percentage points, default 0.2), --bias max|mean|both, --scope element|design,
 *          --area lutff|lut|ff|gates|transistors|um2 (synth/area.h), --lanes L,L,.. (robustness) */
#include "io/outdir.h"
#include "io/strbuf.h"
#include "keys.h"
#include "pareto.h"
#include "merge.h"
#include "plan.h"
#include "cli/number.h"
#include "sim/train/bias_check.h"
#include "synth/area.h"
#include "synth/stdcell.h"
#include <cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEEDS 16
#define MAX_LANES 16
typedef struct {
    char id[64], role[8], rounding[8], kind[12], fill[8], gen_key[24];
    int n, m, lanes;
    char gen_args[512];
    /* cheap scores */
    double bias_max, bias_mean, bias_unb, prng_bias, var, var_ideal;
    /* robustness: the worst element's mean bias at each swept lane count L (NAN: esrugen
     * refuses the design at L), over both banks' strides K from the trainer */
    double rob_at[MAX_LANES];
    double robust;             /* the worst of them (signed, output LSBs) */
    unsigned robust_lanes;     /* ... at this lane count */
    unsigned long long robust_k; /* ... and this stride */
    int nskip, resonant;       /* resonant: worse than its whole-period mean bias by >= BIAS_WARN_LSB, or unverified */
    unsigned unverified;       /* a lane count where the analyzer could not give a bank's per-element bias (0: none) */
    double unit[MET_COUNT], over[MET_COUNT];
    double crit_ns;            /* osu018: the worst path's shortest period (OpenSTA); NAN: not run */
    /* training */
    int nseeds, ndone;
    char train_keys[MAX_SEEDS][24];
    unsigned long long seeds[MAX_SEEDS];
    char train_args[512];
    double accs[MAX_SEEDS], acc, acc_std, train_acc, loss;
    int dom, front;
} point;

typedef struct {
    double tol; /* accuracy units (0..1) */
    int bias, area;
    int element; /* prune on the worst element's bias over the lane counts (1) or the whole-period design bias (0) */
    unsigned lanes[MAX_LANES], nlanes; /* the lane counts of the robustness score */
} opts;

/* A design worse at some lane count than over its whole period by this much resonates: pruned, never recommended. */
#define RESONANCE_LSB BIAS_WARN_LSB
static const opts *cur_opts; /* the report's options, for the writers */

typedef struct {
    point *p;
    int n, base, rne;
    const char *cache;
} plan;

static int die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "exptool: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return 1;
}

/* Split a tab-separated line in place; returns the number of fields. */
static int split_tabs(char *line, char **f, int max)
{
    int k = 0;
    line[strcspn(line, "\r\n")] = 0;
    while (k < max) {
        f[k++] = line;
        char *t = strchr(line, '\t');
        if (!t) break;
        *t = 0;
        line = t + 1;
    }
    return k;
}

static int parse_int(const char *s, int *v)
{
    char *e;
    errno = 0;
    long x = strtol(s, &e, 10);
    if (errno || e == s || *e || x < 0 || x > 1000000) return -1;
    *v = (int)x;
    return 0;
}

#define CPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

static int load_points(const char *path, plan *pl)
{
    FILE *f = fopen(path, "r");
    if (!f) return die("cannot read %s: %s", path, strerror(errno));
    char line[2048], *fl[12];
    int cap = 0, lineno = 0;
    pl->n = 0, pl->base = pl->rne = -1;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n') continue;
        if (split_tabs(line, fl, 12) != 10) {
            fclose(f);
            return die("%s: malformed line (want 10 tab-separated fields): %s", path, fl[0]);
        }
        if (pl->n == cap) {
            cap = cap ? 2 * cap : 64;
            pl->p = realloc(pl->p, (size_t)cap * sizeof *pl->p);
            if (!pl->p) abort();
        }
        point *p = &pl->p[pl->n];
        memset(p, 0, sizeof *p);
        CPY(p->id, fl[0]), CPY(p->role, fl[1]), CPY(p->rounding, fl[2]);
        CPY(p->kind, fl[5]), CPY(p->fill, fl[6]), CPY(p->gen_key, fl[8]), CPY(p->gen_args, fl[9]);
        if (parse_int(fl[3], &p->n) || parse_int(fl[4], &p->m) || parse_int(fl[7], &p->lanes) || p->lanes < 1) {
            fclose(f);
            return die("%s: bad number in the line of %s", path, p->id);
        }
        p->bias_max = p->bias_mean = p->bias_unb = p->prng_bias = p->var = p->var_ideal = NAN;
        p->robust = p->crit_ns = NAN;
        p->acc = p->acc_std = p->train_acc = p->loss = NAN;
        p->dom = -1;
        if (strcmp(p->role, "base") == 0) pl->base = pl->n;
        if (strcmp(p->role, "rne") == 0) pl->rne = pl->n;
        pl->n++;
    }
    fclose(f);
    if (pl->base < 0) return die("%s: no baseline point (role base)%s", path, "");
    if (pl->rne < 0) return die("%s: no rne point (role rne)%s", path, "");
    return 0;
}

static point *find_point(plan *pl, const char *id)
{
    for (int i = 0; i < pl->n; i++)
        if (strcmp(pl->p[i].id, id) == 0) return &pl->p[i];
    return NULL;
}

static int load_trains(const char *path, plan *pl)
{
    FILE *f = fopen(path, "r");
    if (!f) return die("cannot read %s: %s", path, strerror(errno));
    char line[2048], *fl[6];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        if (split_tabs(line, fl, 6) != 4) {
            fclose(f);
            return die("%s: malformed line (want 4 tab-separated fields): %s", path, fl[0]);
        }
        point *p = find_point(pl, fl[0]);
        if (!p || p->nseeds == MAX_SEEDS) {
            fclose(f);
            return die("%s: unknown point or too many seeds: %s", path, fl[0]);
        }
        p->seeds[p->nseeds] = strtoull(fl[1], NULL, 10);
        CPY(p->train_keys[p->nseeds], fl[2]);
        CPY(p->train_args, fl[3]);
        p->nseeds++;
    }
    fclose(f);
    return 0;
}

static cJSON *load_json(const char *path)
{
    char *text = synth_slurp(path);
    if (!text) return NULL;
    cJSON *j = cJSON_Parse(text);
    free(text);
    return j;
}

static double num(const cJSON *o, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b) x = cJSON_GetObjectItemCaseSensitive(x, b);
    return cJSON_IsNumber(x) ? x->valuedouble : NAN;
}

/* The worst element's mean bias at lane count L over both banks: the trainer's
 * bias check (esrutrain --bias-check-only, job.sh gen), or NAN with *skip
 * when esrugen refused the design at L lanes. */
static int load_bias_check(const char *dir, const point *p, unsigned L, double *worst, unsigned long long *k, int *skip,
                           int *unknown)
{
    char path[1200];
    *worst = NAN, *k = 0, *skip = 0, *unknown = 0;
    snprintf(path, sizeof path, "%s/bias-L%u.skip", dir, L);
    FILE *f = fopen(path, "r");
    if (f) {
        fclose(f);
        *skip = 1;
        return 0;
    }
    snprintf(path, sizeof path, "%s/bias-L%u.json", dir, L);
    cJSON *j = load_json(path);
    if (!j) return die("point %s: missing or malformed %s", p->id, path);
    const cJSON *b, *arr = cJSON_GetObjectItemCaseSensitive(j, "bias_check");
    int nb = 0, bad = 0;
    cJSON_ArrayForEach(b, arr)
    {
        double w = num(b, "worst_element_mean_bias", NULL), kk = num(b, "advances_per_step", NULL);
        nb++;
        /* a bank the analyzer declined (its note says why: the per-element enumeration is over the
         * limit) is unknown, which is no pass; a bank without figure or note is a broken result */
        if (isnan(w) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(b, "note"))) *unknown = 1;
        else if (isnan(w) || isnan(kk)) bad = 1;
        else if (isnan(*worst) || fabs(w) > fabs(*worst)) *worst = w, *k = (unsigned long long)kk;
    }
    cJSON_Delete(j);
    if (bad || nb != 2) return die("point %s: %s lacks a bank's worst_element_mean_bias", p->id, path);
    return 0;
}

static int is_base(const point *p) { return strcmp(p->role, "base") == 0; }

/* The analyzer's figures and the robustness of an SR unit's gen result in DIR:
 * the worst element over the swept lane counts, and whether it resonates. */
static int load_robustness(const char *dir, const opts *o, point *p)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/analyze.json", dir);
    cJSON *j = load_json(path);
    if (!j) return die("point %s: missing or malformed %s", p->id, path);
    p->bias_max = num(j, "design", "max_abs_bias");
    p->bias_mean = num(j, "design", "mean_bias");
    p->bias_unb = num(j, "design", "mean_bias_unbounded");
    p->var = num(j, "design", "mean_variance");
    p->var_ideal = num(j, "design", "mean_variance_ideal_sr");
    p->prng_bias = num(j, "prng_induced_mean_bias", NULL);
    cJSON_Delete(j);
    if (isnan(p->bias_max) || isnan(p->bias_unb)) return die("point %s: %s lacks design.max_abs_bias", p->id, path);
    for (unsigned i = 0; i < o->nlanes; i++) {
        unsigned long long k;
        int skip, unknown;
        if (load_bias_check(dir, p, o->lanes[i], &p->rob_at[i], &k, &skip, &unknown)) return 1;
        p->nskip += skip;
        if (unknown && !p->unverified) p->unverified = o->lanes[i];
        if (!skip && (isnan(p->robust) || fabs(p->rob_at[i]) > fabs(p->robust)))
            p->robust = p->rob_at[i], p->robust_lanes = o->lanes[i], p->robust_k = k;
    }
    if (o->nlanes && isnan(p->robust) && !p->unverified)
        return die("point %s: esrugen refused it at every lane count of %s", p->id, "EXPLORE_LANES");
    /* not shown unbiased per element at some lane count: resonant, or the analyzer could not tell */
    p->resonant = o->element && ((!isnan(p->robust) && fabs(p->robust) - fabs(p->bias_unb) >= RESONANCE_LSB) ||
                                 p->unverified);
    return 0;
}

/* A point's generator results: the analyzer's for SR units, and synthesis counts,
 * which a resonant SR unit lacks (job.sh left `unsynthesized`: it is never trained). */
static int load_gen(const plan *pl, const opts *o, point *p)
{
    char path[1200], dir[1024], err[512];
    synth_counts c[3];
    synth_sta sta;
    const char *tg[3] = {"xc7", "gates", "osu018"};
    const synth_target tt[3] = {TGT_XC7, TGT_GATES, TGT_OSU018};
    int have_osu = o->area == MET_UM2, sr = !strcmp(p->rounding, "sr");
    snprintf(dir, sizeof dir, "%s/gen/%s", pl->cache, p->gen_key);
    if (sr && load_robustness(dir, o, p)) return 1;
    snprintf(path, sizeof path, "%s/unsynthesized", dir);
    FILE *f = fopen(path, "r");
    if (f) {
        fclose(f);
        if (!sr || !p->resonant || is_base(p))
            return die("point %s: not synthesized (job.sh found it resonant), but this report needs its area (%s): "
                       "rerun make explore", p->id, !sr || is_base(p) ? "a reference" : "EXPLORE_BIAS_SCOPE=design");
        for (int a = 0; a < MET_COUNT; a++) p->unit[a] = NAN;
        return 0;
    }
    for (int t = 0; t < 2 + have_osu; t++) {
        snprintf(path, sizeof path, "%s/%s.json", dir, tg[t]);
        if (synth_stat_load(path, tt[t], &c[t], err, sizeof err) ||
            (t == 2 && synth_stdcell_load(dir, &c[t], &sta, err, sizeof err))) {
            fprintf(stderr, "exptool: point %s: no %s synthesis result (%s)\n", p->id, tg[t], err);
            return 1;
        }
    }
    area_per_lane(&c[0], &c[1], have_osu ? &c[2] : NULL, (unsigned)p->lanes, p->unit);
    if (have_osu) {
        double per = synth_sta_period(&sta);
        p->crit_ns = per > 0 ? per : NAN;
    }
    return 0;
}

static int load_train(const plan *pl, point *p)
{
    double s = 0, s2 = 0, tr = 0, lo = 0;
    char path[1024];
    p->ndone = 0;
    for (int k = 0; k < p->nseeds; k++) {
        snprintf(path, sizeof path, "%s/train/%s.json", pl->cache, p->train_keys[k]);
        cJSON *j = load_json(path);
        if (!j) continue;
        double a = num(j, "test_accuracy", NULL);
        double t = num(j, "train_accuracy", NULL), l = num(j, "loss", NULL);
        cJSON_Delete(j);
        if (isnan(a)) return die("point %s: %s has no test_accuracy", p->id, path);
        p->accs[p->ndone++] = a;
        s += a, s2 += a * a, tr += t, lo += l;
    }
    if (p->ndone) {
        double n = p->ndone;
        p->acc = s / n;
        p->acc_std = p->ndone > 1 ? sqrt(fmax(0, (s2 - s * s / n) / (n - 1))) : 0;
        p->train_acc = tr / n;
        p->loss = lo / n;
    }
    return 0;
}


/* Not trained: dominated on the cheap scores, or resonant at some lane count (the baseline never). */
static int pruned(const point *p) { return p->dom >= 0 || (p->resonant && !is_base(p)); }

static ex_score score_of(const point *p, const opts *o, int use_acc)
{
    ex_score s = {p->over[o->area], p->bias_max, o->element ? p->robust : p->bias_unb, use_acc ? p->acc : NAN,
                  is_base(p) || strcmp(p->role, "keep") == 0};
    if (p->resonant && !is_base(p)) s.area = NAN; /* out of the comparison: it neither dominates nor is dominated */
    return s;
}

/* The SR points (rne is only the reference) with their scores; idx maps back. */
static int scores(const plan *pl, const opts *o, int use_acc, ex_score *s, int *idx)
{
    int k = 0;
    for (int i = 0; i < pl->n; i++) {
        if (strcmp(pl->p[i].rounding, "sr") != 0) continue;
        idx[k] = i;
        s[k++] = score_of(&pl->p[i], o, use_acc);
    }
    return k;
}

static int load_all(plan *pl, const opts *o, int with_train)
{
    for (int i = 0; i < pl->n; i++)
        if (load_gen(pl, o, &pl->p[i])) return 1;
    const point *r = &pl->p[pl->rne];
    for (int i = 0; i < pl->n; i++) area_overhead(pl->p[i].unit, r->unit, pl->p[i].over);
    if (with_train)
        for (int i = 0; i < pl->n; i++)
            if (load_train(pl, &pl->p[i])) return 1;
    /* Pruning from the cheap scores (the same decision in prune and report). */
    ex_score *s = calloc((size_t)pl->n, sizeof *s);
    int *idx = calloc((size_t)pl->n, sizeof *idx), *dom = calloc((size_t)pl->n, sizeof *dom);
    if (!s || !idx || !dom) abort();
    int k = scores(pl, o, 0, s, idx);
    ex_prune(s, k, o->bias, dom);
    for (int i = 0; i < k; i++) pl->p[idx[i]].dom = dom[i] < 0 ? -1 : idx[dom[i]];
    free(s), free(idx), free(dom);
    return 0;
}

static const char *bias_desc(const opts *o)
{
    if (o->element)
        return o->bias == EX_BIAS_MAX  ? "max |bias|"
               : o->bias == EX_BIAS_MEAN ? "|worst element mean bias| over the lane counts"
                                         : "max |bias| and |worst element mean bias| over the lane counts";
    return o->bias == EX_BIAS_MAX ? "max |bias|" : o->bias == EX_BIAS_MEAN ? "|mean bias|" : "max |bias| and |mean bias|";
}

static int cmd_prune(plan *pl, const opts *o, const char *outdir)
{
    if (load_all(pl, o, 0)) return 1;
    char path[1024];
    snprintf(path, sizeof path, "%s/pruned.tsv", outdir);
    FILE *fp = fopen(path, "w");
    snprintf(path, sizeof path, "%s/survivors.txt", outdir);
    FILE *fs = fopen(path, "w");
    if (!fp || !fs) return die("cannot write in %s%s", outdir, "");
    int nsr = 0, npruned = 0, nres = 0, shown = 0;
    fprintf(fp, "# point\tdominated_by\twhy\n");
    for (int i = 0; i < pl->n; i++) {
        const point *p = &pl->p[i];
        if (strcmp(p->rounding, "sr") != 0) continue;
        nsr++;
        if (!pruned(p)) {
            fprintf(fs, "%s\n", p->id);
            continue;
        }
        npruned++;
        char why[256];
        const char *by = "-";
        if (p->dom < 0 && (isnan(p->robust) || fabs(p->robust) - fabs(p->bias_unb) < RESONANCE_LSB)) {
            nres++;
            snprintf(why, sizeof why,
                     "unverified: at L = %u lanes the analyzer cannot give a bank's worst element bias (its stride "
                     "shares a factor with a period too long to enumerate), so the unit is not shown unbiased per element",
                     p->unverified);
        } else if (p->dom < 0) {
            nres++;
            snprintf(why, sizeof why,
                     "resonates: worst element mean bias %+.4g LSB at L = %u lanes (stride K = %llu) against %+.4g over "
                     "the whole period",
                     p->robust, p->robust_lanes, p->robust_k, p->bias_unb);
        } else {
            const point *d = &pl->p[p->dom];
            by = d->id;
            ex_score a = score_of(d, o, 0), b = score_of(p, o, 0);
            snprintf(why, sizeof why, "SR %s %.4g <= %.4g, max|bias| %.3g <= %.3g, %s %.3g <= %.3g",
                     area_metric_titles[o->area], a.area, b.area, a.bias_max, b.bias_max,
                     o->element ? "|worst element mean bias|" : "|mean bias|", fabs(a.bias_mean), fabs(b.bias_mean));
        }
        fprintf(fp, "%s\t%s\t%s\n", p->id, by, why);
        if (shown++ < 3) printf("explore:   e.g. %s pruned: %s%s (%s)\n", p->id, p->dom < 0 ? "" : "dominated by ",
                                p->dom < 0 ? "resonant" : by, why);
    }
    fclose(fp), fclose(fs);
    printf("explore: %d SR points scored; %d pruned before training (%d resonant at some lane count, %d dominated on SR "
           "%s and %s by another point; list in %s/pruned.tsv); %d to train (the 24/24 baseline and EXPLORE_KEEP "
           "designs always, unless resonant)\n",
           nsr, npruned, nres, npruned - nres, area_metric_titles[o->area], bias_desc(o), outdir, nsr - npruned);
    return 0;
}

/* ---- report ---- */

static void csv_num(FILE *f, double v)
{
    if (isnan(v)) fputs(",", f);
    else fprintf(f, ",%.10g", v);
}

static const char *status_of(const point *p)
{
    if (strcmp(p->rounding, "sr") != 0) return "reference";
    if (p->dom >= 0) return "pruned";
    if (pruned(p)) return !isnan(p->robust) && fabs(p->robust) - fabs(p->bias_unb) >= RESONANCE_LSB ? "resonant" : "unverified";
    if (p->ndone == 0) return "untrained";
    return p->ndone < p->nseeds ? "partial" : "trained";
}

/* The command lines that reproduce a point: its generator job, then its training jobs. */
static const char *cache_root = "out/explore/cache";
static void gen_cmd(const point *p, char *buf, size_t len)
{
    snprintf(buf, len, "sim/explore/job.sh gen %s %s %s %s", cache_root, p->gen_key, p->id, p->gen_args);
}
static void train_cmds(const point *p, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = 0;
    for (int k = 0; k < p->nseeds && o < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%ssim/explore/job.sh train %s %s %s/s%llu %s --seed %llu",
                              k ? "; " : "", cache_root, p->train_keys[k], p->id, p->seeds[k], p->train_args, p->seeds[k]);
}

static void write_csv(FILE *f, const plan *pl)
{
    static char g[1024], t[8192];
    fprintf(f, "id,role,rounding,n,m,kind,fill,lanes,status,pruned_by,max_abs_bias,mean_bias,mean_bias_unbounded,"
               "prng_induced_mean_bias,mean_variance,mean_variance_ideal_sr,worst_element_mean_bias,worst_element_lanes,"
               "worst_element_stride,lanes_skipped,osu018_critical_ns");
    for (int a = 0; a < MET_COUNT; a++) fprintf(f, ",unit_%s", area_metric_names[a]);
    for (int a = 0; a < MET_COUNT; a++) fprintf(f, ",sr_%s", area_metric_names[a]);
    fprintf(f, ",seeds_planned,seeds_done,test_accuracy,test_accuracy_std,train_accuracy,loss,pareto,gen_key,"
               "gen_command,train_commands\n");
    for (int i = 0; i < pl->n; i++) {
        const point *p = &pl->p[i];
        fprintf(f, "%s,%s,%s,%d,%d,%s,%s,%d,%s,%s", p->id, p->role, p->rounding, p->n, p->m, p->kind, p->fill,
                p->lanes, status_of(p), p->dom >= 0 ? pl->p[p->dom].id : "");
        double b[6] = {p->bias_max, p->bias_mean, p->bias_unb, p->prng_bias, p->var, p->var_ideal};
        for (int k = 0; k < 6; k++) csv_num(f, b[k]);
        csv_num(f, p->robust);
        if (isnan(p->robust)) fprintf(f, ",,");
        else fprintf(f, ",%u,%llu", p->robust_lanes, p->robust_k);
        fprintf(f, ",%d", p->nskip);
        csv_num(f, p->crit_ns);
        for (int a = 0; a < MET_COUNT; a++) csv_num(f, p->unit[a]);
        for (int a = 0; a < MET_COUNT; a++) csv_num(f, p->over[a]);
        fprintf(f, ",%d,%d", p->nseeds, p->ndone);
        double tr[4] = {p->acc, p->acc_std, p->train_acc, p->loss};
        for (int k = 0; k < 4; k++) csv_num(f, tr[k]);
        gen_cmd(p, g, sizeof g);
        train_cmds(p, t, sizeof t);
        fprintf(f, ",%d,%s,\"%s\",\"%s\"\n", p->front, p->gen_key, g, t);
    }
}

static cJSON *jnum(double v) { return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v); }

static cJSON *point_json(const plan *pl, const point *p)
{
    static char g[1024], t[8192];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", p->id);
    cJSON_AddStringToObject(o, "role", p->role);
    cJSON_AddStringToObject(o, "status", status_of(p));
    cJSON *c = cJSON_AddObjectToObject(o, "config");
    cJSON_AddStringToObject(c, "rounding", p->rounding);
    cJSON_AddNumberToObject(c, "sru_width", p->n);
    cJSON_AddNumberToObject(c, "prng_width", p->m);
    cJSON_AddStringToObject(c, "prng", p->kind);
    cJSON_AddStringToObject(c, "fill", p->fill);
    cJSON_AddNumberToObject(c, "lanes", p->lanes);
    if (p->dom >= 0) cJSON_AddStringToObject(o, "pruned_by", pl->p[p->dom].id);
    else if (pruned(p)) cJSON_AddStringToObject(o, "pruned_by", "resonance");
    cJSON *b = cJSON_AddObjectToObject(o, "bias");
    cJSON_AddItemToObject(b, "max_abs_bias", jnum(p->bias_max));
    cJSON_AddItemToObject(b, "mean_bias", jnum(p->bias_mean));
    cJSON_AddItemToObject(b, "mean_bias_unbounded", jnum(p->bias_unb));
    cJSON_AddItemToObject(b, "prng_induced_mean_bias", jnum(p->prng_bias));
    cJSON_AddItemToObject(b, "mean_variance", jnum(p->var));
    cJSON_AddItemToObject(b, "mean_variance_ideal_sr", jnum(p->var_ideal));
    cJSON *rb = cJSON_AddObjectToObject(o, "robustness");
    cJSON_AddItemToObject(rb, "worst_element_mean_bias", jnum(p->robust));
    if (!isnan(p->robust)) {
        cJSON_AddNumberToObject(rb, "lanes", p->robust_lanes);
        cJSON_AddNumberToObject(rb, "stride", (double)p->robust_k);
    }
    cJSON_AddBoolToObject(rb, "resonant", p->resonant);
    if (p->unverified) cJSON_AddNumberToObject(rb, "unverified_at_lanes", p->unverified);
    else cJSON_AddNullToObject(rb, "unverified_at_lanes");
    cJSON *at = cJSON_AddObjectToObject(rb, "worst_element_mean_bias_by_lanes"); /* null: esrugen refused L */
    for (unsigned i = 0; i < cur_opts->nlanes && strcmp(p->rounding, "sr") == 0; i++) {
        char l[16];
        snprintf(l, sizeof l, "%u", cur_opts->lanes[i]);
        cJSON_AddItemToObject(at, l, jnum(p->rob_at[i]));
    }
    if (!isnan(p->crit_ns)) {
        cJSON *t = cJSON_AddObjectToObject(o, "osu018_timing");
        cJSON_AddNumberToObject(t, "critical_path_ns", p->crit_ns);
        cJSON_AddNumberToObject(t, "fmax_mhz", 1000 / p->crit_ns);
    }
    cJSON *u = cJSON_AddObjectToObject(o, "unit_per_lane"), *s = cJSON_AddObjectToObject(o, "sr_per_lane");
    for (int a = 0; a < MET_COUNT; a++) {
        cJSON_AddItemToObject(u, area_metric_names[a], jnum(p->unit[a]));
        cJSON_AddItemToObject(s, area_metric_names[a], jnum(p->over[a]));
    }
    cJSON *tr = cJSON_AddObjectToObject(o, "training");
    cJSON_AddNumberToObject(tr, "seeds_planned", p->nseeds);
    cJSON_AddNumberToObject(tr, "seeds_done", p->ndone);
    cJSON_AddItemToObject(tr, "test_accuracy", jnum(p->acc));
    cJSON_AddItemToObject(tr, "test_accuracy_std", jnum(p->acc_std));
    cJSON_AddItemToObject(tr, "train_accuracy", jnum(p->train_acc));
    cJSON_AddItemToObject(tr, "loss", jnum(p->loss));
    cJSON *arr = cJSON_AddArrayToObject(tr, "per_seed");
    for (int k = 0; k < p->ndone; k++) cJSON_AddItemToArray(arr, cJSON_CreateNumber(p->accs[k]));
    cJSON_AddBoolToObject(o, "pareto", p->front);
    cJSON_AddStringToObject(o, "gen_key", p->gen_key);
    gen_cmd(p, g, sizeof g);
    train_cmds(p, t, sizeof t);
    cJSON_AddStringToObject(o, "gen_command", g);
    cJSON_AddStringToObject(o, "train_commands", t);
    return o;
}

static void design_name(const point *p, char *buf, size_t len)
{
    snprintf(buf, len, "%d/%d %s%s%s", p->n, p->m, p->kind, strcmp(p->fill, "half") == 0 ? " half" : "",
             p->lanes > 1 ? "" : "");
}

static void fmt_ratio(char *buf, size_t len, double r)
{
    if (isnan(r)) snprintf(buf, len, "n/a");
    else snprintf(buf, len, "%.2fx", r);
}

static const plan *sort_pl;
static int sort_area;
static int by_area(const void *a, const void *b)
{
    const point *x = &sort_pl->p[*(const int *)a], *y = &sort_pl->p[*(const int *)b];
    if (x->over[sort_area] != y->over[sort_area]) return x->over[sort_area] < y->over[sort_area] ? -1 : 1;
    return x->acc > y->acc ? -1 : x->acc < y->acc ? 1 : 0;
}

/* "+0.0625 (L 8, K 3112)": the worst element over the swept lane counts. */
static void robust_cell(const point *p, char *buf, size_t len)
{
    if (isnan(p->robust)) snprintf(buf, len, "n/a");
    else snprintf(buf, len, "%+.3g (L %u, K %llu)%s", p->robust, p->robust_lanes, p->robust_k, p->resonant ? " resonant" : "");
    if (p->unverified) {
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, "; unverified at L %u", p->unverified);
    }
}
static void fmax_cell(const point *p, char *buf, size_t len)
{
    if (isnan(p->crit_ns)) snprintf(buf, len, " ");
    else snprintf(buf, len, "%.3g ns, %.0f MHz", p->crit_ns, 1000 / p->crit_ns);
}

/* "%.4g", or "-" for a unit without synthesis (resonant: job.sh skipped Yosys) */
static const char *area_cell(char buf[24], double v)
{
    if (isnan(v)) return "-";
    snprintf(buf, 24, "%.4g", v);
    return buf;
}

static void md_row(FILE *f, const plan *pl, const point *p, const opts *o, const char *mark)
{
    const point *b = &pl->p[pl->base];
    char name[96], r1[32], r2[32];
    design_name(p, name, sizeof name);
    fmt_ratio(r1, sizeof r1, area_ratio(b->over[o->area], p->over[o->area]));
    fmt_ratio(r2, sizeof r2, area_ratio(b->unit[o->area], p->unit[o->area]));
    char rob[64], fmax[32];
    robust_cell(p, rob, sizeof rob);
    fmax_cell(p, fmax, sizeof fmax);
    fprintf(f, "| %s%s | %d | %.4g | %.4g | %.4g | %s | %s | %.3g | %+.3g | %s | %s | %.2f ± %.2f | %+.2f |\n", name,
            mark, p->lanes, p->over[MET_LUTFF], p->over[MET_GATES], p->unit[o->area], r1, r2, p->bias_max, p->bias_unb,
            rob, fmax, 100 * p->acc, 100 * p->acc_std, 100 * (p->acc - b->acc));
}

static void md_header(FILE *f, const opts *o)
{
    fprintf(f, "| design (N/M kind fill) | lanes | SR LUT+FF | SR gates | unit %s | SR %s ratio vs 24/24 | unit "
               "ratio | max \\|bias\\| | mean bias (unbounded) | worst element mean bias over the lane counts (at L, K) | "
               "osu018 critical path | test accuracy %% (mean ± sd) | vs 24/24 (pp) |\n",
            area_metric_titles[o->area], area_metric_titles[o->area]);
    fprintf(f, "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}


typedef struct {
    char *buf;
    size_t len;
    FILE *f;
} mbuf;
static FILE *mopen(mbuf *m)
{
    m->buf = NULL, m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    if (!m->f) abort();
    return m->f;
}
static int mpublish(mbuf *m, const char *dir, const char *file)
{
    fclose(m->f);
    int rc = write_report_file(dir, file, m->buf);
    free(m->buf);
    return rc;
}

static int same_series(const point *a, const point *b) { return !strcmp(a->kind, b->kind) && !strcmp(a->fill, b->fill); }

/* gnuplot inputs: data blocks per KIND/fill, and two scripts without terminal/output (run.sh sets those). */
static int write_plots(const plan *pl, const opts *o, const char *dir, int rec)
{
    int *first = calloc((size_t)pl->n, sizeof *first), ns = 0;
    int *series = calloc((size_t)pl->n, sizeof *series);
    if (!first || !series) abort();
    for (int i = 0; i < pl->n; i++) {
        if (strcmp(pl->p[i].rounding, "sr") != 0) continue;
        int s = 0;
        while (s < ns && !same_series(&pl->p[first[s]], &pl->p[i])) s++;
        if (s == ns) first[ns++] = i;
        series[i] = s;
    }
    mbuf acc, bias, front, gp1, gp2;
    FILE *fa = mopen(&acc), *fb = mopen(&bias), *ff = mopen(&front);
    int *accblock = calloc((size_t)pl->n, sizeof *accblock), nab = 0; /* acc.dat holds only series with trained points */
    if (!accblock) abort();
    for (int s = 0; s < ns; s++) {
        fprintf(fb, "# %s %s\n", pl->p[first[s]].kind, pl->p[first[s]].fill);
        int any = 0;
        for (int i = 0; i < pl->n; i++) {
            const point *p = &pl->p[i];
            if (strcmp(p->rounding, "sr") != 0 || series[i] != s) continue;
            fprintf(fb, "%d %.10g %d\n", p->m, p->bias_max > 0 ? p->bias_max : 1e-12, p->n);
            if (isnan(p->acc) || pruned(p)) continue;
            if (!any++) fprintf(fa, "# %s %s\n", p->kind, p->fill);
            fprintf(fa, "%.6g %.6g %s\n", p->over[o->area], 100 * p->acc, p->id);
        }
        fprintf(fb, "\n\n");
        if (any) fprintf(fa, "\n\n"), accblock[nab++] = s;
    }
    int *ord = calloc((size_t)pl->n, sizeof *ord), k = 0;
    for (int i = 0; i < pl->n; i++)
        if (pl->p[i].front) ord[k++] = i;
    sort_pl = pl, sort_area = o->area;
    qsort(ord, (size_t)k, sizeof *ord, by_area);
    for (int i = 0; i < k; i++) fprintf(ff, "%.6g %.6g %s\n", pl->p[ord[i]].over[o->area], 100 * pl->p[ord[i]].acc, pl->p[ord[i]].id);
    fprintf(ff, "\n\n%.6g %.6g baseline\n", pl->p[pl->base].over[o->area], 100 * pl->p[pl->base].acc);
    fprintf(ff, "\n\n");
    if (rec >= 0) fprintf(ff, "%.6g %.6g %s\n", pl->p[rec].over[o->area], 100 * pl->p[rec].acc, pl->p[rec].id);
    else fprintf(ff, "NaN NaN none\n");

    FILE *g1 = mopen(&gp1), *g2 = mopen(&gp2);
    fprintf(g1, "# accuracy against SR area (written by exptool; run.sh sets terminal and output)\n"
                "set title 'Accuracy vs SR area per lane (Pareto front, 24/24 baseline)'\n"
                "set xlabel 'SR area per lane: %s over the rne unit'\nset ylabel 'test accuracy (%%)'\n"
                "set key outside right\nset grid\n"
                "plot 'plot-front.dat' index 0 using 1:2 with steps lw 2 lc rgb '#888888' title 'Pareto front'",
            area_metric_titles[o->area]);
    for (int b = 0; b < nab; b++) {
        int s = accblock[b];
        fprintf(g1, ", \\\n  'plot-acc.dat' index %d using 1:2 with points pt %d ps 1.2 title '%s %s'", b, 1 + s % 12,
                pl->p[first[s]].kind, pl->p[first[s]].fill);
    }
    fprintf(g1, ", \\\n  'plot-front.dat' index 1 using 1:2 with points pt 5 ps 2.2 lc rgb 'black' title '24/24 lfsr "
                "baseline'"
                ", \\\n  'plot-front.dat' index 2 using 1:2 with points pt 6 ps 3 lw 2 lc rgb 'red' title "
                "'recommended'\n");
    fprintf(g2, "# max |bias| against PRNG width per KIND (written by exptool)\n"
                "set title 'Exact max |bias| vs PRNG width M (all N), per KIND and fill'\n"
                "set xlabel 'PRNG width M (bits)'\nset ylabel 'max |bias| (output LSB)'\nset logscale y\n"
                "set format y '10^{%%L}'\nset key outside right\nset grid\nplot ");
    for (int s = 0; s < ns; s++)
        fprintf(g2, "%s'plot-bias.dat' index %d using ($1+%.2f):2 with points pt %d ps 1.2 title '%s %s'",
                s ? ", \\\n  " : "", s, 0.06 * (s - ns / 2.0), 1 + s % 12, pl->p[first[s]].kind, pl->p[first[s]].fill);
    fprintf(g2, "\n");
    int rc = mpublish(&acc, dir, "plot-acc.dat") | mpublish(&bias, dir, "plot-bias.dat") |
             mpublish(&front, dir, "plot-front.dat") | mpublish(&gp1, dir, "accuracy-area.gp") |
             mpublish(&gp2, dir, "bias-prng.gp");
    free(first), free(series), free(ord), free(accblock);
    return rc;
}

static int cmd_report(plan *pl, const opts *o, const char *outdir)
{
    if (load_all(pl, o, 1)) return 1;
    point *b = &pl->p[pl->base];
    if (b->ndone == 0) return die("the 24/24 baseline %s has no training result in %s/train", b->id, pl->cache);
    ex_score *s = calloc((size_t)pl->n, sizeof *s);
    int *idx = calloc((size_t)pl->n, sizeof *idx), *front = calloc((size_t)pl->n, sizeof *front);
    if (!s || !idx || !front) abort();
    int k = scores(pl, o, 1, s, idx), kb = -1;
    for (int i = 0; i < k; i++) {
        if (pruned(&pl->p[idx[i]])) s[i].acc = NAN; /* pruned points take no part */
        if (idx[i] == pl->base) kb = i;
    }
    int nfront = ex_pareto(s, k, front);
    for (int i = 0; i < k; i++) pl->p[idx[i]].front = front[i];
    int r = ex_recommend(s, k, kb, o->tol), rec = r >= 0 ? idx[r] : -1;
    int ntrained = 0, npruned = 0, nres = 0, nsr = k, partial = 0;
    for (int i = 0; i < k; i++) {
        const point *p = &pl->p[idx[i]];
        ntrained += p->ndone > 0 && !pruned(p);
        npruned += pruned(p);
        nres += pruned(p) && p->dom < 0;
        partial += !pruned(p) && p->ndone < p->nseeds;
    }

    mbuf csv, md;
    write_csv(mopen(&csv), pl);

    cJSON *root = cJSON_CreateObject();
    cJSON *cfg = cJSON_AddObjectToObject(root, "config");
    cJSON_AddNumberToObject(cfg, "tol_percentage_points", 100 * o->tol);
    cJSON_AddStringToObject(cfg, "area_metric", area_metric_names[o->area]);
    cJSON_AddStringToObject(cfg, "prune_bias", o->bias == EX_BIAS_MAX ? "max" : o->bias == EX_BIAS_MEAN ? "mean" : "both");
    cJSON_AddStringToObject(cfg, "bias_scope", o->element ? "element" : "design");
    cJSON *jl = cJSON_AddArrayToObject(cfg, "robustness_lanes");
    for (unsigned i = 0; i < o->nlanes; i++) cJSON_AddItemToArray(jl, cJSON_CreateNumber(o->lanes[i]));
    cJSON_AddNumberToObject(cfg, "resonance_lsb", RESONANCE_LSB);
    cJSON_AddNumberToObject(root, "points", nsr);
    cJSON_AddNumberToObject(root, "pruned", npruned);
    cJSON_AddNumberToObject(root, "resonant", nres);
    cJSON_AddNumberToObject(root, "trained", ntrained);
    cJSON_AddStringToObject(root, "baseline", b->id);
    cJSON_AddNumberToObject(root, "published_ratio_8_3", 9.75);
    cJSON *jr = cJSON_AddObjectToObject(root, "recommendation");
    if (rec >= 0) {
        cJSON_AddStringToObject(jr, "id", pl->p[rec].id);
        cJSON_AddItemToObject(jr, "sr_area_ratio", jnum(area_ratio(b->over[o->area], pl->p[rec].over[o->area])));
        cJSON_AddItemToObject(jr, "unit_area_ratio", jnum(area_ratio(b->unit[o->area], pl->p[rec].unit[o->area])));
        cJSON_AddItemToObject(jr, "accuracy_delta_pp", jnum(100 * (pl->p[rec].acc - b->acc)));
    }
    cJSON *arr = cJSON_AddArrayToObject(root, "results");
    for (int i = 0; i < pl->n; i++) cJSON_AddItemToArray(arr, point_json(pl, &pl->p[i]));
    char *js = cJSON_Print(root);
    cJSON_Delete(root);

    FILE *f = mopen(&md);
    fprintf(f, "# Design-space exploration: accuracy x SR area\n\n");
    fprintf(f, "%d SR designs scored (exact bias from `esrugen analyze`, area from Yosys); %d pruned before training "
               "(%d resonant: at some lane count their worst element's mean bias exceeds their whole-period mean "
               "bias by >= 1/64 LSB; the others dominated on SR %s and %s); %d trained%s. Robustness: for each lane "
               "count L of",
            nsr, npruned, nres, area_metric_titles[o->area], bias_desc(o), ntrained,
            partial ? " (some with missing seeds: see results.csv)" : "");
    for (unsigned i = 0; i < o->nlanes; i++) fprintf(f, "%s %u", i ? "," : "", o->lanes[i]);
    fprintf(f, ", the trainer's advances per step K of each bank (`esrutrain --bias-check-only`) and the analyzer's "
               "worst element mean bias at that K (its esru_analyze_stride, as `esrugen analyze --stride K`). Area: per lane, SR overhead = unit "
               "minus the rne unit of the same IW/OW/D (%s: %.4g per lane). Accuracy: mean test accuracy over %d "
               "seed(s). Full data: results.csv, results.json; plots: accuracy-area.png/svg, bias-prng.png/svg.\n\n",
            area_metric_titles[o->area], pl->p[pl->rne].unit[o->area], b->nseeds);
    fprintf(f, "## Pareto front (accuracy vs SR %s)\n\n", area_metric_titles[o->area]);
    md_header(f, o);
    int *ord = calloc((size_t)pl->n, sizeof *ord), nf = 0;
    for (int i = 0; i < pl->n; i++)
        if (pl->p[i].front) ord[nf++] = i;
    sort_pl = pl, sort_area = o->area;
    qsort(ord, (size_t)nf, sizeof *ord, by_area);
    for (int i = 0; i < nf; i++)
        md_row(f, pl, &pl->p[ord[i]], o, ord[i] == rec ? " **(recommended)**" : ord[i] == pl->base ? " (baseline)" : "");
    if (!b->front) md_row(f, pl, b, o, " (baseline, not on the front)");
    fprintf(f, "\n## Recommendation (TOL = %.3g percentage points)\n\n", 100 * o->tol);
    char rs[32], ru[32], line[1024];
    if (rec >= 0) {
        const point *p = &pl->p[rec];
        char name[96];
        design_name(p, name, sizeof name);
        fmt_ratio(rs, sizeof rs, area_ratio(b->over[o->area], p->over[o->area]));
        fmt_ratio(ru, sizeof ru, area_ratio(b->unit[o->area], p->unit[o->area]));
        snprintf(line, sizeof line,
                 "recommended: %s (%s, lanes %d): SR %s %.4g per lane vs %.4g for 24/24 = %s smaller "
                 "(whole unit %s); accuracy %.2f%% vs %.2f%% (%+.2f pp, TOL %.3g pp). Published 8/3: 9.75x.",
                 name, p->id, p->lanes, area_metric_titles[o->area], p->over[o->area], b->over[o->area], rs, ru,
                 100 * p->acc, 100 * b->acc, 100 * (p->acc - b->acc), 100 * o->tol);
    } else {
        snprintf(line, sizeof line, "recommended: none (no trained design within %.3g pp of 24/24)", 100 * o->tol);
    }
    fprintf(f, "%s\n\n", line);
    printf("explore: %s\n", line);
    fprintf(f, "The smallest design (SR %s per lane) whose mean accuracy is within TOL of the 24/24 lfsr baseline. "
               "Beside it, the ESRU papers' 8-bit SRU with a 3-bit PRNG at **9.75x** fewer SRU resources (FPGA) "
               "and the 8/3 designs of this sweep as measured here:\n\n",
            area_metric_titles[o->area]);
    md_header(f, o);
    fprintf(f, "| published 8/3 (ESRU papers) | | | | | 9.75x | | | | | | slightly higher | |\n");
    int n83 = 0;
    for (int i = 0; i < pl->n; i++) {
        const point *p = &pl->p[i];
        if (strcmp(p->rounding, "sr") || p->n != 8 || p->m != 3) continue;
        if (pruned(p) || isnan(p->acc)) {
            char name[96], rob[64], fmax[32], ratio[32];
            design_name(p, name, sizeof name);
            robust_cell(p, rob, sizeof rob);
            fmax_cell(p, fmax, sizeof fmax);
            fmt_ratio(ratio, sizeof ratio, area_ratio(b->over[o->area], p->over[o->area]));
            char a1[24], a2[24], a3[24]; /* a resonant unit is not synthesized: no area */
            fprintf(f, "| %s (%s) | %d | %s | %s | %s | %s | | %.3g | %+.3g | %s | %s | %s%s | |\n",
                    name, pruned(p) ? "pruned" : "untrained", p->lanes, area_cell(a1, p->over[MET_LUTFF]),
                    area_cell(a2, p->over[MET_GATES]), area_cell(a3, p->unit[o->area]), ratio, p->bias_max, p->bias_unb, rob,
                    fmax, p->dom >= 0 ? "dominated by " : pruned(p) ? "resonant" : "", p->dom >= 0 ? pl->p[p->dom].id : "");
        } else {
            md_row(f, pl, p, o, "");
        }
        n83++;
    }
    if (rec >= 0) md_row(f, pl, &pl->p[rec], o, " (recommended)");
    if (!n83) fprintf(f, "\n(No 8/3 design in this sweep.)\n");
    fprintf(f, "\nRatios are 24/24 divided by the design (n/a: the design's SR overhead is not positive). "
               "Accuracy differences smaller than the seeds' spread are noise.\n");
    free(ord);

    int rc = mpublish(&csv, outdir, "results.csv") || write_report_file(outdir, "results.json", js) ||
             mpublish(&md, outdir, "pareto.md") || write_plots(pl, o, outdir, rec);
    free(js), free(s), free(idx), free(front);
    printf("explore: %d on the Pareto front\n", nfront);
    return rc;
}

/* exptool resonant DIR LANES: does the SR unit of gen result DIR (analyze.json,
 * bias-LL.json of the lane counts LANES) resonate? Exit 0 and say why if so, 1
 * if not, 2 on bad input: job.sh skips the synthesis of a resonant unit, which
 * prune never trains (the same rule as load_gen's). */
static int cmd_resonant(const char *dir, const char *lanes)
{
    opts o = {0.002, EX_BIAS_BOTH, MET_LUTFF, 1, {1}, 1};
    char err[256];
    if (esru_parse_list("LANES", lanes, 1, 256, MAX_LANES, o.lanes, &o.nlanes, err, sizeof err)) {
        fprintf(stderr, "exptool resonant: %s\n", err);
        return 2;
    }
    static point p;
    memset(&p, 0, sizeof p);
    snprintf(p.id, sizeof p.id, "%.63s", dir);
    p.robust = NAN;
    if (load_robustness(dir, &o, &p)) return 2;
    if (!p.resonant) return 1;
    if (!isnan(p.robust) && fabs(p.robust) - fabs(p.bias_unb) >= RESONANCE_LSB)
        printf("worst element mean bias %+.4g LSB at L = %u lanes (stride K = %llu) against %+.4g over the whole period\n",
               p.robust, p.robust_lanes, p.robust_k, p.bias_unb);
    else
        printf("the worst element's bias is not computable at L = %u lanes (unverified)\n", p.unverified);
    return 0;
}

/* exptool key KIND TOOLS ARGS...: the key job.sh checks its arguments against (keys.h). */
static int cmd_key(int argc, char **argv)
{
    strbuf args;
    sb_init(&args);
    for (int i = 4; i < argc; i++) sb_printf(&args, "%s%s", i > 4 ? " " : "", argv[i]);
    char key[17];
    int bad = ex_job_key(argv[2], argv[3], args.s ? args.s : "", key);
    sb_free(&args);
    if (bad) {
        fprintf(stderr, "exptool key: kind '%s': want gen or train\n", argv[2]);
        return 2;
    }
    printf("%s\n", key);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: exptool key gen|train TOOLS ARGS...\n"
                    "       exptool area NAME\n"
                    "       exptool plan EXDIR CACHE GEN_TOOLS TRAIN_TOOLS   (settings: EXPLORE_* in the environment)\n"
                    "       exptool resonant GENDIR L,L,..\n"
                    "       exptool merge FROM CACHE POINTS TRAINS\n"

                    "       exptool prune|report [--tol PP] [--bias max|mean|both] [--scope element|design] "
                    "[--area lut|ff|lutff|gates|transistors|um2] [--lanes L,L,..] POINTS TRAINS CACHE OUTDIR\n");
    return 2;
}

int main(int argc, char **argv)
{
    opts o = {0.002, EX_BIAS_BOTH, MET_LUTFF, 1, {1}, 1};
    cur_opts = &o;
    if (argc >= 4 && !strcmp(argv[1], "key")) return cmd_key(argc, argv);
    if (argc == 4 && !strcmp(argv[1], "resonant")) return cmd_resonant(argv[2], argv[3]);
    if (argc == 6 && !strcmp(argv[1], "merge")) return ex_merge(argv[2], argv[3], argv[4], argv[5]);
    if (argc == 6 && !strcmp(argv[1], "plan")) return ex_plan(argv[2], argv[3], argv[4], argv[5]);
    if (argc == 3 && !strcmp(argv[1], "area")) { /* EXPLORE_AREA, checked before a run */
        if (area_metric_parse(argv[2]) >= 0) return 0;
        fprintf(stderr, "explore: EXPLORE_AREA='%s' is not an area metric (valid: %s)\n", argv[2], area_metric_list());
        return 2;
    }
    if (argc < 2) return usage();
    const char *cmd = argv[1], *pos[4];
    int np = 0;
    for (int i = 2; i < argc; i++) {
        char err[256];
        if (!strcmp(argv[i], "--tol") && i + 1 < argc) {
            double t;
            if (esru_parse_real("--tol", argv[++i], 0, 100, &t, err, sizeof err)) {
                fprintf(stderr, "exptool: %s (percentage points)\n", err);
                return 2;
            }
            o.tol = t / 100;
        } else if (!strcmp(argv[i], "--bias") && i + 1 < argc) {
            const char *v = argv[++i];
            o.bias = !strcmp(v, "max") ? EX_BIAS_MAX : !strcmp(v, "mean") ? EX_BIAS_MEAN : !strcmp(v, "both") ? EX_BIAS_BOTH : 0;
            if (!o.bias) {
                fprintf(stderr, "exptool: --bias %s: want max, mean or both\n", v);
                return 2;
            }
        } else if (!strcmp(argv[i], "--scope") && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "element") && strcmp(v, "design")) {
                fprintf(stderr, "exptool: --scope %s: want element or design\n", v);
                return 2;
            }
            o.element = !strcmp(v, "element");
        } else if (!strcmp(argv[i], "--area") && i + 1 < argc) {
            const char *v = argv[++i];
            o.area = area_metric_parse(v);
            if (o.area < 0) {
                fprintf(stderr, "exptool: --area %s: want %s\n", v, area_metric_list());
                return 2;
            }
        } else if (!strcmp(argv[i], "--lanes") && i + 1 < argc) {
            if (esru_parse_list("--lanes", argv[++i], 1, 256, MAX_LANES, o.lanes, &o.nlanes, err, sizeof err)) {
                fprintf(stderr, "exptool: %s\n", err);
                return 2;
            }
        } else if (argv[i][0] == '-' || np == 4) {
            return usage();
        } else {
            pos[np++] = argv[i];
        }
    }
    if (np != 4) return usage();
    plan pl = {0};
    pl.cache = cache_root = pos[2];
    if (load_points(pos[0], &pl) || load_trains(pos[1], &pl)) return 1;
    int rc;
    if (!strcmp(cmd, "prune")) rc = cmd_prune(&pl, &o, pos[3]);
    else if (!strcmp(cmd, "report")) rc = cmd_report(&pl, &o, pos[3]);
    else rc = usage();
    free(pl.p);
    return rc;
}
