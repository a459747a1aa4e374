/*
 * estimand.h
 *		The estimand argument of the effect estimators: the average effect on
 *		the treated (ATT), on the controls (ATC) or on everyone (ATE), coded
 *		as the group whose covariate distribution is the target: 1 the
 *		treated, 0 the controls, -1 both.
 */
#ifndef CAUSAL_ESTIMAND_H
#define CAUSAL_ESTIMAND_H

#define ESTIMAND_ATE (-1)
#define ESTIMAND_ATC 0
#define ESTIMAND_ATT 1

/* Which estimands an estimator has (a bit mask for estimand_parse). */
#define ESTIMANDS_ALL 7
#define ESTIMANDS_ATE_ATT 5
#define ESTIMANDS_ATT_ATC 3

/* The code of estimand s among the allowed ones; anything else is 22023 listing them. */
extern int	estimand_parse(const char *s, const char *fn, int allowed);

/* "ATT", "ATC" or "ATE". */
extern const char *estimand_name(int code);

#endif
