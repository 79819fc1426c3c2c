#include "rtl/emit_util.h"
#include "model/config.h"
#include <stdio.h>

void esru_emit_saturate(strbuf *b, const char *src, const char *dst, const char *pfx, unsigned sw, unsigned ow)
{
    if (sw > ow) {
        sb_printf(b, "    // saturate %u bits to %u\n", sw, ow);
        sb_printf(b, "    wire %sovf_hi = ~%s[%u] & (|%s[%u:%u]);\n", pfx, src, sw - 1, src, sw - 2, ow - 1);
        sb_printf(b, "    wire %sovf_lo = %s[%u] & ~(&%s[%u:%u]);\n", pfx, src, sw - 1, src, sw - 2, ow - 1);
        sb_printf(b, "    assign %s = %sovf_hi ? {1'b0, {%u{1'b1}}} : (%sovf_lo ? {1'b1, {%u{1'b0}}} : %s[%u:0]);\n", dst,
                  pfx, ow - 1, pfx, ow - 1, src, ow - 1);
    } else if (sw == ow) {
        sb_printf(b, "    assign %s = %s;\n", dst, src);
    } else {
        sb_printf(b, "    assign %s = {{%u{%s[%u]}}, %s};\n", dst, ow - sw, src, sw - 1, src);
    }
}

void esru_emit_lane_register(strbuf *b, const char *reg, const char *next, unsigned lanes, unsigned width)
{
    esru_emit_lane_register_on(b, reg, next, lanes, width, "en");
}

void esru_emit_lane_register_on(strbuf *b, const char *reg, const char *next, unsigned lanes, unsigned width,
                                const char *load)
{
    sb_printf(b, "    always @(posedge clk) begin\n        if (rst)\n            %s <= %u'd0;\n"
                 "        else if (%s)\n            %s <= {",
              reg, lanes * width, load, reg);
    for (unsigned l = lanes; l-- > 0;)
        sb_printf(b, "%s%u_next%s", next, l, l ? ", " : "};\n    end\n");
}

unsigned esru_adder_width(const esru_config *c)
{
    unsigned e = c->prng_width + (c->fill == FILL_HALF ? 1u : 0u);
    return e < c->sru_width ? e : c->sru_width;
}

void esru_emit_carry(strbuf *b, const esru_config *c, const char *top, const char *rword)
{
    unsigned n = c->sru_width, e = esru_adder_width(c);
    sb_add(b, "    wire up;\n");
    if (e == n) {
        sb_printf(b, "    wire [%u:0] unused_sum; // only the carry matters\n", n - 1);
        sb_printf(b, "    assign {up, unused_sum} = {1'b0, %s} + {1'b0, %s};\n", top, rword);
        return;
    }
    /* The word's low n-e bits are zero, so the fraction's low bits never carry:
       the top e bits alone decide, exactly as the full n-bit adder would. */
    sb_printf(b, "    // the random word's %u low bits are zero: only the top %u bits can carry\n", n - e, e);
    sb_printf(b, "    wire [%u:0] unused_sum;\n", e - 1);
    sb_printf(b, "    assign {up, unused_sum} = {1'b0, %s[%u:%u]} + {1'b0, %s[%u:%u]};\n", top, n - 1, n - e, rword,
              n - 1, n - e);
    sb_printf(b, "    wire unused_adder_low = ^{%s[%u:0], %s[%u:0]};\n", top, n - e - 1, rword, n - e - 1);
}

void esru_emit_valid_chain(strbuf *b, unsigned p, const char *en, char *ld, size_t ldlen, char *last, size_t lastlen)
{
    sb_printf(b, "    // pipeline (--pipeline %u): pipe_vK is high while stage K holds a value taken with %s high\n", p, en);
    sb_add(b, "    reg");
    for (unsigned k = 1; k <= p; k++)
        sb_printf(b, " pipe_v%u%s", k, k < p ? "," : ";\n");
    sb_add(b, "    always @(posedge clk) begin\n        if (rst) begin\n");
    for (unsigned k = 1; k <= p; k++)
        sb_printf(b, "            pipe_v%u <= 1'b0;\n", k);
    sb_add(b, "        end else begin\n");
    for (unsigned k = 1; k <= p; k++)
        if (k == 1)
            sb_printf(b, "            pipe_v1 <= %s;\n", en);
        else
            sb_printf(b, "            pipe_v%u <= pipe_v%u;\n", k, k - 1);
    sb_add(b, "        end\n    end\n");
    if (p == 1) {
        snprintf(ld, ldlen, "%s", en);
    } else {
        size_t n = (size_t)snprintf(ld, ldlen, "{");
        for (unsigned k = p - 1; k >= 1 && n < ldlen; k--)
            n += (size_t)snprintf(ld + n, ldlen - n, "pipe_v%u, ", k);
        if (n < ldlen)
            snprintf(ld + n, ldlen - n, "%s}", en);
    }
    snprintf(last, lastlen, "pipe_v%u", p);
}

void esru_emit_stage_reg(strbuf *b, const char *dst, const char *src, unsigned w, const char *load)
{
    if (w > 0)
        sb_printf(b, "    reg [%u:0] %s;\n", w - 1, dst);
    else
        sb_printf(b, "    reg %s;\n", dst);
    sb_printf(b, "    always @(posedge clk)\n        if (%s)\n            %s <= %s;\n", load, dst, src);
}
