/*
 * iv_sketch.c
 *		Two-stage least squares from a moment sketch, and the first-stage
 *		strength of the instruments.
 *
 * With regressors W = (D, X) (D endogenous, X exogenous) and instruments
 * Q = (Z, X), all centred (the intercept is in both), 2SLS is
 *   beta = (W'Q (Q'Q)^-1 Q'W)^-1 W'Q (Q'Q)^-1 Q'y,
 * the residuals are y - W beta (not the second stage's), sigma^2 =
 * RSS / (n - k - 1) and Var(beta) = sigma^2 (W'Q (Q'Q)^-1 Q'W)^-1: the
 * classical (homoskedastic) standard errors of statsmodels' IV2SLS and of
 * R's ivreg; every term is a function of the co-moments, so one scan (or a
 * stored rollup) suffices.  The first stage of each endogenous regressor
 * reports the F statistic of the excluded instruments and their partial R^2
 * (Staiger and Stock's rule of thumb: F below 10 flags weak instruments).
 * The small matrix products are written out: the matrices are k x k for a
 * handful of regressors, and the inverses go through core/linalg.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/distributions.h"
#include "core/linalg.h"
#include "sketch/moments.h"
#include "sketch/moments_funcs.h"
#include "estimate/regression/ols_sketch.h"

/* The column lists of a call: outcome, endogenous, instruments, exogenous. */
typedef struct IvCols
{
	int			y;
	int		   *d;
	int			nd;
	int		   *z;
	int			nz;
	int		   *x;
	int			nx;
} IvCols;

static void
ReadCols(FunctionCallInfo fcinfo, Moments *m, int first, bool with_y, IvCols *c, const char *fn)
{
	int			a = first,
				i,
				j,
				n = 0;
	int		   *all;

	if (with_y)
	{
		if (PG_ARGISNULL(a))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: y must not be NULL", fn)));
		c->y = moments_column_index(m, PG_GETARG_INT32(a), "y");
		a++;
	}
	if (PG_ARGISNULL(a) || PG_ARGISNULL(a + 1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be NULL", fn, PG_ARGISNULL(a) ? "d" : "z"),
				 errhint("Pass the sketch columns of the endogenous regressors and of the instruments.")));
	c->d = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(a), "d", &c->nd);
	c->z = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(a + 1), "z", &c->nz);
	if (PG_ARGISNULL(a + 2))
	{
		c->x = NULL;
		c->nx = 0;
	}
	else
		c->x = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(a + 2), "x", &c->nx);
	if (c->nd < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: d names no endogenous regressor", fn),
				 errhint("For example d => '{2}'.")));
	if (c->nz < c->nd)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %d instruments for %d endogenous regressors: the model is not identified",
						fn, c->nz, c->nd),
				 errhint("Two-stage least squares needs at least one instrument per endogenous regressor.")));
	all = palloc(sizeof(int) * (1 + c->nd + c->nz + c->nx));
	if (with_y)
		all[n++] = c->y;
	for (i = 0; i < c->nd; i++)
		all[n++] = c->d[i];
	for (i = 0; i < c->nz; i++)
		all[n++] = c->z[i];
	for (i = 0; i < c->nx; i++)
		all[n++] = c->x[i];
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (all[i] == all[j])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: column %d is used twice among y, d, z and x", fn, all[i] + 1),
						 errhint("Each column plays one role.")));
}

/* Centred cross-product matrix of column lists a (na) and b (nb), row-major na x nb. */
static double *
CrossM(const Moments *m, const int *a, int na, const int *b, int nb)
{
	double	   *c = palloc(sizeof(double) * Max(na * nb, 1));
	int			i,
				j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			c[i * nb + j] = moments_comoment(m, a[i], b[j]);
	return c;
}

PG_FUNCTION_INFO_V1(moments_iv_2sls);
/*
 * causal.iv_2sls(m, y, d, z, x, names): one row per term (intercept, the
 * endogenous, the exogenous) with estimate, standard error, t, p, df.
 */
Datum
moments_iv_2sls(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.iv_2sls";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Moments    *m;
	IvCols		c;
	ArrayType  *names;
	int		   *w,
			   *q,
				kw,
				kq,
				i,
				j,
				l,
				bad;
	double	   *sqq,
			   *swq,
			   *sqy,
			   *mq,
			   *a,
			   *b,
			   *beta,
				rss,
				df,
				sigma2;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: m must not be NULL", fn),
				 errhint("Pass a causal.moments sketch of the outcome, regressors and instruments.")));
	m = moments_get_arg(fcinfo, 0);
	names = PG_ARGISNULL(5) ? NULL : PG_GETARG_ARRAYTYPE_P(5);
	ReadCols(fcinfo, m, 1, true, &c, fn);
	kw = c.nd + c.nx;
	kq = c.nz + c.nx;
	w = palloc(sizeof(int) * kw);
	q = palloc(sizeof(int) * kq);
	memcpy(w, c.d, sizeof(int) * c.nd);
	memcpy(q, c.z, sizeof(int) * c.nz);
	if (c.nx > 0)
	{
		memcpy(w + c.nd, c.x, sizeof(int) * c.nx);
		memcpy(q + c.nz, c.x, sizeof(int) * c.nx);
	}
	df = (double) m->n - kw - 1;
	if (df < 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s needs more rows than coefficients: n = " INT64_FORMAT ", coefficients = %d",
						fn, m->n, kw + 1),
				 errhint("Too few rows: aggregate more data into the sketch.")));

	sqq = CrossM(m, q, kq, q, kq);
	bad = linalg_spd_inverse(kq, sqq);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: instrument or exogenous column %s is constant or collinear with the ones before it",
						fn, ols_sketch_term_name(names, q[bad])),
				 errhint("Drop the column or one of the columns it depends on.")));
	swq = CrossM(m, w, kw, q, kq);
	sqy = CrossM(m, q, kq, &c.y, 1);
	/* mq = Swq Sqq^-1 (kw x kq); a = mq Swq' ; b = mq Sqy */
	mq = palloc0(sizeof(double) * kw * kq);
	for (i = 0; i < kw; i++)
		for (j = 0; j < kq; j++)
			for (l = 0; l < kq; l++)
				mq[i * kq + j] += swq[i * kq + l] * sqq[l * kq + j];
	a = palloc0(sizeof(double) * kw * kw);
	b = palloc0(sizeof(double) * kw);
	for (i = 0; i < kw; i++)
	{
		for (j = 0; j < kw; j++)
			for (l = 0; l < kq; l++)
				a[i * kw + j] += mq[i * kq + l] * swq[j * kq + l];
		for (l = 0; l < kq; l++)
			b[i] += mq[i * kq + l] * sqy[l];
	}
	bad = linalg_spd_inverse(kw, a);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: regressor %s is not identified by the instruments (their projections are collinear)",
						fn, ols_sketch_term_name(names, w[bad])),
				 errhint("Add instruments that move this regressor, or drop it.")));
	beta = palloc0(sizeof(double) * kw);
	linalg_gemv(kw, a, b, beta);
	rss = moments_comoment(m, c.y, c.y);
	for (i = 0; i < kw; i++)
	{
		rss -= 2.0 * beta[i] * moments_comoment(m, w[i], c.y);
		for (j = 0; j < kw; j++)
			rss += beta[i] * beta[j] * moments_comoment(m, w[i], w[j]);
	}
	sigma2 = Max(rss, 0.0) / df;

	InitMaterializedSRF(fcinfo, 0);
	for (j = -1; j < kw; j++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		double		est,
					var,
					se;

		if (j < 0)
		{
			double		quad = 0.0;

			est = moments_mean(m, c.y);
			for (i = 0; i < kw; i++)
				est -= beta[i] * moments_mean(m, w[i]);
			for (i = 0; i < kw; i++)
				for (l = 0; l < kw; l++)
					quad += moments_mean(m, w[i]) * a[i * kw + l] * moments_mean(m, w[l]);
			var = sigma2 * (1.0 / m->sum_w + quad);
			values[0] = CStringGetTextDatum("intercept");
		}
		else
		{
			est = beta[j];
			var = sigma2 * a[j * kw + j];
			values[0] = CStringGetTextDatum(ols_sketch_term_name(names, w[j]));
		}
		se = sqrt(Max(var, 0.0));
		/* means near the double range (a stored sketch may hold them) overflow the intercept */
		if (!isfinite(est) || !isfinite(se) || (se > 0.0 && !isfinite(est / se)))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: the %s of term \"%s\" overflows double precision", fn,
							!isfinite(est) ? "estimate" : "standard error",
							j < 0 ? "intercept" : ols_sketch_term_name(names, w[j])),
					 errhint("Rescale the columns (for example to thousands) before sketching.")));
		values[1] = Float8GetDatum(est);
		values[2] = Float8GetDatum(se);
		values[3] = Float8GetDatum(est / se);
		values[4] = Float8GetDatum(dist_t_two_sided(est / se, df));
		values[5] = Float8GetDatum(df);
		if (!(se > 0))
			nulls[2] = nulls[3] = nulls[4] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(moments_iv_first_stage);
/*
 * causal.iv_first_stage(m, d, z, x, names): per endogenous regressor the
 * F statistic of the excluded instruments, its degrees of freedom and
 * p-value, and their partial R^2.
 */
Datum
moments_iv_first_stage(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.iv_first_stage";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Moments    *m;
	IvCols		c;
	ArrayType  *names;
	int		   *full,
				j;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: m must not be NULL", fn),
				 errhint("Pass a causal.moments sketch of the regressors and instruments.")));
	m = moments_get_arg(fcinfo, 0);
	names = PG_ARGISNULL(4) ? NULL : PG_GETARG_ARRAYTYPE_P(4);
	c.y = -1;
	ReadCols(fcinfo, m, 1, false, &c, fn);
	full = palloc(sizeof(int) * (c.nz + c.nx));
	memcpy(full, c.z, sizeof(int) * c.nz);
	if (c.nx > 0)
		memcpy(full + c.nz, c.x, sizeof(int) * c.nx);

	InitMaterializedSRF(fcinfo, 0);
	for (j = 0; j < c.nd; j++)
	{
		OlsFit	   *f = ols_sketch_fit(m, c.d[j], full, c.nz + c.nx, true, 0.0, names, fn);
		OlsFit	   *r = ols_sketch_fit(m, c.d[j], c.x, c.nx, true, 0.0, names, fn);
		double		df1 = c.nz,
					fstat = ((r->rss - f->rss) / df1) / (f->rss / f->df);
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		if (!isfinite(r->rss) || !isfinite(f->rss) || isnan(fstat))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: the first stage of %s overflows double precision", fn,
							ols_sketch_term_name(names, c.d[j])),
					 errhint("Rescale the columns before sketching.")));
		values[0] = CStringGetTextDatum(ols_sketch_term_name(names, c.d[j]));
		values[1] = Float8GetDatum(fstat);
		values[2] = Float8GetDatum(df1);
		values[3] = Float8GetDatum(f->df);
		values[4] = Float8GetDatum(dist_pf(fstat, df1, f->df, false));
		values[5] = Float8GetDatum((r->rss - f->rss) / r->rss);
		if (!(f->rss > 0))
			nulls[1] = nulls[4] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
