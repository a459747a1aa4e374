/*
 * match_effect.h
 *		Weighted least squares of the outcome on the treatment (and
 *		covariates) over matched rows, with sandwich standard errors.
 */
#ifndef CAUSAL_MATCH_EFFECT_H
#define CAUSAL_MATCH_EFFECT_H

typedef enum MatchSeType
{
	MATCH_SE_CLUSTER,
	MATCH_SE_HC0,
	MATCH_SE_HC1,
	MATCH_SE_HC3
} MatchSeType;

typedef struct MatchEffectProblem
{
	int			m;				/* matched rows */
	int			k;				/* columns of x: intercept, treatment, covariates */
	const double *x;			/* m x k, column-major */
	const double *y;
	const double *w;
	const int64 *cluster;		/* ids >= 1, for MATCH_SE_CLUSTER */
	MatchSeType se_type;
	char	  **names;			/* k column names, for messages */
} MatchEffectProblem;

typedef struct MatchEffectResult
{
	double		estimate;		/* the treatment coefficient */
	double		std_error;
	int			clusters;
} MatchEffectResult;

extern void match_effect_wls(const MatchEffectProblem *p, MatchEffectResult *res);

#endif
