/* Gzip-compressed IDX files (the MNIST / Fashion-MNIST format), read with zlib. */
#ifndef TRAIN_IDX_H
#define TRAIN_IDX_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Limits checked against the header before anything is allocated, so a
 * corrupt or hostile header gives a clear error, not an allocation failure
 * (or an abort later, when the network's input layer is sized from it). */
#define IDX_MAX_ITEMS 1000000u           /* Fashion-MNIST: 60000 */
#define IDX_MAX_SIDE 256u                /* image rows and cols; Fashion-MNIST: 28 */
#define IDX_MAX_BYTES (UINT64_C(1) << 28) /* items x rows x cols read: 256 MiB */

typedef struct {
    size_t n;            /* number of images */
    unsigned rows, cols; /* 28 x 28 for Fashion-MNIST */
    uint8_t *images;     /* n * rows * cols grey levels, row-major */
    uint8_t *labels;     /* n labels, 0..9 */
} idx_set;

/* Read one IDX file: ndims must be 1 (labels, magic 0x801) or 3 (images,
 * magic 0x803), gzip-compressed. At most `limit` items are read (0: all;
 * then the gzip data must end exactly after the items: CRC checked, no
 * trailing bytes). dims[0] is the number of items read. Returns 0, or -1
 * with a message naming the file in err. */
int idx_read(const char *path, unsigned ndims, size_t limit, uint32_t dims[3], uint8_t **data, char *err,
             size_t errlen);
/* The same from an open stream (e.g. fmemopen); name is used in messages. */
int idx_read_stream(FILE *in, const char *name, unsigned ndims, size_t limit, uint32_t dims[3], uint8_t **data,
                    char *err, size_t errlen);

/* Images and labels of one split ("train" or "t10k") from dir. */
int idx_load(const char *dir, const char *split, size_t limit, idx_set *out, char *err, size_t errlen);
void idx_free(idx_set *s);

#endif
