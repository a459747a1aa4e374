/*
 * row_args.h
 *		The numeric data arguments of the sketch aggregates: VARIADIC "any"
 *		(smallint, integer, bigint, real, double precision, numeric columns)
 *		or one VARIADIC double precision[] array, read a row at a time.
 *		Used by causal.moments, causal.moments_weighted and causal.dml_plr.
 */
#ifndef CAUSAL_ROW_ARGS_H
#define CAUSAL_ROW_ARGS_H

#include "fmgr.h"

/* What a transition function learns once per query about its arguments. */
typedef struct RowArgs
{
	int			first;			/* index of the first data argument */
	int			k;				/* data columns (-1: from the array, per row) */
	bool		array_form;		/* called as f(..., VARIADIC float8[]) */
	Oid		   *types;			/* base type of each data argument */
	double	   *row;			/* scratch row of k values */
} RowArgs;

/* The data arguments from position first on, inspected once and cached in fn_extra. */
extern RowArgs *row_args_get(FunctionCallInfo fcinfo, int first, const char *fn);

/*
 * Reads the data arguments of one row into *row; returns false when the row
 * has a NULL and must be skipped.  *k gets the row's column count.  A NaN or
 * infinite value is an error naming the argument.
 */
extern bool row_args_read(FunctionCallInfo fcinfo, RowArgs *c, const char *fn, double **row, int *k);

/* Raises the error for a NaN or infinite value in argument argpos of fn. */
extern void row_args_not_finite(const char *fn, int argpos) pg_attribute_noreturn();

#endif
