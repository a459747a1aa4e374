/*
 * rcit.h
 *		Randomized conditional independence test (RCIT) and its unconditional
 *		form (RIT).
 */
#ifndef CAUSAL_RCIT_H
#define CAUSAL_RCIT_H

#include "citest/citest.h"

typedef struct RcitInput
{
	int64		n;
	double	   *x;				/* n x dx column-major; standardised in place */
	int			dx;
	double	   *y;
	int			dy;
	double	   *z;				/* NULL when dz = 0 */
	int			dz;
	int64		seed;
	int			num_f;			/* features of z (100) */
	int			num_f2;			/* features of x and of [y, z] (5) */
	bool		use_hbe;		/* Hall-Buckley-Eagleson instead of Lindsay-Pilla-Basak */
} RcitInput;

extern CiResult citest_rcit(RcitInput *in);

#endif
