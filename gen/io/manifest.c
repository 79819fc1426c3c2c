#include "io/manifest.h"
#include "model/mac_config.h"
#include "version.h"
#include <stdio.h>

void esru_json_string(strbuf *b, const char *s)
{
    sb_add(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_printf(b, "\\%c", *s);
        else if ((unsigned char)*s < 32)
            sb_printf(b, "\\u%04x", (unsigned char)*s);
        else
            sb_addn(b, s, 1);
    }
    sb_add(b, "\"");
}

void esru_config_json(const esru_config *c, strbuf *b)
{
    sb_printf(b,
              "{\"in_width\": %u, \"out_width\": %u, \"shift\": %u, \"rounding\": \"%s\", \"sru_width\": %u, "
              "\"prng_width\": %u, \"fill\": \"%s\", \"prng\": \"%s\", \"lanes\": %u, \"seed\": %llu, \"name\": ",
              c->in_width, c->out_width, c->shift, esru_rounding_name(c->rounding), c->sru_width, c->prng_width,
              esru_fill_name(c->fill), esru_prng_name(c->prng), c->lanes, (unsigned long long)c->seed);
    esru_json_string(b, c->name);
    if (esru_state_width_of(c))
        sb_printf(b, ", \"prng_state_width\": %u", esru_state_width_of(c));
    if (c->prng_reg)
        sb_printf(b, ", \"prng_reg\": %u", c->prng_reg);
    sb_add(b, "}");
}

void esru_config_flags(const esru_config *c, strbuf *b)
{
    sb_printf(b,
              "--in-width %u --out-width %u --shift %u --rounding %s --sru-width %u --prng-width %u --fill %s "
              "--prng %s --lanes %u --seed %llu --name %s",
              c->in_width, c->out_width, c->shift, esru_rounding_name(c->rounding), c->sru_width, c->prng_width,
              esru_fill_name(c->fill), esru_prng_name(c->prng), c->lanes, (unsigned long long)c->seed, c->name);
    if (esru_state_width_of(c))
        sb_printf(b, " --prng-state-width %u", esru_state_width_of(c));
    if (c->pipeline)
        sb_printf(b, " --pipeline %u", c->pipeline);
    if (c->prng_reg)
        sb_printf(b, " --prng-reg %u", c->prng_reg);
}

void esru_mac_config_flags(const esru_mac_config *m, strbuf *b)
{
    const esru_config *c = &m->sru;
    sb_printf(b,
              "--array %ux%u --operand-width %u --acc-width %u --act-width %u --weight-width %u --grad-width %u "
              "--rounding %s --sru-width %u --prng-width %u --fill %s --prng %s --lanes %u --seed %llu --name %s",
              m->rows, m->cols, m->operand_width, m->acc_width, m->act_width, m->weight_width, m->grad_width,
              esru_rounding_name(c->rounding), c->sru_width, c->prng_width, esru_fill_name(c->fill),
              esru_prng_name(c->prng), c->lanes, (unsigned long long)c->seed, c->name);
    if (esru_state_width_of(c))
        sb_printf(b, " --prng-state-width %u", esru_state_width_of(c));
    if (c->pipeline)
        sb_printf(b, " --pipeline %u", c->pipeline);
    if (c->prng_reg)
        sb_printf(b, " --prng-reg %u", c->prng_reg);
}

/* The output register plus P pipeline stages (docs/interface.md). */
static void latency(const esru_config *c, strbuf *b)
{
    sb_printf(b, ",\n  \"pipeline\": %u,\n  \"latency_cycles\": %u", c->pipeline, 1 + c->pipeline);
}

/* "flags": the config as a flag line, exact (JSON numbers are doubles). */
static void flags_field(strbuf *b, const strbuf *flags)
{
    sb_add(b, ",\n  \"flags\": ");
    esru_json_string(b, flags->s);
}

void esru_manifest(const esru_config *c, const char *command, const esru_fileset *fs, strbuf *b)
{
    sb_printf(b, "{\n  \"generator\": \"esrugen\",\n  \"version\": \"%s\",\n  \"command\": ", ESRU_VERSION);
    esru_json_string(b, command);
    strbuf flags;
    sb_init(&flags);
    esru_config_flags(c, &flags);
    flags_field(b, &flags);
    sb_free(&flags);
    sb_add(b, ",\n  \"config\": ");
    esru_config_json(c, b);
    sb_printf(b, ",\n  \"config_hash\": \"%016llx\",\n  \"top\": ", (unsigned long long)esru_config_hash(c));
    esru_json_string(b, c->name);
    latency(c, b);
    sb_add(b, ",\n  \"files\": [");
    for (unsigned i = 0; i < fs->count; i++) {
        sb_add(b, i ? ", " : "");
        esru_json_string(b, fs->files[i].name);
    }
    sb_add(b, "]\n}\n");
}

void esru_mac_manifest(const esru_mac_config *m, const char *command, const esru_fileset *fs, strbuf *b)
{
    sb_printf(b, "{\n  \"generator\": \"esrugen mac\",\n  \"version\": \"%s\",\n  \"command\": ", ESRU_VERSION);
    esru_json_string(b, command);
    strbuf flags;
    sb_init(&flags);
    esru_mac_config_flags(m, &flags);
    flags_field(b, &flags);
    sb_free(&flags);
    sb_printf(b,
              ",\n  \"config\": {\"rows\": %u, \"cols\": %u, \"operand_width\": %u, \"acc_width\": %u, "
              "\"act_width\": %u, \"weight_width\": %u, \"grad_width\": %u, \"shift_bits\": %u, "
              /* the requantization lanes as a unit: what area reports match against */
              "\"in_width\": %u, \"out_width\": %u, \"rounding\": \"%s\", \"sru_width\": %u, \"prng_width\": %u, "
              "\"prng\": \"%s\", \"fill\": \"%s\", \"lanes\": %u, \"sru\": ",
              m->rows, m->cols, m->operand_width, m->acc_width, m->act_width, m->weight_width, m->grad_width,
              ESRU_MAC_SHIFT_BITS, m->acc_width, m->act_width, esru_rounding_name(m->sru.rounding), m->sru.sru_width,
              m->sru.prng_width, esru_prng_name(m->sru.prng), esru_fill_name(m->sru.fill), m->sru.lanes);
    esru_config_json(&m->sru, b);
    sb_printf(b, "},\n  \"config_hash\": \"%016llx\",\n  \"top\": ", (unsigned long long)esru_mac_hash(m));
    esru_json_string(b, m->sru.name);
    latency(&m->sru, b);
    sb_add(b, ",\n  \"files\": [");
    for (unsigned i = 0; i < fs->count; i++) {
        sb_add(b, i ? ", " : "");
        esru_json_string(b, fs->files[i].name);
    }
    sb_add(b, "]\n}\n");
}
