/*
 * weighting_boot.h
 *		The nonparametric bootstrap of causal.weighting_effect.
 */
#ifndef CAUSAL_WEIGHTING_BOOT_H
#define CAUSAL_WEIGHTING_BOOT_H

#include "utils/array.h"
#include "utils/jsonb.h"

/* The settings of the weights and the effect, as causal.weighting_effect takes them. */
typedef struct BootSettings
{
	const char *method;
	int			src;			/* 1 ATT, 0 ATC, -1 ATE */
	bool		stabilize;
	double		ridge;
	int			moments;
	double		trim;			/* 0: none */
	double		ps_clip;		/* 0: none */
	Jsonb	   *options;
	bool		augmented;
} BootSettings;

/*
 * The n_boot replicate estimates (palloc'd) of the weighted difference on
 * rows resampled from relid's rows, the weights re-estimated on each.
 */
extern double *weighting_bootstrap(Oid relid, const char *outcome, const char *treatment,
								   ArrayType *covariates, const char *id, const BootSettings *s,
								   int n_boot, int64 seed, const char *fn);

#endif
