/*
 * evalue.c
 *		E-values (VanderWeele and Ding 2017, "Sensitivity analysis in
 *		observational research: introducing the E-value", Ann. Intern. Med.
 *		167:268-274), with the conversions to the risk-ratio scale of R's
 *		EValue package (Mathur et al. 2018).
 *
 * For a risk ratio RR >= 1 the E-value is RR + sqrt(RR (RR - 1)): the
 * strength (on the risk-ratio scale, with treatment and with outcome) an
 * unmeasured confounder would need to explain the estimate away; RR < 1 is
 * inverted first.  Towards a non-null true value t it is
 * (RR + sqrt(RR (RR - t))) / t, or with the ratio t / RR when the estimate
 * lies on the null side of t.  For the interval, only the limit nearer the
 * true value counts, and an interval that contains it has E-value 1.
 * Other measures become approximate risk ratios first: an odds ratio of a
 * common outcome sqrt(OR), a hazard ratio of a common outcome
 * (1 - 0.5^sqrt(HR)) / (1 - 0.5^sqrt(1/HR)), a standardized mean
 * difference d exp(0.91 d) with limits exp(0.91 d -+ 1.78 se); a rare
 * outcome's OR and HR are taken as risk ratios.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"

#include "core/sql_args.h"

enum
{
	MEASURE_RR, MEASURE_OR, MEASURE_HR, MEASURE_SMD
};

/* The approximate risk ratio of x on measure's scale. */
static double
ToRR(double x, int measure, bool rare)
{
	switch (measure)
	{
		case MEASURE_OR:
			return rare ? x : sqrt(x);
		case MEASURE_HR:
			return rare ? x : (1.0 - pow(0.5, sqrt(x))) / (1.0 - pow(0.5, sqrt(1.0 / x)));
		case MEASURE_SMD:
			return exp(0.91 * x);
	}
	return x;
}

/* The E-value of risk ratio x towards the true value t. */
static double
Threshold(double x, double t)
{
	if (x <= 1.0)
	{
		x = 1.0 / x;
		t = 1.0 / t;
	}
	if (t <= x)
		return (x + sqrt(x * (x - t))) / t;
	x = t / x;
	return x + sqrt(x * (x - 1.0));
}

PG_FUNCTION_INFO_V1(causal_evalue);
/*
 * causal.evalue(estimate, lower, upper, measure, rare, se, true_value):
 * (rr, rr_lower, rr_upper, evalue, evalue_lower, evalue_upper).
 */
Datum
causal_evalue(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.evalue";
	static const char *const measures[] = {"RR", "OR", "HR", "SMD", NULL};
	int			measure;
	bool		rare = false,
				has_lo = !PG_ARGISNULL(1),
				has_hi = !PG_ARGISNULL(2);
	double		est,
				lo = 0,
				hi = 0,
				t,
				rr,
				rlo = 0,
				rhi = 0,
				e_lo = 0,
				e_hi = 0;
	bool		null_lo = true,
				null_hi = true;
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false, !has_lo, !has_hi, false, true, true};

	sql_args_not_null(fcinfo, fn, SQL_ARG(1) | SQL_ARG(2) | SQL_ARG(4) | SQL_ARG(5) | SQL_ARG(6));
	est = PG_GETARG_FLOAT8(0);
	measure = sql_args_choice(text_to_cstring(PG_GETARG_TEXT_PP(3)), fn, "measure", measures);
	if (measure == MEASURE_OR || measure == MEASURE_HR)
	{
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: rare must be given for an %s", fn, measures[measure]),
					 errhint("rare => true when the outcome is rare (under 15%% at the end of follow-up), "
							 "else false.")));
		rare = PG_GETARG_BOOL(4);
	}
	if (measure == MEASURE_SMD)
	{
		double		se;

		if (PG_ARGISNULL(5) || has_lo || has_hi)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: a standardized mean difference takes se, not interval limits", fn),
					 errhint("Pass se => the standard error of the standardized difference.")));
		se = PG_GETARG_FLOAT8(5);
		if (!(se > 0) || !isfinite(se))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: se must be positive, got %g", fn, se),
					 errhint("Pass the standard error of the standardized difference.")));
		if (!isfinite(est))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: estimate must be a finite number", fn)));
		t = PG_ARGISNULL(6) ? 1.0 : exp(0.91 * PG_GETARG_FLOAT8(6));
		rr = exp(0.91 * est);
		rlo = exp(0.91 * est - 1.78 * se);
		rhi = exp(0.91 * est + 1.78 * se);
		has_lo = has_hi = true;
		nulls[1] = nulls[2] = false;
	}
	else
	{
		if (!(est > 0) || !isfinite(est))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: a ratio estimate must be positive, got %g", fn, est),
					 errhint("Pass the ratio (RR, OR or HR), not its logarithm.")));
		if (has_lo)
			lo = PG_GETARG_FLOAT8(1);
		if (has_hi)
			hi = PG_GETARG_FLOAT8(2);
		if ((has_lo && !(lo > 0 && lo <= est)) || (has_hi && !(hi >= est && isfinite(hi))))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the interval must contain the estimate and be positive", fn),
					 errhint("lower <= estimate <= upper, all on the ratio scale.")));
		t = PG_ARGISNULL(6) ? 1.0 : PG_GETARG_FLOAT8(6);
		if (!(t > 0) || !isfinite(t))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: true_value must be a positive ratio, got %g", fn, t),
					 errhint("Leave it out for the null value 1.")));
		t = ToRR(t, measure, rare);
		rr = ToRR(est, measure, rare);
		rlo = has_lo ? ToRR(lo, measure, rare) : 0;
		rhi = has_hi ? ToRR(hi, measure, rare) : 0;
	}

	/* the E-value of the limit nearer the true value; 1 when the interval holds it */
	if (rr > t && has_lo)
	{
		e_lo = rlo < t ? 1.0 : Threshold(rlo, t);
		null_lo = false;
	}
	else if (rr < t && has_hi)
	{
		e_hi = rhi > t ? 1.0 : Threshold(rhi, t);
		null_hi = false;
	}
	else if (rr == t && (has_lo || has_hi))
	{
		e_lo = 1.0;
		null_lo = false;
	}

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "causal_evalue must return a row");
	values[0] = Float8GetDatum(rr);
	values[1] = Float8GetDatum(rlo);
	values[2] = Float8GetDatum(rhi);
	values[3] = Float8GetDatum(Threshold(rr, t));
	values[4] = Float8GetDatum(e_lo);
	values[5] = Float8GetDatum(e_hi);
	nulls[4] = null_lo;
	nulls[5] = null_hi;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}
