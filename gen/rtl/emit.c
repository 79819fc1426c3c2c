#include "rtl/emit.h"
#include "rtl/template.h"
#include "version.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int esru_emit_header_text(const char *command, const char *canon, uint64_t hash, const char *module,
                          const char *purpose, strbuf *out)
{
    char hex[32];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
    tmpl_var vars[] = {
        {"VERSION", ESRU_VERSION}, {"COMMAND", command}, {"CONFIG", canon},
        {"HASH", hex},             {"MODULE", module},   {"PURPOSE", purpose},
    };
    return tmpl_fill("header.v.in", vars, sizeof vars / sizeof vars[0], out);
}

int esru_emit_header(const esru_config *cfg, const char *command, const char *module, const char *purpose,
                     strbuf *out)
{
    char canon[512];
    esru_config_canonical(cfg, canon, sizeof canon);
    return esru_emit_header_text(command, canon, esru_config_hash(cfg), module, purpose, out);
}

static esru_file *add_file(esru_fileset *fs, const char *module)
{
    esru_file *f = &fs->files[fs->count++];
    snprintf(f->module, sizeof f->module, "%s", module);
    snprintf(f->name, sizeof f->name, "%s.v", module);
    f->text = NULL;
    return f;
}

int esru_emit_sru(const esru_config *cfg, const char *command, esru_fileset *fs)
{
    char top[ESRU_NAME_MAX + 16], lane[ESRU_NAME_MAX + 16], lfsr[ESRU_NAME_MAX + 16];
    snprintf(top, sizeof top, "%s", cfg->name);
    snprintf(lane, sizeof lane, "%s_lane", cfg->name);
    snprintf(lfsr, sizeof lfsr, "%s_lfsr", cfg->name);
    memset(fs, 0, sizeof *fs);
    strbuf b;
    sb_init(&b);
    int rc = esru_emit_top(cfg, command, top, lane, lfsr, &b);
    add_file(fs, top)->text = sb_take(&b);
    if (rc == 0)
        rc = esru_emit_lane(cfg, command, lane, &b);
    add_file(fs, lane)->text = sb_take(&b);
    if (rc == 0 && cfg->rounding == ROUND_SR && esru_lfsr_width_of(cfg) > 0) {
        rc = esru_emit_lfsr(cfg, command, lfsr, esru_lfsr_width_of(cfg), NULL, &b);
        add_file(fs, lfsr)->text = sb_take(&b);
    }
    return rc;
}

