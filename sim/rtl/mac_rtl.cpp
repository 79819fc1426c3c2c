// See mac_rtl.h. Port layout and the lane rule: docs/mac.md.
#include "mac_rtl.h"
#include "Vmac.h"
#include "ports.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif
#include <cstdlib>
#include <cstring>
#include <vector>
extern "C" {
#include "model/sru.h"
}

#ifndef MAC_R
#error "build with -DMAC_R=.. -DMAC_C=.. -DMAC_L=.. -DMAC_W=.. -DMAC_ACC=.. -DMAC_ACT=.. -DMAC_WW=.. -DMAC_GW=.."
#endif

static uint64_t be_gemm(fx_backend *be, const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                        unsigned acc_width, int64_t *C)
{
    return static_cast<MacRtl *>(be->ctx)->gemm(s, A, B, init, acc_width, C);
}
static uint64_t be_requant(fx_backend *be, quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep,
                           int d, unsigned ow, int32_t *y)
{
    return static_cast<MacRtl *>(be->ctx)->requant(b, x, n, relu, keep, d, ow, y);
}
static void be_update(fx_backend *be, quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw,
                      unsigned ww, uint64_t *og, uint64_t *ow)
{
    static_cast<MacRtl *>(be->ctx)->update(b, w, g, n, d, gw, ww, og, ow);
}

static void config_fatal(const char *what, unsigned want, unsigned got)
{
    std::fprintf(stderr, "sim: the trainer's %s is %u but the RTL was generated with %u\n", what, got, want);
    std::exit(2);
}

MacRtl::MacRtl(const char *trace_path)
{
    top_ = new Vmac;
    be_ = {be_gemm, be_requant, be_update, this, "", 0};
    if (trace_path) {
#if VM_TRACE
        Verilated::traceEverOn(true);
        trace_ = new VerilatedFstC;
        top_->trace(trace_, 99);
        trace_->open(trace_path);
#else
        std::fprintf(stderr, "sim: this build has no tracing (build with TRACE=1)\n");
        std::exit(2);
#endif
    }
    top_->clk = 0;
    top_->rst = 1;
    tick();
    top_->rst = 0;
}

MacRtl::~MacRtl()
{
    top_->final();
#if VM_TRACE
    if (trace_) {
        trace_->close();
        delete trace_;
    }
#endif
    delete top_;
}

void MacRtl::tick()
{
    top_->clk = 0;
    top_->eval();
#if VM_TRACE
    if (trace_)
        trace_->dump(2 * st_.cycles);
#endif
    top_->clk = 1;
    top_->eval();
#if VM_TRACE
    if (trace_)
        trace_->dump(2 * st_.cycles + 1);
#endif
    st_.cycles++;
}

// One enabled cycle of a lane block: every lane rounds, its PRNG bank advances.
void MacRtl::lane_cycle(unsigned char &en)
{
    en = 1;
    tick();
    en = 0;
    st_.lane_cycles++;
}

void MacRtl::fail(const char *what, size_t elem, unsigned lane, long long want, long long got)
{
    if (mm_.found)
        return;
    mm_.found = true;
    std::snprintf(mm_.text, sizeof mm_.text,
                  "MISMATCH step %zu, layer %d, %s, tensor %s, element %zu, lane %u, cycle %llu: model %lld, RTL %lld",
                  step, be_.layer, be_.op ? be_.op : "?", what, elem, lane, (unsigned long long)st_.cycles, want,
                  got);
    std::fprintf(stderr, "%s\n", mm_.text);
    if (stop_on_mismatch)
        std::exit(1);
}

uint64_t MacRtl::gemm(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                      unsigned acc_width, int64_t *C)
{
    if (acc_width != MAC_ACC)
        config_fatal("--acc-width", MAC_ACC, acc_width);
    std::vector<int64_t> ref(s->R * s->C);
    uint64_t ovf = kern_int(s, A, B, init, acc_width, ref.data());
    const unsigned W = MAC_W;
    for (size_t rt = 0; rt < s->R; rt += MAC_R)
        for (size_t ct = 0; ct < s->C; ct += MAC_C) {
            for (unsigned c = 0; c < MAC_C; c++) {
                int64_t v = (init && ct + c < s->C) ? esru_saturate(init[ct + c], MAC_ACC, nullptr) : 0;
                port_put(top_->init, c * MAC_ACC, MAC_ACC, (uint64_t)v);
            }
            top_->acc_clear = 1;
            tick();
            top_->acc_clear = 0;
            top_->mac_en = 1;
            for (size_t k = 0; k < s->K; k++) {
                for (unsigned r = 0; r < MAC_R; r++) {
                    int32_t v = rt + r < s->R ? A[(rt + r) * s->sar + k * s->sak] : 0;
                    port_put(top_->a, r * W, W, (uint64_t)(int64_t)v);
                }
                for (unsigned c = 0; c < MAC_C; c++) {
                    int32_t v = ct + c < s->C ? B[k * s->sbk + (ct + c) * s->sbc] : 0;
                    port_put(top_->b, c * W, W, (uint64_t)(int64_t)v);
                }
                tick();
            }
            top_->mac_en = 0;
            st_.array_cycles += s->K + 1;
            for (unsigned r = 0; r < MAC_R && rt + r < s->R; r++) {
                top_->acc_sel = r; // combinational row read: no clock edge
                top_->eval();
                for (unsigned c = 0; c < MAC_C && ct + c < s->C; c++) {
                    size_t i = (rt + r) * s->C + ct + c;
                    C[i] = sign_extend(port_get(top_->acc_row, c * MAC_ACC, MAC_ACC), MAC_ACC);
                    if (C[i] != ref[i])
                        fail("accumulator", i, r * MAC_C + c, ref[i], C[i]);
                }
            }
        }
    st_.useful_macs += (uint64_t)s->R * s->K * s->C;
    st_.ops++;
    return ovf;
}

uint64_t MacRtl::requant(quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep, int d, unsigned ow,
                         int32_t *y)
{
    if (ow != MAC_ACT)
        config_fatal("--act-width", MAC_ACT, ow);
    if (b->cfg.lanes != MAC_L)
        config_fatal("--lanes", MAC_L, b->cfg.lanes);
    if (d < 0) {
        std::fprintf(stderr, "sim: requantization with a left shift (d = %d) is not in the RTL\n", d);
        std::exit(2);
    }
    std::vector<int32_t> ref(n);
    uint64_t ovf = fx_backend_c.requant(&fx_backend_c, b, x, n, relu, keep, d, ow, ref.data());
    top_->rq_shift = (uint8_t)(d > 62 ? 62 : d);
    top_->rq_relu = relu ? 1 : 0;
    for (size_t g = 0; g < n; g += MAC_L) {
        for (unsigned l = 0; l < MAC_L; l++) {
            size_t i = g + l;
            int64_t v = i < n ? x[i] : 0;
            port_put(top_->rq_x, l * MAC_ACC, MAC_ACC, (uint64_t)v);
            port_put(top_->rq_keep, l, 1, (i < n && keep && keep[i] <= 0) ? 0 : 1);
        }
        lane_cycle(top_->rq_en);
        for (unsigned l = 0; l < MAC_L && g + l < n; l++) {
            size_t i = g + l;
            y[i] = (int32_t)sign_extend(port_get(top_->rq_y, l * MAC_ACT, MAC_ACT), MAC_ACT);
            if (y[i] != ref[i])
                fail("requantized", i, l, ref[i], y[i]);
        }
    }
    st_.elements += n;
    st_.ops++;
    return ovf;
}

void MacRtl::update(quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                    uint64_t *ovf_grad, uint64_t *ovf_weight)
{
    if (gw != MAC_GW)
        config_fatal("--grad-width", MAC_GW, gw);
    if (ww != MAC_WW)
        config_fatal("--weight-width", MAC_WW, ww);
    if (b->cfg.lanes != MAC_L)
        config_fatal("--lanes", MAC_L, b->cfg.lanes);
    std::vector<int32_t> ref(w, w + n);
    fx_backend_c.update(&fx_backend_c, b, ref.data(), g, n, d, gw, ww, ovf_grad, ovf_weight);
    int sd = d > 62 ? 62 : d < -64 ? -64 : d;
    top_->up_shift = (uint8_t)(sd & 0x7F);
    for (size_t s = 0; s < n; s += MAC_L) {
        for (unsigned l = 0; l < MAC_L; l++) {
            size_t i = s + l;
            port_put(top_->up_g, l * MAC_ACC, MAC_ACC, (uint64_t)(i < n ? g[i] : 0));
            port_put(top_->up_w, l * MAC_WW, MAC_WW, (uint64_t)(int64_t)(i < n ? w[i] : 0));
        }
        lane_cycle(top_->up_en);
        for (unsigned l = 0; l < MAC_L && s + l < n; l++) {
            size_t i = s + l;
            int32_t got = (int32_t)sign_extend(port_get(top_->up_w_new, l * MAC_WW, MAC_WW), MAC_WW);
            if (got != ref[i])
                fail("updated weight", i, l, ref[i], got);
            w[i] = got;
        }
    }
    st_.elements += n;
    st_.ops++;
}
