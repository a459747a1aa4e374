/*
 * refute.c
 *		causal.refute_rows(relation, treatment, outcome, covariates, method,
 *		estimand, refuters, n_simulations, subset_fraction, alpha, seed): the
 *		estimates behind causal.refute for regression adjustment, AIPW, IPW and
 *		double ML (PLR, IRM), from
 *		one read of the table.  Row 0 is the estimate on the data as read
 *		(with its confidence interval); then one row per refuter and
 *		simulation with the estimate on the altered data.
 *
 *		The rows are those without a NULL in the treatment, outcome and
 *		covariates, numbered 1..n in canonical order (core/row_order.h: in
 *		SQL, ORDER BY causal.row_key(ARRAY[t, y, x...]), t, y, x...), the key
 *		rid of the random numbers.  With key = seed * 1000003 + refuter's
 *		position * 10007 + simulation (the positions of causal.refute's list,
 *		from 1):
 *		  placebo_treatment    rows sorted by (u(rid, key), rid); the row
 *		                       numbered k gets the treatment of the k-th;
 *		  random_common_cause  a covariate w = z(rid, key) added;
 *		  data_subset          the rows with u(rid, key) < subset_fraction;
 *		  dummy_outcome        the outcome replaced by z(rid, key);
 *		  bootstrap            n rows, the i-th a copy of row
 *		                       1 + floor(u(i, key) n);
 *		u and z are causal.refute_uniform and causal.refute_normal.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/distributions.h"
#include "core/hash_random.h"
#include "core/row_order.h"
#include "core/sql_args.h"
#include "core/table_rows.h"
#include "estimate/arm_rows.h"
#include "estimate/dml/dml.h"
#include "estimate/effect.h"
#include "estimate/estimand.h"
#include "estimate/learners/learners.h"
#include "estimate/matching/match_effect.h"
#include "estimate/regression/ols_sketch.h"
#include "estimate/weighting/balancing.h"
#include "estimate/weighting/ipw.h"
#include "sketch/moments.h"

#define FN "causal.refute_rows"

/* The refuters, in causal.refute's order (their positions enter the keys). */
static const char *const refuter_names[] = {"placebo_treatment", "random_common_cause", "data_subset",
"dummy_outcome", "bootstrap", NULL};

enum
{
	REFUTE_PLACEBO,
	REFUTE_COMMON_CAUSE,
	REFUTE_SUBSET,
	REFUTE_DUMMY,
	REFUTE_BOOTSTRAP
};

/* The methods, as causal.estimate names them. */
static const char *const method_names[] = {"regression", "aipw", "ipw", "dml", "dml_plr", "dml_irm", "matching",
"ebal", "ipm_mmd", "ipm_energy", "ipm_sigmoid", NULL};

enum
{
	METHOD_REGRESSION,
	METHOD_AIPW,
	METHOD_IPW,
	METHOD_DML,
	METHOD_DML_PLR,
	METHOD_DML_IRM,
	METHOD_MATCHING,
	METHOD_EBAL					/* and the IPM methods after it: balancing weights */
};

/* A data set: n rows of treatment, outcome and p covariate columns. */
typedef struct RefuteData
{
	int			n;
	int			p;
	double	   *t;
	double	   *y;
	double	  **x;
	char	  **names;
} RefuteData;

/* A row index and its sort key, for the permutation. */
typedef struct Ranked
{
	double		u;
	int			i;
} Ranked;

static int
CmpRanked(const void *a, const void *b)
{
	const Ranked *x = a,
			   *y = b;

	if (x->u != y->u)
		return x->u < y->u ? -1 : 1;
	return x->i - y->i;
}

/*
 * The OLS coefficient of the treatment in y ~ 1 + t + x, from a moment sketch
 * built in memory (the fit of causal.ols), with its t-based interval.
 */
static double
EstimateRegression(const RefuteData *d, double alpha, double *lo, double *hi)
{
	int			k = d->p + 2;
	Moments		m;
	double	   *row = palloc(sizeof(double) * k);
	int		   *xs = palloc(sizeof(int) * (k - 1));
	OlsFit	   *fit;
	double		se,
				q;

	moments_init(&m, k, false, 256);
	for (int i = 0; i < d->n; i++)
	{
		row[0] = d->y[i];
		row[1] = d->t[i];
		for (int j = 0; j < d->p; j++)
			row[j + 2] = d->x[j][i];
		moments_add_row(&m, row, 1.0);
	}
	moments_flush(&m);
	for (int j = 1; j < k; j++)
		xs[j - 1] = j;
	fit = ols_sketch_fit(&m, 0, xs, k - 1, true, 0.0, NULL, FN);
	se = ols_sketch_se(fit, 0);
	q = dist_qt(1.0 - alpha / 2.0, fit->df, true);
	*lo = fit->beta[0] - q * se;
	*hi = fit->beta[0] + q * se;
	return fit->beta[0];
}

/* The two arms of the data set, checked as the estimators check the rows they read. */
static void
ArmsOf(const RefuteData *d, ArmRows *r)
{
	memset(r, 0, sizeof(*r));
	r->n = d->n;
	r->p = d->p;
	r->covs = d->names;
	r->treat = d->t;
	r->x = d->x;
	arm_rows_check(r, "treatment", "A data subset of few rows can lose a group: raise subset_fraction.", FN);
}

/*
 * The Hajek means of the arms under weights w (the difference, treated minus
 * control), with their weight sums in sw.
 */
static double
WeightedDifference(const RefuteData *d, const double *w, double mean[2], double sw[2])
{
	double		swy[2] = {0.0, 0.0},
				est;

	sw[0] = sw[1] = 0.0;
	for (int i = 0; i < d->n; i++)
	{
		int			t = d->t[i] == 1.0;

		sw[t] += w[i];
		swy[t] += w[i] * d->y[i];
	}
	if (!(sw[0] > 0.0 && sw[1] > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: the weights of one treatment group are all zero", FN),
				 errhint("Check the overlap of the groups, or use another method.")));
	mean[0] = swy[0] / sw[0];
	mean[1] = swy[1] / sw[1];
	est = mean[1] - mean[0];
	if (!isfinite(est))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the weighted means overflow double precision", FN),
				 errhint("Rescale the outcome (for example to thousands).")));
	return est;
}

/* The normal interval est -/+ z se. */
static void
NormalInterval(double est, double se, double alpha, double *lo, double *hi)
{
	double		q = dist_qnorm(1.0 - alpha / 2.0, true);

	if (!isfinite(se))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the standard error overflows double precision", FN),
				 errhint("Rescale the outcome (for example to thousands).")));
	*lo = est - q * se;
	*hi = est + q * se;
}

/* The AIPW estimate (ATE or ATT) of aipw.c on the data set. */
static double
EstimateAipw(const RefuteData *d, bool att, double alpha, double *lo, double *hi)
{
	ArmRows		r;
	EffectRow	e;

	ArmsOf(d, &r);
	aipw_from_rows(&r, d->y, att, 0.0, alpha, true, &e, FN);
	*lo = e.ci_lower;
	*hi = e.ci_upper;
	return e.estimate;
}

/*
 * Plain IPW (Hajek means of the logistic propensity's weights for the
 * estimand src, as ipw_check_args codes it) with the M-estimation standard
 * error that stacks the propensity model: what causal.estimate reports.
 */
static double
EstimateIpw(const RefuteData *d, int src, double alpha, double *lo, double *hi)
{
	ArmRows		r;
	double	   *w = palloc(sizeof(double) * Max(d->n, 1)),
			   *ps = palloc(sizeof(double) * Max(d->n, 1)),
				mean[2],
				sw[2],
				est;

	ArmsOf(d, &r);
	ipw_weights_compute(&r, src, false, 0.0, 0.0, 0.0, w, ps, NULL);
	est = WeightedDifference(d, w, mean, sw);
	NormalInterval(est, sqrt(ipw_mest_variance(&r, src, ps, d->y)), alpha, lo, hi);
	return est;
}

/*
 * Balancing weights (entropy balancing, IPM) as causal.weighting_effect
 * computes them with its defaults (first moments, no trimming, the
 * method's default options), and its standard error: the HC0 sandwich of
 * the weighted difference, conditional on the weights.
 */
static double
EstimateBalancing(const RefuteData *d, const char *method, int src, double alpha, double *lo, double *hi)
{
	ArmRows		r;
	double	   *w = palloc(sizeof(double) * Max(d->n, 1)),
				mean[2],
				sw[2],
				var = 0.0,
				est;

	ArmsOf(d, &r);
	balancing_weights_compute(&r, method, src, 1, 0.0, NULL, w, NULL, FN);
	est = WeightedDifference(d, w, mean, sw);
	for (int i = 0; i < d->n; i++)
	{
		int			t = d->t[i] == 1.0;
		double		psi = w[i] * (d->y[i] - mean[t]) / sw[t];

		if (w[i] > 0.0)
			var += psi * psi;
	}
	NormalInterval(est, sqrt(var), alpha, lo, hi);
	return est;
}

/* Nearest-neighbour matching as causal.estimate runs it (causal.match_effect's defaults). */
static double
EstimateMatching(const RefuteData *d, int estimand, int64 seed, double alpha, double *lo, double *hi)
{
	ArmRows		r;
	EffectRow	e;

	ArmsOf(d, &r);
	match_effect_rows(&r, d->y, estimand, seed, alpha, &e, FN);
	*lo = e.ci_lower;
	*hi = e.ci_upper;
	return e.estimate;
}

/*
 * Double ML as causal.estimate runs it (causal.dml's defaults: five random
 * folds drawn from seed in row order, one repetition, OLS learners and the
 * logistic propensity for IRM, propensities clipped at 0.01): PLR, or IRM
 * for a binary treatment (its ATE score, or the ATTE's when atte).
 */
static double
EstimateDml(const RefuteData *d, bool irm, bool atte, int64 seed, double alpha, double *lo, double *hi)
{
	DmlProblem	p;
	DmlResult	res;
	double	   *x = palloc_extended(sizeof(double) * Max((Size) d->n * d->p, 1), MCXT_ALLOC_HUGE);
	int			n1 = 0;

	if (d->n < 10)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d rows, too few for 5 folds", FN, d->n),
				 errhint("Each fold needs rows to train on and to predict.")));
	for (int j = 0; j < d->p; j++)
		memcpy(x + (Size) j * d->n, d->x[j], sizeof(double) * d->n);
	for (int i = 0; i < d->n; i++)
		n1 += d->t[i] == 1.0;
	if (irm && (n1 < 5 || d->n - n1 < 5))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d treated and %d control rows, too few for 5 folds", FN, n1, d->n - n1)));
	memset(&p, 0, sizeof(p));
	memset(&res, 0, sizeof(res));
	p.model = irm ? DML_IRM : DML_PLR;
	p.atte = atte;
	p.n = d->n;
	p.y = d->y;
	p.d = d->t;
	p.x.n = d->n;
	p.x.p = d->p;
	p.x.x = x;
	p.x.names = d->names;
	p.n_folds = 5;
	p.n_rep = 1;
	p.seed = seed;
	p.clip = 0.01;
	p.level = 1.0 - alpha;
	if (irm)
	{
		learner_parse(&p.ml_g, FN, "ols", "ml_g", NULL, false, seed);
		learner_parse(&p.ml_m, FN, "logistic", "ml_m", NULL, true, seed);
	}
	else
	{
		learner_parse(&p.ml_l, FN, "ols", "ml_l", NULL, false, seed);
		learner_parse(&p.ml_m, FN, "ols", "ml_m", NULL, false, seed);
	}
	dml_estimate(&p, &res);
	*lo = res.ci_lower;
	*hi = res.ci_upper;
	return res.theta;
}

/*
 * The estimate of a method (method_names[]) on the data set: estimand is an
 * estimand code (AIPW, matching) or IPW's and the balancing weights' src.
 */
static double
Estimate(const RefuteData *d, int method, int estimand, int64 seed, double alpha, double *lo, double *hi)
{
	switch (method)
	{
		case METHOD_REGRESSION:
			return EstimateRegression(d, alpha, lo, hi);
		case METHOD_AIPW:
			return EstimateAipw(d, estimand == ESTIMAND_ATT, alpha, lo, hi);
		case METHOD_IPW:
			return EstimateIpw(d, estimand, alpha, lo, hi);
		case METHOD_DML:
		case METHOD_DML_PLR:
		case METHOD_DML_IRM:
			return EstimateDml(d, method == METHOD_DML_IRM, estimand == ESTIMAND_ATT, seed, alpha, lo, hi);
		case METHOD_MATCHING:
			return EstimateMatching(d, estimand, seed, alpha, lo, hi);
		default:
			return EstimateBalancing(d, method_names[method], estimand, alpha, lo, hi);
	}
}

/* The data set of simulation key of a refuter, altered from base. */
static RefuteData *
Simulate(const RefuteData *base, int refuter, int64 key, double fraction)
{
	RefuteData *d = palloc(sizeof(RefuteData));
	int			n = base->n;

	*d = *base;
	switch (refuter)
	{
		case REFUTE_PLACEBO:
			{
				Ranked	   *rk = palloc(sizeof(Ranked) * Max(n, 1));

				for (int i = 0; i < n; i++)
				{
					rk[i].u = hash_uniform(i + 1, key);
					rk[i].i = i;
				}
				qsort(rk, n, sizeof(Ranked), CmpRanked);
				d->t = palloc(sizeof(double) * Max(n, 1));
				for (int i = 0; i < n; i++)
					d->t[i] = base->t[rk[i].i];
				break;
			}
		case REFUTE_COMMON_CAUSE:
			{
				double	   *w = palloc(sizeof(double) * Max(n, 1));

				for (int i = 0; i < n; i++)
					w[i] = hash_normal(i + 1, key);
				d->p = base->p + 1;
				d->x = palloc(sizeof(double *) * d->p);
				d->names = palloc(sizeof(char *) * d->p);
				memcpy(d->x, base->x, sizeof(double *) * base->p);
				memcpy(d->names, base->names, sizeof(char *) * base->p);
				d->x[base->p] = w;
				d->names[base->p] = pstrdup("w");
				break;
			}
		case REFUTE_DUMMY:
			d->y = palloc(sizeof(double) * Max(n, 1));
			for (int i = 0; i < n; i++)
				d->y[i] = hash_normal(i + 1, key);
			break;
		default:
			{
				/* data_subset and bootstrap: rows picked by index */
				int		   *pick = palloc(sizeof(int) * Max(n, 1));
				int			m = 0;

				for (int i = 0; i < n; i++)
				{
					double		u = hash_uniform(i + 1, key);

					if (refuter == REFUTE_SUBSET)
					{
						if (u < fraction)
							pick[m++] = i;
					}
					else
						pick[m++] = Min((int) floor(u * n), n - 1);
				}
				d->n = m;
				d->t = palloc(sizeof(double) * Max(m, 1));
				d->y = palloc(sizeof(double) * Max(m, 1));
				d->x = palloc(sizeof(double *) * Max(d->p, 1));
				for (int j = 0; j < d->p; j++)
					d->x[j] = palloc(sizeof(double) * Max(m, 1));
				for (int i = 0; i < m; i++)
				{
					d->t[i] = base->t[pick[i]];
					d->y[i] = base->y[pick[i]];
					for (int j = 0; j < d->p; j++)
						d->x[j][i] = base->x[j][pick[i]];
				}
				break;
			}
	}
	return d;
}

/*
 * Puts the rows in canonical order (core/row_order.h, over treatment,
 * outcome and covariates): the row numbers the refuters' random numbers are
 * keyed on then do not depend on how the table is stored.
 */
static void
Canonical(RefuteData *d)
{
	const double **cols = palloc(sizeof(double *) * (d->p + 2));
	int		   *order = palloc(sizeof(int) * Max(d->n, 1));
	double	   *tmp = palloc(sizeof(double) * Max(d->n, 1));

	cols[0] = d->t;
	cols[1] = d->y;
	for (int j = 0; j < d->p; j++)
		cols[j + 2] = d->x[j];
	row_order_canonical(d->n, d->p + 2, cols, order);
	for (int j = 0; j < d->p + 2; j++)
	{
		double	   *c = (double *) cols[j];

		for (int i = 0; i < d->n; i++)
			tmp[i] = c[order[i]];
		memcpy(c, tmp, sizeof(double) * d->n);
	}
	pfree(cols);
	pfree(order);
	pfree(tmp);
}

/* Appends one result row (position 0, refuter NULL: the original estimate). */
static void
PutRow(ReturnSetInfo *rsinfo, int position, const char *refuter, int sim, double est, const double *lo,
	   const double *hi)
{
	Datum		values[6];
	bool		nulls[6] = {false, refuter == NULL, false, false, lo == NULL, hi == NULL};

	values[0] = Int32GetDatum(position);
	values[1] = refuter ? CStringGetTextDatum(refuter) : (Datum) 0;
	values[2] = Int32GetDatum(sim);
	values[3] = Float8GetDatum(est);
	values[4] = lo ? Float8GetDatum(*lo) : (Datum) 0;
	values[5] = hi ? Float8GetDatum(*hi) : (Datum) 0;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

PG_FUNCTION_INFO_V1(causal_refute_rows);

Datum
causal_refute_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TableRows	t;
	RefuteData	base;
	char	  **covs;
	char	  **refuters;
	const char *estimand_arg;
	int			ncov,
				nref,
				nsim,
				method,
				estimand = ESTIMAND_ATE;
	bool		binary;
	double		fraction,
				alpha,
				est,
				lo,
				hi;
	int64		seed;
	MemoryContext sim_cxt,
				old;

	sql_args_not_null(fcinfo, FN, 0);
	method = sql_args_choice_hint(text_to_cstring(PG_GETARG_TEXT_PP(4)), FN, "method", method_names,
								  "Methods iv and frontdoor have no refuters yet.");
	estimand_arg = text_to_cstring(PG_GETARG_TEXT_PP(5));
	/* the estimands each method has, checked as causal.estimate checks them */
	switch (method)
	{
		case METHOD_REGRESSION:
		case METHOD_DML:
		case METHOD_DML_PLR:
		case METHOD_DML_IRM:
			/* IRM has DoubleML's ATTE score besides the ATE */
			estimand = estimand_parse(estimand_arg, FN, ESTIMANDS_ALL);
			if (estimand != ESTIMAND_ATE && !(method == METHOD_DML_IRM && estimand == ESTIMAND_ATT))
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("%s: %s by %s is not supported", FN, estimand_name(estimand), method_names[method]),
						 errhint("Regression adjustment, dml and dml_plr estimate the ATE, dml_irm the ATE or the ATT; use method => 'aipw' for the ATC.")));
			break;
		case METHOD_AIPW:
			estimand = estimand_parse(estimand_arg, FN, ESTIMANDS_ATE_ATT);
			break;
		case METHOD_IPW:
			estimand = ipw_check_args(estimand_arg, false, 0.0, false, 0.0, 0.0, FN);
			break;
		case METHOD_MATCHING:
			estimand = estimand_parse(estimand_arg, FN, ESTIMANDS_ALL);
			if (estimand == ESTIMAND_ATE)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("%s: nearest-neighbour matching estimates the ATT or the ATC, not the ATE", FN),
						 errhint("Pass estimand => 'ATT', or use a weighting method for the ATE.")));
			break;
		default:
			estimand = balancing_check_args(method_names[method], estimand_arg, 1, false, 0.0, NULL, FN);
			break;
	}
	binary = method != METHOD_REGRESSION && method != METHOD_DML && method != METHOD_DML_PLR;
	covs = sql_args_names(PG_GETARG_ARRAYTYPE_P(3), FN, "covariates", 0, &ncov);
	refuters = sql_args_names(PG_GETARG_ARRAYTYPE_P(6), FN, "refuters", 1, &nref);
	nsim = PG_GETARG_INT32(7);
	fraction = PG_GETARG_FLOAT8(8);
	alpha = PG_GETARG_FLOAT8(9);
	seed = PG_GETARG_INT64(10);
	for (int r = 0; r < nref; r++)
		refuters[r] = unconstify(char *, sql_args_canonical(refuters[r], FN, "refuters", refuter_names));
	if (nsim < 2 || nsim > 10000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: n_simulations must lie in [2, 10000], got %d", FN, nsim),
				 errhint("DoWhy's default is 100; 20 is quick.")));
	if (!(fraction > 0.0 && fraction < 1.0) || !(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: subset_fraction and alpha must lie in (0, 1)", FN),
				 errhint("For example subset_fraction => 0.8, alpha => 0.05.")));

	/* the one read: treatment, outcome, covariates; rows with a NULL are left out */
	memset(&t, 0, sizeof(t));
	t.ncols = ncov + 2;
	t.cols = palloc0(sizeof(TableColumn) * t.ncols);
	t.cols[0].name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	t.cols[1].name = text_to_cstring(PG_GETARG_TEXT_PP(2));
	for (int j = 0; j < ncov; j++)
		t.cols[j + 2].name = covs[j];
	table_rows_mark_factors(PG_GETARG_OID(0), &t, 2, ncov);
	table_rows_read(PG_GETARG_OID(0), &t, FN);
	base.n = t.nrows;
	base.t = t.cols[0].values;
	base.y = t.cols[1].values;
	/* factor covariates become indicator columns, as in the estimators */
	base.p = table_rows_design(&t, 2, ncov, false, FN, &base.names, &base.x);
	Canonical(&base);
	if (binary)
		for (int i = 0; i < base.n; i++)
			if (base.t[i] != 0.0 && base.t[i] != 1.0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: treatment \"%s\" must be 0/1 (or boolean) for AIPW, IPW and DML's IRM, found %g", FN,
								t.cols[0].name, base.t[i]),
						 errhint("Recode the treatment, or use method => 'regression' for a continuous one.")));

	InitMaterializedSRF(fcinfo, 0);
	est = Estimate(&base, method, estimand, seed, alpha, &lo, &hi);
	PutRow(rsinfo, 0, NULL, 0, est, &lo, &hi);

	sim_cxt = AllocSetContextCreate(CurrentMemoryContext, "causal.refute_rows simulation",
									ALLOCSET_DEFAULT_SIZES);
	for (int r = 0; r < nref; r++)
	{
		int			which = sql_args_choice(refuters[r], FN, "refuters", refuter_names);

		for (int s = 1; s <= nsim; s++)
		{
			/* causal.refute's key, in wrapping arithmetic (no overflow error for a large seed) */
			int64		key = (int64) ((uint64) seed * 1000003u + (uint64) (which + 1) * 10007u + (uint64) s);
			RefuteData *d;

			CHECK_FOR_INTERRUPTS();
			old = MemoryContextSwitchTo(sim_cxt);
			d = Simulate(&base, which, key, fraction);
			est = Estimate(d, method, estimand, seed, alpha, &lo, &hi);
			MemoryContextSwitchTo(old);
			PutRow(rsinfo, r + 1, refuters[r], s, est, NULL, NULL);
			MemoryContextReset(sim_cxt);
		}
	}
	MemoryContextDelete(sim_cxt);
	return (Datum) 0;
}
