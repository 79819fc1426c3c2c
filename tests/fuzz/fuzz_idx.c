/* libFuzzer harness: the IDX loader (gzip + header + data) on arbitrary bytes.
 * The first byte: bit 0 picks images (3 dims) or labels (1 dim), bits 1-3 an
 * item limit (0: the whole file), bit 4 "plain": the harness gzips the rest
 * itself first. zlib is not instrumented, so without plain mode the fuzzer
 * could hardly ever turn mutated compressed bytes into a new IDX header;
 * with it, the header and data checks are fuzzed directly, and the raw mode
 * still fuzzes the gzip framing (trailing bytes, members, CRC). */
#include "sim/train/idx.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* One gzip member holding src (deflate level 1: the fuzzer's speed matters). */
static unsigned char *gzip_of(const uint8_t *src, size_t n, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, (uLong)n) + 32;
    unsigned char *out = malloc(cap);
    z.next_in = (unsigned char *)src;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned ndims = data[0] & 1 ? 3 : 1;
    size_t limit = (data[0] >> 1) & 7;
    const uint8_t *body = data + 1;
    size_t len = size - 1;
    unsigned char *packed = NULL;
    if (data[0] & 0x10) {
        packed = gzip_of(body, len, &len);
        if (!packed)
            return 0;
        body = packed;
    }
    /* fmemopen refuses size 0 on some libcs: open one byte and skip it. */
    FILE *in = fmemopen((void *)(len ? body : data), len ? len : 1, "rb");
    if (!in) {
        free(packed);
        return 0;
    }
    if (!len)
        fgetc(in);
    uint32_t dims[3];
    uint8_t *items = NULL;
    char err[512];
    if (idx_read_stream(in, "fuzz", ndims, limit, dims, &items, err, sizeof err) == 0) {
        /* Touch every byte the loader claims to have read: ASan checks the size. */
        size_t n = dims[0];
        if (ndims == 3)
            n *= (size_t)dims[1] * dims[2];
        volatile uint8_t sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += items[i];
        (void)sum;
    }
    free(items);
    free(packed);
    fclose(in);
    return 0;
}
