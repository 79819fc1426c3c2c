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
    unsigned iw = c->in_width, ow = c->out_width, d = c->shift, n = c->sru_width;
    unsigned qw = iw - d;
    int is_sr = c->rounding == ROUND_SR;
    int has_up = d > 0 && c->rounding != ROUND_TRUNC;
    strbuf body, hdr, port;
    sb_init(&body);
    sb_init(&hdr);
    sb_init(&port);

    sb_printf(&body, "    // q = floor(x / 2^%u): the kept bits\n", d);
    sb_printf(&body, "    wire [%u:0] q = x[%u:%u];\n", qw - 1, iw - 1, d);
    if (is_sr && d > 0) {
        if (d >= n)
            sb_printf(&body, "    // the top %u discarded bits\n    wire [%u:0] top = x[%u:%u];\n", n, n - 1, d - 1,
                      d - n);
        else
            sb_printf(&body,
                      "    // the %u discarded bits, left-aligned in the %u-bit adder\n"
                      "    wire [%u:0] top = {x[%u:0], %u'd0};\n",
                      d, n, n - 1, d - 1, n - d);
        esru_emit_carry(&body, c, "top", "rword");
        if (d > n)
            sb_printf(&body, "    wire unused_low = ^x[%u:0]; // below the adder: ignored by design\n", d - n - 1);
    } else if (is_sr) {
        sb_add(&body, "    wire unused_rword = ^rword; // no discarded bits: never rounds up\n");
    } else if (has_up) {
        if (d == 1)
            sb_add(&body, "    // exactly half: round to even\n    wire up = x[0] & q[0];\n");
        else
            sb_printf(&body, "    // above half, or exactly half and q odd\n    wire up = x[%u] & (q[0] | (|x[%u:0]));\n",
                      d - 1, d - 2);
    } else if (d > 0) {
        sb_printf(&body, "    wire unused_low = ^x[%u:0]; // truncated\n", d - 1);
    }
    unsigned sw = qw;
    if (has_up) {
        sw = qw + 1;
        sb_printf(&body, "    wire [%u:0] s = {q[%u], q} + {%u'd0, up};\n", sw - 1, qw - 1, sw - 1);
    } else {
        sb_printf(&body, "    wire [%u:0] s = q;\n", sw - 1);
    }
    esru_emit_saturate(&body, "s", "y", "", sw, ow);

    if (is_sr)
        sb_printf(&port, "    input  wire [%u:0] rword,\n", n - 1);
    char rule[256], iwm[16], owm[16], shift[16], ows[16];
    esru_rule_text(c, rule, sizeof rule);
    snprintf(iwm, sizeof iwm, "%u", iw - 1);
    snprintf(owm, sizeof owm, "%u", ow - 1);
    snprintf(shift, sizeof shift, "%u", d);
    snprintf(ows, sizeof ows, "%u", ow);
    int rc = esru_emit_header(c, command, module, "one rounding lane (combinational)", &hdr);
    tmpl_var vars[] = {
        {"HEADER", hdr.s}, {"SHIFT", shift},       {"OW", ows},        {"RULE", rule},
        {"MODULE", module}, {"IW_MSB", iwm},       {"OW_MSB", owm},    {"RWORD_PORT", port.s ? port.s : ""},
        {"BODY", body.s},
    };
    if (rc == 0)
        rc = tmpl_fill("sru_lane.v.in", vars, sizeof vars / sizeof vars[0], out);
    sb_free(&body);
    sb_free(&hdr);
    sb_free(&port);
    return rc;
}
