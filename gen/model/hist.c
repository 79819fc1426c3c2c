#include "model/hist.h"
#include "model/lfsr.h"

void esru_hist_except(esru_hist *h, uint64_t v, int64_t d)
{
    for (unsigned i = 0; i < h->nexc; i++)
        if (h->val[i] == v) {
            h->delta[i] += d;
            return;
        }
    if (h->nexc < ESRU_HIST_MAX_EXC) { /* kinds have at most two exceptions per lane */
        h->val[h->nexc] = v;
        h->delta[h->nexc++] = d;
    }
}

void esru_hist_add(esru_hist *h, const esru_hist *o)
{
    h->base += o->base;
    for (unsigned i = 0; i < o->nexc; i++)
        esru_hist_except(h, o->val[i], o->delta[i]);
}

uint64_t esru_hist_count(const esru_hist *h, uint64_t v)
{
    int64_t c = (int64_t)h->base;
    for (unsigned i = 0; i < h->nexc; i++)
        if (h->val[i] == v)
            c += h->delta[i];
    return (uint64_t)c;
}

long double esru_hist_suffix(const esru_hist *h, uint64_t r)
{
    long double values = (long double)esru_width_mask(h->m) + 1.0L;
    long double s = (long double)h->base * (values - (long double)r);
    for (unsigned i = 0; i < h->nexc; i++)
        if (h->val[i] >= r)
            s += (long double)h->delta[i];
    return s;
}

long double esru_hist_moment(const esru_hist *h)
{
    long double top = (long double)esru_width_mask(h->m);
    long double s = (long double)h->base * top * (top + 1.0L) / 2.0L;
    for (unsigned i = 0; i < h->nexc; i++)
        s += (long double)h->delta[i] * (long double)h->val[i];
    return s;
}
