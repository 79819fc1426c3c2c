/* The lane module: the combinational rounding datapath of one SRU lane,
 * with every width and bit range computed here and written out literally. */
#include "rtl/emit.h"
#include "rtl/template.h"
#include "rtl/emit_util.h"
#include <stdio.h>

const char *esru_rule_text(const esru_config *c, char *buf, size_t len)
{
    switch (c->rounding) {
    case ROUND_SR:
        snprintf(buf, len,
                 "sr: up = carry of (top %u discarded bits) + (random word: %u random bits, fill %s); only the top "
                 "%u bits of the word can carry: a %u-bit adder",
                 c->sru_width, c->prng_width, esru_fill_name(c->fill), esru_adder_width(c), esru_adder_width(c));
        break;
    case ROUND_RNE:
        snprintf(buf, len, "rne: round to nearest, ties to even, on all %u discarded bits", c->shift);
        break;
    default:
        snprintf(buf, len, "trunc: up = 0 (floor, toward minus infinity)");
        break;
    }
    return buf;
}

int esru_emit_lane(const esru_config *c, const char *command, const char *module, strbuf *out)
{
    unsigned iw = c->in_width, ow = c->out_width, d = c->shift, n = c->sru_width, P = c->pipeline;
    unsigned qw = iw - d;
    int is_sr = c->rounding == ROUND_SR;
    int has_up = d > 0 && c->rounding != ROUND_TRUNC;
    strbuf body, hdr, port, pport;
    sb_init(&body);
    sb_init(&hdr);
    sb_init(&port);
    sb_init(&pport);
    /* --pipeline 2: the shift is wiring here, so the first stage register
     * holds the input and its random word; every later name reads them. */
    const char *xn = "x", *rn = "rword";
    if (P >= 2) {
        sb_add(&body, "    // stage 1 (--pipeline 2): the input and its random word (the shift is wiring)\n");
        esru_emit_stage_reg(&body, "x_p", "x", iw, "ld[0]");
        if (is_sr)
            esru_emit_stage_reg(&body, "rword_p", "rword", n, "ld[0]");
        xn = "x_p";
        rn = "rword_p";
    }

    sb_printf(&body, "    // q = floor(x / 2^%u): the kept bits\n", d);
    sb_printf(&body, "    wire [%u:0] q = %s[%u:%u];\n", qw - 1, xn, iw - 1, d);
    if (is_sr && d > 0) {
        if (d >= n)
            sb_printf(&body, "    // the top %u discarded bits\n    wire [%u:0] top = %s[%u:%u];\n", n, n - 1, xn, d - 1,
                      d - n);
        else
            sb_printf(&body,
                      "    // the %u discarded bits, left-aligned in the %u-bit adder\n"
                      "    wire [%u:0] top = {%s[%u:0], %u'd0};\n",
                      d, n, n - 1, xn, d - 1, n - d);
        esru_emit_carry(&body, c, "top", rn);
        if (d > n)
            sb_printf(&body, "    wire unused_low = ^%s[%u:0]; // below the adder: ignored by design\n", xn, d - n - 1);
    } else if (is_sr) {
        sb_printf(&body, "    wire unused_rword = ^%s; // no discarded bits: never rounds up\n", rn);
    } else if (has_up) {
        if (d == 1)
            sb_printf(&body, "    // exactly half: round to even\n    wire up = %s[0] & q[0];\n", xn);
        else
            sb_printf(&body, "    // above half, or exactly half and q odd\n    wire up = %s[%u] & (q[0] | (|%s[%u:0]));\n",
                      xn, d - 1, xn, d - 2);
    } else if (d > 0) {
        sb_printf(&body, "    wire unused_low = ^%s[%u:0]; // truncated\n", xn, d - 1);
    }
    /* --pipeline >= 1: the kept bits and the carry, registered after the SR add */
    const char *qn = "q", *un = "up";
    if (P >= 1) {
        char ld[16];
        snprintf(ld, sizeof ld, "ld[%u]", P - 1);
        sb_printf(&body, "    // stage %u (--pipeline %u): registered after the %s\n", P, P,
                  has_up ? "SR add" : "shift (nothing to round)");
        esru_emit_stage_reg(&body, "q_p", "q", qw, ld);
        qn = "q_p";
        if (has_up) {
            esru_emit_stage_reg(&body, "up_p", "up", 0, ld);
            un = "up_p";
        }
        sb_printf(&pport, "    input  wire        clk,\n    input  wire [%u:0] ld, // stage k loads on ld[k-1]\n", P - 1);
    }
    unsigned sw = qw;
    if (has_up) {
        sw = qw + 1;
        sb_printf(&body, "    wire [%u:0] s = {%s[%u], %s} + {%u'd0, %s};\n", sw - 1, qn, qw - 1, qn, sw - 1, un);
    } else {
        sb_printf(&body, "    wire [%u:0] s = %s;\n", sw - 1, qn);
    }
    esru_emit_saturate(&body, "s", "y", "", sw, ow);

    if (is_sr)
        sb_printf(&port, "    input  wire [%u:0] rword,\n", n - 1);
    char rule[256], iwm[16], owm[16], shift[16], ows[16], timing[96], purpose[96];
    esru_rule_text(c, rule, sizeof rule);
    snprintf(iwm, sizeof iwm, "%u", iw - 1);
    snprintf(owm, sizeof owm, "%u", ow - 1);
    snprintf(shift, sizeof shift, "%u", d);
    snprintf(ows, sizeof ows, "%u", ow);
    if (P)
        snprintf(timing, sizeof timing, "%u register stage%s (y is %u cycle%s after x)", P, P > 1 ? "s" : "", P,
                 P > 1 ? "s" : "");
    else
        snprintf(timing, sizeof timing, "combinational");
    snprintf(purpose, sizeof purpose, "one rounding lane (%s)", P ? "pipelined" : "combinational");
    int rc = esru_emit_header(c, command, module, purpose, &hdr);
    tmpl_var vars[] = {
        {"HEADER", hdr.s}, {"SHIFT", shift},       {"OW", ows},        {"RULE", rule},
        {"MODULE", module}, {"IW_MSB", iwm},       {"OW_MSB", owm},    {"RWORD_PORT", port.s ? port.s : ""},
        {"BODY", body.s},  {"TIMING", timing},     {"PIPE_PORTS", pport.s ? pport.s : ""},
    };
    if (rc == 0)
        rc = tmpl_fill("sru_lane.v.in", vars, sizeof vars / sizeof vars[0], out);
    sb_free(&body);
    sb_free(&hdr);
    sb_free(&port);
    sb_free(&pport);
    return rc;
}
