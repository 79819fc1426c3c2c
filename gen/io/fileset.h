/* A set of generated files held in memory until they are published together
 * (io/outdir.h). */
#ifndef ESRU_FILESET_H
#define ESRU_FILESET_H
#include "model/config.h"

#define ESRU_MAX_FILES 12

typedef struct {
    char name[ESRU_NAME_MAX + 32]; /* file name, e.g. esru_lane.v */
    char module[ESRU_NAME_MAX + 16];
    char *text;
} esru_file;

typedef struct {
    esru_file files[ESRU_MAX_FILES];
    unsigned count;
} esru_fileset;

void esru_fileset_free(esru_fileset *fs);

#endif
