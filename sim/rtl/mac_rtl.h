// The generated MAC array under Verilator as a trainer backend: every GEMM,
// requantization and weight update runs cycle by cycle in the RTL and is
// compared, element by element, with the C model on the same inputs.
#ifndef SIM_RTL_MAC_RTL_H
#define SIM_RTL_MAC_RTL_H
#include <cstdint>
#include <cstdio>
extern "C" {
#include "model/backend.h"
}

class Vmac;
class VerilatedFstC;

struct MacStats {
    uint64_t cycles = 0;        // all clock cycles
    uint64_t array_cycles = 0;  // cycles with acc_clear or mac_en
    uint64_t lane_cycles = 0;   // cycles with rq_en or up_en
    uint64_t useful_macs = 0;   // multiply-adds of real (unpadded) elements
    uint64_t ops = 0, elements = 0;
};

struct MacMismatch {
    bool found = false;
    char text[512] = {0};
};

class MacRtl {
public:
    MacRtl(const char *trace_path);
    ~MacRtl();
    fx_backend *backend() { return &be_; }
    const MacStats &stats() const { return st_; }
    const MacMismatch &mismatch() const { return mm_; }
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
    void tick();
    void lane_cycle(unsigned char &en);
    void fail(const char *what, size_t elem, unsigned lane, long long want, long long got);
    Vmac *top_;
    VerilatedFstC *trace_ = nullptr;
    fx_backend be_;
    MacStats st_;
    MacMismatch mm_;
};

#endif
