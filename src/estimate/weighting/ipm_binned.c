/*
 * ipm_binned.c
 *		The sliced energy distance on a grid of quantile cut points, solved
 *		through the MMD dual of ipm_mmd.c.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "core/compare.h"
#include "core/settings.h"
#include "estimate/weighting/ipm.h"
#include "estimate/weighting/ipm_internal.h"

/*
 * The sliced energy distance with each direction's CDFs read on a grid:
 * cut points t_1 <= ... <= t_{B-1} at the pooled (group and target)
 * projections' quantiles q/B, and
 *
 *	 E(w) = (2/L) sum_l sum_q D_lq (F_w,l(t_lq) - G_l(t_lq))^2,
 *
 * D_lq = (t_{q+1} - t_{q-1})/2 (t_0 and t_B the pooled minimum and maximum),
 * a Riemann sum of the integral 2 int (F_w - G)^2 dt.  That is
 * ||Phi'w - mu||^2 for the step features sqrt(2 D_lq / L) 1[d_l'x <= t_lq],
 * so with a KL penalty it is the MMD problem above, solved through the same
 * dual; a row enters only through its bin per direction, so a pass costs
 * O(n L) and memory is n L bin numbers.  The exact sliced objective of
 * ipm_sliced_solve is what this approximates; it needs thousands of
 * first-order steps on large groups, this a few hundred evaluations.
 */

void
ipm_binned_solve(const IpmSlicedProblem *p, double *w, IpmReport *rep)
{
	int			m = p->n,
				nt = p->ntarget,
				k = p->k,
				L = p->slices,
				B = p->bins,
				Q1 = B - 1,
				N = m + nt;
	double	   *dir = palloc(sizeof(double) * (Size) L * k),
			   *proj = palloc_extended(sizeof(double) * (Size) N, MCXT_ALLOC_HUGE),
			   *sorted = palloc_extended(sizeof(double) * (Size) N, MCXT_ALLOC_HUGE),
			   *cut = palloc(sizeof(double) * (B + 1)),
			   *scale = palloc(sizeof(double) * (Size) L * Q1),
			   *target = palloc0(sizeof(double) * (Size) L * Q1),
			   *count = palloc(sizeof(double) * B);
	uint16	   *rank;
	int		   *rows = palloc(sizeof(int) * m);
	IpmMmdProblem mp;

	if ((double) m * L * sizeof(uint16) + (double) L * B * 4 * sizeof(double) >
		(double) causal_max_memory_kb * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sliced energy balancing on a grid: %d rows x %d slices need more memory than causal.max_memory", m, L),
				 errhint("Use fewer slices or bins, or have a superuser raise causal.max_memory.")));
	rank = palloc_extended(sizeof(uint16) * (Size) m * L, MCXT_ALLOC_HUGE);
	ipm_slice_directions(p, dir);
	for (int l = 0; l < L; l++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < N; i++)
			proj[i] = ipm_slice_project(p, dir, l, i);
		memcpy(sorted, proj, sizeof(double) * N);
		qsort(sorted, N, sizeof(double), compare_double);
		memset(count, 0, sizeof(double) * B);
		cut[0] = sorted[0];
		cut[B] = sorted[N - 1];
		for (int q = 1; q < B; q++)
			cut[q] = sorted[(Size) ((double) N * q / B)];
		for (int q = 1; q < B; q++)
			scale[(Size) l * Q1 + q - 1] = sqrt(2.0 * 0.5 * (cut[q + 1] - cut[q - 1]) / L);
		/* bin of a point: the number of cut points below it, by bisection */
		for (int i = 0; i < N; i++)
		{
			int			lo = 0,
						hi = Q1;	/* answer in [lo, hi] */

			while (lo < hi)
			{
				int			mid = (lo + hi + 1) / 2;

				if (cut[mid] < proj[i])
					lo = mid;
				else
					hi = mid - 1;
			}
			if (i < m)
				rank[(Size) i * L + l] = (uint16) lo;
			else
				count[lo] += 1.0;
		}
		/* the target's CDF at t_q: the share of its points with bin < q */
		{
			double		cum = 0.0;

			for (int q = 1; q <= Q1; q++)
			{
				cum += count[q - 1];
				target[(Size) l * Q1 + q - 1] = scale[(Size) l * Q1 + q - 1] * cum / nt;
			}
		}
	}
	for (int i = 0; i < m; i++)
		rows[i] = i;
	memset(&mp, 0, sizeof(mp));
	mp.n = m;
	mp.rows = rows;
	mp.D = L * Q1;
	mp.target = target;
	mp.tau = p->lambda;
	mp.tol = p->tol;
	mp.max_iter = p->max_iter;
	mp.rank = rank;
	mp.slices = L;
	mp.bins = B;
	mp.scale = scale;
	ipm_mmd_solve(&mp, w, rep);
	pfree(dir);
	pfree(proj);
	pfree(sorted);
	pfree(cut);
	pfree(scale);
	pfree(target);
	pfree(count);
	pfree(rank);
	pfree(rows);
}
