/* The PRNG bank of a unit in Verilog: LFSR instances with the C model's seed
 * states, the plateau phase, and each lane's N-bit random word. Wires are
 * named with a prefix so one module can hold several banks. */
#include "emit.h"
#include "prng.h"
#include <stdio.h>

void esru_emit_random_words(const esru_config *c, const char *lfsr_module, const char *pfx, const char *en,
                            const char *rnd, strbuf *b);

static void emit_word(const esru_config *c, const char *pfx, unsigned l, strbuf *b)
{
    unsigned n = c->sru_width, m = c->prng_width;
    sb_printf(b, "    wire [%u:0] %sw%u = ", n - 1, pfx, l);
    if (n == m)
        sb_printf(b, "%sr%u;\n", pfx, l);
    else if (c->fill == FILL_HALF && n - m == 1)
        sb_printf(b, "{%sr%u, 1'b1}; // random bits, then half-step fill\n", pfx, l);
    else if (c->fill == FILL_HALF)
        sb_printf(b, "{%sr%u, 1'b1, %u'd0}; // random bits, then half-step fill\n", pfx, l, n - m - 1);
    else
        sb_printf(b, "{%sr%u, %u'd0}; // random bits, then zero fill\n", pfx, l, n - m);
}

void esru_emit_random_words(const esru_config *c, const char *lfsr_module, const char *pfx, const char *en,
                            const char *rnd, strbuf *b)
{
    esru_prng bank;
    esru_prng_init(&bank, c);
    unsigned m = c->prng_width, w = bank.width;
    for (unsigned i = 0; i < bank.count; i++) {
        sb_printf(b, "    wire [%u:0] %slfsr%u_q;\n", w - 1, pfx, i);
        sb_printf(b, "    %s #(.SEED(%u'd%llu)) u_%slfsr%u (.clk(clk), .rst(rst), .en(%s), .q(%slfsr%u_q));\n",
                  lfsr_module, w, (unsigned long long)bank.seed_state[i], pfx, i, en, pfx, i);
    }
    if (c->prng == PRNG_PLATEAU)
        sb_printf(b,
                  "    // plateau phase: 0 = straight, 1 = inverted (odd lanes the other way)\n"
                  "    reg %sphase;\n"
                  "    always @(posedge clk) begin\n"
                  "        if (rst)\n            %sphase <= 1'b0;\n"
                  "        else if (%s)\n            %sphase <= ~%sphase;\n"
                  "    end\n",
                  pfx, pfx, en, pfx, pfx);
    for (unsigned l = 0; l < c->lanes; l++) {
        sb_printf(b, "    wire [%u:0] %sr%u = ", m - 1, pfx, l);
        switch (c->prng) {
        case PRNG_LFSR: sb_printf(b, "%slfsr%u_q;\n", pfx, l); break;
        case PRNG_LFSR_INV: sb_printf(b, "~%slfsr%u_q;\n", pfx, l); break;
        case PRNG_PLATEAU:
            sb_printf(b, "%sphase ? %s%slfsr%u_q : %s%slfsr%u_q;\n", pfx, (l & 1) ? "" : "~", pfx, l,
                      (l & 1) ? "~" : "", pfx, l);
            break;
        case PRNG_PAIR: sb_printf(b, "%s%slfsr%u_q;\n", (l & 1) ? "~" : "", pfx, l / 2); break;
        case PRNG_SLICED: sb_printf(b, "%slfsr0_q[%u:%u];\n", pfx, l * m + m - 1, l * m); break;
        case PRNG_EXT: sb_printf(b, "%s[%u:%u];\n", rnd, l * m + m - 1, l * m); break;
        }
        emit_word(c, pfx, l, b);
    }
}
