// make test's MAC-array check: random GEMMs of several shapes (many not
// multiples of the array), requantizations and weight updates through the
// generated RTL, each compared with the C model element by element (MacRtl
// stops at the first difference and reports it).
#include "mac_rtl.h"
#include "verilated.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
extern "C" {
#include "cli/flags.h"
#include "cli/manifest_read.h"
#include "model/lfsr.h"
}

static uint64_t rng_state = 1;
static int64_t rnd_range(int64_t lo, int64_t hi) // inclusive
{
    return lo + (int64_t)(esru_splitmix64(&rng_state) % (uint64_t)(hi - lo + 1));
}

// The array (from the manifest) and the model's config: the manifest's, or
// deliberately another one (--break-model).
static int setup(int argc, char **argv, esru_mac_config *mac, esru_config *c, unsigned *rounds, bool *two_evals)
{
    static esru_settings s;
    char err[1024];
    int next;
    esru_settings_default(&s, ESRU_TOOL_MACCHECK);
    if (esru_flags_parse(&s, argc, argv, &next, err, sizeof err) != 0 || next < argc ||
        esru_settings_finish(&s, err, sizeof err) != 0) {
        std::fprintf(stderr, "mac_check: %s\n", next < argc ? "unexpected argument" : err);
        return -1;
    }
    esru_manifest_info m;
    if (esru_manifest_read(s.manifest, &m, err, sizeof err) != 0 || !m.is_mac) {
        std::fprintf(stderr, "mac_check: %s\n", m.is_mac ? err : "not a MAC array's manifest");
        return -1;
    }
    *mac = m.mac;
    *c = m.sru;
    if (s.break_model && !std::strcmp(s.break_model, "seed"))
        c->seed = esru_bank_seed(c->seed, 1);
    else if (s.break_model && !std::strcmp(s.break_model, "pipeline"))
        mac->sru.pipeline = mac->sru.pipeline ? mac->sru.pipeline - 1 : 1; /* the drive schedule's latency */
    else if (s.break_model)
        c->rounding = c->rounding == ROUND_SR ? ROUND_RNE : ROUND_SR;
    *rounds = (unsigned)s.rounds;
    *two_evals = s.evals_per_cycle == 2;
    rng_state = s.data_seed;
    return 0;
}

int main(int argc, char **argv)
{
    Verilated::commandArgs(1, argv);
    esru_mac_config mc;
    esru_config cfg;
    unsigned rounds = 6;
    bool two_evals = false;
    if (setup(argc, argv, &mc, &cfg, &rounds, &two_evals))
        return 2;
    const unsigned arr_rows = mc.rows, arr_cols = mc.cols, lanes = mc.sru.lanes, opw = mc.operand_width;
    const unsigned accw = mc.acc_width, actw = mc.act_width, ww = mc.weight_width, gw = mc.grad_width;
    quant_bank rq, wq;
    quant_bank_init(&rq, &cfg, esru_bank_seed(cfg.seed, 0), 0);
    quant_bank_init(&wq, &cfg, esru_bank_seed(cfg.seed, 1), 0);
    MacRtl mac(mc, nullptr, 1, two_evals);
    fx_backend *be = mac.backend();
    const int64_t wmax = (INT64_C(1) << (opw - 1)) - 1;
    unsigned gemms = 0, convs = 0;
    uint64_t saturated = 0;
    for (unsigned round = 0; round < rounds; round++) {
        // shapes around and across the array size
        size_t R = (size_t)rnd_range(1, 3 * arr_rows + 1), K = (size_t)rnd_range(1, 40), C = (size_t)rnd_range(1, 3 * arr_cols + 1);
        if (round == 0) { R = arr_rows; C = arr_cols; }
        std::vector<int32_t> A(R * K), B(K * C);
        std::vector<int64_t> init(C), out(R * C);
        // one round uses full-scale operands so long dot products saturate
        int64_t amax = round == 1 ? wmax : rnd_range(1, wmax);
        for (auto &v : A) v = (int32_t)rnd_range(-amax - (amax == wmax), amax);
        for (auto &v : B) v = (int32_t)rnd_range(-wmax - 1, wmax);
        // round 3's bias lies partly outside the accumulator: the clear cycle loads it saturated, as kern_int adds it
        int ib = round == 3 ? (int)accw : (int)accw - 2;
        for (auto &v : init) v = rnd_range(-(1ll << ib), 1ll << ib);
        kern_shape s = {R, K, C, K, 1, C, 1};
        fx_at(be, "gemm A.B", (int)round);
        saturated += be->gemm(be, &s, A.data(), B.data(), round % 2 ? init.data() : nullptr, accw, out.data());
        // the transposed access pattern of the backward pass
        kern_shape t = {C, K, R, 1, C, 1, K};
        std::vector<int64_t> out_t(C * R);
        std::vector<int32_t> Bt(K * C);
        for (size_t i = 0; i < Bt.size(); i++) Bt[i] = (int32_t)rnd_range(-wmax - 1, wmax);
        fx_at(be, "gemm transposed", (int)round);
        saturated += be->gemm(be, &t, Bt.data(), A.data(), nullptr, accw, out_t.data());
        gemms += 2;
        // requantize the accumulators: no mask, ReLU, and a keep mask
        size_t n = R * C;
        std::vector<int32_t> y(n), keep(n);
        for (auto &v : keep) v = (int32_t)rnd_range(-1, 1);
        for (int mode = 0; mode < 3; mode++) {
            int d = mode == 2 ? (int)rnd_range(0, 63) : quant_dyn_shift(out.data(), n, actw) + (int)rnd_range(0, 2);
            fx_at(be, mode == 0 ? "requant" : mode == 1 ? "requant relu" : "requant keep", (int)round);
            be->requant(be, &rq, out.data(), n, mode == 1, mode == 2 ? keep.data() : nullptr, d, actw, y.data());
            convs++;
        }
        // weight updates at shifts from left shifts to far right
        std::vector<int32_t> w(n);
        for (auto &v : w) v = (int32_t)rnd_range(-(1 << (ww - 1)), (1 << (ww - 1)) - 1);
        uint64_t og = 0, ow = 0;
        int ds[] = {(int)rnd_range(-12, -1), (int)rnd_range(0, 8), (int)rnd_range(9, 40), 70};
        for (int d : ds) {
            fx_at(be, "update", (int)round);
            be->update(be, &wq, w.data(), out.data(), n, d, gw, ww, &og, &ow);
            convs++;
        }
    }
    const MacStats &st = mac.stats();
    std::printf("mac_check: %ux%u array, %u lanes: %u GEMMs (%llu MACs, %llu saturating additions), %u conversions "
                "(%llu elements), %llu cycles (%u evaluation%s per cycle): every element equals the C model\n",
                arr_rows, arr_cols, lanes, gemms, (unsigned long long)st.useful_macs, (unsigned long long)saturated, convs,
                (unsigned long long)st.elements, (unsigned long long)st.cycles, mac.evals_per_cycle(),
                mac.evals_per_cycle() == 1 ? "" : "s");
    std::printf("mac: %u passed, 0 failed\n", gemms + convs);
    return 0;
}
