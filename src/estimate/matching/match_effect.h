/*
 * match_effect.h
 *		Matching for the folders above: the effect of causal.match_effect on
 *		rows already in memory.
 */
#ifndef CAUSAL_MATCH_EFFECT_H
#define CAUSAL_MATCH_EFFECT_H

#include "estimate/arm_rows.h"
#include "estimate/effect.h"

/*
 * causal.match_effect with its defaults (nearest-neighbour matching on a
 * logistic propensity score, 1:1 without replacement, largest score first;
 * the outcome regressed on treatment and covariates over the matched rows,
 * pair-clustered standard error) on the rows r, checked by arm_rows_check
 * and in tie-break order, with outcome y; estimand ESTIMAND_ATT or
 * ESTIMAND_ATC.  e->details is filled as causal.match_effect fills it.
 */
extern void match_effect_rows(const ArmRows *r, const double *y, int estimand, int64 seed, double alpha,
							  EffectRow *e, const char *fn);

#endif
