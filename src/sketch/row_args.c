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
#include "utils/memutils.h"

#include "core/sql_args.h"
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

/* The base type of argument a; an error when the call does not tell it. */
static Oid
ArgType(FunctionCallInfo fcinfo, int a, const char *fn)
{
	Oid			t = sql_args_type(fcinfo, a);

	if (!OidIsValid(t))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s was called without the types of its arguments", fn),
				 errhint("A distributed planner that calls transition functions directly needs the double precision overloads: cast the columns, for example x::float8.")));
	return getBaseType(t);
}

/*
 * Citus's partial aggregates call the transition function with a new FmgrInfo
 * for every row: no fn_extra survives and there is no call expression, so the
 * types come from pg_proc.  What that yields is kept here for the backend's
 * life, per function (its declared types never change), in a few slots.
 */
#define DECLARED_SLOTS 64
static struct
{
	Oid			fn_oid;
	RowArgs    *args;
}			declared[DECLARED_SLOTS];
static int	declared_next;

/* Inspects the call's argument types once and caches them in fn_extra. */
RowArgs *
row_args_get(FunctionCallInfo fcinfo, int first, const char *fn)
{
	RowArgs    *c = fcinfo->flinfo->fn_extra;
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	bool		no_expr = fcinfo->flinfo->fn_expr == NULL;
	int			i;

	if (c != NULL)
		return c;
	if (no_expr)
	{
		for (i = 0; i < DECLARED_SLOTS; i++)
			if (declared[i].args != NULL && declared[i].fn_oid == fcinfo->flinfo->fn_oid &&
				declared[i].args->first == first)
				return fcinfo->flinfo->fn_extra = declared[i].args;
		/* kept while slots last (never freed: an FmgrInfo may point at it); then per call */
		if (declared_next < DECLARED_SLOTS)
			mcxt = TopMemoryContext;
		else
			no_expr = false;
	}
	c = MemoryContextAllocZero(mcxt, sizeof(RowArgs));
	c->first = first;
	/* f(..., VARIADIC arr), or the overload that takes one float8[] argument */
	c->array_form = get_fn_expr_variadic(fcinfo->flinfo) ||
		(PG_NARGS() == first + 1 && ArgType(fcinfo, first, fn) == FLOAT8ARRAYOID);
	if (c->array_form)
	{
		Oid			t = ArgType(fcinfo, first, fn);

		if (PG_NARGS() != first + 1 || t != FLOAT8ARRAYOID)
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
		c->types = MemoryContextAlloc(mcxt, sizeof(Oid) * c->k);
		c->row = MemoryContextAlloc(mcxt, sizeof(double) * c->k);
		for (i = 0; i < c->k; i++)
		{
			Oid			t = ArgType(fcinfo, first + i, fn);

			if (t != FLOAT8OID && t != FLOAT4OID && t != INT2OID && t != INT4OID &&
				t != INT8OID && t != NUMERICOID)
				BadType(fn, first + i, t);
			c->types[i] = t;
		}
	}
	if (no_expr)
	{
		declared[declared_next].fn_oid = fcinfo->flinfo->fn_oid;
		declared[declared_next].args = c;
		declared_next++;
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

