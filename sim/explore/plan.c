/* exptool plan (plan.h): the sweep's points, seeds and keys.
 * gen-job-args: FLOWS ESRUGEN-FLAGS [-- LANE-COUNTS ESRUTRAIN-FLAGS] (job.sh);
 * keys: ex_job_key (keys.h) of ARGS, and of the trainer's FLAGS --seed S. */
#include "plan.h"
#include "cli/number.h"
#include "io/strbuf.h"
#include "keys.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ITEMS 256

static const char *setting(const char *name)
{
    const char *v = getenv(name);
    if (!v) fprintf(stderr, "exptool plan: %s is not set (run through make explore: sim/explore/run.sh)\n", name);
    return v;
}

/* The words of s, split at spaces, tabs and commas, joined by sep. */
static void words(strbuf *out, const char *s, const char *sep)
{
    int first = 1;
    while (*s) {
        size_t skip = strspn(s, " \t\n,"), n;
        s += skip;
        n = strcspn(s, " \t\n,");
        if (!n) break;
        sb_printf(out, "%s%.*s", first ? "" : sep, (int)n, s);
        first = 0;
        s += n;
    }
}

/* "2-24", "3 4 8" or a mix -> numbers in order; 0, or -1 with a message. */
static int expand(const char *var, const char *text, unsigned *out, unsigned *n)
{
    strbuf w;
    sb_init(&w);
    words(&w, text, " ");
    *n = 0;
    int rc = 0;
    char err[256];
    for (char *save = NULL, *t = strtok_r(w.s ? w.s : (char[]){""}, " ", &save); t && !rc;
         t = strtok_r(NULL, " ", &save)) {
        char *dash = strchr(t, '-');
        unsigned a, b;
        if (dash) *dash = 0;
        if (esru_parse_uint(var, t, 1, 64, &a, err, sizeof err) ||
            (dash && esru_parse_uint(var, dash + 1, a, 64, &b, err, sizeof err))) {
            fprintf(stderr, "exptool plan: %s\n", err);
            rc = -1;
            break;
        }
        for (unsigned v = a; v <= (dash ? b : a); v++) {
            if (*n == MAX_ITEMS) {
                fprintf(stderr, "exptool plan: %s='%s': more than %d values\n", var, text, MAX_ITEMS);
                rc = -1;
                break;
            }
            out[(*n)++] = v;
        }
    }
    sb_free(&w);
    return rc;
}

typedef struct {
    strbuf points, trains, jobs, seen; /* seen: the gen keys with a job, one per line */
    const char *cache, *gen_tools, *train_tools, *flows, *unit, *rlanes, *tflags, *seeds;
} planner;

/* The adder width an N/M point trains with: the smallest that rounds every
 * value the same way, so that points differing only in N share one training
 * job (the cache key hashes the flags). With t the top N discarded bits,
 * t = t_hi * 2^(N-M) + t_lo (t_lo < 2^(N-M)), and r the M random bits:
 * zero fill adds r * 2^(N-M) and carries iff t_hi + r >= 2^M, the rule of
 * M/M on the same top M bits; half fill adds r * 2^(N-M) + 2^(N-M-1) and
 * carries iff t_hi + r >= 2^M, or t_hi + r = 2^M - 1 and t_lo's top bit is
 * 1, the rule of (M+1)/M with half fill. Fewer than N discarded bits are
 * zero-padded below in both units alike, and no PRNG kind depends on N. The
 * full sweep confirmed it: 102 of 102 such groups, 1,206 runs, one weight
 * hash per group (docs/explore.md). */
static unsigned train_width(unsigned n, unsigned m, const char *fill)
{
    unsigned least = strcmp(fill, "half") == 0 && n > m ? m + 1 : m;
    return n < least ? n : least;
}

/* The trainer's flags for an SR point of adder width n. */
static void trainer_flags(const planner *p, strbuf *b, unsigned n, unsigned m, const char *kind, const char *fill,
                          unsigned lanes)
{
    sb_printf(b, "%s --rounding sr --sru-width %u --prng-width %u --prng %s --fill %s --lanes %u", p->tflags, n, m,
              kind, fill, lanes);
}

static void point(planner *p, const char *id, const char *role, const char *rnd, unsigned n, unsigned m,
                  const char *kind, const char *fill, unsigned lanes)
{
    strbuf tr, g, line;
    sb_init(&tr), sb_init(&g), sb_init(&line);
    trainer_flags(p, &tr, n, m, kind, fill, lanes);
    int sr = !strcmp(rnd, "sr");
    if (sr)
        sb_printf(&g, "%s %s --rounding sr --sru-width %u --prng-width %u --prng %s --fill %s --lanes %u -- %s %s",
                  p->flows, p->unit, n, m, kind, fill, lanes, p->rlanes, tr.s);
    else
        sb_printf(&g, "%s %s --rounding %s", p->flows, p->unit, rnd);
    char key[17];
    ex_job_key("gen", p->gen_tools, g.s, key);
    sb_printf(&p->points, "%s\t%s\t%s\t%u\t%u\t%s\t%s\t%u\t%s\t%s\n", id, role, rnd, n, m, kind, fill, lanes, key, g.s);
    char mark[20];
    snprintf(mark, sizeof mark, "%s\n", key);
    if (!p->seen.s || !strstr(p->seen.s, mark)) { /* one job per distinct key */
        sb_add(&p->seen, mark);
        sb_printf(&p->jobs, "sim/explore/job.sh gen %s %s %s %s\n", p->cache, key, id, g.s);
    }
    if (sr) {
        strbuf s;
        sb_init(&s);
        words(&s, p->seeds, " ");
        strbuf tw; /* the trainer's flags at the training width */
        sb_init(&tw);
        trainer_flags(p, &tw, train_width(n, m, fill), m, kind, fill, lanes);
        for (char *save = NULL, *t = strtok_r(s.s ? s.s : (char[]){""}, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
            line.len = 0;
            sb_printf(&line, "%s --seed %s", tw.s, t);
            ex_job_key("train", p->train_tools, line.s, key);
            sb_printf(&p->trains, "%s\t%s\t%s\t%s\n", id, t, key, tw.s);
        }
        sb_free(&tw);
        sb_free(&s);
    }
    sb_free(&tr), sb_free(&g), sb_free(&line);
}

static int write_out(const char *dir, const char *name, const strbuf *b)
{
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int ok = f && (!b->len || fwrite(b->s, 1, b->len, f) == b->len);
    if (f && fclose(f)) ok = 0;
    if (ok && rename(tmp, path)) ok = 0;
    if (!ok) {
        perror(path);
        unlink(tmp);
    }
    return ok ? 0 : 1;
}

int ex_plan(const char *exdir, const char *cache, const char *gen_tools, const char *train_tools)
{
    const char *N = setting("EXPLORE_N"), *M = setting("EXPLORE_M"), *kinds = setting("EXPLORE_KINDS"),
               *fills = setting("EXPLORE_FILLS"), *seeds = setting("EXPLORE_SEEDS"),
               *lanes = setting("EXPLORE_LANES"), *unit = setting("EXPLORE_UNIT"), *area = setting("EXPLORE_AREA"),
               *ww = setting("EXPLORE_WEIGHT_WIDTH"), *ep = setting("EXPLORE_EPOCHS"),
               *trn = setting("EXPLORE_TRAIN_IMAGES"), *tst = setting("EXPLORE_TEST_IMAGES"),
               *sl = setting("EXPLORE_SLICED_LANES"), *keep = getenv("EXPLORE_KEEP"),
               *targs = getenv("EXPLORE_TRAIN_ARGS");
    if (!N || !M || !kinds || !fills || !seeds || !lanes || !unit || !area || !ww || !ep || !trn || !tst || !sl)
        return 2;
    unsigned ns[MAX_ITEMS], nn, ms[MAX_ITEMS], nm = 0, sliced_max;
    char err[256];
    int all_m = !strcmp(M, "all");
    if (expand("EXPLORE_N", N, ns, &nn) || (!all_m && expand("EXPLORE_M", M, ms, &nm))) return 2;
    if (esru_parse_uint("EXPLORE_SLICED_LANES", sl, 1, 64, &sliced_max, err, sizeof err)) {
        fprintf(stderr, "exptool plan: %s\n", err);
        return 2;
    }
    strbuf u, tf, rl, kw, fw, kp;
    sb_init(&u), sb_init(&tf), sb_init(&rl), sb_init(&kw), sb_init(&fw), sb_init(&kp);
    words(&u, unit, " "); /* single spaces: keys hash the flags as job.sh sees them */
    sb_printf(&tf, "--weight-width %s --epochs %s --train-limit %s --test-limit %s", ww, ep, trn, tst);
    if (targs && *targs) {
        sb_add(&tf, " ");
        words(&tf, targs, " ");
    }
    words(&rl, lanes, ",");
    words(&kw, kinds, " ");
    words(&fw, fills, " ");
    sb_add(&kp, " ");
    words(&kp, keep ? keep : "", " ");
    sb_add(&kp, " ");
    planner p = {.cache = cache, .gen_tools = gen_tools, .train_tools = train_tools,
                 .flows = !strcmp(area, "um2") ? "fpga+stdcell" : "fpga", .unit = u.s ? u.s : "",
                 .rlanes = rl.s ? rl.s : "", .tflags = tf.s, .seeds = seeds};
    sb_init(&p.points), sb_init(&p.trains), sb_init(&p.jobs), sb_init(&p.seen);

    point(&p, "rne", "rne", "rne", 0, 0, "none", "none", 1);
    point(&p, "n24m24-lfsr-zero", "base", "sr", 24, 24, "lfsr", "zero", 1);
    for (unsigned i = 0; i < nn; i++) {
        unsigned n = ns[i];
        for (unsigned j = 0; j < (all_m ? n : nm); j++) {
            unsigned m = all_m ? j + 1 : ms[j];
            if (m > n) continue;
            char *ks = strdup(kw.s ? kw.s : ""), *save = NULL;
            for (char *kind = strtok_r(ks, " ", &save); kind; kind = strtok_r(NULL, " ", &save)) {
                unsigned L = 1;
                if (!strcmp(kind, "pair")) L = 2;
                /* sliced: one LFSR of L*M bits, at most 24 (the analyzer's full-period enumeration
                 * stays under a second); fewer than 2 lanes is plain lfsr */
                if (!strcmp(kind, "sliced")) {
                    L = 24 / m < sliced_max ? 24 / m : sliced_max;
                    if (L < 2) continue;
                }
                /* shared: one LFSR per bank whatever L, so its area per lane depends on L: built at
                 * the same lane count as sliced, the other kind that shares its register */
                if (!strcmp(kind, "shared")) L = sliced_max;
                char *fs = strdup(fw.s ? fw.s : ""), *fsave = NULL;
                for (char *fill = strtok_r(fs, " ", &fsave); fill; fill = strtok_r(NULL, " ", &fsave)) {
                    if (m == n && !strcmp(fill, "half")) continue; /* M = N: no fill bits, half = zero */
                    char id[64], nm_[24];
                    snprintf(id, sizeof id, "n%um%u-%s-%s", n, m, kind, fill);
                    if (!strcmp(id, "n24m24-lfsr-zero")) continue; /* the baseline, already planned */
                    snprintf(nm_, sizeof nm_, " %u/%u ", n, m);  /* EXPLORE_KEEP: trained even when dominated */
                    point(&p, id, strstr(kp.s, nm_) ? "keep" : "point", "sr", n, m, kind, fill, L);
                }
                free(fs);
            }
            free(ks);
        }
    }
    int rc = write_out(exdir, "points.tsv", &p.points) || write_out(exdir, "trains.tsv", &p.trains) ||
             write_out(exdir, "gen.jobs", &p.jobs);
    sb_free(&u), sb_free(&tf), sb_free(&rl), sb_free(&kw), sb_free(&fw), sb_free(&kp);
    sb_free(&p.points), sb_free(&p.trains), sb_free(&p.jobs), sb_free(&p.seen);
    return rc;
}
