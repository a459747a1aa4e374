/*
 * ipm_energy.c
 *		Covariate balancing by an integral probability metric, the energy
 *		distance class, and the simplex-QP pieces its sliced form shares:
 *
 *		energy the energy distance (Szekely and Rizzo; Huling and Mak's energy
 *			   balancing) between the weighted group and the target,
 *			   2 sum_i w_i dbar_i - sum_ik w_i w_k ||x_i - x_k|| (+ const), with
 *			   dbar_i the mean distance from x_i to the target rows, plus
 *			   lambda ||w||^2; a convex quadratic on the simplex, solved by
 *			   accelerated projected gradient (FISTA with restarts and the
 *			   sort-based simplex projection), then made exact by an active-set
 *			   solve of the optimality conditions on its support.  It needs the
 *			   group's distance matrix, so it is limited to groups of
 *			   causal.max_memory's size.  Written here because neither NLopt
 *			   nor LAPACK solves a quadratic program on the simplex; the
 *			   projection and the momentum are a few lines each.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/linalg.h"
#include "core/settings.h"
#include "estimate/weighting/ipm.h"
#include "estimate/weighting/ipm_internal.h"

static int
DescCmp(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x > y ? -1 : (x < y ? 1 : 0);
}

/* Euclidean projection of v (m) onto the probability simplex (Duchi et al. 2008). */
void
ipm_project_simplex(int m, const double *v, double *out, double *tmp)
{
	double		cum = 0.0,
				theta = 0.0;
	int			i;

	memcpy(tmp, v, sizeof(double) * m);
	qsort(tmp, m, sizeof(double), DescCmp);
	for (i = 0; i < m; i++)
	{
		double		t;

		cum += tmp[i];
		t = (cum - 1.0) / (i + 1);
		if (tmp[i] - t > 0.0)
			theta = t;
	}
	for (i = 0; i < m; i++)
		out[i] = Max(v[i] - theta, 0.0);
}

/*
 * The FISTA step after a new iterate w (previous wold): adaptive restart
 * (O'Donoghue and Candes 2015) when the objective went up, else Nesterov's
 * extrapolation into y.  Returns the largest change of a weight.
 */
double
ipm_fista_momentum(int m, const double *w, const double *wold, double *y, double *t, bool went_up)
{
	double		change = 0.0;
	int			i;

	for (i = 0; i < m; i++)
		change = Max(change, fabs(w[i] - wold[i]));
	if (went_up)
	{
		*t = 1.0;
		memcpy(y, w, sizeof(double) * m);
	}
	else
	{
		double		tnew = (1.0 + sqrt(1.0 + 4.0 * *t * *t)) / 2.0;

		for (i = 0; i < m; i++)
			y[i] = w[i] + (*t - 1.0) / tnew * (w[i] - wold[i]);
		*t = tnew;
	}
	return change;
}

/* Quadratic part A w with A = -Dist + lambda I (Dist the m x m distance matrix). */
static void
EnergyQuad(const IpmEnergyProblem *p, const double *dist, const double *w, double *out)
{
	int			m = p->n;

	linalg_gemv(m, dist, w, out);
	for (int i = 0; i < m; i++)
		out[i] = -out[i] + p->lambda * w[i];
}

/* Energy objective (without constants): 2 dbar'w - w'Dist w + lambda ||w||^2. */
static double
EnergyValue(const IpmEnergyProblem *p, const double *dist, const double *dbar, const double *w,
			double *tmp)
{
	double		v = 0.0;

	EnergyQuad(p, dist, w, tmp);
	for (int i = 0; i < p->n; i++)
		v += 2.0 * dbar[i] * w[i] + w[i] * tmp[i];
	return v;
}

/*
 * Active-set polish of the energy solution: on a support S the optimality
 * (KKT) conditions are linear, [2 A_SS  -1; 1' 0] [w_S; nu] = [-2 dbar_S; 1]
 * with A = -Dist + lambda I; rows whose weight comes out negative leave S,
 * rows whose gradient 2 (dbar + A w) falls below nu join it.  Starts from the
 * support of the first-order solution and makes it exact; returns false (and
 * leaves w alone) when the support does not settle.
 */
bool
ipm_energy_polish(const IpmEnergyProblem *p, const double *dist, const double *dbar, double *w)
{
	int			m = p->n,
				round,
				i,
				j;
	bool	   *in = palloc(sizeof(bool) * m);
	int		   *idx = palloc(sizeof(int) * m);
	double	   *wn = palloc(sizeof(double) * m),
			   *g = palloc(sizeof(double) * m);
	bool		done = false;

	for (i = 0; i < m; i++)
		in[i] = w[i] > 1e-9 / m;
	for (round = 0; round < 50 && !done; round++)
	{
		int			k = 0;
		double	   *M,
				   *rhs,
					nu;
		bool		changed = false;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < m; i++)
			if (in[i])
				idx[k++] = i;
		if (k == 0)
			break;
		M = palloc0(sizeof(double) * (Size) (k + 1) * (k + 1));
		rhs = palloc(sizeof(double) * (k + 1));
		for (j = 0; j < k; j++)
		{
			for (i = 0; i < k; i++)
				M[i + (Size) j * (k + 1)] = -2.0 * dist[idx[i] + (Size) idx[j] * m] +
					(i == j ? 2.0 * p->lambda : 0.0);
			M[k + (Size) j * (k + 1)] = 1.0;
			M[j + (Size) k * (k + 1)] = -1.0;
			rhs[j] = -2.0 * dbar[idx[j]];
		}
		rhs[k] = 1.0;
		if (!linalg_solve(k + 1, M, rhs))
		{
			pfree(M);
			pfree(rhs);
			break;
		}
		nu = rhs[k];
		memset(wn, 0, sizeof(double) * m);
		for (j = 0; j < k; j++)
			wn[idx[j]] = rhs[j];
		EnergyQuad(p, dist, wn, g);
		for (i = 0; i < m; i++)
		{
			double		gi = 2.0 * (dbar[i] + g[i]);

			if (in[i] && wn[i] <= 0.0)
			{
				in[i] = false;
				changed = true;
			}
			else if (!in[i] && gi < nu - 1e-12 * Max(fabs(nu), 1.0))
			{
				in[i] = true;
				changed = true;
			}
		}
		if (!changed)
		{
			memcpy(w, wn, sizeof(double) * m);
			done = true;
		}
		pfree(M);
		pfree(rhs);
	}
	pfree(in);
	pfree(idx);
	pfree(wn);
	pfree(g);
	return done;
}

void
ipm_energy_solve(const IpmEnergyProblem *p, double *w, IpmReport *rep)
{
	int			m = p->n,
				k = p->k,
				nt = p->ntarget,
				i,
				j,
				it;
	Size		need = sizeof(double) * (Size) m * m;
	double	   *dist,
			   *dbar = palloc0(sizeof(double) * m),
			   *y = palloc(sizeof(double) * m),
			   *wold = palloc(sizeof(double) * m),
			   *g = palloc(sizeof(double) * m),
			   *tmp = palloc(sizeof(double) * m),
			   *tmp2 = palloc(sizeof(double) * m),
				L,
				t = 1.0,
				fold,
				tt = 0.0;

	if (need > (Size) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("energy balancing of %d rows needs a %d x %d distance matrix, more than causal.max_memory", m, m, m),
				 errhint("Use method ipm_mmd, which scales to any number of rows, or have a superuser raise causal.max_memory.")));
	dist = palloc_extended(need, MCXT_ALLOC_HUGE);
	for (i = 0; i < m; i++)
	{
		CHECK_FOR_INTERRUPTS();
		dist[i + (Size) i * m] = 0.0;
		for (j = 0; j < i; j++)
		{
			double		s = 0.0;

			for (int l = 0; l < k; l++)
			{
				double		d = p->x[i + (Size) l * m] - p->x[j + (Size) l * m];

				s += d * d;
			}
			dist[i + (Size) j * m] = dist[j + (Size) i * m] = sqrt(s);
		}
		for (j = 0; j < nt; j++)
		{
			double		s = 0.0;

			for (int l = 0; l < k; l++)
			{
				double		d = p->x[i + (Size) l * m] - p->target_x[j + (Size) l * nt];

				s += d * d;
			}
			dbar[i] += sqrt(s) / nt;
		}
	}
	/*
	 * Lipschitz constant of the gradient 2 (dbar - Dist w + lambda w): twice
	 * the largest |eigenvalue| of -Dist + lambda I, bounded by the largest row
	 * sum of Dist plus lambda.
	 */
	L = 0.0;
	for (i = 0; i < m; i++)
	{
		double		r = 0.0;

		for (j = 0; j < m; j++)
			r += dist[j + (Size) i * m];
		L = Max(L, r);
	}
	L = 2.0 * (L + p->lambda);
	rep->converged = false;
	rep->iterations = 0;
	for (i = 0; i < m; i++)
		w[i] = y[i] = 1.0 / m;
	rep->ipm_before = EnergyValue(p, dist, dbar, w, tmp);
	fold = rep->ipm_before;
	for (it = 1; it <= p->max_iter; it++)
	{
		double		f,
					change;

		CHECK_FOR_INTERRUPTS();
		EnergyQuad(p, dist, y, g);
		for (i = 0; i < m; i++)
			tmp[i] = y[i] - 2.0 * (dbar[i] + g[i]) / L;
		memcpy(wold, w, sizeof(double) * m);
		ipm_project_simplex(m, tmp, w, tmp2);
		f = EnergyValue(p, dist, dbar, w, tmp);
		change = ipm_fista_momentum(m, w, wold, y, &t, f > fold);
		fold = f;
		rep->iterations = it;
		if (change <= p->tol / m)
		{
			rep->converged = true;
			break;
		}
	}
	/* make the first-order solution exact on its support */
	rep->converged = ipm_energy_polish(p, dist, dbar, w) || rep->converged;
	/* report energy distances with their constant: + mean target-target distance */
	for (i = 0; i < Min(nt, 2000); i++)
		for (j = 0; j < Min(nt, 2000); j++)
		{
			double		s = 0.0;

			for (int l = 0; l < k; l++)
			{
				double		d = p->target_x[i + (Size) l * nt] - p->target_x[j + (Size) l * nt];

				s += d * d;
			}
			tt += sqrt(s);
		}
	tt /= (double) Min(nt, 2000) * Min(nt, 2000);
	rep->ipm_after = EnergyValue(p, dist, dbar, w, tmp) - tt;
	rep->ipm_before -= tt;
	/* the lambda term is not part of the distance */
	{
		double		ww = 0.0,
					uu = 1.0 / m;

		for (i = 0; i < m; i++)
			ww += w[i] * w[i];
		rep->ipm_after -= p->lambda * ww;
		rep->ipm_before -= p->lambda * uu;
	}
	pfree(dist);
	pfree(dbar);
	pfree(y);
	pfree(wold);
	pfree(g);
	pfree(tmp);
	pfree(tmp2);
}
