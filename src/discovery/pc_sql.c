/*
 * pc_sql.c
 *		SQL entry points of PC: on a moment sketch (Fisher-z) or a crosstab
 *		(chi-square, G-squared), returning edge rows or the separating sets.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "citest/citest.h"
#include "citest/kci.h"
#include "citest/kernel_sql.h"
#include "citest/rcit.h"
#include "core/distributions.h"
#include "core/sql_args.h"
#include "discovery/discovery_sql.h"
#include "discovery/fci.h"
#include "discovery/pc.h"
#include "graph/graph.h"
#include "graph/meek.h"
#include "sketch/crosstab_funcs.h"
#include "sketch/moments.h"

typedef struct PcTestCtx
{
	Moments    *m;				/* Fisher-z */
	CrosstabFlat *c;			/* chi-square / G-squared */
	bool		gsq;
	double	   *rows;			/* kci / rcit: n x k column-major data */
	int			n;
	bool		rcit;
	int64		seed;
	MemoryContext tmp;			/* reset after every test */
} PcTestCtx;

/* Copies column j of the row matrix (the kernel tests standardise in place). */
static double *
ColumnCopy(const PcTestCtx *ctx, const int *cols, int ncols)
{
	double	   *out = palloc(sizeof(double) * (Size) ctx->n * Max(ncols, 1));
	int			j;

	for (j = 0; j < ncols; j++)
		memcpy(out + (Size) j * ctx->n, ctx->rows + (Size) cols[j] * ctx->n, sizeof(double) * ctx->n);
	return out;
}

/* A kernel CI test on the materialised rows. */
static CiResult
KernelTest(PcTestCtx *ctx, int x, int y, const int *s, int ns)
{
	if (ctx->rcit)
	{
		RcitInput	in;

		memset(&in, 0, sizeof(in));
		in.n = ctx->n;
		in.x = ColumnCopy(ctx, &x, 1);
		in.dx = 1;
		in.y = ColumnCopy(ctx, &y, 1);
		in.dy = 1;
		in.z = ns > 0 ? ColumnCopy(ctx, s, ns) : NULL;
		in.dz = ns;
		in.seed = ctx->seed;
		in.num_f = 100;
		in.num_f2 = 5;
		return citest_rcit(&in);
	}
	else
	{
		KciInput	in;

		memset(&in, 0, sizeof(in));
		in.n = ctx->n;
		in.x = ColumnCopy(ctx, &x, 1);
		in.dx = 1;
		in.y = ColumnCopy(ctx, &y, 1);
		in.dy = 1;
		in.z = ns > 0 ? ColumnCopy(ctx, s, ns) : NULL;
		in.dz = ns;
		in.rule = KCI_EMPIRICAL;
		return citest_kci(&in);
	}
}

/* One CI test for PC, in a memory context that is reset each time. */
static double
PcTest(void *arg, int x, int y, const int *s, int ns)
{
	PcTestCtx  *ctx = arg;
	MemoryContext old = MemoryContextSwitchTo(ctx->tmp);
	CiResult	r;

	if (ctx->m != NULL)
	{
		r = citest_fisherz(ctx->m, x, y, s, ns);

		/*
		 * As causal-learn computes it, 2 (1 - Phi(|z|)): tiny p-values round
		 * to 0.  PC compares p-values with each other (maxP, priorities 3 and
		 * 4), so the same rounding keeps its graphs identical to causal-learn's.
		 */
		r.p_value = 2.0 * (1.0 - dist_pnorm(r.statistic, true));
	}
	else if (ctx->c != NULL)
		r = citest_contingency(ctx->c, x, y, s, ns, ctx->gsq);
	else
		r = KernelTest(ctx, x, y, s, ns);
	MemoryContextSwitchTo(old);
	MemoryContextReset(ctx->tmp);
	return r.p_value;
}

/* Node names from a text[] of k names, or x1..xk when NULL. */
char	  **
discovery_node_names(FunctionCallInfo fcinfo, int argno, int k)
{
	char	  **names = palloc(sizeof(char *) * k);
	int			i;

	if (PG_ARGISNULL(argno))
	{
		for (i = 0; i < k; i++)
			names[i] = psprintf("x%d", i + 1);
	}
	else
	{
		ArrayType  *a = PG_GETARG_ARRAYTYPE_P(argno);
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
		if (n != k)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("argument \"names\" has %d names for %d columns", n, k),
					 errhint("Name every column of the sketch, in order.")));
		for (i = 0; i < k; i++)
		{
			if (nulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("argument \"names\" contains a NULL")));
			names[i] = TextDatumGetCString(elems[i]);
		}
	}
	return names;
}

/* Checks the PC options that this release supports. */
static void
CheckOptions(double alpha, int uc_rule, int uc_priority, int max_depth)
{
	citest_alpha(alpha);
	if (uc_rule == 2 && (uc_priority == 0 || uc_priority == 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("uc_rule 2 (definite maxP) takes uc_priority 2, 3 or 4 (or -1 for 4)")));
	if (uc_rule < 0 || uc_rule > 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"uc_rule\" must be 0 (separating sets), 1 (maxP), 2 (definite maxP), 3 (conservative, CPC) or 4 (majority, MPC), got %d",
						uc_rule)));
	if (uc_rule >= 3 && uc_priority >= 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("uc_rule %d (%s) takes uc_priority 0, 1 or 2", uc_rule, uc_rule == 3 ? "CPC" : "MPC")));
	if (uc_priority < -1 || uc_priority > 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"uc_priority\" must lie in [-1, 4], got %d", uc_priority),
				 errhint("0 overwrite, 1 bidirected, 2 keep existing, 3 and 4 strongest colliders first; -1 the rule's default (3).")));
	if (max_depth < -1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"max_depth\" must be -1 (no limit) or at least 0")));
}

/* Runs PC with the test context; returns the result. */
static PcResult *
RunPc(PcTestCtx *ctx, int k, double alpha, bool stable, int uc_rule, int uc_priority,
	  int max_depth, bool orient, const Knowledge *kn, int domain)
{
	PcResult   *r;

	ctx->tmp = AllocSetContextCreate(CurrentMemoryContext, "causal PC test", ALLOCSET_SMALL_SIZES);
	r = pc_skeleton(k, PcTest, ctx, alpha, stable, max_depth, kn);
	if (orient)
	{
		/* CD-NOD: the domain (or time) index causes whatever it is adjacent to */
		if (domain >= 0)
		{
			int			i;

			for (i = 0; i < k; i++)
				if (i != domain && graph_adjacent(r->g, domain, i))
					graph_set(r->g, domain, i, MARK_TAIL, MARK_ARROW);
		}
		knowledge_orient(r->g, kn);
		if (uc_priority == -1)
			uc_priority = uc_rule >= 3 ? 2 : (uc_rule == 2 ? 4 : 3);	/* causal-learn's defaults */
		if (uc_rule >= 3)
			pc_orient_conservative(r, uc_priority, uc_rule == 4, alpha, PcTest, ctx);
		else if (uc_rule == 2)
		{
			pc_orient_definite_maxp(r, uc_priority, alpha, PcTest, ctx);
			graph_definite_meek(r->g, r->kn, r->def_uc, r->n_def_uc, r->def_nonuc, r->n_def_nonuc);
		}
		else if (uc_rule == 1)
			pc_orient_maxp(r, uc_priority, PcTest, ctx);
		else
			pc_orient_colliders(r, uc_priority, PcTest, ctx);
		graph_meek(r->g, r->kn, r->ambiguous, r->n_ambiguous);
	}
	MemoryContextDelete(ctx->tmp);
	return r;
}

/* Reads the test context of a moments or crosstab first argument. */
static int
TestContext(FunctionCallInfo fcinfo, bool crosstab, const char *method, PcTestCtx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	if (!crosstab)
	{
		ctx->m = moments_get_arg(fcinfo, 0);
		return ctx->m->k;
	}
	ctx->c = crosstab_get_arg(fcinfo, 0);
	if (strcmp(method, "gsq") == 0)
		ctx->gsq = true;
	else if (strcmp(method, "chisq") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"method\" must be 'chisq' or 'gsq' for a crosstab, got '%s'", method)));
	return ctx->c->k;
}

/* Shared body of causal.pc over a sketch. */
static Datum
PcSketch(FunctionCallInfo fcinfo, bool crosstab)
{
	/* args: sketch, names, alpha, [method,] stable, uc_rule, uc_priority, max_depth, background */
	int			o = crosstab ? 1 : 0;
	PcTestCtx	ctx;
	int			k;
	char	  **names;
	double		alpha = PG_GETARG_FLOAT8(2);
	bool		stable = PG_GETARG_BOOL(3 + o);
	int			uc_rule = PG_GETARG_INT32(4 + o);
	int			uc_priority = PG_GETARG_INT32(5 + o);
	int			max_depth = PG_GETARG_INT32(6 + o);
	Knowledge  *kn;
	PcResult   *r;

	sql_args_not_null(fcinfo, "causal.pc", SQL_ARG(1) | SQL_ARG(7 + o));
	k = TestContext(fcinfo, crosstab, crosstab ? text_to_cstring(PG_GETARG_TEXT_PP(3)) : NULL, &ctx);
	names = discovery_node_names(fcinfo, 1, k);
	kn = PG_ARGISNULL(7 + o) ? NULL : knowledge_from_jsonb(PG_GETARG_JSONB_P(7 + o), names, k);

	CheckOptions(alpha, uc_rule, uc_priority, max_depth);
	r = RunPc(&ctx, k, alpha, stable, uc_rule, uc_priority, max_depth, true, kn, -1);
	graph_edge_rows(fcinfo, r->g, names);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(pc_moments);
/* causal.pc(m causal.moments, names, alpha, stable, uc_rule, uc_priority, max_depth). */
Datum
pc_moments(PG_FUNCTION_ARGS)
{
	return PcSketch(fcinfo, false);
}

PG_FUNCTION_INFO_V1(pc_crosstab);
/* causal.pc(c causal.crosstab, names, alpha, method, stable, uc_rule, uc_priority, max_depth). */
Datum
pc_crosstab(PG_FUNCTION_ARGS)
{
	return PcSketch(fcinfo, true);
}

/* A text[] of the names of the given nodes. */
static Datum
NameArray(char **names, const int *nodes, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	int			a;

	for (a = 0; a < n; a++)
		elems[a] = CStringGetTextDatum(names[nodes[a]]);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* Shared body of causal.pc_sepsets over a sketch. */
static Datum
PcSepsets(FunctionCallInfo fcinfo, bool crosstab)
{
	/* args: sketch, names, alpha, [method,] stable, max_depth */
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			o = crosstab ? 1 : 0;
	PcTestCtx	ctx;
	int			k;
	char	  **names;
	double		alpha = PG_GETARG_FLOAT8(2);
	bool		stable = PG_GETARG_BOOL(3 + o);
	int			max_depth = PG_GETARG_INT32(4 + o);
	PcResult   *r;
	int			i,
				j;

	sql_args_not_null(fcinfo, "causal.pc_sepsets", SQL_ARG(1));
	k = TestContext(fcinfo, crosstab, crosstab ? text_to_cstring(PG_GETARG_TEXT_PP(3)) : NULL, &ctx);
	names = discovery_node_names(fcinfo, 1, k);
	CheckOptions(alpha, 0, 2, max_depth);
	r = RunPc(&ctx, k, alpha, stable, 0, 2, max_depth, false, NULL, -1);
	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
		{
			PcSepset   *ps = &r->sep[i * k + j];
			Datum		values[6];
			bool		nulls[6] = {false, false, false, false, false, false};

			if (!ps->removed)
				continue;
			values[0] = CStringGetTextDatum(names[i]);
			values[1] = CStringGetTextDatum(names[j]);
			values[2] = NameArray(names, ps->first, ps->nfirst);
			values[3] = Float8GetDatum(ps->p_value);
			values[4] = Int32GetDatum(ps->depth);
			values[5] = NameArray(names, ps->nodes, ps->nnodes);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(pc_sepsets_moments);
/* causal.pc_sepsets(m causal.moments, names, alpha, stable, max_depth). */
Datum
pc_sepsets_moments(PG_FUNCTION_ARGS)
{
	return PcSepsets(fcinfo, false);
}

PG_FUNCTION_INFO_V1(pc_sepsets_crosstab);
/* causal.pc_sepsets(c causal.crosstab, names, alpha, method, stable, max_depth). */
Datum
pc_sepsets_crosstab(PG_FUNCTION_ARGS)
{
	return PcSepsets(fcinfo, true);
}

PG_FUNCTION_INFO_V1(cdnod_moments);
/*
 * causal.cdnod(m causal.moments, names, domain, alpha, stable, uc_rule,
 * uc_priority, max_depth, background): CD-NOD (Huang et al. 2020) with
 * Fisher-z.  The domain or time index is a column of the sketch; it joins the
 * skeleton search like any variable, and every variable adjacent to it has a
 * changing mechanism and is oriented domain --> X before the colliders and
 * Meek's rules, as causal-learn's cdnod does.
 */
Datum
cdnod_moments(PG_FUNCTION_ARGS)
{
	PcTestCtx	ctx;
	int			k,
				domain;
	char	  **names;
	double		alpha = PG_GETARG_FLOAT8(3);
	bool		stable = PG_GETARG_BOOL(4);
	int			uc_rule = PG_GETARG_INT32(5);
	int			uc_priority = PG_GETARG_INT32(6);
	int			max_depth = PG_GETARG_INT32(7);
	Knowledge  *kn;
	PcResult   *r;

	sql_args_not_null(fcinfo, "causal.cdnod", SQL_ARG(0) | SQL_ARG(1) | SQL_ARG(2) | SQL_ARG(8));

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the sketch and the domain column of causal.cdnod must not be NULL"),
				 errhint("Pass domain => the position of the domain (or time) column in the sketch.")));
	memset(&ctx, 0, sizeof(ctx));
	ctx.m = moments_get_arg(fcinfo, 0);
	k = ctx.m->k;
	domain = PG_GETARG_INT32(2);
	if (domain < 1 || domain > k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"domain\" = %d is not a column of the sketch (1 to %d)", domain, k)));
	domain--;
	names = discovery_node_names(fcinfo, 1, k);
	kn = PG_ARGISNULL(8) ? NULL : knowledge_from_jsonb(PG_GETARG_JSONB_P(8), names, k);
	CheckOptions(alpha, uc_rule, uc_priority, max_depth);
	r = RunPc(&ctx, k, alpha, stable, uc_rule, uc_priority, max_depth, true, kn, domain);
	graph_edge_rows(fcinfo, r->g, names);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(pc_rows);
/*
 * causal.pc_kernel(rows float8[][], names, alpha, method, seed, stable,
 * uc_rule, uc_priority, max_depth, background): PC with KCI or RCIT on rows
 * materialised once as an n x k array.
 */
Datum
pc_rows(PG_FUNCTION_ARGS)
{
	PcTestCtx	ctx;
	int			k;
	char	  **names;
	char	   *method;
	double		alpha = PG_GETARG_FLOAT8(2);
	bool		stable = PG_GETARG_BOOL(5);
	int			uc_rule = PG_GETARG_INT32(6);
	int			uc_priority = PG_GETARG_INT32(7);
	int			max_depth = PG_GETARG_INT32(8);
	Knowledge  *kn;
	PcResult   *r;

	sql_args_not_null(fcinfo, "causal.pc_kernel", SQL_ARG(1) | SQL_ARG(4) | SQL_ARG(9));

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("rows and method of causal.pc_kernel must not be NULL")));
	memset(&ctx, 0, sizeof(ctx));
	ctx.rows = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(0), "rows", &ctx.n, &k);
	if (k < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.pc_kernel needs an n x k array of at least two columns")));
	method = text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (strcmp(method, "rcit") == 0)
		ctx.rcit = true;
	else if (strcmp(method, "kci") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"method\" must be 'kci' or 'rcit', got '%s'", method)));
	ctx.seed = PG_ARGISNULL(4) ? 0 : PG_GETARG_INT64(4);
	names = discovery_node_names(fcinfo, 1, k);
	kn = PG_ARGISNULL(9) ? NULL : knowledge_from_jsonb(PG_GETARG_JSONB_P(9), names, k);
	CheckOptions(alpha, uc_rule, uc_priority, max_depth);
	r = RunPc(&ctx, k, alpha, stable, uc_rule, uc_priority, max_depth, true, kn, -1);
	graph_edge_rows(fcinfo, r->g, names);
	PG_RETURN_VOID();
}

/* Shared body of causal.fci over a sketch: args sketch, names, alpha, [method,] depth, max_path_length. */
static Datum
FciSketch(FunctionCallInfo fcinfo, bool crosstab)
{
	int			o = crosstab ? 1 : 0;
	PcTestCtx	ctx;
	int			k;
	char	  **names;
	double		alpha;
	int			depth,
				max_path_length;
	PcResult   *r;

	for (int a = 0; a <= 4 + o; a++)
		if (a != 1 && PG_ARGISNULL(a))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("causal.fci: argument %d must not be NULL", a + 1)));
	k = TestContext(fcinfo, crosstab, crosstab ? text_to_cstring(PG_GETARG_TEXT_PP(3)) : NULL, &ctx);
	names = discovery_node_names(fcinfo, 1, k);
	alpha = PG_GETARG_FLOAT8(2);
	depth = PG_GETARG_INT32(3 + o);
	max_path_length = PG_GETARG_INT32(4 + o);
	citest_alpha(alpha);
	if (depth < -1 || max_path_length < -1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("arguments \"depth\" and \"max_path_length\" must be -1 (no limit) or at least 0")));
	ctx.tmp = AllocSetContextCreate(CurrentMemoryContext, "causal FCI test", ALLOCSET_SMALL_SIZES);
	r = fci_search(k, PcTest, &ctx, alpha, depth, max_path_length);
	MemoryContextDelete(ctx.tmp);
	graph_edge_rows(fcinfo, r->g, names);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(fci_moments);

/* causal.fci(m causal.moments, names, alpha, depth, max_path_length): Fisher-z FCI, the PAG as edge rows. */
Datum
fci_moments(PG_FUNCTION_ARGS)
{
	return FciSketch(fcinfo, false);
}

PG_FUNCTION_INFO_V1(fci_crosstab);

/* causal.fci(c causal.crosstab, names, alpha, method, depth, max_path_length): chi-square or G-squared FCI. */
Datum
fci_crosstab(PG_FUNCTION_ARGS)
{
	return FciSketch(fcinfo, true);
}
