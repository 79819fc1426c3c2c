#include "emit_util.h"

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
    sb_printf(b, "    always @(posedge clk) begin\n        if (rst)\n            %s <= %u'd0;\n"
                 "        else if (en)\n            %s <= {",
              reg, lanes * width, reg);
    for (unsigned l = lanes; l-- > 0;)
        sb_printf(b, "%s%u_next%s", next, l, l ? ", " : "};\n    end\n");
}
