#include "idx.h"
#include "gzin.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int gz_fail(const gzin *g, const char *path, const char *what, char *err, size_t len)
{
    snprintf(err, len, "%s: corrupt gzip data %s (%s)", path, what, g->err);
    return -1;
}

int idx_read_stream(FILE *in, const char *path, unsigned ndims, size_t limit, uint32_t dims[3], uint8_t **data,
                    char *err, size_t errlen)
{
    *data = NULL;
    gzin *f = malloc(sizeof *f);
    if (!f) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (gzin_open(f, in)) {
        snprintf(err, errlen, "%s: %s", path, f->err);
        free(f);
        return -1;
    }
    uint8_t *buf = NULL;
    unsigned char hdr[16];
    size_t hlen = 4 + 4 * (size_t)ndims;
    long r = gzin_read(f, hdr, hlen);
    if (r < 0) {
        gz_fail(f, path, "in the header", err, errlen);
        goto fail;
    }
    if ((size_t)r < hlen) {
        snprintf(err, errlen, "%s: truncated IDX header (%ld of %zu bytes)", path, r, hlen);
        goto fail;
    }
    /* Magic: two zero bytes, type 0x08 (unsigned byte), number of dims. */
    if (hdr[0] || hdr[1] || hdr[2] != 0x08 || hdr[3] != ndims) {
        snprintf(err, errlen, "%s: bad IDX magic %02x%02x%02x%02x (expected 000008%02x)", path, hdr[0], hdr[1],
                 hdr[2], hdr[3], ndims);
        goto fail;
    }
    for (unsigned i = 0; i < ndims; i++) {
        const unsigned char *p = hdr + 4 + 4 * i;
        dims[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    }
    if (dims[0] == 0 || dims[0] > IDX_MAX_ITEMS) {
        snprintf(err, errlen, "%s: IDX header claims %u items (valid: 1..%u)", path, (unsigned)dims[0],
                 IDX_MAX_ITEMS);
        goto fail;
    }
    size_t item = 1;
    if (ndims == 3) {
        if (dims[1] == 0 || dims[1] > IDX_MAX_SIDE || dims[2] == 0 || dims[2] > IDX_MAX_SIDE) {
            snprintf(err, errlen, "%s: IDX header claims %ux%u images (valid: rows and cols 1..%u)", path,
                     (unsigned)dims[1], (unsigned)dims[2], IDX_MAX_SIDE);
            goto fail;
        }
        item = (size_t)dims[1] * dims[2];
    }
    size_t n = limit && limit < dims[0] ? limit : dims[0];
    /* n <= 10^6 and item <= 2^16: the product cannot overflow 64 bits. */
    if ((uint64_t)n * item > IDX_MAX_BYTES) {
        snprintf(err, errlen, "%s: IDX header claims %u items of %zu bytes; reading %zu of them needs %llu bytes "
                 "(valid: at most %llu)", path, (unsigned)dims[0], item, n, (unsigned long long)n * item,
                 (unsigned long long)IDX_MAX_BYTES);
        goto fail;
    }
    buf = malloc(n * item);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory (%zu bytes)", path, n * item);
        goto fail;
    }
    r = gzin_read(f, buf, n * item);
    if (r < 0) {
        gz_fail(f, path, "in the images/labels", err, errlen);
        goto fail;
    }
    if ((size_t)r < n * item) {
        snprintf(err, errlen, "%s: truncated: header promises %u items, data ends after %zu bytes of %zu", path,
                 (unsigned)dims[0], (size_t)r, n * item);
        goto fail;
    }
    if (n == dims[0]) {
        /* Reading past the end makes zlib verify the CRC and length, and
           gzin reject bytes after the last gzip member. */
        unsigned char extra;
        r = gzin_read(f, &extra, 1);
        if (r < 0) {
            gz_fail(f, path, "at the end of the stream", err, errlen);
            goto fail;
        }
        if (r > 0) {
            snprintf(err, errlen, "%s: trailing bytes after %u items (corrupt or wrong header)", path,
                     (unsigned)dims[0]);
            goto fail;
        }
    }
    gzin_close(f);
    free(f);
    dims[0] = (uint32_t)n;
    *data = buf;
    return 0;
fail:
    free(buf);
    gzin_close(f);
    free(f);
    return -1;
}

int idx_read(const char *path, unsigned ndims, size_t limit, uint32_t dims[3], uint8_t **data, char *err,
             size_t errlen)
{
    *data = NULL;
    FILE *in = fopen(path, "rb");
    if (!in) {
        snprintf(err, errlen, "%s: cannot open: %s (missing file? use --data DIR)", path, strerror(errno));
        return -1;
    }
    int rc = idx_read_stream(in, path, ndims, limit, dims, data, err, errlen);
    fclose(in);
    return rc;
}

int idx_load(const char *dir, const char *split, size_t limit, idx_set *out, char *err, size_t errlen)
{
    char ipath[4096], lpath[4096];
    uint32_t idims[3], ldims[3];
    memset(out, 0, sizeof *out);
    snprintf(ipath, sizeof ipath, "%s/%s-images-idx3-ubyte.gz", dir, split);
    snprintf(lpath, sizeof lpath, "%s/%s-labels-idx1-ubyte.gz", dir, split);
    if (idx_read(ipath, 3, limit, idims, &out->images, err, errlen))
        return -1;
    if (idx_read(lpath, 1, limit, ldims, &out->labels, err, errlen)) {
        idx_free(out);
        return -1;
    }
    if (idims[0] != ldims[0]) {
        snprintf(err, errlen, "%s: %u labels but %s has %u images", lpath, (unsigned)ldims[0], ipath,
                 (unsigned)idims[0]);
        idx_free(out);
        return -1;
    }
    for (size_t i = 0; i < ldims[0]; i++) {
        if (out->labels[i] > 9) {
            snprintf(err, errlen, "%s: label %u of item %zu is out of range (valid: 0..9)", lpath, out->labels[i], i);
            idx_free(out);
            return -1;
        }
    }
    out->n = idims[0];
    out->rows = idims[1];
    out->cols = idims[2];
    return 0;
}

void idx_free(idx_set *s)
{
    free(s->images);
    free(s->labels);
    memset(s, 0, sizeof *s);
}
