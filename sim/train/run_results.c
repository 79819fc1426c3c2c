/* Plan lines and esrutrain results (run_results.h): one reader, cJSON. */
#include "run_results.h"
#include "cli/number.h"
#include "io/textfile.h"
#include <cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int copy_field(char *dst, size_t cap, const char *src, const char *what, unsigned lineno, char *err,
                      size_t len)
{
    if (!*src || strlen(src) >= cap) {
        snprintf(err, len, "plan line %u: %s '%s' (valid: 1..%zu characters)", lineno, what, src, cap - 1);
        return -1;
    }
    memcpy(dst, src, strlen(src) + 1);
    return 0;
}

int plan_next(FILE *plan, plan_job *job, unsigned *lineno, char *err, size_t len)
{
    char line[1024];
    while (fgets(line, sizeof line, plan)) {
        ++*lineno;
        if (!strchr(line, '\n') && !feof(plan)) {
            snprintf(err, len, "plan line %u: longer than %zu characters", *lineno, sizeof line - 2);
            return -1;
        }
        line[strcspn(line, "\n")] = 0;
        if (!*line)
            continue;
        /* six fields; FLAGS (the last) may hold no '|' */
        char *f[6], *p = line;
        unsigned k = 0;
        for (; k < 5; k++) {
            char *bar = strchr(p, '|');
            if (!bar)
                break;
            *bar = 0;
            f[k] = p;
            p = bar + 1;
        }
        if (k < 5 || strchr(p, '|')) {
            snprintf(err, len, "plan line %u: want KEY|LABEL|WEIGHT|LANES|SEED|FLAGS (6 fields)", *lineno);
            return -1;
        }
        f[5] = p;
        char what[32], e[160];
        if (copy_field(job->key, sizeof job->key, f[0], "KEY", *lineno, err, len) ||
            copy_field(job->label, sizeof job->label, f[1], "LABEL", *lineno, err, len))
            return -1;
        if (strspn(f[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") != strlen(f[0]) ||
            f[0][0] == '.') {
            snprintf(err, len, "plan line %u: KEY '%s' (valid: letters, digits, _ . -, not starting with .)",
                     *lineno, f[0]);
            return -1;
        }
        const char *names[3] = {"WEIGHT", "LANES", "SEED"};
        unsigned lo[3] = {0, 1, 0}, hi[3] = {64, 1024, 0xffffffffu}, *dst[3] = {&job->weight, &job->lanes, &job->seed};
        for (unsigned i = 0; i < 3; i++) {
            snprintf(what, sizeof what, "%s", names[i]);
            if (esru_parse_uint(what, f[2 + i], lo[i], hi[i], dst[i], e, sizeof e)) {
                snprintf(err, len, "plan line %u: %s", *lineno, e);
                return -1;
            }
        }
        if (strlen(f[5]) >= sizeof job->flags) {
            snprintf(err, len, "plan line %u: FLAGS longer than %zu characters", *lineno, sizeof job->flags - 1);
            return -1;
        }
        memcpy(job->flags, f[5], strlen(f[5]) + 1);
        return 1;
    }
    return 0;
}

static double number_or(const cJSON *o, const char *name, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

int run_result_read(const char *cache, const char *key, run_result *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.json", cache, key);
    char *text = esru_read_text(path, 1 << 20);
    if (!text)
        return -1;
    cJSON *j = cJSON_Parse(text);
    free(text);
    if (!j || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j, "test_accuracy"))) {
        cJSON_Delete(j);
        return -1;
    }
    r->test_accuracy = number_or(j, "test_accuracy", NAN);
    r->train_accuracy = number_or(j, "train_accuracy", NAN);
    r->overflows = number_or(j, "overflows", NAN);
    r->images_per_second = number_or(j, "images_per_second", NAN);
    r->train_seconds = number_or(j, "train_seconds", NAN);
    r->bias_known = 0;
    r->bias_declined = 0;
    r->worst_bias = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(j, "bias_check"))
    {
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(b, "worst_element_mean_bias");
        if (cJSON_IsNumber(w)) {
            r->bias_known = 1;
            if (fabs(w->valuedouble) > r->worst_bias)
                r->worst_bias = fabs(w->valuedouble);
        } else {
            /* "declined": true (the analyzer had no figure for this bank); results of an
               esrutrain from before that key carry the analyzer's refusal as a note only,
               which then begins with its stride ("--stride K shares the factor ...") */
            const cJSON *d = cJSON_GetObjectItemCaseSensitive(b, "declined"),
                        *note = cJSON_GetObjectItemCaseSensitive(b, "note");
            if (cJSON_IsTrue(d) || (!d && cJSON_IsString(note) && !strncmp(note->valuestring, "--stride ", 9)))
                r->bias_declined = 1;
        }
    }
    cJSON_Delete(j);
    return 0;
}

double runs_mean(const double *v, unsigned n)
{
    double s = 0;
    for (unsigned i = 0; i < n; i++)
        s += v[i];
    return n ? s / n : NAN;
}

double runs_sd(const double *v, unsigned n)
{
    if (n < 2)
        return 0;
    double m = runs_mean(v, n), s = 0;
    for (unsigned i = 0; i < n; i++)
        s += (v[i] - m) * (v[i] - m);
    return sqrt(s / (n - 1));
}

void runs_add_unique(unsigned *v, unsigned *n, unsigned max, unsigned x)
{
    for (unsigned i = 0; i < *n; i++)
        if (v[i] == x)
            return;
    if (*n < max)
        v[(*n)++] = x;
}

static int by_value(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

void runs_sort(unsigned *v, unsigned n)
{
    qsort(v, n, sizeof *v, by_value);
}

int runs_report_args(int argc, char **argv, runs_report_opts *o, int npos)
{
    static const struct option opts[] = {{"title", required_argument, 0, 't'},
                                         {"budget", required_argument, 0, 'b'},
                                         {"name", required_argument, 0, 'n'},
                                         {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 't')
            o->title = optarg;
        else if (c == 'b')
            o->budget = optarg;
        else if (c == 'n')
            o->name = optarg;
        else
            return -1;
    }
    if (argc - optind != npos || !*o->name || strchr(o->name, '/') || o->name[0] == '.')
        return -1;
    return optind;
}
