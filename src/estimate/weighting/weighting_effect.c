/*
 * weighting_effect.c
 *		causal.weighting_effect(relation, outcome, treatment, covariates, id,
 *		method, estimand, stabilize, ridge, alpha, moments, trim_at, ps_clip,
 *		options, augmented, n_boot, seed, cluster): the weighted difference of
 *		outcome means, treated minus control, with inverse probability
 *		(ipw.c) or balancing weights (balancing_weights.c), optionally
 *		augmented by an OLS outcome model, in one read of the rows.
 *
 *		The standard error is the sandwich of lm(y ~ t, weights = w)'s
 *		treatment coefficient, conditional on the weights: per-row scores
 *		psi_i = w_i (y_i - m_arm) / S_arm (minus for the controls) over the
 *		rows of positive weight, HC0 (sum psi^2) or clustered
 *		(sum_g (sum_{i in g} psi_i)^2 with vcovCL's factor, estimate/sandwich.h);
 *		or the bootstrap's (weighting_boot.c) with percentile intervals.
 *		Weights are fitted on the rows without NULLs in the treatment,
 *		covariates and id; the effect uses those of them with an outcome.
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/compare.h"
#include "core/distributions.h"
#include "core/json_out.h"
#include "core/sql_args.h"
#include "core/vector_stats.h"
#include "estimate/arm_rows.h"
#include "estimate/effect.h"
#include "estimate/sandwich.h"
#include "estimate/weighting/balancing.h"
#include "estimate/weighting/ipw.h"
#include "estimate/weighting/weighting_boot.h"

PG_FUNCTION_INFO_V1(causal_weighting_effect);

Datum
causal_weighting_effect(PG_FUNCTION_ARGS)
{
	static const char *const methods[] = {"ipw", "ebal", "ipm_mmd", "ipm_energy", "ipm_sigmoid", "aipw", NULL};
	const char *fn = "causal.weighting_effect";
	BootSettings s;
	const char *estimand,
			   *cluster;
	double		alpha,
				trim,
				ps_clip;
	int			n_boot,
				src;
	int64		seed;
	ArmRows		r;
	TableColumn extra[2];
	const double *y0;
	double	   *ps = NULL,
			   *w,
			   *y,
				sw[2] = {0, 0},
				sw2[2] = {0, 0},
				swy[2] = {0, 0},
				mean[2],
				est,
				var = 0.0,
				ess[2],
			   *coefs = NULL,
			   *boot = NULL;
	int64		n_arm[2] = {0, 0},
				nog = 0;
	int			ng = 0;
	bool		extreme;
	EffectRow	e;
	JsonOut		js;
	Overlap		ov;

	/* trim_at, ps_clip, options and cluster may be NULL (none, defaults) */
	sql_args_not_null(fcinfo, fn, SQL_ARG(11) | SQL_ARG(12) | SQL_ARG(13) | SQL_ARG(17));
	memset(&s, 0, sizeof(s));
	s.method = text_to_cstring(PG_GETARG_TEXT_PP(5));
	estimand = text_to_cstring(PG_GETARG_TEXT_PP(6));
	s.stabilize = PG_GETARG_BOOL(7);
	s.ridge = PG_GETARG_FLOAT8(8);
	alpha = PG_GETARG_FLOAT8(9);
	s.moments = PG_GETARG_INT32(10);
	trim = PG_ARGISNULL(11) ? 0.0 : PG_GETARG_FLOAT8(11);
	ps_clip = PG_ARGISNULL(12) ? 0.0 : PG_GETARG_FLOAT8(12);
	s.trim = trim;
	s.ps_clip = ps_clip;
	s.options = PG_ARGISNULL(13) ? NULL : PG_GETARG_JSONB_P(13);
	s.augmented = PG_GETARG_BOOL(14);
	n_boot = PG_GETARG_INT32(15);
	seed = PG_GETARG_INT64(16);
	cluster = PG_ARGISNULL(17) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(17));

	s.method = sql_args_canonical(s.method, fn, "method", methods);
	if (strcmp(s.method, "aipw") == 0)
	{
		/* the doubly robust estimator has its own influence-function standard error */
		if (n_boot > 0 || s.augmented || s.stabilize || !PG_ARGISNULL(11) || !PG_ARGISNULL(12) ||
			s.options != NULL || cluster != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: method aipw takes ridge and alpha only", fn),
					 errhint("Bootstrap, trimming, clipping, options, clusters and augmentation apply to the weighting methods.")));
		aipw_estimate(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(1)), text_to_cstring(PG_GETARG_TEXT_PP(2)),
					  PG_GETARG_ARRAYTYPE_P(3), text_to_cstring(PG_GETARG_TEXT_PP(4)), estimand, s.ridge,
					  alpha, &e);
		PG_RETURN_DATUM(effect_datum(fcinfo, &e));
	}
	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: alpha must lie between 0 and 1, got %g", fn, alpha)));
	if (cluster != NULL && n_boot > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cluster and n_boot cannot be combined", fn),
				 errhint("The bootstrap resamples rows, not clusters: use one or the other.")));
	if (n_boot < 0 || n_boot > 10000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: n_boot must be between 0 and 10000, got %d", fn, n_boot)));
	if (strcmp(s.method, "ipw") == 0)
		src = ipw_check_args(estimand, !PG_ARGISNULL(11), trim, !PG_ARGISNULL(12), ps_clip, s.ridge, fn);
	else
		src = balancing_check_args(s.method, estimand, s.moments, !PG_ARGISNULL(11), trim, s.options, fn);
	s.src = src;
	if (s.augmented && src < 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: augmented weighting is available for the ATT and the ATC, got \"%s\"", fn, estimand),
				 errhint("For a doubly robust ATE use causal.aipw_effect.")));

	/* the rows, once: treatment, covariates, id (unique), then outcome and cluster, which may be NULL */
	memset(&r, 0, sizeof(r));
	memset(extra, 0, sizeof(extra));
	extra[0].name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	extra[0].nullable = true;
	extra[1].name = cluster;
	extra[1].kind = TABLE_COL_CODE;
	extra[1].nullable = true;
	r.extra = extra;
	r.nextra = cluster != NULL ? 2 : 1;
	arm_rows_read(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(2)), PG_GETARG_ARRAYTYPE_P(3),
				  text_to_cstring(PG_GETARG_TEXT_PP(4)), false, true, &r, fn);
	y0 = r.extra[0].values;

	/* weights on every row; the augmentation's outcome model on the reference arm */
	w = palloc_extended(sizeof(double) * r.n, MCXT_ALLOC_HUGE);
	json_out_init(&js);
	if (strcmp(s.method, "ipw") == 0)
	{
		ps = palloc_extended(sizeof(double) * r.n, MCXT_ALLOC_HUGE);
		ipw_weights_compute(&r, src, s.stabilize, s.ridge, ps_clip, trim, w, ps, &ov);
		overlap_warn(&ov, fn);
		json_out_null(&js, "fit");
	}
	else
	{
		/* the solver's report */
		json_out_open(&js, "fit", '{');
		balancing_weights_compute(&r, s.method, src, s.moments, trim, s.options, w, &js, fn);
		json_out_close(&js);
	}
	y = (double *) y0;
	if (s.augmented)
	{
		y = palloc_extended(sizeof(double) * r.n, MCXT_ALLOC_HUGE);
		coefs = palloc(sizeof(double) * (r.p + 1));
		weighting_augment(&r, src, y0, y, coefs);
	}

	/* weighted means per arm over the rows with an outcome */
	for (int i = 0; i < r.n; i++)
	{
		int			t = r.treat[i] == 1.0;

		if (isnan(y0[i]))
			continue;
		if (!isfinite(y[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: the outcome model's residual of column \"%s\" overflows", fn, r.extra[0].name)));
		if (cluster != NULL && r.extra[1].codes[i] < 0)
			nog++;
		n_arm[t]++;
		sw[t] += w[i];
		sw2[t] += w[i] * w[i];
		swy[t] += w[i] * y[i];
	}
	if (nog > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: cluster column \"%s\" is NULL in %lld rows", fn, cluster, (long long) nog),
				 errhint("Give every row a cluster, or leave such rows out in a view.")));
	if (n_arm[1] == 0 || n_arm[0] == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: both treatment groups need rows with an outcome", fn)));
	if (!(sw[0] > 0.0 && sw[1] > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: the weights of one treatment group are all zero", fn),
				 errhint("Check the overlap of the groups, or use another method.")));
	for (int t = 0; t < 2; t++)
	{
		mean[t] = swy[t] / sw[t];
		ess[t] = sw[t] * sw[t] / sw2[t];
	}
	est = mean[1] - mean[0];

	/* the sandwich over the rows of positive weight */
	{
		double	   *gsum = cluster != NULL ? palloc0(sizeof(double) * Max(r.extra[1].ncodes, 1)) : NULL;
		int64		npos = 0;

		for (int i = 0; i < r.n; i++)
		{
			int			t = r.treat[i] == 1.0;
			double		psi;

			if (isnan(y0[i]) || !(w[i] > 0.0))
				continue;
			psi = w[i] * (y[i] - mean[t]) / sw[t] * (t ? 1.0 : -1.0);
			npos++;
			if (gsum != NULL)
				gsum[r.extra[1].codes[i]] += psi;
			else
				var += psi * psi;
		}
		if (gsum != NULL)
		{
			double		cl = 0.0;
			/* the clusters that have rows of positive weight */
			bool	   *seen = palloc0(sizeof(bool) * Max(r.extra[1].ncodes, 1));

			for (int i = 0; i < r.n; i++)
				if (!isnan(y0[i]) && w[i] > 0.0 && !seen[r.extra[1].codes[i]])
				{
					seen[r.extra[1].codes[i]] = true;
					ng++;
				}
			if (ng < 2)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("%s: cluster column \"%s\" has %d cluster(s); a clustered standard error needs at least two",
								fn, cluster, ng)));
			for (int g = 0; g < r.extra[1].ncodes; g++)
				cl += gsum[g] * gsum[g];
			/* sandwich::vcovCL's default: HC1-type with G/(G - 1) */
			var = cl * sandwich_cluster_factor(ng, npos, 2);
		}
	}
	if (!isfinite(est) || !isfinite(var))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the weighted means overflow double precision", fn),
				 errhint("Rescale the outcome (for example to thousands).")));

	effect_init(&e, s.method, estimand);
	effect_normal(&e, est, sqrt(var), alpha);
	e.has_p = var > 0.0;		/* an exact fit: no sampling error to test against */
	e.n = n_arm[0] + n_arm[1];
	effect_arms(&e, n_arm[1], n_arm[0]);
	extreme = ess[1] < 0.1 * n_arm[1] || ess[0] < 0.1 * n_arm[0];
	if (extreme)
		ereport(WARNING,
				(errmsg("weights are extreme: effective sample size %.1f of %lld treated, %.1f of %lld controls",
						ess[1], (long long) n_arm[1], ess[0], (long long) n_arm[0]),
				 errhint("Poor overlap: check the propensity scores, trim the weights (trim_at => 0.99) or restrict the sample.")));
	if (n_boot > 0)
	{
		double	   *sorted = palloc(sizeof(double) * n_boot);

		/* rows resampled (seeded hash draws), weights re-estimated on each */
		boot = weighting_bootstrap(PG_GETARG_OID(0), r.extra[0].name, text_to_cstring(PG_GETARG_TEXT_PP(2)),
								   PG_GETARG_ARRAYTYPE_P(3), text_to_cstring(PG_GETARG_TEXT_PP(4)),
								   &s, n_boot, seed, fn);
		memcpy(sorted, boot, sizeof(double) * n_boot);
		qsort(sorted, n_boot, sizeof(double), compare_double);
		/* one replicate has no spread: its standard error and p-value are NULL, as stddev_samp's */
		e.std_error = vec_sample_sd(boot, n_boot);
		e.ci_lower = vec_percentile_cont(sorted, n_boot, alpha / 2.0);
		e.ci_upper = vec_percentile_cont(sorted, n_boot, 1.0 - alpha / 2.0);
		e.p_value = dist_normal_two_sided(est / e.std_error);
		e.has_p = e.std_error > 0.0;
	}

	json_out_str(&js, "weights", strcmp(s.method, "ipw") == 0 ? "inverse probability (Hajek)" :
				 (strcmp(s.method, "ebal") == 0 ? "entropy balancing" : "IPM balancing"));
	if (n_boot > 0)
		json_out_str(&js, "std_error", "bootstrap: rows resampled, weights re-estimated");
	else
		json_out_str(&js, "std_error",
					 psprintf("%s of the weighted difference, conditional on the weights%s",
							  cluster == NULL ? "HC0 sandwich" :
							  psprintf("cluster-robust sandwich (by %s, HC1-type as sandwich::vcovCL)", cluster),
							  s.augmented ? " and the outcome model" : ""));
	if (cluster != NULL)
		json_out_int(&js, "clusters", ng);
	else
		json_out_null(&js, "clusters");
	json_out_num(&js, "ess_treated", ess[1]);
	json_out_num(&js, "ess_control", ess[0]);
	json_out_bool(&js, "stabilized", s.stabilize);
	json_out_num(&js, "ridge", s.ridge);
	json_out_int(&js, "moments", s.moments);
	if (PG_ARGISNULL(11))
		json_out_null(&js, "trim_at");
	else
		json_out_num(&js, "trim_at", trim);
	if (PG_ARGISNULL(12))
		json_out_null(&js, "ps_clip");
	else
		json_out_num(&js, "ps_clip", ps_clip);
	json_out_bool(&js, "augmented", s.augmented);
	if (coefs != NULL)
		json_out_nums(&js, "outcome_model", coefs, r.p + 1);
	else
		json_out_null(&js, "outcome_model");
	json_out_bool(&js, "extreme_weights", extreme);
	if (ps != NULL)
		overlap_json(&js, &ov);
	/*
	 * Plain IPW (no clipping, trimming, ridge, augmentation or clusters) is an
	 * M-estimator stacked with its logistic model: its sandwich accounts for
	 * the estimated propensity score (causal.estimate uses it).
	 */
	if (ps != NULL && PG_ARGISNULL(12) && trim == 0.0 && s.ridge == 0.0 && !s.augmented && cluster == NULL)
		json_out_num(&js, "std_error_mest", sqrt(ipw_mest_variance(&r, src, ps, y0)));
	if (n_boot > 0)
	{
		json_out_open(&js, "bootstrap", '{');
		json_out_int(&js, "n_boot", n_boot);
		json_out_int(&js, "seed", seed);
		json_out_num(&js, "std_error", e.std_error);
		json_out_str(&js, "interval", "percentile");
		json_out_num(&js, "sandwich_std_error", sqrt(var));
		json_out_nums(&js, "estimates", boot, n_boot);
		json_out_close(&js);
	}
	e.details = &js;
	PG_RETURN_DATUM(effect_datum(fcinfo, &e));
}
