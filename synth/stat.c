#include "stat.h"
#include "io/textfile.h"
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const target_names[TGT_COUNT] = {"xc7", "ice40", "gates", "osu018"};

const char *synth_target_name(synth_target t) { return target_names[t]; }

int synth_target_parse(const char *s, synth_target *t)
{
    for (int i = 0; i < TGT_COUNT; i++)
        if (strcmp(s, target_names[i]) == 0) {
            *t = (synth_target)i;
            return 0;
        }
    return -1;
}

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Yosys internal gate cells left by `abc -g` (names are "$_AND_", ...). */
static int is_gate(const char *s)
{
    static const char *const g[] = {"$_AND_", "$_NAND_", "$_OR_",  "$_NOR_",    "$_XOR_",   "$_XNOR_", "$_ANDNOT_",
                                    "$_ORNOT_", "$_MUX_", "$_NMUX_", "$_NOT_", "$_BUF_", "$_AOI3_", "$_OAI3_",
                                    "$_AOI4_", "$_OAI4_"};
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
        if (strcmp(s, g[i]) == 0) return 1;
    return 0;
}

synth_cell_class synth_classify(synth_target t, const char *c)
{
    switch (t) {
    case TGT_XC7:
        /* SRL16E/SRLC32E and INV each occupy a LUT: counting them as logic keeps LUT totals honest. */
        if ((starts(c, "LUT") && strlen(c) == 4 && c[3] >= '1' && c[3] <= '6') || starts(c, "SRL") ||
            strcmp(c, "INV") == 0)
            return CELL_LOGIC;
        if (starts(c, "FD")) return CELL_FF;
        if (strcmp(c, "CARRY4") == 0) return CELL_CARRY;
        if (starts(c, "DSP48")) return CELL_DSP;
        return CELL_OTHER;
    case TGT_ICE40:
        if (strcmp(c, "SB_LUT4") == 0) return CELL_LOGIC;
        if (starts(c, "SB_DFF")) return CELL_FF;
        if (strcmp(c, "SB_CARRY") == 0) return CELL_CARRY;
        if (strcmp(c, "SB_MAC16") == 0) return CELL_DSP;
        return CELL_OTHER;
    case TGT_OSU018:
        /* liberty cells; a $-cell is one the mapping left generic */
        if (c[0] == '$') return CELL_OTHER;
        if (starts(c, "DFF") || starts(c, "LATCH")) return CELL_FF;
        return CELL_LOGIC;
    default:
        if (is_gate(c)) return CELL_LOGIC;
        if (starts(c, "$_") && (strstr(c, "DFF") || strstr(c, "DLATCH"))) return CELL_FF;
        return CELL_OTHER;
    }
}

/* The whole-design statistics: "design" when Yosys wrote it, else the only module. */
static const cJSON *design_stats(const cJSON *root, char *err, size_t len)
{
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "design");
    if (cJSON_IsObject(d)) return d;
    const cJSON *mods = cJSON_GetObjectItemCaseSensitive(root, "modules");
    if (!cJSON_IsObject(mods) || cJSON_GetArraySize(mods) != 1) {
        snprintf(err, len, "stat JSON has no \"design\" object and not exactly one module");
        return NULL;
    }
    return mods->child;
}

static void add_other(synth_counts *o, const char *type, long n)
{
    size_t used = strlen(o->other_types);
    snprintf(o->other_types + used, sizeof o->other_types - used, "%s%s:%ld", used ? " " : "", type, n);
}

/* A count: a whole number in 0..SYNTH_MAX_COUNT. Checked before the
 * conversion to long, which is undefined for out-of-range doubles (found by
 * fuzzing: {"FDRE": 1e73}). The bound also keeps every sum in range. */
#define SYNTH_MAX_COUNT 1e12
static int count_of(const cJSON *v, long *out)
{
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= SYNTH_MAX_COUNT) ||
        v->valuedouble != (double)(long)v->valuedouble)
        return -1;
    *out = (long)v->valuedouble;
    return 0;
}

static int read_transistors(const cJSON *d, synth_counts *o, char *err, size_t len)
{
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(d, "estimated_num_transistors");
    if (!tr) return 0;
    if (cJSON_IsNumber(tr)) {
        if (count_of(tr, &o->transistors) == 0)
            return 0;
        snprintf(err, len, "\"estimated_num_transistors\" is not a count");
        return -1;
    }
    char *end = NULL;
    if (cJSON_IsString(tr)) o->transistors = strtol(tr->valuestring, &end, 10);
    if (!end || end == tr->valuestring || (*end && strcmp(end, "+") != 0)) {
        snprintf(err, len, "\"estimated_num_transistors\" is not a count");
        return -1;
    }
    o->transistors_partial = *end == '+';
    return 0;
}

cJSON *synth_json_parse(const char *json, char *err, size_t len)
{
    cJSON *root = cJSON_Parse(json);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        snprintf(err, len, "malformed JSON near '%.20s'", at ? at : "?");
    }
    return root;
}

int synth_stat_parse(const char *json, synth_target t, synth_counts *o, char *err, size_t len)
{
    memset(o, 0, sizeof *o);
    o->transistors = -1;
    cJSON *root = synth_json_parse(json, err, len);
    if (!root)
        return -1;
    int rc = -1;
    const cJSON *d = design_stats(root, err, len);
    const cJSON *by = d ? cJSON_GetObjectItemCaseSensitive(d, "num_cells_by_type") : NULL;
    const cJSON *num = d ? cJSON_GetObjectItemCaseSensitive(d, "num_cells") : NULL;
    if (d && (!cJSON_IsObject(by) || !cJSON_IsNumber(num))) {
        snprintf(err, len, "stat JSON lacks \"num_cells\" / \"num_cells_by_type\"");
        d = NULL;
    }
    if (d) {
        const cJSON *c;
        rc = 0;
        cJSON_ArrayForEach(c, by)
        {
            long n;
            if (count_of(c, &n) || o->cells + n > (long)SYNTH_MAX_COUNT) {
                snprintf(err, len, "cell count of '%s' is not a number of cells (valid: whole numbers, in total at "
                         "most %.0f)", c->string, SYNTH_MAX_COUNT);
                rc = -1;
                break;
            }
            o->cells += n;
            switch (synth_classify(t, c->string)) {
            case CELL_LOGIC: o->logic += n; break;
            case CELL_FF: o->ff += n; break;
            case CELL_CARRY: o->carry += n; break;
            case CELL_DSP: o->dsp += n; break;
            default: o->other += n; add_other(o, c->string, n); break;
            }
            if (t == TGT_XC7 && strncmp(c->string, "LUT", 3) == 0 && strlen(c->string) == 4 && c->string[3] >= '1' &&
                c->string[3] <= '6')
                o->lut[c->string[3] - '0'] += n;
        }
        long total;
        if (rc == 0 && (count_of(num, &total) || o->cells != total)) {
            snprintf(err, len, "cells by type add up to %ld, \"num_cells\" says %.17g", o->cells, num->valuedouble);
            rc = -1;
        }
        if (rc == 0) rc = read_transistors(d, o, err, len);
    }
    cJSON_Delete(root);
    return rc;
}

char *synth_slurp(const char *path) { return esru_read_text(path, 0); }

int synth_stat_load(const char *path, synth_target t, synth_counts *o, char *err, size_t len)
{
    char *text = synth_slurp(path);
    if (!text) {
        snprintf(err, len, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char why[300];
    int rc = synth_stat_parse(text, t, o, why, sizeof why);
    free(text);
    if (rc) snprintf(err, len, "%s: %s", path, why);
    return rc;
}
