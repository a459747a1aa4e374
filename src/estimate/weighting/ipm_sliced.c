/*
 * ipm_sliced.c
 *		The sliced energy distance: the energy distance averaged over random
 *		one-dimensional projections, whose per-slice CDFs make each objective
 *		evaluation a sort instead of an m x m distance matrix.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/random.h"
#include "core/settings.h"
#include "estimate/weighting/ipm.h"
#include "estimate/weighting/ipm_internal.h"

typedef struct SliceItem
{
	double		v;
	int			idx;			/* < m: a group row; >= m: target row idx - m */
} SliceItem;

static int
SliceCmp(const void *a, const void *b)
{
	double		x = ((const SliceItem *) a)->v,
				y = ((const SliceItem *) b)->v;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Projection of point i (a group row when i < n, else target row i - n) on direction l. */
double
ipm_slice_project(const IpmSlicedProblem *p, const double *dir, int l, int i)
{
	double		v = 0.0;

	for (int j = 0; j < p->k; j++)
		v += dir[(Size) l * p->k + j] *
			(i < p->n ? p->x[i + (Size) j * p->n] : p->target_x[(i - p->n) + (Size) j * p->ntarget]);
	return v;
}

typedef struct Sliced
{
	const IpmSlicedProblem *p;
	int			N;				/* m + nt points per direction */
	double	   *sv;				/* L x N sorted projections */
	int		   *si;				/* L x N their rows */
	double	   *diff;			/* N scratch */
} Sliced;

/*
 * Sliced energy objective (2/L) sum_l int (F_l - G_l)^2 dt + lambda ||w||^2
 * and, when grad is not NULL, its gradient: (4/L) sum_l int_{a_il}^inf
 * (F_l - G_l) dt + 2 lambda w_i, by one forward and one backward sweep over
 * each direction's sorted points.
 */
static double
SlicedEval(const Sliced *s, const double *w, double *grad)
{
	const IpmSlicedProblem *p = s->p;
	int			m = p->n,
				L = p->slices,
				N = s->N,
				l,
				k;
	double		f = 0.0,
				inv_nt = 1.0 / p->ntarget;

	if (grad != NULL)
		memset(grad, 0, sizeof(double) * m);
	for (l = 0; l < L; l++)
	{
		const double *sv = s->sv + (Size) l * N;
		const int  *si = s->si + (Size) l * N;
		double		fa = 0.0,
					fb = 0.0,
					fl = 0.0,
					tail = 0.0;

		for (k = 0; k < N; k++)
		{
			if (si[k] < m)
				fa += w[si[k]];
			else
				fb += inv_nt;
			if (k + 1 < N)
			{
				double		d = fa - fb,
							gap = sv[k + 1] - sv[k];

				s->diff[k] = d * gap;
				fl += d * d * gap;
			}
			else
				s->diff[k] = 0.0;
		}
		f += 2.0 * fl / L;
		if (grad != NULL)
			for (k = N - 1; k >= 0; k--)
			{
				tail += s->diff[k];
				if (si[k] < m)
					grad[si[k]] += 4.0 * tail / L;
			}
	}
	for (k = 0; k < m; k++)
	{
		f += p->lambda * w[k] * w[k];
		if (grad != NULL)
			grad[k] += 2.0 * p->lambda * w[k];
	}
	return f;
}

/* The slices' directions (L x k): normalized Gaussian vectors drawn from the seed row by row. */
void
ipm_slice_directions(const IpmSlicedProblem *p, double *dir)
{
	CausalRandom rng;
	int			k = p->k;

	random_seed(&rng, p->seed);
	for (int l = 0; l < p->slices; l++)
	{
		double		nrm = 0.0;

		for (int i = 0; i < k; i++)
		{
			dir[(Size) l * k + i] = random_normal(&rng);
			nrm += dir[(Size) l * k + i] * dir[(Size) l * k + i];
		}
		nrm = sqrt(nrm);
		for (int i = 0; i < k; i++)
			dir[(Size) l * k + i] /= nrm;
	}
}

void
ipm_sliced_solve(const IpmSlicedProblem *p, double *w, IpmReport *rep)
{
	int			m = p->n,
				nt = p->ntarget,
				k = p->k,
				L = p->slices,
				N = m + nt,
				l,
				i,
				it;
	double	   *dir = palloc(sizeof(double) * (Size) L * k),
			   *y = palloc(sizeof(double) * m),
			   *wold = palloc(sizeof(double) * m),
			   *g = palloc(sizeof(double) * m),
			   *tmp = palloc(sizeof(double) * m),
			   *tmp2 = palloc(sizeof(double) * m),
				t = 1.0,
				lip = 1e-6,
				fold;
	int			stall = 0;
	SliceItem  *items = palloc_extended(sizeof(SliceItem) * N, MCXT_ALLOC_HUGE);
	Sliced		s;

	if ((Size) L * N * (sizeof(double) + sizeof(int)) > (Size) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sliced energy balancing: %d slices of %d rows need more memory than causal.max_memory", L, N),
				 errhint("Use fewer slices or have a superuser raise causal.max_memory.")));
	ipm_slice_directions(p, dir);
	s.p = p;
	s.N = N;
	s.sv = palloc_extended(sizeof(double) * (Size) L * N, MCXT_ALLOC_HUGE);
	s.si = palloc_extended(sizeof(int) * (Size) L * N, MCXT_ALLOC_HUGE);
	s.diff = palloc_extended(sizeof(double) * N, MCXT_ALLOC_HUGE);
	for (l = 0; l < L; l++)
	{
		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < N; i++)
		{
			items[i].v = ipm_slice_project(p, dir, l, i);
			items[i].idx = i;
		}
		qsort(items, N, sizeof(SliceItem), SliceCmp);
		for (i = 0; i < N; i++)
		{
			s.sv[(Size) l * N + i] = items[i].v;
			s.si[(Size) l * N + i] = items[i].idx;
		}
	}
	pfree(items);

	/* FISTA with backtracking on the step and adaptive restarts */
	for (i = 0; i < m; i++)
		w[i] = y[i] = 1.0 / m;
	rep->ipm_before = SlicedEval(&s, w, NULL) - p->lambda / m;
	fold = rep->ipm_before + p->lambda / m;
	rep->converged = false;
	rep->iterations = 0;
	for (it = 1; it <= p->max_iter; it++)
	{
		double		fy = SlicedEval(&s, y, g),
					fnew,
					change;

		CHECK_FOR_INTERRUPTS();
		memcpy(wold, w, sizeof(double) * m);
		for (;;)
		{
			double		lin = 0.0,
						sq = 0.0;

			for (i = 0; i < m; i++)
				tmp[i] = y[i] - g[i] / lip;
			ipm_project_simplex(m, tmp, w, tmp2);
			fnew = SlicedEval(&s, w, NULL);
			for (i = 0; i < m; i++)
			{
				lin += g[i] * (w[i] - y[i]);
				sq += (w[i] - y[i]) * (w[i] - y[i]);
			}
			if (fnew <= fy + lin + 0.5 * lip * sq + 1e-15 * fabs(fy))
				break;
			lip *= 2.0;
		}
		change = ipm_fista_momentum(m, w, wold, y, &t, fnew > fold);
		/*
		 * Stop when the weights no longer move, or when the objective has
		 * improved by less than tol (relative) over 20 steps in a row -- on
		 * large groups the first criterion is out of reach.
		 */
		stall = (fold - fnew >= 0.0 && fold - fnew <= p->tol * fabs(fnew)) ? stall + 1 : 0;
		fold = fnew;
		lip *= 0.9;
		rep->iterations = it;
		if (change <= p->tol / m || stall >= 20)
		{
			rep->converged = true;
			break;
		}
	}

	/*
	 * The sliced objective is the energy QP with the distances averaged over
	 * the directions; when that m x m matrix fits, polish on it exactly.
	 */
	if (p->polish && (Size) m * m * sizeof(double) <= (Size) causal_max_memory_kb * 1024 / 4 &&
		(double) m * nt * L <= 2e9)
	{
		double	   *dist = palloc_extended(sizeof(double) * (Size) m * m, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO),
				   *dbar = palloc0(sizeof(double) * m),
				   *proj = palloc(sizeof(double) * N);
		IpmEnergyProblem ep;

		for (l = 0; l < L; l++)
		{
			CHECK_FOR_INTERRUPTS();
			for (i = 0; i < N; i++)
				proj[i] = ipm_slice_project(p, dir, l, i);
			for (i = 0; i < m; i++)
			{
				for (int j = 0; j < m; j++)
					dist[i + (Size) j * m] += fabs(proj[i] - proj[j]) / L;
				for (int j = 0; j < nt; j++)
					dbar[i] += fabs(proj[i] - proj[m + j]) / nt / L;
			}
		}
		memset(&ep, 0, sizeof(ep));
		ep.n = m;
		ep.lambda = p->lambda;
		if (ipm_energy_polish(&ep, dist, dbar, w))
			rep->converged = true;
		pfree(dist);
		pfree(dbar);
		pfree(proj);
	}
	rep->ipm_after = SlicedEval(&s, w, NULL);
	for (i = 0; i < m; i++)
		rep->ipm_after -= p->lambda * w[i] * w[i];
	pfree(dir);
	pfree(y);
	pfree(wold);
	pfree(g);
	pfree(tmp);
	pfree(tmp2);
	pfree(s.sv);
	pfree(s.si);
	pfree(s.diff);
}
