/*
 * sandwich.c
 *		Weighted least squares with a sandwich covariance:
 *
 *		  V = B M B,  B = (X'WX)^-1,  with per-row scores s_i = w_i e_i x_i:
 *		  HC0  M = sum s_i s_i'          HC1  HC0 * n / (n - k)
 *		  HC3  M = sum s_i s_i' / (1 - h_i)^2, h_i = w_i x_i' B x_i
 *		  cluster  M = G/(G-1) (n-1)/(n-k) sum_g (sum_{i in g} s_i)(...)'
 *		  classical  V = sigma^2 B, sigma^2 = sum w_i e_i^2 / (n - k)
 *
 *		with e_i = y_i - x_i' beta, or y_i - xf_i' beta when the residuals
 *		use other regressors than the fit (2SLS: x the first stage's
 *		projection of the design, xf the design itself).
 *
 *		the conventions of R's sandwich (vcovHC, vcovCL's default) and
 *		statsmodels.  Used by causal.match_effect (clusters: the matched
 *		pairs or subclasses); the weighted-effect aggregates accumulate the
 *		same scores per cluster and take the factors from here.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "estimate/sandwich.h"

/* Index of cluster ids 1.. as 0.. (ids may be sparse after dropped subclasses). */
static int
ClusterIndex(int m, const int64 *g, int *idx)
{
	int64		maxg = 0;
	int		   *map;
	int			G = 0;

	for (int i = 0; i < m; i++)
		maxg = Max(maxg, g[i]);
	map = palloc(sizeof(int) * (maxg + 1));
	for (int64 v = 0; v <= maxg; v++)
		map[v] = -1;
	for (int i = 0; i < m; i++)
	{
		if (map[g[i]] < 0)
			map[g[i]] = G++;
		idx[i] = map[g[i]];
	}
	pfree(map);
	return G;
}

/* HC1's factor n / (n - k). */
double
sandwich_hc1_factor(double n, int k)
{
	return n / (n - k);
}

/* vcovCL's default factor G / (G - 1) * (n - 1) / (n - k). */
double
sandwich_cluster_factor(double G, double n, int k)
{
	return G / Max(G - 1.0, 1.0) * (n - 1.0) / (n - k);
}

/* Fits the weighted least squares of p and its sandwich covariance. */
void
sandwich_wls(const WlsProblem *p, WlsResult *res)
{
	int			m = p->m,
				k = p->k;
	double	   *xs = palloc_extended(sizeof(double) * (Size) m * k, MCXT_ALLOC_HUGE),
			   *b = palloc(sizeof(double) * k * k),
			   *xty = palloc0(sizeof(double) * k),
			   *beta = palloc(sizeof(double) * k),
			   *meat = palloc0(sizeof(double) * k * k),
			   *s = palloc(sizeof(double) * k),
			   *bs = palloc(sizeof(double) * k),
			   *e = palloc_extended(sizeof(double) * m, MCXT_ALLOC_HUGE);
	int			bad;

	/* B = (X'WX)^-1 through sqrt(w) X */
	for (int j = 0; j < k; j++)
		for (int i = 0; i < m; i++)
			xs[i + (Size) j * m] = sqrt(p->w[i]) * p->x[i + (Size) j * m];
	linalg_gram(k, m, xs, b);
	bad = linalg_spd_inverse(k, b);
	if (bad >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %s is constant or collinear in %s", p->fn, p->names[bad], p->rows),
				 p->hint ? errhint("%s", p->hint) : 0));
	for (int j = 0; j < k; j++)
		for (int i = 0; i < m; i++)
			xty[j] += p->w[i] * p->x[i + (Size) j * m] * p->y[i];
	linalg_gemv(k, b, xty, beta);
	for (int i = 0; i < m; i++)
	{
		const double *xf = p->x_fit != NULL ? p->x_fit : p->x;
		double		fit = 0.0;

		for (int j = 0; j < k; j++)
			fit += xf[i + (Size) j * m] * beta[j];
		e[i] = p->y[i] - fit;
	}

	if (p->type == SANDWICH_CLASSICAL)
	{
		/* M = sigma^2 X'WX, so that B M B = sigma^2 B */
		double		ssr = 0.0;

		for (int i = 0; i < m; i++)
			ssr += p->w[i] * e[i] * e[i];
		linalg_gram(k, m, xs, meat);
		for (int j = 0; j < k * k; j++)
			meat[j] *= ssr / (m - k);
		res->clusters = 0;
	}
	else if (p->type == SANDWICH_CLUSTER)
	{
		int		   *idx = palloc(sizeof(int) * Max(m, 1));
		int			G = ClusterIndex(m, p->cluster, idx);
		double	   *u = palloc_extended(sizeof(double) * (Size) G * k, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);

		for (int i = 0; i < m; i++)
			for (int j = 0; j < k; j++)
				u[(Size) idx[i] * k + j] += p->w[i] * e[i] * p->x[i + (Size) j * m];
		for (int g = 0; g < G; g++)
		{
			if ((g & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			linalg_syr(k, 1.0, u + (Size) g * k, meat);
		}
		for (int j = 0; j < k * k; j++)
			meat[j] *= sandwich_cluster_factor(G, m, k);
		res->clusters = G;
	}
	else
	{
		for (int i = 0; i < m; i++)
		{
			double		scale = p->w[i] * e[i];

			for (int j = 0; j < k; j++)
				s[j] = scale * p->x[i + (Size) j * m];
			if (p->type == SANDWICH_HC3)
			{
				double		h = 0.0;

				/*
				 * h_i = w_i x_i' B x_i; for 2SLS AER's hatvalues.ivreg,
				 * xf_i' B x_i with the original row on one side
				 */
				const double *xf = p->x_fit != NULL ? p->x_fit : p->x;

				for (int j = 0; j < k; j++)
					bs[j] = p->x[i + (Size) j * m];
				for (int a = 0; a < k; a++)
					for (int c = 0; c < k; c++)
						h += xf[i + (Size) a * m] * b[a + c * k] * bs[c];
				h *= p->w[i];
				scale = 1.0 / (1.0 - Min(h, 1.0 - 1e-12));
				for (int j = 0; j < k; j++)
					s[j] *= scale;
			}
			linalg_syr(k, 1.0, s, meat);
		}
		if (p->type == SANDWICH_HC1)
			for (int j = 0; j < k * k; j++)
				meat[j] *= sandwich_hc1_factor(m, k);
		res->clusters = 0;
	}
	/* fill the lower triangle, then V = B M B */
	for (int a = 0; a < k; a++)
		for (int c = 0; c < a; c++)
			meat[a + c * k] = meat[c + a * k];
	res->vcov = palloc(sizeof(double) * k * k);
	for (int r = 0; r < k; r++)
		for (int q = 0; q < k; q++)
		{
			double		v = 0.0;

			for (int a = 0; a < k; a++)
				for (int c = 0; c < k; c++)
					v += b[a + r * k] * meat[a + c * k] * b[c + q * k];
			res->vcov[r + q * k] = v;
		}
	res->beta = beta;
	pfree(xs);
	pfree(b);
	pfree(xty);
	pfree(meat);
	pfree(s);
	pfree(bs);
	pfree(e);
}
