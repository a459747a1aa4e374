/*
 * dml.h
 *		Double/debiased machine learning with cross-fitting: the partially
 *		linear model (PLR), the interactive model (IRM) and the partially
 *		linear IV model (PLIV), with DoubleML's linear scores.
 */
#ifndef CAUSAL_DML_H
#define CAUSAL_DML_H

#include "estimate/learners/learners.h"
#include "estimate/propensity/overlap.h"

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

/*
 * The sensitivity elements of one repetition (Chernozhukov et al. 2022,
 * DoubleML's sensitivity_analysis): the bound on the bias is
 * cs * max_bias with cs = |rho| sqrt(cf_y cf_d / (1 - cf_d)), and the
 * variance of the bound theta -/+ cs max_bias is
 * var_psi -/+ 2 cs cov_psi_bias + cs^2 var_bias.
 */
typedef struct DmlSensitivity
{
	double		theta;
	double		sigma2;			/* E[(Y - g)^2], the outcome's residual variance */
	double		nu2;			/* E[alpha^2], the Riesz representer's second moment */
	double		max_bias;		/* sqrt(sigma2 nu2) */
	double		var_psi;		/* variance of theta from the scaled score */
	double		cov_psi_bias;	/* its covariance with the bias's influence function */
	double		var_bias;		/* variance of the bias's influence function */
	bool		nu2_riesz;		/* nu2 was not positive: re-estimated from the representer */
} DmlSensitivity;

/*
 * Per-row pieces of the sensitivity elements that Scores knows: the
 * outcome's residual is ry - theta rd; for the PLR v is the treatment's
 * residual, for the IRM nu the element of nu2 and rr the Riesz representer.
 */
typedef struct DmlSensRows
{
	double	   *ry;
	double	   *rd;
	double	   *v;
	double	   *nu;
	double	   *rr;
} DmlSensRows;

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
	int			n_clipped;		/* IRM: propensities clipped (last repetition) */
	Overlap		overlap;		/* IRM: the cross-fitted propensities of every repetition */
	DmlSensitivity *sens;		/* n_rep elements (PLR and IRM), else NULL */
} DmlResult;

extern void dml_estimate(const DmlProblem *p, DmlResult *res);

/*
 * The sensitivity elements of one repetition from the rows' pieces, the
 * score psi = theta psi_a + psi_b and the split (fold of each row, clusters
 * per fold), in dml_sensitivity.c.
 */
extern void dml_sensitivity_elements(const DmlProblem *p, const int *fold, const int *nclus, int K,
									 const DmlSensRows *sr, const double *psi, const double *psi_a,
									 double theta, DmlSensitivity *out);

#endif
