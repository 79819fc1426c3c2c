/* Stimulus and expected outputs of the MAC array's Icarus check (issue 4).
 *
 *   stim --manifest RTLDIR/mac.json --out DIR [--data-seed X] [--corrupt OP]
 *
 * The array and its SRU settings come from the manifest of the generated RTL
 * (read through the flag table, as every harness does). The operations are
 * driven by the one MAC driver (model/mac_drive.h), as the Verilator harness
 * drives them; every expected value comes from the C model: kern_int
 * (accumulators, also the partial sums after each k-slice) and
 * fx_backend_c.requant / .update through quant banks seeded S and S+1 (0 -> 1).
 * Nothing here rounds or saturates by itself.
 *
 * Writes into DIR:
 *   stim.hex  one line per cycle: every top input, packed LSB first as
 *             {up_w, up_g, up_shift, up_en, rq_x, rq_keep, rq_relu, rq_shift,
 *              rq_en, init, b, a, mac_en, acc_clear, rst}
 *   exp.hex   one line per cycle: {check, expected}, each {up_w_new, rq_y, acc};
 *             the outputs right after that cycle's rising edge, compared where
 *             check bits are 1
 *   op.hex    the operation number of each cycle (for reports)
 *   ops.txt   "NUMBER FIRST_CYCLE LAST_CYCLE CHECKED_ELEMENTS description" per operation
 *   tb.args   the iverilog -P flags for tb_mac.v
 * --corrupt OP (gemm1 gemm2 requant requant2 update1 update2) flips bit 0 of
 * one expected value of that operation (a GEMM: PE 0 after the first tile's
 * last slice; a lane op: lane 0 of the first group) and prints
 * "corrupted: cycle N port P element E".
 */
#include "cli/flags.h"
#include "cli/manifest_read.h"
#include "model/backend.h"
#include "model/config.h"
#include "model/kernels.h"
#include "model/lfsr.h"
#include "model/mac_drive.h"
#include "model/quant.h"
#include "model/sru.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- bit vectors ---- */
typedef struct {
    unsigned nbits;
    uint64_t *w;
} bitvec;

static bitvec bv_new(unsigned nbits)
{
    bitvec v = {nbits, calloc((nbits + 63) / 64 + 1, sizeof(uint64_t))};
    if (!v.w)
        abort();
    return v;
}

static void bv_put(bitvec *v, unsigned lsb, unsigned n, uint64_t val)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned b = lsb + i;
        uint64_t bit = i < 64 ? (val >> i) & 1 : (uint64_t)((int64_t)val < 0);
        v->w[b / 64] = (v->w[b / 64] & ~(UINT64_C(1) << (b % 64))) | (bit << (b % 64));
    }
}

static uint64_t bv_get(const bitvec *v, unsigned lsb, unsigned n)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < n && i < 64; i++) {
        unsigned b = lsb + i;
        r |= ((v->w[b / 64] >> (b % 64)) & 1) << i;
    }
    return r;
}

static void bv_hex(FILE *f, const bitvec *v)
{
    for (unsigned d = (v->nbits + 3) / 4; d-- > 0;) {
        unsigned n = v->nbits - d * 4 < 4 ? v->nbits - d * 4 : 4;
        fputc("0123456789abcdef"[bv_get(v, d * 4, n)], f);
    }
}

/* ---- geometry and port layout (must match tb_mac.v) ---- */
static unsigned R, C, L, W, A, B, BW, GW;
/* input fields */
static unsigned o_rst, o_clr, o_en, o_a, o_b, o_init, o_rqen, o_rqsh, o_relu, o_keep, o_rqx, o_upen, o_upsh, o_upg,
    o_upw, SW;
/* output fields */
static unsigned o_acc, o_rqy, o_upwn, OW;

static void layout(void)
{
    unsigned p = 0;
    o_rst = p++;
    o_clr = p++;
    o_en = p++;
    o_a = p, p += R * W;
    o_b = p, p += C * W;
    o_init = p, p += C * A;
    o_rqen = p++;
    o_rqsh = p, p += 6;
    o_relu = p++;
    o_keep = p, p += L;
    o_rqx = p, p += L * A;
    o_upen = p++;
    o_upsh = p, p += 7;
    o_upg = p, p += L * A;
    o_upw = p, p += L * BW;
    SW = p;
    p = 0;
    o_acc = p, p += R * C * A;
    o_rqy = p, p += L * B;
    o_upwn = p, p += L * BW;
    OW = p;
}

/* ---- the cycle writer ---- */
static FILE *f_stim, *f_exp, *f_op, *f_ops;
static bitvec in, expv, chk;
static unsigned ncyc, cur_op, op_first, op_checked;
static uint64_t data_rng = 1;
static const char *corrupt_op;
static unsigned corrupt_this; /* 1 while the operation to corrupt runs */
static int corrupt_done;
static long corrupt_cycle = -1;
static unsigned corrupt_port_lsb;
static const char *corrupt_port;
static unsigned corrupt_elem;

static uint64_t rnd(void) { return esru_splitmix64(&data_rng); }
static int64_t rnd_range(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)); }

/* Start a cycle: every data input random (junk the enables must ignore),
 * reset and all enables low. */
static void cycle_begin(void)
{
    for (unsigned i = 0; i < (SW + 63) / 64; i++)
        in.w[i] = rnd();
    bv_put(&in, o_rst, 1, 0);
    bv_put(&in, o_clr, 1, 0);
    bv_put(&in, o_en, 1, 0);
    bv_put(&in, o_rqen, 1, 0);
    bv_put(&in, o_upen, 1, 0);
}

/* Expected value of one element after this cycle's edge (check on). */
static void expect(unsigned lsb, unsigned w, int64_t v)
{
    bv_put(&expv, lsb, w, (uint64_t)v);
    bv_put(&chk, lsb, w, ~UINT64_C(0));
    op_checked++;
}

static void ignore(unsigned lsb, unsigned w) { bv_put(&chk, lsb, w, 0); }

/* Remember the element to corrupt: the first one offered by the chosen op. */
static void corrupt_candidate(const char *port, unsigned lsb, unsigned w, unsigned elem)
{
    if (!corrupt_this || corrupt_cycle >= 0)
        return;
    corrupt_cycle = ncyc; /* the cycle being built */
    corrupt_port = port;
    corrupt_port_lsb = lsb;
    (void)w;
    corrupt_elem = elem;
}

static void cycle_end(void)
{
    uint64_t saved = 0;
    int corrupt_now = corrupt_cycle == (long)ncyc && !corrupt_done;
    if (corrupt_now) {
        saved = bv_get(&expv, corrupt_port_lsb, 1);
        bv_put(&expv, corrupt_port_lsb, 1, saved ^ 1);
    }
    bv_hex(f_stim, &in);
    fputc('\n', f_stim);
    bv_hex(f_exp, &chk);
    bv_hex(f_exp, &expv);
    fputc('\n', f_exp);
    fprintf(f_op, "%x\n", cur_op);
    if (corrupt_now) {
        bv_put(&expv, corrupt_port_lsb, 1, saved); /* later cycles (hold) stay right */
        corrupt_done = 1;
    }
    ncyc++;
}

static void op_begin(unsigned num, const char *name)
{
    cur_op = num;
    op_first = ncyc;
    op_checked = 0;
    corrupt_this = corrupt_op && !strcmp(corrupt_op, name);
}

static void op_end(const char *desc)
{
    fprintf(f_ops, "%u %u %u %u %s\n", cur_op, op_first, ncyc - 1, op_checked, desc);
    printf("stim: op %u, cycles %u..%u, %u elements checked: %s\n", cur_op, op_first, ncyc - 1, op_checked, desc);
    if (corrupt_this)
        corrupt_this = 0;
}

/* One idle cycle: junk on the data inputs, no enable; every output holds. */
static mac_driver drv; /* large: static */
static void idle(void) { mac_drive_idle(&drv); }

/* ---- operations: the one MAC driver (model/mac_drive.h) walks them; this
 * writer turns each clock step into a stimulus line (junk on the inputs the
 * step does not care about) and fills in the expected values the step names
 * from the C model. Row reads (no clock edge) need no line: tb_mac.v reads
 * every row through acc_sel after every edge. ---- */

/* The operation running: where its expected values come from. */
static struct {
    kern_shape sh;              /* a GEMM: partial sums from kern_int */
    const int32_t *A, *B;
    const int64_t *init;
    int64_t *part;              /* kern_int over the first part_slices k slices */
    size_t part_slices;
    const int32_t *y;           /* lane ops: the model's outputs */
} cur;

static void write_step(void *ctx, const mac_step *s)
{
    (void)ctx;
    if (!s->edge)
        return;
    cycle_begin();
    bv_put(&in, o_rst, 1, s->rst);
    bv_put(&in, o_clr, 1, s->acc_clear);
    bv_put(&in, o_en, 1, s->mac_en);
    bv_put(&in, o_rqen, 1, s->rq_en);
    bv_put(&in, o_upen, 1, s->up_en);
    if (s->care & MAC_CARE_AB) {
        for (unsigned r = 0; r < R; r++)
            bv_put(&in, o_a + r * W, W, (uint64_t)s->a[r]);
        for (unsigned c = 0; c < C; c++)
            bv_put(&in, o_b + c * W, W, (uint64_t)s->b[c]);
    }
    if (s->care & MAC_CARE_INIT)
        for (unsigned c = 0; c < C; c++)
            bv_put(&in, o_init + c * A, A, (uint64_t)s->init[c]);
    if (s->care & MAC_CARE_RQ) {
        bv_put(&in, o_rqsh, 6, s->rq_shift);
        bv_put(&in, o_relu, 1, s->rq_relu);
        for (unsigned l = 0; l < L; l++) {
            bv_put(&in, o_keep + l, 1, s->rq_keep[l]);
            bv_put(&in, o_rqx + l * A, A, (uint64_t)s->rq_x[l]);
        }
    }
    if (s->care & MAC_CARE_UP) {
        bv_put(&in, o_upsh, 7, (uint64_t)(int64_t)s->up_shift);
        for (unsigned l = 0; l < L; l++) {
            bv_put(&in, o_upg + l * A, A, (uint64_t)s->up_g[l]);
            bv_put(&in, o_upw + l * BW, BW, (uint64_t)s->up_w[l]);
        }
    }
    const mac_hold *h = &s->out;
    switch (h->kind) {
    case MAC_HOLD_RESET:
        for (unsigned b = 0; b < OW; b++)
            expect(b, 1, 0);
        op_checked = R * C + 2 * L;
        break;
    case MAC_HOLD_ACC:
        /* the model's accumulators after the first h->slices k slices */
        if (cur.part_slices != h->slices) {
            kern_shape p = cur.sh;
            p.K = h->slices;
            kern_int(&p, cur.A, cur.B, cur.init, A, cur.part);
            cur.part_slices = h->slices;
        }
        for (unsigned r = 0; r < R; r++)
            for (unsigned c = 0; c < C; c++) {
                unsigned pe = r * C + c;
                if (r < h->rows && c < h->cols) {
                    expect(o_acc + pe * A, A, cur.part[h->first + r * h->stride + c]);
                    if (h->slices == h->total)
                        corrupt_candidate("acc", o_acc + pe * A, A, pe);
                } else {
                    ignore(o_acc + pe * A, A); /* padded PE: documented as ignored */
                }
            }
        break;
    case MAC_HOLD_RQ_Y:
    case MAC_HOLD_UP_W_NEW: {
        int rq = h->kind == MAC_HOLD_RQ_Y;
        unsigned base = rq ? o_rqy : o_upwn, w = rq ? B : BW;
        for (unsigned l = 0; l < L; l++) {
            if (l < h->cols)
                expect(base + l * w, w, cur.y[h->first + l]);
            else
                ignore(base + l * w, w); /* idle lane of a partial group */
        }
        corrupt_candidate(rq ? "rq_y" : "up_w_new", base, w, 0);
        break;
    }
    default:
        break;
    }
    cycle_end();
}

/* C = init + A.B through the array; the accumulators are checked after every
 * cycle against kern_int on the first k slices. Returns kern_int's count of
 * saturating additions. */
static uint64_t gemm(size_t M, size_t K, size_t N, const int32_t *Am, const int32_t *Bm, const int64_t *init,
                     unsigned opts)
{
    int64_t *full = calloc(M * N, sizeof *full), *part = calloc(M * N, sizeof *part);
    if (!full || !part)
        abort();
    kern_shape s = {M, K, N, K, 1, N, 1};
    uint64_t ovf = kern_int(&s, Am, Bm, init, A, full);
    cur.sh = s;
    cur.A = Am;
    cur.B = Bm;
    cur.init = init;
    cur.part = part;
    cur.part_slices = (size_t)-1;
    mac_drive_gemm(&drv, &s, Am, Bm, init, opts);
    if (memcmp(full, part, M * N * sizeof *full)) {
        fprintf(stderr, "stim: kern_int's partial sums over all K differ from its full result\n");
        exit(2);
    }
    free(full);
    free(part);
    return ovf;
}

/* Requantization of n values through the lanes. Returns fx_backend_c.requant's saturations. */
static uint64_t requant(quant_bank *bank, const int64_t *x, size_t n, int relu, const int32_t *keep, int d,
                        int32_t *y)
{
    uint64_t ovf = fx_backend_c.requant(&fx_backend_c, bank, x, n, relu, keep, d, B, y);
    cur.y = y;
    if (mac_drive_requant(&drv, x, n, relu, keep, d) != 0) {
        fprintf(stderr, "stim: requantization shift %d is not in the RTL (valid: 0..63)\n", d);
        exit(2);
    }
    return ovf;
}

/* Weight update w <- sat(w + SR(-g) by 2^d) through the update lanes. */
static void update(quant_bank *bank, int32_t *w, const int64_t *g, size_t n, int d, uint64_t *og, uint64_t *ow)
{
    int32_t *old = malloc(n * sizeof *old);
    if (!old)
        abort();
    memcpy(old, w, n * sizeof *w);
    fx_backend_c.update(&fx_backend_c, bank, w, g, n, d, GW, BW, og, ow);
    cur.y = w;
    mac_drive_update(&drv, old, g, n, d);
    free(old);
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    return f;
}

static void need(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "stim: the case does not do what it claims: %s\n", what);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    static esru_settings st;
    char err[1024];
    int next;
    esru_settings_default(&st, ESRU_TOOL_STIM);
    if (esru_flags_parse(&st, argc, argv, &next, err, sizeof err) != 0 || next < argc ||
        esru_settings_finish(&st, err, sizeof err) != 0) {
        fprintf(stderr, "stim: %s\n", next < argc ? "unexpected argument (see --help)" : err);
        return 2;
    }
    const char *out = st.out;
    corrupt_op = st.corrupt;
    data_rng = st.data_seed;
    esru_manifest_info man;
    if (esru_manifest_read(st.manifest, &man, err, sizeof err) != 0 || !man.is_mac) {
        fprintf(stderr, "stim: %s\n", man.is_mac ? err : "not a MAC array's manifest");
        return 2;
    }
    esru_config cfg = man.sru; /* the model runs the design that was generated */
    R = man.mac.rows;
    C = man.mac.cols;
    L = cfg.lanes;
    W = man.mac.operand_width;
    A = man.mac.acc_width;
    B = man.mac.act_width;
    BW = man.mac.weight_width;
    GW = man.mac.grad_width;
    if (esru_config_has_rnd(&cfg)) {
        fprintf(stderr, "stim: --prng ext (rq_rnd / up_rnd ports) is not covered by this check\n");
        return 2;
    }
    layout();
    in = bv_new(SW);
    expv = bv_new(OW);
    chk = bv_new(OW);
    f_stim = open_out(out, "stim.hex");
    f_exp = open_out(out, "exp.hex");
    f_op = open_out(out, "op.hex");
    f_ops = open_out(out, "ops.txt");

    quant_bank rq, wq;
    quant_bank_init(&rq, &cfg, esru_bank_seed(cfg.seed, 0), 0);
    quant_bank_init(&wq, &cfg, esru_bank_seed(cfg.seed, 1), 0);
    const int64_t wmax = (INT64_C(1) << (W - 1)) - 1;

    /* 0: reset; every register is 0 afterwards (checked), then one idle cycle. */
    mac_drive_init(&drv, &man.mac, write_step, NULL);
    op_begin(0, "reset");
    mac_drive_reset(&drv, MAC_DRIVE_RESET_ALL_EN); /* every enable high: rst has priority over all of them */
    idle();
    op_end("reset (every enable high, junk data), then an idle cycle: all outputs 0 and holding");

    /* 1: a GEMM whose shape is no multiple of the array, no init. */
    size_t M1 = R + 1, K1 = 5, N1 = 2 * C + 1, n1 = M1 * N1;
    int32_t *A1 = malloc(M1 * K1 * sizeof *A1), *B1 = malloc(K1 * N1 * sizeof *B1);
    int64_t *C1 = malloc(n1 * sizeof *C1);
    for (size_t i = 0; i < M1 * K1; i++) A1[i] = (int32_t)rnd_range(-wmax - 1, wmax);
    for (size_t i = 0; i < K1 * N1; i++) B1[i] = (int32_t)rnd_range(-wmax - 1, wmax);
    op_begin(1, "gemm1");
    uint64_t ovf1 = gemm(M1, K1, N1, A1, B1, NULL, 0);
    idle();
    kern_int(&(kern_shape){M1, K1, N1, K1, 1, N1, 1}, A1, B1, NULL, A, C1);
    char desc[256];
    snprintf(desc, sizeof desc, "gemm %zux%zux%zu (M x K x N) on %ux%u, edge tiles padded, no init, %" PRIu64
             " saturating additions", M1, K1, N1, R, C, ovf1);
    op_end(desc);

    /* 2: bias init and full-scale operands: the accumulators saturate, both ways. */
    size_t M2 = R, N2 = C + 1, K2 = ((size_t)1 << (A > 2 * W - 2 + 8 ? 8 : A - (2 * W - 2))) + 4, n2 = M2 * N2;
    int32_t *A2 = malloc(M2 * K2 * sizeof *A2), *B2 = malloc(K2 * N2 * sizeof *B2);
    int64_t *I2 = malloc(N2 * sizeof *I2), *C2 = malloc(n2 * sizeof *C2);
    for (size_t r = 0; r < M2; r++)
        for (size_t k = 0; k < K2; k++)
            A2[r * K2 + k] = r == 0 ? (int32_t)(-wmax - 1) : (int32_t)(rnd() & 1 ? wmax : -wmax - 1);
    for (size_t k = 0; k < K2; k++)
        for (size_t c = 0; c < N2; c++)
            B2[k * N2 + c] = c % 3 == 0   ? (int32_t)(-wmax - 1)                      /* row 0: up */
                             : c % 3 == 1 ? (int32_t)wmax                             /* row 0: down */
                                          : (int32_t)(k < K2 / 2 ? -wmax - 1 : wmax); /* up, then back */
    for (size_t c = 0; c < N2; c++)
        I2[c] = rnd_range(-(INT64_C(1) << (A - 2)), INT64_C(1) << (A - 2));
    /* two biases outside the accumulator: the clear cycle loads them saturated (as kern_int adds init first) */
    I2[0] = (INT64_C(1) << (A - 1)) + rnd_range(0, 1000);
    I2[N2 - 1] = -(INT64_C(1) << (A - 1)) - 1 - rnd_range(0, 1000);
    op_begin(2, "gemm2");
    uint64_t ovf2 = gemm(M2, K2, N2, A2, B2, I2, MAC_DRIVE_CLEAR_WITH_EN);
    idle();
    kern_int(&(kern_shape){M2, K2, N2, K2, 1, N2, 1}, A2, B2, I2, A, C2);
    int64_t amax = (INT64_C(1) << (A - 1)) - 1;
    int hi = 0, lo = 0;
    for (size_t i = 0; i < n2; i++)
        hi += C2[i] == amax, lo += C2[i] == -amax - 1;
    need(ovf2 > 0 && hi > 0 && lo > 0, "gemm2 saturates the accumulator both ways");
    snprintf(desc, sizeof desc, "gemm %zux%zux%zu with bias init (2 biases beyond the accumulator, loaded saturated), full-scale operands, mac_en with acc_clear: %" PRIu64
             " saturating additions, %d outputs at +max, %d at -max", M2, K2, N2, ovf2, hi, lo);
    op_end(desc);

    /* 3: requantize gemm1's accumulators with ReLU and a keep mask. */
    int32_t *keep = malloc(n1 * sizeof *keep), *y1 = malloc(n1 * sizeof *y1);
    for (size_t i = 0; i < n1; i++) keep[i] = (int32_t)rnd_range(-1, 1);
    int d1 = fx_dyn_shift_masked(C1, n1, 1, keep, B);
    if (d1 == 0)
        d1 = 1;
    int relu_cut = 0, keep_cut = 0;
    for (size_t i = 0; i < n1; i++)
        keep_cut += keep[i] <= 0, relu_cut += keep[i] > 0 && C1[i] < 0;
    op_begin(3, "requant");
    uint64_t rs1 = requant(&rq, C1, n1, 1, keep, d1, y1);
    idle();
    need(keep_cut > 0 && relu_cut > 0, "requant zeroes values by keep and by ReLU");
    snprintf(desc, sizeof desc, "requant %zu elements (%zu lane cycles%s), relu, keep mask (%d cut by keep, %d by "
             "ReLU), shift %d, %" PRIu64 " saturations", n1, (n1 + L - 1) / L, n1 % L ? ", last group partial" : "",
             keep_cut, relu_cut, d1, rs1);
    op_end(desc);

    /* 4: requantize gemm2's saturated accumulators, no mask, small shift: outputs saturate. */
    int32_t *y2 = malloc(n2 * sizeof *y2);
    op_begin(4, "requant2");
    uint64_t rs2 = requant(&rq, C2, n2, 0, NULL, 3, y2);
    idle();
    need(rs2 > 0, "requant2 saturates");
    snprintf(desc, sizeof desc, "requant %zu elements, no mask, shift 3, %" PRIu64 " saturations", n2, rs2);
    op_end(desc);

    /* 5, 6: weight updates, a positive (right) and a negative (left) shift. */
    int32_t *w = malloc(n1 * sizeof *w);
    int64_t *g2 = malloc(n1 * sizeof *g2);
    for (size_t i = 0; i < n1; i++) w[i] = (int32_t)rnd_range(-(INT64_C(1) << (BW - 1)), (INT64_C(1) << (BW - 1)) - 1);
    for (size_t i = 0; i < n1; i++) g2[i] = rnd_range(-40, 40);
    int du = quant_dyn_shift(C1, n1, GW) + 1;
    uint64_t og = 0, ow = 0;
    op_begin(5, "update1");
    update(&wq, w, C1, n1, du, &og, &ow);
    idle();
    snprintf(desc, sizeof desc, "update %zu weights by gemm1's accumulators, shift +%d: %" PRIu64
             " update / %" PRIu64 " weight saturations so far", n1, du, og, ow);
    op_end(desc);
    op_begin(6, "update2");
    update(&wq, w, g2, n1, -2, &og, &ow);
    idle();
    need(og > 0 && ow > 0, "the updates saturate");
    snprintf(desc, sizeof desc, "update %zu weights by g in [-40, 40], shift -2 (exact left shift): %" PRIu64
             " update / %" PRIu64 " weight saturations in all", n1, og, ow);
    op_end(desc);

    fclose(f_stim);
    fclose(f_exp);
    fclose(f_op);
    fclose(f_ops);
    FILE *fa = open_out(out, "tb.args");
    fprintf(fa, "-Ptb.R=%u -Ptb.C=%u -Ptb.L=%u -Ptb.W=%u -Ptb.A=%u -Ptb.B=%u -Ptb.BW=%u -Ptb.NCYC=%u\n", R, C, L, W, A,
            B, BW, ncyc);
    fclose(fa);
    printf("stim: %ux%u array, %u lanes, %s: %u cycles, %u-bit input vector, %u-bit output vector\n", R, C, L,
           esru_rounding_name(cfg.rounding), ncyc, SW, OW);
    if (corrupt_op) {
        if (corrupt_cycle < 0) {
            fprintf(stderr, "stim: --corrupt %s: no such operation\n", corrupt_op);
            return 2;
        }
        printf("corrupted: cycle %ld port %s element %u\n", corrupt_cycle, corrupt_port, corrupt_elem);
    }
    return 0;
}
