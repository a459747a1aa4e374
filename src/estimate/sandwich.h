/*
 * sandwich.h
 *		Weighted least squares with sandwich (heteroskedasticity- and
 *		cluster-robust) covariances, the conventions of R's sandwich
 *		(vcovHC, vcovCL's default) and statsmodels; and the small-sample
 *		factors for callers that accumulate the scores themselves (an
 *		aggregate over rows cannot keep the design matrix).
 */
#ifndef CAUSAL_SANDWICH_H
#define CAUSAL_SANDWICH_H

typedef enum SandwichType
{
	SANDWICH_CLASSICAL,			/* not a sandwich: sigma^2 B, sigma^2 = sum w e^2 / (m - k) */
	SANDWICH_HC0,
	SANDWICH_HC1,
	SANDWICH_HC3,
	SANDWICH_CLUSTER
} SandwichType;

typedef struct WlsProblem
{
	int			m;				/* rows */
	int			k;				/* columns of x (an intercept column included by the caller) */
	const double *x;			/* m x k, column-major */
	const double *y;
	const double *w;			/* weights >= 0 */
	const double *x_fit;		/* NULL, or the m x k regressors the residuals use: for 2SLS x is
								 * the projected design and x_fit the original one */
	const int64 *cluster;		/* ids >= 1, for SANDWICH_CLUSTER */
	SandwichType type;
	char	  **names;			/* k column names, for the collinearity error */
	const char *fn;				/* the SQL function, for messages */
	const char *rows;			/* "the matched rows of the outcome model", for messages */
	const char *hint;			/* hint of the collinearity error */
} WlsProblem;

typedef struct WlsResult
{
	double	   *beta;			/* k coefficients */
	double	   *vcov;			/* k x k sandwich covariance */
	int			clusters;		/* SANDWICH_CLUSTER: the number of clusters, else 0 */
} WlsResult;

/* Fits the weighted least squares of p and its sandwich covariance (palloc'd into res). */
extern void sandwich_wls(const WlsProblem *p, WlsResult *res);

/* HC1's factor n / (n - k). */
extern double sandwich_hc1_factor(double n, int k);

/* vcovCL's default factor G / (G - 1) * (n - 1) / (n - k), G clusters. */
extern double sandwich_cluster_factor(double G, double n, int k);

#endif
