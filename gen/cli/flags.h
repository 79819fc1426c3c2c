/* The one flag table of every tool (esrugen and its subcommands, esrutrain,
 * the harnesses, config lines, the Python binding): name, type, range,
 * default, help and where the value goes. --help and the README's flag
 * tables are generated from it. */
#ifndef ESRU_FLAGS_H
#define ESRU_FLAGS_H
#include "cli/settings.h"
#include <stdio.h>

typedef enum {
    FT_UINT,   /* unsigned in lo..hi, stored at off */
    FT_U64,    /* uint64_t in lo..hi, stored at off */
    FT_TEXT,   /* a string, stored (not copied) at off */
    FT_SWITCH, /* no value: int at off set to 1 */
    FT_CUSTOM, /* a value handled by set() (choices, lists, RxC, reals) */
} esru_flag_type;

typedef struct esru_flag {
    const char *name;   /* long option, without the dashes */
    char shortopt;      /* e.g. 'o', or 0 */
    esru_flag_type type;
    unsigned tools;     /* ESRU_TOOL_* bits that take this row */
    const char *section;
    const char *metavar;
    uint64_t lo, hi;    /* FT_UINT, FT_U64 (and set() may use them) */
    const char *range;  /* range as documented, when not just lo..hi */
    const char *def;    /* default as documented ("" = none) */
    const char *help;
    size_t off;         /* field in esru_settings */
    int (*set)(esru_settings *s, const struct esru_flag *f, const char *text, char *err, size_t len);
} esru_flag;

/* All rows; n set to their number. */
const esru_flag *esru_flag_table(size_t *n);

/* Parse argv[first..] for s->tool (getopt_long, permuting). On success *next
 * is the index of the first positional argument. -1: err names the value and
 * the valid range (the caller exits 2). */
int esru_flags_parse(esru_settings *s, int argc, char **argv, int *next, char *err, size_t len);
/* One flag by name ("seed" or "--seed"), value NULL for a switch: the path of
 * config lines, make variables and Python keywords. */
int esru_flags_set(esru_settings *s, const char *name, const char *value, char *err, size_t len);
/* A config line "--flag value --switch ..." (no quoting: values have no spaces). */
int esru_flags_parse_line(esru_settings *s, const char *line, char *err, size_t len);

/* The options part of --help for a tool, and a Markdown table of them. */
void esru_flags_usage(unsigned tool, FILE *f);
void esru_flags_markdown(unsigned tool, FILE *f);
/* The tool's name as users type it ("esrugen mac"). */
const char *esru_tool_name(unsigned tool);

#endif
