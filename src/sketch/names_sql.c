/*
 * names_sql.c
 *		causal.column_names, causal.with_names and causal.column_positions on
 *		the moments and crosstab sketches; column_names and with_names on the
 *		DML sketch (its k + 2 columns: y, d and the covariates).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/sql_args.h"
#include "sketch/crosstab.h"
#include "sketch/dml_folds.h"
#include "sketch/moments.h"
#include "sketch/sketch_names.h"

/* The 1-based positions of the columns named by argument 1, as an int[]. */
static ArrayType *
Positions(FunctionCallInfo fcinfo, char *const *names, int k, const char *typname)
{
	char	  **wanted;
	int			n;
	Datum	   *out;

	if (PG_ARGISNULL(1))
		ereport_user((errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					  errmsg("argument \"names\" of causal.column_positions must not be NULL"),
					  errhint("Pass the names of the columns whose positions you want.")));
	wanted = sql_args_names(PG_GETARG_ARRAYTYPE_P(1), "causal.column_positions", "names", 0, &n);
	out = palloc(sizeof(Datum) * Max(n, 1));
	for (int i = 0; i < n; i++)
		out[i] = Int32GetDatum(sketch_names_position(names, k, wanted[i], typname) + 1);
	return construct_array(out, n, INT4OID, sizeof(int32), true, TYPALIGN_INT);
}

PG_FUNCTION_INFO_V1(moments_column_names);
/* causal.column_names(m): the names, or NULL for an unnamed sketch. */
Datum
moments_column_names(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);

	if (m->names == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sketch_names_array(m->names, m->k));
}

PG_FUNCTION_INFO_V1(moments_with_names);
/* causal.with_names(m, names): the sketch with these names (NULL: without names). */
Datum
moments_with_names(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);

	m->names = sketch_names_from_array(PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1), m->k,
									   "causal.moments");
	PG_RETURN_POINTER(moments_flatten(m));
}

PG_FUNCTION_INFO_V1(moments_column_positions);
/* causal.column_positions(m, names): 1-based positions of named columns. */
Datum
moments_column_positions(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);

	PG_RETURN_ARRAYTYPE_P(Positions(fcinfo, m->names, m->k, "causal.moments"));
}

PG_FUNCTION_INFO_V1(crosstab_column_names);
/* causal.column_names(c): the names, or NULL for an unnamed crosstab. */
Datum
crosstab_column_names(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	char	  **names = crosstab_flat_names(f);

	if (names == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sketch_names_array(names, f->k));
}

PG_FUNCTION_INFO_V1(crosstab_with_names);
/* causal.with_names(c, names): the crosstab with these names (NULL: without names). */
Datum
crosstab_with_names(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	char	  **names = sketch_names_from_array(PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1),
												f->k, "causal.crosstab");

	PG_RETURN_POINTER(crosstab_flat_with_names(f, names));
}

PG_FUNCTION_INFO_V1(crosstab_column_positions);
/* causal.column_positions(c, names): 1-based positions of named columns. */
Datum
crosstab_column_positions(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);

	PG_RETURN_ARRAYTYPE_P(Positions(fcinfo, crosstab_flat_names(f), f->k, "causal.crosstab"));
}

PG_FUNCTION_INFO_V1(dml_sketch_column_names);
/* causal.column_names(s): the names of y, d and the covariates, or NULL when unnamed. */
Datum
dml_sketch_column_names(PG_FUNCTION_ARGS)
{
	DmlSketch  *s = dml_folds_arg(fcinfo, 0);

	if (s->names == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sketch_names_array(s->names, s->k + 2));
}

PG_FUNCTION_INFO_V1(dml_sketch_with_names);
/* causal.with_names(s, names): the DML sketch with these names (NULL: without names). */
Datum
dml_sketch_with_names(PG_FUNCTION_ARGS)
{
	DmlSketch  *s;

	if (PG_ARGISNULL(0))
		ereport_user((errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					  errmsg("the DML sketch (argument 1) is NULL"),
					  errhint("An aggregate over no rows gives NULL; check the WHERE clause or the table.")));
	s = dml_folds_arg(fcinfo, 0);
	/* the flat form with the new names after its sums (no copy of the sums beyond that one) */
	PG_RETURN_POINTER(dml_folds_flat_with_names(dml_folds_flatten(s),
												sketch_names_from_array(PG_ARGISNULL(1) ? NULL :
																		PG_GETARG_ARRAYTYPE_P(1),
																		s->k + 2, "causal.dml_sketch")));
}
