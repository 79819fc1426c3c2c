#include "cli/vars.h"
#include "cli/flags.h"
#include "cli/number.h"
#include <stdio.h>
#include <string.h>

typedef enum { V_FLAG, V_SRU, V_SWITCH } var_kind;

typedef struct {
    const char *group, *var;
    var_kind kind;
    unsigned tool;    /* whose flag row checks the value */
    const char *flag; /* V_FLAG: the flag it becomes */
} var_spec;

/* make sim (sim/rtl/rtl.mk): the design flags go to `esrugen mac`, the run's to the harness. */
static const var_spec vars[] = {
    {"sim", "ARRAY", V_FLAG, ESRU_TOOL_MAC, "array"},
    {"sim", "SRU", V_SRU, ESRU_TOOL_MAC, NULL},
    {"sim", "PRNG", V_FLAG, ESRU_TOOL_MAC, "prng"},
    {"sim", "FILL", V_FLAG, ESRU_TOOL_MAC, "fill"},
    {"sim", "ROUNDING", V_FLAG, ESRU_TOOL_MAC, "rounding"},
    {"sim", "WEIGHT", V_FLAG, ESRU_TOOL_TRAIN, "weight-width"},
    {"sim", "LANES", V_FLAG, ESRU_TOOL_MAC, "lanes"},
    {"sim", "PIPELINE", V_FLAG, ESRU_TOOL_MAC, "pipeline"},
    {"sim", "SEED", V_FLAG, ESRU_TOOL_MAC, "seed"},
    {"sim", "STEPS", V_FLAG, ESRU_TOOL_SIM, "steps"},
    {"sim", "MODEL", V_FLAG, ESRU_TOOL_SIM, "model"},
    {"sim", "CHECK_EVERY", V_FLAG, ESRU_TOOL_SIM, "check-every"},
    {"sim", "TRACE", V_SWITCH, 0, NULL},
    /* make accuracy (sim/train/accuracy.sh) */
    {"accuracy", "MODEL", V_FLAG, ESRU_TOOL_TRAIN, "model"},
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

static int check(const var_spec *v, const char *val, char *out, size_t outlen)
{
    static esru_settings s;
    char err[1024];
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
            fprintf(stderr, "esrugen: make variable SRU='%s' is not N/M (valid: e.g. 8/3, N in 1..%u, M in 1..N)\n",
                    val, ESRU_MAX_N);
            return -1;
        }
        memcpy(n, val, (size_t)(slash - val));
        n[slash - val] = 0;
        if (esru_flags_set(&s, "sru-width", n, err, sizeof err) != 0 ||
            esru_flags_set(&s, "prng-width", slash + 1, err, sizeof err) != 0) {
            fprintf(stderr, "esrugen: make variable SRU='%s': %s\n", val, err);
            return -1;
        }
        if (s.sru.prng_width > s.sru.sru_width) {
            fprintf(stderr, "esrugen: make variable SRU='%s': M = %u is more than N = %u (valid: N/M with M in 1..N)\n",
                    val, s.sru.prng_width, s.sru.sru_width);
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

int esru_vars_main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "esrugen: usage: esrugen vars GROUP VAR=VALUE ...\n");
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
