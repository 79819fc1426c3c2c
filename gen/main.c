/* esrugen: command-line entry. `esrugen [flags]` writes RTL + manifest;
 * `esrugen analyze [flags]` prints the exact bias of the configuration. */
#include "analyze.h"
#include "cli_parse.h"
#include "config.h"
#include "emit.h"
#include "emit_mac.h"
#include "emit_wrap.h"
#include "mac_config.h"
#include "manifest.h"
#include "outdir.h"
#include "version.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_USAGE 2

static esru_wrap_mode wrap_mode; /* --wrap: add a timing wrapper NAME_wrap.v */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: esrugen [analyze | mac] [options]\n"
            "Generate a stochastic rounding unit (Verilog + JSON manifest); with 'analyze'\n"
            "print its exact rounding bias over a full PRNG period; with 'mac' generate a\n"
            "MAC array whose outputs and weight updates go through SRU lanes.\n\n"
            "  --in-width IW        signed input width, 2..64 (default 32)\n"
            "  --out-width OW       signed saturating output width, 2..IW (default 8)\n"
            "  --shift D            LSBs discarded, 0..IW-1 (default 16)\n"
            "  --rounding R         sr | rne | trunc (default sr)\n"
            "  --sru-width N        rounding adder width, 1..32 (default 8)\n"
            "  --prng-width M       random bits, 1..N (default 3)\n"
            "  --fill F             zero | half: the N-M low bits of the random word (default zero)\n"
            "  --prng KIND          lfsr | lfsr-inv | plateau | pair | sliced | ext (default plateau)\n"
            "  --lanes L            parallel lanes, 1..256 (default 1; pair needs even L)\n"
            "  --seed S             PRNG seed, 1..2^64-1 (default 1)\n"
            "  --name NAME          top module name (default esru)\n"
            "  -o, --output DIR     output directory (default out/)\n"
            "  --json               analyze: print JSON instead of text\n"
            "  --wrap reg|serial    also write NAME_wrap.v, a timing wrapper: inputs and outputs registered\n"
            "                       (reg), or shifted in and out through five pins (serial)\n"
            "mac only (the SRU flags above set its lanes; --lanes defaults to the columns):\n"
            "  --array RxC          processing elements, 1x1..32x32 (default 8x8)\n"
            "  --operand-width W    signed operand width, 2..24 (default 8)\n"
            "  --acc-width A        saturating accumulator width, 2W..62 (default 32)\n"
            "  --act-width B        requantized output width, 2..W (default 8)\n"
            "  --weight-width B     weight width, 2..W (default 8)\n"
            "  --grad-width B       rounded update width, 2..24 (default 8)\n"
            "  -h, --help           this help\n"
            "  -V, --version        version\n"
            "Semantics: docs/numerics.md; ports and timing: docs/interface.md.\n");
}

enum { OPT_IW = 256, OPT_OW, OPT_SHIFT, OPT_ROUND, OPT_N, OPT_M, OPT_FILL, OPT_PRNG, OPT_LANES, OPT_SEED,
       OPT_NAME, OPT_JSON, OPT_ARRAY, OPT_OPW, OPT_ACC, OPT_ACT, OPT_WW, OPT_GW, OPT_WRAP };

static const struct option options[] = {
    {"in-width", required_argument, 0, OPT_IW},   {"out-width", required_argument, 0, OPT_OW},
    {"shift", required_argument, 0, OPT_SHIFT},   {"rounding", required_argument, 0, OPT_ROUND},
    {"sru-width", required_argument, 0, OPT_N},   {"prng-width", required_argument, 0, OPT_M},
    {"fill", required_argument, 0, OPT_FILL},     {"prng", required_argument, 0, OPT_PRNG},
    {"lanes", required_argument, 0, OPT_LANES},   {"seed", required_argument, 0, OPT_SEED},
    {"name", required_argument, 0, OPT_NAME},     {"output", required_argument, 0, 'o'},
    {"json", no_argument, 0, OPT_JSON},           {"help", no_argument, 0, 'h'},
    {"array", required_argument, 0, OPT_ARRAY},   {"operand-width", required_argument, 0, OPT_OPW},
    {"acc-width", required_argument, 0, OPT_ACC}, {"act-width", required_argument, 0, OPT_ACT},
    {"weight-width", required_argument, 0, OPT_WW}, {"grad-width", required_argument, 0, OPT_GW},
    {"version", no_argument, 0, 'V'},             {"wrap", required_argument, 0, OPT_WRAP},
    {0, 0, 0, 0},
};

static int die_usage(const char *msg)
{
    fprintf(stderr, "esrugen: %s\n", msg);
    return EXIT_USAGE;
}

/* The command line, quoted where needed, for the generated headers. */
static void command_line(int argc, char **argv, strbuf *b)
{
    sb_add(b, "esrugen");
    for (int i = 1; i < argc; i++) {
        int plain = argv[i][0] != 0 && strpbrk(argv[i], " \t'\"\\$`") == NULL;
        sb_printf(b, plain ? " %s" : " '%s'", argv[i]);
    }
}

/* Writes the files of fs and the manifest NAME.json, all or nothing. */
static int write_outputs(const esru_config *cfg, esru_fileset *fs, strbuf *man, const char *dir)
{
    out_file files[ESRU_MAX_FILES + 1];
    char man_name[ESRU_NAME_MAX + 8];
    snprintf(man_name, sizeof man_name, "%s.json", cfg->name);
    for (unsigned i = 0; i < fs->count; i++)
        files[i] = (out_file){fs->files[i].name, fs->files[i].text};
    files[fs->count] = (out_file){man_name, man->s};
    char err[512];
    int rc = outdir_write_all(dir, files, fs->count + 1, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "esrugen: %s\n", err);
    else
        for (unsigned i = 0; i <= fs->count; i++)
            printf("%s/%s\n", dir, files[i].name);
    esru_fileset_free(fs);
    sb_free(man);
    return rc == 0 ? 0 : EXIT_USAGE;
}

static int generate(const esru_config *cfg, const char *dir, const char *command)
{
    esru_fileset fs;
    if (esru_emit_sru(cfg, command, &fs) != 0 || (wrap_mode && esru_wrap_sru(&fs, cfg, wrap_mode, command) != 0)) {
        esru_fileset_free(&fs);
        return 1;
    }
    strbuf man;
    sb_init(&man);
    esru_manifest(cfg, command, &fs, &man);
    return write_outputs(cfg, &fs, &man, dir);
}

static int generate_mac(const esru_mac_config *m, const char *dir, const char *command)
{
    esru_fileset fs;
    if (esru_emit_mac(m, command, &fs) != 0 || (wrap_mode && esru_wrap_mac(&fs, m, wrap_mode, command) != 0)) {
        esru_fileset_free(&fs);
        return 1;
    }
    strbuf man;
    sb_init(&man);
    esru_mac_manifest(m, command, &fs, &man);
    return write_outputs(&m->sru, &fs, &man, dir);
}

/* "RxC" with both in 1..ESRU_MAC_MAX_DIM. */
static int parse_array(const char *text, esru_mac_config *m, char *err, size_t len)
{
    unsigned r = 0, c = 0;
    char tail;
    if (sscanf(text, "%ux%u%c", &r, &c, &tail) != 2 || r < 1 || c < 1 || r > ESRU_MAC_MAX_DIM ||
        c > ESRU_MAC_MAX_DIM || text[0] < '0' || text[0] > '9') {
        snprintf(err, len, "--array '%s' is invalid (valid: RxC with R, C in 1..%u, e.g. 8x8)", text,
                 ESRU_MAC_MAX_DIM);
        return -1;
    }
    m->rows = r;
    m->cols = c;
    return 0;
}

int main(int argc, char **argv)
{
    esru_config cfg;
    esru_config_default(&cfg);
    const char *dir = "out";
    int analyze = 0, json = 0, mac = 0, lanes_set = 0, sru_shape_set = 0, mac_only = 0;
    esru_mac_config m;
    esru_mac_config_default(&m);
    char err[512];
    if (argc > 1 && (strcmp(argv[1], "analyze") == 0 || strcmp(argv[1], "mac") == 0)) {
        analyze = strcmp(argv[1], "analyze") == 0;
        mac = !analyze;
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    if (mac)
        snprintf(cfg.name, sizeof cfg.name, "mac");
    int opt;
    while ((opt = getopt_long(argc, argv, "o:hV", options, NULL)) != -1) {
        int bad = 0;
        switch (opt) {
        case OPT_ARRAY: mac_only = 1; bad = parse_array(optarg, &m, err, sizeof err); break;
        case OPT_OPW: mac_only = 1; bad = cli_parse_uint("--operand-width", optarg, 2, 24, &m.operand_width, err, sizeof err); break;
        case OPT_ACC: mac_only = 1; bad = cli_parse_uint("--acc-width", optarg, 2, 62, &m.acc_width, err, sizeof err); break;
        case OPT_ACT: mac_only = 1; bad = cli_parse_uint("--act-width", optarg, 2, 24, &m.act_width, err, sizeof err); break;
        case OPT_WW: mac_only = 1; bad = cli_parse_uint("--weight-width", optarg, 2, 24, &m.weight_width, err, sizeof err); break;
        case OPT_GW: mac_only = 1; bad = cli_parse_uint("--grad-width", optarg, 2, 24, &m.grad_width, err, sizeof err); break;
        case OPT_IW: sru_shape_set = 1; bad = cli_parse_uint("--in-width", optarg, 2, ESRU_MAX_IW, &cfg.in_width, err, sizeof err); break;
        case OPT_OW: sru_shape_set = 1; bad = cli_parse_uint("--out-width", optarg, 2, ESRU_MAX_IW, &cfg.out_width, err, sizeof err); break;
        case OPT_SHIFT: sru_shape_set = 1; bad = cli_parse_uint("--shift", optarg, 0, ESRU_MAX_IW - 1, &cfg.shift, err, sizeof err); break;
        case OPT_N: bad = cli_parse_uint("--sru-width", optarg, 1, ESRU_MAX_N, &cfg.sru_width, err, sizeof err); break;
        case OPT_M: bad = cli_parse_uint("--prng-width", optarg, 1, ESRU_MAX_N, &cfg.prng_width, err, sizeof err); break;
        case OPT_LANES: lanes_set = 1; bad = cli_parse_uint("--lanes", optarg, 1, ESRU_MAX_LANES, &cfg.lanes, err, sizeof err); break;
        case OPT_SEED: bad = cli_parse_u64("--seed", optarg, 1, UINT64_MAX, &cfg.seed, err, sizeof err); break;
        case OPT_ROUND:
            if (esru_parse_rounding(optarg, &cfg.rounding) != 0 || cfg.rounding == ROUND_SR_IDEAL) {
                snprintf(err, sizeof err, "--rounding '%s' is unknown (valid: sr, rne, trunc)", optarg);
                bad = 1;
            }
            break;
        case OPT_FILL:
            if (esru_parse_fill(optarg, &cfg.fill) != 0) {
                snprintf(err, sizeof err, "--fill '%s' is unknown (valid: zero, half)", optarg);
                bad = 1;
            }
            break;
        case OPT_PRNG:
            if (esru_parse_prng(optarg, &cfg.prng) != 0) {
                snprintf(err, sizeof err,
                         "--prng '%s' is unknown (valid: lfsr, lfsr-inv, plateau, pair, sliced, ext)", optarg);
                bad = 1;
            }
            break;
        case OPT_NAME:
            if (strlen(optarg) >= sizeof cfg.name) {
                snprintf(err, sizeof err, "--name is longer than %zu characters", sizeof cfg.name - 1);
                bad = 1;
            } else {
                snprintf(cfg.name, sizeof cfg.name, "%s", optarg);
            }
            break;
        case 'o': dir = optarg; break;
        case OPT_JSON: json = 1; break;
        case OPT_WRAP:
            if (esru_parse_wrap(optarg, &wrap_mode) != 0) {
                snprintf(err, sizeof err, "--wrap '%s' is unknown (valid: reg, serial)", optarg);
                bad = 1;
            }
            break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("esrugen %s\n", ESRU_VERSION); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
        if (bad)
            return die_usage(err);
    }
    if (optind < argc) {
        snprintf(err, sizeof err, "unexpected argument '%s' (see esrugen --help)", argv[optind]);
        return die_usage(err);
    }
    if (dir[0] == 0)
        return die_usage("-o needs a directory name");
    if (mac_only && !mac)
        return die_usage("--array, --operand-width, --acc-width, --act-width, --weight-width and --grad-width "
                         "belong to 'esrugen mac'");
    if (mac && sru_shape_set)
        return die_usage("esrugen mac sets the lanes' widths from --acc-width, --act-width and --grad-width, "
                         "and takes the shift at run time: --in-width, --out-width and --shift do not apply");
    if (mac) {
        m.sru = cfg;
        if (!lanes_set)
            m.sru.lanes = m.cols;
        if (esru_mac_config_check(&m, err, sizeof err) != 0)
            return die_usage(err);
    } else if (esru_config_check(&cfg, 0, err, sizeof err) != 0) {
        return die_usage(err);
    }
    if (analyze && wrap_mode)
        return die_usage("--wrap belongs to generation, not to 'esrugen analyze'");
    if (analyze)
        return esru_analyze_main(&cfg, json);
    strbuf cmd;
    sb_init(&cmd);
    if (mac) { /* the header names the subcommand too */
        argv--;
        argc++;
        argv[1] = "mac";
        argv[0] = "esrugen";
    }
    command_line(argc, argv, &cmd);
    int rc = mac ? generate_mac(&m, dir, cmd.s) : generate(&cfg, dir, cmd.s);
    sb_free(&cmd);
    return rc;
}
