/*
 * dml.c
 *		Double/debiased machine learning (Chernozhukov et al. 2018) with
 *		DoubleML's definitions.  Every score is linear in theta,
 *		psi = theta psi_a + psi_b, with nuisances predicted out of fold:
 *
 *		PLR, partialling out:  psi_a = -(D - m)^2,		psi_b = (D - m)(Y - l)
 *		PLR, IV-type:		   psi_a = -(D - m) D,		psi_b = (D - m)(Y - g),
 *							   g fitted to Y - theta0 D, theta0 the partialling-out estimate
 *		PLIV (one instrument): psi_a = -(D - r)(Z - m), psi_b = (Z - m)(Y - l);
 *							   several: Z - m replaced by the in-sample OLS
 *							   projection of D - r on Z - m (with an intercept)
 *		IRM ATE:	psi_a = -1,
 *					psi_b = g1 - g0 + D(Y - g1)/m - (1 - D)(Y - g0)/(1 - m)
 *		IRM ATTE:	psi_a = -D/p, psi_b = [D(Y - g0) - m(1 - D)(Y - g0)/(1 - m)]/p,
 *					p = mean(D)
 *
 * with g_d fitted on the training rows with D = d and m clipped to
 * [clip, 1 - clip].  theta = -sum(psi_b)/sum(psi_a) over all folds (DML2);
 * J = mean(psi_a), Var = mean(psi^2)/(n J^2).  With a cluster column the
 * folds hold whole clusters and DoubleML's one-way cluster formulas apply:
 * fold sums are scaled by 1/|I_k| (clusters in the test fold),
 * gamma = (1/K) sum_k (1/|I_k|) sum_{c in I_k} (sum_{i in c} psi_i)^2,
 * J = (1/K) sum_k sum_{i in k} psi_a,i/|I_k|, Var = gamma/(G J^2), G clusters.
 * Repeated cross-fitting: theta = median theta_r, se = (median(theta_r +
 * 1.96 se_r) - theta)/1.96.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/compare.h"
#include "core/distributions.h"
#include "core/linalg.h"
#include "core/random.h"
#include "core/row_order.h"
#include "core/settings.h"
#include "core/vector_stats.h"
#include "estimate/dml/dml.h"

/* One cross-fitting split: fold of each row, and the rows of each fold. */
typedef struct Split
{
	int			K;
	int		   *fold;			/* n */
	int		   *nclus;			/* K: clusters in each fold (rows when unclustered) */
	const int  *order;			/* the order training rows are listed in (canonical), or NULL: row order */
	int			rep;			/* the repetition (0-based), for progress reports */
	int			n_rep;
} Split;

/* Assigns the items perm[0..m) to K folds of sizes as even as possible. */
static void
SplitEvenly(const int *perm, int m, int K, int *foldof)
{
	int			f,
				i = 0;

	for (f = 0; f < K; f++)
	{
		int			size = m / K + (f < m % K ? 1 : 0),
					j;

		for (j = 0; j < size; j++, i++)
			foldof[perm[i]] = f;
	}
}

/*
 * The rows in canonical order (core/row_order.h: by their values y, d, x, z),
 * where the seeded draws over rows start, so that they do not depend on the
 * order the rows were read in.
 */
static int *
CanonicalRows(const DmlProblem *p)
{
	int			k = 2 + p->x.p + p->nz;
	const double **cols = palloc(sizeof(double *) * k);
	int		   *order = palloc_extended(sizeof(int) * Max(p->n, 1), MCXT_ALLOC_HUGE);

	cols[0] = p->y;
	cols[1] = p->d;
	for (int j = 0; j < p->x.p; j++)
		cols[2 + j] = p->x.x + (Size) j * p->n;
	for (int j = 0; j < p->nz; j++)
		cols[2 + p->x.p + j] = p->z + (Size) j * p->n;
	row_order_canonical(p->n, k, cols, order);
	pfree(cols);
	return order;
}

/*
 * The folds of repetition rep: the user's fold column, or a seeded shuffle
 * of the rows in canonical order (of the clusters, numbered in the order of
 * their labels, when clustered; within each treatment arm for the IRM,
 * which stratifies the folds by treatment).
 */
static void
MakeSplit(const DmlProblem *p, const int *order, int rep, Split *s)
{
	CausalRandom rng;
	int			n = p->n,
				i;
	int		   *perm = palloc(sizeof(int) * n);

	s->K = p->n_folds;
	s->order = p->user_folds != NULL ? NULL : order;
	s->rep = rep;
	s->n_rep = p->n_rep;
	s->fold = palloc(sizeof(int) * n);
	s->nclus = palloc0(sizeof(int) * s->K);
	random_seed(&rng, p->seed + rep);
	if (p->user_folds != NULL)
		memcpy(s->fold, p->user_folds, sizeof(int) * n);
	else if (p->cluster != NULL)
	{
		int		   *cf = palloc(sizeof(int) * p->n_clusters);

		for (i = 0; i < p->n_clusters; i++)
			perm[i] = i;
		random_shuffle(&rng, perm, p->n_clusters);
		SplitEvenly(perm, p->n_clusters, s->K, cf);
		for (i = 0; i < n; i++)
			s->fold[i] = cf[p->cluster[i]];
		pfree(cf);
	}
	else if (p->model == DML_IRM)
	{
		int			arm;

		for (arm = 0; arm <= 1; arm++)
		{
			int			m = 0;

			for (i = 0; i < n; i++)
				if ((p->d[order[i]] == 1.0) == (arm == 1))
					perm[m++] = order[i];
			random_shuffle(&rng, perm, m);
			SplitEvenly(perm, m, s->K, s->fold);
		}
	}
	else
	{
		memcpy(perm, order, sizeof(int) * n);
		random_shuffle(&rng, perm, n);
		SplitEvenly(perm, n, s->K, s->fold);
	}
	/* clusters (or rows) per test fold */
	if (p->cluster != NULL)
	{
		int		   *home = palloc(sizeof(int) * p->n_clusters);

		for (i = 0; i < p->n_clusters; i++)
			home[i] = -1;
		for (i = 0; i < n; i++)
		{
			if (home[p->cluster[i]] >= 0 && home[p->cluster[i]] != s->fold[i])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("a cluster lies in more than one fold of the fold column"),
						 errhint("With a cluster column every cluster must sit in one fold; leave the fold column out to draw such folds.")));
			home[p->cluster[i]] = s->fold[i];
		}
		pfree(home);
	}
	if (p->cluster != NULL)
	{
		bool	   *seen = palloc0(sizeof(bool) * (Size) p->n_clusters * s->K);

		for (i = 0; i < n; i++)
		{
			bool	   *b = &seen[(Size) s->fold[i] * p->n_clusters + p->cluster[i]];

			if (!*b)
			{
				*b = true;
				s->nclus[s->fold[i]]++;
			}
		}
		pfree(seen);
	}
	else
		for (i = 0; i < n; i++)
			s->nclus[s->fold[i]]++;
	for (i = 0; i < s->K; i++)
		if (s->nclus[i] == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("fold %d of the cross-fitting is empty", i + 1),
					 errhint("Use fewer folds than rows (or clusters).")));
	pfree(perm);
}

/*
 * The size sum |psi_a| would have if the nuisances explained nothing: the
 * treatment's spread (PLR), or its geometric mean with the instruments'
 * (PLIV); psi_a summing to a tiny fraction of it means the treatment (or
 * the instrument) is in the span of the covariates.
 */
static double
ResidualScale(const DmlProblem *p)
{
	double		zmax = 0.0;

	if (p->model != DML_PLIV)
		return vec_centered_ss(p->d, p->n);
	for (int j = 0; j < p->nz; j++)
		zmax = Max(zmax, vec_centered_ss(p->z + (Size) j * p->n, p->n));
	return sqrt(vec_centered_ss(p->d, p->n) * zmax);
}

/*
 * Out-of-fold predictions of target by learner s; when cond is not NULL only
 * the training rows with d == *cond are used (the IRM's outcome models).
 */
static void
CrossFit(const DmlProblem *p, const Split *s, const LearnerSpec *ls, const double *target,
		 const double *cond, double *pred, double *lambda)
{
	int		   *train = palloc(sizeof(int) * p->n),
			   *test = palloc(sizeof(int) * p->n);
	int			f,
				i;

	for (f = 0; f < s->K; f++)
	{
		int			ntr = 0,
					nte = 0;
		LearnerReport rep;

		CHECK_FOR_INTERRUPTS();
		/* (the lasso's inner folds and XGBoost's subsamples follow the training rows' order) */
		for (int k = 0; k < p->n; k++)
		{
			i = s->order != NULL ? s->order[k] : k;
			if (s->fold[i] == f)
				test[nte++] = i;
			else if (cond == NULL || p->d[i] == *cond)
				train[ntr++] = i;
		}
		learner_fit_predict(ls, &p->x, target, train, ntr, test, nte, pred, &rep);
		if (f == 0)
			*lambda = rep.lambda;
		if (causal_progress)
			ereport(NOTICE,
					(errmsg("causal.dml: repetition %d of %d, %s by %s%s: fold %d of %d fitted on %d rows",
							s->rep + 1, s->n_rep, ls->nuisance, ls->name,
							cond == NULL ? "" : (*cond == 1.0 ? " (treated)" : " (controls)"),
							f + 1, s->K, ntr)));
	}
	pfree(train);
	pfree(test);
}

/* In-sample OLS projection (with an intercept) of w on the columns of v. */
static void
Project(int n, int q, const double *v, const double *w, double *out)
{
	LearnerData ld;
	LearnerSpec ls;
	LearnerReport rep;
	int		   *all = palloc(sizeof(int) * n);
	char	  **names = palloc(sizeof(char *) * q);
	int			i;

	for (i = 0; i < n; i++)
		all[i] = i;
	for (i = 0; i < q; i++)
		names[i] = psprintf("instrument residual %d", i + 1);
	memset(&ls, 0, sizeof(ls));
	ls.kind = LEARNER_OLS;
	ls.name = "ols";
	ls.nuisance = "the projection of the treatment on the instruments";
	ld.n = n;
	ld.p = q;
	ld.x = v;
	ld.names = names;
	learner_fit_predict(&ls, &ld, w, all, n, all, n, out, &rep);
	pfree(all);
	pfree(names);
}

/*
 * The score components psi_a, psi_b of one repetition, and for the PLR and
 * the IRM the rows' pieces of the sensitivity elements (sr).
 */
static void
Scores(const DmlProblem *p, const Split *s, double *psi_a, double *psi_b, DmlSensRows *sr,
	   DmlResult *res)
{
	int			n = p->n,
				i,
				j;
	double	   *m = palloc(sizeof(double) * n),
			   *l = palloc(sizeof(double) * n);

	switch (p->model)
	{
		case DML_PLR:
			CrossFit(p, s, &p->ml_l, p->y, NULL, l, &res->lambda_l);
			CrossFit(p, s, &p->ml_m, p->d, NULL, m, &res->lambda_m);
			for (i = 0; i < n; i++)
			{
				psi_a[i] = -(p->d[i] - m[i]) * (p->d[i] - m[i]);
				psi_b[i] = (p->d[i] - m[i]) * (p->y[i] - l[i]);
				sr->ry[i] = p->y[i] - l[i];
				sr->rd[i] = sr->v[i] = p->d[i] - m[i];
			}
			if (p->iv_type)
			{
				double		sa = 0.0,
							sb = 0.0,
							theta0;
				double	   *target = palloc(sizeof(double) * n);

				for (i = 0; i < n; i++)
				{
					sa += psi_a[i];
					sb += psi_b[i];
				}
				theta0 = -sb / sa;
				for (i = 0; i < n; i++)
					target[i] = p->y[i] - theta0 * p->d[i];
				CrossFit(p, s, &p->ml_g, target, NULL, l, &res->lambda_g);
				for (i = 0; i < n; i++)
				{
					psi_a[i] = -(p->d[i] - m[i]) * p->d[i];
					psi_b[i] = (p->d[i] - m[i]) * (p->y[i] - l[i]);
					sr->ry[i] = p->y[i] - l[i];
					sr->rd[i] = p->d[i];
				}
				pfree(target);
			}
			break;
		case DML_PLIV:
			{
				double	   *r = palloc(sizeof(double) * n),
						   *v = palloc_extended(sizeof(double) * (Size) n * p->nz, MCXT_ALLOC_HUGE),
						   *proj = palloc(sizeof(double) * n),
						   *w = palloc(sizeof(double) * n);

				CrossFit(p, s, &p->ml_l, p->y, NULL, l, &res->lambda_l);
				CrossFit(p, s, &p->ml_r, p->d, NULL, r, &res->lambda_r);
				for (j = 0; j < p->nz; j++)
				{
					CrossFit(p, s, &p->ml_m, p->z + (Size) j * n, NULL, m, &res->lambda_m);
					for (i = 0; i < n; i++)
						v[i + (Size) j * n] = p->z[i + (Size) j * n] - m[i];
				}
				for (i = 0; i < n; i++)
					w[i] = p->d[i] - r[i];
				if (p->nz == 1)
					memcpy(proj, v, sizeof(double) * n);
				else
					Project(n, p->nz, v, w, proj);
				for (i = 0; i < n; i++)
				{
					psi_a[i] = -w[i] * proj[i];
					psi_b[i] = proj[i] * (p->y[i] - l[i]);
				}
				pfree(r);
				pfree(v);
				pfree(proj);
				pfree(w);
			}
			break;
		case DML_IRM:
			{
				double	   *g0 = palloc(sizeof(double) * n),
						   *g1 = palloc(sizeof(double) * n);
				double		zero = 0.0,
							one = 1.0,
							pd = 0.0,
							mean1 = 0.0,
							mean0 = 0.0;

				CrossFit(p, s, &p->ml_g, p->y, &zero, g0, &res->lambda_g);
				if (!p->atte)
					CrossFit(p, s, &p->ml_g, p->y, &one, g1, &res->lambda_g);
				CrossFit(p, s, &p->ml_m, p->d, NULL, m, &res->lambda_m);
				/*
				 * The ATTE's score has no g1, but the sensitivity analysis
				 * needs the outcome's residual in both arms (as DoubleML,
				 * which fits g1 for either score).  Fitted last so that the
				 * other nuisances are those of the score alone.
				 */
				if (p->atte)
					CrossFit(p, s, &p->ml_g, p->y, &one, g1, &res->lambda_g);
				res->n_clipped = 0;
				res->mean_m = 0.0;
				for (i = 0; i < n; i++)
				{
					double		c = overlap_add(&res->overlap, m[i]);

					if (c != m[i])
						res->n_clipped++;
					m[i] = c;
					res->mean_m += c / n;
					pd += p->d[i] / n;
					mean1 += p->d[i] / c / n;
					mean0 += (1.0 - p->d[i]) / (1.0 - c) / n;
				}
				/*
				 * Normalised weights as DoubleML does them: the propensity
				 * itself is rescaled so that D/m and (1 - D)/(1 - m) average
				 * to one.
				 */
				if (p->normalize_ipw)
					for (i = 0; i < n; i++)
						m[i] = p->d[i] == 1.0 ? m[i] * mean1 : 1.0 - (1.0 - m[i]) * mean0;
				for (i = 0; i < n; i++)
				{
					double		d = p->d[i],
								y = p->y[i];

					/* DoubleML's weights: 1 and 1 (ATE); D/p and m/p (ATTE) */
					double		w = p->atte ? d / pd : 1.0,
								wbar = p->atte ? m[i] / pd : 1.0;

					if (p->atte)
					{
						psi_a[i] = -d / pd;
						psi_b[i] = (d * (y - g0[i]) - m[i] * (1.0 - d) * (y - g0[i]) / (1.0 - m[i])) / pd;
					}
					else
					{
						psi_a[i] = -1.0;
						psi_b[i] = g1[i] - g0[i] + d * (y - g1[i]) / m[i] -
							(1.0 - d) * (y - g0[i]) / (1.0 - m[i]);
					}
					sr->ry[i] = y - d * g1[i] - (1.0 - d) * g0[i];
					sr->rd[i] = 0.0;
					sr->rr[i] = wbar * (d / m[i] - (1.0 - d) / (1.0 - m[i]));
					sr->nu[i] = 2.0 * w * wbar * (1.0 / m[i] + 1.0 / (1.0 - m[i])) - sr->rr[i] * sr->rr[i];
				}
				pfree(g0);
				pfree(g1);
			}
			break;
	}
	pfree(m);
	pfree(l);
}

/* theta and its standard error for one repetition from the scores. */
static void
Solve(const DmlProblem *p, const Split *s, const double *psi_a, const double *psi_b,
	  double *theta, double *se, double *psi)
{
	int			n = p->n,
				i,
				f;
	double		sa = 0.0,
				sb = 0.0,
				gamma = 0.0,
				J = 0.0;

	if (p->cluster == NULL)
	{
		for (i = 0; i < n; i++)
		{
			sa += psi_a[i];
			sb += psi_b[i];
		}
		*theta = -sb / sa;
		for (i = 0; i < n; i++)
		{
			psi[i] = *theta * psi_a[i] + psi_b[i];
			gamma += psi[i] * psi[i] / n;
		}
		J = sa / n;
		*se = sqrt(gamma / (J * J) / n);
		return;
	}
	else
	{
		double	   *fa = palloc0(sizeof(double) * s->K),
				   *fb = palloc0(sizeof(double) * s->K),
				   *csum = palloc0(sizeof(double) * p->n_clusters);

		for (i = 0; i < n; i++)
		{
			fa[s->fold[i]] += psi_a[i];
			fb[s->fold[i]] += psi_b[i];
		}
		for (f = 0; f < s->K; f++)
		{
			sa += fa[f] / s->nclus[f];
			sb += fb[f] / s->nclus[f];
		}
		*theta = -sb / sa;
		J = sa / s->K;
		/* a cluster lies in one fold, so its psi sum belongs to that fold */
		for (i = 0; i < n; i++)
		{
			psi[i] = *theta * psi_a[i] + psi_b[i];
			csum[p->cluster[i]] += psi[i];
		}
		{
			bool	   *done = palloc0(sizeof(bool) * p->n_clusters);

			for (i = 0; i < n; i++)
			{
				int			c = p->cluster[i];

				if (done[c])
					continue;
				done[c] = true;
				gamma += csum[c] * csum[c] / s->nclus[s->fold[i]];
			}
			pfree(done);
		}
		gamma /= s->K;
		*se = sqrt(gamma / (J * J) / p->n_clusters);
		pfree(fa);
		pfree(fb);
		pfree(csum);
	}
}


/* Median of m values (the mean of the two middle ones for even m). */
static double
Median(const double *v, int m)
{
	double	   *c = palloc(sizeof(double) * m);
	double		med;

	memcpy(c, v, sizeof(double) * m);
	qsort(c, m, sizeof(double), compare_double);
	med = m % 2 == 1 ? c[m / 2] : 0.5 * (c[m / 2 - 1] + c[m / 2]);
	pfree(c);
	return med;
}

/*
 * Multiplier bootstrap (DoubleML's "normal" method): t*_b = sum_i xi_i psi_i
 * / (n J se) with xi ~ N(0, 1), drawn for the rows in canonical order;
 * returns the (level) quantile of |t*|.
 */
static double
BootQuantile(const DmlProblem *p, const int *order, const double *psi, const double *psi_a, double se,
			 int rep)
{
	CausalRandom rng;
	double	   *t = palloc(sizeof(double) * p->n_boot);
	double		J = 0.0,
				q;
	int			b,
				i;

	for (i = 0; i < p->n; i++)
		J += psi_a[i] / p->n;
	random_seed(&rng, p->seed + 1000003 * (rep + 1));
	for (b = 0; b < p->n_boot; b++)
	{
		double		s = 0.0;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < p->n; i++)
			s += random_normal(&rng) * psi[order[i]];
		t[b] = fabs(s / (p->n * J * se));
	}
	qsort(t, p->n_boot, sizeof(double), compare_double);
	/* numpy's default (linear) quantile */
	{
		double		h = (p->n_boot - 1) * p->level;
		int			lo = (int) floor(h);
		int			hi = Min(lo + 1, p->n_boot - 1);

		q = t[lo] + (h - lo) * (t[hi] - t[lo]);
	}
	pfree(t);
	return q;
}

void
dml_estimate(const DmlProblem *p, DmlResult *res)
{
	double		scale = ResidualScale(p);
	double	   *psi_a = palloc(sizeof(double) * p->n),
			   *psi_b = palloc(sizeof(double) * p->n),
			   *psi = palloc(sizeof(double) * p->n),
			   *upper = palloc(sizeof(double) * p->n_rep),
			   *quant = palloc(sizeof(double) * p->n_rep);
	double		z = dist_qnorm(0.5 + p->level / 2.0, true);
	int			r;
	DmlSensRows sr;
	/*
	 * The rows' canonical order, unless the user's folds leave nothing to
	 * draw: then training rows stay in row order, as DoubleML lists them.
	 */
	int		   *order = p->user_folds != NULL && p->n_boot == 0 ? NULL : CanonicalRows(p);

	overlap_init(&res->overlap, p->clip);
	res->thetas = palloc(sizeof(double) * p->n_rep);
	res->ses = palloc(sizeof(double) * p->n_rep);
	res->sens = NULL;
	if (p->model != DML_PLIV)
	{
		res->sens = palloc(sizeof(DmlSensitivity) * p->n_rep);
		sr.ry = palloc(sizeof(double) * p->n);
		sr.rd = palloc(sizeof(double) * p->n);
		sr.v = palloc(sizeof(double) * p->n);
		sr.nu = palloc(sizeof(double) * p->n);
		sr.rr = palloc(sizeof(double) * p->n);
	}
	for (r = 0; r < p->n_rep; r++)
	{
		Split		s;

		MakeSplit(p, order, r, &s);
		Scores(p, &s, psi_a, psi_b, &sr, res);
		if (p->model != DML_IRM)
		{
			double		sa = 0.0;

			for (int i = 0; i < p->n; i++)
				sa += fabs(psi_a[i]);
			if (!(sa > DML_DEGENERATE * scale))
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("the treatment residuals are all zero: the DML estimate is not defined"),
						 errhint("The covariates predict the treatment (or the instrument) exactly; check for a copy of the treatment among the covariates.")));
		}
		Solve(p, &s, psi_a, psi_b, &res->thetas[r], &res->ses[r], psi);
		if (!isfinite(res->thetas[r]) || !isfinite(res->ses[r]))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("the DML estimate is not finite: the treatment residuals are all zero"),
					 errhint("The covariates predict the treatment (or the instrument) exactly; check for a copy of the treatment among the covariates.")));
		if (res->sens != NULL)
			dml_sensitivity_elements(p, s.fold, s.nclus, s.K, &sr, psi, psi_a, res->thetas[r],
									 &res->sens[r]);
		upper[r] = res->thetas[r] + 1.96 * res->ses[r];
		if (p->n_boot > 0)
			quant[r] = BootQuantile(p, order, psi, psi_a, res->ses[r], r);
		pfree(s.fold);
		pfree(s.nclus);
	}
	if (p->n_rep == 1)
	{
		res->theta = res->thetas[0];
		res->se = res->ses[0];
	}
	else
	{
		res->theta = Median(res->thetas, p->n_rep);
		res->se = (Median(upper, p->n_rep) - res->theta) / 1.96;
	}
	res->boot_quantile = p->n_boot > 0 ? Median(quant, p->n_rep) : 0.0;
	if (p->n_boot > 0)
		z = res->boot_quantile;
	res->ci_lower = res->theta - z * res->se;
	res->ci_upper = res->theta + z * res->se;
	pfree(psi_a);
	pfree(psi_b);
	pfree(psi);
	pfree(upper);
	pfree(quant);
	if (res->sens != NULL)
	{
		pfree(sr.ry);
		pfree(sr.rd);
		pfree(sr.v);
		pfree(sr.nu);
		pfree(sr.rr);
	}
}
