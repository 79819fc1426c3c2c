#include "model/mac_drive.h"
#include "model/sru.h"
#include <string.h>

void mac_drive_init(mac_driver *d, const esru_mac_config *m, mac_step_fn fn, void *ctx)
{
    memset(d, 0, sizeof *d);
    d->cfg = *m;
    d->fn = fn;
    d->ctx = ctx;
}

int mac_drive_rq_shift(int shift) { return shift > 62 ? 62 : shift; }
int mac_drive_up_shift(int shift) { return shift > 62 ? 62 : shift < -64 ? -64 : shift; }

/* An edge step with every enable low and no data input cared for. */
static mac_step *edge_step(mac_driver *d)
{
    mac_step *s = &d->s;
    s->edge = 1;
    s->care = 0;
    s->rst = s->acc_clear = s->mac_en = s->rq_en = s->up_en = 0;
    s->out.kind = MAC_HOLD_NONE;
    return s;
}

static void hold(mac_step *s, mac_hold_kind kind, unsigned rows, unsigned cols, size_t first, size_t stride,
                 size_t slices, size_t total)
{
    s->out = (mac_hold){kind, rows, cols, first, stride, slices, total};
}

void mac_drive_reset(mac_driver *d, unsigned opts)
{
    mac_step *s = edge_step(d);
    s->rst = 1;
    if (opts & MAC_DRIVE_RESET_ALL_EN)
        s->acc_clear = s->mac_en = s->rq_en = s->up_en = 1;
    s->out.kind = MAC_HOLD_RESET;
    d->fn(d->ctx, s);
}

void mac_drive_idle(mac_driver *d) { d->fn(d->ctx, edge_step(d)); }

void mac_drive_gemm(mac_driver *d, const kern_shape *sh, const int32_t *A, const int32_t *B, const int64_t *init,
                    unsigned opts)
{
    const unsigned R = d->cfg.rows, C = d->cfg.cols, acc = d->cfg.acc_width;
    const size_t N = sh->C;
    for (size_t rt = 0; rt < sh->R; rt += R)
        for (size_t ct = 0; ct < N; ct += C) {
            unsigned rows = sh->R - rt < R ? (unsigned)(sh->R - rt) : R;
            unsigned cols = N - ct < C ? (unsigned)(N - ct) : C;
            size_t first = rt * N + ct;
            /* acc_clear: init, saturated as kern_int saturates it before the first slice */
            mac_step *s = edge_step(d);
            s->acc_clear = 1;
            s->mac_en = (opts & MAC_DRIVE_CLEAR_WITH_EN) ? 1 : 0;
            s->care = MAC_CARE_INIT;
            for (unsigned c = 0; c < C; c++)
                s->init[c] = init && c < cols ? esru_saturate(init[ct + c], acc, NULL) : 0;
            hold(s, MAC_HOLD_ACC, rows, cols, first, N, 0, sh->K);
            d->fn(d->ctx, s);
            /* one k slice per cycle, ascending k: a[r] = A[rt+r][k], b[c] = B[k][ct+c] */
            for (size_t k = 0; k < sh->K; k++) {
                s = edge_step(d);
                s->mac_en = 1;
                s->care = MAC_CARE_AB;
                const int32_t *ak = A + rt * sh->sar + k * sh->sak, *bk = B + k * sh->sbk + ct * sh->sbc;
                for (unsigned r = 0; r < R; r++)
                    s->a[r] = r < rows ? ak[r * sh->sar] : 0;
                for (unsigned c = 0; c < C; c++)
                    s->b[c] = c < cols ? bk[c * sh->sbc] : 0;
                hold(s, MAC_HOLD_ACC, rows, cols, first, N, k + 1, sh->K);
                d->fn(d->ctx, s);
            }
            /* the tile's result, one real row at a time through acc_sel */
            for (unsigned r = 0; r < rows; r++) {
                s = &d->s;
                s->edge = 0;
                s->care = MAC_CARE_SEL;
                s->acc_sel = r;
                hold(s, MAC_HOLD_ACC_ROW, 1, cols, first + r * N, 0, sh->K, sh->K);
                d->fn(d->ctx, s);
            }
        }
}

/* --pipeline P: a lane step's results reach rq_y / up_w_new P edges after
 * its own, so each step reports the hold of the step P edges before it, and
 * P idle edges after the last one drain the lanes (the enables are low on
 * them: no PRNG advances, the rounding values stay those of P = 0). */
static void lane_begin(mac_driver *d)
{
    for (unsigned k = 0; k < d->cfg.sru.pipeline; k++)
        d->pend[k].kind = MAC_HOLD_NONE;
}

static void lane_edge(mac_driver *d, mac_step *s)
{
    const unsigned P = d->cfg.sru.pipeline;
    if (P) {
        mac_hold now = s->out;
        s->out = d->pend[0];
        memmove(d->pend, d->pend + 1, (P - 1) * sizeof d->pend[0]);
        d->pend[P - 1] = now;
    }
    d->fn(d->ctx, s);
}

static void lane_drain(mac_driver *d)
{
    for (unsigned k = 0; k < d->cfg.sru.pipeline; k++) {
        mac_step *s = edge_step(d);
        lane_edge(d, s);
    }
}

int mac_drive_requant(mac_driver *d, const int64_t *x, size_t n, int relu, const int32_t *keep, int shift)
{
    if (shift < 0)
        return -1;
    const unsigned L = d->cfg.sru.lanes;
    lane_begin(d);
    for (size_t g = 0; g < n; g += L) {
        unsigned k = n - g < L ? (unsigned)(n - g) : L;
        mac_step *s = edge_step(d);
        s->rq_en = 1;
        s->care = MAC_CARE_RQ;
        s->rq_shift = (unsigned)mac_drive_rq_shift(shift);
        s->rq_relu = relu ? 1 : 0;
        for (unsigned l = 0; l < L; l++) {
            s->rq_x[l] = l < k ? x[g + l] : 0;
            s->rq_keep[l] = l < k && keep && keep[g + l] <= 0 ? 0 : 1; /* fx_mask's keep rule, as a bit */
        }
        hold(s, MAC_HOLD_RQ_Y, 1, k, g, 0, 0, 0);
        lane_edge(d, s);
    }
    lane_drain(d);
    return 0;
}

void mac_drive_update(mac_driver *d, const int32_t *w, const int64_t *g, size_t n, int shift)
{
    const unsigned L = d->cfg.sru.lanes;
    lane_begin(d);
    for (size_t e = 0; e < n; e += L) {
        unsigned k = n - e < L ? (unsigned)(n - e) : L;
        mac_step *s = edge_step(d);
        s->up_en = 1;
        s->care = MAC_CARE_UP;
        s->up_shift = mac_drive_up_shift(shift);
        for (unsigned l = 0; l < L; l++) {
            s->up_g[l] = l < k ? g[e + l] : 0;
            s->up_w[l] = l < k ? w[e + l] : 0;
        }
        hold(s, MAC_HOLD_UP_W_NEW, 1, k, e, 0, 0, 0);
        lane_edge(d, s);
    }
    lane_drain(d);
}
