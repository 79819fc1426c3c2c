#include "rtl/template.h"
#include "templates.h"
#include <stdio.h>
#include <string.h>

static const char *find_template(const char *name)
{
    for (const esru_template_file *t = esru_templates; t->name; t++)
        if (strcmp(t->name, name) == 0)
            return t->text;
    return NULL;
}

int tmpl_fill(const char *name, const tmpl_var *vars, size_t nvars, strbuf *out)
{
    const char *p = find_template(name);
    if (!p) {
        fprintf(stderr, "esrugen: internal error: no template %s\n", name);
        return -1;
    }
    for (;;) {
        const char *open = strstr(p, "{{");
        if (!open) {
            sb_add(out, p);
            return 0;
        }
        const char *close = strstr(open, "}}");
        if (!close) {
            fprintf(stderr, "esrugen: internal error: unclosed {{ in template %s\n", name);
            return -1;
        }
        sb_addn(out, p, (size_t)(open - p));
        size_t klen = (size_t)(close - open - 2);
        const char *value = NULL;
        for (size_t i = 0; i < nvars; i++)
            if (strlen(vars[i].key) == klen && strncmp(vars[i].key, open + 2, klen) == 0)
                value = vars[i].value;
        if (!value) {
            fprintf(stderr, "esrugen: internal error: template %s needs {{%.*s}}\n", name, (int)klen, open + 2);
            return -1;
        }
        sb_add(out, value);
        p = close + 2;
    }
}
