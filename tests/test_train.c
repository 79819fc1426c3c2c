/* Tests of esrutrain: IDX loader, integer/float kernels against slow
 * definitions, the lane rule, an fp32 gradient check, determinism and one
 * short real training run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/train/idx.h"
#include "sim/train/json_out.h"
#include "model/kernels.h"
#include "model/simd.h"
#include "model/lfsr.h"
#include "sim/train/mlp.h"
#include "model/quant.h"
#include "model/sru.h"
#include "sim/train/train.h"
#include "sim/train/bias_check.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static char tmpdir[256];

/* ---------- IDX loader ---------- */

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Write a gzip IDX file; items actually written may differ from the header. */
static void write_idx(const char *path, unsigned ndims, uint32_t count, uint32_t rows, uint32_t cols,
                      size_t data_items, int magic_ok)
{
    unsigned char hdr[16];
    memset(hdr, 0, sizeof hdr);
    hdr[2] = 0x08;
    hdr[3] = magic_ok ? (unsigned char)ndims : 0x07;
    put32(hdr + 4, count);
    size_t item = 1;
    if (ndims == 3) {
        put32(hdr + 8, rows);
        put32(hdr + 12, cols);
        item = (size_t)rows * cols;
    }
    gzFile f = gzopen(path, "wb");
    assert_non_null(f);
    gzwrite(f, hdr, 4 + 4 * ndims);
    for (size_t i = 0; i < data_items * item; i++) {
        unsigned char b = (unsigned char)(ndims == 3 ? (i * 7) & 0xff : i % 10);
        gzwrite(f, &b, 1);
    }
    gzclose(f);
}

static void path_of(char *buf, size_t len, const char *name) { snprintf(buf, len, "%s/%s", tmpdir, name); }

static void test_idx_valid(void **state)
{
    (void)state;
    char p[512];
    path_of(p, sizeof p, "ok-images-idx3-ubyte.gz");
    write_idx(p, 3, 5, 2, 3, 5, 1);
    path_of(p, sizeof p, "ok-labels-idx1-ubyte.gz");
    write_idx(p, 1, 5, 0, 0, 5, 1);
    idx_set s;
    char err[1024];
    assert_int_equal(idx_load(tmpdir, "ok", 0, &s, err, sizeof err), 0);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.rows, 2);
    assert_int_equal(s.cols, 3);
    for (size_t i = 0; i < 30; i++)
        assert_int_equal(s.images[i], (i * 7) & 0xff);
    assert_int_equal(s.labels[4], 4);
    idx_free(&s);
    assert_int_equal(idx_load(tmpdir, "ok", 2, &s, err, sizeof err), 0); /* limit */
    assert_int_equal(s.n, 2);
    idx_free(&s);
}

static void expect_fail(const char *split, const char *name_in_msg, const char *what)
{
    idx_set s;
    char err[1024];
    assert_int_equal(idx_load(tmpdir, split, 0, &s, err, sizeof err), -1);
    if (!strstr(err, name_in_msg) || !strstr(err, what))
        fail_msg("message '%s' lacks '%s' or '%s'", err, name_in_msg, what);
}

static void test_idx_errors(void **state)
{
    (void)state;
    char p[512];
    expect_fail("missing", "missing-images-idx3-ubyte.gz", "cannot open");
    /* truncated data: header promises 5 images, 3 present */
    path_of(p, sizeof p, "trunc-images-idx3-ubyte.gz");
    write_idx(p, 3, 5, 2, 3, 3, 1);
    expect_fail("trunc", "trunc-images-idx3-ubyte.gz", "truncated");
    /* truncated header */
    path_of(p, sizeof p, "hdr-images-idx3-ubyte.gz");
    gzFile f = gzopen(p, "wb");
    gzwrite(f, "\0\0\x08", 3);
    gzclose(f);
    expect_fail("hdr", "hdr-images-idx3-ubyte.gz", "truncated IDX header");
    /* bad magic */
    path_of(p, sizeof p, "magic-images-idx3-ubyte.gz");
    write_idx(p, 3, 5, 2, 3, 5, 0);
    expect_fail("magic", "magic-images-idx3-ubyte.gz", "magic");
    /* corrupt gzip: flip bytes of the CRC trailer of a valid file */
    path_of(p, sizeof p, "crc-images-idx3-ubyte.gz");
    write_idx(p, 3, 5, 2, 3, 5, 1);
    FILE *fp = fopen(p, "r+b");
    assert_non_null(fp);
    fseek(fp, -8, SEEK_END);
    unsigned char crc[4];
    assert_int_equal(fread(crc, 1, 4, fp), 4);
    for (int i = 0; i < 4; i++)
        crc[i] ^= 0x5a;
    fseek(fp, -8, SEEK_END);
    fwrite(crc, 1, 4, fp);
    fclose(fp);
    expect_fail("crc", "crc-images-idx3-ubyte.gz", "corrupt");
    /* corrupt gzip: garbage inside the deflate stream */
    path_of(p, sizeof p, "garb-images-idx3-ubyte.gz");
    write_idx(p, 3, 200, 28, 28, 200, 1);
    fp = fopen(p, "r+b");
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 20, SEEK_SET);
    for (long i = 20; i < len - 40; i++)
        fputc((int)(esru_fnv1a64(&i, sizeof i, ESRU_FNV_INIT) & 0xff), fp);
    fclose(fp);
    expect_fail("garb", "garb-images-idx3-ubyte.gz", ":");
    /* trailing bytes after the promised items */
    path_of(p, sizeof p, "tail-images-idx3-ubyte.gz");
    write_idx(p, 3, 3, 2, 3, 4, 1);
    expect_fail("tail", "tail-images-idx3-ubyte.gz", "trailing");
    /* count mismatch between images and labels */
    path_of(p, sizeof p, "mis-images-idx3-ubyte.gz");
    write_idx(p, 3, 5, 2, 3, 5, 1);
    path_of(p, sizeof p, "mis-labels-idx1-ubyte.gz");
    write_idx(p, 1, 4, 0, 0, 4, 1);
    expect_fail("mis", "mis-labels-idx1-ubyte.gz", "labels");
}

/* ---------- kernels against the obvious definitions ---------- */

static uint64_t rng_state = 12345;
static int32_t rnd_int(int bits) /* uniform signed value of `bits` bits */
{
    uint64_t u = esru_splitmix64(&rng_state);
    int64_t lim = (INT64_C(1) << (bits - 1));
    return (int32_t)((int64_t)(u % (uint64_t)(2 * lim)) - lim);
}

/* The slow definition: per element, saturate after every addition. */
static void slow_int(const kern_shape *s, const int32_t *A, const int32_t *B, const int64_t *init, unsigned accw,
                     int64_t *C, uint64_t *ovf)
{
    int64_t hi = (INT64_C(1) << (accw - 1)) - 1, lo = -hi - 1;
    for (size_t r = 0; r < s->R; r++)
        for (size_t c = 0; c < s->C; c++) {
            int64_t acc = init ? init[c] : 0;
            if (acc > hi || acc < lo) {
                acc = acc > hi ? hi : lo;
                ++*ovf;
            }
            for (size_t k = 0; k < s->K; k++) {
                acc += (int64_t)A[r * s->sar + k * s->sak] * B[k * s->sbk + c * s->sbc];
                if (acc > hi || acc < lo) {
                    acc = acc > hi ? hi : lo;
                    ++*ovf;
                }
            }
            C[r * s->C + c] = acc;
        }
}

static void check_int_case(size_t R, size_t K, size_t Cn, int transposedB, int abits, int bbits, unsigned accw,
                           int with_init, int sparse)
{
    int32_t *A = malloc(R * K * sizeof *A), *B = malloc(K * Cn * sizeof *B);
    int64_t *init = malloc(Cn * sizeof *init), *C1 = malloc(R * Cn * 8), *C2 = malloc(R * Cn * 8);
    for (size_t i = 0; i < R * K; i++)
        A[i] = sparse && (i % 3 == 0) ? 0 : rnd_int(abits);
    for (size_t i = 0; i < K * Cn; i++)
        B[i] = rnd_int(bbits);
    for (size_t i = 0; i < Cn; i++)
        init[i] = rnd_int(20);
    kern_shape s = {R, K, Cn, K, 1, transposedB ? 1 : Cn, transposedB ? K : 1};
    uint64_t o1 = kern_int(&s, A, B, with_init ? init : NULL, accw, C1), o2 = 0;
    slow_int(&s, A, B, with_init ? init : NULL, accw, C2, &o2);
    assert_int_equal(o1, o2);
    assert_memory_equal(C1, C2, R * Cn * 8);
    free(A), free(B), free(init), free(C1), free(C2);
}

static void test_kern_int(void **state)
{
    (void)state;
    for (int t = 0; t < 2; t++) {
        check_int_case(5, 37, 11, t, 8, 8, 32, 1, 1);   /* fast path */
        check_int_case(4, 29, 9, t, 16, 16, 32, 1, 0);  /* 16-bit operands */
        check_int_case(3, 64, 7, t, 8, 8, 16, 1, 0);    /* saturates: slow path */
        check_int_case(3, 50, 6, t, 16, 16, 40, 0, 1);  /* wide accumulator, bound > 2^31 */
        check_int_case(2, 40, 5, t, 16, 16, 24, 1, 0);  /* saturates often */
    }
    /* Gradient shape: A read transposed (sar = 1, sak = R). */
    size_t R = 13, K = 8, Cn = 6;
    int32_t A[13 * 8], B[8 * 6];
    int64_t C1[13 * 6], C2[13 * 6];
    for (size_t i = 0; i < R * K; i++)
        A[i] = rnd_int(8);
    for (size_t i = 0; i < K * Cn; i++)
        B[i] = rnd_int(8);
    kern_shape g = {R, K, Cn, 1, R, Cn, 1};
    uint64_t o2 = 0;
    assert_int_equal(kern_int(&g, A, B, NULL, 32, C1), 0);
    slow_int(&g, A, B, NULL, 32, C2, &o2);
    assert_memory_equal(C1, C2, sizeof C1);
}

static void test_kern_f32(void **state)
{
    (void)state;
    size_t R = 4, K = 33, Cn = 9;
    float A[4 * 33], B[33 * 9], init[9], C[4 * 9];
    for (size_t i = 0; i < R * K; i++)
        A[i] = i % 4 == 0 ? 0.0f : (float)rnd_int(10) / 256.0f;
    for (size_t i = 0; i < K * Cn; i++)
        B[i] = (float)rnd_int(10) / 512.0f;
    for (size_t i = 0; i < Cn; i++)
        init[i] = (float)rnd_int(8) / 64.0f;
    for (int t = 0; t < 2; t++) {
        kern_shape s = {R, K, Cn, K, 1, t ? 1 : Cn, t ? K : 1};
        kern_f32(&s, A, B, init, C);
        for (size_t r = 0; r < R; r++)
            for (size_t c = 0; c < Cn; c++) {
                double ref = init[c];
                for (size_t k = 0; k < K; k++)
                    ref += (double)A[r * K + k] * B[k * s.sbk + c * s.sbc];
                assert_true(fabs(ref - C[r * Cn + c]) < 1e-5);
            }
    }
}

/* ---------- the lane rule ---------- */

static esru_config sru_cfg(esru_rounding r, esru_prng_kind k, unsigned n, unsigned m, unsigned lanes)
{
    esru_config c;
    esru_config_default(&c);
    c.in_width = 64;
    c.rounding = r;
    c.prng = k;
    c.sru_width = n;
    c.prng_width = m;
    c.lanes = lanes;
    return c;
}

static void test_lane_rule(void **state)
{
    (void)state;
    const esru_prng_kind kinds[] = {PRNG_LFSR, PRNG_LFSR_INV, PRNG_PLATEAU, PRNG_PAIR, PRNG_SLICED};
    for (unsigned ki = 0; ki < 5; ki++) {
        for (unsigned lanes = 2; lanes <= 6; lanes += 2) {
            esru_config c = sru_cfg(ROUND_SR, kinds[ki], 8, 3, lanes);
            char err[256];
            assert_int_equal(esru_config_check(&c, err, sizeof err), 0);
            quant_bank b;
            quant_bank_init(&b, &c, 77, 0);
            esru_prng ref;
            c.seed = 77;
            esru_prng_init(&ref, &c);
            size_t n = 4 * lanes + 1; /* ends with a partial group */
            int64_t x[64];
            int32_t y[64];
            for (size_t i = 0; i < n; i++)
                x[i] = rnd_int(20);
            for (int pass = 0; pass < 2; pass++) { /* the bank persists across calls */
                quant_stream(&b, x, n, 9, 8, y);
                for (size_t i = 0; i < n; i++) {
                    unsigned lane = (unsigned)(i % lanes);
                    uint64_t w = esru_random_word(esru_prng_value(&ref, lane, NULL), 8, 3, c.fill);
                    assert_int_equal(y[i], esru_round(x[i], 9, 8, ROUND_SR, 8, w, NULL));
                    if (lane == lanes - 1 || i == n - 1)
                        esru_prng_advance(&ref);
                }
            }
            assert_int_equal(b.advances, 2 * 5);
        }
    }
    /* d < 0 is an exact left shift; saturation is counted. */
    esru_config c = sru_cfg(ROUND_RNE, PRNG_LFSR, 8, 3, 1);
    quant_bank b;
    quant_bank_init(&b, &c, 1, 0);
    int64_t x[3] = {3, -5, 100};
    int32_t y[3];
    assert_int_equal(quant_stream(&b, x, 3, -2, 8, y), 1);
    assert_int_equal(y[0], 12);
    assert_int_equal(y[1], -20);
    assert_int_equal(y[2], 127);
    /* dynamic scale: smallest d with max|x| < 2^(w-1) 2^d */
    int64_t v[3] = {5, -127, 3};
    assert_int_equal(quant_dyn_shift(v, 3, 8), 0);
    v[1] = -128;
    assert_int_equal(quant_dyn_shift(v, 3, 8), 1);
    v[1] = 1000;
    assert_int_equal(quant_dyn_shift(v, 3, 8), 3);
}

/* SR keeps sub-LSB updates in expectation: the premise of the trainer. */
static void test_sr_ideal_unbiased(void **state)
{
    (void)state;
    esru_config c = sru_cfg(ROUND_SR, PRNG_LFSR, 8, 3, 4);
    quant_bank b;
    quant_bank_init(&b, &c, 5, 1);
    enum { N = 20000 };
    static int64_t x[N];
    static int32_t y[N];
    for (size_t i = 0; i < N; i++)
        x[i] = -3; /* -3/16 LSB at d = 4 */
    quant_stream(&b, x, N, 4, 8, y);
    double mean = 0;
    for (size_t i = 0; i < N; i++)
        mean += y[i];
    mean /= N;
    assert_true(fabs(mean - (-3.0 / 16)) < 0.01);
}

/* ---------- fp32 finite-difference gradient check ---------- */

static void test_fp32_gradient(void **state)
{
    (void)state;
    mlp_params p;
    memset(&p, 0, sizeof p);
    p.nl = 3;
    p.size[0] = 12, p.size[1] = 7, p.size[2] = 5, p.size[3] = 4;
    p.batch = 3;
    p.weight_width = p.act_width = p.grad_width = 8;
    p.acc_width = 32;
    p.lr = 1.0;
    p.seed = 9;
    p.sru = sru_cfg(ROUND_SR, PRNG_LFSR, 8, 3, 1);
    mlp m;
    mlp_init(&m, &p);
    uint8_t px[36], lab[3] = {0, 3, 2};
    for (int i = 0; i < 36; i++)
        px[i] = (uint8_t)(40 + (i * 37) % 200);
    for (unsigned l = 0; l < 3; l++) /* nonzero biases exercise their gradient too */
        for (unsigned c = 0; c < p.size[l + 1]; c++)
            m.b[l][c] = 0.05f * (float)((int)c - 2);
    unsigned dummy = 0;
    for (unsigned l = 0; l < 3; l++) {
        size_t nw = (size_t)p.size[l] * p.size[l + 1];
        for (size_t t = 0; t < 6; t++) {
            int is_bias = t >= 4;
            size_t i = is_bias ? t % p.size[l + 1] : (t * 17 + 3) % nw;
            float *w = is_bias ? &m.b[l][i] : &m.w[l][i];
            float w0 = *w, eps = 1e-2f;
            m.lr = 0.0f; /* lr 0: the step only evaluates the loss */
            *w = w0 + eps;
            double lp = mlp_fp32_step(&m, px, lab, 3, &dummy) / 3;
            *w = w0 - eps;
            double lm = mlp_fp32_step(&m, px, lab, 3, &dummy) / 3;
            *w = w0;
            double num = (lp - lm) / (2 * eps);
            /* analytic: one step with lr 1 moves w by -g; save and restore all */
            float *save[3], *saveb[3];
            for (unsigned q = 0; q < 3; q++) {
                size_t n = (size_t)p.size[q] * p.size[q + 1];
                save[q] = malloc(n * sizeof(float));
                saveb[q] = malloc(p.size[q + 1] * sizeof(float));
                memcpy(save[q], m.w[q], n * sizeof(float));
                memcpy(saveb[q], m.b[q], p.size[q + 1] * sizeof(float));
            }
            m.lr = 1.0f;
            mlp_fp32_step(&m, px, lab, 3, &dummy);
            double an = (double)w0 - (double)*w;
            for (unsigned q = 0; q < 3; q++) {
                memcpy(m.w[q], save[q], (size_t)p.size[q] * p.size[q + 1] * sizeof(float));
                memcpy(m.b[q], saveb[q], p.size[q + 1] * sizeof(float));
                free(save[q]);
                free(saveb[q]);
            }
            if (fabs(num - an) > 2e-3 + 0.05 * fabs(an))
                fail_msg("layer %u %s %zu: numeric %g analytic %g", l, is_bias ? "bias" : "weight", i, num, an);
        }
    }
    mlp_free(&m);
}

/* ---------- runs on the real data ---------- */

static const char *data_dir(void)
{
    const char *d = getenv("ESRU_FASHION_DIR");
    return d ? d : "/usr/share/datasets/fashion-mnist";
}

static int load_real(size_t ntrain, size_t ntest, idx_set *tr, idx_set *te)
{
    char err[1024];
    if (idx_load(data_dir(), "train", ntrain, tr, err, sizeof err))
        return -1;
    if (idx_load(data_dir(), "t10k", ntest, te, err, sizeof err)) {
        idx_free(tr);
        return -1;
    }
    return 0;
}

static train_opts default_opts(uint64_t seed)
{
    train_opts o;
    memset(&o, 0, sizeof o);
    mlp_params *p = &o.net;
    p->fixed = 1;
    p->nl = 3;
    p->size[0] = 784, p->size[1] = 256, p->size[2] = 128, p->size[3] = 10;
    p->batch = 32;
    p->weight_width = p->act_width = p->grad_width = 8;
    p->acc_width = 32;
    p->lr = 0.0625;
    p->sru = sru_cfg(ROUND_SR, PRNG_PLATEAU, 8, 3, 4);
    p->sru.seed = seed;
    p->seed = seed;
    o.epochs = 1;
    return o;
}

static void test_determinism(void **state)
{
    (void)state;
    idx_set tr, te;
    if (load_real(640, 200, &tr, &te))
        skip();
    static train_result r1, r2, r3;
    /* fp32; fixed point with 8/3 plateau at 4 lanes (a table of one
     * period), and with the default design, 8/3 shared (half fill), at 1
     * and 8 lanes (its block generator: carry-less planes, AVX-512 spreading
     * and scatters, or the portable windows) */
    static const struct {
        int fixed;
        esru_prng_kind kind;
        unsigned lanes;
    } runs[] = {{0, PRNG_PLATEAU, 4}, {1, PRNG_PLATEAU, 4}, {1, PRNG_SHARED, 1}, {1, PRNG_SHARED, 8}};
    for (size_t ri = 0; ri < sizeof runs / sizeof runs[0]; ri++) {
        train_opts o = default_opts(3);
        o.net.fixed = runs[ri].fixed;
        o.net.sru = sru_cfg(ROUND_SR, runs[ri].kind, 8, 3, runs[ri].lanes);
        o.net.sru.seed = 3;
        o.threads = 1;
        assert_int_equal(train_run(&o, &tr, &te, &r1), 0);
        /* any thread count and vector level: the same weights */
        o.threads = 3;
        esru_simd_cap(ESRU_SIMD_PORTABLE);
        assert_int_equal(train_run(&o, &tr, &te, &r2), 0);
        esru_simd_cap(ESRU_SIMD_VNNI);
        assert_int_equal(r2.threads, 3);
        assert_int_equal(r1.weight_hash, r2.weight_hash);
        o.threads = 2;
        assert_int_equal(train_run(&o, &tr, &te, &r2), 0);
        assert_int_equal(r1.weight_hash, r2.weight_hash);
        o.net.seed = o.net.sru.seed = 4;
        assert_int_equal(train_run(&o, &tr, &te, &r3), 0);
        assert_true(r1.weight_hash != r3.weight_hash);
    }
    idx_free(&tr);
    idx_free(&te);
}

static void test_short_training(void **state)
{
    (void)state;
    idx_set tr, te;
    if (load_real(3000, 1000, &tr, &te))
        skip();
    static train_result r;
    train_opts o = default_opts(1);
    o.epochs = 2;
    assert_int_equal(train_run(&o, &tr, &te, &r), 0);
    printf("short fixed 8-bit plateau run: test accuracy %.1f %%\n", 100 * r.ep[1].test_accuracy);
    assert_true(r.ep[1].test_accuracy > 0.5); /* chance is 0.1 */
    idx_free(&tr);
    idx_free(&te);
}

/* ---------- JSON report ---------- */

static void test_json_report(void **state)
{
    (void)state;
    train_opts o = default_opts(7);
    static train_result r;
    memset(&r, 0, sizeof r);
    r.epochs = 2;
    r.ep[1].test_accuracy = 0.5;
    r.ep[1].ovf[OVF_WEIGHT] = 3;
    r.ovf_total[OVF_WEIGHT] = 5;
    r.weight_hash = UINT64_C(0x0123456789abcdef);
    char path[512], err[1024], buf[8192];
    path_of(path, sizeof path, "r.json");
    assert_int_equal(json_write(path, &o, "/data \"x\"", 100, 10, &r, err, sizeof err), 0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    const char *keys[] = {"\"test_accuracy\": 0.500000", "\"overflows\": 5", "\"weight_hash\": \"0123456789abcdef\"",
                          "\"images_per_second\"", "\"rounding\": \"sr\"", "\"prng\": \"plateau\"",
                          "\"data\": \"/data \\\"x\\\"\"", "\"per_epoch\""};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strstr(buf, keys[i]))
            fail_msg("JSON lacks %s:\n%s", keys[i], buf);
    char cmd[600]; /* the temp file was renamed away */
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp", tmpdir);
    assert_int_not_equal(system(cmd), 0);
    path_of(path, sizeof path, "no-such-dir/r.json");
    assert_int_equal(json_write(path, &o, "d", 1, 1, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "no-such-dir"));
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/esrutrain-test-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The bias check's K is the bank's advances per training step, whatever the
 * data: count them on a real step. By hand for the default MLP 784-256-128-10,
 * batch 32, L = 8: the weight bank rounds, per step, 784*256 + 256 + 256*128 +
 * 128 + 128*10 + 10 elements in groups of 8 per tensor: 25088 + 32 + 4096 + 16
 * + 160 + 2 = 29394 advances. The requantization bank: activations 32*256 and
 * 32*128, the output error 32*10, the errors 32*128 and 32*256: 1024 + 512 +
 * 40 + 512 + 1024 = 3112. Plateau's lane period is 14: K even keeps an element
 * on one phase, so with half fill the worst element sees values 1..7 (+1/16 LSB);
 * at L = 3 both K are odd: 0 (docs/training.md). */
static void test_bias_check_strides(void **state)
{
    (void)state;
    train_opts o = default_opts(1);
    mlp_params *p = &o.net;
    p->sru = sru_cfg(ROUND_SR, PRNG_PLATEAU, 8, 3, 8);
    p->sru.fill = FILL_HALF;
    bias_check b;
    assert_int_equal(bias_check_run(p, &b), 0);
    assert_int_equal(b.bank[0].advances, 3112);
    assert_int_equal(b.bank[1].advances, 29394);
    assert_true(b.warn);
    assert_float_equal(fabs(b.bank[1].s.worst), 1.0 / 16, 1e-12);
    /* a real step on real data advances the banks by exactly K */
    idx_set tr, te;
    if (load_real(64, 10, &tr, &te) == 0) {
        mlp m;
        assert_int_equal(mlp_init(&m, p), 0);
        unsigned correct = 0;
        uint64_t ovf[OVF_N] = {0};
        mlp_fixed_step(&m, tr.images, tr.labels, 32, &correct, ovf);
        assert_int_equal(m.rq.advances, 3112);
        assert_int_equal(m.wq.advances, 29394);
        mlp_free(&m);
        idx_free(&tr);
        idx_free(&te);
    }
    p->sru.lanes = 3;
    assert_int_equal(bias_check_run(p, &b), 0);
    assert_false(b.warn);
    assert_float_equal(b.bank[0].s.worst, 0.0, 1e-12);
    p->sru.prng = PRNG_SHARED; /* any stride that is no multiple of 2^17-1 */
    p->sru.lanes = 8;
    assert_int_equal(bias_check_run(p, &b), 0);
    assert_false(b.warn);
    assert_true(fabs(b.bank[1].s.worst) < ldexp(1, -10));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idx_valid),    cmocka_unit_test(test_idx_errors),
        cmocka_unit_test(test_kern_int),     cmocka_unit_test(test_kern_f32),
        cmocka_unit_test(test_lane_rule),    cmocka_unit_test(test_sr_ideal_unbiased),
        cmocka_unit_test(test_fp32_gradient), cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_bias_check_strides),
        cmocka_unit_test(test_short_training), cmocka_unit_test(test_json_report),
    };
    if (getenv("TEST_TRAIN_FILTER")) /* e.g. "test_kern*" */
        cmocka_set_test_filter(getenv("TEST_TRAIN_FILTER"));
    return cmocka_run_group_tests_name("esrutrain", tests, setup, teardown);
}
