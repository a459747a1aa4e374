/*
 * sketch_args.c
 *		Checks of the column positions passed to functions on sketches.
 */
#include "postgres.h"

#include "catalog/pg_type.h"

#include "core/sql_args.h"
#include "sketch/sketch_args.h"

/* Checks a 1-based column position; returns it 0-based. */
int
sketch_column_index(int k, int32 idx, const char *argname, const char *aggname)
{
	if (idx < 1 || idx > k)
		ereport_user(
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" = %d is not a column of the sketch (1 to %d)",
						argname, idx, k),
				 errhint("Columns are numbered from 1 in the order they were passed to %s.", aggname)));
	return idx - 1;
}

/* Reads an int[] of 1-based column positions into 0-based ones. */
int *
sketch_index_array(int k, ArrayType *a, const char *argname, const char *aggname, int *count)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	int		   *out;

	if (ARR_NDIM(a) > 1)
		ereport_user(
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"%s\" must be a one-dimensional int[]", argname)));
	deconstruct_array(a, INT4OID, sizeof(int32), true, TYPALIGN_INT, &elems, &nulls, &n);
	out = palloc(sizeof(int) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport_user(
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"%s\" contains a NULL", argname)));
		out[i] = sketch_column_index(k, DatumGetInt32(elems[i]), argname, aggname);
	}
	*count = n;
	return out;
}
