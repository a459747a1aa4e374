/*
 * ebal.c
 *		Entropy balancing (Hainmueller 2012): the weights of one group closest
 *		to uniform in Kullback-Leibler divergence whose weighted moments equal
 *		a target exactly.  Solved through the convex dual
 *
 *			minimize_lambda  f(lambda) = log sum_i exp(lambda' (c_i - t)),
 *
 *		whose solution gives w_i proportional to exp(lambda' c_i).  Newton's
 *		method with a backtracking line search: the gradient is the weighted
 *		mean of c - t under the current weights, the Hessian their weighted
 *		covariance, so each iteration is one pass over the rows (O(n k^2)) and
 *		k Newton parameters however large n is.  Written here because no
 *		Debian library solves this dual; NLopt's derivative-free methods would
 *		need many more passes.
 *
 *		Constraints are scaled by their standard deviation for conditioning;
 *		convergence is declared when every scaled moment is within tol of its
 *		target (or within 1e4 tol once the dual stops decreasing in floating
 *		point).  A target outside the convex hull of the group's constraint
 *		vectors (no overlap) has no solution: lambda runs off to infinity, the
 *		line search stalls or the iterations run out, and that is an error.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "estimate/weighting/ebal.h"

#define EBAL_MAXIT 200

/* log sum exp(lambda' (c_i - t)) over the rows, and the weights (normalized) into w. */
static double
Dual(const EbalProblem *p, const double *lambda, double *w)
{
	int			n = p->n,
				k = p->k,
				i,
				j;
	double		mx = -INFINITY,
				s = 0.0;

	for (i = 0; i < n; i++)
	{
		double		e = 0.0;

		for (j = 0; j < k; j++)
			e += lambda[j] * (p->c[i + (Size) j * n] - p->target[j]);
		w[i] = e;
		mx = Max(mx, e);
	}
	for (i = 0; i < n; i++)
	{
		w[i] = exp(w[i] - mx);
		s += w[i];
	}
	for (i = 0; i < n; i++)
		w[i] /= s;
	return mx + log(s);
}

int
ebal_solve(const EbalProblem *p, double *w, double *lambda, double *max_imbalance)
{
	int			n = p->n,
				k = p->k,
				it,
				i,
				j,
				l;
	double	   *g = palloc(sizeof(double) * k),
			   *h = palloc(sizeof(double) * k * k),
			   *step = palloc(sizeof(double) * k),
			   *trial = palloc(sizeof(double) * k),
			   *wt = palloc(sizeof(double) * n),
			   *dev = palloc(sizeof(double) * k);
	double		f;

	memset(lambda, 0, sizeof(double) * k);
	f = Dual(p, lambda, w);
	for (it = 1; it <= EBAL_MAXIT; it++)
	{
		double		worst = 0.0,
					t = 1.0,
					slope = 0.0;
		bool		moved = false;

		CHECK_FOR_INTERRUPTS();
		memset(g, 0, sizeof(double) * k);
		memset(h, 0, sizeof(double) * k * k);
		for (i = 0; i < n; i++)
		{
			for (j = 0; j < k; j++)
				dev[j] = p->c[i + (Size) j * n] - p->target[j];
			for (j = 0; j < k; j++)
			{
				g[j] += w[i] * dev[j];
				for (l = 0; l <= j; l++)
					h[l + j * k] += w[i] * dev[l] * dev[j];
			}
		}
		for (j = 0; j < k; j++)
		{
			for (l = 0; l <= j; l++)
			{
				h[l + j * k] -= g[l] * g[j];
				h[j + l * k] = h[l + j * k];
			}
			worst = Max(worst, fabs(g[j]));
		}
		*max_imbalance = worst;
		if (worst <= p->tol)
			break;
		/* Newton step: solve H step = g (descent direction -step) */
		memcpy(step, g, sizeof(double) * k);
		if (!linalg_solve(k, h, step))
			return -1;
		for (j = 0; j < k; j++)
			slope += g[j] * step[j];
		/* backtracking (Armijo) on f along -step */
		while (t > 1e-12)
		{
			double		ft;

			for (j = 0; j < k; j++)
				trial[j] = lambda[j] - t * step[j];
			ft = Dual(p, trial, wt);
			if (isfinite(ft) && ft <= f - 1e-4 * t * slope)
			{
				/* a backtracked step this close to the target: the floating-point floor */
				if (t < 1.0 && worst <= 1e4 * p->tol)
					t = 0.0;
				memcpy(lambda, trial, sizeof(double) * k);
				memcpy(w, wt, sizeof(double) * n);
				f = ft;
				moved = true;
				break;
			}
			t *= 0.5;
		}
		if (moved && t == 0.0)
			break;
		if (!moved)
		{
			/*
			 * Near the optimum the dual stops decreasing in floating point
			 * before the gradient reaches tol; accept the point when the
			 * imbalance is within 1e4 tol, else the target is out of reach.
			 */
			if (worst <= 1e4 * p->tol)
				break;
			return -2;
		}
	}
	pfree(g);
	pfree(h);
	pfree(step);
	pfree(trial);
	pfree(wt);
	pfree(dev);
	return it > EBAL_MAXIT ? -3 : it;
}
