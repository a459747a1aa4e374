/*
 * frontdoor_sketch.c
 *		The front-door estimate of a linear model from a moment sketch:
 *		causal.frontdoor_linear(m, y, x, mediators, names).
 *
 * With a front-door set M for the effect of x on y (graph/frontdoor.c) and
 * linear structural equations, the effect is sum_j a_j b_j: a_j the
 * coefficient of x in the regression of m_j on x (no back-door path from x
 * reaches M, so nothing else enters), b the coefficients of M in the
 * regression of y on M and x (x blocks the back-door paths from M to y).
 * Both are functions of the co-moments, so one scan (or a stored rollup)
 * suffices.  The standard error is the first-order delta method (Sobel's,
 * extended to several mediators): Var = b' V_a b + a' V_b a, with
 * V_a[j, l] = s_jl / S_xx (s_jl the residual covariance of m_j and m_l given
 * x, on n - 2 degrees of freedom) and V_b the classical covariance of the
 * second regression; the two stages' estimates are uncorrelated because the
 * second regression conditions on what the first is a function of.  The
 * interval and p-value are normal.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/distributions.h"
#include "sketch/moments.h"
#include "sketch/moments_funcs.h"
#include "sketch/sketch_names.h"
#include "estimate/regression/ols_sketch.h"

#define FN "causal.frontdoor_linear"

PG_FUNCTION_INFO_V1(moments_frontdoor_linear);

Datum
moments_frontdoor_linear(PG_FUNCTION_ARGS)
{
	Moments    *m;
	ArrayType  *names = NULL;
	int			y,
				x,
				k,
				j,
				l;
	int		   *med,
			   *reg;
	double		sxx,
				est = 0.0,
				var = 0.0,
			   *a;
	OlsFit	   *fit;
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be NULL", FN,
						PG_ARGISNULL(0) ? "m" : PG_ARGISNULL(1) ? "y" : PG_ARGISNULL(2) ? "x" : "mediators"),
				 errhint("Pass the sketch, the outcome's and the treatment's column numbers and the mediators'.")));
	m = moments_get_arg(fcinfo, 0);
	names = sketch_names_argument(m->names, m->k, fcinfo, 4);
	y = moments_column_index(m, PG_GETARG_INT32(1), "y");
	x = moments_column_index(m, PG_GETARG_INT32(2), "x");
	med = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(3), "mediators", &k);
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: mediators is empty", FN),
				 errhint("A front-door set has at least one mediator (causal.identify lists one).")));
	for (j = 0; j < k; j++)
		if (med[j] == x || med[j] == y)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: column %d is a mediator and the %s", FN, med[j] + 1, med[j] == x ? "treatment" : "outcome")));
	if (x == y)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: x and y are the same column", FN)));
	if (m->n < k + 3)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s needs more rows than coefficients: n = " INT64_FORMAT ", mediators = %d", FN, m->n, k),
				 errhint("Too few rows: aggregate more data into the sketch.")));
	sxx = moments_comoment(m, x, x);
	if (!(sxx > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: the treatment %s is constant", FN, ols_sketch_term_name(names, x))));

	/* second stage: y on the mediators and x */
	reg = palloc(sizeof(int) * (k + 1));
	memcpy(reg, med, sizeof(int) * k);
	reg[k] = x;
	fit = ols_sketch_fit(m, y, reg, k + 1, true, 0, names, FN);

	/* first stage: a_j = S_jx / S_xx, and the variance terms */
	a = palloc(sizeof(double) * k);
	for (j = 0; j < k; j++)
	{
		a[j] = moments_comoment(m, med[j], x) / sxx;
		est += a[j] * fit->beta[j];
	}
	for (j = 0; j < k; j++)
		for (l = 0; l < k; l++)
		{
			double		sjl = (moments_comoment(m, med[j], med[l]) -
							   moments_comoment(m, med[j], x) * moments_comoment(m, med[l], x) / sxx) /
				((double) m->n - 2.0);

			var += fit->beta[j] * fit->beta[l] * sjl / sxx;
			var += a[j] * a[l] * fit->sigma2 * fit->a[j + l * (k + 1)];
		}
	if (!isfinite(est) || !isfinite(var))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the estimate overflows double precision", FN),
				 errhint("Rescale the columns before sketching.")));

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s: return type must be a row type", FN);
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(est);
	values[1] = Float8GetDatum(sqrt(Max(var, 0.0)));
	values[2] = Float8GetDatum(var > 0.0 ? est / sqrt(var) : 0.0);
	values[3] = Float8GetDatum(var > 0.0 ? dist_normal_two_sided(est / sqrt(var)) : 0.0);
	values[4] = Int64GetDatum(m->n);
	nulls[2] = nulls[3] = !(var > 0.0);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
