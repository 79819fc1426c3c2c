/* Reads one line of tests/equiv/configs.txt (esrugen flags) into an
 * esru_config, the way esrugen's CLI does, so the tests build the C model
 * from the same text the generator was given. */
#ifndef EQ_CFGLINE_H
#define EQ_CFGLINE_H
#include "model/config.h"
#include <stddef.h>

#define EQ_MAX_CONFIGS 128
#define EQ_LINE_MAX 512

typedef struct {
    esru_config cfg;
    char line[EQ_LINE_MAX]; /* the flags, as written in the file */
    unsigned lineno;
} eq_entry;

/* Parse one flag line. 0 on success, else -1 with a message in err. */
int eq_parse_line(const char *line, esru_config *cfg, char *err, size_t errlen);

/* Read a config list: '#' starts a comment, blank lines are skipped. Checks
 * every config (esru_config_check) and that names are distinct.
 * Returns the number of entries, or -1 (message on stderr). */
int eq_read_configs(const char *path, eq_entry *out, int max);

/* Does this config have an rnd port (--prng ext with sr)? */
int eq_has_rnd(const esru_config *cfg);

#endif
