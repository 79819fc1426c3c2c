/* Everything a command line (or a config line, or a Python keyword) can set,
 * for every tool. Filled only through the flag table (cli/flags.h). */
#ifndef ESRU_SETTINGS_H
#define ESRU_SETTINGS_H
#include "model/config.h"
#include "model/mac_config.h"
#include <stddef.h>
#include <stdint.h>

#define ESRU_MAX_HIDDEN 6
#define ESRU_MAX_CONV 4 /* --conv layers (the trainer's MLP_MAX_CONV) */
#define ESRU_MAX_STRIDES 16

/* The tools that parse flags; a flag row says which tools take it. */
enum {
    ESRU_TOOL_UNIT = 1u << 0,     /* esrugen: one SRU unit */
    ESRU_TOOL_ANALYZE = 1u << 1,  /* esrugen analyze */
    ESRU_TOOL_MAC = 1u << 2,      /* esrugen mac */
    ESRU_TOOL_TRAIN = 1u << 3,    /* esrutrain */
    ESRU_TOOL_SIM = 1u << 4,      /* make sim's harness (the design comes from its manifest) */
    ESRU_TOOL_MACCHECK = 1u << 5, /* make test-mac's harness */
    ESRU_TOOL_STIM = 1u << 6,     /* the MAC array's Icarus stimulus writer */
    ESRU_TOOL_LINE = 1u << 7,     /* a unit config line (tests/equiv/configs.txt, Python esru.Config) */
};

typedef struct {
    const char *data;                  /* Fashion-MNIST directory */
    unsigned hidden[ESRU_MAX_HIDDEN];  /* hidden layer sizes */
    unsigned nhidden;
    int model;                         /* --model: 0 mlp (of --hidden), 1 lenet (mlp_model) */
    unsigned conv_k[ESRU_MAX_CONV], conv_c[ESRU_MAX_CONV], nconv; /* --conv KxC,...: a conv front */
    int same;                          /* --padding same: (k-1)/2 zeros around each conv input */
    unsigned epochs, batch;
    double lr;
    uint64_t train_limit, test_limit;  /* 0: all */
    int fixed;                         /* --numerics fixed (1) or fp32 (0) */
    unsigned weight_width, act_width, grad_width, acc_width; /* grad 0: = weight */
    int sr_ideal;                      /* --rounding sr-ideal: the exact SR reference */
    const char *json;                  /* --json FILE or NULL */
    int quiet;
    int strict_bias;                   /* refuse to train when a bank's worst element is biased */
    int bias_check_only;               /* only the bias check (sim/explore asks it for K per bank) */
    unsigned threads;                  /* kernel threads; 0: OMP_NUM_THREADS or one per core */
} esru_train_settings;

typedef struct {
    unsigned tool;            /* the tool being parsed for */
    esru_config sru;          /* the unit / the lanes' SRU settings */
    esru_mac_config mac;      /* esrugen mac: geometry and widths (mac.sru <- sru when finished) */
    esru_train_settings train;
    const char *outdir;       /* -o; NULL: out/NAME */
    int force;                /* --force: DIR may hold files esrugen did not generate */
    int wrap;                 /* --wrap: 0 none, else an esru_wrap_mode (rtl/emit_wrap.h) */
    int json;                 /* analyze --json */
    uint64_t stride[ESRU_MAX_STRIDES]; /* analyze --stride K[,K...] */
    unsigned nstride;
    /* harnesses */
    const char *manifest;     /* the generated design's NAME.json */
    uint64_t steps, rounds, data_seed, check_every, evals_per_cycle;
    const char *trace, *out, *corrupt, *break_model;
    int help, version;
    unsigned char given[128]; /* given[row]: the flag was set explicitly */
} esru_settings;

/* Defaults of `tool` (one ESRU_TOOL_* bit). */
void esru_settings_default(esru_settings *s, unsigned tool);
/* After all flags: derived values (mac lanes, trainer SRU widths) and every
 * cross-field check. 0, or -1 with a message. */
int esru_settings_finish(esru_settings *s, char *err, size_t len);

#endif
