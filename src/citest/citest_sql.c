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
#include "utils/memutils.h"

#include "citest/citest.h"
#include "core/sql_args.h"
#include "sketch/crosstab_funcs.h"
#include "sketch/moments_funcs.h"
#include "sketch/sketch_args.h"

const char *const citest_discrete_methods[] = {"chisq", "gsq", NULL};

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

/*
 * What a call site keeps between calls: the blessed result descriptor, and
 * the last sketch argument (its raw bytes and its unpacked form), so that a
 * query testing many pairs on one sketch unpacks it once.
 */
typedef struct CiCallCache
{
	TupleDesc	tupdesc;
	char	   *raw;
	Size		rawlen;
	Moments    *m;
} CiCallCache;

/* The call site's cache. */
static CiCallCache *
CallCache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(CiCallCache));
	return fcinfo->flinfo->fn_extra;
}

/* The moments argument, unpacked once for a run of calls with equal bytes. */
static Moments *
CachedMoments(FunctionCallInfo fcinfo, int argno)
{
	CiCallCache *c = CallCache(fcinfo);
	struct varlena *raw = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(argno));
	Size		len;
	MomentsFlat *flat;
	MemoryContext old;

	if (VARATT_IS_EXTERNAL_EXPANDED(raw))
		return moments_get_arg(fcinfo, argno);
	len = VARSIZE_ANY(raw);
	if (c->m != NULL && c->rawlen == len && memcmp(c->raw, raw, len) == 0)
		return c->m;
	if (c->m != NULL)
	{
		pfree(c->raw);
		pfree(c->m->shift);
		pfree(c->m->delta);
		pfree(c->m->comoment);
		if (c->m->names != NULL)
		{
			for (int j = 0; j < c->m->k; j++)
				pfree(c->m->names[j]);
			pfree(c->m->names);
		}
		pfree(c->m);
		c->m = NULL;
	}
	flat = (MomentsFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));	/* per-call memory */
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	c->raw = palloc(len);
	memcpy(c->raw, raw, len);
	c->rawlen = len;
	c->m = palloc(sizeof(Moments));
	moments_unflatten(flat, c->m);
	MemoryContextSwitchTo(old);
	return c->m;
}

/* Builds the causal.ci_result row (the blessed descriptor is cached per call site). */
Datum
citest_result_datum(FunctionCallInfo fcinfo, const CiResult *r, double alpha)
{
	CiCallCache *c = CallCache(fcinfo);
	TupleDesc	tupdesc = c->tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "ci_test must return a composite type");
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		c->tupdesc = tupdesc;
	}
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
	Moments    *m = CachedMoments(fcinfo, 0);
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
	int			ns;
	int		   *s;
	bool		gsq;
	CiResult	r;

	gsq = sql_args_choice_hint(method, "causal.ci_test", "method", citest_discrete_methods,
							   CITEST_DISCRETE_HINT) == 1;
	s = sketch_index_array(f->k, given, "given", "causal.crosstab", &ns);
	citest_check_levels(f, x, NULL, "causal.ci_test");
	citest_check_levels(f, y, NULL, "causal.ci_test");
	for (int j = 0; j < ns; j++)
		citest_check_levels(f, s[j], NULL, "causal.ci_test");
	r = citest_contingency(f, x, y, s, ns, gsq);
	PG_RETURN_DATUM(citest_result_datum(fcinfo, &r, alpha));
}

PG_FUNCTION_INFO_V1(ci_test_check_levels);
/*
 * causal.ci_test_check_levels(c causal.crosstab, names text[]): the level
 * check of the discrete tests with the columns named (the table form of
 * causal.ci_test knows the names; the sketch form only positions).
 */
Datum
ci_test_check_levels(PG_FUNCTION_ARGS)
{
	CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);
	int			nn;
	char	  **names = sql_args_names(PG_GETARG_ARRAYTYPE_P(1), "causal.ci_test", "names", 0, &nn);

	citest_check_all_levels(f, names, nn, "causal.ci_test");
	PG_RETURN_VOID();
}
