// make sim: the reference trainer's network (MLP or LeNet-5, --model) trained on Fashion-MNIST with every
// GEMM (forward, error back-propagation, weight and bias gradients), every
// requantization and every weight update computed by the generated MAC array
// under Verilator. MacRtl checks each result against the C model as it is
// produced (every operation, or every Nth with --check-every N); a second,
// pure-C trainer runs alongside and after every step every weight, bias,
// activation and error tensor of the two is compared bit for bit.
#include "mac_rtl.h"
#include "verilated.h"
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <vector>
extern "C" {
#include "cli/flags.h"
#include "cli/manifest_read.h"
#include "sim/train/train_cli.h"
}

// CPU seconds of this (single-threaded) process: speeds do not depend on what
// else the shared machine runs.
static double now()
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static const char *ordinal(uint64_t n)
{
    return n % 100 >= 11 && n % 100 <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

static int compare(const char *tensor, int layer, size_t step, const int32_t *want, const int32_t *got, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (want[i] != got[i]) {
            std::fprintf(stderr,
                         "MISMATCH after step %zu: layer %d, tensor %s, element %zu: reference %d, RTL-trained %d\n",
                         step, layer, tensor, i, want[i], got[i]);
            return 1;
        }
    return 0;
}

// Every integer tensor of the step: parameters, activations, errors.
static int compare_state(const mlp &r, const mlp &d, size_t nb, size_t step)
{
    int bad = 0;
    unsigned maxn = 0;
    for (unsigned l = 0; l < r.nl; l++) {
        bad |= compare("weights", (int)l, step, r.qw[l], d.qw[l], (size_t)r.size[l] * r.size[l + 1]);
        bad |= compare("biases", (int)l, step, r.qb[l], d.qb[l], r.size[l + 1]);
        maxn = r.size[l + 1] > maxn ? r.size[l + 1] : maxn;
    }
    for (unsigned l = 0; l < r.nl; l++)
        bad |= compare("activations", (int)l, step, r.qa[l], d.qa[l], nb * r.size[l]);
    bad |= compare("errors", -1, step, r.qd, d.qd, nb * maxn);
    bad |= compare("errors (second buffer)", -1, step, r.qd2, d.qd2, nb * maxn);
    for (unsigned l = 0; l < r.nl; l++)
        if (r.ew[l] != d.ew[l] || r.eb[l] != d.eb[l]) {
            std::fprintf(stderr, "MISMATCH after step %zu: layer %u exponents differ\n", step, l);
            bad = 1;
        }
    // the conv front (layers numbered before the fully connected ones)
    size_t maxout = 0;
    for (unsigned c = 0; c < r.nconv; c++) {
        const conv_geom *g = &r.cg[c];
        bad |= compare("conv kernels", (int)c, step, r.qcw[c], d.qcw[c], conv_kk(g) * g->cout);
        bad |= compare("conv biases", (int)c, step, r.qcb[c], d.qcb[c], g->cout);
        bad |= compare("conv inputs", (int)c, step, r.qcx[c], d.qcx[c], nb * conv_in_n(g));
        maxout = conv_out_n(g) > maxout ? conv_out_n(g) : maxout;
        maxout = conv_in_n(g) > maxout ? conv_in_n(g) : maxout;
        if (r.ecw[c] != d.ecw[c] || r.ecb[c] != d.ecb[c]) {
            std::fprintf(stderr, "MISMATCH after step %zu: conv layer %u exponents differ\n", step, c);
            bad = 1;
        }
    }
    if (r.nconv) {
        bad |= compare("conv output errors", -1, step, r.qcdy, d.qcdy, nb * maxout);
        bad |= compare("conv input errors", -1, step, r.qce, d.qce, nb * maxout);
    }
    return bad;
}

// Per-layer cycles: a backend in front of the array's that adds each
// operation's cycles to its weight layer (conv layers first). An activation
// (labelled with the layer it feeds) and the output error count to the layer
// that produced them.
struct LayerCycles {
    uint64_t cycles = 0, array_cycles = 0, lane_cycles = 0, useful_macs = 0;
};
struct Tally {
    fx_backend be;
    fx_backend *inner;
    MacRtl *mac;
    std::vector<LayerCycles> layer;
};

static Tally *tally_of(fx_backend *be) { return (Tally *)be->ctx; }

static void tally_begin(fx_backend *be, MacStats &before)
{
    Tally *t = tally_of(be);
    t->inner->op = be->op;
    t->inner->layer = be->layer;
    before = t->mac->stats();
}

static void tally_end(fx_backend *be, const MacStats &before)
{
    Tally *t = tally_of(be);
    int l = be->layer;
    if (!std::strcmp(be->op, "activation") || !std::strcmp(be->op, "output error"))
        l--;
    if (l < 0 || (size_t)l >= t->layer.size())
        return;
    const MacStats &a = t->mac->stats();
    LayerCycles &c = t->layer[(size_t)l];
    c.cycles += a.cycles - before.cycles;
    c.array_cycles += a.array_cycles - before.array_cycles;
    c.lane_cycles += a.lane_cycles - before.lane_cycles;
    c.useful_macs += a.useful_macs - before.useful_macs;
}

static uint64_t tally_gemm(fx_backend *be, const kern_shape *s, const int32_t *A, const int32_t *B,
                           const int64_t *init, unsigned acc_width, int64_t *C)
{
    MacStats b;
    tally_begin(be, b);
    uint64_t r = tally_of(be)->inner->gemm(tally_of(be)->inner, s, A, B, init, acc_width, C);
    tally_end(be, b);
    return r;
}

static uint64_t tally_requant(fx_backend *be, quant_bank *q, const int64_t *x, size_t n, int relu,
                              const int32_t *keep, int d, unsigned ow, int32_t *y)
{
    MacStats b;
    tally_begin(be, b);
    uint64_t r = tally_of(be)->inner->requant(tally_of(be)->inner, q, x, n, relu, keep, d, ow, y);
    tally_end(be, b);
    return r;
}

static void tally_update(fx_backend *be, quant_bank *q, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw,
                         unsigned ww, uint64_t *ovf_grad, uint64_t *ovf_weight)
{
    MacStats b;
    tally_begin(be, b);
    tally_of(be)->inner->update(tally_of(be)->inner, q, w, g, n, d, gw, ww, ovf_grad, ovf_weight);
    tally_end(be, b);
}

static void usage(FILE *f)
{
    std::fprintf(f, "usage: sim_main --manifest RTL/mac.json [options]\n"
                    "Train the reference MLP through the generated MAC array (the design's settings come\n"
                    "from its manifest), every operation (or every Nth: --check-every N) checked against the\n"
                    "C model, every tensor compared with a pure-C trainer after each step.\n\n");
    esru_flags_usage(ESRU_TOOL_SIM, f);
}

int main(int argc, char **argv)
{
    Verilated::commandArgs(1, argv);
    static esru_settings s;
    char err[4600];
    int next;
    esru_settings_default(&s, ESRU_TOOL_SIM);
    if (esru_flags_parse(&s, argc, argv, &next, err, sizeof err) != 0) {
        std::fprintf(stderr, "sim: %s\n", err);
        return 2;
    }
    if (s.help) {
        usage(stdout);
        return 0;
    }
    if (next < argc || esru_settings_finish(&s, err, sizeof err) != 0) {
        std::fprintf(stderr, "sim: %s\n", next < argc ? "unexpected argument (see --help)" : err);
        return 2;
    }
    esru_manifest_info m;
    if (esru_manifest_read(s.manifest, &m, err, sizeof err) != 0) {
        std::fprintf(stderr, "sim: %s\n", err);
        return 2;
    }
    if (!m.is_mac) {
        std::fprintf(stderr, "sim: %s is not a MAC array's manifest\n", s.manifest);
        return 2;
    }
    /* The trainer runs the design that was generated: its SRU and widths. */
    s.sru = m.sru;
    s.train.weight_width = m.mac.weight_width;
    s.train.act_width = m.mac.act_width;
    s.train.grad_width = m.mac.grad_width;
    s.train.acc_width = m.mac.acc_width;
    if (s.break_model && !std::strcmp(s.break_model, "seed"))
        s.sru.seed = esru_bank_seed(s.sru.seed, 1);
    else if (s.break_model && !std::strcmp(s.break_model, "pipeline"))
        m.mac.sru.pipeline = m.mac.sru.pipeline ? m.mac.sru.pipeline - 1 : 1; /* the drive schedule's latency */
    else if (s.break_model)
        s.sru.rounding = s.sru.rounding == ROUND_SR ? ROUND_RNE : ROUND_SR;
    size_t steps = (size_t)s.steps;
    const char *trace = s.trace;
    static train_cli cli;
    train_cli_from_settings(&s, &cli);
    mlp_params *p = &cli.o.net;
    size_t B = p->batch;
    size_t train_limit = cli.train_limit ? cli.train_limit : (steps * B < 60000 ? steps * B : 60000);
    idx_set train, test;
    if (idx_load(cli.data, "train", train_limit, &train, err, sizeof err) ||
        idx_load(cli.data, "t10k", cli.test_limit ? cli.test_limit : 2000, &test, err, sizeof err)) {
        std::fprintf(stderr, "sim: %s\n", err);
        return 1;
    }
    char fit[256];
    if (mlp_params_input(p, train.rows, train.cols, fit, sizeof fit) != 0) {
        std::fprintf(stderr, "sim: %s\n", fit);
        return 2;
    }
    static mlp ref, dut;
    if (mlp_init(&ref, p) || mlp_init(&dut, p)) {
        std::fprintf(stderr, "sim: cannot build the network\n");
        return 1;
    }
    /* The array's banks follow the trainer's lane rule: the same per-element check. */
    bias_check bias;
    bias_check_run(p, &bias);
    bias_check_print(&bias, "sim", stdout, stderr);
    if (bias.warn && cli.strict_bias) {
        std::fprintf(stderr, "sim: --strict-bias: not training a design whose elements are biased\n");
        return 2;
    }
    MacRtl mac(m.mac, trace, (unsigned)s.check_every, s.evals_per_cycle == 2);
    static Tally tally;
    tally.be = fx_backend_c;
    tally.be.gemm = tally_gemm;
    tally.be.requant = tally_requant;
    tally.be.update = tally_update;
    tally.be.ctx = &tally;
    tally.inner = mac.backend();
    tally.mac = &mac;
    tally.layer.resize(p->nconv + p->nl);
    dut.be = &tally.be;
    uint64_t ovf[OVF_N] = {0};
    double acc0 = train_evaluate(&dut, &test, ovf);

    size_t n = train.n, px = (size_t)train.rows * train.cols, pos = 0;
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    uint64_t rng = train_order_seed(p->seed);
    std::vector<uint8_t> bpx(B * px), blab(B);
    bool tty = isatty(STDERR_FILENO);
    double t_dut = 0, t_ref = 0, loss_sum = 0;
    unsigned correct = 0, seen = 0;
    const unsigned R = m.mac.rows, C = m.mac.cols;
    std::printf("sim: %ux%u array, %u lanes, %s %u/%u %s fill=%s, w%u a%u acc%u, %s ", R, C, m.sru.lanes,
                esru_rounding_name(p->sru.rounding), p->sru.sru_width, p->sru.prng_width,
                esru_prng_name(p->sru.prng), esru_fill_name(p->sru.fill), p->weight_width, p->act_width,
                p->acc_width, !std::strcmp(mlp_params_name(p), "lenet") ? "LeNet" : p->nconv ? "CNN" : "MLP");
    for (unsigned c = 0; c < dut.nconv; c++) {
        std::printf("conv%ux%ux%u", dut.cg[c].k, dut.cg[c].k, dut.cg[c].cout);
        if (dut.cg[c].pad)
            std::printf("(pad %u)", dut.cg[c].pad);
        std::printf("-pool-");
    }
    std::printf("%u", p->size[0]);
    for (unsigned l = 1; l <= p->nl; l++)
        std::printf("-%u", p->size[l]);
    std::printf(", batch %zu, %zu steps on %zu training images\n", B, steps, n);
    std::fflush(stdout);
    for (size_t step = 0; step < steps; step++) {
        if (pos == 0)
            train_shuffle(order.data(), n, &rng);
        size_t nb = n - pos < B ? n - pos : B;
        for (size_t r = 0; r < nb; r++) {
            std::memcpy(&bpx[r * px], train.images + order[pos + r] * px, px);
            blab[r] = train.labels[order[pos + r]];
        }
        mac.step = step;
        unsigned c_ref = 0, c_dut = 0;
        double t0 = now();
        double l_ref = mlp_fixed_step(&ref, bpx.data(), blab.data(), nb, &c_ref, ovf);
        double t1 = now();
        double l_dut = mlp_fixed_step(&dut, bpx.data(), blab.data(), nb, &c_dut, ovf);
        t_dut += now() - t1;
        t_ref += t1 - t0;
        if (compare_state(ref, dut, nb, step) || l_ref != l_dut || c_ref != c_dut) {
            if (l_ref != l_dut || c_ref != c_dut)
                std::fprintf(stderr, "MISMATCH after step %zu: loss %.9g vs %.9g\n", step, l_ref, l_dut);
            std::printf("sim: FAILED at step %zu\n", step);
            return 1;
        }
        loss_sum += l_dut;
        correct += c_dut;
        seen += (unsigned)nb;
        pos = pos + nb >= n ? 0 : pos + nb;
        if (tty)
            std::fprintf(stderr, "\rsim: step %zu/%zu  loss %.3f  train acc %.1f%%  %.2f Mcycles/s ", step + 1, steps,
                         loss_sum / seen, 100.0 * correct / seen, mac.stats().cycles / t_dut / 1e6);
        else if ((step + 1) % 50 == 0 || step + 1 == steps)
            std::fprintf(stderr, "sim: step %zu/%zu  loss %.3f  train acc %.1f%%\n", step + 1, steps,
                         loss_sum / seen, 100.0 * correct / seen);
    }
    if (tty)
        std::fprintf(stderr, "\n");
    double acc_ref = train_evaluate(&ref, &test, ovf), acc_dut = train_evaluate(&dut, &test, ovf);
    const MacStats &st = mac.stats();
    double util = st.array_cycles ? (double)st.useful_macs / ((double)R * C * st.array_cycles) : 0;
    std::printf("steps run:            %zu (every tensor compared after each step)\n", steps);
    if (s.check_every == 1)
        std::printf("model checks:         every operation as it ran (%llu, CHECK_EVERY=1)\n",
                    (unsigned long long)st.ops);
    else
        std::printf("model checks:         every %llu%s operation as it ran (%llu of %llu, CHECK_EVERY=%llu)\n",
                    (unsigned long long)s.check_every, ordinal(s.check_every), (unsigned long long)st.checked_ops,
                    (unsigned long long)st.ops, (unsigned long long)s.check_every);
    std::printf("mismatches:           0\n");
    std::printf("cycles per step:      %.0f (array %.0f, SRU lanes %.0f)\n", (double)st.cycles / steps,
                (double)st.array_cycles / steps, (double)st.lane_cycles / steps);
    std::printf("MAC utilization:      %.1f %% of array cycles (%.1f %% of all cycles)\n", 100 * util,
                100.0 * st.useful_macs / ((double)R * C * st.cycles));
    std::printf("per layer (cycles per step, MAC utilization of its array cycles):\n");
    for (size_t l = 0; l < tally.layer.size(); l++) {
        const LayerCycles &c = tally.layer[l];
        char name[32];
        if (l < dut.nconv)
            std::snprintf(name, sizeof name, "conv%zu %ux%ux%u", l + 1, dut.cg[l].k, dut.cg[l].k, dut.cg[l].cout);
        else
            std::snprintf(name, sizeof name, "fc%zu %u-%u", l - dut.nconv + 1, p->size[l - dut.nconv],
                          p->size[l - dut.nconv + 1]);
        std::printf("  %-16s %10.0f cycles (array %10.0f, lanes %8.0f)  %5.1f %% of all  utilization %5.1f %%\n", name,
                    (double)c.cycles / steps, (double)c.array_cycles / steps, (double)c.lane_cycles / steps,
                    st.cycles ? 100.0 * c.cycles / st.cycles : 0.0,
                    c.array_cycles ? 100.0 * c.useful_macs / ((double)R * C * c.array_cycles) : 0.0);
    }
    std::printf("simulation speed:     %.2f M cycles/s (CPU time; RTL at %u evaluation%s per cycle with %s model "
                "checks); C reference %.1f steps/s, RTL %.2f steps/s\n",
                st.cycles / t_dut / 1e6, mac.evals_per_cycle(), mac.evals_per_cycle() == 1 ? "" : "s",
                s.check_every == 1 ? "per-operation" : "sampled", steps / t_ref, steps / t_dut);
    std::printf("Verilator evals:      %.2f per cycle (%s, plus %.2f acc_sel row reads)\n",
                (double)st.evals / st.cycles,
                mac.evals_per_cycle() == 1 ? "inputs and the rising edge in one" : "a falling- and a rising-edge one",
                (double)st.row_reads / st.cycles);
    std::printf("test accuracy:        %.2f %% after %zu steps (%.2f %% before; reference trainer %.2f %%, "
                "%zu test images)\n",
                100 * acc_dut, steps, 100 * acc0, 100 * acc_ref, test.n);
    std::printf("weight hash:          %016llx (reference %016llx)\n", (unsigned long long)mlp_hash(&dut),
                (unsigned long long)mlp_hash(&ref));
    std::printf("sim: %zu passed, 0 failed\n", steps);
    mlp_free(&ref);
    mlp_free(&dut);
    idx_free(&train);
    idx_free(&test);
    return 0;
}
