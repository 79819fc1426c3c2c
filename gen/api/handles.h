/* What the public handles of gen/esru.h hold: a finished unit config, and a
 * PRNG bank of the trainer's kind (quant_bank: the lane rule's state). */
#ifndef ESRU_API_HANDLES_H
#define ESRU_API_HANDLES_H
#include "esru.h"
#include "model/config.h"
#include "model/quant.h"

struct esru_cfg {
    esru_config c;
};

struct esru_bank {
    quant_bank q;
};

#endif
