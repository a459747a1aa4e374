/*
 * distributions.h
 *		Distribution functions used by tests and estimators.
 *
 * Thin wrappers over R's standalone math library (libRmath, Debian's
 * r-mathlib), the reference implementation statisticians compare against.
 */
#ifndef CAUSAL_DISTRIBUTIONS_H
#define CAUSAL_DISTRIBUTIONS_H

extern double dist_pnorm(double x, bool lower_tail);
extern double dist_qnorm(double p, bool lower_tail);
extern double dist_pt(double t, double df, bool lower_tail);
extern double dist_qt(double p, double df, bool lower_tail);
extern double dist_pchisq(double x, double df, bool lower_tail);
extern double dist_pf(double x, double df1, double df2, bool lower_tail);
extern double dist_pgamma(double x, double shape, double scale, bool lower_tail);

/* two-sided p-value of a standard normal statistic */
extern double dist_normal_two_sided(double z);

/* two-sided p-value of a t statistic */
extern double dist_t_two_sided(double t, double df);

#endif
