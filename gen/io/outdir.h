/* Writing one file atomically (temporary name + rename), for report tools.
 * A whole file set goes through io/publish.h. */
#ifndef ESRU_OUTDIR_H
#define ESRU_OUTDIR_H
#include <stddef.h>

typedef struct {
    const char *name; /* file name inside the directory */
    const char *text;
} out_file;

/* Write one file atomically (temp + rename). */
int write_file_atomic(const char *path, const char *text, char *err, size_t errlen);

/* dir/file written atomically; on failure the reason goes to stderr. For
 * report tools (synthrep, exptool). Returns 0 or -1. */
int write_report_file(const char *dir, const char *file, const char *text);

#endif
