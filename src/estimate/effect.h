/*
 * effect.h
 *		The one builder of causal.effect rows: (method, estimand, estimate,
 *		std_error, ci_lower, ci_upper, p_value, n, n_treated, n_control,
 *		details, statistic; statistic is estimate / std_error, derived here).  Every estimator fills an EffectRow and returns
 *		effect_datum(); only effect.c knows the composite's column order.
 */
#ifndef CAUSAL_EFFECT_H
#define CAUSAL_EFFECT_H

#include "fmgr.h"

#include "core/json_out.h"

typedef struct EffectRow
{
	const char *method;
	const char *estimand;		/* NULL: SQL NULL */
	double		estimate;
	bool		has_se;			/* false: std_error, ci_lower, ci_upper NULL */
	double		std_error;
	double		ci_lower;
	double		ci_upper;
	bool		has_p;			/* false: p_value NULL */
	double		p_value;
	int64		n;
	bool		has_arms;		/* false: n_treated, n_control NULL */
	int64		n_treated;
	int64		n_control;
	JsonOut    *details;		/* NULL: SQL NULL */
} EffectRow;

/* An empty row: every field but method, estimand and n NULL. */
extern void effect_init(EffectRow *e, const char *method, const char *estimand);

/*
 * The normal-approximation fields of an estimate with standard error se:
 * the (1 - alpha) interval estimate -/+ z se and the two-sided p-value of
 * estimate / se.
 */
extern void effect_normal(EffectRow *e, double estimate, double se, double alpha);

/* The arm counts. */
extern void effect_arms(EffectRow *e, int64 n_treated, int64 n_control);

/* The causal.effect value of the function or aggregate called through fcinfo. */
extern Datum effect_datum(FunctionCallInfo fcinfo, const EffectRow *e);

#endif
