/* The IDX loader on bad files made here: header limits checked before any
 * allocation, strict gzip (CRC, truncation, nothing after the last member),
 * and the stream entry point the fuzzer uses. Each rejection is paired with
 * a near-identical file that loads, so the check cannot pass by rejecting all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/train/idx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static char tmpdir[256];

static void path_of(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s/%s", tmpdir, name);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* An image IDX file: header claims count x rows x cols, `items` images written.
 * mode "wb" writes a new file, "ab" appends a second gzip member. */
static void write_images(const char *path, const char *mode, uint32_t count, uint32_t rows, uint32_t cols,
                         size_t items)
{
    unsigned char hdr[16] = {0, 0, 0x08, 3};
    put32(hdr + 4, count);
    put32(hdr + 8, rows);
    put32(hdr + 12, cols);
    gzFile f = gzopen(path, mode);
    assert_non_null(f);
    assert_int_equal(gzwrite(f, hdr, sizeof hdr), (int)sizeof hdr);
    size_t len = items * rows * cols;
    unsigned char *px = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++)
        px[i] = (unsigned char)(i * 7);
    if (len)
        assert_int_equal(gzwrite(f, px, (unsigned)len), (int)len);
    free(px);
    assert_int_equal(gzclose(f), Z_OK);
}

static void append_bytes(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

/* idx_read must fail with a message containing every needle. */
static void expect_reject(const char *path, size_t limit, const char *const *needles)
{
    uint32_t dims[3];
    uint8_t *data = (uint8_t *)1;
    char err[1024];
    assert_int_equal(idx_read(path, 3, limit, dims, &data, err, sizeof err), -1);
    assert_null(data);
    for (; *needles; needles++)
        if (!strstr(err, *needles))
            fail_msg("message '%s' lacks '%s'", err, *needles);
}

static void expect_load(const char *path, size_t limit, uint32_t items, uint32_t rows, uint32_t cols)
{
    uint32_t dims[3];
    uint8_t *data;
    char err[1024];
    if (idx_read(path, 3, limit, dims, &data, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(dims[0], items);
    assert_int_equal(dims[1], rows);
    assert_int_equal(dims[2], cols);
    for (size_t i = 0; i < (size_t)items * rows * cols; i++)
        assert_int_equal(data[i], (unsigned char)(i * 7));
    free(data);
}

static void test_dimension_limits_before_allocation(void **state)
{
    (void)state;
    char p[512];
    /* The case: one 4096x4096 image (16 MiB) is refused by the
       per-side limit, with file, dims and limit in the message. The data is
       not even written: the header alone must decide. */
    path_of(p, sizeof p, "big.gz");
    write_images(p, "wb", 1, 4096, 4096, 0);
    expect_reject(p, 0, (const char *const[]){p, "4096x4096", "1..256", NULL});
    path_of(p, sizeof p, "wide.gz");
    write_images(p, "wb", 1, 28, IDX_MAX_SIDE + 1, 0);
    expect_reject(p, 0, (const char *const[]){"28x257", "1..256", NULL});
    path_of(p, sizeof p, "zero.gz");
    write_images(p, "wb", 1, 0, 28, 0);
    expect_reject(p, 0, (const char *const[]){"0x28", NULL});
    /* The largest side is accepted (one image of 256x256). */
    path_of(p, sizeof p, "side.gz");
    write_images(p, "wb", 1, IDX_MAX_SIDE, IDX_MAX_SIDE, 1);
    expect_load(p, 0, 1, IDX_MAX_SIDE, IDX_MAX_SIDE);
    /* Item count over the limit, and zero items. */
    path_of(p, sizeof p, "many.gz");
    write_images(p, "wb", IDX_MAX_ITEMS + 1, 1, 1, 0);
    expect_reject(p, 0, (const char *const[]){"1000001 items", "1..1000000", NULL});
    path_of(p, sizeof p, "none.gz");
    write_images(p, "wb", 0, 1, 1, 0);
    expect_reject(p, 0, (const char *const[]){"0 items", NULL});
    /* Total size: 4097 images of 256x256 = 4097 * 65536 bytes > 2^28 = 4096 * 65536. */
    path_of(p, sizeof p, "total.gz");
    write_images(p, "wb", 4097, 256, 256, 1);
    expect_reject(p, 0, (const char *const[]){"268500992 bytes", "at most 268435456", NULL});
    /* ... but reading only the first image of the same file is within the limit. */
    expect_load(p, 1, 1, 256, 256);
}

static void test_trailing_garbage(void **state)
{
    (void)state;
    char p[512];
    /* Control: the same file without the extra bytes loads. */
    path_of(p, sizeof p, "clean.gz");
    write_images(p, "wb", 3, 2, 5, 3);
    expect_load(p, 0, 3, 2, 5);
    /* Text after the member (zlib's gzread ignores it); 0x67 is 'g'. */
    append_bytes(p, "garbage\n", 8);
    expect_reject(p, 0, (const char *const[]){p, "trailing garbage after gzip member 1", "0x67", NULL});
    /* A single stray gzip magic byte is not a member either. */
    path_of(p, sizeof p, "one.gz");
    write_images(p, "wb", 3, 2, 5, 3);
    append_bytes(p, "\x1f", 1);
    expect_reject(p, 0, (const char *const[]){"trailing garbage", "0x1f, the last byte", NULL});
    /* The first magic byte of gzip, but not the second: still garbage. */
    path_of(p, sizeof p, "half-magic.gz");
    write_images(p, "wb", 3, 2, 5, 3);
    append_bytes(p, "\x1f\x00junk", 6);
    expect_reject(p, 0, (const char *const[]){"trailing garbage", "0x1f...", NULL});
    /* Zero padding (as some tape and block tools leave). */
    path_of(p, sizeof p, "pad.gz");
    write_images(p, "wb", 3, 2, 5, 3);
    append_bytes(p, "\0\0\0\0", 4);
    expect_reject(p, 0, (const char *const[]){"trailing garbage", "0x00", NULL});
    /* A second gzip member that starts right but is cut short. */
    path_of(p, sizeof p, "cut.gz");
    write_images(p, "wb", 3, 2, 5, 3);
    append_bytes(p, "\x1f\x8b\x08\x00", 4);
    expect_reject(p, 0, (const char *const[]){"corrupt gzip data", NULL});
}

static void test_concatenated_members_are_gzip(void **state)
{
    (void)state;
    /* Two complete members are valid gzip (RFC 1952, `cat a.gz b.gz`), so the
       trailing-garbage check must accept them. The payload is split across
       them: member 1 = header + images 0..1, member 2 = image 2. */
    char p[512];
    path_of(p, sizeof p, "multi.gz");
    unsigned char hdr[16] = {0, 0, 0x08, 3};
    put32(hdr + 4, 3);
    put32(hdr + 8, 2);
    put32(hdr + 12, 5);
    unsigned char px[30];
    for (unsigned i = 0; i < sizeof px; i++)
        px[i] = (unsigned char)(i * 7);
    gzFile f = gzopen(p, "wb");
    gzwrite(f, hdr, sizeof hdr);
    gzwrite(f, px, 20);
    gzclose(f);
    f = gzopen(p, "ab");
    gzwrite(f, px + 20, 10);
    gzclose(f);
    expect_load(p, 0, 3, 2, 5);
}

static void test_not_gzip_and_truncated(void **state)
{
    (void)state;
    char p[512];
    /* A raw (uncompressed) IDX file. */
    path_of(p, sizeof p, "raw");
    unsigned char raw[16 + 10] = {0, 0, 0x08, 3};
    put32(raw + 4, 1);
    put32(raw + 8, 2);
    put32(raw + 12, 5);
    FILE *f = fopen(p, "wb");
    fwrite(raw, 1, sizeof raw, f);
    fclose(f);
    expect_reject(p, 0, (const char *const[]){p, "corrupt gzip data", "header check", NULL});
    /* A gzip file cut in the middle of its compressed data. */
    path_of(p, sizeof p, "half.gz");
    write_images(p, "wb", 50, 28, 28, 50);
    f = fopen(p, "rb");
    unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 100 && n < sizeof buf);
    f = fopen(p, "wb");
    fwrite(buf, 1, n / 2, f);
    fclose(f);
    expect_reject(p, 0, (const char *const[]){"unexpected end of file", NULL});
    /* Empty file. */
    path_of(p, sizeof p, "empty.gz");
    fclose(fopen(p, "wb"));
    expect_reject(p, 0, (const char *const[]){"unexpected end of file", NULL});
}

static void test_stream_entry_point(void **state)
{
    (void)state;
    /* The fuzzer's entry: the same bytes from memory load the same way. */
    char p[512];
    path_of(p, sizeof p, "mem.gz");
    write_images(p, "wb", 2, 3, 4, 2);
    FILE *f = fopen(p, "rb");
    unsigned char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    FILE *m = fmemopen(buf, n, "rb");
    uint32_t dims[3];
    uint8_t *data;
    char err[512];
    assert_int_equal(idx_read_stream(m, "mem", 3, 0, dims, &data, err, sizeof err), 0);
    fclose(m);
    assert_int_equal(dims[0], 2);
    assert_int_equal(data[23], (unsigned char)(23 * 7));
    free(data);
    buf[n - 1] ^= 1; /* the gzip length field: must now fail */
    m = fmemopen(buf, n, "rb");
    assert_int_equal(idx_read_stream(m, "mem", 3, 0, dims, &data, err, sizeof err), -1);
    fclose(m);
    assert_non_null(strstr(err, "mem: corrupt gzip data"));
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/esru-test-idx-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dimension_limits_before_allocation),
        cmocka_unit_test(test_trailing_garbage),
        cmocka_unit_test(test_concatenated_members_are_gzip),
        cmocka_unit_test(test_not_gzip_and_truncated),
        cmocka_unit_test(test_stream_entry_point),
    };
    return cmocka_run_group_tests_name("idx", tests, setup, teardown);
}
