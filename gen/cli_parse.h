/* Strict parsing of numeric flag values: the whole string must be a
 * non-negative decimal number in range, or the caller gets an error text. */
#ifndef ESRU_CLI_PARSE_H
#define ESRU_CLI_PARSE_H
#include <stddef.h>
#include <stdint.h>

int cli_parse_u64(const char *flag, const char *text, uint64_t lo, uint64_t hi, uint64_t *out, char *err,
                  size_t errlen);
int cli_parse_uint(const char *flag, const char *text, unsigned lo, unsigned hi, unsigned *out, char *err,
                   size_t errlen);

#endif
