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
#include "lfsr.h"
}

static uint64_t rng_state = 1;
static int64_t rnd_range(int64_t lo, int64_t hi) // inclusive
{
    return lo + (int64_t)(esru_splitmix64(&rng_state) % (uint64_t)(hi - lo + 1));
}

static int parse_sru(int argc, char **argv, esru_config *c, unsigned *rounds)
{
    esru_config_default(c);
    c->lanes = MAC_L;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!std::strcmp(k, "--rounding")) esru_parse_rounding(v, &c->rounding);
        else if (!std::strcmp(k, "--prng")) esru_parse_prng(v, &c->prng);
        else if (!std::strcmp(k, "--fill")) esru_parse_fill(v, &c->fill);
        else if (!std::strcmp(k, "--sru-width")) c->sru_width = (unsigned)std::atoi(v);
        else if (!std::strcmp(k, "--prng-width")) c->prng_width = (unsigned)std::atoi(v);
        else if (!std::strcmp(k, "--seed")) c->seed = std::strtoull(v, nullptr, 10);
        else if (!std::strcmp(k, "--rounds")) *rounds = (unsigned)std::atoi(v);
        else { std::fprintf(stderr, "mac_check: unknown flag %s\n", k); return -1; }
    }
    char err[256];
    if (esru_config_check(c, 0, err, sizeof err)) {
        std::fprintf(stderr, "mac_check: %s\n", err);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    Verilated::commandArgs(1, argv);
    esru_config cfg;
    unsigned rounds = 6;
    if (parse_sru(argc, argv, &cfg, &rounds))
        return 2;
    quant_bank rq, wq;
    quant_bank_init(&rq, &cfg, cfg.seed);
    quant_bank_init(&wq, &cfg, cfg.seed + 1 ? cfg.seed + 1 : 1);
    MacRtl mac(nullptr);
    fx_backend *be = mac.backend();
    const int64_t wmax = (1 << (MAC_W - 1)) - 1;
    unsigned gemms = 0, convs = 0;
    uint64_t saturated = 0;
    for (unsigned round = 0; round < rounds; round++) {
        // shapes around and across the array size
        size_t R = (size_t)rnd_range(1, 3 * MAC_R + 1), K = (size_t)rnd_range(1, 40), C = (size_t)rnd_range(1, 3 * MAC_C + 1);
        if (round == 0) { R = MAC_R; C = MAC_C; }
        std::vector<int32_t> A(R * K), B(K * C);
        std::vector<int64_t> init(C), out(R * C);
        // one round uses full-scale operands so long dot products saturate
        int64_t amax = round == 1 ? wmax : rnd_range(1, wmax);
        for (auto &v : A) v = (int32_t)rnd_range(-amax - (amax == wmax), amax);
        for (auto &v : B) v = (int32_t)rnd_range(-wmax - 1, wmax);
        for (auto &v : init) v = rnd_range(-(1ll << (MAC_ACC - 2)), 1ll << (MAC_ACC - 2));
        kern_shape s = {R, K, C, K, 1, C, 1};
        fx_at(be, "gemm A.B", (int)round);
        saturated += be->gemm(be, &s, A.data(), B.data(), round % 2 ? init.data() : nullptr, MAC_ACC, out.data());
        // the transposed access pattern of the backward pass
        kern_shape t = {C, K, R, 1, C, 1, K};
        std::vector<int64_t> out_t(C * R);
        std::vector<int32_t> Bt(K * C);
        for (size_t i = 0; i < Bt.size(); i++) Bt[i] = (int32_t)rnd_range(-wmax - 1, wmax);
        fx_at(be, "gemm transposed", (int)round);
        saturated += be->gemm(be, &t, Bt.data(), A.data(), nullptr, MAC_ACC, out_t.data());
        gemms += 2;
        // requantize the accumulators: no mask, ReLU, and a keep mask
        size_t n = R * C;
        std::vector<int32_t> y(n), keep(n);
        for (auto &v : keep) v = (int32_t)rnd_range(-1, 1);
        for (int mode = 0; mode < 3; mode++) {
            int d = mode == 2 ? (int)rnd_range(0, 63) : quant_dyn_shift(out.data(), n, MAC_ACT) + (int)rnd_range(0, 2);
            fx_at(be, mode == 0 ? "requant" : mode == 1 ? "requant relu" : "requant keep", (int)round);
            be->requant(be, &rq, out.data(), n, mode == 1, mode == 2 ? keep.data() : nullptr, d, MAC_ACT, y.data());
            convs++;
        }
        // weight updates at shifts from left shifts to far right
        std::vector<int32_t> w(n);
        for (auto &v : w) v = (int32_t)rnd_range(-(1 << (MAC_WW - 1)), (1 << (MAC_WW - 1)) - 1);
        uint64_t og = 0, ow = 0;
        int ds[] = {(int)rnd_range(-12, -1), (int)rnd_range(0, 8), (int)rnd_range(9, 40), 70};
        for (int d : ds) {
            fx_at(be, "update", (int)round);
            be->update(be, &wq, w.data(), out.data(), n, d, MAC_GW, MAC_WW, &og, &ow);
            convs++;
        }
    }
    const MacStats &st = mac.stats();
    std::printf("mac_check: %ux%u array, %u lanes: %u GEMMs (%llu MACs, %llu saturating additions), %u conversions "
                "(%llu elements), %llu cycles: every element equals the C model\n",
                MAC_R, MAC_C, MAC_L, gemms, (unsigned long long)st.useful_macs, (unsigned long long)saturated, convs,
                (unsigned long long)st.elements, (unsigned long long)st.cycles);
    std::printf("mac: %u passed, 0 failed\n", gemms + convs);
    return 0;
}
