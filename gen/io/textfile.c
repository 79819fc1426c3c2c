#include "io/textfile.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

char *esru_read_text(const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    int err = buf ? 0 : ENOMEM;
    for (size_t got; !err && (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (max && n > max)
            err = EFBIG;
        else if (n + 1 == cap) {
            char *more = realloc(buf, cap *= 2);
            if (more)
                buf = more;
            else
                err = ENOMEM;
        }
    }
    if (!err && ferror(f))
        err = EIO;
    fclose(f);
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    buf[n] = 0;
    return buf;
}
