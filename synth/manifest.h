/* The parts of an esrugen manifest (NAME.json) the synthesis flow needs. */
#ifndef SYNTH_MANIFEST_H
#define SYNTH_MANIFEST_H
#include <stddef.h>

#define SYNTH_MAX_FILES 64
#define SYNTH_PATH_MAX 256

typedef struct {
    char hash[64];
    unsigned iw, ow, shift, n, m, lanes; /* 0 when the manifest does not say */
    unsigned rows, cols;                 /* MAC arrays only */
    char rounding[16], prng[16], fill[16];
    int nfiles;
    char files[SYNTH_MAX_FILES][SYNTH_PATH_MAX];
} synth_manifest;

/* 0 on success; -1 with a reason in err. File names must be plain relative
 * paths (no whitespace, no "..", not absolute) because a shell reads them. */
int synth_manifest_parse(const char *json, synth_manifest *m, char *err, size_t errlen);
int synth_manifest_load(const char *path, synth_manifest *m, char *err, size_t errlen);

#endif
