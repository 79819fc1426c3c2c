/* esrutrain's command line (through the flag table, gen/cli/flags.c), shared
 * with the RTL training simulation (sim/rtl/sim_main.cpp). */
#ifndef TRAIN_CLI_H
#define TRAIN_CLI_H
#include "cli/settings.h"
#include "train.h"
#include <stddef.h>
#include <stdio.h>

typedef struct {
    train_opts o;            /* network, numerics, SRU config, epochs */
    const char *data, *json; /* data directory; --json file or NULL */
    size_t train_limit, test_limit;
    int quiet;
    int strict_bias;
    int bias_check_only;
} train_cli;

/* Defaults, then the flags. A bad flag prints its value and valid range and
 * exits with status 2; --help prints the usage and exits 0. */
void train_cli_parse(int argc, char **argv, train_cli *cli);
void train_cli_usage(FILE *f);
/* The trainer's options from parsed settings (their SRU config included). */
void train_cli_from_settings(const esru_settings *s, train_cli *cli);

#endif
