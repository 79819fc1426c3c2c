/* The SRU top module: PRNG instances, per-lane random words, lane instances
 * and the output register. Seeds come from the C model's PRNG bank. */
#include "rtl/emit.h"
#include "kinds/kind.h"
#include "rtl/template.h"
#include "rtl/emit_util.h"
#include <stdio.h>


static void emit_lanes(const esru_config *c, const char *lane_module, const char *ld, strbuf *b)
{
    unsigned iw = c->in_width, ow = c->out_width;
    int is_sr = c->rounding == ROUND_SR;
    for (unsigned l = 0; l < c->lanes; l++) {
        sb_printf(b, "    wire [%u:0] y%u_next;\n", ow - 1, l);
        sb_printf(b, "    %s u_lane%u (", lane_module, l);
        if (ld)
            sb_printf(b, ".clk(clk), .ld(%s), ", ld);
        sb_printf(b, ".x(x[%u:%u]), ", l * iw + iw - 1, l * iw);
        if (is_sr)
            sb_printf(b, ".rword(w%u), ", l);
        sb_printf(b, ".y(y%u_next));\n", l);
    }
}

int esru_emit_top(const esru_config *c, const char *command, const char *module, const char *lane_module,
                  const char *lfsr_module, strbuf *out)
{
    int is_sr = c->rounding == ROUND_SR;
    int has_rnd = esru_config_has_rnd(c);
    strbuf hdr, prng, lanes, ynext, rnd_port, rnd_doc;
    sb_init(&hdr); sb_init(&prng); sb_init(&lanes); sb_init(&ynext); sb_init(&rnd_port); sb_init(&rnd_doc);
    if (is_sr)
        esru_emit_random_words(c, lfsr_module, "", "en", "rnd", &prng);
    char ld[64], last[16] = "en", latency[320];
    if (c->pipeline) {
        esru_emit_valid_chain(&lanes, c->pipeline, "en", ld, sizeof ld, last, sizeof last);
        snprintf(latency, sizeof latency,
                 "// Latency: %u cycles (--pipeline %u). x taken on a rising edge with en high is rounded\n"
                 "// with that edge's random bits and is on y after the %u%s edge after it, whatever en\n"
                 "// does meanwhile; y holds otherwise.\n",
                 1 + c->pipeline, c->pipeline, c->pipeline, c->pipeline == 1 ? "st" : "nd");
    } else {
        snprintf(latency, sizeof latency,
                 "// Latency: 1 cycle. y is registered: the value rounded on a rising edge with\n"
                 "// en high is on y after that edge and holds while en is low.\n");
    }
    emit_lanes(c, lane_module, c->pipeline ? ld : NULL, &lanes);
    sb_add(&ynext, "{");
    for (unsigned l = c->lanes; l-- > 0;)
        sb_printf(&ynext, "y%u_next%s", l, l ? ", " : "}");
    if (has_rnd) {
        sb_printf(&rnd_port, "    input  wire [%u:0] rnd,\n", c->lanes * c->prng_width - 1);
        sb_printf(&rnd_doc, "//   rnd  %u x %u random bits (ext PRNG), used on the same edge as x\n", c->lanes,
                  c->prng_width);
    }
    char rule[256], pdoc[256], lanes_s[16], iw[16], ow[16], xm[16], ym[16], yw[16];
    esru_rule_text(c, rule, sizeof rule);
    if (is_sr)
        esru_kind_of(c->prng)->describe(c, pdoc, sizeof pdoc);
    else
        snprintf(pdoc, sizeof pdoc, "none (deterministic rounding)");
    snprintf(lanes_s, sizeof lanes_s, "%u", c->lanes);
    snprintf(iw, sizeof iw, "%u", c->in_width);
    snprintf(ow, sizeof ow, "%u", c->out_width);
    snprintf(xm, sizeof xm, "%u", c->lanes * c->in_width - 1);
    snprintf(ym, sizeof ym, "%u", c->lanes * c->out_width - 1);
    snprintf(yw, sizeof yw, "%u", c->lanes * c->out_width);
    int rc = esru_emit_header(c, command, module, "stochastic rounding unit (top)", &hdr);
    tmpl_var vars[] = {
        {"HEADER", hdr.s},     {"LANES", lanes_s},     {"IW", iw},         {"OW", ow},
        {"RND_DOC", rnd_doc.s ? rnd_doc.s : ""},       {"RULE", rule},     {"PRNG_DOC", pdoc},
        {"MODULE", module},    {"X_MSB", xm},          {"Y_MSB", ym},      {"Y_WIDTH", yw},
        {"RND_PORT", rnd_port.s ? rnd_port.s : ""},    {"PRNG", prng.s ? prng.s : ""},
        {"LANES_BODY", lanes.s}, {"Y_NEXT", ynext.s}, {"LATENCY", latency}, {"Y_LOAD", last},
        {"RST_PIPE", c->pipeline ? ", pipeline emptied" : ""},
    };
    if (rc == 0)
        rc = tmpl_fill("sru_top.v.in", vars, sizeof vars / sizeof vars[0], out);
    sb_free(&hdr); sb_free(&prng); sb_free(&lanes); sb_free(&ynext); sb_free(&rnd_port); sb_free(&rnd_doc);
    return rc;
}
