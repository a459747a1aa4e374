/*
 * fisherz.c
 *		Fisher's z test of a partial correlation, on a causal.moments sketch.
 *
 * With r the partial correlation of x and y given S (from the inverse of the
 * correlation submatrix of [x, y, S]), Fisher's z = atanh(r) is approximately
 * normal with variance 1 / (n - |S| - 3) under independence (Fisher 1924).
 * The statistic is sqrt(n - |S| - 3) |atanh r| and the p-value two-sided, as
 * causal-learn's fisherz computes them; |r| = 1 is clipped to 1 - eps as
 * there.  The upper tail is computed directly, so tiny p-values keep their
 * relative precision.  For a weighted sketch n is the total weight
 * (frequency weights).
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "core/distributions.h"
#include "citest/citest.h"
#include "sketch/moments_funcs.h"

/* Fisher-z test of x and y given s. */
CiResult
citest_fisherz(const Moments *m, int x, int y, const int *s, int ns)
{
	CiResult	res;
	double		r,
				df = m->sum_w - ns - 3;

	if (!(df > 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("Fisher-z test needs more than |S| + 3 = %d rows; the sketch has n = " INT64_FORMAT,
						ns + 3, m->n),
				 errhint("Too few rows for this conditioning set.")));
	r = moments_partial_correlation(m, x, y, s, ns, "Fisher-z test");
	if (fabs(r) >= 1.0)
		r = copysign(1.0 - DBL_EPSILON, r);
	res.method = "fisherz";
	res.statistic = sqrt(df) * fabs(atanh(r));
	res.p_value = dist_normal_two_sided(res.statistic);
	res.dof = NAN;
	res.n = (int64) m->sum_w;
	return res;
}
