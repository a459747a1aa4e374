/*
 * sql_args.c
 *		The argument reader shared by the SQL-callable functions: the NULL
 *		check of those CALLED ON NULL INPUT (they take optional arguments whose
 *		NULL means "default"), naming the argument by its name in pg_proc so
 *		that the message follows the SQL signature without a second list of
 *		names in C; lists of column names; keyword arguments.
 */
#include "postgres.h"

#include <ctype.h>


#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
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
			ereport_user(
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: argument \"%s\" must not be NULL", fn, ArgName(fcinfo, a)),
					 errhint("Pass a value, or leave an argument with a default out to use the default.")));
}

char	  **
sql_args_names(ArrayType *a, const char *fn, const char *arg, int min_count, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	char	  **out;

	deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, n);
	if (*n < min_count)
		ereport_user(
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must name at least %d column%s", fn, arg, min_count, min_count == 1 ? "" : "s"),
				 errhint("For example %s => ARRAY['x1', 'x2'].", arg)));
	out = palloc(sizeof(char *) * Max(*n, 1));
	for (int j = 0; j < *n; j++)
	{
		if (nulls[j])
			ereport_user(
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: %s contains a NULL", fn, arg),
					 errhint("Every element must name a column.")));
		out[j] = TextDatumGetCString(elems[j]);
	}
	return out;
}

bool
sql_args_is(const char *value, const char *choice)
{
	size_t		len = strlen(value);

	/* case and surrounding blanks do not matter: 'ATT', 'att' and ' att ' are one option */
	while (len > 0 && isspace((unsigned char) *value))
		value++, len--;
	while (len > 0 && isspace((unsigned char) value[len - 1]))
		len--;
	return strlen(choice) == len && pg_strncasecmp(value, choice, len) == 0;
}

int
sql_args_choice_hint(const char *value, const char *fn, const char *arg, const char *const *choices,
					 const char *hint)
{
	StringInfoData list;

	for (int i = 0; choices[i] != NULL; i++)
		if (sql_args_is(value, choices[i]))
			return i;
	initStringInfo(&list);
	for (int i = 0; choices[i] != NULL; i++)
		appendStringInfo(&list, "%s%s", i == 0 ? "" : (choices[i + 1] == NULL ? " or " : ", "), choices[i]);
	ereport_user(
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s must be %s, got \"%s\"", fn, arg, list.data, value),
			 hint != NULL ? errhint("%s", hint) : 0));
	return -1;					/* not reached */
}

const char *
sql_args_canonical(const char *value, const char *fn, const char *arg, const char *const *choices)
{
	return choices[sql_args_choice_hint(value, fn, arg, choices, NULL)];
}

Oid
sql_args_type(FunctionCallInfo fcinfo, int a)
{
	Oid			t = get_fn_expr_argtype(fcinfo->flinfo, a);
	HeapTuple	tup;

	if (OidIsValid(t))
		return t;
	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));
	if (HeapTupleIsValid(tup))
	{
		Form_pg_proc proc = (Form_pg_proc) GETSTRUCT(tup);

		if (a < proc->pronargs && proc->proargtypes.values[a] != ANYOID)
			t = proc->proargtypes.values[a];
		ReleaseSysCache(tup);
	}
	return t;
}

void
sql_args_deprecated(const char *fn, const char *old_name, const char *instead)
{
	ereport(WARNING,
			(errcode(ERRCODE_WARNING_DEPRECATED_FEATURE),
			 errmsg("%s: argument \"%s\" is deprecated; use %s", fn, old_name, instead),
			 errhint("The old name still works in this release and will be removed in a later one.")));
}

Datum
sql_args_renamed(FunctionCallInfo fcinfo, const char *fn, int new_arg, const char *new_name,
				 int old_arg, const char *old_name, bool *given)
{
	bool		has_new = new_arg < PG_NARGS() && !PG_ARGISNULL(new_arg);
	bool		has_old = old_arg < PG_NARGS() && !PG_ARGISNULL(old_arg);

	if (has_new && has_old)
		ereport_user((errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					  errmsg("%s: pass %s or the deprecated %s, not both", fn, new_name, old_name),
					  errhint("%s is the name of this option now.", new_name)));
	*given = has_new || has_old;
	if (has_old)
	{
		sql_args_deprecated(fn, old_name, psprintf("\"%s\"", new_name));
		return PG_GETARG_DATUM(old_arg);
	}
	return has_new ? PG_GETARG_DATUM(new_arg) : (Datum) 0;
}

PG_FUNCTION_INFO_V1(causal_raise_error);
/*
 * causal.raise_error(condition, message, hint): the PL/pgSQL functions'
 * errors about the user's arguments, raised as ereport_user does, without
 * the wrappers' context (a PL/pgSQL RAISE always adds its function's lines).
 * condition is one of the condition names the wrappers use or a SQLSTATE.
 */
Datum
causal_raise_error(PG_FUNCTION_ARGS)
{
	static const struct
	{
		const char *name;
		int			code;
	}			conditions[] = {
		{"data_exception", ERRCODE_DATA_EXCEPTION},
		{"datatype_mismatch", ERRCODE_DATATYPE_MISMATCH},
		{"feature_not_supported", ERRCODE_FEATURE_NOT_SUPPORTED},
		{"invalid_parameter_value", ERRCODE_INVALID_PARAMETER_VALUE},
		{"null_value_not_allowed", ERRCODE_NULL_VALUE_NOT_ALLOWED},
		{"undefined_column", ERRCODE_UNDEFINED_COLUMN},
		{"unique_violation", ERRCODE_UNIQUE_VIOLATION},
	};
	const char *cond = PG_ARGISNULL(0) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(0));
	const char *msg = PG_ARGISNULL(1) ? "causal: error" : text_to_cstring(PG_GETARG_TEXT_PP(1));
	const char *hint = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	int			code = -1;

	for (int i = 0; i < (int) lengthof(conditions); i++)
		if (strcmp(cond, conditions[i].name) == 0)
			code = conditions[i].code;
	if (code < 0 && strlen(cond) == 5 && strspn(cond, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 5)
		code = MAKE_SQLSTATE(cond[0], cond[1], cond[2], cond[3], cond[4]);
	if (code < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.raise_error: unknown condition \"%s\"", cond),
				 errhint("Pass a SQLSTATE of five characters or one of the condition names it lists.")));
	ereport_user((errcode(code), errmsg_internal("%s", msg), hint ? errhint("%s", hint) : 0));
	PG_RETURN_VOID();
}
