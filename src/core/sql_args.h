/*
 * sql_args.h
 *		The one reader of SQL arguments shared by every family: NULL checks
 *		(a NULL where a value is needed is an error naming the argument,
 *		never a read through a null pointer), lists of column names (text[])
 *		and keyword arguments (method, distance, ... one of a fixed list).
 */
#ifndef CAUSAL_SQL_ARGS_H
#define CAUSAL_SQL_ARGS_H

#include "fmgr.h"
#include "utils/array.h"

/* Bit of argument a (0-based) in a nullable mask. */
#define SQL_ARG(a) ((uint64) 1 << (a))

/*
 * Raises 22004 naming (by its SQL name) the first NULL argument of the call
 * that is not in the nullable bit mask.
 */
extern void sql_args_not_null(FunctionCallInfo fcinfo, const char *fn, uint64 nullable);

/*
 * The names of a text[] argument (arg, for messages): n of them, palloc'd;
 * a NULL element is 22004, fewer than min_count names 22023.
 */
extern char **sql_args_names(ArrayType *a, const char *fn, const char *arg, int min_count, int *n);

/* Whether option value names choice: case and blanks around it do not matter. */
extern bool sql_args_is(const char *value, const char *choice);

/*
 * The position of value among the NULL-terminated choices of argument arg,
 * ignoring case and surrounding blanks; anything else is 22023 listing the
 * choices (with hint, when not NULL, as the error's hint; sql_args_choice
 * gives none beyond the list).
 */
extern int	sql_args_choice_hint(const char *value, const char *fn, const char *arg,
								 const char *const *choices, const char *hint);
#define sql_args_choice(value, fn, arg, choices) \
	sql_args_choice_hint((value), (fn), (arg), (choices), NULL)

/*
 * The choice value names, spelled as in choices (so that later code may
 * compare it with strcmp); errors as sql_args_choice.
 */
extern const char *sql_args_canonical(const char *value, const char *fn, const char *arg,
									  const char *const *choices);

/*
 * The type of argument a (0-based) of the call: from the call's expression,
 * or, when the caller built no expression (Citus's worker_partial_agg_sfunc
 * calls transition functions that way), the type the function declares;
 * InvalidOid when neither tells (a declared "any" without an expression).
 */
extern Oid	sql_args_type(FunctionCallInfo fcinfo, int a);

/*
 * An option renamed for one vocabulary across the families: the value of the
 * new argument new_arg, or of the deprecated old_arg (with a WARNING, SQLSTATE
 * 01P01, naming the new one); both given is an error.  *given is false when
 * neither is (the caller's default applies).
 */
extern Datum sql_args_renamed(FunctionCallInfo fcinfo, const char *fn, int new_arg, const char *new_name,
							  int old_arg, const char *old_name, bool *given);

/* The WARNING for a deprecated argument old_name; use instead. */
extern void sql_args_deprecated(const char *fn, const char *old_name, const char *instead);

/*
 * Errors about a user's argument (a NULL, an unknown option or column) are
 * raised without the context of the functions between the user's call and
 * the check: the PL/pgSQL wrappers and the SQL they generate would print
 * lines the user did not write.  Call right before ereport(ERROR); the
 * handlers that catch the error restore the context stack.
 */
static inline void
sql_args_user_error(void)
{
	error_context_stack = NULL;
}

#define ereport_user(...) \
	do { \
		sql_args_user_error(); \
		ereport(ERROR, __VA_ARGS__); \
		pg_unreachable(); \
	} while (0)

#endif
