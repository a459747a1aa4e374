/*
 * match.h
 *		Matching: greedy nearest-neighbour matching on a scalar or a
 *		multi-dimensional distance, subclass-based matching (exact, coarsened
 *		exact, propensity subclasses) and MatchIt's matching weights.
 */
#ifndef CAUSAL_MATCH_H
#define CAUSAL_MATCH_H

/*
 * A nearest-neighbour problem.  Rows are in tie-break order (the order of the
 * user's id column).  The focal units (the treated for the ATT) are matched,
 * in the order given, to the nearest eligible other units.
 */
typedef struct MatchNearest
{
	int			n;
	const bool *focal;
	const bool *eligible;		/* rows not discarded */
	const int  *stratum;		/* exact-matching strata (0..), or NULL */
	const double *dist;			/* scalar distance per row, or NULL: */
	int			k;				/* then Euclidean distance on n x k coordinates (column-major) */
	const double *coords;
	const int  *order;			/* the focal rows in matching order */
	int			nfocal;
	int			ratio;
	bool		replace;
	double		caliper;		/* > 0: largest allowed distance */
} MatchNearest;

/*
 * Fills mm (n x ratio, row-major by row): the rows matched to each focal row
 * in rounds (first matches for all, then second matches...), -1 where none.
 */
extern void match_nearest(const MatchNearest *p, int *mm);

/*
 * MatchIt's weights from a match matrix: focal rows with a match weigh 1;
 * an other row weighs the sum over its focal rows of 1 / (their number of
 * matches), rescaled so that the matched other rows' weights sum to their
 * count.  subclass (n) gets the pair or set number (1.., in row order of
 * the focal rows) without replacement, 0 for unmatched rows or with
 * replacement.
 */
extern void match_nearest_weights(int n, const bool *focal, const int *mm, int ratio, bool replace,
								  double *w, int64 *subclass);

/*
 * Weights of subclass-based matching: sub (n) holds subclass numbers 0..nsub-1
 * or -1; subclasses without rows of both arms are dropped (sub set to -1).
 * estimand 1 = ATT, 0 = ATC, -1 = ATE, following MatchIt: ATT controls weigh
 * n1_s / n0_s, ATC treated n0_s / n1_s, ATE each arm n_s / n_arm,s; then each
 * arm's weights are rescaled to sum to its matched count.  Returns the number
 * of subclasses kept and renumbers them 0.. in order.
 */
extern int	match_subclass_weights(int n, const double *treat, int *sub, int nsub, int estimand,
								   double *w);

/* Combines per-row integer code columns into stratum numbers 0.. (lexicographic order); returns the count. */
extern int	match_strata(int n, int ncols, int *const *codes, int *stratum);

/*
 * Coarsening of one covariate for coarsened exact matching: with ncuts > 0
 * interior cut points cuts[], else nbins equal-width bins over the range;
 * intervals closed on the right, the lowest bin closed on both sides (R's
 * cut(include.lowest = TRUE)).  Writes bin codes into code.
 */
extern void match_coarsen(int n, const double *x, int nbins, const double *cuts, int ncuts, int *code);

/*
 * Propensity subclasses: cut points at the quantiles (R's type 7) j / nsub of
 * the distance among the rows with use[i] (the focal group, or all), bins
 * closed on the left with the extremes folded in (findInterval(all.inside)),
 * then subclasses lacking either arm merged into their upper neighbour (the
 * last into its lower one).  Returns the number of subclasses.
 */
extern int	match_propensity_subclasses(int n, const double *dist, const double *treat, const bool *use,
										int nsub, int *sub);

/* qsort comparator of doubles, ascending. */

#endif
