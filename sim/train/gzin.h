/* Strict gzip input for the IDX loader: zlib's inflate over a FILE, one or
 * more complete gzip members and nothing else. gzread() silently ignores
 * bytes after the last member; this reader reports them as an error. */
#ifndef TRAIN_GZIN_H
#define TRAIN_GZIN_H
#include <stddef.h>
#include <stdio.h>
#include <zlib.h>

typedef struct {
    FILE *f;
    z_stream z;
    unsigned char in[1 << 16];
    unsigned long long consumed; /* compressed bytes handed to inflate, for messages */
    unsigned members;            /* gzip members finished */
    int at_end;                  /* clean end: last member complete, no bytes after it */
    char err[200];               /* the last error, without the file name */
} gzin;

/* Starts reading f (not closed by gzin). Returns 0, or -1 (err set). */
int gzin_open(gzin *g, FILE *f);
/* Up to len uncompressed bytes; fewer only at the clean end. Returns the
 * count, or -1 with err set (corrupt or truncated data, trailing garbage). */
long gzin_read(gzin *g, void *buf, size_t len);
void gzin_close(gzin *g);

#endif
