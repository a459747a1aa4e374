/*
 * row_args.c
 *		Reading the numeric data arguments of the sketch aggregates, a row at
 *		a time (see row_args.h).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "sketch/row_args.h"

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
RowArgs *
row_args_get(FunctionCallInfo fcinfo, int first, const char *fn)
{
	RowArgs    *c = fcinfo->flinfo->fn_extra;
	int			i;

	if (c != NULL)
		return c;
	c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RowArgs));
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
void
row_args_not_finite(const char *fn, int argpos)
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
bool
row_args_read(FunctionCallInfo fcinfo, RowArgs *c, const char *fn, double **row, int *k)
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
				row_args_not_finite(fn, c->first + i);
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
			row_args_not_finite(fn, c->first + i);
		c->row[i] = v;
	}
	return true;
}

