/*
 * kci.h
 *		Kernel-based conditional independence test (KCI).
 */
#ifndef CAUSAL_KCI_H
#define CAUSAL_KCI_H

#include "citest/citest.h"

typedef enum KciWidthRule
{
	KCI_EMPIRICAL,
	KCI_MEDIAN,
	KCI_MANUAL
} KciWidthRule;

typedef struct KciInput
{
	int			n;
	double	   *x;				/* n x dx, column-major; standardised in place */
	int			dx;
	double	   *y;
	int			dy;
	double	   *z;				/* NULL when dz = 0 */
	int			dz;
	KciWidthRule rule;
	double		manual[3];		/* kernel sigmas for x, y, z with KCI_MANUAL */
} KciInput;

extern CiResult citest_kci(KciInput *in);

#endif
