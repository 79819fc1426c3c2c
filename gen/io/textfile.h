/* Reading a whole (small) text file: manifests, reports, tool outputs. */
#ifndef ESRU_TEXTFILE_H
#define ESRU_TEXTFILE_H
#include <stddef.h>

/* The file's bytes, NUL-terminated, in malloc'd memory; NULL with errno set
 * when it cannot be read (EFBIG: larger than max bytes; max 0: no limit). */
char *esru_read_text(const char *path, size_t max);

#endif
