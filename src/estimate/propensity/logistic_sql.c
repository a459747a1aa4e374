/*
 * logistic_sql.c
 *		SQL entry points of the logistic (propensity) model over arrays:
 *		causal.logistic_fit(y, x, names, ridge) and causal.logistic_scores(...).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "citest/kernel_sql.h"
#include "core/distributions.h"
#include "estimate/propensity/logistic.h"

/* Reads y (0/1), x and names, and fits. */
static LogisticFit *
FitArgs(FunctionCallInfo fcinfo, int *n_out, char ***names_out)
{
	int			n,
				ny,
				dy,
				d,
				i;
	double	   *y,
			   *x;
	char	  **names;
	double		ridge;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("y, x and ridge of the logistic model must not be NULL")));
	y = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(0), "y", &ny, &dy);
	x = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(1), "x", &n, &d);
	ridge = PG_GETARG_FLOAT8(3);
	if (ny != n || dy != 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("y must hold one value per row of x (%d rows), got %d", n, ny)));
	if (!(ridge >= 0.0) || isinf(ridge))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"ridge\" must be zero or positive, got %g", ridge)));
	for (i = 0; i < n; i++)
		if (y[i] != 0.0 && y[i] != 1.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the treatment must be 0 or 1; row %d has %g", i + 1, y[i]),
					 errhint("Recode the treatment as 0/1 or boolean.")));
	if (n <= d + 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("the logistic model needs more rows than coefficients: n = %d, coefficients = %d", n, d + 1)));
	names = palloc(sizeof(char *) * Max(d, 1));
	if (!PG_ARGISNULL(2))
	{
		Datum	   *elems;
		bool	   *nulls;
		int			nn;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(2), TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &nn);
		if (nn != d)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("argument \"names\" has %d names for %d covariates", nn, d)));
		for (i = 0; i < d; i++)
			names[i] = nulls[i] ? psprintf("x%d", i + 1) : TextDatumGetCString(elems[i]);
	}
	else
		for (i = 0; i < d; i++)
			names[i] = psprintf("x%d", i + 1);
	*n_out = n;
	*names_out = names;
	return logistic_fit(n, d + 1, x, y, ridge, names);
}

PG_FUNCTION_INFO_V1(logistic_fit_sql);
/* causal.logistic_fit(y, x, names, ridge): one row per coefficient. */
Datum
logistic_fit_sql(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			n,
				j;
	char	  **names;
	LogisticFit *f = FitArgs(fcinfo, &n, &names);

	InitMaterializedSRF(fcinfo, 0);
	for (j = 0; j < f->p; j++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		double		z = f->beta[j] / f->se[j];

		values[0] = CStringGetTextDatum(j == 0 ? "intercept" : names[j - 1]);
		values[1] = Float8GetDatum(f->beta[j]);
		values[2] = Float8GetDatum(f->se[j]);
		values[3] = Float8GetDatum(z);
		values[4] = Float8GetDatum(dist_normal_two_sided(z));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(logistic_scores_sql);
/* causal.logistic_scores(y, x, names, ridge): fitted probabilities, in row order. */
Datum
logistic_scores_sql(PG_FUNCTION_ARGS)
{
	int			n,
				i;
	char	  **names;
	LogisticFit *f = FitArgs(fcinfo, &n, &names);
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));

	for (i = 0; i < n; i++)
		elems[i] = Float8GetDatum(f->fitted[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
										  TYPALIGN_DOUBLE));
}
