/*
 * wchisq.h
 *		Tail probabilities of weighted sums of chi-square(1) variables.
 */
#ifndef CAUSAL_WCHISQ_H
#define CAUSAL_WCHISQ_H

/* P(sum w_i X_i > q), X_i ~ chi2(1): Hall-Buckley-Eagleson (three cumulants) */
extern double wchisq_hbe_upper(const double *w, int m, double q);

/*
 * Lindsay-Pilla-Basak with four support points; false if it fails (too few
 * weights, no sign change, complex or non-positive roots), in which case
 * *p is untouched.
 */
extern bool wchisq_lpb4_upper(const double *w, int m, double q, double *p);

#endif
