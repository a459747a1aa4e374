/*
 * match_sql.c
 *		causal.match(relation, treatment, covariates, id, method, distance,
 *		estimand, ratio, replace, caliper, std_caliper, exact, m_order,
 *		discard, seed, options): MatchIt's matchit() + match.data() in one
 *		call, returning the matched rows (id, treated, weight, subclass,
 *		distance).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/compare.h"
#include "core/distributions.h"
#include "core/json_options.h"
#include "core/json_out.h"
#include "core/linalg.h"
#include "core/random.h"
#include "core/settings.h"
#include "estimate/arm_rows.h"
#include "estimate/propensity/logistic.h"
#include "estimate/matching/malts.h"
#include "estimate/matching/malts_sql.h"
#include "estimate/matching/match.h"
#include "estimate/matching/match_effect.h"

#define FN "causal.match"

typedef enum DistanceKind
{
	DIST_GLM,
	DIST_LOGIT,
	DIST_MAHALANOBIS,
	DIST_SCALED,
	DIST_EUCLIDEAN
} DistanceKind;

/* The settings of one call. */
typedef struct MatchArgs
{
	const char *method;
	DistanceKind distance;
	int			estimand;		/* 1 ATT, 0 ATC, -1 ATE */
	int			ratio;
	bool		replace;
	double		caliper;		/* 0: none */
	bool		std_caliper;
	const char *m_order;		/* NULL: MatchIt's default */
	const char *discard;
	int64		seed;
	Jsonb	   *options;
} MatchArgs;

/* What a matching leaves: the rows, their weights (0 = unmatched), subclasses (0 = none), distance. */
typedef struct MatchOutput
{
	ArmRows		r;
	double	   *w;
	int64	   *subclass;
	double	   *dist;			/* NULL for covariate distances and exact/cem */
	const double *y;			/* the outcome, for match_effect */
	const bool *focal;			/* the units matched to others */
	const int  *mm;				/* nearest: n x ratio match matrix, else NULL */
	int			ratio;
	bool		replace;
	int			estimand;
	const char *method;
	const char *distance;
} MatchOutput;

/* Argument k of causal.match in a call with every argument after the relation shifted */
#define ARG(k) ((k) == 0 ? 0 : (k) + shift)
#define ARGNULL(k) PG_ARGISNULL(ARG(k))

static DistanceKind
ParseDistance(const char *s)
{
	if (strcmp(s, "glm") == 0)
		return DIST_GLM;
	if (strcmp(s, "logit") == 0)
		return DIST_LOGIT;
	if (strcmp(s, "mahalanobis") == 0)
		return DIST_MAHALANOBIS;
	if (strcmp(s, "scaled_euclidean") == 0)
		return DIST_SCALED;
	if (strcmp(s, "euclidean") == 0)
		return DIST_EUCLIDEAN;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: unknown distance \"%s\"", FN, s),
			 errhint("Use glm, logit, mahalanobis, scaled_euclidean or euclidean.")));
	return DIST_GLM;
}

/* Codes 0.. of a numeric column's distinct values, in order. */
static void
ValueCodes(int n, const double *x, int *code)
{
	double	   *v = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	int			m = 0;

	memcpy(v, x, sizeof(double) * n);
	qsort(v, n, sizeof(double), compare_double);
	for (int i = 0; i < n; i++)
		if (m == 0 || v[i] != v[m - 1])
			v[m++] = v[i];
	for (int i = 0; i < n; i++)
	{
		int			lo = 0,
					hi = m - 1;

		while (lo < hi)
		{
			int			mid = (lo + hi) / 2;

			if (v[mid] < x[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		code[i] = lo;
	}
	pfree(v);
}

/* Covariates as one n x p column-major matrix. */
static double *
CovariateMatrix(const ArmRows *r)
{
	double	   *x = palloc_extended(sizeof(double) * (Size) r->n * r->p, MCXT_ALLOC_HUGE);

	for (int j = 0; j < r->p; j++)
		memcpy(x + (Size) j * r->n, r->x[j], sizeof(double) * r->n);
	return x;
}

/* The propensity score (glm) or its linear predictor (logit) per row. */
static double *
PropensityDistance(const ArmRows *r, const MatchArgs *a)
{
	double		ridge = json_option_number(a->options ? &a->options->root : NULL, "ridge", 0.0, 0.0, 1e12,
										   FN, NULL);
	double	   *x = CovariateMatrix(r);
	LogisticFit *f = logistic_fit(r->n, r->p + 1, x, r->treat, ridge, r->covs);
	double	   *d = palloc_extended(sizeof(double) * r->n, MCXT_ALLOC_HUGE);

	if (!f->converged)
		ereport(WARNING,
				(errmsg("%s: the propensity model did not converge", FN),
				 errhint("Check the covariates for near-separation, or add a ridge penalty (options {\"ridge\": 0.01}).")));
	for (int i = 0; i < r->n; i++)
	{
		if (a->distance == DIST_GLM)
			d[i] = f->fitted[i];
		else
		{
			double		e = f->beta[0];

			for (int j = 0; j < r->p; j++)
				e += f->beta[j + 1] * r->x[j][i];
			d[i] = e;
		}
	}
	pfree(x);
	return d;
}

/*
 * Euclidean coordinates of a covariate distance: for Mahalanobis U x with
 * U'U the inverse of the pooled within-group covariance (MatchIt's
 * definition: covariates centred within each arm, divided by n - 2), for
 * scaled_euclidean x_j over its pooled within-group standard deviation,
 * else x itself.
 */
static double *
CovariateCoordinates(const ArmRows *r, DistanceKind kind)
{
	int			p = r->p,
				n = r->n;
	double	   *z = palloc_extended(sizeof(double) * (Size) n * p, MCXT_ALLOC_HUGE);
	double	   *s = palloc0(sizeof(double) * p * p),
			   *mean = palloc0(sizeof(double) * 2 * p),
			   *c = palloc_extended(sizeof(double) * (Size) n * p, MCXT_ALLOC_HUGE);
	int			cnt[2] = {0, 0};

	if (kind == DIST_EUCLIDEAN)
	{
		for (int j = 0; j < p; j++)
			memcpy(z + (Size) j * n, r->x[j], sizeof(double) * n);
		return z;
	}
	for (int i = 0; i < n; i++)
	{
		int			g = r->treat[i] == 1.0;

		cnt[g]++;
		for (int j = 0; j < p; j++)
			mean[g * p + j] += r->x[j][i];
	}
	for (int g = 0; g < 2; g++)
		for (int j = 0; j < p; j++)
			mean[g * p + j] /= cnt[g];
	for (int j = 0; j < p; j++)
		for (int i = 0; i < n; i++)
			c[i + (Size) j * n] = r->x[j][i] - mean[(r->treat[i] == 1.0) * p + j];
	linalg_gram(p, n, c, s);
	for (int j = 0; j < p * p; j++)
		s[j] /= (n - 2);
	if (kind == DIST_SCALED)
	{
		for (int j = 0; j < p; j++)
		{
			double		sd = sqrt(s[j + j * p]);

			if (!(sd > 0))
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("%s: covariate \"%s\" is constant within both treatment groups", FN, r->covs[j]),
						 errhint("Drop it, or match on it exactly with exact => ARRAY['%s'].", r->covs[j])));
			for (int i = 0; i < n; i++)
				z[i + (Size) j * n] = r->x[j][i] / sd;
		}
	}
	else
	{
		int			bad = linalg_spd_inverse(p, s);

		if (bad >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: covariate \"%s\" is constant within the groups or collinear with the ones before it; the Mahalanobis distance is undefined",
							FN, r->covs[bad]),
					 errhint("Drop it, or match on it exactly with exact => ARRAY['%s'].", r->covs[bad])));
		if (!linalg_cholesky_upper(p, s))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: the pooled covariance of the covariates is numerically singular", FN),
					 errhint("Drop covariates that are (nearly) combinations of others.")));
		/* z_i = U x_i */
		for (int j = 0; j < p; j++)
		{
			double	   *zj = z + (Size) j * n;

			for (int i = 0; i < n; i++)
				zj[i] = 0.0;
			for (int l = j; l < p; l++)
			{
				double		u = s[j + l * p];

				for (int i = 0; i < n; i++)
					zj[i] += u * r->x[l][i];
			}
		}
	}
	pfree(c);
	pfree(s);
	pfree(mean);
	return z;
}

/*
 * Coordinates of the MALTS distance: each covariate times its stretch, the
 * stretch given per raw unit (options {"stretch": [...]}) or learned as
 * causal.malts learns it (5 stratified folds, k = 10, C = 1, COBYLA; the mean
 * over folds), so that the Euclidean distance of the coordinates is d_M.
 * Covariates are compared by difference (a 0/1 covariate gives M^2 1[x != x']).
 */
static double *
MaltsCoordinates(const ArmRows *r, const double *y, const MatchArgs *a)
{
	int			n = r->n,
				q = r->p;
	double	   *z = palloc_extended(sizeof(double) * (Size) n * q, MCXT_ALLOC_HUGE),
			   *raw = malts_option_stretch(a->options, q, FN);

	if (raw == NULL)
	{
		MaltsProblem p;
		double	   *x = palloc_extended(sizeof(double) * (Size) n * q, MCXT_ALLOC_HUGE),
				   *m = palloc(sizeof(double) * q);
		int		   *fold = palloc(sizeof(int) * Max(n, 1));

		memset(&p, 0, sizeof(p));
		for (int j = 0; j < q; j++)
			memcpy(x + (Size) j * n, r->x[j], sizeof(double) * n);
		malts_stratified_folds(r->treat, n, 5, a->seed == 0 ? 42 : a->seed, fold);
		p.n = n;
		p.p = q;
		p.x = x;
		p.discrete = palloc0(sizeof(bool) * q);
		p.scale = malts_scales(r, NULL);
		p.y = y;
		p.treat = r->treat;
		p.fold = fold;
		p.nfolds = 5;
		p.k = 10;
		p.k_est = 50;
		p.C = 1.0;
		p.max_eval = 2000;
		malts_learn_stretch(&p, m);
		raw = m;
		for (int j = 0; j < q; j++)
			raw[j] = m[j] * p.scale[j];
	}
	for (int j = 0; j < q; j++)
		for (int i = 0; i < n; i++)
			z[i + (Size) j * n] = r->x[j][i] * raw[j];
	return z;
}

/* Sample standard deviation of the eligible rows' distance. */
static double
DistanceSd(int n, const double *d, const bool *eligible)
{
	double		m = 0.0,
				ss = 0.0;
	int			k = 0;

	for (int i = 0; i < n; i++)
		if (eligible[i])
		{
			m += d[i];
			k++;
		}
	m /= Max(k, 1);
	for (int i = 0; i < n; i++)
		if (eligible[i])
			ss += (d[i] - m) * (d[i] - m);
	return k > 1 ? sqrt(ss / (k - 1)) : 0.0;
}

/* MatchIt's discard: units outside the other arm's range of the distance are dropped. */
static void
Discard(const ArmRows *r, const double *d, const char *discard, bool *eligible)
{
	double		lo[2] = {INFINITY, INFINITY},
				hi[2] = {-INFINITY, -INFINITY};
	bool		drop[2];

	drop[1] = strcmp(discard, "treated") == 0 || strcmp(discard, "both") == 0;
	drop[0] = strcmp(discard, "control") == 0 || strcmp(discard, "both") == 0;
	for (int i = 0; i < r->n; i++)
	{
		int			g = r->treat[i] == 1.0;

		lo[g] = Min(lo[g], d[i]);
		hi[g] = Max(hi[g], d[i]);
	}
	for (int i = 0; i < r->n; i++)
	{
		int			g = r->treat[i] == 1.0;

		eligible[i] = !(drop[g] && (d[i] < lo[1 - g] || d[i] > hi[1 - g]));
	}
}

/* Order of the focal rows: largest or smallest distance first (ties in row order), random, or data. */
static int *
FocalOrder(const ArmRows *r, const bool *focal, const double *d, const char *m_order, int64 seed, int *nf)
{
	int		   *ord = palloc(sizeof(int) * Max(r->n, 1));
	int			m = 0;

	for (int i = 0; i < r->n; i++)
		if (focal[i])
			ord[m++] = i;
	*nf = m;
	if (strcmp(m_order, "largest") == 0 || strcmp(m_order, "smallest") == 0)
	{
		bool		desc = m_order[0] == 'l';

		/* insertion by a stable merge sort on (distance, row) */
		int		   *tmp = palloc(sizeof(int) * Max(m, 1));

		for (int width = 1; width < m; width *= 2)
		{
			for (int lo = 0; lo < m; lo += 2 * width)
			{
				int			mid = Min(lo + width, m),
							hi = Min(lo + 2 * width, m),
							a = lo,
							b = mid,
							k = lo;

				while (a < mid || b < hi)
				{
					bool		takea;

					if (a >= mid)
						takea = false;
					else if (b >= hi)
						takea = true;
					else
						takea = desc ? d[ord[a]] >= d[ord[b]] : d[ord[a]] <= d[ord[b]];
					tmp[k++] = takea ? ord[a++] : ord[b++];
				}
			}
			memcpy(ord, tmp, sizeof(int) * m);
		}
		pfree(tmp);
	}
	else if (strcmp(m_order, "random") == 0)
	{
		CausalRandom rng;

		random_seed(&rng, seed);
		random_shuffle(&rng, ord, m);
	}
	return ord;
}

/* Cut points or bin count of a covariate for cem from options {"cutpoints": {"x": 4 | [..]}}. */
static void
CemBins(Jsonb *opts, const char *cov, int n, int *nbins, double **cuts, int *ncuts)
{
	JsonbValue *cp = opts ? getKeyJsonValueFromContainer(&opts->root, "cutpoints", 9, NULL) : NULL;
	JsonbValue *v = NULL;

	*nbins = (int) ceil(log2((double) n) + 1.0);	/* Sturges */
	*ncuts = 0;
	*cuts = NULL;
	if (cp != NULL && cp->type == jbvBinary)
		v = getKeyJsonValueFromContainer(cp->val.binary.data, cov, strlen(cov), NULL);
	else if (cp != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: option \"cutpoints\" must be an object keyed by covariate", FN)));
	if (v == NULL)
		return;
	if (v->type == jbvNumeric)
	{
		*nbins = (int) DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
		if (*nbins < 1 || *nbins > 10000)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: cutpoints of \"%s\": the number of bins must be between 1 and 10000", FN, cov)));
		return;
	}
	if (v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data))
	{
		int			m = JsonContainerSize(v->val.binary.data);

		*cuts = palloc(sizeof(double) * Max(m, 1));
		for (int k = 0; k < m; k++)
		{
			JsonbValue *e = getIthJsonbValueFromContainer(v->val.binary.data, k);

			if (e == NULL || e->type != jbvNumeric)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: cutpoints of \"%s\" must be numbers", FN, cov)));
			(*cuts)[k] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(e->val.numeric)));
			if (k > 0 && !((*cuts)[k] > (*cuts)[k - 1]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: cutpoints of \"%s\" must increase", FN, cov)));
		}
		*ncuts = m;
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: cutpoints of \"%s\" must be a number of bins or an array of cut points", FN, cov)));
}

/*
 * The matching of one call.  The arguments are those of causal.match; for
 * causal.match_effect every argument after the relation sits one place
 * later (shift 1) and the outcome comes along as a numeric column.
 */
static void
RunMatch(FunctionCallInfo fcinfo, int shift, const char *outcome_arg, MatchOutput *out)
{
	static const char *const known[] = {"ridge", "subclasses", "cutpoints", "outcome", "stretch", NULL};
	MatchArgs	a;
	ArmRows		r;
	ArrayType  *exact = ARGNULL(11) ? NULL : PG_GETARG_ARRAYTYPE_P(ARG(11));
	const char *outcome = outcome_arg;
	char	  **exact_cols = NULL;
	int			nexact = 0,
				n;
	bool		scalar,
				is_malts,
				nearest,
				is_exact,
				is_cem,
				is_sub;
	double	   *dist = NULL,
			   *w;
	int64	   *subclass;
	bool	   *eligible,
			   *focal;
	int		   *stratum = NULL;
	const char *estimand;

	for (int k = 0; k <= 8 + shift; k++)
		if (PG_ARGISNULL(k))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: argument %d must not be NULL", FN, k + 1)));
	memset(&a, 0, sizeof(a));
	out->mm = NULL;
	a.method = text_to_cstring(PG_GETARG_TEXT_PP(ARG(4)));
	a.distance = ParseDistance(text_to_cstring(PG_GETARG_TEXT_PP(ARG(5))));
	estimand = text_to_cstring(PG_GETARG_TEXT_PP(ARG(6)));
	a.estimand = strcmp(estimand, "ATT") == 0 ? 1 : strcmp(estimand, "ATC") == 0 ? 0 :
		strcmp(estimand, "ATE") == 0 ? -1 : -2;
	a.ratio = PG_GETARG_INT32(ARG(7));
	a.replace = PG_GETARG_BOOL(ARG(8));
	a.caliper = ARGNULL(9) ? 0.0 : PG_GETARG_FLOAT8(ARG(9));
	a.std_caliper = ARGNULL(10) ? true : PG_GETARG_BOOL(ARG(10));
	a.m_order = ARGNULL(12) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(ARG(12)));
	a.discard = ARGNULL(13) ? "none" : text_to_cstring(PG_GETARG_TEXT_PP(ARG(13)));
	a.seed = ARGNULL(14) ? 0 : PG_GETARG_INT32(ARG(14));
	a.options = ARGNULL(15) ? NULL : PG_GETARG_JSONB_P(ARG(15));

	is_malts = strcmp(a.method, "malts") == 0;
	nearest = strcmp(a.method, "nearest") == 0 || is_malts;
	is_exact = strcmp(a.method, "exact") == 0;
	is_cem = strcmp(a.method, "cem") == 0;
	is_sub = strcmp(a.method, "subclass") == 0;
	if (!nearest && !is_exact && !is_cem && !is_sub)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: unknown method \"%s\"", FN, a.method),
				 errhint("Use nearest, exact, cem, subclass or malts.")));
	if (a.estimand == -2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: estimand must be ATT, ATC or ATE, got \"%s\"", FN, estimand)));
	if (nearest && a.estimand == -1)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: nearest-neighbour matching estimates the ATT or the ATC, not the ATE", FN),
				 errhint("Use method subclass, cem or exact for the ATE, or weighting (causal.weights).")));
	if (a.ratio < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: ratio must be at least 1, got %d", FN, a.ratio)));
	if (!ARGNULL(9) && !(a.caliper > 0 && isfinite(a.caliper)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: caliper must be positive, got %g", FN, a.caliper)));
	if (a.m_order != NULL && strcmp(a.m_order, "largest") != 0 && strcmp(a.m_order, "smallest") != 0 &&
		strcmp(a.m_order, "random") != 0 && strcmp(a.m_order, "data") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: m_order must be largest, smallest, random or data, got \"%s\"", FN, a.m_order)));
	if (strcmp(a.discard, "none") != 0 && strcmp(a.discard, "treated") != 0 &&
		strcmp(a.discard, "control") != 0 && strcmp(a.discard, "both") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: discard must be none, treated, control or both, got \"%s\"", FN, a.discard)));
	if (a.options != NULL && !JB_ROOT_IS_OBJECT(a.options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: options must be a JSON object", FN)));
	json_option_check_keys(a.options ? &a.options->root : NULL, known, FN, "causal.match",
						   "Options are ridge (propensity model), subclasses (method subclass) and cutpoints (method cem).");
	scalar = !is_malts && (a.distance == DIST_GLM || a.distance == DIST_LOGIT);
	if (is_malts)
	{
		JsonbValue *ov = a.options ? getKeyJsonValueFromContainer(&a.options->root, "outcome", 7, NULL) : NULL;

		/* MALTS learns its distance from the outcome: match_effect's, or options {"outcome": ...} */
		if (outcome == NULL && ov != NULL && ov->type == jbvString)
			outcome = pnstrdup(ov->val.string.val, ov->val.string.len);
		if (outcome == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: method malts learns its distance from the outcome; none given", FN),
					 errhint("Pass options => '{\"outcome\": \"y\"}'; causal.match_effect uses its outcome argument.")));
	}
	if ((is_exact || is_cem) && (a.caliper > 0 || a.ratio != 1 || a.replace))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: ratio, replace and caliper apply to method nearest only", FN)));
	if (is_sub && !scalar)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: method subclass needs a propensity distance (glm or logit)", FN)));
	if (strcmp(a.discard, "none") != 0 && (!scalar || is_exact || is_cem))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: discard needs a propensity distance (glm or logit) and method nearest or subclass", FN)));
	if (a.m_order != NULL && !scalar && (strcmp(a.m_order, "largest") == 0 || strcmp(a.m_order, "smallest") == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: m_order %s orders by a propensity distance; distance %s has none", FN, a.m_order,
						text_to_cstring(PG_GETARG_TEXT_PP(ARG(5)))),
				 errhint("Use m_order data or random.")));

	/* exact-matching columns come along as codes */
	memset(&r, 0, sizeof(r));
	if (exact != NULL)
	{
		Datum	   *elems;
		bool	   *nulls;

		deconstruct_array(exact, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &nexact);
		exact_cols = palloc(sizeof(char *) * Max(nexact, 1));
		r.extra = palloc0(sizeof(TableColumn) * Max(nexact, 1));
		for (int k = 0; k < nexact; k++)
		{
			if (nulls[k])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: exact contains a NULL", FN)));
			exact_cols[k] = TextDatumGetCString(elems[k]);
			r.extra[k].name = exact_cols[k];
			r.extra[k].kind = TABLE_COL_CODE;
		}
		r.nextra = nexact;
		if (is_sub)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: exact applies to methods nearest, exact and cem", FN)));
	}
	if (outcome != NULL)
	{
		TableColumn *ex = palloc0(sizeof(TableColumn) * (nexact + 1));

		if (nexact > 0)
			memcpy(ex, r.extra, sizeof(TableColumn) * nexact);
		ex[nexact].name = outcome;
		ex[nexact].kind = TABLE_COL_NUMERIC;
		r.extra = ex;
		r.nextra = nexact + 1;
	}
	arm_rows_read(PG_GETARG_OID(0), text_to_cstring(PG_GETARG_TEXT_PP(ARG(1))), PG_GETARG_ARRAYTYPE_P(ARG(2)),
				  text_to_cstring(PG_GETARG_TEXT_PP(ARG(3))), true, true, &r, FN);
	n = r.n;
	if (r.t.n_skipped > 0)
		ereport(NOTICE,
				(errmsg("%s: %lld rows with a NULL in a used column were skipped", FN, (long long) r.t.n_skipped)));

	focal = palloc(sizeof(bool) * n);
	eligible = palloc(sizeof(bool) * n);
	for (int i = 0; i < n; i++)
	{
		focal[i] = a.estimand == 0 ? r.treat[i] == 0.0 : r.treat[i] == 1.0;
		eligible[i] = true;
	}
	if (scalar && !is_exact && !is_cem)
	{
		dist = PropensityDistance(&r, &a);
		if (strcmp(a.discard, "none") != 0)
			Discard(&r, dist, a.discard, eligible);
	}
	if (nexact > 0 || is_exact || is_cem)
	{
		int			ncode = nexact + (is_exact || is_cem ? r.p : 0);
		int		  **codes = palloc(sizeof(int *) * ncode);

		for (int k = 0; k < nexact; k++)
			codes[k] = r.extra[k].codes;
		for (int j = 0; j < ncode - nexact; j++)
		{
			codes[nexact + j] = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
			if (is_exact)
				ValueCodes(n, r.x[j], codes[nexact + j]);
			else
			{
				int			nbins,
							ncuts;
				double	   *cuts;

				CemBins(a.options, r.covs[j], n, &nbins, &cuts, &ncuts);
				match_coarsen(n, r.x[j], nbins, cuts, ncuts, codes[nexact + j]);
			}
		}
		stratum = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
		match_strata(n, ncode, codes, stratum);
	}

	w = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	subclass = palloc_extended(sizeof(int64) * Max(n, 1), MCXT_ALLOC_HUGE);
	/* n x ratio match slots: bounded by the rows (more neighbours than rows mean nothing) and memory */
	if (nearest && ((double) a.ratio > n || (double) n * a.ratio * sizeof(int) > (double) causal_max_memory_kb * 1024))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: ratio %d for %d rows needs more matches than rows or than causal.max_memory allows", FN,
						a.ratio, n),
				 errhint("MatchIt's usual ratios are 1 to 10.")));
	if (nearest)
	{
		MatchNearest p;
		int		   *mm = palloc_extended(sizeof(int) * (Size) n * a.ratio, MCXT_ALLOC_HUGE);
		const char *order = a.m_order;

		if (order == NULL || a.replace)
			order = !scalar || a.replace ? "data" : (a.estimand == 0 ? "smallest" : "largest");
		memset(&p, 0, sizeof(p));
		p.n = n;
		p.focal = focal;
		p.eligible = eligible;
		p.stratum = stratum;
		p.ratio = a.ratio;
		p.replace = a.replace;
		if (scalar)
			p.dist = dist;
		else
		{
			p.k = r.p;
			p.coords = is_malts ? MaltsCoordinates(&r, r.extra[nexact].values, &a) :
				CovariateCoordinates(&r, a.distance);
		}
		p.order = FocalOrder(&r, focal, dist, order, a.seed, &p.nfocal);
		if (a.caliper > 0)
			p.caliper = scalar && a.std_caliper ? a.caliper * DistanceSd(n, dist, eligible) : a.caliper;
		match_nearest(&p, mm);
		match_nearest_weights(n, focal, mm, a.ratio, a.replace, w, subclass);
		out->mm = mm;
	}
	else
	{
		int		   *sub = palloc_extended(sizeof(int) * Max(n, 1), MCXT_ALLOC_HUGE);
		int			nsub;

		if (is_sub)
		{
			int			want = (int) json_option_number(a.options ? &a.options->root : NULL, "subclasses", 6, 1,
														1000, FN, NULL);
			bool	   *use = palloc(sizeof(bool) * n);
			double	   *de = palloc(sizeof(double) * n),
					   *te = palloc(sizeof(double) * n);
			int		   *se = palloc(sizeof(int) * n);
			int			m = 0;

			/* the subclasses of the rows not discarded */
			for (int i = 0; i < n; i++)
				if (eligible[i])
				{
					de[m] = dist[i];
					te[m] = r.treat[i];
					use[m++] = a.estimand == -1 || focal[i];
				}
			nsub = match_propensity_subclasses(m, de, te, use, want, se);
			for (int i = 0, k = 0; i < n; i++)
				sub[i] = eligible[i] ? se[k++] : -1;
		}
		else
		{
			nsub = 0;
			for (int i = 0; i < n; i++)
			{
				sub[i] = stratum[i];
				nsub = Max(nsub, stratum[i] + 1);
			}
		}
		match_subclass_weights(n, r.treat, sub, nsub, a.estimand, w);
		for (int i = 0; i < n; i++)
			subclass[i] = sub[i] + 1;
	}

	out->r = r;
	out->focal = focal;
	out->ratio = a.ratio;
	out->replace = a.replace;
	out->w = w;
	out->subclass = subclass;
	out->dist = dist;
	out->y = outcome != NULL ? r.extra[nexact].values : NULL;
	out->estimand = a.estimand;
	out->method = a.method;
	out->distance = text_to_cstring(PG_GETARG_TEXT_PP(ARG(5)));
}

PG_FUNCTION_INFO_V1(causal_match);

/* causal.match(...) returns the matched rows (id, treated, weight, subclass, distance). */
Datum
causal_match(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MatchOutput m;

	RunMatch(fcinfo, 0, NULL, &m);
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < m.r.n; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, m.subclass[i] == 0, m.dist == NULL};

		if (!(m.w[i] > 0))
			continue;
		values[0] = CStringGetTextDatum(m.r.id->labels[m.r.id->codes[i]]);
		values[1] = BoolGetDatum(m.r.treat[i] == 1.0);
		values[2] = Float8GetDatum(m.w[i]);
		values[3] = Int64GetDatum(m.subclass[i]);
		values[4] = m.dist ? Float8GetDatum(m.dist[i]) : (Datum) 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

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
	const char *fn = "causal.match_effect";
	const char *se_name = PG_ARGISNULL(17) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(17));
	double		alpha = PG_ARGISNULL(18) ? 0.05 : PG_GETARG_FLOAT8(18);
	bool		adjust = PG_ARGISNULL(19) ? true : PG_GETARG_BOOL(19);
	MatchOutput mo;
	MatchEffectProblem p;
	MatchEffectResult res;
	TupleDesc	desc;
	Datum		values[11];
	bool		nulls[11];
	int			m = 0,
				n1 = 0,
				k,
				nog = 0;
	double	   *x,
			   *y,
			   *w,
				sw[2] = {0, 0},
				sw2[2] = {0, 0},
				z;
	int64	   *g;
	JsonOut		js;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: outcome must not be NULL", fn)));
	if (se_name != NULL && strcmp(se_name, "cluster") != 0 && strcmp(se_name, "HC0") != 0 &&
		strcmp(se_name, "HC1") != 0 && strcmp(se_name, "HC3") != 0 && strcmp(se_name, "AI") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: std_error must be cluster, HC0, HC1, HC3 or AI, got \"%s\"", fn, se_name)));
	if (!(alpha > 0 && alpha < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: alpha must lie between 0 and 1, got %g", fn, alpha)));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "causal.match_effect must return causal.effect");
	RunMatch(fcinfo, 1, text_to_cstring(PG_GETARG_TEXT_PP(1)), &mo);

	for (int i = 0; i < mo.r.n; i++)
		if (mo.w[i] > 0)
		{
			int			t = mo.r.treat[i] == 1.0;

			m++;
			n1 += t;
			nog += mo.subclass[i] == 0;
			sw[t] += mo.w[i];
			sw2[t] += mo.w[i] * mo.w[i];
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
	if (strcmp(se_name, "AI") == 0 && (mo.mm == NULL || !mo.replace || adjust))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the Abadie-Imbens standard error is for nearest-neighbour matching with replacement and no outcome model", fn),
				 errhint("Use method => 'nearest', replace => true, adjust => false.")));
	k = 2 + (adjust ? mo.r.p : 0);
	if (m <= k)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d matched rows are too few for an outcome model with %d terms", fn, m, k),
				 errhint("Use adjust => false, or match more units.")));
	x = palloc_extended(sizeof(double) * (Size) m * k, MCXT_ALLOC_HUGE);
	y = palloc_extended(sizeof(double) * m, MCXT_ALLOC_HUGE);
	w = palloc_extended(sizeof(double) * m, MCXT_ALLOC_HUGE);
	g = palloc_extended(sizeof(int64) * m, MCXT_ALLOC_HUGE);
	for (int i = 0, r = 0; i < mo.r.n; i++)
	{
		if (!(mo.w[i] > 0))
			continue;
		x[r] = 1.0;
		x[r + (Size) m] = mo.r.treat[i];
		for (int j = 2; j < k; j++)
			x[r + (Size) j * m] = mo.r.x[j - 2][i];
		y[r] = mo.y[i];
		w[r] = mo.w[i];
		g[r] = mo.subclass[i];
		r++;
	}
	p.m = m;
	p.k = k;
	p.x = x;
	p.y = y;
	p.w = w;
	p.cluster = g;
	p.se_type = strcmp(se_name, "cluster") == 0 ? MATCH_SE_CLUSTER : strcmp(se_name, "AI") == 0 ? MATCH_SE_HC0 :
		strcmp(se_name, "HC0") == 0 ? MATCH_SE_HC0 : strcmp(se_name, "HC1") == 0 ? MATCH_SE_HC1 : MATCH_SE_HC3;
	p.names = palloc(sizeof(char *) * k);
	p.names[0] = "the intercept";
	p.names[1] = "the treatment";
	for (int j = 2; j < k; j++)
		p.names[j] = psprintf("covariate \"%s\"", mo.r.covs[j - 2]);
	match_effect_wls(&p, &res);
	if (strcmp(se_name, "AI") == 0)
	{
		/* the same point estimate (the weighted difference of means), the matching-aware variance */
		AbadieImbens(&mo, &res.estimate, &res.std_error);
		res.clusters = 0;
	}

	z = dist_qnorm(alpha / 2, false);
	json_out_init(&js);
	json_out_str(&js, "std_error", se_name);
	json_out_str(&js, "outcome_model", adjust ? "weighted least squares on treatment and covariates" : "weighted difference of means");
	json_out_num(&js, "ess_treated", sw[1] * sw[1] / sw2[1]);
	json_out_num(&js, "ess_control", sw[0] * sw[0] / sw2[0]);
	json_out_int(&js, "n_skipped", mo.r.t.n_skipped);
	if (res.clusters > 0)
		json_out_int(&js, "clusters", res.clusters);
	memset(nulls, 0, sizeof(nulls));
	values[0] = CStringGetTextDatum(psprintf("matching (%s%s%s)", mo.method,
											 strcmp(mo.method, "nearest") == 0 || strcmp(mo.method, "subclass") == 0 ? ", " : "",
											 strcmp(mo.method, "nearest") == 0 || strcmp(mo.method, "subclass") == 0 ? mo.distance : ""));
	values[1] = CStringGetTextDatum(mo.estimand == 1 ? "ATT" : (mo.estimand == 0 ? "ATC" : "ATE"));
	values[2] = Float8GetDatum(res.estimate);
	values[3] = Float8GetDatum(res.std_error);
	values[4] = Float8GetDatum(res.estimate - z * res.std_error);
	values[5] = Float8GetDatum(res.estimate + z * res.std_error);
	values[6] = Float8GetDatum(res.std_error > 0 ? 2.0 * dist_pnorm(-fabs(res.estimate / res.std_error), true) : 0.0);
	values[7] = Int64GetDatum(m);
	values[8] = Int64GetDatum(n1);
	values[9] = Int64GetDatum(m - n1);
	values[10] = json_out_jsonb(&js);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
