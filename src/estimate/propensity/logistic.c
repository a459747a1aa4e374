/*
 * logistic.c
 *		Logistic regression (the propensity model) by IRLS, Newton's method
 *		on the log-likelihood: with mu = expit(X b) and W = diag(mu (1 - mu)),
 *		b_new = (X'WX + R)^-1 X'W z, z = X b + (y - mu) / (mu (1 - mu)),
 *		R = ridge on the slopes.  Converged when the relative change of the
 *		deviance is below 1e-12 (R's glm stops at 1e-8); standard errors from
 *		(X'WX + R)^-1 at the solution.  Perfect separation shows as fitted
 *		probabilities that reach 0 or 1 while the deviance keeps falling: it is
 *		reported as an error naming the way out.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "estimate/propensity/logistic.h"

#define LOGIT_MAXIT 100
#define LOGIT_TOL 1e-12

/* Deviance of fitted probabilities. */
static double
Deviance(int n, const double *y, const double *mu)
{
	double		d = 0.0;
	int			i;

	for (i = 0; i < n; i++)
	{
		double		m = Min(Max(mu[i], 1e-300), 1.0 - 1e-16);

		d -= 2.0 * (y[i] * log(m) + (1.0 - y[i]) * log1p(-m));
	}
	return d;
}

/*
 * (X'WX + R)^-1 for the weights of the fitted probabilities into a, and X'W z
 * (z the working response at beta) into b when b is not NULL.
 */
static void
WeightedInverse(int n, int p, const double *x, const LogisticFit *f, double ridge, char **names,
				double *xs, double *a, double *b)
{
	int			i,
				j,
				bad;

	if (b != NULL)
		memset(b, 0, sizeof(double) * p);
	for (i = 0; i < n; i++)
	{
		double		mu = f->fitted[i],
					w = Max(mu * (1.0 - mu), 1e-300),
					e = f->beta[0],
					z;

		for (j = 1; j < p; j++)
			e += x[i + (Size) (j - 1) * n] * f->beta[j];
		z = e + (f->y[i] - mu) / w;
		xs[i] = sqrt(w);
		if (b != NULL)
			b[0] += w * z;
		for (j = 1; j < p; j++)
		{
			xs[i + (Size) j * n] = sqrt(w) * x[i + (Size) (j - 1) * n];
			if (b != NULL)
				b[j] += w * z * x[i + (Size) (j - 1) * n];
		}
	}
	linalg_gram(p, n, xs, a);
	for (j = 1; j < p; j++)
		a[j + j * p] += ridge;
	bad = linalg_spd_inverse(p, a);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("propensity model: covariate %s is constant or collinear with the ones before it",
						bad == 0 ? "intercept" : names[bad - 1]),
				 errhint("Drop the covariate, or add a ridge penalty.")));
}

/* Fits the logistic regression; raises errors for separation and collinearity. */
LogisticFit *
logistic_fit(int n, int p, const double *x, const double *y, double ridge, char **names)
{
	LogisticFit *f = palloc0(sizeof(LogisticFit));
	double	   *xs = palloc_extended(sizeof(double) * (Size) n * p, MCXT_ALLOC_HUGE);	/* sqrt(W) X */
	double	   *a = palloc(sizeof(double) * p * p);
	double	   *b = palloc(sizeof(double) * p);
	double	   *eta = palloc(sizeof(double) * n);
	double		dev = INFINITY;
	int			it,
				i,
				j;

	f->p = p;
	f->y = y;
	f->beta = palloc0(sizeof(double) * p);
	f->se = palloc(sizeof(double) * p);
	f->fitted = palloc(sizeof(double) * n);
	for (i = 0; i < n; i++)
		f->fitted[i] = 0.5;
	for (it = 1; it <= LOGIT_MAXIT; it++)
	{
		double		newdev;

		CHECK_FOR_INTERRUPTS();
		WeightedInverse(n, p, x, f, ridge, names, xs, a, b);
		linalg_gemv(p, a, b, f->beta);
		for (i = 0; i < n; i++)
		{
			double		e = f->beta[0];

			for (j = 1; j < p; j++)
				e += x[i + (Size) (j - 1) * n] * f->beta[j];
			eta[i] = e;
			f->fitted[i] = 1.0 / (1.0 + exp(-e));
		}
		newdev = Deviance(n, y, f->fitted);
		f->iterations = it;
		if (fabs(newdev - dev) / (fabs(newdev) + 0.1) < LOGIT_TOL)
		{
			f->converged = true;
			dev = newdev;
			break;
		}
		dev = newdev;
	}
	/* separation: some fitted probabilities at 0 or 1 to double precision */
	for (i = 0; i < n; i++)
		if (fabs(eta[i]) > 36.0 && ridge == 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("propensity model: perfect or quasi-complete separation (row %d has fitted probability %s)",
							i + 1, eta[i] > 0 ? "1" : "0"),
					 errhint("Some covariates predict the treatment exactly: drop or coarsen them, or add a ridge penalty (ridge => 0.01).")));
	if (!f->converged)
		ereport(WARNING,
				(errmsg("propensity model did not converge in %d iterations", LOGIT_MAXIT)));
	/* standard errors from the weights at the solution itself */
	WeightedInverse(n, p, x, f, ridge, names, xs, a, NULL);
	for (j = 0; j < p; j++)
		f->se[j] = sqrt(Max(a[j + j * p], 0.0));
	pfree(xs);
	pfree(a);
	pfree(b);
	pfree(eta);
	return f;
}
