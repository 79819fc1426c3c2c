/* JSON report of one esrutrain run (written to a temp file, then renamed). */
#ifndef TRAIN_JSON_OUT_H
#define TRAIN_JSON_OUT_H
#include "train.h"

int json_write(const char *path, const train_opts *o, const char *data_dir, size_t ntrain, size_t ntest,
               const train_result *r, char *err, size_t errlen);

#endif
