#include "area.h"
#include <math.h>
#include <string.h>

const char *const area_metric_names[MET_COUNT] = {"lut", "ff", "lutff", "gates", "transistors", "um2"};
const char *const area_metric_titles[MET_COUNT] = {"xc7 LUT", "xc7 FF", "xc7 LUT+FF", "gates", "transistors",
                                                   "osu018 um^2"};

int area_metric_parse(const char *name)
{
    for (int k = 0; k < MET_COUNT; k++)
        if (strcmp(name, area_metric_names[k]) == 0) return k;
    return -1;
}

const char *area_metric_list(void) { return "lut, ff, lutff, gates, transistors or um2"; }

void area_per_lane(const synth_counts *xc7, const synth_counts *gates, const synth_counts *osu018, unsigned lanes,
                   double v[MET_COUNT])
{
    double l = lanes ? lanes : 1;
    v[MET_LUT] = xc7 ? xc7->logic / l : NAN;
    v[MET_FF] = xc7 ? xc7->ff / l : NAN;
    v[MET_LUTFF] = v[MET_LUT] + v[MET_FF];
    v[MET_GATES] = gates ? gates->logic / l : NAN;
    v[MET_TRANS] = gates && gates->transistors >= 0 ? gates->transistors / l : NAN;
    v[MET_UM2] = osu018 && osu018->area_um2 > 0 ? osu018->area_um2 / l : NAN;
}

void area_overhead(const double unit[MET_COUNT], const double *rne, double over[MET_COUNT])
{
    for (int k = 0; k < MET_COUNT; k++) over[k] = rne ? unit[k] - rne[k] : NAN;
}

double area_ratio(double a, double b) { return isnan(a) || isnan(b) || b <= 0 ? NAN : a / b; }
