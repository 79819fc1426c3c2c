// See mac_rtl.h. Port layout: docs/mac.md; the drive schedule: gen/model/mac_drive.h.
#include "mac_rtl.h"
#include "Vmac.h"
#include "Vmac___024root.h"
#include "ports.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif
#include <cstdlib>
#include <cstring>
#include <utility>
extern "C" {
#include "model/sru.h"
}

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

// One evaluation per clock cycle. The array is clocked on rising edges only,
// so a falling-edge evaluation changes nothing but Verilator's record of the
// clock's previous value (its edge detector); inputs can be set together with
// clk = 1 and evaluated once (Verilator settles the input-driven logic before
// the edge's processes run), then clk = 0 recorded as that evaluation would.
// The record is a generated member whose name depends on the Verilator version:
// where it is not found, every cycle is evaluated twice (the general method).
template <typename T, typename = void> struct has_clk_record : std::false_type {};
template <typename T>
struct has_clk_record<T, std::void_t<decltype(std::declval<T &>().__Vtrigrprev__TOP__clk)>> : std::true_type {};

template <typename Root> static bool record_clk_low(Root *root)
{
    if constexpr (has_clk_record<Root>::value) {
        root->__Vtrigrprev__TOP__clk = 0;
        return true;
    } else {
        (void)root;
        return false;
    }
}
static const bool can_record_clk = has_clk_record<Vmac___024root>::value;

// The manifest's array must be the one this binary was verilated from: every
// port's storage must match the width the manifest implies.
template <typename T> static void need_port(const T &, const char *name, unsigned bits)
{
    if (sizeof(T) != port_bytes(bits)) {
        std::fprintf(stderr,
                     "sim: the manifest's array has a %u-bit port %s, which is not the RTL this harness was "
                     "verilated from (rebuild it with sim/rtl/build.sh)\n",
                     bits, name);
        std::exit(2);
    }
}

MacRtl::MacRtl(const esru_mac_config &m, const char *trace_path, unsigned check_every, bool two_evals)
    : cfg_(m), check_every_(check_every ? check_every : 1)
{
    if (esru_config_has_rnd(&m.sru)) {
        std::fprintf(stderr, "sim: the array needs an on-chip PRNG (not --prng ext)\n");
        std::exit(2);
    }
    top_ = new Vmac;
    const unsigned R = m.rows, C = m.cols, L = m.sru.lanes, A = m.acc_width;
    unsigned selw = 1;
    while ((1u << selw) < R)
        selw++;
    need_port(top_->a, "a", R * m.operand_width);
    need_port(top_->b, "b", C * m.operand_width);
    need_port(top_->init, "init", C * A);
    need_port(top_->acc_sel, "acc_sel", selw);
    need_port(top_->acc_row, "acc_row", C * A);
    need_port(top_->rq_keep, "rq_keep", L);
    need_port(top_->rq_x, "rq_x", L * A);
    need_port(top_->rq_y, "rq_y", L * m.act_width);
    need_port(top_->up_g, "up_g", L * A);
    need_port(top_->up_w, "up_w", L * m.weight_width);
    need_port(top_->up_w_new, "up_w_new", L * m.weight_width);
    be_ = {be_gemm, be_requant, be_update, this, "", 0};
    drv_ = new mac_driver;
    mac_drive_init(drv_, &m, on_step, this);
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
    // a waveform shows both edges: two evaluations per cycle
    one_eval_ = can_record_clk && !two_evals && !trace_;
    top_->clk = 0;
    top_->eval(); // clk low first: the first cycle is a rising edge
    st_.evals++;
    mac_drive_reset(drv_, 0);
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
    delete drv_;
    delete top_;
}

void MacRtl::tick()
{
    if (one_eval_) {
        top_->clk = 1;
        top_->eval();
        top_->clk = 0;
        record_clk_low(top_->rootp);
        st_.evals++;
    } else {
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
        st_.evals += 2;
    }
    st_.cycles++;
}

void MacRtl::on_step(void *ctx, const mac_step *s) { static_cast<MacRtl *>(ctx)->apply(*s); }

// One step of the driver: pack the inputs it cares about (the others keep
// their values), clock or evaluate, then take the results it names.
void MacRtl::apply(const mac_step &s)
{
    const unsigned C = cfg_.cols, A = cfg_.acc_width;
    if (s.care & MAC_CARE_AB) {
        port_pack(top_->a, s.a, cfg_.rows, cfg_.operand_width);
        port_pack(top_->b, s.b, C, cfg_.operand_width);
    }
    if (s.care & MAC_CARE_INIT)
        port_pack(top_->init, s.init, C, A);
    if (s.care & MAC_CARE_SEL)
        top_->acc_sel = (uint8_t)s.acc_sel;
    if (s.care & MAC_CARE_RQ) {
        top_->rq_shift = (uint8_t)s.rq_shift;
        top_->rq_relu = (uint8_t)s.rq_relu;
        port_pack(top_->rq_keep, s.rq_keep, cfg_.sru.lanes, 1);
        port_pack(top_->rq_x, s.rq_x, cfg_.sru.lanes, A);
    }
    if (s.care & MAC_CARE_UP) {
        top_->up_shift = (uint8_t)((unsigned)s.up_shift & 0x7Fu);
        port_pack(top_->up_g, s.up_g, cfg_.sru.lanes, A);
        port_pack(top_->up_w, s.up_w, cfg_.sru.lanes, cfg_.weight_width);
    }
    if (s.edge) {
        top_->rst = (uint8_t)s.rst;
        top_->acc_clear = (uint8_t)s.acc_clear;
        top_->mac_en = (uint8_t)s.mac_en;
        top_->rq_en = (uint8_t)s.rq_en;
        top_->up_en = (uint8_t)s.up_en;
        tick();
        st_.array_cycles += s.acc_clear || s.mac_en;
        st_.lane_cycles += s.rq_en || s.up_en;
    } else {
        top_->eval(); // a combinational row read: no clock edge
        st_.evals++;
        st_.row_reads++;
    }
    const mac_hold &h = s.out;
    switch (h.kind) {
    case MAC_HOLD_ACC_ROW:
        for (unsigned c = 0; c < h.cols; c++) {
            size_t i = h.first + c;
            out64_[i] = sign_extend(port_get(top_->acc_row, c * A, A), A);
            if (check_ && out64_[i] != ref64_[i])
                fail("accumulator", i, s.acc_sel * C + c, ref64_[i], out64_[i]);
        }
        break;
    case MAC_HOLD_RQ_Y:
        for (unsigned l = 0; l < h.cols; l++) {
            size_t i = h.first + l;
            out32_[i] = (int32_t)sign_extend(port_get(top_->rq_y, l * cfg_.act_width, cfg_.act_width), cfg_.act_width);
            if (check_ && out32_[i] != ref32_[i])
                fail("requantized", i, l, ref32_[i], out32_[i]);
        }
        break;
    case MAC_HOLD_UP_W_NEW:
        for (unsigned l = 0; l < h.cols; l++) {
            size_t i = h.first + l;
            unsigned ww = cfg_.weight_width;
            out32_[i] = (int32_t)sign_extend(port_get(top_->up_w_new, l * ww, ww), ww);
            if (check_ && out32_[i] != ref32_[i])
                fail("updated weight", i, l, ref32_[i], out32_[i]);
        }
        break;
    default:
        // Partial sums after k slices (MAC_HOLD_ACC) are checked by the Icarus
        // test; here the PEs are seen one row at a time, through acc_sel.
        break;
    }
}

void MacRtl::fail(const char *what, size_t elem, unsigned field, long long want, long long got)
{
    if (mm_.found)
        return;
    mm_.found = true;
    std::snprintf(mm_.text, sizeof mm_.text,
                  "MISMATCH step %zu, layer %d, %s, tensor %s, element %zu, lane %u, cycle %llu: model %lld, RTL %lld",
                  step, be_.layer, be_.op ? be_.op : "?", what, elem, field, (unsigned long long)st_.cycles, want,
                  got);
    std::fprintf(stderr, "%s\n", mm_.text);
    if (stop_on_mismatch)
        std::exit(1);
}

// Every check_every-th operation (the first one included) is compared.
bool MacRtl::begin_op()
{
    check_ = st_.ops % check_every_ == 0;
    st_.ops++;
    st_.checked_ops += check_;
    return check_;
}

// An unchecked GEMM reports 0 saturating additions: only the model counts them.
uint64_t MacRtl::gemm(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                      unsigned acc_width, int64_t *C)
{
    if (acc_width != cfg_.acc_width)
        config_fatal("--acc-width", cfg_.acc_width, acc_width);
    uint64_t ovf = 0;
    if (begin_op()) {
        ref64_.resize(s->R * s->C);
        ovf = kern_int(s, A, B, init, acc_width, ref64_.data());
    }
    out64_ = C;
    mac_drive_gemm(drv_, s, A, B, init, 0);
    st_.useful_macs += (uint64_t)s->R * s->K * s->C;
    return ovf;
}

// The lane operations always run the model: its bank mirrors the RTL's PRNG
// bank and must advance with it, checked or not.
uint64_t MacRtl::requant(quant_bank *b, const int64_t *x, size_t n, int relu, const int32_t *keep, int d, unsigned ow,
                         int32_t *y)
{
    if (ow != cfg_.act_width)
        config_fatal("--act-width", cfg_.act_width, ow);
    if (b->cfg.lanes != cfg_.sru.lanes)
        config_fatal("--lanes", cfg_.sru.lanes, b->cfg.lanes);
    if (d < 0) {
        std::fprintf(stderr, "sim: requantization with a left shift (d = %d) is not in the RTL\n", d);
        std::exit(2);
    }
    begin_op();
    ref32_.resize(n);
    uint64_t ovf = fx_backend_c.requant(&fx_backend_c, b, x, n, relu, keep, d, ow, ref32_.data());
    out32_ = y;
    mac_drive_requant(drv_, x, n, relu, keep, d);
    st_.elements += n;
    return ovf;
}

void MacRtl::update(quant_bank *b, int32_t *w, const int64_t *g, size_t n, int d, unsigned gw, unsigned ww,
                    uint64_t *ovf_grad, uint64_t *ovf_weight)
{
    if (gw != cfg_.grad_width)
        config_fatal("--grad-width", cfg_.grad_width, gw);
    if (ww != cfg_.weight_width)
        config_fatal("--weight-width", cfg_.weight_width, ww);
    if (b->cfg.lanes != cfg_.sru.lanes)
        config_fatal("--lanes", cfg_.sru.lanes, b->cfg.lanes);
    begin_op();
    ref32_.assign(w, w + n);
    fx_backend_c.update(&fx_backend_c, b, ref32_.data(), g, n, d, gw, ww, ovf_grad, ovf_weight);
    out32_ = w; // in place: the driver reads a group's old weights before its results are written
    mac_drive_update(drv_, w, g, n, d);
    st_.elements += n;
}
