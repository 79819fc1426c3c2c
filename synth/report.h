/* Writers of out/reports/synth/synth.{md,csv,json}. Each returns 0, or -1 with a reason in err. */
#ifndef SYNTH_REPORT_H
#define SYNTH_REPORT_H
#include "design.h"
#include <stdio.h>

void synth_write_md(FILE *f, const synth_design *ds, int n, const synth_headline *h);
void synth_write_csv(FILE *f, const synth_design *ds, int n);
/* NULL on allocation failure; the caller frees. */
char *synth_json_text(const synth_design *ds, int n, const synth_headline *h);

/* The published 24/24 -> 8/3 SRU resource reduction (ESRU papers, FPGA). */
#define SYNTH_PUBLISHED_RATIO 9.75

#endif
