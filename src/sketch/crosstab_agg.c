/*
 * crosstab_agg.c
 *		Aggregates over causal.crosstab: crosstab(VARIADIC "any") and
 *		merge(crosstab), with their transition, combine and final functions.
 *
 * Every argument becomes a text label: integers in decimal, booleans as
 * true/false, text as is, other types through their output function.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "core/sql_args.h"
#include "sketch/crosstab.h"

typedef enum LabelKind
{
	LABEL_INT2,
	LABEL_INT4,
	LABEL_INT8,
	LABEL_BOOL,
	LABEL_TEXT,
	LABEL_OUTPUT
} LabelKind;

typedef struct CtArgCache
{
	int			k;
	LabelKind  *kind;
	FmgrInfo   *out;
	int32	   *codes;
} CtArgCache;

/*
 * Without a call expression (Citus's partial aggregates: a new FmgrInfo every
 * row) the types come from pg_proc and what they yield is kept per function
 * for the backend's life, while slots last (see row_args.c).
 */
#define DECLARED_SLOTS 64
static struct
{
	Oid			fn_oid;
	CtArgCache *cache;
}			declared[DECLARED_SLOTS];
static int	declared_next;

/* Learns the argument types once per query. */
static CtArgCache *
GetCache(FunctionCallInfo fcinfo)
{
	CtArgCache *c = fcinfo->flinfo->fn_extra;
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	bool		keep = false;
	int			i;

	if (c != NULL)
		return c;
	if (fcinfo->flinfo->fn_expr == NULL)
	{
		for (i = 0; i < declared_next; i++)
			if (declared[i].fn_oid == fcinfo->flinfo->fn_oid)
				return fcinfo->flinfo->fn_extra = declared[i].cache;
		if (declared_next < DECLARED_SLOTS)
		{
			mcxt = TopMemoryContext;
			keep = true;
		}
	}
	if (get_fn_expr_variadic(fcinfo->flinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.crosstab does not take VARIADIC arrays"),
				 errhint("Pass the columns as separate arguments.")));
	c = MemoryContextAllocZero(mcxt, sizeof(CtArgCache));
	c->k = PG_NARGS() - 1;
	if (c->k < 1 || c->k > CROSSTAB_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.crosstab takes 1 to %d columns, got %d", CROSSTAB_MAX_K, c->k)));
	c->kind = MemoryContextAlloc(mcxt, sizeof(LabelKind) * c->k);
	c->out = MemoryContextAllocZero(mcxt, sizeof(FmgrInfo) * c->k);
	c->codes = MemoryContextAlloc(mcxt, sizeof(int32) * c->k);
	for (i = 0; i < c->k; i++)
	{
		Oid			t = sql_args_type(fcinfo, i + 1);
		Oid			outfn;
		bool		varlena;

		if (OidIsValid(t))
			t = getBaseType(t);
		switch (t)
		{
			case INT2OID:
				c->kind[i] = LABEL_INT2;
				break;
			case INT4OID:
				c->kind[i] = LABEL_INT4;
				break;
			case INT8OID:
				c->kind[i] = LABEL_INT8;
				break;
			case BOOLOID:
				c->kind[i] = LABEL_BOOL;
				break;
			case TEXTOID:
			case VARCHAROID:
				c->kind[i] = LABEL_TEXT;
				break;
			case FLOAT4OID:
			case FLOAT8OID:
			case NUMERICOID:
			default:
				if (t == UNKNOWNOID || t == InvalidOid)
					ereport(ERROR,
							(errcode(ERRCODE_DATATYPE_MISMATCH),
							 errmsg("argument %d of causal.crosstab has no known type", i + 1),
							 errhint("Cast the literal or column, for example 'a'::text (on Citus: every column ::text).")));
				c->kind[i] = LABEL_OUTPUT;
				getTypeOutputInfo(t, &outfn, &varlena);
				fmgr_info_cxt(outfn, &c->out[i], mcxt);
				break;
		}
	}
	if (keep)
	{
		declared[declared_next].fn_oid = fcinfo->flinfo->fn_oid;
		declared[declared_next].cache = c;
		declared_next++;
	}
	fcinfo->flinfo->fn_extra = c;
	return c;
}

/* The label of data argument i (0-based) of this row. */
static const char *
LabelOf(CtArgCache *c, int i, Datum d, char *buf)
{
	switch (c->kind[i])
	{
		case LABEL_INT2:
			pg_ltoa(DatumGetInt16(d), buf);
			return buf;
		case LABEL_INT4:
			pg_ltoa(DatumGetInt32(d), buf);
			return buf;
		case LABEL_INT8:
			pg_lltoa(DatumGetInt64(d), buf);
			return buf;
		case LABEL_BOOL:
			return DatumGetBool(d) ? "true" : "false";
		case LABEL_TEXT:
			return text_to_cstring(DatumGetTextPP(d));
		default:
			return OutputFunctionCall(&c->out[i], d);
	}
}

/* The state as an expanded crosstab that may change in place. */
static CrosstabExpanded *
WritableState(FunctionCallInfo fcinfo, MemoryContext aggcxt, int k)
{
	Datum		d = PG_GETARG_DATUM(0);
	CrosstabExpanded *e;

	if (!PG_ARGISNULL(0) && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		e = (CrosstabExpanded *) DatumGetEOHP(d);
		if (MemoryContextGetParent(e->hdr.eoh_context) == aggcxt)
		{
			e->flat = NULL;		/* about to change */
			return e;
		}
	}
	if (PG_ARGISNULL(0))
		return crosstab_expanded_new(aggcxt, k);
	{
		CrosstabFlat *f = crosstab_get_arg(fcinfo, 0);

		e = crosstab_expanded_new(aggcxt, f->k);
		crosstab_adopt_names(&e->ct, f);
		crosstab_merge(&e->ct, f);
		return e;
	}
}

PG_FUNCTION_INFO_V1(crosstab_transfn);
/* Transition function of causal.crosstab: counts one row. */
Datum
crosstab_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	CtArgCache *c;
	CrosstabExpanded *e;
	char		buf[MAXINT8LEN + 1];
	int			i;
	bool		skip = false;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.crosstab transition function called outside an aggregate")));
	c = GetCache(fcinfo);
	e = WritableState(fcinfo, aggcxt, c->k);
	for (i = 0; i < c->k; i++)
		if (PG_ARGISNULL(i + 1))
			skip = true;
	if (skip)
	{
		e->ct.n_skipped++;
		PG_RETURN_DATUM(crosstab_expanded_datum(e));
	}
	for (i = 0; i < c->k; i++)
	{
		const char *label = LabelOf(c, i, PG_GETARG_DATUM(i + 1), buf);

		c->codes[i] = crosstab_code(&e->ct, i, label);
	}
	crosstab_add(&e->ct, c->codes, 1);
	e->ct.n++;
	PG_RETURN_DATUM(crosstab_expanded_datum(e));
}

PG_FUNCTION_INFO_V1(crosstab_combine);
/* Combine function, and transition function of causal.merge(crosstab). */
Datum
crosstab_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	CrosstabExpanded *e;
	CrosstabFlat *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("causal.crosstab combine function called outside an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = crosstab_get_arg(fcinfo, 1);
	e = WritableState(fcinfo, aggcxt, b->k);
	if (PG_ARGISNULL(0))
		crosstab_adopt_names(&e->ct, b);	/* a new state takes the names of what it merges */
	crosstab_merge(&e->ct, b);
	PG_RETURN_DATUM(crosstab_expanded_datum(e));
}

PG_FUNCTION_INFO_V1(crosstab_final);
/* Final function: the canonical flat crosstab. */
Datum
crosstab_final(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		PG_RETURN_POINTER(crosstab_flatten(&((CrosstabExpanded *) DatumGetEOHP(d))->ct));
	PG_RETURN_DATUM(d);
}
