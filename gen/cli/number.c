#include "cli/number.h"
#include <stdio.h>
#include <string.h>

/* The grammar alone: a nonempty run of digits, no leading zero, no overflow. */
static const char *grammar_error(const char *text, uint64_t *out)
{
    if (!text[0])
        return "is empty";
    uint64_t v = 0;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return "is not a decimal whole number (digits only: no sign, spaces or prefix)";
        unsigned d = (unsigned)(*p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return "is out of range";
        v = v * 10 + d;
    }
    if (text[0] == '0' && text[1])
        return "has a leading zero (write decimal without leading zeros)";
    *out = v;
    return NULL;
}

int esru_parse_u64(const char *what, const char *text, uint64_t lo, uint64_t hi, uint64_t *out, char *err,
                   size_t len)
{
    uint64_t v = 0;
    const char *why = grammar_error(text, &v);
    if (!why && (v < lo || v > hi))
        why = "is out of range";
    if (why) {
        snprintf(err, len, "%s '%s' %s (valid: %llu..%llu)", what, text, why, (unsigned long long)lo,
                 (unsigned long long)hi);
        return -1;
    }
    *out = v;
    return 0;
}

int esru_parse_uint(const char *what, const char *text, unsigned lo, unsigned hi, unsigned *out, char *err,
                    size_t len)
{
    uint64_t v;
    if (esru_parse_u64(what, text, lo, hi, &v, err, len) != 0)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int esru_parse_real(const char *what, const char *text, double lo, double hi, double *out, char *err, size_t len)
{
    const char *dot = strchr(text, '.');
    size_t ilen = dot ? (size_t)(dot - text) : strlen(text);
    int ok = ilen > 0 && ilen < 20 && !(text[0] == '0' && ilen > 1);
    double v = 0;
    for (size_t i = 0; ok && i < ilen; i++) {
        ok = text[i] >= '0' && text[i] <= '9';
        v = v * 10 + (text[i] - '0');
    }
    if (ok && dot) {
        ok = dot[1] != 0 && strlen(dot + 1) <= 30;
        double scale = 0.1;
        for (const char *p = dot + 1; ok && *p; p++, scale /= 10) {
            ok = *p >= '0' && *p <= '9';
            v += (*p - '0') * scale;
        }
    }
    if (!ok) {
        snprintf(err, len, "%s '%s' is not a decimal number such as 0.0625 (no sign, exponent or spaces) "
                 "(valid: %g < x <= %g)", what, text, lo, hi);
        return -1;
    }
    if (!(v > lo && v <= hi)) {
        snprintf(err, len, "%s '%s' is out of range (valid: %g < x <= %g)", what, text, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

int esru_parse_dims(const char *what, const char *text, unsigned lo, unsigned hi, unsigned *r, unsigned *c,
                    char *err, size_t len)
{
    const char *x = strchr(text, 'x');
    char a[32], inner[64];
    uint64_t vr, vc;
    if (!x || (size_t)(x - text) >= sizeof a) {
        snprintf(err, len, "%s '%s' is not RxC (valid: R and C in %u..%u, e.g. 8x8)", what, text, lo, hi);
        return -1;
    }
    memcpy(a, text, (size_t)(x - text));
    a[x - text] = 0;
    snprintf(inner, sizeof inner, "%s rows", what);
    if (esru_parse_u64(inner, a, lo, hi, &vr, err, len) != 0)
        return -1;
    snprintf(inner, sizeof inner, "%s columns", what);
    if (esru_parse_u64(inner, x + 1, lo, hi, &vc, err, len) != 0)
        return -1;
    *r = (unsigned)vr;
    *c = (unsigned)vc;
    return 0;
}

int esru_parse_list(const char *what, const char *text, unsigned lo, unsigned hi, unsigned max, unsigned *out,
                    unsigned *n, char *err, size_t len)
{
    char item[32], inner[96];
    unsigned k = 0;
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (k == max || l >= sizeof item) {
            snprintf(err, len, "%s '%s' is invalid (valid: 1..%u comma-separated numbers in %u..%u)", what, text,
                     max, lo, hi);
            return -1;
        }
        memcpy(item, p, l);
        item[l] = 0;
        snprintf(inner, sizeof inner, "%s item %u", what, k + 1);
        if (esru_parse_uint(inner, item, lo, hi, &out[k], err, len) != 0)
            return -1;
        k++;
        if (!comma)
            break;
        p = comma + 1;
    }
    *n = k;
    return 0;
}
