/*
 * ipw.c
 *		Inverse probability weights from the logistic propensity model
 *		(causal.ipw_weights, the ipw method of causal.weights and
 *		causal.weighting_effect), and the OLS outcome model of augmented
 *		weighting.
 *
 *		Weights, with e the clipped propensity and p1 the treated share:
 *		  ATE  t / e + (1 - t) / (1 - e)   (stabilized: p1 / e, (1 - p1) / (1 - e))
 *		  ATT  1 for the treated, e / (1 - e) for the controls
 *		  ATC  (1 - e) / e for the treated, 1 for the controls
 *		as WeightIt's get_w_from_ps(); the weighted means normalise them
 *		(Hajek).
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"

#include "core/sql_args.h"
#include "estimate/arm_rows.h"
#include "estimate/estimand.h"
#include "estimate/learners/learners.h"
#include "estimate/propensity/logistic.h"
#include "estimate/weighting/balancing.h"
#include "estimate/weighting/ipw.h"

/* Checks the arguments of inverse probability weighting; returns src. */
int
ipw_check_args(const char *estimand, bool has_trim, double trim, bool has_clip, double ps_clip,
			   double ridge, const char *fn)
{
	int			src = estimand_parse(estimand, fn, ESTIMANDS_ALL);

	if (has_clip && !(ps_clip > 0.0 && ps_clip < 0.5))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: ps_clip must be between 0 and 0.5, got %g", fn, ps_clip),
				 errhint("ps_clip => 0.01 clips the propensity scores to [0.01, 0.99].")));
	weights_check_trim(has_trim, trim, fn);
	if (!(ridge >= 0.0) || isinf(ridge))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: ridge must be zero or positive, got %g", fn, ridge)));
	return src;
}

/* The inverse probability weights of r's rows (and the propensities into ps unless NULL). */
void
ipw_weights_compute(const ArmRows *r, int src, bool stabilize, double ridge, double ps_clip,
					double trim, double *w, double *ps, Overlap *ov)
{
	int			n = r->n,
				p = r->p;
	double	   *x = palloc_extended(sizeof(double) * (Size) n * p, MCXT_ALLOC_HUGE);
	double		p_treated = (double) r->n1 / n;
	LogisticFit *fit;
	Overlap		local;

	if (ov == NULL)
		ov = &local;
	overlap_init(ov, ps_clip);
	for (int j = 0; j < p; j++)
		memcpy(x + (Size) j * n, r->x[j], sizeof(double) * n);
	fit = logistic_fit(n, p + 1, x, r->treat, ridge, r->covs);
	for (int i = 0; i < n; i++)
	{
		double		e = overlap_add(ov, fit->fitted[i]);
		bool		t = r->treat[i] == 1.0;

		if (ps != NULL)
			ps[i] = e;

		if (src < 0)
			w[i] = t ? (stabilize ? p_treated : 1.0) / e : (stabilize ? 1.0 - p_treated : 1.0) / (1.0 - e);
		else if (src == 1)
			w[i] = t ? 1.0 : e / (1.0 - e);
		else
			w[i] = t ? (1.0 - e) / e : 1.0;
	}
	if (trim > 0.0)
		weights_trim(n, r->treat, w, trim);
	pfree(x);
}

/* OLS of y on the covariates over the rows of arm with an outcome. */
void
weighting_arm_ols(const ArmRows *r, const double *x, const double *y, double arm, const char *what,
				  double *b)
{
	LearnerSpec spec;
	LearnerData d;
	LearnerReport rep;
	int		   *rows = palloc(sizeof(int) * Max(r->n, 1)),
				nr = 0;

	for (int i = 0; i < r->n; i++)
		if (r->treat[i] == arm && !isnan(y[i]))
			rows[nr++] = i;
	memset(&spec, 0, sizeof(spec));
	spec.kind = LEARNER_OLS;
	spec.name = "ols";
	spec.nuisance = what;
	d.n = r->n;
	d.p = r->p;
	d.x = x;
	d.names = r->covs;
	learner_linear_fit(&spec, &d, y, rows, nr, &b[0], b + 1, &rep);
	pfree(rows);
}

/* y minus an OLS outcome model of the reference arm. */
void
weighting_augment(const ArmRows *r, int src, const double *y, double *out, double *coefs)
{
	double	   *x = palloc_extended(sizeof(double) * (Size) r->n * r->p, MCXT_ALLOC_HUGE),
			   *b = palloc(sizeof(double) * (r->p + 1));

	for (int j = 0; j < r->p; j++)
		memcpy(x + (Size) j * r->n, r->x[j], sizeof(double) * r->n);
	weighting_arm_ols(r, x, y, src == 1 ? 0.0 : 1.0, "outcome model", b);
	for (int i = 0; i < r->n; i++)
	{
		double		m = b[0];

		for (int j = 0; j < r->p; j++)
			m += b[j + 1] * r->x[j][i];
		out[i] = y[i] - m;
	}
	if (coefs != NULL)
		memcpy(coefs, b, sizeof(double) * (r->p + 1));
	pfree(x);
	pfree(b);
}

PG_FUNCTION_INFO_V1(causal_ipw_weights);

/*
 * causal.ipw_weights(relation, treatment, covariates, id_column, estimand,
 * stabilize, ridge, trim_at, ps_clip) returns (id, weight) for the rows
 * without NULLs in the treatment, covariates and id.
 */
Datum
causal_ipw_weights(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *fn = "causal.weights";
	ArmRows		r;
	double	   *w,
				trim = PG_ARGISNULL(7) ? 0.0 : PG_GETARG_FLOAT8(7),
				ps_clip = PG_ARGISNULL(8) ? 0.0 : PG_GETARG_FLOAT8(8),
				ridge;
	int			src;

	/* trim_at and ps_clip may be NULL (none) */
	sql_args_not_null(fcinfo, "causal.ipw_weights", SQL_ARG(7) | SQL_ARG(8));
	ridge = PG_GETARG_FLOAT8(6);
	src = ipw_check_args(text_to_cstring(PG_GETARG_TEXT_PP(4)), !PG_ARGISNULL(7), trim,
						 !PG_ARGISNULL(8), ps_clip, ridge, fn);
	memset(&r, 0, sizeof(r));
	arm_rows_read(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(1)), PG_GETARG_ARRAYTYPE_P(2),
				  text_to_cstring(PG_GETARG_TEXT_PP(3)), false, true, &r, fn);
	w = palloc_extended(sizeof(double) * r.n, MCXT_ALLOC_HUGE);
	ipw_weights_compute(&r, src, PG_GETARG_BOOL(5), ridge, ps_clip, trim, w, NULL, NULL);
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < r.n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(r.id->labels[r.id->codes[i]]);
		values[1] = Float8GetDatum(w[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
