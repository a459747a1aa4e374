/*
 * learners.h
 *		Nuisance learners for double machine learning: fit on some rows of a
 *		covariate matrix, predict on others.
 */
#ifndef CAUSAL_LEARNERS_H
#define CAUSAL_LEARNERS_H

#include "utils/jsonb.h"

typedef enum LearnerKind
{
	LEARNER_OLS,
	LEARNER_RIDGE,
	LEARNER_LASSO,
	LEARNER_LOGISTIC,
	LEARNER_XGBOOST
} LearnerKind;

typedef struct LearnerSpec
{
	LearnerKind kind;
	const char *name;			/* as the user wrote it */
	const char *nuisance;		/* ml_l, ml_m, ... for messages */
	double		lambda;			/* ridge, lasso, logistic penalty */
	bool		lambda_cv;		/* lasso: choose lambda by K-fold CV */
	int			cv_folds;
	int			n_lambda;
	double		lambda_eps;		/* smallest lambda / largest on the CV path */
	/* xgboost */
	int			n_trees;
	int			max_depth;
	double		eta;
	double		subsample;
	double		colsample;
	double		min_child_weight;
	int			nthread;
	int64		seed;
	bool		classifier;		/* predict a probability (binary target) */
} LearnerSpec;

/* The covariates of a learning problem: n rows, p columns, column-major. */
typedef struct LearnerData
{
	int			n;
	int			p;
	const double *x;
	char	  **names;
} LearnerData;

/* What a fit reports back (for details). */
typedef struct LearnerReport
{
	double		lambda;			/* the penalty used (lasso CV: the chosen one) */
	int			iterations;
} LearnerReport;

extern void learner_parse(LearnerSpec *s, const char *fn, const char *name, const char *nuisance,
						  Jsonb *options, bool classifier, int64 seed);
extern void learner_fit_predict(const LearnerSpec *s, const LearnerData *d, const double *target,
								const int *train, int ntrain, const int *test, int ntest,
								double *pred, LearnerReport *report);
extern void learner_linear_fit(const LearnerSpec *s, const LearnerData *d, const double *y,
							   const int *rows, int nr, double *b0, double *beta,
							   LearnerReport *report);
extern void learner_lasso_path_fit(int p, const double *gram, const double *xty, double n,
								   double lambda, double *beta, int *iterations);

#endif
