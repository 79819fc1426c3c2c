/* A rounding lane with a runtime shift: the SRU lanes at the MAC array's
 * outputs (requantization) and in its weight-update path. The same rule as
 * esru_round() with d given on a port instead of fixed at generation. */
#include "rtl/emit.h"
#include "rtl/emit_mac.h"
#include "rtl/emit_util.h"
#include <stdio.h>

void esru_emit_rlane_body(const esru_config *c, unsigned sb, strbuf *b)
{
    unsigned iw = c->in_width, n = c->sru_width, P = c->pipeline;
    /* --pipeline 2: a register after the shift (ld[0]); --pipeline >= 1: one
     * after the SR add (ld[P-1]). Names: q, top, rword (_s after the shift),
     * q, up (_p after the add). */
    const char *qn = "q", *un = "up";
    char ldp[16];
    snprintf(ldp, sizeof ldp, "ld[%u]", P ? P - 1 : 0);
    switch (c->rounding) {
    case ROUND_SR:
        sb_printf(b, "    // x with N zero bits below, shifted: the kept part on top, the N discarded bits below\n");
        sb_printf(b, "    wire [%u:0] xe = {x, %u'd0};\n", iw + n - 1, n);
        sb_printf(b, "    wire [%u:0] xs = $signed(xe) >>> shift;\n", iw + n - 1);
        sb_printf(b, "    wire [%u:0] q = xs[%u:%u];\n", iw - 1, iw + n - 1, n);
        sb_printf(b, "    wire [%u:0] top = xs[%u:0];\n", n - 1, n - 1);
        if (P >= 2) {
            sb_add(b, "    // stage 1 (--pipeline 2): registered after the shift, with the random word\n");
            esru_emit_stage_reg(b, "q_s", "q", iw, "ld[0]");
            esru_emit_stage_reg(b, "top_s", "top", n, "ld[0]");
            esru_emit_stage_reg(b, "rword_s", "rword", n, "ld[0]");
            esru_emit_carry(b, c, "top_s", "rword_s");
            qn = "q_s";
        } else {
            esru_emit_carry(b, c, "top", "rword");
        }
        break;
    case ROUND_RNE:
        sb_printf(b, "    wire [%u:0] xe = {x, 2'd0};\n", iw + 1);
        sb_printf(b, "    wire [%u:0] xs = $signed(xe) >>> shift;\n", iw + 1);
        sb_printf(b, "    wire [%u:0] q = xs[%u:2];\n", iw - 1, iw + 1);
        sb_add(b, "    wire half = xs[1]; // discarded bit d-1\n    wire unused_xs = xs[0];\n");
        sb_printf(b, "    // bits below the half bit (shift 0: half is 0, so this does not matter)\n");
        sb_printf(b, "    wire [%u:0] below = x & ~({%u{1'b1}} << (shift - %u'd1));\n", iw - 1, iw, sb);
        if (P >= 2) {
            sb_add(b, "    // stage 1 (--pipeline 2): registered after the shift\n");
            esru_emit_stage_reg(b, "q_s", "q", iw, "ld[0]");
            esru_emit_stage_reg(b, "half_s", "half", 0, "ld[0]");
            esru_emit_stage_reg(b, "sticky_s", "|below", 0, "ld[0]");
            sb_add(b, "    wire up = half_s & (q_s[0] | sticky_s);\n");
            qn = "q_s";
        } else {
            sb_add(b, "    wire up = half & (q[0] | (|below));\n");
        }
        break;
    default:
        sb_printf(b, "    wire [%u:0] q = $signed(x) >>> shift;\n", iw - 1);
        if (P >= 2) {
            sb_add(b, "    // stage 1 (--pipeline 2): registered after the shift\n");
            esru_emit_stage_reg(b, "q_s", "q", iw, "ld[0]");
            qn = "q_s";
        }
        sb_add(b, "    wire up = 1'b0;\n");
        break;
    }
    if (P >= 1) {
        sb_printf(b, "    // stage %u (--pipeline %u): registered after the %s\n", P, P,
                  c->rounding == ROUND_TRUNC ? "shift (trunc has no rounding add)" : "SR add");
        esru_emit_stage_reg(b, "q_p", qn, iw, ldp);
        qn = "q_p";
        if (c->rounding != ROUND_TRUNC) {
            esru_emit_stage_reg(b, "up_p", "up", 0, ldp);
            un = "up_p";
        }
    }
    sb_printf(b, "    wire [%u:0] s = {%s[%u], %s} + {%u'd0, %s};\n", iw, qn, iw - 1, qn, iw, un);
    esru_emit_saturate(b, "s", "y", "", iw + 1, c->out_width);
}

void esru_emit_rlane_ports(const esru_config *c, unsigned sb, strbuf *p)
{
    if (c->pipeline)
        sb_printf(p, "    input  wire        clk,\n    input  wire [%u:0] ld, // stage k loads on ld[k-1]\n",
                  c->pipeline - 1);
    sb_printf(p, "    input  wire [%u:0] x,\n", c->in_width - 1);
    sb_printf(p, "    input  wire [%u:0] shift,\n", sb - 1);
    if (c->rounding == ROUND_SR)
        sb_printf(p, "    input  wire [%u:0] rword,\n", c->sru_width - 1);
    sb_printf(p, "    output wire [%u:0] y\n", c->out_width - 1);
}
