/*
 * dml.h
 *		Double/debiased machine learning with cross-fitting: the partially
 *		linear model (PLR), the interactive model (IRM) and the partially
 *		linear IV model (PLIV), with DoubleML's linear scores.
 */
#ifndef CAUSAL_DML_H
#define CAUSAL_DML_H

#include "estimate/learners/learners.h"

/*
 * A treatment (PLR) or instrument (PLIV) whose residual sum of squares is
 * below this fraction of its own spread is in the covariates' span: the
 * estimate is not defined.  Shared by causal.dml and causal.dml_plr.
 */
#define DML_DEGENERATE 1e-10

typedef enum DmlModel
{
	DML_PLR,
	DML_IRM,
	DML_PLIV
} DmlModel;

typedef struct DmlProblem
{
	DmlModel	model;
	bool		iv_type;		/* PLR: the IV-type score instead of partialling out */
	bool		atte;			/* IRM: the ATTE instead of the ATE */
	bool		normalize_ipw;	/* IRM: Hajek-normalised inverse probability weights */
	double		clip;			/* IRM: propensities clipped to [clip, 1 - clip] */
	int			n;
	const double *y;
	const double *d;
	const double *z;			/* PLIV: n x nz instruments, column-major */
	int			nz;
	LearnerData x;
	LearnerSpec ml_l;			/* E[Y|X] (PLR, PLIV) */
	LearnerSpec ml_m;			/* E[D|X] (PLR, IRM) or E[Z|X] (PLIV) */
	LearnerSpec ml_g;			/* E[Y|X, D=d] (IRM) or E[Y - theta D|X] (PLR IV-type) */
	LearnerSpec ml_r;			/* E[D|X] (PLIV) */
	int			n_folds;
	int			n_rep;
	int64		seed;
	const int  *user_folds;		/* n fold codes 0..n_folds-1, or NULL */
	const int  *cluster;		/* n cluster codes 0..n_clusters-1, or NULL */
	int			n_clusters;
	int			n_boot;			/* multiplier bootstrap draws (0: none) */
	double		level;			/* confidence level, 0.95 */
} DmlProblem;

typedef struct DmlResult
{
	double		theta;
	double		se;
	double		ci_lower;
	double		ci_upper;
	double	   *thetas;			/* n_rep */
	double	   *ses;			/* n_rep */
	double		lambda_l;		/* penalties the learners used (first fold, first rep) */
	double		lambda_m;
	double		lambda_g;
	double		lambda_r;
	double		boot_quantile;	/* bootstrap critical value, or 0 */
	double		mean_m;			/* IRM: mean of the clipped propensities */
	int			n_clipped;		/* IRM: propensities clipped */
} DmlResult;

extern void dml_estimate(const DmlProblem *p, DmlResult *res);

#endif
