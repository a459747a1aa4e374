/*
 * kdtree.c
 *		An implicit k-d tree: the node of the slot range [lo, hi) is its middle
 *		slot, split on the dimension of largest spread in the range; each node
 *		counts the live points under it, so deleted regions are skipped and a
 *		greedy matcher never rescans matched controls.  Written here because
 *		the libraries we build on (BLAS, LAPACK, NLopt, XGBoost) have no
 *		nearest-neighbour search, and matching needs deletion and a fixed
 *		tie rule that general-purpose trees do not offer.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "miscadmin.h"

#include "estimate/matching/kdtree.h"

/*
 * Squared distances within a relative 1e-12 of each other are ties (then the
 * smallest row wins): coordinates are transformed covariates, and a unit
 * halfway between two others on the raw scale should not be decided by the
 * rounding of the transformation.
 */
#define TIE_SLACK (1.0 + 1e-12)

#define X(t, s, j) ((t)->x[(Size) (s) * (t)->k + (j)])

/* Swaps two slots with their coordinates. */
static void
SwapSlots(KdTree *t, int a, int b)
{
	int			r = t->row[a];

	t->row[a] = t->row[b];
	t->row[b] = r;
	for (int j = 0; j < t->k; j++)
	{
		double		v = X(t, a, j);

		X(t, a, j) = X(t, b, j);
		X(t, b, j) = v;
	}
}

/* Quickselect: puts the slot of rank nth within [lo, hi) along dimension d at nth. */
static void
SelectNth(KdTree *t, int lo, int hi, int nth, int d)
{
	while (hi - lo > 1)
	{
		int			mid = lo + (hi - lo) / 2,
					store = lo;
		double		pivot;

		SwapSlots(t, mid, hi - 1);
		pivot = X(t, hi - 1, d);
		for (int s = lo; s < hi - 1; s++)
			if (X(t, s, d) < pivot)
				SwapSlots(t, s, store++);
		SwapSlots(t, store, hi - 1);
		if (store == nth)
			return;
		if (nth < store)
			hi = store;
		else
			lo = store + 1;
	}
}

static void
Build(KdTree *t, int lo, int hi)
{
	int			mid,
				best = 0;
	double		spread = -1.0;

	if (hi <= lo)
		return;
	mid = lo + (hi - lo) / 2;
	t->alive[mid] = hi - lo;
	if (hi - lo == 1)
	{
		t->dim[mid] = 0;
		return;
	}
	CHECK_FOR_INTERRUPTS();
	for (int j = 0; j < t->k; j++)
	{
		double		mn = X(t, lo, j),
					mx = mn;

		for (int s = lo + 1; s < hi; s++)
		{
			mn = Min(mn, X(t, s, j));
			mx = Max(mx, X(t, s, j));
		}
		if (mx - mn > spread)
		{
			spread = mx - mn;
			best = j;
		}
	}
	SelectNth(t, lo, hi, mid, best);
	t->dim[mid] = best;
	Build(t, lo, mid);
	Build(t, mid + 1, hi);
}

KdTree *
kdtree_build(int m, int k, const int *rows, const double *coords, Size stride)
{
	KdTree	   *t = palloc(sizeof(KdTree));

	t->m = m;
	t->k = k;
	t->row = palloc(sizeof(int) * Max(m, 1));
	t->x = palloc_extended(sizeof(double) * Max((Size) m * k, 1), MCXT_ALLOC_HUGE);
	t->dim = palloc(sizeof(int) * Max(m, 1));
	t->alive = palloc(sizeof(int) * Max(m, 1));
	t->dead = palloc0(sizeof(bool) * Max(m, 1));
	for (int i = 0; i < m; i++)
	{
		t->row[i] = rows[i];
		for (int j = 0; j < k; j++)
			X(t, i, j) = coords[rows[i] + (Size) j * stride];
	}
	Build(t, 0, m);
	return t;
}

typedef struct Query
{
	const KdTree *t;
	const double *q;
	double		best;
	int			best_row;
	int			best_slot;
} Query;

static void
Search(Query *s, int lo, int hi)
{
	const KdTree *t = s->t;
	int			mid;
	double		diff;

	if (hi <= lo)
		return;
	mid = lo + (hi - lo) / 2;
	if (t->alive[mid] == 0)
		return;
	diff = s->q[t->dim[mid]] - X(t, mid, t->dim[mid]);
	if (!t->dead[mid])
	{
		double		d2 = 0.0;

		for (int j = 0; j < t->k && d2 <= s->best * TIE_SLACK; j++)
		{
			double		e = s->q[j] - X(t, mid, j);

			d2 += e * e;
		}
		if (d2 < s->best / TIE_SLACK || (d2 <= s->best * TIE_SLACK && t->row[mid] < s->best_row))
		{
			s->best = d2;
			s->best_row = t->row[mid];
			s->best_slot = mid;
		}
	}
	/* the side of the query first; the other side only if the plane is close enough (ties included) */
	if (diff < 0)
	{
		Search(s, lo, mid);
		if (diff * diff <= s->best * TIE_SLACK)
			Search(s, mid + 1, hi);
	}
	else
	{
		Search(s, mid + 1, hi);
		if (diff * diff <= s->best * TIE_SLACK)
			Search(s, lo, mid);
	}
}

int
kdtree_nearest(const KdTree *t, const double *q, double max_d2, double *d2)
{
	Query		s;

	s.t = t;
	s.q = q;
	s.best = max_d2;
	s.best_row = INT_MAX;
	s.best_slot = -1;
	Search(&s, 0, t->m);
	*d2 = s.best;
	return s.best_slot;
}

void
kdtree_set_alive(KdTree *t, int slot, bool alive)
{
	int			lo = 0,
				hi = t->m;

	if (t->dead[slot] == !alive)
		return;
	while (hi > lo)
	{
		int			mid = lo + (hi - lo) / 2;

		t->alive[mid] += alive ? 1 : -1;
		if (mid == slot)
			break;
		if (slot < mid)
			hi = mid;
		else
			lo = mid + 1;
	}
	t->dead[slot] = !alive;
}
