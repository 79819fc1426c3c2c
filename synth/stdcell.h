/* Standard-cell results of one design (synth/stdcell.sh): the chip area from
 * Yosys' `stat -liberty` text and the critical paths from OpenSTA's report. */
#ifndef SYNTH_STDCELL_H
#define SYNTH_STDCELL_H
#include "stat.h"
#include <stddef.h>

typedef struct {
    int found;            /* 0: no such path (e.g. no flip-flop feeds a flip-flop) */
    char start[96], end[96];
    double arrival_ns;    /* data arrival time at the endpoint */
    double slack_ns;
    double min_period_ns; /* clock period - slack: the shortest period this path meets */
} synth_path;

typedef struct {
    double period_ns;     /* the clock the report was made with */
    synth_path reg2reg;   /* flip-flop to flip-flop */
    synth_path worst;     /* any path, inputs and outputs at the clock edge */
} synth_sta;

/* "Chip area for module '\NAME': A" (or "top module") and "Number of cells: N"
 * of the whole design. 0, or -1 with err. */
int synth_area_parse(const char *text, double *area, long *cells, char *err, size_t len);

/* The report of synth/sta.tcl: "period P", then "== reg2reg", "== worst" and
 * "== end" sections, each a report_checks path or "No paths found.". */
int synth_sta_parse(const char *text, synth_sta *sta, char *err, size_t len);

/* The shortest clock period the design meets (the worst path's), or -1 if none. */
double synth_sta_period(const synth_sta *sta);

/* DIR/osu018.stat and DIR/osu018.sta of a design whose osu018.json is already
 * in c: sets c->area_um2 and sta; the two cell counts must agree. */
int synth_stdcell_load(const char *dir, synth_counts *c, synth_sta *sta, char *err, size_t len);

#endif
