/*
 * distributions.c
 *		Normal, Student t, chi-square and F distribution functions, in C and SQL.
 *
 * The numerics are R's (libRmath): pnorm by Cody's rational Chebyshev
 * approximations, qnorm by Wichura's AS 241, pt/pf through the incomplete
 * beta ratio (TOMS 708) and pchisq through the incomplete gamma ratio; all
 * close to double precision over the ranges statistics use.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"

#define MATHLIB_STANDALONE 1
#include <Rmath.h>

#include "core/distributions.h"

/* Normal CDF (or upper tail) of x. */
double
dist_pnorm(double x, bool lower_tail)
{
	return pnorm5(x, 0.0, 1.0, lower_tail ? 1 : 0, 0);
}

/* Normal quantile of p (p counted from the upper tail when !lower_tail). */
double
dist_qnorm(double p, bool lower_tail)
{
	return qnorm5(p, 0.0, 1.0, lower_tail ? 1 : 0, 0);
}

/* Student t CDF (or upper tail). */
double
dist_pt(double t, double df, bool lower_tail)
{
	return pt(t, df, lower_tail ? 1 : 0, 0);
}

/* Student t quantile (or upper-tail quantile). */
double
dist_qt(double p, double df, bool lower_tail)
{
	return qt(p, df, lower_tail ? 1 : 0, 0);
}

/* Chi-square CDF (or upper tail). */
double
dist_pchisq(double x, double df, bool lower_tail)
{
	return pchisq(x, df, lower_tail ? 1 : 0, 0);
}

/* F CDF (or upper tail). */
double
dist_pf(double x, double df1, double df2, bool lower_tail)
{
	return pf(x, df1, df2, lower_tail ? 1 : 0, 0);
}

/* Gamma CDF (or upper tail) with the given shape and scale. */
double
dist_pgamma(double x, double shape, double scale, bool lower_tail)
{
	return pgamma(x, shape, scale, lower_tail ? 1 : 0, 0);
}

/* Two-sided normal p-value 2 * P(Z > |z|), computed in the upper tail for accuracy. */
double
dist_normal_two_sided(double z)
{
	return 2.0 * dist_pnorm(-fabs(z), true);
}

/* Two-sided t p-value 2 * P(T > |t|). */
double
dist_t_two_sided(double t, double df)
{
	return 2.0 * dist_pt(-fabs(t), df, true);
}

/* Raises an error unless a distribution parameter is finite and positive. */
static void
CheckPositive(double v, const char *name)
{
	if (!(v > 0.0) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be a finite positive number, got %g", name, v),
				 errhint("Degrees of freedom and standard deviations are positive.")));
}

PG_FUNCTION_INFO_V1(causal_pnorm);
/* SQL causal.pnorm(q, mean, sd, lower_tail). */
Datum
causal_pnorm(PG_FUNCTION_ARGS)
{
	double		q = PG_GETARG_FLOAT8(0);
	double		mean = PG_GETARG_FLOAT8(1);
	double		sd = PG_GETARG_FLOAT8(2);

	CheckPositive(sd, "sd");
	PG_RETURN_FLOAT8(pnorm5(q, mean, sd, PG_GETARG_BOOL(3) ? 1 : 0, 0));
}

PG_FUNCTION_INFO_V1(causal_qnorm);
/* SQL causal.qnorm(p, mean, sd, lower_tail). */
Datum
causal_qnorm(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);
	double		mean = PG_GETARG_FLOAT8(1);
	double		sd = PG_GETARG_FLOAT8(2);

	if (!(p >= 0.0 && p <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"p\" must lie in [0, 1], got %g", p),
				 errhint("qnorm takes a probability.")));
	CheckPositive(sd, "sd");
	PG_RETURN_FLOAT8(qnorm5(p, mean, sd, PG_GETARG_BOOL(3) ? 1 : 0, 0));
}

PG_FUNCTION_INFO_V1(causal_pt);
/* SQL causal.pt(q, df, lower_tail). */
Datum
causal_pt(PG_FUNCTION_ARGS)
{
	double		q = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	CheckPositive(df, "df");
	PG_RETURN_FLOAT8(dist_pt(q, df, PG_GETARG_BOOL(2)));
}

PG_FUNCTION_INFO_V1(causal_qt);
/* SQL causal.qt(p, df, lower_tail): the Student t quantile. */
Datum
causal_qt(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	if (!(p >= 0.0 && p <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"p\" must lie in [0, 1], got %g", p),
				 errhint("qt takes a probability.")));
	CheckPositive(df, "df");
	PG_RETURN_FLOAT8(dist_qt(p, df, PG_GETARG_BOOL(2)));
}

PG_FUNCTION_INFO_V1(causal_pchisq);
/* SQL causal.pchisq(q, df, lower_tail). */
Datum
causal_pchisq(PG_FUNCTION_ARGS)
{
	double		q = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	CheckPositive(df, "df");
	PG_RETURN_FLOAT8(dist_pchisq(q, df, PG_GETARG_BOOL(2)));
}

PG_FUNCTION_INFO_V1(causal_pf);
/* SQL causal.pf(q, df1, df2, lower_tail). */
Datum
causal_pf(PG_FUNCTION_ARGS)
{
	double		q = PG_GETARG_FLOAT8(0);
	double		df1 = PG_GETARG_FLOAT8(1);
	double		df2 = PG_GETARG_FLOAT8(2);

	CheckPositive(df1, "df1");
	CheckPositive(df2, "df2");
	PG_RETURN_FLOAT8(dist_pf(q, df1, df2, PG_GETARG_BOOL(3)));
}
