/* Which top module names (--name) the generated RTL can carry: Verilog
 * identifiers that no tool reserves and that clash with nothing esrugen
 * writes (the data: verilog_keywords.def, rtl_names.def). */
#ifndef ESRU_NAMES_H
#define ESRU_NAMES_H
#include <stddef.h>

/* name is the NUL-terminated array of at most max bytes (esru_config.name).
 * 0 if usable; else -1 and a message naming the value and why. */
int esru_name_check(const char *name, size_t max, char *err, size_t len);

/* The reserved words, for tests: word i (NULL past the end). */
const char *esru_keyword(size_t i);

#endif
