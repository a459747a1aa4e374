/*
 * pc_sql.c
 *		SQL entry points of PC: on a moment sketch (Fisher-z) or a crosstab
 *		(chi-square, G-squared), returning edge rows or the separating sets,
 *		and on rows with a kernel test (KCI, RCIT).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "citest/kernel_sql.h"
#include "core/sql_args.h"
#include "discovery/discovery_sql.h"
#include "graph/graph.h"

/* Shared body of causal.pc over a sketch. */
static Datum
PcSketch(FunctionCallInfo fcinfo, bool crosstab)
{
	/*
	 * args: sketch, names, alpha, [method,] stable, uc_rule, uc_priority,
	 * max_depth, background, [ci_test,] collider_rule, collider_priority
	 * (method, uc_rule and uc_priority deprecated)
	 */
	int			o = crosstab ? 1 : 0;
	int			rule_arg = 8 + 2 * o;
	PcTestCtx	ctx;
	int			k;
	char	  **names;
	double		alpha = PG_GETARG_FLOAT8(2);
	bool		stable = PG_GETARG_BOOL(3 + o);
	int			uc_rule,
				uc_priority;
	int			max_depth = PG_GETARG_INT32(6 + o);
	Knowledge  *kn;
	PcResult   *r;

	sql_args_not_null(fcinfo, "causal.pc", SQL_ARG(1) | SQL_ARG(4 + o) | SQL_ARG(5 + o) | SQL_ARG(7 + o) |
					  (crosstab ? SQL_ARG(3) | SQL_ARG(9) : 0) | SQL_ARG(rule_arg) | SQL_ARG(rule_arg + 1));
	discovery_collider_args(fcinfo, "causal.pc", 4 + o, 5 + o, rule_arg, rule_arg + 1, &uc_rule, &uc_priority);
	k = discovery_test_context(fcinfo, "causal.pc", crosstab,
							   crosstab ? discovery_ci_test_arg(fcinfo, "causal.pc", 9, 3, "chisq") : NULL, &ctx);
	names = discovery_node_names(fcinfo, 1, k, discovery_sketch_names(&ctx));
	kn = PG_ARGISNULL(7 + o) ? NULL : knowledge_from_jsonb(PG_GETARG_JSONB_P(7 + o), names, k);

	discovery_check_pc_options(alpha, uc_rule, uc_priority, max_depth);
	r = discovery_run_pc(&ctx, k, alpha, stable, uc_rule, uc_priority, max_depth, true, kn, -1);
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
	/* args: sketch, names, alpha, [method,] stable, max_depth, [ci_test] (method deprecated) */
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

	sql_args_not_null(fcinfo, "causal.pc_sepsets", SQL_ARG(1) | (crosstab ? SQL_ARG(3) | SQL_ARG(6) : 0));
	k = discovery_test_context(fcinfo, "causal.pc_sepsets", crosstab,
							   crosstab ? discovery_ci_test_arg(fcinfo, "causal.pc_sepsets", 6, 3, "chisq") : NULL,
							   &ctx);
	names = discovery_node_names(fcinfo, 1, k, discovery_sketch_names(&ctx));
	discovery_check_pc_options(alpha, 0, 2, max_depth);
	r = discovery_run_pc(&ctx, k, alpha, stable, 0, 2, max_depth, false, NULL, -1);
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

PG_FUNCTION_INFO_V1(pc_rows);
/*
 * causal.pc_kernel(rows float8[][], names, alpha, method, seed, stable,
 * uc_rule, uc_priority, max_depth, background, ci_test, collider_rule,
 * collider_priority): PC with KCI or RCIT on rows materialised once as an
 * n x k array (method, uc_rule and uc_priority deprecated).
 */
Datum
pc_rows(PG_FUNCTION_ARGS)
{
	static const char *const kernel_tests[] = {"kci", "rcit", NULL};
	PcTestCtx	ctx;
	int			k;
	char	  **names;
	char	   *method;
	double		alpha = PG_GETARG_FLOAT8(2);
	bool		stable = PG_GETARG_BOOL(5);
	int			uc_rule,
				uc_priority;
	int			max_depth = PG_GETARG_INT32(8);
	Knowledge  *kn;
	PcResult   *r;

	sql_args_not_null(fcinfo, "causal.pc_kernel", SQL_ARG(1) | SQL_ARG(3) | SQL_ARG(4) | SQL_ARG(6) |
					  SQL_ARG(7) | SQL_ARG(9) | SQL_ARG(10) | SQL_ARG(11) | SQL_ARG(12));
	discovery_collider_args(fcinfo, "causal.pc_kernel", 6, 7, 11, 12, &uc_rule, &uc_priority);
	memset(&ctx, 0, sizeof(ctx));
	ctx.rows = kernel_array_columns(PG_GETARG_ARRAYTYPE_P(0), "rows", &ctx.n, &k);
	if (k < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.pc_kernel needs an n x k array of at least two columns")));
	method = (char *) discovery_ci_test_arg(fcinfo, "causal.pc_kernel", 10, 3, "kci");
	ctx.rcit = sql_args_choice(method, "causal.pc_kernel", "ci_test", kernel_tests) == 1;
	ctx.seed = PG_ARGISNULL(4) ? 0 : PG_GETARG_INT64(4);
	names = discovery_node_names(fcinfo, 1, k, NULL);
	kn = PG_ARGISNULL(9) ? NULL : knowledge_from_jsonb(PG_GETARG_JSONB_P(9), names, k);
	discovery_check_pc_options(alpha, uc_rule, uc_priority, max_depth);
	r = discovery_run_pc(&ctx, k, alpha, stable, uc_rule, uc_priority, max_depth, true, kn, -1);
	graph_edge_rows(fcinfo, r->g, names);
	PG_RETURN_VOID();
}
