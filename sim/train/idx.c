#include "idx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* gzread until len bytes or EOF/error; returns bytes read or -1. */
static long read_full(gzFile f, void *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        size_t chunk = len - got > (1u << 30) ? (1u << 30) : len - got;
        int r = gzread(f, (char *)buf + got, (unsigned)chunk);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (long)got;
}

static int gz_fail(gzFile f, const char *path, const char *what, char *err, size_t len)
{
    int code = 0;
    const char *msg = gzerror(f, &code);
    size_t pl = strlen(path); /* zlib prefixes its message with the path */
    if (msg && strncmp(msg, path, pl) == 0 && msg[pl] == ':')
        msg += pl + (msg[pl + 1] == ' ' ? 2 : 1);
    snprintf(err, len, "%s: corrupt gzip data %s (%s)", path, what, msg && *msg ? msg : "zlib error");
    return -1;
}

int idx_read(const char *path, unsigned ndims, size_t limit, uint32_t dims[3], uint8_t **data, char *err,
             size_t errlen)
{
    *data = NULL;
    gzFile f = gzopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open (missing file? use --data DIR)", path);
        return -1;
    }
    unsigned char hdr[16];
    size_t hlen = 4 + 4 * (size_t)ndims;
    long r = read_full(f, hdr, hlen);
    if (r < 0) {
        gz_fail(f, path, "in the header", err, errlen);
        gzclose(f);
        return -1;
    }
    if ((size_t)r < hlen) {
        snprintf(err, errlen, "%s: truncated IDX header (%ld of %zu bytes)", path, r, hlen);
        gzclose(f);
        return -1;
    }
    /* Magic: two zero bytes, type 0x08 (unsigned byte), number of dims. */
    if (hdr[0] || hdr[1] || hdr[2] != 0x08 || hdr[3] != ndims) {
        snprintf(err, errlen, "%s: bad IDX magic %02x%02x%02x%02x (expected 000008%02x)", path, hdr[0], hdr[1],
                 hdr[2], hdr[3], ndims);
        gzclose(f);
        return -1;
    }
    size_t item = 1;
    for (unsigned i = 0; i < ndims; i++) {
        const unsigned char *p = hdr + 4 + 4 * i;
        dims[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        if (i > 0) {
            if (dims[i] == 0 || dims[i] > 4096) {
                snprintf(err, errlen, "%s: implausible IDX dimension %u", path, (unsigned)dims[i]);
                gzclose(f);
                return -1;
            }
            item *= dims[i];
        }
    }
    if (dims[0] == 0 || dims[0] > 10000000u) {
        snprintf(err, errlen, "%s: implausible IDX item count %u", path, (unsigned)dims[0]);
        gzclose(f);
        return -1;
    }
    size_t n = limit && limit < dims[0] ? limit : dims[0];
    uint8_t *buf = malloc(n * item);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", path);
        gzclose(f);
        return -1;
    }
    r = read_full(f, buf, n * item);
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
        /* Reading past the end makes zlib verify the gzip CRC and length. */
        unsigned char extra;
        r = read_full(f, &extra, 1);
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
    gzclose(f);
    dims[0] = (uint32_t)n;
    *data = buf;
    return 0;
fail:
    free(buf);
    gzclose(f);
    return -1;
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
