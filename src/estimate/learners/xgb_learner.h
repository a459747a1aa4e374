/*
 * xgb_learner.h
 *		Gradient-boosted trees through XGBoost's C library.
 */
#ifndef CAUSAL_XGB_LEARNER_H
#define CAUSAL_XGB_LEARNER_H

#include "estimate/learners/learners.h"

extern void xgb_fit_predict(const LearnerSpec *s, const LearnerData *d, const double *target,
							const int *train, int ntrain, const int *test, int ntest,
							double *pred, LearnerReport *report);

#endif
