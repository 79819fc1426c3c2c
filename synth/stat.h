/* Cell counts of one synthesized design for one target, read from Yosys `stat -json`. */
#ifndef SYNTH_STAT_H
#define SYNTH_STAT_H
#include <stddef.h>

typedef enum { TGT_XC7, TGT_ICE40, TGT_GATES, TGT_OSU018, TGT_COUNT } synth_target;
typedef enum { CELL_LOGIC, CELL_FF, CELL_CARRY, CELL_DSP, CELL_OTHER } synth_cell_class;

typedef struct {
    long logic;       /* xc7: LUT1-6, SRL*, INV; ice40: SB_LUT4; gates: 2-input gates, NOT, MUX; osu018: cells */
    long ff;          /* xc7: FD*; ice40: SB_DFF*; gates: $_DFF_* and friends; osu018: DFF*, LATCH */
    long carry;       /* CARRY4 / SB_CARRY */
    long dsp;         /* DSP48E1 / SB_MAC16 */
    long other;       /* anything unclassified (MUXF7, BUFG, ...): listed in other_types */
    long cells;       /* all cells */
    long lut[7];      /* xc7 only: lut[k] = number of LUTk, k = 1..6 */
    long transistors; /* gates only (stat -tech cmos); -1 when Yosys gave none */
    int transistors_partial; /* Yosys appended '+': some cells had no CMOS cost */
    double area_um2;  /* osu018 only: chip area from the liberty (0 elsewhere) */
    char other_types[256];
} synth_counts;

const char *synth_target_name(synth_target t);
int synth_target_parse(const char *s, synth_target *t);
synth_cell_class synth_classify(synth_target t, const char *cell_type);

/* Parse the text of `stat -json`. 0 on success; -1 with a reason in err. */
int synth_stat_parse(const char *json, synth_target t, synth_counts *out, char *err, size_t errlen);
/* Same, from a file; a missing or unreadable file is an error. */
int synth_stat_load(const char *path, synth_target t, synth_counts *out, char *err, size_t errlen);
/* Whole file into a malloc'd NUL-terminated buffer, or NULL (errno set). */
char *synth_slurp(const char *path);
/* cJSON_Parse, or NULL with "malformed JSON near '...'" in err. */
struct cJSON *synth_json_parse(const char *json, char *err, size_t len);

#endif
