/*
 * match_nearest.c
 *		Greedy nearest-neighbour matching as MatchIt's method "nearest" does
 *		it, in O(n log n) rather than MatchIt's scans:
 *
 *		- scalar distance (propensity score or its logit): the other units of
 *		  a stratum sorted by (distance, row); a focal unit looks at the
 *		  nearest available other unit below and above its own place in that
 *		  order and takes the lower one on a tie of distance (MatchIt's rule:
 *		  all units are sorted by distance with ties in data order, the left
 *		  neighbour wins ties).  "Available" skips matched units through two
 *		  union-find arrays with path compression.
 *		- covariate distance (Mahalanobis, scaled or plain Euclidean, already
 *		  turned into Euclidean coordinates by the caller): a k-d tree per
 *		  stratum with deletion; ties go to the earliest row.
 *
 *		Matching runs in rounds: every focal unit gets its first match, then
 *		its second, up to ratio.  With replacement nothing is deleted; a focal
 *		unit skips only its own earlier matches.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "estimate/matching/kdtree.h"
#include "estimate/matching/match.h"

/* Row order by (distance, row) for qsort_arg. */
static int
ByDistance(const void *a, const void *b, void *arg)
{
	const double *d = arg;
	int			i = *(const int *) a,
				j = *(const int *) b;

	if (d[i] < d[j])
		return -1;
	if (d[i] > d[j])
		return 1;
	return (i > j) - (i < j);
}

/* Union-find "next live slot at or after s" (nxt) with path halving. */
static int
FindNext(int *nxt, int s)
{
	while (nxt[s] != s)
	{
		nxt[s] = nxt[nxt[s]];
		s = nxt[s];
	}
	return s;
}

/* One stratum on a scalar distance: others sorted, focal rows in matching order. */
static void
ScalarStratum(const MatchNearest *p, const int *others, int m, const int *focal, int nf, int *mm)
{
	const double *d = p->dist;
	int		   *pos = palloc(sizeof(int) * Max(nf, 1));
	int		   *nxt = palloc(sizeof(int) * (m + 1)),	/* slot s live: nxt[s] == s; m is the end */
			   *prv = palloc(sizeof(int) * (m + 1));	/* shifted by one: prv[s + 1] for slot s; 0 is the end */
	int		   *lp = NULL,
			   *rp = NULL;

	/* each focal row's place among the others: the number sorting before it */
	for (int f = 0; f < nf; f++)
	{
		int			lo = 0,
					hi = m,
					r = focal[f];

		while (lo < hi)
		{
			int			mid = (lo + hi) / 2,
						o = others[mid];

			if (d[o] < d[r] || (d[o] == d[r] && o < r))
				lo = mid + 1;
			else
				hi = mid;
		}
		pos[f] = lo;
	}
	for (int s = 0; s <= m; s++)
	{
		nxt[s] = s;
		prv[s] = s;
	}
	if (p->replace)
	{
		lp = palloc(sizeof(int) * Max(nf, 1));
		rp = palloc(sizeof(int) * Max(nf, 1));
		for (int f = 0; f < nf; f++)
		{
			lp[f] = pos[f] - 1;
			rp[f] = pos[f];
		}
	}
	for (int r = 0; r < p->ratio; r++)
		for (int f = 0; f < nf; f++)
		{
			int			row = focal[f],
						left,
						right,
						pick;

			if ((f & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (p->replace)
			{
				left = lp[f];
				right = rp[f] < m ? rp[f] : -1;
			}
			else
			{
				left = FindNext(prv, pos[f]) - 1;
				right = FindNext(nxt, pos[f]);
				if (right == m)
					right = -1;
			}
			if (p->caliper > 0)
			{
				if (left >= 0 && d[row] - d[others[left]] > p->caliper)
					left = -1;
				if (right >= 0 && d[others[right]] - d[row] > p->caliper)
					right = -1;
			}
			if (left >= 0 && right >= 0)
				pick = fabs(d[others[left]] - d[row]) <= fabs(d[others[right]] - d[row]) ? left : right;
			else
				pick = left >= 0 ? left : right;
			if (pick < 0)
				continue;
			mm[(Size) row * p->ratio + r] = others[pick];
			if (p->replace)
			{
				if (pick == left)
					lp[f]--;
				else
					rp[f]++;
			}
			else
			{
				nxt[pick] = pick + 1;
				prv[pick + 1] = pick;
			}
		}
	pfree(pos);
	pfree(nxt);
	pfree(prv);
}

/* One stratum on Euclidean coordinates, through a k-d tree. */
static void
TreeStratum(const MatchNearest *p, const int *others, int m, const int *focal, int nf, int *mm)
{
	KdTree	   *t;
	double	   *q = palloc(sizeof(double) * p->k),
				cap2 = p->caliper > 0 ? p->caliper * p->caliper : INFINITY;
	int		   *slot_of_row = NULL,
			   *own = palloc(sizeof(int) * p->ratio);

	if (m == 0)
		return;
	t = kdtree_build(m, p->k, others, p->coords, (Size) p->n);
	if (p->replace)
	{
		/* the slots of a focal row's earlier matches are hidden while it looks again */
		slot_of_row = palloc(sizeof(int) * p->n);
		for (int s = 0; s < m; s++)
			slot_of_row[t->row[s]] = s;
	}
	for (int r = 0; r < p->ratio; r++)
		for (int f = 0; f < nf; f++)
		{
			int			row = focal[f],
						slot,
						nown = 0;
			double		d2;

			if ((f & 255) == 0)
				CHECK_FOR_INTERRUPTS();
			for (int j = 0; j < p->k; j++)
				q[j] = p->coords[row + (Size) j * p->n];
			if (p->replace)
				for (int e = 0; e < r; e++)
				{
					int			c = mm[(Size) row * p->ratio + e];

					if (c >= 0)
					{
						own[nown++] = slot_of_row[c];
						kdtree_set_alive(t, slot_of_row[c], false);
					}
				}
			slot = kdtree_nearest(t, q, cap2, &d2);
			for (int e = 0; e < nown; e++)
				kdtree_set_alive(t, own[e], true);
			if (slot < 0)
				continue;
			mm[(Size) row * p->ratio + r] = t->row[slot];
			if (!p->replace)
				kdtree_set_alive(t, slot, false);
		}
}

void
match_nearest(const MatchNearest *p, int *mm)
{
	int			nstrata = 1,
				i;
	int		   *ostart,
			   *fstart,
			   *others,
			   *focal,
			   *ofill,
			   *ffill;

	for (i = 0; i < p->n * p->ratio; i++)
		mm[i] = -1;
	if (p->stratum != NULL)
		for (i = 0; i < p->n; i++)
			nstrata = Max(nstrata, p->stratum[i] + 1);
	/* bucket the eligible other rows (row order) and the focal rows (matching order) by stratum */
	ostart = palloc0(sizeof(int) * (nstrata + 1));
	fstart = palloc0(sizeof(int) * (nstrata + 1));
	for (i = 0; i < p->n; i++)
		if (p->eligible[i] && !p->focal[i])
			ostart[(p->stratum ? p->stratum[i] : 0) + 1]++;
	for (i = 0; i < p->nfocal; i++)
		if (p->eligible[p->order[i]])
			fstart[(p->stratum ? p->stratum[p->order[i]] : 0) + 1]++;
	for (i = 0; i < nstrata; i++)
	{
		ostart[i + 1] += ostart[i];
		fstart[i + 1] += fstart[i];
	}
	others = palloc(sizeof(int) * Max(ostart[nstrata], 1));
	focal = palloc(sizeof(int) * Max(fstart[nstrata], 1));
	ofill = palloc(sizeof(int) * nstrata);
	ffill = palloc(sizeof(int) * nstrata);
	memcpy(ofill, ostart, sizeof(int) * nstrata);
	memcpy(ffill, fstart, sizeof(int) * nstrata);
	for (i = 0; i < p->n; i++)
		if (p->eligible[i] && !p->focal[i])
			others[ofill[p->stratum ? p->stratum[i] : 0]++] = i;
	for (i = 0; i < p->nfocal; i++)
		if (p->eligible[p->order[i]])
			focal[ffill[p->stratum ? p->stratum[p->order[i]] : 0]++] = p->order[i];
	for (int s = 0; s < nstrata; s++)
	{
		int			m = ostart[s + 1] - ostart[s],
					nf = fstart[s + 1] - fstart[s];

		if (m == 0 || nf == 0)
			continue;
		if (p->dist != NULL)
		{
			qsort_arg(others + ostart[s], m, sizeof(int), ByDistance, (void *) p->dist);
			ScalarStratum(p, others + ostart[s], m, focal + fstart[s], nf, mm);
		}
		else
			TreeStratum(p, others + ostart[s], m, focal + fstart[s], nf, mm);
	}
}

void
match_nearest_weights(int n, const bool *focal, const int *mm, int ratio, bool replace,
					  double *w, int64 *subclass)
{
	double		sum = 0.0;
	int			count = 0;
	int64		next = 0;

	for (int i = 0; i < n; i++)
	{
		w[i] = 0.0;
		subclass[i] = 0;
	}
	for (int i = 0; i < n; i++)
	{
		int			k = 0;

		if (!focal[i])
			continue;
		for (int r = 0; r < ratio; r++)
			k += mm[(Size) i * ratio + r] >= 0;
		if (k == 0)
			continue;
		w[i] = 1.0;
		if (!replace)
			subclass[i] = ++next;
		for (int r = 0; r < ratio; r++)
		{
			int			c = mm[(Size) i * ratio + r];

			if (c < 0)
				continue;
			w[c] += 1.0 / k;
			if (!replace)
				subclass[c] = next;
		}
	}
	for (int i = 0; i < n; i++)
		if (!focal[i] && w[i] > 0)
		{
			sum += w[i];
			count++;
		}
	for (int i = 0; i < n; i++)
		if (!focal[i] && w[i] > 0)
			w[i] *= count / sum;
}
