/*
 * match_effect_sql.c
 *		causal.match_effect: the matching of causal.match, then the effect
 *		as MatchIt's vignettes estimate it -- a weighted least-squares
 *		regression of the outcome on the treatment (and, by default, the
 *		matching covariates) over the matched rows, the treatment
 *		coefficient with a sandwich standard error (estimate/sandwich.c;
 *		clusters are the matched pairs or sets without replacement, or the
 *		subclasses) -- or Abadie and Imbens's standard error for
 *		nearest-neighbour matching with replacement.  With the covariates in
 *		the model the pair-clustered standard error is the one Abadie and
 *		Spiess (2022, JASA) show valid after matching without replacement.
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/distributions.h"
#include "core/json_out.h"
#include "core/sql_args.h"
#include "estimate/effect.h"
#include "estimate/estimand.h"
#include "estimate/sandwich.h"
#include "estimate/matching/match_effect.h"
#include "estimate/matching/match_run.h"

/*
 * Abadie and Imbens's (2006) standard error of nearest-neighbour matching
 * with replacement, for the effect on the focal units, with a homoskedastic
 * conditional variance, as Sekhon's Matching computes it (Var.calc = 0):
 * tau_i = y_i - (mean of i's matches) for the focal units (sign flipped for
 * the ATC), tau the mean over matched focal units, sigma^2 = half the mean
 * over matched pairs (i, j), each weighing 1/M_i, of (y_i - y_j - tau)^2
 * (the sign flipped for the ATC), K_j = sum over the focal units matched to j of
 * 1/M_i, KK_j = sum of 1/M_i^2, and
 * V = [sum_j sigma^2 (K_j^2 - KK_j) + sum_i (tau_i - tau)^2] / N^2.
 */
static void
AbadieImbens(const MatchOutput *mo, double *estimate, double *se)
{
	int			n = mo->r.n,
				nf = 0;
	double	   *tau = palloc(sizeof(double) * Max(n, 1)),
			   *K = palloc0(sizeof(double) * Max(n, 1)),
			   *KK = palloc0(sizeof(double) * Max(n, 1)),
				mean = 0.0,
				ss = 0.0,
				sigma2,
				v = 0.0,
				sign = mo->estimand == 0 ? -1.0 : 1.0;

	for (int i = 0; i < n; i++)
	{
		int			m = 0;
		double		y0 = 0.0;

		tau[i] = NAN;
		if (!mo->focal[i])
			continue;
		for (int r = 0; r < mo->ratio; r++)
		{
			int			c = mo->mm[(Size) i * mo->ratio + r];

			if (c >= 0)
			{
				y0 += mo->y[c];
				m++;
			}
		}
		if (m == 0)
			continue;
		for (int r = 0; r < mo->ratio; r++)
		{
			int			c = mo->mm[(Size) i * mo->ratio + r];

			if (c >= 0)
			{
				K[c] += 1.0 / m;
				KK[c] += 1.0 / ((double) m * m);
			}
		}
		tau[i] = sign * (mo->y[i] - y0 / m);
		mean += tau[i];
		nf++;
	}
	mean /= nf;
	for (int i = 0; i < n; i++)
		if (!isnan(tau[i]))
			ss += (tau[i] - mean) * (tau[i] - mean);
	/* the pair-level residuals: each focal unit's matches weigh 1/M_i, so the weights sum to nf */
	sigma2 = 0.0;
	for (int i = 0; i < n; i++)
	{
		int			m = 0;

		if (isnan(tau[i]))
			continue;
		for (int r = 0; r < mo->ratio; r++)
			m += mo->mm[(Size) i * mo->ratio + r] >= 0;
		for (int r = 0; r < mo->ratio; r++)
		{
			int			c = mo->mm[(Size) i * mo->ratio + r];
			double		e;

			if (c < 0)
				continue;
			e = sign * (mo->y[i] - mo->y[c]) - mean;
			sigma2 += e * e / m;
		}
	}
	sigma2 = 0.5 * sigma2 / nf;
	for (int j = 0; j < n; j++)
		if (!mo->focal[j] && K[j] > 0)
			v += sigma2 * (K[j] * K[j] - KK[j]);
	v += ss;
	*estimate = mean;
	*se = sqrt(v) / nf;
	pfree(tau);
	pfree(K);
	pfree(KK);
}

/*
 * The effect of matched rows mo (with their outcome): the treatment
 * coefficient of the weighted regression of the outcome on the treatment
 * (and the covariates when adjust) over the matched rows, with the standard
 * error se_name (NULL: pairs/subclasses clustered, HC3 with replacement) --
 * what causal.match_effect returns.
 */
void
match_effect_of(const MatchOutput *mo, const char *se_name, double alpha, bool adjust, EffectRow *e,
				const char *fn)
{
	WlsProblem	p;
	WlsResult	res;
	double		estimate,
				std_error;
	int			m = 0,
				n1 = 0,
				k,
				nog = 0,
				n_arm[2] = {0, 0};
	double	   *x,
			   *y,
			   *w,
				sw[2] = {0, 0},
				sw2[2] = {0, 0};
	int64	   *g;
	JsonOut    *js = palloc(sizeof(JsonOut));

	for (int i = 0; i < mo->r.n; i++)
	{
		n_arm[mo->r.treat[i] == 1.0]++;
		if (mo->w[i] > 0)
		{
			int			t = mo->r.treat[i] == 1.0;

			m++;
			n1 += t;
			nog += mo->subclass[i] == 0;
			sw[t] += mo->w[i];
			sw2[t] += mo->w[i] * mo->w[i];
		}
	}
	if (n1 == 0 || n1 == m)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: no matched pairs (%d treated and %d control rows matched)", fn, n1, m - n1),
				 errhint("The caliper, exact constraints or discard rule left no matches: widen the caliper or drop constraints.")));
	if (se_name == NULL)
		se_name = nog == 0 ? "cluster" : "HC3";
	if (strcmp(se_name, "cluster") == 0 && nog > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: matching with replacement has no pairs to cluster on", fn),
				 errhint("Use std_error => 'HC3'.")));
	if (strcmp(se_name, "AI") == 0 && (mo->mm == NULL || !mo->replace || adjust))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the Abadie-Imbens standard error is for nearest-neighbour matching with replacement and no outcome model", fn),
				 errhint("Use method => 'nearest', replace => true, adjust => false.")));
	k = 2 + (adjust ? mo->r.p : 0);
	if (m <= k)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d matched rows are too few for an outcome model with %d terms", fn, m, k),
				 errhint("Use adjust => false, or match more units.")));
	x = palloc_extended(sizeof(double) * (Size) m * k, MCXT_ALLOC_HUGE);
	y = palloc_extended(sizeof(double) * m, MCXT_ALLOC_HUGE);
	w = palloc_extended(sizeof(double) * m, MCXT_ALLOC_HUGE);
	g = palloc_extended(sizeof(int64) * m, MCXT_ALLOC_HUGE);
	for (int i = 0, r = 0; i < mo->r.n; i++)
	{
		if (!(mo->w[i] > 0))
			continue;
		x[r] = 1.0;
		x[r + (Size) m] = mo->r.treat[i];
		for (int j = 2; j < k; j++)
			x[r + (Size) j * m] = mo->r.x[j - 2][i];
		y[r] = mo->y[i];
		w[r] = mo->w[i];
		g[r] = mo->subclass[i];
		r++;
	}
	memset(&p, 0, sizeof(p));
	p.m = m;
	p.k = k;
	p.x = x;
	p.y = y;
	p.w = w;
	p.cluster = g;
	p.type = strcmp(se_name, "cluster") == 0 ? SANDWICH_CLUSTER : strcmp(se_name, "AI") == 0 ? SANDWICH_HC0 :
		strcmp(se_name, "HC0") == 0 ? SANDWICH_HC0 : strcmp(se_name, "HC1") == 0 ? SANDWICH_HC1 : SANDWICH_HC3;
	p.fn = fn;
	p.rows = "the matched rows of the outcome model";
	p.hint = "Leave it out of the outcome model with adjust => false, or drop the covariate.";
	p.names = palloc(sizeof(char *) * k);
	p.names[0] = "the intercept";
	p.names[1] = "the treatment";
	for (int j = 2; j < k; j++)
		p.names[j] = psprintf("covariate \"%s\"", mo->r.covs[j - 2]);
	sandwich_wls(&p, &res);
	estimate = res.beta[1];		/* the treatment coefficient */
	std_error = sqrt(Max(res.vcov[1 + 1 * k], 0.0));
	if (strcmp(se_name, "AI") == 0)
	{
		/* the same point estimate (the weighted difference of means), the matching-aware variance */
		AbadieImbens(mo, &estimate, &std_error);
		res.clusters = 0;
	}

	json_out_init(js);
	json_out_str(js, "std_error", se_name);
	json_out_str(js, "outcome_model", adjust ? "weighted least squares on treatment and covariates" : "weighted difference of means");
	json_out_num(js, "ess_treated", sw[1] * sw[1] / sw2[1]);
	json_out_num(js, "ess_control", sw[0] * sw[0] / sw2[0]);
	json_out_int(js, "n_skipped", mo->r.t.n_skipped);
	/* MatchIt's sample sizes: the units given weight (matched) and the others, per arm */
	json_out_int(js, "matched_treated", n1);
	json_out_int(js, "matched_control", m - n1);
	json_out_int(js, "unmatched_treated", n_arm[1] - n1);
	json_out_int(js, "unmatched_control", n_arm[0] - (m - n1));
	if (res.clusters > 0)
		json_out_int(js, "clusters", res.clusters);
	/* the label says what sets two calls apart: the distance, and k:1 or replacement past MatchIt's 1:1 default */
	effect_init(e, psprintf("matching (%s%s%s%s%s)", mo->method,
							  strcmp(mo->method, "nearest") == 0 || strcmp(mo->method, "subclass") == 0 ? ", " : "",
							  strcmp(mo->method, "nearest") == 0 || strcmp(mo->method, "subclass") == 0 ? mo->distance : "",
							  strcmp(mo->method, "nearest") == 0 && mo->ratio > 1 ? psprintf(", %d:1", mo->ratio) : "",
							  strcmp(mo->method, "nearest") == 0 && mo->replace ? ", with replacement" : ""),
				mo->estimand == 1 ? "ATT" : (mo->estimand == 0 ? "ATC" : "ATE"));
	effect_normal(e, estimate, std_error, alpha);
	if (!(std_error > 0))
		e->p_value = 0.0;
	e->n = m;
	effect_arms(e, n1, m - n1);
	e->details = js;
}

void
match_effect_rows(const ArmRows *r, const double *y, int estimand, int64 seed, double alpha, EffectRow *e,
				  const char *fn)
{
	MatchArgs	a;
	MatchOutput mo;

	Assert(estimand == ESTIMAND_ATT || estimand == ESTIMAND_ATC);
	/* causal.match_effect's defaults */
	memset(&a, 0, sizeof(a));
	a.method = "nearest";
	a.distance = DIST_GLM;
	a.distance_name = "glm";
	a.estimand = estimand;
	a.ratio = 1;
	a.std_caliper = true;
	a.discard = "none";
	a.seed = seed;
	match_rows(r, &a, 0, y, &mo);
	match_effect_of(&mo, NULL, alpha, true, e, fn);
}

PG_FUNCTION_INFO_V1(causal_match_effect);

/*
 * causal.match_effect(relation, outcome, treatment, covariates, id, <the
 * arguments of causal.match>, std_error, alpha, adjust) returns a
 * causal.effect: the treatment coefficient of the weighted regression of the
 * outcome on the treatment (and the covariates when adjust) over the matched
 * rows, with a cluster-robust (pairs/subclasses) or HC standard error.
 */
Datum
causal_match_effect(PG_FUNCTION_ARGS)
{
	static const char *const se_types[] = {"cluster", "HC0", "HC1", "HC3", "AI", NULL};
	const char *fn = "causal.match_effect";
	const char *se_name = PG_ARGISNULL(17) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(17));
	double		alpha = PG_ARGISNULL(18) ? 0.05 : PG_GETARG_FLOAT8(18);
	bool		adjust = PG_ARGISNULL(19) ? true : PG_GETARG_BOOL(19);
	MatchOutput mo;
	EffectRow	e;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: outcome must not be NULL", fn)));
	if (se_name != NULL)
		se_name = sql_args_canonical(se_name, fn, "std_error", se_types);
	if (!(alpha > 0 && alpha < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: alpha must lie between 0 and 1, got %g", fn, alpha)));
	match_run(fcinfo, 1, text_to_cstring(PG_GETARG_TEXT_PP(1)), &mo);
	match_effect_of(&mo, se_name, alpha, adjust, &e, fn);
	PG_RETURN_DATUM(effect_datum(fcinfo, &e));
}
