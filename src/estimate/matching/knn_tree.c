/*
 * knn_tree.c
 *		An implicit k-d tree for exact k-nearest-neighbour queries under
 *		MALTS's stretched distance: the node of the slot range [lo, hi) is its
 *		middle slot, split on the coordinate of largest weighted spread; ranges
 *		of at most LEAF points, or of points that no coordinate of positive
 *		weight tells apart, are leaves scanned in full.
 *
 * The search keeps, per coordinate, a lower bound on that coordinate's term
 * for every point of a cell (Arya and Mount's incremental distance), visits
 * cells in the order of the sum of the bounds (best-bin-first, Beis and Lowe
 * 1997), and never enters a cell whose sum, added in the order the distance
 * adds its terms, exceeds the k-th distance found.  Each bound is computed by the same floating-point expression as the
 * term it bounds, and rounding is monotone, so the sum never exceeds the
 * distance of a point in the cell: the result is exactly the brute-force
 * scan's, ties (equal distances, then the smaller row) included.  Given a
 * budget of points to examine, the search stops early and is approximate,
 * like FLANN's; MALTS reports the recall it measures against exact search.
 *
 * Written here because none of the libraries we build on (BLAS, LAPACK,
 * NLopt, XGBoost) has a nearest-neighbour search, and MALTS needs exact
 * neighbours under a distance that mixes weighted squared differences with
 * mismatch indicators, with a fixed tie rule.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "estimate/matching/knn_tree.h"

#define LEAF 8

#define X(t, s, j) ((t)->x[(Size) (s) * (t)->p + (j)])

Size
knn_tree_bytes(Size m, int p)
{
	return sizeof(KnnTree) + m * (sizeof(double) * p + 2 * sizeof(int));
}

/* Swaps two slots with their coordinates. */
static void
SwapSlots(KnnTree *t, int a, int b)
{
	int			r = t->row[a];
	double	   *xa = &X(t, a, 0),
			   *xb = &X(t, b, 0);

	t->row[a] = t->row[b];
	t->row[b] = r;
	for (int j = 0; j < t->p; j++)
	{
		double		v = xa[j];

		xa[j] = xb[j];
		xb[j] = v;
	}
}

/*
 * Quickselect with a three-way partition (so that runs of equal values, as
 * discrete coordinates have, stay linear): afterwards slot nth holds the
 * value of rank nth along coordinate d within [lo, hi), slots before it no
 * larger, slots after it no smaller.
 */
static void
SelectNth(KnnTree *t, int lo, int hi, int nth, int d)
{
	while (hi - lo > 1)
	{
		double		pivot = X(t, lo + (hi - lo) / 2, d);
		int			lt = lo,
					gt = hi,
					s = lo;

		/* [lo, lt) < pivot, [lt, s) == pivot, [gt, hi) > pivot */
		while (s < gt)
		{
			double		v = X(t, s, d);

			if (v < pivot)
				SwapSlots(t, lt++, s++);
			else if (v > pivot)
				SwapSlots(t, s, --gt);
			else
				s++;
		}
		if (nth < lt)
			hi = lt;
		else if (nth >= gt)
			lo = gt;
		else
			return;
	}
}

static void
Build(KnnTree *t, int lo, int hi)
{
	int			mid,
				best = -1;
	double		spread = 0.0;

	if (hi <= lo)
		return;
	mid = lo + (hi - lo) / 2;
	if (hi - lo > LEAF)
	{
		CHECK_FOR_INTERRUPTS();
		for (int j = 0; j < t->p; j++)
		{
			double		mn = X(t, lo, j),
						mx = mn,
						s;

			if (t->w[j] <= 0.0)
				continue;
			for (int i = lo + 1; i < hi; i++)
			{
				double		v = X(t, i, j);

				mn = Min(mn, v);
				mx = Max(mx, v);
			}
			s = t->discrete[j] ? (mx > mn ? t->w[j] : 0.0) : t->w[j] * (mx - mn) * (mx - mn);
			if (s > spread)
			{
				spread = s;
				best = j;
			}
		}
	}
	t->dim[mid] = best;
	if (best < 0)
		return;					/* a leaf */
	SelectNth(t, lo, hi, mid, best);
	Build(t, lo, mid);
	Build(t, mid + 1, hi);
}

KnnTree *
knn_build(int m, int p, const int *rows, const double *x, Size stride,
		  const double *w, const bool *discrete)
{
	KnnTree    *t = palloc(sizeof(KnnTree));

	t->m = m;
	t->p = p;
	t->w = w;
	t->discrete = discrete;
	t->any_discrete = false;
	for (int j = 0; j < p; j++)
		t->any_discrete |= discrete[j];
	t->row = palloc_extended(sizeof(int) * Max(m, 1), MCXT_ALLOC_HUGE);
	t->dim = palloc_extended(sizeof(int) * Max(m, 1), MCXT_ALLOC_HUGE);
	t->x = palloc_extended(sizeof(double) * Max((Size) m * p, 1), MCXT_ALLOC_HUGE);
	for (int i = 0; i < m; i++)
	{
		t->row[i] = rows[i];
		for (int j = 0; j < p; j++)
			X(t, i, j) = x[rows[i] + (Size) j * stride];
	}
	Build(t, 0, m);
	return t;
}

void
knn_free(KnnTree *t)
{
	pfree(t->row);
	pfree(t->dim);
	pfree(t->x);
	pfree(t);
}

/* A cell waiting to be searched, with its lower bound. */
typedef struct KnnCell
{
	int			lo;
	int			hi;
	double		bound;
} KnnCell;

struct KnnScratch
{
	int			p;
	int			cap;
	int			ncell;
	KnnCell    *cell;			/* a binary min-heap on bound */
	double	   *off;			/* cap x p: each cell's per-coordinate bounds, by cell index */
	int		   *slot;			/* heap position -> index into off */
	int		   *free_off;		/* indices into off handed out and released */
	int			nfree;
	int			nused;			/* indices into off handed out so far */
	double	   *work;			/* p: the bounds of the cell being descended */
};

KnnScratch *
knn_scratch_create(int p)
{
	KnnScratch *s = palloc(sizeof(KnnScratch));

	s->p = p;
	s->cap = 256;
	s->cell = palloc(sizeof(KnnCell) * s->cap);
	s->slot = palloc(sizeof(int) * s->cap);
	s->free_off = palloc(sizeof(int) * s->cap);
	s->off = palloc(sizeof(double) * s->cap * Max(p, 1));
	s->work = palloc(sizeof(double) * Max(p, 1));
	s->ncell = s->nfree = s->nused = 0;
	return s;
}

typedef struct KnnQuery
{
	const KnnTree *t;
	const double *q;
	int			k;
	int			cnt;
	int		   *nn;
	double	   *nd;
	int64		checks;			/* points whose distance was computed */
} KnnQuery;

/* Offers the point at a slot to the list of the k nearest. */
static inline void
Consider(KnnQuery *s, int slot)
{
	const KnnTree *t = s->t;
	const double *xb = &X(t, slot, 0);
	int			r = t->row[slot],
				pos;
	bool		full = s->cnt == s->k;
	double		kth = full ? s->nd[s->k - 1] : 0.0,
				d = 0.0;
	const double *w = t->w,
			   *q = s->q;

	s->checks++;

	/*
	 * The same expressions as MALTS's brute-force distance, summed in full:
	 * stopping once the partial sum passes kth would be exact too, but the
	 * branch per term costs more than it saves.
	 */
	if (t->any_discrete)
	{
		for (int j = 0; j < t->p; j++)
		{
			if (t->discrete[j])
				d += q[j] != xb[j] ? w[j] : 0.0;
			else
				d += w[j] * (q[j] - xb[j]) * (q[j] - xb[j]);
		}
	}
	else
	{
		for (int j = 0; j < t->p; j++)
			d += w[j] * (q[j] - xb[j]) * (q[j] - xb[j]);
	}
	if (full && d > kth)
		return;
	/* the list holds slots; ties go to the smaller row */
	if (full && d == kth && r > t->row[s->nn[s->k - 1]])
		return;
	pos = full ? s->k - 1 : s->cnt++;
	while (pos > 0 && (s->nd[pos - 1] > d || (s->nd[pos - 1] == d && t->row[s->nn[pos - 1]] > r)))
	{
		s->nd[pos] = s->nd[pos - 1];
		s->nn[pos] = s->nn[pos - 1];
		pos--;
	}
	s->nd[pos] = d;
	s->nn[pos] = slot;
}

static KnnQuery
StartQuery(const KnnTree *t, const double *q, int k, int *nn, double *nd)
{
	KnnQuery	s;

	s.t = t;
	s.q = q;
	s.k = k;
	s.cnt = 0;
	s.nn = nn;
	s.nd = nd;
	s.checks = 0;
	return s;
}

/* Turns the list of slots into rows (and slots); returns its length. */
static int
Finish(KnnQuery *s, int *slots, int64 *checks)
{
	for (int e = 0; e < s->cnt; e++)
	{
		if (slots)
			slots[e] = s->nn[e];
		s->nn[e] = s->t->row[s->nn[e]];
	}
	if (checks)
		*checks = s->checks;
	return s->cnt;
}

/* Pushes a cell with the per-coordinate bounds off (p values). */
static void
PushCell(KnnScratch *h, int lo, int hi, double bound, const double *off)
{
	int			pos,
				o;

	if (h->nfree > 0)
		o = h->free_off[--h->nfree];
	else
	{
		if (h->nused == h->cap)
		{
			h->cap *= 2;
			h->cell = repalloc_huge(h->cell, sizeof(KnnCell) * h->cap);
			h->slot = repalloc_huge(h->slot, sizeof(int) * h->cap);
			h->free_off = repalloc_huge(h->free_off, sizeof(int) * h->cap);
			h->off = repalloc_huge(h->off, sizeof(double) * h->cap * Max(h->p, 1));
		}
		o = h->nused++;
	}
	memcpy(h->off + (Size) o * h->p, off, sizeof(double) * h->p);
	pos = h->ncell++;
	while (pos > 0 && h->cell[(pos - 1) / 2].bound > bound)
	{
		h->cell[pos] = h->cell[(pos - 1) / 2];
		h->slot[pos] = h->slot[(pos - 1) / 2];
		pos = (pos - 1) / 2;
	}
	h->cell[pos].lo = lo;
	h->cell[pos].hi = hi;
	h->cell[pos].bound = bound;
	h->slot[pos] = o;
}

/* Pops the cell of least bound, copying its per-coordinate bounds into off. */
static KnnCell
PopCell(KnnScratch *h, double *off)
{
	KnnCell		top = h->cell[0],
				last;
	int			o = h->slot[0],
				last_o,
				pos = 0;

	memcpy(off, h->off + (Size) o * h->p, sizeof(double) * h->p);
	h->free_off[h->nfree++] = o;
	last = h->cell[--h->ncell];
	last_o = h->slot[h->ncell];
	for (;;)
	{
		int			c = 2 * pos + 1;

		if (c >= h->ncell)
			break;
		if (c + 1 < h->ncell && h->cell[c + 1].bound < h->cell[c].bound)
			c++;
		if (h->cell[c].bound >= last.bound)
			break;
		h->cell[pos] = h->cell[c];
		h->slot[pos] = h->slot[c];
		pos = c;
	}
	if (h->ncell > 0)
	{
		h->cell[pos] = last;
		h->slot[pos] = last_o;
	}
	return top;
}

/*
 * Best-bin-first: cells are searched in the order of their lower bounds; the
 * descent from a cell considers the node points on the way to the query's
 * leaf and queues the far side of each split with its bound.  A cell whose
 * bound exceeds the k-th distance is never searched, so with no budget the
 * search is exact; with a budget it stops once max_checks points were
 * considered (and k found), as FLANN's "checks" do.
 */
int
knn_search(const KnnTree *t, KnnScratch *h, const double *q, int k, int64 max_checks,
		   int *nn, double *nd, int *slots, int64 *checks)
{
	KnnQuery	s = StartQuery(t, q, k, nn, nd);
	double	   *off = h->work;

	for (int j = 0; j < t->p; j++)
		off[j] = 0.0;
	h->ncell = 0;
	h->nfree = 0;
	h->nused = 0;
	if (k > 0 && t->m > 0)
		PushCell(h, 0, t->m, 0.0, off);
	while (h->ncell > 0)
	{
		KnnCell		c;

		if (s.cnt == s.k && (h->cell[0].bound > s.nd[s.k - 1] ||
							 (max_checks > 0 && s.checks >= max_checks)))
			break;
		c = PopCell(h, off);
		CHECK_FOR_INTERRUPTS();
		while (c.hi > c.lo)
		{
			int			mid = c.lo + (c.hi - c.lo) / 2,
						d = t->dim[mid];
			double		diff,
						old,
						bound;

			if (d < 0)
			{
				for (int slot = c.lo; slot < c.hi; slot++)
					Consider(&s, slot);
				break;
			}
			Consider(&s, mid);
			diff = q[d] - X(t, mid, d);

			/*
			 * Every point of the far side differs from q along d by at least
			 * |diff| (a discrete coordinate: differs, unless diff is 0); the
			 * bounds are added in the order the distance adds its terms.
			 */
			old = off[d];
			off[d] = Max(old, t->discrete[d] ? (diff != 0.0 ? t->w[d] : 0.0) : t->w[d] * diff * diff);
			bound = 0.0;
			for (int j = 0; j < t->p; j++)
				bound += off[j];
			if (s.cnt < s.k || bound <= s.nd[s.k - 1])
			{
				if (diff < 0)
					PushCell(h, mid + 1, c.hi, bound, off);
				else
					PushCell(h, c.lo, mid, bound, off);
			}
			off[d] = old;
			/* near side: left holds values <= the split, right values >= it */
			if (diff < 0)
				c.hi = mid;
			else
				c.lo = mid + 1;
		}
	}
	return Finish(&s, slots, checks);
}

int
knn_scan(const KnnTree *t, const double *q, int k, int *nn, double *nd, int *slots, int64 *checks)
{
	KnnQuery	s = StartQuery(t, q, k, nn, nd);

	if (k > 0)
		for (int slot = 0; slot < t->m; slot++)
		{
			if ((slot & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			Consider(&s, slot);
		}
	return Finish(&s, slots, checks);
}

void
knn_scratch_free(KnnScratch *h)
{
	pfree(h->cell);
	pfree(h->slot);
	pfree(h->free_off);
	pfree(h->off);
	pfree(h->work);
	pfree(h);
}
