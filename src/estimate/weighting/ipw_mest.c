/*
 * ipw_mest.c
 *		The standard error of the Hajek IPW effect that accounts for the
 *		estimated propensity score: mu1, mu0 and the logistic coefficients
 *		beta solve one stacked set of estimating equations,
 *
 *		  psi1 = T a(e) (Y - mu1),  psi0 = (1 - T) b(e) (Y - mu0),
 *		  psi_beta = (T - e) X   (X with the intercept),
 *
 *		with (a, b) = (1/e, 1/(1 - e)) for the ATE, (1, e/(1 - e)) for the
 *		ATT and ((1 - e)/e, 1) for the ATC (stabilizing constants cancel).
 *		The sandwich A^-1 B A^-T / n of that M-estimator (Stefanski and Boos
 *		2002; for the ATE, Lunceford and Davidian 2004) is usually
 *		smaller than the one that treats the weights as known, which is
 *		conservative for the ATE.  A is block upper triangular, so the
 *		influence function of mu1 - mu0 is
 *
 *		  (psi1 - C1 I^-1 psi_beta) / A11 - (psi0 - C0 I^-1 psi_beta) / A00,
 *
 *		I = mean e (1 - e) X X' (the logistic information), C1 = -mean
 *		T (Y - mu1) da/dbeta, C0 = -mean (1 - T)(Y - mu0) db/dbeta, with
 *		de/dbeta = e (1 - e) X.  Rows without an outcome enter the
 *		propensity equations only.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "estimate/weighting/ipw.h"

/* a(e), b(e) and their derivatives in the linear predictor (times X give d/dbeta). */
static void
ArmWeights(int src, double e, double *a, double *da, double *b, double *db)
{
	if (src < 0)
	{
		*a = 1.0 / e;
		*da = -(1.0 - e) / e;
		*b = 1.0 / (1.0 - e);
		*db = e / (1.0 - e);
	}
	else if (src == 1)
	{
		*a = 1.0;
		*da = 0.0;
		*b = e / (1.0 - e);
		*db = e / (1.0 - e);
	}
	else
	{
		*a = (1.0 - e) / e;
		*da = -(1.0 - e) / e;
		*b = 1.0;
		*db = 0.0;
	}
}

double
ipw_mest_variance(const ArmRows *r, int src, const double *e, const double *y)
{
	int			n = r->n,
				k = r->p + 1,
				i,
				j,
				l;
	double		sw[2] = {0, 0},
				swy[2] = {0, 0},
				mu[2],
				var = 0.0;
	double	   *info = palloc0(sizeof(double) * k * k),
			   *c = palloc0(sizeof(double) * 2 * k),
			   *c1 = c,
			   *c0 = c + k,
			   *xi = palloc(sizeof(double) * k);

	/* the means, as the weighted effect computes them */
	for (i = 0; i < n; i++)
	{
		double		a,
					da,
					b,
					db;

		if (isnan(y[i]))
			continue;
		ArmWeights(src, e[i], &a, &da, &b, &db);
		if (r->treat[i] == 1.0)
		{
			sw[1] += a;
			swy[1] += a * y[i];
		}
		else
		{
			sw[0] += b;
			swy[0] += b * y[i];
		}
	}
	mu[1] = swy[1] / sw[1];
	mu[0] = swy[0] / sw[0];

	/* I, C1, C0 (sums; the 1/n cancels in the influence function's ratios) */
	for (i = 0; i < n; i++)
	{
		double		a,
					da,
					b,
					db,
					v = e[i] * (1.0 - e[i]);

		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		xi[0] = 1.0;
		for (j = 1; j < k; j++)
			xi[j] = r->x[j - 1][i];
		for (j = 0; j < k; j++)
			for (l = 0; l < k; l++)
				info[j + l * k] += v * xi[j] * xi[l];
		if (isnan(y[i]))
			continue;
		ArmWeights(src, e[i], &a, &da, &b, &db);
		for (j = 0; j < k; j++)
		{
			if (r->treat[i] == 1.0)
				c1[j] -= (y[i] - mu[1]) * da * xi[j];
			else
				c0[j] -= (y[i] - mu[0]) * db * xi[j];
		}
	}
	/* h = I^-1 C' for both arms at once (c1 and c0 are the two columns of c) */
	if (!linalg_spd_solve(k, info, c, 2))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("the propensity model's information matrix is singular"),
				 errhint("A covariate is constant or collinear; drop it.")));

	/* the influence function of mu1 - mu0, summed in squares */
	for (i = 0; i < n; i++)
	{
		double		a,
					da,
					b,
					db,
					s = r->treat[i] - e[i],
					p1 = 0.0,
					p0 = 0.0,
					corr1 = 0.0,
					corr0 = 0.0,
					inf;

		xi[0] = 1.0;
		for (j = 1; j < k; j++)
			xi[j] = r->x[j - 1][i];
		for (j = 0; j < k; j++)
		{
			corr1 += c1[j] * s * xi[j];
			corr0 += c0[j] * s * xi[j];
		}
		if (!isnan(y[i]))
		{
			ArmWeights(src, e[i], &a, &da, &b, &db);
			if (r->treat[i] == 1.0)
				p1 = a * (y[i] - mu[1]);
			else
				p0 = b * (y[i] - mu[0]);
		}
		inf = (p1 - corr1) / sw[1] - (p0 - corr0) / sw[0];
		var += inf * inf;
	}
	pfree(info);
	pfree(c);
	pfree(xi);
	return var;
}
