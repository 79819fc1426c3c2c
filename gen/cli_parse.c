#include "cli_parse.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int cli_parse_u64(const char *flag, const char *text, uint64_t lo, uint64_t hi, uint64_t *out, char *err,
                  size_t len)
{
    const char *p = text;
    if (*p < '0' || *p > '9') {
        snprintf(err, len, "%s '%s' is not a non-negative whole number (valid: %llu..%llu)", flag, text,
                 (unsigned long long)lo, (unsigned long long)hi);
        return -1;
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(p, &end, 10);
    if (*end != 0) {
        snprintf(err, len, "%s '%s' is not a non-negative whole number (valid: %llu..%llu)", flag, text,
                 (unsigned long long)lo, (unsigned long long)hi);
        return -1;
    }
    if (errno == ERANGE || v < lo || v > hi) {
        snprintf(err, len, "%s %s is out of range (valid: %llu..%llu)", flag, text, (unsigned long long)lo,
                 (unsigned long long)hi);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_uint(const char *flag, const char *text, unsigned lo, unsigned hi, unsigned *out, char *err,
                   size_t len)
{
    uint64_t v;
    if (cli_parse_u64(flag, text, lo, hi, &v, err, len) != 0)
        return -1;
    *out = (unsigned)v;
    return 0;
}
