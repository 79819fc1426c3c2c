/* A growable string for building generated files in memory before writing. */
#ifndef ESRU_STRBUF_H
#define ESRU_STRBUF_H
#include <stddef.h>

typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_add(strbuf *b, const char *text);
void sb_addn(strbuf *b, const char *text, size_t n);
__attribute__((format(printf, 2, 3))) void sb_printf(strbuf *b, const char *fmt, ...);
/* Detach the string (caller frees); b is left empty. */
char *sb_take(strbuf *b);

#endif
