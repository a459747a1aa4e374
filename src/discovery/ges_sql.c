/*
 * ges_sql.c
 *		causal.ges(m causal.moments, names, lambda, max_parents): GES with the
 *		BIC score on a moment sketch, returning the CPDAG as edge rows, and
 *		causal.ges_score(...) returning the score of the result.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"

#include "discovery/discovery_sql.h"
#include "discovery/ges.h"
#include "graph/graph.h"
#include "sketch/moments.h"
#include "sketch/moments_funcs.h"

/*
 * Runs GES on the sketch of argument 0 with the arguments lambda (2) and
 * max_parents (3); names gets the node names (argument 1, else the sketch's).
 */
static void
RunGes(FunctionCallInfo fcinfo, GesResult *r, char ***names)
{
	Moments    *m = moments_get_arg(fcinfo, 0);
	int			k = m->k;
	double		lambda = PG_ARGISNULL(2) ? 0.5 : PG_GETARG_FLOAT8(2);
	int			maxp = PG_ARGISNULL(3) ? k / 2 : PG_GETARG_INT32(3);
	double	   *cov = palloc(sizeof(double) * k * k);
	GesProblem	p;

	if (!(lambda >= 0 && isfinite(lambda)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.ges: lambda must be zero or positive, got %g", lambda),
				 errhint("0.5 gives the BIC.")));
	if (maxp < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.ges: max_parents must be zero or positive, got %d", maxp)));
	if (k < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("causal.ges needs a sketch of at least two columns")));
	*names = discovery_node_names(fcinfo, 1, k, m->names);
	moments_require_weight(m, 1.0, "causal.ges");
	for (int j = 0; j < k; j++)
		moments_require_variance(m, j, "causal.ges");
	/* the covariance with divisor n (causal-learn's ddof 0) */
	for (int a = 0; a < k; a++)
		for (int b = 0; b < k; b++)
			cov[a + b * k] = moments_comoment(m, Min(a, b), Max(a, b)) / m->sum_w;
	p.k = k;
	p.cov = cov;
	p.n = m->sum_w;
	p.lambda = lambda;
	p.max_parents = maxp;
	ges_search(&p, r);
	/* a total weight near the double range overflows the score, and the search compared nonsense */
	if (!isfinite(r->score))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("causal.ges: the score overflows double precision (total weight %g)", m->sum_w),
				 errhint("Rescale the weights or the columns; the score grows with the total weight.")));
}

PG_FUNCTION_INFO_V1(ges_moments);

/* causal.ges(sketch, names, lambda, max_parents) returns the CPDAG's edge rows. */
Datum
ges_moments(PG_FUNCTION_ARGS)
{
	GesResult	r;
	char	  **names;

	RunGes(fcinfo, &r, &names);
	graph_edge_rows(fcinfo, r.g, names);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(ges_score_moments);

/* causal.ges_score(sketch, names, lambda, max_parents): the BIC of the graph GES returns. */
Datum
ges_score_moments(PG_FUNCTION_ARGS)
{
	GesResult	r;
	char	  **names;

	RunGes(fcinfo, &r, &names);
	PG_RETURN_FLOAT8(r.score);
}
