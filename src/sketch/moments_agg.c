/*
 * moments_agg.c
 *		Aggregates over causal.moments: moments(VARIADIC "any"),
 *		moments_weighted(w, VARIADIC "any"), merge(moments), and their
 *		transition, combine and final functions.
 *
 * The state type is causal.moments itself.  While rows arrive it is an
 * expanded object in the aggregate's memory context, updated in place; it is
 * flattened whenever it leaves the aggregate (final function, partial
 * aggregate output, text or binary output).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "sketch/moments.h"

/* What a transition function learns once per query about its arguments. */
typedef struct ArgCache
{
	int			first;			/* index of the first data argument */
	int			k;				/* data columns (-1: from the array, per row) */
	bool		array_form;		/* called as moments(VARIADIC float8[]) */
	Oid		   *types;			/* base type of each data argument */
	double	   *row;			/* scratch row of k values */
} ArgCache;

/* Raises the type error for a data argument. */
static void
BadType(const char *fn, int argpos, Oid type)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("argument %d of %s has type %s, which is not numeric",
					argpos, fn, format_type_be(type)),
			 errhint("Pass smallint, integer, bigint, real, double precision or numeric columns; "
					 "cast others, for example col::float8.")));
}

/* Inspects the call's argument types once and caches them in fn_extra. */
static ArgCache *
GetArgCache(FunctionCallInfo fcinfo, int first, const char *fn)
{
	ArgCache   *c = fcinfo->flinfo->fn_extra;
	int			i;

	if (c != NULL)
		return c;
	c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ArgCache));
	c->first = first;
	c->array_form = get_fn_expr_variadic(fcinfo->flinfo);
	if (c->array_form)
	{
		Oid			t = get_fn_expr_argtype(fcinfo->flinfo, first);

		if (PG_NARGS() != first + 1 || getBaseType(t) != FLOAT8ARRAYOID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s(VARIADIC ...) takes a double precision[] array", fn),
					 errhint("Cast the array, for example VARIADIC ARRAY[a, b]::float8[].")));
		c->k = -1;
	}
	else
	{
		c->k = PG_NARGS() - first;
		if (c->k < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s needs at least one column", fn)));
		c->types = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid) * c->k);
		c->row = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(double) * c->k);
		for (i = 0; i < c->k; i++)
		{
			Oid			t = getBaseType(get_fn_expr_argtype(fcinfo->flinfo, first + i));

			if (t != FLOAT8OID && t != FLOAT4OID && t != INT2OID && t != INT4OID &&
				t != INT8OID && t != NUMERICOID)
				BadType(fn, first + i, t);
			c->types[i] = t;
		}
	}
	fcinfo->flinfo->fn_extra = c;
	return c;
}

/* Converts a numeric datum of a cached type to double. */
static inline double
ToDouble(Datum d, Oid type)
{
	switch (type)
	{
		case FLOAT8OID:
			return DatumGetFloat8(d);
		case FLOAT4OID:
			return (double) DatumGetFloat4(d);
		case INT4OID:
			return (double) DatumGetInt32(d);
		case INT8OID:
			return (double) DatumGetInt64(d);
		case INT2OID:
			return (double) DatumGetInt16(d);
		default:
			return DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, d));
	}
}

/* Raises the error for a NaN or infinite value. */
static void
NotFinite(const char *fn, int argpos)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("argument %d of %s is NaN or infinite", argpos, fn),
			 errhint("Filter such rows out or turn them into NULL, for example NULLIF(x, 'NaN').")));
}

/*
 * Reads the data arguments of one row into *row; returns false when the row
 * has a NULL and must be skipped.  *k gets the row's column count.
 */
static bool
ReadRow(FunctionCallInfo fcinfo, ArgCache *c, const char *fn, double **row, int *k)
{
	int			i;

	if (c->array_form)
	{
		ArrayType  *a;
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		if (PG_ARGISNULL(c->first))
			return false;
		a = PG_GETARG_ARRAYTYPE_P(c->first);
		if (ARR_NDIM(a) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s(VARIADIC ...) takes a one-dimensional array", fn)));
		deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
						  &elems, &nulls, &n);
		if (n < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s needs at least one column, got an empty array", fn)));
		*row = palloc(sizeof(double) * n);
		*k = n;
		for (i = 0; i < n; i++)
		{
			if (nulls[i])
				return false;
			(*row)[i] = DatumGetFloat8(elems[i]);
			if (!isfinite((*row)[i]))
				NotFinite(fn, c->first + i);
		}
		return true;
	}
	*row = c->row;
	*k = c->k;
	for (i = 0; i < c->k; i++)
		if (PG_ARGISNULL(c->first + i))
			return false;
	for (i = 0; i < c->k; i++)
	{
		double		v = ToDouble(PG_GETARG_DATUM(c->first + i), c->types[i]);

		if (!isfinite(v))
			NotFinite(fn, c->first + i);
		c->row[i] = v;
	}
	return true;
}

/*
 * The state argument as an expanded sketch that may be changed in place: the
 * one this aggregate made, or else a new one (with a row buffer if buffered)
 * holding a copy of whatever arrived.
 */
static MomentsExpanded *
WritableState(FunctionCallInfo fcinfo, MemoryContext aggcxt, bool buffered)
{
	Datum		d = PG_GETARG_DATUM(0);
	MomentsExpanded *e;
	Moments    *m;

	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		e = (MomentsExpanded *) DatumGetEOHP(d);
		if (MemoryContextGetParent(e->hdr.eoh_context) == aggcxt &&
			(!buffered || e->m.cap > 0))
			return e;
	}
	m = moments_get_arg(fcinfo, 0);
	e = moments_expanded_new(aggcxt, m->k, m->weighted, buffered);
	moments_merge(&e->m, m);
	return e;
}

/* Shared transition: adds one row to the state (weighted when weighted). */
static Datum
MomentsTransition(FunctionCallInfo fcinfo, bool weighted)
{
	const char *fn = weighted ? "causal.moments_weighted" : "causal.moments";
	MemoryContext aggcxt;
	ArgCache   *c;
	MomentsExpanded *e;
	double	   *row = NULL;
	double		w = 1.0;
	int			k = -1;
	bool		use;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s transition function called outside an aggregate", fn)));
	c = GetArgCache(fcinfo, weighted ? 2 : 1, fn);
	use = ReadRow(fcinfo, c, fn, &row, &k);
	if (weighted)
	{
		if (PG_ARGISNULL(1))
			use = false;
		else
		{
			w = PG_GETARG_FLOAT8(1);
			if (!isfinite(w))
				NotFinite(fn, 1);
			if (w < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("weight (argument 1 of %s) is negative: %g", fn, w),
						 errhint("Weights must be zero or positive.")));
		}
	}

	if (PG_ARGISNULL(0))
	{
		if (c->array_form && !use)
			k = -1;				/* unknown until a complete row arrives */
		if (k < 1)
		{
			/* an all-NULL array row before any complete one: nothing to size the sketch by */
			e = NULL;
		}
		else
			e = moments_expanded_new(aggcxt, k, weighted, true);
	}
	else
		e = WritableState(fcinfo, aggcxt, true);

	if (e == NULL)
		PG_RETURN_NULL();
	if (use && k != e->m.k)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s got an array of %d values after arrays of %d", fn, k, e->m.k),
				 errhint("Every row must pass the same number of columns.")));
	if (use)
		moments_add_row(&e->m, row, w);
	else
		e->m.n_skipped++;
	PG_RETURN_DATUM(moments_expanded_datum(e));
}

PG_FUNCTION_INFO_V1(moments_transfn);
/* Transition function of causal.moments(VARIADIC "any"). */
Datum
moments_transfn(PG_FUNCTION_ARGS)
{
	return MomentsTransition(fcinfo, false);
}

PG_FUNCTION_INFO_V1(moments_weighted_transfn);
/* Transition function of causal.moments_weighted(w, VARIADIC "any"). */
Datum
moments_weighted_transfn(PG_FUNCTION_ARGS)
{
	return MomentsTransition(fcinfo, true);
}

PG_FUNCTION_INFO_V1(moments_combine);
/* Combine function, and transition function of causal.merge: merges arg 1 into arg 0. */
Datum
moments_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MomentsExpanded *e;
	Moments    *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.moments combine function called outside an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = moments_get_arg(fcinfo, 1);
	if (PG_ARGISNULL(0))
		e = moments_expanded_new(aggcxt, b->k, b->weighted, false);
	else
	{
		e = WritableState(fcinfo, aggcxt, false);
		moments_flush(&e->m);
	}
	moments_merge(&e->m, b);
	PG_RETURN_DATUM(moments_expanded_datum(e));
}

PG_FUNCTION_INFO_V1(moments_final);
/* Final function: the flat sketch. */
Datum
moments_final(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		PG_RETURN_POINTER(moments_flatten(&((MomentsExpanded *) DatumGetEOHP(d))->m));
	PG_RETURN_DATUM(d);
}
