/*
 * vector_stats.c
 *		Summaries of a vector of doubles (see vector_stats.h).
 */
#include "postgres.h"

#include <math.h>

#include "core/vector_stats.h"

/* Sum of squares of v about its mean (two passes: the mean first). */
double
vec_centered_ss(const double *v, int n)
{
	double		mean = 0.0,
				ss = 0.0;

	for (int i = 0; i < n; i++)
		mean += v[i] / n;
	for (int i = 0; i < n; i++)
		ss += (v[i] - mean) * (v[i] - mean);
	return ss;
}

/* Sample standard deviation of v; NaN for fewer than two values (SQL's stddev_samp is NULL). */
double
vec_sample_sd(const double *v, int n)
{
	if (n < 2)
		return NAN;
	return sqrt(vec_centered_ss(v, n) / (n - 1));
}

/* percentile_cont(p) of sorted values, as PostgreSQL computes it (float8_lerp). */
double
vec_percentile_cont(const double *sorted, int n, double p)
{
	double		pos = p * (n - 1);
	int			lo = (int) floor(pos),
				hi = (int) ceil(pos);

	if (lo == hi)
		return sorted[lo];
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
