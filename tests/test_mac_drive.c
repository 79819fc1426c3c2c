/* The MAC driver's schedule (model/mac_drive.h), checked without any RTL: the
 * test plays an ideal array (acc_clear loads init, mac_en adds a[r]*b[c],
 * acc_sel shows a row) on the driver's steps and compares what the driver
 * says each output holds with a naive triple loop, so operand routing,
 * padding, tiling and the lane rule are checked against an independent
 * definition. Cycle counts follow docs/mac.md: ceil(M/R)*ceil(N/C)*(K+1)
 * array cycles per GEMM, ceil(n/L) lane cycles per conversion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "model/mac_drive.h"

#define MAXE 4096

typedef struct {
    unsigned rows, cols;
    int64_t acc[ESRU_MAC_MAX_DIM][ESRU_MAC_MAX_DIM]; /* the ideal array's PEs */
    unsigned edges, reads, partial_checked;
    /* GEMM: the expected result and its partial sums */
    size_t M, K, N;
    const int32_t *A, *B; /* row-major M x K, K x N */
    const int64_t *init;
    unsigned seen[MAXE];  /* ACC_ROW reads per result element */
    /* lanes */
    mac_step lane_steps[16];
    unsigned nlane;
} sim;

/* Naive C[i][j] after the first k slices (no saturation: small values). */
static int64_t naive(const sim *t, size_t i, size_t j, size_t k)
{
    int64_t v = t->init ? t->init[j] : 0;
    for (size_t q = 0; q < k; q++)
        v += (int64_t)t->A[i * t->K + q] * t->B[q * t->N + j];
    return v;
}

static void on_step(void *ctx, const mac_step *s)
{
    sim *t = ctx;
    if (s->edge) {
        t->edges++;
        if (s->acc_clear) {
            assert_int_equal(s->care, MAC_CARE_INIT);
            for (unsigned r = 0; r < t->rows; r++)
                for (unsigned c = 0; c < t->cols; c++)
                    t->acc[r][c] = s->init[c];
        } else if (s->mac_en) {
            assert_int_equal(s->care, MAC_CARE_AB);
            for (unsigned r = 0; r < t->rows; r++)
                for (unsigned c = 0; c < t->cols; c++)
                    t->acc[r][c] += s->a[r] * s->b[c];
        }
        if (s->rq_en || s->up_en) {
            assert_true(t->nlane < 16);
            t->lane_steps[t->nlane++] = *s;
        }
    } else {
        t->reads++;
        assert_int_equal(s->care, MAC_CARE_SEL);
    }
    const mac_hold *h = &s->out;
    if (h->kind == MAC_HOLD_ACC) {
        /* every real PE holds its element after h->slices slices; padded PEs got zero operands */
        for (unsigned r = 0; r < t->rows; r++)
            for (unsigned c = 0; c < t->cols; c++) {
                if (r < h->rows && c < h->cols) {
                    size_t e = h->first + r * h->stride + c;
                    assert_int_equal(t->acc[r][c], naive(t, e / t->N, e % t->N, h->slices));
                    t->partial_checked++;
                } else if (s->mac_en) {
                    assert_true(r < h->rows ? s->b[c] == 0 : s->a[r] == 0);
                }
            }
    } else if (h->kind == MAC_HOLD_ACC_ROW) {
        assert_int_equal(h->slices, h->total);
        for (unsigned c = 0; c < h->cols; c++) {
            size_t e = h->first + c;
            assert_int_equal(t->acc[s->acc_sel][c], naive(t, e / t->N, e % t->N, t->K));
            t->seen[e]++;
        }
    }
}

static void setup(sim *t, mac_driver *d, unsigned rows, unsigned cols, unsigned lanes, unsigned acc_width)
{
    memset(t, 0, sizeof *t);
    t->rows = rows;
    t->cols = cols;
    esru_mac_config m;
    esru_mac_config_default(&m);
    m.rows = rows;
    m.cols = cols;
    m.sru.lanes = lanes;
    m.acc_width = acc_width;
    mac_drive_init(d, &m, on_step, t);
}

/* transposed: 1 = A stored as its transpose (K x M), 2 = B as its transpose
 * (N x K), both read through kern_shape strides as the backward pass does. */
static void run_gemm(unsigned rows, unsigned cols, size_t M, size_t K, size_t N, int transposed, int with_init)
{
    static mac_driver d;
    static sim t;
    setup(&t, &d, rows, cols, 4, 32);
    int32_t *A = malloc(M * K * sizeof *A), *B = malloc(K * N * sizeof *B);
    int32_t *At = malloc(M * K * sizeof *At), *Bt = malloc(K * N * sizeof *Bt);
    int64_t init[64];
    for (size_t i = 0; i < M * K; i++)
        A[i] = (int32_t)(i * 7 % 19) - 9;
    for (size_t i = 0; i < K * N; i++)
        B[i] = (int32_t)(i * 5 % 17) - 8;
    for (size_t j = 0; j < N; j++)
        init[j] = (int64_t)j * 100 - 250;
    t.M = M, t.K = K, t.N = N, t.A = A, t.B = B, t.init = with_init ? init : NULL;
    for (size_t i = 0; i < M; i++)
        for (size_t k = 0; k < K; k++)
            At[k * M + i] = A[i * K + k];
    for (size_t k = 0; k < K; k++)
        for (size_t j = 0; j < N; j++)
            Bt[j * K + k] = B[k * N + j];
    kern_shape s = {M, K, N, K, 1, N, 1};
    if (transposed & 1)
        s.sar = 1, s.sak = M;
    if (transposed & 2)
        s.sbk = 1, s.sbc = K;
    mac_drive_gemm(&d, &s, transposed & 1 ? At : A, transposed & 2 ? Bt : B, t.init, 0);
    size_t tiles = ((M + rows - 1) / rows) * ((N + cols - 1) / cols);
    assert_int_equal(t.edges, tiles * (K + 1));
    assert_int_equal(t.reads, ((N + cols - 1) / cols) * M); /* one read per real row of each tile */
    for (size_t e = 0; e < M * N; e++)
        assert_int_equal(t.seen[e], 1); /* every element read once, final */
    assert_int_equal(t.partial_checked, (K + 1) * M * N);
    free(A);
    free(B);
    free(At);
    free(Bt);
}

static void test_gemm_tiles_pad_and_read_every_element_once(void **state)
{
    (void)state;
    run_gemm(3, 2, 4, 5, 5, 0, 0); /* edge tiles in both directions */
    run_gemm(3, 2, 4, 5, 5, 1, 1); /* A through strides, bias */
    run_gemm(2, 3, 5, 4, 7, 2, 1); /* B through strides */
    run_gemm(3, 3, 7, 6, 5, 3, 0); /* both */
    run_gemm(4, 4, 4, 3, 4, 0, 1); /* exactly one tile */
    run_gemm(2, 7, 1, 1, 1, 0, 1); /* one element */
    run_gemm(3, 5, 7, 0, 6, 0, 1); /* K = 0: the result is the bias */
}

static mac_step clear_step;
static void keep_clear(void *ctx, const mac_step *s)
{
    (void)ctx;
    if (s->edge && s->acc_clear)
        clear_step = *s;
}

/* init is loaded saturated to the accumulator width (kern_int adds it first,
 * saturating): 8 bits hold -128..127. Columns past the matrix get 0. With
 * MAC_DRIVE_CLEAR_WITH_EN mac_en is high on the clear cycle too. */
static void test_init_saturates_to_the_accumulator(void **state)
{
    (void)state;
    static mac_driver d;
    esru_mac_config m;
    esru_mac_config_default(&m);
    m.rows = 1;
    m.cols = 4;
    m.acc_width = 8;
    mac_drive_init(&d, &m, keep_clear, NULL);
    int32_t A[1] = {1}, B[3] = {1, 1, 1};
    int64_t init[3] = {300, -300, 127};
    kern_shape s = {1, 1, 3, 1, 1, 3, 1};
    mac_drive_gemm(&d, &s, A, B, init, 0);
    assert_int_equal(clear_step.init[0], 127);
    assert_int_equal(clear_step.init[1], -128);
    assert_int_equal(clear_step.init[2], 127);
    assert_int_equal(clear_step.init[3], 0);
    assert_int_equal(clear_step.mac_en, 0);
    mac_drive_gemm(&d, &s, A, B, NULL, MAC_DRIVE_CLEAR_WITH_EN);
    assert_int_equal(clear_step.mac_en, 1);
    for (unsigned c = 0; c < 4; c++)
        assert_int_equal(clear_step.init[c], 0);
}

/* The lane rule: element i on lane i % L at enabled cycle i / L, a final
 * partial group with zeros (keep 1) on its idle lanes; keep[i] <= 0 clears
 * the keep bit. */
static void test_requant_lane_rule(void **state)
{
    (void)state;
    static mac_driver d;
    static sim t;
    setup(&t, &d, 2, 2, 4, 32);
    int64_t x[11];
    int32_t keep[11];
    for (int i = 0; i < 11; i++) {
        x[i] = 1000 + i;
        keep[i] = i % 3 - 1; /* -1, 0, 1, ... */
    }
    assert_int_equal(mac_drive_requant(&d, x, 11, 1, keep, 70), 0);
    assert_int_equal(t.nlane, 3);
    for (unsigned g = 0; g < 3; g++) {
        const mac_step *s = &t.lane_steps[g];
        assert_int_equal(s->rq_en, 1);
        assert_int_equal(s->care, MAC_CARE_RQ);
        assert_int_equal(s->rq_shift, 62); /* 70 clamped as quant_stream clamps it */
        assert_int_equal(s->rq_relu, 1);
        assert_int_equal(s->out.kind, MAC_HOLD_RQ_Y);
        assert_int_equal(s->out.first, 4 * g);
        assert_int_equal(s->out.cols, g < 2 ? 4 : 3);
        for (unsigned l = 0; l < 4; l++) {
            unsigned i = 4 * g + l;
            assert_int_equal(s->rq_x[l], i < 11 ? 1000 + i : 0);
            assert_int_equal(s->rq_keep[l], i < 11 ? (i % 3 == 2) : 1);
        }
    }
    t.nlane = 0;
    assert_int_equal(mac_drive_requant(&d, x, 11, 0, NULL, -1), -1); /* no left shift in the RTL */
    assert_int_equal(t.nlane, 0);
    assert_int_equal(mac_drive_requant(&d, x, 4, 0, NULL, 5), 0);
    assert_int_equal(t.nlane, 1);
    for (unsigned l = 0; l < 4; l++)
        assert_int_equal(t.lane_steps[0].rq_keep[l], 1);
}

/* --pipeline P: the edges of an 11-element requantization on 4 lanes and of
 * a 6-element update on 4 lanes. Worked out: P = 0 has 3 (resp. 2) enabled
 * edges, each naming its own group (first 0, 4, 8 / 0, 4). P adds P edges
 * with every enable low, and each edge names the group enabled P edges
 * before it: P = 1: NONE, 0, 4, 8 / NONE, 0, 4; P = 2: NONE, NONE, 0, 4, 8 /
 * NONE, NONE, 0, 4. The enabled edges (the PRNG advances) stay 3 and 2. */
typedef struct {
    unsigned n;
    int en[8];
    mac_hold out[8];
} edge_log;

static void log_edge(void *ctx, const mac_step *s)
{
    edge_log *g = ctx;
    assert_true(s->edge);
    assert_true(g->n < 8);
    g->en[g->n] = s->rq_en || s->up_en;
    assert_int_equal(s->rq_en && s->up_en, 0);
    g->out[g->n++] = s->out;
}

static void test_pipeline_delays_lane_results(void **state)
{
    (void)state;
    static const int64_t x[11] = {0};
    static const int32_t w[6] = {0};
    static const int64_t gr[6] = {0};
    for (unsigned p = 0; p <= 2; p++)
        for (int up = 0; up <= 1; up++) {
            static mac_driver d;
            edge_log g;
            memset(&g, 0, sizeof g);
            esru_mac_config m;
            esru_mac_config_default(&m);
            m.sru.lanes = 4;
            m.sru.pipeline = p;
            mac_drive_init(&d, &m, log_edge, &g);
            unsigned groups = up ? 2 : 3;
            if (up)
                mac_drive_update(&d, w, gr, 6, 3);
            else
                assert_int_equal(mac_drive_requant(&d, x, 11, 0, NULL, 3), 0);
            assert_int_equal(g.n, groups + p);
            for (unsigned e = 0; e < g.n; e++) {
                assert_int_equal(g.en[e], e < groups);
                if (e < p) {
                    assert_int_equal(g.out[e].kind, MAC_HOLD_NONE);
                } else {
                    assert_int_equal(g.out[e].kind, up ? MAC_HOLD_UP_W_NEW : MAC_HOLD_RQ_Y);
                    assert_int_equal(g.out[e].first, 4 * (e - p));
                    assert_int_equal(g.out[e].cols, e - p + 1 < groups ? 4 : up ? 2 : 3);
                }
            }
        }
}

static void test_update_lanes_and_shift_clamp(void **state)
{
    (void)state;
    static mac_driver d;
    static sim t;
    setup(&t, &d, 2, 2, 3, 32);
    int32_t w[5] = {1, 2, 3, 4, 5};
    int64_t g[5] = {-10, 20, -30, 40, -50};
    int shifts[][2] = {{70, 62}, {62, 62}, {-3, -3}, {-64, -64}, {-100, -64}};
    for (unsigned k = 0; k < 5; k++) {
        t.nlane = 0;
        mac_drive_update(&d, w, g, 5, shifts[k][0]);
        assert_int_equal(t.nlane, 2);
        for (unsigned c = 0; c < 2; c++) {
            const mac_step *s = &t.lane_steps[c];
            assert_int_equal(s->up_en, 1);
            assert_int_equal(s->rq_en, 0);
            assert_int_equal(s->up_shift, shifts[k][1]);
            assert_int_equal(s->out.kind, MAC_HOLD_UP_W_NEW);
            assert_int_equal(s->out.first, 3 * c);
            assert_int_equal(s->out.cols, c ? 2 : 3);
            for (unsigned l = 0; l < 3; l++) {
                unsigned i = 3 * c + l;
                assert_int_equal(s->up_w[l], i < 5 ? w[i] : 0);
                assert_int_equal(s->up_g[l], i < 5 ? g[i] : 0);
            }
        }
    }
}

static mac_step last;
static void keep_last(void *ctx, const mac_step *s)
{
    (void)ctx;
    last = *s;
}

static void test_reset_and_idle(void **state)
{
    (void)state;
    static mac_driver d;
    esru_mac_config m;
    esru_mac_config_default(&m);
    mac_drive_init(&d, &m, keep_last, NULL);
    mac_drive_reset(&d, 0);
    assert_true(last.edge && last.rst && !last.acc_clear && !last.mac_en && !last.rq_en && !last.up_en);
    assert_int_equal(last.out.kind, MAC_HOLD_RESET);
    mac_drive_reset(&d, MAC_DRIVE_RESET_ALL_EN);
    assert_true(last.rst && last.acc_clear && last.mac_en && last.rq_en && last.up_en);
    mac_drive_idle(&d);
    assert_true(last.edge && !last.rst && !last.acc_clear && !last.mac_en && !last.rq_en && !last.up_en);
    assert_int_equal(last.care, 0);
    assert_int_equal(last.out.kind, MAC_HOLD_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gemm_tiles_pad_and_read_every_element_once),
        cmocka_unit_test(test_init_saturates_to_the_accumulator),
        cmocka_unit_test(test_requant_lane_rule),
        cmocka_unit_test(test_update_lanes_and_shift_clamp),
        cmocka_unit_test(test_pipeline_delays_lane_results),
        cmocka_unit_test(test_reset_and_idle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
