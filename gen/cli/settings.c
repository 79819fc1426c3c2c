#include "cli/settings.h"
#include "cli/flags.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

void esru_settings_default(esru_settings *s, unsigned tool)
{
    memset(s, 0, sizeof *s);
    s->tool = tool;
    esru_config_default(&s->sru);
    esru_mac_config_default(&s->mac);
    s->steps = 300;
    s->rounds = 6;
    s->data_seed = 1;
    s->check_every = 1;
    s->evals_per_cycle = 1;
    esru_train_settings *t = &s->train;
    t->data = "/usr/share/datasets/fashion-mnist";
    t->hidden[0] = 256;
    t->hidden[1] = 128;
    t->nhidden = 2;
    t->epochs = 10;
    t->batch = 32;
    t->lr = 0.0625;
    t->fixed = 1;
    t->weight_width = 8;
    t->act_width = 8;
    t->acc_width = 32;
    if (tool == ESRU_TOOL_MAC)
        snprintf(s->sru.name, sizeof s->sru.name, "mac");
}

/* Was the flag set explicitly? */
static int given(const esru_settings *s, const char *name)
{
    size_t n;
    const esru_flag *t = esru_flag_table(&n);
    for (size_t i = 0; i < n; i++)
        if (s->given[i] && strcmp(t[i].name, name) == 0)
            return 1;
    return 0;
}

/* The network's flags together: --hidden and --conv shape the MLP only
 * (LeNet's layers are fixed), --padding same needs odd kernels. */
static int check_network(const esru_settings *s, char *err, size_t len)
{
    const char *flag = given(s, "hidden") ? "--hidden" : given(s, "conv") ? "--conv" : NULL;
    if (s->train.model != 0 && flag) {
        snprintf(err, len, "%s sets the MLP's layers; --model lenet has fixed layers (valid: %s with --model mlp only)",
                 flag, flag);
        return -1;
    }
    for (unsigned i = 0; s->train.same && i < s->train.nconv; i++)
        if (s->train.conv_k[i] % 2 == 0) {
            snprintf(err, len, "--padding same needs odd kernels: --conv item %u has %u (valid: K odd, or "
                               "--padding valid)", i + 1, s->train.conv_k[i]);
            return -1;
        }
    return 0;
}

int esru_settings_finish(esru_settings *s, char *err, size_t len)
{
    switch (s->tool) {
    case ESRU_TOOL_MAC:
        if (!given(s, "lanes"))
            s->sru.lanes = s->mac.cols;
        s->mac.sru = s->sru;
        return esru_mac_config_check(&s->mac, err, len);
    case ESRU_TOOL_TRAIN: {
        esru_train_settings *t = &s->train;
        if (check_network(s, err, len) != 0)
            return -1;
        if (t->grad_width == 0)
            t->grad_width = t->weight_width;
        /* The trainer sets each conversion's shift and widths itself. */
        s->sru.in_width = 64;
        s->sru.shift = 0;
        s->sru.out_width = t->act_width > t->weight_width ? t->act_width : t->weight_width;
        if (esru_config_check(&s->sru, err, len) != 0)
            return -1;
        int e;
        if (t->fixed && frexp(t->lr, &e) != 0.5) {
            snprintf(err, len,
                     "--lr %g is not a power of two, needed by --numerics fixed (valid: 2^-k, e.g. 0.125, 0.0625, "
                     "0.03125)",
                     t->lr);
            return -1;
        }
        return 0;
    }
    case ESRU_TOOL_SIM:
    case ESRU_TOOL_MACCHECK:
    case ESRU_TOOL_STIM:
        if (check_network(s, err, len) != 0)
            return -1;
        if (!s->manifest) {
            snprintf(err, len, "--manifest FILE is required (the generated design's NAME.json)");
            return -1;
        }
        if (s->tool == ESRU_TOOL_STIM && !s->out) {
            snprintf(err, len, "--out DIR is required");
            return -1;
        }
        return 0;
    default:
        return esru_config_check(&s->sru, err, len);
    }
}

