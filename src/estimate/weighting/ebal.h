/*
 * ebal.h
 *		Entropy balancing through its convex dual.
 */
#ifndef CAUSAL_EBAL_H
#define CAUSAL_EBAL_H

typedef struct EbalProblem
{
	int			n;				/* rows of the group to reweight */
	int			k;				/* constraints */
	const double *c;			/* n x k constraint values, column-major */
	const double *target;		/* k target means */
	double		tol;			/* largest accepted |weighted mean - target| */
} EbalProblem;

/*
 * Solves for the weights w (n, summing to one) and the dual parameters lambda
 * (k).  Returns the Newton iterations used, or -1 (singular Hessian: collinear
 * constraints), -2 (the line search stalled), -3 (no convergence): the last
 * two mean the target lies (numerically) outside the group's convex hull.
 */
extern int	ebal_solve(const EbalProblem *p, double *w, double *lambda, double *max_imbalance);

#endif
