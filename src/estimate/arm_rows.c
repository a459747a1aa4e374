/*
 * arm_rows.c
 *		Reads and checks the rows of a two-arm problem.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "core/sql_args.h"
#include "estimate/arm_rows.h"

void
arm_rows_read(Oid relid, const char *treatment, ArrayType *covariates, const char *id,
			  bool order_by_id, bool unique_ids, ArmRows *r, const char *fn)
{
	int			j;
	TableColumn *extra = r->extra;
	AttrNumber	att = get_attnum(relid, treatment);

	/* a text or other non-numeric treatment is not binary (a missing column is table_rows' error) */
	if (att > 0)
	{
		Oid			type = getBaseType(get_atttype(relid, att));

		if (type != BOOLOID && type != INT2OID && type != INT4OID && type != INT8OID &&
			type != FLOAT4OID && type != FLOAT8OID && type != NUMERICOID)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: treatment column \"%s\" is not binary: it has type %s", fn, treatment,
							format_type_be(type)),
					 errhint("The treatment must be 0/1 (a number) or boolean.")));
	}
	r->covs = sql_args_names(covariates, fn, "covariates", 1, &r->p);
	r->t.ncols = r->p + 2 + r->nextra;
	r->t.cols = palloc0(sizeof(TableColumn) * r->t.ncols);
	r->t.cols[0].name = treatment;
	for (j = 0; j < r->p; j++)
		r->t.cols[1 + j].name = r->covs[j];
	table_rows_mark_factors(relid, &r->t, 1, r->p);
	r->t.cols[r->p + 1].name = id;
	r->t.cols[r->p + 1].kind = TABLE_COL_CODE;
	for (j = 0; j < r->nextra; j++)
		r->t.cols[r->p + 2 + j] = extra[j];
	r->t.order_by = order_by_id ? id : NULL;
	table_rows_read(relid, &r->t, fn);
	r->n = r->t.nrows;
	r->treat = r->t.cols[0].values;
	r->id = &r->t.cols[r->p + 1];
	r->extra = r->nextra > 0 ? &r->t.cols[r->p + 2] : NULL;
	/* factor covariates become indicator columns (r->p counts them) */
	r->p = table_rows_design(&r->t, 1, r->p, false, fn, &r->covs, &r->x);
	arm_rows_check(r, treatment, NULL, fn);
	if (unique_ids && r->id->ncodes != r->n)
		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("%s: id column \"%s\" has duplicate values", fn, id),
				 errhint("Each row needs its own id, so that results join back to the table.")));
}

void
arm_rows_check(ArmRows *r, const char *treatment, const char *hint, const char *fn)
{
	int			i,
				j;

	r->n1 = 0;
	for (i = 0; i < r->n; i++)
	{
		if (r->treat[i] != 0.0 && r->treat[i] != 1.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: treatment column \"%s\" is not binary: it has the value %g", fn, treatment,
							r->treat[i]),
					 errhint("The treatment must be 0/1 or boolean.")));
		r->n1 += r->treat[i] == 1.0;
	}
	if (r->n1 < 1 || r->n - r->n1 < 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s: %d treated and %d control rows; both groups need rows", fn, r->n1, r->n - r->n1),
				 hint ? errhint("%s", hint) :
				 errhint("Rows with a NULL in a used column are skipped (%lld here).",
						 (long long) r->t.n_skipped)));
	for (j = 0; j < r->p; j++)
	{
		bool		constant = true;

		for (i = 1; i < r->n && constant; i++)
			constant = r->x[j][i] == r->x[j][0];
		if (constant)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s: covariate \"%s\" is constant", fn, r->covs[j]),
					 errhint("Drop it: it carries no information on the treatment groups.")));
	}
}
