/*
 * vector_stats.h
 *		Summaries of a vector of doubles: the centred sum of squares, the
 *		sample standard deviation, and PostgreSQL's percentile_cont.
 */
#ifndef CAUSAL_VECTOR_STATS_H
#define CAUSAL_VECTOR_STATS_H

/* Sum of squares of v (n values) about its mean. */
extern double vec_centered_ss(const double *v, int n);

/* Sample standard deviation (divisor n - 1) of v; NaN for fewer than two values. */
extern double vec_sample_sd(const double *v, int n);

/* percentile_cont(p) of the n sorted values: linear interpolation between order statistics. */
extern double vec_percentile_cont(const double *sorted, int n, double p);

#endif
