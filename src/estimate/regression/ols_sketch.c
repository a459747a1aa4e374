/*
 * ols_sketch.c
 *		Ordinary (or weighted) least squares from a causal.moments sketch.
 *
 * With an intercept the normal equations are solved on the centred
 * co-moments: beta = Cxx^-1 Cxy, intercept = ybar - beta' xbar,
 * RSS = Cyy - beta' Cxy, sigma^2 = RSS / (n - p - 1),
 * Var(beta) = sigma^2 Cxx^-1, Var(intercept) = sigma^2 (1/W + xbar' Cxx^-1 xbar).
 * Without an intercept the raw cross-products C + W mean mean' are used and
 * R^2 is uncentred, as R's lm() and statsmodels report it.  A weighted sketch
 * gives weighted least squares with R's lm(weights = w) conventions: n counts
 * the rows of positive weight.  Standard errors are the classical ones.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/distributions.h"
#include "core/linalg.h"
#include "sketch/moments.h"
#include "sketch/moments_funcs.h"
#include "sketch/sketch_names.h"
#include "estimate/regression/ols_sketch.h"

/* Cross-product of columns a and b: centred, or raw when !centred. */
static double
Cross(const Moments *m, int a, int b, bool centred)
{
	double		c = moments_comoment(m, a, b);

	if (!centred)
		c += m->sum_w * moments_mean(m, a) * moments_mean(m, b);
	return c;
}

/* Name of sketch column j (0-based) for the output: from names, else x<j+1>. */
char *
ols_sketch_term_name(ArrayType *names, int j)
{
	if (names != NULL)
	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
		if (j < n && !nulls[j])
			return TextDatumGetCString(elems[j]);
	}
	return psprintf("x%d", j + 1);
}

/*
 * Fits y on the p columns x (and an intercept when icpt) from the sketch;
 * errors name fn.  absorbed parameters (fixed effects partialled out of
 * the columns before sketching) come off the residual degrees of freedom.
 */
OlsFit *
ols_sketch_fit(const Moments *m, int y, const int *x, int p, bool icpt, double absorbed,
			   ArrayType *names, const char *fn)
{
	OlsFit	   *f = palloc0(sizeof(OlsFit));
	int			i,
				j,
				bad;
	double		ryy;

	for (i = 0; i < p; i++)
	{
		if (x[i] == y)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: column %d is both the outcome and a regressor", fn, y + 1)));
		for (j = 0; j < i; j++)
			if (x[i] == x[j])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: column %d is listed twice in \"x\"", fn, x[i] + 1)));
	}
	f->p = p;
	f->icpt = icpt;
	f->df = (double) m->n - p - (icpt ? 1 : 0) - absorbed;
	if (f->df < 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s needs more rows than coefficients: n = " INT64_FORMAT
						", coefficients = %d", fn, m->n, p + (icpt ? 1 : 0) + (int) absorbed),
				 errhint("Too few rows: aggregate more data into the sketch.")));

	f->a = palloc(sizeof(double) * Max(p * p, 1));
	f->b = palloc(sizeof(double) * Max(p, 1));
	f->beta = palloc0(sizeof(double) * Max(p, 1));
	for (j = 0; j < p; j++)
	{
		for (i = 0; i < p; i++)
			f->a[i + j * p] = Cross(m, x[i], x[j], icpt);
		f->b[j] = Cross(m, x[j], y, icpt);
	}
	if (p > 0)
	{
		bad = linalg_spd_inverse(p, f->a);
		if (bad >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: regressor %s is constant or collinear with the regressors before it",
							fn, ols_sketch_term_name(names, x[bad])),
					 errhint("Drop the column or one of the columns it depends on.")));
		linalg_gemv(p, f->a, f->b, f->beta);
	}
	ryy = Cross(m, y, y, icpt);
	if (!(ryy > 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: the outcome %s is constant", fn, ols_sketch_term_name(names, y))));
	f->rss = ryy;
	for (j = 0; j < p; j++)
		f->rss -= f->beta[j] * f->b[j];
	/* below rounding noise the fit is exact: report no sampling error at all */
	if (f->rss <= 64 * DBL_EPSILON * ryy)
		f->rss = 0.0;
	f->sigma2 = f->rss / f->df;
	f->r2 = 1.0 - f->rss / ryy;
	return f;
}

/* Standard error of coefficient j (0-based among x) of a fit. */
double
ols_sketch_se(const OlsFit *f, int j)
{
	return sqrt(Max(f->sigma2 * f->a[j + j * f->p], 0.0));
}

PG_FUNCTION_INFO_V1(moments_ols);
/* causal.ols(m, y, x int[], intercept, names text[]): one row per term. */
Datum
moments_ols(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Moments    *m = moments_get_arg(fcinfo, 0);
	int			y = moments_column_index(m, PG_GETARG_INT32(1), "y");
	bool		icpt = PG_GETARG_BOOL(3);
	ArrayType  *names = sketch_names_argument(m->names, m->k, fcinfo, 4);
	int			p,
				i,
				j;
	int		   *x;
	OlsFit	   *fit;
	double	   *a,
			   *beta,
				sigma2,
				df,
				r2;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("argument \"x\" of causal.ols must not be NULL"),
				 errhint("Pass '{}' for a model with the intercept only.")));
	x = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(2), "x", &p);
	if (names != NULL && (ARR_NDIM(names) != 1 || ARR_DIMS(names)[0] != m->k))
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"names\" must name all %d columns of the sketch", m->k)));
	if (p == 0 && !icpt)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.ols needs a regressor or an intercept")));
	fit = ols_sketch_fit(m, y, x, p, icpt, 0.0, names, "causal.ols");
	a = fit->a;
	beta = fit->beta;
	sigma2 = fit->sigma2;
	df = fit->df;
	r2 = fit->r2;

	InitMaterializedSRF(fcinfo, 0);
	for (j = (icpt ? -1 : 0); j < p; j++)
	{
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, false, false, false, false};
		double		est,
					var,
					se,
					t;

		if (j < 0)
		{
			/* intercept: ybar - beta' xbar and its variance */
			double		q = 0.0;

			est = moments_mean(m, y);
			for (i = 0; i < p; i++)
				est -= beta[i] * moments_mean(m, x[i]);
			for (i = 0; i < p; i++)
			{
				int			l;

				for (l = 0; l < p; l++)
					q += moments_mean(m, x[i]) * a[i + l * p] * moments_mean(m, x[l]);
			}
			var = sigma2 * (1.0 / m->sum_w + q);
			values[0] = CStringGetTextDatum("intercept");
		}
		else
		{
			est = beta[j];
			var = sigma2 * a[j + j * p];
			values[0] = CStringGetTextDatum(ols_sketch_term_name(names, x[j]));
		}
		se = sqrt(Max(var, 0.0));
		t = est / se;
		/* means near the double range (a stored sketch may hold them) overflow the intercept */
		if (!isfinite(est) || !isfinite(se) || (se > 0.0 && !isfinite(t)))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("causal.ols: the %s of term \"%s\" overflows double precision",
							!isfinite(est) ? "estimate" : (!isfinite(se) ? "standard error" : "t value"),
							j < 0 ? "intercept" : ols_sketch_term_name(names, x[j])),
					 errhint("Rescale the columns (for example to thousands) before sketching.")));
		values[1] = Float8GetDatum(est);
		values[2] = Float8GetDatum(se);
		values[3] = Float8GetDatum(t);
		values[4] = Float8GetDatum(dist_t_two_sided(t, df));
		if (se == 0.0)
			nulls[3] = nulls[4] = true; /* perfect fit: no sampling error to test against */
		values[5] = Float8GetDatum(r2);
		values[6] = Float8GetDatum(df);
		values[7] = Int64GetDatum(m->n);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_VOID();
}
