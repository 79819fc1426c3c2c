/* The ranking core of `make explore`: cheap-score pruning, the accuracy x area
 * Pareto front and the recommendation. Pure functions on plain arrays, tested
 * on hand-made points by tests/test_explore_pareto.c. */
#ifndef EXPLORE_PARETO_H
#define EXPLORE_PARETO_H

/* One design point's scores. NAN means "not measured". */
typedef struct {
    double area;      /* SR area per lane (smaller is better); NAN: not synthesized */
    double bias_max;  /* max |bias| over the grid, LSB */
    double bias_mean; /* mean bias (signed); the magnitude is what counts */
    double acc;       /* mean test accuracy over seeds, 0..1; NAN: not trained */
    int keep;         /* never pruned (the 24/24 baseline) */
} ex_score;

/* Which bias figures pruning compares (besides area). */
enum { EX_BIAS_MAX = 1, EX_BIAS_MEAN = 2, EX_BIAS_BOTH = 3 };

/* a dominates b on the cheap scores: no worse in area and in every selected
 * |bias|, strictly better in at least one. False if either has a NAN there. */
int ex_cheap_dominates(const ex_score *a, const ex_score *b, int bias_sel);

/* Prune before training. dom[i] = index of a point that dominates i (the one
 * with the smallest area, then the lowest index), or -1 if i is kept. Points
 * with `keep` set, or with NAN cheap scores, are kept. Returns the number pruned. */
int ex_prune(const ex_score *p, int n, int bias_sel, int *dom);

/* The accuracy x area Pareto front among points with finite area and accuracy:
 * front[i] = 1 iff no other such point has area <= and acc >=, one strictly.
 * Returns the number on the front. */
int ex_pareto(const ex_score *p, int n, int *front);

/* The recommendation: the smallest-area point with acc >= p[base].acc - tol
 * (tol in the same units as acc). Ties on area: the higher accuracy, then the
 * smaller max |bias|, then the lower index. -1 if base has no accuracy or no
 * point qualifies (base itself always qualifies when it has an area). */
int ex_recommend(const ex_score *p, int n, int base, double tol);

#endif
