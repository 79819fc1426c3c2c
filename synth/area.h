/* The one area arithmetic of the project's headline number, shared by the
 * synthesis report (synthrep) and the exploration (exptool): per-lane metrics
 * from the Yosys counts, the SR overhead (a unit minus the rne unit of the same
 * IW/OW/D), ratios, and the metrics' names (report JSON keys, EXPLORE_AREA). */
#ifndef SYNTH_AREA_H
#define SYNTH_AREA_H
#include "stat.h"

/* xc7 LUTs, xc7 flip-flops, their sum, generic gates, CMOS transistors, osu018 um^2. */
enum { MET_LUT, MET_FF, MET_LUTFF, MET_GATES, MET_TRANS, MET_UM2, MET_COUNT };
extern const char *const area_metric_names[MET_COUNT]; /* "lut", "ff", "lutff", "gates", "transistors", "um2" */
extern const char *const area_metric_titles[MET_COUNT]; /* for tables: "xc7 LUT+FF", "osu018 um^2", ... */

/* The metric called name, or -1. */
int area_metric_parse(const char *name);
/* "lut, ff, lutff, gates, transistors or um2": for error messages. */
const char *area_metric_list(void);

/* Per-lane metrics of a design of `lanes` lanes (0 counts as 1) from its counts
 * per target; a NULL target, or one without the figure, gives NAN there. */
void area_per_lane(const synth_counts *xc7, const synth_counts *gates, const synth_counts *osu018, unsigned lanes,
                   double v[MET_COUNT]);
/* over = unit - rne per metric: the cost stochastic rounding adds; NAN without rne. */
void area_overhead(const double unit[MET_COUNT], const double *rne, double over[MET_COUNT]);
/* a / b, or NAN when b is not positive or either is NAN (a ratio would be meaningless). */
double area_ratio(double a, double b);

#endif
