/*
 * fci_sql.c
 *		SQL entry points of FCI on a moment sketch (Fisher-z) or a crosstab
 *		(chi-square, G-squared): the PAG as edge rows.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/memutils.h"

#include "citest/citest.h"
#include "core/sql_args.h"
#include "discovery/discovery_sql.h"
#include "discovery/fci.h"
#include "graph/graph.h"

/*
 * Shared body of causal.fci over a sketch: args sketch, names, alpha,
 * [method,] depth, max_path_length, [ci_test] (method deprecated).
 */
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

	/* names and, on a crosstab, the deprecated method and its successor ci_test may be NULL */
	sql_args_not_null(fcinfo, "causal.fci", SQL_ARG(1) | (crosstab ? SQL_ARG(3) | SQL_ARG(6) : 0));
	k = discovery_test_context(fcinfo, "causal.fci", crosstab,
							   crosstab ? discovery_ci_test_arg(fcinfo, "causal.fci", 6, 3, "chisq") : NULL, &ctx);
	names = discovery_node_names(fcinfo, 1, k, discovery_sketch_names(&ctx));
	alpha = PG_GETARG_FLOAT8(2);
	depth = PG_GETARG_INT32(3 + o);
	max_path_length = PG_GETARG_INT32(4 + o);
	citest_alpha(alpha);
	if (depth < -1 || max_path_length < -1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("arguments \"depth\" and \"max_path_length\" must be -1 (no limit) or at least 0")));
	ctx.tmp = AllocSetContextCreate(CurrentMemoryContext, "causal FCI test", ALLOCSET_SMALL_SIZES);
	r = fci_search(k, discovery_ci_test, &ctx, alpha, depth, max_path_length);
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
