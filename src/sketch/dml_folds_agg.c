/*
 * dml_folds_agg.c
 *		The transition, combine and sketch-final functions of the aggregates
 *		causal.dml_plr, causal.dml_plr_sketch and causal.merge(causal.dml_sketch).
 *		The state is an expanded causal.dml_sketch updated in place.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"

#include "sketch/dml_folds.h"
#include "sketch/row_args.h"

PG_FUNCTION_INFO_V1(dml_plr_accum);
/* Transition: (state, fold bigint, y, d, VARIADIC x "any"). */
Datum
dml_plr_accum(PG_FUNCTION_ARGS)
{
	const char *fn = "causal.dml_plr";
	MemoryContext aggcxt;
	DmlExpanded *e;
	DmlSketch  *s;
	RowArgs    *args;
	double	   *x,
				z[DML_MAX_K + 3];
	int			k = -1;
	bool		use;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.dml_plr transition function called outside an aggregate")));
	args = row_args_get(fcinfo, 4, fn);
	use = row_args_read(fcinfo, args, fn, &x, &k);
	if (!use && k < 1)
	{
		/* a NULL covariate array: skipped, but it cannot size a new state */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		e = dml_folds_writable(fcinfo, aggcxt);
		e->s->n_skipped++;
		PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
	}
	if (k < 1 || k > DML_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_plr takes 1 to %d covariates, got %d", DML_MAX_K, k),
				 errhint("The one-scan form keeps fourth moments, O(k^4) per fold; use causal.dml for more covariates.")));
	e = PG_ARGISNULL(0) ? dml_folds_expanded_new(aggcxt, k) : dml_folds_writable(fcinfo, aggcxt);
	s = e->s;
	if (s->k != k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.dml_plr: rows with %d and %d covariates", s->k, k)));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || !use)
	{
		s->n_skipped++;
		PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
	}
	z[0] = 1.0;
	z[1] = PG_GETARG_FLOAT8(2);
	z[2] = PG_GETARG_FLOAT8(3);
	for (int i = 1; i <= 2; i++)
		if (!isfinite(z[i]))
			row_args_not_finite(fn, i + 1);
	memcpy(z + 3, x, sizeof(double) * k);
	dml_folds_add_row(s, dml_folds_slot(s, PG_GETARG_INT64(1)), z);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

PG_FUNCTION_INFO_V1(dml_plr_combine);
/* Combine function, and transition function of causal.merge(causal.dml_sketch). */
Datum
dml_plr_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	DmlExpanded *e;
	DmlSketch  *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.dml_sketch combine function called outside an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = dml_folds_arg(fcinfo, 1);
	if (PG_ARGISNULL(0))
	{
		e = dml_folds_expanded_new(aggcxt, b->k);
		dml_folds_set_names(e->s, b->names);	/* a new state takes the names of what it merges */
	}
	else
	{
		e = dml_folds_writable(fcinfo, aggcxt);
		dml_folds_settle(e->s);
	}
	dml_folds_merge(e->s, b);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

PG_FUNCTION_INFO_V1(dml_plr_final_sketch);
/* Final function of causal.dml_plr_sketch and causal.merge: the flat sketch. */
Datum
dml_plr_final_sketch(PG_FUNCTION_ARGS)
{
	Datum		d;

	/* no row (zero rows, an all-filtered group, only NULL covariates): no sketch */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = PG_GETARG_DATUM(0);
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		PG_RETURN_POINTER(dml_folds_flatten(((DmlExpanded *) DatumGetEOHP(d))->s));
	PG_RETURN_DATUM(d);
}
