/* libFuzzer harness: the Yosys `stat -json` reader. The first byte picks the
 * target (xc7, ice40, gates: their cell classifiers differ); the rest is the text. */
#include "synth/stat.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *text = malloc(size); /* size - 1 bytes and a NUL */
    memcpy(text, data + 1, size - 1);
    text[size - 1] = 0;
    synth_counts c;
    char err[512];
    synth_stat_parse(text, (synth_target)(data[0] % TGT_COUNT), &c, err, sizeof err);
    free(text);
    return 0;
}
