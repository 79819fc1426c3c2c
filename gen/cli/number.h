/* The one number grammar of every flag, config line and make variable:
 * decimal digits only, no sign, no spaces, no leading zeros (so "010" can mean
 * neither 8 nor 10), at most 2^64-1, then a range check. */
#ifndef ESRU_NUMBER_H
#define ESRU_NUMBER_H
#include <stddef.h>
#include <stdint.h>

/* 0 and *out = the value, or -1 with err = "WHAT 'TEXT' ... (valid: LO..HI)".
 * what names the flag or variable ("--seed", "make variable SEED"). */
int esru_parse_u64(const char *what, const char *text, uint64_t lo, uint64_t hi, uint64_t *out, char *err,
                   size_t len);
int esru_parse_uint(const char *what, const char *text, unsigned lo, unsigned hi, unsigned *out, char *err,
                    size_t len);
/* A real number: digits, optionally a point and digits ("0.0625"); no sign,
 * exponent, spaces or leading zeros before the point ("00.5"). Range lo < x <= hi. */
int esru_parse_real(const char *what, const char *text, double lo, double hi, double *out, char *err, size_t len);
/* "RxC": two numbers of the grammar joined by a lowercase x. */
int esru_parse_dims(const char *what, const char *text, unsigned lo, unsigned hi, unsigned *r, unsigned *c,
                    char *err, size_t len);
/* "A,B,C": 1..max numbers of the grammar, comma-separated, no empty item. */
int esru_parse_list(const char *what, const char *text, unsigned lo, unsigned hi, unsigned max, unsigned *out,
                    unsigned *n, char *err, size_t len);
/* "AxB,AxB": 1..max pairs, comma-separated; form names them ("KxC") and
 * example is one ("5x6"), name[i] each number in errors ("kernel"),
 * lo[i]..hi[i] its range. */
int esru_parse_pairs(const char *what, const char *text, const char *form, const char *example,
                     const char *const name[2], const unsigned lo[2], const unsigned hi[2], unsigned max, unsigned *a,
                     unsigned *b, unsigned *n, char *err, size_t len);

#endif
