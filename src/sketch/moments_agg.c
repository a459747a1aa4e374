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
#include "sketch/row_args.h"
#include "sketch/sketch_names.h"

/* An empty expanded state shaped like m: its width, weighting and column names. */
static MomentsExpanded *
StateLike(MemoryContext aggcxt, const Moments *m, bool buffered)
{
	MomentsExpanded *e = moments_expanded_new(aggcxt, m->k, m->weighted, buffered);
	MemoryContext old = MemoryContextSwitchTo(e->hdr.eoh_context);

	e->m.names = sketch_names_copy(m->names, m->k);
	MemoryContextSwitchTo(old);
	return e;
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
	e = StateLike(aggcxt, m, buffered);
	moments_merge(&e->m, m);
	return e;
}

/* Shared transition: adds one row to the state (weighted when weighted). */
static Datum
MomentsTransition(FunctionCallInfo fcinfo, bool weighted)
{
	const char *fn = weighted ? "causal.moments_weighted" : "causal.moments";
	MemoryContext aggcxt;
	RowArgs    *c;
	MomentsExpanded *e;
	double	   *row = NULL;
	double		w = 1.0;
	int			k = -1;
	bool		use;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s transition function called outside an aggregate", fn)));
	c = row_args_get(fcinfo, weighted ? 2 : 1, fn);
	use = row_args_read(fcinfo, c, fn, &row, &k);
	if (weighted)
	{
		if (PG_ARGISNULL(1))
			use = false;
		else
		{
			w = PG_GETARG_FLOAT8(1);
			if (!isfinite(w))
				row_args_not_finite(fn, 1);
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
		e = StateLike(aggcxt, b, false);
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
