/*
 * sql_args.h
 *		Checks on the arguments of SQL-callable functions declared CALLED ON
 *		NULL INPUT: a NULL where a value is needed is an error naming the
 *		argument, never a read through a null pointer.
 */
#ifndef CAUSAL_SQL_ARGS_H
#define CAUSAL_SQL_ARGS_H

#include "fmgr.h"

/* Bit of argument a (0-based) in a nullable mask. */
#define SQL_ARG(a) ((uint64) 1 << (a))

/*
 * Raises 22004 naming (by its SQL name) the first NULL argument of the call
 * that is not in the nullable bit mask.
 */
extern void sql_args_not_null(FunctionCallInfo fcinfo, const char *fn, uint64 nullable);

#endif
