/* Fill an embedded Verilog template: every {{KEY}} is replaced by its value. */
#ifndef ESRU_TEMPLATE_H
#define ESRU_TEMPLATE_H
#include "io/strbuf.h"

typedef struct {
    const char *key;
    const char *value;
} tmpl_var;

/* Appends the filled template to out. Returns 0, or -1 (with a message on
 * stderr) for an unknown template or a key without a value: a generator bug. */
int tmpl_fill(const char *template_name, const tmpl_var *vars, size_t nvars, strbuf *out);

#endif
