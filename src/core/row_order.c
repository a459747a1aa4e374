/*
 * row_order.c
 *		The canonical order of rows (see row_order.h).  By hash first: one
 *		64-bit comparison almost always decides, where a sort by the values
 *		would go column after column whenever the first has ties (a binary
 *		treatment first, say).  The order is only a starting point: the
 *		callers shuffle it with their seed.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/memutils.h"

#include "core/row_order.h"

typedef struct RowKey
{
	uint64		h;
	int			i;
} RowKey;

/* The comparator's view of the columns (qsort passes no context). */
static const double *const *sort_cols;
static int	sort_k;

/* murmur3's 64-bit finalizer */
static inline uint64
Mix(uint64 h)
{
	h ^= h >> 33;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64CONST(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

static int
CmpKey(const void *a, const void *b)
{
	const RowKey *x = a,
			   *y = b;

	/* as signed numbers: the order of causal.row_key's bigint in SQL */
	if (x->h != y->h)
		return (int64) x->h < (int64) y->h ? -1 : 1;
	for (int j = 0; j < sort_k; j++)
	{
		double		u = sort_cols[j][x->i],
					v = sort_cols[j][y->i];

		if (u != v)
			return u < v ? -1 : 1;
	}
	return 0;
}

uint64
row_order_mix(uint64 h, uint64 x)
{
	return Mix(h ^ x);
}

uint64
row_order_hash(const double *v, int k)
{
	uint64		h = UINT64CONST(0x9E3779B97F4A7C15);

	for (int j = 0; j < k; j++)
	{
		double		x = v[j] == 0.0 ? 0.0 : v[j];	/* -0 as +0 */
		uint64		bits;

		memcpy(&bits, &x, sizeof(bits));
		h = Mix(h ^ bits);
	}
	return h;
}

void
row_order_canonical(int n, int k, const double *const *cols, int *perm)
{
	RowKey	   *keys = palloc_extended(sizeof(RowKey) * Max(n, 1), MCXT_ALLOC_HUGE);
	double	   *row = palloc(sizeof(double) * Max(k, 1));

	for (int i = 0; i < n; i++)
	{
		for (int j = 0; j < k; j++)
			row[j] = cols[j][i];
		keys[i].h = row_order_hash(row, k);
		keys[i].i = i;
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	sort_cols = cols;
	sort_k = k;
	qsort(keys, n, sizeof(RowKey), CmpKey);
	for (int i = 0; i < n; i++)
		perm[i] = keys[i].i;
	pfree(keys);
	pfree(row);
}

PG_FUNCTION_INFO_V1(causal_row_key);
/*
 * SQL causal.row_key(values float8[]): the sort key of a row in the
 * canonical order, so that SQL can number rows as the C code orders them:
 * ORDER BY causal.row_key(ARRAY[a, b, c]), a, b, c.
 */
Datum
causal_row_key(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	double	   *v;
	uint64		h;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("causal.row_key takes a one-dimensional array")));
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	v = palloc(sizeof(double) * Max(n, 1));
	for (int j = 0; j < n; j++)
	{
		if (nulls[j])
			PG_RETURN_NULL();
		v[j] = DatumGetFloat8(elems[j]);
	}
	h = row_order_hash(v, n);
	PG_RETURN_INT64((int64) h);
}
