/*
 * row_order.h
 *		A canonical order of rows that depends on their values only, not on
 *		the order a scan delivers them in: what seeded draws over rows
 *		(cross-fitting folds, subsamples, bootstrap weights) start from, so
 *		that a seed gives the same answer after an UPDATE or CLUSTER, under a
 *		parallel scan or on Citus.
 */
#ifndef CAUSAL_ROW_ORDER_H
#define CAUSAL_ROW_ORDER_H

/*
 * Fills perm (n) with the rows 0..n-1 in canonical order: ascending by a
 * 64-bit hash of each row's values cols[0][i], ..., cols[k-1][i] (murmur3's
 * finalizer chained over the columns' bits, -0 read as +0), ties by the values
 * themselves.  Rows equal in every column are interchangeable, so their
 * relative order does not matter.
 */
extern void row_order_canonical(int n, int k, const double *const *cols, int *perm);

/* The hash of one row's k values that orders it (causal.row_key in SQL). */
extern uint64 row_order_hash(const double *v, int k);

/* h mixed with x (murmur3's finalizer of h xor x): to key a hash on more. */
extern uint64 row_order_mix(uint64 h, uint64 x);

#endif
