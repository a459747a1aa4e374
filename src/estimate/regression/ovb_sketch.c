/*
 * ovb_sketch.c
 *		Omitted-variable-bias sensitivity of a regression estimate, from a
 *		moment sketch (Cinelli and Hazlett 2020, "Making sense of
 *		sensitivity: extending omitted variable bias", JRSS-B 82:39-67; R's
 *		sensemakr).
 *
 * Every quantity is a function of OLS fits, so it comes from the sketch:
 *   partial R^2 of D with Y given X   r2yd.x = t^2 / (t^2 + dof);
 *   robustness value (Sec. 3.3)       f_q = q |t| / sqrt(dof),
 *                                     RV_q = (sqrt(f_q^4 + 4 f_q^2) - f_q^2) / 2;
 *   at level alpha                    f_qa = f_q - |t*_{alpha, dof-1}| / sqrt(dof - 1),
 *                                     RV_qa as RV_q with f_qa (0 when f_qa <= 0), and
 *                                     when f_q > 1 / f*, the extreme value
 *                                     (f_q^2 - f*^2) / (1 + f_q^2) (sensemakr >= 0.1.4);
 *   bounds from a benchmark covariate X_j, k_d and k_y times as strong
 *   (Sec. 6.2): r2dz.x = k_d r2dxj.x / (1 - r2dxj.x),
 *     r2zxj.xd = k_d r2dxj.x^2 / ((1 - k_d r2dxj.x)(1 - r2dxj.x)),
 *     r2yz.dx = ((sqrt(k_y) + sqrt(r2zxj.xd)) / sqrt(1 - r2zxj.xd))^2 r2yxj.dx / (1 - r2yxj.dx)
 *     (capped at 1), with r2dxj.x from the regression of D on X and r2yxj.dx
 *     from that of Y on D and X;
 *   the adjusted estimate |b| -+ se sqrt(dof r2yz.dx r2dz.x / (1 - r2dz.x)),
 *   its standard error se sqrt((1 - r2yz.dx) / (1 - r2dz.x)) sqrt(dof / (dof - 1)),
 *   and the interval adjusted estimate +- t*_{alpha, dof} adjusted se (as
 *   sensemakr's bounds table; its adjusted_ci() uses dof - 1).
 * absorbed counts parameters partialled out of the columns before sketching
 * (fixed effects by within-group demeaning), which the residual degrees of
 * freedom lose (Frisch-Waugh-Lovell).
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/distributions.h"
#include "sketch/moments.h"
#include "sketch/moments_funcs.h"
#include "estimate/regression/ols_sketch.h"

/* The fit of y on d and x, with d first; its t statistic and dof. */
typedef struct OvbFit
{
	OlsFit	   *outcome;		/* y ~ d + x */
	double		estimate;
	double		se;
	double		t;
	double		dof;
	int			y;
	int			d;
	int		   *x;
	int			p;
} OvbFit;

static OvbFit *
OvbOpen(FunctionCallInfo fcinfo, Moments *m, double absorbed, const char *fn)
{
	OvbFit	   *o = palloc0(sizeof(OvbFit));
	int		   *xs,
				i;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be NULL", fn,
						PG_ARGISNULL(1) ? "y" : PG_ARGISNULL(2) ? "d" : "x"),
				 errhint("Pass the sketch column numbers of the outcome, the treatment and the covariates.")));
	if (!(absorbed >= 0) || absorbed > 1e9)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: absorbed must be a count of parameters, got %g", fn, absorbed),
				 errhint("absorbed is the number of fixed effects partialled out before sketching, or 0.")));
	o->y = moments_column_index(m, PG_GETARG_INT32(1), "y");
	o->d = moments_column_index(m, PG_GETARG_INT32(2), "d");
	o->x = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(3), "x", &o->p);
	xs = palloc(sizeof(int) * (o->p + 1));
	xs[0] = o->d;
	for (i = 0; i < o->p; i++)
		xs[i + 1] = o->x[i];
	o->outcome = ols_sketch_fit(m, o->y, xs, o->p + 1, true, absorbed, NULL, fn);
	o->estimate = o->outcome->beta[0];
	o->se = ols_sketch_se(o->outcome, 0);
	o->dof = o->outcome->df;
	if (!isfinite(o->estimate) || !isfinite(o->se))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the estimate of the treatment overflows double precision", fn),
				 errhint("Rescale the columns before sketching.")));
	if (!(o->se > 0) || o->dof < 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: the regression has no sampling error to take apart (se = %g, dof = %g)",
						fn, o->se, o->dof),
				 errhint("The outcome is fitted exactly, or there are too few rows.")));
	o->t = o->estimate / o->se;
	return o;
}

/* The robustness value for f (0 below zero), or the extreme one when it binds. */
static double
RobustnessValue(double fq, double fcrit)
{
	double		fqa = fq - fcrit;

	if (!(fqa > 0))
		return 0.0;
	if (fcrit > 0 && fq > 1.0 / fcrit)
		return (fq * fq - fcrit * fcrit) / (1.0 + fq * fq);
	return 2.0 / (1.0 + sqrt(1.0 + 4.0 / (fqa * fqa)));
}

/* |t| of level alpha with df degrees of freedom. */
static double
TCrit(double alpha, double df)
{
	return fabs(dist_qt(alpha / 2.0, df, true));
}

static void
CheckLevel(double q, double alpha, const char *fn)
{
	if (!(q > 0) || !isfinite(q))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: q must be positive, got %g", fn, q),
				 errhint("q = 1 asks what confounding would bring the estimate to zero.")));
	if (!(alpha > 0 && alpha < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: alpha must lie in (0, 1), got %g", fn, alpha),
				 errhint("alpha = 0.05 for 95%% intervals.")));
}

PG_FUNCTION_INFO_V1(sensitivity_stats);
/*
 * causal.sensitivity_stats(m, y, d, x, q, alpha, absorbed): one row of the
 * estimate, se, t, dof, partial R^2 of the treatment, RV_q and RV_qa.
 */
Datum
sensitivity_stats(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.sensitivity_stats";
	Moments    *m;
	OvbFit	   *o;
	double		q = PG_GETARG_FLOAT8(4),
				alpha = PG_GETARG_FLOAT8(5),
				fq;
	TupleDesc	tupdesc;
	Datum		values[8];
	bool		nulls[8] = {false, false, false, false, false, false, false, false};

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: m must not be NULL", fn),
				 errhint("Pass a causal.moments sketch of the outcome, treatment and covariates.")));
	m = moments_get_arg(fcinfo, 0);
	CheckLevel(q, alpha, fn);
	o = OvbOpen(fcinfo, m, PG_GETARG_FLOAT8(6), fn);
	fq = q * fabs(o->t) / sqrt(o->dof);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "sensitivity_stats must return a row");
	values[0] = Float8GetDatum(o->estimate);
	values[1] = Float8GetDatum(o->se);
	values[2] = Float8GetDatum(o->t);
	values[3] = Float8GetDatum(o->dof);
	values[4] = Float8GetDatum(o->t * o->t / (o->t * o->t + o->dof));
	values[5] = Float8GetDatum(o->t * o->t / o->dof);
	values[6] = Float8GetDatum(RobustnessValue(fq, 0.0));
	values[7] = Float8GetDatum(RobustnessValue(fq, TCrit(alpha, o->dof - 1) / sqrt(o->dof - 1)));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}

/* Reads a float8[] of multipliers (k_d or k_y): positive, finite, no NULL. */
static double *
Multipliers(ArrayType *a, const char *arg, const char *fn, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	double	   *k;
	int			i;

	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, n);
	if (*n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s is empty", fn, arg),
				 errhint("For example kd => '{1,2,3}'.")));
	k = palloc(sizeof(double) * *n);
	for (i = 0; i < *n; i++)
	{
		if (nulls[i] || !(DatumGetFloat8(elems[i]) > 0) || !isfinite(DatumGetFloat8(elems[i])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: every element of %s must be a positive number", fn, arg),
					 errhint("k_d = 2 means a confounder twice as strong as the benchmark.")));
		k[i] = DatumGetFloat8(elems[i]);
	}
	return k;
}

PG_FUNCTION_INFO_V1(ovb_bounds);
/*
 * causal.ovb_bounds(m, y, d, x, benchmark, kd, ky, alpha, reduce, absorbed):
 * one row per (k_d, k_y) pair with the confounder's partial R^2 values and
 * the estimate, se, t and interval adjusted for it.
 */
Datum
ovb_bounds(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.ovb_bounds";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Moments    *m;
	OvbFit	   *o;
	OlsFit	   *fd;
	int			bench,
				jb = -1,
				nkd,
				nky,
				i,
				j;
	double	   *kd,
			   *ky,
				alpha = PG_GETARG_FLOAT8(7),
				tyx,
				tdx,
				r2yxj,
				r2dxj,
				tcrit;
	bool		reduce = PG_GETARG_BOOL(8);

	if (PG_ARGISNULL(0) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be NULL", fn,
						PG_ARGISNULL(0) ? "m" : PG_ARGISNULL(4) ? "benchmark" : "kd"),
				 errhint("Pass the sketch, the benchmark covariate's column and the multipliers.")));
	m = moments_get_arg(fcinfo, 0);
	CheckLevel(1.0, alpha, fn);
	o = OvbOpen(fcinfo, m, PG_GETARG_FLOAT8(9), fn);
	bench = moments_column_index(m, PG_GETARG_INT32(4), "benchmark");
	for (i = 0; i < o->p; i++)
		if (o->x[i] == bench)
			jb = i;
	if (jb < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the benchmark column %d is not one of the covariates x", fn, bench + 1),
				 errhint("Benchmark against an observed covariate of the model.")));
	kd = Multipliers(PG_GETARG_ARRAYTYPE_P(5), "kd", fn, &nkd);
	ky = PG_ARGISNULL(6) ? kd : Multipliers(PG_GETARG_ARRAYTYPE_P(6), "ky", fn, &nky);
	if (PG_ARGISNULL(6))
		nky = nkd;
	if (nky != nkd)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: kd has %d elements and ky %d", fn, nkd, nky),
				 errhint("Pass one ky per kd, or leave ky out to use kd.")));

	/* the benchmark's partial R^2 with the outcome (given D and X) and with D (given X) */
	tyx = o->outcome->beta[jb + 1] / ols_sketch_se(o->outcome, jb + 1);
	r2yxj = tyx * tyx / (tyx * tyx + o->dof);
	fd = ols_sketch_fit(m, o->d, o->x, o->p, true, PG_GETARG_FLOAT8(9), NULL, fn);
	tdx = fd->beta[jb] / ols_sketch_se(fd, jb);
	r2dxj = tdx * tdx / (tdx * tdx + fd->df);
	tcrit = TCrit(alpha, o->dof);

	InitMaterializedSRF(fcinfo, 0);
	for (j = 0; j < nkd; j++)
	{
		Datum		values[9];
		bool		nulls[9] = {false, false, false, false, false, false, false, false, false};
		double		r2dz = kd[j] * r2dxj / (1.0 - r2dxj),
					r2zxj,
					r2yz,
					bias,
					est,
					se;

		if (!(r2dz < 1.0) || !(kd[j] * r2dxj < 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: a confounder %g times as strong as the benchmark would explain all of the treatment",
							fn, kd[j]),
					 errhint("Use smaller kd.")));
		r2zxj = kd[j] * r2dxj * r2dxj / ((1.0 - kd[j] * r2dxj) * (1.0 - r2dxj));
		if (!(r2zxj < 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: kd = %g is impossible for this benchmark", fn, kd[j]),
					 errhint("Use smaller kd.")));
		r2yz = pow((sqrt(ky[j]) + sqrt(r2zxj)) / sqrt(1.0 - r2zxj), 2) * r2yxj / (1.0 - r2yxj);
		if (r2yz > 1.0)
			r2yz = 1.0;
		bias = o->se * sqrt(o->dof * r2yz * r2dz / (1.0 - r2dz));
		est = (o->estimate < 0 ? -1.0 : 1.0) * (fabs(o->estimate) + (reduce ? -bias : bias));
		se = o->se * sqrt((1.0 - r2yz) / (1.0 - r2dz)) * sqrt(o->dof / (o->dof - 1.0));
		values[0] = Float8GetDatum(kd[j]);
		values[1] = Float8GetDatum(ky[j]);
		values[2] = Float8GetDatum(r2dz);
		values[3] = Float8GetDatum(r2yz);
		values[4] = Float8GetDatum(est);
		values[5] = Float8GetDatum(se);
		values[6] = Float8GetDatum(est / se);
		values[7] = Float8GetDatum(est - tcrit * se);
		values[8] = Float8GetDatum(est + tcrit * se);
		if (!(se > 0))
			nulls[5] = nulls[6] = nulls[7] = nulls[8] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
