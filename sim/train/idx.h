/* Gzip-compressed IDX files (the MNIST / Fashion-MNIST format), read with zlib. */
#ifndef TRAIN_IDX_H
#define TRAIN_IDX_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t n;            /* number of images */
    unsigned rows, cols; /* 28 x 28 for Fashion-MNIST */
    uint8_t *images;     /* n * rows * cols grey levels, row-major */
    uint8_t *labels;     /* n labels, 0..9 */
} idx_set;

/* Read one IDX file: ndims must be 1 (labels, magic 0x801) or 3 (images,
 * magic 0x803). At most `limit` items are read (0: all; then the file must
 * end exactly after its data, which also makes zlib check the CRC).
 * dims[0] is the number of items read. Returns 0, or -1 with a message
 * naming the file in err. */
int idx_read(const char *path, unsigned ndims, size_t limit, uint32_t dims[3], uint8_t **data, char *err,
             size_t errlen);

/* Images and labels of one split ("train" or "t10k") from dir. */
int idx_load(const char *dir, const char *split, size_t limit, idx_set *out, char *err, size_t errlen);
void idx_free(idx_set *s);

#endif
