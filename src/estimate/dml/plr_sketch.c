/*
 * plr_sketch.c
 *		Linear DML from a fold-moment sketch (sketch/dml_folds.h): the
 *		final function of causal.dml_plr and causal.dml_plr(sketch, alpha).
 *
 * With OLS nuisances the cross-fitted partialling-out estimate needs, per
 * fold f, only sums over rows: the training fits of y and d on x come from
 * sum_{g != f} S2_g, and sum v u, sum v^2 over fold f are quadratic forms
 * a' S2_f b in the fitted coefficient vectors.  Its standard error needs
 * sum psi^2 = sum (a'z)^2 (c'z)^2 with c = b - theta a, a fourth-order form in
 * the fold's fourth-order sums.
 *
 * The estimate and standard error equal causal.dml(model => 'plr', ml_l =>
 * 'ols', ml_m => 'ols', fold_column => ...) on the same rows and folds, and
 * so do the sensitivity elements of causal.dml_sensitivity (fourth-order
 * forms of the same sums): DoubleML's bounds from one scan or a rollup.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/distributions.h"
#include "core/json_out.h"
#include "core/linalg.h"
#include "core/overflow.h"
#include "estimate/dml/dml.h"
#include "estimate/effect.h"
#include "sketch/dml_folds.h"

/*
 * OLS of column t of z on the covariates (columns 3..p-1) with an intercept,
 * from cross-products s2 (p x p): the residual as a coefficient vector over z.
 */
static void
ResidualVector(const DmlSketch *s, const double *s2, int t, double *a, int fold)
{
	int			k = s->k,
				p = s->p,
				i,
				j,
				bad;
	double		n = s2[0];
	double	   *mu = palloc(sizeof(double) * p),
			   *cxx = palloc(sizeof(double) * k * k),
			   *cxt = palloc(sizeof(double) * k),
			   *beta = palloc(sizeof(double) * k);
	double		b0;

	for (i = 0; i < p; i++)
		mu[i] = s2[i * p] / n;
	for (j = 0; j < k; j++)
	{
		for (i = 0; i < k; i++)
			cxx[i + j * k] = s2[(3 + i) + (3 + j) * p] - n * mu[3 + i] * mu[3 + j];
		cxt[j] = s2[(3 + j) + t * p] - n * mu[3 + j] * mu[t];
	}
	bad = linalg_spd_inverse(k, cxx);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml_plr: covariate x%d is constant or collinear with the ones before it in the training rows of fold %d",
						bad + 1, fold),
				 errhint("Drop the covariate.")));
	linalg_gemv(k, cxx, cxt, beta);
	b0 = mu[t];
	for (j = 0; j < k; j++)
		b0 -= beta[j] * mu[3 + j];
	memset(a, 0, sizeof(double) * p);
	a[0] = -b0;
	a[t] = 1.0;
	for (j = 0; j < k; j++)
		a[3 + j] = -beta[j];
	pfree(mu);
	pfree(cxx);
	pfree(cxt);
	pfree(beta);
}

static double
Quad(int p, const double *s2, const double *a, const double *b)
{
	double		v = 0.0;

	for (int j = 0; j < p; j++)
		for (int i = 0; i < p; i++)
			v += a[i] * s2[i + j * p] * b[j];
	return v;
}

typedef struct DmlPlrFit
{
	double		theta;
	double		se;
	int64		n;
	DmlSensitivity sens;		/* DoubleML's sensitivity elements (causal.dml_sensitivity) */
} DmlPlrFit;

/*
 * The sensitivity elements of dml_sensitivity.c from the folds' sums, with
 * v = a'z the treatment's residual and e = c'z the outcome's (c = b -
 * theta a): sigma2 = sum e^2 / n, nu2 = n / sum v^2, and with the scaled
 * score -n v e / sum v^2 and the bias's influence function
 * w = (nu2 e^2 - sigma2 nu2^2 v^2) / (2 S) the variances are sums of
 * v^4, v^3 e, v^2 e^2, v e^3 and e^4 (forms[0..4]), fourth-order forms of
 * the sketch.
 */
static void
PlrSensitivity(double svv, double see, const double *forms, DmlPlrFit *fit)
{
	double		n = (double) fit->n,
				sigma2 = see / n,
				nu2 = n / svv,
				mb = sqrt(sigma2 * nu2),
				nu4 = nu2 * nu2 * nu2 * nu2;
	DmlSensitivity *out = &fit->sens;

	out->theta = fit->theta;
	out->sigma2 = sigma2;
	out->nu2 = nu2;
	out->max_bias = mb;
	out->var_psi = fit->se * fit->se;
	out->cov_psi_bias = mb > 0.0 ?
		-(nu2 * forms[3] - sigma2 * nu2 * nu2 * forms[1]) / (2.0 * mb) / (n * svv) : 0.0;
	out->var_bias = mb > 0.0 ?
		(nu2 * nu2 * forms[4] - 2.0 * sigma2 * nu2 * nu2 * nu2 * forms[2] + sigma2 * sigma2 * nu4 * forms[0]) /
		(4.0 * mb * mb * n * n) : 0.0;
	out->nu2_riesz = false;
}

static void
PlrFit(DmlSketch *s, DmlPlrFit *fit)
{
	int			p = s->p,
				K = s->nfolds,
				f,
				i;
	double	   *all = palloc0(sizeof(double) * p * p),
			   *tr = palloc(sizeof(double) * p * p),
			   *own = palloc(sizeof(double) * (Size) K * p * p),
			   *av = palloc(sizeof(double) * (Size) K * p),
			   *bv = palloc(sizeof(double) * (Size) K * p),
			   *cv = palloc(sizeof(double) * p);
	double		svu = 0.0,
				svv = 0.0,
				see = 0.0,
				spsi2,
				forms[5] = {0, 0, 0, 0, 0};

	dml_folds_settle(s);
	if (K < 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml_plr: the fold argument has %d distinct value%s", K, K == 1 ? "" : "s"),
				 errhint("Cross-fitting needs at least two folds, for example abs(hashtext(id::text)) %% 5.")));
	fit->n = 0;
	for (f = 0; f < K; f++)
	{
		double	   *o = own + (Size) f * p * p;

		for (int j = 0; j < p; j++)
			for (i = 0; i < p; i++)
				o[i + j * p] = fourth_second(s->folds[f].m4, i, j);
		for (i = 0; i < p * p; i++)
			all[i] += o[i];
		fit->n = count_add(fit->n, s->folds[f].n, "causal.dml_sketch row count");
	}
	for (f = 0; f < K; f++)
	{
		double	   *o = own + (Size) f * p * p;
		int			fold = (int) s->folds[f].id;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < p * p; i++)
			tr[i] = all[i] - o[i];
		if (tr[0] < s->k + 2)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("causal.dml_plr: %.0f training rows outside fold %d, too few for %d covariates",
							tr[0], fold, s->k)));
		ResidualVector(s, tr, 2, av + (Size) f * p, fold);	/* d - m(x) */
		ResidualVector(s, tr, 1, bv + (Size) f * p, fold);	/* y - l(x) */
		svu += Quad(p, o, av + (Size) f * p, bv + (Size) f * p);
		svv += Quad(p, o, av + (Size) f * p, av + (Size) f * p);
	}
	/* residuals at rounding level of the treatment's own spread: d is in the covariates' span */
	if (!(svv > DML_DEGENERATE * (all[2 + 2 * p] - all[2] * all[2] / all[0])))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("causal.dml_plr: the treatment residuals are all zero"),
				 errhint("The covariates predict the treatment exactly; check for a copy of the treatment among the covariates.")));
	fit->theta = svu / svv;
	for (f = 0; f < K; f++)
	{
		const double *a = av + (Size) f * p,
				   *b = bv + (Size) f * p;
		double		fm[5];

		for (i = 0; i < p; i++)
			cv[i] = b[i] - fit->theta * a[i];
		/* sum psi^2 = sum v^2 e^2, and the other forms the sensitivity needs */
		fourth_binary_forms(p, s->folds[f].m4, a, cv, fm);
		for (i = 0; i < 5; i++)
			forms[i] += fm[i];
		see += Quad(p, own + (Size) f * p * p, cv, cv);
	}
	spsi2 = forms[2];
	fit->se = sqrt(Max(spsi2, 0.0)) / svv;
	PlrSensitivity(svv, see, forms, fit);
	/* sums near the double range (a stored sketch may hold them) overflow the fit */
	if (!isfinite(fit->theta) || !isfinite(fit->se) || !isfinite(fit->sens.cov_psi_bias) ||
		!isfinite(fit->sens.var_bias))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("causal.dml_plr: the %s overflows double precision", isfinite(fit->theta) ? "standard error" : "estimate"),
				 errhint("Rescale the columns (for example to thousands) before sketching.")));
	pfree(all);
	pfree(tr);
	pfree(own);
	pfree(av);
	pfree(bv);
	pfree(cv);
}

/* The causal.effect row of a fit. */
static Datum
EffectDatum(FunctionCallInfo fcinfo, const DmlSketch *s, const DmlPlrFit *fit, double alpha)
{
	EffectRow	e;
	JsonOut		js;

	json_out_init(&js);
	json_out_str(&js, "model", "plr");
	json_out_str(&js, "score", "partialling out");
	json_out_open(&js, "learners", '{');
	json_out_open(&js, "ml_l", '{');
	json_out_str(&js, "learner", "ols");
	json_out_close(&js);
	json_out_open(&js, "ml_m", '{');
	json_out_str(&js, "learner", "ols");
	json_out_close(&js);
	json_out_close(&js);
	json_out_int(&js, "n_folds", s->nfolds);
	json_out_int(&js, "n_skipped", s->n_skipped);
	json_out_str(&js, "folds", "argument");
	json_out_bool(&js, "one_scan", true);
	json_out_open(&js, "sensitivity", '{');
	json_out_nums(&js, "theta", &fit->sens.theta, 1);
	json_out_nums(&js, "sigma2", &fit->sens.sigma2, 1);
	json_out_nums(&js, "nu2", &fit->sens.nu2, 1);
	json_out_nums(&js, "max_bias", &fit->sens.max_bias, 1);
	json_out_nums(&js, "var_psi", &fit->sens.var_psi, 1);
	json_out_nums(&js, "cov_psi_bias", &fit->sens.cov_psi_bias, 1);
	json_out_nums(&js, "var_bias", &fit->sens.var_bias, 1);
	json_out_int(&js, "nu2_from_riesz", 0);
	json_out_close(&js);
	effect_init(&e, "dml_plr", "theta");
	effect_normal(&e, fit->theta, fit->se, alpha);
	e.has_p = fit->se != 0.0;	/* an exact fit: no sampling error to test against (as causal.ols) */
	e.n = fit->n;
	e.details = &js;
	return effect_datum(fcinfo, &e);
}

PG_FUNCTION_INFO_V1(dml_plr_final_effect);
/* Final function of causal.dml_plr: the effect. */
Datum
dml_plr_final_effect(PG_FUNCTION_ARGS)
{
	DmlSketch  *s = dml_folds_arg(fcinfo, 0);
	DmlPlrFit	fit;

	PlrFit(s, &fit);
	PG_RETURN_DATUM(EffectDatum(fcinfo, s, &fit, 0.05));
}

PG_FUNCTION_INFO_V1(dml_sketch_effect);
/* causal.dml_plr(sketch, alpha): the effect of a stored sketch. */
Datum
dml_sketch_effect(PG_FUNCTION_ARGS)
{
	DmlSketch  *s = dml_folds_arg(fcinfo, 0);
	double		alpha = PG_GETARG_FLOAT8(1);
	DmlPlrFit	fit;

	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_plr: alpha must be between 0 and 1, got %g", alpha)));
	PlrFit(s, &fit);
	PG_RETURN_DATUM(EffectDatum(fcinfo, s, &fit, alpha));
}
