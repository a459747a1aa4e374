/*
 * ols_sketch.h
 *		Least squares from a moment sketch, shared by causal.ols and the
 *		omitted-variable-bias sensitivity analysis.
 */
#ifndef CAUSAL_OLS_SKETCH_H
#define CAUSAL_OLS_SKETCH_H

#include "utils/array.h"

#include "sketch/moments.h"

/* A fit of y on p columns: a = (X'X)^-1 on the (centred) cross-products. */
typedef struct OlsFit
{
	int			p;
	bool		icpt;
	double	   *a;				/* p x p inverse */
	double	   *b;				/* X'y */
	double	   *beta;
	double		rss;
	double		df;				/* residual degrees of freedom */
	double		sigma2;
	double		r2;
} OlsFit;

extern OlsFit *ols_sketch_fit(const Moments *m, int y, const int *x, int p, bool icpt,
							  double absorbed, ArrayType *names, const char *fn);
extern double ols_sketch_se(const OlsFit *f, int j);
extern char *ols_sketch_term_name(ArrayType *names, int j);

#endif
