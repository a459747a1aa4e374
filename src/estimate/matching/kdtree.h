/*
 * kdtree.h
 *		A k-d tree over points that can be deleted, for greedy nearest-neighbour
 *		matching on a multi-dimensional distance.
 */
#ifndef CAUSAL_KDTREE_H
#define CAUSAL_KDTREE_H

typedef struct KdTree
{
	int			m;				/* points */
	int			k;				/* dimensions */
	int		   *row;			/* caller's row of each slot */
	double	   *x;				/* m x k coordinates, slot after slot */
	int		   *dim;			/* split dimension of the node at each slot */
	int		   *alive;			/* points not deleted in the subtree rooted at each slot */
	bool	   *dead;
} KdTree;

/*
 * Builds the tree over m points: rows[i] is the caller's row number of point
 * i, coords its k coordinates at coords[rows[i] + j * stride].
 */
extern KdTree *kdtree_build(int m, int k, const int *rows, const double *coords, Size stride);

/*
 * The nearest live point to q in Euclidean distance with squared distance at
 * most max_d2 (INFINITY for none); ties (squared distances equal to a
 * relative 1e-12) go to the smallest row.  Returns the
 * slot, or -1; *d2 gets the squared distance.
 */
extern int	kdtree_nearest(const KdTree *t, const double *q, double max_d2, double *d2);

/* Deletes (alive = false) or restores (alive = true) the point at a slot. */
extern void kdtree_set_alive(KdTree *t, int slot, bool alive);

#endif
