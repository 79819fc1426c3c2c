#include "cli/vars.h"
#include "cli/flags.h"
#include "cli/number.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* V_LIST: words (spaces or commas) each checked by the flag; with ranges
 * "A-B" when `range`, "all" alone when `all`; duplicates refused. V_SRUS: N/M
 * words or "none". V_ENUM: one of the words in `flag`. V_REAL: a number of
 * the grammar with a fraction, 0 < x <= 100. V_JOBS: a count of jobs at a
 * time, 1..JOBS_MAX. V_ARGS: extra flags of the tool's command line (may be
 * empty), parsed by its own table before anything is built or run. */
typedef enum { V_FLAG, V_SRU, V_SWITCH, V_LIST, V_SRUS, V_ENUM, V_REAL, V_JOBS, V_ARGS } var_kind;
#define JOBS_MAX 256

typedef struct {
    const char *group, *var;
    var_kind kind;
    unsigned tool;    /* whose flag row checks the value */
    const char *flag; /* V_FLAG, V_LIST: the flag it becomes; V_ENUM: the valid words */
    int range, all;   /* V_LIST: "A-B" ranges, "all" allowed */
} var_spec;

/* make sim (sim/rtl/rtl.mk): the design flags go to `esrugen mac`, the run's to the harness. */
static const var_spec vars[] = {
    {"sim", "ARRAY", V_FLAG, ESRU_TOOL_MAC, "array", 0, 0},
    {"sim", "SRU", V_SRU, ESRU_TOOL_MAC, NULL, 0, 0},
    {"sim", "PRNG", V_FLAG, ESRU_TOOL_MAC, "prng", 0, 0},
    {"sim", "FILL", V_FLAG, ESRU_TOOL_MAC, "fill", 0, 0},
    {"sim", "ROUNDING", V_FLAG, ESRU_TOOL_MAC, "rounding", 0, 0},
    {"sim", "WEIGHT", V_FLAG, ESRU_TOOL_TRAIN, "weight-width", 0, 0},
    {"sim", "LANES", V_FLAG, ESRU_TOOL_MAC, "lanes", 0, 0},
    {"sim", "PIPELINE", V_FLAG, ESRU_TOOL_MAC, "pipeline", 0, 0},
    {"sim", "PRNG_REG", V_FLAG, ESRU_TOOL_MAC, "prng-reg", 0, 0},
    {"sim", "SEED", V_FLAG, ESRU_TOOL_MAC, "seed", 0, 0},
    {"sim", "STEPS", V_FLAG, ESRU_TOOL_SIM, "steps", 0, 0},
    {"sim", "MODEL", V_FLAG, ESRU_TOOL_SIM, "model", 0, 0},
    {"sim", "CHECK_EVERY", V_FLAG, ESRU_TOOL_SIM, "check-every", 0, 0},
    {"sim", "TRACE", V_SWITCH, 0, NULL, 0, 0},
    {"sim", "SIM_ARGS", V_ARGS, ESRU_TOOL_SIM, NULL, 0, 0},
    /* make accuracy (sim/train/accuracy_plan.sh; COMMON is a command line, checked by
     * esrutrain); ACC_JOBS: training runs at a time */
    {"accuracy", "MODEL", V_FLAG, ESRU_TOOL_TRAIN, "model", 0, 0},
    {"accuracy", "SEEDS", V_LIST, ESRU_TOOL_TRAIN, "seed", 0, 0},
    {"accuracy", "WIDTHS", V_LIST, ESRU_TOOL_TRAIN, "weight-width", 0, 0},
    {"accuracy", "ACC_JOBS", V_JOBS, 0, NULL, 0, 0},
    /* make accuracy-lanes (sim/train/lanes_plan.sh narrows its matrix by these) */
    {"accuracy", "LANES_JOBS", V_JOBS, 0, NULL, 0, 0},
    {"accuracy", "WEIGHTS", V_LIST, ESRU_TOOL_TRAIN, "weight-width", 0, 0},
    {"accuracy", "LANES", V_LIST, ESRU_TOOL_TRAIN, "lanes", 0, 0},
    {"accuracy", "LANES4", V_LIST, ESRU_TOOL_TRAIN, "lanes", 0, 0},
    /* make explore (sim/explore/run.sh); EXPLORE_AREA is the area module's (exptool area),
     * EXPLORE_UNIT and EXPLORE_TRAIN_ARGS are whole command lines checked by their tools */
    {"explore", "QUICK", V_SWITCH, 0, NULL, 0, 0},
    {"explore", "TOL", V_REAL, 0, NULL, 0, 0},
    {"explore", "EXPLORE_N", V_LIST, ESRU_TOOL_UNIT, "sru-width", 1, 0},
    {"explore", "EXPLORE_M", V_LIST, ESRU_TOOL_UNIT, "prng-width", 1, 1},
    {"explore", "EXPLORE_KINDS", V_LIST, ESRU_TOOL_UNIT, "prng", 0, 0},
    {"explore", "EXPLORE_FILLS", V_LIST, ESRU_TOOL_UNIT, "fill", 0, 0},
    {"explore", "EXPLORE_SEEDS", V_LIST, ESRU_TOOL_TRAIN, "seed", 0, 0},
    {"explore", "EXPLORE_LANES", V_LIST, ESRU_TOOL_TRAIN, "lanes", 0, 0},
    {"explore", "EXPLORE_EPOCHS", V_FLAG, ESRU_TOOL_TRAIN, "epochs", 0, 0},
    {"explore", "EXPLORE_TRAIN_IMAGES", V_FLAG, ESRU_TOOL_TRAIN, "train-limit", 0, 0},
    {"explore", "EXPLORE_TEST_IMAGES", V_FLAG, ESRU_TOOL_TRAIN, "test-limit", 0, 0},
    {"explore", "EXPLORE_WEIGHT_WIDTH", V_FLAG, ESRU_TOOL_TRAIN, "weight-width", 0, 0},
    {"explore", "EXPLORE_SLICED_LANES", V_FLAG, ESRU_TOOL_UNIT, "lanes", 0, 0},
    {"explore", "EXPLORE_KEEP", V_SRUS, ESRU_TOOL_UNIT, NULL, 0, 0},
    {"explore", "EXPLORE_PRUNE", V_ENUM, 0, "max mean both", 0, 0},
    {"explore", "EXPLORE_BIAS_SCOPE", V_ENUM, 0, "element design", 0, 0},
};

/* "--seed '010' ..." -> "make variable SEED='010' ...". */
static void rename_subject(const char *flag, const char *var, const char *val, char *err, size_t len)
{
    char tmp[2200];
    size_t fl = strlen(flag), vl = strlen(val);
    const char *rest = err;
    if (strncmp(err, "--", 2) == 0 && strncmp(err + 2, flag, fl) == 0) {
        rest = err + 2 + fl;
        if (rest[0] == ' ' && rest[1] == '\'' && strncmp(rest + 2, val, vl) == 0 && rest[2 + vl] == '\'')
            rest += 3 + vl;
        else if (rest[0] == ' ' && strncmp(rest + 1, val, vl) == 0)
            rest += 1 + vl;
    }
    int plain = strncmp(rest, " is", 3) == 0 || strncmp(rest, " has", 4) == 0 || rest == err;
    snprintf(tmp, sizeof tmp, "make variable %s='%.64s'%s%.1024s", var, val, plain ? "" : ":", rest);
    snprintf(err, len, "%.*s", (int)(len - 1), tmp);
}

static int check(const var_spec *v, const char *val, char *out, size_t outlen);

/* One word of a V_LIST or V_SRUS through the row's own check. */
static int check_word(const var_spec *v, const char *all, const char *word)
{
    static esru_settings s;
    char err[1024], out[256];
    if (v->kind == V_SRUS) {
        var_spec one = {v->group, v->var, V_SRU, v->tool, NULL, 0, 0};
        return check(&one, word, out, sizeof out);
    }
    esru_settings_default(&s, v->tool);
    err[0] = 0;
    if (esru_flags_set(&s, v->flag, word, err, sizeof err) == 0) return 0;
    rename_subject(v->flag, v->var, word, err, sizeof err);
    fprintf(stderr, "esrugen: %s (in %s='%s')\n", err, v->var, all);
    return -1;
}

/* The words of a variable's value (a copy in buf), at most WORDS_MAX; -1 (said) when too long. */
#define WORDS_CHARS 1024
#define WORDS_MAX 256
static int split_words(const var_spec *v, const char *val, const char *seps, char *buf, char **words)
{
    int n = 0;
    if (snprintf(buf, WORDS_CHARS, "%s", val) >= WORDS_CHARS) {
        fprintf(stderr, "esrugen: make variable %s is longer than %d characters\n", v->var, WORDS_CHARS - 1);
        return -1;
    }
    for (char *t = strtok(buf, seps); t; t = strtok(NULL, seps)) {
        if (n == WORDS_MAX) {
            fprintf(stderr, "esrugen: make variable %s has more than %d words\n", v->var, WORDS_MAX);
            return -1;
        }
        words[n++] = t;
    }
    return n;
}

/* V_LIST / V_SRUS: every word, no duplicates (a seed twice is not two seeds). */
static int check_list(const var_spec *v, const char *val)
{
    char buf[WORDS_CHARS], *words[WORDS_MAX];
    int n = split_words(v, val, " ,\t", buf, words);
    if (n < 0)
        return -1;
    if (n == 0) {
        fprintf(stderr, "esrugen: make variable %s is empty (valid: %s)\n", v->var,
                v->kind == V_SRUS ? "N/M words, or none" : "one or more values");
        return -1;
    }
    if ((v->all && n == 1 && strcmp(words[0], "all") == 0) || (v->kind == V_SRUS && n == 1 && !strcmp(words[0], "none")))
        return 0;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < i; k++)
            if (strcmp(words[k], words[i]) == 0) {
                fprintf(stderr, "esrugen: make variable %s='%s' names '%s' twice (valid: distinct values)\n", v->var,
                        val, words[i]);
                return -1;
            }
        char *dash = v->range ? strchr(words[i], '-') : NULL;
        if (dash) { /* A-B: both ends checked, A <= B */
            *dash = 0;
            if (check_word(v, val, words[i]) || check_word(v, val, dash + 1)) return -1;
            unsigned long a = strtoul(words[i], NULL, 10), b = strtoul(dash + 1, NULL, 10);
            if (a > b) {
                fprintf(stderr, "esrugen: make variable %s='%s': range %s-%s is empty (valid: A-B with A <= B)\n",
                        v->var, val, words[i], dash + 1);
                return -1;
            }
        } else if (check_word(v, val, words[i])) {
            return -1;
        }
    }
    return 0;
}

/* V_ARGS: the words as the recipe's shell splits them, through the tool's parser. */
static int check_args(const var_spec *v, const char *val)
{
    static esru_settings s;
    char buf[WORDS_CHARS], err[1024], *argv[WORDS_MAX + 2] = {(char *)v->var};
    int n = split_words(v, val, " \t", buf, argv + 1), argc = n + 1, next = 0;
    if (n < 0)
        return -1;
    argv[argc] = NULL;
    esru_settings_default(&s, v->tool);
    err[0] = 0;
    if (esru_flags_parse(&s, argc, argv, &next, err, sizeof err) != 0) {
        fprintf(stderr, "esrugen: make variable %s='%s': %s\n", v->var, val, err);
        return -1;
    }
    if (next < argc) {
        fprintf(stderr, "esrugen: make variable %s='%s': '%s' is not a flag (valid: flags of %s, see its --help)\n",
                v->var, val, argv[next], esru_tool_name(v->tool));
        return -1;
    }
    return 0;
}

static int check(const var_spec *v, const char *val, char *out, size_t outlen)
{
    static esru_settings s;
    char err[1024];
    if (v->kind == V_LIST || v->kind == V_SRUS)
        return check_list(v, val);
    if (v->kind == V_ARGS)
        return check_args(v, val);
    if (v->kind == V_ENUM) {
        char words[128];
        snprintf(words, sizeof words, " %s ", v->flag);
        char key[130];
        snprintf(key, sizeof key, " %s ", val);
        if (val[0] && !strchr(val, ' ') && strstr(words, key))
            return 0;
        fprintf(stderr, "esrugen: make variable %s='%s' is not one of: %s\n", v->var, val, v->flag);
        return -1;
    }
    if (v->kind == V_JOBS) {
        unsigned n;
        char what[64];
        snprintf(what, sizeof what, "make variable %s", v->var);
        if (esru_parse_uint(what, val, 1, JOBS_MAX, &n, err, sizeof err) == 0)
            return 0;
        fprintf(stderr, "esrugen: %s\n", err);
        return -1;
    }
    if (v->kind == V_REAL) {
        double x;
        char what[64];
        snprintf(what, sizeof what, "make variable %s", v->var);
        if (esru_parse_real(what, val, 0, 100, &x, err, sizeof err) == 0)
            return 0;
        fprintf(stderr, "esrugen: %s\n", err);
        return -1;
    }
    if (v->kind == V_SWITCH) {
        if (strcmp(val, "0") == 0 || strcmp(val, "1") == 0)
            return 0;
        fprintf(stderr, "esrugen: make variable %s='%s' is not a switch (valid: 0, 1)\n", v->var, val);
        return -1;
    }
    esru_settings_default(&s, v->tool);
    if (v->kind == V_SRU) {
        const char *slash = strchr(val, '/');
        char n[32];
        if (!slash || (size_t)(slash - val) >= sizeof n) {
            fprintf(stderr, "esrugen: make variable %s='%s' is not N/M (valid: e.g. 8/3, N in 1..%u, M in 1..N)\n",
                    v->var, val, ESRU_MAX_N);
            return -1;
        }
        memcpy(n, val, (size_t)(slash - val));
        n[slash - val] = 0;
        if (esru_flags_set(&s, "sru-width", n, err, sizeof err) != 0 ||
            esru_flags_set(&s, "prng-width", slash + 1, err, sizeof err) != 0) {
            fprintf(stderr, "esrugen: make variable %s='%s': %s\n", v->var, val, err);
            return -1;
        }
        if (s.sru.prng_width > s.sru.sru_width) {
            fprintf(stderr, "esrugen: make variable %s='%s': M = %u is more than N = %u (valid: N/M with M in 1..N)\n",
                    v->var, val, s.sru.prng_width, s.sru.sru_width);
            return -1;
        }
        snprintf(out, outlen, "--sru-width %s --prng-width %s", n, slash + 1);
        return 0;
    }
    err[0] = 0;
    if (esru_flags_set(&s, v->flag, val, err, sizeof err) != 0) {
        rename_subject(v->flag, v->var, val, err, sizeof err);
        fprintf(stderr, "esrugen: %s\n", err);
        return -1;
    }
    snprintf(out, outlen, "--%s %s", v->flag, val);
    return 0;
}

/* The groups of the table in order, joined by sep (`esrugen vars --groups`). */
static void print_groups(FILE *f, const char *sep)
{
    const char *last = "";
    for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++)
        if (strcmp(vars[k].group, last) != 0) {
            fprintf(f, "%s%s", *last ? sep : "", vars[k].group);
            last = vars[k].group;
        }
}

/* `esrugen vars --names GROUP`: the group's variables, for make help. */
static int print_names(const char *group)
{
    int n = 0;
    for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++)
        if (!strcmp(vars[k].group, group))
            printf("%s%s", n++ ? " " : "", vars[k].var);
    if (!n) {
        fprintf(stderr, "esrugen: vars: '%s' is not a group of make variables (valid: ", group);
        print_groups(stderr, ", ");
        fprintf(stderr, ")\n");
        return 2;
    }
    printf("\n");
    return 0;
}

int esru_vars_main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--names"))
        return print_names(argv[2]);
    if (argc == 2 && !strcmp(argv[1], "--groups")) {
        print_groups(stdout, " ");
        printf("\n");
        return 0;
    }
    if (argc < 2) {
        fprintf(stderr, "esrugen: usage: esrugen vars GROUP VAR=VALUE ... | esrugen vars --names GROUP | esrugen vars "
                        "--groups\n");
        return 2;
    }
    const char *group = argv[1];
    int bad = 0;
    char line[4096] = "";
    size_t used = 0;
    for (int i = 2; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        const var_spec *v = NULL;
        for (size_t k = 0; eq && k < sizeof vars / sizeof vars[0]; k++)
            if (!strcmp(vars[k].group, group) && strlen(vars[k].var) == (size_t)(eq - argv[i]) &&
                !strncmp(vars[k].var, argv[i], (size_t)(eq - argv[i])))
                v = &vars[k];
        if (!v) {
            fprintf(stderr, "esrugen: vars: '%s' is not a make variable of %s\n", argv[i], group);
            return 2;
        }
        char out[256] = "";
        if (check(v, eq + 1, out, sizeof out) != 0)
            bad = 1;
        else if (out[0] && used < sizeof line)
            used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", used ? " " : "", out);
    }
    if (bad)
        return 2;
    printf("%s\n", line);
    return 0;
}
