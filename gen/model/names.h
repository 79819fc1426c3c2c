/* Which top module names (--name) the generated RTL can carry: Verilog
 * identifiers that no tool reserves and that are not signals of the
 * generated top (the data: verilog_keywords.def, rtl_names.def). */
#ifndef ESRU_NAMES_H
#define ESRU_NAMES_H
#include <stddef.h>

/* name is the NUL-terminated array of at most max bytes (esru_config.name).
 * 0 if usable; else -1 and a message naming the value and why. */
int esru_name_check(const char *name, size_t max, char *err, size_t len);

/* 1 and a message if the modules of design name could carry the names of
 * another design's modules (name ends in a submodule suffix such as _lane, or
 * in _rq / _up): legal on its own, a clash when both are compiled together.
 * A warning, not an error: names like sru8_3_lfsr are common and fine alone. */
int esru_name_clash(const char *name, char *msg, size_t len);

/* The reserved words, for tests: word i (NULL past the end). */
const char *esru_keyword(size_t i);

#endif
