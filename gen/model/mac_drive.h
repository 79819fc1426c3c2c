/* THE drive schedule of the generated MAC array (docs/mac.md), once for every
 * harness: the Verilator backend (sim/rtl/mac_rtl.cpp) and the Icarus vector
 * writer (tests/mac_icarus/stim.c) both walk an operation through this driver.
 *
 * The driver decides, step by step, which inputs the array gets before each
 * rising edge and which result element each output field holds afterwards. It
 * computes no expected value: the callers take those from the C model
 * (kern_int, fx_backend_c) and compare. A step is either a clock cycle (edge)
 * or a combinational read of one accumulator row through acc_sel (no edge).
 *
 * The schedule (docs/mac.md, "Dataflow and the lane rule"):
 *  - GEMM C = init + A.B: R x C tiles in row-major tile order, edge tiles padded
 *    with zero operands; per tile one acc_clear cycle loading init saturated to
 *    the accumulator width (as kern_int adds it first), then one mac_en cycle per
 *    k slice in ascending k, then one acc_sel read per real row.
 *  - requantization and weight update: element i of the tensor on lane i % L
 *    at enabled cycle i / L; a final partial group takes one enabled cycle with
 *    zeros on its idle lanes (quant_stream's lane rule). With --pipeline P the
 *    results of an enabled cycle appear P edges later: each step names the
 *    results of the step P edges before it, and P idle edges end the
 *    operation. */
#ifndef ESRU_MAC_DRIVE_H
#define ESRU_MAC_DRIVE_H
#include "model/config.h"
#include "model/kernels.h"
#include "model/mac_config.h"
#include <stddef.h>
#include <stdint.h>

/* Which data inputs of a step carry values the RTL uses. The others are
 * don't-care: a harness may leave them as they were (Verilator) or fill them
 * with junk (Icarus) to prove the enables ignore them. */
enum {
    MAC_CARE_AB = 1u << 0,   /* a, b */
    MAC_CARE_INIT = 1u << 1, /* init */
    MAC_CARE_SEL = 1u << 2,  /* acc_sel */
    MAC_CARE_RQ = 1u << 3,   /* rq_shift, rq_relu, rq_keep, rq_x */
    MAC_CARE_UP = 1u << 4,   /* up_shift, up_g, up_w */
};

/* What the outputs hold after a step (fields not named keep what they held). */
typedef enum {
    MAC_HOLD_NONE,      /* nothing new */
    MAC_HOLD_RESET,     /* every output register is 0 */
    MAC_HOLD_ACC,       /* accumulator of PE (r, c) = element first + r*stride + c of the result after
                           `slices` of `total` k slices (a partial sum while slices < total),
                           for r < rows, c < cols; the other (padded) PEs hold junk */
    MAC_HOLD_ACC_ROW,   /* acc_row field c = element first + c of the result, final, for c < cols */
    MAC_HOLD_RQ_Y,      /* rq_y lane l = element first + l, for l < cols (the other lanes idle) */
    MAC_HOLD_UP_W_NEW,  /* up_w_new lane l = element first + l, for l < cols */
} mac_hold_kind;

typedef struct {
    mac_hold_kind kind;
    unsigned rows, cols;
    size_t first, stride;
    size_t slices, total;
} mac_hold;

/* One step. The driver rewrites the care fields of every step in full (padded
 * PEs and idle lanes get zeros), so a harness may pack them as they are. */
typedef struct {
    int edge;     /* 1: apply these inputs, then one rising edge of clk; 0: only acc_sel changes */
    unsigned care; /* MAC_CARE_* */
    /* control inputs, driven on every edge step */
    unsigned rst, acc_clear, mac_en, rq_en, up_en;
    /* data inputs */
    unsigned acc_sel;
    int64_t a[ESRU_MAC_MAX_DIM], b[ESRU_MAC_MAX_DIM], init[ESRU_MAC_MAX_DIM];
    unsigned rq_shift; /* 0..62 */
    unsigned rq_relu;
    unsigned char rq_keep[ESRU_MAX_LANES];
    int64_t rq_x[ESRU_MAX_LANES];
    int up_shift; /* -64..62, a 7-bit two's complement port */
    int64_t up_g[ESRU_MAX_LANES], up_w[ESRU_MAX_LANES];
    mac_hold out;
} mac_step;

typedef void (*mac_step_fn)(void *ctx, const mac_step *s);

typedef struct {
    esru_mac_config cfg; /* the array driven (rows, cols, sru.lanes, widths) */
    mac_step_fn fn;
    void *ctx;
    mac_step s; /* the step being built (large: keep the driver off small stacks) */
    mac_hold pend[ESRU_MAX_PIPELINE]; /* --pipeline P: the holds of the last P lane steps, oldest first */
} mac_driver;

/* Options of the GEMM and reset schedules (the Icarus check's stress cases). */
enum {
    MAC_DRIVE_CLEAR_WITH_EN = 1u << 0, /* gemm: mac_en high on the acc_clear cycles too (acc_clear has priority) */
    MAC_DRIVE_RESET_ALL_EN = 1u << 1,  /* reset: every enable high with rst (rst has priority) */
};

void mac_drive_init(mac_driver *d, const esru_mac_config *m, mac_step_fn fn, void *ctx);

/* One cycle with rst high. */
void mac_drive_reset(mac_driver *d, unsigned opts);
/* One cycle with every enable low: every output holds. */
void mac_drive_idle(mac_driver *d);
/* C = init + A.B (kern_shape strides; C row-major with s->C columns; init
 * may be NULL). */
void mac_drive_gemm(mac_driver *d, const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init,
                    unsigned opts);
/* y[i] = requantize(x[i]) by 2^shift through the lanes (relu, keep as
 * fx_mask). The RTL shifts right only: -1 (nothing driven) for shift < 0. */
int mac_drive_requant(mac_driver *d, const int64_t *x, size_t n, int relu, const int32_t *keep, int shift);
/* w_new[i] = sat(w[i] + SR(-g[i]) by 2^shift) through the update lanes. */
void mac_drive_update(mac_driver *d, const int32_t *w, const int64_t *g, size_t n, int shift);

/* The port values of the runtime shifts, clamped as the model reads them:
 * requantization 0..62 (quant_stream rounds d > 62 as 62), update -64..62
 * (7-bit signed; a left shift past the update width saturates alike). */
int mac_drive_rq_shift(int shift);
int mac_drive_up_shift(int shift);

#endif
