// The generated MAC array under Verilator as a trainer backend: every GEMM,
// requantization and weight update runs cycle by cycle in the RTL, driven by
// the one MAC driver (gen/model/mac_drive.h), and is compared, element by
// element, with the C model on the same inputs. The array's dimensions come
// from its manifest at run time.
#ifndef SIM_RTL_MAC_RTL_H
#define SIM_RTL_MAC_RTL_H
#include <cstdint>
#include <cstdio>
#include <vector>
extern "C" {
#include "model/backend.h"
#include "model/mac_config.h"
#include "model/mac_drive.h"
}

class Vmac;
class VerilatedFstC;

struct MacStats {
    uint64_t cycles = 0;        // all clock cycles
    uint64_t array_cycles = 0;  // cycles with acc_clear or mac_en
    uint64_t lane_cycles = 0;   // cycles with rq_en or up_en
    uint64_t row_reads = 0;     // acc_sel reads (an evaluation without a clock edge)
    uint64_t evals = 0;         // Verilator model evaluations
    uint64_t useful_macs = 0;   // multiply-adds of real (unpadded) elements
    uint64_t ops = 0, checked_ops = 0, elements = 0;
};

struct MacMismatch {
    bool found = false;
    char text[512] = {0};
};

class MacRtl {
public:
    // m: the array the model was verilated from (its manifest). check_every:
    // compare every Nth operation with the C model (1: all of them).
    MacRtl(const esru_mac_config &m, const char *trace_path, unsigned check_every = 1, bool two_evals = false);
    ~MacRtl();
    MacRtl(const MacRtl &) = delete;
    MacRtl &operator=(const MacRtl &) = delete;
    fx_backend *backend() { return &be_; }
    const MacStats &stats() const { return st_; }
    const MacMismatch &mismatch() const { return mm_; }
    const esru_mac_config &config() const { return cfg_; }
    // Verilator evaluations per clock cycle: 1 (inputs and the rising edge in
    // one evaluation) or 2 (a falling- and a rising-edge evaluation).
    unsigned evals_per_cycle() const { return one_eval_ ? 1 : 2; }
    size_t step = 0; // set by the driver, for reports
    bool stop_on_mismatch = true;

    // the fx_backend operations (also callable directly by tests)
    uint64_t gemm(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init, unsigned acc_width,
                  int64_t *C);
    uint64_t requant(quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep, int d, unsigned ow,
                     int32_t *y);
    void update(quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                uint64_t *ovf_grad, uint64_t *ovf_weight);

private:
    static void on_step(void *ctx, const mac_step *s);
    void apply(const mac_step &s);
    void tick();
    bool begin_op();
    void fail(const char *what, size_t elem, unsigned field, long long want, long long got);
    esru_mac_config cfg_;
    Vmac *top_;
    VerilatedFstC *trace_ = nullptr;
    mac_driver *drv_;
    bool one_eval_;
    unsigned check_every_;
    fx_backend be_;
    MacStats st_;
    MacMismatch mm_;
    // the operation running: where results go, the model's values, checked or not
    bool check_ = true;
    int64_t *out64_ = nullptr;
    int32_t *out32_ = nullptr;
    std::vector<int64_t> ref64_;
    std::vector<int32_t> ref32_;
};

#endif
