/*
 * effect.c
 *		Builds causal.effect rows (see effect.h).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "core/distributions.h"
#include "core/sql_args.h"
#include "estimate/effect.h"

#define EFFECT_COLUMNS 12

/* An empty row: every field but method, estimand and n NULL. */
void
effect_init(EffectRow *e, const char *method, const char *estimand)
{
	static const char *const names[] = {"ATE", "ATT", "ATC"};

	memset(e, 0, sizeof(*e));
	e->method = method;
	e->estimand = estimand;
	/* an estimand the caller passed on as the user spelled it ('att', ' ATT') comes back canonical */
	for (int i = 0; estimand != NULL && i < 3; i++)
		if (sql_args_is(estimand, names[i]))
			e->estimand = names[i];
}

/* The normal interval and two-sided p-value of estimate with standard error se. */
void
effect_normal(EffectRow *e, double estimate, double se, double alpha)
{
	double		z = dist_qnorm(alpha / 2.0, false);

	e->estimate = estimate;
	e->has_se = true;
	e->std_error = se;
	e->ci_lower = estimate - z * se;
	e->ci_upper = estimate + z * se;
	e->has_p = true;
	e->p_value = dist_normal_two_sided(estimate / se);
}

/* The arm counts. */
void
effect_arms(EffectRow *e, int64 n_treated, int64 n_control)
{
	e->has_arms = true;
	e->n_treated = n_treated;
	e->n_control = n_control;
}

/* The causal.effect value of the function or aggregate called through fcinfo. */
Datum
effect_datum(FunctionCallInfo fcinfo, const EffectRow *e)
{
	TupleDesc	desc;
	Datum		values[EFFECT_COLUMNS];
	bool		nulls[EFFECT_COLUMNS];

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s must return causal.effect", e->method);
	/* 0.1.0's type has no statistic: the library serves it until ALTER EXTENSION causal UPDATE */
	if (desc->natts != EFFECT_COLUMNS && desc->natts != EFFECT_COLUMNS - 1)
		elog(ERROR, "causal.effect has %d columns, expected %d", desc->natts, EFFECT_COLUMNS);
	desc = BlessTupleDesc(desc);
	memset(nulls, 0, sizeof(nulls));
	values[0] = CStringGetTextDatum(e->method);
	nulls[1] = e->estimand == NULL;
	values[1] = e->estimand ? CStringGetTextDatum(e->estimand) : (Datum) 0;
	values[2] = Float8GetDatum(e->estimate);
	values[3] = Float8GetDatum(e->std_error);
	values[4] = Float8GetDatum(e->ci_lower);
	values[5] = Float8GetDatum(e->ci_upper);
	nulls[3] = nulls[4] = nulls[5] = !e->has_se;
	nulls[3] |= isnan(e->std_error);	/* no spread to measure (one bootstrap replicate) */
	values[6] = Float8GetDatum(e->p_value);
	nulls[6] = !e->has_p || isnan(e->p_value);
	values[7] = Int64GetDatum(e->n);
	values[8] = Int64GetDatum(e->n_treated);
	values[9] = Int64GetDatum(e->n_control);
	nulls[8] = nulls[9] = !e->has_arms;
	nulls[10] = e->details == NULL;
	values[10] = e->details ? json_out_jsonb(e->details) : (Datum) 0;
	/* the z (or t) statistic: NULL without a positive, finite standard error */
	nulls[11] = nulls[3] || !(e->std_error > 0.0) || !isfinite(e->std_error);
	values[11] = Float8GetDatum(nulls[11] ? 0.0 : e->estimate / e->std_error);
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}
