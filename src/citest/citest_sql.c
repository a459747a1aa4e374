/*
 * citest_sql.c
 *		SQL entry points of the conditional-independence tests on sketches:
 *		causal.ci_test(causal.moments, ...) and causal.ci_test(causal.crosstab, ...).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "citest/citest.h"
#include "sketch/crosstab_funcs.h"
#include "sketch/moments_funcs.h"

/* Checks a significance level. */
double
citest_alpha(double alpha)
{
	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"alpha\" must lie in (0, 1), got %g", alpha)));
	return alpha;
}

/* Builds the causal.ci_result row. */
Datum
citest_result_datum(FunctionCallInfo fcinfo, const CiResult *r, double alpha)
{
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "ci_test must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = CStringGetTextDatum(r->method);
	values[1] = Float8GetDatum(r->statistic);
	values[2] = Float8GetDatum(r->p_value);
	if (isnan(r->dof))
		nulls[3] = true;
	else
		values[3] = Float8GetDatum(r->dof);
	values[4] = Int64GetDatum(r->n);
	values[5] = BoolGetDatum(r->p_value > alpha);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(ci_test_moments);
/* causal.ci_test(m causal.moments, x, y, given, alpha): Fisher-z. */
Datum
ci_test_moments(PG_FUNCTION_ARGS)
{
	Moments    *m = moments_get_arg(fcinfo, 0);
	int			x = moments_column_index(m, PG_GETARG_INT32(1), "x");
	int			y = moments_column_index(m, PG_GETARG_INT32(2), "y");
	int			ns;
	int		   *s = moments_index_array(m, PG_GETARG_ARRAYTYPE_P(3), "given", &ns);
	double		alpha = citest_alpha(PG_GETARG_FLOAT8(4));
	CiResult	r = citest_fisherz(m, x, y, s, ns);

	PG_RETURN_DATUM(citest_result_datum(fcinfo, &r, alpha));
}

PG_FUNCTION_INFO_V1(ci_test_crosstab);
/* causal.ci_test(c causal.crosstab, x, y, given, method, alpha): chi-square or G-squared. */
Datum
ci_test_crosstab(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	int			x = crosstab_column_index(f, PG_GETARG_INT32(1), "x");
	int			y = crosstab_column_index(f, PG_GETARG_INT32(2), "y");
	ArrayType  *given = PG_GETARG_ARRAYTYPE_P(3);
	char	   *method = text_to_cstring(PG_GETARG_TEXT_PP(4));
	double		alpha = citest_alpha(PG_GETARG_FLOAT8(5));
	Datum	   *elems;
	bool	   *nulls;
	int			ns,
				i;
	int		   *s;
	bool		gsq;
	CiResult	r;

	if (strcmp(method, "chisq") == 0)
		gsq = false;
	else if (strcmp(method, "gsq") == 0)
		gsq = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"method\" must be 'chisq' or 'gsq' for a crosstab, got '%s'", method),
				 errhint("Fisher-z runs on a causal.moments sketch.")));
	if (ARR_NDIM(given) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"given\" must be a one-dimensional int[]")));
	deconstruct_array(given, INT4OID, sizeof(int32), true, TYPALIGN_INT, &elems, &nulls, &ns);
	s = palloc(sizeof(int) * Max(ns, 1));
	for (i = 0; i < ns; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"given\" contains a NULL")));
		s[i] = crosstab_column_index(f, DatumGetInt32(elems[i]), "given");
	}
	r = citest_contingency(f, x, y, s, ns, gsq);
	PG_RETURN_DATUM(citest_result_datum(fcinfo, &r, alpha));
}
