/*
 * ipm_internal.h
 *		Pieces the IPM solvers share among themselves (not for other files):
 *		the simplex projection and FISTA step of the energy solvers, the
 *		active-set polish, and the slice directions and projections of the
 *		sliced and binned energy distances.
 */
#ifndef CAUSAL_IPM_INTERNAL_H
#define CAUSAL_IPM_INTERNAL_H

#include "estimate/weighting/ipm.h"

extern void ipm_project_simplex(int m, const double *v, double *out, double *tmp);
extern double ipm_fista_momentum(int m, const double *w, const double *wold, double *y,
								 double *t, bool went_up);
extern bool ipm_energy_polish(const IpmEnergyProblem *p, const double *dist,
							  const double *dbar, double *w);
extern double ipm_slice_project(const IpmSlicedProblem *p, const double *dir, int l, int i);
extern void ipm_slice_directions(const IpmSlicedProblem *p, double *dir);

#endif
