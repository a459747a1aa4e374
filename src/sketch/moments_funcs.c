/*
 * moments_funcs.c
 *		Functions on a causal.moments sketch: counts, means, covariance,
 *		correlation and partial correlation.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/linalg.h"
#include "core/sql_args.h"
#include "sketch/moments.h"
#include "sketch/moments_funcs.h"
#include "sketch/sketch_args.h"

PG_FUNCTION_INFO_V1(moments_n);
/* causal.n(m): rows in the sketch. */
Datum
moments_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(moments_get_arg(fcinfo, 0)->n);
}

PG_FUNCTION_INFO_V1(moments_n_skipped);
/* causal.n_skipped(m): rows skipped for a NULL. */
Datum
moments_n_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(moments_get_arg(fcinfo, 0)->n_skipped);
}

PG_FUNCTION_INFO_V1(moments_total_weight);
/* causal.total_weight(m): sum of the weights (n when unweighted). */
Datum
moments_total_weight(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(moments_get_arg(fcinfo, 0)->sum_w);
}

PG_FUNCTION_INFO_V1(moments_k);
/* causal.columns(m): number of columns of the sketch. */
Datum
moments_k(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(moments_get_arg(fcinfo, 0)->k);
}

/* Raises an error unless the sketch has enough weight for the statistic. */
void
moments_require_weight(const Moments *m, double min_weight, const char *fn)
{
	if (!(m->sum_w > min_weight))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s needs a total weight above %g; the sketch has n = " INT64_FORMAT
						" rows of total weight %g", fn, min_weight, m->n, m->sum_w),
				 errhint("Too few rows: aggregate more data into the sketch.")));
}

/* Raises an error naming a constant column. */
void
moments_require_variance(const Moments *m, int j, const char *fn)
{
	if (!(moments_comoment(m, j, j) > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: column %d of the sketch is constant", fn, j + 1),
				 errhint("Leave constant columns out; they carry no information.")));
}

/* Builds a k x k float8[][] from a column-major matrix. */
static ArrayType *
MatrixArray(const double *a, int k)
{
	Datum	   *elems = palloc(sizeof(Datum) * k * k);
	int			dims[2] = {k, k};
	int			lbs[2] = {1, 1};
	int			i,
				j;

	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			elems[i * k + j] = Float8GetDatum(a[i + j * k]);
	return construct_md_array(elems, NULL, 2, dims, lbs, FLOAT8OID, sizeof(float8),
							  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

PG_FUNCTION_INFO_V1(moments_means);
/* causal.means(m): the column means. */
Datum
moments_means(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);
	Datum	   *elems = palloc(sizeof(Datum) * m->k);
	int			j;

	moments_require_weight(m, 0.0, "causal.means");
	for (j = 0; j < m->k; j++)
		elems[j] = Float8GetDatum(moments_mean(m, j));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, m->k, FLOAT8OID, sizeof(float8),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(moments_covariance);
/*
 * causal.covariance(m, weights): sample covariance.  Divisor W - 1 for
 * frequency weights (n - 1 unweighted, numpy's fweights), W - sum(w^2)/W for
 * reliability weights (numpy's aweights).
 */
Datum
moments_covariance(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);
	char	   *kind = text_to_cstring(PG_GETARG_TEXT_PP(1));
	static const char *const kinds[] = {"frequency", "reliability", NULL};
	double		denom;
	double	   *c = palloc(sizeof(double) * m->k * m->k);
	int			i,
				j;

	if (sql_args_choice_hint(kind, "causal.covariance", "weights", kinds,
							 "frequency: a weight counts copies of a row; reliability: a weight measures its precision.") == 0)
	{
		moments_require_weight(m, 1.0, "causal.covariance");
		denom = m->sum_w - 1.0;
	}
	else
	{
		moments_require_weight(m, 0.0, "causal.covariance");
		denom = m->sum_w - m->sum_w2 / m->sum_w;
		if (!(denom > 0))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("causal.covariance: reliability weights need two rows of positive weight")));
	}
	for (j = 0; j < m->k; j++)
		for (i = 0; i < m->k; i++)
			c[i + j * m->k] = moments_comoment(m, i, j) / denom;
	PG_RETURN_ARRAYTYPE_P(MatrixArray(c, m->k));
}

PG_FUNCTION_INFO_V1(moments_correlation);
/* causal.correlation(m): Pearson correlation matrix. */
Datum
moments_correlation(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);
	double	   *c = palloc(sizeof(double) * m->k * m->k);
	int			i,
				j;

	moments_require_weight(m, 0.0, "causal.correlation");
	for (j = 0; j < m->k; j++)
		moments_require_variance(m, j, "causal.correlation");
	for (j = 0; j < m->k; j++)
		for (i = 0; i < m->k; i++)
			c[i + j * m->k] = i == j ? 1.0 :
				moments_comoment(m, i, j) /
				sqrt(moments_comoment(m, i, i) * moments_comoment(m, j, j));
	PG_RETURN_ARRAYTYPE_P(MatrixArray(c, m->k));
}

/* Checks a 1-based column index against the sketch; returns it 0-based. */
int
moments_column_index(const Moments *m, int32 idx, const char *argname)
{
	return sketch_column_index(m->k, idx, argname, "causal.moments");
}

/* Reads an int[] argument of 1-based column indexes into 0-based ones. */
int *
moments_index_array(const Moments *m, ArrayType *a, const char *argname, int *count)
{
	return sketch_index_array(m->k, a, argname, "causal.moments", count);
}

/*
 * Partial correlation of columns x and y given the set s (0-based), from the
 * inverse P of the correlation submatrix of [x, y, s]: r = -P01 / sqrt(P00 P11).
 * Raises an error naming the columns when the submatrix is singular.
 */
double
moments_partial_correlation(const Moments *m, int x, int y, const int *s, int ns,
							const char *fn)
{
	int			d = ns + 2,
				i,
				j,
				bad;
	int		   *cols = palloc(sizeof(int) * d);
	double	   *a = palloc(sizeof(double) * d * d);
	double		r;

	cols[0] = x;
	cols[1] = y;
	for (i = 0; i < ns; i++)
		cols[i + 2] = s[i];
	for (i = 0; i < d; i++)
		for (j = 0; j < d; j++)
		{
			if (cols[i] == cols[j] && i != j)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: column %d appears twice among x, y and the conditioning set",
								fn, cols[i] + 1)));
		}
	for (i = 0; i < d; i++)
		moments_require_variance(m, cols[i], fn);
	for (j = 0; j < d; j++)
		for (i = 0; i < d; i++)
			a[i + j * d] = moments_comoment(m, cols[i], cols[j]);
	bad = linalg_spd_inverse(d, a);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: column %d is collinear with the other columns of the test", fn,
						cols[bad] + 1),
				 errhint("Remove duplicated or linearly dependent columns from the conditioning set.")));
	r = -a[0 + 1 * d] / sqrt(a[0] * a[1 + 1 * d]);
	pfree(a);
	pfree(cols);
	return Max(-1.0, Min(1.0, r));
}

PG_FUNCTION_INFO_V1(moments_partial_corr);
/* causal.partial_correlation(m, i, j, given int[]). */
Datum
moments_partial_corr(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);
	int			x = moments_column_index(m, PG_GETARG_INT32(1), "i");
	int			y = moments_column_index(m, PG_GETARG_INT32(2), "j");
	int			ns;
	int		   *s = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(3), "given", &ns);

	moments_require_weight(m, 0.0, "causal.partial_correlation");
	PG_RETURN_FLOAT8(moments_partial_correlation(m, x, y, s, ns, "causal.partial_correlation"));
}
