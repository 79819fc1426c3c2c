/* All-or-nothing output: every file is written to a temporary name in the
 * output directory first, and renamed into place only when all were written. */
#ifndef ESRU_OUTDIR_H
#define ESRU_OUTDIR_H
#include <stddef.h>

typedef struct {
    const char *name; /* file name inside the directory */
    const char *text;
} out_file;

/* Creates dir (and parents) if needed. Returns 0, or -1 with a message in err;
 * on failure no file in dir was created or replaced. */
int outdir_write_all(const char *dir, const out_file *files, size_t n, char *err, size_t errlen);

/* Write one file atomically (temp + rename). */
int write_file_atomic(const char *path, const char *text, char *err, size_t errlen);

/* dir/file written atomically; on failure the reason goes to stderr. For
 * report tools (synthrep, exptool). Returns 0 or -1. */
int write_report_file(const char *dir, const char *file, const char *text);

#endif
