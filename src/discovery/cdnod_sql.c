/*
 * cdnod_sql.c
 *		SQL entry point of CD-NOD on a moment sketch: PC with the domain (or
 *		time) index as a variable that causes whatever it is adjacent to.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "core/sql_args.h"
#include "discovery/discovery_sql.h"
#include "graph/graph.h"

PG_FUNCTION_INFO_V1(cdnod_moments);
/*
 * causal.cdnod(m causal.moments, names, domain, alpha, stable, uc_rule,
 * uc_priority, max_depth, background, collider_rule, collider_priority; the
 * uc_ pair deprecated): CD-NOD (Huang et al. 2020) with
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
	int			uc_rule,
				uc_priority;
	int			max_depth = PG_GETARG_INT32(7);
	Knowledge  *kn;
	PcResult   *r;

	sql_args_not_null(fcinfo, "causal.cdnod", SQL_ARG(0) | SQL_ARG(1) | SQL_ARG(2) | SQL_ARG(5) | SQL_ARG(6) |
					  SQL_ARG(8) | SQL_ARG(9) | SQL_ARG(10));
	discovery_collider_args(fcinfo, "causal.cdnod", 5, 6, 9, 10, &uc_rule, &uc_priority);

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
	names = discovery_node_names(fcinfo, 1, k, ctx.m->names);
	kn = PG_ARGISNULL(8) ? NULL : knowledge_from_jsonb(PG_GETARG_JSONB_P(8), names, k);
	discovery_check_pc_options(alpha, uc_rule, uc_priority, max_depth);
	r = discovery_run_pc(&ctx, k, alpha, stable, uc_rule, uc_priority, max_depth, true, kn, domain);
	graph_edge_rows(fcinfo, r->g, names);
	PG_RETURN_VOID();
}
