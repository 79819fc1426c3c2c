#include "pareto.h"
#include <math.h>

static int finite_cheap(const ex_score *s, int sel)
{
    return !isnan(s->area) && (!(sel & EX_BIAS_MAX) || !isnan(s->bias_max)) &&
           (!(sel & EX_BIAS_MEAN) || !isnan(s->bias_mean));
}

int ex_cheap_dominates(const ex_score *a, const ex_score *b, int sel)
{
    if (!finite_cheap(a, sel) || !finite_cheap(b, sel)) return 0;
    double av[3] = {a->area, fabs(a->bias_max), fabs(a->bias_mean)};
    double bv[3] = {b->area, fabs(b->bias_max), fabs(b->bias_mean)};
    int use[3] = {1, (sel & EX_BIAS_MAX) != 0, (sel & EX_BIAS_MEAN) != 0}, better = 0;
    for (int k = 0; k < 3; k++) {
        if (!use[k]) continue;
        if (av[k] > bv[k]) return 0;
        if (av[k] < bv[k]) better = 1;
    }
    return better;
}

int ex_prune(const ex_score *p, int n, int sel, int *dom)
{
    int pruned = 0;
    for (int i = 0; i < n; i++) {
        dom[i] = -1;
        if (p[i].keep) continue;
        for (int j = 0; j < n; j++) {
            if (j == i || !ex_cheap_dominates(&p[j], &p[i], sel)) continue;
            if (dom[i] < 0 || p[j].area < p[dom[i]].area) dom[i] = j;
        }
        pruned += dom[i] >= 0;
    }
    return pruned;
}

static int scored(const ex_score *s) { return !isnan(s->area) && !isnan(s->acc); }

int ex_pareto(const ex_score *p, int n, int *front)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        front[i] = scored(&p[i]);
        for (int j = 0; j < n && front[i]; j++) {
            if (j == i || !scored(&p[j])) continue;
            if (p[j].area <= p[i].area && p[j].acc >= p[i].acc && (p[j].area < p[i].area || p[j].acc > p[i].acc))
                front[i] = 0;
        }
        count += front[i];
    }
    return count;
}

int ex_recommend(const ex_score *p, int n, int base, double tol)
{
    if (base < 0 || base >= n || isnan(p[base].acc) || isnan(tol)) return -1;
    double floor_acc = p[base].acc - tol;
    int best = -1;
    for (int i = 0; i < n; i++) {
        if (!scored(&p[i]) || p[i].acc < floor_acc - 1e-12) continue; /* accuracies are k/images: no rounding trap */
        if (best < 0 || p[i].area < p[best].area) {
            best = i;
        } else if (p[i].area == p[best].area) {
            if (p[i].acc > p[best].acc ||
                (p[i].acc == p[best].acc && fabs(p[i].bias_max) < fabs(p[best].bias_max)))
                best = i;
        }
    }
    return best;
}
