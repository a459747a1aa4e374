/*
 * learners.c
 *		Nuisance learners of double machine learning, each fitted on a set of
 *		training rows and predicting a set of test rows:
 *
 *		ols		  least squares with an intercept;
 *		ridge	  ||y - Xb - c||^2 + lambda ||b||^2 (scikit-learn's Ridge(alpha));
 *		lasso	  (1/2n) ||y - Xb - c||^2 + lambda ||b||_1 (scikit-learn's
 *				  Lasso(alpha)), by coordinate descent; lambda "cv" picks the
 *				  penalty by K-fold cross-validation over a path as LassoCV does;
 *		logistic  maximum likelihood with an optional L2 penalty (lambda/2)||b||^2
 *				  (scikit-learn's C = 1/lambda), by IRLS (logistic.c);
 *		xgboost	  gradient-boosted trees (xgb_learner.c).
 *
 * The intercept is never penalized: the linear learners work on data centred
 * by the training means.  Ridge and lasso need only the centred Gram matrix
 * X'X and X'y of the training rows, so the lasso runs in O(p^2) a sweep
 * whatever n is (the covariance form of coordinate descent; Friedman, Hastie
 * and Tibshirani 2010), and cross-validation gets each fold's Gram matrix by
 * subtraction.  Written here because no Debian C library offers a lasso.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"

#include "core/json_options.h"
#include "core/sql_args.h"
#include "core/linalg.h"
#include "estimate/learners/learners.h"
#include "estimate/propensity/logistic.h"
#include "estimate/learners/xgb_learner.h"

#define LASSO_TOL 1e-13
#define LASSO_MAXIT 100000
#define OPTIONS_HINT "Options are keyed by nuisance, for example {\"ml_l\": {\"lambda\": 0.1}, \"ml_m\": {\"n_trees\": 200}}."

/* Raises the error for a bad learner option. */
static void
BadOption(const char *nuisance, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("learner_options for %s: %s", nuisance, what),
			 errhint(OPTIONS_HINT)));
}

/* A numeric option of a nuisance's learner, or def when absent. */
static double
NumOption(JsonbContainer *c, const char *key, const char *nuisance, double def, double lo, double hi)
{
	return json_option_number(c, key, def, lo, hi, psprintf("learner_options for %s", nuisance), OPTIONS_HINT);
}

/* Checks that every key of the options object is one the learner knows. */
static void
CheckKeys(JsonbContainer *c, const char *nuisance, const char *learner, const char *const *known)
{
	json_option_check_keys(c, known, psprintf("learner_options for %s", nuisance),
						   psprintf("learner %s", learner), OPTIONS_HINT);
}

/*
 * Reads the learner named name for a nuisance, with its options from
 * options->nuisance when present.
 */
void
learner_parse(LearnerSpec *s, const char *fn, const char *name, const char *nuisance,
			  Jsonb *options, bool classifier, int64 seed)
{
	static const char *const names[] = {"ols", "ridge", "lasso", "logistic", "xgboost", NULL};
	static const LearnerKind kinds[] = {LEARNER_OLS, LEARNER_RIDGE, LEARNER_LASSO, LEARNER_LOGISTIC,
	LEARNER_XGBOOST};
	static const char *const linear_keys[] = {"lambda", "cv_folds", "n_lambda", "lambda_eps", NULL};
	static const char *const xgb_keys[] = {"n_trees", "max_depth", "eta", "subsample", "colsample",
	"min_child_weight", "nthread", "seed", NULL};
	JsonbContainer *c = NULL;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->nuisance = nuisance;
	s->classifier = classifier;
	s->seed = seed;
	if (options != NULL)
	{
		JsonbValue *v;

		if (!JB_ROOT_IS_OBJECT(options))
			BadOption(nuisance, "learner_options must be a JSON object");
		v = getKeyJsonValueFromContainer(&options->root, nuisance, strlen(nuisance), NULL);
		if (v != NULL)
		{
			if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
				BadOption(nuisance, "the options of a nuisance must be a JSON object");
			c = v->val.binary.data;
		}
	}
	{
		int			k = sql_args_choice_hint(name, fn, nuisance, names,
											 "Its options go in learner_options.");

		s->kind = kinds[k];
		s->name = names[k];		/* as the list spells it, whatever the user's case */
	}
	if (classifier && (s->kind == LEARNER_RIDGE || s->kind == LEARNER_LASSO))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("learner \"%s\" cannot model the binary treatment of %s", name, nuisance),
				 errhint("Use logistic or xgboost for a propensity, or ols for a linear probability model.")));
	if (!classifier && s->kind == LEARNER_LOGISTIC)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("learner \"logistic\" needs a binary target, and %s is not one", nuisance),
				 errhint("Use ols, ridge, lasso or xgboost for a continuous target.")));
	if (s->kind == LEARNER_XGBOOST)
	{
		CheckKeys(c, nuisance, name, xgb_keys);
		s->n_trees = (int) NumOption(c, "n_trees", nuisance, 100, 1, 100000);
		s->max_depth = (int) NumOption(c, "max_depth", nuisance, 6, 1, 64);
		s->eta = NumOption(c, "eta", nuisance, 0.3, 1e-6, 1);
		s->subsample = NumOption(c, "subsample", nuisance, 1, 1e-6, 1);
		s->colsample = NumOption(c, "colsample", nuisance, 1, 1e-6, 1);
		s->min_child_weight = NumOption(c, "min_child_weight", nuisance, 1, 0, 1e12);
		s->nthread = (int) NumOption(c, "nthread", nuisance, 1, 1, 64);
		s->seed = (int64) NumOption(c, "seed", nuisance, (double) seed, -1e15, 1e15);
		return;
	}
	CheckKeys(c, nuisance, name, linear_keys);
	s->cv_folds = (int) NumOption(c, "cv_folds", nuisance, 5, 2, 100);
	s->n_lambda = (int) NumOption(c, "n_lambda", nuisance, 100, 2, 10000);
	s->lambda_eps = NumOption(c, "lambda_eps", nuisance, 1e-3, 1e-12, 1);
	if (c != NULL)
	{
		JsonbValue *v = getKeyJsonValueFromContainer(c, "lambda", 6, NULL);

		if (v != NULL && v->type == jbvString && v->val.string.len == 2 &&
			strncmp(v->val.string.val, "cv", 2) == 0)
		{
			if (s->kind != LEARNER_LASSO)
				BadOption(nuisance, "lambda \"cv\" is available for the lasso only");
			s->lambda_cv = true;
			return;
		}
	}
	/* defaults: scikit-learn's alpha = 1 for ridge and lasso; plain maximum likelihood for logistic */
	s->lambda = NumOption(c, "lambda", nuisance, s->kind == LEARNER_LOGISTIC ? 0.0 : 1.0, 0, 1e300);
}

/*
 * Means of the training rows, the centred Gram matrix g = Xc'Xc (p x p,
 * full) and xty = Xc'yc, and yty = yc'yc.
 */
static void
CentredGram(const LearnerData *d, const double *y, const int *rows, int nr,
			double *xmean, double *ymean, double *g, double *xty, double *yty)
{
	int			p = d->p,
				i,
				j;
	double	   *xc = palloc_extended(sizeof(double) * (Size) nr * Max(p, 1), MCXT_ALLOC_HUGE);
	double		my = 0.0,
				s = 0.0;

	for (i = 0; i < nr; i++)
		my += y[rows[i]];
	my /= nr;
	for (j = 0; j < p; j++)
	{
		const double *col = d->x + (Size) j * d->n;
		double		m = 0.0,
					c = 0.0;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < nr; i++)
			m += col[rows[i]];
		m /= nr;
		xmean[j] = m;
		for (i = 0; i < nr; i++)
		{
			double		v = col[rows[i]] - m;

			xc[i + (Size) j * nr] = v;
			c += v * (y[rows[i]] - my);
		}
		xty[j] = c;
	}
	for (i = 0; i < nr; i++)
		s += (y[rows[i]] - my) * (y[rows[i]] - my);
	linalg_gram(p, nr, xc, g);
	*ymean = my;
	*yty = s;
	pfree(xc);
}

/* Soft-thresholding. */
static inline double
Soft(double z, double t)
{
	return z > t ? z - t : (z < -t ? z + t : 0.0);
}

/*
 * Lasso by cyclic coordinate descent in covariance form: minimizes
 * (1/2n) b'Gb - (1/n) b'c + lambda ||b||_1 from the starting point in beta
 * (warm starts along a path).  Stops when no coefficient moved by more than
 * LASSO_TOL relative to the scale of the fit.
 */
void
learner_lasso_path_fit(int p, const double *gram, const double *xty, double n, double lambda,
					   double *beta, int *iterations)
{
	double	   *q = palloc0(sizeof(double) * Max(p, 1));	/* G beta */
	double		scale = 0.0;
	int			it,
				j,
				k;

	for (j = 0; j < p; j++)
	{
		scale = Max(scale, fabs(xty[j]));
		for (k = 0; k < p; k++)
			q[k] += gram[k + j * p] * beta[j];
	}
	for (it = 1; it <= LASSO_MAXIT; it++)
	{
		double		maxdelta = 0.0;

		if ((it & 255) == 0)
			CHECK_FOR_INTERRUPTS();
		for (j = 0; j < p; j++)
		{
			double		gjj = gram[j + j * p],
						old = beta[j],
						rho,
						nb;

			if (gjj <= 0.0)
				continue;
			rho = xty[j] - q[j] + gjj * old;
			nb = Soft(rho, n * lambda) / gjj;
			if (nb != old)
			{
				double		delta = nb - old;

				for (k = 0; k < p; k++)
					q[k] += gram[k + j * p] * delta;
				beta[j] = nb;
				maxdelta = Max(maxdelta, fabs(delta) * gjj);
			}
		}
		*iterations = it;
		if (maxdelta <= LASSO_TOL * Max(scale, 1e-300))
			break;
	}
	pfree(q);
}

/* Coefficients of a linear learner with a fixed penalty from a centred Gram. */
static void
LinearCoefficients(const LearnerSpec *s, const LearnerData *d, int nr, double *g, double *xty,
				   double lambda, double *beta, LearnerReport *report)
{
	int			p = d->p,
				j,
				bad;

	if (s->kind == LEARNER_LASSO)
	{
		memset(beta, 0, sizeof(double) * p);
		learner_lasso_path_fit(p, g, xty, nr, lambda, beta, &report->iterations);
		return;
	}
	for (j = 0; j < p; j++)
		g[j + j * p] += lambda;
	bad = linalg_spd_inverse(p, g);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("learner %s for %s: covariate \"%s\" is constant or collinear with the ones before it in a training fold",
						s->name, s->nuisance, d->names[bad]),
				 errhint("Drop the covariate, or use ridge or lasso.")));
	linalg_gemv(p, g, xty, beta);
}

/*
 * Lasso penalty by K-fold cross-validation (consecutive folds of the
 * training rows, as scikit-learn's LassoCV with cv=K): the path is
 * n_lambda values log-spaced from lambda_max = max|X'y|/n down to
 * lambda_eps * lambda_max; the penalty with the least mean squared
 * validation error (averaged over folds) wins.
 */
static double
LassoCV(const LearnerSpec *s, const LearnerData *d, const double *y, const int *rows, int nr,
		int *iterations)
{
	int			p = d->p,
				K = Min(s->cv_folds, nr),
				nl = s->n_lambda,
				f,
				l,
				j,
				i;
	double	   *xm = palloc(sizeof(double) * Max(p, 1)),
			   *g = palloc(sizeof(double) * Max(p * p, 1)),
			   *c = palloc(sizeof(double) * Max(p, 1)),
			   *mse = palloc0(sizeof(double) * nl),
			   *lambdas = palloc(sizeof(double) * nl),
			   *beta = palloc(sizeof(double) * Max(p, 1));
	double		ym,
				yy,
				lmax = 0.0;
	int			best = 0;

	CentredGram(d, y, rows, nr, xm, &ym, g, c, &yy);
	for (j = 0; j < p; j++)
		lmax = Max(lmax, fabs(c[j]) / nr);
	if (lmax <= 0.0)
		return 0.0;
	for (l = 0; l < nl; l++)
		lambdas[l] = lmax * pow(s->lambda_eps, (double) l / (nl - 1));
	for (f = 0; f < K; f++)
	{
		int			lo,
					hi,
					ntr,
				   *tr = palloc(sizeof(int) * nr);
		double	   *fxm = palloc(sizeof(double) * Max(p, 1)),
				   *fg = palloc(sizeof(double) * Max(p * p, 1)),
				   *fc = palloc(sizeof(double) * Max(p, 1)),
					fym,
					fyy;

		/*
		 * scikit-learn's KFold without shuffling gives the first nr % K folds
		 * one row more; this split differs only in where those rows fall.
		 */
		lo = f * (nr / K) + Min(f, nr % K);
		hi = lo + nr / K + (f < nr % K ? 1 : 0);
		ntr = nr - (hi - lo);
		for (i = 0, j = 0; i < nr; i++)
			if (i < lo || i >= hi)
				tr[j++] = rows[i];
		CentredGram(d, y, tr, ntr, fxm, &fym, fg, fc, &fyy);
		memset(beta, 0, sizeof(double) * Max(p, 1));
		for (l = 0; l < nl; l++)
		{
			int			it;
			double		err = 0.0,
						b0 = fym;

			/* each penalty costs a pass over the held-out rows */
			CHECK_FOR_INTERRUPTS();
			learner_lasso_path_fit(p, fg, fc, ntr, lambdas[l], beta, &it);
			*iterations += it;
			for (j = 0; j < p; j++)
				b0 -= fxm[j] * beta[j];
			for (i = lo; i < hi; i++)
			{
				double		r = y[rows[i]] - b0;

				for (j = 0; j < p; j++)
					r -= d->x[rows[i] + (Size) j * d->n] * beta[j];
				err += r * r;
			}
			mse[l] += err / (hi - lo) / K;
		}
		pfree(tr);
		pfree(fxm);
		pfree(fg);
		pfree(fc);
	}
	for (l = 1; l < nl; l++)
		if (mse[l] < mse[best])
			best = l;
	return lambdas[best];
}

/*
 * Intercept b0 and slopes beta (p) of a linear learner fitted on the rows
 * rows[0..nr) of d.
 */
void
learner_linear_fit(const LearnerSpec *s, const LearnerData *d, const double *y, const int *rows,
				   int nr, double *b0, double *beta, LearnerReport *report)
{
	int			p = d->p,
				j;
	double	   *xm = palloc(sizeof(double) * Max(p, 1)),
			   *g = palloc(sizeof(double) * Max(p * p, 1)),
			   *c = palloc(sizeof(double) * Max(p, 1));
	double		ym,
				yy,
				lambda = s->lambda;

	report->iterations = 0;
	if (s->lambda_cv)
		lambda = LassoCV(s, d, y, rows, nr, &report->iterations);
	report->lambda = s->kind == LEARNER_OLS ? 0.0 : lambda;
	CentredGram(d, y, rows, nr, xm, &ym, g, c, &yy);
	LinearCoefficients(s, d, nr, g, c, report->lambda, beta, report);
	*b0 = ym;
	for (j = 0; j < p; j++)
		*b0 -= xm[j] * beta[j];
	pfree(xm);
	pfree(g);
	pfree(c);
}

/* Linear learners: fit on the training rows, predict the test rows. */
static void
LinearFitPredict(const LearnerSpec *s, const LearnerData *d, const double *y, const int *train,
				 int ntrain, const int *test, int ntest, double *pred, LearnerReport *report)
{
	int			p = d->p,
				i,
				j;
	double	   *beta = palloc0(sizeof(double) * Max(p, 1));
	double		b0;

	learner_linear_fit(s, d, y, train, ntrain, &b0, beta, report);
	for (i = 0; i < ntest; i++)
	{
		double		e = b0;

		for (j = 0; j < p; j++)
			e += d->x[test[i] + (Size) j * d->n] * beta[j];
		pred[test[i]] = e;
	}
	pfree(beta);
}

/* Logistic learner: IRLS on the training rows, probabilities on the test rows. */
static void
LogisticFitPredict(const LearnerSpec *s, const LearnerData *d, const double *y, const int *train,
				   int ntrain, const int *test, int ntest, double *pred, LearnerReport *report)
{
	int			p = d->p,
				i,
				j;
	double	   *x = palloc_extended(sizeof(double) * (Size) ntrain * Max(p, 1), MCXT_ALLOC_HUGE),
			   *t = palloc(sizeof(double) * ntrain);
	LogisticFit *f;

	for (i = 0; i < ntrain; i++)
	{
		t[i] = y[train[i]];
		for (j = 0; j < p; j++)
			x[i + (Size) j * ntrain] = d->x[train[i] + (Size) j * d->n];
	}
	f = logistic_fit(ntrain, p + 1, x, t, s->lambda, d->names);
	for (i = 0; i < ntest; i++)
	{
		double		e = f->beta[0];

		for (j = 0; j < p; j++)
			e += d->x[test[i] + (Size) j * d->n] * f->beta[j + 1];
		pred[test[i]] = 1.0 / (1.0 + exp(-e));
	}
	report->lambda = s->lambda;
	report->iterations = f->iterations;
	pfree(x);
	pfree(t);
}

/*
 * Fits learner s to target on the rows train[] of d and writes its
 * predictions for the rows test[] into pred[test[i]].
 */
void
learner_fit_predict(const LearnerSpec *s, const LearnerData *d, const double *target,
					const int *train, int ntrain, const int *test, int ntest, double *pred,
					LearnerReport *report)
{
	if (ntrain < 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("learner %s for %s has %d training row%s", s->name, s->nuisance, ntrain,
						ntrain == 1 ? "" : "s"),
				 errhint("Use fewer folds, or more rows.")));
	switch (s->kind)
	{
		case LEARNER_OLS:
		case LEARNER_RIDGE:
		case LEARNER_LASSO:
			LinearFitPredict(s, d, target, train, ntrain, test, ntest, pred, report);
			break;
		case LEARNER_LOGISTIC:
			LogisticFitPredict(s, d, target, train, ntrain, test, ntest, pred, report);
			break;
		case LEARNER_XGBOOST:
			xgb_fit_predict(s, d, target, train, ntrain, test, ntest, pred, report);
			break;
	}
}
