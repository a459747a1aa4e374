/*
 * aipw.c
 *		causal.aipw_effect(relation, outcome, treatment, covariates, id,
 *		estimand, ridge, alpha): augmented inverse probability weighting,
 *		the doubly robust ATE or ATT, with OLS outcome models per arm, the
 *		logistic propensity model and the influence-function standard error,
 *		in one read of the rows.
 *
 *		With m1, m0 the arms' outcome models and e the propensity, per row
 *		  ATE  v_i = m1 - m0 + t (y - m1) / e - (1 - t) (y - m0) / (1 - e),
 *		       the estimate mean(v), its standard error sd(v) / sqrt(n);
 *		  ATT  u_i = t (y - m0) - (1 - t) e / (1 - e) (y - m0), the estimate
 *		       sum(u) / n1, its standard error sd((u - t ATT) / p1) / sqrt(n)
 *		       with p1 = n1 / n (the efficient influence function of the ATT).
 *		The outcome models are fitted on the rows of their arm with an
 *		outcome, the propensity model on every row; the averages run over the
 *		rows with an outcome.
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"

#include "core/json_out.h"
#include "core/sql_args.h"
#include "core/vector_stats.h"
#include "estimate/arm_rows.h"
#include "estimate/effect.h"
#include "estimate/estimand.h"
#include "estimate/propensity/logistic.h"
#include "estimate/propensity/overlap.h"
#include "estimate/weighting/ipw.h"

/* The AIPW effect of the rows of relid (see ipw.h). */
void
aipw_estimate(Oid relid, const char *outcome_name, const char *treatment, ArrayType *covariates,
			  const char *id, const char *estimand, double ridge, double alpha, EffectRow *e)
{
	const char *fn = "causal.aipw_effect";
	ArmRows		r;
	TableColumn outcome;
	bool		att;

	att = estimand_parse(estimand, fn, ESTIMANDS_ATE_ATT) == ESTIMAND_ATT;
	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: alpha must lie between 0 and 1, got %g", fn, alpha)));
	if (!(ridge >= 0.0) || isinf(ridge))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: ridge must be zero or positive, got %g", fn, ridge)));

	/* the rows, once: treatment, covariates, id (unique), and the outcome, which may be NULL */
	memset(&r, 0, sizeof(r));
	memset(&outcome, 0, sizeof(outcome));
	outcome.name = outcome_name;
	outcome.nullable = true;
	r.extra = &outcome;
	r.nextra = 1;
	arm_rows_read(relid, treatment, covariates, id, false, true, &r, fn);
	aipw_from_rows(&r, r.extra[0].values, att, ridge, alpha, false, e, fn);
}

/* The AIPW effect of rows in memory (see ipw.h). */
void
aipw_from_rows(const ArmRows *rows, const double *y, bool att, double ridge, double alpha, bool quiet,
			   EffectRow *e, const char *fn)
{
	ArmRows		r = *rows;
	double	   *x,
			   *b1,
			   *b0,
			   *v,
				est,
				se;
	LogisticFit *fit;
	Overlap		ov;
	int			n = 0,
				n1 = 0;
	JsonOut    *js = palloc(sizeof(JsonOut));

	x = palloc_extended(sizeof(double) * (Size) r.n * r.p, MCXT_ALLOC_HUGE);
	for (int j = 0; j < r.p; j++)
		memcpy(x + (Size) j * r.n, r.x[j], sizeof(double) * r.n);

	/* the outcome models per arm and the propensity model */
	b1 = palloc(sizeof(double) * (r.p + 1));
	b0 = palloc(sizeof(double) * (r.p + 1));
	weighting_arm_ols(&r, x, y, 1.0, "treated outcome model", b1);
	weighting_arm_ols(&r, x, y, 0.0, "control outcome model", b0);
	fit = logistic_fit(r.n, r.p + 1, x, r.treat, ridge, r.covs);
	overlap_init(&ov, 0.0);
	for (int i = 0; i < r.n; i++)
		(void) overlap_add(&ov, fit->fitted[i]);
	if (!quiet)
		overlap_warn(&ov, fn);

	/* the influence function per row with an outcome */
	v = palloc_extended(sizeof(double) * Max(r.n, 1), MCXT_ALLOC_HUGE);
	for (int i = 0; i < r.n; i++)
	{
		double		m1 = b1[0],
					m0 = b0[0],
					ei = fit->fitted[i];
		bool		t = r.treat[i] == 1.0;

		if (isnan(y[i]))
			continue;
		for (int j = 0; j < r.p; j++)
		{
			m1 += b1[j + 1] * r.x[j][i];
			m0 += b0[j + 1] * r.x[j][i];
		}
		if (att)
			v[n] = t ? y[i] - m0 : -ei / (1.0 - ei) * (y[i] - m0);
		else
			v[n] = m1 - m0 + (t ? (y[i] - m1) / ei : -(y[i] - m0) / (1.0 - ei));
		n1 += t;
		n++;
	}
	if (n1 == 0 || n1 == n)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: both treatment groups need rows with an outcome", fn)));
	if (att)
	{
		double		sum = 0.0,
					p1 = (double) n1 / n;
		int			k = 0;

		for (int i = 0; i < n; i++)
			sum += v[i];
		est = sum / n1;
		/* (u - t ATT) / p1, t read back in row order */
		for (int i = 0; i < r.n; i++)
		{
			if (isnan(y[i]))
				continue;
			v[k] = (v[k] - (r.treat[i] == 1.0) * est) / p1;
			k++;
		}
		se = vec_sample_sd(v, n) / sqrt(n);
	}
	else
	{
		est = 0.0;
		for (int i = 0; i < n; i++)
			est += v[i] / n;
		se = vec_sample_sd(v, n) / sqrt(n);
	}
	if (!isfinite(est) || !isfinite(se))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the estimate overflows double precision", fn),
				 errhint("Check the overlap of the groups (propensities near 0 or 1), or rescale the outcome.")));

	effect_init(e, "aipw", att ? "ATT" : "ATE");
	effect_normal(e, est, se, alpha);
	e->has_p = se > 0.0;
	e->n = n;
	effect_arms(e, n1, n - n1);
	json_out_init(js);
	json_out_str(js, "outcome_model", "OLS per arm");
	json_out_str(js, "propensity_model", "logistic");
	json_out_str(js, "std_error", "influence function");
	json_out_num(js, "ridge", ridge);
	overlap_json(js, &ov);
	e->details = js;
}

PG_FUNCTION_INFO_V1(causal_aipw_effect);

Datum
causal_aipw_effect(PG_FUNCTION_ARGS)
{
	EffectRow	e;

	sql_args_not_null(fcinfo, "causal.aipw_effect", 0);
	aipw_estimate(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(1)), text_to_cstring(PG_GETARG_TEXT_PP(2)),
				  PG_GETARG_ARRAYTYPE_P(3), text_to_cstring(PG_GETARG_TEXT_PP(4)),
				  text_to_cstring(PG_GETARG_TEXT_PP(5)), PG_GETARG_FLOAT8(6), PG_GETARG_FLOAT8(7), &e);
	PG_RETURN_DATUM(effect_datum(fcinfo, &e));
}
