#include "io/fileset.h"
#include <stdlib.h>

void esru_fileset_free(esru_fileset *fs)
{
    for (unsigned i = 0; i < fs->count; i++)
        free(fs->files[i].text);
    fs->count = 0;
}
