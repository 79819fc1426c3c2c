#include "gzin.h"
#include <string.h>

int gzin_open(gzin *g, FILE *f)
{
    memset(g, 0, sizeof *g);
    g->f = f;
    /* 16 + MAX_WBITS: gzip wrapper only, so inflate checks each member's CRC-32 and length. */
    if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK) {
        snprintf(g->err, sizeof g->err, "zlib initialisation failed");
        return -1;
    }
    return 0;
}

static int refill(gzin *g)
{
    if (g->z.avail_in == 0) {
        g->z.next_in = g->in;
        g->z.avail_in = (uInt)fread(g->in, 1, sizeof g->in, g->f);
        g->consumed += g->z.avail_in;
        if (ferror(g->f)) {
            snprintf(g->err, sizeof g->err, "read error");
            return -1;
        }
    }
    return 0;
}

/* After a member: the input must end here or hold another gzip member. */
static int after_member(gzin *g)
{
    g->members++;
    if (refill(g))
        return -1;
    if (g->z.avail_in == 0) {
        g->at_end = 1;
        return 0;
    }
    /* Peek at two bytes (the second may need one more read). */
    unsigned char b0 = g->z.next_in[0], b1 = 0;
    int have_b1 = g->z.avail_in > 1;
    if (have_b1) {
        b1 = g->z.next_in[1];
    } else {
        int c = fgetc(g->f);
        if (c != EOF) {
            g->consumed++;
            g->in[0] = b0;
            g->in[1] = (unsigned char)c;
            g->z.next_in = g->in;
            g->z.avail_in = 2;
            b1 = (unsigned char)c;
            have_b1 = 1;
        }
    }
    unsigned long long offset = g->consumed - g->z.avail_in;
    if (!have_b1 || b0 != 0x1f || b1 != 0x8b) {
        snprintf(g->err, sizeof g->err,
                 "trailing garbage after gzip member %u (byte %llu: 0x%02x%s), not another gzip member", g->members,
                 offset, b0, have_b1 ? "..." : ", the last byte");
        return -1;
    }
    inflateReset(&g->z); /* a following member is valid gzip (concatenated files) */
    return 0;
}

long gzin_read(gzin *g, void *buf, size_t len)
{
    size_t done = 0;
    while (done < len && !g->at_end) {
        size_t want = len - done > (1u << 30) ? (1u << 30) : len - done;
        g->z.next_out = (unsigned char *)buf + done;
        g->z.avail_out = (uInt)want;
        if (g->z.avail_in == 0) {
            if (refill(g))
                return -1;
            if (g->z.avail_in == 0) {
                snprintf(g->err, sizeof g->err, "unexpected end of file inside gzip member %u", g->members + 1);
                return -1;
            }
        }
        int rc = inflate(&g->z, Z_NO_FLUSH);
        done += want - g->z.avail_out;
        if (rc == Z_STREAM_END) {
            if (after_member(g))
                return -1;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            snprintf(g->err, sizeof g->err, "%s", g->z.msg ? g->z.msg : "zlib error");
            return -1;
        }
    }
    return (long)done;
}

void gzin_close(gzin *g)
{
    inflateEnd(&g->z);
}
