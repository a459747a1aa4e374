/*
 * balancing.h
 *		Covariate-balancing weights (entropy balancing, IPM balancing) of the
 *		rows of a two-arm problem, shared by causal.balancing_weights and the
 *		bootstrap of causal.weighting_effect.
 */
#ifndef CAUSAL_BALANCING_H
#define CAUSAL_BALANCING_H

#include "utils/jsonb.h"

#include "core/json_out.h"
#include "estimate/arm_rows.h"

/*
 * Checks method, estimand, moments, trim_at (when has_trim) and the option
 * keys as causal.weights does; returns src: 1 for the ATT, 0 the ATC, -1 the ATE.
 */
extern int	balancing_check_args(const char *method, const char *estimand, int moments, bool has_trim,
								 double trim, Jsonb *opts, const char *fn);

/*
 * The weights of r's rows by method (ebal, ipm_mmd, ipm_energy, ipm_sigmoid;
 * the caller checks the name and the options), src 1 for the ATT, 0 for the
 * ATC, -1 for the ATE, trimmed at the quantile trim (0: none); the fit's
 * report goes into info unless it is NULL.
 */
extern void balancing_weights_compute(const ArmRows *r, const char *method, int src, int moments,
									  double trim, Jsonb *opts, double *w, JsonOut *info, const char *fn);

/* Checks trim_at (when given): a quantile in (0.5, 1). */
extern void weights_check_trim(bool has_trim, double trim, const char *fn);

/* WeightIt's trim(at = q): each group's weights capped at the group's q-quantile (type 7). */
extern void weights_trim(int n, const double *treat, double *w, double q);

#endif
