/* esrutrain's command line, shared with the RTL training simulation
 * (sim/rtl/sim_main.cpp) so both accept exactly the same flags. */
#include "train_cli.h"
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_DATA "/usr/share/datasets/fashion-mnist"

void train_cli_usage(FILE *f)
{
    fprintf(f,
            "usage: esrutrain [options]\n"
            "Train an MLP on Fashion-MNIST with fp32 or SRU-rounded fixed-point numerics.\n\n"
            "data and model:\n"
            "  --data DIR            gzip IDX files (default " DEFAULT_DATA ")\n"
            "  --hidden LIST         hidden layer sizes (default 256,128; 1..6 layers of 1..4096)\n"
            "  --epochs N            1..%d (default 10)\n"
            "  --batch N             1..4096 (default 32)\n"
            "  --lr X                SGD learning rate, 0 < X <= 1 (default 0.0625; fixed: a power of two)\n"
            "  --train-limit N       use the first N training images (0: all 60000)\n"
            "  --test-limit N        use the first N test images (0: all 10000)\n"
            "numerics:\n"
            "  --numerics fp32|fixed (default fixed)\n"
            "  --weight-width N      weight bits, 2..16 (default 8)\n"
            "  --act-width N         activation and error bits, 2..16 (default 8)\n"
            "  --grad-width N        rounded-update bits, 2..24 (default: --weight-width)\n"
            "  --acc-width N         accumulator bits, 16..62 (default 32)\n"
            "SRU (same flags as esrugen):\n"
            "  --rounding sr|rne|trunc|sr-ideal   (default sr)\n"
            "  --sru-width N         rounding adder width (default 8)\n"
            "  --prng-width M        random bits, 1..N (default 3)\n"
            "  --prng lfsr|lfsr-inv|plateau|pair|sliced|ext   (default plateau)\n"
            "  --fill zero|half      (default zero)\n"
            "  --lanes L             SRU lanes per bank (default 1)\n"
            "  --seed S              1..2^64-1: banks, init and data order (default 1)\n"
            "output:\n"
            "  --json FILE           write config, metrics and weight hash\n"
            "  --quiet               no per-epoch lines\n"
            "  --help\n",
            TRAIN_MAX_EPOCHS);
}

static void die2(const char *msg)
{
    fprintf(stderr, "esrutrain: %s\n", msg);
    exit(2);
}

static unsigned long long parse_u(const char *flag, const char *s, unsigned long long lo, unsigned long long hi)
{
    char *end, msg[256];
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi) {
        snprintf(msg, sizeof msg, "%s '%s' is invalid (valid: %llu..%llu)", flag, s, lo, hi);
        die2(msg);
    }
    return v;
}

static void parse_hidden(const char *s, mlp_params *p)
{
    char msg[256];
    unsigned n = 0;
    const char *q = s;
    while (*q) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(q, &end, 10);
        if (errno || end == q || v < 1 || v > 4096 || n >= MLP_MAX_LAYERS - 2 || (*end && *end != ',')) {
            snprintf(msg, sizeof msg, "--hidden '%s' is invalid (valid: 1..6 comma-separated sizes of 1..4096)", s);
            die2(msg);
        }
        p->size[1 + n++] = (unsigned)v;
        q = *end ? end + 1 : end;
    }
    if (n == 0)
        die2("--hidden '' is invalid (valid: 1..6 comma-separated sizes of 1..4096)");
    p->nl = n + 1;
}

enum { O_DATA = 256, O_HIDDEN, O_EPOCHS, O_BATCH, O_LR, O_TRAIN, O_TEST, O_NUM, O_WW, O_AW, O_GW, O_CW, O_ROUND,
       O_SRUW, O_PRNGW, O_PRNG, O_FILL, O_LANES, O_SEED, O_JSON, O_QUIET, O_HELP };

void train_cli_parse(int argc, char **argv, train_cli *cli)
{
    static const struct option opts[] = {
        {"data", 1, 0, O_DATA},         {"hidden", 1, 0, O_HIDDEN},     {"epochs", 1, 0, O_EPOCHS},
        {"batch", 1, 0, O_BATCH},       {"lr", 1, 0, O_LR},             {"train-limit", 1, 0, O_TRAIN},
        {"test-limit", 1, 0, O_TEST},   {"numerics", 1, 0, O_NUM},      {"weight-width", 1, 0, O_WW},
        {"act-width", 1, 0, O_AW},      {"grad-width", 1, 0, O_GW},     {"acc-width", 1, 0, O_CW},
        {"rounding", 1, 0, O_ROUND},    {"sru-width", 1, 0, O_SRUW},    {"prng-width", 1, 0, O_PRNGW},
        {"prng", 1, 0, O_PRNG},         {"fill", 1, 0, O_FILL},         {"lanes", 1, 0, O_LANES},
        {"seed", 1, 0, O_SEED},         {"json", 1, 0, O_JSON},         {"quiet", 0, 0, O_QUIET},
        {"help", 0, 0, O_HELP},         {0, 0, 0, 0}};
    memset(cli, 0, sizeof *cli);
    train_opts *o = &cli->o;
    mlp_params *p = &o->net;
    esru_config_default(&p->sru);
    p->sru.in_width = 64; /* the trainer sets shifts and widths per conversion */
    p->sru.shift = 0;
    p->fixed = 1;
    p->nl = 3;
    p->size[0] = 784;
    p->size[1] = 256;
    p->size[2] = 128;
    p->size[3] = 10;
    p->batch = 32;
    p->weight_width = 8;
    p->act_width = 8;
    p->acc_width = 32;
    p->lr = 0.0625;
    o->epochs = 10;
    cli->data = DEFAULT_DATA;
    int c;
    char msg[512];
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_DATA: cli->data = optarg; break;
        case O_HIDDEN: parse_hidden(optarg, p); break;
        case O_EPOCHS: o->epochs = (unsigned)parse_u("--epochs", optarg, 1, TRAIN_MAX_EPOCHS); break;
        case O_BATCH: p->batch = (unsigned)parse_u("--batch", optarg, 1, 4096); break;
        case O_LR: {
            char *end;
            p->lr = strtod(optarg, &end);
            if (end == optarg || *end || !(p->lr > 0.0 && p->lr <= 1.0)) {
                snprintf(msg, sizeof msg, "--lr '%s' is invalid (valid: 0 < lr <= 1)", optarg);
                die2(msg);
            }
            break;
        }
        case O_TRAIN: cli->train_limit = (size_t)parse_u("--train-limit", optarg, 0, 60000); break;
        case O_TEST: cli->test_limit = (size_t)parse_u("--test-limit", optarg, 0, 10000); break;
        case O_NUM:
            if (strcmp(optarg, "fp32") && strcmp(optarg, "fixed")) {
                snprintf(msg, sizeof msg, "--numerics '%s' is invalid (valid: fp32, fixed)", optarg);
                die2(msg);
            }
            p->fixed = strcmp(optarg, "fixed") == 0;
            break;
        case O_WW: p->weight_width = (unsigned)parse_u("--weight-width", optarg, 2, 16); break;
        case O_AW: p->act_width = (unsigned)parse_u("--act-width", optarg, 2, 16); break;
        case O_GW: p->grad_width = (unsigned)parse_u("--grad-width", optarg, 2, 24); break;
        case O_CW: p->acc_width = (unsigned)parse_u("--acc-width", optarg, 16, 62); break;
        case O_ROUND:
            if (esru_parse_rounding(optarg, &p->sru.rounding)) {
                snprintf(msg, sizeof msg, "--rounding '%s' is invalid (valid: sr, rne, trunc, sr-ideal)", optarg);
                die2(msg);
            }
            break;
        case O_SRUW: p->sru.sru_width = (unsigned)parse_u("--sru-width", optarg, 1, ESRU_MAX_N); break;
        case O_PRNGW: p->sru.prng_width = (unsigned)parse_u("--prng-width", optarg, 1, ESRU_MAX_N); break;
        case O_PRNG:
            if (esru_parse_prng(optarg, &p->sru.prng)) {
                snprintf(msg, sizeof msg,
                         "--prng '%s' is invalid (valid: lfsr, lfsr-inv, plateau, pair, sliced, ext)", optarg);
                die2(msg);
            }
            break;
        case O_FILL:
            if (esru_parse_fill(optarg, &p->sru.fill)) {
                snprintf(msg, sizeof msg, "--fill '%s' is invalid (valid: zero, half)", optarg);
                die2(msg);
            }
            break;
        case O_LANES: p->sru.lanes = (unsigned)parse_u("--lanes", optarg, 1, ESRU_MAX_LANES); break;
        case O_SEED: p->sru.seed = parse_u("--seed", optarg, 1, ~0ULL); break;
        case O_JSON: cli->json = optarg; break;
        case O_QUIET: cli->quiet = 1; break;
        case O_HELP: train_cli_usage(stdout); exit(0);
        default: train_cli_usage(stderr); exit(2);
        }
    }
    if (optind < argc) {
        snprintf(msg, sizeof msg, "unexpected argument '%s' (see --help)", argv[optind]);
        die2(msg);
    }
    if (p->grad_width == 0)
        p->grad_width = p->weight_width;
    p->sru.out_width = p->act_width > p->weight_width ? p->act_width : p->weight_width;
    p->seed = p->sru.seed;
    if (esru_config_check(&p->sru, 1, msg, sizeof msg))
        die2(msg);
    int e;
    if (p->fixed && frexp(p->lr, &e) != 0.5) {
        snprintf(msg, sizeof msg, "--lr %g is not a power of two, needed by --numerics fixed (valid: 2^-k, e.g. "
                                  "0.125, 0.0625, 0.03125)", p->lr);
        die2(msg);
    }
    o->verbose = !cli->quiet;
    o->progress = isatty(STDERR_FILENO);
}

