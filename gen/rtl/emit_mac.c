/* The MAC array with its SRU lanes: PE, array, requantization lanes, weight
 * update lanes and the top that holds them. Every width, index and seed is a
 * literal computed here. Dataflow and timing: docs/mac.md. */
#include "rtl/emit_mac.h"
#include "rtl/emit_util.h"
#include "model/lfsr.h"
#include "rtl/template.h"
#include <stdio.h>
#include <string.h>

#define SB ESRU_MAC_SHIFT_BITS

typedef struct {
    const esru_mac_config *m;
    const char *command;
    char canon[768];
    uint64_t hash;
    char name[ESRU_NAME_MAX];
} mac_ctx;

/* Adds module NAME<suffix> to fs from the module template; takes (and frees)
 * the ports and body buffers the caller built. */
static int emit_module(const mac_ctx *x, const char *suffix, const char *purpose, const char *doc, strbuf *ports,
                       strbuf *body, esru_fileset *fs)
{
    esru_file *f = &fs->files[fs->count++];
    char module[sizeof f->module];
    snprintf(module, sizeof module, "%s%s", x->name, suffix);
    memcpy(f->module, module, sizeof module);
    snprintf(f->name, sizeof f->name, "%s.v", module);
    strbuf hdr, out;
    sb_init(&hdr);
    sb_init(&out);
    int rc = esru_emit_header_text(x->command, x->canon, x->hash, f->module, purpose, &hdr);
    tmpl_var vars[] = {{"HEADER", hdr.s}, {"DOC", doc}, {"MODULE", f->module}, {"PORTS", ports->s}, {"BODY", body->s}};
    if (rc == 0)
        rc = tmpl_fill("module.v.in", vars, sizeof vars / sizeof vars[0], &out);
    f->text = sb_take(&out);
    sb_free(&hdr);
    sb_free(ports);
    sb_free(body);
    return rc;
}

static int emit_pe(const mac_ctx *x, esru_fileset *fs)
{
    unsigned w = x->m->operand_width, acc = x->m->acc_width, p = 2 * w;
    strbuf ports, body;
    sb_init(&ports);
    sb_init(&body);
    sb_printf(&ports,
              "    input  wire        clk,\n    input  wire        rst,\n    input  wire        clear,\n"
              "    input  wire        mac_en,\n    input  wire [%u:0] init,\n    input  wire [%u:0] a,\n"
              "    input  wire [%u:0] b,\n    output reg  [%u:0] acc\n",
              acc - 1, w - 1, w - 1, acc - 1);
    sb_printf(&body, "    // signed product: the low %u bits of the product of the sign-extended operands\n", p);
    sb_printf(&body, "    wire [%u:0] ae = {{%u{a[%u]}}, a};\n", p - 1, w, w - 1);
    sb_printf(&body, "    wire [%u:0] be = {{%u{b[%u]}}, b};\n", p - 1, w, w - 1);
    sb_printf(&body, "    wire [%u:0] prod = ae * be;\n", p - 1);
    sb_printf(&body, "    // saturating accumulate: one guard bit, then clamp to %u bits\n", acc);
    sb_printf(&body, "    wire [%u:0] s = {acc[%u], acc} + {{%u{prod[%u]}}, prod};\n", acc, acc - 1, acc + 1 - p, p - 1);
    sb_printf(&body, "    wire [%u:0] acc_next;\n", acc - 1);
    esru_emit_saturate(&body, "s", "acc_next", "", acc + 1, acc);
    sb_printf(&body, "    always @(posedge clk) begin\n        if (rst)\n            acc <= %u'd0;\n"
                     "        else if (clear)\n            acc <= init;\n        else if (mac_en)\n"
                     "            acc <= acc_next;\n    end\n",
              acc);
    return emit_module(x, "_pe", "processing element: acc <= sat(acc + a*b)",
                         "// clear loads init (the bias column, already saturated to the accumulator width);\n"
                         "// mac_en adds a*b with saturation. clear has priority over mac_en.\n",
                         &ports, &body, fs);
}

/* Bits needed to select one of n rows (at least 1). */
static unsigned sel_bits(unsigned n)
{
    unsigned b = 1;
    while ((1u << b) < n)
        b++;
    return b;
}

static int emit_array(const mac_ctx *x, esru_fileset *fs)
{
    const esru_mac_config *m = x->m;
    unsigned w = m->operand_width, acc = m->acc_width, R = m->rows, C = m->cols, sb = sel_bits(R);
    strbuf ports, body;
    sb_init(&ports);
    sb_init(&body);
    sb_printf(&ports,
              "    input  wire        clk,\n    input  wire        rst,\n    input  wire        clear,\n"
              "    input  wire        mac_en,\n    input  wire [%u:0] a,\n    input  wire [%u:0] b,\n"
              "    input  wire [%u:0] init,\n    input  wire [%u:0] acc_sel,\n    output reg  [%u:0] acc_row\n",
              R * w - 1, C * w - 1, C * acc - 1, sb - 1, C * acc - 1);
    for (unsigned r = 0; r < R; r++)
        for (unsigned c = 0; c < C; c++) {
            sb_printf(&body, "    wire [%u:0] acc_%u_%u;\n", acc - 1, r, c);
            sb_printf(&body,
                      "    %s_pe u_pe_%u_%u (.clk(clk), .rst(rst), .clear(clear), .mac_en(mac_en), .init(init[%u:%u]), "
                      ".a(a[%u:%u]), .b(b[%u:%u]), .acc(acc_%u_%u));\n",
                      x->name, r, c, c * acc + acc - 1, c * acc, r * w + w - 1, r * w, c * w + w - 1, c * w, r, c);
        }
    sb_add(&body, "    // read port: one row of accumulators at a time (a full-array bus would be R*C wide)\n");
    sb_add(&body, "    always @(*) begin\n        case (acc_sel)\n");
    for (unsigned r = 0; r < R; r++) {
        sb_printf(&body, "        %u'd%u: acc_row = {", sb, r);
        for (unsigned c = C; c-- > 0;)
            sb_printf(&body, "acc_%u_%u%s", r, c, c ? ", " : "};\n");
    }
    if ((1u << sb) > R)
        sb_printf(&body, "        default: acc_row = %u'd0;\n", C * acc);
    sb_add(&body, "        endcase\n    end\n");
    char doc[320];
    snprintf(doc, sizeof doc,
             "// %ux%u output-stationary array: PE (r,c) accumulates a[r]*b[c]; a and b are broadcast\n"
             "// along rows and columns. acc_row shows row acc_sel: PE (r,c) in acc_row[c*%u +: %u]\n"
             "// (combinational read, as a drain into a shadow buffer would be).\n",
             R, C, acc, acc);
    return emit_module(x, "_array", "MAC array of processing elements", doc, &ports, &body, fs);
}

static int emit_lane_module(const mac_ctx *x, const esru_config *c, const char *suffix, const char *purpose,
                            esru_fileset *fs)
{
    strbuf ports, body;
    sb_init(&ports);
    sb_init(&body);
    esru_emit_rlane_ports(c, SB, &ports);
    esru_emit_rlane_body(c, SB, &body);
    char doc[256];
    snprintf(doc, sizeof doc,
             "// y = saturate(floor(x / 2^shift) + up, %u bits), shift on a port (0..%u); the rounding\n"
             "// rule is that of esru_round() (docs/numerics.md) with d = shift.\n",
             c->out_width, (1u << SB) - 1);
    if (c->pipeline) {
        size_t k = strlen(doc);
        snprintf(doc + k, sizeof doc - k, "// --pipeline %u: %u register stage%s inside (y is %u cycle%s after x).\n",
                 c->pipeline, c->pipeline, c->pipeline > 1 ? "s" : "", c->pipeline, c->pipeline > 1 ? "s" : "");
    }
    return emit_module(x, suffix, purpose, doc, &ports, &body, fs);
}

/* --pipeline P: the valid chain of a lane block; ld gets the lanes' stage
 * loads, last the output register's load ("en" at P = 0). */
static void pipe_chain(const esru_config *c, strbuf *body, char *ld, size_t ldlen, char *last, size_t lastlen)
{
    if (c->pipeline) {
        char expr[64];
        esru_emit_valid_chain(body, c->pipeline, "en", expr, sizeof expr, last, lastlen);
        sb_printf(body, "    wire [%u:0] ld = %s; // stage k loads on ld[k-1]\n", c->pipeline - 1, expr);
        snprintf(ld, ldlen, "ld");
    } else {
        snprintf(last, lastlen, "en");
    }
}

/* The latency sentence of a lane block's doc comment. */
static const char *latency_doc(const esru_config *c)
{
    switch (c->pipeline) {
    case 0: return "1 cycle";
    case 1: return "2 cycles (--pipeline 1)";
    default: return "3 cycles (--pipeline 2)";
    }
}

static void emit_bank(const mac_ctx *x, const esru_config *c, const char *rnd, strbuf *body)
{
    if (c->rounding != ROUND_SR)
        return;
    char lfsr[ESRU_NAME_MAX + 8];
    snprintf(lfsr, sizeof lfsr, "%s_lfsr", x->name);
    esru_emit_random_words(c, lfsr, "", "en", rnd, body);
}

static int emit_requant(const mac_ctx *x, esru_fileset *fs)
{
    const esru_mac_config *m = x->m;
    esru_config c;
    esru_mac_requant_cfg(m, &c);
    unsigned L = c.lanes, acc = m->acc_width, aw = m->act_width;
    int sr = c.rounding == ROUND_SR, ext = esru_config_has_rnd(&c);
    strbuf ports, body;
    sb_init(&ports);
    sb_init(&body);
    sb_printf(&ports,
              "    input  wire        clk,\n    input  wire        rst,\n    input  wire        en,\n"
              "    input  wire [%u:0] shift,\n    input  wire        relu,\n    input  wire [%u:0] keep,\n"
              "    input  wire [%u:0] x,\n",
              SB - 1, L - 1, L * acc - 1);
    if (ext)
        sb_printf(&ports, "    input  wire [%u:0] rnd,\n", L * c.prng_width - 1);
    sb_printf(&ports, "    output reg  [%u:0] y\n", L * aw - 1);
    emit_bank(x, &c, "rnd", &body);
    char ld[64], last[16];
    pipe_chain(&c, &body, ld, sizeof ld, last, sizeof last);
    for (unsigned l = 0; l < L; l++) {
        sb_printf(&body, "    wire [%u:0] x%u = x[%u:%u];\n", acc - 1, l, l * acc + acc - 1, l * acc);
        sb_printf(&body, "    wire [%u:0] xin%u = (keep[%u] & ~(relu & x%u[%u])) ? x%u : %u'd0;\n", acc - 1, l, l, l,
                  acc - 1, l, acc);
        sb_printf(&body, "    wire [%u:0] y%u_next;\n", aw - 1, l);
        sb_printf(&body, "    %s_rq_lane u_lane%u (", x->name, l);
        if (c.pipeline)
            sb_printf(&body, ".clk(clk), .ld(%s), ", ld);
        sb_printf(&body, ".x(xin%u), .shift(shift), ", l);
        if (sr)
            sb_printf(&body, ".rword(w%u), ", l);
        sb_printf(&body, ".y(y%u_next));\n", l);
    }
    esru_emit_lane_register_on(&body, "y", "y", L, aw, last);
    char doc[512];
    snprintf(doc, sizeof doc,
             "// Lane l rounds x[l] (zeroed unless keep[l]; negative values zeroed when relu) by 2^shift\n"
             "// into y[l]. One rounding per lane per cycle while en is high; the PRNG bank advances\n"
             "// only then. y is registered: latency %s. rst reloads the seeds.\n",
             latency_doc(&c));
    return emit_module(x, "_requant", "requantization lanes (accumulator -> activation/error)", doc, &ports, &body,
                       fs);
}

static int emit_update(const mac_ctx *x, esru_fileset *fs)
{
    const esru_mac_config *m = x->m;
    esru_config c;
    esru_mac_update_cfg(m, &c);
    unsigned L = c.lanes, acc = m->acc_width, ww = m->weight_width, gw = m->grad_width;
    unsigned sw = (ww > gw ? ww : gw) + 1;
    int sr = c.rounding == ROUND_SR, ext = esru_config_has_rnd(&c);
    strbuf ports, body;
    sb_init(&ports);
    sb_init(&body);
    sb_printf(&ports,
              "    input  wire        clk,\n    input  wire        rst,\n    input  wire        en,\n"
              "    input  wire [%u:0] shift,\n    input  wire [%u:0] g,\n    input  wire [%u:0] w,\n",
              SB, L * acc - 1, L * ww - 1);
    if (ext)
        sb_printf(&ports, "    input  wire [%u:0] rnd,\n", L * c.prng_width - 1);
    sb_printf(&ports, "    output reg  [%u:0] w_new\n", L * ww - 1);
    emit_bank(x, &c, "rnd", &body);
    char ld[64], last[16];
    pipe_chain(&c, &body, ld, sizeof ld, last, sizeof last);
    sb_printf(&body, "    // shift < 0: an exact left shift by min(-shift, %u) (any larger shift saturates alike)\n", gw);
    sb_printf(&body, "    wire left = shift[%u];\n", SB);
    sb_printf(&body, "    wire [%u:0] nshift = %u'd0 - shift;\n", SB, SB + 1);
    sb_printf(&body, "    wire [%u:0] lamt = (nshift > %u'd%u) ? %u'd%u : nshift[%u:0];\n", SB - 1, SB + 1, gw, SB, gw,
              SB - 1);
    for (unsigned l = 0; l < L; l++) {
        char pfx[24];
        snprintf(pfx, sizeof pfx, "l%u_", l);
        sb_printf(&body, "    // lane %u: w_new = sat(w + SR(-g))\n", l);
        sb_printf(&body, "    wire [%u:0] g%u = g[%u:%u];\n", acc - 1, l, l * acc + acc - 1, l * acc);
        sb_printf(&body, "    wire [%u:0] w%u_old = w[%u:%u];\n", ww - 1, l, l * ww + ww - 1, l * ww);
        sb_printf(&body, "    wire [%u:0] ng%u = %u'd0 - {g%u[%u], g%u};\n", acc, l, acc + 1, l, acc - 1, l);
        sb_printf(&body, "    wire [%u:0] ur%u;\n", gw - 1, l);
        sb_printf(&body, "    %s_up_lane u_lane%u (", x->name, l);
        if (c.pipeline)
            sb_printf(&body, ".clk(clk), .ld(%s), ", ld);
        sb_printf(&body, ".x(ng%u), .shift(shift[%u:0]), ", l, SB - 1);
        if (sr)
            sb_printf(&body, ".rword(w%u), ", l);
        sb_printf(&body, ".y(ur%u));\n", l);
        sb_printf(&body, "    wire [%u:0] %sls = {{%u{ng%u[%u]}}, ng%u} << lamt;\n", acc + gw, pfx, gw, l, acc, l);
        sb_printf(&body, "    wire [%u:0] ul%u;\n", gw - 1, l);
        char src[40], dst[32];
        snprintf(src, sizeof src, "%sls", pfx);
        snprintf(dst, sizeof dst, "ul%u", l);
        esru_emit_saturate(&body, src, dst, pfx, acc + gw + 1, gw);
        /* --pipeline P: the left-shift result, its select and w travel
           beside the rounding lane's P stages */
        char ul[32] = "", lf[32] = "left", wo[32] = "";
        snprintf(ul, sizeof ul, "ul%u", l);
        snprintf(wo, sizeof wo, "w%u_old", l);
        for (unsigned k = 1; k <= c.pipeline; k++) {
            char dst[32], ldk[16];
            snprintf(ldk, sizeof ldk, "ld[%u]", k - 1);
            if (k == 1)
                sb_printf(&body, "    // stage%s beside the lane (--pipeline %u)\n", c.pipeline > 1 ? "s" : "", c.pipeline);
            snprintf(dst, sizeof dst, "ul%u_p%u", l, k);
            esru_emit_stage_reg(&body, dst, ul, gw, ldk);
            memcpy(ul, dst, sizeof ul);
            snprintf(dst, sizeof dst, "left%u_p%u", l, k);
            esru_emit_stage_reg(&body, dst, lf, 0, ldk);
            memcpy(lf, dst, sizeof lf);
            snprintf(dst, sizeof dst, "w%u_old_p%u", l, k);
            esru_emit_stage_reg(&body, dst, wo, ww, ldk);
            memcpy(wo, dst, sizeof wo);
        }
        sb_printf(&body, "    wire [%u:0] u%u = %s ? %s : ur%u;\n", gw - 1, l, lf, ul, l);
        sb_printf(&body, "    wire [%u:0] %st = {{%u{%s[%u]}}, %s} + {{%u{u%u[%u]}}, u%u};\n", sw - 1, pfx,
                  sw - ww, wo, ww - 1, wo, sw - gw, l, gw - 1, l);
        sb_printf(&body, "    wire [%u:0] w%u_next;\n", ww - 1, l);
        char tsrc[40], tdst[32], tpfx[32];
        snprintf(tsrc, sizeof tsrc, "%st", pfx);
        snprintf(tdst, sizeof tdst, "w%u_next", l);
        snprintf(tpfx, sizeof tpfx, "%sw", pfx);
        esru_emit_saturate(&body, tsrc, tdst, tpfx, sw, ww);
    }
    esru_emit_lane_register_on(&body, "w_new", "w", L, ww, last);
    char doc[512];
    snprintf(doc, sizeof doc,
             "// Lane l: u = SR(-g[l]) by 2^shift into the update width (shift < 0: exact left shift),\n"
             "// w_new[l] = saturate(w[l] + u). shift is signed. One update per lane per cycle while\n"
             "// en is high; the bank (seed + 1) advances only then. Latency %s.\n",
             latency_doc(&c));
    return emit_module(x, "_update", "weight-update lanes: w <- sat(w + SR(-g))", doc, &ports, &body, fs);
}

static int emit_top(const mac_ctx *x, esru_fileset *fs)
{
    const esru_mac_config *m = x->m;
    unsigned w = m->operand_width, acc = m->acc_width, R = m->rows, C = m->cols, L = m->sru.lanes;
    unsigned aw = m->act_width, ww = m->weight_width, mw = m->sru.prng_width;
    int ext = esru_config_has_rnd(&m->sru);
    strbuf ports, body;
    sb_init(&ports);
    sb_init(&body);
    sb_printf(&ports, "    input  wire        clk,\n    input  wire        rst,\n");
    sb_printf(&ports, "    // MAC array\n    input  wire        acc_clear,\n    input  wire        mac_en,\n");
    sb_printf(&ports, "    input  wire [%u:0] a,\n    input  wire [%u:0] b,\n    input  wire [%u:0] init,\n", R * w - 1,
              C * w - 1, C * acc - 1);
    sb_printf(&ports, "    input  wire [%u:0] acc_sel,\n    output wire [%u:0] acc_row,\n", sel_bits(R) - 1, C * acc - 1);
    sb_printf(&ports, "    // requantization lanes\n    input  wire        rq_en,\n    input  wire [%u:0] rq_shift,\n",
              SB - 1);
    sb_printf(&ports, "    input  wire        rq_relu,\n    input  wire [%u:0] rq_keep,\n    input  wire [%u:0] rq_x,\n",
              L - 1, L * acc - 1);
    if (ext)
        sb_printf(&ports, "    input  wire [%u:0] rq_rnd,\n", L * mw - 1);
    sb_printf(&ports, "    output wire [%u:0] rq_y,\n", L * aw - 1);
    sb_printf(&ports, "    // weight-update lanes\n    input  wire        up_en,\n    input  wire [%u:0] up_shift,\n", SB);
    sb_printf(&ports, "    input  wire [%u:0] up_g,\n    input  wire [%u:0] up_w,\n", L * acc - 1, L * ww - 1);
    if (ext)
        sb_printf(&ports, "    input  wire [%u:0] up_rnd,\n", L * mw - 1);
    sb_printf(&ports, "    output wire [%u:0] up_w_new\n", L * ww - 1);
    sb_printf(&body,
              "    %s_array u_array (.clk(clk), .rst(rst), .clear(acc_clear), .mac_en(mac_en), .a(a), .b(b), "
              ".init(init), .acc_sel(acc_sel), .acc_row(acc_row));\n",
              x->name);
    sb_printf(&body,
              "    %s_requant u_requant (.clk(clk), .rst(rst), .en(rq_en), .shift(rq_shift), .relu(rq_relu), "
              ".keep(rq_keep), .x(rq_x), %s.y(rq_y));\n",
              x->name, ext ? ".rnd(rq_rnd), " : "");
    sb_printf(&body,
              "    %s_update u_update (.clk(clk), .rst(rst), .en(up_en), .shift(up_shift), .g(up_g), .w(up_w), "
              "%s.w_new(up_w_new));\n",
              x->name, ext ? ".rnd(up_rnd), " : "");
    char doc[1024];
    snprintf(doc, sizeof doc,
             "// %ux%u MAC array (%u-bit operands, %u-bit saturating accumulators) with %u SRU lanes for\n"
             "// requantization (%u-bit outputs) and %u for weight updates (%u-bit weights, %u-bit updates).\n"
             "// Timing: acc_clear / mac_en act on the rising edge; acc_row shows row acc_sel of the\n"
             "// PEs' accumulator registers (combinational read);\n"
             "// rq_y and up_w_new are registered, latency %u cycle%s after rq_en / up_en%s.\n"
             "// Interface and dataflow: docs/mac.md.\n",
             R, C, w, acc, L, aw, L, ww, m->grad_width, 1 + m->sru.pipeline, m->sru.pipeline ? "s" : "",
             m->sru.pipeline == 1 ? " (--pipeline 1)" : m->sru.pipeline == 2 ? " (--pipeline 2)" : "");
    return emit_module(x, "", "MAC array with SRU lanes (top)", doc, &ports, &body, fs);
}

int esru_emit_mac(const esru_mac_config *m, const char *command, esru_fileset *fs)
{
    mac_ctx x;
    x.m = m;
    x.command = command;
    esru_mac_canonical(m, x.canon, sizeof x.canon);
    x.hash = esru_mac_hash(m);
    snprintf(x.name, sizeof x.name, "%s", m->sru.name);
    memset(fs, 0, sizeof *fs);
    esru_config rq, up;
    esru_mac_requant_cfg(m, &rq);
    esru_mac_update_cfg(m, &up);
    int rc = emit_top(&x, fs);
    if (rc == 0) rc = emit_array(&x, fs);
    if (rc == 0) rc = emit_pe(&x, fs);
    if (rc == 0) rc = emit_requant(&x, fs);
    if (rc == 0) rc = emit_lane_module(&x, &rq, "_rq_lane",
                                      rq.pipeline ? "requantization lane (pipelined)" : "requantization lane (combinational)",
                                      fs);
    if (rc == 0) rc = emit_update(&x, fs);
    if (rc == 0) rc = emit_lane_module(&x, &up, "_up_lane",
                                      up.pipeline ? "update rounding lane (pipelined)" : "update rounding lane (combinational)",
                                      fs);
    unsigned lw = esru_lfsr_width_of(&rq);
    if (rc == 0 && rq.rounding == ROUND_SR && lw > 0) {
        esru_file *f = &fs->files[fs->count++];
        char module[sizeof f->module];
        snprintf(module, sizeof module, "%s_lfsr", x.name);
        memcpy(f->module, module, sizeof module);
        snprintf(f->name, sizeof f->name, "%s.v", module);
        strbuf hdr, out;
        sb_init(&hdr);
        sb_init(&out);
        rc = esru_emit_header_text(command, x.canon, x.hash, f->module, "maximal-length LFSR of both lane banks", &hdr);
        if (rc == 0)
            rc = esru_emit_lfsr(&rq, command, f->module, lw, hdr.s, &out);
        f->text = sb_take(&out);
        sb_free(&hdr);
    }
    return rc;
}
