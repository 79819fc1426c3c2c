/* esrutrain's command line: every flag through the flag table. */
#include "train_cli.h"
#include "cli/flags.h"
#include "version.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void train_cli_usage(FILE *f)
{
    fprintf(f, "usage: esrutrain [options]\n"
               "Train an MLP or LeNet-5 on Fashion-MNIST with fp32 or SRU-rounded fixed-point numerics.\n\n");
    esru_flags_usage(ESRU_TOOL_TRAIN, f);
}

static void die2(const char *msg)
{
    fprintf(stderr, "esrutrain: %s\n", msg);
    exit(2);
}

_Static_assert(ESRU_MAX_CONV == MLP_MAX_CONV, "--conv holds as many layers as the trainer");

void train_cli_from_settings(const esru_settings *s, train_cli *cli)
{
    const esru_train_settings *t = &s->train;
    memset(cli, 0, sizeof *cli);
    train_opts *o = &cli->o;
    mlp_params *p = &o->net;
    p->sru = s->sru;
    p->sr_ideal = t->sr_ideal;
    p->fixed = t->fixed;
    p->nl = t->nhidden + 1;
    for (unsigned i = 0; i < t->nhidden; i++)
        p->size[1 + i] = t->hidden[i];
    p->nconv = t->nconv;
    for (unsigned i = 0; i < t->nconv; i++)
        p->conv_k[i] = t->conv_k[i], p->conv_c[i] = t->conv_c[i];
    if (t->model == MLP_MODEL_LENET)
        mlp_params_lenet(p);
    for (unsigned i = 0; i < p->nconv; i++)
        p->conv_pad[i] = t->same ? (p->conv_k[i] - 1) / 2 : 0;
    mlp_params_input(p, 28, 28, NULL, 0); /* the data's image size replaces this (mlp_params_input) */
    p->batch = t->batch;
    p->weight_width = t->weight_width;
    p->act_width = t->act_width;
    p->grad_width = t->grad_width ? t->grad_width : t->weight_width;
    p->acc_width = t->acc_width;
    p->lr = t->lr;
    p->seed = s->sru.seed;
    o->epochs = t->epochs;
    o->threads = t->threads;
    o->verbose = !t->quiet;
    o->progress = isatty(STDERR_FILENO);
    cli->data = t->data;
    cli->json = t->json;
    cli->train_limit = (size_t)t->train_limit;
    cli->test_limit = (size_t)t->test_limit;
    cli->quiet = t->quiet;
    cli->strict_bias = t->strict_bias;
    cli->bias_check_only = t->bias_check_only;
}

void train_cli_parse(int argc, char **argv, train_cli *cli)
{
    static esru_settings s;
    char err[1024];
    int next;
    esru_settings_default(&s, ESRU_TOOL_TRAIN);
    if (esru_flags_parse(&s, argc, argv, &next, err, sizeof err) != 0)
        die2(err);
    if (s.help) {
        train_cli_usage(stdout);
        exit(0);
    }
    if (s.version) {
        printf("esrutrain %s\n", ESRU_VERSION);
        exit(0);
    }
    if (next < argc) {
        snprintf(err, sizeof err, "unexpected argument '%s' (see --help)", argv[next]);
        die2(err);
    }
    if (esru_settings_finish(&s, err, sizeof err) != 0)
        die2(err);
    train_cli_from_settings(&s, cli);
}
