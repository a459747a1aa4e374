/*
 * match_distance.c
 *		The distances causal.match matches on: the propensity score (glm) or
 *		its linear predictor (logit) from the logistic model, coordinates
 *		whose Euclidean distance is the Mahalanobis, scaled or plain
 *		Euclidean distance, and MALTS's learned metric.
 */
#include "postgres.h"

#include <math.h>

#include "core/json_options.h"
#include "core/linalg.h"
#include "core/sql_args.h"
#include "estimate/matching/malts.h"
#include "estimate/matching/malts_sql.h"
#include "estimate/matching/match_run.h"
#include "estimate/propensity/logistic.h"

DistanceKind
match_parse_distance(const char **s)
{
	static const char *const names[] = {"glm", "logit", "mahalanobis", "scaled_euclidean", "euclidean", NULL};
	static const DistanceKind kinds[] = {DIST_GLM, DIST_LOGIT, DIST_MAHALANOBIS, DIST_SCALED, DIST_EUCLIDEAN};
	int			k = sql_args_choice(*s, FN, "distance", names);

	*s = names[k];
	return kinds[k];
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
double *
match_propensity_distance(const ArmRows *r, const MatchArgs *a)
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
double *
match_covariate_coordinates(const ArmRows *r, DistanceKind kind)
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
double *
match_malts_coordinates(const ArmRows *r, const double *y, const MatchArgs *a)
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
		p.learn_rows = malts_option_learn_rows(a->options, p.k, FN);
		if (p.learn_rows > 0)
			p.learn_rank = malts_learn_ranks(r->treat, fold, n, 5, a->seed == 0 ? 42 : a->seed);
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
double
match_distance_sd(int n, const double *d, const bool *eligible)
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
