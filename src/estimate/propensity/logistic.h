/*
 * logistic.h
 *		Logistic regression by iteratively reweighted least squares.
 */
#ifndef CAUSAL_LOGISTIC_H
#define CAUSAL_LOGISTIC_H

typedef struct LogisticFit
{
	int			p;				/* coefficients, the intercept first */
	double	   *beta;
	double	   *se;
	double	   *fitted;			/* n probabilities */
	const double *y;			/* the 0/1 outcome */
	int			iterations;
	bool		converged;
} LogisticFit;

/*
 * Fits P(y = 1) = expit(b0 + x b) for x n x (p - 1) column-major (the
 * intercept is added here) with an optional ridge penalty on b (not b0).
 * names (p - 1 of them) are used in error messages.
 */
extern LogisticFit *logistic_fit(int n, int p, const double *x, const double *y, double ridge,
								 char **names);

#endif
