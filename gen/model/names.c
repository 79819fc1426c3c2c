#include "model/names.h"
#include <stdio.h>
#include <string.h>

static const char *const keywords[] = {
#define ESRU_KEYWORD(word, standard) word,
#include "model/verilog_keywords.def"
#undef ESRU_KEYWORD
};
static const char *const keyword_std[] = {
#define ESRU_KEYWORD(word, standard) standard,
#include "model/verilog_keywords.def"
#undef ESRU_KEYWORD
};
#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

#define ESRU_SUFFIX(s) s,
#define ESRU_TOP_IDENT(s)
static const char *const suffixes[] = {
#include "model/rtl_names.def"
};
#undef ESRU_SUFFIX
#undef ESRU_TOP_IDENT
#define ESRU_SUFFIX(s)
#define ESRU_TOP_IDENT(s) s,
static const char *const top_idents[] = {
#include "model/rtl_names.def"
};
#undef ESRU_SUFFIX
#undef ESRU_TOP_IDENT
#define NSUFFIXES (sizeof suffixes / sizeof suffixes[0])
#define NTOP (sizeof top_idents / sizeof top_idents[0])

const char *esru_keyword(size_t i) { return i < NKEYWORDS ? keywords[i] : NULL; }

/* pattern: '#' is one or more decimal digits, everything else itself. */
static int matches(const char *pattern, const char *s)
{
    for (; *pattern; pattern++) {
        if (*pattern != '#') {
            if (*s++ != *pattern)
                return 0;
            continue;
        }
        if (*s < '0' || *s > '9')
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == 0;
}

static int ends_with(const char *s, const char *tail, size_t tail_len)
{
    size_t n = strlen(s);
    return n > tail_len && !strncmp(s + n - tail_len, tail, tail_len);
}

/* A tail that puts a module of design NAME on a module of another design:
 * a whole suffix, or the part of a suffix before a shorter one it ends in.
 * The longest such tail of name, or NULL. */
static const char *clashing_tail(const char *name, size_t *tail_len)
{
    const char *found = NULL;
    *tail_len = 0;
    for (size_t i = 0; i < NSUFFIXES; i++) {
        size_t li = strlen(suffixes[i]);
        for (size_t j = 0; j <= NSUFFIXES; j++) {
            /* j == NSUFFIXES: the whole suffix; else suffix i minus suffix j */
            size_t lj = j < NSUFFIXES ? strlen(suffixes[j]) : 0;
            if (j < NSUFFIXES && (lj >= li || strcmp(suffixes[i] + li - lj, suffixes[j])))
                continue;
            if (li - lj > *tail_len && ends_with(name, suffixes[i], li - lj)) {
                *tail_len = li - lj;
                found = suffixes[i];
            }
        }
    }
    return found;
}

int esru_name_check(const char *name, size_t max, char *err, size_t len)
{
    static const char valid[] = "valid: a letter, then letters, digits and _; not a Verilog or SystemVerilog "
                                "keyword or a signal of the generated top; docs/interface.md";
    size_t n = strnlen(name, max);
    if (n == max) {
        snprintf(err, len, "--name '%.*s...' is longer than %zu characters (%s)", 16, name, max - 1, valid);
        return -1;
    }
    int ok = (name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z');
    for (const char *p = name; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (!ok) {
        snprintf(err, len, "--name '%s' is not a Verilog identifier (%s)", name, valid);
        return -1;
    }
    for (size_t i = 0; i < NKEYWORDS; i++)
        if (!strcmp(name, keywords[i])) {
            snprintf(err, len, "--name '%s' is a reserved word of %s, refused by Verilator and Icarus (%s)", name,
                     keyword_std[i], valid);
            return -1;
        }
    for (size_t i = 0; i < NTOP; i++)
        if (matches(top_idents[i], name)) {
            snprintf(err, len,
                     "--name '%s' is the name of a signal inside the generated top module, which Verilator "
                     "refuses (%s)",
                     name, valid);
            return -1;
        }
    return 0;
}

int esru_name_clash(const char *name, char *msg, size_t len)
{
    size_t tl, n = strlen(name);
    const char *suffix = clashing_tail(name, &tl);
    if (!suffix)
        return 0;
    snprintf(msg, len,
             "--name '%s' ends in '%.*s': a module of this design has the name of the %s module of a design "
             "named '%.*s'; do not compile the two together",
             name, (int)tl, name + n - tl, suffix, (int)(n - tl), name);
    return 1;
}
