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

/* "AxB" with A in lo[0]..hi[0] and B in lo[1]..hi[1], each named in errors
 * ("--array rows"); form ("RxC") and example say what was expected. */
static int parse_x(const char *what, const char *text, const char *form, const char *example,
                   const char *const name[2], const unsigned lo[2], const unsigned hi[2], unsigned *a, unsigned *b,
                   char *err, size_t len)
{
    const char *x = strchr(text, 'x');
    char part[32], inner[96];
    uint64_t v[2];
    if (!x || (size_t)(x - text) >= sizeof part) {
        snprintf(err, len, "%s '%s' is not %s (valid: %c in %u..%u, %c in %u..%u, e.g. %s)", what, text, form,
                 form[0], lo[0], hi[0], form[2], lo[1], hi[1], example);
        return -1;
    }
    memcpy(part, text, (size_t)(x - text));
    part[x - text] = 0;
    for (int i = 0; i < 2; i++) {
        snprintf(inner, sizeof inner, "%s %s", what, name[i]);
        if (esru_parse_u64(inner, i ? x + 1 : part, lo[i], hi[i], &v[i], err, len) != 0)
            return -1;
    }
    *a = (unsigned)v[0];
    *b = (unsigned)v[1];
    return 0;
}

int esru_parse_dims(const char *what, const char *text, unsigned lo, unsigned hi, unsigned *r, unsigned *c,
                    char *err, size_t len)
{
    const char *const name[2] = {"rows", "columns"};
    const unsigned los[2] = {lo, lo}, his[2] = {hi, hi};
    return parse_x(what, text, "RxC", "8x8", name, los, his, r, c, err, len);
}

/* The comma-separated items of text into item[0 .. *n) (an empty one is
 * kept: its parser refuses it); -1 when there are more than max (at most
 * ITEMS_MAX) or one is too long. */
#define ITEMS_MAX 64
#define ITEM_CHARS 32
static int split_items(const char *text, unsigned max, char item[][ITEM_CHARS], unsigned *n)
{
    unsigned k = 0;
    for (const char *p = text; p; k++) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (k == max || k == ITEMS_MAX || l >= ITEM_CHARS)
            return -1;
        memcpy(item[k], p, l);
        item[k][l] = 0;
        p = comma ? comma + 1 : NULL;
    }
    *n = k;
    return 0;
}

int esru_parse_list(const char *what, const char *text, unsigned lo, unsigned hi, unsigned max, unsigned *out,
                    unsigned *n, char *err, size_t len)
{
    char item[ITEMS_MAX][ITEM_CHARS], inner[96];
    unsigned k;
    if (split_items(text, max, item, &k) != 0) {
        snprintf(err, len, "%s '%s' is invalid (valid: 1..%u comma-separated numbers in %u..%u)", what, text, max,
                 lo, hi);
        return -1;
    }
    for (unsigned i = 0; i < k; i++) {
        snprintf(inner, sizeof inner, "%s item %u", what, i + 1);
        if (esru_parse_uint(inner, item[i], lo, hi, &out[i], err, len) != 0)
            return -1;
    }
    *n = k;
    return 0;
}

int esru_parse_pairs(const char *what, const char *text, const char *form, const char *example,
                     const char *const name[2], const unsigned lo[2], const unsigned hi[2], unsigned max, unsigned *a,
                     unsigned *b, unsigned *n, char *err, size_t len)
{
    char item[ITEMS_MAX][ITEM_CHARS], inner[96];
    unsigned k;
    if (split_items(text, max, item, &k) != 0) {
        snprintf(err, len, "%s '%s' is invalid (valid: 1..%u comma-separated %s, %c in %u..%u, %c in %u..%u)", what,
                 text, max, form, form[0], lo[0], hi[0], form[2], lo[1], hi[1]);
        return -1;
    }
    for (unsigned i = 0; i < k; i++) {
        snprintf(inner, sizeof inner, "%s item %u", what, i + 1);
        if (parse_x(inner, item[i], form, example, name, lo, hi, &a[i], &b[i], err, len) != 0)
            return -1;
    }
    *n = k;
    return 0;
}
