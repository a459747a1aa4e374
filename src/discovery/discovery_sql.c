/*
 * discovery_sql.c
 *		The pieces the SQL entry points of PC, CD-NOD and FCI share: the CI
 *		test a search calls on a sketch or on rows, node names, PC's options
 *		and one PC run.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "citest/citest.h"
#include "citest/kci.h"
#include "citest/rcit.h"
#include "core/distributions.h"
#include "core/sql_args.h"
#include "discovery/discovery_sql.h"
#include "graph/graph.h"
#include "graph/meek.h"
#include "sketch/sketch_names.h"

/* Copies column j of the row matrix (the kernel tests standardise in place). */
static double *
ColumnCopy(const PcTestCtx *ctx, const int *cols, int ncols)
{
	double	   *out = palloc_extended(sizeof(double) * (Size) ctx->n * Max(ncols, 1), MCXT_ALLOC_HUGE);
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
double
discovery_ci_test(void *arg, int x, int y, const int *s, int ns)
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

/*
 * Node names from a text[] of k names (argument argno), else the names the
 * sketch carries (sketch_names, NULL for rows or an unnamed sketch), else
 * x1..xk.
 */
char	  **
discovery_node_names(FunctionCallInfo fcinfo, int argno, int k, char *const *sketch_names)
{
	char	  **names = palloc(sizeof(char *) * k);
	ArrayType  *given = sketch_names_argument(sketch_names, k, fcinfo, argno);
	int			i;

	if (given == NULL)
	{
		for (i = 0; i < k; i++)
			names[i] = psprintf("x%d", i + 1);
	}
	else
	{
		ArrayType  *a = given;
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

/*
 * Collider rules and priorities by name (causal-learn's uc_rule 0..4 and
 * uc_priority 0..4, -1 the rule's own default), in code order.
 */
static const char *const collider_rules[] = {"sepset", "maxp", "definite_maxp", "conservative", "majority", NULL};
static const char *const collider_priorities[] = {"rule_default", "overwrite", "bidirected", "existing",
"stronger", "stronger_star", NULL};

#define PRIORITY_NAME(p) collider_priorities[(p) + 1]

void
discovery_collider_args(FunctionCallInfo fcinfo, const char *fn, int uc_rule_arg, int uc_priority_arg,
						int rule_arg, int priority_arg, int *uc_rule, int *uc_priority)
{
	bool		old_rule = !PG_ARGISNULL(uc_rule_arg),
				old_prio = !PG_ARGISNULL(uc_priority_arg),
				new_rule = rule_arg < PG_NARGS() && !PG_ARGISNULL(rule_arg),
				new_prio = priority_arg < PG_NARGS() && !PG_ARGISNULL(priority_arg);

	if ((old_rule && new_rule) || (old_prio && new_prio))
		ereport_user((errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					  errmsg("%s: pass %s or the deprecated %s, not both", fn,
							 old_rule && new_rule ? "collider_rule" : "collider_priority",
							 old_rule && new_rule ? "uc_rule" : "uc_priority"),
					  errhint("collider_rule and collider_priority take names: 'sepset', 'maxp', ... and 'existing', 'stronger', ...")));
	*uc_rule = 0;
	*uc_priority = 2;
	if (new_rule)
		*uc_rule = sql_args_choice(text_to_cstring(PG_GETARG_TEXT_PP(rule_arg)), fn, "collider_rule",
								   collider_rules);
	else if (old_rule)
	{
		*uc_rule = PG_GETARG_INT32(uc_rule_arg);
		sql_args_deprecated(fn, "uc_rule", *uc_rule >= 0 && *uc_rule <= 4 ?
							psprintf("collider_rule => '%s'", collider_rules[*uc_rule]) : "collider_rule");
	}
	if (new_prio)
		*uc_priority = sql_args_choice(text_to_cstring(PG_GETARG_TEXT_PP(priority_arg)), fn,
									   "collider_priority", collider_priorities) - 1;
	else if (old_prio)
	{
		*uc_priority = PG_GETARG_INT32(uc_priority_arg);
		sql_args_deprecated(fn, "uc_priority", *uc_priority >= -1 && *uc_priority <= 4 ?
							psprintf("collider_priority => '%s'", PRIORITY_NAME(*uc_priority)) : "collider_priority");
	}
}

/* Checks the PC options that this release supports. */
void
discovery_check_pc_options(double alpha, int uc_rule, int uc_priority, int max_depth)
{
	citest_alpha(alpha);
	if (uc_rule < 0 || uc_rule > 4)
		ereport_user((errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					  errmsg("argument \"uc_rule\" must be 0 (sepset), 1 (maxp), 2 (definite_maxp), 3 (conservative, CPC) or 4 (majority, MPC), got %d",
							 uc_rule),
					  errhint("Pass collider_rule => 'sepset', 'maxp', 'definite_maxp', 'conservative' or 'majority' instead.")));
	if (uc_priority < -1 || uc_priority > 4)
		ereport_user((errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					  errmsg("argument \"uc_priority\" must lie in [-1, 4], got %d", uc_priority),
					  errhint("Pass collider_priority => 'overwrite', 'bidirected', 'existing', 'stronger', 'stronger_star' or 'rule_default' instead.")));
	if (uc_rule == 2 && (uc_priority == 0 || uc_priority == 1))
		ereport_user((errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					  errmsg("collider_rule 'definite_maxp' takes collider_priority 'existing', 'stronger', 'stronger_star' or 'rule_default', not '%s'",
							 PRIORITY_NAME(uc_priority))));
	if (uc_rule >= 3 && uc_priority >= 3)
		ereport_user((errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					  errmsg("collider_rule '%s' takes collider_priority 'overwrite', 'bidirected', 'existing' or 'rule_default', not '%s'",
							 collider_rules[uc_rule], PRIORITY_NAME(uc_priority))));
	if (max_depth < -1)
		ereport_user((errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					  errmsg("argument \"max_depth\" must be -1 (no limit) or at least 0")));
}

/* The test of a crosstab form: ci_test (argument ci_arg) or the deprecated method (method_arg), default dflt. */
const char *
discovery_ci_test_arg(FunctionCallInfo fcinfo, const char *fn, int ci_arg, int method_arg, const char *dflt)
{
	bool		given;
	Datum		d = sql_args_renamed(fcinfo, fn, ci_arg, "ci_test", method_arg, "method", &given);

	return given ? TextDatumGetCString(d) : dflt;
}

/* Runs PC with the test context; returns the result. */
PcResult *
discovery_run_pc(PcTestCtx *ctx, int k, double alpha, bool stable, int uc_rule, int uc_priority,
	  int max_depth, bool orient, const Knowledge *kn, int domain)
{
	PcResult   *r;

	ctx->tmp = AllocSetContextCreate(CurrentMemoryContext, "causal PC test", ALLOCSET_SMALL_SIZES);
	r = pc_skeleton(k, discovery_ci_test, ctx, alpha, stable, max_depth, kn);
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
			pc_orient_conservative(r, uc_priority, uc_rule == 4, alpha, discovery_ci_test, ctx);
		else if (uc_rule == 2)
		{
			pc_orient_definite_maxp(r, uc_priority, alpha, discovery_ci_test, ctx);
			graph_definite_meek(r->g, r->kn, r->def_uc, r->n_def_uc, r->def_nonuc, r->n_def_nonuc);
		}
		else if (uc_rule == 1)
			pc_orient_maxp(r, uc_priority, discovery_ci_test, ctx);
		else
			pc_orient_colliders(r, uc_priority, discovery_ci_test, ctx);
		graph_meek(r->g, r->kn, r->ambiguous, r->n_ambiguous);
	}
	MemoryContextDelete(ctx->tmp);
	return r;
}

/* The column names of the sketch a test context reads, or NULL (unnamed, or rows). */
char	  **
discovery_sketch_names(const PcTestCtx *ctx)
{
	if (ctx->m != NULL)
		return ctx->m->names;
	return ctx->c != NULL ? crosstab_flat_names(ctx->c) : NULL;
}

/* Reads the test context of a moments or crosstab first argument. */
int
discovery_test_context(FunctionCallInfo fcinfo, const char *fn, bool crosstab, const char *method,
					   PcTestCtx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	if (!crosstab)
	{
		ctx->m = moments_get_arg(fcinfo, 0);
		return ctx->m->k;
	}
	ctx->c = crosstab_get_arg(fcinfo, 0);
	ctx->gsq = sql_args_choice_hint(method, fn, "ci_test", citest_discrete_methods,
									CITEST_DISCRETE_HINT) == 1;
	{
		/* no column with nearly as many levels as rows (the names, argument 1, say which) */
		char	  **names = NULL;
		int			nn = 0;
		ArrayType  *given = sketch_names_argument(crosstab_flat_names(ctx->c), ctx->c->k, fcinfo, 1);

		if (given != NULL)
			names = sql_args_names(given, fn, "names", 0, &nn);
		citest_check_all_levels(ctx->c, names, nn, fn);
	}
	return ctx->c->k;
}
