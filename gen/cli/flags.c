#include "cli/flags.h"
#include "cli/number.h"
#include "kinds/kind.h"
#include "model/simd.h"
#include "rtl/emit_wrap.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(field) offsetof(esru_settings, field)

/* Tool groups. */
#define T_SHAPE (ESRU_TOOL_UNIT | ESRU_TOOL_ANALYZE | ESRU_TOOL_LINE)
#define T_SRU (T_SHAPE | ESRU_TOOL_MAC | ESRU_TOOL_TRAIN)
#define T_HARNESS (ESRU_TOOL_SIM | ESRU_TOOL_MACCHECK | ESRU_TOOL_STIM)
#define T_ALL 0xffffu

static int choose(const char *what, const char *text, const char *const *names, unsigned n, unsigned *out,
                  char *err, size_t len)
{
    for (unsigned i = 0; i < n; i++)
        if (names[i] && strcmp(text, names[i]) == 0) {
            *out = i;
            return 0;
        }
    char valid[256] = "";
    size_t k = 0;
    for (unsigned i = 0; i < n && k < sizeof valid; i++)
        if (names[i])
            k += (size_t)snprintf(valid + k, sizeof valid - k, "%s%s", k ? ", " : "", names[i]);
    snprintf(err, len, "%s '%s' is unknown (valid: %s)", what, text, valid);
    return -1;
}

static int set_rounding(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    (void)f;
    /* sr-ideal is the trainer's exact-SR reference, not a unit. */
    const char *names[] = {"sr", "rne", "trunc", s->tool == ESRU_TOOL_TRAIN ? "sr-ideal" : NULL};
    unsigned i;
    if (choose("--rounding", text, names, 4, &i, err, len) != 0)
        return -1;
    s->train.sr_ideal = i == 3;
    s->sru.rounding = i == 3 ? ROUND_SR : (esru_rounding)i;
    return 0;
}

/* A flag whose value is one of a few words: the word's index (or the word
 * itself, for the harnesses' test switches) into a field. */
#define CHOICE_SETTER(FN, FLAG, STORE, ...)                                                                        \
    static int FN(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)                   \
    {                                                                                                              \
        (void)f;                                                                                                   \
        static const char *const names[] = {__VA_ARGS__};                                                          \
        unsigned i;                                                                                                \
        if (choose(FLAG, text, names, sizeof names / sizeof names[0], &i, err, len) != 0)                          \
            return -1;                                                                                             \
        STORE;                                                                                                     \
        return 0;                                                                                                  \
    }
CHOICE_SETTER(set_fill, "--fill", s->sru.fill = (esru_fill)i, "zero", "half")
CHOICE_SETTER(set_numerics, "--numerics", s->train.fixed = (int)i, "fp32", "fixed")
CHOICE_SETTER(set_padding, "--padding", s->train.same = (int)i, "valid", "same")
CHOICE_SETTER(set_model, "--model", s->train.model = (int)i, "mlp", "lenet")
CHOICE_SETTER(set_break_model, "--break-model", s->break_model = names[i], "seed", "rounding", "pipeline")
CHOICE_SETTER(set_corrupt, "--corrupt", s->corrupt = names[i], "gemm1", "gemm2", "requant", "requant2", "update1",
              "update2")

static int set_prng(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    (void)f;
    if (esru_kind_named(text, &s->sru.prng))
        return 0;
    char valid[256];
    esru_kind_names(", ", valid, sizeof valid);
    snprintf(err, len, "--prng '%s' is unknown (valid: %s)", text, valid);
    return -1;
}

static int set_name(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    (void)f;
    if (strlen(text) >= sizeof s->sru.name) {
        snprintf(err, len, "--name '%.16s...' is longer than %zu characters (valid: a Verilog identifier of 1..%zu)",
                 text, sizeof s->sru.name - 1, sizeof s->sru.name - 1);
        return -1;
    }
    snprintf(s->sru.name, sizeof s->sru.name, "%s", text); /* validity: esru_config_check */
    return 0;
}

static int set_array(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    return esru_parse_dims("--array", text, (unsigned)f->lo, (unsigned)f->hi, &s->mac.rows, &s->mac.cols, err, len);
}

static int set_hidden(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    return esru_parse_list("--hidden", text, (unsigned)f->lo, (unsigned)f->hi, ESRU_MAX_HIDDEN, s->train.hidden,
                           &s->train.nhidden, err, len);
}

static int set_conv(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    const char *const name[2] = {"kernel", "channels"};
    const unsigned lo[2] = {1, 1}, hi[2] = {(unsigned)f->lo, (unsigned)f->hi};
    return esru_parse_pairs("--conv", text, "KxC", "5x6", name, lo, hi, ESRU_MAX_CONV, s->train.conv_k,
                            s->train.conv_c, &s->train.nconv, err, len);
}

static int set_lr(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    (void)f;
    return esru_parse_real("--lr", text, 0.0, 1.0, &s->train.lr, err, len);
}

static int set_stride(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    char item[32], what[48];
    const char *p = text;
    unsigned n = 0;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (n == ESRU_MAX_STRIDES || l >= sizeof item) {
            snprintf(err, len, "--stride '%s' is invalid (valid: 1..%u comma-separated strides in %llu..%llu)", text,
                     ESRU_MAX_STRIDES, (unsigned long long)f->lo, (unsigned long long)f->hi);
            return -1;
        }
        memcpy(item, p, l);
        item[l] = 0;
        snprintf(what, sizeof what, "--stride item %u", n + 1);
        if (esru_parse_u64(what, item, f->lo, f->hi, &s->stride[n], err, len) != 0)
            return -1;
        n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    s->nstride = n;
    return 0;
}

static int set_wrap(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    (void)f;
    esru_wrap_mode m;
    if (esru_parse_wrap(text, &m) != 0) {
        snprintf(err, len, "--wrap '%s' is unknown (valid: reg, serial)", text);
        return -1;
    }
    s->wrap = (int)m;
    return 0;
}

/* clang-format off */
static const esru_flag table[] = {
    /* name, short, type, tools, section, metavar, lo, hi, range, default, help, field, setter */
    {"in-width", 0, FT_UINT, T_SHAPE, "unit", "IW", 2, ESRU_MAX_IW, NULL, "32", "signed input width", S(sru.in_width), NULL},
    {"out-width", 0, FT_UINT, T_SHAPE, "unit", "OW", 2, ESRU_MAX_IW, "2..IW", "8", "signed saturating output width", S(sru.out_width), NULL},
    {"shift", 0, FT_UINT, T_SHAPE, "unit", "D", 0, ESRU_MAX_IW - 1, "0..IW-1", "16", "LSBs discarded", S(sru.shift), NULL},
    {"array", 0, FT_CUSTOM, ESRU_TOOL_MAC, "MAC array", "RxC", 1, ESRU_MAC_MAX_DIM, "1x1..32x32", "8x8", "processing elements", 0, set_array},
    {"operand-width", 0, FT_UINT, ESRU_TOOL_MAC, "MAC array", "W", 2, 24, NULL, "8", "signed operand width", S(mac.operand_width), NULL},
    {"acc-width", 0, FT_UINT, ESRU_TOOL_MAC, "MAC array", "A", 2, 62, "2W..62", "32", "saturating accumulator width", S(mac.acc_width), NULL},
    {"act-width", 0, FT_UINT, ESRU_TOOL_MAC, "MAC array", "B", 2, 24, "2..W", "8", "requantized output width", S(mac.act_width), NULL},
    {"weight-width", 0, FT_UINT, ESRU_TOOL_MAC, "MAC array", "B", 2, 24, "2..W", "8", "weight width", S(mac.weight_width), NULL},
    {"grad-width", 0, FT_UINT, ESRU_TOOL_MAC, "MAC array", "B", 2, 24, NULL, "8", "rounded update width", S(mac.grad_width), NULL},
    {"data", 0, FT_TEXT, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "DIR", 0, 0, NULL, "/usr/share/datasets/fashion-mnist", "gzip IDX files", S(train.data), NULL},
    {"model", 0, FT_CUSTOM, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "mlp|lenet", 0, 0, NULL, "mlp", "network: the MLP of --hidden, or LeNet-5 (conv 5x5x6, pool, conv 5x5x16, pool, fc 120-84-10)", 0, set_model},
    {"hidden", 0, FT_CUSTOM, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "LIST", 1, 4096, "1..6 sizes of 1..4096", "256,128", "hidden layer sizes", 0, set_hidden},
    /* lo, hi: the largest kernel and channel count */
    {"conv", 0, FT_CUSTOM, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "KxC,...", 28, 64, "1..4 layers; K in 1..28, C in 1..64", "", "conv front of the MLP: each KxC a KxK valid convolution to C channels, ReLU, 2x2 max pool (--model lenet = --conv 5x6,5x16 --hidden 120,84)", 0, set_conv},
    {"padding", 0, FT_CUSTOM, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "valid|same", 0, 0, NULL, "valid", "the conv layers' padding: none, or (K-1)/2 zeros on each side (odd K) so a layer keeps its map's size", 0, set_padding},
    {"epochs", 0, FT_UINT, ESRU_TOOL_TRAIN, "data and model", "N", 1, 1000, NULL, "10", "training epochs", S(train.epochs), NULL},
    {"batch", 0, FT_UINT, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "N", 1, 4096, NULL, "32", "batch size", S(train.batch), NULL},
    {"lr", 0, FT_CUSTOM, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "X", 0, 1, "0 < X <= 1; fixed: a power of two", "0.0625", "SGD learning rate", 0, set_lr},
    {"train-limit", 0, FT_U64, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "N", 0, 60000, "0..60000, 0: all", "0", "use the first N training images", S(train.train_limit), NULL},
    {"test-limit", 0, FT_U64, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "data and model", "N", 0, 10000, "0..10000, 0: all", "0", "use the first N test images", S(train.test_limit), NULL},
    {"numerics", 0, FT_CUSTOM, ESRU_TOOL_TRAIN, "numerics", "fp32|fixed", 0, 0, NULL, "fixed", "float baseline or SRU-rounded fixed point", 0, set_numerics},
    {"weight-width", 0, FT_UINT, ESRU_TOOL_TRAIN, "numerics", "N", 2, 16, NULL, "8", "weight bits", S(train.weight_width), NULL},
    {"act-width", 0, FT_UINT, ESRU_TOOL_TRAIN, "numerics", "N", 2, 16, NULL, "8", "activation and error bits", S(train.act_width), NULL},
    {"grad-width", 0, FT_UINT, ESRU_TOOL_TRAIN, "numerics", "N", 2, 24, NULL, "--weight-width", "rounded-update bits", S(train.grad_width), NULL},
    {"acc-width", 0, FT_UINT, ESRU_TOOL_TRAIN, "numerics", "N", 16, 62, NULL, "32", "accumulator bits", S(train.acc_width), NULL},
    {"rounding", 0, FT_CUSTOM, T_SRU, "SRU", "sr|rne|trunc", 0, 0, "esrutrain also: sr-ideal", "sr", "stochastic, nearest-even, floor", 0, set_rounding},
    {"sru-width", 0, FT_UINT, T_SRU, "SRU", "N", 1, ESRU_MAX_N, NULL, "8", "rounding adder width: the top N discarded bits take part", S(sru.sru_width), NULL},
    {"prng-width", 0, FT_UINT, T_SRU, "SRU", "M", 1, ESRU_MAX_N, "1..N", "3", "random bits", S(sru.prng_width), NULL},
    {"fill", 0, FT_CUSTOM, T_SRU, "SRU", "zero|half", 0, 0, NULL, "half", "the N-M low bits of the random word", 0, set_fill},
    {"prng", 0, FT_CUSTOM, T_SRU, "SRU", "KIND", 0, 0, NULL, "shared", "PRNG kind", 0, set_prng},
    {"prng-state-width", 0, FT_UINT, T_SRU, "SRU", "W", 0, 61, "a Mersenne exponent 2..61 >= M; 0: 17 or more (docs/numerics.md)", "0", "state bits of --prng shared", S(sru.state_width), NULL},
    {"lanes", 0, FT_UINT, T_SRU, "SRU", "L", 1, ESRU_MAX_LANES, "1..256; pair: even", "1 (mac: C)", "parallel lanes", S(sru.lanes), NULL},
    {"pipeline", 0, FT_UINT, ESRU_TOOL_UNIT | ESRU_TOOL_MAC | ESRU_TOOL_LINE, "SRU", "P", 0, ESRU_MAX_PIPELINE, NULL, "0", "register stages in each lane: 1 after the SR add, 2 also after the shift; latency 1+P cycles (docs/interface.md)", S(sru.pipeline), NULL},
    {"prng-reg", 0, FT_UINT, ESRU_TOOL_UNIT | ESRU_TOOL_MAC | ESRU_TOOL_LINE, "SRU", "0|1", 0, 1, NULL, "0", "1: register each lane's random bits after the phase shifter of --prng shared (M flops a lane; the same values every cycle, no latency)", S(sru.prng_reg), NULL},
    {"seed", 0, FT_U64, T_SRU, "SRU", "S", 0, UINT64_MAX, "1..2^64-1", "1", "PRNG seed (esrutrain: also init and data order)", S(sru.seed), NULL},
    {"name", 0, FT_CUSTOM, ESRU_TOOL_UNIT | ESRU_TOOL_MAC | ESRU_TOOL_LINE, "output", "NAME", 0, 0, "a Verilog identifier, 1..63 characters, not reserved (docs/interface.md)", "esru (mac: mac)", "top module name", 0, set_name},
    {"output", 'o', FT_TEXT, ESRU_TOOL_UNIT | ESRU_TOOL_MAC, "output", "DIR", 0, 0, NULL, "out/NAME", "output directory, replaced as a whole by the new set", S(outdir), NULL},
    {"force", 0, FT_SWITCH, ESRU_TOOL_UNIT | ESRU_TOOL_MAC, "output", NULL, 0, 0, NULL, "", "DIR may hold files esrugen did not generate: keep them, replace the rest", S(force), NULL},
    {"wrap", 0, FT_CUSTOM, ESRU_TOOL_UNIT | ESRU_TOOL_MAC, "output", "reg|serial", 0, 0, NULL, "none", "also write NAME_wrap.v, a timing wrapper for place and route (docs/interface.md)", 0, set_wrap},
    {"json", 0, FT_SWITCH, ESRU_TOOL_ANALYZE, "output", NULL, 0, 0, NULL, "", "print JSON instead of text", S(json), NULL},
    {"stride", 0, FT_CUSTOM, ESRU_TOOL_ANALYZE, "output", "K[,K..]", 1, UINT64_MAX, NULL, "", "per-element bias of elements that meet their lane every K bank advances", 0, set_stride},
    {"json", 0, FT_TEXT, ESRU_TOOL_TRAIN, "output", "FILE", 0, 0, NULL, "", "write config, metrics and weight hash", S(train.json), NULL},
    {"strict-bias", 0, FT_SWITCH, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "output", NULL, 0, 0, NULL, "", "exit 2 instead of warning when a bank's worst element is biased by >= 1/64 LSB", S(train.strict_bias), NULL},
    {"bias-check-only", 0, FT_SWITCH, ESRU_TOOL_TRAIN, "output", NULL, 0, 0, NULL, "", "report each bank's advances per step K and worst element mean bias (with --json: as JSON) and exit without training", S(train.bias_check_only), NULL},
    {"quiet", 0, FT_SWITCH, ESRU_TOOL_TRAIN | ESRU_TOOL_SIM, "output", NULL, 0, 0, NULL, "", "no per-epoch lines", S(train.quiet), NULL},
    {"threads", 0, FT_UINT, ESRU_TOOL_TRAIN, "run", "N", 0, ESRU_MAX_THREADS, "0..256, 0: OMP_NUM_THREADS or one per core", "0", "threads of the matrix and rounding kernels (same results for every N)", S(train.threads), NULL},
    {"manifest", 0, FT_TEXT, T_HARNESS, "design", "FILE", 0, 0, NULL, "", "the generated design's NAME.json (its settings are used)", S(manifest), NULL},
    {"steps", 0, FT_U64, ESRU_TOOL_SIM, "run", "N", 1, 1000000, NULL, "300", "training steps through the RTL", S(steps), NULL},
    {"trace", 0, FT_TEXT, ESRU_TOOL_SIM, "run", "FILE", 0, 0, NULL, "", "FST waveform (an RTL built with tracing)", S(trace), NULL},
    {"check-every", 0, FT_U64, ESRU_TOOL_SIM, "run", "N", 1, 1000000, NULL, "1", "compare every Nth operation with the C model (the per-step tensor comparison stays)", S(check_every), NULL},
    {"evals-per-cycle", 0, FT_U64, ESRU_TOOL_SIM | ESRU_TOOL_MACCHECK, "run", "N", 1, 2, NULL, "1", "Verilator evaluations per clock cycle (2: a falling-edge one too)", S(evals_per_cycle), NULL},
    {"rounds", 0, FT_U64, ESRU_TOOL_MACCHECK, "run", "N", 1, 1000, NULL, "6", "rounds of random operations", S(rounds), NULL},
    {"break-model", 0, FT_CUSTOM, ESRU_TOOL_SIM | ESRU_TOOL_MACCHECK, "run", "seed|rounding|pipeline", 0, 0, NULL, "", "negative check: make the model differ from the RTL (pipeline: the schedule expects another latency)", 0, set_break_model},
    {"out", 0, FT_TEXT, ESRU_TOOL_STIM, "run", "DIR", 0, 0, NULL, "", "where the vectors go", S(out), NULL},
    {"data-seed", 0, FT_U64, ESRU_TOOL_STIM | ESRU_TOOL_MACCHECK, "run", "S", 0, UINT64_MAX, NULL, "1", "seed of the random operands", S(data_seed), NULL},
    {"corrupt", 0, FT_CUSTOM, ESRU_TOOL_STIM, "run", "OP", 0, 0, NULL, "", "negative check: flip one expected bit of OP", 0, set_corrupt},
    {"help", 'h', FT_SWITCH, T_ALL, "other", NULL, 0, 0, NULL, "", "this help", S(help), NULL},
    {"version", 'V', FT_SWITCH, T_ALL & ~ESRU_TOOL_LINE, "other", NULL, 0, 0, NULL, "", "version", S(version), NULL},
};
/* clang-format on */
#define NROWS (sizeof table / sizeof table[0])

const esru_flag *esru_flag_table(size_t *n)
{
    *n = NROWS;
    return table;
}

const char *esru_tool_name(unsigned tool)
{
    switch (tool) {
    case ESRU_TOOL_UNIT: return "esrugen";
    case ESRU_TOOL_ANALYZE: return "esrugen analyze";
    case ESRU_TOOL_MAC: return "esrugen mac";
    case ESRU_TOOL_TRAIN: return "esrutrain";
    case ESRU_TOOL_SIM: return "sim_main";
    case ESRU_TOOL_MACCHECK: return "mac_check";
    case ESRU_TOOL_STIM: return "stim";
    default: return "a config line";
    }
}

static const esru_flag *row_for(const char *name, unsigned tool, int *any)
{
    *any = 0;
    for (size_t i = 0; i < NROWS; i++)
        if (strcmp(table[i].name, name) == 0) {
            *any = 1;
            if (table[i].tools & tool)
                return &table[i];
        }
    return NULL;
}

/* Why a known flag is refused by this tool. */
static void not_here(const char *name, unsigned tool, char *err, size_t len)
{
    const char *why = "";
    if (tool == ESRU_TOOL_MAC && (!strcmp(name, "in-width") || !strcmp(name, "out-width") || !strcmp(name, "shift")))
        why = ": esrugen mac sets the lanes' widths from --acc-width, --act-width and --grad-width, and takes the "
              "shift at run time";
    else if (tool & T_HARNESS)
        why = ": the design's settings come from its manifest (--manifest)";
    snprintf(err, len, "--%s does not apply to %s%s (see --help)", name, esru_tool_name(tool), why);
}

static int apply(esru_settings *s, const esru_flag *f, const char *text, char *err, size_t len)
{
    char what[64];
    snprintf(what, sizeof what, "--%s", f->name);
    void *dst = (char *)s + f->off;
    s->given[f - table] = 1;
    int rc;
    switch (f->type) {
    case FT_UINT:
    case FT_U64:
        rc = f->type == FT_UINT ? esru_parse_uint(what, text, (unsigned)f->lo, (unsigned)f->hi, (unsigned *)dst, err, len)
                                : esru_parse_u64(what, text, f->lo, f->hi, (uint64_t *)dst, err, len);
        /* the documented range, where the row has one (e.g. 1..2^64-1) */
        if (rc != 0 && f->range) {
            char *v = strstr(err, " (valid: ");
            if (v)
                snprintf(v, len - (size_t)(v - err), " (valid: %s)", f->range);
        }
        return rc;
    case FT_TEXT:
        if (!text[0]) {
            snprintf(err, len, "%s is empty (valid: %s)", what, f->metavar);
            return -1;
        }
        *(const char **)dst = text;
        return 0;
    case FT_SWITCH:
        *(int *)dst = 1;
        return 0;
    case FT_CUSTOM:
        return f->set(s, f, text, err, len);
    }
    return -1;
}

int esru_flags_set(esru_settings *s, const char *name, const char *value, char *err, size_t len)
{
    while (*name == '-')
        name++;
    int any;
    const esru_flag *f = row_for(name, s->tool, &any);
    if (!f) {
        if (any)
            not_here(name, s->tool, err, len);
        else
            snprintf(err, len, "--%s is not a flag of %s (see --help)", name, esru_tool_name(s->tool));
        return -1;
    }
    if ((f->type == FT_SWITCH) != (value == NULL)) {
        snprintf(err, len, f->type == FT_SWITCH ? "--%s takes no value" : "--%s needs a value", name);
        return -1;
    }
    return apply(s, f, value, err, len);
}

int esru_flags_parse(esru_settings *s, int argc, char **argv, int *next, char *err, size_t len)
{
    /* getopt_long over every distinct name, with the argument rule of the
     * tool's own row (the same name can be a switch for one tool and take a
     * value for another); names of other tools stay known for clear errors. */
    struct option opts[NROWS + 1];
    char shorts[2 * NROWS + 2] = ":";
    size_t n = 0, k = 1;
    for (size_t i = 0; i < NROWS; i++) {
        int dup = 0, any;
        for (size_t j = 0; j < n; j++)
            dup |= strcmp(opts[j].name, table[i].name) == 0;
        if (dup)
            continue;
        const esru_flag *f = row_for(table[i].name, s->tool, &any);
        if (!f)
            f = &table[i];
        opts[n++] = (struct option){f->name, f->type == FT_SWITCH ? no_argument : required_argument, NULL,
                                    256 + (int)(f - table)};
        if (f->shortopt && (f->tools & s->tool)) {
            shorts[k++] = f->shortopt;
            if (f->type != FT_SWITCH)
                shorts[k++] = ':';
        }
    }
    opts[n] = (struct option){0, 0, 0, 0};
    shorts[k] = 0;
    /* 0, not 1: glibc then also forgets its position inside a cluster of short
     * options ("-xy") of the previous call, a pointer into that call's argv
     * (a use after free when parsing twice; found by tests/fuzz/fuzz_flags.c). */
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
        const esru_flag *f = NULL;
        if (c >= 256)
            f = &table[c - 256];
        else
            for (size_t i = 0; i < NROWS && c != '?' && c != ':'; i++)
                if (table[i].shortopt == c && (table[i].tools & s->tool))
                    f = &table[i];
        if (!f) {
            const char *bad = argv[optind - 1];
            if (c == ':')
                snprintf(err, len, "%s needs a value (see --help)", bad);
            else if (optopt && optopt < 256)
                snprintf(err, len, "-%c is not a flag of %s (see --help)", optopt, esru_tool_name(s->tool));
            else
                snprintf(err, len, "'%s' is not a flag of %s (see --help)", bad, esru_tool_name(s->tool));
            return -1;
        }
        if (esru_flags_set(s, f->name, f->type == FT_SWITCH ? NULL : optarg, err, len) != 0)
            return -1;
    }
    *next = optind;
    return 0;
}

int esru_flags_parse_line(esru_settings *s, const char *line, char *err, size_t len)
{
    char *buf = strdup(line), *save = NULL;
    if (!buf)
        abort();
    int rc = 0;
    for (char *tok = strtok_r(buf, " \t\r\n", &save); tok && rc == 0; tok = strtok_r(NULL, " \t\r\n", &save)) {
        if (strncmp(tok, "--", 2) != 0) {
            snprintf(err, len, "'%s' is not a flag (a config line is --flag value ...)", tok);
            rc = -1;
            break;
        }
        int any;
        const esru_flag *f = row_for(tok + 2, s->tool, &any);
        const char *val = NULL;
        if (!f || f->type != FT_SWITCH) {
            val = strtok_r(NULL, " \t\r\n", &save);
            if (!val && f) {
                snprintf(err, len, "%s needs a value", tok);
                rc = -1;
                break;
            }
        }
        /* The line is parsed into a copy that dies here: keep text values. */
        rc = esru_flags_set(s, tok, val ? val : NULL, err, len);
        if (rc == 0 && f && f->type == FT_TEXT) {
            snprintf(err, len, "%s cannot be set from a config line", tok);
            rc = -1;
        }
    }
    free(buf);
    return rc;
}

/* "2..64", the row's own range text, or nothing. */
static void range_of(const esru_flag *f, char *buf, size_t len)
{
    if (f->set == set_prng) /* the kind table, not a copy of its names */
        esru_kind_names(", ", buf, len);
    else if (f->range)
        snprintf(buf, len, "%s", f->range);
    else if (f->type == FT_UINT || f->type == FT_U64)
        snprintf(buf, len, f->hi == UINT64_MAX ? "%llu..2^64-1" : "%llu..%llu", (unsigned long long)f->lo,
                 (unsigned long long)f->hi);
    else
        buf[0] = 0;
}

void esru_flags_usage(unsigned tool, FILE *out)
{
    const char *section = NULL;
    for (size_t i = 0; i < NROWS; i++) {
        const esru_flag *f = &table[i];
        if (!(f->tools & tool))
            continue;
        if (!section || strcmp(section, f->section) != 0)
            fprintf(out, "%s:\n", section = f->section);
        char left[64], range[96];
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", f->shortopt ? "-" : "", f->shortopt ? f->shortopt : ' ',
                 f->shortopt ? ", " : " ", f->name, f->metavar ? " " : "", f->metavar ? f->metavar : "");
        range_of(f, range, sizeof range);
        fprintf(out, "  %-24s %s", f->shortopt ? left : left + 2, f->help);
        if (range[0])
            fprintf(out, ", %s", range);
        if (f->def[0])
            fprintf(out, " (default %s)", f->def);
        fputc('\n', out);
    }
}

/* Markdown: '|' inside a cell is escaped. */
static void md_cell(FILE *out, const char *s)
{
    for (; *s; s++)
        fputs(*s == '|' ? "\\|" : (char[2]){*s, 0}, out);
}

void esru_flags_markdown(unsigned tool, FILE *out)
{
    fprintf(out, "| flag | meaning | valid | default |\n| --- | --- | --- | --- |\n");
    for (size_t i = 0; i < NROWS; i++) {
        const esru_flag *f = &table[i];
        if (!(f->tools & tool) || (f->tools == T_ALL) || !strcmp(f->name, "version"))
            continue;
        char range[160], name[96];
        range_of(f, range, sizeof range);
        snprintf(name, sizeof name, "--%s%s%s", f->name, f->metavar ? " " : "", f->metavar ? f->metavar : "");
        fputs("| `", out);
        md_cell(out, name);
        fputs("` | ", out);
        md_cell(out, f->help);
        fputs(" | ", out);
        md_cell(out, range);
        fputs(" | ", out);
        md_cell(out, f->def);
        fputs(" |\n", out);
    }
}
