/* The PRNG bank of a unit in Verilog: LFSR instances with the C model's seed
 * states, the kind's extra state, and each lane's N-bit random word. What is
 * specific to a kind comes from its file in gen/kinds/. Wires are named with
 * a prefix so one module can hold several banks. */
#include "rtl/emit.h"
#include "model/prng.h"
#include <stdio.h>

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
    unsigned w = bank.width;
    for (unsigned i = 0; i < bank.count; i++) {
        sb_printf(b, "    wire [%u:0] %slfsr%u_q;\n", w - 1, pfx, i);
        sb_printf(b, "    %s #(.SEED(%u'd%llu)) u_%slfsr%u (.clk(clk), .rst(rst), .en(%s), .q(%slfsr%u_q));\n",
                  lfsr_module, w, (unsigned long long)bank.seed_state[i], pfx, i, en, pfx, i);
    }
    if (bank.ops->emit_state)
        bank.ops->emit_state(c, &bank, pfx, en, b);
    for (unsigned l = 0; l < c->lanes; l++) {
        bank.ops->emit_lane(c, &bank, pfx, l, rnd, b);
        emit_word(c, pfx, l, b);
    }
}
