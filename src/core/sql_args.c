/*
 * sql_args.c
 *		The NULL check shared by the SQL-callable functions that are CALLED ON
 *		NULL INPUT (they take optional arguments whose NULL means "default").
 *		The argument is named by its name in pg_proc, so the message follows the
 *		SQL signature without a second list of names in C.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "funcapi.h"
#include "utils/syscache.h"

#include "core/sql_args.h"

/* The SQL name of argument a of the called function, or "$<a+1>" when it has none. */
static char *
ArgName(FunctionCallInfo fcinfo, int a)
{
	HeapTuple	tup;
	char	   *name = NULL;

	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));
	if (HeapTupleIsValid(tup))
	{
		Oid		   *types;
		char	  **names;
		char	   *modes;
		int			n = get_func_arg_info(tup, &types, &names, &modes),
					in = 0;

		/* the a-th input argument: OUT and TABLE columns take no argument position */
		for (int i = 0; i < n && names != NULL; i++)
		{
			if (modes != NULL && (modes[i] == PROARGMODE_OUT || modes[i] == PROARGMODE_TABLE))
				continue;
			if (in++ == a)
			{
				if (names[i] != NULL && names[i][0] != '\0')
					name = pstrdup(names[i]);
				break;
			}
		}
		ReleaseSysCache(tup);
	}
	return name != NULL ? name : psprintf("$%d", a + 1);
}

void
sql_args_not_null(FunctionCallInfo fcinfo, const char *fn, uint64 nullable)
{
	for (int a = 0; a < PG_NARGS(); a++)
		if (PG_ARGISNULL(a) && !(nullable & SQL_ARG(a)))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: argument \"%s\" must not be NULL", fn, ArgName(fcinfo, a)),
					 errhint("Pass a value, or leave an argument with a default out to use the default.")));
}
