/*
 * ipw.h
 *		Inverse probability weights from the logistic propensity model, and
 *		the outcome model of augmented weighting; shared by causal.ipw_weights,
 *		causal.weighting_effect and its bootstrap.
 */
#ifndef CAUSAL_IPW_H
#define CAUSAL_IPW_H

#include "estimate/arm_rows.h"
#include "estimate/effect.h"
#include "estimate/propensity/overlap.h"

/*
 * Checks the arguments of inverse probability weighting (estimand ATE, ATT
 * or ATC; trim_at in (0.5, 1) when given; ps_clip in (0, 0.5) when given;
 * ridge >= 0); returns src: 1 for the ATT, 0 the ATC, -1 the ATE.
 */
extern int	ipw_check_args(const char *estimand, bool has_trim, double trim, bool has_clip,
						   double ps_clip, double ridge, const char *fn);

/*
 * The inverse probability weights of r's rows (Hajek: normalised later by
 * the weighted means), the propensity clipped to [ps_clip, 1 - ps_clip],
 * stabilized by the arm shares for the ATE when asked, trimmed at the
 * quantile trim (0: none).
 */
extern void ipw_weights_compute(const ArmRows *r, int src, bool stabilize, double ridge,
								double ps_clip, double trim, double *w, double *ps, Overlap *ov);

/*
 * The variance of the Hajek IPW effect mu1 - mu0 as an M-estimator stacked
 * with the logistic propensity model (ipw_mest.c): e the fitted propensities
 * (unclipped, unpenalized), y the outcome (NaN: no outcome, the row informs
 * the propensity model only), src as ipw_check_args.
 */
extern double ipw_mest_variance(const ArmRows *r, int src, const double *e, const double *y);

/*
 * OLS of y on r's covariates (x: n x p, column-major) over the rows of arm
 * (1 treated, 0 controls) whose y is not NaN: b gets p + 1 coefficients,
 * the intercept first; what names the model in messages.
 */
extern void weighting_arm_ols(const ArmRows *r, const double *x, const double *y, double arm,
							  const char *what, double *b);

/*
 * y minus an OLS outcome model of the reference arm (the controls for the
 * ATT, src 1; the treated for the ATC, src 0), fitted on the reference rows
 * whose y is not NaN (a NULL outcome); coefs (p + 1, intercept first) gets
 * the model unless it is NULL.
 */
extern void weighting_augment(const ArmRows *r, int src, const double *y, double *out, double *coefs);

/*
 * The doubly robust AIPW effect (aipw.c) of relid's rows: the ATE or ATT
 * with OLS outcome models per arm, the logistic propensity model and the
 * influence-function standard error, into e (details included).
 */
extern void aipw_estimate(Oid relid, const char *outcome, const char *treatment, ArrayType *covariates,
						  const char *id, const char *estimand, double ridge, double alpha, EffectRow *e);

/*
 * The same on rows in memory: the arms, covariates and their names of r
 * (r->t, r->id and r->extra are not read) and the outcome y (NaN: none);
 * quiet: no warning about poor overlap (details.overlap still says).
 */
extern void aipw_from_rows(const ArmRows *r, const double *y, bool att, double ridge, double alpha,
						   bool quiet, EffectRow *e, const char *fn);

#endif
