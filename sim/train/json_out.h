/* JSON report of one esrutrain run (written to a temp file, then renamed). */
#ifndef TRAIN_JSON_OUT_H
#define TRAIN_JSON_OUT_H
#include "train.h"

/* Checked at startup, before training: the report's directory exists and a
 * file can be created in it (a probe file is created and removed), and path
 * is not a directory. Returns 0, or -1 with a message naming the path. */
int json_check_writable(const char *path, char *err, size_t errlen);

int json_write(const char *path, const train_opts *o, const char *data_dir, size_t ntrain, size_t ntest,
               const train_result *r, char *err, size_t errlen);

#endif
