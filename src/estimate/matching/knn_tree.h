/*
 * knn_tree.h
 *		Exact k nearest neighbours under a weighted distance with continuous
 *		and discrete coordinates, for MALTS's estimation step.
 */
#ifndef CAUSAL_KNN_TREE_H
#define CAUSAL_KNN_TREE_H

/*
 * The distance between points a and b is the sum over j = 0..p-1 of
 * w[j] * (a_j - b_j) * (a_j - b_j) for continuous j and w[j] * 1[a_j != b_j]
 * for discrete j, summed in that order (so that it equals, bit for bit, a
 * brute-force loop written the same way).
 */
typedef struct KnnTree
{
	int			m;				/* points */
	int			p;				/* coordinates */
	int		   *row;			/* caller's row of each slot */
	double	   *x;				/* m x p coordinates, slot after slot */
	int		   *dim;			/* split coordinate of the node at a slot, -1 for a leaf */
	const double *w;			/* p weights (the caller's, kept) */
	const bool *discrete;		/* p (the caller's, kept) */
	bool		any_discrete;
} KnnTree;

/* Bytes knn_build allocates for m points of p coordinates. */
extern Size knn_tree_bytes(Size m, int p);

/*
 * Builds the tree over m points: rows[i] is the caller's row number of point
 * i, its coordinates are x[rows[i] + j * stride] (column-major).  w and
 * discrete must outlive the tree.
 */
extern KnnTree *knn_build(int m, int p, const int *rows, const double *x, Size stride,
						  const double *w, const bool *discrete);

/* Work space of searches over trees of p coordinates (one at a time). */
typedef struct KnnScratch KnnScratch;

extern KnnScratch *knn_scratch_create(int p);
extern void knn_scratch_free(KnnScratch *h);

/*
 * The k nearest points to q (p coordinates) by (distance, row).  With
 * max_checks = 0 the search is exact: the same set and order as a scan of all
 * points that keeps the k smallest.  With max_checks > 0 it stops once it has
 * computed that many distances and found k points (approximate).  Writes rows
 * into nn and distances into nd, nearest first, their slots into slots and
 * the distances computed into *checks (each if not NULL); returns how many
 * (min(k, m)).
 */
extern int	knn_search(const KnnTree *t, KnnScratch *h, const double *q, int k, int64 max_checks,
					   int *nn, double *nd, int *slots, int64 *checks);

/*
 * The same result as knn_search with max_checks = 0, by comparing q with
 * every point in slot order: cheaper than the tree when the tree would visit
 * most points anyway (many coordinates of similar weight).
 */
extern int	knn_scan(const KnnTree *t, const double *q, int k, int *nn, double *nd, int *slots,
					 int64 *checks);

/* The coordinates of the point at a slot (p contiguous values). */
static inline const double *
knn_point(const KnnTree *t, int slot)
{
	return t->x + (Size) slot * t->p;
}

extern void knn_free(KnnTree *t);

#endif
